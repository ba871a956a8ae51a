import type { Kysely, Transaction } from 'kysely'
import type { AllocationRunMode, Database } from '../../../db/schema'
import { roleMayAttend, sessionIsFull } from '~/domain/eligibility'
import type { AllocationInput, AllocationParticipant, AllocationSession, WishRank } from '~/domain/session-allocation'

/**
 * What the solver gets for an event, read from the database (decision 043):
 * the parallel sessions, the active participants with their municipality,
 * role, the slots on the days they attend, their ranked wishes and the seats
 * that must stay.
 *
 * Seats that stay (`kept`):
 * - a manual placement (session_allocation.source 'manual') in both modes,
 *   unless the organiser clears them;
 * - in mode 'minimal', the published seat (session_choice in a parallel slot)
 *   of a participant whose wishes and days did not change since the last
 *   publication (`wishes_changed_at` null or not after `allocation_published_at`).
 *
 * A kept seat is dropped when it is no longer valid: the session left the
 * slot, the participant no longer attends that day, their role is no longer
 * allowed, or the session's capacity (lowered since) is already filled by
 * seats kept before it (manual first, then in enrolment order).
 */

type Db = Kysely<Database> | Transaction<Database>

export interface AllocationSource {
  input: AllocationInput
  /** Slot and session of the kept seats that came from a manual placement, by `participantId\u0000slotId`. */
  manual: Set<string>
  /** The same for seats kept from the last publication. */
  published: Set<string>
  /** Session titles by id, for messages and explanations. */
  titles: Map<string, string>
  /** Every manual placement read (valid or not), as `participant slot session` keys: a run checks none changed while it solved. */
  manualRead: string[]
}

export const seatKey = (participantId: string, slotId: string) => `${participantId}\u0000${slotId}`

/** A manual placement as one comparable key. */
export const manualKey = (row: { participant_id: string; slot_id: string; program_item_id: string }) =>
  `${row.participant_id} ${row.slot_id} ${row.program_item_id}`

/** The mode a press of "Fordel plasser" runs in when the organiser does not say: minimal once something is published. */
export function defaultMode(event: { allocation_published_at: Date | null }): AllocationRunMode {
  return event.allocation_published_at ? 'minimal' : 'full'
}

/** The event's parallel sessions, by slot and id. */
export async function parallelSessions(db: Db, eventId: string) {
  return db
    .selectFrom('program_item')
    .select(['id', 'slot_id', 'title', 'capacity', 'restricted_to_roles', 'room', 'starts_at', 'ends_at', 'seats_taken'])
    .where('event_id', '=', eventId)
    .where('kind', '=', 'parallel')
    .where('slot_id', 'is not', null)
    .orderBy('slot_id')
    .orderBy('sort_order')
    .orderBy('title')
    .orderBy('id')
    .execute()
}

/**
 * The AllocationInput of an event. `mode` decides whether published seats
 * are kept; `clearManual` leaves the manual placements out (a run that
 * starts them over).
 */
export async function allocationInput(
  db: Db,
  eventId: string,
  options: { mode: AllocationRunMode; clearManual?: boolean; publishedAt: Date | null },
): Promise<AllocationSource> {
  const [sessions, participants, attended, wishes, manualRows, publishedRows] = await Promise.all([
    parallelSessions(db, eventId),
    db
      .selectFrom('participant')
      .innerJoin('registration', 'registration.id', 'participant.registration_id')
      .select(['participant.id', 'participant.registration_id', 'participant.role_category', 'participant.wishes_changed_at'])
      .where('registration.event_id', '=', eventId)
      .where('participant.status', '=', 'active')
      .orderBy('participant.created_at')
      .orderBy('participant.id')
      .execute(),
    db
      .selectFrom('participant_day')
      .innerJoin('program_slot', 'program_slot.event_day_id', 'participant_day.event_day_id')
      .select(['participant_day.participant_id', 'program_slot.id as slot_id'])
      .where('program_slot.event_id', '=', eventId)
      .execute(),
    db
      .selectFrom('session_wish')
      .innerJoin('program_slot', 'program_slot.id', 'session_wish.slot_id')
      .select(['session_wish.participant_id', 'session_wish.slot_id', 'session_wish.program_item_id', 'session_wish.rank'])
      .where('program_slot.event_id', '=', eventId)
      .orderBy('session_wish.participant_id')
      .orderBy('session_wish.slot_id')
      .orderBy('session_wish.rank')
      .execute(),
    options.clearManual
      ? Promise.resolve([])
      : db
          .selectFrom('session_allocation')
          .select(['participant_id', 'slot_id', 'program_item_id'])
          .where('event_id', '=', eventId)
          .where('source', '=', 'manual')
          .execute(),
    options.mode === 'minimal' && options.publishedAt
      ? db
          .selectFrom('session_choice')
          .innerJoin('program_item', 'program_item.id', 'session_choice.program_item_id')
          .select(['session_choice.participant_id', 'program_item.slot_id', 'session_choice.program_item_id'])
          .where('program_item.event_id', '=', eventId)
          .where('program_item.kind', '=', 'parallel')
          .where('program_item.slot_id', 'is not', null)
          .execute()
      : Promise.resolve([]),
  ])

  const allocationSessions: AllocationSession[] = sessions.map((s) => ({
    id: s.id,
    slotId: s.slot_id as string,
    capacity: s.capacity,
    restrictedToRoles: s.restricted_to_roles,
    title: s.title,
  }))
  const sessionById = new Map(allocationSessions.map((s) => [s.id, s]))

  const slotsOf = new Map<string, string[]>()
  for (const a of attended) slotsOf.set(a.participant_id, [...(slotsOf.get(a.participant_id) ?? []), a.slot_id])
  const wishesOf = new Map<string, AllocationParticipant['wishes']>()
  for (const w of wishes) {
    if (!sessionById.has(w.program_item_id)) continue
    wishesOf.set(w.participant_id, [...(wishesOf.get(w.participant_id) ?? []), { slotId: w.slot_id, sessionId: w.program_item_id, rank: w.rank as WishRank }])
  }

  const unchanged = new Set(
    participants
      .filter((p) => options.publishedAt && (p.wishes_changed_at === null || p.wishes_changed_at.getTime() <= options.publishedAt.getTime()))
      .map((p) => p.id),
  )
  const order = new Map(participants.map((p, i) => [p.id, i]))
  const byOrder = <T extends { participant_id: string }>(rows: T[]) =>
    [...rows].sort((a, b) => (order.get(a.participant_id) ?? 0) - (order.get(b.participant_id) ?? 0))

  const result: AllocationParticipant[] = participants.map((p, i) => ({
    id: p.id,
    municipalityId: p.registration_id,
    roleCategory: p.role_category,
    slotIds: slotsOf.get(p.id) ?? [],
    wishes: wishesOf.get(p.id) ?? [],
    order: i,
  }))
  const participantById = new Map(result.map((p) => [p.id, p]))

  // Kept seats: manual first, then the published ones of those who did not change; each only while valid and within capacity.
  const manual = new Set<string>()
  const published = new Set<string>()
  const used = new Map<string, number>()
  const keep = (row: { participant_id: string; slot_id: string | null; program_item_id: string }, into: Set<string>) => {
    const p = participantById.get(row.participant_id)
    const session = sessionById.get(row.program_item_id)
    if (!p || !session || !row.slot_id || session.slotId !== row.slot_id) return
    const key = seatKey(p.id, row.slot_id)
    if (manual.has(key) || published.has(key)) return
    if (!p.slotIds.includes(row.slot_id) || !roleMayAttend(session.restrictedToRoles, p.roleCategory)) return
    const n = used.get(session.id) ?? 0
    if (sessionIsFull({ capacity: session.capacity, seatsTaken: n })) return
    used.set(session.id, n + 1)
    into.add(key)
    p.kept = [...(p.kept ?? []), { slotId: row.slot_id, sessionId: session.id }]
  }
  for (const row of byOrder(manualRows)) keep(row, manual)
  for (const row of byOrder(publishedRows.filter((r) => unchanged.has(r.participant_id)))) keep(row, published)

  return {
    input: { sessions: allocationSessions, participants: result },
    manual,
    published,
    titles: new Map(sessions.map((s) => [s.id, s.title])),
    manualRead: manualRows.map(manualKey).sort(),
  }
}
