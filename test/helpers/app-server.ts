import { type ChildProcess, spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort } from '../../db/embedded-postgres'

/** The repository root, where server.ts and build/ are. */
export const repoRoot = path.resolve(import.meta.dirname, '../..')

const START_TIMEOUT_MS = 60_000
const STOP_TIMEOUT_MS = 15_000

/** Variables server.ts reads; a test sets the ones it wants, the rest never leak in from the test runner. */
const SERVER_VARIABLES = [
  'PORT',
  'DATABASE_URL',
  'DATABASE_POOL_SIZE',
  'DATA_DIR',
  'MAIL_DIR',
  'SMTP_URL',
  'MAIL_FROM',
  'MAIL_WORKER',
  'MAIL_POLL_MS',
  'APP_URL',
  'NODE_ENV',
  'SEED',
  'TEST_NOW',
  'WEB_CONCURRENCY',
]

export interface AppServer {
  url: string
  port: number
  pid: number
  /** Everything the server wrote so far, stdout and stderr interleaved. */
  output(): string
  stderr(): string
  /** How the process ended, or null while it runs. */
  exitStatus(): { code: number | null; signal: NodeJS.Signals | null } | null
  /** Sends `signal` (SIGTERM by default) and resolves with the exit code (null when a signal ended it). */
  stop(signal?: NodeJS.Signals): Promise<number | null>
}

export interface ServerExit {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

// Every child this module started and that has not exited yet, so nothing outlives the test run.
const running = new Set<ChildProcess>()

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  try {
    // The child leads its own process group (detached), which also holds the embedded PostgreSQL it starts.
    process.kill(-child.pid, signal)
  } catch {
    child.kill(signal)
  }
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode })
  }
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))
}

// Temporary folders made for servers, removed by stop() or killAllServers().
const tempDirs = new Set<string>()

/**
 * Asks every server still running to stop (SIGTERM, so it stops its own
 * PostgreSQL), kills the process group of any that does not within the grace
 * period, and removes the temporary folders made for them.
 */
export async function killAllServers(): Promise<void> {
  await Promise.all(
    [...running].map(async (child) => {
      const done = exited(child)
      child.kill('SIGTERM')
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), STOP_TIMEOUT_MS)
      await done
      clearTimeout(timer)
    }),
  )
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true })
  tempDirs.clear()
}

// Last resort when a test run is torn down without its afterAll (a crash, a timeout in a hook).
process.once('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL')
})

function childEnv(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const result: NodeJS.ProcessEnv = { ...process.env }
  for (const name of SERVER_VARIABLES) delete result[name]
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete result[name]
    else result[name] = value
  }
  return result
}

interface SpawnedServer {
  child: ChildProcess
  /** Resolves once the process has exited and both output streams have ended, so no output is lost. */
  closed: Promise<{ code: number | null; signal: NodeJS.Signals | null }>
  stdout(): string
  stderr(): string
  all(): string
}

function spawnServer(env: NodeJS.ProcessEnv): SpawnedServer {
  // node itself, not the tsx wrapper, so a signal reaches server.ts directly and its exit code is ours.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server.ts'], {
    cwd: repoRoot,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  child.once('exit', () => running.delete(child))
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('close', (code, signal) => resolve({ code, signal })),
  )
  let out = ''
  let err = ''
  let all = ''
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk
    all += chunk
  })
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk
    all += chunk
  })
  return { child, closed, stdout: () => out, stderr: () => err, all: () => all }
}

/**
 * Starts the real server (server.ts over the Remix build in build/) as a child
 * process on a free port (or `options.port`), with NODE_ENV=development and a
 * temporary MAIL_DIR unless given, in one process (WEB_CONCURRENCY=1) unless `options.env` says otherwise. Resolves once it logs "Listening on"; rejects with its output
 * if it exits first or does not listen within a minute.
 */
export async function startAppServer(
  options: {
    databaseUrl?: string
    dataDir?: string
    env?: Record<string, string>
    /** The port to listen on (free by default); pass one to know the URL before the start, e.g. for APP_URL. */
    port?: number
  } = {},
): Promise<AppServer> {
  const port = options.port ?? (await freePort())
  let mailDir: string | undefined
  const env: Record<string, string | undefined> = {
    NODE_ENV: 'development',
    PORT: String(port),
    DATABASE_URL: options.databaseUrl,
    DATA_DIR: options.dataDir,
    // The mail worker looks often, so tests need not wait long for queued mail.
    MAIL_POLL_MS: '100',
    // One process starts faster; the lifecycle test runs several (decision 38).
    WEB_CONCURRENCY: '1',
    ...options.env,
  }
  if (!env.MAIL_DIR) {
    mailDir = mkdtempSync(path.join(os.tmpdir(), 'klimasamling-test-mail-'))
    tempDirs.add(mailDir)
    env.MAIL_DIR = mailDir
  }
  const removeMailDir = () => {
    if (!mailDir) return
    rmSync(mailDir, { recursive: true, force: true })
    tempDirs.delete(mailDir)
  }

  const { child, closed, stderr, all } = spawnServer(childEnv(env))
  const listening = `Listening on http://localhost:${port}`

  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup()
        killGroup(child, 'SIGKILL')
        reject(new Error(`The server did not log "${listening}" within ${START_TIMEOUT_MS / 1000} s. Output:\n${all()}`))
      }, START_TIMEOUT_MS)
      const onData = () => {
        if (all().includes(listening)) {
          cleanup()
          resolve()
        }
      }
      const onExit = () => {
        cleanup()
        // Let the pipes drain so the rejection carries the whole output.
        void closed.then(({ code, signal }) => reject(new Error(`The server exited (code ${code}, signal ${signal}) before listening. Output:\n${all()}`)))
      }
      const cleanup = () => {
        clearTimeout(timer)
        child.stdout?.off('data', onData)
        child.stderr?.off('data', onData)
        child.off('exit', onExit)
      }
      child.stdout?.on('data', onData)
      child.stderr?.on('data', onData)
      child.once('exit', onExit)
    })
  } catch (error) {
    removeMailDir()
    throw error
  }

  let stopped: Promise<number | null> | undefined
  return {
    url: `http://localhost:${port}`,
    port,
    pid: child.pid ?? -1,
    output: all,
    stderr,
    exitStatus: () => (child.exitCode === null && child.signalCode === null ? null : { code: child.exitCode, signal: child.signalCode }),
    stop(signal: NodeJS.Signals = 'SIGTERM') {
      stopped ??= (async () => {
        const done = closed
        // The server itself, not its group: server.ts must stop its own PostgreSQL.
        if (child.exitCode === null && child.signalCode === null) child.kill(signal)
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), STOP_TIMEOUT_MS)
        const { code } = await done
        clearTimeout(timer)
        removeMailDir()
        return code
      })()
      return stopped
    },
  }
}

/**
 * Runs the server with `env` (on top of NODE_ENV=development and a free PORT;
 * an `undefined` value removes a variable) and resolves when it exits by itself.
 * Rejects, after killing it, if it is still running after `timeoutMs`.
 */
export async function runServerToExit(env: Record<string, string | undefined>, timeoutMs = 30_000): Promise<ServerExit> {
  const port = await freePort()
  const { child, closed, stdout, stderr, all } = spawnServer(childEnv({ NODE_ENV: 'development', PORT: String(port), WEB_CONCURRENCY: '1', ...env }))
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    killGroup(child, 'SIGKILL')
  }, timeoutMs)
  const { code, signal } = await closed
  clearTimeout(timer)
  if (timedOut) throw new Error(`The server was still running after ${timeoutMs / 1000} s. Output:\n${all()}`)
  return { code, signal, stdout: stdout(), stderr: stderr() }
}

export { freePort }
