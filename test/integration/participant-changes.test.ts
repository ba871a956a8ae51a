import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { AppUser } from '../../db/schema'
import { osloDateTime } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { bilingual } from '~/domain/language'
import type { ParticipantInput } from '~/domain/participant-form'
import { type EnrolInput, enrolParticipant } from '~/services/enrolment.server'
import { cancelParticipant, moveParticipant, substituteParticipant, updateParticipant } from '~/services/participant-changes.server'
import { changeOwnSessions } from '~/services/participants.server'
import { upsertUser } from '~/services/users.server'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import {
  enrolInput,
  eventDayIds,
  eventId,
  MR,
  makeContactPerson,
  makeOrganiser,
  parallelSessions,
  registrationId,
  seeded,
  TR,
  TEST_MAIL,
} from '../helpers/fixtures'

/**
 * Changes to enrolled participants against real Postgres: the contact
 * person's and the organiser's edits (updateParticipant), the order of the
 * covered places (moveParticipant) and a participant's own sessions
 * (changeOwnSessions). Every change is checked against the rows it must
 * leave: rooms and seats counters, nights, days, sessions, coverage and the
 * audit log; every refusal against a snapshot of the whole database.
 */

let t: TestDatabase
let contact: AppUser
let otherContact: AppUser
let organiser: AppUser
let otherOrganiser: AppUser
let stranger: AppUser
let mrContact: AppUser
let selbu: string
let volda: string
const tr = { event: '', day1: '', day2: '', night: '', before: [] as string[], after: [] as string[], topics: [] as string[] }
const mr = { event: '', day1: '', day2: '', nightBefore: '', night: '', toppleder: '', parallell2: '', topics: [] as string[] }

// Trøndelag 2018: open 3 Sep, deadline 20 Oct 23.59, event 27–28 Nov (Europe/Oslo).
const open = osloDateTime('2018-10-01', '12:00')
const afterDeadline = osloDateTime('2018-10-21', '12:00')
const running = osloDateTime('2018-11-27', '12:00')
const finished = osloDateTime('2018-11-29', '12:00')
// Møre og Romsdal 2021: open 16 Aug to 20 Sep, event 11–12 Nov.
const mrOpen = osloDateTime('2021-09-01', '12:00')

const TOPPLEDER = 'Parallell 1: Topplederforum for ordførere og rådmenn'

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
  volda = await registrationId(t.db, MR, 'Volda')
  contact = await makeContactPerson(t.db, 'kontakt@selbu.example.no', selbu)
  otherContact = await makeContactPerson(t.db, 'kontakt@tydal.example.no', await registrationId(t.db, TR, 'Tydal'))
  mrContact = await makeContactPerson(t.db, 'kontakt@volda.example.no', volda)
  organiser = await makeOrganiser(t.db, 'arrangor@example.no', TR)
  otherOrganiser = await makeOrganiser(t.db, 'arrangor-mr@example.no', MR)
  stranger = await upsertUser(t.db, { email: 'fremmed@example.no', name: 'Fremmed' })

  tr.event = await eventId(t.db, TR)
  const days = await eventDayIds(t.db, tr.event)
  tr.day1 = days[0] ?? ''
  tr.day2 = days[1] ?? ''
  tr.night = (await t.db.selectFrom('hotel_night').select('id').where('event_id', '=', tr.event).executeTakeFirstOrThrow()).id
  const parallel = await parallelSessions(t.db, tr.event)
  tr.before = parallel.before
  tr.after = parallel.after
  tr.topics = (await t.db.selectFrom('event_topic').select('id').where('event_id', '=', tr.event).orderBy('sort_order').execute()).map((x) => x.id)

  mr.event = await eventId(t.db, MR)
  const day = (date: string) => t.db.selectFrom('event_day').select('id').where('event_id', '=', mr.event).where('date', '=', date).executeTakeFirstOrThrow()
  const night = (date: string) =>
    t.db.selectFrom('hotel_night').select('id').where('event_id', '=', mr.event).where('night_date', '=', date).executeTakeFirstOrThrow()
  const item = (title: string) =>
    t.db.selectFrom('program_item').select('id').where('event_id', '=', mr.event).where('title', '=', title).executeTakeFirstOrThrow()
  mr.day1 = (await day('2021-11-11')).id
  mr.day2 = (await day('2021-11-12')).id
  mr.nightBefore = (await night('2021-11-10')).id
  mr.night = (await night('2021-11-11')).id
  mr.toppleder = (await item(TOPPLEDER)).id
  mr.parallell2 = (await item('Parallell 2: For øvrige deltakere')).id
  mr.topics = (await t.db.selectFrom('event_topic').select('id').where('event_id', '=', mr.event).orderBy('sort_order').execute()).map((x) => x.id)

  // Sanity of the fixture this file builds on.
  expect(tr.before).toHaveLength(4)
  expect(tr.after).toHaveLength(4)
  expect(tr.topics.length).toBeGreaterThanOrEqual(2)
})

// Whatever a test did, no counter may drift from the rows it counts.
afterEach(async () => {
  expect(await drift()).toEqual([])
})

// ---------------------------------------------------------------- helpers

function person(overrides: Partial<EnrolInput> = {}): EnrolInput {
  const email = `${randomUUID().slice(0, 8)}@selbu.example.no`
  return enrolInput(selbu, { email, fieldsOfWork: ['utslippskutt'], dayIds: [tr.day1, tr.day2], nightIds: [tr.night], ...overrides })
}

/** Enrols a participant (before the deadline) and returns its id with the same answers as an edit form would post them. */
async function enrol(overrides: Partial<EnrolInput> = {}, actor: { id: string } = contact, now = open) {
  const input = person(overrides)
  const enrolled = await enrolParticipant(t.db, TEST_MAIL, { userId: actor.id }, input, now)
  if (!enrolled) throw new Error('the fixture could not enrol')
  const { registrationId: _registration, idempotencyKey: _key, ...form } = input
  return { id: enrolled.id, form: form as ParticipantInput }
}

function as(user: { id: string }) {
  return { userId: user.id }
}

/** The DomainError a promise rejects with, as { code, field }; anything else fails the test. */
async function refusal(promise: Promise<unknown>): Promise<{ code: string; field: string | undefined; params: Record<string, string | number> }> {
  try {
    await promise
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, field: error.field, params: error.params }
    throw error
  }
  throw new Error('expected a DomainError, but the change went through')
}

/** Every row a participant change may touch, to show that a refused change touched none. */
async function snapshot() {
  const db = t.db
  const [participants, days, nights, choices, topics, rooms, seats, audit, registrations] = await Promise.all([
    db.selectFrom('participant').selectAll().orderBy('id').execute(),
    db.selectFrom('participant_day').selectAll().orderBy('participant_id').orderBy('event_day_id').execute(),
    db.selectFrom('participant_night').selectAll().orderBy('participant_id').orderBy('hotel_night_id').execute(),
    db.selectFrom('session_choice').selectAll().orderBy('participant_id').orderBy('program_item_id').execute(),
    db.selectFrom('topic_wish').selectAll().orderBy('participant_id').orderBy('event_topic_id').execute(),
    db.selectFrom('hotel_night').select(['id', 'rooms_taken', 'rooms_in_block']).orderBy('id').execute(),
    db.selectFrom('program_item').select(['id', 'seats_taken', 'capacity']).orderBy('id').execute(),
    db.selectFrom('audit_log').selectAll().orderBy('id').execute(),
    db.selectFrom('registration').selectAll().orderBy('id').execute(),
  ])
  return { participants, days, nights, choices, topics, rooms, seats, audit, registrations }
}

/** Nights and sessions whose counter differs from the rows of active participants it counts. */
async function drift() {
  const rooms = await sql<{ id: string; counter: number; rows: number }>`
    select h.id, h.rooms_taken as counter,
      (select count(*)::int from participant_night pn join participant p on p.id = pn.participant_id
        where pn.hotel_night_id = h.id and p.status in ('active', 'late_cancelled')) as rows
    from hotel_night h`.execute(t.db)
  const seats = await sql<{ id: string; counter: number; rows: number }>`
    select i.id, i.seats_taken as counter,
      (select count(*)::int from session_choice sc join participant p on p.id = sc.participant_id
        where sc.program_item_id = i.id and p.status = 'active') as rows
    from program_item i`.execute(t.db)
  return [...rooms.rows, ...seats.rows].filter((r) => r.counter !== r.rows)
}

const sorted = (ids: string[]) => [...ids].sort()

/** What one participant holds: days (with covered day package), nights (with coverage), sessions and topic wishes. */
async function holdings(participantId: string) {
  const [days, nights, sessions, topics] = await Promise.all([
    t.db.selectFrom('participant_day').select(['event_day_id', 'is_covered_day_package']).where('participant_id', '=', participantId).execute(),
    t.db.selectFrom('participant_night').select(['hotel_night_id', 'is_covered', 'reason']).where('participant_id', '=', participantId).execute(),
    t.db.selectFrom('session_choice').select(['program_item_id', 'slot_id']).where('participant_id', '=', participantId).execute(),
    t.db.selectFrom('topic_wish').select('event_topic_id').where('participant_id', '=', participantId).execute(),
  ])
  const byFirst = <T extends unknown[]>(rows: T[]) => [...rows].sort((a, b) => String(a[0]).localeCompare(String(b[0])))
  return {
    days: byFirst(days.map((d) => [d.event_day_id, d.is_covered_day_package] as [string, boolean])),
    nights: byFirst(nights.map((n) => [n.hotel_night_id, n.is_covered] as [string, boolean])),
    sessions: sorted(sessions.map((s) => s.program_item_id)),
    topics: sorted(topics.map((x) => x.event_topic_id)),
  }
}

async function slotOf(itemId: string) {
  return (await t.db.selectFrom('program_item').select('slot_id').where('id', '=', itemId).executeTakeFirstOrThrow()).slot_id
}

async function rooms(nightId: string) {
  return (await t.db.selectFrom('hotel_night').select('rooms_taken').where('id', '=', nightId).executeTakeFirstOrThrow()).rooms_taken
}

async function seats(itemId: string) {
  return (await t.db.selectFrom('program_item').select('seats_taken').where('id', '=', itemId).executeTakeFirstOrThrow()).seats_taken
}

async function seatsOf(itemIds: string[]) {
  return Promise.all(itemIds.map(seats))
}

/** Audit rows about participants, without the enrolments the fixtures made. */
async function changeAudit(registration = selbu) {
  return t.db
    .selectFrom('audit_log')
    .select(['action', 'entity_id', 'actor_user_id', 'actor_label', 'before', 'after', 'at'])
    .where('registration_id', '=', registration)
    .where('action', 'like', 'participant.%')
    .where('action', 'not in', ['participant.enrolled', 'participant.enrolled_late'])
    .orderBy('id')
    .execute()
}

/** Sorts the id lists in an audit row's before/after, whose order is not part of the record. */
function normalised(value: unknown) {
  if (!value || typeof value !== 'object') return value
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, Array.isArray(v) ? [...v].sort() : v]))
}

/** Each participant of the registration in order: name, rank, overnight covered, covered day packages. */
async function order(registration = selbu) {
  const rows = await t.db
    .selectFrom('participant')
    .select((eb) => [
      'participant.name',
      'participant.coverage_rank',
      eb
        .exists(eb.selectFrom('participant_night').select('participant_id').whereRef('participant_id', '=', 'participant.id').where('is_covered', '=', true))
        .as('overnight'),
      eb
        .selectFrom('participant_day')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('participant_id', '=', 'participant.id')
        .where('is_covered_day_package', '=', true)
        .as('day_packages'),
    ])
    .where('registration_id', '=', registration)
    .where('status', '=', 'active')
    .orderBy('coverage_rank')
    .execute()
  return rows.map((r) => [r.name, r.overnight, r.day_packages])
}

// ---------------------------------------------------------------- updateParticipant

describe('updateParticipant before the deadline', () => {
  it('changes details, days, nights, sessions and topics: rooms and seats follow, the rows match the form, the audit row holds only what changed', async () => {
    // D uses the municipality's one day package; A and B its two covered overnight places; F comes by day, self-paid.
    await enrol({ name: 'D', dayIds: [tr.day1], nightIds: [] })
    const a = await enrol({ name: 'A', sessionIds: [tr.before[0] ?? '', tr.after[0] ?? ''], topicIds: [tr.topics[0] ?? ''] })
    await enrol({ name: 'B', sessionIds: [tr.before[0] ?? ''] })
    const f = await enrol({ name: 'F', dayIds: [tr.day2], nightIds: [] })
    expect(await rooms(tr.night)).toBe(2)
    expect(await seatsOf([tr.before[0] ?? '', tr.before[1] ?? '', tr.after[0] ?? ''])).toEqual([2, 0, 1])

    // 1. F stays the night and comes both days: a room is taken, F pays (both covered places are used).
    const fResult = await updateParticipant(t.db, TEST_MAIL, as(contact), f.id, { ...f.form, dayIds: [tr.day1, tr.day2], nightIds: [tr.night] }, open)
    expect(fResult).toEqual({ promoted: [], changed: ['days', 'nights'] })
    expect(await rooms(tr.night)).toBe(3)
    expect(await holdings(f.id)).toEqual({
      days: [
        [tr.day1, false],
        [tr.day2, false],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
      nights: [[tr.night, false]],
      sessions: [],
      topics: [],
    })

    // 2. A changes name, title and diet, drops day 1 and the night, swaps the morning session and the topic.
    const aEdit: ParticipantInput = {
      ...a.form,
      name: 'A Endret',
      title: 'Klimarådgiver',
      diet: 'Vegetar',
      dayIds: [tr.day2],
      nightIds: [],
      sessionIds: [tr.before[1] ?? '', tr.after[0] ?? ''],
      topicIds: [tr.topics[1] ?? ''],
    }
    const at = osloDateTime('2018-10-02', '09:15')
    const result = await updateParticipant(t.db, TEST_MAIL, as(contact), a.id, aEdit, at)
    // A's covered overnight place goes to F, the next overnight participant in order.
    expect(result).toEqual({ promoted: [f.id], changed: ['name', 'title', 'diet', 'days', 'nights', 'sessions', 'topics'] })

    const row = await t.db.selectFrom('participant').selectAll().where('id', '=', a.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      name: 'A Endret',
      title: 'Klimarådgiver',
      diet: 'Vegetar',
      email: a.form.email,
      phone: null,
      role_category: 'radgiver',
      fields_of_work: ['utslippskutt'],
      attends_dinner: true,
      allergies: null,
      accessibility_needs: null,
      status: 'active',
    })
    expect(row.updated_at).toEqual(at)
    // The only day package is D's, so A now pays the day.
    expect(await holdings(a.id)).toEqual({
      days: [[tr.day2, false]],
      nights: [],
      sessions: sorted([tr.before[1] ?? '', tr.after[0] ?? '']),
      topics: [tr.topics[1]],
    })
    const slots = await t.db.selectFrom('session_choice').select(['program_item_id', 'slot_id', 'created_at']).where('participant_id', '=', a.id).execute()
    for (const s of slots) expect(s.slot_id).toBe(await slotOf(s.program_item_id))
    expect(slots.find((s) => s.program_item_id === tr.before[1])?.created_at).toEqual(at)

    // Old places given back, new ones taken, kept ones untouched.
    expect(await rooms(tr.night)).toBe(2)
    expect(await seatsOf([tr.before[0] ?? '', tr.before[1] ?? '', tr.after[0] ?? ''])).toEqual([1, 1, 1])
    expect(await order()).toEqual([
      ['D', false, 1],
      ['A Endret', false, 0],
      ['B', true, 0],
      ['F', true, 0],
    ])

    const audit = await changeAudit()
    expect(audit.map((r) => [r.action, r.entity_id])).toEqual([
      ['participant.updated', f.id],
      ['participant.updated', a.id],
      ['participant.promoted', f.id],
    ])
    const [fRow, aRow, promotedRow] = audit
    expect(normalised(fRow?.before)).toEqual({ name: 'F', days: [tr.day2], nights: [] })
    expect(normalised(fRow?.after)).toEqual({ name: 'F', days: sorted([tr.day1, tr.day2]), nights: [tr.night] })
    expect(aRow).toMatchObject({ actor_user_id: contact.id, actor_label: 'contact person', at })
    expect(normalised(aRow?.before)).toEqual({
      name: 'A',
      title: 'Rådgiver',
      diet: null,
      days: sorted([tr.day1, tr.day2]),
      nights: [tr.night],
      sessions: sorted([tr.before[0] ?? '', tr.after[0] ?? '']),
      topics: [tr.topics[0]],
    })
    expect(normalised(aRow?.after)).toEqual({
      name: 'A Endret',
      title: 'Klimarådgiver',
      diet: 'Vegetar',
      days: [tr.day2],
      nights: [],
      sessions: sorted([tr.before[1] ?? '', tr.after[0] ?? '']),
      topics: [tr.topics[1]],
    })
    expect(promotedRow).toMatchObject({ actor_label: 'contact person', after: { coveredOvernight: true, coveredDays: [] } })
  })

  it('saving the form unchanged changes nothing and writes no audit row', async () => {
    const a = await enrol({ name: 'A', sessionIds: [tr.before[0] ?? ''] })
    const before = await snapshot()
    expect(await updateParticipant(t.db, TEST_MAIL, as(contact), a.id, { ...a.form, dayIds: [tr.day2, tr.day1] }, open)).toEqual({ promoted: [], changed: [] })
    const after = await snapshot()
    // Only updated_at moves.
    expect({ ...after, participants: after.participants.map((p) => ({ ...p, updated_at: null })) }).toEqual({
      ...before,
      participants: before.participants.map((p) => ({ ...p, updated_at: null })),
    })
  })

  it('coverage follows: A drops the night, so self-paid C becomes covered overnight and is recorded as promoted', async () => {
    const a = await enrol({ name: 'A' })
    await enrol({ name: 'B' })
    const c = await enrol({ name: 'C' })
    expect(await order()).toEqual([
      ['A', true, 0],
      ['B', true, 0],
      ['C', false, 0],
    ])
    const result = await updateParticipant(t.db, TEST_MAIL, as(contact), a.id, { ...a.form, nightIds: [] }, open)
    // A trades the covered night for a covered day package: no promotion for A (DESIGN.md §3 promotes self-paid participants who fit).
    expect(result?.promoted).toEqual([c.id])
    // A comes by day now and takes the municipality's one day package (the first day); C stays covered overnight.
    expect(await order()).toEqual([
      ['A', false, 1],
      ['B', true, 0],
      ['C', true, 0],
    ])
    expect(await holdings(a.id)).toMatchObject({ nights: [] })
    expect(await holdings(c.id)).toMatchObject({ nights: [[tr.night, true]] })
    const promoted = (await changeAudit()).filter((r) => r.action === 'participant.promoted')
    expect(promoted.map((r) => r.entity_id)).toEqual([c.id])
    expect(promoted[0]).toMatchObject({ actor_user_id: contact.id, after: { coveredOvernight: true, coveredDays: [] } })

    // And back: A takes the night again and, first in order, takes back the covered place; C pays again.
    await updateParticipant(t.db, TEST_MAIL, as(contact), a.id, a.form, open)
    expect(await order()).toEqual([
      ['A', true, 0],
      ['B', true, 0],
      ['C', false, 0],
    ])
    expect(await rooms(tr.night)).toBe(3)
  })
})

describe('updateParticipant after the deadline and during the event', () => {
  it('the contact person may change details and sessions, but not days or nights; the organiser may', async () => {
    // D uses the one day package, so A coming by day pays and no coverage moves.
    await enrol({ name: 'D', dayIds: [tr.day1], nightIds: [] })
    const a = await enrol({ name: 'A', sessionIds: [tr.before[0] ?? ''] })
    await enrol({ name: 'B' })

    const details = await updateParticipant(
      t.db,
      TEST_MAIL,
      as(contact),
      a.id,
      { ...a.form, phone: '912 34 567', allergies: 'Nøtter', sessionIds: [tr.before[2] ?? ''] },
      afterDeadline,
    )
    expect(details).toEqual({ promoted: [], changed: ['phone', 'allergies', 'sessions'] })
    expect(await holdings(a.id)).toMatchObject({ sessions: [tr.before[2]], nights: [[tr.night, true]] })
    expect(await seatsOf([tr.before[0] ?? '', tr.before[2] ?? ''])).toEqual([0, 1])
    const changed = { ...a.form, phone: '912 34 567', allergies: 'Nøtter', sessionIds: [tr.before[2] ?? ''] }

    // A change of nights or of days (with other changes in the same form) is refused whole.
    const before = await snapshot()
    expect(await refusal(updateParticipant(t.db, TEST_MAIL, as(contact), a.id, { ...changed, name: 'A Ny', nightIds: [] }, afterDeadline))).toEqual({
      code: 'stay_change_after_deadline',
      field: 'nightIds',
      params: { email: expect.stringContaining('@') },
    })
    expect(
      await refusal(updateParticipant(t.db, TEST_MAIL, as(contact), a.id, { ...changed, name: 'A Ny', dayIds: [tr.day1], sessionIds: [] }, afterDeadline)),
    ).toMatchObject({
      code: 'stay_change_after_deadline',
      field: 'nightIds',
    })
    expect(await snapshot()).toEqual(before)

    // The organiser of the event may.
    const byOrganiser = await updateParticipant(t.db, TEST_MAIL, as(organiser), a.id, { ...changed, nightIds: [] }, afterDeadline)
    expect(byOrganiser).toEqual({ promoted: [], changed: ['nights'] })
    expect(await holdings(a.id)).toMatchObject({ nights: [] })
    expect(await rooms(tr.night)).toBe(1)
    const last = (await changeAudit()).at(-1)
    expect(last).toMatchObject({
      action: 'participant.updated',
      actor_user_id: organiser.id,
      actor_label: 'organiser',
      before: { nights: [tr.night] },
      after: { nights: [] },
    })
  })

  it('once the event runs the contact person gets registration_not_open, the organiser may still change; after it nobody may', async () => {
    const a = await enrol({ name: 'A' })
    const before = await snapshot()
    expect(await refusal(updateParticipant(t.db, TEST_MAIL, as(contact), a.id, { ...a.form, diet: 'Vegan' }, running))).toMatchObject({
      code: 'registration_not_open',
    })
    expect(await snapshot()).toEqual(before)

    expect(await updateParticipant(t.db, TEST_MAIL, as(organiser), a.id, { ...a.form, diet: 'Vegan' }, running)).toEqual({ promoted: [], changed: ['diet'] })
    expect((await t.db.selectFrom('participant').select('diet').where('id', '=', a.id).executeTakeFirstOrThrow()).diet).toBe('Vegan')

    const after = await snapshot()
    expect(await refusal(updateParticipant(t.db, TEST_MAIL, as(organiser), a.id, { ...a.form, diet: null }, finished))).toMatchObject({
      code: 'registration_not_open',
    })
    expect(await snapshot()).toEqual(after)
  })
})

describe('where the one policy settled what the pages and services used to answer differently (decision 40)', () => {
  it('an organiser may add a participant while the event runs; the contact person may not', async () => {
    const before = await snapshot()
    expect(await refusal(enrol({ name: 'Sen Kontakt' }, contact, running))).toMatchObject({ code: 'deadline_passed' })
    expect(await snapshot()).toEqual(before)
    const added = await enrol({ name: 'Sen Arrangør' }, organiser, running)
    expect((await t.db.selectFrom('participant').select('status').where('id', '=', added.id).executeTakeFirstOrThrow()).status).toBe('active')
  })

  it('nobody may cancel a participant before registration opens, and nothing changes', async () => {
    const a = await enrol({ name: 'A' })
    const beforeOpening = osloDateTime('2018-08-01', '12:00')
    const before = await snapshot()
    expect(await refusal(cancelParticipant(t.db, TEST_MAIL, as(contact), a.id, beforeOpening))).toMatchObject({ code: 'registration_not_open' })
    expect(await refusal(cancelParticipant(t.db, TEST_MAIL, as(organiser), a.id, beforeOpening))).toMatchObject({ code: 'registration_not_open' })
    expect(await snapshot()).toEqual(before)
    // Once open, the same contact person may.
    expect(await cancelParticipant(t.db, TEST_MAIL, as(contact), a.id, open)).not.toBeNull()
  })
})

describe('who may change a participant', () => {
  it('a contact person of another municipality, an organiser of another event or a stranger gets null, and nothing changes', async () => {
    const a = await enrol({ name: 'A', sessionIds: [tr.before[0] ?? ''] })
    await enrol({ name: 'B' })
    const c = await enrol({ name: 'C' })
    const edit = { ...a.form, name: 'Kapret', nightIds: [], sessionIds: [] }
    const before = await snapshot()
    for (const outsider of [otherContact, otherOrganiser, stranger, mrContact]) {
      expect(await updateParticipant(t.db, TEST_MAIL, as(outsider), a.id, edit, open)).toBeNull()
      expect(await moveParticipant(t.db, TEST_MAIL, as(outsider), c.id, 'up', open)).toBeNull()
      expect(await changeOwnSessions(t.db, TEST_MAIL, outsider, a.id, [tr.before[1] ?? ''], open)).toBeNull()
    }
    expect(await updateParticipant(t.db, TEST_MAIL, as(contact), randomUUID(), edit, open)).toBeNull()
    expect(await moveParticipant(t.db, TEST_MAIL, as(contact), randomUUID(), 'up', open)).toBeNull()
    expect(await snapshot()).toEqual(before)
  })

  it('a cancelled participant can no longer be changed or moved', async () => {
    const a = await enrol({ name: 'A' })
    await enrol({ name: 'B' })
    await cancelParticipant(t.db, TEST_MAIL, as(contact), a.id, open)
    const before = await snapshot()
    expect(await updateParticipant(t.db, TEST_MAIL, as(contact), a.id, { ...a.form, nightIds: [] }, open)).toBeNull()
    expect(await updateParticipant(t.db, TEST_MAIL, as(organiser), a.id, a.form, open)).toBeNull()
    expect(await moveParticipant(t.db, TEST_MAIL, as(contact), a.id, 'down', open)).toBeNull()
    expect(await snapshot()).toEqual(before)
  })
})

describe('updateParticipant refuses choices that do not fit, and changes nothing', () => {
  it('sessions on a day not attended, two in a slot, or ids of another event', async () => {
    const a = await enrol({ name: 'A', dayIds: [tr.day1], sessionIds: [] })
    const b = await enrol({ name: 'B', sessionIds: [tr.before[0] ?? ''] })
    const before = await snapshot()
    // The parallel sessions are on day 2, which A does not attend.
    expect(await refusal(updateParticipant(t.db, TEST_MAIL, as(contact), a.id, { ...a.form, name: 'A Ny', sessionIds: [tr.before[0] ?? ''] }, open))).toEqual({
      code: 'session_day_not_attended',
      field: 'sessionIds',
      params: { session: 'Hvordan revidere klima- og energiplanen slik at den blir effektiv' },
    })
    expect(
      await refusal(updateParticipant(t.db, TEST_MAIL, as(contact), b.id, { ...b.form, sessionIds: [tr.before[0] ?? '', tr.before[1] ?? ''] }, open)),
    ).toMatchObject({
      code: 'two_sessions_in_slot',
      field: 'sessionIds',
    })
    const foreign: Array<Partial<ParticipantInput>> = [
      { nightIds: [mr.night] },
      { dayIds: [tr.day1, mr.day1] },
      { sessionIds: [mr.parallell2] },
      { topicIds: [mr.topics[0] ?? ''] },
      { nightIds: [randomUUID()] },
    ]
    for (const wrong of foreign) {
      expect(await refusal(updateParticipant(t.db, TEST_MAIL, as(contact), a.id, { ...a.form, name: 'A Ny', ...wrong }, open))).toMatchObject({
        code: 'unknown_choice',
      })
    }
    expect(await snapshot()).toEqual(before)
  })

  it('a rådgiver may not take the Topplederforum (Møre og Romsdal); an ordfører may, and loses it again as rådgiver', async () => {
    const r = await enrol(
      { registrationId: volda, name: 'R', email: 'r@volda.example.no', dayIds: [mr.day1], nightIds: [mr.night], sessionIds: [mr.parallell2] },
      mrContact,
      mrOpen,
    )
    expect(await seatsOf([mr.parallell2, mr.toppleder])).toEqual([1, 0])
    const before = await snapshot()
    expect(await refusal(updateParticipant(t.db, TEST_MAIL, as(mrContact), r.id, { ...r.form, sessionIds: [mr.toppleder] }, mrOpen))).toEqual({
      code: 'session_role_restricted',
      field: 'sessionIds',
      params: { session: TOPPLEDER, roles: bilingual('ordfører og kommunedirektør/rådmann', 'ordførar og kommunedirektør/rådmann') },
    })
    // The long-travel night needs its reason.
    expect(await refusal(updateParticipant(t.db, TEST_MAIL, as(mrContact), r.id, { ...r.form, nightIds: [mr.nightBefore, mr.night] }, mrOpen))).toMatchObject({
      code: 'night_needs_reason',
      field: 'longTravelReason',
    })
    expect(await snapshot()).toEqual(before)

    const mayor = { ...r.form, roleCategory: 'ordforer' as const, title: 'Ordfører', sessionIds: [mr.toppleder] }
    expect(await updateParticipant(t.db, TEST_MAIL, as(mrContact), r.id, mayor, mrOpen)).toEqual({
      promoted: [],
      changed: ['title', 'role_category', 'sessions'],
    })
    expect(await seatsOf([mr.parallell2, mr.toppleder])).toEqual([0, 1])
    expect(await holdings(r.id)).toMatchObject({ sessions: [mr.toppleder] })

    const after = await snapshot()
    expect(await refusal(updateParticipant(t.db, TEST_MAIL, as(mrContact), r.id, { ...mayor, roleCategory: 'radgiver' }, mrOpen))).toMatchObject({
      code: 'session_role_restricted',
    })
    expect(await snapshot()).toEqual(after)
  })

  it("a colleague's address, on an edit or for a substitute after the deadline: email_already_enrolled at the email, and nothing changes", async () => {
    const a = await enrol({ name: 'A', email: 'a@selbu.example.no' })
    const b = await enrol({ name: 'B', email: 'b@selbu.example.no' })
    const before = await snapshot()
    expect(await refusal(updateParticipant(t.db, TEST_MAIL, as(contact), b.id, { ...b.form, name: 'B Ny', email: 'A@selbu.example.no' }, open))).toEqual({
      code: 'email_already_enrolled',
      field: 'email',
      params: {},
    })
    const colleague = { name: 'A igjen', email: 'a@selbu.example.no', phone: null, title: 'Rådgiver', roleCategory: 'radgiver' as const }
    expect(await refusal(substituteParticipant(t.db, TEST_MAIL, as(contact), b.id, colleague, afterDeadline))).toMatchObject({
      code: 'email_already_enrolled',
      field: 'email',
    })
    expect(await snapshot()).toEqual(before)
    // Once A is cancelled, the address is free for a substitute.
    await cancelParticipant(t.db, TEST_MAIL, as(contact), a.id, open)
    expect(await substituteParticipant(t.db, TEST_MAIL, as(contact), b.id, colleague, afterDeadline)).toMatchObject({
      substitute: { email: 'a@selbu.example.no' },
    })
  })

  it('a full night or a full session on edit: night_full / session_full, and not even the other changes are kept', async () => {
    const a = await enrol({ name: 'A', nightIds: [], sessionIds: [tr.before[0] ?? ''] })
    await enrol({ name: 'B', sessionIds: [tr.before[1] ?? ''] })
    await t.db.updateTable('hotel_night').set({ rooms_in_block: 1 }).where('id', '=', tr.night).execute()
    await t.db
      .updateTable('program_item')
      .set({ capacity: 1 })
      .where('id', 'in', [tr.before[0] ?? '', tr.before[1] ?? ''])
      .execute()
    expect(await rooms(tr.night)).toBe(1)

    const before = await snapshot()
    expect(await refusal(updateParticipant(t.db, TEST_MAIL, as(contact), a.id, { ...a.form, name: 'A Ny', nightIds: [tr.night] }, open))).toEqual({
      code: 'night_full',
      field: 'nightIds',
      params: { night: expect.any(String) },
    })
    expect(await refusal(updateParticipant(t.db, TEST_MAIL, as(contact), a.id, { ...a.form, name: 'A Ny', sessionIds: [tr.before[1] ?? ''] }, open))).toEqual({
      code: 'session_full',
      field: 'sessionIds',
      params: { session: 'Klimavennlig by-/tettstedsutvikling og planarbeid' },
    })
    // The organiser is held to the room block too.
    expect(await refusal(updateParticipant(t.db, TEST_MAIL, as(organiser), a.id, { ...a.form, nightIds: [tr.night] }, afterDeadline))).toMatchObject({
      code: 'night_full',
    })
    expect(await snapshot()).toEqual(before)

    // A kept choice of a full session is not taken again: other edits go through.
    expect(await updateParticipant(t.db, TEST_MAIL, as(contact), a.id, { ...a.form, name: 'A Ny' }, open)).toEqual({ promoted: [], changed: ['name'] })
    expect(await seats(tr.before[0] ?? '')).toBe(1)
    // With one room more, the night can be added.
    await t.db.updateTable('hotel_night').set({ rooms_in_block: 2 }).where('id', '=', tr.night).execute()
    expect(await updateParticipant(t.db, TEST_MAIL, as(contact), a.id, { ...a.form, name: 'A Ny', nightIds: [tr.night] }, open)).toMatchObject({
      changed: ['nights'],
    })
    expect(await rooms(tr.night)).toBe(2)
  })
})

// ---------------------------------------------------------------- moveParticipant

describe('moveParticipant', () => {
  it('moves within the order, which decides who is covered; refuses after the deadline except for the organiser', async () => {
    const a = await enrol({ name: 'A' })
    const b = await enrol({ name: 'B' })
    const c = await enrol({ name: 'C' })
    const ranks = async () =>
      Object.fromEntries(
        (await t.db.selectFrom('participant').select(['name', 'coverage_rank']).where('registration_id', '=', selbu).execute()).map((r) => [
          r.name,
          r.coverage_rank,
        ]),
      )
    const start = await ranks()
    expect(await order()).toEqual([
      ['A', true, 0],
      ['B', true, 0],
      ['C', false, 0],
    ])

    // C passes B: the second covered place goes to C.
    expect(await moveParticipant(t.db, TEST_MAIL, as(contact), c.id, 'up', open)).toEqual({ moved: true, promoted: [c.id], demoted: [b.id] })
    expect(await order()).toEqual([
      ['A', true, 0],
      ['C', true, 0],
      ['B', false, 0],
    ])
    // C passes A: both covered places stay with A and C.
    expect(await moveParticipant(t.db, TEST_MAIL, as(contact), c.id, 'up', open)).toEqual({ moved: true, promoted: [], demoted: [] })
    expect(await order()).toEqual([
      ['C', true, 0],
      ['A', true, 0],
      ['B', false, 0],
    ])
    expect(await ranks()).toEqual({ A: start.B, B: start.C, C: start.A })

    const audit = await changeAudit()
    expect(audit.map((r) => [r.action, r.entity_id, r.actor_label])).toEqual([
      ['participant.moved_up', c.id, 'contact person'],
      ['participant.promoted', c.id, 'contact person'],
      ['participant.demoted', b.id, 'contact person'],
      ['participant.moved_up', c.id, 'contact person'],
    ])
    expect(audit[0]?.before).toEqual({ name: 'C', rank: start.C, coverage: { coveredOvernight: false, coveredDays: [] } })
    expect(audit[0]?.after).toEqual({ name: 'C', rank: start.B, coverage: { coveredOvernight: true, coveredDays: [] }, passed: 'B' })
    expect(audit[1]?.after).toMatchObject({ name: 'C', reason: 'reordered' })
    expect(audit[2]?.after).toMatchObject({ name: 'B', coveredOvernight: false, takenBy: 'C' })
    expect(audit[3]?.after).toMatchObject({ rank: start.A, passed: 'A' })

    // The first cannot move up, the last cannot move down: nothing changes.
    const before = await snapshot()
    expect(await moveParticipant(t.db, TEST_MAIL, as(contact), c.id, 'up', open)).toEqual({ moved: false, promoted: [], demoted: [] })
    expect(await moveParticipant(t.db, TEST_MAIL, as(contact), b.id, 'down', open)).toEqual({ moved: false, promoted: [], demoted: [] })
    expect(await snapshot()).toEqual(before)

    // After the deadline only the organiser orders (when coverage is confirmed).
    expect(await refusal(moveParticipant(t.db, TEST_MAIL, as(contact), b.id, 'up', afterDeadline))).toMatchObject({ code: 'order_closed' })
    expect(await snapshot()).toEqual(before)
    expect(await moveParticipant(t.db, TEST_MAIL, as(organiser), b.id, 'up', afterDeadline)).toEqual({ moved: true, promoted: [b.id], demoted: [a.id] })
    expect(await order()).toEqual([
      ['C', true, 0],
      ['B', true, 0],
      ['A', false, 0],
    ])
    expect((await changeAudit()).slice(-3).map((r) => [r.action, r.entity_id, r.actor_label])).toEqual([
      ['participant.moved_up', b.id, 'organiser'],
      ['participant.promoted', b.id, 'organiser'],
      ['participant.demoted', a.id, 'organiser'],
    ])
    // Moving down is the mirror image.
    expect(await moveParticipant(t.db, TEST_MAIL, as(organiser), b.id, 'down', afterDeadline)).toEqual({ moved: true, promoted: [a.id], demoted: [b.id] })
    expect(await order()).toEqual([
      ['C', true, 0],
      ['A', true, 0],
      ['B', false, 0],
    ])
    expect((await changeAudit()).at(-3)).toMatchObject({ action: 'participant.moved_down', entity_id: b.id })

    // Once the event runs the order is closed for everyone.
    const closed = await snapshot()
    expect(await refusal(moveParticipant(t.db, TEST_MAIL, as(organiser), a.id, 'up', running))).toMatchObject({ code: 'order_closed' })
    expect(await snapshot()).toEqual(closed)
  })

  it('skips cancelled participants: the neighbour is the next active one', async () => {
    const a = await enrol({ name: 'A' })
    const x = await enrol({ name: 'X' })
    const c = await enrol({ name: 'C' })
    await cancelParticipant(t.db, TEST_MAIL, as(contact), x.id, open)
    expect(await moveParticipant(t.db, TEST_MAIL, as(contact), c.id, 'up', open)).toEqual({ moved: true, promoted: [], demoted: [] })
    expect((await order()).map((r) => r[0])).toEqual(['C', 'A'])
    expect(await moveParticipant(t.db, TEST_MAIL, as(contact), a.id, 'down', open)).toEqual({ moved: false, promoted: [], demoted: [] })
  })
})

// ---------------------------------------------------------------- changeOwnSessions

describe('changeOwnSessions', () => {
  it('the participant swaps a session in a slot; seats follow; others get null; a full session keeps the old choice; closed once the event runs', async () => {
    const p = await enrol({ name: 'Kari', email: 'kari@selbu.example.no', sessionIds: [tr.before[0] ?? '', tr.after[0] ?? ''] })
    await enrol({ name: 'Per', sessionIds: [tr.before[2] ?? ''] })
    const kari = await upsertUser(t.db, { email: 'kari@selbu.example.no', name: 'Kari' })
    expect(await seatsOf([tr.before[0] ?? '', tr.before[1] ?? '', tr.after[0] ?? ''])).toEqual([1, 0, 1])

    expect(await changeOwnSessions(t.db, TEST_MAIL, kari, p.id, [tr.before[1] ?? '', tr.after[0] ?? ''], open)).toEqual({ changed: true })
    expect(await holdings(p.id)).toMatchObject({ sessions: sorted([tr.before[1] ?? '', tr.after[0] ?? '']), nights: [[tr.night, true]] })
    expect(await seatsOf([tr.before[0] ?? '', tr.before[1] ?? '', tr.after[0] ?? ''])).toEqual([0, 1, 1])
    const audit = await changeAudit()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ action: 'participant.sessions_changed', entity_id: p.id, actor_user_id: kari.id, actor_label: 'participant' })
    expect(normalised(audit[0]?.before)).toEqual({ name: 'Kari', sessions: sorted([tr.before[0] ?? '', tr.after[0] ?? '']) })
    expect(normalised(audit[0]?.after)).toEqual({ name: 'Kari', sessions: sorted([tr.before[1] ?? '', tr.after[0] ?? '']) })

    // The same choice again changes nothing and writes no audit row.
    expect(await changeOwnSessions(t.db, TEST_MAIL, kari, p.id, [tr.after[0] ?? '', tr.before[1] ?? ''], open)).toEqual({ changed: false })
    expect(await changeAudit()).toHaveLength(1)

    // Another user, even the contact person, is not the participant.
    const before = await snapshot()
    expect(await changeOwnSessions(t.db, TEST_MAIL, contact, p.id, [tr.before[3] ?? ''], open)).toBeNull()
    expect(await changeOwnSessions(t.db, TEST_MAIL, stranger, p.id, [tr.before[3] ?? ''], open)).toBeNull()
    expect(await changeOwnSessions(t.db, TEST_MAIL, kari, randomUUID(), [tr.before[3] ?? ''], open)).toBeNull()

    // A full session: the old choice stays.
    await t.db
      .updateTable('program_item')
      .set({ capacity: 1 })
      .where('id', '=', tr.before[2] ?? '')
      .execute()
    const full = await snapshot()
    expect(await refusal(changeOwnSessions(t.db, TEST_MAIL, kari, p.id, [tr.before[2] ?? '', tr.after[0] ?? ''], open))).toEqual({
      code: 'session_full',
      field: 'sessionIds',
      params: { session: 'Klimasmart landbruk' },
    })
    // Nor may the participant pick two in a slot or a session of another event.
    expect(await refusal(changeOwnSessions(t.db, TEST_MAIL, kari, p.id, [tr.before[1] ?? '', tr.before[3] ?? ''], open))).toMatchObject({
      code: 'two_sessions_in_slot',
    })
    expect(await refusal(changeOwnSessions(t.db, TEST_MAIL, kari, p.id, [mr.parallell2], open))).toMatchObject({ code: 'unknown_choice' })
    expect(await snapshot()).toEqual(full)
    expect({ ...full, seats: [] }).toEqual({ ...before, seats: [] })

    // After the deadline still allowed; once the event runs, not.
    expect(await changeOwnSessions(t.db, TEST_MAIL, kari, p.id, [tr.after[0] ?? ''], afterDeadline)).toEqual({ changed: true })
    expect(await seats(tr.before[1] ?? '')).toBe(0)
    const closed = await snapshot()
    expect(await refusal(changeOwnSessions(t.db, TEST_MAIL, kari, p.id, [tr.after[1] ?? ''], running))).toMatchObject({ code: 'registration_not_open' })
    expect(await snapshot()).toEqual(closed)
  })

  it('the participant is found by the linked account too, on days they attend only, and not once cancelled', async () => {
    const p = await enrol({ name: 'Ola', email: 'ola.privat@example.no', dayIds: [tr.day1], nightIds: [] })
    const ola = await upsertUser(t.db, { email: 'ola@selbu.example.no', name: 'Ola' })
    expect(await changeOwnSessions(t.db, TEST_MAIL, ola, p.id, [], open)).toBeNull()
    await t.db.updateTable('participant').set({ user_id: ola.id }).where('id', '=', p.id).execute()
    const before = await snapshot()
    // Ola comes on day 1 only; the parallel sessions are on day 2.
    expect(await refusal(changeOwnSessions(t.db, TEST_MAIL, ola, p.id, [tr.before[0] ?? ''], open))).toMatchObject({
      code: 'session_day_not_attended',
      field: 'sessionIds',
    })
    expect(await snapshot()).toEqual(before)
    await updateParticipant(t.db, TEST_MAIL, as(contact), p.id, { ...p.form, dayIds: [tr.day2] }, open)
    expect(await changeOwnSessions(t.db, TEST_MAIL, ola, p.id, [tr.before[0] ?? ''], open)).toEqual({ changed: true })
    expect(await seats(tr.before[0] ?? '')).toBe(1)

    await cancelParticipant(t.db, TEST_MAIL, as(contact), p.id, open)
    expect(await seats(tr.before[0] ?? '')).toBe(0)
    expect(await changeOwnSessions(t.db, TEST_MAIL, ola, p.id, [tr.before[1] ?? ''], open)).toBeNull()
    expect(await seats(tr.before[1] ?? '')).toBe(0)
  })
})

// ---------------------------------------------------------------- concurrency

describe('changes under concurrency (real parallel connections)', () => {
  it('50 participants of many municipalities take the last 3 seats of a session at once: exactly 3, the rest session_full', async () => {
    const registrations = await t.db.selectFrom('registration').select('id').where('event_id', '=', tr.event).orderBy('id').execute()
    expect(registrations.length).toBeGreaterThanOrEqual(25)
    const session = tr.after[2] ?? ''
    // Two seats taken by others, capacity 5: three left.
    await enrol({ name: 'Først 1', sessionIds: [session] })
    await enrol({ name: 'Først 2', sessionIds: [session] })
    await t.db.updateTable('program_item').set({ capacity: 5 }).where('id', '=', session).execute()

    const racers: Array<{ id: string; user: AppUser }> = []
    for (let i = 0; i < 50; i++) {
      const email = `racer${i}@example.no`
      const registration = registrations[i % registrations.length]?.id ?? ''
      // Each holds a morning session already, so the winners also give nothing back and the losers keep theirs.
      const p = await enrol({ registrationId: registration, name: `Racer ${i}`, email, nightIds: [], sessionIds: [tr.before[i % 4] ?? ''] }, organiser)
      racers.push({ id: p.id, user: await upsertUser(t.db, { email, name: `Racer ${i}` }) })
    }
    const morning = await seatsOf(tr.before)

    const results = await Promise.allSettled(racers.map((r, i) => changeOwnSessions(t.db, TEST_MAIL, r.user, r.id, [tr.before[i % 4] ?? '', session], open)))
    const crashes = results.filter((r) => r.status === 'rejected' && !(r.reason instanceof DomainError))
    expect(crashes, 'only refusals with a reason, no crashes').toEqual([])
    const ok = results.filter((r) => r.status === 'fulfilled')
    expect(ok.map((r) => r.value)).toEqual([{ changed: true }, { changed: true }, { changed: true }])
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as DomainError).code)
    expect(refused).toEqual(Array(47).fill('session_full'))

    const item = await t.db.selectFrom('program_item').select(['seats_taken', 'capacity']).where('id', '=', session).executeTakeFirstOrThrow()
    expect(item).toEqual({ seats_taken: 5, capacity: 5 })
    expect(await t.db.selectFrom('session_choice').select('participant_id').where('program_item_id', '=', session).execute()).toHaveLength(5)
    // Every racer kept the morning session; the winners have the afternoon one on top.
    expect(await seatsOf(tr.before)).toEqual(morning)
    const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [racers[i]?.id] : []))
    const holders = await t.db
      .selectFrom('session_choice')
      .select('participant_id')
      .where('program_item_id', '=', session)
      .where('participant_id', 'in', winners as string[])
      .execute()
    expect(holders).toHaveLength(3)
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'participant.sessions_changed').execute()).toHaveLength(3)
  })

  it('20 edits of the same participant alternating between two nights at once: every one applies in turn, no counter drifts', async () => {
    // Others of other municipalities hold rooms both nights, so a drift would show against a non-zero count.
    const others = await t.db.selectFrom('registration').select('id').where('event_id', '=', mr.event).where('id', '!=', volda).orderBy('id').limit(3).execute()
    for (const [i, reg] of others.entries()) {
      await enrol(
        {
          registrationId: reg.id,
          name: `Annen ${i}`,
          dayIds: [mr.day1, mr.day2],
          nightIds: [mr.nightBefore, mr.night],
          longTravelReason: 'Lang reisevei',
          sessionIds: [],
        },
        otherOrganiser,
        mrOpen,
      )
    }
    const p = await enrol(
      { registrationId: volda, name: 'Pendler', email: 'pendler@volda.example.no', dayIds: [mr.day1], nightIds: [mr.night] },
      mrContact,
      mrOpen,
    )
    expect([await rooms(mr.nightBefore), await rooms(mr.night)]).toEqual([3, 4])

    const edits = Array.from({ length: 20 }, (_, i) =>
      i % 2 === 0
        ? { ...p.form, nightIds: [mr.nightBefore], longTravelReason: `Lang reisevei ${i}` }
        : { ...p.form, nightIds: [mr.night], longTravelReason: null },
    )
    const results = await Promise.allSettled(edits.map((e) => updateParticipant(t.db, TEST_MAIL, as(mrContact), p.id, e, mrOpen)))
    expect(results.filter((r) => r.status === 'rejected')).toEqual([])

    // The edits ran one after the other: each audit row starts from the night the one before it left.
    const held = await holdings(p.id)
    expect(held.nights).toHaveLength(1)
    const final = held.nights[0]?.[0]
    expect([await rooms(mr.nightBefore), await rooms(mr.night)]).toEqual(final === mr.nightBefore ? [4, 3] : [3, 4])
    const updates = await changeAudit(volda)
    expect(updates.length).toBeGreaterThanOrEqual(1)
    let current: unknown = [mr.night]
    for (const u of updates) {
      expect(u.action).toBe('participant.updated')
      // Two edits in a row to the same night change only the reason, and record only that.
      if (!('nights' in (u.after as object))) {
        expect(Object.keys(u.after as object).sort()).toEqual(['long_travel_reason', 'name'])
        continue
      }
      expect((u.before as { nights: unknown }).nights).toEqual(current)
      current = (u.after as { nights: unknown }).nights
    }
    expect(current).toEqual([final])
    expect(await drift()).toEqual([])
  })

  it('20 participants of different municipalities swap sessions of one slot in opposite directions at once: all succeed', async () => {
    const registrations = await t.db.selectFrom('registration').select('id').where('event_id', '=', tr.event).orderBy('id').limit(20).execute()
    const people = []
    for (const [i, reg] of registrations.entries()) {
      const email = `s${i}@example.no`
      const p = await enrol({ registrationId: reg.id, name: `S ${i}`, email, nightIds: [], sessionIds: [tr.before[i % 2] ?? ''] }, organiser)
      people.push({ ...p, user: await upsertUser(t.db, { email, name: `S ${i}` }) })
    }
    const results = await Promise.allSettled(people.map((p, i) => changeOwnSessions(t.db, TEST_MAIL, p.user, p.id, [tr.before[(i + 1) % 2] ?? ''], open)))
    expect(results.filter((r) => r.status === 'rejected')).toEqual([])
    expect(await seatsOf([tr.before[0] ?? '', tr.before[1] ?? ''])).toEqual([10, 10])
  }, 60_000)

  it('20 organiser edits of different participants swap two nights in opposite directions at once: all succeed', async () => {
    const registrations = await t.db.selectFrom('registration').select('id').where('event_id', '=', mr.event).orderBy('id').limit(20).execute()
    const people = []
    for (const [i, reg] of registrations.entries()) {
      const nightIds = [i % 2 === 0 ? mr.nightBefore : mr.night]
      people.push(
        await enrol(
          { registrationId: reg.id, name: `N ${i}`, dayIds: [mr.day1, mr.day2], nightIds, longTravelReason: 'Lang reisevei' },
          otherOrganiser,
          mrOpen,
        ),
      )
    }
    const results = await Promise.allSettled(
      people.map((p, i) =>
        updateParticipant(t.db, TEST_MAIL, as(otherOrganiser), p.id, { ...p.form, nightIds: [i % 2 === 0 ? mr.night : mr.nightBefore] }, mrOpen),
      ),
    )
    expect(results.filter((r) => r.status === 'rejected')).toEqual([])
    expect([await rooms(mr.nightBefore), await rooms(mr.night)]).toEqual([10, 10])
  }, 60_000)
})
