import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'

/**
 * The benchmarks' app: the built app started as `npm start` starts it
 * (`node --import tsx server.ts` over build/) in `appDir`, on a bench
 * database. bench:login and bench:http share it.
 */

/** The URL of the bench database `db`, for the app process. */
export async function databaseUrl(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ name: string; port: string; socket: string }>`
    select current_database() as name, current_setting('port') as port, current_setting('unix_socket_directories') as socket`.execute(db)
  const row = rows[0]
  if (!row) throw new Error('No database')
  if (process.env.TEST_DATABASE_URL) {
    const url = new URL(process.env.TEST_DATABASE_URL)
    url.pathname = `/${row.name}`
    return url.toString()
  }
  // The embedded server (db/embedded-postgres.ts): over its Unix socket, as the app reaches it (decision 21).
  const socket = row.socket.split(',')[0]?.trim()
  return socket
    ? `postgres://postgres:postgres@localhost:${row.port}/${row.name}?host=${encodeURIComponent(socket)}`
    : `postgres://postgres:postgres@127.0.0.1:${row.port}/${row.name}`
}

export interface BenchApp {
  child: ChildProcess
  output(): string
  /** CPU time (user + system, ms) of the app's processes so far: the first one's, and all, with the web processes it forked (`forked` of them). */
  cpuMs(): { first: number; all: number; forked: number }
  /** SIGTERM, and waits for the exit. */
  stop(): Promise<void>
}

/**
 * Starts server.ts in `appDir` as production on the bench database `db` and
 * `port` (its APP_URL), not seeding, its mail written to a folder of its own
 * that `stop` removes; `env` adds to or overrides that. Resolves once it logs
 * "Listening on". BENCH_NODE_ARGS are node options for it (and the web
 * processes it forks), e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
 */
export async function startBenchApp(appDir: string, options: { db: Kysely<Database>; port: number; env?: Record<string, string> }): Promise<BenchApp> {
  const mailDir = mkdtempSync(path.join(os.tmpdir(), 'klimasamling-bench-mail-'))
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', 'server.ts'], {
    cwd: appDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(options.port),
      DATABASE_URL: await databaseUrl(options.db),
      MAIL_DIR: mailDir,
      APP_URL: `http://localhost:${options.port}`,
      SEED: 'false',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.setEncoding('utf8').on('data', (c: string) => {
    output += c
  })
  child.stderr?.setEncoding('utf8').on('data', (c: string) => {
    output += c
  })
  const deadline = Date.now() + 120_000
  while (!output.includes('Listening on')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGTERM')
      rmSync(mailDir, { recursive: true, force: true })
      throw new Error(`The server did not start:\n${output}`)
    }
    await new Promise((r) => setTimeout(r, 50))
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  return {
    child,
    output: () => output,
    cpuMs: () => processTreeCpuMs(child.pid ?? -1),
    async stop() {
      child.kill('SIGTERM')
      await exited
      rmSync(mailDir, { recursive: true, force: true })
    },
  }
}

/** User + system CPU of `pid` and its child processes (not their children: PostgreSQL's are the database's), in ms, from /proc. */
function processTreeCpuMs(pid: number): { first: number; all: number; forked: number } {
  const ticksMs = 10 // USER_HZ is 100 on Linux
  const cpu = (stat: string) => {
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * ticksMs
  }
  let first = 0
  let all = 0
  let forked = 0
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(path.join('/proc', entry, 'stat'), 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
      if (Number(entry) === pid) first += cpu(stat)
      if (Number(entry) === pid || (ppid === pid && name.startsWith('node'))) all += cpu(stat)
      if (ppid === pid && name.startsWith('node')) forked += 1
    } catch {
      // The process ended while we looked.
    }
  }
  return { first, all, forked }
}

/**
 * User + system CPU (ms) of the PostgreSQL server processes serving `database` on this machine: the backends
 * whose title (`postgres: user database host …`) names it. 0 where the server runs elsewhere.
 */
export function postgresCpuMs(database: string): number {
  let ms = 0
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const title = readFileSync(path.join('/proc', entry, 'cmdline'), 'utf8')
      if (!title.startsWith('postgres: ') || !title.split(' ').includes(database)) continue
      const stat = readFileSync(path.join('/proc', entry, 'stat'), 'utf8')
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
      ms += (Number(fields[11]) + Number(fields[12])) * 10 // USER_HZ is 100 on Linux
    } catch {
      // The process ended while we looked.
    }
  }
  return ms
}
