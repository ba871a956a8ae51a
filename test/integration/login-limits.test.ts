import type { KyselyPlugin, RootOperationNode } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { action as loginAction } from '~/routes/logg-inn._index'
import { action as codeAction } from '~/routes/logg-inn.kode'
import { action as linkAction } from '~/routes/logg-inn.lenke.$token'
import { pruneLoginRecords, requestLogin } from '~/services/login.server'
import { hitRateLimit, pruneRateLimits } from '~/services/rate-limit.server'
import { scheduledJobs } from '~/services/scheduled-jobs.server'
import { upsertUser } from '~/services/users.server'
import { respond, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { deliverTo, type SmtpSink, startSmtpSink } from '../helpers/smtp-sink'

/**
 * Login cannot be used against its owner. An attacker
 * hammering someone's email (login requests and wrong codes, from one address
 * or many) is slowed down and gets 429 at their own address, while the owner,
 * from theirs, still gets a fresh link and code and logs in. Known and unknown
 * emails do the same work. Rate-limit rows of past windows are pruned.
 */

let t: TestDatabase
let sink: SmtpSink
const start = osloDateTime('2026-11-22', '10:00')
const minutes = (n: number) => new Date(start.getTime() + n * 60_000)
const OWNER = 'kari@volda.example.no'
const OWNER_ADDRESS = '10.0.0.1'
const ATTACKER = '10.6.6.6'
const MAIL = { from: 'Klimasamling <klimasamling@example.no>', appUrl: 'http://app.example' }

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
  await upsertUser(t.db, { email: OWNER, name: 'Kari Nordmann' })
})

const context = (clientAddress: string, now: Date) => testContext({ db: t.db, now, clientAddress, env: { SMTP_URL: sink.url } })

/** POST /logg-inn from `clientAddress`. */
function askForLogin(email: string, clientAddress: string, now = start) {
  const body = new URLSearchParams({ email })
  return respond(() =>
    loginAction({ request: new Request('http://localhost/logg-inn', { method: 'POST', body }), params: {}, context: context(clientAddress, now) }),
  )
}

/** POST /logg-inn/kode from `clientAddress`. */
function postCode(email: string, code: string, clientAddress: string, now = start) {
  const body = new URLSearchParams({ email, code })
  return respond(() =>
    codeAction({ request: new Request('http://localhost/logg-inn/kode', { method: 'POST', body }), params: {}, context: context(clientAddress, now) }),
  )
}

/** POST /logg-inn/lenke/<token> (the button on the link's page). */
function postLink(token: string, clientAddress: string, now = start) {
  return respond(() =>
    linkAction({
      request: new Request(`http://localhost/logg-inn/lenke/${token}`, { method: 'POST', body: new URLSearchParams() }),
      params: { token },
      context: context(clientAddress, now),
    }),
  )
}

/** Delivers what is due and reads the link's token and the code from the newest mail to `email`. */
async function newestMailTo(email: string) {
  await deliverTo(sink, t.db)
  const mail = sink.received.filter((m) => (m.to && !Array.isArray(m.to) ? m.to.text : '') === email).at(-1)
  const text = mail?.text ?? ''
  const token = /\/logg-inn\/lenke\/([A-Za-z0-9_-]+)/.exec(text)?.[1]
  const code = /koden på innloggingssiden: (\d{6})/.exec(text)?.[1]
  if (!token || !code) throw new Error(`No link or code mailed to ${email}`)
  return { token, code, count: sink.received.length }
}

const loggedIn = (response: Response) => response.status === 302 && (response.headers.get('set-cookie') ?? '').includes('klimasamling_session=')

describe("an attacker asking for logins to someone else's email", () => {
  it('gets 429 at their own address, while the owner still gets a link and a code and logs in', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 10; i++) statuses.push((await askForLogin(OWNER, ATTACKER)).status)
    expect(statuses.slice(0, 5)).toEqual([302, 302, 302, 302, 302])
    expect(statuses.slice(5)).toEqual([429, 429, 429, 429, 429])
    await deliverTo(sink, t.db)

    // The owner, from their own address, is not locked out by the attacker's requests.
    const own = await askForLogin(OWNER, OWNER_ADDRESS, minutes(1))
    expect(own.status).toBe(302)
    const { code } = await newestMailTo(OWNER)
    expect(loggedIn(await postCode(OWNER, code, OWNER_ADDRESS, minutes(2)))).toBe(true)
  })

  it("from many addresses caps the mails sent to the email, yet each address, the owner's too, gets a fair share", async () => {
    for (let a = 1; a <= 8; a++) {
      for (let i = 0; i < 5; i++) expect((await askForLogin(OWNER, `10.6.${a}.1`)).status).toBe(302)
    }
    await deliverTo(sink, t.db)
    const mailedToAttackers = sink.received.length
    // 40 requests, but far fewer mails in the owner's inbox.
    expect(mailedToAttackers).toBeLessThanOrEqual(10 + 8 * 2)

    expect((await askForLogin(OWNER, OWNER_ADDRESS)).status).toBe(302)
    const { token, count } = await newestMailTo(OWNER)
    expect(count).toBe(mailedToAttackers + 1)
    expect(loggedIn(await postLink(token, OWNER_ADDRESS, minutes(1)))).toBe(true)
  })
})

describe("an attacker guessing codes for someone else's email", () => {
  it("gets 429 at their own address, and never spends the owner's link; the owner can always get a fresh code", async () => {
    expect((await askForLogin(OWNER, OWNER_ADDRESS)).status).toBe(302)
    const first = await newestMailTo(OWNER)
    const wrong = first.code === '000000' ? '111111' : '000000'

    const statuses: number[] = []
    for (let i = 0; i < 15; i++) statuses.push((await postCode(OWNER, wrong, ATTACKER)).status)
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400))
    expect(statuses.slice(10)).toEqual(Array(5).fill(429))
    const limited = await postCode(OWNER, wrong, ATTACKER)
    expect(await limited.text()).toContain('Du har prøvd for mange koder')

    // The wrong codes spent the first code, but not the link, which cannot be guessed.
    expect((await postCode(OWNER, first.code, OWNER_ADDRESS)).status).toBe(400)
    expect(loggedIn(await postLink(first.token, OWNER_ADDRESS, minutes(1)))).toBe(true)

    // And the owner can ask again and log in with the fresh code.
    expect((await askForLogin(OWNER, OWNER_ADDRESS, minutes(2))).status).toBe(302)
    const fresh = await newestMailTo(OWNER)
    expect(loggedIn(await postCode(OWNER, fresh.code, OWNER_ADDRESS, minutes(3)))).toBe(true)
  })

  it('counts the code page per client address, whatever the email', async () => {
    for (let i = 0; i < 10; i++) expect((await postCode(`person${i}@example.no`, '123456', ATTACKER)).status).toBe(400)
    expect((await postCode('person99@example.no', '123456', ATTACKER)).status).toBe(429)
    expect((await postCode('person99@example.no', '123456', OWNER_ADDRESS)).status).toBe(400)
    // A new window opens after 15 minutes.
    expect((await postCode('person99@example.no', '123456', ATTACKER, minutes(15))).status).toBe(400)
  })
})

describe('known and unknown emails', () => {
  /** Records the kind and table of every query the services send. */
  function recording() {
    const queries: string[] = []
    const plugin: KyselyPlugin = {
      transformQuery({ node }) {
        const table = (n: RootOperationNode) => JSON.stringify(n).match(/"identifier":{"kind":"IdentifierNode","name":"([a-z_]+)"}/)?.[1]
        queries.push(`${node.kind}:${table(node) ?? ''}`)
        return node
      },
      transformResult: async ({ result }) => result,
    }
    return { db: t.db.withPlugin(plugin), queries }
  }

  const counts = async () => ({
    tokens: (await t.db.selectFrom('login_token').select('id').execute()).length,
    emails: (await t.db.selectFrom('email').select('id').execute()).length,
    counters: (await t.db.selectFrom('rate_limit_counter').select('key').execute()).length,
  })

  it('send the same queries and write the same rows (a token and an outbox row each), and only the known is mailed', async () => {
    const known = recording()
    const before = await counts()
    await requestLogin(known.db, MAIL, { email: OWNER, clientAddress: '10.0.0.5', languageForm: 'nb', returnTo: null }, start)
    const afterKnown = await counts()
    const unknown = recording()
    await requestLogin(unknown.db, MAIL, { email: 'nobody@nowhere.example.no', clientAddress: '10.0.0.6', languageForm: 'nb', returnTo: null }, start)
    const afterUnknown = await counts()

    expect(unknown.queries).toEqual(known.queries)
    expect(known.queries.length).toBeGreaterThan(0)
    const diff = (a: typeof before, b: typeof before) => ({ tokens: b.tokens - a.tokens, emails: b.emails - a.emails, counters: b.counters - a.counters })
    expect(diff(before, afterKnown)).toEqual({ tokens: 1, emails: 1, counters: 3 })
    expect(diff(afterKnown, afterUnknown)).toEqual(diff(before, afterKnown))

    await deliverTo(sink, t.db)
    await new Promise((r) => setTimeout(r, 200))
    expect(sink.received.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : ''))).toEqual([OWNER])
    // The unknown email's token cannot be used: nobody got it.
    const rows = await t.db.selectFrom('login_token').select(['email', 'used_at']).orderBy('email').execute()
    expect(rows).toEqual([
      { email: OWNER, used_at: null },
      { email: 'nobody@nowhere.example.no', used_at: start },
    ])
  })

  it('get the same answer past the limits too', async () => {
    for (const email of [OWNER, 'nobody@nowhere.example.no']) {
      const statuses: number[] = []
      for (let i = 0; i < 6; i++) statuses.push((await askForLogin(email, `10.3.3.${email.length}`)).status)
      expect(statuses).toEqual([302, 302, 302, 302, 302, 429])
    }
  })
})

describe('pruning rate-limit rows', () => {
  const keys = async () => (await t.db.selectFrom('rate_limit_counter').select('key').orderBy('key').execute()).map((r) => r.key)

  it('removes the windows that have passed and keeps the current ones, once across several workers', async () => {
    const quarter = { limit: 5, windowMs: 15 * 60_000 }
    const hour = { limit: 10, windowMs: 60 * 60_000 }
    await hitRateLimit(t.db, 'a:past-quarter', quarter, minutes(-20))
    await hitRateLimit(t.db, 'b:current-quarter', quarter, minutes(1))
    await hitRateLimit(t.db, 'c:past-hour', hour, minutes(-61))
    await hitRateLimit(t.db, 'd:current-hour', hour, minutes(1))
    await hitRateLimit(t.db, 'e:yesterday', quarter, minutes(-24 * 60))
    expect(await keys()).toHaveLength(5)

    const [one, two] = await Promise.all([pruneRateLimits(t.db, minutes(2)), pruneRateLimits(t.db, minutes(2))])
    expect(one + two).toBe(3)
    expect(await keys()).toEqual(['b:current-quarter', 'd:current-hour'])
  })

  it("is one of the worker's scheduled jobs, run hourly", async () => {
    await hitRateLimit(t.db, 'past', { limit: 5, windowMs: 15 * 60_000 }, minutes(-30))
    await hitRateLimit(t.db, 'current', { limit: 5, windowMs: 15 * 60_000 }, minutes(1))
    const job = scheduledJobs(t.db, MAIL).find((j) => /rate-limit/i.test(j.name))
    expect(job?.everyMs).toBe(60 * 60_000)
    expect(await job?.run(minutes(2))).toBe(1)
    expect(await keys()).toEqual(['current'])
  })
})

describe('pruning login records', () => {
  const rows = async () => ({
    tokens: (await t.db.selectFrom('login_token').select('email').execute()).map((r) => r.email).sort(),
    mails: (await t.db.selectFrom('email').select(['to_addresses', 'status']).execute()).map((r) => `${r.to_addresses.join()} ${r.status}`).sort(),
  })

  it('deletes tokens expired over a day ago and their mails, sent or never to be sent, and keeps newer ones and mail still queued', async () => {
    await requestLogin(t.db, MAIL, { email: OWNER, clientAddress: OWNER_ADDRESS, languageForm: 'nb', returnTo: null }, minutes(-26 * 60))
    await requestLogin(t.db, MAIL, { email: 'ukjent@example.no', clientAddress: ATTACKER, languageForm: 'nb', returnTo: null }, minutes(-26 * 60))
    await deliverTo(sink, t.db)
    await requestLogin(t.db, MAIL, { email: OWNER, clientAddress: OWNER_ADDRESS, languageForm: 'nb', returnTo: null }, minutes(-60))
    expect(await rows()).toEqual({
      tokens: [OWNER, OWNER, 'ukjent@example.no'],
      mails: [`${OWNER} queued`, `${OWNER} sent`, 'ukjent@example.no failed'],
    })

    const job = scheduledJobs(t.db, MAIL).find((j) => /login/i.test(j.name))
    expect(job?.everyMs).toBe(60 * 60_000)
    expect(await job?.run(start)).toBe(4)
    expect(await rows()).toEqual({ tokens: [OWNER], mails: [`${OWNER} queued`] })
    expect(await pruneLoginRecords(t.db, start)).toBe(0)
  })
})
