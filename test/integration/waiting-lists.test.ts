import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { AppUser } from '../../db/schema'
import { osloDateTime } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { presentEnrolmentOptions } from '~/domain/enrolment-options'
import type { ParticipantInput } from '~/domain/participant-form'
import { itemFormSchema, nightFormSchema } from '~/domain/program-form'
import { findRegistrationForUser } from '~/services/contact-persons.server'
import { type EnrolInput, enrolParticipant } from '~/services/enrolment.server'
import { cancelParticipant, substituteParticipant, updateParticipant } from '~/services/participant-changes.server'
import { saveItem, saveNight } from '~/services/program-setup.server'
import { getEnrolmentOptions } from '~/services/registration-view.server'
import { scheduledJobs } from '~/services/scheduled-jobs.server'
import { answerOffer, expireWaitingOffers, joinWaitingList, leaveWaitingList, readOffer, waitingListView } from '~/services/waiting-lists.server'
import { action as waitingListAction } from '~/routes/ventelister.$participantId'
import { action as offerAction, loader as offerLoader } from '~/routes/venteliste.$token'
import { respond, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import {
  enrolInput,
  eventDayIds,
  eventId,
  makeContactPerson,
  makeOrganiser,
  parallelSessions,
  registrationId,
  seeded,
  sessionCookieFor,
  TEST_MAIL,
  TR,
} from '../helpers/fixtures'

/**
 * Waiting lists against real Postgres: who may join, the fill step in the
 * transaction that gives a seat or room back (a seat at once to the first
 * who still fits, a room offered and held), answering and running out of an
 * offer, races between a cancellation and new enrolments on separate
 * connections, and links and entries of other municipalities refused.
 */

let t: TestDatabase
let selbu: string
let tydal: string
let contact: AppUser
let tydalContact: AppUser
let organiser: AppUser
const tr = { event: '', day1: '', day2: '', night: '', before: [] as string[], after: [] as string[] }

// Trøndelag 2018: open 3 Sep, deadline 20 Oct 23.59, event 27–28 Nov (Europe/Oslo).
const open = osloDateTime('2018-10-01', '12:00')
const later = (minutes: number) => new Date(open.getTime() + minutes * 60_000)

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
  tr.event = await eventId(t.db, TR)
  const days = await eventDayIds(t.db, tr.event)
  tr.day1 = days[0] ?? ''
  tr.day2 = days[1] ?? ''
  tr.night = (await t.db.selectFrom('hotel_night').select('id').where('event_id', '=', tr.event).executeTakeFirstOrThrow()).id
  const parallel = await parallelSessions(t.db, tr.event)
  tr.before = parallel.before
  tr.after = parallel.after
  expect(tr.before).toHaveLength(4)
})

// Whatever a test did, the counters match the rows they count, and no block is oversold.
afterEach(async () => {
  const nights = await t.db
    .selectFrom('hotel_night')
    .select((eb) => [
      'id',
      'rooms_taken',
      'rooms_held',
      'rooms_in_block',
      eb
        .selectFrom('participant_night')
        .innerJoin('participant', 'participant.id', 'participant_night.participant_id')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('participant_night.hotel_night_id', '=', 'hotel_night.id')
        .where('participant.status', 'in', ['active', 'late_cancelled'])
        .as('counted'),
      eb
        .selectFrom('waiting_list_entry')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('waiting_list_entry.hotel_night_id', '=', 'hotel_night.id')
        .where('waiting_list_entry.status', '=', 'offered')
        .as('offered'),
    ])
    .execute()
  for (const n of nights) {
    expect(Number(n.counted)).toBe(n.rooms_taken)
    expect(Number(n.offered)).toBe(n.rooms_held)
    expect(n.rooms_taken + n.rooms_held).toBeLessThanOrEqual(n.rooms_in_block)
  }
  const seats = await t.db
    .selectFrom('program_item')
    .select((eb) => [
      'seats_taken',
      eb.selectFrom('session_choice').select(eb.fn.countAll<number>().as('n')).whereRef('session_choice.program_item_id', '=', 'program_item.id').as('counted'),
    ])
    .where('event_id', '=', tr.event)
    .execute()
  for (const s of seats) expect(Number(s.counted)).toBe(s.seats_taken)
})

// ---------------------------------------------------------------- helpers

function person(registration: string, overrides: Partial<EnrolInput> = {}): EnrolInput {
  const email = `${randomUUID().slice(0, 8)}@example.no`
  return enrolInput(registration, { email, dayIds: [tr.day1, tr.day2], nightIds: [], ...overrides })
}

const inputs = new Map<string, EnrolInput>()

async function enrol(overrides: Partial<EnrolInput> = {}, registration = selbu, actor: AppUser = contact, now = open) {
  const input = person(registration, overrides)
  const enrolled = await enrolParticipant(t.db, TEST_MAIL, { userId: actor.id }, input, now)
  if (!enrolled) throw new Error('the fixture could not enrol')
  inputs.set(enrolled.id, input)
  return enrolled.id
}

/** Changes an enrolled participant as the edit form would, by their contact person. */
function edit(participantId: string, changes: Partial<ParticipantInput>, actor: AppUser = contact, now = later(30)) {
  const input = inputs.get(participantId)
  if (!input) throw new Error('not enrolled by this file')
  return updateParticipant(t.db, TEST_MAIL, { userId: actor.id }, participantId, { ...input, ...changes }, now)
}

const asker = (u: AppUser) => ({ id: u.id, email: u.email })

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(DomainError)
  return (error as DomainError).code
}

const setCapacity = (id: string, capacity: number) => t.db.updateTable('program_item').set({ capacity }).where('id', '=', id).execute()
const setRooms = (rooms: number) => t.db.updateTable('hotel_night').set({ rooms_in_block: rooms }).where('id', '=', tr.night).execute()

const entry = (id: string) => t.db.selectFrom('waiting_list_entry').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const sessionsOf = async (participantId: string) =>
  (await t.db.selectFrom('session_choice').select('program_item_id').where('participant_id', '=', participantId).execute()).map((r) => r.program_item_id)
const hasNight = async (participantId: string) =>
  Boolean(await t.db.selectFrom('participant_night').select('participant_id').where('participant_id', '=', participantId).executeTakeFirst())
const night = () => t.db.selectFrom('hotel_night').select(['rooms_taken', 'rooms_held', 'rooms_in_block']).where('id', '=', tr.night).executeTakeFirstOrThrow()

/** The waiting-list emails queued, with what they say. */
async function mails(move?: string) {
  const rows = await t.db.selectFrom('email').selectAll().where('template', '=', 'waiting-list').orderBy('created_at').execute()
  return rows
    .map((r) => ({ to: r.to_addresses, cc: r.cc_addresses, params: r.params as { move: string; answerLink: string | null; participantName: string } }))
    .filter((m) => !move || m.params.move === move)
}

/** The token of the latest offer link mailed. */
async function offerToken() {
  const offers = await mails('offered')
  const link = offers.at(-1)?.params.answerLink ?? ''
  return link.split('/venteliste/')[1] ?? ''
}

// ---------------------------------------------------------------- tests

describe('joining a waiting list', () => {
  it('only when the session is full, only once, only for a session the participant could use, with the position', async () => {
    const session = tr.before[0] ?? ''
    await setCapacity(session, 1)
    const b = await enrol()
    const c = await enrol()
    const dayOne = await enrol({ dayIds: [tr.day1] })
    // A seat is left: no list.
    expect(await refusal(joinWaitingList(t.db, TEST_MAIL, asker(contact), b, { kind: 'session', id: session }, later(1)))).toBe('waitlist_not_full')
    // The one seat taken through the form's own path.
    const holder = await enrol({ sessionIds: [session] })
    expect(await sessionsOf(holder)).toEqual([session])

    const first = await joinWaitingList(t.db, TEST_MAIL, asker(contact), b, { kind: 'session', id: session }, later(3))
    const second = await joinWaitingList(t.db, TEST_MAIL, asker(contact), c, { kind: 'session', id: session }, later(4))
    expect(first?.position).toBe(1)
    expect(second?.position).toBe(2)
    expect(await refusal(joinWaitingList(t.db, TEST_MAIL, asker(contact), b, { kind: 'session', id: session }, later(5)))).toBe('waitlist_already_on')
    expect(await refusal(joinWaitingList(t.db, TEST_MAIL, asker(contact), holder, { kind: 'session', id: session }, later(5)))).toBe('waitlist_already_has')
    expect(await refusal(joinWaitingList(t.db, TEST_MAIL, asker(contact), dayOne, { kind: 'session', id: session }, later(5)))).toBe('session_day_not_attended')
    // The page shows it once on the list; the list's first leaving moves the second up.
    const view = await waitingListView(t.db, c, 'contact_person', later(6), 'nb')
    expect(view.entries.map((e) => e.position)).toEqual([2])
    expect(view.canChange).toBe(true)
    await leaveWaitingList(t.db, TEST_MAIL, asker(contact), first?.entryId ?? '', later(7))
    expect((await waitingListView(t.db, c, 'participant', later(8), 'nb')).entries.map((e) => e.position)).toEqual([1])
    expect((await entry(first?.entryId ?? '')).status).toBe('withdrawn')
    // Joining mailed the participant with the contact person in copy.
    const joined = await mails('joined')
    expect(joined).toHaveLength(2)
    expect(joined[0]?.cc).toEqual(['kontakt@selbu.example.no'])
  })

  it('only when the night is full, and only for a night touching the days attended', async () => {
    await setRooms(1)
    const sleeper = await enrol({ nightIds: [tr.night] })
    const waiter = await enrol()
    const dayOneOnly = await enrol({ dayIds: [tr.day2] })
    expect(await hasNight(sleeper)).toBe(true)
    const joined = await joinWaitingList(t.db, TEST_MAIL, asker(contact), waiter, { kind: 'night', id: tr.night }, later(1))
    expect(joined?.position).toBe(1)
    // The night before day 2 touches day 2; a night not touching the days would be refused.
    expect(await joinWaitingList(t.db, TEST_MAIL, asker(contact), dayOneOnly, { kind: 'night', id: tr.night }, later(2))).toMatchObject({ position: 2 })
    await setRooms(3)
    const other = await enrol()
    expect(await refusal(joinWaitingList(t.db, TEST_MAIL, asker(contact), other, { kind: 'night', id: tr.night }, later(3)))).toBe('waitlist_not_full')
  })
})

describe('a freed seat', () => {
  it('goes to the first on the list who still fits, in the cancelling transaction, passing over one who no longer fits', async () => {
    const [x, y] = [tr.before[0] ?? '', tr.before[1] ?? '']
    await setCapacity(x, 1)
    await setCapacity(y, 1)
    const holder = await enrol({ sessionIds: [x] })
    const gone = await enrol()
    const fits = await enrol({ sessionIds: [y] })
    const nextForY = await enrol()
    await joinWaitingList(t.db, TEST_MAIL, asker(contact), gone, { kind: 'session', id: x }, later(1))
    await joinWaitingList(t.db, TEST_MAIL, asker(contact), fits, { kind: 'session', id: x }, later(2))
    await joinWaitingList(t.db, TEST_MAIL, asker(contact), nextForY, { kind: 'session', id: y }, later(3))
    // The first in line drops day 2: they no longer fit the session and are passed over.
    await edit(gone, { dayIds: [tr.day1] })

    await cancelParticipant(t.db, TEST_MAIL, { userId: contact.id }, holder, later(5))

    // The seat went to the one who fits; the seat they held in the same slot went on to its own list's first.
    expect(await sessionsOf(fits)).toEqual([x])
    expect(await sessionsOf(nextForY)).toEqual([y])
    expect(await sessionsOf(gone)).toEqual([])
    const entries = await t.db.selectFrom('waiting_list_entry').select(['participant_id', 'status']).orderBy('created_at').execute()
    expect(entries).toEqual([
      { participant_id: gone, status: 'waiting' },
      { participant_id: fits, status: 'placed' },
      { participant_id: nextForY, status: 'placed' },
    ])
    const placed = await mails('placed')
    expect(placed).toHaveLength(2)
    expect(placed[0]?.cc).toEqual(['kontakt@selbu.example.no'])
    const audit = await t.db.selectFrom('audit_log').select(['action', 'after']).where('action', '=', 'waiting_list.placed').execute()
    expect(audit).toHaveLength(2)
    expect(audit.map((a) => (a.after as { passedOver: string[] }).passedOver)).toContainEqual([gone])
  })

  it('goes to the list when the organiser raises the capacity', async () => {
    const x = tr.before[0] ?? ''
    await setCapacity(x, 1)
    await enrol({ sessionIds: [x] })
    const waiter = await enrol()
    await joinWaitingList(t.db, TEST_MAIL, asker(contact), waiter, { kind: 'session', id: x }, later(1))
    const item = await t.db.selectFrom('program_item').selectAll().where('id', '=', x).executeTakeFirstOrThrow()
    const time = (d: Date) => d.toLocaleTimeString('nb-NO', { timeZone: 'Europe/Oslo', hour: '2-digit', minute: '2-digit' }).replace('.', ':')
    const form = itemFormSchema.parse({
      id: x,
      kind: 'parallel',
      dayId: item.event_day_id,
      slotId: item.slot_id,
      startTime: time(item.starts_at),
      endTime: item.ends_at ? time(item.ends_at) : undefined,
      title: item.title,
      capacity: '2',
    })
    const saved = await saveItem(t.db, { userId: organiser.id }, tr.event, form, later(2), TEST_MAIL)
    expect(saved).not.toBeNull()
    expect(await sessionsOf(waiter)).toEqual([x])
  })
})

describe('a freed room', () => {
  async function fullNightWithList() {
    await setRooms(2)
    const leaving = await enrol({ nightIds: [tr.night] })
    await enrol({ nightIds: [tr.night] })
    const first = await enrol()
    const second = await enrol({}, tydal, tydalContact)
    await joinWaitingList(t.db, TEST_MAIL, asker(contact), first, { kind: 'night', id: tr.night }, later(1))
    await joinWaitingList(t.db, TEST_MAIL, asker(tydalContact), second, { kind: 'night', id: tr.night }, later(2))
    return { leaving, first, second }
  }

  it('is held for the first on the list and mailed to the contact person; accepting gives the night as a night change, never over the block', async () => {
    const { leaving, first } = await fullNightWithList()
    await cancelParticipant(t.db, TEST_MAIL, { userId: contact.id }, leaving, later(3))
    expect(await night()).toEqual({ rooms_taken: 1, rooms_held: 1, rooms_in_block: 2 })
    // The held room is not for anyone else.
    expect(await refusal(enrol({ nightIds: [tr.night] }, selbu, contact, later(4)))).toBe('night_full')
    // …and the form says the night is full.
    const registration = await findRegistrationForUser(t.db, contact.id, selbu)
    if (!registration) throw new Error('no access to Selbu')
    expect(presentEnrolmentOptions(await getEnrolmentOptions(t.db, registration), 'nb').nights[0]?.label).toContain('fullt')
    const offer = (await mails('offered'))[0]
    expect(offer?.to).toEqual(['kontakt@selbu.example.no'])
    const token = await offerToken()
    expect(await readOffer(t.db, asker(contact), token, later(5))).toMatchObject({ open: true })

    expect(await answerOffer(t.db, TEST_MAIL, asker(contact), token, 'accept', later(6))).toEqual({ accepted: true })
    expect(await hasNight(first)).toBe(true)
    expect(await night()).toEqual({ rooms_taken: 2, rooms_held: 0, rooms_in_block: 2 })
    // Coverage follows the night as for any change of nights: the covered overnight place is recomputed.
    const covered = await t.db.selectFrom('participant_night').select('is_covered').where('participant_id', '=', first).executeTakeFirstOrThrow()
    expect(typeof covered.is_covered).toBe('boolean')
    expect(await mails('accepted')).toHaveLength(1)
    // A second click finds the offer answered.
    expect(await refusal(answerOffer(t.db, TEST_MAIL, asker(contact), token, 'accept', later(7)))).toBe('waitlist_offer_gone')
  })

  it('goes on to the next when declined, and again when the offer runs out', async () => {
    const { leaving, first, second } = await fullNightWithList()
    const third = await enrol()
    await joinWaitingList(t.db, TEST_MAIL, asker(contact), third, { kind: 'night', id: tr.night }, later(3))
    await cancelParticipant(t.db, TEST_MAIL, { userId: contact.id }, leaving, later(4))
    await answerOffer(t.db, TEST_MAIL, asker(contact), await offerToken(), 'decline', later(5))
    expect(await hasNight(first)).toBe(false)
    const offers = await t.db.selectFrom('waiting_list_entry').select(['participant_id', 'status']).where('status', '=', 'offered').execute()
    expect(offers).toEqual([{ participant_id: second, status: 'offered' }])
    expect((await mails('offered')).at(-1)?.to).toEqual(['kontakt@tydal.example.no'])

    // Nothing runs out early; after 48 hours the offer passes to the third.
    expect(await expireWaitingOffers(t.db, TEST_MAIL, later(60))).toBe(0)
    // The mail worker's scheduled job does it, every minute.
    const job = scheduledJobs(t.db, TEST_MAIL).find((j) => /waiting-list offers/i.test(j.name))
    expect(job?.everyMs).toBe(60_000)
    expect(await job?.run(later(5 + 48 * 60))).toBe(1)
    const now = await t.db.selectFrom('waiting_list_entry').select(['participant_id', 'status']).orderBy('created_at').execute()
    expect(now).toEqual([
      { participant_id: first, status: 'declined' },
      { participant_id: second, status: 'expired' },
      { participant_id: third, status: 'offered' },
    ])
    expect(await night()).toEqual({ rooms_taken: 1, rooms_held: 1, rooms_in_block: 2 })
    expect(await mails('expired')).toHaveLength(1)
    // An expired link is refused with a clear reason.
    const tydalToken = (await mails('offered'))[1]?.params.answerLink?.split('/venteliste/')[1] ?? ''
    expect(await refusal(answerOffer(t.db, TEST_MAIL, asker(tydalContact), tydalToken, 'accept', later(5 + 48 * 60 + 1)))).toBe('waitlist_offer_gone')
  })
})

describe('the organiser’s room block', () => {
  it('a larger block offers the new room to the list; a block below the rooms taken and held is refused', async () => {
    await setRooms(1)
    await enrol({ nightIds: [tr.night] })
    const waiter = await enrol()
    await joinWaitingList(t.db, TEST_MAIL, asker(contact), waiter, { kind: 'night', id: tr.night }, later(1))
    const row = await t.db.selectFrom('hotel_night').select(sql<string>`night_date::text`.as('date')).where('id', '=', tr.night).executeTakeFirstOrThrow()
    const form = (rooms: number) => nightFormSchema.parse({ id: tr.night, date: row.date, rooms: String(rooms), covered: 'on' })
    expect(await saveNight(t.db, { userId: organiser.id }, tr.event, form(2), later(2), TEST_MAIL)).not.toBeNull()
    expect(await night()).toEqual({ rooms_taken: 1, rooms_held: 1, rooms_in_block: 2 })
    expect((await mails('offered')).map((m) => m.params.participantName)).toHaveLength(1)
    await expect(saveNight(t.db, { userId: organiser.id }, tr.event, form(1), later(3), TEST_MAIL)).rejects.toMatchObject({
      code: 'rooms_below_usage',
      params: { count: 2 },
    })
  })
})

describe('a substitute', () => {
  it('takes over the place in line of the participant they replace', async () => {
    await setRooms(1)
    await enrol({ nightIds: [tr.night] })
    const waiter = await enrol()
    const joined = await joinWaitingList(t.db, TEST_MAIL, asker(contact), waiter, { kind: 'night', id: tr.night }, later(1))
    const result = await substituteParticipant(
      t.db,
      TEST_MAIL,
      { userId: contact.id },
      waiter,
      { name: 'Siv Erstatter', email: 'siv@example.no', phone: null, title: 'Rådgiver', roleCategory: 'radgiver' },
      later(2),
    )
    const moved = await entry(joined?.entryId ?? '')
    expect(moved).toMatchObject({ participant_id: result?.substitute.id, status: 'waiting' })
  })
})

describe('an offer to someone no longer enrolled', () => {
  it('goes on to the next when the contact person answers it', async () => {
    await setRooms(1)
    const leaving = await enrol({ nightIds: [tr.night] })
    const first = await enrol()
    const second = await enrol()
    await joinWaitingList(t.db, TEST_MAIL, asker(contact), first, { kind: 'night', id: tr.night }, later(1))
    await joinWaitingList(t.db, TEST_MAIL, asker(contact), second, { kind: 'night', id: tr.night }, later(2))
    await cancelParticipant(t.db, TEST_MAIL, { userId: contact.id }, leaving, later(3))
    const token = await offerToken()
    await cancelParticipant(t.db, TEST_MAIL, { userId: contact.id }, first, later(4))
    expect(await answerOffer(t.db, TEST_MAIL, asker(contact), token, 'accept', later(5))).toEqual({ accepted: false })
    const entries = await t.db.selectFrom('waiting_list_entry').select(['participant_id', 'status']).orderBy('created_at').execute()
    expect(entries).toEqual([
      { participant_id: first, status: 'withdrawn' },
      { participant_id: second, status: 'offered' },
    ])
    expect(await hasNight(first)).toBe(false)
  })
})

describe('races', () => {
  it('a cancellation and new enrolments racing for the freed room: never oversold, and the list’s first gets it', async () => {
    for (let round = 0; round < 3; round++) {
      await truncateAll(t.db)
      await seeded(t.db)
      selbu = await registrationId(t.db, TR, 'Selbu')
      tydal = await registrationId(t.db, TR, 'Tydal')
      contact = await makeContactPerson(t.db, 'kontakt@selbu.example.no', selbu)
      tydalContact = await makeContactPerson(t.db, 'kontakt@tydal.example.no', tydal)
      tr.night = (
        await t.db
          .selectFrom('hotel_night')
          .select('id')
          .where('event_id', '=', await eventId(t.db, TR))
          .executeTakeFirstOrThrow()
      ).id
      const days = await t.db
        .selectFrom('event_day')
        .select('id')
        .where('event_id', '=', await eventId(t.db, TR))
        .orderBy('date')
        .execute()
      tr.day1 = days[0]?.id ?? ''
      tr.day2 = days[1]?.id ?? ''
      await setRooms(1)
      const leaving = await enrol({ nightIds: [tr.night] })
      const waiter = await enrol({}, tydal, tydalContact)
      await joinWaitingList(t.db, TEST_MAIL, asker(tydalContact), waiter, { kind: 'night', id: tr.night }, later(1))
      const racers = Array.from({ length: 8 }, () => person(selbu, { nightIds: [tr.night] }))
      const results = await Promise.allSettled([
        cancelParticipant(t.db, TEST_MAIL, { userId: contact.id }, leaving, later(2)),
        ...racers.map((r) => enrolParticipant(t.db, TEST_MAIL, { userId: contact.id }, r, later(2))),
      ])
      expect(results[0]?.status).toBe('fulfilled')
      // Every racer either found the night full, or got in before the cancellation freed it (impossible here: the block was full).
      for (const r of results.slice(1)) {
        expect(r.status).toBe('rejected')
        expect(((r as PromiseRejectedResult).reason as DomainError).code).toBe('night_full')
      }
      expect(await night()).toEqual({ rooms_taken: 0, rooms_held: 1, rooms_in_block: 1 })
      const offered = await t.db.selectFrom('waiting_list_entry').select('participant_id').where('status', '=', 'offered').execute()
      expect(offered).toEqual([{ participant_id: waiter }])
    }
  })

  it('a cancellation and a participant changing sessions racing for the freed seat: the list’s first gets it', async () => {
    const [x, y] = [tr.before[0] ?? '', tr.before[1] ?? '']
    await setCapacity(x, 1)
    const holder = await enrol({ sessionIds: [x] })
    const waiter = await enrol()
    await joinWaitingList(t.db, TEST_MAIL, asker(contact), waiter, { kind: 'session', id: x }, later(1))
    const racers = await Promise.all(Array.from({ length: 6 }, () => enrol({ sessionIds: [y] }, tydal, tydalContact)))
    const results = await Promise.allSettled([
      cancelParticipant(t.db, TEST_MAIL, { userId: contact.id }, holder, later(2)),
      ...racers.map((r) => edit(r, { sessionIds: [x] }, tydalContact, later(2))),
    ])
    expect(results[0]?.status).toBe('fulfilled')
    for (const r of results.slice(1)) expect(r.status === 'rejected' && ((r as PromiseRejectedResult).reason as DomainError).code).toBe('session_full')
    expect(await sessionsOf(waiter)).toEqual([x])
  })
})

describe('access', () => {
  it('refuses a foreign token, a foreign entry id and a participant answering, revealing nothing', async () => {
    await setRooms(1)
    const leaving = await enrol({ nightIds: [tr.night] })
    const waiter = await enrol()
    const joined = await joinWaitingList(t.db, TEST_MAIL, asker(contact), waiter, { kind: 'night', id: tr.night }, later(1))
    await cancelParticipant(t.db, TEST_MAIL, { userId: contact.id }, leaving, later(2))
    const token = await offerToken()
    const participantUser = {
      id: randomUUID(),
      email: (await t.db.selectFrom('participant').select('email').where('id', '=', waiter).executeTakeFirstOrThrow()).email,
    }

    // Another municipality's contact person: the same answer as for a link that does not exist.
    expect(await readOffer(t.db, asker(tydalContact), token, later(3))).toBeNull()
    expect(await answerOffer(t.db, TEST_MAIL, asker(tydalContact), token, 'accept', later(3))).toBeNull()
    expect(await readOffer(t.db, asker(contact), 'not-a-token', later(3))).toBeNull()
    expect(await answerOffer(t.db, TEST_MAIL, asker(contact), 'not-a-token', 'accept', later(3))).toBeNull()
    // The participant may stand in line but the contact person answers.
    expect(await answerOffer(t.db, TEST_MAIL, participantUser, token, 'accept', later(3))).toBeNull()
    expect(await leaveWaitingList(t.db, TEST_MAIL, asker(tydalContact), joined?.entryId ?? '', later(3))).toBeNull()
    expect(await joinWaitingList(t.db, TEST_MAIL, asker(tydalContact), waiter, { kind: 'night', id: tr.night }, later(3))).toBeNull()
    expect((await entry(joined?.entryId ?? '')).status).toBe('offered')
    expect(await hasNight(waiter)).toBe(false)
  })
})

describe('the routes', () => {
  const post = (cookie: string, body: Record<string, string>) =>
    new Request('http://localhost/x', {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(body),
    })

  it('join by a plain form and back to the page; a refusal is a page with the message; another municipality’s participant is a 404', async () => {
    await setRooms(1)
    await enrol({ nightIds: [tr.night] })
    const waiter = await enrol()
    const context = testContext({ db: t.db, now: later(1) })
    const cookie = await sessionCookieFor(context, contact.id)
    const back = `/kommune/${selbu}/deltaker/${waiter}`
    const join = { intent: 'join', kind: 'night', id: tr.night, back }
    const joined = await respond(() => waitingListAction({ request: post(cookie, join), params: { participantId: waiter }, context }))
    expect(joined.status).toBe(302)
    expect(joined.headers.get('Location')).toBe(`${back}?venteliste=pa#venteliste`)
    const again = await respond(() => waitingListAction({ request: post(cookie, join), params: { participantId: waiter }, context }))
    expect(again.status).toBe(409)
    expect(await again.json()).toEqual({ message: 'Deltakeren står allerede på denne ventelisten.', back })
    // Another municipality's contact person, and a return path off the site.
    const other = await sessionCookieFor(context, tydalContact.id)
    expect((await respond(() => waitingListAction({ request: post(other, join), params: { participantId: waiter }, context }))).status).toBe(404)
    const entryId = (await t.db.selectFrom('waiting_list_entry').select('id').executeTakeFirstOrThrow()).id
    const leave = await respond(() =>
      waitingListAction({ request: post(cookie, { intent: 'leave', entryId, back: '//evil.example/x' }), params: { participantId: waiter }, context }),
    )
    expect(leave.headers.get('Location')).toBe('/min-side?venteliste=av#venteliste')
    expect((await respond(() => waitingListAction({ request: post(cookie, { intent: 'nonsense' }), params: { participantId: waiter }, context }))).status).toBe(
      404,
    )
  })

  it('the offer page: GET shows the offer and changes nothing, POST answers; a wrong link says so', async () => {
    await setRooms(1)
    const leaving = await enrol({ nightIds: [tr.night] })
    const waiter = await enrol()
    await joinWaitingList(t.db, TEST_MAIL, asker(contact), waiter, { kind: 'night', id: tr.night }, later(1))
    await cancelParticipant(t.db, TEST_MAIL, { userId: contact.id }, leaving, later(2))
    const token = await offerToken()
    const context = testContext({ db: t.db, now: later(3) })
    const cookie = await sessionCookieFor(context, contact.id)
    const get = (tok: string) =>
      respond(() => offerLoader({ request: new Request('http://localhost/x', { headers: { Cookie: cookie } }), params: { token: tok }, context }))
    expect(await (await get(token)).json()).toMatchObject({ offer: { participantName: expect.any(String), open: true } })
    expect(await (await get('feil')).json()).toEqual({ offer: null })
    expect((await entry((await t.db.selectFrom('waiting_list_entry').select('id').executeTakeFirstOrThrow()).id)).status).toBe('offered')
    const bad = await respond(() => offerAction({ request: post(cookie, { answer: 'kanskje' }), params: { token }, context }))
    expect(bad.status).toBe(400)
    const answered = await respond(() => offerAction({ request: post(cookie, { answer: 'accept' }), params: { token }, context }))
    expect(await answered.json()).toEqual({ done: 'accepted', message: null })
    expect(await hasNight(waiter)).toBe(true)
    const twice = await respond(() => offerAction({ request: post(cookie, { answer: 'accept' }), params: { token }, context }))
    expect(twice.status).toBe(409)
    const foreign = await respond(() => offerAction({ request: post(cookie, { answer: 'accept' }), params: { token: 'feil' }, context }))
    expect(foreign.status).toBe(404)
  })
})
