import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'
import { chargeOf, isBillable, sumOre } from '~/domain/money'
import { closesAt } from '~/domain/phase'
import { quotaOf } from '~/domain/quota'
import { findEventFor } from './access.server'
import { stay, withStays } from './participant-stays.server'
import type { Actor } from './users.server'

/**
 * What organisers follow from the invitations to the rooming list:
 * the municipalities' numbers, the hotel nights, the sessions, diets and
 * needs, and the changes after the deadline. Each reads the whole event in a
 * few set-based queries (an event may have 10 000 participants), and each
 * answers null unless the actor organises the event.
 */

/** Rows per page of an organiser's list that grows with the event (decision 41, docs/decisions). */
export const PAGE_SIZE = 50

/** Which page of `total` rows to show (from 1; a page past the end shows the last), with its offset and limit for SQL. */
export function pageAt(total: number, page = 1, size = PAGE_SIZE) {
  const pages = Math.max(1, Math.ceil(total / size))
  const current = Math.min(Math.max(1, Math.trunc(page) || 1), pages)
  return { page: current, pages, matching: total, offset: (current - 1) * size, limit: size }
}

/** One page of `rows` (from 1; a page past the end shows the last), with the number of pages and rows. */
export function pageOf<T>(rows: T[], page = 1, size = PAGE_SIZE) {
  const at = pageAt(rows.length, page, size)
  return { rows: rows.slice(at.offset, at.offset + size), page: at.page, pages: at.pages, total: rows.length }
}

/** What a page of a list tells the route: which page, of how many, and how many rows there are in all. */
const pageInfo = (at: ReturnType<typeof pageAt>) => ({ page: at.page, pages: at.pages, matching: at.matching })

/**
 * Whether `text` contains `needle`, in Norwegian lower case (Ø is ø, Á is á):
 * the search boxes of the organiser's lists.
 */
export function containsText(text: string, needle: string): boolean {
  return text.toLocaleLowerCase('nb').includes(needle.toLocaleLowerCase('nb'))
}

export type OverviewSort = 'name' | 'participants' | 'selfPaid'
export type OverviewFilter = 'all' | 'noContact' | 'noParticipants' | 'lateCancellations'

/**
 * The event overview: per invited municipality its contact person,
 * participants, covered places against quota and grants, self-paid, late
 * cancellations; one page of them (filtered and sorted), and the totals.
 *
 * The database counts the participants by what decides their charge (status,
 * nights, days, covered places, dinner, waiver), per municipality: a few
 * rows per municipality, whatever the number of participants. The money rule
 * (chargeOf, app/domain/money.ts) prices each such group once, so no rule is
 * written twice and nothing is read per participant (decision 41).
 */
export async function getEventOverview(
  db: Kysely<Database>,
  actor: Actor,
  eventId: string,
  options: { sort?: OverviewSort; filter?: OverviewFilter; search?: string; municipality?: string; page?: number } = {},
) {
  const event = (await findEventFor(db, actor, eventId, 'overview.read'))?.event
  if (!event) return null
  const search = options.search?.trim()
  const [registrations, groups, matches] = await Promise.all([
    db
      .selectFrom('registration')
      .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
      .leftJoin('app_user as contact', 'contact.id', 'registration.contact_user_id')
      .select([
        'registration.id',
        'registration.extra_overnights_granted',
        'registration.extra_day_packages_granted',
        'municipality.name',
        'contact.name as contact_name',
        'contact.email as contact_email',
      ])
      .where('registration.event_id', '=', eventId)
      .execute(),
    readChargeGroups(db, eventId),
    search ? searchParticipants(db, eventId, search) : Promise.resolve(null),
  ])
  const byRegistration = new Map<string, typeof groups>()
  for (const g of groups) {
    const list = byRegistration.get(g.registration_id)
    if (list) list.push(g)
    else byRegistration.set(g.registration_id, [g])
  }
  const times = (ore: number | null, n: number) => (ore === null ? null : ore * n)
  const rows = registrations.map((r) => {
    // Late cancellations stay bound: they hold their covered places and owe what they cost (decision 31).
    const billable = (byRegistration.get(r.id) ?? [])
      .filter((g) => isBillable(g.status))
      .map((g) => ({
        ...g,
        charge: chargeOf(
          { status: g.status, nights: g.nights, days: g.days, attendsDinner: g.attends_dinner, waiverReason: g.waived ? 'waived' : null },
          { coveredOvernight: g.covered_overnight, coveredDays: g.covered_days },
          event,
        ),
      }))
    const quota = quotaOf({ ...event, ...r })
    const sum = (list: typeof billable) => list.reduce((n, g) => n + g.n, 0)
    const selfPaid = billable.filter((g) => g.charge.amountOre !== 0 && !g.charge.waived)
    const waived = billable.filter((g) => g.charge.amountOre !== 0 && g.charge.waived)
    const late = billable.filter((g) => g.charge.lateCancelled)
    return {
      id: r.id,
      name: r.name,
      contact: r.contact_name ? { name: r.contact_name, email: r.contact_email } : null,
      participants: sum(billable.filter((g) => g.status === 'active')),
      overnightUsed: sum(billable.filter((g) => g.covered_overnight)),
      overnightQuota: quota.overnight,
      dayPackagesUsed: billable.reduce((n, g) => n + g.n * g.covered_days.length, 0),
      dayPackagesQuota: quota.dayPackages,
      grants: { overnight: r.extra_overnights_granted, dayPackages: r.extra_day_packages_granted },
      selfPaidCount: sum(selfPaid),
      selfPaidOre: sumOre(selfPaid.map((g) => times(g.charge.amountOre, g.n))),
      waivedCount: sum(waived),
      waivedOre: sumOre(waived.map((g) => times(g.charge.amountOre, g.n))),
      lateCancellations: sum(late),
      lateCancellationsOwedOre: sumOre(late.map((g) => times(g.charge.owedOre, g.n))),
    }
  })
  const municipality = options.municipality?.trim()
  const filtered = rows.filter(
    (r) =>
      (municipality ? containsText(r.name, municipality) : true) &&
      (options.filter === 'noContact'
        ? !r.contact
        : options.filter === 'noParticipants'
          ? r.participants === 0
          : options.filter === 'lateCancellations'
            ? r.lateCancellations > 0
            : true),
  )
  const collator = new Intl.Collator('nb')
  filtered.sort((a, b) =>
    options.sort === 'participants'
      ? b.participants - a.participants || collator.compare(a.name, b.name)
      : options.sort === 'selfPaid'
        ? (b.selfPaidOre ?? 0) - (a.selfPaidOre ?? 0) || collator.compare(a.name, b.name)
        : collator.compare(a.name, b.name),
  )
  const totals = {
    municipalities: rows.length,
    withContact: rows.filter((r) => r.contact).length,
    participants: rows.reduce((n, r) => n + r.participants, 0),
    overnightUsed: rows.reduce((n, r) => n + r.overnightUsed, 0),
    dayPackagesUsed: rows.reduce((n, r) => n + r.dayPackagesUsed, 0),
    selfPaidCount: rows.reduce((n, r) => n + r.selfPaidCount, 0),
    selfPaidOre: sumOre(rows.map((r) => r.selfPaidOre)),
    waivedCount: rows.reduce((n, r) => n + r.waivedCount, 0),
    waivedOre: sumOre(rows.map((r) => r.waivedOre)),
    lateCancellations: rows.reduce((n, r) => n + r.lateCancellations, 0),
  }
  const shown = pageOf(filtered, options.page)
  return { event, rows: shown.rows, page: { page: shown.page, pages: shown.pages, matching: shown.total }, totals, matches }
}

/**
 * The event's participants counted per
 * municipality and per everything their charge depends on: one row per
 * group, with the count.
 */
async function readChargeGroups(db: Kysely<Database>, eventId: string) {
  return withStays(
    db
      // Not materialized, so the planner sees participant.id as unique (why: participant-stays.server.ts).
      .with(
        (cte) => cte('p').notMaterialized(),
        (qb) =>
          qb
            .selectFrom('participant')
            .innerJoin('registration', 'registration.id', 'participant.registration_id')
            .select(['participant.id', 'participant.registration_id', 'participant.status', 'participant.attends_dinner', 'participant.charge_waived_reason'])
            .where('registration.event_id', '=', eventId),
      ),
  )
    .selectFrom('p')
    .leftJoin('n', 'n.participant_id', 'p.id')
    .leftJoin('d', 'd.participant_id', 'p.id')
    .select([
      'p.registration_id',
      'p.status',
      'p.attends_dinner',
      sql<boolean>`p.charge_waived_reason is not null`.as('waived'),
      stay.nights.as('nights'),
      stay.coveredOvernight.as('covered_overnight'),
      stay.days.as('days'),
      stay.coveredDays.as('covered_days'),
      sql<number>`count(*)::int`.as('n'),
    ])
    .groupBy(['p.registration_id', 'p.status', 'p.attends_dinner', sql`4`, sql`5`, sql`6`, sql`7`, sql`8`])
    .execute()
}

/** Lower case as Norwegian text needs it, also where the database's collation knows only a–z (the embedded PostgreSQL's C locale). */
const folded = (column: string) => sql<string>`translate(lower(${sql.ref(column)}), 'ÆØÅÁČĐŊŠŦŽÄÖÜÉÈ', 'æøåáčđŋšŧžäöüéè')`

/**
 * Participants of the event whose name, email or municipality contains the
 * text (at most 100, by name in Norwegian order), found by the database.
 */
async function searchParticipants(db: Kysely<Database>, eventId: string, text: string) {
  const needle = text.toLocaleLowerCase('nb')
  const found = await db
    .selectFrom('participant')
    .innerJoin('registration', 'registration.id', 'participant.registration_id')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .select([
      'participant.id',
      'participant.name',
      'participant.email',
      'participant.status',
      'registration.id as registration_id',
      'municipality.name as municipality_name',
    ])
    .where('registration.event_id', '=', eventId)
    .where((eb) => eb.or(['participant.name', 'participant.email', 'municipality.name'].map((column) => eb(sql`strpos(${folded(column)}, ${needle})`, '>', 0))))
    .execute()
  const collator = new Intl.Collator('nb')
  // The database's order of Æ, Ø and Å may not be Norwegian, so the matches are sorted here.
  return found
    .filter((p) => [p.name, p.email, p.municipality_name].some((field) => containsText(field, text)))
    .sort((a, b) => collator.compare(a.name, b.name))
    .slice(0, 100)
}

/** Days before a night's release date from which unused rooms are warned about. */
export const RELEASE_WARNING_DAYS = 14

/**
 * Per hotel night: the block, rooms taken by covered and by self-paid
 * participants, rooms free, the release date; and one page of the long-travel
 * nights with their reasons (a list that grows with the participants).
 */
export async function getHotelNights(db: Kysely<Database>, actor: Actor, eventId: string, options: { page?: number } = {}) {
  const event = (await findEventFor(db, actor, eventId, 'nights.read'))?.event
  if (!event) return null
  const longTravel = db
    .selectFrom('participant_night')
    .innerJoin('hotel_night', 'hotel_night.id', 'participant_night.hotel_night_id')
    .innerJoin('participant', 'participant.id', 'participant_night.participant_id')
    .innerJoin('registration', 'registration.id', 'participant.registration_id')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .where('hotel_night.event_id', '=', eventId)
    .where('hotel_night.requires_reason', '=', true)
    .where('participant.status', '=', 'active')
  const counted = await longTravel.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
  const at = pageAt(counted.n, options.page)
  const [nights, reasons] = await Promise.all([
    db
      .selectFrom('hotel_night')
      .select((eb) => [
        'hotel_night.id',
        'hotel_night.night_date',
        'hotel_night.rooms_in_block',
        'hotel_night.rooms_taken',
        'hotel_night.release_date',
        'hotel_night.is_covered',
        'hotel_night.requires_reason',
        eb
          .selectFrom('participant_night')
          .innerJoin('participant', 'participant.id', 'participant_night.participant_id')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('participant_night.hotel_night_id', '=', 'hotel_night.id')
          .where('participant_night.is_covered', '=', true)
          // A late cancellation keeps its room (decision 31).
          .where('participant.status', 'in', ['active', 'late_cancelled'])
          .as('covered'),
      ])
      .where('hotel_night.event_id', '=', eventId)
      .orderBy('hotel_night.night_date')
      .execute(),
    longTravel
      .select(['participant.id', 'participant.name', 'municipality.name as municipality_name', 'hotel_night.night_date', 'participant_night.reason'])
      .orderBy('hotel_night.night_date')
      .orderBy('municipality.name')
      .orderBy('participant.name')
      .orderBy('participant.id')
      .limit(at.limit)
      .offset(at.offset)
      .execute(),
  ])
  return {
    event,
    nights: nights.map((n) => {
      const covered = n.covered ?? 0
      return { ...n, covered, selfPaid: n.rooms_taken - covered, free: n.rooms_in_block - n.rooms_taken }
    }),
    reasons,
    reasonsPage: pageInfo(at),
  }
}

/** Per parallel slot each session's sign-ups against capacity, the optional items' sign-ups, and the topic wishes counted, most wanted first. */
export async function getSessionNumbers(db: Kysely<Database>, actor: Actor, eventId: string) {
  const event = (await findEventFor(db, actor, eventId, 'event.manage'))?.event
  if (!event) return null
  const [slots, items, topics] = await Promise.all([
    db
      .selectFrom('program_slot')
      .select(['id', 'label', 'starts_at', 'ends_at'])
      .where('event_id', '=', eventId)
      .orderBy('starts_at')
      .orderBy('label')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('program_item')
      .select(['id', 'title', 'slot_id', 'capacity', 'seats_taken', 'requires_signup', 'restricted_to_roles', 'starts_at'])
      .where('event_id', '=', eventId)
      .where((eb) => eb.or([eb('slot_id', 'is not', null), eb('requires_signup', '=', true)]))
      .orderBy('starts_at')
      .orderBy('sort_order')
      .orderBy('title')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('event_topic')
      .select((eb) => [
        'event_topic.id',
        'event_topic.label',
        eb
          .selectFrom('topic_wish')
          .innerJoin('participant', 'participant.id', 'topic_wish.participant_id')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('topic_wish.event_topic_id', '=', 'event_topic.id')
          .where('participant.status', '=', 'active')
          .as('wishes'),
      ])
      .where('event_topic.event_id', '=', eventId)
      .execute(),
  ])
  return {
    event,
    slots: slots.map((s) => ({ ...s, items: items.filter((i) => i.slot_id === s.id) })),
    optional: items.filter((i) => !i.slot_id),
    topics: topics.map((t) => ({ ...t, wishes: t.wishes ?? 0 })).sort((a, b) => b.wishes - a.wishes || a.label.localeCompare(b.label, 'nb')),
  }
}

/**
 * Diets counted by what was written, and one page each of the lists with
 * names for the kitchen and for accessibility needs (lists that grow with the
 * participants). Health data: organisers only.
 */
export async function getDietsAndNeeds(db: Kysely<Database>, actor: Actor, eventId: string, options: { kitchenPage?: number; needsPage?: number } = {}) {
  const event = (await findEventFor(db, actor, eventId, 'event.manage'))?.event
  if (!event) return null
  const active = db
    .selectFrom('participant')
    .innerJoin('registration', 'registration.id', 'participant.registration_id')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .where('registration.event_id', '=', eventId)
    .where('participant.status', '=', 'active')
  const kitchenOnly = active.where((eb) => eb.or([eb('participant.diet', 'is not', null), eb('participant.allergies', 'is not', null)]))
  const needsOnly = active.where('participant.accessibility_needs', 'is not', null)
  const [diets, kitchenCount, needsCount] = await Promise.all([
    active
      .select(['participant.diet', sql<number>`count(*)::int`.as('n')])
      .where('participant.diet', 'is not', null)
      .groupBy('participant.diet')
      .execute(),
    kitchenOnly.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    needsOnly.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
  ])
  const kitchenAt = pageAt(kitchenCount.n, options.kitchenPage)
  const needsAt = pageAt(needsCount.n, options.needsPage)
  const columns = [
    'participant.id',
    'participant.name',
    'participant.attends_dinner',
    'participant.diet',
    'participant.allergies',
    'participant.accessibility_needs',
    'municipality.name as municipality_name',
  ] as const
  const [kitchen, needs] = await Promise.all([
    kitchenOnly
      .select(columns)
      .orderBy('municipality.name')
      .orderBy('participant.name')
      .orderBy('participant.id')
      .limit(kitchenAt.limit)
      .offset(kitchenAt.offset)
      .execute(),
    needsOnly
      .select(columns)
      .orderBy('municipality.name')
      .orderBy('participant.name')
      .orderBy('participant.id')
      .limit(needsAt.limit)
      .offset(needsAt.offset)
      .execute(),
  ])
  // The same diet written differently ("Vegetar", "vegetar ") counts as one.
  const counts = new Map<string, { label: string; count: number }>()
  for (const d of diets) {
    if (!d.diet) continue
    const key = d.diet.trim().toLocaleLowerCase('nb')
    const entry = counts.get(key) ?? { label: d.diet.trim(), count: 0 }
    entry.count += d.n
    counts.set(key, entry)
  }
  return {
    event,
    dietCounts: [...counts.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'nb')),
    kitchen,
    kitchenPage: pageInfo(kitchenAt),
    needs,
    needsPage: pageInfo(needsAt),
  }
}

/**
 * Everything changed after the deadline, newest first, a page at a time:
 * substitutions, late cancellations, late additions and other changes, for
 * telling the hotel.
 */
export async function listLateChanges(db: Kysely<Database>, actor: Actor, eventId: string, options: { page?: number } = {}) {
  const event = (await findEventFor(db, actor, eventId, 'event.manage'))?.event
  if (!event) return null
  const late = db
    .selectFrom('audit_log')
    .where('audit_log.event_id', '=', eventId)
    .where('audit_log.at', '>=', closesAt(event.deadline_at))
    .where('audit_log.action', 'like', 'participant.%')
  const counted = await late.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow()
  const at = pageAt(counted.n, options.page)
  const changes = await late
    .leftJoin('app_user', 'app_user.id', 'audit_log.actor_user_id')
    .leftJoin('registration', 'registration.id', 'audit_log.registration_id')
    .leftJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.action',
      'audit_log.before',
      'audit_log.after',
      'app_user.name as actor_name',
      'municipality.name as municipality_name',
    ])
    .orderBy('audit_log.id', 'desc')
    .limit(at.limit)
    .offset(at.offset)
    .execute()
  return { event, changes, page: pageInfo(at) }
}
