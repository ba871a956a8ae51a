import { randomUUID } from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { action as editAction } from '~/routes/kommune.$registrationId.deltaker.$participantId'
import { action as enrolAction } from '~/routes/kommune.$registrationId.ny-deltaker'
import { respond, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase } from '../helpers/database'
import { makeContactPerson, MR, registrationId, seeded, sessionCookieFor, TR } from '../helpers/fixtures'

/**
 * 2 000 random and hostile form bodies posted to the enrolment action: none
 * may crash (500) and none may leave an invalid participant behind.
 */

let t: TestDatabase
let context: AppLoadContext
let selbu: string
let cookie: string
let pool: string[]
let validDay: number

beforeAll(async () => {
  t = await createTestDatabase()
  await seeded(t.db)
  context = testContext({ db: t.db, now: osloDateTime('2018-10-01', '12:00') })
  selbu = await registrationId(t.db, TR, 'Selbu')
  cookie = await sessionCookieFor(context, (await makeContactPerson(t.db, 'k@selbu.example.no', selbu)).id)
  // Real ids of this event, of the other event and of another municipality, to mix into the bodies.
  const items = await t.db.selectFrom('program_item').select('id').execute()
  const days = await t.db.selectFrom('event_day').select('id').execute()
  const nights = await t.db.selectFrom('hotel_night').select('id').execute()
  const topics = await t.db.selectFrom('event_topic').select('id').execute()
  const slots = await t.db.selectFrom('program_slot').select('id').execute()
  pool = [...items, ...days, ...nights, ...topics, ...slots].map((r) => r.id).concat(await registrationId(t.db, MR, 'Volda'), randomUUID())
  const trDay = await t.db
    .selectFrom('event_day')
    .innerJoin('event', 'event.id', 'event_day.event_id')
    .select('event_day.id')
    .where('event.slug', '=', TR)
    .executeTakeFirstOrThrow()
  validDay = pool.indexOf(trDay.id)
})

afterAll(async () => {
  await t.drop()
})

const FIELDS = [
  'idempotencyKey',
  'name',
  'email',
  'phone',
  'title',
  'roleCategory',
  'fieldsOfWork',
  'dayIds',
  'nightIds',
  'longTravelReason',
  'attendsDinner',
  'diet',
  'allergies',
  'accessibilityNeeds',
  'topicIds',
  'sessionIds',
]

/** Random and hostile form bodies; half start from a valid body, so the service's own checks are reached too. */
function hostileBodies() {
  const value = fc.oneof(
    fc.string(),
    fc.string({ minLength: 5_000, maxLength: 20_000 }),
    fc.constantFrom(
      '',
      ' ',
      '-1',
      '0',
      '1e9',
      'NaN',
      'null',
      'undefined',
      'on',
      'true',
      '<script>alert(1)</script>',
      "'; drop table participant; --",
      '\u0000',
      '2018-13-45',
    ),
    fc.constantFrom('ordforer', 'radgiver', 'keiser', 'utslippskutt', 'kari@selbu.example.no', 'ikke-epost'),
    fc.integer().map(String),
    fc.uuid(),
    fc.constantFrom(...pool),
  )
  const key = fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 20 }), fc.constantFrom(...pool.map((id) => `slot:${id}`)))
  // Half start from a valid body and spoil or extend it, so the service's own checks are reached too.
  const valid = fc.record({ idempotencyKey: fc.uuid(), email: fc.stringMatching(/^[a-z]{1,12}$/).map((n) => `${n}@selbu.example.no`) }).map(
    ({ idempotencyKey, email }) =>
      [
        ['idempotencyKey', idempotencyKey],
        ['name', 'Kari Nordmann'],
        ['email', email],
        ['title', 'Rådgiver'],
        ['roleCategory', 'radgiver'],
        ['dayIds', pool[validDay] ?? ''],
      ] as Array<[string, string]>,
  )
  const body = fc.oneof(
    fc.array(fc.tuple(key, value), { maxLength: 30 }),
    fc.tuple(valid, fc.array(fc.tuple(key, value), { maxLength: 6 })).map(([base, extra]) => [...base, ...extra]),
  )
  return { body }
}

describe('the enrolment action under hostile input', () => {
  it('never answers 500 and never saves an invalid participant, for 2 000 random bodies', async () => {
    const { body } = hostileBodies()
    const statuses = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(body, async (entries) => {
        const form = new URLSearchParams()
        for (const [k, v] of entries) form.append(k, v)
        const response = await respond(() =>
          enrolAction({
            request: new Request(`http://localhost/kommune/${selbu}/ny-deltaker`, { method: 'POST', headers: { Cookie: cookie }, body: form }),
            params: { registrationId: selbu },
            context,
          }),
        )
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
        expect(response.status).not.toBe(500)
        expect([302, 400, 404, 409]).toContain(response.status)
      }),
      { numRuns: 2_000 },
    )
    // Whatever got through is a valid participant of this municipality with days of this event.
    const saved = await t.db
      .selectFrom('participant')
      .select((eb) => [
        'participant.id',
        'participant.email',
        'participant.name',
        eb
          .selectFrom('participant_day')
          .innerJoin('event_day', 'event_day.id', 'participant_day.event_day_id')
          .innerJoin('registration', 'registration.event_id', 'event_day.event_id')
          .select((x) => x.fn.countAll<string>().as('n'))
          .whereRef('participant_day.participant_id', '=', 'participant.id')
          .whereRef('registration.id', '=', 'participant.registration_id')
          .as('own_days'),
      ])
      .execute()
    for (const p of saved) {
      expect(p.email).toMatch(/^[^@\s]+@[^@\s]+\.[^@\s]+$/)
      expect(p.name.length).toBeGreaterThanOrEqual(2)
      expect(Number(p.own_days)).toBeGreaterThan(0)
    }
    const wrong = await t.db
      .selectFrom('participant')
      .innerJoin('registration', 'registration.id', 'participant.registration_id')
      .select('participant.id')
      .where('registration.id', '!=', selbu)
      .execute()
    expect(wrong).toEqual([])
    expect(statuses.get(500)).toBeUndefined()
    // The valid half must really reach the service: some saved, some refused by its rules.
    expect(statuses.get(302) ?? 0).toBeGreaterThan(50)
    expect(statuses.get(409) ?? 0).toBeGreaterThan(0)
  }, 180_000)

  it('the edit action too: 1 000 bodies against one participant, no 500, and the participant stays valid', async () => {
    const form = new URLSearchParams([
      ['idempotencyKey', randomUUID()],
      ['name', 'Redigert Deltaker'],
      ['email', 'redigert@selbu.example.no'],
      ['title', 'Rådgiver'],
      ['roleCategory', 'radgiver'],
      ['dayIds', pool[validDay] ?? ''],
    ])
    const created = await respond(() =>
      enrolAction({
        request: new Request('http://localhost/x', { method: 'POST', headers: { Cookie: cookie }, body: form }),
        params: { registrationId: selbu },
        context,
      }),
    )
    expect(created.status).toBe(302)
    const participant = await t.db.selectFrom('participant').select('id').where('email', '=', 'redigert@selbu.example.no').executeTakeFirstOrThrow()
    const { body } = hostileBodies()
    const statuses = new Map<number, number>()
    await fc.assert(
      fc.asyncProperty(body, async (entries) => {
        const edit = new URLSearchParams()
        for (const [k, v] of entries) edit.append(k, v)
        const response = await respond(() =>
          editAction({
            request: new Request('http://localhost/x', { method: 'POST', headers: { Cookie: cookie }, body: edit }),
            params: { registrationId: selbu, participantId: participant.id },
            context,
          }),
        )
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
        expect([302, 400, 404, 409]).toContain(response.status)
      }),
      { numRuns: 1_000 },
    )
    expect(statuses.get(302) ?? 0).toBeGreaterThan(20)
    const after = await t.db.selectFrom('participant').selectAll().where('id', '=', participant.id).executeTakeFirstOrThrow()
    expect(after.name.length).toBeGreaterThanOrEqual(2)
    expect(after.email).toMatch(/^[^@\s]+@[^@\s]+\.[^@\s]+$/)
    const days = await t.db
      .selectFrom('participant_day')
      .innerJoin('event_day', 'event_day.id', 'participant_day.event_day_id')
      .innerJoin('event', 'event.id', 'event_day.event_id')
      .select('event.slug')
      .where('participant_day.participant_id', '=', participant.id)
      .execute()
    expect(days.length).toBeGreaterThan(0)
    expect(days.every((d) => d.slug === TR)).toBe(true)
    // The counters still match the rows they count.
    const drift = await t.db
      .selectFrom('hotel_night')
      .select('id')
      .where(({ eb, selectFrom }) =>
        eb(
          'rooms_taken',
          '!=',
          selectFrom('participant_night')
            .innerJoin('participant', 'participant.id', 'participant_night.participant_id')
            .select((x) => x.fn.countAll<number>().as('n'))
            .whereRef('participant_night.hotel_night_id', '=', 'hotel_night.id')
            .where('participant.status', '=', 'active'),
        ),
      )
      .execute()
    expect(drift).toEqual([])
  }, 180_000)
})
