import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as organiserMunicipalitiesAction, loader as organiserMunicipalitiesLoader } from '~/routes/arrangor.$eventId.kommuner'
import { loader as participantLoader } from '~/routes/deltaker.$participantId'
import { action as contactPersonAction, loader as contactPersonLoader } from '~/routes/kommune.$registrationId.kontaktperson'
import { loader as registrationLoader } from '~/routes/kommune.$registrationId._index'
import { loader as myPageLoader } from '~/routes/min-side'
import { findEventFor } from '~/services/access.server'
import { findRegistrationForUser } from '~/services/contact-persons.server'
import { reviewEventMunicipalities } from '~/services/municipalities.server'
import { findOwnParticipant } from '~/services/participants.server'
import { getEnrolmentOptions, getParticipantForEdit, getRegistrationOverview, listRegistrationHistory } from '~/services/registration-view.server'
import { respond, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase } from '../helpers/database'
import { addParticipant, eventId, MR, makeContactPerson, makeOrganiser, registrationId, seeded, sessionCookieFor, TR } from '../helpers/fixtures'

let t: TestDatabase
let context: AppLoadContext
const ids = { volda: '', orsta: '', mrEvent: '', trEvent: '', voldaParticipant: '', orstaParticipant: '' }
const cookies = { volda: '', orsta: '', organiser: '', participant: '' }
const users = { volda: '', organiser: '', participant: '' }

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
  Object.assign(users, { volda: volda.id, organiser: organiser.id, participant: participantUser })
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

// The readers take the access record an access function found for the asker (decision 41): a bare id or a
// hand-made object does not compile (checked by `tsc --noEmit`; never run), and the records are only ever found
// for what the asker may see (checked at run time below).
// biome-ignore lint/correctness/noUnusedVariables: only `tsc` reads it, for its @ts-expect-error lines
function readersRefuseWhatNoAccessFunctionHandedOut() {
  // @ts-expect-error a bare registration id
  getRegistrationOverview(t.db, ids.orsta)
  // @ts-expect-error a hand-made registration
  listRegistrationHistory(t.db, { id: ids.orsta, event_id: ids.mrEvent })
  // @ts-expect-error a bare event id
  getEnrolmentOptions(t.db, ids.trEvent)
  // @ts-expect-error a bare registration id
  getParticipantForEdit(t.db, ids.orsta, ids.orstaParticipant)
  // @ts-expect-error a hand-made event
  reviewEventMunicipalities(t.db, { event: { id: ids.trEvent, starts_at: new Date() }, role: 'organiser' })
}

describe('the readers scoped by the asker', () => {
  it("read a municipality's registration only through its contact person's or organiser's access, never another's", async () => {
    expect(await findRegistrationForUser(t.db, users.volda, ids.orsta)).toBeNull()
    expect(await findRegistrationForUser(t.db, users.participant, ids.volda)).toBeNull()
    const volda = await findRegistrationForUser(t.db, users.volda, ids.volda)
    if (!volda) throw new Error('Volda’s contact person was refused')
    const overview = await getRegistrationOverview(t.db, volda)
    expect(overview.participants.map((p) => p.name)).toEqual(['Vera Volda'])
    expect(Array.isArray(await listRegistrationHistory(t.db, volda))).toBe(true)
    // Another municipality's participant through Volda's access: nothing.
    expect(await getParticipantForEdit(t.db, volda, ids.orstaParticipant)).toBeNull()
    expect((await getParticipantForEdit(t.db, volda, ids.voldaParticipant))?.participant.name).toBe('Vera Volda')
    // The options are those of Volda's event only.
    const options = await getEnrolmentOptions(t.db, volda)
    const mrDays = await t.db.selectFrom('event_day').select('id').where('event_id', '=', ids.mrEvent).execute()
    expect(options.days.map((d) => d.id).sort()).toEqual(mrDays.map((d) => d.id).sort())
  })

  it('read a participant’s own access for themself only', async () => {
    const user = await t.db.selectFrom('app_user').selectAll().where('id', '=', users.participant).executeTakeFirstOrThrow()
    expect(await findOwnParticipant(t.db, user, ids.orstaParticipant)).toBeUndefined()
    const own = await findOwnParticipant(t.db, user, ids.voldaParticipant)
    if (!own) throw new Error('the participant was refused')
    expect((await getParticipantForEdit(t.db, own, ids.voldaParticipant))?.participant.name).toBe('Vera Volda')
    expect(await getParticipantForEdit(t.db, own, ids.orstaParticipant)).toBeNull()
  })

  it('review the municipalities of an event only its organiser found', async () => {
    expect(await findEventFor(t.db, { userId: users.organiser }, ids.trEvent, 'event.manage')).toBeNull()
    expect(await findEventFor(t.db, { userId: users.volda }, ids.mrEvent, 'event.manage')).toBeNull()
    const mr = await findEventFor(t.db, { userId: users.organiser }, ids.mrEvent, 'event.manage')
    if (!mr) throw new Error('the organiser was refused')
    expect(await reviewEventMunicipalities(t.db, mr, 'nb')).toEqual({ changes: [], outdatedNames: [] })
  })
})
