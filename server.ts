/**
 * The production server: Express serving the Remix build. The first process
 * opens the database (an embedded PostgreSQL under .data/ unless DATABASE_URL
 * is set), migrates and seeds it and runs the mail worker; with
 * WEB_CONCURRENCY above 1 (by default one per CPU core) it forks that many web
 * processes with node:cluster, which share PORT, and serves nothing itself
 * (decision 38, docs/decisions). On SIGINT/SIGTERM every process closes what
 * it opened, the web processes first, before the first one exits.
 */
import cluster, { type Worker } from 'node:cluster'
import { existsSync, readdirSync } from 'node:fs'
import type { Server } from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createReadableStreamFromReadable, createRequestHandler, type ServerBuild, writeReadableStreamToWritable } from '@remix-run/node'
import express from 'express'
import './app/load-context'
import { type Env, parseEnv } from './app/utils/env.server'
import { startMailWorker } from './app/services/outbox.server'
import { scheduledJobs } from './app/services/scheduled-jobs.server'
import { createMailer } from './app/utils/mail.server'
import {
  answerUnexpectedErrors,
  cacheControlFor,
  formBodiesOnly,
  noLegacyDataRequests,
  logErrorResponses,
  refusalForStatus,
  refusalPage,
  sameOriginOnly,
  securityHeaders,
  wantsErrorPage,
  withSecure,
} from './app/utils/security.server'
import { type OpenDatabase, openDatabase } from './db/open-database'

const log = (line: string) => console.log(`[klimasamling] ${line}`)

function fail(error: unknown): never {
  console.error(`[klimasamling] ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}

const env = (() => {
  try {
    return parseEnv(process.env)
  } catch (error) {
    fail(error)
  }
})()

const buildFile = path.resolve('build/index.js')
if (!existsSync(buildFile)) fail('No Remix build found in build/. Run `npm run build` first (npm start does).')

// How long the first process waits for a web process to stop before it kills it.
const WEB_STOP_TIMEOUT_MS = 10_000

if (cluster.isWorker) await serveAsWebProcess()
else if (env.webConcurrency === 1) await serveAlone()
else await superviseWebProcesses(env.webConcurrency)

/** One process does everything: the database, the mail worker and HTTP. */
async function serveAlone() {
  const database = await open(env, env.databasePoolSize)
  const stopMail = startMail(database)
  const server = await listen(database, env.port, (port) => log(`Listening on http://localhost:${port} (database: ${database.description})`))
  onSignal(async () => {
    await closeServer(server)
    await stopMail()
    await database.close()
  })
}

/**
 * The first process of several: the database and the mail worker (so each
 * scheduled job and each email runs once), and `count` forked web processes,
 * each with its own pool to the database this one opened. A web process that
 * dies is replaced; it logs its own error.
 */
async function superviseWebProcesses(count: number) {
  // The mail worker and the scheduled jobs take one connection at a time.
  const database = await open(env, 2)
  const stopMail = startMail(database)
  const webEnv = { DATABASE_URL: database.url, SEED: 'false', MAIL_WORKER: 'false' }
  let stopping = false
  const fork = () => cluster.fork(webEnv)
  const started = (worker: Worker) =>
    new Promise<number>((resolve, reject) => {
      worker.once('listening', (address) => resolve(address.port))
      worker.once('exit', (code) => reject(new Error(`A web process exited (code ${code}) before it listened`)))
    })
  let serving = false
  cluster.on('exit', (worker, code, signal) => {
    if (stopping || !serving) return
    log(`Web process ${worker.process.pid} ended (code ${code}, signal ${signal}); starting another`)
    fork()
  })
  let port: number
  try {
    const ports = await Promise.all(Array.from({ length: count }, () => started(fork())))
    port = ports[0] ?? env.port
    serving = true
  } catch (error) {
    stopping = true
    await stopWebProcesses()
    await stopMail()
    await database.close()
    fail(error)
  }
  log(`Listening on http://localhost:${port} (database: ${database.description}; ${count} web processes)`)
  onSignal(async () => {
    stopping = true
    await stopWebProcesses()
    await stopMail()
    await database.close()
  })
}

/** Asks every web process to stop (SIGTERM) and waits until each has exited, killing one that takes longer than WEB_STOP_TIMEOUT_MS. */
async function stopWebProcesses() {
  await Promise.all(
    Object.values(cluster.workers ?? {}).map(async (worker) => {
      if (!worker || worker.isDead()) return
      const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()))
      worker.process.kill('SIGTERM')
      const timer = setTimeout(() => worker.process.kill('SIGKILL'), WEB_STOP_TIMEOUT_MS)
      await exited
      clearTimeout(timer)
    }),
  )
}

/** A forked web process: HTTP only, on the database the first process opened, without mail worker or seeding. */
async function serveAsWebProcess() {
  // The connections decision 19 gives one process (2 × cores + 2) are shared among the web processes, unless DATABASE_POOL_SIZE sets each one's.
  const database = await open(env, env.databasePoolSize ?? Math.ceil((os.availableParallelism() * 2 + 2) / env.webConcurrency))
  const server = await listen(database, env.port, () => {})
  const stop = async () => {
    await closeServer(server)
    await database.close()
  }
  // Stopped by the first process (SIGTERM), by Ctrl-C on the terminal (SIGINT), or when the first process is gone.
  let stopping = false
  const once = () => {
    if (stopping) return
    stopping = true
    void stop().finally(() => process.exit(0))
  }
  process.on('SIGTERM', once)
  process.on('SIGINT', once)
  process.on('disconnect', once)
}

async function open(env: Env, poolSize: number | undefined): Promise<OpenDatabase> {
  try {
    return await openDatabase({ databaseUrl: env.databaseUrl, poolSize, dataDir: env.dataDir, seed: env.seed, log })
  } catch (error) {
    fail(error)
  }
}

/** The outbox's worker, unless told not to (then `npm run worker` runs it alone); returns how to stop it. */
function startMail(database: OpenDatabase): () => Promise<void> {
  const mailer = createMailer({ smtpUrl: env.smtpUrl, from: env.mailFrom, mailDir: env.mailDir })
  const mail = { from: env.mailFrom, appUrl: env.appUrl }
  const worker = env.mailWorker
    ? startMailWorker({
        db: database.db,
        mailer,
        now: () => env.testNow ?? new Date(),
        intervalMs: env.mailPollMs,
        log,
        jobs: scheduledJobs(database.db, mail),
      })
    : null
  return async () => {
    await worker?.stop()
    mailer.close()
  }
}

async function closeServer(server: Server) {
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
}

/** On the first SIGINT or SIGTERM: logs it, runs `close`, logs "Stopped" and exits 0. */
function onSignal(close: () => Promise<void>) {
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    log(`${signal} received, shutting down`)
    await close()
    log('Stopped')
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
}

/** The Express app over the Remix build, listening on `port`. */
async function listen(database: OpenDatabase, port: number, listening: (port: number) => void): Promise<Server> {
  const build = (await import(pathToFileURL(buildFile).href)) as ServerBuild
  const mail = { from: env.mailFrom, appUrl: env.appUrl }
  const app = express()
  app.disable('x-powered-by')
  app.set('trust proxy', env.trustProxy)
  // Nothing here reads req.query (Remix reads the URL itself), so Express does not parse query strings.
  app.set('query parser', false)
  // One log line for every 4xx and 5xx answer, whoever gives it.
  app.use(logErrorResponses(log))
  app.use(securityHeaders(env.appUrl))
  app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }))
  // The other files in public/ by their first path segment, so a page's request does not look for a file first.
  const publicFiles = express.static('public', { maxAge: '1h' })
  const publicNames = new Set(readdirSync('public'))
  app.use((req, res, next) => (publicNames.has(req.path.split('/')[1] ?? '') ? publicFiles(req, res, next) : next()))
  app.get('/favicon.ico', (_req, res) => res.redirect(301, '/favicon.svg'))
  // A path that is not valid percent-encoding cannot name a page: show the 404 page for a path that names none.
  // (The Remix adapter reads originalUrl, so both are replaced.)
  app.use((req, _res, next) => {
    try {
      decodeURIComponent(req.path)
    } catch {
      req.url = '/ugyldig-adresse'
      req.originalUrl = '/ugyldig-adresse'
    }
    next()
  })
  app.use(noLegacyDataRequests())
  app.use(sameOriginOnly(env.appUrl))
  // Every body is a sound form of at most 1 MB before the app reads it (decision 33).
  app.use(formBodiesOnly())

  // Always production mode: the build is a production build, and development mode would send error stacks to the browser.
  const handleRemixRequest = createRequestHandler(build, 'production')
  app.all('*', async (req, res, next) => {
    try {
      const response = await handleRemixRequest(remixRequest(req, res), {
        db: database.db,
        mail,
        env,
        now: () => env.testNow ?? new Date(),
        clientAddress: req.ip ?? 'unknown',
        cspNonce: String(res.locals.cspNonce),
        // A GET or HEAD runs loaders only, so they may share what they look up (app/load-context.ts).
        loaderShared: req.method === 'GET' || req.method === 'HEAD' ? {} : undefined,
      })
      // A browser gets a Norwegian page for every error, also from a resource route or for a method a page does not take.
      const errorPage = wantsErrorPage(req.path, req.get('accept'), response.status, response.headers.get('Content-Type'))
      res.statusMessage = response.statusText
      res.status(response.status)
      for (const [name, value] of response.headers) {
        if (name === 'set-cookie' || (errorPage && REPLACED_BY_ERROR_PAGE.has(name))) continue
        res.append(name, value)
      }
      // Personal pages are never stored by a cache, and cookies are Secure whenever the request came over https.
      for (const cookie of response.headers.getSetCookie()) res.append('Set-Cookie', req.secure ? withSecure(cookie) : cookie)
      const cacheControl = cacheControlFor(req.path, req.get('cookie') ?? null)
      if (cacheControl) res.setHeader('Cache-Control', cacheControl)
      if (errorPage) {
        await response.body?.cancel()
        res.setHeader('Content-Type', 'text/html; charset=utf-8')
        res.end(refusalPage(refusalForStatus(response.status)))
      } else if (response.body) await writeReadableStreamToWritable(response.body, res)
      else res.end()
    } catch (error) {
      next(error)
    }
  })
  app.use(answerUnexpectedErrors())

  const server: Server = app.listen(port, () => {
    const address = server.address()
    listening(typeof address === 'object' && address ? address.port : port)
  })
  server.on('error', (error) => {
    void database.close().finally(() => fail(error))
  })
  return server
}

// Headers of the app's answer that the Norwegian error page replaces.
const REPLACED_BY_ERROR_PAGE = new Set(['content-type', 'content-length', 'content-disposition'])

/**
 * The Fetch API request Remix reads, made once from Express' (as
 * @remix-run/express makes it: the host and port a trusted proxy names, the
 * original URL), with the body formBodiesOnly has read and checked, and a
 * signal that aborts when the client goes away before the answer is sent.
 */
function remixRequest(req: express.Request, res: express.Response): Request {
  const port = portOf(req.get('X-Forwarded-Host')) ?? portOf(req.get('host'))
  const url = `${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${req.originalUrl}`
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    if (Array.isArray(value)) for (const v of value) headers.append(name, v)
    else headers.set(name, value)
  }
  const controller = new AbortController()
  res.on('close', () => {
    if (!res.writableFinished) controller.abort()
  })
  const init: RequestInit & { duplex?: 'half' } = { method: req.method, headers, signal: controller.signal }
  const body: unknown = res.locals.formBody
  if (body instanceof Buffer) init.body = new Uint8Array(body.buffer, body.byteOffset, body.byteLength)
  else if (req.method !== 'GET' && req.method !== 'HEAD') {
    init.body = createReadableStreamFromReadable(req)
    init.duplex = 'half'
  }
  return new Request(new URL(url).href, init)
}

function portOf(host: string | undefined): number | undefined {
  const port = Number.parseInt(host?.split(':')[1] ?? '', 10)
  return Number.isSafeInteger(port) ? port : undefined
}
