import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { formatNight } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { anyOf } from './any-of.server'
import type { Places } from './counters.server'

/**
 * A room or a seat beyond its limit: Postgres's check constraints on the
 * counters refuse it (migration 03), the transaction rolls back, and the
 * refusal names the place that is full.
 */

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
export async function fullPlace(db: Kysely<Database>, places: Places, orFirst: boolean): Promise<DomainError | null> {
  const nightIds = places.nights.map((n) => n.id)
  const sessionIds = places.sessions.map((s) => s.id)
  const [nights, sessions] = await Promise.all([
    db
      .selectFrom('hotel_night')
      .select('id')
      .where((eb) => eb('id', '=', anyOf(eb, nightIds)))
      // Rooms held for a waiting list's open offer count as taken (migration 15).
      .where((eb) => eb(eb('rooms_taken', '+', eb.ref('rooms_held')), '>=', eb.ref('rooms_in_block')))
      .execute(),
    db
      .selectFrom('program_item')
      .select('id')
      .where((eb) => eb('id', '=', anyOf(eb, sessionIds)))
      .whereRef('seats_taken', '>=', 'capacity')
      .execute(),
  ])
  const night = places.nights.find((n) => nights.some((r) => r.id === n.id)) ?? (orFirst && sessions.length === 0 ? places.nights[0] : undefined)
  if (night) return new DomainError('night_full', 'nightIds', { night: formatNight(night.night_date) })
  const session = places.sessions.find((s) => sessions.some((r) => r.id === s.id)) ?? (orFirst ? places.sessions[0] : undefined)
  if (session) return new DomainError('session_full', 'sessionIds', { session: session.title })
  return null
}
