import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { loader as rootLoader } from '~/root'
import { upsertUser } from '~/services/users.server'
import { languageOf } from '~/utils/language.server'
import { respond, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { addParticipant, cookiePair, MR, makeContactPerson, registrationId, seeded, sessionCookieFor } from '../helpers/fixtures'

/**
 * Which written form a request is answered in (decision 054): the switch's
 * ?maalform=, the browser's cookie, the person's own choice, their
 * municipality's language form, bokmål.
 */
let t: TestDatabase
const now = osloDateTime('2021-10-01', '12:00')
const context = () => testContext({ db: t.db, now })

beforeAll(async () => {
  t = await createTestDatabase()
})

afterAll(async () => {
  await t.drop()
})

beforeEach(async () => {
  await truncateAll(t.db)
  await seeded(t.db)
})

function request(path: string, cookies: string[] = []) {
  return new Request(new URL(path, 'http://localhost'), { headers: cookies.length ? { Cookie: cookies.join('; ') } : {} })
}

/** The root loader's answer for `path`: the form it renders in, or the redirect the switch answers with. */
async function root(path: string, cookies: string[] = []) {
  const response = await respond(() => rootLoader({ request: request(path, cookies), params: {}, context: context() }))
  return response
}

async function formOf(path: string, cookies: string[] = []) {
  const response = await root(path, cookies)
  expect(response.status).toBe(200)
  const body = (await response.json()) as { languageForm: string }
  return body.languageForm
}

/** Follows the switch: the redirect's target and the cookie it sets. */
async function switchTo(path: string, cookies: string[] = []) {
  const response = await root(path, cookies)
  expect(response.status).toBe(302)
  const setCookie = response.headers.get('Set-Cookie')
  return { location: response.headers.get('Location'), cookie: setCookie ? cookiePair(setCookie) : null }
}

describe('the written form of a page', () => {
  it('is bokmål on the public pages by default', async () => {
    expect(await formOf('/')).toBe('nb')
    expect(await formOf(`/arrangementer/${MR}`)).toBe('nb')
  })

  it('switches with ?maalform=nn: remembered in a cookie, and the page comes back without the parameter', async () => {
    const switched = await switchTo(`/arrangementer/${MR}?maalform=nn&x=1`)
    expect(switched.location).toBe(`/arrangementer/${MR}?x=1`)
    expect(switched.cookie).toMatch(/^klimasamling_maalform=/)
    expect(await formOf(`/arrangementer/${MR}?x=1`, [switched.cookie ?? ''])).toBe('nn')
    expect(await formOf('/', [switched.cookie ?? ''])).toBe('nn')

    const back = await switchTo('/?maalform=nb', [switched.cookie ?? ''])
    expect(back.location).toBe('/')
    expect(await formOf('/', [back.cookie ?? ''])).toBe('nb')
  })

  it('ignores an unknown form: back to the page, no cookie', async () => {
    const switched = await switchTo('/?maalform=sv')
    expect(switched).toEqual({ location: '/', cookie: null })
    expect(await formOf('/')).toBe('nb')
  })

  it("follows a contact person's municipality until they choose, and then their choice, on any device", async () => {
    const volda = await makeContactPerson(t.db, 'kari@volda.example.no', await registrationId(t.db, MR, 'Volda'))
    const molde = await makeContactPerson(t.db, 'mari@molde.example.no', await registrationId(t.db, MR, 'Molde'))
    const kari = await sessionCookieFor(context(), volda.id)
    const mari = await sessionCookieFor(context(), molde.id)
    expect(await formOf('/', [kari])).toBe('nn')
    expect(await formOf('/', [mari])).toBe('nb')

    // Kari chooses bokmål; a new browser (no cookie) still shows her choice.
    const switched = await switchTo('/min-side?maalform=nb', [kari])
    expect(switched.location).toBe('/min-side')
    const stored = await t.db.selectFrom('app_user').select('language_form').where('id', '=', volda.id).executeTakeFirstOrThrow()
    expect(stored.language_form).toBe('nb')
    expect(await formOf('/', [await sessionCookieFor(context(), volda.id)])).toBe('nb')
  })

  it("follows a participant's municipality", async () => {
    await addParticipant(t.db, await registrationId(t.db, MR, 'Ørsta'), 'per@orsta.example.no', 'Per Ørsta')
    const per = await upsertUser(t.db, { email: 'per@orsta.example.no', name: 'Per Ørsta' })
    expect(await formOf('/', [await sessionCookieFor(context(), per.id)])).toBe('nn')
    // Someone with no municipality reads bokmål.
    const other = await upsertUser(t.db, { email: 'ny@example.no', name: 'Ny Person' })
    expect(await formOf('/', [await sessionCookieFor(context(), other.id)])).toBe('nb')
  })

  it("lets this browser's cookie win over the municipality's form", async () => {
    const volda = await makeContactPerson(t.db, 'kari@volda.example.no', await registrationId(t.db, MR, 'Volda'))
    const { cookie } = await switchTo('/?maalform=nb')
    expect(await formOf('/', [await sessionCookieFor(context(), volda.id), cookie ?? ''])).toBe('nb')
  })

  it('answers the loaders of one request with the parameter before anything is stored', async () => {
    const ctx = context()
    expect(await languageOf(request('/kommune/x?maalform=nn'), ctx)).toBe('nn')
    expect(await languageOf(request('/kommune/x'), ctx)).toBe('nb')
  })
})
