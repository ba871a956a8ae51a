import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'
import { chargeOf, isBillable, sumOre } from '~/domain/money'
import { closesAt } from '~/domain/phase'
import { quotaOf } from '~/domain/quota'
import { coverageOf, readEventParticipants } from './event-participants.server'
import { findEventFor } from './access.server'
import { findOrganisedEvent } from './invitations.server'
import type { Actor } from './users.server'

/**
 * What organisers follow from the invitations to the rooming list:
 * the municipalities' numbers, the hotel nights, the sessions, diets and
 * needs, and the changes after the deadline. Each reads the whole event in a
 * few set-based queries (an event may have 10 000 participants), and each
 * answers null unless the actor organises the event.
 */

type OrganisedEvent = NonNullable<Awaited<ReturnType<typeof findOrganisedEvent>>>

export type OverviewSort = 'name' | 'participants' | 'selfPaid'
export type OverviewFilter = 'all' | 'noContact' | 'noParticipants' | 'lateCancellations'

/** The event overview: per invited municipality its contact person, participants, covered places against quota and grants, self-paid, late cancellations. */
export async function getEventOverview(
  db: Kysely<Database>,
  actor: Actor,
  eventId: string,
  options: { sort?: OverviewSort; filter?: OverviewFilter; search?: string } = {},
) {
  const event = (await findEventFor(db, actor, eventId, 'overview.read'))?.event
  if (!event) return null
  const [registrations, participants, matches, waivers] = await Promise.all([
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
    readEventParticipants(db, eventId, { allStatuses: true }),
    options.search?.trim() ? searchParticipants(db, eventId, options.search.trim()) : Promise.resolve(null),
    db
      .selectFrom('participant')
      .innerJoin('registration', 'registration.id', 'participant.registration_id')
      .select(['participant.id', 'participant.charge_waived_reason'])
      .where('registration.event_id', '=', eventId)
      .where('participant.charge_waived_reason', 'is not', null)
      .execute(),
  ])
  const waiverOf = new Map(waivers.map((w) => [w.id, w.charge_waived_reason]))
  const byRegistration = new Map<string, typeof participants>()
  for (const p of participants) {
    const list = byRegistration.get(p.registration_id)
    if (list) list.push(p)
    else byRegistration.set(p.registration_id, [p])
  }
  const rows = registrations.map((r) => {
    const all = byRegistration.get(r.id) ?? []
    const active = all.filter((p) => p.status === 'active')
    // Late cancellations stay bound: they hold their covered places and owe what they cost (decision 31).
    const billable = all.filter((p) => isBillable(p.status))
    const quota = quotaOf({ ...event, ...r })
    const charges = billable.map((p) => {
      const { participant, assignment } = coverageOf(p)
      return chargeOf({ ...participant, status: p.status, waiverReason: waiverOf.get(p.id) ?? null }, assignment, event)
    })
    const selfPaid = charges.filter((c) => c.amountOre !== 0 && !c.waived)
    const waived = charges.filter((c) => c.amountOre !== 0 && c.waived)
    return {
      id: r.id,
      name: r.name,
      contact: r.contact_name ? { name: r.contact_name, email: r.contact_email } : null,
      participants: active.length,
      overnightUsed: billable.filter((p) => coverageOf(p).assignment.coveredOvernight).length,
      overnightQuota: quota.overnight,
      dayPackagesUsed: billable.reduce((n, p) => n + p.covered_days.length, 0),
      dayPackagesQuota: quota.dayPackages,
      grants: { overnight: r.extra_overnights_granted, dayPackages: r.extra_day_packages_granted },
      selfPaidCount: selfPaid.length,
      selfPaidOre: sumOre(selfPaid.map((c) => c.amountOre)),
      waivedCount: waived.length,
      waivedOre: sumOre(waived.map((c) => c.amountOre)),
      lateCancellations: all.filter((p) => p.status === 'late_cancelled').length,
      lateCancellationsOwedOre: sumOre(charges.filter((c) => c.lateCancelled).map((c) => c.owedOre)),
    }
  })
  const filtered = rows.filter((r) =>
    options.filter === 'noContact'
      ? !r.contact
      : options.filter === 'noParticipants'
        ? r.participants === 0
        : options.filter === 'lateCancellations'
          ? r.lateCancellations > 0
          : true,
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
  return { event, rows: filtered, totals, matches }
}

/**
 * Participants of the event whose name, email or municipality contains the
 * text (at most 100), compared in Norwegian lower case in Node: the database's
 * collation may only know the lower case of a–z, and Ø is not ø there.
 */
async function searchParticipants(db: Kysely<Database>, eventId: string, text: string) {
  const needle = text.toLocaleLowerCase('nb')
  const everyone = await db
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
    .execute()
  const collator = new Intl.Collator('nb')
  return everyone
    .filter((p) => [p.name, p.email, p.municipality_name].some((field) => field.toLocaleLowerCase('nb').includes(needle)))
    .sort((a, b) => collator.compare(a.name, b.name))
    .slice(0, 100)
}

/** Days before a night's release date from which unused rooms are warned about. */
export const RELEASE_WARNING_DAYS = 14

/** Per hotel night: the block, rooms taken by covered and by self-paid participants, rooms free, the release date; and the long-travel nights with their reasons. */
export async function getHotelNights(db: Kysely<Database>, actor: Actor, eventId: string) {
  const event = (await findEventFor(db, actor, eventId, 'nights.read'))?.event
  if (!event) return null
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
    db
      .selectFrom('participant_night')
      .innerJoin('hotel_night', 'hotel_night.id', 'participant_night.hotel_night_id')
      .innerJoin('participant', 'participant.id', 'participant_night.participant_id')
      .innerJoin('registration', 'registration.id', 'participant.registration_id')
      .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
      .select(['participant.name', 'municipality.name as municipality_name', 'hotel_night.night_date', 'participant_night.reason'])
      .where('hotel_night.event_id', '=', eventId)
      .where('hotel_night.requires_reason', '=', true)
      .where('participant.status', '=', 'active')
      .orderBy('hotel_night.night_date')
      .orderBy('municipality.name')
      .orderBy('participant.name')
      .execute(),
  ])
  return {
    event,
    nights: nights.map((n) => {
      const covered = n.covered ?? 0
      return { ...n, covered, selfPaid: n.rooms_taken - covered, free: n.rooms_in_block - n.rooms_taken }
    }),
    reasons,
  }
}

/** Per parallel slot each session's sign-ups against capacity, the optional items' sign-ups, and the topic wishes counted, most wanted first. */
export async function getSessionNumbers(db: Kysely<Database>, actor: Actor, eventId: string) {
  const event = await findOrganisedEvent(db, actor.userId, eventId)
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

/** Diets counted by what was written, and the lists with names for the kitchen and for accessibility needs. Health data: organisers only. */
export async function getDietsAndNeeds(db: Kysely<Database>, actor: Actor, eventId: string) {
  const event = await findOrganisedEvent(db, actor.userId, eventId)
  if (!event) return null
  const people = await db
    .selectFrom('participant')
    .innerJoin('registration', 'registration.id', 'participant.registration_id')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .select([
      'participant.id',
      'participant.name',
      'participant.attends_dinner',
      'participant.diet',
      'participant.allergies',
      'participant.accessibility_needs',
      'municipality.name as municipality_name',
    ])
    .where('registration.event_id', '=', eventId)
    .where('participant.status', '=', 'active')
    .where((eb) =>
      eb.or([eb('participant.diet', 'is not', null), eb('participant.allergies', 'is not', null), eb('participant.accessibility_needs', 'is not', null)]),
    )
    .orderBy('municipality.name')
    .orderBy('participant.name')
    .execute()
  // The same diet written differently ("Vegetar", "vegetar ") counts as one.
  const counts = new Map<string, { label: string; count: number }>()
  for (const p of people) {
    if (!p.diet) continue
    const key = p.diet.trim().toLocaleLowerCase('nb')
    const entry = counts.get(key) ?? { label: p.diet.trim(), count: 0 }
    entry.count += 1
    counts.set(key, entry)
  }
  return {
    event,
    dietCounts: [...counts.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'nb')),
    kitchen: people.filter((p) => p.diet || p.allergies),
    needs: people.filter((p) => p.accessibility_needs),
  }
}

/** Everything changed after the deadline, newest first: substitutions, late cancellations, late additions and other changes, for telling the hotel. */
export async function listLateChanges(db: Kysely<Database>, actor: Actor, eventId: string) {
  const event: OrganisedEvent | undefined = await findOrganisedEvent(db, actor.userId, eventId)
  if (!event) return null
  const changes = await db
    .selectFrom('audit_log')
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
    .where('audit_log.event_id', '=', eventId)
    .where('audit_log.at', '>=', closesAt(event.deadline_at))
    .where('audit_log.action', 'like', 'participant.%')
    .orderBy('audit_log.id', 'desc')
    .limit(500)
    .execute()
  return { event, changes }
}
