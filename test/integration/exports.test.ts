import { randomUUID } from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import ExcelJS from 'exceljs'
import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import type { RoleCategory } from '~/domain/roles'
import { loader as pageLoader } from '~/routes/arrangor.$eventId.eksport'
import { loader as exportLoader } from '~/routes/arrangor.$eventId.eksport.$list'
import { enrolParticipant } from '~/services/enrolment.server'
import { EXPORT_LISTS, exportList } from '~/services/exports.server'
import { cancelParticipant } from '~/services/participant-changes.server'
import { upsertUser } from '~/services/users.server'
import { respond, testContext } from '../helpers/app-context'
import { parseCsv } from '../helpers/csv'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { enrolInput, eventId, MR, makeContactPerson, makeOrganiser, registrationId, seeded, sessionCookieFor, TEST_MAIL, TR } from '../helpers/fixtures'

/**
 * Trøndelag 2018 (2 covered overnight places and 1 day package per
 * municipality; ca. 2 500 kr overnight, 650 kr a day package, and here 450 kr
 * for dinner) with five active participants of Selbu and Meråker and one
 * cancelled one. Every list is read back, XLSX with exceljs and CSV with a
 * plain parser, and checked cell by cell.
 */
let t: TestDatabase
let context: AppLoadContext
let tr: string
let organiserId: string
let nightId: string
const cookies = { organiser: '', contact: '', stranger: '' }
const open = osloDateTime('2018-10-01', '12:00')
const now = osloDateTime('2018-10-25', '12:00')
/** The parallel sessions of day 2, before and after lunch, in program order. */
let before: { id: string; title: string }[] = []
let after: { id: string; title: string }[] = []

const BEFORE_LUNCH = 'Parallelle sesjoner før lunsj'
const AFTER_LUNCH = 'Parallelle sesjoner etter lunsj'
const day = (iso: string) => new Date(`${iso}T00:00:00Z`)

beforeAll(async () => {
  t = await createTestDatabase()
  context = testContext({ db: t.db, now })
})

afterAll(async () => {
  await t.drop()
})

beforeEach(async () => {
  await truncateAll(t.db)
  await seeded(t.db)
  tr = await eventId(t.db, TR)
  await t.db.updateTable('event').set({ price_dinner_ore: 45_000 }).where('id', '=', tr).execute()
  const selbu = await registrationId(t.db, TR, 'Selbu')
  const meraker = await registrationId(t.db, TR, 'Meråker')
  organiserId = (await makeOrganiser(t.db, 'arrangor@example.no', TR)).id
  cookies.organiser = await sessionCookieFor(context, organiserId)
  cookies.contact = await sessionCookieFor(context, (await makeContactPerson(t.db, 'kontakt@selbu.example.no', selbu)).id)
  cookies.stranger = await sessionCookieFor(context, (await upsertUser(t.db, { email: 'fremmed@example.no', name: 'Fremmed' })).id)

  const days = await t.db.selectFrom('event_day').select('id').where('event_id', '=', tr).orderBy('date').execute()
  nightId = (await t.db.selectFrom('hotel_night').select('id').where('event_id', '=', tr).executeTakeFirstOrThrow()).id
  const items = await t.db
    .selectFrom('program_item')
    .innerJoin('program_slot', 'program_slot.id', 'program_item.slot_id')
    .select(['program_item.id', 'program_item.title', 'program_slot.label'])
    .where('program_item.event_id', '=', tr)
    .orderBy('program_item.starts_at')
    .orderBy('program_item.sort_order')
    .execute()
  before = items.filter((i) => i.label === BEFORE_LUNCH)
  after = items.filter((i) => i.label === AFTER_LUNCH)

  const organiser = { userId: organiserId }
  const enrol = (
    registration: string,
    name: string,
    o: {
      overnight?: boolean
      days?: 1 | 2
      dinner?: boolean
      role?: RoleCategory
      title?: string
      phone?: string
      diet?: string
      allergies?: string
      needs?: string
      sessions?: string[]
    },
  ) => {
    const input = enrolInput(registration, {
      name,
      email: `${name.split(' ')[0]?.toLowerCase()}@${registration === selbu ? 'selbu' : 'meraker'}.example.no`,
      phone: o.phone ?? null,
      title: o.title ?? 'Rådgiver',
      roleCategory: o.role ?? 'radgiver',
      dayIds: (o.days === 1 ? days.slice(0, 1) : days).map((d) => d.id),
      nightIds: o.overnight ? [nightId] : [],
      attendsDinner: o.dinner ?? false,
      diet: o.diet ?? null,
      allergies: o.allergies ?? null,
      accessibilityNeeds: o.needs ?? null,
      sessionIds: o.sessions ?? [],
    })
    return enrolParticipant(t.db, TEST_MAIL, organiser, input, open)
  }
  const b = (i: number) => before[i]?.id ?? ''
  const a = (i: number) => after[i]?.id ?? ''
  await enrol(selbu, 'Anne Selbu', {
    overnight: true,
    dinner: true,
    role: 'kommunalsjef',
    title: 'Kommunalsjef',
    phone: '+47 912 34 567',
    diet: 'Vegetar ("lakto-ovo")',
    allergies: 'Nøtter; skalldyr',
    needs: 'Rullestol',
    sessions: [b(0), a(2)],
  })
  await enrol(selbu, 'Bjørn Selbu', { overnight: true, dinner: true, needs: 'Hørselsslynge', sessions: [b(0)] })
  await enrol(selbu, 'Cecilie Selbu', { overnight: true, dinner: true, allergies: 'Gluten' })
  await enrol(selbu, 'David Selbu', { days: 1, dinner: true, role: 'ordforer', title: 'Ordfører' })
  await enrol(meraker, 'Mona Meråker', { diet: 'Halal', sessions: [b(1)] })
  const erik = await enrol(selbu, 'Erik Selbu', { overnight: true, dinner: true, diet: 'Vegan', sessions: [b(2)] })
  await cancelParticipant(t.db, TEST_MAIL, organiser, erik?.id ?? '', open)
})

const get = (path: string, cookie: string, list: string) =>
  respond(() =>
    exportLoader({
      request: new Request(`http://localhost${path}`, { headers: { Cookie: cookie } }),
      params: { eventId: tr, list },
      context,
    }),
  )

async function download(list: string, format: 'xlsx' | 'csv', query = '', cookie = cookies.organiser) {
  const response = await get(`/arrangor/${tr}/eksport/${list}?format=${format}${query}`, cookie, list)
  expect(response.status).toBe(200)
  return response
}

async function workbook(list: string, query = '') {
  const response = await download(list, 'xlsx', query)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(await response.arrayBuffer())
  return { response, book }
}

/** Every row of a sheet as plain values (null for an empty cell), the header first. */
function values(sheet: ExcelJS.Worksheet | undefined): unknown[][] {
  if (!sheet) throw new Error('no such sheet')
  const width = sheet.getRow(1).cellCount
  const rows: unknown[][] = []
  sheet.eachRow({ includeEmpty: true }, (row) => {
    rows.push(Array.from({ length: width }, (_, i) => row.getCell(i + 1).value ?? null))
  })
  return rows
}

async function csv(list: string, query = '') {
  const response = await download(list, 'csv', query)
  expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
  return { response, rows: parseCsv(Buffer.from(await response.arrayBuffer()).toString('utf8')) }
}

const ROOMING_HEADER = ['Navn', 'Kommune', 'Ankomst', 'Avreise', 'Netter', 'Betales av', 'Kosthold', 'Allergier', 'Behov for tilrettelegging', 'Merknad']

describe('the exports', () => {
  it('rooming list: everyone staying, by name, with stay, who pays, diet, allergies and accessibility needs; per night too', async () => {
    const { response, book } = await workbook('romliste')
    expect(response.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="romliste-klimasamling-trondelag-2018.xlsx"')
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    expect(book.worksheets.map((s) => s.name)).toEqual(['Romliste'])
    const sheet = book.worksheets[0]
    const stay = [day('2018-11-27'), day('2018-11-28'), 1]
    expect(values(sheet)).toEqual([
      ROOMING_HEADER,
      ['Anne Selbu', 'Selbu', ...stay, 'Arrangøren', 'Vegetar ("lakto-ovo")', 'Nøtter; skalldyr', 'Rullestol', null],
      ['Bjørn Selbu', 'Selbu', ...stay, 'Arrangøren', null, null, 'Hørselsslynge', null],
      ['Cecilie Selbu', 'Selbu', ...stay, 'Kommunen', null, 'Gluten', null, null],
    ])
    // A bold, frozen header row; real dates shown the Norwegian way; widths that fit.
    expect(sheet?.getRow(1).getCell(1).font?.bold).toBe(true)
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 })
    expect(sheet?.getRow(2).getCell(3).numFmt).toBe('dd.mm.yyyy')
    expect(sheet?.getColumn(1).width).toBeGreaterThanOrEqual('Cecilie Selbu'.length)

    const night = await workbook('romliste', `&natt=${nightId}`)
    expect(night.response.headers.get('Content-Disposition')).toBe('attachment; filename="romliste-2018-11-27-klimasamling-trondelag-2018.xlsx"')
    expect(
      values(night.book.worksheets[0])
        .slice(1)
        .map((r) => [r[0], r[5]]),
    ).toEqual([
      ['Anne Selbu', 'Arrangøren'],
      ['Bjørn Selbu', 'Arrangøren'],
      ['Cecilie Selbu', 'Kommunen'],
    ])

    const { response: csvResponse, rows } = await csv('romliste')
    expect(csvResponse.headers.get('Content-Disposition')).toBe('attachment; filename="romliste-klimasamling-trondelag-2018.csv"')
    expect(rows).toEqual([
      ROOMING_HEADER,
      ['Anne Selbu', 'Selbu', '27.11.2018', '28.11.2018', '1', 'Arrangøren', 'Vegetar ("lakto-ovo")', 'Nøtter; skalldyr', 'Rullestol', ''],
      ['Bjørn Selbu', 'Selbu', '27.11.2018', '28.11.2018', '1', 'Arrangøren', '', '', 'Hørselsslynge', ''],
      ['Cecilie Selbu', 'Selbu', '27.11.2018', '28.11.2018', '1', 'Kommunen', '', 'Gluten', '', ''],
    ])
  })

  it('rooming list: a room kept by a cancellation after the deadline is listed as paid but empty, without the health data', async () => {
    const cecilie = await t.db.selectFrom('participant').select('id').where('name', '=', 'Cecilie Selbu').executeTakeFirstOrThrow()
    await cancelParticipant(t.db, TEST_MAIL, { userId: organiserId }, cecilie.id, now)
    expect((await t.db.selectFrom('participant').select('status').where('id', '=', cecilie.id).executeTakeFirstOrThrow()).status).toBe('late_cancelled')
    const { book } = await workbook('romliste')
    expect(
      values(book.worksheets[0])
        .slice(1)
        .map((r) => [r[0], r[5], r[7], r[9]]),
    ).toEqual([
      ['Anne Selbu', 'Arrangøren', 'Nøtter; skalldyr', null],
      ['Bjørn Selbu', 'Arrangøren', null, null],
      ['Cecilie Selbu', 'Kommunen', null, 'Meldt av etter fristen: rommet er bestilt og betales, men står tomt'],
    ])
    // Cancelled before the deadline, Erik gave his room back and is not on the list.
    expect(values(book.worksheets[0]).map((r) => r[0])).not.toContain('Erik Selbu')
  })

  it('participant list: contact details, role, days, dinner, sessions, coverage and what the municipality pays, no health data', async () => {
    const header = ['Navn', 'E-post', 'Telefon', 'Kommune', 'Stilling', 'Rolle', 'Dager', 'Middag', 'Sesjoner', 'Dekning', 'Kommunen betaler']
    const { book } = await workbook('deltakere')
    const sheet = book.worksheets[0]
    expect(values(sheet)).toEqual([
      header,
      [
        'Mona Meråker',
        'mona@meraker.example.no',
        null,
        'Meråker',
        'Rådgiver',
        'Rådgiver/saksbehandler',
        'Dag 1, Dag 2',
        'Nei',
        before[1]?.title,
        'Dekket dagpakke (Dag 1), ellers egenbetalt',
        650,
      ],
      [
        'Anne Selbu',
        'anne@selbu.example.no',
        '+47 912 34 567',
        'Selbu',
        'Kommunalsjef',
        'Kommunalsjef/leder',
        'Dag 1, Dag 2',
        'Ja',
        `${before[0]?.title}; ${after[2]?.title}`,
        'Dekket overnatting',
        0,
      ],
      [
        'Bjørn Selbu',
        'bjørn@selbu.example.no',
        null,
        'Selbu',
        'Rådgiver',
        'Rådgiver/saksbehandler',
        'Dag 1, Dag 2',
        'Ja',
        before[0]?.title,
        'Dekket overnatting',
        0,
      ],
      ['Cecilie Selbu', 'cecilie@selbu.example.no', null, 'Selbu', 'Rådgiver', 'Rådgiver/saksbehandler', 'Dag 1, Dag 2', 'Ja', null, 'Egenbetalt', 2500],
      ['David Selbu', 'david@selbu.example.no', null, 'Selbu', 'Ordfører', 'Ordfører', 'Dag 1', 'Ja', null, 'Dekket dagpakke', 450],
    ])
    expect(sheet?.getRow(2).getCell(11).numFmt).toBe('#,##0.00 "kr"')

    const { rows } = await csv('deltakere')
    expect(rows[0]).toEqual(header)
    expect(rows.slice(1).map((r) => [r[0], r[2], r[8], r[10]])).toEqual([
      ['Mona Meråker', '', before[1]?.title, '650,00'],
      ['Anne Selbu', '+47 912 34 567', `${before[0]?.title}; ${after[2]?.title}`, '0,00'],
      ['Bjørn Selbu', '', before[0]?.title, '0,00'],
      ['Cecilie Selbu', '', '', '2500,00'],
      ['David Selbu', '', '', '450,00'],
    ])
    const text = rows.flat().join('\n')
    for (const health of ['Vegetar', 'Nøtter', 'Gluten', 'Halal', 'Rullestol', 'Hørselsslynge']) expect(text).not.toContain(health)
  })

  it('session lists: one sheet per session with a valid, unique name; one CSV with a session column', async () => {
    const { book } = await workbook('sesjoner')
    const names = book.worksheets.map((s) => s.name)
    expect(names).toEqual([
      'Hvordan revidere klima- og ener',
      'Klimavennlig by-tettstedsutvikl',
      'Klimasmart landbruk',
      'Klimaledelse i kommunene – ved',
      'Hvordan revidere klima- og (2)',
      'Klimavennlig by-tettstedsut (2)',
      'Klimakrav i offentlige anskaffe',
      'Hvordan skape engasjement og et',
    ])
    for (const name of names) expect(name).toMatch(/^[^\\/?*:[\]]{1,31}$/)
    const header = ['Sesjon', 'Bolk', 'Navn', 'Kommune', 'Rolle']
    const first = before[0]?.title
    expect(values(book.worksheets[0])).toEqual([
      header,
      [first, BEFORE_LUNCH, 'Anne Selbu', 'Selbu', 'Kommunalsjef/leder'],
      [first, BEFORE_LUNCH, 'Bjørn Selbu', 'Selbu', 'Rådgiver/saksbehandler'],
    ])
    expect(values(book.worksheets[1])).toEqual([header, [before[1]?.title, BEFORE_LUNCH, 'Mona Meråker', 'Meråker', 'Rådgiver/saksbehandler']])
    // Erik cancelled: his session is empty.
    expect(values(book.worksheets[2])).toEqual([header])
    expect(values(book.worksheets[6])).toEqual([header, [after[2]?.title, AFTER_LUNCH, 'Anne Selbu', 'Selbu', 'Kommunalsjef/leder']])

    const { rows } = await csv('sesjoner')
    expect(rows).toEqual([
      header,
      [first, BEFORE_LUNCH, 'Anne Selbu', 'Selbu', 'Kommunalsjef/leder'],
      [first, BEFORE_LUNCH, 'Bjørn Selbu', 'Selbu', 'Rådgiver/saksbehandler'],
      [before[1]?.title, BEFORE_LUNCH, 'Mona Meråker', 'Meråker', 'Rådgiver/saksbehandler'],
      [after[2]?.title, AFTER_LUNCH, 'Anne Selbu', 'Selbu', 'Kommunalsjef/leder'],
    ])
  })

  it('diet list: participants with a diet, allergies or an accessibility need (only one of them is enough), with days and dinner', async () => {
    const header = ['Navn', 'Kommune', 'Dager', 'Middag', 'Kosthold', 'Allergier', 'Behov for tilrettelegging']
    const { book } = await workbook('kosthold')
    expect(values(book.worksheets[0])).toEqual([
      header,
      ['Mona Meråker', 'Meråker', 'Dag 1, Dag 2', 'Nei', 'Halal', null, null],
      ['Anne Selbu', 'Selbu', 'Dag 1, Dag 2', 'Ja', 'Vegetar ("lakto-ovo")', 'Nøtter; skalldyr', 'Rullestol'],
      ['Bjørn Selbu', 'Selbu', 'Dag 1, Dag 2', 'Ja', null, null, 'Hørselsslynge'],
      ['Cecilie Selbu', 'Selbu', 'Dag 1, Dag 2', 'Ja', null, 'Gluten', null],
    ])
    const { rows } = await csv('kosthold')
    expect(rows).toEqual([
      header,
      ['Mona Meråker', 'Meråker', 'Dag 1, Dag 2', 'Nei', 'Halal', '', ''],
      ['Anne Selbu', 'Selbu', 'Dag 1, Dag 2', 'Ja', 'Vegetar ("lakto-ovo")', 'Nøtter; skalldyr', 'Rullestol'],
      ['Bjørn Selbu', 'Selbu', 'Dag 1, Dag 2', 'Ja', '', '', 'Hørselsslynge'],
      ['Cecilie Selbu', 'Selbu', 'Dag 1, Dag 2', 'Ja', '', 'Gluten', ''],
    ])
  })

  it('invoice basis: per municipality the self-paid packages and dinners, priced, with a total, in kroner', async () => {
    const header = [
      'Kommune',
      'Overnattingspakker',
      'Pris overnattingspakke',
      'Sum overnattingspakker',
      'Dagpakker',
      'Pris dagpakke',
      'Sum dagpakker',
      'Middager',
      'Pris middag',
      'Sum middager',
      'Sum',
      'Herav sene avmeldinger',
      'Frafalt',
      'Å fakturere',
      'Merknad',
      'Ikke møtt',
      'Møtte ikke',
    ]
    const { response, book } = await workbook('faktura')
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="fakturagrunnlag-klimasamling-trondelag-2018.xlsx"')
    const sheet = book.worksheets[0]
    expect(values(sheet)).toEqual([
      header,
      ['Meråker', 0, 2500, 0, 1, 650, 650, 0, 450, 0, 650, 0, 0, 650, null, 0, null],
      ['Selbu', 1, 2500, 2500, 0, 650, 0, 1, 450, 450, 2950, 0, 0, 2950, null, 0, null],
    ])
    expect(sheet?.getRow(3).getCell(11).numFmt).toBe('#,##0.00 "kr"')
    const { rows } = await csv('faktura')
    expect(rows).toEqual([
      header,
      ['Meråker', '0', '2500,00', '0,00', '1', '650,00', '650,00', '0', '450,00', '0,00', '650,00', '0', '0,00', '650,00', '', '0', ''],
      ['Selbu', '1', '2500,00', '2500,00', '0', '650,00', '0,00', '1', '450,00', '450,00', '2950,00', '0', '0,00', '2950,00', '', '0', ''],
    ])
  })

  it('writes each download to the audit log', async () => {
    await download('romliste', 'xlsx')
    await download('kosthold', 'csv')
    const rows = await t.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'actor_label', 'event_id', 'entity_type', 'entity_id', 'after'])
      .where('action', '=', 'export.downloaded')
      .orderBy('id')
      .execute()
    expect(rows).toEqual([
      {
        actor_user_id: organiserId,
        actor_label: 'organiser',
        event_id: tr,
        entity_type: 'event',
        entity_id: tr,
        after: { list: 'romliste', format: 'xlsx', rows: 3 },
      },
      {
        actor_user_id: organiserId,
        actor_label: 'organiser',
        event_id: tr,
        entity_type: 'event',
        entity_id: tr,
        after: { list: 'kosthold', format: 'csv', rows: 4 },
      },
    ])
  })

  it('are 404 for a contact person and a stranger, for unknown lists, formats and nights; login first without a session', async () => {
    for (const cookie of [cookies.contact, cookies.stranger]) {
      for (const list of EXPORT_LISTS) expect((await get(`/arrangor/${tr}/eksport/${list}?format=xlsx`, cookie, list)).status).toBe(404)
      const page = await respond(() =>
        pageLoader({ request: new Request(`http://localhost/arrangor/${tr}/eksport`, { headers: { Cookie: cookie } }), params: { eventId: tr }, context }),
      )
      expect(page.status).toBe(404)
    }
    const mrNight = (
      await t.db
        .selectFrom('hotel_night')
        .select('id')
        .where('event_id', '=', await eventId(t.db, MR))
        .executeTakeFirstOrThrow()
    ).id
    for (const [list, query] of [
      ['gjester', 'format=xlsx'],
      ['romliste', 'format=pdf'],
      ['romliste', `format=xlsx&natt=${randomUUID()}`],
      ['romliste', `format=xlsx&natt=${mrNight}`],
      ['romliste', 'format=xlsx&natt=1'],
    ] as const) {
      expect((await get(`/arrangor/${tr}/eksport/${list}?${query}`, cookies.organiser, list)).status, `${list}?${query}`).toBe(404)
    }
    const anonymous = await get(`/arrangor/${tr}/eksport/romliste?format=xlsx`, '', 'romliste')
    expect(anonymous.status).toBe(302)
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'export.downloaded').execute()).toEqual([])
  })

  it('in nynorsk: headers, sheet names, file names and the values written, for an organiser who reads nynorsk', async () => {
    const { response, book } = await workbook('deltakere', '&maalform=nn')
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="deltakarar-klimasamling-trondelag-2018.xlsx"')
    expect(book.worksheets.map((s) => s.name)).toEqual(['Deltakarar'])
    const rows = values(book.worksheets[0])
    expect(rows[0]).toEqual(['Namn', 'E-post', 'Telefon', 'Kommune', 'Stilling', 'Rolle', 'Dagar', 'Middag', 'Sesjonar', 'Dekning', 'Kommunen betaler'])
    // Names and what people typed stay as they are; role labels, yes and no and the coverage are in nynorsk.
    expect(rows[1]).toEqual([
      'Mona Meråker',
      'mona@meraker.example.no',
      null,
      'Meråker',
      'Rådgiver',
      'Rådgivar/sakshandsamar',
      'Dag 1, Dag 2',
      'Nei',
      before[1]?.title,
      'Dekt dagpakke (Dag 1), elles eigenbetalt',
      650,
    ])

    const rooming = await csv('romliste', '&maalform=nn')
    expect(rooming.response.headers.get('Content-Disposition')).toBe('attachment; filename="romliste-klimasamling-trondelag-2018.csv"')
    expect(rooming.rows[0]).toEqual([
      'Namn',
      'Kommune',
      'Ankomst',
      'Avreise',
      'Netter',
      'Blir betalt av',
      'Kosthald',
      'Allergiar',
      'Behov for tilrettelegging',
      'Merknad',
    ])
    const diet = await csv('kosthold', '&maalform=nn')
    expect(diet.response.headers.get('Content-Disposition')).toBe('attachment; filename="kosthald-klimasamling-trondelag-2018.csv"')
    expect(diet.rows[0]).toEqual(['Namn', 'Kommune', 'Dagar', 'Middag', 'Kosthald', 'Allergiar', 'Behov for tilrettelegging'])
    const invoice = await csv('faktura', '&maalform=nn')
    expect(invoice.rows[0]).toContain('Av dette seine avmeldingar')
    expect(invoice.rows[0]).toContain('Ikkje møtt')
    const attendance = await csv('oppmote', '&maalform=nn')
    expect(attendance.rows[0]).toEqual(['Namn', 'Kommune', 'Dagar', 'Møtte', 'Møtte ikkje', 'Webinar'])
    const sessions = await csv('sesjoner', '&maalform=nn')
    expect(sessions.response.headers.get('Content-Disposition')).toBe('attachment; filename="sesjonar-klimasamling-trondelag-2018.csv"')
    expect(sessions.rows[0]).toEqual(['Sesjon', 'Bolk', 'Namn', 'Kommune', 'Rolle'])
    // No bokmål-only word in any header.
    for (const header of [rows[0], rooming.rows[0], diet.rows[0], invoice.rows[0], attendance.rows[0]]) {
      expect((header ?? []).join(' ')).not.toMatch(/\b(Navn|Dager|Sesjoner|Kosthold|Allergier|Betales|Ikke|Herav|Webinarer|Deltakere)\b/)
    }
    // Bokmål as before, for the same organiser without the parameter.
    expect((await csv('deltakere')).rows[0]?.[0]).toBe('Navn')
  })

  it('the page names every list with its Excel and CSV links', async () => {
    const response = await respond(() =>
      pageLoader({
        request: new Request(`http://localhost/arrangor/${tr}/eksport`, { headers: { Cookie: cookies.organiser } }),
        params: { eventId: tr },
        context,
      }),
    )
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ event: { id: tr }, nights: [{ id: nightId, label: '27.–28. november 2018' }] })
  })

  it('exports 10 000 participants in a few set-based queries', async () => {
    await sql`
      insert into participant (registration_id, name, email, title, role_category, coverage_rank, attends_dinner, diet, allergies, accessibility_needs)
      select regs.ids[1 + g % array_length(regs.ids, 1)], 'Deltaker ' || g, 'd' || g || '@example.no', 'Rådgiver', 'radgiver', 100 + g,
             g % 2 = 0, case when g % 7 = 0 then 'Vegetar' end, case when g % 11 = 0 then 'Nøtter' end, case when g % 13 = 0 then 'Rullestol' end
      from generate_series(1, 10000) g, (select array_agg(id order by id) ids from registration where event_id = ${tr}) regs`.execute(t.db)
    await sql`
      insert into participant_day (participant_id, event_day_id, is_covered_day_package)
      select p.id, d.id, false from participant p cross join event_day d where p.name like 'Deltaker %' and d.event_id = ${tr}`.execute(t.db)
    await sql`
      insert into participant_night (participant_id, hotel_night_id, is_covered)
      select p.id, n.id, p.coverage_rank % 4 = 0 from participant p cross join hotel_night n
      where p.name like 'Deltaker %' and p.coverage_rank % 2 = 0 and n.event_id = ${tr}`.execute(t.db)
    await sql`
      insert into session_choice (participant_id, program_item_id, slot_id)
      select p.id, i.id, i.slot_id from participant p
      join (select id, slot_id, row_number() over (partition by slot_id order by sort_order, id) - 1 as k
            from program_item where event_id = ${tr} and slot_id is not null) i on i.k = p.coverage_rank % 4
      where p.name like 'Deltaker %'`.execute(t.db)
    // Every invited municipality now has self-paid overnight participants.
    const municipalities = (await t.db.selectFrom('registration').select('id').where('event_id', '=', tr).execute()).length
    expect(municipalities).toBeGreaterThan(40)
    const expected = { romliste: 5003, deltakere: 10005, sesjoner: 20004, kosthold: 2812, faktura: municipalities, oppmote: 10005 }
    // Every statement an export sends, counted.
    let statements = 0
    const counted = t.db.withPlugin({
      transformQuery: (args) => {
        statements += 1
        return args.node
      },
      transformResult: async (args) => args.result,
    })
    for (const list of EXPORT_LISTS) {
      for (const format of ['xlsx', 'csv'] as const) {
        statements = 0
        const file = await exportList(counted, { userId: organiserId }, tr, { list, format }, now, 'nb')
        expect(file?.rows, `${list} ${format}`).toBe(expected[list])
        // The access check, one or two reads (the invoice basis and the attendance list a third: the days with who came, and the
        // webinars joined), the audit row: never a query per participant.
        expect(statements, `${list} ${format}`).toBeLessThanOrEqual(list === 'faktura' || list === 'oppmote' ? 5 : 4)
      }
    }
  })
})
