import { randomUUID } from 'node:crypto'
import { readFileSync } from 'node:fs'
import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type AppServer, freePort, killAllServers, startAppServer } from '../helpers/app-server'
import { expectNoAxeViolations, hasChromium, launchBrowser, type TestBrowser } from '../helpers/browser'
import { createTestDatabase, type TestDatabase } from '../helpers/database'
import { type RawAnswer, sendRaw } from '../helpers/e2e-world'
import { testContext } from '../helpers/app-context'
import { makeContactPerson, makeOrganiser, MR, registrationId, sessionCookieFor } from '../helpers/fixtures'

/**
 * The HTTP edge under hostile requests, over raw HTTP against the real server:
 * bodies that are not forms, Origin/Host
 * combinations Remix itself refuses, oversized bodies, Secure cookies behind
 * an https proxy, and Cache-Control on pages with personal data. Every refusal
 * is a 4xx with a Norwegian page and one log line, never a 500 or a stack.
 */

type Answer = RawAnswer

/** What a leaked error would look like: a stack frame, a source path, an error class name. */
const STACK_TRACE = /\bat [\w$.<>]+ \(|node_modules|\/work\/|\.tsx?:\d+|\b(URI|Type|Reference|Range)Error\b/
const KNOWN_EMAIL = 'kjent@example.no'
const LIMIT = 1024 * 1024

/** A login form for an address of its own, so accepted requests never meet the per-email login limit. */
let forms = 0
const freshForm = () => `email=${encodeURIComponent(`ukjent-${++forms}@example.no`)}`

let database: TestDatabase
let server: AppServer
let browser: TestBrowser | null = null

/** One request with exactly these headers and this body (sendRaw); redirects are not followed. */
const send = (target: AppServer, method: string, path: string, headers: Record<string, string> = {}, body?: Buffer | string) =>
  sendRaw(target.url, method, path, headers, body)

const own = () => ({ origin: server.url })

/** The lines the server logged while `run` ran (and a moment after, for the pipe to deliver them). */
async function logged<T>(run: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
  // Lines of earlier requests still in the pipe arrive first.
  await new Promise((resolve) => setTimeout(resolve, 150))
  const before = server.output().length
  const result = await run()
  await new Promise((resolve) => setTimeout(resolve, 150))
  const lines = server
    .output()
    .slice(before)
    .split('\n')
    .filter((line) => line.trim() !== '')
  return { result, lines }
}

/** The resident memory of a process in MB, from /proc. */
function residentMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return Number(match?.[1]) / 1024
}

/** The Norwegian error page: HTML in bokmål, no stack. */
function expectErrorPage(answer: Answer, words: RegExp) {
  expect(answer.headers['content-type']).toMatch(/^text\/html/)
  expect(answer.body).toContain('lang="nb"')
  expect(answer.body).toMatch(words)
  expect(answer.body).not.toMatch(STACK_TRACE)
}

/** Checks an error page with axe in Chromium (the page's own HTML, as a browser would render it). */
async function axe(answer: Answer) {
  if (!browser) return
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.route('**/*', (route) =>
    route.request().url() === `${server.url}/feil` ? route.fulfill({ status: 200, contentType: 'text/html', body: answer.body }) : route.continue(),
  )
  await page.goto(`${server.url}/feil`)
  await expectNoAxeViolations(page)
  await context.close()
}

describe('the HTTP edge under hostile requests', () => {
  let registration: string
  let organiserCookie: string

  beforeAll(async () => {
    database = await createTestDatabase()
    server = await startAppServer({ databaseUrl: database.url })
    await database.db.insertInto('app_user').values({ email: KNOWN_EMAIL, name: 'Kjell Kjent' }).execute()
    registration = await registrationId(database.db, MR, 'Molde')
    await makeContactPerson(database.db, 'kontakt@example.no', registration)
    const organiser = await makeOrganiser(database.db, 'arrangor@example.no', MR)
    organiserCookie = await sessionCookieFor(testContext({ db: database.db }), organiser.id)
    if (hasChromium) browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    const code = await server?.stop()
    await killAllServers()
    await database?.drop()
    if (process.env.DEBUG_SERVER_OUTPUT && server) process.stdout.write(server.output())
    if (server) expect(code, `the app server did not stop cleanly:\n${server.output()}`).toBe(0)
  })

  describe('a POST that is not a form body', () => {
    const boundary = '----klimasamling-test'
    const bodies: { name: string; headers: Record<string, string>; body: Buffer; status: number }[] = [
      { name: 'JSON', headers: { 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ email: KNOWN_EMAIL })), status: 415 },
      { name: 'plain text', headers: { 'content-type': 'text/plain' }, body: Buffer.from(`email=${KNOWN_EMAIL}`), status: 415 },
      { name: 'no content type', headers: {}, body: Buffer.from(`email=${KNOWN_EMAIL}`), status: 415 },
      {
        name: 'multipart whose boundary does not match the body',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: Buffer.from(`--other\r\nContent-Disposition: form-data; name="email"\r\n\r\n${KNOWN_EMAIL}\r\n--other--\r\n`),
        status: 400,
      },
      {
        name: 'multipart without a boundary',
        headers: { 'content-type': 'multipart/form-data' },
        body: Buffer.from(`--x\r\nContent-Disposition: form-data; name="email"\r\n\r\n${KNOWN_EMAIL}\r\n--x--\r\n`),
        status: 400,
      },
      {
        name: 'url-encoded with percent-encoded invalid UTF-8',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Buffer.from('email=%FF%FEkjent%40example.no'),
        status: 400,
      },
      {
        name: 'url-encoded with raw invalid UTF-8 bytes',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: Buffer.concat([Buffer.from('email=kjent'), Buffer.from([0xc3, 0x28]), Buffer.from('%40example.no')]),
        status: 400,
      },
      {
        name: 'multipart with invalid UTF-8',
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: Buffer.concat([
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\n`),
          Buffer.from([0xff, 0xfe]),
          Buffer.from(`\r\n--${boundary}--\r\n`),
        ]),
        status: 400,
      },
    ]
    const paths = () => [
      '/logg-inn',
      '/logg-inn/kode',
      '/logg-ut',
      '/?index',
      `/kommune/${registration}?index`,
      `/arrangor/${randomUUID()}/team`,
      '/arrangor/nytt',
    ]

    for (const { name, headers, body, status } of bodies) {
      it(`answers ${name} with ${status} and a Norwegian page on every form, logging one line and changing nothing`, async () => {
        for (const path of paths()) {
          for (const cookie of [undefined, organiserCookie]) {
            const { result, lines } = await logged(() =>
              send(server, 'POST', path, { ...own(), ...headers, ...(cookie ? { cookie } : {}), 'content-length': String(body.length) }, body),
            )
            expect(result.status, `${name} to ${path}: ${result.body.slice(0, 300)}`).toBe(status)
            expectErrorPage(result, /skjema|innholdet/i)
            expect(lines, `the server's log for ${name} to ${path}`).toHaveLength(1)
            expect(lines[0]).toContain(`POST ${path.split('?')[0]} ${status}`)
            expect(lines[0]).not.toMatch(STACK_TRACE)
          }
        }
        expect(await database.db.selectFrom('login_token').select('id').execute()).toEqual([])
      })
    }

    it('shows the refusal as an accessible page', async () => {
      const answer = await send(server, 'POST', '/logg-inn', { ...own(), 'content-type': 'application/json' }, '{}')
      expect(answer.status).toBe(415)
      await axe(answer)
    })

    it('still takes a real form, url-encoded or multipart, and a POST without a body to log out', async () => {
      const urlencoded = await send(server, 'POST', '/logg-inn', { ...own(), 'content-type': 'application/x-www-form-urlencoded' }, freshForm())
      expect(urlencoded.status, urlencoded.body).toBe(302)
      const boundary = '----ok'
      const multipart = await send(
        server,
        'POST',
        '/logg-inn',
        { ...own(), 'content-type': `multipart/form-data; boundary=${boundary}` },
        `--${boundary}\r\nContent-Disposition: form-data; name="email"\r\n\r\n${KNOWN_EMAIL}\r\n--${boundary}--\r\n`,
      )
      expect(multipart.status, multipart.body).toBe(302)
      const logout = await send(server, 'POST', '/logg-ut', own())
      expect(logout.status).toBe(302)
      await database.db.deleteFrom('login_token').execute()
    })

    it('answers an empty form with the page, and no body and no content type with 415', async () => {
      const { result, lines } = await logged(() =>
        send(server, 'POST', '/logg-inn', { ...own(), 'content-type': 'application/x-www-form-urlencoded', 'content-length': '0' }),
      )
      // An empty form is a form: the login page answers it with its field error, not a 500.
      expect(result.status).toBe(400)
      expect(result.body).toContain('lang="nb"')
      expect(lines).toHaveLength(1)
      const none = await send(server, 'POST', '/logg-inn', own())
      expect(none.status).toBe(415)
      expectErrorPage(none, /skjema/i)
    })
  })

  describe('error pages', () => {
    const browserAccept = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' }

    it('shows a browser a Norwegian page for a resource route’s error and for a method a page does not take', async () => {
      const calendar = await send(server, 'GET', '/arrangementer/finnes-ikke/kalender.ics', browserAccept)
      expect(calendar.status).toBe(404)
      expectErrorPage(calendar, /Fant ikke siden/)
      const health = await send(server, 'POST', '/healthz', { ...browserAccept, ...own(), 'content-type': 'application/x-www-form-urlencoded' }, 'a=1')
      expect(health.status).toBe(405)
      expectErrorPage(health, /tar ikke imot skjemaer/)
      const page = await send(server, 'POST', '/tilgjengelighet', { ...browserAccept, ...own(), 'content-type': 'application/x-www-form-urlencoded' }, 'a=1')
      expect(page.status).toBe(405)
      expectErrorPage(page, /tar ikke imot skjemaer/)
      await axe(health)
    })

    it('answers Remix’s legacy data requests (?_data=, unused with single fetch) 404, where a route answering a status of its own made them 500', async () => {
      for (const path of ['/?_data=root', '/logg-inn?_data=routes%2Flogg-inn._index', '/arrangementer/finnes-ikke?_data=routes%2Farrangementer.%24slug']) {
        const answer = await send(server, 'GET', path)
        expect(answer.status, path).toBe(404)
        expectErrorPage(answer, /Fant ikke siden/)
      }
      const post = await send(
        server,
        'POST',
        '/logg-inn?_data=routes%2Flogg-inn._index',
        { ...own(), 'content-type': 'application/x-www-form-urlencoded' },
        'email=x',
      )
      expect(post.status).toBe(404)
      expect(await send(server, 'GET', '/healthz')).toMatchObject({ status: 200 })
    })

    it('leaves a non-browser client the route’s own answer', async () => {
      const calendar = await send(server, 'GET', '/arrangementer/finnes-ikke/kalender.ics')
      expect(calendar.status).toBe(404)
      expect(calendar.headers['content-type']).toMatch(/^text\/plain/)
      const health = await send(server, 'GET', '/healthz', { accept: 'application/json' })
      expect(health.status).toBe(200)
      expect(health.headers['content-type']).toMatch(/json/)
    })
  })

  describe('Origin and Host', () => {
    const post = (target: AppServer, headers: Record<string, string>) =>
      send(target, 'POST', '/logg-inn', { 'content-type': 'application/x-www-form-urlencoded', ...headers }, freshForm())

    it('refuses with 403, before Remix, an Origin of APP_URL sent to another Host', async () => {
      const { result, lines } = await logged(() => post(server, { origin: server.url, host: 'annen.example' }))
      expect(result.status, result.body).toBe(403)
      expect(lines.join('\n')).not.toMatch(STACK_TRACE)
      expectErrorPage(result, /avvist/)
      expect(lines, lines.join('\n')).toHaveLength(1)
      expect(lines[0]).toContain('POST /logg-inn 403')
    })

    it('accepts an Origin that is the Host the request was sent to', async () => {
      const answer = await post(server, { origin: 'http://annen.example', host: 'annen.example' })
      expect(answer.status, answer.body).toBe(302)
    })

    it('refuses an X-Forwarded-Host without TRUST_PROXY that differs from the Origin, and one that matches it', async () => {
      const differs = await post(server, { origin: server.url, 'x-forwarded-host': 'proxy.example' })
      expect(differs.status, differs.body).toBe(403)
      const matches = await post(server, { origin: 'https://proxy.example', 'x-forwarded-host': 'proxy.example' })
      expect(matches.status, matches.body).toBe(403)
    })

    it('refuses Origin null and accepts a same-origin Referer alone', async () => {
      expect((await post(server, { origin: 'null' })).status).toBe(403)
      expect((await post(server, { origin: 'nonsense' })).status).toBe(403)
      const referer = await post(server, { referer: `${server.url}/logg-inn`, host: `localhost:${server.port}` })
      expect(referer.status, referer.body).toBe(302)
    })
  })

  describe('body size', () => {
    it('answers 413 at once to a declared 200 MB body, without reading it', async () => {
      const rss = residentMb(server.pid)
      // Only 64 KB of the declared 200 MB is ever sent: an answer at all means the server did not wait for the rest.
      const answer = await new Promise<Answer>((resolve, reject) => {
        const req = http.request(new URL('/logg-inn', server.url), {
          method: 'POST',
          headers: { ...own(), 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(200 * LIMIT) },
        })
        req.on('response', (res) => {
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => {
            text += chunk
          })
          res.on('end', () => {
            req.destroy()
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text })
          })
        })
        req.on('error', reject)
        req.write(`email=${'a'.repeat(64 * 1024)}`)
      })
      expect(answer.status).toBe(413)
      expectErrorPage(answer, /for stor/)
      expect(residentMb(server.pid) - rss).toBeLessThan(20)
    })

    it('answers 413 to a chunked body once it grows past 1 MB, and the process does not grow by the body', async () => {
      const rss = residentMb(server.pid)
      const chunk = Buffer.alloc(256 * 1024, 'a')
      let sent = 0
      const answer = await new Promise<Answer>((resolve, reject) => {
        const req = http.request(new URL('/logg-inn', server.url), {
          method: 'POST',
          headers: { ...own(), 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
        })
        let done = false
        req.on('response', (res) => {
          done = true
          let text = ''
          res.setEncoding('utf8')
          res.on('data', (part: string) => {
            text += part
          })
          res.on('end', () => {
            req.destroy()
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text })
          })
        })
        req.on('error', (error) => (done ? undefined : reject(error)))
        req.write('email=')
        const pump = () => {
          // Up to 200 MB, or until the server answers.
          while (!done && sent < 200 * LIMIT) {
            sent += chunk.length
            if (!req.write(chunk)) return void req.once('drain', pump)
          }
          if (!done) req.end()
        }
        pump()
      })
      expect(answer.status).toBe(413)
      expectErrorPage(answer, /for stor/)
      expect(sent).toBeLessThan(100 * LIMIT)
      expect(residentMb(server.pid) - rss).toBeLessThan(20)
      // And the app is well afterwards.
      expect((await send(server, 'GET', '/')).status).toBe(200)
    })

    it('takes a form just under the limit', async () => {
      const body = `${freshForm()}&filler=${'a'.repeat(LIMIT - 200)}`
      const answer = await send(server, 'POST', '/logg-inn', { ...own(), 'content-type': 'application/x-www-form-urlencoded' }, body)
      expect(answer.status, answer.body.slice(0, 300)).toBe(302)
    })
  })

  describe('Cache-Control', () => {
    it('is private, no-store on every page with personal data, for anyone asking', async () => {
      const participant = randomUUID()
      const paths = [
        `/kommune/${registration}`,
        `/kommune/${registration}/ny-deltaker`,
        `/kommune/${registration}/deltaker/${participant}`,
        `/deltaker/${participant}`,
        '/arrangor',
        `/arrangor/${randomUUID()}/team`,
        '/arrangor/kommuneregister',
        '/min-side',
        `/invitasjon/${'x'.repeat(43)}`,
        `/logg-inn/lenke/${'x'.repeat(43)}`,
        '/logg-inn/kode',
        '/finnes-ikke',
      ]
      for (const path of paths) {
        for (const cookie of [undefined, organiserCookie]) {
          const answer = await send(server, 'GET', path, cookie ? { cookie } : {})
          expect(answer.status, path).toBeLessThan(500)
          expect(answer.headers['cache-control'], `${path} ${cookie ? 'as organiser' : 'anonymous'}`).toBe('private, no-store')
        }
      }
    })

    it('leaves public pages and static files cacheable when nobody is logged in, and private when someone is', async () => {
      for (const path of ['/', `/arrangementer/${MR}`, '/tilgjengelighet', '/favicon.svg']) {
        const anonymous = await send(server, 'GET', path)
        expect(anonymous.status, path).toBe(200)
        expect(anonymous.headers['cache-control'] ?? '', path).not.toContain('no-store')
      }
      expect((await send(server, 'GET', '/favicon.svg')).headers['cache-control']).toContain('max-age=3600')
      // The page header names the logged-in person.
      const mine = await send(server, 'GET', '/', { cookie: organiserCookie })
      expect(mine.body).toContain('Min side')
      expect(mine.headers['cache-control']).toBe('private, no-store')
    })
  })
})

describe('Secure cookies behind an https proxy', () => {
  let proxied: AppServer
  let direct: AppServer
  let db2: TestDatabase

  beforeAll(async () => {
    db2 = await createTestDatabase()
    const port = await freePort()
    proxied = await startAppServer({ databaseUrl: db2.url, port, env: { TRUST_PROXY: 'true', SEED: 'false', MAIL_WORKER: 'false' } })
    direct = await startAppServer({ databaseUrl: db2.url, env: { SEED: 'false', MAIL_WORKER: 'false' } })
  })

  afterAll(async () => {
    await proxied?.stop()
    await direct?.stop()
    await killAllServers()
    await db2?.drop()
  })

  const loginCookie = (answer: Answer) => (answer.headers['set-cookie'] ?? []).find((c) => c.startsWith('klimasamling_login_email='))

  it('marks cookies Secure when a trusted proxy says the request came over https', async () => {
    const answer = await send(
      proxied,
      'POST',
      '/logg-inn',
      {
        origin: 'https://klimasamling.example',
        'x-forwarded-host': 'klimasamling.example',
        'x-forwarded-proto': 'https',
        'content-type': 'application/x-www-form-urlencoded',
      },
      freshForm(),
    )
    expect(answer.status, answer.body).toBe(302)
    expect(loginCookie(answer)).toMatch(/;\s*Secure/i)

    const plain = await send(proxied, 'POST', '/logg-inn', { origin: proxied.url, 'content-type': 'application/x-www-form-urlencoded' }, freshForm())
    expect(plain.status, plain.body).toBe(302)
    expect(loginCookie(plain)).toBeDefined()
    expect(loginCookie(plain)).not.toMatch(/;\s*Secure/i)
  })

  it('with TRUST_PROXY, takes the forwarded host as its own, and still refuses what Remix would refuse', async () => {
    const headers = { 'content-type': 'application/x-www-form-urlencoded' }
    // The proxy's public host, forwarded: ours and Remix's checks both accept.
    const forwarded = await send(
      proxied,
      'POST',
      '/logg-inn',
      { ...headers, origin: 'http://klimasamling.example', 'x-forwarded-host': 'klimasamling.example' },
      freshForm(),
    )
    expect(forwarded.status, forwarded.body).toBe(302)
    // APP_URL's origin through a proxy that forwards another host: Remix would answer 500; we answer 403.
    const other = await send(proxied, 'POST', '/logg-inn', { ...headers, origin: proxied.url, 'x-forwarded-host': 'annen.example' }, freshForm())
    expect(other.status, other.body).toBe(403)
    expect(other.body).toContain('avvist')
    // A foreign Origin matching a forged forwarded host is still foreign to a proxy we do not trust.
    const forged = await send(
      direct,
      'POST',
      '/logg-inn',
      { ...headers, origin: 'http://klimasamling.example', 'x-forwarded-host': 'klimasamling.example' },
      freshForm(),
    )
    expect(forged.status, forged.body).toBe(403)
    expect(proxied.output()).not.toMatch(STACK_TRACE)
    expect(direct.output()).not.toMatch(STACK_TRACE)
  })

  it('does not believe X-Forwarded-Proto without TRUST_PROXY', async () => {
    const answer = await send(
      direct,
      'POST',
      '/logg-inn',
      { origin: direct.url, 'x-forwarded-proto': 'https', 'content-type': 'application/x-www-form-urlencoded' },
      freshForm(),
    )
    expect(answer.status, answer.body).toBe(302)
    expect(loginCookie(answer)).toBeDefined()
    expect(loginCookie(answer)).not.toMatch(/;\s*Secure/i)
  })
})
