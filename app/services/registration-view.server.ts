import type { Kysely } from 'kysely'
import { pipelinedTransaction } from '../../db/pipelined-transaction'
import { queryTemplate } from '../../db/query-template'
import type { Database } from '../../db/schema'
import { chargeOf, isBillable, sumOre } from '~/domain/money'
import type { Granted } from './access.server'

/**
 * The asker's access to a registration, as the access functions hand it out (app/services/access.server.ts,
 * `Granted`): the registration `findRegistrationForUser` found for its contact person or an organiser, or the
 * asker's own participant from `findOwnParticipant`. The readers below read only what it covers, with no query
 * of their own to check (decision 41).
 */
export type RegistrationGrant = Granted<{ id: string; event_id: string; registration_id?: never }, 'registration'>
export type OwnParticipantGrant = Granted<{ id: string; event_id: string; registration_id: string }, 'participant'>

function registrationOf(access: RegistrationGrant | OwnParticipantGrant) {
  return access.registration_id ?? access.id
}

/** What the participant forms offer: days, nights with rooms taken, sessions with seats taken, sign-ups, topics. */
export async function getEnrolmentOptions(db: Kysely<Database>, access: RegistrationGrant | OwnParticipantGrant) {
  const v = { eventId: access.event_id }
  // Five reads in one round trip (see below).
  const [days, nights, slots, items, topics] = await pipelinedTransaction(db, (tx) =>
    tx.commit(eventDays(db, v), eventNights(db, v), eventSlots(db, v), eventItems(db, v), eventTopics(db, v)),
  )
  return { days, nights, slots, items, topics }
}

// The page readers' statements go together in one round trip on one connection (a read-only
// `pipelinedTransaction`, db/pipelined-transaction.ts), each built and compiled once (db/query-template.ts):
// a page's loader spent more on Kysely, the pool's connections and the round trips than PostgreSQL spent answering.
const eventDays = queryTemplate((db, v: { eventId: string }) =>
  db.selectFrom('event_day').select(['id', 'date', 'label']).where('event_id', '=', v.eventId).orderBy('date'),
)
const eventNights = queryTemplate((db, v: { eventId: string }) =>
  db
    .selectFrom('hotel_night')
    .select(['id', 'night_date', 'rooms_in_block', 'rooms_taken', 'rooms_held', 'is_covered', 'requires_reason'])
    .where('event_id', '=', v.eventId)
    .orderBy('night_date'),
)
const eventSlots = queryTemplate((db, v: { eventId: string }) =>
  db
    .selectFrom('program_slot')
    .select(['id', 'label', 'event_day_id', 'starts_at', 'ends_at'])
    .where('event_id', '=', v.eventId)
    .orderBy('starts_at')
    .orderBy('label')
    .orderBy('id'),
)
const eventItems = queryTemplate((db, v: { eventId: string }) =>
  db
    .selectFrom('program_item')
    .select(['id', 'title', 'slot_id', 'event_day_id', 'capacity', 'seats_taken', 'restricted_to_roles', 'requires_signup', 'starts_at'])
    .where('event_id', '=', v.eventId)
    .where((eb) => eb.or([eb('slot_id', 'is not', null), eb('requires_signup', '=', true)]))
    .orderBy('starts_at')
    .orderBy('sort_order')
    .orderBy('title')
    .orderBy('id'),
)
const eventTopics = queryTemplate((db, v: { eventId: string }) =>
  db.selectFrom('event_topic').select(['id', 'label']).where('event_id', '=', v.eventId).orderBy('sort_order'),
)

/**
 * A municipality's participants with what is covered and what it pays, and
 * the meters: covered places used against quota and grants, self-paid count
 * and amount.
 */
export async function getRegistrationOverview(db: Kysely<Database>, access: RegistrationGrant) {
  const v = { registrationId: access.id }
  // One round trip: the participants' nights, days and sessions are read by the registration, not by their ids.
  const [[registration], participants, nights, days, sessions] = await pipelinedTransaction(db, (tx) =>
    tx.commit(overviewRegistration(db, v), overviewParticipants(db, v), overviewNights(db, v), overviewDays(db, v), overviewSessions(db, v)),
  )
  if (!registration) throw new Error(`No registration ${v.registrationId}`)
  const rows = participants.map((p) => {
    const own = nights.filter((n) => n.participant_id === p.id)
    const ownDays = days.filter((d) => d.participant_id === p.id)
    const assignment = {
      coveredOvernight: own.some((n) => n.is_covered),
      coveredDays: ownDays.filter((d) => d.is_covered_day_package).map((d) => d.date),
    }
    const charge = chargeOf(
      { status: p.status, nights: own.length, days: ownDays.map((d) => d.date), attendsDinner: p.attends_dinner, waiverReason: p.charge_waived_reason },
      assignment,
      registration,
    )
    return {
      ...p,
      nights: own.map((n) => n.night_date).sort(),
      days: ownDays.map((d) => d.label).sort(),
      sessions: sessions.filter((s) => s.participant_id === p.id).map((s) => s.title),
      coveredOvernight: assignment.coveredOvernight,
      coveredDayPackages: assignment.coveredDays.length,
      coveredDayLabels: ownDays
        .filter((d) => d.is_covered_day_package)
        .map((d) => d.label)
        .sort(),
      /** What the participant costs the municipality before a waiver (0 when covered or not billable). */
      amount: charge.amountOre,
      charge,
    }
  })
  // Late cancellations stay bound (DESIGN.md §3 "Binding money"): their covered places count against the quota, their cost is owed.
  const billable = rows.filter((r) => isBillable(r.status))
  const selfPaid = billable.filter((r) => r.amount !== 0)
  const owing = selfPaid.filter((r) => !r.charge.waived)
  const waived = selfPaid.filter((r) => r.charge.waived)
  return {
    participants: rows,
    meters: {
      overnightUsed: billable.filter((r) => r.coveredOvernight).length,
      overnightQuota: registration.covered_overnight_per_municipality + registration.extra_overnights_granted,
      dayPackagesUsed: billable.reduce((n, r) => n + r.coveredDayPackages, 0),
      dayPackagesQuota: registration.covered_day_packages_per_municipality + registration.extra_day_packages_granted,
      /** Participants the municipality pays for (waived ones not counted) and what it owes. */
      selfPaidCount: owing.length,
      selfPaidOre: sumOre(owing.map((r) => r.amount)),
      waivedCount: waived.length,
      waivedOre: sumOre(waived.map((r) => r.amount)),
      lateCancelledBillable: billable.filter((r) => r.status === 'late_cancelled').length,
      approximate: registration.prices_are_approximate,
    },
    prices: registration,
  }
}

const overviewRegistration = queryTemplate((db, v: { registrationId: string }) =>
  db
    .selectFrom('registration')
    .innerJoin('event', 'event.id', 'registration.event_id')
    .select([
      'registration.extra_overnights_granted',
      'registration.extra_day_packages_granted',
      'event.covered_overnight_per_municipality',
      'event.covered_day_packages_per_municipality',
      'event.price_overnight_package_ore',
      'event.price_day_package_ore',
      'event.price_dinner_ore',
      'event.prices_are_approximate',
      'event.extras_pricing',
      'event.extras_pricing_note',
    ])
    .where('registration.id', '=', v.registrationId),
)
const overviewParticipants = queryTemplate((db, v: { registrationId: string }) =>
  db
    .selectFrom('participant')
    .select([
      'id',
      'name',
      'title',
      'email',
      'role_category',
      'status',
      'attends_dinner',
      'coverage_rank',
      'is_late_addition',
      'cancelled_at',
      'charge_waived_reason',
      'cancelled_holdings',
    ])
    .where('registration_id', '=', v.registrationId)
    .orderBy('coverage_rank'),
)
const overviewNights = queryTemplate((db, v: { registrationId: string }) =>
  db
    .selectFrom('participant_night')
    .innerJoin('hotel_night', 'hotel_night.id', 'participant_night.hotel_night_id')
    .select(['participant_night.participant_id', 'participant_night.is_covered', 'hotel_night.night_date'])
    .where('participant_night.participant_id', 'in', (eb) => eb.selectFrom('participant').select('id').where('registration_id', '=', v.registrationId)),
)
const overviewDays = queryTemplate((db, v: { registrationId: string }) =>
  db
    .selectFrom('participant_day')
    .innerJoin('event_day', 'event_day.id', 'participant_day.event_day_id')
    .select(['participant_day.participant_id', 'participant_day.is_covered_day_package', 'event_day.date', 'event_day.label'])
    .where('participant_day.participant_id', 'in', (eb) => eb.selectFrom('participant').select('id').where('registration_id', '=', v.registrationId)),
)
const overviewSessions = queryTemplate((db, v: { registrationId: string }) =>
  db
    .selectFrom('session_choice')
    .innerJoin('program_item', 'program_item.id', 'session_choice.program_item_id')
    .select(['session_choice.participant_id', 'program_item.title'])
    .where('session_choice.participant_id', 'in', (eb) => eb.selectFrom('participant').select('id').where('registration_id', '=', v.registrationId)),
)

/** What has happened to a municipality's registration, newest first: who did what, when. */
export async function listRegistrationHistory(db: Kysely<Database>, access: RegistrationGrant, limit = 100) {
  const registrationId = access.id
  return db
    .selectFrom('audit_log')
    .leftJoin('app_user', 'app_user.id', 'audit_log.actor_user_id')
    .select(['audit_log.id', 'audit_log.at', 'audit_log.action', 'audit_log.actor_label', 'audit_log.before', 'audit_log.after', 'app_user.name as actor_name'])
    .where('audit_log.registration_id', '=', registrationId)
    .orderBy('audit_log.id', 'desc')
    .limit(limit)
    .execute()
}

/**
 * One active participant of a municipality as the edit form shows them: their
 * details, the ids of their days, nights, sessions and topics, and the
 * covered places they hold. Null for another municipality's participant (or, with a participant's own access, anyone else).
 */
export async function getParticipantForEdit(db: Kysely<Database>, access: RegistrationGrant | OwnParticipantGrant, participantId: string) {
  // A participant's own access covers only themselves; a registration's covers its participants.
  if (access.registration_id !== undefined && access.id !== participantId) return null
  const registrationId = registrationOf(access)
  const participant = await db
    .selectFrom('participant')
    .selectAll()
    .where('id', '=', participantId)
    .where('registration_id', '=', registrationId)
    .where('status', '=', 'active')
    .executeTakeFirst()
  if (!participant) return null
  const [days, nights, sessions, topics] = await Promise.all([
    db.selectFrom('participant_day').select(['event_day_id', 'is_covered_day_package']).where('participant_id', '=', participantId).execute(),
    db.selectFrom('participant_night').select(['hotel_night_id', 'is_covered', 'reason']).where('participant_id', '=', participantId).execute(),
    db.selectFrom('session_choice').select('program_item_id').where('participant_id', '=', participantId).execute(),
    db.selectFrom('topic_wish').select('event_topic_id').where('participant_id', '=', participantId).execute(),
  ])
  return {
    participant,
    dayIds: days.map((d) => d.event_day_id),
    nightIds: nights.map((n) => n.hotel_night_id),
    sessionIds: sessions.map((s) => s.program_item_id),
    topicIds: topics.map((t) => t.event_topic_id),
    longTravelReason: nights.find((n) => n.reason)?.reason ?? null,
    holds: { overnight: nights.some((n) => n.is_covered) ? 1 : 0, dayPackages: days.filter((d) => d.is_covered_day_package).length },
  }
}
