import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { action as loginAction } from '~/routes/logg-inn._index'
import { loginWithCode, loginWithLink, requestLogin } from '~/services/login.server'
import { deleteSession, findSessionUser } from '~/services/sessions.server'
import { upsertUser } from '~/services/users.server'
import { getUser, readSessionToken, requireUser } from '~/utils/session.server'
import { respond, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { addParticipant, cookiePair, makeContactPerson, MR, registrationId, seeded, sessionCookieFor } from '../helpers/fixtures'
import { deliverTo, type SmtpSink, startSmtpSink } from '../helpers/smtp-sink'

let t: TestDatabase
let sink: SmtpSink
const start = osloDateTime('2026-11-22', '10:00')
const minutes = (n: number) => new Date(start.getTime() + n * 60_000)

beforeAll(async () => {
  t = await createTestDatabase()
  sink = await startSmtpSink()
})

afterAll(async () => {
  await sink.close()
  await t.drop()
})

beforeEach(async () => {
  await truncateAll(t.db)
  sink.received.length = 0
  await upsertUser(t.db, { email: 'kari@volda.example.no', name: 'Kari Nordmann' })
})

const MAIL = { from: 'Klimasamling <klimasamling@example.no>', appUrl: 'http://app.example' }
/** The mail worker's rounds, then the sink's count. */
const delivered = async (count: number) => {
  await deliverTo(sink, t.db)
  return sink.waitFor(count)
}

/** Asks for a login and reads the link's token and the code from the mail that arrives. */
async function askForLogin(email: string, now = start, clientAddress = '10.0.0.1') {
  const before = sink.received.length
  await requestLogin(t.db, MAIL, { email, clientAddress, languageForm: 'nb', returnTo: null }, now)
  const mails = await delivered(before + 1)
  const text = mails.at(-1)?.text ?? ''
  const token = /\/logg-inn\/lenke\/([A-Za-z0-9_-]+)/.exec(text)?.[1]
  const code = /koden på innloggingssiden: (\d{6})/.exec(text)?.[1]
  if (!token || !code) throw new Error(`No link or code in: ${text}`)
  return { token, code, mail: mails.at(-1) }
}

describe('login link', () => {
  it('is mailed to the person, with a six-digit code, and logs in once', async () => {
    const { token, mail } = await askForLogin('kari@volda.example.no')
    expect(mail?.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('kari@volda.example.no')
    expect(mail?.html).toContain('/logg-inn/lenke/')

    const login = await loginWithLink(t.db, token, minutes(1))
    const user = await findSessionUser(t.db, login.sessionToken, minutes(2))
    expect(user?.email).toBe('kari@volda.example.no')

    await expect(loginWithLink(t.db, token, minutes(2))).rejects.toMatchObject({ code: 'login_link_invalid' })
  })

  it('stores only hashes of the token and the code', async () => {
    const { token, code } = await askForLogin('kari@volda.example.no')
    const rows = await t.db.selectFrom('login_token').selectAll().execute()
    expect(rows).toHaveLength(1)
    expect(JSON.stringify(rows)).not.toContain(token)
    expect(rows[0]?.code_hash).not.toContain(code)
    expect(token.length).toBeGreaterThanOrEqual(43) // 256 bits in base64url
  })

  it('does not work after 15 minutes', async () => {
    const { token } = await askForLogin('kari@volda.example.no')
    await expect(loginWithLink(t.db, token, minutes(15))).rejects.toBeInstanceOf(DomainError)
    const fresh = await askForLogin('kari@volda.example.no', minutes(20))
    await expect(loginWithLink(t.db, fresh.token, minutes(34))).resolves.toMatchObject({})
  })

  it('refuses a token nobody was given', async () => {
    await expect(loginWithLink(t.db, 'x'.repeat(43), start)).rejects.toMatchObject({ code: 'login_link_invalid' })
  })
})

describe("the login email's language form", () => {
  const ask = async (email: string) => {
    const before = sink.received.length
    await requestLogin(t.db, MAIL, { email, clientAddress: '10.0.0.9', languageForm: 'nb', returnTo: null }, start)
    return (await delivered(before + 1)).at(-1)
  }

  it('is nynorsk for the contact person and a participant of a nynorsk municipality, bokmål for a bokmål one', async () => {
    await seeded(t.db)
    await makeContactPerson(t.db, 'kontakt@volda.example.no', await registrationId(t.db, MR, 'Volda'))
    await addParticipant(t.db, await registrationId(t.db, MR, 'Volda'), 'deltakar@volda.example.no')
    await makeContactPerson(t.db, 'kontakt@molde.example.no', await registrationId(t.db, MR, 'Molde'))

    for (const email of ['kontakt@volda.example.no', 'deltakar@volda.example.no']) {
      const mail = await ask(email)
      expect(mail?.text).toContain('Bruk lenka under for å logge inn.')
      expect(mail?.text).not.toContain('lenken')
    }
    const molde = await ask('kontakt@molde.example.no')
    expect(molde?.text).toContain('Bruk lenken under for å logge inn.')
    // Someone of no municipality (Kari, an app user) gets the page's form.
    expect((await ask('kari@volda.example.no'))?.text).toContain('Bruk lenken under')
  })
})

describe('login code', () => {
  it('logs in with the right code for that email only', async () => {
    await upsertUser(t.db, { email: 'ola@orsta.example.no', name: 'Ola' })
    const { code } = await askForLogin('kari@volda.example.no')
    await expect(loginWithCode(t.db, { email: 'ola@orsta.example.no', code, clientAddress: '10.0.0.1' }, minutes(1))).rejects.toMatchObject({
      code: 'login_code_invalid',
    })
    const login = await loginWithCode(t.db, { email: 'KARI@volda.example.no', code, clientAddress: '10.0.0.1' }, minutes(1))
    expect((await findSessionUser(t.db, login.sessionToken, minutes(1)))?.email).toBe('kari@volda.example.no')
    await expect(loginWithCode(t.db, { email: 'kari@volda.example.no', code, clientAddress: '10.0.0.1' }, minutes(2))).rejects.toBeInstanceOf(DomainError)
  })

  it('is spent after five wrong codes', async () => {
    const { code } = await askForLogin('kari@volda.example.no')
    const wrong = code === '000000' ? '111111' : '000000'
    for (let i = 0; i < 5; i++) {
      await expect(loginWithCode(t.db, { email: 'kari@volda.example.no', code: wrong, clientAddress: '10.0.0.1' }, minutes(1))).rejects.toBeInstanceOf(
        DomainError,
      )
    }
    await expect(loginWithCode(t.db, { email: 'kari@volda.example.no', code, clientAddress: '10.0.0.1' }, minutes(1))).rejects.toMatchObject({
      code: 'login_code_invalid',
    })
  })

  it('does not work after 15 minutes', async () => {
    const { code } = await askForLogin('kari@volda.example.no')
    await expect(loginWithCode(t.db, { email: 'kari@volda.example.no', code, clientAddress: '10.0.0.1' }, minutes(16))).rejects.toBeInstanceOf(DomainError)
  })
})

describe('the login page', () => {
  async function post(email: string, clientAddress = '10.0.0.2') {
    const context = testContext({ db: t.db, now: start, clientAddress, env: { SMTP_URL: sink.url } })
    const body = new URLSearchParams({ email })
    return respond(() => loginAction({ request: new Request('http://localhost/logg-inn', { method: 'POST', body }), params: {}, context }))
  }

  it('answers a known and an unknown email byte for byte the same, and mails only the known', async () => {
    const known = await post('kari@volda.example.no')
    const unknown = await post('nobody@nowhere.example.no')
    const known2 = await post('kari@volda.example.no')
    const shape = async (r: Response) => ({
      status: r.status,
      location: r.headers.get('location'),
      headers: [...r.headers.entries()].filter(([name]) => name !== 'set-cookie').sort(),
      body: await r.text(),
    })
    // The login-email cookie holds what was typed, so compare it with the email swapped.
    const cookie = (r: Response, email: string) => (r.headers.get('set-cookie') ?? '').replace(encodeURIComponent(btoa(JSON.stringify(email))), 'EMAIL')
    expect(known.status).toBe(302)
    expect(await shape(unknown)).toEqual(await shape(known))
    expect(cookie(unknown, 'nobody@nowhere.example.no')).toBe(cookie(known2, 'kari@volda.example.no'))
    await delivered(2)
    await new Promise((r) => setTimeout(r, 300))
    const recipients = sink.received.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : ''))
    expect(recipients).toEqual(['kari@volda.example.no', 'kari@volda.example.no'])
  })

  it('rate-limits per email and client address: the sixth request from one address within 15 minutes gets 429 and a Norwegian message, another address does not', async () => {
    for (let i = 0; i < 5; i++) expect((await post('kari@volda.example.no', '10.0.1.1')).status).toBe(302)
    const limited = await post('kari@volda.example.no', '10.0.1.1')
    expect(limited.status).toBe(429)
    expect(await limited.text()).toContain('Du har bedt om innlogging for mange ganger')
    expect(await t.db.selectFrom('login_token').select('id').execute()).toHaveLength(5)
    // Decision 35: requests from one address never lock the email's owner out at theirs.
    expect((await post('kari@volda.example.no', '10.0.1.99')).status).toBe(302)
  })

  it('rate-limits per client address: the 21st request within 15 minutes gets 429', async () => {
    for (let i = 0; i < 20; i++) expect((await post(`person${i}@example.no`, '10.9.9.9')).status).toBe(302)
    expect((await post('person99@example.no', '10.9.9.9')).status).toBe(429)
    expect((await post('person99@example.no', '10.9.9.8')).status).toBe(302)
  })

  it('counts in the database, so parallel requests are counted exactly', async () => {
    const responses = await Promise.all(Array.from({ length: 12 }, () => post('kari@volda.example.no', '10.7.7.7')))
    expect(responses.filter((r) => r.status === 302)).toHaveLength(5)
    expect(responses.filter((r) => r.status === 429)).toHaveLength(7)
  })

  it('shows a clear message for a malformed email and changes nothing', async () => {
    const response = await post('ikke-en-adresse')
    expect(response.status).toBe(400)
    expect(await response.text()).toContain('Skriv inn en gyldig e-postadresse')
    expect(await t.db.selectFrom('login_token').select('id').execute()).toEqual([])
  })
})

describe('sessions', () => {
  it('end after 8 idle hours and after 7 days in any case; logout deletes them', async () => {
    const user = await upsertUser(t.db, { email: 'ola@orsta.example.no', name: 'Ola' })
    const context = testContext({ db: t.db, now: start })
    const cookie = await sessionCookieFor(context, user.id)
    const tokenOf = async (c: string) => (await readSessionToken(new Request('http://localhost/', { headers: { Cookie: c } }), context)) ?? ''
    const raw = await tokenOf(cookie)
    expect(await findSessionUser(t.db, raw, minutes(7 * 60))).toMatchObject({ id: user.id })
    expect(await findSessionUser(t.db, raw, minutes(14 * 60))).toMatchObject({ id: user.id })
    expect(await findSessionUser(t.db, raw, minutes(22 * 60 + 1))).toBeNull()

    const kept = await sessionCookieFor(context, user.id)
    const keptToken = await tokenOf(kept)
    for (let hour = 7; hour < 7 * 24; hour += 7) {
      expect(await findSessionUser(t.db, keptToken, minutes(hour * 60))).not.toBeNull()
    }
    expect(await findSessionUser(t.db, keptToken, minutes(7 * 24 * 60))).toBeNull()

    const again = await sessionCookieFor(context, user.id)
    const request = new Request('http://localhost/min-side', { headers: { Cookie: again } })
    expect(await getUser(request, context)).toMatchObject({ id: user.id })
    const againToken = await tokenOf(again)
    await deleteSession(t.db, againToken)
    expect(await getUser(request, context)).toBeNull()
  })

  it('treats a tampered cookie as no session and sends the person to login', async () => {
    const user = await upsertUser(t.db, { email: 'ola@orsta.example.no', name: 'Ola' })
    const context = testContext({ db: t.db, now: start })
    const cookie = await sessionCookieFor(context, user.id)
    const tampered = `${cookie.slice(0, -6)}AAAAAA`
    for (const value of [tampered, 'klimasamling_session=%%%', 'klimasamling_session=eyJ4IjoxfQ%3D%3D']) {
      const request = new Request('http://localhost/min-side?x=1', { headers: { Cookie: value } })
      expect(await getUser(request, context)).toBeNull()
      const thrown = await requireUser(request, context).catch((e: unknown) => e)
      expect(thrown).toBeInstanceOf(Response)
      expect((thrown as Response).status).toBe(302)
      expect((thrown as Response).headers.get('location')).toBe('/logg-inn?til=%2Fmin-side%3Fx%3D1')
    }
    expect(cookiePair('a=b; Path=/')).toBe('a=b')
  })
})
