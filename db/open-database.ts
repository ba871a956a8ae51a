import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import pg from 'pg'
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import { createDb } from './create-db'
import { ensureDatabase, startEmbeddedPostgres } from './embedded-postgres'
import { migrateToLatest } from './migrate'
import type { Database } from './schema'
import { seedIfEmpty } from './seed'

export interface OpenDatabase {
  db: Kysely<Database>
  /** Where the database is, without its password, for log lines. */
  description: string
  /** Its URL, password included, for the web processes server.ts forks (decision 38). */
  url: string
  close(): Promise<void>
}

export class DatabaseUnreachableError extends Error {}

const EMBEDDED_DATABASE = 'klimasamling'

/** postgres://user@host:port/db, without the password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url)
    u.password = ''
    return u.toString()
  } catch {
    return '(an unparsable DATABASE_URL)'
  }
}

/**
 * The database the app runs on: the server at `databaseUrl`, or else an
 * embedded PostgreSQL with its data under `dataDir/pg`. Migrates it to the
 * latest schema and, when asked, seeds it if it is empty.
 */
export async function openDatabase(options: {
  databaseUrl: string | undefined
  poolSize?: number
  dataDir: string
  seed: boolean
  log: (line: string) => void
}): Promise<OpenDatabase> {
  let url = options.databaseUrl
  let stopEmbedded = async () => {}
  // The embedded server of a running `npm start` owns the data folder; a command run beside it uses that server.
  const urlFile = path.join(options.dataDir, 'embedded-database-url')
  if (!url && existsSync(urlFile)) {
    const running = readFileSync(urlFile, 'utf8').trim()
    if (await answers(running)) {
      url = running
      options.log('Using the embedded PostgreSQL of the running app')
    }
  }
  if (!url) {
    const pgDir = path.join(options.dataDir, 'pg')
    const server = await startEmbeddedPostgres(pgDir)
    await ensureDatabase(server.serverUrl, EMBEDDED_DATABASE)
    url = server.urlFor(EMBEDDED_DATABASE)
    writeFileSync(urlFile, url)
    stopEmbedded = async () => {
      rmSync(urlFile, { force: true })
      await server.stop()
    }
    options.log(`Embedded PostgreSQL started, data in ${path.relative(process.cwd(), pgDir) || pgDir}`)
  }

  const db = createDb(url, { max: options.poolSize })
  const close = async () => {
    await db.destroy()
    await stopEmbedded()
  }
  try {
    try {
      await sql`select 1`.execute(db)
    } catch (error) {
      const reason = error instanceof Error ? (error as NodeJS.ErrnoException).code || error.message : String(error)
      throw new DatabaseUnreachableError(`Cannot reach the database at ${describeUrl(url)} (${reason}). Check DATABASE_URL.`)
    }
    const applied = await migrateToLatest(db)
    if (applied.length > 0) options.log(`Migrations applied: ${applied.join(', ')}`)
    if (options.seed && (await seedIfEmpty(db))) options.log('Seeded the reference municipalities and events')
  } catch (error) {
    await close()
    throw error
  }
  return { db, description: describeUrl(url), url, close }
}

/** Whether a PostgreSQL server answers at `url` within a second. */
async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 })
  try {
    await client.connect()
    await client.query('select 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}
