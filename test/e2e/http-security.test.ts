import { beforeAll, describe, expect, it } from 'vitest'
import { e2eWorld, type RawAnswer, sendRaw } from '../helpers/e2e-world'

/**
 * The HTTP layer's defences, over plain HTTP with every header under the
 * test's control (node:http, so nothing adds an Origin or Referer behind our
 * back): the CSP and its per-response nonce, the other security headers, the
 * same-origin check on every state-changing request, and no state-changing GET.
 */

const KNOWN_EMAIL = 'kjent@example.no'
const EVIL = 'http://evil.example'

const world = e2eWorld({ smtp: true, browser: false })

/** One request to the app server with exactly these headers (and a form, if given); redirects are not followed. */
function request(method: string, path: string, options: { headers?: Record<string, string>; form?: Record<string, string> } = {}) {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined
  const headers: Record<string, string> = { ...options.headers }
  if (body !== undefined) {
    headers['content-type'] = 'application/x-www-form-urlencoded'
    headers['content-length'] = String(Buffer.byteLength(body))
  }
  return sendRaw(world.appUrl, method, path, headers, body)
}

/** The CSP's directives by name, each with its list of sources. */
function cspDirectives(header: string | string[] | undefined): Map<string, string[]> {
  expect(typeof header, 'Content-Security-Policy header').toBe('string')
  const directives = new Map<string, string[]>()
  for (const part of String(header).split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/)
    if (name) directives.set(name.toLowerCase(), sources)
  }
  return directives
}

/** The one nonce in script-src, after checking the policy allows no inline script without it. */
function scriptNonce(answer: RawAnswer): string {
  const csp = cspDirectives(answer.headers['content-security-policy'])
  const scriptSrc = csp.get('script-src') ?? []
  expect(scriptSrc, 'script-src must not allow inline scripts without the nonce').not.toContain("'unsafe-inline'")
  expect(scriptSrc).not.toContain("'unsafe-eval'")
  const nonces = scriptSrc.filter((s) => /^'nonce-[A-Za-z0-9+/=_-]+'$/.test(s))
  expect(nonces, `one nonce in script-src: ${scriptSrc.join(' ')}`).toHaveLength(1)
  return String(nonces[0]).slice("'nonce-".length, -1)
}

const loginTokens = async () =>
  Number(
    (
      await world.db
        .selectFrom('login_token')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
const sessions = async () =>
  Number(
    (
      await world.db
        .selectFrom('user_session')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )

/** The session cookie (name=value) a response sets, or null. */
function sessionCookie(answer: RawAnswer): string | null {
  const cookie = (answer.headers['set-cookie'] ?? []).find((c) => c.startsWith('klimasamling_session='))
  return cookie ? (cookie.split(';')[0] ?? null) : null
}

describe('HTTP security', () => {
  beforeAll(async () => {
    // A known address, so an accepted login request would send mail to it.
    await world.db.insertInto('app_user').values({ email: KNOWN_EMAIL, name: 'Kjell Kjent' }).execute()
  })

  it('sends a nonce-based CSP with frame-ancestors none, nosniff and same-origin referrers', async () => {
    const answer = await request('GET', '/')
    expect(answer.status).toBe(200)
    const csp = cspDirectives(answer.headers['content-security-policy'])
    scriptNonce(answer)
    expect(csp.get('frame-ancestors')).toEqual(["'none'"])
    expect(answer.headers['x-content-type-options']).toBe('nosniff')
    expect(answer.headers['referrer-policy']).toBe('same-origin')
  })

  it('puts the response nonce on every script in the page, and a new nonce on every response', async () => {
    const first = await request('GET', '/')
    const second = await request('GET', '/')
    const nonces = [scriptNonce(first), scriptNonce(second)]
    expect(nonces[0]).not.toBe(nonces[1])
    // 128 random bits, base64.
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16)

    for (const [answer, nonce] of [
      [first, nonces[0]],
      [second, nonces[1]],
    ] as const) {
      const scripts = answer.body.match(/<script\b[^>]*>/gi) ?? []
      expect(scripts.length, 'the page has scripts (Remix hydration)').toBeGreaterThan(0)
      const without = scripts.filter((tag) => !tag.includes(` nonce="${nonce}"`))
      expect(without, 'script tags without this response’s nonce').toEqual([])
    }
  })

  it('refuses a login request from a foreign Origin with 403, creating no token and sending no mail', async () => {
    const answer = await request('POST', '/logg-inn', { headers: { origin: EVIL }, form: { email: KNOWN_EMAIL } })
    expect(answer.status).toBe(403)
    expect(answer.body).toContain('avvist')
    expect(await loginTokens()).toBe(0)

    // Nor does a foreign Referer, or the opaque origin "null", get through.
    const referer = await request('POST', '/logg-inn', { headers: { referer: `${EVIL}/logg-inn` }, form: { email: KNOWN_EMAIL } })
    expect(referer.status).toBe(403)
    const opaque = await request('POST', '/logg-inn', { headers: { origin: 'null' }, form: { email: KNOWN_EMAIL } })
    expect(opaque.status).toBe(403)
    expect(await loginTokens()).toBe(0)
  })

  it('refuses a login request with neither Origin nor Referer', async () => {
    const answer = await request('POST', '/logg-inn', { form: { email: KNOWN_EMAIL } })
    expect(answer.status).toBe(403)
    expect(await loginTokens()).toBe(0)
  })

  it('accepts a login request from its own Origin, and one with only its own Referer', async () => {
    const own = await request('POST', '/logg-inn', { headers: { origin: world.appUrl }, form: { email: KNOWN_EMAIL } })
    expect(own.status, own.body).toBe(302)
    expect(own.headers.location).toBe('/logg-inn/kode')
    expect(await loginTokens()).toBe(1)

    const referer = await request('POST', '/logg-inn', {
      headers: { referer: `${world.appUrl}/logg-inn` },
      form: { email: KNOWN_EMAIL },
    })
    expect(referer.status, referer.body).toBe(302)
    expect(referer.headers.location).toBe('/logg-inn/kode')
    expect(await loginTokens()).toBe(2)

    // Exactly the two accepted requests sent mail: the refused ones, made earlier, sent none.
    await world.mail.waitFor(2)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(world.mail.received.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : ''))).toEqual([KNOWN_EMAIL, KNOWN_EMAIL])
  })

  it('does not log out on GET /logg-ut (no state-changing GET), only on a same-origin POST', async () => {
    const code = /innloggingssiden: (\d{6})/.exec(world.mail.received.at(-1)?.text ?? '')?.[1]
    expect(code, 'a six-digit code in the login mail').toMatch(/^\d{6}$/)
    const login = await request('POST', '/logg-inn/kode', {
      headers: { origin: world.appUrl },
      form: { email: KNOWN_EMAIL, code: String(code) },
    })
    expect(login.status, login.body).toBe(302)
    const cookie = sessionCookie(login)
    expect(cookie, 'a session cookie').not.toBeNull()
    const headers = { cookie: String(cookie) }
    expect((await request('GET', '/min-side', { headers })).status).toBe(200)
    expect(await sessions()).toBe(1)

    const get = await request('GET', '/logg-ut', { headers })
    expect(get.status).toBe(302)
    expect(get.headers.location).toBe('/')
    expect(sessionCookie(get), 'GET /logg-ut must not touch the session cookie').toBeNull()
    expect(await sessions()).toBe(1)
    expect((await request('GET', '/min-side', { headers })).status).toBe(200)

    const foreign = await request('POST', '/logg-ut', { headers: { ...headers, origin: EVIL } })
    expect(foreign.status).toBe(403)
    expect(await sessions()).toBe(1)
    expect((await request('GET', '/min-side', { headers })).status).toBe(200)

    const post = await request('POST', '/logg-ut', { headers: { ...headers, origin: world.appUrl } })
    expect(post.status).toBe(302)
    expect(post.headers.location).toBe('/')
    expect(await sessions()).toBe(0)
    const after = await request('GET', '/min-side', { headers })
    expect(after.status).toBe(302)
    expect(after.headers.location).toBe('/logg-inn?til=%2Fmin-side')
  })
})
