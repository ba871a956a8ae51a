import { createHash } from 'node:crypto'
import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { type CheckInOperation, countDay, type DayCounts } from '~/domain/check-in'
import { DomainError } from '~/domain/errors'
import { type LanguageForm, texts } from '~/domain/language'
import { can, permit } from '~/domain/permissions'
import { type EventPhase, eventPhase, type PhaseInput } from '~/domain/phase'
import { type EventGrant, findEventFor } from './access.server'
import { writeAudit } from './audit.server'
import type { MailSettings } from './outbox.server'
import { type SubstituteInput, substituteParticipant } from './participant-changes.server'
import { participantIdFromCode } from './participant-codes.server'
import type { Actor } from './users.server'

/**
 * The check-in desk (decision 046): who is expected on each day of an event
 * and who has arrived, for the event's organisers and desk helpers. The desk
 * sees names, titles and municipalities only, never health data or contact
 * details. Desks send operations made on their devices, perhaps offline and
 * perhaps twice; each is applied once (by its id, `check_in_operation`) and
 * the latest by the device's clock wins (app/domain/check-in.ts).
 */

type DeskEvent = PhaseInput & { id: string; title: string }
type DeskGrant = EventGrant<DeskEvent>

export interface DeskDay {
  id: string
  date: string
  label: string
}

export interface DeskParticipantRow {
  id: string
  name: string
  title: string
  municipality: string
  /** The days they attend. */
  dayIds: string[]
  /** The days they have arrived on. */
  arrivedDayIds: string[]
}

/** A participant's state on a day as the desks see it, with the device time that set it. */
export interface DeskState {
  participantId: string
  dayId: string
  arrived: boolean
  changedAt: Date
}

/** The desk's page: the event's days, its active participants with their arrivals, and the counts per day. */
export async function getDesk(db: Kysely<Database>, grant: DeskGrant, now: Date) {
  const eventId = grant.event.id
  const days = await db.selectFrom('event_day').select(['id', 'date', 'label']).where('event_id', '=', eventId).orderBy('date').execute()
  const rows = await db
    .selectFrom('participant')
    .innerJoin('registration', 'registration.id', 'participant.registration_id')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .select((eb) => [
      'participant.id',
      'participant.name',
      'participant.title',
      'municipality.name as municipality',
      eb.fn
        .coalesce(
          eb
            .selectFrom('participant_day')
            .select(sql<string[]>`array_agg(event_day_id::text)`.as('ids'))
            .whereRef('participant_day.participant_id', '=', 'participant.id'),
          sql<string[]>`'{}'::text[]`,
        )
        .as('dayIds'),
      eb.fn
        .coalesce(
          eb
            .selectFrom('check_in')
            .select(sql<string[]>`array_agg(event_day_id::text)`.as('ids'))
            .whereRef('check_in.participant_id', '=', 'participant.id')
            .where('check_in.arrived', '=', true),
          sql<string[]>`'{}'::text[]`,
        )
        .as('arrivedDayIds'),
    ])
    .where('registration.event_id', '=', eventId)
    .where('participant.status', '=', 'active')
    .orderBy('participant.name')
    .orderBy('participant.id')
    .execute()
  const participants: DeskParticipantRow[] = rows.map((r) => ({ ...r, title: r.title ?? '' }))
  const phase = eventPhase(grant.event, now)
  return { event: { id: eventId, title: grant.event.title }, role: grant.role, phase, days, participants, counts: countsOf(days, participants) }
}

/** Arrived and expected per day, from the desk's participants. */
export function countsOf(days: readonly DeskDay[], participants: readonly DeskParticipantRow[]): Record<string, DayCounts> {
  const arrived = new Set(participants.flatMap((p) => p.arrivedDayIds.map((d) => `${p.id}/${d}`)))
  return Object.fromEntries(days.map((d) => [d.id, countDay(participants, (id) => arrived.has(`${id}/${d.id}`), d.id)]))
}

/** What became of one operation: applied, already applied before (the same id), or refused and not applied. */
export type OperationResult = { id: string; status: 'applied' | 'duplicate' } | { id: string; status: 'rejected'; reason: RejectionReason }

export type RejectionReason = 'not_found' | 'not_attending_day'

const rejectionText = texts({
  nb: { not_found: 'Deltakeren er ikke med på denne samlingen.' },
  nn: { not_found: 'Deltakaren er ikkje med på denne samlinga.' },
})

/** Why a desk's operation was refused, in the reader's form. */
export function checkInRejection(reason: RejectionReason, languageForm: LanguageForm): string {
  return reason === 'not_found' ? rejectionText[languageForm].not_found : new DomainError('not_attending_day').messageIn(languageForm)
}

export interface AppliedOperations {
  results: OperationResult[]
  /** The current state of every participant and day the operations named (also when an older operation changed nothing). */
  states: DeskState[]
}

/**
 * Applies operations from a desk, in one transaction: the policy's
 * 'checkin.mark' for the event's phase first (before the deadline passes it
 * throws 'checkin_not_open'), then each operation once by its id, the latest
 * by device time winning. An operation for someone who is not an active
 * participant of the event, or who does not attend that day, is refused and
 * changes nothing. Null when the actor is not on the event's team with the
 * desk's rights (a 404).
 */
export async function applyCheckInOperations(db: Kysely<Database>, actor: Actor, eventId: string, ops: readonly CheckInOperation[], now: Date) {
  return db.transaction().execute(async (trx) => {
    const grant = await markingGrant(trx, actor, eventId, now)
    if (!grant) return null
    return applyOperations(trx, grant, actor, ops, now)
  })
}

/**
 * Checks in the participant a scanned or typed code names, on `dayId`: the
 * code must be one of ours for check-in and name an active participant of
 * this event who attends the day, else a DomainError at the field `code`
 * and nothing changes. Null when the actor may not use the desk. Returns the
 * participant and whether this arrival was already recorded.
 */
export async function checkInByCode(db: Kysely<Database>, actor: Actor, eventId: string, dayId: string, code: string, opId: string, now: Date) {
  return db.transaction().execute(async (trx) => {
    const grant = await markingGrant(trx, actor, eventId, now)
    if (!grant) return null
    const participantId = await participantIdFromCode(trx, code, 'check-in')
    if (!participantId) throw new DomainError('checkin_code_invalid', 'code')
    const { results, states } = await applyOperations(trx, grant, actor, [{ id: opId, participantId, dayId, arrived: true, madeAt: now }], now)
    const result = results[0]
    if (result?.status === 'rejected') throw new DomainError(result.reason === 'not_attending_day' ? 'not_attending_day' : 'checkin_code_invalid', 'code')
    const participant = await trx
      .selectFrom('participant')
      .innerJoin('registration', 'registration.id', 'participant.registration_id')
      .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
      .select(['participant.id', 'participant.name', 'participant.title', 'municipality.name as municipality'])
      .where('participant.id', '=', participantId)
      .executeTakeFirstOrThrow()
    return { participant, duplicate: result?.status === 'duplicate', state: states[0] }
  })
}

/**
 * The states changed since `since` (by when the server received them), for
 * a desk to follow the others. The cursor to send next time lies a minute
 * before `now`, so a change committed late by a slow transaction is still
 * seen; a state seen twice does no harm.
 */
export async function deskChangesSince(db: Kysely<Database>, grant: DeskGrant, since: Date, now: Date) {
  const rows = await db
    .selectFrom('check_in')
    .innerJoin('event_day', 'event_day.id', 'check_in.event_day_id')
    .select(['check_in.participant_id as participantId', 'check_in.event_day_id as dayId', 'check_in.arrived', 'check_in.changed_at as changedAt'])
    .where('event_day.event_id', '=', grant.event.id)
    .where('check_in.received_at', '>', since)
    .execute()
  return { states: rows satisfies DeskState[], cursor: new Date(now.getTime() - CURSOR_OVERLAP_MS) }
}

const CURSOR_OVERLAP_MS = 60_000

/** The event and the actor's role, if the actor is on its team with the desk's rights and may mark arrivals in its phase now. */
async function markingGrant(trx: Transaction<Database>, actor: Actor, eventId: string, now: Date): Promise<(DeskGrant & { phase: EventPhase }) | null> {
  const grant = await findEventFor(trx, actor, eventId, 'checkin.read')
  if (!grant) return null
  const phase = eventPhase(grant.event, now)
  if (!permit(grant.role, 'checkin.mark', { phase })) return null
  return Object.assign(grant, { phase })
}

async function applyOperations(
  trx: Transaction<Database>,
  grant: DeskGrant,
  actor: Actor,
  ops: readonly CheckInOperation[],
  now: Date,
): Promise<AppliedOperations> {
  const eventId = grant.event.id
  const participantIds = [...new Set(ops.map((o) => o.participantId))]
  const attending = new Map<string, Set<string>>()
  if (participantIds.length > 0) {
    const rows = await trx
      .selectFrom('participant')
      .innerJoin('registration', 'registration.id', 'participant.registration_id')
      .leftJoin('participant_day', 'participant_day.participant_id', 'participant.id')
      .select(['participant.id', 'participant_day.event_day_id as dayId'])
      .where('registration.event_id', '=', eventId)
      .where('participant.status', '=', 'active')
      .where('participant.id', 'in', participantIds)
      .execute()
    for (const r of rows) {
      const days = attending.get(r.id) ?? new Set<string>()
      if (r.dayId) days.add(r.dayId)
      attending.set(r.id, days)
    }
  }

  const byId = new Map<string, OperationResult>()
  const applied: CheckInOperation[] = []
  // In one order for every desk (by participant, day and id), so two batches lock the same rows in the same order and never deadlock.
  const ordered = [...ops].sort((a, b) => compare(a.participantId, b.participantId) || compare(a.dayId, b.dayId) || compare(a.id, b.id))
  for (const op of ordered) {
    const days = attending.get(op.participantId)
    if (!days) {
      byId.set(op.id, { id: op.id, status: 'rejected', reason: 'not_found' })
      continue
    }
    if (!days.has(op.dayId)) {
      byId.set(op.id, { id: op.id, status: 'rejected', reason: 'not_attending_day' })
      continue
    }
    // A device whose clock runs ahead must not win over every later change: no operation is later than its arrival here.
    const madeAt = op.madeAt.getTime() > now.getTime() ? now : op.madeAt
    const inserted = await trx
      .insertInto('check_in_operation')
      .values({
        id: op.id,
        event_id: eventId,
        participant_id: op.participantId,
        event_day_id: op.dayId,
        arrived: op.arrived,
        made_at: madeAt,
        made_by: actor.userId,
        received_at: now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!inserted) {
      if (!byId.has(op.id)) byId.set(op.id, { id: op.id, status: 'duplicate' })
      continue
    }
    // The latest by device time wins; at the same instant "arrived" wins (`supersedes` in app/domain/check-in.ts).
    await trx
      .insertInto('check_in')
      .values({ participant_id: op.participantId, event_day_id: op.dayId, arrived: op.arrived, changed_at: madeAt, changed_by: actor.userId, received_at: now })
      .onConflict((oc) =>
        oc
          .columns(['participant_id', 'event_day_id'])
          .doUpdateSet((eb) => ({
            arrived: eb.ref('excluded.arrived'),
            changed_at: eb.ref('excluded.changed_at'),
            changed_by: eb.ref('excluded.changed_by'),
            received_at: eb.ref('excluded.received_at'),
          }))
          .where((eb) =>
            eb.or([
              eb('excluded.changed_at', '>', eb.ref('check_in.changed_at')),
              eb.and([eb('excluded.changed_at', '=', eb.ref('check_in.changed_at')), eb('excluded.arrived', '=', true), eb('check_in.arrived', '=', false)]),
            ]),
          ),
      )
      .execute()
    applied.push({ ...op, madeAt })
    byId.set(op.id, { id: op.id, status: 'applied' })
  }

  if (applied.length > 0) {
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: grant.role === 'desk' ? 'desk' : 'organiser',
      action: 'checkin.marked',
      entityType: 'event',
      entityId: eventId,
      eventId,
      after: { operations: applied.map((o) => ({ id: o.id, participant: o.participantId, day: o.dayId, arrived: o.arrived, madeAt: o.madeAt.toISOString() })) },
      at: now,
    })
  }

  const results = ops.map((o) => byId.get(o.id) as OperationResult)
  const touched = ops.filter((o) => attending.get(o.participantId)?.has(o.dayId))
  const states =
    touched.length === 0
      ? []
      : await trx
          .selectFrom('check_in')
          .select(['participant_id as participantId', 'event_day_id as dayId', 'arrived', 'changed_at as changedAt'])
          .where((eb) => eb.or(touched.map((o) => eb.and([eb('participant_id', '=', o.participantId), eb('event_day_id', '=', o.dayId)]))))
          .execute()
  return { results, states }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** An active participant of the desk's event, as the desk shows them (name, title, municipality), or undefined. */
export async function findDeskParticipant(db: Kysely<Database>, grant: DeskGrant, participantId: string) {
  return db
    .selectFrom('participant')
    .innerJoin('registration', 'registration.id', 'participant.registration_id')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .select(['participant.id', 'participant.name', 'participant.title', 'municipality.name as municipality'])
    .where('participant.id', '=', participantId)
    .where('registration.event_id', '=', grant.event.id)
    .where('participant.status', '=', 'active')
    .executeTakeFirst()
}

/**
 * Someone turns up at the desk instead of a participant: the substitution
 * (substituteParticipant in participant-changes.server.ts, which asks the
 * policy and keeps the place, days, nights and coverage), then the
 * substitute checked in on `dayId` if they attend it. Two transactions: a
 * failed check-in leaves the substitution made, and the desk checks them in
 * by name. Null when the actor may not, or the participant is not an active
 * participant of this event.
 */
export async function substituteAtDesk(
  db: Kysely<Database>,
  mail: MailSettings,
  actor: Actor,
  eventId: string,
  participantId: string,
  dayId: string,
  input: SubstituteInput,
  opId: string,
  now: Date,
) {
  const grant = await findEventFor(db, actor, eventId, 'checkin.read')
  if (!grant || !(await findDeskParticipant(db, grant, participantId))) return null
  const done = await substituteParticipant(db, mail, actor, participantId, input, now)
  if (!done) return null
  // Before the deadline the desk is closed (the policy's 'checkin.mark'): the substitution stands, unchecked.
  const marked = can(grant.role, 'checkin.mark', { phase: eventPhase(grant.event, now) })
    ? await applyCheckInOperations(db, actor, eventId, [{ id: opId, participantId: done.substitute.id, dayId, arrived: true, madeAt: now }], now)
    : null
  return { substitute: done.substitute, dropped: done.dropped, checkedIn: marked?.results[0]?.status === 'applied' }
}

/**
 * The operation id of a desk form sent without JavaScript, from the page's
 * token and what the button does: the same button of the same page sent
 * twice (a double click, a resend) is one operation.
 */
export function formOperationId(...parts: string[]): string {
  const hex = createHash('sha256').update(parts.join('\n')).digest('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}
