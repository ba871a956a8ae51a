import os from 'node:os'
import path from 'node:path'
import { z } from 'zod'

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  DATABASE_URL: z.string().trim().min(1).optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).optional(),
  DATA_DIR: z.string().min(1).default('.data'),
  SMTP_URL: z.string().trim().min(1).optional(),
  MAIL_FROM: z.string().min(3).default('Klimasamling <klimasamling@example.no>'),
  MAIL_DIR: z.string().min(1).optional(),
  MAIL_WORKER: z.enum(['true', 'false']).default('true'),
  MAIL_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1_000),
  APP_URL: z.url().optional(),
  SEED: z.enum(['true', 'false']).default('true'),
  TRUST_PROXY: z.string().default('false'),
  TEST_NOW: z.iso.datetime({ offset: true }).optional(),
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).optional(),
})

export interface Env {
  nodeEnv: 'development' | 'production' | 'test'
  port: number
  /** Unset: start the embedded PostgreSQL under dataDir. */
  databaseUrl: string | undefined
  /** Connections per app process; unset: createDb's default from the number of CPU cores. */
  databasePoolSize: number | undefined
  dataDir: string
  /** Unset: write mail as .eml files to mailDir. */
  smtpUrl: string | undefined
  mailFrom: string
  mailDir: string
  /** Run the outbox's worker inside the app process. */
  mailWorker: boolean
  /** How often the worker looks for due mail. */
  mailPollMs: number
  appUrl: string
  seed: boolean
  /** Express' 'trust proxy' setting: false, true, a hop count or a list of addresses. A trusted proxy's X-Forwarded-For, -Proto and -Host count: client addresses, Secure cookies, the same-origin check. */
  trustProxy: boolean | number | string
  /** A fixed clock for browser tests; honoured only when NODE_ENV=test. */
  testNow: Date | null
  /** Web processes serving HTTP (decision 38, docs/decisions); unset: one per CPU core. With 1, server.ts serves in its own process. */
  webConcurrency: number
}

/** Reads the process environment once, at start; a bad value stops the start with a clear message. */
export function parseEnv(source: NodeJS.ProcessEnv): Env {
  const result = schema.safeParse(source)
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new Error(`Invalid environment: ${problems}`)
  }
  const e = result.data
  const dataDir = path.resolve(e.DATA_DIR)
  return {
    nodeEnv: e.NODE_ENV,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    dataDir,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    mailDir: path.resolve(e.MAIL_DIR ?? path.join(dataDir, 'mail')),
    mailWorker: e.MAIL_WORKER === 'true',
    mailPollMs: e.MAIL_POLL_MS,
    appUrl: (e.APP_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    seed: e.SEED === 'true',
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    testNow: e.NODE_ENV === 'test' && e.TEST_NOW ? new Date(e.TEST_NOW) : null,
    webConcurrency: e.WEB_CONCURRENCY ?? os.availableParallelism(),
  }
}

function parseTrustProxy(value: string): boolean | number | string {
  if (value === 'true') return true
  if (value === 'false' || value === '') return false
  return /^\d+$/.test(value) ? Number(value) : value
}
