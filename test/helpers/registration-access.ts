import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { findRegistrationForUser } from '~/services/contact-persons.server'

/**
 * The registration as an organiser of its event finds it with `findRegistrationForUser`: the readers in
 * app/services/registration-view.server.ts take nothing less than such an access record (decision 41).
 */
export async function registrationAsOrganiser(db: Kysely<Database>, registrationId: string) {
  const { user_id } = await db
    .selectFrom('registration')
    .innerJoin('event_organiser', 'event_organiser.event_id', 'registration.event_id')
    .select('event_organiser.user_id')
    .where('registration.id', '=', registrationId)
    .executeTakeFirstOrThrow()
  const found = await findRegistrationForUser(db, user_id, registrationId)
  if (!found) throw new Error(`an organiser of ${registrationId}'s event was refused`)
  return found
}
