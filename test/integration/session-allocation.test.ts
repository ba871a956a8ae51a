import fc from 'fast-check'
import type { Kysely } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDb } from '../../db/create-db'
import type { Database } from '../../db/schema'
import { renderTemplate } from '../../emails'
import { DomainError } from '~/domain/errors'
import { type Placement, violations, type WishRank } from '~/domain/session-allocation'
import { allocationInput } from '~/services/session-allocation/allocation-input.server'
import { moveParticipant, runAllocation } from '~/services/session-allocation/allocation.server'
import { allocationView } from '~/services/session-allocation/allocation-view.server'
import { publishAllocation } from '~/services/session-allocation/publish.server'
import { setWishRound } from '~/services/session-wishes.server'
import { upsertUser } from '~/services/users.server'
import { joinWaitingList } from '~/services/waiting-lists.server'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { addParticipant, eventId, MR, makeContactPerson, makeOrganiser, registrationId, seeded, TEST_MAIL, TR } from '../helpers/fixtures'

/**
 * Sessions by wishes on the Trøndelag 2018 event (two parallel slots on day
 * 2): a press of "Fordel plasser", moves by hand, publishing into
 * session_choice with its counters and emails, minimal-change re-runs, access
 * and a race for the last seat. Real PostgreSQL and the real solver.
 */

let t: TestDatabase
let event: string
let organiser: { userId: string }
let day2: string
let slotBefore: string
let slotAfter: string
let before: Array<{ id: string; title: string }>
let after: Array<{ id: string; title: string }>
let regs: { steinkjer: string; levanger: string; verdal: string }

const now = new Date('2018-10-25T10:00:00Z')
const later = (minutes: number) => new Date(now.getTime() + minutes * 60_000)

beforeAll(async () => {
  t = await createTestDatabase()
})

afterAll(async () => {
  await t.drop()
})

beforeEach(async () => {
  await truncateAll(t.db)
  await seeded(t.db)
  event = await eventId(t.db, TR)
  organiser = { userId: (await makeOrganiser(t.db, 'arrangor@example.no', TR)).id }
  await t.db.updateTable('event').set({ session_allocation: 'by_wishes', wish_round_closed_at: now }).where('id', '=', event).execute()
  day2 = (await t.db.selectFrom('event_day').select('id').where('event_id', '=', event).where('date', '=', '2018-11-28').executeTakeFirstOrThrow()).id
  const slots = await t.db.selectFrom('program_slot').select(['id', 'starts_at']).where('event_id', '=', event).orderBy('starts_at').execute()
  slotBefore = slots[0]?.id as string
  slotAfter = slots[1]?.id as string
  const items = (slot: string) =>
    t.db.selectFrom('program_item').select(['id', 'title']).where('slot_id', '=', slot).orderBy('sort_order').orderBy('title').orderBy('id').execute()
  before = await items(slotBefore)
  after = await items(slotAfter)
  regs = {
    steinkjer: await registrationId(t.db, TR, 'Steinkjer'),
    levanger: await registrationId(t.db, TR, 'Levanger'),
    verdal: await registrationId(t.db, TR, 'Verdal'),
  }
  for (const [name, reg] of Object.entries(regs)) await makeContactPerson(t.db, `kontakt.${name}@example.no`, reg)
})

/** The list's element at `i`, which the test set up. */
function at<T>(list: T[], i: number): T {
  const value = list[i]
  if (value === undefined) throw new Error(`nothing at ${i}`)
  return value
}

let serial = 0
/** A participant on day 2 with wishes for the slot before lunch (and after lunch when given). */
async function participant(reg: string, wishesBefore: string[], options: { wishesAfter?: string[]; role?: string; day2?: boolean } = {}) {
  serial += 1
  const { id } = await addParticipant(t.db, reg, `deltaker${serial}@example.no`, `Deltaker ${serial}`)
  await t.db
    .updateTable('participant')
    .set({ role_category: options.role ?? 'radgiver', created_at: later(serial) })
    .where('id', '=', id)
    .execute()
  if (options.day2 !== false) await t.db.insertInto('participant_day').values({ participant_id: id, event_day_id: day2 }).execute()
  const wish = (slot: string, items: string[]) => items.map((item, i) => ({ participant_id: id, slot_id: slot, program_item_id: item, rank: i + 1 }))
  const rows = [...wish(slotBefore, wishesBefore), ...wish(slotAfter, options.wishesAfter ?? [])]
  if (rows.length > 0) await t.db.insertInto('session_wish').values(rows).execute()
  return id
}

const capacity = (item: string, n: number | null) => t.db.updateTable('program_item').set({ capacity: n }).where('id', '=', item).execute()

async function allocation() {
  return t.db
    .selectFrom('session_allocation')
    .select(['participant_id', 'slot_id', 'program_item_id', 'rank', 'source'])
    .where('event_id', '=', event)
    .orderBy('participant_id')
    .orderBy('slot_id')
    .execute()
}

const seatOf = async (participantId: string, slot: string) =>
  (await allocation()).find((a) => a.participant_id === participantId && a.slot_id === slot)?.program_item_id

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(DomainError)
  return (error as DomainError).code
}

describe('runAllocation', () => {
  it('stores the run and an allocation that passes the independent checker, first choices where the seats allow', async () => {
    await capacity(at(before, 0).id, 2)
    const ids = [
      await participant(regs.steinkjer, [at(before, 0).id, at(before, 1).id], { wishesAfter: [at(after, 0).id] }),
      await participant(regs.levanger, [at(before, 0).id, at(before, 2).id], { wishesAfter: [at(after, 1).id, at(after, 0).id] }),
      await participant(regs.verdal, [at(before, 0).id, at(before, 1).id]),
      await participant(regs.verdal, [at(before, 2).id], { day2: false }),
    ]
    const run = await runAllocation(t.db, organiser, event, {}, now)
    expect(run?.status).toBe('optimal')
    expect(run?.mode).toBe('full')
    const stored = await t.db.selectFrom('allocation_run').selectAll().where('event_id', '=', event).execute()
    expect(stored).toHaveLength(1)
    expect(stored[0]?.summary).toMatchObject({ participants: 4 })

    const rows = await allocation()
    const { input } = await allocationInput(t.db, event, { mode: 'full', publishedAt: null })
    const placements: Placement[] = rows.map((r) => ({
      participantId: r.participant_id,
      slotId: r.slot_id,
      sessionId: r.program_item_id,
      rank: r.rank as WishRank,
    }))
    expect(violations(input, placements)).toEqual([])
    // Capacity 2 in the first session, three want it: two get it, the third their second choice; the one not there on day 2 gets nothing.
    expect(rows.filter((r) => r.program_item_id === at(before, 0).id)).toHaveLength(2)
    expect(rows.filter((r) => r.slot_id === slotBefore)).toHaveLength(3)
    expect(rows.some((r) => r.participant_id === ids[3])).toBe(false)
    expect(rows.every((r) => r.source === 'solver')).toBe(true)
    const audit = await t.db.selectFrom('audit_log').select('action').where('event_id', '=', event).where('action', '=', 'allocation.run').execute()
    expect(audit).toHaveLength(1)
  })

  it('is refused while the event is first come or the wish round is open, and writes nothing', async () => {
    await participant(regs.steinkjer, [at(before, 0).id])
    await t.db.updateTable('event').set({ wish_round_closed_at: null }).where('id', '=', event).execute()
    expect(await refusal(runAllocation(t.db, organiser, event, {}, now))).toBe('wish_round_open')
    await t.db.updateTable('event').set({ session_allocation: 'first_come', wish_round_closed_at: now }).where('id', '=', event).execute()
    expect(await refusal(runAllocation(t.db, organiser, event, {}, now))).toBe('allocation_not_by_wishes')
    expect(await t.db.selectFrom('allocation_run').select('id').execute()).toEqual([])
    expect(await allocation()).toEqual([])
  })
})

describe('moveParticipant', () => {
  it('refuses a move above capacity, to a role-restricted session or on a day not attended, and changes nothing', async () => {
    await capacity(at(before, 0).id, 1)
    await t.db
      .updateTable('program_item')
      .set({ restricted_to_roles: ['ordforer'] })
      .where('id', '=', at(before, 3).id)
      .execute()
    const a = await participant(regs.steinkjer, [at(before, 0).id])
    const b = await participant(regs.levanger, [at(before, 0).id, at(before, 1).id])
    const absent = await participant(regs.verdal, [at(before, 1).id], { day2: false })
    await runAllocation(t.db, organiser, event, {}, now)
    const was = await allocation()
    const holder = was.find((r) => r.program_item_id === at(before, 0).id)?.participant_id
    const other = holder === a ? b : a
    expect(await refusal(moveParticipant(t.db, organiser, event, { participantId: other, slotId: slotBefore, sessionId: at(before, 0).id }, now))).toBe(
      'session_full',
    )
    expect(await refusal(moveParticipant(t.db, organiser, event, { participantId: other, slotId: slotBefore, sessionId: at(before, 3).id }, now))).toBe(
      'session_role_restricted',
    )
    expect(await refusal(moveParticipant(t.db, organiser, event, { participantId: absent, slotId: slotBefore, sessionId: at(before, 1).id }, now))).toBe(
      'session_day_not_attended',
    )
    expect(await allocation()).toEqual(was)
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'allocation.move').execute()).toEqual([])

    // Within the rules the move is made by hand, kept through a later run.
    const moved = await moveParticipant(t.db, organiser, event, { participantId: other, slotId: slotBefore, sessionId: at(before, 2).id }, now)
    expect(moved).toMatchObject({ sessionId: at(before, 2).id })
    expect((await allocation()).find((r) => r.participant_id === other)).toMatchObject({ program_item_id: at(before, 2).id, source: 'manual', rank: null })
    await runAllocation(t.db, organiser, event, { mode: 'full' }, later(100))
    expect((await allocation()).find((r) => r.participant_id === other)).toMatchObject({ program_item_id: at(before, 2).id, source: 'manual' })
    // Unless the organiser starts the manual placements over.
    await runAllocation(t.db, organiser, event, { mode: 'full', clearManual: true }, later(101))
    expect((await allocation()).find((r) => r.participant_id === other)).toMatchObject({ program_item_id: at(before, 1).id, source: 'solver', rank: 2 })
  })

  it('two moves racing for the last seat on separate connections: exactly one wins', async () => {
    await capacity(at(before, 0).id, 1)
    const a = await participant(regs.steinkjer, [at(before, 1).id])
    const b = await participant(regs.levanger, [at(before, 1).id])
    await runAllocation(t.db, organiser, event, {}, now)
    const dbs: Kysely<Database>[] = [createDb(t.url, { max: 2 }), createDb(t.url, { max: 2 })]
    try {
      const results = await Promise.allSettled(
        [a, b].map((participantId, i) =>
          moveParticipant(at(dbs, i), organiser, event, { participantId, slotId: slotBefore, sessionId: at(before, 0).id }, now),
        ),
      )
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      expect(rejected).toHaveLength(1)
      expect(at(rejected, 0).reason).toMatchObject({ code: 'session_full' })
      expect((await allocation()).filter((r) => r.program_item_id === at(before, 0).id)).toHaveLength(1)
    } finally {
      await Promise.all(dbs.map((d) => d.destroy()))
    }
  })
})

describe('publishAllocation', () => {
  it('writes session_choice and seats_taken from the allocation and queues one email per participant, the contact person in copy, with a calendar file', async () => {
    // Levanger writes nynorsk: its participant's mail is in nynorsk.
    await t.db
      .updateTable('municipality')
      .set({ language_choice: 'nn' })
      .where('id', '=', (eb) => eb.selectFrom('registration').select('municipality_id').where('id', '=', regs.levanger))
      .execute()
    const a = await participant(regs.steinkjer, [at(before, 0).id], { wishesAfter: [at(after, 1).id] })
    const b = await participant(regs.levanger, [at(before, 1).id])
    // A first-come seat from before the event switched to wishes: given back when the allocation replaces it.
    await t.db
      .insertInto('session_choice')
      .values({ participant_id: b, program_item_id: at(before, 2).id, slot_id: slotBefore })
      .execute()
    await t.db.updateTable('program_item').set({ seats_taken: 1 }).where('id', '=', at(before, 2).id).execute()
    expect(await refusal(publishAllocation(t.db, TEST_MAIL, organiser, event, now))).toBe('allocation_not_run')
    await runAllocation(t.db, organiser, event, {}, now)
    // Reopened after the run, the wishes may change again: the allocation is not published until the round is closed again.
    await setWishRound(t.db, organiser, event, 'reopen', later(1))
    expect(await refusal(publishAllocation(t.db, TEST_MAIL, organiser, event, later(2)))).toBe('wish_round_open')
    expect(await t.db.selectFrom('session_choice').select('program_item_id').where('participant_id', '=', b).execute()).toEqual([
      { program_item_id: at(before, 2).id },
    ])
    await setWishRound(t.db, organiser, event, 'close', later(3))
    const published = await publishAllocation(t.db, TEST_MAIL, organiser, event, later(5))
    expect(published).toMatchObject({ changed: 2, seats: 3 })

    const choices = await t.db
      .selectFrom('session_choice')
      .select(['participant_id', 'program_item_id'])
      .orderBy('participant_id')
      .orderBy('program_item_id')
      .execute()
    const expected = (await allocation()).map((r) => ({ participant_id: r.participant_id, program_item_id: r.program_item_id }))
    expect(choices).toEqual(expected.sort((x, y) => x.participant_id.localeCompare(y.participant_id) || x.program_item_id.localeCompare(y.program_item_id)))
    const items = await t.db.selectFrom('program_item').select(['id', 'seats_taken']).where('event_id', '=', event).where('kind', '=', 'parallel').execute()
    for (const item of items) expect(item.seats_taken, item.id).toBe(choices.filter((c) => c.program_item_id === item.id).length)
    expect(
      (await t.db.selectFrom('event').select('allocation_published_at').where('id', '=', event).executeTakeFirstOrThrow()).allocation_published_at,
    ).toEqual(later(5))

    const emails = await t.db.selectFrom('email').selectAll().where('template', '=', 'sessions-allocated').orderBy('created_at').execute()
    expect(emails).toHaveLength(2)
    const toA = emails.find((e) => e.to_addresses.includes(`deltaker${serial - 1}@example.no`))
    expect(toA?.cc_addresses).toEqual(['kontakt.steinkjer@example.no'])
    const rendered = renderTemplate('sessions-allocated', toA?.params)
    expect(rendered.rendered.text).toContain(at(before, 0).title)
    expect(rendered.rendered.text).toContain(at(after, 1).title)
    const [ics] = rendered.attachments()
    expect(ics?.filename).toBe('sesjoner.ics')
    expect(String(ics?.content)).toContain('BEGIN:VEVENT')
    expect(String(ics?.content).split('BEGIN:VEVENT')).toHaveLength(3)
    const toB = emails.find((e) => e.to_addresses.includes(`deltaker${serial}@example.no`))
    expect(toB?.language_form).toBe('nn')
    expect(toB?.cc_addresses).toEqual(['kontakt.levanger@example.no'])
    expect(renderTemplate('sessions-allocated', toB?.params).rendered.subject).toContain('sesjonane dine')
    expect(a).toBeTruthy()

    // Publishing again with nothing changed sends nothing new.
    expect(await publishAllocation(t.db, TEST_MAIL, organiser, event, later(6))).toMatchObject({ changed: 0 })
    expect(await t.db.selectFrom('email').select('id').where('template', '=', 'sessions-allocated').execute()).toHaveLength(2)
  })

  it('a publication that would put a session over its capacity (lowered since the run) is refused naming it, and changes nothing', async () => {
    const a = await participant(regs.steinkjer, [at(before, 0).id])
    const b = await participant(regs.levanger, [at(before, 0).id])
    await runAllocation(t.db, organiser, event, {}, now)
    expect([await seatOf(a, slotBefore), await seatOf(b, slotBefore)]).toEqual([at(before, 0).id, at(before, 0).id])
    await capacity(at(before, 0).id, 1)
    const error = await publishAllocation(t.db, TEST_MAIL, organiser, event, later(1)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DomainError)
    expect(error).toMatchObject({ code: 'session_full', params: { session: at(before, 0).title } })
    expect(await t.db.selectFrom('session_choice').select('participant_id').execute()).toEqual([])
    expect(await t.db.selectFrom('email').select('id').execute()).toEqual([])
    const after = await t.db.selectFrom('event').select('allocation_published_at').where('id', '=', event).executeTakeFirstOrThrow()
    expect(after.allocation_published_at).toBeNull()
  })

  it("a seat a publication leaves free goes to the first on the session's waiting list, and the draft follows", async () => {
    await capacity(at(before, 0).id, 1)
    const a = await participant(regs.steinkjer, [at(before, 0).id])
    const b = await participant(regs.levanger, [at(before, 1).id])
    await runAllocation(t.db, organiser, event, {}, now)
    await publishAllocation(t.db, TEST_MAIL, organiser, event, later(1))
    expect(await seatOf(a, slotBefore)).toBe(at(before, 0).id)
    // The first session is full: B stands on its waiting list.
    const user = await t.db.selectFrom('app_user').select(['id', 'email']).where('id', '=', organiser.userId).executeTakeFirstOrThrow()
    await joinWaitingList(t.db, TEST_MAIL, user, b, { kind: 'session', id: at(before, 0).id }, later(2))
    // The organiser moves A out of it and publishes: the freed seat goes to B, whose own seat is given back.
    await moveParticipant(t.db, organiser, event, { participantId: a, slotId: slotBefore, sessionId: at(before, 2).id }, later(3))
    const published = await publishAllocation(t.db, TEST_MAIL, organiser, event, later(4))
    expect(published).toMatchObject({ changed: 1, fromWaitingLists: 1 })
    const choices = await t.db.selectFrom('session_choice').select(['participant_id', 'program_item_id']).execute()
    expect(choices.find((c) => c.participant_id === b)?.program_item_id).toBe(at(before, 0).id)
    expect(choices.find((c) => c.participant_id === a)?.program_item_id).toBe(at(before, 2).id)
    expect(await seatOf(b, slotBefore)).toBe(at(before, 0).id)
    expect((await allocation()).find((r) => r.participant_id === b)).toMatchObject({ source: 'kept', rank: null })
    const entry = await t.db.selectFrom('waiting_list_entry').select('status').where('participant_id', '=', b).executeTakeFirstOrThrow()
    expect(entry.status).toBe('placed')
    const items = await t.db.selectFrom('program_item').select(['id', 'seats_taken']).where('event_id', '=', event).where('kind', '=', 'parallel').execute()
    for (const item of items) expect(item.seats_taken, item.id).toBe(choices.filter((c) => c.program_item_id === item.id).length)
  })

  it('a re-run in minimal mode keeps the published seat of an unchanged participant while a changed one moves; full mode moves both', async () => {
    await capacity(at(before, 0).id, 1)
    const p = await participant(regs.steinkjer, [at(before, 0).id, at(before, 1).id])
    const q = await participant(regs.levanger, [at(before, 0).id, at(before, 1).id])
    const changer = await participant(regs.verdal, [at(before, 1).id, at(before, 0).id])
    await runAllocation(t.db, organiser, event, {}, now)
    await publishAllocation(t.db, TEST_MAIL, organiser, event, later(5))
    const second = (await seatOf(p, slotBefore)) === at(before, 1).id ? p : q
    expect(await seatOf(second, slotBefore)).toBe(at(before, 1).id)
    expect(await seatOf(changer, slotBefore)).toBe(at(before, 1).id)

    // The first session grows by two seats; the changer now wants it first.
    await capacity(at(before, 0).id, 3)
    await t.db.deleteFrom('session_wish').where('participant_id', '=', changer).execute()
    await t.db
      .insertInto('session_wish')
      .values({ participant_id: changer, slot_id: slotBefore, program_item_id: at(before, 0).id, rank: 1 })
      .execute()
    await t.db
      .updateTable('participant')
      .set({ wishes_changed_at: later(10) })
      .where('id', '=', changer)
      .execute()

    const minimal = await runAllocation(t.db, organiser, event, {}, later(20))
    expect(minimal?.mode).toBe('minimal')
    expect(await seatOf(second, slotBefore)).toBe(at(before, 1).id)
    expect((await allocation()).find((r) => r.participant_id === second)?.source).toBe('kept')
    expect(await seatOf(changer, slotBefore)).toBe(at(before, 0).id)

    await runAllocation(t.db, organiser, event, { mode: 'full' }, later(30))
    expect(await seatOf(second, slotBefore)).toBe(at(before, 0).id)
    expect(await seatOf(changer, slotBefore)).toBe(at(before, 0).id)
  })
})

describe('access', () => {
  it('a foreign event, participant or session id is null, and nothing changes', async () => {
    const mine = await participant(regs.steinkjer, [at(before, 0).id])
    const stranger = { userId: (await upsertUser(t.db, { email: 'fremmed@example.no', name: 'Fremmed' })).id }
    expect(await runAllocation(t.db, stranger, event, {}, now)).toBeNull()
    expect(await allocationView(t.db, stranger, event, { languageForm: 'nb' })).toBeNull()
    expect(await publishAllocation(t.db, TEST_MAIL, stranger, event, now)).toBeNull()
    expect(await moveParticipant(t.db, stranger, event, { participantId: mine, slotId: slotBefore, sessionId: at(before, 0).id }, now)).toBeNull()
    // A viewer of the event (lesetilgang) reads the overview and exports, not the allocation.
    const viewer = { userId: (await upsertUser(t.db, { email: 'hotellet@example.no', name: 'Hotellet' })).id }
    await t.db.insertInto('event_viewer').values({ event_id: event, user_id: viewer.userId }).execute()
    expect(await allocationView(t.db, viewer, event, { languageForm: 'nb' })).toBeNull()
    expect(await runAllocation(t.db, viewer, event, {}, now)).toBeNull()
    expect(await publishAllocation(t.db, TEST_MAIL, viewer, event, now)).toBeNull()

    const other = await eventId(t.db, MR)
    const otherReg = await registrationId(t.db, MR, 'Volda')
    const foreign = (await addParticipant(t.db, otherReg, 'volda@example.no')).id
    const otherItem = await t.db.selectFrom('program_item').select('id').where('event_id', '=', other).where('kind', '=', 'parallel').executeTakeFirstOrThrow()
    expect(await moveParticipant(t.db, organiser, event, { participantId: foreign, slotId: slotBefore, sessionId: at(before, 0).id }, now)).toBeNull()
    expect(await moveParticipant(t.db, organiser, event, { participantId: mine, slotId: slotBefore, sessionId: otherItem.id }, now)).toBeNull()
    expect(await moveParticipant(t.db, organiser, event, { participantId: mine, slotId: slotBefore, sessionId: at(after, 0).id }, now)).toBeNull()
    expect(await runAllocation(t.db, organiser, other, {}, now)).toBeNull()
    expect(await allocation()).toEqual([])
  })

  it('the view explains in Norwegian why a higher choice was not given', async () => {
    await capacity(at(before, 0).id, 1)
    await t.db
      .updateTable('program_item')
      .set({ restricted_to_roles: ['ordforer'] })
      .where('id', '=', at(before, 3).id)
      .execute()
    const a = await participant(regs.steinkjer, [at(before, 0).id, at(before, 1).id])
    const b = await participant(regs.levanger, [at(before, 3).id, at(before, 0).id, at(before, 2).id])
    await runAllocation(t.db, organiser, event, {}, now)
    const view = await allocationView(t.db, organiser, event, { languageForm: 'nb' })
    const rowOf = (id: string) => view?.participants.rows.find((r) => r.id === id)?.slots.find((s) => s.slotId === slotBefore)
    const reasons = [...(rowOf(a)?.reasons ?? []), ...(rowOf(b)?.reasons ?? [])]
    expect(reasons.some((r) => r.startsWith('1. valg') && r.includes('bare for ordfører'))).toBe(true)
    expect(reasons.some((r) => r.includes('var fullt'))).toBe(true)
    expect(view?.summary?.participants).toBe(2)
  })
})

describe('any sequence of runs, moves, publications and changes', () => {
  type Op =
    | { kind: 'run'; mode: 'minimal' | 'full'; clearManual: boolean }
    | { kind: 'move'; who: number; slot: number; session: number }
    | { kind: 'publish' }
    | { kind: 'capacity'; session: number; capacity: number }
    | { kind: 'rewish'; who: number; first: number }
  const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('run' as const), mode: fc.constantFrom('minimal' as const, 'full' as const), clearManual: fc.boolean() }),
    fc.record({ kind: fc.constant('move' as const), who: fc.nat(4), slot: fc.nat(1), session: fc.nat(4) }),
    fc.constant({ kind: 'publish' as const }),
    fc.record({ kind: fc.constant('capacity' as const), session: fc.nat(7), capacity: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ kind: fc.constant('rewish' as const), who: fc.nat(4), first: fc.nat(3) }),
  )

  it('keeps the allocation within the rules, and the published seats equal to the counters', { timeout: 240_000 }, async () => {
    const people: string[] = []
    const regsList = [regs.steinkjer, regs.levanger, regs.verdal]
    for (let i = 0; i < 5; i++) {
      const wishesBefore = [at(before, i % 4).id, at(before, (i + 1) % 4).id]
      people.push(await participant(at(regsList, i % 3), wishesBefore, { wishesAfter: [at(after, i % 4).id], day2: i !== 4 }))
    }
    const parallel = [...before, ...after]
    const slotIds = [slotBefore, slotAfter]
    let clock = now.getTime()
    const tick = () => {
      clock += 60_000
      return new Date(clock)
    }

    async function reset() {
      await t.db.deleteFrom('session_allocation').execute()
      await t.db.deleteFrom('allocation_run').execute()
      await t.db.deleteFrom('session_choice').execute()
      await t.db.deleteFrom('email').execute()
      await t.db
        .updateTable('program_item')
        .set({ seats_taken: 0, capacity: 2 })
        .where((eb) =>
          eb(
            'id',
            'in',
            parallel.map((s) => s.id),
          ),
        )
        .execute()
      await t.db.updateTable('event').set({ allocation_published_at: null }).where('id', '=', event).execute()
    }

    async function check(last: Op, outcome: unknown) {
      const items = await t.db
        .selectFrom('program_item')
        .select(['id', 'capacity', 'seats_taken'])
        .where('kind', '=', 'parallel')
        .where('event_id', '=', event)
        .execute()
      const choices = await t.db.selectFrom('session_choice').select(['participant_id', 'program_item_id']).execute()
      for (const item of items) {
        const n = choices.filter((c) => c.program_item_id === item.id).length
        expect(item.seats_taken, 'seats_taken counts the published seats').toBe(n)
        if (item.capacity !== null) expect(n).toBeLessThanOrEqual(item.capacity)
      }
      const rows = await allocation()
      if (last.kind === 'run' && outcome) {
        const { input } = await allocationInput(t.db, event, { mode: 'full', clearManual: true, publishedAt: null })
        for (const p of input.participants) {
          p.kept = rows.filter((r) => r.participant_id === p.id && r.source !== 'solver').map((r) => ({ slotId: r.slot_id, sessionId: r.program_item_id }))
        }
        const placements: Placement[] = rows.map((r) => ({
          participantId: r.participant_id,
          slotId: r.slot_id,
          sessionId: r.program_item_id,
          rank: r.rank as WishRank,
        }))
        expect(violations(input, placements)).toEqual([])
      }
      if (last.kind === 'publish' && outcome) {
        const key = (r: { participant_id: string; program_item_id: string }) => `${r.participant_id}:${r.program_item_id}`
        expect(choices.map(key).sort()).toEqual(rows.map(key).sort())
      }
    }

    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 2, maxLength: 6 }), async (ops) => {
        await reset()
        for (const o of ops) {
          const attempt = async (): Promise<unknown> => {
            switch (o.kind) {
              case 'run':
                return runAllocation(t.db, organiser, event, { mode: o.mode, clearManual: o.clearManual }, tick())
              case 'move':
                return moveParticipant(
                  t.db,
                  organiser,
                  event,
                  {
                    participantId: at(people, o.who),
                    slotId: at(slotIds, o.slot),
                    sessionId: o.session === 4 ? null : at(o.slot === 0 ? before : after, o.session).id,
                  },
                  tick(),
                )
              case 'publish':
                return publishAllocation(t.db, TEST_MAIL, organiser, event, tick())
              case 'capacity': {
                // As the program page allows: never below the published seats.
                const item = at(parallel, o.session)
                const { seats_taken } = await t.db.selectFrom('program_item').select('seats_taken').where('id', '=', item.id).executeTakeFirstOrThrow()
                await t.db
                  .updateTable('program_item')
                  .set({ capacity: Math.max(o.capacity, seats_taken) })
                  .where('id', '=', item.id)
                  .execute()
                return true
              }
              case 'rewish': {
                const who = at(people, o.who)
                await t.db.deleteFrom('session_wish').where('participant_id', '=', who).where('slot_id', '=', slotBefore).execute()
                await t.db
                  .insertInto('session_wish')
                  .values({ participant_id: who, slot_id: slotBefore, program_item_id: at(before, o.first).id, rank: 1 })
                  .execute()
                await t.db.updateTable('participant').set({ wishes_changed_at: tick() }).where('id', '=', who).execute()
                return true
              }
            }
          }
          // Refusals a person can act on are fine (a full session, nothing to publish yet); anything else fails.
          const outcome = await attempt().catch((error: unknown) => {
            if (error instanceof DomainError) return null
            throw error
          })
          await check(o, outcome)
        }
      }),
      { numRuns: 12, seed: 20261202 },
    )
  })
})
