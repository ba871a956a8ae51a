import type { Kysely } from 'kysely'
import type { AllocationRunMode, Database } from '../../../db/schema'
import { restrictedRolesParam, roleMayAttend } from '~/domain/eligibility'
import { DomainError } from '~/domain/errors'
import { summarise, violations } from '~/domain/session-allocation'
import { writeAudit } from '../audit.server'
import type { Actor } from '../users.server'
import { lockOrganisedEvent } from '../access.server'
import { anyOf } from '../places/any-of.server'
import { allocationInput, defaultMode, manualKey, seatKey } from './allocation-input.server'
import { solveAllocation } from './solve.server'

/**
 * Sessions by wishes (decision 043): a press of "Fordel plasser" (runAllocation)
 * and the organiser's moves by hand (moveParticipant). Publishing is in
 * publish.server.ts, the page's figures in allocation-view.server.ts.
 *
 * Every change locks the event row first (lockOrganisedEvent), so runs, moves
 * and publications of one event happen one at a time; a move then locks the
 * sessions it empties and fills, in id order.
 */

type Event = NonNullable<Awaited<ReturnType<typeof lockOrganisedEvent>>>

/** The event must hand out its seats by wishes. */
function requireByWishes(event: Pick<Event, 'session_allocation'>) {
  if (event.session_allocation !== 'by_wishes') throw new DomainError('allocation_not_by_wishes')
}

/** Seats are allocated and published only by wishes, and only while the wish round is closed: wishes that can still change are not final. */
export function requireClosedWishRound(event: Pick<Event, 'session_allocation' | 'wish_round_closed_at'>) {
  requireByWishes(event)
  if (!event.wish_round_closed_at) throw new DomainError('wish_round_open')
}

async function organisedEvent(db: Kysely<Database>, actor: Actor, eventId: string) {
  return db
    .selectFrom('event')
    .innerJoin('event_organiser', 'event_organiser.event_id', 'event.id')
    .select(['event.id', 'event.session_allocation', 'event.wish_round_closed_at', 'event.allocation_published_at'])
    .where('event.id', '=', eventId)
    .where('event_organiser.user_id', '=', actor.userId)
    .executeTakeFirst()
}

export interface RunOptions {
  /** 'minimal' keeps the published seats of those who did not change; 'full' keeps only manual placements. Default: minimal once published. */
  mode?: AllocationRunMode
  /** Start the manual placements over too. */
  clearManual?: boolean
}

/**
 * Allocates the seats of the event's parallel sessions from the wishes: reads
 * the input, runs the solver outside any transaction (it takes a second or
 * two), then in one transaction writes the run and replaces the allocation
 * under review (manual placements stay unless cleared). A run that found no
 * allocation (infeasible, error) is stored and leaves the allocation as it
 * was. Null when the event is not the asker's.
 */
export async function runAllocation(db: Kysely<Database>, actor: Actor, eventId: string, options: RunOptions, now: Date) {
  const event = await organisedEvent(db, actor, eventId)
  if (!event) return null
  requireClosedWishRound(event)
  const mode = options.mode ?? defaultMode(event)
  const source = await allocationInput(db, eventId, { mode, clearManual: options.clearManual, publishedAt: event.allocation_published_at })
  const result = await solveAllocation(source.input)
  const problems = result.status === 'optimal' || result.status === 'time_limit' ? violations(source.input, result.placements) : []
  const usable = (result.status === 'optimal' || result.status === 'time_limit') && problems.length === 0
  const summary = usable
    ? { ...summarise(source.input, result.placements), placements: result.placements.length, manual: source.manual.size, kept: source.published.size }
    : { problems: problems.slice(0, 20) }

  return db.transaction().execute(async (trx) => {
    const locked = await lockOrganisedEvent(trx, actor, eventId)
    if (!locked) return null
    requireClosedWishRound(locked)
    // A move by hand or a publication since the input was read would be lost: the organiser tries again.
    const manualNow = options.clearManual
      ? []
      : (
          await trx
            .selectFrom('session_allocation')
            .select(['participant_id', 'slot_id', 'program_item_id'])
            .where('event_id', '=', eventId)
            .where('source', '=', 'manual')
            .execute()
        )
          .map(manualKey)
          .sort()
    const manualChanged = manualNow.join('\n') !== source.manualRead.join('\n')
    if (manualChanged || String(locked.allocation_published_at) !== String(event.allocation_published_at)) throw new DomainError('allocation_changed')

    const run = await trx
      .insertInto('allocation_run')
      .values({
        event_id: eventId,
        actor_user_id: actor.userId,
        mode,
        status: usable ? result.status : result.status === 'optimal' || result.status === 'time_limit' ? 'error' : result.status,
        objective: result.objective,
        gap: result.gap,
        solve_ms: Math.round(result.solveMs),
        summary: JSON.stringify(summary),
        created_at: now,
      })
      .returning(['id', 'mode', 'status', 'objective', 'gap', 'solve_ms', 'created_at'])
      .executeTakeFirstOrThrow()

    if (usable) {
      await trx.deleteFrom('session_allocation').where('event_id', '=', eventId).execute()
      const rows = result.placements.map((pl) => {
        const key = seatKey(pl.participantId, pl.slotId)
        return {
          event_id: eventId,
          participant_id: pl.participantId,
          slot_id: pl.slotId,
          program_item_id: pl.sessionId,
          rank: pl.rank,
          source: source.manual.has(key) ? ('manual' as const) : source.published.has(key) ? ('kept' as const) : ('solver' as const),
          run_id: run.id,
          updated_at: now,
        }
      })
      for (let i = 0; i < rows.length; i += 1000)
        await trx
          .insertInto('session_allocation')
          .values(rows.slice(i, i + 1000))
          .execute()
    }
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: 'organiser',
      action: 'allocation.run',
      entityType: 'allocation_run',
      entityId: run.id,
      eventId,
      after: {
        mode,
        clearManual: Boolean(options.clearManual),
        status: run.status,
        objective: run.objective,
        gap: run.gap,
        placements: usable ? result.placements.length : 0,
      },
      at: now,
    })
    return { ...run, problems }
  })
}

export interface MoveInput {
  participantId: string
  slotId: string
  /** null: no seat in this slot. */
  sessionId: string | null
}

/**
 * Moves one participant by hand in the allocation under review: the seat is
 * a manual placement, kept by later runs. The capacity (counted in the
 * allocation), the day and the role still hold. Null when the event,
 * participant, slot or session is not the asker's or not in that slot.
 */
export async function moveParticipant(db: Kysely<Database>, actor: Actor, eventId: string, input: MoveInput, now: Date) {
  return db.transaction().execute(async (trx) => {
    const event = await lockOrganisedEvent(trx, actor, eventId)
    if (!event) return null
    requireByWishes(event)
    const [participant, slot] = await Promise.all([
      trx
        .selectFrom('participant')
        .innerJoin('registration', 'registration.id', 'participant.registration_id')
        .select(['participant.id', 'participant.name', 'participant.role_category', 'participant.registration_id'])
        .where('participant.id', '=', input.participantId)
        .where('registration.event_id', '=', eventId)
        .where('participant.status', '=', 'active')
        .executeTakeFirst(),
      trx.selectFrom('program_slot').select(['id', 'event_day_id']).where('id', '=', input.slotId).where('event_id', '=', eventId).executeTakeFirst(),
    ])
    if (!participant || !slot) return null
    const current = await trx
      .selectFrom('session_allocation')
      .select(['program_item_id', 'source', 'rank'])
      .where('participant_id', '=', participant.id)
      .where('slot_id', '=', slot.id)
      .executeTakeFirst()

    // The sessions the move empties and fills, locked in id order.
    const touched = [...new Set([current?.program_item_id, input.sessionId].filter((id): id is string => Boolean(id)))].sort()
    const sessions =
      touched.length === 0
        ? []
        : await trx
            .selectFrom('program_item')
            .select(['id', 'title', 'slot_id', 'capacity', 'restricted_to_roles', 'kind', 'event_id'])
            .where((eb) => eb('id', '=', anyOf(eb, touched)))
            .orderBy('id')
            .forNoKeyUpdate()
            .execute()
    const target = input.sessionId ? sessions.find((s) => s.id === input.sessionId) : null
    if (input.sessionId && (!target || target.event_id !== eventId || target.kind !== 'parallel' || target.slot_id !== slot.id)) return null

    if (target) {
      const attends = await trx
        .selectFrom('participant_day')
        .select('event_day_id')
        .where('participant_id', '=', participant.id)
        .where('event_day_id', '=', slot.event_day_id)
        .executeTakeFirst()
      if (!attends) throw new DomainError('session_day_not_attended', 'sessionId', { session: target.title })
      if (!roleMayAttend(target.restricted_to_roles, participant.role_category)) {
        throw new DomainError('session_role_restricted', 'sessionId', {
          session: target.title,
          roles: restrictedRolesParam(target.restricted_to_roles),
        })
      }
      if (target.capacity !== null && current?.program_item_id !== target.id) {
        const { n } = await trx
          .selectFrom('session_allocation')
          .innerJoin('participant', 'participant.id', 'session_allocation.participant_id')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('session_allocation.program_item_id', '=', target.id)
          .where('participant.status', '=', 'active')
          .executeTakeFirstOrThrow()
        if (Number(n) >= target.capacity) throw new DomainError('session_full', 'sessionId', { session: target.title })
      }
    }

    if (target) {
      await draftSeat(trx, eventId, { participantId: participant.id, slotId: slot.id, sessionId: target.id }, 'manual', now)
    } else {
      await trx.deleteFrom('session_allocation').where('participant_id', '=', participant.id).where('slot_id', '=', slot.id).execute()
    }
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: 'organiser',
      action: 'allocation.move',
      entityType: 'participant',
      entityId: participant.id,
      eventId,
      registrationId: participant.registration_id,
      before: { slotId: slot.id, sessionId: current?.program_item_id ?? null, source: current?.source ?? null },
      after: { slotId: slot.id, sessionId: target?.id ?? null, source: 'manual' },
      at: now,
    })
    return { participantId: participant.id, slotId: slot.id, sessionId: target?.id ?? null, name: participant.name, title: target?.title ?? null }
  })
}

/**
 * Puts a participant in a session of a slot in the event's draft allocation,
 * in place of what they had there, with the rank they wished it at (null if
 * they did not wish it) and where the seat came from.
 */
export async function draftSeat(
  db: Kysely<Database>,
  eventId: string,
  seat: { participantId: string; slotId: string; sessionId: string },
  source: 'manual' | 'kept',
  now: Date,
) {
  const wish = await db
    .selectFrom('session_wish')
    .select('rank')
    // One wish per participant and session (session_wish_once), so the session alone finds it.
    .where('participant_id', '=', seat.participantId)
    .where('program_item_id', '=', seat.sessionId)
    .executeTakeFirst()
  const row = { program_item_id: seat.sessionId, rank: wish?.rank ?? null, source, run_id: null, updated_at: now }
  await db
    .insertInto('session_allocation')
    .values({ event_id: eventId, participant_id: seat.participantId, slot_id: seat.slotId, ...row })
    .onConflict((oc) => oc.columns(['participant_id', 'slot_id']).doUpdateSet(row))
    .execute()
}
