import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { type EnrolInput, enrolParticipant } from '~/services/enrolment.server'
import { cancelParticipant, substituteParticipant } from '~/services/participant-changes.server'
import { upsertUser } from '~/services/users.server'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { enrolInput, makeContactPerson, makeOrganiser, registrationId, seeded, TR, TEST_MAIL } from '../helpers/fixtures'

let t: TestDatabase
let contact: { userId: string }
let organiser: { userId: string }
let selbu: string
const ids = { day1: '', day2: '', night: '', sessionA: '', sessionB: '', restricted: '' }
const open = osloDateTime('2018-10-01', '12:00')
const afterDeadline = osloDateTime('2018-10-21', '12:00')

beforeAll(async () => {
  t = await createTestDatabase()
})

afterAll(async () => {
  await t.drop()
})

beforeEach(async () => {
  await truncateAll(t.db)
  await seeded(t.db)
  selbu = await registrationId(t.db, TR, 'Selbu')
  contact = { userId: (await makeContactPerson(t.db, 'kontakt@selbu.example.no', selbu)).id }
  organiser = { userId: (await makeOrganiser(t.db, 'arrangor@example.no', TR)).id }
  const event = await t.db.selectFrom('event').select('id').where('slug', '=', TR).executeTakeFirstOrThrow()
  const days = await t.db.selectFrom('event_day').select(['id', 'date']).where('event_id', '=', event.id).orderBy('date').execute()
  ids.day1 = days[0]?.id ?? ''
  ids.day2 = days[1]?.id ?? ''
  ids.night = (await t.db.selectFrom('hotel_night').select('id').where('event_id', '=', event.id).executeTakeFirstOrThrow()).id
  const sessions = await t.db
    .selectFrom('program_item')
    .select(['id', 'title'])
    .where('event_id', '=', event.id)
    .where('kind', '=', 'parallel')
    .orderBy('starts_at')
    .orderBy('sort_order')
    .execute()
  ids.sessionA = sessions[0]?.id ?? ''
  ids.sessionB = sessions[4]?.id ?? ''
  await t.db
    .updateTable('program_item')
    .set({ restricted_to_roles: ['ordforer'] })
    .where('id', '=', sessions[1]?.id ?? '')
    .execute()
  ids.restricted = sessions[1]?.id ?? ''
})

function person(overrides: Partial<EnrolInput> = {}): EnrolInput {
  const email = `${randomUUID().slice(0, 8)}@selbu.example.no`
  return enrolInput(selbu, { email, fieldsOfWork: ['utslippskutt'], dayIds: [ids.day1, ids.day2], nightIds: [ids.night], ...overrides })
}

async function coverage() {
  const rows = await t.db
    .selectFrom('participant')
    .select((eb) => [
      'participant.name',
      'participant.status',
      eb
        .exists(eb.selectFrom('participant_night').select('participant_id').whereRef('participant_id', '=', 'participant.id').where('is_covered', '=', true))
        .as('overnight'),
      eb
        .selectFrom('participant_day')
        .select((x) => x.fn.countAll<string>().as('n'))
        .whereRef('participant_id', '=', 'participant.id')
        .where('is_covered_day_package', '=', true)
        .as('day_packages'),
    ])
    .where('registration_id', '=', selbu)
    .orderBy('coverage_rank')
    .execute()
  return rows.map((r) => [r.name, r.status, r.overnight, Number(r.day_packages)])
}

describe('enrolment in Trøndelag 2018', () => {
  it('covers 2 overnight and 1 day package, and the fourth person pays', async () => {
    await enrolParticipant(t.db, TEST_MAIL, contact, person({ name: 'A' }), open)
    await enrolParticipant(t.db, TEST_MAIL, contact, person({ name: 'B', sessionIds: [ids.sessionA] }), open)
    await enrolParticipant(t.db, TEST_MAIL, contact, person({ name: 'C', dayIds: [ids.day1], nightIds: [] }), open)
    await enrolParticipant(t.db, TEST_MAIL, contact, person({ name: 'D' }), open)
    expect(await coverage()).toEqual([
      ['A', 'active', true, 0],
      ['B', 'active', true, 0],
      ['C', 'active', false, 1],
      ['D', 'active', false, 0],
    ])
  })

  it('promotes the earliest self-paid participant who fits when a covered one cancels', async () => {
    const a = await enrolParticipant(t.db, TEST_MAIL, contact, person({ name: 'A' }), open)
    await enrolParticipant(t.db, TEST_MAIL, contact, person({ name: 'B' }), open)
    await enrolParticipant(t.db, TEST_MAIL, contact, person({ name: 'C', dayIds: [ids.day1], nightIds: [] }), open)
    const d = await enrolParticipant(t.db, TEST_MAIL, contact, person({ name: 'D' }), open)
    const result = await cancelParticipant(t.db, TEST_MAIL, contact, a?.id ?? '', open)
    expect(result).toEqual({ late: false, promoted: [d?.id] })
    expect(await coverage()).toEqual([
      ['A', 'cancelled', false, 0],
      ['B', 'active', true, 0],
      ['C', 'active', false, 1],
      ['D', 'active', true, 0],
    ])
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('registration_id', '=', selbu)
      .where('action', 'like', 'participant.%')
      .orderBy('id')
      .execute()
    expect(audit.slice(-2)).toEqual([
      { action: 'participant.cancelled', entity_id: a?.id },
      { action: 'participant.promoted', entity_id: d?.id },
    ])
    expect(
      await t.db
        .selectFrom('participant_night')
        .select('participant_id')
        .where('participant_id', '=', a?.id ?? '')
        .execute(),
    ).toEqual([])
    // The room is given back: B and D still stay the night.
    const night = await t.db.selectFrom('hotel_night').select(['rooms_taken', 'rooms_in_block']).where('id', '=', ids.night).executeTakeFirstOrThrow()
    expect(night.rooms_taken).toBe(2)
    // And the database itself refuses a count beyond the block.
    await expect(
      t.db
        .updateTable('hotel_night')
        .set({ rooms_taken: night.rooms_in_block + 1 })
        .where('id', '=', ids.night)
        .execute(),
    ).rejects.toThrow(/hotel_night_rooms_taken_within_block/)
  })

  it('refuses sessions on days not attended, restricted to other roles, or two in one slot', async () => {
    await expect(
      enrolParticipant(t.db, TEST_MAIL, contact, person({ dayIds: [ids.day1], nightIds: [], sessionIds: [ids.sessionA] }), open),
    ).rejects.toMatchObject({ code: 'session_day_not_attended', field: 'sessionIds' })
    await expect(enrolParticipant(t.db, TEST_MAIL, contact, person({ sessionIds: [ids.restricted] }), open)).rejects.toMatchObject({
      code: 'session_role_restricted',
    })
    await expect(enrolParticipant(t.db, TEST_MAIL, contact, person({ roleCategory: 'ordforer', sessionIds: [ids.restricted] }), open)).resolves.not.toBeNull()
    const sameSlot = await t.db
      .selectFrom('program_item')
      .select('id')
      .where('slot_id', '=', t.db.selectFrom('program_item').select('slot_id').where('id', '=', ids.sessionA))
      .where('id', '!=', ids.sessionA)
      .executeTakeFirstOrThrow()
    await expect(enrolParticipant(t.db, TEST_MAIL, contact, person({ sessionIds: [ids.sessionA, sameSlot.id] }), open)).rejects.toMatchObject({
      code: 'two_sessions_in_slot',
    })
    expect(await t.db.selectFrom('participant').select('id').where('registration_id', '=', selbu).execute()).toHaveLength(1)
  })

  it('refuses ids of another event or municipality, and a night away from the days attended', async () => {
    const mrSession = await t.db
      .selectFrom('program_item')
      .innerJoin('event', 'event.id', 'program_item.event_id')
      .select('program_item.id')
      .where('event.slug', '!=', TR)
      .executeTakeFirstOrThrow()
    await expect(enrolParticipant(t.db, TEST_MAIL, contact, person({ sessionIds: [mrSession.id] }), open)).rejects.toMatchObject({ code: 'unknown_choice' })
    await expect(enrolParticipant(t.db, TEST_MAIL, contact, person({ dayIds: [randomUUID()] }), open)).rejects.toMatchObject({ code: 'unknown_choice' })
    const other = await registrationId(t.db, TR, 'Tydal')
    expect(await enrolParticipant(t.db, TEST_MAIL, contact, person({ registrationId: other }), open)).toBeNull()
    const stranger = await upsertUser(t.db, { email: 'x@example.no', name: 'X' })
    expect(await enrolParticipant(t.db, TEST_MAIL, { userId: stranger.id }, person(), open)).toBeNull()
    await expect(enrolParticipant(t.db, TEST_MAIL, contact, person({ dayIds: [ids.day2], nightIds: [ids.night] }), open)).resolves.not.toBeNull()
  })

  it('enrols a person once per municipality, whatever the case of the address; another municipality, or after a cancellation, may', async () => {
    const kari = await enrolParticipant(t.db, TEST_MAIL, contact, person({ name: 'Kari', email: 'kari@selbu.example.no' }), open)
    const before = await coverage()
    await expect(enrolParticipant(t.db, TEST_MAIL, contact, person({ name: 'Kari igjen', email: 'KARI@selbu.example.no' }), open)).rejects.toMatchObject({
      code: 'email_already_enrolled',
      field: 'email',
      message: 'Denne e-postadressen er allerede påmeldt fra kommunen. Endre den påmeldte deltakeren i stedet.',
    })
    expect(await coverage()).toEqual(before)
    const tydal = await registrationId(t.db, TR, 'Tydal')
    await expect(enrolParticipant(t.db, TEST_MAIL, organiser, person({ registrationId: tydal, email: 'kari@selbu.example.no' }), open)).resolves.not.toBeNull()
    await cancelParticipant(t.db, TEST_MAIL, contact, kari?.id ?? '', open)
    await expect(enrolParticipant(t.db, TEST_MAIL, contact, person({ name: 'Kari igjen', email: 'Kari@Selbu.example.no' }), open)).resolves.not.toBeNull()
  })

  it('after the deadline: the contact person cannot add, the organiser adds late, a removal is a late cancellation', async () => {
    const a = await enrolParticipant(t.db, TEST_MAIL, contact, person({ name: 'A' }), open)
    await enrolParticipant(t.db, TEST_MAIL, contact, person({ name: 'B' }), open)
    await expect(enrolParticipant(t.db, TEST_MAIL, contact, person(), afterDeadline)).rejects.toMatchObject({ code: 'deadline_passed' })
    const late = await enrolParticipant(t.db, TEST_MAIL, organiser, person({ name: 'Sen' }), afterDeadline)
    expect(late?.isLateAddition).toBe(true)
    // Binding (DESIGN.md §3, decision 31): A's covered place stays counted against the quota, so nobody is promoted.
    expect(await cancelParticipant(t.db, TEST_MAIL, contact, a?.id ?? '', afterDeadline)).toEqual({ late: true, promoted: [] })
    const row = await t.db
      .selectFrom('participant')
      .select('status')
      .where('id', '=', a?.id ?? '')
      .executeTakeFirstOrThrow()
    expect(row.status).toBe('late_cancelled')
    await expect(enrolParticipant(t.db, TEST_MAIL, contact, person(), osloDateTime('2018-08-01', '12:00'))).rejects.toMatchObject({
      code: 'registration_not_open',
    })
  })

  it('after the deadline a substitute takes over place, nights, coverage and the sessions their role allows', async () => {
    const mayor = await enrolParticipant(t.db, TEST_MAIL, contact, person({ name: 'Ordfører', roleCategory: 'ordforer', sessionIds: [ids.restricted] }), open)
    const result = await substituteParticipant(
      t.db,
      TEST_MAIL,
      contact,
      mayor?.id ?? '',
      { name: 'Rådgiver Rask', email: 'rask@selbu.example.no', phone: null, title: 'Rådgiver', roleCategory: 'radgiver' },
      afterDeadline,
    )
    expect(result?.dropped).toHaveLength(1)
    expect(await coverage()).toEqual([
      ['Ordfører', 'substituted', false, 0],
      ['Rådgiver Rask', 'active', true, 0],
    ])
    const substitute = result?.substitute
    expect(substitute).toMatchObject({ coverage_rank: mayor?.coverageRank, substitute_for_id: mayor?.id })
    expect(
      await t.db
        .selectFrom('session_choice')
        .select('program_item_id')
        .where('participant_id', '=', substitute?.id ?? '')
        .execute(),
    ).toEqual([])
    const nights = await t.db
      .selectFrom('participant_night')
      .select('hotel_night_id')
      .where('participant_id', '=', substitute?.id ?? '')
      .execute()
    expect(nights).toEqual([{ hotel_night_id: ids.night }])
    await expect(
      substituteParticipant(
        t.db,
        TEST_MAIL,
        contact,
        substitute?.id ?? '',
        { name: 'X', email: 'x@selbu.example.no', phone: null, title: '', roleCategory: 'annet' },
        osloDateTime('2018-11-27', '12:00'),
      ),
    ).rejects.toMatchObject({ code: 'registration_not_open' })
  })
})
