import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { action as daysAction, loader as daysLoader } from '~/routes/arrangor.$eventId.dager'
import { loader as settingsLoader } from '~/routes/arrangor.$eventId._index'
import { action as coverageAction, loader as coverageLoader } from '~/routes/arrangor.$eventId.dekning'
import { loader as emailListLoader } from '~/routes/arrangor.$eventId.e-post._index'
import { action as messageAction, loader as messageLoader } from '~/routes/arrangor.$eventId.e-post.ny'
import { loader as exportFileLoader } from '~/routes/arrangor.$eventId.eksport.$list'
import { loader as exportsLoader } from '~/routes/arrangor.$eventId.eksport'
import { loader as lateChangesLoader } from '~/routes/arrangor.$eventId.endringer'
import { loader as copyLoader } from '~/routes/arrangor.$eventId.kopier'
import { loader as dietsLoader } from '~/routes/arrangor.$eventId.kosthold'
import { loader as attendanceLoader } from '~/routes/arrangor.$eventId.oppmote'
import { loader as nightsLoader } from '~/routes/arrangor.$eventId.netter'
import { loader as overviewLoader } from '~/routes/arrangor.$eventId.oversikt'
import { loader as sessionsLoader } from '~/routes/arrangor.$eventId.sesjoner'
import { action as programAction, loader as programLoader } from '~/routes/arrangor.$eventId.program'
import { loader as eventsLoader } from '~/routes/arrangor._index'
import { loader as newEventLoader } from '~/routes/arrangor.nytt'
import { upsertUser } from '~/services/users.server'
import { respond, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase } from '../helpers/database'
import { eventId, MR, makeContactPerson, makeOrganiser, registrationId, seeded, sessionCookieFor } from '../helpers/fixtures'

let t: TestDatabase
let context: AppLoadContext
let mr: string
const cookies = { organiser: '', contact: '', stranger: '' }

beforeAll(async () => {
  t = await createTestDatabase()
  await seeded(t.db)
  context = testContext({ db: t.db, now: osloDateTime('2021-06-01', '12:00') })
  mr = await eventId(t.db, MR)
  cookies.organiser = await sessionCookieFor(context, (await makeOrganiser(t.db, 'arrangor@example.no', MR)).id)
  cookies.contact = await sessionCookieFor(context, (await makeContactPerson(t.db, 'k@volda.example.no', await registrationId(t.db, MR, 'Volda'))).id)
  cookies.stranger = await sessionCookieFor(context, (await upsertUser(t.db, { email: 's@example.no', name: 'S' })).id)
})

afterAll(async () => {
  await t.drop()
})

const request = (path: string, cookie: string, body?: Record<string, string>) =>
  new Request(`http://localhost${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { Cookie: cookie },
    body: body ? new URLSearchParams(body) : undefined,
  })

describe('organiser pages', () => {
  it('are 404 for a contact person and anyone else who does not organise the event', async () => {
    for (const cookie of [cookies.contact, cookies.stranger]) {
      const attempts = [
        () => eventsLoader({ request: request('/arrangor', cookie), params: {}, context }),
        () => newEventLoader({ request: request('/arrangor/nytt', cookie), params: {}, context }),
        () => settingsLoader({ request: request(`/arrangor/${mr}`, cookie), params: { eventId: mr }, context }),
        () => daysLoader({ request: request(`/arrangor/${mr}/dager`, cookie), params: { eventId: mr }, context }),
        () => programLoader({ request: request(`/arrangor/${mr}/program`, cookie), params: { eventId: mr }, context }),
        () => copyLoader({ request: request(`/arrangor/${mr}/kopier`, cookie), params: { eventId: mr }, context }),
        // The exports and the mail pages: every organiser page and export.
        ...(
          [
            ['oversikt', overviewLoader],
            ['netter', nightsLoader],
            ['sesjoner', sessionsLoader],
            ['kosthold', dietsLoader],
            ['endringer', lateChangesLoader],
            ['dekning', coverageLoader],
            ['oppmote', attendanceLoader],
            ['e-post', emailListLoader],
            ['e-post/ny', messageLoader],
            ['eksport', exportsLoader],
          ] as const
        ).map(
          ([page, loader]) =>
            () =>
              loader({ request: request(`/arrangor/${mr}/${page}`, cookie), params: { eventId: mr }, context }),
        ),
        ...['romliste', 'deltakere', 'sesjoner', 'kosthold', 'faktura'].map(
          (list) => () => exportFileLoader({ request: request(`/arrangor/${mr}/eksport/${list}?format=xlsx`, cookie), params: { eventId: mr, list }, context }),
        ),
        () => coverageAction({ request: request(`/arrangor/${mr}/dekning`, cookie, { intent: 'send' }), params: { eventId: mr }, context }),
        () =>
          messageAction({
            request: request(`/arrangor/${mr}/e-post/ny`, cookie, { idempotencyKey: crypto.randomUUID(), subject: 'Hei alle', body: 'En melding til alle.' }),
            params: { eventId: mr },
            context,
          }),
        () =>
          daysAction({
            request: request(`/arrangor/${mr}/dager`, cookie, { intent: 'save-night', date: '2021-11-10', rooms: '5' }),
            params: { eventId: mr },
            context,
          }),
      ]
      for (const attempt of attempts) expect((await respond(attempt)).status).toBe(404)
    }
  })

  it('save a night and a parallel session through the forms, and answer bad input at the field', async () => {
    const save = (body: Record<string, string>) =>
      respond(() => daysAction({ request: request(`/arrangor/${mr}/dager`, cookies.organiser, body), params: { eventId: mr }, context }))
    const night = await t.db.selectFrom('hotel_night').select('id').where('event_id', '=', mr).where('night_date', '=', '2021-11-11').executeTakeFirstOrThrow()
    const ok = await save({ intent: 'save-night', id: night.id, date: '2021-11-11', rooms: '120', covered: 'on' })
    expect(ok.status).toBe(302)
    expect((await t.db.selectFrom('hotel_night').select('rooms_in_block').where('id', '=', night.id).executeTakeFirstOrThrow()).rooms_in_block).toBe(120)

    const bad = await save({ intent: 'save-night', id: night.id, date: '2021-11-11', rooms: 'mange' })
    expect(bad.status).toBe(400)
    expect(await bad.text()).toContain('Fyll inn et helt tall, 0 eller mer.')
    const unknown = await save({ intent: 'drop-tables' })
    expect(unknown.status).toBe(400)

    const slot = await t.db.selectFrom('program_slot').select(['id', 'event_day_id']).where('event_id', '=', mr).executeTakeFirstOrThrow()
    const item = await respond(() =>
      programAction({
        request: request(`/arrangor/${mr}/program`, cookies.organiser, {
          intent: 'save-item',
          kind: 'parallel',
          dayId: slot.event_day_id,
          slotId: slot.id,
          startTime: '14:30',
          endTime: '16:00',
          title: 'Parallell 3: Sirkulærøkonomi',
          capacity: '25',
        }),
        params: { eventId: mr },
        context,
      }),
    )
    expect(item.status).toBe(302)
    const saved = await t.db
      .selectFrom('program_item')
      .select(['capacity', 'slot_id'])
      .where('title', '=', 'Parallell 3: Sirkulærøkonomi')
      .executeTakeFirstOrThrow()
    expect(saved).toEqual({ capacity: 25, slot_id: slot.id })
  })

  it('answer in nynorsk when the reader chose it: the event list and a refused form', async () => {
    const list = await eventsLoader({ request: request('/arrangor?maalform=nn', cookies.organiser), params: {}, context })
    const event = list.events.find((e) => e.id === mr)
    expect(event?.phase).toMatch(/^Påmeldinga (opnar|er open til) /)
    expect(event?.role).toBe('Arrangør')

    const night = await t.db.selectFrom('hotel_night').select('id').where('event_id', '=', mr).where('night_date', '=', '2021-11-11').executeTakeFirstOrThrow()
    const bad = await respond(() =>
      daysAction({
        request: request(`/arrangor/${mr}/dager?maalform=nn`, cookies.organiser, { intent: 'save-night', id: night.id, date: '2021-11-11', rooms: 'mange' }),
        params: { eventId: mr },
        context,
      }),
    )
    expect(bad.status).toBe(400)
    const body = await bad.text()
    expect(body).toContain('rooms')
    expect(body).not.toContain('Fyll inn et helt tall, 0 eller mer.')
  })

  it("name meals and programme kinds by the domain's labels in the reader's form", async () => {
    const daysIn = async (form: string) =>
      (await daysLoader({ request: request(`/arrangor/${mr}/dager?maalform=${form}`, cookies.organiser), params: { eventId: mr }, context })).days
    expect((await daysIn('nb')).map((d) => d.meals)).toContain('Frokost, Lunsj')
    expect((await daysIn('nn')).map((d) => d.meals)).toContain('Frukost, Lunsj')

    const kindsIn = async (form: string) => {
      const data = await programLoader({ request: request(`/arrangor/${mr}/program?maalform=${form}`, cookies.organiser), params: { eventId: mr }, context })
      return data.days.flatMap((d) => d.items.map((i) => i.kind))
    }
    expect(await kindsIn('nb')).toContain('Valgfritt')
    expect(await kindsIn('nn')).toContain('Valfritt')
  })
})
