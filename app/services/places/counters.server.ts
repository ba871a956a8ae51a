import { type DeleteQueryBuilder, type InsertQueryBuilder, type QueryCreator, sql, type Transaction, type UpdateQueryBuilder } from 'kysely'
import type { Database } from '../../../db/schema'
import type { IsoDate } from '~/domain/dates'
import { anyOf } from './any-of.server'
import { whenFull } from './full.server'
import { noteReleased } from './released.server'

/**
 * The counters of rooms and seats every municipality shares: taking a room
 * of each night and a seat of each session, and giving them back. Callers
 * hold the municipality's registration row locked; rooms and seats are taken
 * last, nights before sessions, each in id order, so the rows every
 * municipality shares are held only for one round trip and the commit
 * (decision 17, docs/decisions) and two requests never deadlock.
 */

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
  let statement: QueryCreator<any> = db
  writes.forEach((write, i) => {
    if (write) statement = statement.with(`write_${i}`, () => write)
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

/**
 * Gives back one room of each night and one seat of each session (a
 * cancellation, or a changed choice), nights before sessions, each in id order.
 * What is given back is noted, so `placesTransaction` hands it to the first
 * on the waiting lists before the transaction commits (decision 045).
 */
export async function releasePlaces(trx: Transaction<Database>, nightIds: string[], sessionIds: string[]) {
  noteReleased(trx, nightIds, sessionIds)
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
