import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as organiserMunicipalitiesAction, loader as organiserMunicipalitiesLoader } from '~/routes/arrangor.$eventId.kommuner'
import { loader as participantLoader } from '~/routes/deltaker.$participantId'
import { action as contactPersonAction, loader as contactPersonLoader } from '~/routes/kommune.$registrationId.kontaktperson'
import { loader as registrationLoader } from '~/routes/kommune.$registrationId._index'
import { loader as myPageLoader } from '~/routes/min-side'
import { respond, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase } from '../helpers/database'
import { addParticipant, eventId, MR, makeContactPerson, makeOrganiser, registrationId, seeded, sessionCookieFor, TR } from '../helpers/fixtures'

let t: TestDatabase
let context: AppLoadContext
const ids = { volda: '', orsta: '', mrEvent: '', trEvent: '', voldaParticipant: '', orstaParticipant: '' }
const cookies = { volda: '', orsta: '', organiser: '', participant: '' }

beforeAll(async () => {
  t = await createTestDatabase()
  await seeded(t.db)
  context = testContext({ db: t.db })
  ids.volda = await registrationId(t.db, MR, 'Volda')
  ids.orsta = await registrationId(t.db, MR, 'Ørsta')
  ids.mrEvent = await eventId(t.db, MR)
  ids.trEvent = await eventId(t.db, TR)
  const volda = await makeContactPerson(t.db, 'kontakt@volda.example.no', ids.volda)
  const orsta = await makeContactPerson(t.db, 'kontakt@orsta.example.no', ids.orsta)
  const organiser = await makeOrganiser(t.db, 'arrangor@example.no', MR)
  ids.voldaParticipant = (await addParticipant(t.db, ids.volda, 'deltaker@volda.example.no', 'Vera Volda')).id
  ids.orstaParticipant = (await addParticipant(t.db, ids.orsta, 'deltaker@orsta.example.no', 'Ole Ørsta')).id
  const participantUser = (
    await t.db.insertInto('app_user').values({ email: 'deltaker@volda.example.no', name: 'Vera Volda' }).returning('id').executeTakeFirstOrThrow()
  ).id
  cookies.volda = await sessionCookieFor(context, volda.id)
  cookies.orsta = await sessionCookieFor(context, orsta.id)
  cookies.organiser = await sessionCookieFor(context, organiser.id)
  cookies.participant = await sessionCookieFor(context, participantUser)
})

afterAll(async () => {
  await t.drop()
})

function request(path: string, cookie?: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers)
  if (cookie) headers.set('Cookie', cookie)
  return new Request(`http://localhost${path}`, { ...init, headers })
}

const get = (loader: (args: any) => Promise<unknown>, path: string, params: Record<string, string>, cookie?: string) =>
  respond(() => loader({ request: request(path, cookie), params, context }))

describe('a contact person', () => {
  it('sees their own municipality', async () => {
    const response = await get(registrationLoader, `/kommune/${ids.volda}`, { registrationId: ids.volda }, cookies.volda)
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('Volda')
  })

  it("gets 404 for another municipality's registration, handover and participant", async () => {
    const foreign = [
      () => get(registrationLoader, `/kommune/${ids.orsta}`, { registrationId: ids.orsta }, cookies.volda),
      () => get(contactPersonLoader, `/kommune/${ids.orsta}/kontaktperson`, { registrationId: ids.orsta }, cookies.volda),
      () => get(participantLoader, `/deltaker/${ids.orstaParticipant}`, { participantId: ids.orstaParticipant }, cookies.volda),
      () => get(organiserMunicipalitiesLoader, `/arrangor/${ids.mrEvent}/kommuner`, { eventId: ids.mrEvent }, cookies.volda),
    ]
    for (const attempt of foreign) expect((await attempt()).status).toBe(404)
  })

  it('cannot hand over another municipality, and nothing changes', async () => {
    const body = new URLSearchParams({ name: 'Inntrenger', email: 'inntrenger@example.no' })
    const response = await respond(() =>
      contactPersonAction({
        request: request(`/kommune/${ids.orsta}/kontaktperson`, cookies.volda, { method: 'POST', body }),
        params: { registrationId: ids.orsta },
        context,
      }),
    )
    expect(response.status).toBe(404)
    const orsta = await t.db
      .selectFrom('registration')
      .innerJoin('app_user', 'app_user.id', 'registration.contact_user_id')
      .select('app_user.email')
      .where('registration.id', '=', ids.orsta)
      .executeTakeFirstOrThrow()
    expect(orsta.email).toBe('kontakt@orsta.example.no')
  })

  it('gets the same 404 for an unknown id and for something that is not an id', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000'
    expect((await get(registrationLoader, `/kommune/${unknown}`, { registrationId: unknown }, cookies.volda)).status).toBe(404)
    expect((await get(registrationLoader, '/kommune/1%27%20or%201=1', { registrationId: "1' or 1=1" }, cookies.volda)).status).toBe(404)
  })
})

describe('a participant', () => {
  it('sees only themself', async () => {
    const own = await get(participantLoader, `/deltaker/${ids.voldaParticipant}`, { participantId: ids.voldaParticipant }, cookies.participant)
    expect(own.status).toBe(200)
    expect(await own.text()).toContain('Vera Volda')
    const other = await get(participantLoader, `/deltaker/${ids.orstaParticipant}`, { participantId: ids.orstaParticipant }, cookies.participant)
    expect(other.status).toBe(404)
    expect((await get(registrationLoader, `/kommune/${ids.volda}`, { registrationId: ids.volda }, cookies.participant)).status).toBe(404)
  })
})

describe('an organiser', () => {
  it('sees every municipality of the events they organise, and none of the others', async () => {
    expect((await get(registrationLoader, `/kommune/${ids.orsta}`, { registrationId: ids.orsta }, cookies.organiser)).status).toBe(200)
    const own = await get(organiserMunicipalitiesLoader, `/arrangor/${ids.mrEvent}/kommuner`, { eventId: ids.mrEvent }, cookies.organiser)
    expect(own.status).toBe(200)
    const other = await get(organiserMunicipalitiesLoader, `/arrangor/${ids.trEvent}/kommuner`, { eventId: ids.trEvent }, cookies.organiser)
    expect(other.status).toBe(404)
    const trSelbu = await registrationId(t.db, TR, 'Selbu')
    expect((await get(registrationLoader, `/kommune/${trSelbu}`, { registrationId: trSelbu }, cookies.organiser)).status).toBe(404)
    const post = await respond(() =>
      organiserMunicipalitiesAction({
        request: request(`/arrangor/${ids.trEvent}/kommuner`, cookies.organiser, {
          method: 'POST',
          body: new URLSearchParams({ intent: 'send-invitations' }),
        }),
        params: { eventId: ids.trEvent },
        context,
      }),
    )
    expect(post.status).toBe(404)
  })
})

describe('an anonymous visitor', () => {
  it('is sent to login from every page that takes an id', async () => {
    const attempts = [
      () => get(registrationLoader, `/kommune/${ids.volda}`, { registrationId: ids.volda }),
      () => get(contactPersonLoader, `/kommune/${ids.volda}/kontaktperson`, { registrationId: ids.volda }),
      () => get(participantLoader, `/deltaker/${ids.voldaParticipant}`, { participantId: ids.voldaParticipant }),
      () => get(organiserMunicipalitiesLoader, `/arrangor/${ids.mrEvent}/kommuner`, { eventId: ids.mrEvent }),
      () => get(myPageLoader, '/min-side', {}),
    ]
    for (const attempt of attempts) {
      const response = await attempt()
      expect(response.status).toBe(302)
      expect(response.headers.get('location')).toMatch(/^\/logg-inn\?til=/)
    }
  })
})
