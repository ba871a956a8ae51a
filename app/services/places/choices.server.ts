import { type ExpressionBuilder, type InferResult, type QueryCreator, sql, type Transaction } from 'kysely'
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres'
import type { Database } from '../../../db/schema'
import { formatNight, type IsoDate } from '~/domain/dates'
import { checkNights, checkSessions, restrictedRolesParam } from '~/domain/eligibility'
import { DomainError } from '~/domain/errors'
import { anyOf } from './any-of.server'
import { releasePlaces, takePlaces, type Write } from './counters.server'
import { lockPlaces } from './locks.server'

/**
 * A participant's choices of days, nights, sessions and topics: reading them
 * with what the municipality already uses, checking them, and replacing what
 * a participant holds with new ones.
 */

/** What a participant asks for, as ids of the event's days, nights, sessions and topics. */
export interface Choices {
  dayIds: string[]
  nightIds: string[]
  sessionIds: string[]
  topicIds: string[]
}

const count = sql<number>`count(*)::int`

/**
 * In one statement: the chosen days, nights, sessions and topics of the
 * municipality's event, what its active participants already use of its
 * covered places and its last place in line, and the participant an
 * idempotency key already made. Run it after locking the registration, so
 * the counts are current.
 */
export function choicesQuery(db: QueryCreator<Database>, scope: { registrationId: string; idempotencyKey?: string }, choices: Choices) {
  const eventId = (eb: ExpressionBuilder<Database, any>) =>
    eb.selectFrom('registration').select('registration.event_id').where('registration.id', '=', scope.registrationId)
  return db.selectNoFrom((eb) => [
    jsonObjectFrom(
      eb
        .selectFrom('participant')
        .select(['id', 'coverage_rank', 'is_late_addition'])
        .where('registration_id', '=', scope.registrationId)
        .where('idempotency_key', '=', scope.idempotencyKey ?? null),
    ).as('existing'),
    // What the municipality's active participants already use (see coverageOfNewcomer), and its last place in line.
    eb
      .selectFrom('participant')
      .select(count.as('n'))
      .where('participant.registration_id', '=', scope.registrationId)
      // A late cancellation keeps the covered place it held (decision 31).
      .where(({ eb, and, or, exists, selectFrom }) =>
        or([
          and([
            eb('participant.status', '=', 'active'),
            exists(
              selectFrom('participant_night').select('participant_night.participant_id').whereRef('participant_night.participant_id', '=', 'participant.id'),
            ),
          ]),
          and([
            eb('participant.status', '=', 'late_cancelled'),
            exists(
              selectFrom('participant_night')
                .select('participant_night.participant_id')
                .whereRef('participant_night.participant_id', '=', 'participant.id')
                .where('participant_night.is_covered', '=', true),
            ),
          ]),
        ]),
      )
      .as('overnight'),
    eb
      .selectFrom('participant_day')
      .innerJoin('participant', 'participant.id', 'participant_day.participant_id')
      .select(count.as('n'))
      .where('participant.registration_id', '=', scope.registrationId)
      .where(({ eb, and, or, not, exists, selectFrom }) =>
        or([
          and([
            eb('participant.status', '=', 'active'),
            not(
              exists(
                selectFrom('participant_night').select('participant_night.participant_id').whereRef('participant_night.participant_id', '=', 'participant.id'),
              ),
            ),
          ]),
          and([eb('participant.status', '=', 'late_cancelled'), eb('participant_day.is_covered_day_package', '=', true)]),
        ]),
      )
      .as('day_only_days'),
    eb
      .selectFrom('participant')
      .select(sql<number>`coalesce(max(coverage_rank), 0)`.as('r'))
      .where('registration_id', '=', scope.registrationId)
      .as('last_rank'),
    jsonArrayFrom(
      eb
        .selectFrom('hotel_night')
        .select(['id', sql<IsoDate>`night_date::text`.as('night_date'), 'is_covered', 'requires_reason'])
        .where('event_id', '=', eventId(eb))
        .where('id', '=', anyOf(eb, choices.nightIds))
        .orderBy('night_date'),
    ).as('nights'),
    jsonArrayFrom(
      eb
        .selectFrom('program_item')
        .select((p) => [
          'program_item.id',
          'program_item.title',
          'program_item.slot_id',
          'program_item.restricted_to_roles',
          p.selectFrom('event_day').select(sql<IsoDate>`event_day.date::text`.as('d')).whereRef('event_day.id', '=', 'program_item.event_day_id').as('date'),
        ])
        .where('program_item.event_id', '=', eventId(eb))
        .where('program_item.id', '=', anyOf(eb, choices.sessionIds))
        .orderBy('program_item.id'),
    ).as('sessions'),
    jsonArrayFrom(
      eb
        .selectFrom('event_day')
        // Times as JSON gives them: ISO strings.
        .select(['id', sql<IsoDate>`date::text`.as('date'), 'label', sql<string>`starts_at`.as('starts_at'), sql<string>`ends_at`.as('ends_at')])
        .where('event_id', '=', eventId(eb))
        .where('id', '=', anyOf(eb, choices.dayIds)),
    ).as('days'),
    jsonArrayFrom(eb.selectFrom('event_topic').select('id').where('event_id', '=', eventId(eb)).where('id', '=', anyOf(eb, choices.topicIds))).as('topics'),
  ])
}

/** The row of `choicesQuery`, shaped for `checkChoices` and the coverage rules. */
export function choicesOf(row: InferResult<ReturnType<typeof choicesQuery>>[number]) {
  return {
    existing: row.existing,
    standing: { overnight: row.overnight ?? 0, dayOnlyDays: row.day_only_days ?? 0 },
    lastRank: row.last_rank ?? 0,
    nights: row.nights,
    sessions: row.sessions,
    days: row.days,
    topics: row.topics,
  }
}

/** `choicesQuery` run in the caller's transaction. */
export async function readChoices(trx: Transaction<Database>, scope: { registrationId: string }, choices: Choices) {
  return choicesOf(await choicesQuery(trx, scope, choices).executeTakeFirstOrThrow())
}

export type ReadChoices = ReturnType<typeof choicesOf>

/**
 * Throws the DomainError a person can act on when a choice is not of this
 * event, a night does not touch the days attended (or lacks its reason), or
 * a session is on another day, in a taken slot or for other roles.
 */
export function checkChoices(read: ReadChoices, choices: Choices, roleCategory: string, longTravelReason: string | null) {
  if (
    read.nights.length !== new Set(choices.nightIds).size ||
    read.sessions.length !== new Set(choices.sessionIds).size ||
    read.days.length !== new Set(choices.dayIds).size ||
    read.topics.length !== new Set(choices.topicIds).size
  ) {
    throw new DomainError('unknown_choice')
  }
  const attended = read.days.map((d) => d.date)
  const nightProblem = checkNights(read.nights, attended, longTravelReason)[0]
  if (nightProblem) {
    throw new DomainError(nightProblem.code, nightProblem.code === 'night_needs_reason' ? 'longTravelReason' : 'nightIds', {
      night: formatNight(nightProblem.nightDate),
    })
  }
  const sessionProblem = checkSessions(read.sessions, attended, roleCategory)[0]
  if (sessionProblem) {
    const session =
      'itemId' in sessionProblem
        ? read.sessions.find((s) => s.id === sessionProblem.itemId)
        : read.sessions.filter((s) => s.slot_id === sessionProblem.slotId).at(-1)
    const params: Record<string, string> = { session: session?.title ?? '' }
    if (sessionProblem.code === 'session_role_restricted') params.roles = restrictedRolesParam(session?.restricted_to_roles ?? [])
    throw new DomainError(sessionProblem.code, 'sessionIds', params)
  }
  return attended
}

/**
 * Replaces what a participant holds with new choices: rows of nights,
 * sessions and days that went are deleted and their rooms and seats given
 * back, the new ones are taken (throwing `night_full` / `session_full`). Days
 * and nights are written uncovered; the caller recomputes coverage. Topics
 * and the participant's own row are the caller's `writes`, which go into the
 * statement that takes the places.
 */
export async function replaceChoices(
  trx: Transaction<Database>,
  participantId: string,
  held: { dayIds: string[]; nightIds: string[]; sessionIds: string[] },
  choices: Partial<Pick<ReadChoices, 'days' | 'nights'>> & Pick<ReadChoices, 'sessions'>,
  options: { longTravelReason: string | null; now: Date; writes?: Array<Write | false> },
) {
  // Days and nights left out are kept as they are (a participant changing only sessions).
  const next: {
    days: Array<{ id: string }>
    nights: Array<{ id: string; night_date: IsoDate; requires_reason: boolean }>
    sessions: ReadChoices['sessions']
  } = {
    days: choices.days ?? held.dayIds.map((id) => ({ id })),
    nights: choices.nights ?? held.nightIds.map((id) => ({ id, night_date: '', requires_reason: false })),
    sessions: choices.sessions,
  }
  const gone = (ids: string[], keep: Array<{ id: string }>) => ids.filter((id) => !keep.some((k) => k.id === id))
  const involved = (ids: string[], rows: Array<{ id: string }>) => [...new Set([...ids, ...rows.map((r) => r.id)])]
  // Everything given back or taken, locked first in the fixed order, so a swap never meets its mirror image.
  await lockPlaces(trx, involved(held.nightIds, next.nights), involved(held.sessionIds, next.sessions))
  const added = <T extends { id: string }>(rows: T[], ids: string[]) => rows.filter((r) => !ids.includes(r.id))
  const goneDays = gone(held.dayIds, next.days)
  const goneNights = gone(held.nightIds, next.nights)
  const goneSessions = gone(held.sessionIds, next.sessions)
  if (goneDays.length) await trx.deleteFrom('participant_day').where('participant_id', '=', participantId).where('event_day_id', 'in', goneDays).execute()
  if (goneNights.length)
    await trx.deleteFrom('participant_night').where('participant_id', '=', participantId).where('hotel_night_id', 'in', goneNights).execute()
  if (goneSessions.length)
    await trx.deleteFrom('session_choice').where('participant_id', '=', participantId).where('program_item_id', 'in', goneSessions).execute()
  await releasePlaces(trx, goneNights, goneSessions)

  const newDays = added(next.days, held.dayIds)
  const newNights = added(next.nights, held.nightIds)
  const newSessions = added(next.sessions, held.sessionIds)
  // A kept long-travel night gets the reason as it now reads.
  const keptReasonNights = next.nights.filter((n) => n.requires_reason && held.nightIds.includes(n.id)).map((n) => n.id)
  await takePlaces(trx, { nights: newNights, sessions: newSessions }, [
    ...(options.writes ?? []),
    newDays.length > 0 && trx.insertInto('participant_day').values(newDays.map((d) => ({ participant_id: participantId, event_day_id: d.id }))),
    newNights.length > 0 &&
      trx
        .insertInto('participant_night')
        .values(newNights.map((n) => ({ participant_id: participantId, hotel_night_id: n.id, reason: n.requires_reason ? options.longTravelReason : null }))),
    newSessions.length > 0 &&
      trx
        .insertInto('session_choice')
        .values(newSessions.map((s) => ({ participant_id: participantId, program_item_id: s.id, slot_id: s.slot_id, created_at: options.now }))),
    keptReasonNights.length > 0 &&
      trx
        .updateTable('participant_night')
        .set({ reason: options.longTravelReason })
        .where('participant_id', '=', participantId)
        .where('hotel_night_id', 'in', keptReasonNights),
  ])
  return { goneNights, goneSessions, newNights, newSessions, changedDays: goneDays.length + newDays.length > 0 }
}

/** What a participant holds now: days, nights, sessions and topic wishes by id, and the reason given for a long-travel night. */
export async function readHeld(trx: Transaction<Database>, participantId: string) {
  const [days, nights, sessions, topics] = await Promise.all([
    trx.selectFrom('participant_day').select('event_day_id as id').where('participant_id', '=', participantId).execute(),
    trx.selectFrom('participant_night').select(['hotel_night_id as id', 'reason']).where('participant_id', '=', participantId).execute(),
    trx.selectFrom('session_choice').select('program_item_id as id').where('participant_id', '=', participantId).execute(),
    trx.selectFrom('topic_wish').select('event_topic_id as id').where('participant_id', '=', participantId).execute(),
  ])
  const ids = (rows: Array<{ id: string }>) => rows.map((r) => r.id)
  return {
    dayIds: ids(days),
    nightIds: ids(nights),
    sessionIds: ids(sessions),
    topicIds: ids(topics),
    longTravelReason: nights.find((n) => n.reason)?.reason ?? null,
  }
}
