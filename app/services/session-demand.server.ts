import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'
import { findEventFor } from './access.server'
import type { Actor } from './users.server'

/**
 * The demand for an event's parallel sessions before the program is fixed
 * (decision 44, docs/decisions): per slot and session, how many ranked it
 * first, second and third, how many municipalities want it (any wish, and a
 * first choice), its capacity; per slot, how many gave wishes and how many
 * attend its day, against the seats of its sessions. For the organiser
 * ('event.manage'); null for anyone else (a 404).
 */
export async function getSessionDemand(db: Kysely<Database>, actor: Actor, eventId: string) {
  const found = await findEventFor(db, actor, eventId, 'event.manage')
  if (!found) return null
  const { event } = found
  // One statement: the wishes of active participants grouped per session, with each slot's totals beside them.
  const rows = await db
    .selectFrom('program_slot as ps')
    .innerJoin('event_day as d', 'd.id', 'ps.event_day_id')
    .innerJoin('program_item as pi', 'pi.slot_id', 'ps.id')
    .leftJoin(
      (eb) =>
        eb
          .selectFrom('session_wish as sw')
          .innerJoin('participant as p', 'p.id', 'sw.participant_id')
          .select(['sw.program_item_id', 'sw.rank', 'p.registration_id'])
          .where('p.status', '=', 'active')
          .as('w'),
      (join) => join.onRef('w.program_item_id', '=', 'pi.id'),
    )
    .select((eb) => [
      'ps.id as slot_id',
      'ps.label as slot_label',
      'ps.starts_at as slot_starts_at',
      'ps.ends_at as slot_ends_at',
      'd.label as day_label',
      'pi.id',
      'pi.title',
      'pi.room',
      'pi.capacity',
      'pi.restricted_to_roles',
      sql<number>`count(w.rank) filter (where w.rank = 1)::int`.as('first'),
      sql<number>`count(w.rank) filter (where w.rank = 2)::int`.as('second'),
      sql<number>`count(w.rank) filter (where w.rank = 3)::int`.as('third'),
      sql<number>`count(distinct w.registration_id)::int`.as('municipalities'),
      sql<number>`count(distinct w.registration_id) filter (where w.rank = 1)::int`.as('first_municipalities'),
      // The slot's totals: who gave any wish in it, and who attends its day.
      eb
        .selectFrom('session_wish as sw')
        .innerJoin('participant as p', 'p.id', 'sw.participant_id')
        .select(sql<number>`count(distinct sw.participant_id)::int`.as('n'))
        .whereRef('sw.slot_id', '=', 'ps.id')
        .where('p.status', '=', 'active')
        .as('slot_wishers'),
      eb
        .selectFrom('participant_day as pd')
        .innerJoin('participant as p', 'p.id', 'pd.participant_id')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('pd.event_day_id', '=', 'ps.event_day_id')
        .where('p.status', '=', 'active')
        .as('slot_attendees'),
    ])
    .where('ps.event_id', '=', eventId)
    .groupBy(['ps.id', 'd.label', 'pi.id'])
    .orderBy('ps.starts_at')
    .orderBy('ps.label')
    .orderBy('ps.id')
    .orderBy('pi.sort_order')
    .orderBy('pi.title')
    .orderBy('pi.id')
    .execute()

  const slots: Array<{
    id: string
    label: string
    dayLabel: string
    startsAt: Date
    endsAt: Date
    wishers: number
    attendees: number
    /** The seats of its sessions together; null when one of them has no limit. */
    capacity: number | null
    sessions: Array<{
      id: string
      title: string
      room: string | null
      capacity: number | null
      restrictedToRoles: string[]
      first: number
      second: number
      third: number
      municipalities: number
      firstMunicipalities: number
    }>
  }> = []
  for (const r of rows) {
    let slot = slots.at(-1)
    if (slot?.id !== r.slot_id) {
      slot = {
        id: r.slot_id,
        label: r.slot_label,
        dayLabel: r.day_label,
        startsAt: r.slot_starts_at,
        endsAt: r.slot_ends_at,
        wishers: r.slot_wishers ?? 0,
        attendees: r.slot_attendees ?? 0,
        capacity: 0,
        sessions: [],
      }
      slots.push(slot)
    }
    slot.capacity = slot.capacity === null || r.capacity === null ? null : slot.capacity + r.capacity
    slot.sessions.push({
      id: r.id,
      title: r.title,
      room: r.room,
      capacity: r.capacity,
      restrictedToRoles: r.restricted_to_roles,
      first: r.first,
      second: r.second,
      third: r.third,
      municipalities: r.municipalities,
      firstMunicipalities: r.first_municipalities,
    })
  }
  return {
    event: {
      id: event.id,
      title: event.title,
      sessionAllocation: event.session_allocation,
      wishRoundClosedAt: event.wish_round_closed_at,
      allocationPublishedAt: event.allocation_published_at,
    },
    slots,
  }
}
