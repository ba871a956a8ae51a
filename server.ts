/**
 * The production server: Express serving the Remix build. It opens the
 * database (an embedded PostgreSQL under .data/ unless DATABASE_URL is set),
 * migrates and seeds it, listens on PORT, and on SIGINT/SIGTERM closes
 * everything it opened before it exits.
 */
import { existsSync } from 'node:fs'
import type { Server } from 'node:http'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { createRemixRequest, sendRemixResponse } from '@remix-run/express/dist/server.js'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import express from 'express'
import './app/load-context'
import { parseEnv } from './app/utils/env.server'
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

let database: OpenDatabase
try {
  database = await openDatabase({ databaseUrl: env.databaseUrl, poolSize: env.databasePoolSize, dataDir: env.dataDir, seed: env.seed, log })
} catch (error) {
  fail(error)
}

const build = (await import(pathToFileURL(buildFile).href)) as ServerBuild
const mailer = createMailer({ smtpUrl: env.smtpUrl, from: env.mailFrom, mailDir: env.mailDir })
const mail = { from: env.mailFrom, appUrl: env.appUrl }
// The outbox's worker runs inside the app unless told not to (then `npm run worker` runs it alone).
const worker = env.mailWorker
  ? startMailWorker({ db: database.db, mailer, now: () => env.testNow ?? new Date(), intervalMs: env.mailPollMs, log, jobs: scheduledJobs(database.db, mail) })
  : null

const app = express()
app.disable('x-powered-by')
app.set('trust proxy', env.trustProxy)
// One log line for every 4xx and 5xx answer, whoever gives it.
app.use(logErrorResponses(log))
app.use(securityHeaders(env.appUrl))
app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }))
app.use(express.static('public', { maxAge: '1h' }))
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
    let request = createRemixRequest(req, res)
    // The body formBodiesOnly has read and checked; the stream it came from is spent.
    const body: unknown = res.locals.formBody
    if (body instanceof Buffer) {
      request = new Request(request.url, {
        method: request.method,
        headers: request.headers,
        signal: request.signal,
        body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength),
      })
    }
    const response = await handleRemixRequest(request, {
      db: database.db,
      mail,
      env,
      now: () => env.testNow ?? new Date(),
      clientAddress: req.ip ?? 'unknown',
      cspNonce: String(res.locals.cspNonce),
    })
    // Personal pages are never stored by a cache, and cookies are Secure whenever the request came over https.
    const headers = new Headers()
    for (const [name, value] of response.headers) if (name !== 'set-cookie') headers.append(name, value)
    for (const cookie of response.headers.getSetCookie()) headers.append('Set-Cookie', req.secure ? withSecure(cookie) : cookie)
    const cacheControl = cacheControlFor(req.path, req.get('cookie') ?? null)
    if (cacheControl) headers.set('Cache-Control', cacheControl)
    // A browser gets a Norwegian page for every error, also from a resource route or for a method a page does not take.
    let answer = response.body
    if (wantsErrorPage(req.path, req.get('accept'), response.status, response.headers.get('Content-Type'))) {
      await response.body?.cancel()
      answer = new Response(refusalPage(refusalForStatus(response.status))).body
      headers.set('Content-Type', 'text/html; charset=utf-8')
      headers.delete('Content-Length')
      headers.delete('Content-Disposition')
    }
    await sendRemixResponse(res, new Response(answer, { status: response.status, statusText: response.statusText, headers }))
  } catch (error) {
    next(error)
  }
})
app.use(answerUnexpectedErrors())

const server: Server = app.listen(env.port, () => {
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : env.port
  log(`Listening on http://localhost:${port} (database: ${database.description})`)
})
server.on('error', (error) => {
  void database.close().finally(() => fail(error))
})

let stopping = false
async function shutdown(signal: string) {
  if (stopping) return
  stopping = true
  log(`${signal} received, shutting down`)
  server.closeAllConnections()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  await worker?.stop()
  mailer.close()
  await database.close()
  log('Stopped')
  process.exit(0)
}
process.on('SIGINT', () => void shutdown('SIGINT'))
process.on('SIGTERM', () => void shutdown('SIGTERM'))
