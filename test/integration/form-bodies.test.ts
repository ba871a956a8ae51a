import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as teamAction } from '~/routes/arrangor.$eventId.team'
import { action as municipalityAction } from '~/routes/kommune.$registrationId._index'
import { action as loginAction } from '~/routes/logg-inn._index'
import { readForm } from '~/utils/forms.server'
import { respond, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase } from '../helpers/database'
import { eventId, MR, makeContactPerson, makeOrganiser, registrationId, seeded, sessionCookieFor } from '../helpers/fixtures'

/**
 * The one place every action reads its form: a request
 * that is not a form answers 415 and a form that cannot be read answers 400,
 * as a Response for the error boundary, never an error that becomes a 500.
 * server.ts refuses these before Remix too; this is the net under it, tried
 * through real route actions, with and without an intent.
 */

let t: TestDatabase
let context: AppLoadContext
const cookies = { organiser: '', contact: '' }
let event = ''
let registration = ''

beforeAll(async () => {
  t = await createTestDatabase()
  await seeded(t.db)
  context = testContext({ db: t.db })
  event = await eventId(t.db, MR)
  registration = await registrationId(t.db, MR, 'Volda')
  cookies.organiser = await sessionCookieFor(context, (await makeOrganiser(t.db, 'arrangor@example.no', MR)).id)
  cookies.contact = await sessionCookieFor(context, (await makeContactPerson(t.db, 'k@volda.example.no', registration)).id)
})

afterAll(async () => {
  await t?.drop()
})

const BOUNDARY = '----klimasamling'
const bodies: { name: string; headers: Record<string, string>; body: string | undefined; status: number }[] = [
  { name: 'JSON', headers: { 'Content-Type': 'application/json' }, body: '{"intent":"add"}', status: 415 },
  { name: 'plain text', headers: { 'Content-Type': 'text/plain' }, body: 'intent=add', status: 415 },
  { name: 'no content type and no body', headers: {}, body: undefined, status: 415 },
  {
    name: 'multipart whose boundary does not match',
    headers: { 'Content-Type': `multipart/form-data; boundary=${BOUNDARY}` },
    body: '--other\r\nContent-Disposition: form-data; name="intent"\r\n\r\nadd\r\n--other--\r\n',
    status: 400,
  },
  { name: 'multipart without a boundary', headers: { 'Content-Type': 'multipart/form-data' }, body: 'intent=add', status: 400 },
]

async function post(run: (request: Request) => Promise<unknown>, url: string, cookie: string, headers: Record<string, string>, body?: string) {
  const request = new Request(url, { method: 'POST', headers: { ...headers, ...(cookie ? { Cookie: cookie } : {}) }, body })
  return respond(() => run(request))
}

describe('readForm in every action', () => {
  for (const { name, headers, body, status } of bodies) {
    it(`answers ${name} with ${status} on the login form, an intent form and an index route's form`, async () => {
      const login = await post((request) => loginAction({ request, params: {}, context }), 'http://localhost/logg-inn', '', headers, body)
      expect(login.status).toBe(status)
      const team = await post(
        (request) => teamAction({ request, params: { eventId: event }, context }),
        `http://localhost/arrangor/${event}/team`,
        cookies.organiser,
        headers,
        body,
      )
      expect(team.status).toBe(status)
      const municipality = await post(
        (request) => municipalityAction({ request, params: { registrationId: registration }, context }),
        `http://localhost/kommune/${registration}?index`,
        cookies.contact,
        headers,
        body,
      )
      expect(municipality.status).toBe(status)
      expect(await t.db.selectFrom('login_token').select('id').execute()).toEqual([])
    })
  }

  it('still reads url-encoded and multipart forms, without NUL characters', async () => {
    const urlencoded = await readForm(new Request('http://localhost/', { method: 'POST', body: new URLSearchParams({ 'na\u0000me': 'Ola\u0000 Nordmann' }) }))
    expect([...urlencoded]).toEqual([['name', 'Ola Nordmann']])
    const form = new FormData()
    form.append('name', 'Kari')
    const multipart = await readForm(new Request('http://localhost/', { method: 'POST', body: form }))
    expect(multipart.get('name')).toBe('Kari')
  })

  it('answers an intent that names an Object.prototype key (valueOf, constructor, __proto__ …) with 400, as any unknown intent', async () => {
    for (const intent of ['valueOf', 'constructor', 'toString', 'hasOwnProperty', '__proto__', 'no-such-form']) {
      const team = await post(
        (request) => teamAction({ request, params: { eventId: event }, context }),
        `http://localhost/arrangor/${event}/team`,
        cookies.organiser,
        { 'Content-Type': 'application/x-www-form-urlencoded' },
        new URLSearchParams({ intent, name: 'Stine', email: 'stine@example.no' }).toString(),
      )
      expect(team.status, intent).toBe(400)
    }
  })
})
