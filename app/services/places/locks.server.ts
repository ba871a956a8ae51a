import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../../db/schema'
import { anyOf } from './any-of.server'

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
