import type { Transaction } from 'kysely'
import type { Database } from '../../../db/schema'
import { assignCoverage, type CoverageQuota } from '~/domain/coverage'

/**
 * Assigns the municipality's covered places to its active participants in
 * enrolment order and stores the result on their nights and days, writing
 * only what changed. A late cancellation keeps the covered place it held at
 * the deadline (DESIGN.md §3 "Binding money"): it counts against the quota
 * and is not reassigned. Call it with the registration row locked.
 */
export async function recomputeCoverage(trx: Transaction<Database>, registrationId: string, quota: CoverageQuota) {
  const all = await trx
    .selectFrom('participant')
    .select(['participant.id', 'participant.coverage_rank', 'participant.status'])
    .where('participant.registration_id', '=', registrationId)
    .where('participant.status', 'in', ['active', 'late_cancelled'])
    .execute()
  const ids = all.map((r) => r.id)
  const [days, nights] = ids.length
    ? await Promise.all([
        trx
          .selectFrom('participant_day')
          .innerJoin('event_day', 'event_day.id', 'participant_day.event_day_id')
          .select(['participant_day.participant_id', 'participant_day.event_day_id', 'participant_day.is_covered_day_package', 'event_day.date'])
          .where('participant_day.participant_id', 'in', ids)
          .execute(),
        trx
          .selectFrom('participant_night')
          .innerJoin('hotel_night', 'hotel_night.id', 'participant_night.hotel_night_id')
          .select([
            'participant_night.participant_id',
            'participant_night.hotel_night_id',
            'participant_night.is_covered',
            'hotel_night.is_covered as night_is_covered',
          ])
          .where('participant_night.participant_id', 'in', ids)
          .execute(),
      ])
    : [[], []]
  const late = new Set(all.filter((r) => r.status === 'late_cancelled').map((r) => r.id))
  const rows = all.filter((r) => !late.has(r.id))
  const heldByLate = {
    overnight: new Set(nights.filter((n) => late.has(n.participant_id) && n.is_covered).map((n) => n.participant_id)).size,
    dayPackages: days.filter((d) => late.has(d.participant_id) && d.is_covered_day_package).length,
  }
  const assignment = assignCoverage(
    rows.map((r) => ({
      id: r.id,
      rank: r.coverage_rank,
      nights: nights.filter((n) => n.participant_id === r.id).length,
      days: days.filter((d) => d.participant_id === r.id).map((d) => d.date),
    })),
    { overnight: Math.max(0, quota.overnight - heldByLate.overnight), dayPackages: Math.max(0, quota.dayPackages - heldByLate.dayPackages) },
  )
  for (const [participantId, a] of assignment) {
    for (const n of nights.filter((x) => x.participant_id === participantId)) {
      const covered = a.coveredOvernight && n.night_is_covered
      if (n.is_covered !== covered) {
        await trx
          .updateTable('participant_night')
          .set({ is_covered: covered })
          .where('participant_id', '=', participantId)
          .where('hotel_night_id', '=', n.hotel_night_id)
          .execute()
      }
    }
    for (const d of days.filter((x) => x.participant_id === participantId)) {
      const covered = a.coveredDays.includes(d.date)
      if (d.is_covered_day_package !== covered) {
        await trx
          .updateTable('participant_day')
          .set({ is_covered_day_package: covered })
          .where('participant_id', '=', participantId)
          .where('event_day_id', '=', d.event_day_id)
          .execute()
      }
    }
  }
  return assignment
}
