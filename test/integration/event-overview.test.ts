import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { type EnrolInput, enrolParticipant } from '~/services/enrolment.server'
import {
  getDietsAndNeeds,
  getEventOverview,
  getHotelNights,
  getSessionNumbers,
  listLateChanges,
  PAGE_SIZE,
  pageAt,
  pageOf,
} from '~/services/event-overview.server'
import { cancelParticipant } from '~/services/participant-changes.server'
import { createTestDatabase, type TestDatabase } from '../helpers/database'
import { enrolInput, eventId, makeContactPerson, makeOrganiser, registrationId, seeded, TEST_MAIL, TR } from '../helpers/fixtures'

/**
 * Trøndelag 2018 (2 covered overnight places and 1 day package per
 * municipality, 110 rooms the night 27.–28. November, overnight package
 * ca. 2 500 kr, day package ca. 650 kr). Every expected number below is
 * worked out by hand from the enrolments in beforeAll.
 */
let t: TestDatabase
let organiser: { userId: string }
let contact: { userId: string }
let tr: string
const open = osloDateTime('2018-10-01', '12:00')
const afterDeadline = osloDateTime('2018-10-25', '12:00')

beforeAll(async () => {
  t = await createTestDatabase()
  await seeded(t.db)
  tr = await eventId(t.db, TR)
  const selbu = await registrationId(t.db, TR, 'Selbu')
  const meraker = await registrationId(t.db, TR, 'Meråker')
  contact = { userId: (await makeContactPerson(t.db, 'kontakt@selbu.example.no', selbu)).id }
  organiser = { userId: (await makeOrganiser(t.db, 'arrangor@example.no', TR)).id }
  const days = await t.db.selectFrom('event_day').select('id').where('event_id', '=', tr).orderBy('date').execute()
  const night = await t.db.selectFrom('hotel_night').select('id').where('event_id', '=', tr).executeTakeFirstOrThrow()
  const landbruk = await t.db
    .selectFrom('program_item')
    .select('id')
    .where('event_id', '=', tr)
    .where('title', '=', 'Klimasmart landbruk')
    .orderBy('starts_at')
    .executeTakeFirstOrThrow()
  const topic = await t.db
    .selectFrom('event_topic')
    .select('id')
    .where('event_id', '=', tr)
    .where('label', '=', 'Klimasmart landbruk')
    .executeTakeFirstOrThrow()
  const [day1, day2] = days.map((d) => d.id)
  const enrol = async (registration: string, name: string, o: Partial<EnrolInput> = {}) =>
    enrolParticipant(
      t.db,
      TEST_MAIL,
      organiser,
      enrolInput(registration, { name, email: `${name.toLowerCase()}@example.no`, dayIds: [day1 ?? '', day2 ?? ''], nightIds: [night.id], ...o }),
      open,
    )
  // Selbu: Anne and Bjørn covered overnight, Cecilie self-paid overnight (2 500 kr), Dag a covered day package.
  await enrol(selbu, 'Anne', { diet: 'vegetar ', topicIds: [topic.id] })
  await enrol(selbu, 'Bjørn', { sessionIds: [landbruk.id], topicIds: [topic.id] })
  await enrol(selbu, 'Cecilie', { accessibilityNeeds: 'Rullestol' })
  await enrol(selbu, 'Dag', { dayIds: [day1 ?? ''], nightIds: [], attendsDinner: false })
  // Meråker (no contact person): Eva covered overnight, Frode two days without a night (one covered, one 650 kr), Gro covered
  // overnight and cancelled late, which is binding: her room stays taken and her covered place counted (decision 31).
  await enrol(meraker, 'Eva', { diet: 'Vegetar', allergies: 'Nøtter' })
  await enrol(meraker, 'Frode', { nightIds: [], attendsDinner: false })
  const gro = await enrol(meraker, 'Gro')
  await cancelParticipant(t.db, TEST_MAIL, organiser, gro?.id ?? '', afterDeadline)
})

afterAll(async () => {
  await t.drop()
})

describe('the organiser overview', () => {
  it('counts every municipality by hand', async () => {
    const overview = await getEventOverview(t.db, organiser, tr)
    const selbu = overview?.rows.find((r) => r.name === 'Selbu')
    const meraker = overview?.rows.find((r) => r.name === 'Meråker')
    expect(selbu).toMatchObject({
      contact: { email: 'kontakt@selbu.example.no' },
      participants: 4,
      overnightUsed: 2,
      overnightQuota: 2,
      dayPackagesUsed: 1,
      dayPackagesQuota: 1,
      selfPaidCount: 1,
      selfPaidOre: 250_000,
      lateCancellations: 0,
    })
    expect(meraker).toMatchObject({
      contact: null,
      participants: 2,
      overnightUsed: 2,
      dayPackagesUsed: 1,
      selfPaidCount: 1,
      selfPaidOre: 65_000,
      lateCancellations: 1,
    })
    expect(overview?.totals).toEqual({
      municipalities: 49,
      withContact: 1,
      participants: 6,
      overnightUsed: 4,
      dayPackagesUsed: 2,
      selfPaidCount: 2,
      selfPaidOre: 315_000,
      waivedCount: 0,
      waivedOre: 0,
      lateCancellations: 1,
    })
  })

  it('filters, sorts and finds participants', async () => {
    expect((await getEventOverview(t.db, organiser, tr, { filter: 'lateCancellations' }))?.rows.map((r) => r.name)).toEqual(['Meråker'])
    expect((await getEventOverview(t.db, organiser, tr, { filter: 'noContact' }))?.rows).toHaveLength(48)
    expect((await getEventOverview(t.db, organiser, tr, { sort: 'participants' }))?.rows.slice(0, 2).map((r) => r.name)).toEqual(['Selbu', 'Meråker'])
    expect((await getEventOverview(t.db, organiser, tr, { sort: 'selfPaid' }))?.rows.slice(0, 2).map((r) => r.name)).toEqual(['Selbu', 'Meråker'])
    const found = await getEventOverview(t.db, organiser, tr, { search: 'meråker' })
    expect(found?.matches?.map((m) => [m.name, m.status])).toEqual([
      ['Eva', 'active'],
      ['Frode', 'active'],
      ['Gro', 'late_cancelled'],
    ])
    expect((await getEventOverview(t.db, organiser, tr, { search: 'anne@' }))?.matches?.map((m) => m.name)).toEqual(['Anne'])
    expect((await getEventOverview(t.db, organiser, tr, { search: '%' }))?.matches).toEqual([])
    // Norwegian letters in upper case, whatever the database's collation knows.
    expect((await getEventOverview(t.db, organiser, tr, { search: 'BJØRN' }))?.matches?.map((m) => m.name)).toEqual(['Bjørn'])
  })

  it('filters the municipalities by name and shows them a page at a time, the totals always for all', async () => {
    const all = await getEventOverview(t.db, organiser, tr)
    const byName = await getEventOverview(t.db, organiser, tr, { municipality: 'MERÅK' })
    expect(byName?.rows.map((r) => r.name)).toEqual(['Meråker'])
    expect(byName?.page).toEqual({ page: 1, pages: 1, matching: 1 })
    expect(byName?.totals).toEqual(all?.totals)
    // 49 municipalities: one page of at most PAGE_SIZE; a page past the end shows the last.
    expect(PAGE_SIZE).toBeGreaterThanOrEqual(49)
    expect(all?.page).toEqual({ page: 1, pages: 1, matching: 49 })
    expect((await getEventOverview(t.db, organiser, tr, { page: 7 }))?.page).toEqual({ page: 1, pages: 1, matching: 49 })
    const names = all?.rows.map((r) => r.name) ?? []
    expect(pageOf(names, 3, 20)).toEqual({ rows: names.slice(40), page: 3, pages: 3, total: 49 })
    expect(pageOf(names, 2, 20).rows).toEqual(names.slice(20, 40))
    expect(pageOf(names, 0, 20).page).toBe(1)
    expect(pageOf([], 4)).toEqual({ rows: [], page: 1, pages: 1, total: 0 })
    expect(pageAt(101, 3, 50)).toEqual({ page: 3, pages: 3, matching: 101, offset: 100, limit: 50 })
    expect(pageAt(100, 3, 50)).toEqual({ page: 2, pages: 2, matching: 100, offset: 50, limit: 50 })
  })

  it('counts the hotel night: rooms by covered and by self-paid participants, and rooms free', async () => {
    const nights = await getHotelNights(t.db, organiser, tr)
    expect(nights?.nights).toHaveLength(1)
    expect(nights?.nights[0]).toMatchObject({
      night_date: '2018-11-27',
      rooms_in_block: 110,
      rooms_taken: 5,
      covered: 4,
      selfPaid: 1,
      free: 105,
      release_date: '2018-10-27',
    })
    expect(nights?.reasons).toEqual([])
    expect(nights?.reasonsPage).toEqual({ page: 1, pages: 1, matching: 0 })
  })

  it('counts sessions against capacity and topic wishes', async () => {
    const sessions = await getSessionNumbers(t.db, organiser, tr)
    const landbruk = sessions?.slots.flatMap((s) => s.items).filter((i) => i.title === 'Klimasmart landbruk')
    expect(landbruk?.map((i) => i.seats_taken)).toEqual([1])
    expect(sessions?.topics[0]).toMatchObject({ label: 'Klimasmart landbruk', wishes: 2 })
    expect(sessions?.topics.slice(1).every((t) => t.wishes === 0)).toBe(true)
  })

  it('counts diets as written, lists the kitchen and accessibility needs', async () => {
    const diets = await getDietsAndNeeds(t.db, organiser, tr)
    expect(diets?.dietCounts).toEqual([{ label: 'Vegetar', count: 2 }])
    expect(diets?.kitchen.map((p) => [p.name, p.diet, p.allergies])).toEqual([
      ['Eva', 'Vegetar', 'Nøtter'],
      ['Anne', 'vegetar ', null],
    ])
    expect(diets?.needs.map((p) => [p.name, p.accessibility_needs])).toEqual([['Cecilie', 'Rullestol']])
    expect(diets?.kitchenPage).toEqual({ page: 1, pages: 1, matching: 2 })
    expect(diets?.needsPage).toEqual({ page: 1, pages: 1, matching: 1 })
    // A page past the end shows the last; the diet counts are for everyone, whichever page.
    const later = await getDietsAndNeeds(t.db, organiser, tr, { kitchenPage: 3, needsPage: 2 })
    expect(later?.kitchen.map((p) => p.name)).toEqual(['Eva', 'Anne'])
    expect(later?.dietCounts).toEqual(diets?.dietCounts)
  })

  it('lists the changes after the deadline', async () => {
    const late = await listLateChanges(t.db, organiser, tr)
    expect(late?.changes.map((c) => [c.action, c.municipality_name])).toEqual([['participant.late_cancelled', 'Meråker']])
    expect(late?.page).toEqual({ page: 1, pages: 1, matching: 1 })
  })

  it('is nothing for a contact person or anyone else', async () => {
    for (const actor of [contact, { userId: randomUUID() }]) {
      expect(await getEventOverview(t.db, actor, tr)).toBeNull()
      expect(await getHotelNights(t.db, actor, tr)).toBeNull()
      expect(await getSessionNumbers(t.db, actor, tr)).toBeNull()
      expect(await getDietsAndNeeds(t.db, actor, tr)).toBeNull()
      expect(await listLateChanges(t.db, actor, tr)).toBeNull()
    }
  })
})
