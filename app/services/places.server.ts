import {
  type DeleteQueryBuilder,
  type ExpressionBuilder,
  type InferResult,
  type InsertQueryBuilder,
  type Kysely,
  type QueryCreator,
  sql,
  type Transaction,
  type UpdateQueryBuilder,
} from 'kysely'
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres'
import { type PipelinedTransaction, pipelinedTransaction } from '../../db/pipelined-transaction'
import type { Database } from '../../db/schema'
import { assignCoverage, type CoverageQuota } from '~/domain/coverage'
import { formatNight, type IsoDate } from '~/domain/dates'
import { checkNights, checkSessions } from '~/domain/eligibility'
import { DomainError } from '~/domain/errors'
import { describeRoles } from '~/domain/roles'

/**
 * The places a participant holds (a room per hotel night, a seat per session,
 * a covered place in the municipality's order) and the checks before taking
 * them. Callers hold the municipality's registration row locked; rooms and
 * seats are taken last, nights before sessions, each in id order, so the rows
 * every municipality shares are held only for one round trip and the commit
 * (decision 17, docs/decisions) and two requests never deadlock.
 */

/** For tests only: a pause between counting and writing makes races real, and the control run leaves the locks out. */
export interface RaceOptions {
  afterCount?: () => Promise<void>
  withoutLocks?: boolean
}

/** What a participant asks for, as ids of the event's days, nights, sessions and topics. */
export interface Choices {
  dayIds: string[]
  nightIds: string[]
  sessionIds: string[]
  topicIds: string[]
}

/** A municipality's covered places: the event's numbers plus the organiser's grants. */
export function quotaOf(r: {
  covered_overnight_per_municipality: number
  covered_day_packages_per_municipality: number
  extra_overnights_granted: number
  extra_day_packages_granted: number
}): CoverageQuota {
  return {
    overnight: r.covered_overnight_per_municipality + r.extra_overnights_granted,
    dayPackages: r.covered_day_packages_per_municipality + r.extra_day_packages_granted,
  }
}

const count = sql<number>`count(*)::int`
const anyOf = (eb: ExpressionBuilder<any, any>, ids: string[]) => eb.fn.any(eb.val(ids))

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
    if (sessionProblem.code === 'session_role_restricted') params.roles = describeRoles(session?.restricted_to_roles ?? []).toLowerCase()
    throw new DomainError(sessionProblem.code, 'sessionIds', params)
  }
  return attended
}

/** A write that goes into the same statement as taking the places (a data-modifying CTE). */
export type Write = InsertQueryBuilder<Database, any, any> | UpdateQueryBuilder<Database, any, any, any> | DeleteQueryBuilder<Database, any, any>

/** The rooms and seats a change takes: ids, and what to call one that is full. */
export interface Places {
  nights: Array<{ id: string; night_date: IsoDate }>
  sessions: Array<{ id: string; title: string }>
}

/**
 * The statements that run the writes and then take a room of each night and
 * a seat of each session. The rows every municipality shares are taken last,
 * right before the commit, so they are held as briefly as can be; nights
 * before sessions, each in id order, so two changes never wait on each other
 * in a circle. Postgres's checks on the counters (migration 03) refuse a room
 * beyond the block or a seat beyond the capacity, which fails the statement
 * and with it the transaction (see `whenFull`).
 */
export function placesStatements(db: QueryCreator<Database>, places: Places, writes: Array<Write | false> = []) {
  const nightIds = places.nights.map((n) => n.id)
  const sessionIds = places.sessions.map((s) => s.id)
  let statement = db
  writes.forEach((write, i) => {
    if (write) statement = statement.with(`write_${i}`, () => write) as unknown as QueryCreator<Database>
  })
  return [
    ...(writes.some(Boolean) ? [statement.selectNoFrom(sql<number>`1`.as('done'))] : []),
    ...(nightIds.length > 0
      ? [
          db
            .updateTable('hotel_night')
            .set((eb) => ({ rooms_taken: eb('rooms_taken', '+', 1) }))
            .where('id', 'in', (eb) =>
              eb
                .selectFrom('hotel_night')
                .select('id')
                .where((w) => w('id', '=', anyOf(w, nightIds)))
                .orderBy('id')
                .forNoKeyUpdate(),
            ),
        ]
      : []),
    ...(sessionIds.length > 0
      ? [
          db
            .updateTable('program_item')
            .set((eb) => ({ seats_taken: eb('seats_taken', '+', 1) }))
            .where('id', 'in', (eb) =>
              eb
                .selectFrom('program_item')
                .select('id')
                .where((w) => w('id', '=', anyOf(w, sessionIds)))
                .orderBy('id')
                .forNoKeyUpdate(),
            ),
        ]
      : []),
  ]
}

/**
 * Runs the writes and takes the places in the caller's transaction. A full
 * night or session throws `PlacesFull`; `placesTransaction` names it.
 */
export async function takePlaces(trx: Transaction<Database>, places: Places, writes: Array<Write | false> = []) {
  for (const statement of placesStatements(trx, places, writes)) await statement.execute().catch(whenFull(places))
}

/** Postgres refused a room or a seat beyond its limit: the transaction is rolled back, and the place is named after it. */
export class PlacesFull extends Error {
  constructor(readonly places: Places) {
    super('A night or a session has no room left')
  }
}

const LIMITS = new Set(['hotel_night_rooms_taken_within_block', 'program_item_seats_taken_within_capacity'])

/** Turns Postgres's refusal of a place beyond its limit into `PlacesFull`; other errors pass. */
export function whenFull(places: Places) {
  return (error: unknown): never => {
    const { code, constraint } = error as { code?: string; constraint?: string }
    if (code === '23514' && constraint && LIMITS.has(constraint)) throw new PlacesFull(places)
    throw error
  }
}

/** The refusal for a change that found a place full: the first night, then the first session, with none left now. */
async function fullPlace(db: Kysely<Database>, places: Places, orFirst: boolean): Promise<DomainError | null> {
  const [nights, sessions] = await Promise.all([
    db
      .selectFrom('hotel_night')
      .select('id')
      .where((eb) =>
        eb(
          'id',
          '=',
          anyOf(
            eb,
            places.nights.map((n) => n.id),
          ),
        ),
      )
      .whereRef('rooms_taken', '>=', 'rooms_in_block')
      .execute(),
    db
      .selectFrom('program_item')
      .select('id')
      .where((eb) =>
        eb(
          'id',
          '=',
          anyOf(
            eb,
            places.sessions.map((s) => s.id),
          ),
        ),
      )
      .whereRef('seats_taken', '>=', 'capacity')
      .execute(),
  ])
  const night = places.nights.find((n) => nights.some((r) => r.id === n.id)) ?? (orFirst && sessions.length === 0 ? places.nights[0] : undefined)
  if (night) return new DomainError('night_full', 'nightIds', { night: formatNight(night.night_date) })
  const session = places.sessions.find((s) => sessions.some((r) => r.id === s.id)) ?? (orFirst ? places.sessions[0] : undefined)
  if (session) return new DomainError('session_full', 'sessionIds', { session: session.title })
  return null
}

/**
 * Locks nights, then sessions, each in id order (`ORDER BY … FOR UPDATE`
 * locks rows in that order), for a change that gives some back and takes
 * others: the order every change keeps, so two changes never wait on each
 * other in a circle.
 */
export async function lockPlaces(trx: Transaction<Database>, nightIds: string[], sessionIds: string[]) {
  if (nightIds.length > 0) {
    await trx
      .selectFrom('hotel_night')
      .select('id')
      .where((eb) => eb('id', '=', anyOf(eb, nightIds)))
      .orderBy('id')
      .forNoKeyUpdate()
      .execute()
  }
  if (sessionIds.length > 0) {
    await trx
      .selectFrom('program_item')
      .select('id')
      .where((eb) => eb('id', '=', anyOf(eb, sessionIds)))
      .orderBy('id')
      .forNoKeyUpdate()
      .execute()
  }
}

/**
 * The control run of the race tests: the writes, then for each place count,
 * wait and write back, which is exactly the race the locking update closes.
 */
export async function takeWithoutLocks(db: QueryCreator<Database>, tx: PipelinedTransaction, places: Places, race: RaceOptions, writes: Array<Write | false>) {
  let statement = db
  writes.forEach((write, i) => {
    if (write) statement = statement.with(`write_${i}`, () => write) as unknown as QueryCreator<Database>
  })
  await tx.run(statement.selectNoFrom(sql<number>`1`.as('done')).compile())
  for (const night of places.nights) {
    const [[row]] = await tx.run(db.selectFrom('hotel_night').select(['rooms_taken', 'rooms_in_block']).where('id', '=', night.id).compile())
    if (!row || row.rooms_taken >= row.rooms_in_block) throw new DomainError('night_full', 'nightIds', { night: formatNight(night.night_date) })
    await race.afterCount?.()
    await tx.run(
      db
        .updateTable('hotel_night')
        .set({ rooms_taken: Math.min(row.rooms_taken + 1, row.rooms_in_block) })
        .where('id', '=', night.id)
        .compile(),
    )
  }
  for (const session of places.sessions) {
    const [[row]] = await tx.run(db.selectFrom('program_item').select(['seats_taken', 'capacity']).where('id', '=', session.id).compile())
    if (!row || (row.capacity !== null && row.seats_taken >= row.capacity)) throw new DomainError('session_full', 'sessionIds', { session: session.title })
    await race.afterCount?.()
    await tx.run(
      db
        .updateTable('program_item')
        .set({ seats_taken: row.capacity === null ? row.seats_taken + 1 : Math.min(row.seats_taken + 1, row.capacity) })
        .where('id', '=', session.id)
        .compile(),
    )
  }
}

/**
 * Gives back one room of each night and one seat of each session (a
 * cancellation, or a changed choice), nights before sessions, each in id order.
 */
export async function releasePlaces(trx: Transaction<Database>, nightIds: string[], sessionIds: string[]) {
  for (const id of [...nightIds].sort()) {
    await trx
      .updateTable('hotel_night')
      .set((eb) => ({ rooms_taken: eb('rooms_taken', '-', 1) }))
      .where('id', '=', id)
      .execute()
  }
  for (const id of [...sessionIds].sort()) {
    await trx
      .updateTable('program_item')
      .set((eb) => ({ seats_taken: eb('seats_taken', '-', 1) }))
      .where('id', '=', id)
      .execute()
  }
}

/** Locks the municipality's registration row: every change to its participants starts here. */
export async function lockRegistration(db: Kysely<Database> | Transaction<Database>, registrationId: string) {
  // NO KEY UPDATE: changes to the municipality take turns, while rows that only refer to it (emails) need not wait.
  await db.selectFrom('registration').select('id').where('id', '=', registrationId).forNoKeyUpdate().execute()
}

/**
 * Locks the registration of a participant's municipality, before the
 * participant is read, so two changes to one participant happen one after the
 * other and the second sees the first. False for an unknown participant.
 */
export async function lockParticipantsRegistration(trx: Transaction<Database>, participantId: string): Promise<boolean> {
  const owner = await trx.selectFrom('participant').select('registration_id').where('id', '=', participantId).executeTakeFirst()
  if (!owner) return false
  await lockRegistration(trx, owner.registration_id)
  return true
}

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

/**
 * Runs a change that takes or gives back rooms and seats in one transaction.
 * Changes take shared rows in a fixed order, but one that gives back a night
 * and takes another can still meet its mirror image; Postgres then breaks the
 * deadlock by failing one of them, which is tried again from the start. A
 * change that found a place full is refused naming it, after the rollback,
 * and so is one that would enrol a person twice in one municipality.
 */
export async function placesTransaction<T>(db: Kysely<Database>, change: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return withRetries(db, () => db.transaction().execute(change))
}

/** `placesTransaction` for the enrolment's hot path: the same, in two round trips (`pipelinedTransaction`). */
export async function pipelinedPlacesTransaction<T>(db: Kysely<Database>, change: (tx: PipelinedTransaction) => Promise<T>): Promise<T> {
  return withRetries(db, () => pipelinedTransaction(db, change))
}

async function withRetries<T>(db: Kysely<Database>, attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt()
    } catch (error) {
      const last = n >= 3
      if (error instanceof PlacesFull) {
        // None left now; or one was given back in the meantime, and the change is tried again.
        const refusal = await fullPlace(db, error.places, last)
        if (refusal) throw refusal
        continue
      }
      const { code, constraint } = error as { code?: unknown; constraint?: unknown }
      // A person is enrolled once per municipality (migration 07).
      if (code === '23505' && constraint === 'participant_active_email') throw new DomainError('email_already_enrolled', 'email')
      if (last || (code !== '40P01' && code !== '40001')) throw error
    }
  }
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
