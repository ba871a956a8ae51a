import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { upsertUser } from '~/services/users.server'
import { createDb } from '../../db/create-db'
import { freePort, killAllServers, runServerToExit, startAppServer } from '../helpers/app-server'

const tempDirs: string[] = []

function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix))
  // As root, the embedded server runs as the `postgres` user, which must reach its data folder.
  chmodSync(dir, 0o755)
  tempDirs.push(dir)
  return dir
}

afterAll(async () => {
  await killAllServers()
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
})

interface ProcessInfo {
  pid: number
  ppid: number
  args: string
}

/** Every process on the machine, from /proc. */
function processes(): ProcessInfo[] {
  const list: ProcessInfo[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim()
      // The parent pid is the second field after the parenthesised command name.
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      list.push({ pid: Number(entry), ppid, args })
    } catch {
      // The process ended while we looked.
    }
  }
  return list
}

/** The embedded PostgreSQL with its data under `dataDir`: the postmaster and the processes it forked. */
function postgresProcesses(dataDir: string): ProcessInfo[] {
  const all = processes()
  const postmasters = all.filter((p) => p.args.includes(dataDir) && /\bpostgres\b/.test(p.args))
  const pids = new Set(postmasters.map((p) => p.pid))
  return [...postmasters, ...all.filter((p) => pids.has(p.ppid))]
}

/** Of the processes seen before, those still alive (same pid and same command line). */
function stillRunning(before: ProcessInfo[]): ProcessInfo[] {
  const now = processes()
  return before.filter((b) => now.some((p) => p.pid === b.pid && p.args === b.args))
}

async function getJson(url: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url)
  return { status: response.status, body: await response.json() }
}

async function getText(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url)
  return { status: response.status, body: await response.text() }
}

describe('server lifecycle', () => {
  it('exits with code 1 and one line on stderr when the database cannot be reached', async () => {
    const port = await freePort()
    const dataDir = tempDir('klimasamling-test-nodb-')
    const result = await runServerToExit({
      DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/nothing`,
      DATA_DIR: dataDir,
      MAIL_DIR: path.join(dataDir, 'mail'),
    })
    expect(result.code, `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`).toBe(1)
    const lines = result.stderr.replace(/\n$/, '').split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain('Cannot reach the database')
    expect(result.stdout).not.toContain('Listening on')
    // With DATABASE_URL set, it never starts an embedded PostgreSQL.
    expect(existsSync(path.join(dataDir, 'pg'))).toBe(false)
  })

  it('runs on an embedded PostgreSQL under DATA_DIR, stops it on SIGTERM and SIGINT, and reuses its data', async () => {
    const dataDir = tempDir('klimasamling-test-data-')

    // First start: a new cluster, migrated and seeded.
    const first = await startAppServer({ dataDir })
    expect(first.output()).toContain('Embedded PostgreSQL started')
    expect(first.output()).toContain('Migrations applied:')
    expect(first.output()).toContain('Seeded')
    expect(existsSync(path.join(dataDir, 'pg', 'PG_VERSION'))).toBe(true)
    expect(await getJson(`${first.url}/healthz`)).toEqual({ status: 200, body: { status: 'ok', db: 'ok' } })
    const front = await getText(`${first.url}/`)
    expect(front.status).toBe(200)
    expect(front.body).toContain('Klimasamling for kommunene i Møre og Romsdal')

    const postgres = postgresProcesses(dataDir)
    expect(postgres.length, 'no embedded postgres process found while the server runs').toBeGreaterThan(0)
    expect(await first.stop('SIGTERM'), first.output()).toBe(0)
    expect(first.output()).toContain('[klimasamling] Stopped')
    expect(stillRunning(postgres)).toEqual([])
    expect(postgresProcesses(dataDir)).toEqual([])

    // Second start on the same folder: the same data, nothing to migrate or seed.
    const second = await startAppServer({ dataDir })
    expect(second.output()).toContain('Embedded PostgreSQL started')
    expect(second.output()).not.toContain('Migrations applied')
    expect(second.output()).not.toContain('Seeded')
    expect(await getJson(`${second.url}/healthz`)).toEqual({ status: 200, body: { status: 'ok', db: 'ok' } })
    const again = await getText(`${second.url}/`)
    expect(again.status).toBe(200)
    expect(again.body).toContain('Klimasamling for kommunene i Møre og Romsdal')
    expect(again.body).toContain('Klimasamling for kommunene i Trøndelag')

    const postgresAgain = postgresProcesses(dataDir)
    expect(postgresAgain.length).toBeGreaterThan(0)
    expect(await second.stop('SIGINT'), second.output()).toBe(0)
    expect(second.output()).toContain('SIGINT received')
    expect(second.output()).toContain('[klimasamling] Stopped')
    expect(stillRunning(postgresAgain)).toEqual([])
    expect(postgresProcesses(dataDir)).toEqual([])
  })

  it('runs one web process per WEB_CONCURRENCY beside one database and one mail worker, and stops them all', async () => {
    const dataDir = tempDir('klimasamling-test-cluster-')
    const mailDir = path.join(dataDir, 'mail')
    const server = await startAppServer({ dataDir, env: { WEB_CONCURRENCY: '2', MAIL_DIR: mailDir } })
    expect(server.output()).toContain('2 web processes')
    // One embedded PostgreSQL, started by the first process.
    expect(server.output().match(/Embedded PostgreSQL started/g)).toHaveLength(1)
    const web = processes().filter((p) => p.ppid === server.pid && p.args.includes('server.ts'))
    expect(web, server.output()).toHaveLength(2)
    for (const p of web) {
      // The web processes neither send mail nor run the scheduled jobs: the first process does, once.
      const environ = readFileSync(`/proc/${p.pid}/environ`, 'utf8').split('\0')
      expect(environ).toContain('MAIL_WORKER=false')
      expect(environ).toContain('SEED=false')
    }
    const answers = await Promise.all(Array.from({ length: 40 }, () => getJson(`${server.url}/healthz`)))
    expect(answers.every((a) => a.status === 200)).toBe(true)
    expect((await getText(`${server.url}/`)).body).toContain('Klimasamling for kommunene i Møre og Romsdal')

    // A login mail, asked for through a web process, is written once (by the one mail worker).
    const db = createDb(readFileSync(path.join(dataDir, 'embedded-database-url'), 'utf8').trim(), { max: 1 })
    try {
      await upsertUser(db, { email: 'kari@volda.example.no', name: 'Kari Nordmann' })
    } finally {
      await db.destroy()
    }
    const login = await fetch(`${server.url}/logg-inn`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
      body: 'email=kari%40volda.example.no',
    })
    expect(login.status).toBe(302)
    const mails = () => (existsSync(mailDir) ? readdirSync(mailDir).filter((f) => f.endsWith('.eml')) : [])
    const deadline = Date.now() + 15_000
    while (mails().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100))
    // Several of the worker's rounds (100 ms apart) later, still one.
    await new Promise((r) => setTimeout(r, 1_000))
    expect(mails(), server.output()).toHaveLength(1)

    const postgres = postgresProcesses(dataDir)
    expect(postgres.length).toBeGreaterThan(0)
    expect(await server.stop('SIGTERM'), server.output()).toBe(0)
    expect(server.output()).toContain('[klimasamling] Stopped')
    expect(stillRunning(web)).toEqual([])
    expect(stillRunning(postgres)).toEqual([])
    expect(postgresProcesses(dataDir)).toEqual([])
  })
})
