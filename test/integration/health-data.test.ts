import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { loader as dietLoader } from '~/routes/arrangor.$eventId.kosthold'
import { enrolParticipant } from '~/services/enrolment.server'
import { copyEvent } from '~/services/event-setup.server'
import { deleteHealthDataOfEndedEvents } from '~/services/health-data.server'
import { updateParticipant } from '~/services/participant-changes.server'
import { respond, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase } from '../helpers/database'
import { enrolInput, eventId, makeContactPerson, makeOrganiser, registrationId, seeded, sessionCookieFor, TEST_MAIL, TR } from '../helpers/fixtures'

/**
 * Diet, allergies and accessibility needs may be health data (DESIGN.md §3):
 * deleted once the event has ended, from the participants and from the audit
 * rows, once, by however many workers.
 */

let t: TestDatabase
const open = osloDateTime('2018-10-01', '12:00')
const running = osloDateTime('2018-11-27', '12:00')
const ended = osloDateTime('2018-11-28', '18:00')

beforeAll(async () => {
  t = await createTestDatabase()
  await seeded(t.db)
})

afterAll(async () => {
  await t.drop()
})

const HEALTH = sql`array['diet', 'allergies', 'accessibility_needs']`

describe('health data after the event', () => {
  it('is deleted once the event has ended, from participants and audit rows, once, and the diet page says when', async () => {
    const tr = await eventId(t.db, TR)
    const selbu = await registrationId(t.db, TR, 'Selbu')
    const contact = { userId: (await makeContactPerson(t.db, 'kontakt@selbu.example.no', selbu)).id }
    const organiser = await makeOrganiser(t.db, 'arrangor@example.no', TR)
    const days = await t.db.selectFrom('event_day').select('id').where('event_id', '=', tr).execute()
    const kari = enrolInput(selbu, { name: 'Kari', dayIds: days.map((d) => d.id), diet: 'Vegetar', allergies: 'Nøtter', accessibilityNeeds: 'Rullestol' })
    const enrolled = await enrolParticipant(t.db, TEST_MAIL, contact, kari, open)
    await enrolParticipant(t.db, TEST_MAIL, contact, enrolInput(selbu, { name: 'Ola', dayIds: days.map((d) => d.id) }), open)
    // An edit of the diet puts it in the audit row's before and after.
    const { registrationId: _r, idempotencyKey: _k, ...form } = kari
    await updateParticipant(t.db, TEST_MAIL, contact, enrolled?.id ?? '', { ...form, diet: 'Vegan' }, open)
    const healthInAudit = async () =>
      Number(
        (await sql<{ n: string }>`select count(*) as n from audit_log where event_id = ${tr} and (before ?| ${HEALTH} or after ?| ${HEALTH})`.execute(t.db))
          .rows[0]?.n,
      )
    expect(await healthInAudit()).toBe(1)

    // While the event runs, nothing is deleted.
    expect(await deleteHealthDataOfEndedEvents(t.db, running)).toBe(0)
    expect(
      await t.db
        .selectFrom('participant')
        .select('diet')
        .where('id', '=', enrolled?.id ?? '')
        .executeTakeFirstOrThrow(),
    ).toEqual({ diet: 'Vegan' })

    // Once it has ended, two workers at once clear it once.
    expect((await Promise.all([deleteHealthDataOfEndedEvents(t.db, ended), deleteHealthDataOfEndedEvents(t.db, ended)])).sort()).toEqual([0, 1])
    const people = await t.db
      .selectFrom('participant')
      .select(['name', 'diet', 'allergies', 'accessibility_needs'])
      .where('registration_id', '=', selbu)
      .orderBy('name')
      .execute()
    expect(people).toEqual([
      { name: 'Kari', diet: null, allergies: null, accessibility_needs: null },
      { name: 'Ola', diet: null, allergies: null, accessibility_needs: null },
    ])
    expect(await healthInAudit()).toBe(0)
    const edit = await t.db
      .selectFrom('audit_log')
      .select(['before', 'after'])
      .where('event_id', '=', tr)
      .where('action', '=', 'participant.updated')
      .executeTakeFirstOrThrow()
    expect(edit).toEqual({ before: { name: 'Kari' }, after: { name: 'Kari' } })
    const marked = await t.db.selectFrom('event').select('health_data_deleted_at').where('id', '=', tr).executeTakeFirstOrThrow()
    expect(marked.health_data_deleted_at).toEqual(ended)
    const record = await t.db.selectFrom('audit_log').select(['actor_label', 'after']).where('action', '=', 'event.health_data_deleted').execute()
    expect(record).toEqual([{ actor_label: 'system', after: { participants: 1 } }])
    expect(await deleteHealthDataOfEndedEvents(t.db, ended)).toBe(0)

    const context = testContext({ db: t.db, now: ended })
    const cookie = await sessionCookieFor(context, organiser.id)
    const page = await respond(() =>
      dietLoader({ request: new Request('http://localhost/x', { headers: { Cookie: cookie } }), params: { eventId: tr }, context }),
    )
    expect(await page.json()).toMatchObject({ deletedAt: '28. november 2018 kl. 18.00', kitchen: [], needs: [] })

    // A copy of the event is a new event: nothing of it is deleted yet.
    const copy = await copyEvent(
      t.db,
      { userId: organiser.id },
      tr,
      { title: 'Klimasamling 2027', slug: 'klimasamling-trondelag-2027', startDate: '2027-11-23' },
      ended,
    )
    const copied = await t.db
      .selectFrom('event')
      .select('health_data_deleted_at')
      .where('id', '=', copy?.id ?? '')
      .executeTakeFirstOrThrow()
    expect(copied.health_data_deleted_at).toBeNull()
  })
})
