import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { AppUser } from '../../db/schema'
import { osloDateTime } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { eventFormSchema } from '~/domain/event-form'
import { eventToFormValues } from '~/domain/event-form-values'
import type { ParticipantInput } from '~/domain/participant-form'
import { gatherWishes, type PostedWishes } from '~/domain/session-wishes'
import { type EnrolInput, enrolParticipant } from '~/services/enrolment.server'
import { copyEvent, updateEvent } from '~/services/event-setup.server'
import { cancelParticipant, updateParticipant } from '~/services/participant-changes.server'
import { changeOwnSessions } from '~/services/participants.server'
import { getSessionDemand } from '~/services/session-demand.server'
import { saveOwnWishes, setWishRound } from '~/services/session-wishes.server'
import { upsertUser } from '~/services/users.server'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { enrolInput, eventDayIds, eventId, makeContactPerson, makeOrganiser, registrationId, seeded, TEST_MAIL, TR } from '../helpers/fixtures'

/**
 * Ranked wishes for parallel sessions against real Postgres (decision 44):
 * enrolment and edits by the contact person with wishes, the participant's
 * own wishes, the wish round closed and reopened, the demand counts, and the
 * rule for switching the event between first come and by wishes. Trøndelag
 * 2018 (day 2: four sessions before lunch, four after) is set to by wishes.
 */

let t: TestDatabase
let contact: AppUser
let tydalContact: AppUser
let organiser: AppUser
let stranger: AppUser
let selbu: string
let tydal: string
const tr = { event: '', day1: '', day2: '', before: '', after: '', a: [] as string[], b: [] as string[] }

// Trøndelag 2018: open 3 Sep, deadline 20 Oct, event 27–28 Nov.
const open = osloDateTime('2018-10-01', '12:00')

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
  tydal = await registrationId(t.db, TR, 'Tydal')
  contact = await makeContactPerson(t.db, 'kontakt@selbu.example.no', selbu)
  tydalContact = await makeContactPerson(t.db, 'kontakt@tydal.example.no', tydal)
  organiser = await makeOrganiser(t.db, 'arrangor@example.no', TR)
  stranger = await upsertUser(t.db, { email: 'fremmed@example.no', name: 'Fremmed' })
  tr.event = await eventId(t.db, TR)
  const days = await eventDayIds(t.db, tr.event)
  tr.day1 = days[0] ?? ''
  tr.day2 = days[1] ?? ''
  const slots = await t.db.selectFrom('program_slot').select('id').where('event_id', '=', tr.event).orderBy('starts_at').execute()
  tr.before = slots[0]?.id ?? ''
  tr.after = slots[1]?.id ?? ''
  const items = (slot: string) =>
    t.db.selectFrom('program_item').select('id').where('slot_id', '=', slot).orderBy('sort_order').orderBy('title').orderBy('id').execute()
  tr.a = (await items(tr.before)).map((i) => i.id)
  tr.b = (await items(tr.after)).map((i) => i.id)
  expect(slots).toHaveLength(2)
  expect(tr.a).toHaveLength(4)
  expect(tr.b).toHaveLength(4)
  await t.db.updateTable('event').set({ session_allocation: 'by_wishes' }).where('id', '=', tr.event).execute()
})

// ---------------------------------------------------------------- helpers

const wishes = (fields: Record<string, string>): PostedWishes => gatherWishes(Object.entries(fields))
const ranked = (before: string[], after: string[]) =>
  wishes(Object.fromEntries([...before.map((id, i) => [`wish:${tr.before}:${i + 1}`, id]), ...after.map((id, i) => [`wish:${tr.after}:${i + 1}`, id])]))

function person(registration: string, overrides: Partial<EnrolInput> = {}): EnrolInput {
  return enrolInput(registration, { email: `${randomUUID().slice(0, 8)}@example.no`, dayIds: [tr.day1, tr.day2], ...overrides })
}

async function enrol(registration: string, actor: AppUser, overrides: Partial<EnrolInput> = {}) {
  const input = person(registration, overrides)
  const enrolled = await enrolParticipant(t.db, TEST_MAIL, { userId: actor.id }, input, open)
  if (!enrolled) throw new Error('the fixture could not enrol')
  const { registrationId: _r, idempotencyKey: _k, wishes: _w, ...form } = input
  return { id: enrolled.id, email: input.email, form: form as ParticipantInput }
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, field: error.field }
    throw error
  }
  throw new Error('expected a DomainError, but the change went through')
}

async function wishRows(participantId: string) {
  return t.db
    .selectFrom('session_wish')
    .select(['slot_id', 'program_item_id', 'rank'])
    .where('participant_id', '=', participantId)
    .orderBy('slot_id')
    .orderBy('rank')
    .execute()
}

/** What a wish change may touch, to show that a refused one touched nothing. */
async function snapshot() {
  const [participants, wishRowsAll, choices, seats, audit] = await Promise.all([
    t.db.selectFrom('participant').selectAll().orderBy('id').execute(),
    t.db.selectFrom('session_wish').select(['participant_id', 'slot_id', 'program_item_id', 'rank']).orderBy('participant_id').orderBy('rank').execute(),
    t.db.selectFrom('session_choice').selectAll().orderBy('participant_id').execute(),
    t.db.selectFrom('program_item').select(['id', 'seats_taken']).where('event_id', '=', tr.event).orderBy('id').execute(),
    t.db.selectFrom('audit_log').select('id').execute(),
  ])
  return { participants, wishRowsAll, choices, seats, audit: audit.length }
}

const seatsTaken = async () =>
  Number(
    (
      await t.db
        .selectFrom('program_item')
        .select((eb) => eb.fn.sum<number>('seats_taken').as('n'))
        .where('event_id', '=', tr.event)
        .where('slot_id', 'is not', null)
        .executeTakeFirstOrThrow()
    ).n,
  )

// ---------------------------------------------------------------- tests

describe('enrolment with wishes', () => {
  it('writes the ranked wishes with the participant and takes no seat in a parallel session', async () => {
    const p = await enrol(selbu, contact, { wishes: ranked([tr.a[2] as string, tr.a[0] as string], [tr.b[1] as string]) })
    expect(await wishRows(p.id)).toEqual(
      expect.arrayContaining([
        { slot_id: tr.before, program_item_id: tr.a[2], rank: 1 },
        { slot_id: tr.before, program_item_id: tr.a[0], rank: 2 },
        { slot_id: tr.after, program_item_id: tr.b[1], rank: 1 },
      ]),
    )
    expect(await wishRows(p.id)).toHaveLength(3)
    expect(await seatsTaken()).toBe(0)
    const row = await t.db.selectFrom('participant').select('wishes_changed_at').where('id', '=', p.id).executeTakeFirstOrThrow()
    expect(row.wishes_changed_at).toEqual(open)
  })

  it('asks no wish in slots on a day the participant does not attend, and refuses one there', async () => {
    const dayOne = await enrol(selbu, contact, { dayIds: [tr.day1], wishes: wishes({}) })
    expect(await wishRows(dayOne.id)).toEqual([])
    const before = await snapshot()
    expect(
      await refusal(
        enrolParticipant(t.db, TEST_MAIL, { userId: contact.id }, person(selbu, { dayIds: [tr.day1], wishes: ranked([tr.a[0] as string], []) }), open),
      ),
    ).toEqual({
      code: 'wish_day_not_attended',
      field: `wish:${tr.before}:1`,
    })
    expect(await snapshot()).toEqual(before)
  })

  it('refuses, at the field and changing nothing: a missing wish, a gap, a session twice, a session of another slot, a parallel seat', async () => {
    const before = await snapshot()
    const tryEnrol = (overrides: Partial<EnrolInput>) => refusal(enrolParticipant(t.db, TEST_MAIL, { userId: contact.id }, person(selbu, overrides), open))
    expect(await tryEnrol({ wishes: ranked([tr.a[0] as string], []) })).toEqual({ code: 'wish_missing', field: `wish:${tr.after}:1` })
    expect(await tryEnrol({ wishes: wishes({ [`wish:${tr.before}:2`]: tr.a[0] as string, [`wish:${tr.after}:1`]: tr.b[0] as string }) })).toEqual({
      code: 'wish_rank_gap',
      field: `wish:${tr.before}:1`,
    })
    expect(await tryEnrol({ wishes: ranked([tr.a[0] as string, tr.a[0] as string], [tr.b[0] as string]) })).toEqual({
      code: 'wish_session_twice',
      field: `wish:${tr.before}:2`,
    })
    expect(await tryEnrol({ wishes: ranked([tr.b[0] as string], [tr.b[1] as string]) })).toEqual({ code: 'wish_not_in_slot', field: `wish:${tr.before}:1` })
    expect(await tryEnrol({ sessionIds: [tr.a[0] as string], wishes: ranked([tr.a[0] as string], [tr.b[0] as string]) })).toEqual({
      code: 'wish_seat_by_allocation',
      field: 'sessionIds',
    })
    expect(await snapshot()).toEqual(before)
  })
})

describe('while the event runs', () => {
  it('lets an organiser enrol without wishes (placed by hand), and refuses wishes then with the policy’s reason', async () => {
    const running = osloDateTime('2018-11-27', '12:00')
    const late = await enrolParticipant(t.db, TEST_MAIL, { userId: organiser.id }, person(selbu), running)
    expect(late).toMatchObject({ isLateAddition: true })
    expect(await wishRows(late?.id ?? '')).toEqual([])
    expect(
      await refusal(
        enrolParticipant(t.db, TEST_MAIL, { userId: organiser.id }, person(selbu, { wishes: ranked([tr.a[0] as string], [tr.b[0] as string]) }), running),
      ),
    ).toEqual({ code: 'registration_not_open', field: 'wishes' })
  })
})

describe('changing wishes', () => {
  it('lets the contact person reorder the wishes, audited, and keeps them when the form leaves them out', async () => {
    const p = await enrol(selbu, contact, { wishes: ranked([tr.a[0] as string, tr.a[1] as string], [tr.b[0] as string]) })
    const later = new Date(open.getTime() + 60_000)
    await updateParticipant(
      t.db,
      TEST_MAIL,
      { userId: contact.id },
      p.id,
      { ...p.form, wishes: ranked([tr.a[1] as string, tr.a[0] as string], [tr.b[3] as string]) },
      later,
    )
    expect(await wishRows(p.id)).toEqual(
      expect.arrayContaining([
        { slot_id: tr.before, program_item_id: tr.a[1], rank: 1 },
        { slot_id: tr.before, program_item_id: tr.a[0], rank: 2 },
        { slot_id: tr.after, program_item_id: tr.b[3], rank: 1 },
      ]),
    )
    const row = await t.db.selectFrom('participant').select('wishes_changed_at').where('id', '=', p.id).executeTakeFirstOrThrow()
    expect(row.wishes_changed_at).toEqual(later)
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'after'])
      .where('entity_id', '=', p.id)
      .where('action', '=', 'participant.updated')
      .execute()
    expect(JSON.stringify(audit.at(-1)?.after)).toContain(`${tr.before}:1:${tr.a[1]}`)

    // A form without wish selects (the round closed, or another caller) keeps them.
    await updateParticipant(t.db, TEST_MAIL, { userId: contact.id }, p.id, { ...p.form, name: 'Nytt Navn' }, later)
    expect(await wishRows(p.id)).toHaveLength(3)
  })

  it('refuses a changed wish once the round is closed, changing nothing, and still saves the rest of the form', async () => {
    const p = await enrol(selbu, contact, { wishes: ranked([tr.a[0] as string], [tr.b[0] as string]) })
    expect(await setWishRound(t.db, { userId: organiser.id }, tr.event, 'close', open)).toMatchObject({ changed: true })
    const before = await snapshot()
    expect(
      await refusal(
        updateParticipant(t.db, TEST_MAIL, { userId: contact.id }, p.id, { ...p.form, wishes: ranked([tr.a[1] as string], [tr.b[0] as string]) }, open),
      ),
    ).toEqual({ code: 'wish_round_closed', field: 'wishes' })
    expect(await snapshot()).toEqual(before)
    // The same wishes as held pass, so details can still be corrected.
    await updateParticipant(
      t.db,
      TEST_MAIL,
      { userId: contact.id },
      p.id,
      { ...p.form, title: 'Klimarådgiver', wishes: ranked([tr.a[0] as string], [tr.b[0] as string]) },
      open,
    )
    expect((await t.db.selectFrom('participant').select('title').where('id', '=', p.id).executeTakeFirstOrThrow()).title).toBe('Klimarådgiver')
  })

  it('lets the participant rank their own wishes until the round closes; anyone else gets null', async () => {
    const p = await enrol(selbu, contact, { wishes: ranked([tr.a[0] as string], [tr.b[0] as string]) })
    const self = await upsertUser(t.db, { email: p.email, name: 'Deltakeren' })
    expect(await saveOwnWishes(t.db, self, p.id, ranked([tr.a[3] as string, tr.a[2] as string, tr.a[1] as string], [tr.b[2] as string]), open)).toEqual({
      changed: true,
    })
    expect(await wishRows(p.id)).toHaveLength(4)
    const audit = await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', p.id).where('action', '=', 'participant.wishes_changed').execute()
    expect(audit).toHaveLength(1)

    const before = await snapshot()
    expect(await saveOwnWishes(t.db, stranger, p.id, ranked([tr.a[0] as string], [tr.b[0] as string]), open)).toBeNull()
    expect(await saveOwnWishes(t.db, self, randomUUID(), ranked([tr.a[0] as string], [tr.b[0] as string]), open)).toBeNull()
    expect(await refusal(saveOwnWishes(t.db, self, p.id, ranked([tr.a[0] as string], []), open))).toEqual({ code: 'wish_missing', field: `wish:${tr.after}:1` })
    await setWishRound(t.db, { userId: organiser.id }, tr.event, 'close', open)
    expect(await refusal(saveOwnWishes(t.db, self, p.id, ranked([tr.a[0] as string], [tr.b[0] as string]), open))).toEqual({
      code: 'wish_round_closed',
      field: 'wishes',
    })
    expect(await snapshot()).toEqual({ ...before, participants: before.participants, audit: before.audit + 1 })
  })

  it('keeps a participant from taking a parallel seat first come on their own page, by wishes', async () => {
    const p = await enrol(selbu, contact, { wishes: ranked([tr.a[0] as string], [tr.b[0] as string]) })
    const self = await upsertUser(t.db, { email: p.email, name: 'Deltakeren' })
    expect(await refusal(changeOwnSessions(t.db, TEST_MAIL, self, p.id, [tr.a[0] as string], open))).toEqual({
      code: 'wish_seat_by_allocation',
      field: 'sessionIds',
    })
    expect(await seatsTaken()).toBe(0)
  })
})

describe('the wish round', () => {
  it('closes and reopens, audited, for an organiser only; not once an allocation is published, nor first come', async () => {
    expect(await setWishRound(t.db, { userId: contact.id }, tr.event, 'close', open)).toBeNull()
    expect(await setWishRound(t.db, { userId: organiser.id }, tr.event, 'close', open)).toEqual({ changed: true, closedAt: open })
    expect(await setWishRound(t.db, { userId: organiser.id }, tr.event, 'close', open)).toMatchObject({ changed: false })
    expect(await setWishRound(t.db, { userId: organiser.id }, tr.event, 'reopen', open)).toEqual({ changed: true, closedAt: null })
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('event_id', '=', tr.event)
      .where('action', 'like', 'event.wish_round%')
      .orderBy('at')
      .execute()
    expect(audit.map((a) => a.action).sort()).toEqual(['event.wish_round_closed', 'event.wish_round_reopened'])

    await t.db.updateTable('event').set({ wish_round_closed_at: open, allocation_published_at: open }).where('id', '=', tr.event).execute()
    expect(await refusal(setWishRound(t.db, { userId: organiser.id }, tr.event, 'reopen', open))).toEqual({ code: 'wish_round_published', field: undefined })
    await t.db
      .updateTable('event')
      .set({ session_allocation: 'first_come', wish_round_closed_at: null, allocation_published_at: null })
      .where('id', '=', tr.event)
      .execute()
    expect(await refusal(setWishRound(t.db, { userId: organiser.id }, tr.event, 'close', open))).toEqual({ code: 'wish_round_first_come', field: undefined })
  })
})

describe('the demand', () => {
  it('counts 1st, 2nd and 3rd choices and the municipalities per session, and the slot against its seats', async () => {
    // Selbu: two participants; Tydal: one. Session a0 is wanted by all three, first by two of them in two municipalities.
    await enrol(selbu, contact, { wishes: ranked([tr.a[0] as string, tr.a[1] as string], [tr.b[0] as string]) })
    await enrol(selbu, contact, { wishes: ranked([tr.a[1] as string, tr.a[0] as string, tr.a[2] as string], [tr.b[0] as string]) })
    await enrol(tydal, tydalContact, { wishes: ranked([tr.a[0] as string], [tr.b[1] as string]) })
    // One who cancelled does not count.
    const gone = await enrol(tydal, tydalContact, { wishes: ranked([tr.a[3] as string], [tr.b[3] as string]) })
    await cancelParticipant(t.db, TEST_MAIL, { userId: tydalContact.id }, gone.id, open)

    expect(await getSessionDemand(t.db, { userId: contact.id }, tr.event)).toBeNull()
    const demand = await getSessionDemand(t.db, { userId: organiser.id }, tr.event)
    expect(demand?.event.sessionAllocation).toBe('by_wishes')
    const slot = demand?.slots.find((s) => s.id === tr.before)
    const session = (id: string) => slot?.sessions.find((s) => s.id === id)
    expect(session(tr.a[0] as string)).toMatchObject({ first: 2, second: 1, third: 0, municipalities: 2, firstMunicipalities: 2 })
    expect(session(tr.a[1] as string)).toMatchObject({ first: 1, second: 1, third: 0, municipalities: 1, firstMunicipalities: 1 })
    expect(session(tr.a[2] as string)).toMatchObject({ first: 0, second: 0, third: 1, municipalities: 1, firstMunicipalities: 0 })
    expect(session(tr.a[3] as string)).toMatchObject({ first: 0, second: 0, third: 0, municipalities: 0, firstMunicipalities: 0 })
    expect(slot).toMatchObject({ wishers: 3, attendees: 3 })
    const capacities = await t.db.selectFrom('program_item').select('capacity').where('slot_id', '=', tr.before).execute()
    const total = capacities.some((c) => c.capacity === null) ? null : capacities.reduce((sum, c) => sum + (c.capacity ?? 0), 0)
    expect(slot?.capacity).toBe(total)
  })
})

describe('copying an event by wishes', () => {
  it('keeps the setting, with a wish round and an allocation of its own to come', async () => {
    await t.db.updateTable('event').set({ wish_round_closed_at: open, allocation_published_at: open }).where('id', '=', tr.event).execute()
    const copy = await copyEvent(
      t.db,
      { userId: organiser.id },
      tr.event,
      { title: 'Klimasamling Trøndelag 2027', slug: 'trondelag-2027', startDate: '2027-11-23' },
      open,
    )
    const row = await t.db
      .selectFrom('event')
      .select(['session_allocation', 'wish_round_closed_at', 'allocation_published_at'])
      .where('id', '=', copy?.id ?? '')
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ session_allocation: 'by_wishes', wish_round_closed_at: null, allocation_published_at: null })
  })
})

describe('switching between first come and by wishes', () => {
  const formFor = async (mode: 'first_come' | 'by_wishes') => {
    const row = await t.db.selectFrom('event').selectAll().where('id', '=', tr.event).executeTakeFirstOrThrow()
    return { ...eventFormSchema.parse(eventToFormValues(row)), session_allocation: mode }
  }

  it('refuses by wishes once a parallel seat is taken first come, and first come once an allocation is published', async () => {
    await t.db.updateTable('event').set({ session_allocation: 'first_come' }).where('id', '=', tr.event).execute()
    const seated = await enrol(selbu, contact, { sessionIds: [tr.a[0] as string] })
    expect(await refusal(updateEvent(t.db, { userId: organiser.id }, tr.event, await formFor('by_wishes'), open))).toEqual({
      code: 'allocation_mode_seats_taken',
      field: 'sessionAllocation',
    })
    expect((await t.db.selectFrom('event').select('session_allocation').where('id', '=', tr.event).executeTakeFirstOrThrow()).session_allocation).toBe(
      'first_come',
    )

    // Without seats taken, the switch goes through, and back again until publication.
    await cancelParticipant(t.db, TEST_MAIL, { userId: contact.id }, seated.id, open)
    expect(await seatsTaken()).toBe(0)
    expect(await updateEvent(t.db, { userId: organiser.id }, tr.event, await formFor('by_wishes'), open)).not.toBeNull()
    expect(await updateEvent(t.db, { userId: organiser.id }, tr.event, await formFor('first_come'), open)).not.toBeNull()
    expect(await updateEvent(t.db, { userId: organiser.id }, tr.event, await formFor('by_wishes'), open)).not.toBeNull()

    await t.db.updateTable('event').set({ wish_round_closed_at: open, allocation_published_at: open }).where('id', '=', tr.event).execute()
    expect(await refusal(updateEvent(t.db, { userId: organiser.id }, tr.event, await formFor('first_come'), open))).toEqual({
      code: 'allocation_mode_published',
      field: 'sessionAllocation',
    })
  })
})
