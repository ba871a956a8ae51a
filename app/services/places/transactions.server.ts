import type { Kysely, Transaction } from 'kysely'
import { type PipelinedTransaction, pipelinedTransaction } from '../../../db/pipelined-transaction'
import type { Database } from '../../../db/schema'
import { DomainError } from '~/domain/errors'
import { fullPlace, PlacesFull } from './full.server'
import { takeReleased } from './released.server'
import { fillWaitingLists, type WaitingSettings } from './waiting-lists.server'

/**
 * Runs a change that takes or gives back rooms and seats in one transaction.
 * Changes take shared rows in a fixed order, but one that gives back a night
 * and takes another can still meet its mirror image; Postgres then breaks the
 * deadlock by failing one of them, which is tried again from the start. A
 * change that found a place full is refused naming it, after the rollback,
 * and so is one that would enrol a person twice in one municipality. Given
 * `{ db, mail, now }` rather than the bare database, what the change gave
 * back is filled from the waiting lists in the same transaction.
 */
export async function placesTransaction<T>(
  on: Kysely<Database> | ({ db: Kysely<Database> } & WaitingSettings),
  change: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  const { db, waitingLists } = 'db' in on ? { db: on.db, waitingLists: { mail: on.mail, now: on.now } } : { db: on, waitingLists: null }
  return withRetries(db, () =>
    db.transaction().execute(async (trx) => {
      const result = await change(trx)
      // Seats and rooms the change gave back go to the first on their waiting lists before it commits (decision 045).
      const released = takeReleased(trx)
      if (released && waitingLists) await fillWaitingLists(trx, released, waitingLists)
      return result
    }),
  )
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
