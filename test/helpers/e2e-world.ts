import http from 'node:http'
import type { Kysely } from 'kysely'
import type { ParsedMail } from 'mailparser'
import type { Page, Response } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect } from 'vitest'
import type { Database } from '../../db/schema'
import { type AppServer, freePort, killAllServers, startAppServer } from './app-server'
import { expectNoAxeViolations, hasChromium, launchBrowser, noteMissingChromium, type TestBrowser } from './browser'
import { createTestDatabase, type TestDatabase } from './database'
import { type PageOptions, watchedPages } from './pages'
import { type SmtpSink, startSmtpSink } from './smtp-sink'

/**
 * A suite that needs Chromium: where /usr/bin/chromium is missing it is
 * skipped with one printed line (or, under REQUIRE_BROWSER=1, importing
 * test/helpers/browser.ts already failed the run).
 */
export function describeInChromium(name: string, body: () => void): void {
  noteMissingChromium()
  describe.skipIf(!hasChromium)(name, body)
}

export interface WorldOptions {
  /** The server's clock (NODE_ENV=test and TEST_NOW); without it the server runs with NODE_ENV=development and the real clock. */
  now?: string | Date
  /** More variables for the server (SEED, TRUST_PROXY, MAIL_POLL_MS …). */
  env?: Record<string, string>
  /** A real SMTP server (test/helpers/smtp-sink.ts) the app sends its mail to, as `world.mail`. */
  smtp?: boolean
  /** Launch Chromium for `world.page` (default true); false for raw-HTTP suites. */
  browser?: boolean
  /** Chromium's console line for a 4xx document is no error on any page of this world (the tests assert those statuses). */
  ignoreFailedLoads?: boolean
  /** Pages stay open from one test to the next (a story carried across tests) and close after the last one. */
  keepPagesOpen?: boolean
}

export interface WorldPageOptions extends Omit<PageOptions, 'login'> {
  /** Logged in as this user id, with a session made at `at` (by default the server's clock). */
  login?: string
  at?: string | Date
}

export interface E2eWorld {
  /** The file's own database (a copy of the migrated template; the server seeds it on start). */
  readonly db: Kysely<Database>
  readonly databaseUrl: string
  /** The app server now running. */
  readonly server: AppServer
  /** The server's address, e.g. for an Origin header; also its APP_URL, so links in mail lead back to it. */
  readonly appUrl: string
  /** The SMTP sink (with `smtp: true`). */
  readonly mail: SmtpSink
  /** Chromium (with `browser`), for a test that needs a context of its own. */
  readonly browser: TestBrowser
  /** The server's clock as set by `now` or `restart`, else the real time. */
  now(): Date
  /** The absolute URL of `path` on the server. */
  url(path: string): string
  /** A page in a fresh context, watched for JavaScript errors and CSP violations, closed after the test. */
  page(options?: WorldPageOptions): Promise<Page>
  /** Opens `path` (or an absolute link), checks the status, and runs axe on the page. */
  visit(page: Page, path: string, status?: number): Promise<Response>
  /** The JavaScript errors and CSP violations the pages saw during this test so far. */
  browserErrors(): string[]
  /** Forgets the browser errors a test provoked on purpose and checked itself; every other one still fails the test. */
  dismissBrowserErrors(provoked: (error: string, index: number) => boolean): void
  /** Every URL the world's pages asked for so far. */
  requested(): string[]
  /** Stops the server and starts it again on the same port and database, with the clock at `now`. */
  restart(options: { now: string | Date }): Promise<void>
}

/**
 * One e2e file's world, set up before its first test and torn down after its
 * last: a fresh database, optionally an SMTP sink, the real app server on a
 * port chosen first (so APP_URL is its own address), and Chromium. After each
 * test it checks that the server is still running and that the browser saw no
 * JavaScript error or CSP violation; after the last one, that the server
 * stopped cleanly (exit code 0). Call it inside the suite's describe.
 */
export function e2eWorld(options: WorldOptions = {}): E2eWorld {
  const withBrowser = options.browser ?? true
  let database: TestDatabase | undefined
  let sink: SmtpSink | undefined
  let server: AppServer | undefined
  let browser: TestBrowser | undefined
  let port = 0
  let clock = options.now === undefined ? undefined : new Date(options.now)
  const pages = watchedPages(() => ready(browser, 'browser (pass browser: true)'), { ignoreFailedLoads: options.ignoreFailedLoads })

  function ready<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`The e2e world has no ${what} yet: use it in a test or a beforeAll after e2eWorld()`)
    return value
  }

  const start = () =>
    startAppServer({
      databaseUrl: ready(database, 'database').url,
      port,
      env: {
        APP_URL: `http://localhost:${port}`,
        ...(clock ? { NODE_ENV: 'test', TEST_NOW: clock.toISOString() } : {}),
        ...(sink ? { SMTP_URL: sink.url } : {}),
        ...options.env,
      },
    })

  beforeAll(async () => {
    database = await createTestDatabase()
    if (options.smtp) sink = await startSmtpSink()
    port = await freePort()
    server = await start()
    if (withBrowser) browser = await launchBrowser()
  })

  afterEach(async () => {
    if (!options.keepPagesOpen) await pages.closeAll()
    const running = ready(server, 'server')
    expect(running.exitStatus(), `the app server ended during the test:\n${running.output()}`).toBeNull()
    expect(pages.takeErrors(), 'JavaScript errors or CSP violations in the browser').toEqual([])
  })

  afterAll(async () => {
    await pages.closeAll()
    await browser?.close()
    const code = await server?.stop()
    await killAllServers()
    await sink?.close()
    await database?.drop()
    if (process.env.DEBUG_SERVER_OUTPUT && server) process.stdout.write(server.output())
    if (server) expect(code, `the app server did not stop cleanly:\n${server.output()}`).toBe(0)
  })

  const url = (path: string) => new URL(path, ready(server, 'server').url).href

  return {
    get db() {
      return ready(database, 'database').db
    },
    get databaseUrl() {
      return ready(database, 'database').url
    },
    get server() {
      return ready(server, 'server')
    },
    get appUrl() {
      return ready(server, 'server').url
    },
    get mail() {
      return ready(sink, 'SMTP sink (pass smtp: true)')
    },
    get browser() {
      return ready(browser, 'browser (pass browser: true)')
    },
    now: () => clock ?? new Date(),
    url,
    page({ login, at, ...pageOptions } = {}) {
      return pages.open({
        ...pageOptions,
        login: login === undefined ? undefined : { db: ready(database, 'database').db, userId: login, at: new Date(at ?? clock ?? new Date()), url: url('/') },
      })
    },
    async visit(page, path, status = 200) {
      const response = await page.goto(url(path), { waitUntil: 'load' })
      expect(response, `no response for ${path}`).not.toBeNull()
      expect(response?.status(), `status of ${path}`).toBe(status)
      await expectNoAxeViolations(page)
      return response as Response
    },
    browserErrors: () => pages.peekErrors(),
    dismissBrowserErrors: (provoked) => pages.dismissErrors(provoked),
    requested: () => pages.requested(),
    async restart({ now }) {
      await ready(server, 'server').stop()
      clock = new Date(now)
      server = await start()
    },
  }
}

/** The one recipient of a message. */
export const recipient = (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? (mail.to.value[0]?.address ?? '') : '')

/** What the server answered a raw request. */
export interface RawAnswer {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

/**
 * One request to `baseUrl` with exactly these headers and this body, over
 * node:http (so nothing adds an Origin or Referer behind the test's back);
 * redirects are not followed.
 */
export function sendRaw(baseUrl: string, method: string, path: string, headers: Record<string, string> = {}, body?: Buffer | string): Promise<RawAnswer> {
  return new Promise<RawAnswer>((resolve, reject) => {
    const req = http.request(new URL(path, baseUrl), { method, headers }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        text += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end(body)
  })
}
