import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { upsertUser } from '~/services/users.server'
import { getUser } from '~/utils/session.server'
import { testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { sessionCookieFor } from '../helpers/fixtures'

let t: TestDatabase

beforeAll(async () => {
  t = await createTestDatabase()
})

afterAll(async () => {
  await t.drop()
})

beforeEach(async () => {
  await truncateAll(t.db)
})

const request = (cookie: string, method = 'GET') =>
  new Request('http://localhost/min-side', {
    method,
    headers: { cookie, ...(method === 'POST' ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
  })

/** A request's context as server.ts makes it for a GET (`loaderShared`), around the test database. */
const perRequest = (): AppLoadContext => ({ ...testContext({ db: t.db }), loaderShared: {} })

describe('the session lookup of one request', () => {
  it("is shared by the loaders of one GET: the second loader gets the first one's answer, a new request looks again", async () => {
    const user = await upsertUser(t.db, { email: 'kari@volda.example.no', name: 'Kari Nordmann' })
    const context = perRequest()
    const cookie = await sessionCookieFor(context, user.id)
    expect((await getUser(request(cookie), context))?.id).toBe(user.id)
    // The session ends between the two loaders: the second one is not asked the database again.
    await t.db.deleteFrom('user_session').execute()
    expect((await getUser(request(cookie), context))?.id).toBe(user.id)
    expect(await getUser(request(cookie), perRequest())).toBeNull()
  })

  it('is not shared by an action, nor without a per-request context (as the tests call loaders), nor for another cookie', async () => {
    const kari = await upsertUser(t.db, { email: 'kari@volda.example.no', name: 'Kari Nordmann' })
    const ola = await upsertUser(t.db, { email: 'ola@volda.example.no', name: 'Ola Nordmann' })
    const context = perRequest()
    const kariCookie = await sessionCookieFor(context, kari.id)
    const olaCookie = await sessionCookieFor(context, ola.id)
    expect((await getUser(request(kariCookie), context))?.id).toBe(kari.id)
    expect((await getUser(request(olaCookie), context))?.id).toBe(ola.id)

    const shared = testContext({ db: t.db })
    expect((await getUser(request(kariCookie), shared))?.id).toBe(kari.id)
    await t.db.deleteFrom('user_session').execute()
    expect(await getUser(request(kariCookie), shared)).toBeNull()

    const acting = perRequest()
    const again = await sessionCookieFor(acting, kari.id)
    expect((await getUser(request(again, 'POST'), acting))?.id).toBe(kari.id)
    await t.db.deleteFrom('user_session').execute()
    expect(await getUser(request(again, 'POST'), acting)).toBeNull()
  })
})
