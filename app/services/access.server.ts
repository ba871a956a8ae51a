import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { Actor } from './users.server'

export interface RegistrationAccess {
  /** The actor organises the event. */
  organises: boolean
  /** The actor is the municipality's contact person. */
  isContact: boolean
  /** For the audit log. */
  label: 'organiser' | 'contact person'
}

/**
 * How the actor may act on a municipality's registration: as an organiser of
 * its event, as its contact person, or (null) not at all, which routes answer
 * with 404.
 */
export async function registrationAccess(
  db: Kysely<Database>,
  actor: Actor,
  registration: { event_id: string; contact_user_id: string | null },
): Promise<RegistrationAccess | null> {
  const organiser = await db
    .selectFrom('event_organiser')
    .select('user_id')
    .where('event_id', '=', registration.event_id)
    .where('user_id', '=', actor.userId)
    .executeTakeFirst()
  return accessFrom(actor, registration.contact_user_id, Boolean(organiser))
}

/** The same answer, when whether the actor organises the event was read together with the registration. */
export function accessFrom(actor: Actor, contactUserId: string | null, organises: boolean): RegistrationAccess | null {
  const isContact = contactUserId === actor.userId
  if (!organises && !isContact) return null
  return { organises, isContact, label: isContact ? 'contact person' : 'organiser' }
}

/**
 * The event, locked for the rest of the transaction, if the actor organises
 * it; null otherwise. Every change an organiser makes to an event starts here,
 * so changes to one event happen one at a time.
 */
export async function lockOrganisedEvent(db: Kysely<Database>, actor: Actor, eventId: string) {
  return db
    .selectFrom('event')
    .innerJoin('event_organiser', 'event_organiser.event_id', 'event.id')
    .selectAll('event')
    .where('event.id', '=', eventId)
    .where('event_organiser.user_id', '=', actor.userId)
    .forUpdate('event')
    .executeTakeFirst()
}
