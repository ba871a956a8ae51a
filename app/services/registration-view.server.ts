import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'
import { selfPaidAmount } from '~/domain/coverage'

const count = sql<number>`count(*)::int`

/** What the participant form offers: days, nights with rooms left, sessions with seats left, sign-ups, topics. */
export async function getEnrolmentOptions(db: Kysely<Database>, eventId: string) {
  const [days, nights, slots, items, topics] = await Promise.all([
    db.selectFrom('event_day').select(['id', 'date', 'label']).where('event_id', '=', eventId).orderBy('date').execute(),
    db
      .selectFrom('hotel_night')
      .select((eb) => [
        'hotel_night.id',
        'hotel_night.night_date',
        'hotel_night.rooms_in_block',
        'hotel_night.is_covered',
        'hotel_night.requires_reason',
        eb
          .selectFrom('participant_night')
          .innerJoin('participant', 'participant.id', 'participant_night.participant_id')
          .select(count.as('n'))
          .whereRef('participant_night.hotel_night_id', '=', 'hotel_night.id')
          .where('participant.status', '=', 'active')
          .as('taken'),
      ])
      .where('event_id', '=', eventId)
      .orderBy('night_date')
      .execute(),
    db.selectFrom('program_slot').select(['id', 'label', 'event_day_id', 'starts_at', 'ends_at']).where('event_id', '=', eventId).orderBy('starts_at').execute(),
    db
      .selectFrom('program_item')
      .select((eb) => [
        'program_item.id',
        'program_item.title',
        'program_item.slot_id',
        'program_item.event_day_id',
        'program_item.capacity',
        'program_item.restricted_to_roles',
        'program_item.requires_signup',
        'program_item.starts_at',
        eb.selectFrom('session_choice').select(count.as('n')).whereRef('session_choice.program_item_id', '=', 'program_item.id').as('chosen'),
      ])
      .where('event_id', '=', eventId)
      .where((eb) => eb.or([eb('slot_id', 'is not', null), eb('requires_signup', '=', true)]))
      .orderBy('starts_at')
      .orderBy('sort_order')
      .execute(),
    db.selectFrom('event_topic').select(['id', 'label']).where('event_id', '=', eventId).orderBy('sort_order').execute(),
  ])
  return { days, nights, slots, items, topics }
}

/**
 * A municipality's participants with what is covered and what it pays, and
 * the meters: covered places used against quota and grants, self-paid count
 * and amount.
 */
export async function getRegistrationOverview(db: Kysely<Database>, registrationId: string) {
  const registration = await db
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
    ])
    .where('registration.id', '=', registrationId)
    .executeTakeFirstOrThrow()
  const participants = await db
    .selectFrom('participant')
    .select(['id', 'name', 'title', 'email', 'role_category', 'status', 'attends_dinner', 'coverage_rank', 'is_late_addition'])
    .where('registration_id', '=', registrationId)
    .orderBy('coverage_rank')
    .execute()
  const ids = participants.map((p) => p.id)
  const [nights, days, sessions] = ids.length
    ? await Promise.all([
        db
          .selectFrom('participant_night')
          .innerJoin('hotel_night', 'hotel_night.id', 'participant_night.hotel_night_id')
          .select(['participant_night.participant_id', 'participant_night.is_covered', 'hotel_night.night_date'])
          .where('participant_night.participant_id', 'in', ids)
          .execute(),
        db
          .selectFrom('participant_day')
          .innerJoin('event_day', 'event_day.id', 'participant_day.event_day_id')
          .select(['participant_day.participant_id', 'participant_day.is_covered_day_package', 'event_day.date', 'event_day.label'])
          .where('participant_day.participant_id', 'in', ids)
          .execute(),
        db
          .selectFrom('session_choice')
          .innerJoin('program_item', 'program_item.id', 'session_choice.program_item_id')
          .select(['session_choice.participant_id', 'program_item.title'])
          .where('session_choice.participant_id', 'in', ids)
          .execute(),
      ])
    : [[], [], []]
  const rows = participants.map((p) => {
    const own = nights.filter((n) => n.participant_id === p.id)
    const ownDays = days.filter((d) => d.participant_id === p.id)
    const assignment = {
      coveredOvernight: own.some((n) => n.is_covered),
      coveredDays: ownDays.filter((d) => d.is_covered_day_package).map((d) => d.date),
    }
    const amount =
      p.status === 'active'
        ? selfPaidAmount({ nights: own.length, days: ownDays.map((d) => d.date), attendsDinner: p.attends_dinner }, assignment, registration)
        : 0
    return {
      ...p,
      nights: own.map((n) => n.night_date).sort(),
      days: ownDays.map((d) => d.label).sort(),
      sessions: sessions.filter((s) => s.participant_id === p.id).map((s) => s.title),
      coveredOvernight: assignment.coveredOvernight,
      coveredDayPackages: assignment.coveredDays.length,
      amount,
    }
  })
  const active = rows.filter((r) => r.status === 'active')
  const selfPaid = active.filter((r) => r.amount !== 0)
  return {
    participants: rows,
    meters: {
      overnightUsed: active.filter((r) => r.coveredOvernight).length,
      overnightQuota: registration.covered_overnight_per_municipality + registration.extra_overnights_granted,
      dayPackagesUsed: active.reduce((n, r) => n + r.coveredDayPackages, 0),
      dayPackagesQuota: registration.covered_day_packages_per_municipality + registration.extra_day_packages_granted,
      selfPaidCount: selfPaid.length,
      selfPaidOre: selfPaid.some((r) => r.amount === null) ? null : selfPaid.reduce((n, r) => n + (r.amount ?? 0), 0),
      approximate: registration.prices_are_approximate,
    },
    prices: registration,
  }
}

/** What has happened to a municipality's registration, newest first: who did what, when. */
export async function listRegistrationHistory(db: Kysely<Database>, registrationId: string, limit = 100) {
  return db
    .selectFrom('audit_log')
    .leftJoin('app_user', 'app_user.id', 'audit_log.actor_user_id')
    .select(['audit_log.id', 'audit_log.at', 'audit_log.action', 'audit_log.actor_label', 'audit_log.before', 'audit_log.after', 'app_user.name as actor_name'])
    .where('audit_log.registration_id', '=', registrationId)
    .orderBy('audit_log.id', 'desc')
    .limit(limit)
    .execute()
}
