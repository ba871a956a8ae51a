import { randomUUID } from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { action as coverageAction, loader as coverageLoader } from '~/routes/arrangor.$eventId.dekning'
import { action as attendanceAction, loader as attendanceLoader } from '~/routes/arrangor.$eventId.oppmote'
import { getAttendance, listNoShows, recordWebinarAttendance } from '~/services/attendance.server'
import { exportList } from '~/services/exports.server'
import { substituteParticipant, waiveCharge } from '~/services/participant-changes.server'
import { upsertUser } from '~/services/users.server'
import { respond, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase } from '../helpers/database'
import { addParticipant, eventDayIds, eventId, MR, makeOrganiser, registrationId, seeded, sessionCookieFor, TEST_MAIL, TR } from '../helpers/fixtures'

let t: TestDatabase
const ids = { mr: '', tr: '', organiser: '', desk: '', viewer: '', stranger: '', day1: '', day2: '', webinar: '', plenary: '', trParticipant: '' }
const people = { vera: '', otto: '', per: '', lise: '' }

// Møre og Romsdal 2021: Dag 1 ends 11 November 22.00, Dag 2 ends 12 November 13.00 (Oslo).
const duringDay1 = osloDateTime('2021-11-11', '15:00')
const day1Ended = osloDateTime('2021-11-11', '22:00')
const day2Ended = osloDateTime('2021-11-12', '13:00')

async function participantOn(registration: string, email: string, name: string, days: string[], covered = false) {
  const { id } = await addParticipant(t.db, registration, email, name)
  await t.db
    .insertInto('participant_day')
    .values(days.map((day) => ({ participant_id: id, event_day_id: day, is_covered_day_package: covered })))
    .execute()
  return id
}

/** What the desk writes (app/services/check-in.server.ts) when it marks someone arrived. */
async function checkIn(participantId: string, dayId: string, arrived = true) {
  await t.db
    .insertInto('check_in')
    .values({ participant_id: participantId, event_day_id: dayId, arrived, changed_at: duringDay1, changed_by: ids.desk })
    .onConflict((oc) => oc.columns(['participant_id', 'event_day_id']).doUpdateSet({ arrived }))
    .execute()
}

beforeAll(async () => {
  t = await createTestDatabase()
  await seeded(t.db)
  ids.mr = await eventId(t.db, MR)
  ids.tr = await eventId(t.db, TR)
  ;[ids.day1, ids.day2] = (await eventDayIds(t.db, ids.mr)) as [string, string]
  ids.organiser = (await makeOrganiser(t.db, 'arrangor@example.no', MR)).id
  ids.desk = (await upsertUser(t.db, { email: 'vert@example.no', name: 'Vera Vert' })).id
  ids.viewer = (await upsertUser(t.db, { email: 'hotell@example.no', name: 'Hanna Hotell' })).id
  ids.stranger = (await makeOrganiser(t.db, 'tr@example.no', TR)).id
  await t.db.insertInto('event_desk').values({ event_id: ids.mr, user_id: ids.desk }).execute()
  await t.db.insertInto('event_viewer').values({ event_id: ids.mr, user_id: ids.viewer, added_at: new Date() }).execute()
  // Self-paid day packages at a listed price, so a no-show has something to bill and to waive.
  await t.db.updateTable('event').set({ price_day_package_ore: 65_000, extras_pricing: 'listed' }).where('id', '=', ids.mr).execute()
  const volda = await registrationId(t.db, MR, 'Volda')
  const orsta = await registrationId(t.db, MR, 'Ørsta')
  people.vera = await participantOn(volda, 'vera@volda.example.no', 'Vera Volda', [ids.day1])
  people.otto = await participantOn(volda, 'otto@volda.example.no', 'Otto Volda', [ids.day1])
  people.per = await participantOn(orsta, 'per@orsta.example.no', 'Per Ørsta', [ids.day1, ids.day2], true)
  people.lise = await participantOn(orsta, 'lise@orsta.example.no', 'Lise Ørsta', [ids.day1])
  await t.db.updateTable('participant').set({ status: 'late_cancelled', cancelled_at: duringDay1 }).where('id', '=', people.lise).execute()
  await checkIn(people.otto, ids.day1)
  // Marked and then undone: not arrived.
  await checkIn(people.vera, ids.day1)
  await checkIn(people.vera, ids.day1, false)
  const items = await t.db.selectFrom('program_item').select(['id', 'kind']).where('event_id', '=', ids.mr).orderBy('starts_at').execute()
  ids.webinar = items.find((i) => i.kind === 'digital')?.id ?? ''
  ids.plenary = items.find((i) => i.kind === 'plenary')?.id ?? ''
  ids.trParticipant = (await addParticipant(t.db, await registrationId(t.db, TR, 'Selbu'), 'sigrid@selbu.example.no', 'Sigrid Selbu')).id
})

afterAll(async () => {
  await t.drop()
})

const organiser = () => ({ userId: ids.organiser })
const noShowNames = (day: { noShows: Array<{ municipality: string; participants: Array<{ name: string }> }> }) =>
  day.noShows.map((g) => [g.municipality, g.participants.map((p) => p.name)])

describe('no-shows', () => {
  it('are none while the day runs, though some have not come', async () => {
    const attendance = await getAttendance(t.db, organiser(), ids.mr, duringDay1)
    const [day1, day2] = attendance?.days ?? []
    expect(day1).toMatchObject({ label: 'Dag 1', ended: false, noShows: [], counts: { arrived: 1, expected: 3 } })
    expect(day1?.counts.municipalities).toEqual([
      { name: 'Volda', arrived: 1, expected: 2 },
      { name: 'Ørsta', arrived: 0, expected: 1 },
    ])
    expect(day2).toMatchObject({ ended: false, noShows: [], counts: { arrived: 0, expected: 1 } })
    expect((await listNoShows(t.db, organiser(), ids.mr, duringDay1))?.anyDayEnded).toBe(false)
  })

  it('are listed per municipality from the end of the day on, without the late cancellation or who came', async () => {
    const before = await getAttendance(t.db, organiser(), ids.mr, new Date(day1Ended.getTime() - 1))
    expect(before?.days[0]?.noShows).toEqual([])
    const attendance = await getAttendance(t.db, organiser(), ids.mr, day1Ended)
    const [day1, day2] = attendance?.days ?? []
    expect(day1?.ended).toBe(true)
    expect(noShowNames(day1 as NonNullable<typeof day1>)).toEqual([
      ['Volda', ['Vera Volda']],
      ['Ørsta', ['Per Ørsta']],
    ])
    // Vera is self-paid (a day package at 650 kr), Per holds a covered day package.
    const [volda, orsta] = day1?.noShows ?? []
    expect(volda?.participants[0]).toMatchObject({ covered: false, charge: { amountOre: 65_000, owedOre: 65_000, waived: false } })
    expect(orsta?.participants[0]).toMatchObject({ covered: true, charge: { amountOre: 0, owedOre: 0 } })
    expect(day2).toMatchObject({ ended: false, noShows: [] })

    const afterDay2 = await getAttendance(t.db, organiser(), ids.mr, day2Ended)
    expect(noShowNames(afterDay2?.days[1] as NonNullable<typeof day2>)).toEqual([['Ørsta', ['Per Ørsta']]])
    const listed = await listNoShows(t.db, organiser(), ids.mr, day2Ended)
    expect(listed?.noShows.map((n) => [n.name, n.days])).toEqual([
      ['Vera Volda', ['Dag 1']],
      ['Per Ørsta', ['Dag 1', 'Dag 2']],
    ])
  })

  it('an arrival marked after all (the desk was offline) takes the participant off the list', async () => {
    await checkIn(people.per, ids.day2)
    const listed = await listNoShows(t.db, organiser(), ids.mr, day2Ended)
    expect(listed?.noShows.map((n) => [n.name, n.days])).toEqual([
      ['Vera Volda', ['Dag 1']],
      ['Per Ørsta', ['Dag 1']],
    ])
    await t.db.deleteFrom('check_in').where('participant_id', '=', people.per).execute()
  })
})

describe('a substitute', () => {
  it('is the one expected: the participant they replaced is never a no-show, the substitute is until checked in', async () => {
    const herøy = await registrationId(t.db, MR, 'Herøy')
    const kari = await participantOn(herøy, 'kari@heroy.example.no', 'Kari Herøy', [ids.day2])
    const done = await substituteParticipant(
      t.db,
      TEST_MAIL,
      organiser(),
      kari,
      { name: 'Siri Herøy', email: 'siri@heroy.example.no', phone: null, title: 'Rådgiver', roleCategory: 'radgiver' },
      duringDay1,
    )
    expect(done).not.toBeNull()
    const siri = (await t.db.selectFrom('participant').select('id').where('email', '=', 'siri@heroy.example.no').executeTakeFirstOrThrow()).id
    const names = async () => (await listNoShows(t.db, organiser(), ids.mr, day2Ended))?.noShows.filter((n) => n.municipality === 'Herøy').map((n) => n.name)
    expect(await names()).toEqual(['Siri Herøy'])
    await checkIn(siri, ids.day2)
    expect(await names()).toEqual([])
    // Back as it was for the tests below: Herøy's substitute leaves the event.
    await t.db.deleteFrom('participant').where('id', 'in', [siri, kari]).execute()
  })
})

async function invoiceRows(now: Date) {
  const file = await exportList(t.db, organiser(), ids.mr, { list: 'faktura', format: 'xlsx' }, now, 'nb')
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(new Uint8Array(file?.body ?? new Uint8Array()).buffer)
  const sheet = book.worksheets[0]
  if (!sheet) throw new Error('no sheet')
  const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[]
  const rows: Array<Record<string, unknown>> = []
  sheet.eachRow((row, n) => {
    if (n === 1) return
    const values = (row.values as unknown[]).slice(1)
    rows.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? null])))
  })
  return rows
}

describe('the invoice basis', () => {
  it('lists a self-paid no-show as billed, with the days missed and a count per municipality', async () => {
    const before = await invoiceRows(duringDay1)
    // While day 1 runs: Volda owes Vera's and Otto's day packages; Ørsta owes Lise's (a late cancellation); nobody is a no-show yet.
    expect(before.map((r) => [r.Kommune, r['Ikke møtt'], r['Møtte ikke']])).toEqual([
      ['Volda', 0, null],
      ['Ørsta', 0, null],
    ])
    const rows = await invoiceRows(day2Ended)
    expect(rows.map((r) => [r.Kommune, r.Dagpakker, r['Å fakturere'], r['Ikke møtt'], r['Møtte ikke']])).toEqual([
      ['Volda', 2, 1300, 1, 'Vera Volda (Dag 1)'],
      ['Ørsta', 1, 650, 1, 'Per Ørsta (Dag 1, Dag 2)'],
    ])
  })

  it('shows a waived no-show with the reason and nothing owed for them', async () => {
    expect(await waiveCharge(t.db, organiser(), people.vera, 'Syk, legeerklæring mottatt', day2Ended)).toEqual({ waived: true })
    const [volda] = await invoiceRows(day2Ended)
    expect(volda).toMatchObject({
      Kommune: 'Volda',
      Sum: 1300,
      Frafalt: 650,
      'Å fakturere': 650,
      Merknad: 'Vera Volda: frafalt: Syk, legeerklæring mottatt',
      'Ikke møtt': 1,
      'Møtte ikke': 'Vera Volda (Dag 1)',
    })
    const attendance = await getAttendance(t.db, organiser(), ids.mr, day2Ended)
    expect(attendance?.days[0]?.noShows[0]?.participants[0]?.charge).toMatchObject({ owedOre: 0, waived: true, waiverReason: 'Syk, legeerklæring mottatt' })
    expect(await waiveCharge(t.db, organiser(), people.vera, null, day2Ended)).toEqual({ waived: false })
  })
})

describe('webinar attendance', () => {
  const rows = () =>
    t.db.selectFrom('webinar_attendance').select('participant_id').where('program_item_id', '=', ids.webinar).orderBy('participant_id').execute()
  const audits = () => t.db.selectFrom('audit_log').select(['after']).where('action', '=', 'webinar.attendance_recorded').execute()

  it('replaces the set for the session, audited; the same set again changes nothing', async () => {
    expect(ids.webinar).not.toBe('')
    expect(await recordWebinarAttendance(t.db, organiser(), ids.mr, ids.webinar, [people.vera, people.otto, people.vera], day2Ended)).toEqual({
      attended: 2,
      added: 2,
      removed: 0,
    })
    expect((await rows()).map((r) => r.participant_id).sort()).toEqual([people.vera, people.otto].sort())
    expect(await audits()).toHaveLength(1)
    expect(await recordWebinarAttendance(t.db, organiser(), ids.mr, ids.webinar, [people.otto, people.vera], day2Ended)).toEqual({
      attended: 2,
      added: 0,
      removed: 0,
    })
    expect(await audits()).toHaveLength(1)
    expect(await recordWebinarAttendance(t.db, organiser(), ids.mr, ids.webinar, [people.otto, people.per], day2Ended)).toEqual({
      attended: 2,
      added: 1,
      removed: 1,
    })
    expect((await rows()).map((r) => r.participant_id).sort()).toEqual([people.otto, people.per].sort())
    expect((await audits()).at(-1)?.after).toMatchObject({ attended: 2, added: [people.per], removed: [people.vera] })
    const attendance = await getAttendance(t.db, organiser(), ids.mr, day2Ended)
    expect(attendance?.webinars.find((w) => w.id === ids.webinar)?.attended.sort()).toEqual([people.otto, people.per].sort())
  })

  it('is 404 (null) for a session that is not a webinar of the event, or a participant of another event, and changes nothing', async () => {
    const before = await rows()
    expect(await recordWebinarAttendance(t.db, organiser(), ids.mr, ids.plenary, [people.otto], day2Ended)).toBeNull()
    expect(await recordWebinarAttendance(t.db, organiser(), ids.mr, randomUUID(), [people.otto], day2Ended)).toBeNull()
    expect(await recordWebinarAttendance(t.db, organiser(), ids.mr, ids.webinar, [people.otto, ids.trParticipant], day2Ended)).toBeNull()
    expect(await recordWebinarAttendance(t.db, organiser(), ids.tr, ids.webinar, [], day2Ended)).toBeNull()
    expect(await rows()).toEqual(before)
  })
})

describe('the attendance list (export)', () => {
  it('names the days each came and missed, and the webinars joined, as CSV', async () => {
    const file = await exportList(t.db, organiser(), ids.mr, { list: 'oppmote', format: 'csv' }, day2Ended, 'nb')
    const rows = Buffer.from(file?.body ?? new Uint8Array())
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/)
    expect(rows[0]).toBe('Navn;Kommune;Dager;Møtte;Møtte ikke;Webinarer')
    const webinar = await t.db.selectFrom('program_item').select('title').where('id', '=', ids.webinar).executeTakeFirstOrThrow()
    expect(rows.slice(1)).toEqual([
      `Otto Volda;Volda;Dag 1;Dag 1;;${webinar.title}`,
      'Vera Volda;Volda;Dag 1;;Dag 1;',
      `Per Ørsta;Ørsta;Dag 1, Dag 2;;Dag 1, Dag 2;${webinar.title}`,
    ])
  })
})

describe('who may see attendance', () => {
  it('a desk helper, a viewer and an organiser of another event get null (404) and change nothing', async () => {
    for (const userId of [ids.desk, ids.viewer, ids.stranger]) {
      expect(await getAttendance(t.db, { userId }, ids.mr, day2Ended), userId).toBeNull()
      expect(await listNoShows(t.db, { userId }, ids.mr, day2Ended), userId).toBeNull()
      expect(await recordWebinarAttendance(t.db, { userId }, ids.mr, ids.webinar, [], day2Ended), userId).toBeNull()
    }
    expect(await t.db.selectFrom('webinar_attendance').select('participant_id').where('program_item_id', '=', ids.webinar).execute()).toHaveLength(2)
  })
})

describe('the Oppmøte and Dekning pages', () => {
  let context: AppLoadContext
  const cookies = { organiser: '', desk: '', viewer: '' }
  beforeAll(async () => {
    context = testContext({ db: t.db, now: day2Ended })
    cookies.organiser = await sessionCookieFor(context, ids.organiser)
    cookies.desk = await sessionCookieFor(context, ids.desk)
    cookies.viewer = await sessionCookieFor(context, ids.viewer)
  })
  const request = (path: string, cookie: string, body?: URLSearchParams) =>
    new Request(`http://localhost${path}`, { method: body ? 'POST' : 'GET', headers: { Cookie: cookie }, body })
  const params = () => ({ eventId: ids.mr })

  it('show the no-shows per municipality to the organiser, and 404 to the desk helper and the viewer', async () => {
    const page = await respond(() => attendanceLoader({ request: request(`/arrangor/${ids.mr}/oppmote`, cookies.organiser), params: params(), context }))
    expect(page.status).toBe(200)
    const data = (await page.json()) as {
      days: Array<{ noShowCount: number; municipalities: Array<{ name: string; noShows: number }> }>
    }
    expect(data.days.map((d) => d.noShowCount)).toEqual([2, 1])
    expect(data.days[0]?.municipalities).toEqual([
      { name: 'Volda', arrived: 1, expected: 2, noShows: 1 },
      { name: 'Ørsta', arrived: 0, expected: 1, noShows: 1 },
    ])
    for (const cookie of [cookies.desk, cookies.viewer]) {
      expect((await respond(() => attendanceLoader({ request: request(`/arrangor/${ids.mr}/oppmote`, cookie), params: params(), context }))).status).toBe(404)
      expect((await respond(() => coverageLoader({ request: request(`/arrangor/${ids.mr}/dekning`, cookie), params: params(), context }))).status).toBe(404)
    }
    const coverage = (await (
      await respond(() => coverageLoader({ request: request(`/arrangor/${ids.mr}/dekning?fra=oppmote`, cookies.organiser), params: params(), context }))
    ).json()) as {
      noShowsShown: boolean
      from: string
      noShows: Array<{ name: string; days: string }>
      municipalities: Array<{ name: string; noShows: number }>
    }
    expect(coverage).toMatchObject({ noShowsShown: true, from: 'oppmote' })
    expect(coverage.noShows.map((n) => [n.name, n.days])).toEqual([
      ['Vera Volda', 'Dag 1'],
      ['Per Ørsta', 'Dag 1, Dag 2'],
    ])
    expect(coverage.municipalities.filter((m) => m.noShows > 0).map((m) => [m.name, m.noShows])).toEqual([
      ['Volda', 1],
      ['Ørsta', 1],
    ])
  })

  it('a waiver from the no-show list on Dekning leads back to Oppmøte; a missing reason is refused at the field', async () => {
    const refused = await respond(() =>
      coverageAction({
        request: request(
          `/arrangor/${ids.mr}/dekning`,
          cookies.organiser,
          new URLSearchParams({ intent: 'waive', participantId: people.vera, reason: ' ', fra: 'oppmote' }),
        ),
        params: params(),
        context,
      }),
    )
    expect(refused.status).toBe(400)
    const response = await respond(() =>
      coverageAction({
        request: request(
          `/arrangor/${ids.mr}/dekning`,
          cookies.organiser,
          new URLSearchParams({ intent: 'waive', participantId: people.vera, reason: 'Syk', fra: 'oppmote' }),
        ),
        params: params(),
        context,
      }),
    )
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`/arrangor/${ids.mr}/oppmote?deltaker=${people.vera}&frafalt=1`)
    const page = (await (
      await respond(() => attendanceLoader({ request: request(response.headers.get('Location') ?? '', cookies.organiser), params: params(), context }))
    ).json()) as { waiverSaved: string }
    expect(page.waiverSaved).toBe('Betalingen for Vera Volda er frafalt.')
  })

  it('records webinar attendance from the checkboxes, by POST, and 404 for the desk helper', async () => {
    const body = new URLSearchParams({ intent: 'webinar', itemId: ids.webinar })
    body.append('participantIds', people.vera)
    const denied = await respond(() => attendanceAction({ request: request(`/arrangor/${ids.mr}/oppmote`, cookies.desk, body), params: params(), context }))
    expect(denied.status).toBe(404)
    const response = await respond(() =>
      attendanceAction({ request: request(`/arrangor/${ids.mr}/oppmote`, cookies.organiser, body), params: params(), context }),
    )
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`/arrangor/${ids.mr}/oppmote?webinar=${ids.webinar}&lagret=1#webinarer`)
    expect(await t.db.selectFrom('webinar_attendance').select('participant_id').where('program_item_id', '=', ids.webinar).execute()).toEqual([
      { participant_id: people.vera },
    ])
    const bad = await respond(() =>
      attendanceAction({
        request: request(
          `/arrangor/${ids.mr}/oppmote`,
          cookies.organiser,
          new URLSearchParams({ intent: 'webinar', itemId: ids.webinar, participantIds: 'x' }),
        ),
        params: params(),
        context,
      }),
    )
    expect(bad.status).toBe(400)
    // Nothing ticked: nobody joined.
    const none = await respond(() =>
      attendanceAction({
        request: request(`/arrangor/${ids.mr}/oppmote`, cookies.organiser, new URLSearchParams({ intent: 'webinar', itemId: ids.webinar })),
        params: params(),
        context,
      }),
    )
    expect(none.status).toBe(302)
    expect(await t.db.selectFrom('webinar_attendance').select('participant_id').where('program_item_id', '=', ids.webinar).execute()).toEqual([])
  })
})
