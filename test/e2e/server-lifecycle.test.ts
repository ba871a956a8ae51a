import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
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
})
