import type { ParticipantStatus } from '../../db/schema'

/**
 * Who came (decision 047): no-shows are derived from the check-in desk's
 * rows (app/services/check-in.server.ts writes them), never stored. A no-show
 * is an active participant registered for a day that has ended, with no
 * arrival marked for that day. A late cancellation is not a no-show: it is
 * billable already as a late cancellation (app/domain/money.ts `chargeOf`),
 * and a substituted participant is replaced by their substitute, who is the
 * one expected. What a no-show costs follows the one money rule unchanged:
 * an active participant stays billable whether they came or not.
 */

/** A day of the gathering as attendance needs it. */
export interface AttendanceDay {
  id: string
  endsAt: Date
}

/** A participant as attendance needs them: their status and the days they are registered for. */
export interface AttendanceParticipant {
  id: string
  status: ParticipantStatus
  dayIds: readonly string[]
}

/** Whether the day is over, so those who did not come are no-shows: from its end on. */
export function dayHasEnded(day: Pick<AttendanceDay, 'endsAt'>, now: Date): boolean {
  return now.getTime() >= day.endsAt.getTime()
}

/** Whether the participant is a no-show on the day: active, registered for the day, the day over, and not marked arrived. */
export function isNoShow(
  participant: AttendanceParticipant,
  day: AttendanceDay,
  arrived: (participantId: string, dayId: string) => boolean,
  now: Date,
): boolean {
  return participant.status === 'active' && participant.dayIds.includes(day.id) && dayHasEnded(day, now) && !arrived(participant.id, day.id)
}

/** The days (in the order given) on which the participant is a no-show. */
export function noShowDays<D extends AttendanceDay>(
  participant: AttendanceParticipant,
  days: readonly D[],
  arrived: (participantId: string, dayId: string) => boolean,
  now: Date,
): D[] {
  return days.filter((day) => isNoShow(participant, day, arrived, now))
}

/** The share of those expected on a day who came, as the Oppmøte page shows it ("92 %"); a dash when nobody was expected. */
export function attendanceRate(count: { arrived: number; expected: number }): string {
  if (count.expected === 0) return '–'
  return `${Math.round((count.arrived / count.expected) * 100)} %`
}
