import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { AppUser } from '../../db/schema'
import { type CheckInOperation, checkInKey, mergeOperations } from '~/domain/check-in'
import { osloDateTime } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { findEventFor } from '~/services/access.server'
import { applyCheckInOperations, checkInByCode, deskChangesSince, getDesk, substituteAtDesk } from '~/services/check-in.server'
import { participantCode } from '~/services/participant-codes.server'
import { upsertUser } from '~/services/users.server'
import { action as deskAction, loader as deskLoader } from '~/routes/arrangor.$eventId.innsjekking'
import { action as syncAction, loader as syncLoader } from '~/routes/arrangor.$eventId.innsjekking.synk'
import { respond, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import {
  addParticipant,
  eventDayIds,
  eventId,
  MR,
  makeContactPerson,
  makeOrganiser,
  registrationId,
  seeded,
  sessionCookieFor,
  TEST_MAIL,
  TR,
} from '../helpers/fixtures'

/**
 * The check-in desk against real Postgres: operations applied once by their
 * id, the latest by device time winning, four desks at once on separate
 * connections, codes (forged and foreign refused), days not attended, who
 * may use the desk, and when.
 */

let t: TestDatabase
let organiser: AppUser
let desk: AppUser
let event = ''
let day1 = ''
let day2 = ''
let selbu = ''
let tydal = ''

// Trøndelag 2018: deadline 20 Oct 23.59, the event 27–28 Nov (Europe/Oslo).
const running = osloDateTime('2018-11-27', '10:30')
const minute = (m: number) => new Date(running.getTime() + m * 60_000)
const beforeDeadline = osloDateTime('2018-10-01', '12:00')

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
  ;[day1 = '', day2 = ''] = await eventDayIds(t.db, event)
  selbu = await registrationId(t.db, TR, 'Selbu')
  tydal = await registrationId(t.db, TR, 'Tydal')
  organiser = await makeOrganiser(t.db, 'arrangor@example.no', TR)
  desk = await upsertUser(t.db, { email: 'vert@example.no', name: 'Vert Vertsen' })
  await t.db.insertInto('event_desk').values({ event_id: event, user_id: desk.id }).execute()
})

async function participant(registration: string, name: string, days: string[]) {
  const { id } = await addParticipant(t.db, registration, `${randomUUID().slice(0, 8)}@example.no`, name)
  if (days.length)
    await t.db
      .insertInto('participant_day')
      .values(days.map((d) => ({ participant_id: id, event_day_id: d })))
      .execute()
  await t.db.updateTable('participant').set({ diet: 'Vegetar', allergies: 'Nøtter', accessibility_needs: 'Rullestol' }).where('id', '=', id).execute()
  return id
}

const op = (participantId: string, arrived: boolean, madeAt: Date, dayId = day1, id: string = randomUUID()): CheckInOperation => ({
  id,
  participantId,
  dayId,
  arrived,
  madeAt,
})

const mark = (ops: CheckInOperation[], by: AppUser = desk, now = minute(30)) => applyCheckInOperations(t.db, { userId: by.id }, event, ops, now)

async function arrivedCount(dayId = day1) {
  const row = await t.db
    .selectFrom('check_in')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('event_day_id', '=', dayId)
    .where('arrived', '=', true)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function deskFor(user: AppUser, now = minute(30)) {
  const grant = await findEventFor(t.db, { userId: user.id }, event, 'checkin.read')
  if (!grant) throw new Error('no desk')
  return getDesk(t.db, grant, now)
}

describe('applyCheckInOperations', () => {
  it('counts the same operation sent twice once', async () => {
    const kari = await participant(selbu, 'Kari Selbu', [day1])
    const same = op(kari, true, minute(1))
    const first = await mark([same])
    const second = await mark([same])
    expect(first?.results).toEqual([{ id: same.id, status: 'applied' }])
    expect(second?.results).toEqual([{ id: same.id, status: 'duplicate' }])
    expect(await arrivedCount()).toBe(1)
    expect(await t.db.selectFrom('check_in_operation').selectAll().execute()).toHaveLength(1)
    expect((await deskFor(desk)).counts[day1]).toMatchObject({ arrived: 1, expected: 1 })
  })

  it('counts the same arrival marked at two desks (two operation ids) once', async () => {
    const kari = await participant(selbu, 'Kari Selbu', [day1, day2])
    await mark([op(kari, true, minute(1))], desk)
    await mark([op(kari, true, minute(2))], organiser)
    expect(await arrivedCount()).toBe(1)
    expect(await arrivedCount(day2)).toBe(0)
    const view = await deskFor(organiser)
    expect(view.counts[day1]).toMatchObject({ arrived: 1, expected: 1 })
    expect(view.counts[day2]).toMatchObject({ arrived: 0, expected: 1 })
  })

  it('undoes an arrival with a later operation', async () => {
    const kari = await participant(selbu, 'Kari Selbu', [day1])
    await mark([op(kari, true, minute(1))])
    const undone = await mark([op(kari, false, minute(2))])
    expect(undone?.states).toEqual([{ participantId: kari, dayId: day1, arrived: false, changedAt: minute(2) }])
    expect(await arrivedCount()).toBe(0)
  })

  it('keeps the latest by device time when an older operation arrives later', async () => {
    const kari = await participant(selbu, 'Kari Selbu', [day1])
    // The undo made at 10 reaches the server first; the arrival made at 5 (an offline desk) comes after.
    await mark([op(kari, false, minute(10))])
    const late = await mark([op(kari, true, minute(5))], organiser)
    expect(late?.results[0]?.status).toBe('applied')
    expect(late?.states).toEqual([{ participantId: kari, dayId: day1, arrived: false, changedAt: minute(10) }])
    expect(await arrivedCount()).toBe(0)
    // Both operations are kept for the record.
    expect(await t.db.selectFrom('check_in_operation').select('arrived').orderBy('made_at').execute()).toEqual([{ arrived: true }, { arrived: false }])
  })

  it('gives exact counts when four desks send overlapping batches at once on separate connections', async () => {
    const people: string[] = []
    for (let i = 0; i < 24; i++) people.push(await participant(i % 2 ? selbu : tydal, `Deltaker ${i}`, [day1, day2]))
    const desks = [desk, organiser, desk, organiser]
    // Each desk marks everyone arrived on day 1 at its own minute; the fourth then undoes every third person later.
    const batches = desks.map((_, d) => people.map((p, i) => op(p, !(d === 3 && i % 3 === 0), minute(d === 3 ? 20 : d + 1))))
    for (const batch of batches) batch.reverse()
    const answers = await Promise.all(batches.map((batch, d) => mark(batch, desks[d])))
    expect(answers.every((a) => a?.results.every((r) => r.status === 'applied'))).toBe(true)
    const expected = mergeOperations(new Map(), batches.flat())
    const expectedArrived = [...expected.values()].filter((s) => s.arrived).length
    expect(expectedArrived).toBe(16)
    expect(await arrivedCount()).toBe(expectedArrived)
    expect(await t.db.selectFrom('check_in_operation').selectAll().execute()).toHaveLength(96)
    const stored = await t.db.selectFrom('check_in').select(['participant_id', 'event_day_id', 'arrived', 'changed_at']).execute()
    expect(new Map(stored.map((s) => [checkInKey(s.participant_id, s.event_day_id), { arrived: s.arrived, changedAt: s.changed_at }]))).toEqual(expected)
    // The same batches again, at once: nothing changes.
    await Promise.all(batches.map((batch, d) => mark(batch, desks[d])))
    expect(await arrivedCount()).toBe(16)
    expect((await deskFor(desk)).counts[day1]).toMatchObject({ arrived: 16, expected: 24 })
  })

  it('refuses a day the participant does not attend, and a participant of another event, changing nothing', async () => {
    const kari = await participant(selbu, 'Kari Selbu', [day1])
    const mrRegistration = await registrationId(t.db, MR, 'Ålesund')
    const stranger = await participant(mrRegistration, 'Per Ålesund', [])
    const answer = await mark([op(kari, true, minute(1), day2), op(stranger, true, minute(1))])
    expect(answer?.results.map((r) => (r.status === 'rejected' ? r.reason : r.status))).toEqual(['not_attending_day', 'not_found'])
    expect(await t.db.selectFrom('check_in').selectAll().execute()).toEqual([])
    expect(await t.db.selectFrom('check_in_operation').selectAll().execute()).toEqual([])
  })

  it('lets the desk and organisers mark, and answers null to a viewer, a contact person and a stranger', async () => {
    const kari = await participant(selbu, 'Kari Selbu', [day1])
    const viewer = await upsertUser(t.db, { email: 'hotell@example.no', name: 'Hotellet' })
    await t.db.insertInto('event_viewer').values({ event_id: event, user_id: viewer.id }).execute()
    const contact = await makeContactPerson(t.db, 'kontakt@selbu.example.no', selbu)
    const stranger = await upsertUser(t.db, { email: 'fremmed@example.no', name: 'Fremmed' })
    for (const who of [viewer, contact, stranger]) {
      expect(await mark([op(kari, true, minute(1))], who)).toBeNull()
      expect(await findEventFor(t.db, { userId: who.id }, event, 'checkin.read')).toBeNull()
    }
    expect(await arrivedCount()).toBe(0)
    expect((await mark([op(kari, true, minute(1))], desk))?.results[0]?.status).toBe('applied')
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_label', 'actor_user_id']).where('action', '=', 'checkin.marked').execute()
    expect(audit).toEqual([{ action: 'checkin.marked', actor_label: 'desk', actor_user_id: desk.id }])
  })

  it('refuses marking before the deadline has passed (checkin_not_open)', async () => {
    const kari = await participant(selbu, 'Kari Selbu', [day1])
    await expect(mark([op(kari, true, beforeDeadline)], desk, beforeDeadline)).rejects.toMatchObject({ code: 'checkin_not_open' })
    await expect(mark([op(kari, true, beforeDeadline)], organiser, beforeDeadline)).rejects.toBeInstanceOf(DomainError)
    expect(await arrivedCount()).toBe(0)
    // From the deadline on the desk opens (the day before, a test run).
    expect((await mark([op(kari, true, osloDateTime('2018-10-21', '00:00'))], desk, osloDateTime('2018-10-21', '00:00')))?.results[0]?.status).toBe('applied')
  })

  it('does not let a device clock running ahead win over later changes', async () => {
    const kari = await participant(selbu, 'Kari Selbu', [day1])
    await mark([op(kari, true, minute(600))], desk, minute(1))
    await mark([op(kari, false, minute(2))], organiser, minute(2))
    expect(await arrivedCount()).toBe(0)
  })
})

describe('checkInByCode', () => {
  it('checks in the participant the code names, once', async () => {
    const kari = await participant(selbu, 'Kari Selbu', [day1])
    const code = await participantCode(t.db, kari, 'check-in')
    const opId = randomUUID()
    const first = await checkInByCode(t.db, { userId: desk.id }, event, day1, ` ${code} `, opId, minute(1))
    expect(first).toEqual({
      participant: { id: kari, name: 'Kari Selbu', title: '', municipality: 'Selbu' },
      duplicate: false,
      state: { participantId: kari, dayId: day1, arrived: true, changedAt: minute(1) },
    })
    expect((await checkInByCode(t.db, { userId: desk.id }, event, day1, code, opId, minute(1)))?.duplicate).toBe(true)
    expect(await arrivedCount()).toBe(1)
  })

  it('refuses a forged code, a code for another purpose, and a code of another event, changing nothing', async () => {
    const kari = await participant(selbu, 'Kari Selbu', [day1])
    const stranger = await participant(await registrationId(t.db, MR, 'Ålesund'), 'Per Ålesund', [])
    const code = await participantCode(t.db, kari, 'check-in')
    const forged = `${code.slice(0, -2)}${code.endsWith('AA') ? 'BB' : 'AA'}`
    const codes = [forged, await participantCode(t.db, kari, 'personal-link'), await participantCode(t.db, stranger, 'check-in'), 'tull', kari]
    for (const c of codes) {
      await expect(checkInByCode(t.db, { userId: desk.id }, event, day1, c, randomUUID(), minute(1))).rejects.toMatchObject({
        code: 'checkin_code_invalid',
        field: 'code',
      })
    }
    expect(await t.db.selectFrom('check_in').selectAll().execute()).toEqual([])
  })

  it('refuses a participant who does not attend the day', async () => {
    const kari = await participant(selbu, 'Kari Selbu', [day2])
    const code = await participantCode(t.db, kari, 'check-in')
    await expect(checkInByCode(t.db, { userId: desk.id }, event, day1, code, randomUUID(), minute(1))).rejects.toMatchObject({ code: 'not_attending_day' })
    expect(await arrivedCount(day1)).toBe(0)
  })

  it('answers null to someone not on the desk, before reading the code', async () => {
    const stranger = await upsertUser(t.db, { email: 'fremmed@example.no', name: 'Fremmed' })
    expect(await checkInByCode(t.db, { userId: stranger.id }, event, day1, 'tull', randomUUID(), minute(1))).toBeNull()
  })
})

describe('getDesk and deskChangesSince', () => {
  it('shows names, titles and municipalities of active participants, no health data or contact details', async () => {
    const kari = await participant(selbu, 'Kari Selbu', [day1, day2])
    const gone = await participant(tydal, 'Borte Tydal', [day1])
    await t.db
      .updateTable('participant')
      .set({ status: 'cancelled', cancelled_at: minute(0) })
      .where('id', '=', gone)
      .execute()
    await mark([op(kari, true, minute(1), day2)])
    const view = await deskFor(desk)
    expect(view.role).toBe('desk')
    expect(view.phase).toBe('running')
    expect(view.days.map((d) => d.id)).toEqual([day1, day2])
    expect(view.participants).toEqual([
      { id: kari, name: 'Kari Selbu', title: '', municipality: 'Selbu', dayIds: expect.arrayContaining([day1, day2]), arrivedDayIds: [day2] },
    ])
    const text = JSON.stringify(view)
    for (const secret of ['Vegetar', 'Nøtter', 'Rullestol', '@example.no']) expect(text).not.toContain(secret)
    expect(view.counts[day2]).toEqual({ arrived: 1, expected: 1, municipalities: [{ name: 'Selbu', arrived: 1, expected: 1 }] })
  })

  it('hands a desk the changes the others made since its last look', async () => {
    const kari = await participant(selbu, 'Kari Selbu', [day1])
    const ola = await participant(tydal, 'Ola Tydal', [day1])
    await mark([op(kari, true, minute(1))], desk, minute(1))
    const grant = await findEventFor(t.db, { userId: desk.id }, event, 'checkin.read')
    if (!grant) throw new Error('no desk')
    const first = await deskChangesSince(t.db, grant, new Date(0), minute(5))
    expect(first.states.map((s) => s.participantId)).toEqual([kari])
    await mark([op(ola, true, minute(9))], organiser, minute(10))
    const next = await deskChangesSince(t.db, grant, minute(5), minute(11))
    expect(next.states).toEqual([{ participantId: ola, dayId: day1, arrived: true, changedAt: minute(9) }])
    expect(next.cursor.getTime()).toBeLessThan(minute(11).getTime())
  })
})

describe('the sync route', () => {
  const post = (cookie: string, data: string) =>
    new Request(`http://localhost/arrangor/${event}/innsjekking/synk`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ data }),
    })

  it('applies a queue sent as JSON in a form field, and answers a repeat the same without counting twice', async () => {
    const kari = await participant(selbu, 'Kari Selbu', [day1])
    const context = testContext({ db: t.db, now: minute(30) })
    const cookie = await sessionCookieFor(context, desk.id)
    const body = JSON.stringify({ ops: [{ id: randomUUID(), participantId: kari, dayId: day1, arrived: true, madeAt: minute(1).toISOString() }] })
    for (const expected of ['applied', 'duplicate']) {
      const response = await respond(() => syncAction({ request: post(cookie, body), params: { eventId: event }, context }))
      expect(response.status).toBe(200)
      const answer = (await response.json()) as { results: Array<{ status: string }>; states: unknown[] }
      expect(answer.results.map((r) => r.status)).toEqual([expected])
      expect(answer.states).toEqual([{ participantId: kari, dayId: day1, arrived: true, changedAt: minute(1).toISOString() }])
    }
    expect(await arrivedCount()).toBe(1)
    const changes = await respond(() =>
      syncLoader({
        request: new Request(`http://localhost/x?siden=${encodeURIComponent(minute(0).toISOString())}`, { headers: { Cookie: cookie } }),
        params: { eventId: event },
        context,
      }),
    )
    expect(((await changes.json()) as { states: unknown[] }).states).toHaveLength(1)
  })

  it('answers bad input with 400 and a message, a stranger with 404, and a closed desk with 409, changing nothing', async () => {
    const kari = await participant(selbu, 'Kari Selbu', [day1])
    const context = testContext({ db: t.db, now: minute(30) })
    const cookie = await sessionCookieFor(context, desk.id)
    const bad = ['{', '{"ops":[{"id":"x"}]}', JSON.stringify({ ops: [{ id: randomUUID(), participantId: kari, dayId: day1, arrived: 'ja', madeAt: 'i går' }] })]
    for (const data of bad) {
      const response = await respond(() => syncAction({ request: post(cookie, data), params: { eventId: event }, context }))
      expect(response.status).toBe(400)
      expect(((await response.json()) as { message: string }).message).toMatch(/\S/)
    }
    const since = await respond(() =>
      syncLoader({ request: new Request('http://localhost/x?siden=tull', { headers: { Cookie: cookie } }), params: { eventId: event }, context }),
    )
    expect(since.status).toBe(400)
    const good = JSON.stringify({ ops: [{ id: randomUUID(), participantId: kari, dayId: day1, arrived: true, madeAt: minute(1).toISOString() }] })
    const stranger = await upsertUser(t.db, { email: 'fremmed@example.no', name: 'Fremmed' })
    const strangerCookie = await sessionCookieFor(context, stranger.id)
    expect((await respond(() => syncAction({ request: post(strangerCookie, good), params: { eventId: event }, context }))).status).toBe(404)
    const early = testContext({ db: t.db, now: beforeDeadline })
    const earlyCookie = await sessionCookieFor(early, desk.id)
    const closed = await respond(() => syncAction({ request: post(earlyCookie, good), params: { eventId: event }, context: early }))
    expect(closed.status).toBe(409)
    expect(((await closed.json()) as { message: string }).message).toContain('Innsjekkingen er åpen fra påmeldingsfristen')
    expect(await t.db.selectFrom('check_in_operation').selectAll().execute()).toEqual([])
  })
})

describe('substituteAtDesk', () => {
  it('lets the desk helper substitute while the event runs and checks the substitute in; a stranger gets null', async () => {
    const kari = await participant(selbu, 'Kari Selbu', [day1, day2])
    const input = { name: 'Kåre Selbu', email: 'kare@selbu.example.no', phone: null, title: 'Rådgiver', roleCategory: 'radgiver' as const }
    const stranger = await upsertUser(t.db, { email: 'fremmed@example.no', name: 'Fremmed' })
    expect(await substituteAtDesk(t.db, TEST_MAIL, { userId: stranger.id }, event, kari, day1, input, randomUUID(), minute(30))).toBeNull()
    const done = await substituteAtDesk(t.db, TEST_MAIL, { userId: desk.id }, event, kari, day1, input, randomUUID(), minute(30))
    expect(done?.checkedIn).toBe(true)
    const substitute = done?.substitute.id ?? ''
    expect(await t.db.selectFrom('participant').select('status').where('id', '=', kari).executeTakeFirst()).toEqual({ status: 'substituted' })
    const days = await t.db.selectFrom('participant_day').select('event_day_id').where('participant_id', '=', substitute).execute()
    expect(days.map((d) => d.event_day_id).sort()).toEqual([day1, day2].sort())
    expect(await arrivedCount()).toBe(1)
    const audit = await t.db.selectFrom('audit_log').select('actor_label').where('action', '=', 'participant.substituted').execute()
    expect(audit).toEqual([{ actor_label: 'desk' }])
  })

  it('refuses the desk helper before the event starts (the policy), substituting nothing', async () => {
    const kari = await participant(selbu, 'Kari Selbu', [day1])
    const input = { name: 'Kåre Selbu', email: 'kare@selbu.example.no', phone: null, title: 'Rådgiver', roleCategory: 'radgiver' as const }
    const early = osloDateTime('2018-10-25', '12:00')
    await expect(substituteAtDesk(t.db, TEST_MAIL, { userId: desk.id }, event, kari, day1, input, randomUUID(), early)).rejects.toMatchObject({
      code: 'registration_not_open',
    })
    expect(await t.db.selectFrom('participant').select('status').where('id', '=', kari).executeTakeFirst()).toEqual({ status: 'active' })
  })
})

describe('the desk page without JavaScript', () => {
  const form = (cookie: string, fields: Record<string, string>) =>
    new Request(`http://localhost/arrangor/${event}/innsjekking`, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    })

  it('counts the same button of the same page sent twice once, and a new page’s press anew', async () => {
    const kari = await participant(selbu, 'Kari Selbu', [day1])
    const context = testContext({ db: t.db, now: minute(30) })
    const cookie = await sessionCookieFor(context, desk.id)
    const page = await respond(() =>
      deskLoader({ request: new Request(`http://localhost/x?dag=${day1}`, { headers: { Cookie: cookie } }), params: { eventId: event }, context }),
    )
    const { token } = (await page.json()) as { token: string }
    const press = { intent: 'mark', participantId: kari, dayId: day1, arrived: 'true', token, q: 'kari' }
    for (let i = 0; i < 2; i++) {
      const answer = await respond(() => deskAction({ request: form(cookie, press), params: { eventId: event }, context }))
      expect(answer.status).toBe(302)
      expect(answer.headers.get('Location')).toBe(`/arrangor/${event}/innsjekking?dag=${day1}&inn=${kari}&q=kari`)
    }
    expect(await t.db.selectFrom('check_in_operation').selectAll().execute()).toHaveLength(1)
    // Undone from a newer page: a new operation.
    const undo = { ...press, arrived: 'false', token: randomUUID() }
    const later = testContext({ db: t.db, now: minute(31) })
    expect((await respond(() => deskAction({ request: form(cookie, undo), params: { eventId: event }, context: later }))).status).toBe(302)
    expect(await arrivedCount()).toBe(0)
  })

  it('shows a bad code at the field (409), and a day not attended as the page’s message', async () => {
    const kari = await participant(selbu, 'Kari Selbu', [day2])
    const context = testContext({ db: t.db, now: minute(30) })
    const cookie = await sessionCookieFor(context, desk.id)
    const bad = await respond(() =>
      deskAction({ request: form(cookie, { intent: 'code', dayId: day1, token: randomUUID(), code: 'tull' }), params: { eventId: event }, context }),
    )
    expect(bad.status).toBe(409)
    expect(await bad.json()).toEqual({ codeError: new DomainError('checkin_code_invalid').message })
    const press = { intent: 'mark', participantId: kari, dayId: day1, arrived: 'true', token: randomUUID() }
    const refused = await respond(() => deskAction({ request: form(cookie, press), params: { eventId: event }, context }))
    expect(refused.status).toBe(409)
    expect(await refused.json()).toEqual({ codeError: null, error: 'Deltakeren er ikke påmeldt denne dagen.' })
    const stranger = await upsertUser(t.db, { email: 'fremmed@example.no', name: 'Fremmed' })
    const strangerCookie = await sessionCookieFor(context, stranger.id)
    expect((await respond(() => deskAction({ request: form(strangerCookie, press), params: { eventId: event }, context }))).status).toBe(404)
    expect(await t.db.selectFrom('check_in').selectAll().execute()).toEqual([])
  })
})
