import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDb } from '../../db/create-db'
import type { AppUser } from '../../db/schema'
import { osloDateTime } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import {
  createTablesFromSurvey,
  deleteCafeTable,
  getCafeTableForParticipant,
  getCafeTables,
  moveCafeParticipant,
  pickCafeTable,
  runCafeAssignment,
  saveCafeTable,
  sendCafeTableEmails,
  setCafeMode,
} from '~/services/cafe-tables.server'
import { cancelParticipant, substituteParticipant } from '~/services/participant-changes.server'
import { upsertUser } from '~/services/users.server'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { addParticipant, eventId, MR, makeContactPerson, makeOrganiser, registrationId, seeded, TEST_MAIL, TR } from '../helpers/fixtures'

/**
 * World-café tables against real Postgres: 50 picks racing for 10 seats on
 * separate connections, switching tables, picking closed, tables of another
 * event, the assignment's seats and topics, seats lowered below those seated,
 * and who may manage the tables.
 */

let t: TestDatabase
let organiser: AppUser
let event = ''
const regs: string[] = []

// Trøndelag 2018: the event 27–28 Nov (Europe/Oslo); running on day 1.
const running = osloDateTime('2018-11-27', '12:00')
const MUNICIPALITIES = ['Selbu', 'Tydal', 'Meråker', 'Stjørdal', 'Malvik']

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
  regs.length = 0
  for (const name of MUNICIPALITIES) regs.push(await registrationId(t.db, TR, name))
  organiser = await makeOrganiser(t.db, 'arrangor@example.no', TR)
})

const me = () => ({ userId: organiser.id })

async function participants(count: number): Promise<string[]> {
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    const reg = regs[i % regs.length] as string
    ids.push((await addParticipant(t.db, reg, `${randomUUID().slice(0, 8)}@example.no`, `Deltaker ${String(i).padStart(3, '0')}`)).id)
  }
  return ids
}

async function table(seats: number, topic = 'Energi', optionId: string | null = null) {
  const { id } = await t.db
    .insertInto('cafe_table')
    .values({ event_id: event, topic, label: `${topic} ${randomUUID().slice(0, 4)}`, seats, survey_option_id: optionId })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

const openPicking = () => setCafeMode(t.db, me(), event, { mode: 'pick', pickingOpen: true }, running)

async function counts(tableId: string) {
  const row = await t.db.selectFrom('cafe_table').select(['seats', 'seats_taken']).where('id', '=', tableId).executeTakeFirstOrThrow()
  const seated = await t.db.selectFrom('cafe_seat').select('participant_id').where('cafe_table_id', '=', tableId).execute()
  return { taken: row.seats_taken, seated: seated.length }
}

/** A survey with one question of three topics, and each participant's answer (option indexes). */
async function survey(answers: Array<[string, number[]]>) {
  const s = await t.db.insertInto('survey').values({ event_id: event, title: 'Dag 1', code: 'KAFE2018' }).returning('id').executeTakeFirstOrThrow()
  const q = await t.db
    .insertInto('survey_question')
    .values({ survey_id: s.id, prompt: 'Hvilket tema skal du jobbe mest med framover?', kind: 'multiple' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const options = await t.db
    .insertInto('survey_option')
    .values(['Energi', 'Mobilitet', 'Mat'].map((label, i) => ({ question_id: q.id, label, sort_order: i })))
    .returning(['id', 'label'])
    .execute()
  const sorted = ['Energi', 'Mobilitet', 'Mat'].map((l) => options.find((o) => o.label === l)?.id as string)
  if (answers.length)
    await t.db
      .insertInto('survey_answer')
      .values(
        answers.map(([participantId, picks]) => ({ question_id: q.id, participant_id: participantId, option_ids: picks.map((i) => sorted[i] as string) })),
      )
      .execute()
  return { questionId: q.id, options: sorted }
}

describe('picking a table', () => {
  it('seats exactly 10 of 50 racing for 10 seats on separate connections, and refuses the other 40 as full', async () => {
    const people = await participants(50)
    const tableId = await table(10)
    await openPicking()
    const pool = createDb(t.url, { max: 50 })
    try {
      const results = await Promise.allSettled(people.map((p) => pickCafeTable(pool, p, tableId, running)))
      const seated = results.filter((r) => r.status === 'fulfilled')
      const refused = results.filter((r) => r.status === 'rejected')
      expect(seated).toHaveLength(10)
      expect(refused).toHaveLength(40)
      for (const r of refused) expect((r.reason as DomainError).code).toBe('cafe_table_full')
    } finally {
      await pool.destroy()
    }
    expect(await counts(tableId)).toEqual({ taken: 10, seated: 10 })
  })

  it('moves both counters when a participant switches tables, and changes nothing when they pick the table they have', async () => {
    const [p] = await participants(1)
    const a = await table(3)
    const b = await table(3, 'Mat')
    await openPicking()
    await pickCafeTable(t.db, p as string, a, running)
    await pickCafeTable(t.db, p as string, a, running)
    expect(await counts(a)).toEqual({ taken: 1, seated: 1 })
    await pickCafeTable(t.db, p as string, b, running)
    expect(await counts(a)).toEqual({ taken: 0, seated: 0 })
    expect(await counts(b)).toEqual({ taken: 1, seated: 1 })
    const view = await getCafeTableForParticipant(t.db, p as string, running)
    expect(view?.seat?.id).toBe(b)
    expect(view?.tables.find((x) => x.id === b)?.free).toBe(2)
  })

  it('keeps the counters right when one participant switches back and forth at once', async () => {
    const [p] = await participants(1)
    const a = await table(3)
    const b = await table(3, 'Mat')
    await openPicking()
    const pool = createDb(t.url, { max: 10 })
    try {
      await Promise.all(Array.from({ length: 10 }, (_, i) => pickCafeTable(pool, p as string, i % 2 ? a : b, running)))
    } finally {
      await pool.destroy()
    }
    const [ca, cb] = [await counts(a), await counts(b)]
    expect(ca.taken).toBe(ca.seated)
    expect(cb.taken).toBe(cb.seated)
    expect(ca.taken + cb.taken).toBe(1)
  })

  it('refuses while picking is closed, and in the assign mode', async () => {
    const [p] = await participants(1)
    const a = await table(3)
    await expect(pickCafeTable(t.db, p as string, a, running)).rejects.toMatchObject({ code: 'cafe_picking_closed' })
    await openPicking()
    await setCafeMode(t.db, me(), event, { mode: 'assign', pickingOpen: true }, running)
    await expect(pickCafeTable(t.db, p as string, a, running)).rejects.toMatchObject({ code: 'cafe_picking_closed' })
    expect(await counts(a)).toEqual({ taken: 0, seated: 0 })
    expect((await getCafeTableForParticipant(t.db, p as string, running))?.mayPick).toBe(false)
  })

  it('answers null for a table of another event and for a cancelled participant', async () => {
    const [p, q] = await participants(2)
    await openPicking()
    const other = await eventId(t.db, MR)
    const foreign = (
      await t.db.insertInto('cafe_table').values({ event_id: other, topic: 'Energi', label: 'Bord 1', seats: 5 }).returning('id').executeTakeFirstOrThrow()
    ).id
    expect(await pickCafeTable(t.db, p as string, foreign, running)).toBeNull()
    const a = await table(3)
    await t.db
      .updateTable('participant')
      .set({ status: 'cancelled', cancelled_at: running })
      .where('id', '=', q as string)
      .execute()
    expect(await pickCafeTable(t.db, q as string, a, running)).toBeNull()
    expect(await pickCafeTable(t.db, randomUUID(), a, running)).toBeNull()
    expect(await counts(a)).toEqual({ taken: 0, seated: 0 })
  })
  it("gives a cancelled participant's seat back in the cancellation, hands a substituted one's to the substitute, and seats nobody cancelled by hand", async () => {
    const [p, q] = await participants(2)
    await openPicking()
    const a = await table(3)
    await pickCafeTable(t.db, p as string, a, running)
    await pickCafeTable(t.db, q as string, a, running)
    expect(await counts(a)).toEqual({ taken: 2, seated: 2 })

    expect(await cancelParticipant(t.db, TEST_MAIL, me(), p as string, running)).not.toBeNull()
    expect(await counts(a)).toEqual({ taken: 1, seated: 1 })

    const substituted = await substituteParticipant(
      t.db,
      TEST_MAIL,
      me(),
      q as string,
      { name: 'Erstatter Eriksen', email: 'erstatter@example.no', phone: null, title: 'Rådgiver', roleCategory: 'radgiver' },
      running,
    )
    expect(substituted).not.toBeNull()
    const seat = await t.db
      .selectFrom('cafe_seat')
      .innerJoin('participant', 'participant.id', 'cafe_seat.participant_id')
      .select('participant.name')
      .where('cafe_table_id', '=', a)
      .execute()
    expect(seat).toEqual([{ name: 'Erstatter Eriksen' }])
    expect(await counts(a)).toEqual({ taken: 1, seated: 1 })

    expect(await moveCafeParticipant(t.db, me(), event, p as string, a, running)).toBeNull()
    expect(await counts(a)).toEqual({ taken: 1, seated: 1 })
  })
})

describe('the organiser', () => {
  it('makes tables from the survey: per topic with answers, ceil(n / seats) tables', async () => {
    const people = await participants(7)
    const { questionId } = await survey(people.map((p, i) => [p, i < 5 ? [0] : [2]]))
    expect(await createTablesFromSurvey(t.db, me(), event, { questionId, seatsPerTable: 4, room: 'Sal A' }, running)).toEqual({ created: 3 })
    const page = await getCafeTables(t.db, me(), event)
    expect(page?.tables.map((x) => [x.label, x.seats, x.room])).toEqual([
      ['Energi – bord 1', 4, 'Sal A'],
      ['Energi – bord 2', 4, 'Sal A'],
      ['Mat – bord 1', 4, 'Sal A'],
    ])
    // A question of another event's survey is not the organiser's here.
    const other = await eventId(t.db, MR)
    const s = await t.db.insertInto('survey').values({ event_id: other, title: 'Annen', code: 'ANNEN1' }).returning('id').executeTakeFirstOrThrow()
    const q = await t.db.insertInto('survey_question').values({ survey_id: s.id, prompt: 'Tema?', kind: 'single' }).returning('id').executeTakeFirstOrThrow()
    expect(await createTablesFromSurvey(t.db, me(), event, { questionId: q.id, seatsPerTable: 4, room: '' }, running)).toBeNull()
  })

  it('assigns everyone to a topic they chose, seats respected, municipalities spread, keeping picked and moved seats', async () => {
    // 20 participants, 4 from each of 5 municipalities; 12 chose Energi, 8 Mobilitet.
    const people = await participants(20)
    const { options } = await survey(people.map((p, i) => [p, i < 12 ? [0] : [1]]))
    const energi = [await table(6, 'Energi', options[0] as string), await table(6, 'Energi', options[0] as string)]
    const mobilitet = [await table(5, 'Mobilitet', options[1] as string), await table(5, 'Mobilitet', options[1] as string)]
    const spare = await table(4, 'Åpent bord')
    await openPicking()
    // One picked a Mobilitet table although they chose Energi, one was moved by hand: both keep their seat.
    await pickCafeTable(t.db, people[0] as string, mobilitet[0] as string, running)
    await moveCafeParticipant(t.db, me(), event, people[1] as string, spare, running)
    const report = await runCafeAssignment(t.db, me(), event, { full: false }, running)
    expect(report).toMatchObject({ placed: 18, unplaced: [], chosenTopic: 18 })
    const seats = await t.db.selectFrom('cafe_seat').select(['participant_id', 'cafe_table_id', 'source']).execute()
    expect(seats).toHaveLength(20)
    expect(seats.find((s) => s.participant_id === people[0])).toMatchObject({ cafe_table_id: mobilitet[0], source: 'picked' })
    expect(seats.find((s) => s.participant_id === people[1])).toMatchObject({ cafe_table_id: spare, source: 'manual' })
    for (const [i, p] of people.entries()) {
      if (i < 2) continue
      const s = seats.find((x) => x.participant_id === p)
      expect((i < 12 ? energi : mobilitet).includes(s?.cafe_table_id as string)).toBe(true)
    }
    for (const id of [...energi, ...mobilitet, spare]) {
      const c = await counts(id)
      expect(c.taken).toBe(c.seated)
    }
    // 10 at two Energi tables of 6 from 5 municipalities (2 each): at most one of a municipality per table.
    const municipalityOf = new Map(people.map((p, i) => [p, i % 5]))
    for (const id of energi) {
      const ms = seats.filter((s) => s.cafe_table_id === id).map((s) => municipalityOf.get(s.participant_id))
      expect(new Set(ms).size).toBe(ms.length)
    }
    // A full re-assignment moves the picked and the moved too, to their topics.
    const again = await runCafeAssignment(t.db, me(), event, { full: true }, running)
    expect(again).toMatchObject({ placed: 20, unplaced: [], chosenTopic: 20 })
    expect(await counts(spare)).toEqual({ taken: 0, seated: 0 })
  })

  it('keeps every counter right when picks and assignment runs race on separate connections', async () => {
    const people = await participants(30)
    const tables = [await table(8), await table(8, 'Mat'), await table(8, 'Klima')]
    await openPicking()
    const pool = createDb(t.url, { max: 20 })
    try {
      const results = await Promise.allSettled([
        ...people.slice(0, 16).map((p, i) => pickCafeTable(pool, p, tables[i % 3] as string, running)),
        runCafeAssignment(pool, me(), event, { full: false }, running),
        runCafeAssignment(pool, me(), event, { full: true }, running),
      ])
      // Only a full table may refuse; no deadlock, no check violated.
      for (const r of results) if (r.status === 'rejected') expect((r.reason as DomainError).code).toBe('cafe_table_full')
    } finally {
      await pool.destroy()
    }
    let seated = 0
    for (const id of tables) {
      const c = await counts(id)
      expect(c.taken).toBe(c.seated)
      expect(c.taken).toBeLessThanOrEqual(8)
      seated += c.seated
    }
    expect(seated).toBe((await t.db.selectFrom('cafe_seat').select('participant_id').execute()).length)
  })

  it('reports those left without a seat when the tables are too few', async () => {
    await participants(5)
    await table(3)
    const report = await runCafeAssignment(t.db, me(), event, { full: false }, running)
    expect(report?.placed).toBe(3)
    expect(report?.unplaced).toHaveLength(2)
  })

  it('refuses seats below those seated, a table with people to delete, and then deletes an empty one', async () => {
    const people = await participants(3)
    const a = await table(5)
    for (const p of people) await moveCafeParticipant(t.db, me(), event, p, a, running)
    const edit = { topic: 'Energi', room: 'Sal B', label: 'Bord 1', seats: 2 }
    await expect(saveCafeTable(t.db, me(), event, a, edit, running)).rejects.toMatchObject({
      code: 'cafe_seats_below_taken',
      field: 'seats',
      params: { count: 3 },
    })
    await expect(deleteCafeTable(t.db, me(), event, a, running)).rejects.toMatchObject({ code: 'cafe_table_not_empty' })
    expect(await saveCafeTable(t.db, me(), event, a, { ...edit, seats: 3 }, running)).toEqual({ id: a })
    // A full table refuses a move by hand too.
    const [extra] = await participants(1)
    await expect(moveCafeParticipant(t.db, me(), event, extra as string, a, running)).rejects.toBeInstanceOf(DomainError)
    for (const p of people) await moveCafeParticipant(t.db, me(), event, p, null, running)
    expect(await counts(a)).toEqual({ taken: 0, seated: 0 })
    expect(await deleteCafeTable(t.db, me(), event, a, running)).toEqual({ id: a })
  })

  it('mails each participant their table with the contact person in copy, once per table and picking state', async () => {
    await makeContactPerson(t.db, 'kontakt@selbu.example.no', regs[0] as string)
    const people = await participants(4)
    const a = await table(4, 'Energi')
    await runCafeAssignment(t.db, me(), event, { full: false }, running)
    expect(await sendCafeTableEmails(t.db, TEST_MAIL, me(), event, running)).toEqual({ sent: 4 })
    const mails = await t.db.selectFrom('email').select(['to_addresses', 'cc_addresses', 'params', 'template']).where('template', '=', 'cafe-table').execute()
    expect(mails).toHaveLength(4)
    const selbu = await t.db
      .selectFrom('participant')
      .select('email')
      .where('id', '=', people[0] as string)
      .executeTakeFirstOrThrow()
    const toSelbu = mails.find((m) => m.to_addresses.includes(selbu.email))
    expect(toSelbu?.cc_addresses).toEqual(['kontakt@selbu.example.no'])
    expect(JSON.stringify(toSelbu?.params)).toContain('Energi')
    expect(JSON.stringify(toSelbu?.params)).toContain('"pickLink":null')
    // Pressed again: nothing new. Picking opened: everyone gets the link.
    expect(await sendCafeTableEmails(t.db, TEST_MAIL, me(), event, running)).toEqual({ sent: 0 })
    await openPicking()
    expect(await sendCafeTableEmails(t.db, TEST_MAIL, me(), event, running)).toEqual({ sent: 4 })
    const withLink = await t.db.selectFrom('email').select('params').where('template', '=', 'cafe-table').execute()
    expect(withLink.filter((m) => JSON.stringify(m.params).includes(`${TEST_MAIL.appUrl}/bord/`))).toHaveLength(4)
    expect(await counts(a)).toEqual({ taken: 4, seated: 4 })
  })

  it('gives viewers, desk helpers, strangers and organisers of other events nothing', async () => {
    const a = await table(5)
    const [p] = await participants(1)
    const viewer = await upsertUser(t.db, { email: 'leser@example.no', name: 'Leser' })
    await t.db.insertInto('event_viewer').values({ event_id: event, user_id: viewer.id }).execute()
    const desk = await upsertUser(t.db, { email: 'vert@example.no', name: 'Vert' })
    await t.db.insertInto('event_desk').values({ event_id: event, user_id: desk.id }).execute()
    const stranger = await upsertUser(t.db, { email: 'fremmed@example.no', name: 'Fremmed' })
    const otherOrganiser = await makeOrganiser(t.db, 'annen@example.no', MR)
    for (const u of [viewer, desk, stranger, otherOrganiser]) {
      const actor = { userId: u.id }
      expect(await getCafeTables(t.db, actor, event)).toBeNull()
      expect(await saveCafeTable(t.db, actor, event, null, { topic: 'X', room: '', label: 'X', seats: 3 }, running)).toBeNull()
      expect(await saveCafeTable(t.db, actor, event, a, { topic: 'X', room: '', label: 'X', seats: 3 }, running)).toBeNull()
      expect(await deleteCafeTable(t.db, actor, event, a, running)).toBeNull()
      expect(await setCafeMode(t.db, actor, event, { mode: 'pick', pickingOpen: true }, running)).toBeNull()
      expect(await runCafeAssignment(t.db, actor, event, { full: true }, running)).toBeNull()
      expect(await moveCafeParticipant(t.db, actor, event, p as string, a, running)).toBeNull()
      expect(await sendCafeTableEmails(t.db, TEST_MAIL, actor, event, running)).toBeNull()
    }
    // The organiser of another event cannot reach this event's tables through their own event either.
    const mr = await eventId(t.db, MR)
    expect(await deleteCafeTable(t.db, { userId: otherOrganiser.id }, mr, a, running)).toBeNull()
    expect(await moveCafeParticipant(t.db, { userId: otherOrganiser.id }, mr, p as string, a, running)).toBeNull()
    expect(await counts(a)).toEqual({ taken: 0, seated: 0 })
    expect(await t.db.selectFrom('event').select('cafe_picking_open').where('id', '=', event).executeTakeFirstOrThrow()).toEqual({ cafe_picking_open: false })
  })
})
