import { PassThrough } from 'node:stream'
import ExcelJS from 'exceljs'
import type { Kysely } from 'kysely'
import type { Database, Event, LanguageForm } from '../../db/schema'
import { selfPaidParts } from '~/domain/coverage'
import { type CsvField, toCsv } from '~/domain/csv'
import { formatNight, type IsoDate } from '~/domain/dates'
import { type Charge, chargeOf, extrasPricingOf, isBillable, sumOre } from '~/domain/money'
import { texts } from '~/domain/language'
import { isRoleCategory, ROLE_CATEGORY_LABELS } from '~/domain/roles'
import { findEventFor } from './access.server'
import { missedDays, readDaysWithArrivals } from './attendance.server'
import { writeAudit } from './audit.server'
import { coverageOf, type EventParticipant, readEventParticipants } from './event-participants.server'
import type { Actor } from './users.server'

/**
 * The organiser's exports: the hotel's rooming list, the participant
 * list, a list per session, the kitchen's diet list and the invoice basis per
 * municipality, as XLSX or CSV. Each reads the whole event in one or two
 * set-based queries (an event may have 10 000 participants), is for the
 * event's organisers only, and is written to the audit log. Diet, allergies
 * and accessibility needs are health data (DESIGN.md §3): only the rooming
 * list and the diet list carry them.
 *
 * Headers, sheet names, the words of file names and the values written (yes
 * and no, who pays, coverage) are in the written form of the organiser who
 * downloads (decision 54); names, municipalities and what people typed are as
 * they are.
 */

const text = texts({
  nb: {
    files: { romliste: 'romliste', deltakere: 'deltakere', sesjoner: 'sesjoner', kosthold: 'kosthold', faktura: 'fakturagrunnlag', oppmote: 'oppmote' },
    sheets: {
      rooming: 'Romliste',
      roomingNight: (date: string) => `Romliste ${date}`,
      participants: 'Deltakere',
      diet: 'Kosthold',
      invoice: 'Fakturagrunnlag',
      attendance: 'Oppmøte',
      sessions: 'Sesjoner',
    },
    headers: {
      name: 'Navn',
      municipality: 'Kommune',
      arrival: 'Ankomst',
      departure: 'Avreise',
      nights: 'Netter',
      paidBy: 'Betales av',
      diet: 'Kosthold',
      allergies: 'Allergier',
      accessibility: 'Behov for tilrettelegging',
      note: 'Merknad',
      email: 'E-post',
      phone: 'Telefon',
      title: 'Stilling',
      role: 'Rolle',
      days: 'Dager',
      dinner: 'Middag',
      sessions: 'Sesjoner',
      coverage: 'Dekning',
      municipalityPays: 'Kommunen betaler',
      overnightPackages: 'Overnattingspakker',
      overnightPrice: 'Pris overnattingspakke',
      overnightSum: 'Sum overnattingspakker',
      dayPackages: 'Dagpakker',
      dayPackagePrice: 'Pris dagpakke',
      dayPackageSum: 'Sum dagpakker',
      dinners: 'Middager',
      dinnerPrice: 'Pris middag',
      dinnerSum: 'Sum middager',
      sum: 'Sum',
      lateCancellations: 'Herav sene avmeldinger',
      waived: 'Frafalt',
      toInvoice: 'Å fakturere',
      noShowCount: 'Ikke møtt',
      noShows: 'Møtte ikke',
      attended: 'Møtte',
      webinars: 'Webinarer',
      session: 'Sesjon',
      slot: 'Bolk',
    },
    yes: 'Ja',
    no: 'Nei',
    organisers: 'Arrangøren',
    municipality: 'Kommunen',
    night: (night: string) => `natten ${night}`,
    bothPay: (covered: string, paid: string) => `Arrangøren (${covered}), kommunen (${paid})`,
    lateCancelledRoom: 'Meldt av etter fristen: rommet er bestilt og betales, men står tomt',
    coveredOvernight: 'Dekket overnatting',
    selfPaid: 'Egenbetalt',
    coveredDayPackage: 'Dekket dagpakke',
    coveredSomeDays: (days: string) => `Dekket dagpakke (${days}), ellers egenbetalt`,
    lateCancellation: 'sen avmelding, bindende',
    waivedBecause: (reason: string) => `frafalt: ${reason}`,
  },
  nn: {
    files: { romliste: 'romliste', deltakere: 'deltakarar', sesjoner: 'sesjonar', kosthold: 'kosthald', faktura: 'fakturagrunnlag', oppmote: 'oppmote' },
    sheets: {
      rooming: 'Romliste',
      roomingNight: (date: string) => `Romliste ${date}`,
      participants: 'Deltakarar',
      diet: 'Kosthald',
      invoice: 'Fakturagrunnlag',
      attendance: 'Oppmøte',
      sessions: 'Sesjonar',
    },
    headers: {
      name: 'Namn',
      municipality: 'Kommune',
      arrival: 'Ankomst',
      departure: 'Avreise',
      nights: 'Netter',
      paidBy: 'Blir betalt av',
      diet: 'Kosthald',
      allergies: 'Allergiar',
      accessibility: 'Behov for tilrettelegging',
      note: 'Merknad',
      email: 'E-post',
      phone: 'Telefon',
      title: 'Stilling',
      role: 'Rolle',
      days: 'Dagar',
      dinner: 'Middag',
      sessions: 'Sesjonar',
      coverage: 'Dekning',
      municipalityPays: 'Kommunen betaler',
      overnightPackages: 'Overnattingspakkar',
      overnightPrice: 'Pris overnattingspakke',
      overnightSum: 'Sum overnattingspakkar',
      dayPackages: 'Dagpakkar',
      dayPackagePrice: 'Pris dagpakke',
      dayPackageSum: 'Sum dagpakkar',
      dinners: 'Middagar',
      dinnerPrice: 'Pris middag',
      dinnerSum: 'Sum middagar',
      sum: 'Sum',
      lateCancellations: 'Av dette seine avmeldingar',
      waived: 'Fråfalle',
      toInvoice: 'Å fakturere',
      noShowCount: 'Ikkje møtt',
      noShows: 'Møtte ikkje',
      attended: 'Møtte',
      webinars: 'Webinar',
      session: 'Sesjon',
      slot: 'Bolk',
    },
    yes: 'Ja',
    no: 'Nei',
    organisers: 'Arrangøren',
    municipality: 'Kommunen',
    night: (night: string) => `natta ${night}`,
    bothPay: (covered: string, paid: string) => `Arrangøren (${covered}), kommunen (${paid})`,
    lateCancelledRoom: 'Meldt av etter fristen: rommet er bestilt og blir betalt, men står tomt',
    coveredOvernight: 'Dekt overnatting',
    selfPaid: 'Eigenbetalt',
    coveredDayPackage: 'Dekt dagpakke',
    coveredSomeDays: (days: string) => `Dekt dagpakke (${days}), elles eigenbetalt`,
    lateCancellation: 'sein avmelding, bindande',
    waivedBecause: (reason: string) => `fråfalle: ${reason}`,
  },
})

type Text = (typeof text)['nb']

export const EXPORT_LISTS = ['romliste', 'deltakere', 'sesjoner', 'kosthold', 'faktura', 'oppmote'] as const
export type ExportList = (typeof EXPORT_LISTS)[number]
export const EXPORT_FORMATS = ['xlsx', 'csv'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

export interface ExportRequest {
  list: ExportList
  format: ExportFormat
  /** The rooming list for one hotel night only. */
  nightId?: string | null
}

export interface ExportFile {
  filename: string
  contentType: string
  body: Uint8Array<ArrayBuffer>
  /** Data rows, headers not counted. */
  rows: number
}

const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
}

/** What the export page offers: the event and its hotel nights (for a rooming list per night). Null unless the actor organises the event. */
export async function getExportChoices(db: Kysely<Database>, actor: Actor, eventId: string) {
  const event = (await findEventFor(db, actor, eventId, 'exports.read'))?.event
  if (!event) return null
  const nights = await db.selectFrom('hotel_night').select(['id', 'night_date']).where('event_id', '=', eventId).orderBy('night_date').execute()
  return { event, nights }
}

/**
 * One export as a file, written to the audit log. Null when the actor does
 * not organise the event or the night is not one of its nights, which the
 * route answers with 404.
 */
export async function exportList(
  db: Kysely<Database>,
  actor: Actor,
  eventId: string,
  request: ExportRequest,
  now: Date,
  languageForm: LanguageForm,
): Promise<ExportFile | null> {
  const found = await findEventFor(db, actor, eventId, 'exports.read')
  if (!found) return null
  const { event, role } = found
  const built = await buildList(db, event, request, now, languageForm)
  if (!built) return null
  const { sheets, name } = built
  const rows = sheets.reduce((n, s) => n + s.rows.length, 0)
  const body = request.format === 'xlsx' ? await toXlsx(sheets, now) : Buffer.from(toCsv(csvRows(sheets)), 'utf8')
  await writeAudit(db, {
    actorUserId: actor.userId,
    actorLabel: role,
    action: 'export.downloaded',
    entityType: 'event',
    entityId: event.id,
    eventId: event.id,
    after: { list: request.list, format: request.format, rows },
    at: now,
  })
  return { filename: `${name}-${event.slug}.${request.format}`, contentType: CONTENT_TYPES[request.format], body, rows }
}

// --- The lists ---------------------------------------------------------------

/** How a column's cells are written: text; a date ('YYYY-MM-DD'); an amount in øre, shown in kroner; a count. */
type ColumnKind = 'text' | 'date' | 'kroner' | 'count'

interface Column {
  header: string
  kind?: ColumnKind
}

type Cell = string | number | null

interface Sheet {
  name: string
  columns: Column[]
  rows: Cell[][]
}

async function buildList(
  db: Kysely<Database>,
  event: Event,
  request: ExportRequest,
  now: Date,
  languageForm: LanguageForm,
): Promise<{ name: string; sheets: Sheet[] } | null> {
  const t = text[languageForm]
  const name = t.files[request.list]
  switch (request.list) {
    case 'romliste':
      return roomingList(db, event, request.nightId ?? null, languageForm)
    case 'deltakere':
      return { name, sheets: [participantList(event, await readEventParticipants(db, event.id), languageForm)] }
    case 'sesjoner':
      return { name, sheets: await sessionLists(db, event.id, languageForm) }
    case 'kosthold':
      return { name, sheets: [dietList(await readEventParticipants(db, event.id, { healthNeedsOnly: true }), t)] }
    case 'faktura':
      return { name, sheets: [await invoiceBasis(db, event, now, t)] }
    case 'oppmote':
      return { name, sheets: [await attendanceList(db, event, now, t)] }
  }
}

const collator = new Intl.Collator('nb')
const byMunicipalityAndName = (a: { municipality: string; name: string }, b: { municipality: string; name: string }) =>
  collator.compare(a.municipality, b.municipality) || collator.compare(a.name, b.name)

type ExportParticipant = EventParticipant

function amountOf(event: Event, p: ExportParticipant): number | null {
  const { participant, assignment } = coverageOf(p)
  return chargeOf({ ...participant, status: p.status, waiverReason: null }, assignment, event).amountOre
}

const yesNo = (value: boolean, t: Text) => (value ? t.yes : t.no)
const roleLabel = (role: string, languageForm: LanguageForm) => (isRoleCategory(role) ? ROLE_CATEGORY_LABELS[languageForm][role] : role)

/**
 * The hotel's list: everyone staying, or everyone staying the night `nightId`, by name, with diet, allergies and accessibility needs (a room that fits).
 * A participant cancelled after the deadline keeps their rooms (binding registration, decision 31), so their rooms are listed too, marked as
 * paid but empty, without their health data: the hotel's count of rooms then matches the block the organisers are billed for.
 */
async function roomingList(
  db: Kysely<Database>,
  event: Event,
  nightId: string | null,
  languageForm: LanguageForm,
): Promise<{ name: string; sheets: Sheet[] } | null> {
  const t = text[languageForm]
  let night: { id: string; night_date: IsoDate } | undefined
  if (nightId) {
    night = await db.selectFrom('hotel_night').select(['id', 'night_date']).where('id', '=', nightId).where('event_id', '=', event.id).executeTakeFirst()
    if (!night) return null
  }
  const guests = (await readEventParticipants(db, event.id, { allStatuses: true }))
    .filter((p) => p.status === 'active' || p.status === 'late_cancelled')
    .filter((p) => (night ? p.night_dates.includes(night.night_date) : p.night_dates.length > 0))
  guests.sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.municipality, b.municipality))
  const rows = guests.map((p): Cell[] => {
    const first = p.night_dates[0] ?? ''
    const last = p.night_dates.at(-1) ?? first
    const payer = night ? (p.nights_covered[p.night_dates.indexOf(night.night_date)] ? t.organisers : t.municipality) : payerOf(p, t)
    if (p.status === 'late_cancelled') {
      return [p.name, p.municipality, first, nextDay(last), p.night_dates.length, payer, null, null, null, t.lateCancelledRoom]
    }
    return [p.name, p.municipality, first, nextDay(last), p.night_dates.length, payer, p.diet, p.allergies, p.accessibility_needs, null]
  })
  return {
    name: night ? `${t.files.romliste}-${night.night_date}` : t.files.romliste,
    sheets: [
      {
        name: night ? t.sheets.roomingNight(shortDate(night.night_date)) : t.sheets.rooming,
        columns: [
          { header: t.headers.name },
          { header: t.headers.municipality },
          { header: t.headers.arrival, kind: 'date' },
          { header: t.headers.departure, kind: 'date' },
          { header: t.headers.nights, kind: 'count' },
          { header: t.headers.paidBy },
          { header: t.headers.diet },
          { header: t.headers.allergies },
          { header: t.headers.accessibility },
          { header: t.headers.note },
        ],
        rows,
      },
    ],
  }
}

/** Who pays the participant's nights: the organisers for covered nights, the municipality for the others. */
function payerOf(p: ExportParticipant, t: Text): string {
  const covered = p.night_dates.filter((_, i) => p.nights_covered[i])
  const paid = p.night_dates.filter((_, i) => !p.nights_covered[i])
  if (paid.length === 0) return t.organisers
  if (covered.length === 0) return t.municipality
  const nights = (dates: IsoDate[]) => dates.map((d) => t.night(formatNight(d))).join(', ')
  return t.bothPay(nights(covered), nights(paid))
}

/** The coverage in one word or three, as the contact person sees it. */
function coverageLabel(p: ExportParticipant, t: Text): string {
  if (p.nights_covered.some(Boolean)) return t.coveredOvernight
  if (p.covered_days.length === 0) return t.selfPaid
  if (p.covered_days.length === p.days.length) return t.coveredDayPackage
  const labelOf = (date: IsoDate) => p.day_labels[p.days.indexOf(date)] ?? date
  return t.coveredSomeDays(p.covered_days.map(labelOf).join(', '))
}

/** Everyone, with contact details, what they attend and what their municipality pays; no health data. */
function participantList(event: Event, people: ExportParticipant[], languageForm: LanguageForm): Sheet {
  const t = text[languageForm]
  const h = t.headers
  return {
    name: t.sheets.participants,
    columns: [
      { header: h.name },
      { header: h.email },
      { header: h.phone },
      { header: h.municipality },
      { header: h.title },
      { header: h.role },
      { header: h.days },
      { header: h.dinner },
      { header: h.sessions },
      { header: h.coverage },
      { header: h.municipalityPays, kind: 'kroner' },
    ],
    rows: people.map((p) => [
      p.name,
      p.email,
      p.phone,
      p.municipality,
      p.title,
      roleLabel(p.role_category, languageForm),
      p.day_labels.join(', '),
      yesNo(p.attends_dinner, t),
      p.sessions.join('; '),
      coverageLabel(p, t),
      amountOf(event, p),
    ]),
  }
}

/** The kitchen's and the venue's list: participants with a diet, allergies or an accessibility need, when they eat, and what they need. */
function dietList(people: ExportParticipant[], t: Text): Sheet {
  const h = t.headers
  return {
    name: t.sheets.diet,
    columns: [
      { header: h.name },
      { header: h.municipality },
      { header: h.days },
      { header: h.dinner },
      { header: h.diet },
      { header: h.allergies },
      { header: h.accessibility },
    ],
    rows: people.map((p) => [p.name, p.municipality, p.day_labels.join(', '), yesNo(p.attends_dinner, t), p.diet, p.allergies, p.accessibility_needs]),
  }
}

/**
 * Per municipality what it pays, by the one rule for money (`chargeOf`,
 * decisions 23 and 31): an overnight package for each self-paid overnight
 * participant, a day package for each day not covered of a participant
 * without a night, and dinner for a participant without a night. Late
 * cancellations stay billable and are counted; what an organiser waived is
 * shown, with who and why, and left out of what is to be invoiced.
 * Municipalities that owe and were waived nothing are left out, unless
 * someone of theirs did not come. An amount whose price is not set (or is to
 * be agreed) is empty.
 *
 * No-shows (decision 047, derived from the desk's check-ins once a day has
 * ended, app/domain/attendance.ts) are counted per municipality and named
 * with the days they missed ("Møtte ikke"); they stay billable as any
 * active participant, so what they cost is in the sums unless waived.
 */
async function invoiceBasis(db: Kysely<Database>, event: Event, now: Date, t: Text): Promise<Sheet> {
  const [all, waivers, days] = await Promise.all([
    readEventParticipants(db, event.id, { allStatuses: true }),
    db
      .selectFrom('participant')
      .innerJoin('registration', 'registration.id', 'participant.registration_id')
      .select(['participant.id', 'participant.charge_waived_reason'])
      .where('registration.event_id', '=', event.id)
      .where('participant.charge_waived_reason', 'is not', null)
      .execute(),
    readDaysWithArrivals(db, event.id),
  ])
  const waiverOf = new Map(waivers.map((w) => [w.id, w.charge_waived_reason]))
  const attendance = missedDays(days, all, now)
  type Line = {
    municipality: string
    overnight: number
    dayPackages: number
    dinners: number
    late: number
    charges: Charge[]
    notes: string[]
    noShows: string[]
  }
  const byRegistration = new Map<string, Line>()
  for (const p of all.filter((x) => isBillable(x.status))) {
    const { participant, assignment } = coverageOf(p)
    const line = byRegistration.get(p.registration_id) ?? {
      municipality: p.municipality,
      overnight: 0,
      dayPackages: 0,
      dinners: 0,
      late: 0,
      charges: [],
      notes: [],
      noShows: [],
    }
    const charge = chargeOf({ ...participant, status: p.status, waiverReason: waiverOf.get(p.id) ?? null }, assignment, event)
    const parts = selfPaidParts(participant, assignment)
    line.overnight += parts.overnightPackages
    line.dayPackages += parts.dayPackages
    line.dinners += parts.dinners
    line.charges.push(charge)
    if (charge.lateCancelled && charge.amountOre !== 0) line.late += 1
    if (charge.lateCancelled || (charge.waived && charge.amountOre !== 0)) {
      const what = [charge.lateCancelled ? t.lateCancellation : '', charge.waived && charge.amountOre !== 0 ? t.waivedBecause(charge.waiverReason ?? '') : '']
      line.notes.push(`${p.name}: ${what.filter(Boolean).join('; ')}`)
    }
    const missed = attendance.daysMissed.get(p.id)
    if (missed) line.noShows.push(`${p.name} (${missed.map((d) => d.label).join(', ')})`)
    byRegistration.set(p.registration_id, line)
  }
  const pricing = extrasPricingOf(event)
  const times = (count: number, price: number | null) => (count === 0 || pricing === 'free' ? 0 : pricing === 'agreed' || price === null ? null : count * price)
  const rows = [...byRegistration.values()]
    .filter((l) => l.charges.some((c) => c.amountOre !== 0) || l.noShows.length > 0)
    .sort((a, b) => collator.compare(a.municipality, b.municipality))
    .map((l): Cell[] => {
      const sums = [
        times(l.overnight, event.price_overnight_package_ore),
        times(l.dayPackages, event.price_day_package_ore),
        times(l.dinners, event.price_dinner_ore),
      ]
      const waived = l.charges.filter((c) => c.waived)
      return [
        l.municipality,
        l.overnight,
        event.price_overnight_package_ore,
        sums[0] ?? null,
        l.dayPackages,
        event.price_day_package_ore,
        sums[1] ?? null,
        l.dinners,
        event.price_dinner_ore,
        sums[2] ?? null,
        sumOre(l.charges.map((c) => c.amountOre)),
        l.late,
        sumOre(waived.map((c) => c.amountOre)),
        sumOre(l.charges.map((c) => c.owedOre)),
        l.notes.join('. '),
        l.noShows.length,
        l.noShows.join('; '),
      ]
    })
  return {
    name: t.sheets.invoice,
    columns: [
      { header: t.headers.municipality },
      { header: t.headers.overnightPackages, kind: 'count' },
      { header: t.headers.overnightPrice, kind: 'kroner' },
      { header: t.headers.overnightSum, kind: 'kroner' },
      { header: t.headers.dayPackages, kind: 'count' },
      { header: t.headers.dayPackagePrice, kind: 'kroner' },
      { header: t.headers.dayPackageSum, kind: 'kroner' },
      { header: t.headers.dinners, kind: 'count' },
      { header: t.headers.dinnerPrice, kind: 'kroner' },
      { header: t.headers.dinnerSum, kind: 'kroner' },
      { header: t.headers.sum, kind: 'kroner' },
      { header: t.headers.lateCancellations, kind: 'count' },
      { header: t.headers.waived, kind: 'kroner' },
      { header: t.headers.toInvoice, kind: 'kroner' },
      { header: t.headers.note },
      { header: t.headers.noShowCount, kind: 'count' },
      { header: t.headers.noShows },
    ],
    rows,
  }
}

/**
 * Who came (decision 047): every active participant with the days they came
 * (checked in at the desk), the days they did not come to (once the day has
 * ended, by the one rule in app/domain/attendance.ts) and the webinars they
 * joined. No health data.
 */
async function attendanceList(db: Kysely<Database>, event: Event, now: Date, t: Text): Promise<Sheet> {
  const [people, days, webinars] = await Promise.all([
    readEventParticipants(db, event.id),
    readDaysWithArrivals(db, event.id),
    db
      .selectFrom('webinar_attendance')
      .innerJoin('program_item', 'program_item.id', 'webinar_attendance.program_item_id')
      .select(['webinar_attendance.participant_id', 'program_item.title'])
      .where('program_item.event_id', '=', event.id)
      .orderBy('program_item.starts_at')
      .orderBy('program_item.title')
      .execute(),
  ])
  const { arrived, daysMissed } = missedDays(days, people, now)
  const joined = new Map<string, string[]>()
  for (const w of webinars) joined.set(w.participant_id, [...(joined.get(w.participant_id) ?? []), w.title])
  return {
    name: t.sheets.attendance,
    columns: [
      { header: t.headers.name },
      { header: t.headers.municipality },
      { header: t.headers.days },
      { header: t.headers.attended },
      { header: t.headers.noShows },
      { header: t.headers.webinars },
    ],
    rows: people.map((p) => [
      p.name,
      p.municipality,
      p.day_labels.join(', '),
      days
        .filter((d) => arrived(p.id, d.id))
        .map((d) => d.label)
        .join(', '),
      (daysMissed.get(p.id) ?? []).map((d) => d.label).join(', '),
      (joined.get(p.id) ?? []).join('; '),
    ]),
  }
}

/** One sheet per session (parallel sessions and items with sign-up), in program order, even when nobody has chosen it. */
async function sessionLists(db: Kysely<Database>, eventId: string, languageForm: LanguageForm): Promise<Sheet[]> {
  const t = text[languageForm]
  const [sessions, choices] = await Promise.all([
    db
      .selectFrom('program_item')
      .leftJoin('program_slot', 'program_slot.id', 'program_item.slot_id')
      .select(['program_item.id', 'program_item.title', 'program_slot.label as slot'])
      .where('program_item.event_id', '=', eventId)
      .where((eb) => eb.or([eb('program_item.slot_id', 'is not', null), eb('program_item.requires_signup', '=', true)]))
      .orderBy('program_item.starts_at')
      .orderBy('program_item.sort_order')
      .orderBy('program_item.title')
      .orderBy('program_item.id')
      .execute(),
    db
      .selectFrom('session_choice')
      .innerJoin('participant', 'participant.id', 'session_choice.participant_id')
      .innerJoin('registration', 'registration.id', 'participant.registration_id')
      .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
      .select(['session_choice.program_item_id', 'participant.name', 'participant.role_category', 'municipality.name as municipality'])
      .where('registration.event_id', '=', eventId)
      .where('participant.status', '=', 'active')
      .execute(),
  ])
  const bySession = new Map<string, typeof choices>()
  for (const c of choices) bySession.set(c.program_item_id, [...(bySession.get(c.program_item_id) ?? []), c])
  const h = t.headers
  const columns: Column[] = [{ header: h.session }, { header: h.slot }, { header: h.name }, { header: h.municipality }, { header: h.role }]
  if (sessions.length === 0) return [{ name: t.sheets.sessions, columns, rows: [] }]
  return sessions.map((s) => ({
    name: s.title,
    columns,
    rows: (bySession.get(s.id) ?? [])
      .sort(byMunicipalityAndName)
      .map((c) => [s.title, s.slot ?? '', c.name, c.municipality, roleLabel(c.role_category, languageForm)]),
  }))
}

// --- Dates ---------------------------------------------------------------------

/** The day after a calendar day: the departure after the last night. */
function nextDay(date: IsoDate): IsoDate {
  if (!date) return date
  return new Date(Date.parse(`${date}T00:00:00Z`) + 24 * 60 * 60 * 1000).toISOString().slice(0, 10)
}

/** '2018-11-27' → '27.11.2018', as Norwegian Excel reads a date in a CSV file. */
function shortDate(date: IsoDate): string {
  const [y, m, d] = date.split('-')
  return `${d}.${m}.${y}`
}

// --- Writing -------------------------------------------------------------------

/** Rows for CSV: one header and every sheet's rows below it (the sheets of one list share their columns). */
function csvRows(sheets: Sheet[]): CsvField[][] {
  const columns = sheets[0]?.columns ?? []
  const rows: CsvField[][] = [columns.map((c) => c.header)]
  for (const sheet of sheets) {
    for (const row of sheet.rows) rows.push(row.map((value, i) => csvValue(value, columns[i]?.kind)))
  }
  return rows
}

function csvValue(value: Cell, kind: ColumnKind | undefined): CsvField {
  if (value === null) return null
  if (kind === 'date' && typeof value === 'string') return value ? shortDate(value) : ''
  if (kind === 'kroner' && typeof value === 'number') return (value / 100).toFixed(2).replace('.', ',')
  return value
}

function xlsxValue(value: Cell, kind: ColumnKind | undefined): ExcelJS.CellValue {
  if (value === null || value === '') return null
  if (kind === 'date' && typeof value === 'string') return value ? new Date(`${value}T00:00:00Z`) : null
  if (kind === 'kroner' && typeof value === 'number') return value / 100
  return value
}

const NUMBER_FORMATS: Partial<Record<ColumnKind, string>> = {
  date: 'dd.mm.yyyy',
  kroner: '#,##0.00 "kr"',
  count: '0',
}

/** A width in characters that fits the header and the longest value, within reason. */
function columnWidth(sheet: Sheet, index: number): number {
  const column = sheet.columns[index]
  let widest = column?.header.length ?? 0
  for (const row of sheet.rows) {
    const value = row[index]
    const length =
      value === null || value === undefined
        ? 0
        : column?.kind === 'date'
          ? 10
          : column?.kind === 'kroner'
            ? String(Math.round(Number(value) / 100)).length + 7
            : String(value).length
    if (length > widest) widest = length
  }
  return Math.min(Math.max(widest, 6), 60) + 2
}

/**
 * An Excel sheet name: at most 31 characters, none of `\ / ? * : [ ]`, not
 * starting or ending with an apostrophe, unique regardless of case (two
 * sessions may share a title).
 */
export function sheetName(wanted: string, taken: Set<string>): string {
  const clean =
    wanted
      .replace(/[\\/]+/g, '-')
      .replace(/-{2,}/g, '-')
      .replace(/[?*:[\]]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^'+|'+$/g, '') || 'Ark'
  let name = clean.slice(0, 31).trim()
  for (let n = 2; taken.has(name.toLocaleLowerCase('nb')) || name.toLocaleLowerCase('nb') === 'history'; n++) {
    const suffix = ` (${n})`
    name = `${clean.slice(0, 31 - suffix.length).trim()}${suffix}`
  }
  taken.add(name.toLocaleLowerCase('nb'))
  return name
}

/**
 * The sheets as an XLSX file: a bold header row, frozen, with a filter; widths
 * that fit; dates as real dates and amounts as numbers in kroner with a number
 * format. Written with exceljs' streaming writer without shared strings,
 * which is about twice as fast as building the workbook in memory.
 */
async function toXlsx(sheets: Sheet[], now: Date): Promise<Uint8Array<ArrayBuffer>> {
  const out = new PassThrough()
  const chunks: Buffer[] = []
  out.on('data', (chunk: Buffer) => chunks.push(chunk))
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve)
    out.on('error', reject)
  })
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false })
  book.creator = 'Klimasamling'
  book.created = now
  book.modified = now
  const taken = new Set<string>()
  for (const sheet of sheets) {
    const ws = book.addWorksheet(sheetName(sheet.name, taken), {
      views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    })
    ws.columns = sheet.columns.map((c, i) => {
      const numFmt = c.kind ? NUMBER_FORMATS[c.kind] : undefined
      return { header: c.header, width: columnWidth(sheet, i), ...(numFmt ? { style: { numFmt } } : {}) }
    })
    const header = ws.getRow(1)
    header.font = { bold: true }
    header.commit()
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } }
    for (const row of sheet.rows) ws.addRow(row.map((value, i) => xlsxValue(value, sheet.columns[i]?.kind))).commit()
    ws.commit()
  }
  await book.commit()
  await done
  return Buffer.concat(chunks)
}
