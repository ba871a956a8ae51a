import { type ExpressionBuilder, type Kysely, sql } from 'kysely'
import type { AppUser, Database } from '../../db/schema'
import { can, type EventAction, type EventRole, registrationActor } from '~/domain/permissions'
import type { Actor } from './users.server'

declare const granted: unique symbol

/**
 * A record an access function found for the asker: the event from `findEventFor` (kind 'event'), the
 * registration from `findRegistrationForUser` in contact-persons.server.ts ('registration'), the asker's own
 * participant from `findOwnParticipant` in participants.server.ts ('participant'). Only those functions add the
 * brand, so the readers that take one (registration-view.server.ts, `reviewEventMunicipalities`) cannot be
 * handed a bare id or a hand-made object: they are scoped by the asker without asking again (decision 41).
 */
export type Granted<T, Kind extends 'event' | 'registration' | 'participant'> = T & { readonly [granted]: Kind }

/** What `findEventFor` hands out. */
export type EventGrant<T = { id: string; starts_at: Date }> = Granted<{ event: T; role: EventRole }, 'event'>

/** Who asks: a signed-in person, by their account and email. */
export type Asker = Pick<AppUser, 'id' | 'email'>

/** The participant rows that are this user's own: linked to their account, or enrolled with their email. The one owner rule. */
export function ownedBy(user: Asker) {
  return (eb: ExpressionBuilder<Database, 'participant'>) => eb.or([eb('participant.user_id', '=', user.id), eb('participant.email', '=', user.email)])
}

export interface RegistrationAccess {
  /** The actor organises the event. */
  organises: boolean
  /** The actor is the municipality's contact person. */
  isContact: boolean
  /** The role the policy (app/domain/permissions.ts) answers for: an organiser's powers win when both. */
  role: 'organiser' | 'contact_person'
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
  const role = registrationActor({ organises, isContact })
  if (!role) return null
  return { organises, isContact, role, label: isContact ? 'contact person' : 'organiser' }
}

/**
 * The event, locked for the rest of the transaction, if the actor organises
 * it; null otherwise. Every change an organiser makes to an event starts here,
 * so changes to one event happen one at a time.
 */
export async function lockOrganisedEvent(db: Kysely<Database>, actor: Actor, eventId: string) {
  return (
    db
      .selectFrom('event')
      .innerJoin('event_organiser', 'event_organiser.event_id', 'event.id')
      .selectAll('event')
      .where('event.id', '=', eventId)
      .where('event_organiser.user_id', '=', actor.userId)
      // NO KEY UPDATE: organisers' changes still take turns, but a row that only refers to the event (an audit
      // row, an email) may be written meanwhile, so no other change waits on it in the wrong order (a deadlock).
      .forNoKeyUpdate('event')
      .executeTakeFirst()
  )
}

/**
 * The event with the actor's role on it, if the policy lets that role take
 * `action` (app/domain/event-permissions.ts); null otherwise, which routes
 * answer with 404. The read-only pages (overview, hotel nights, exports)
 * find their event here, so their viewers get in; every other organiser
 * page joins `event_organiser` and stays closed to viewers.
 */
export async function findEventFor(db: Kysely<Database>, actor: Actor, eventId: string, action: EventAction) {
  const row = await db
    .selectFrom('event')
    .selectAll('event')
    .select((eb) => [
      eb
        .exists(
          eb
            .selectFrom('event_organiser')
            .select('user_id')
            .whereRef('event_organiser.event_id', '=', 'event.id')
            .where('event_organiser.user_id', '=', actor.userId),
        )
        .as('organises'),
      eb
        .exists(
          eb.selectFrom('event_viewer').select('user_id').whereRef('event_viewer.event_id', '=', 'event.id').where('event_viewer.user_id', '=', actor.userId),
        )
        .as('views'),
      eb
        .exists(eb.selectFrom('event_desk').select('user_id').whereRef('event_desk.event_id', '=', 'event.id').where('event_desk.user_id', '=', actor.userId))
        .as('desk'),
    ])
    .where('event.id', '=', eventId)
    .executeTakeFirst()
  if (!row) return null
  const { organises, views, desk, ...event } = row
  const role: EventRole | null = organises ? 'organiser' : views ? 'viewer' : desk ? 'desk' : null
  if (!can(role, action)) return null
  return { event, role: role as EventRole } as EventGrant<typeof event>
}

/** The events the actor is on the team of, with their role there, newest first: for the organiser's start page and Min side. */
export async function listTeamEvents(db: Kysely<Database>, actor: Actor) {
  const columns = [
    'event.id',
    'event.slug',
    'event.title',
    'event.status',
    'event.starts_at',
    'event.ends_at',
    'event.registration_opens_at',
    'event.deadline_at',
    'event.personal_data_deleted_at',
  ] as const
  const rows = await db
    .selectFrom('event')
    .innerJoin('event_organiser', 'event_organiser.event_id', 'event.id')
    .select([...columns, sql.lit('organiser').as('role')])
    .where('event_organiser.user_id', '=', actor.userId)
    .unionAll((eb) =>
      eb
        .selectFrom('event')
        .innerJoin('event_viewer', 'event_viewer.event_id', 'event.id')
        .select([...columns, sql.lit('viewer').as('role')])
        .where('event_viewer.user_id', '=', actor.userId),
    )
    .unionAll((eb) =>
      eb
        .selectFrom('event')
        .innerJoin('event_desk', 'event_desk.event_id', 'event.id')
        .select([...columns, sql.lit('desk').as('role')])
        .where('event_desk.user_id', '=', actor.userId),
    )
    .orderBy('starts_at', 'desc')
    .execute()
  return rows.map((r) => ({ ...r, role: r.role as EventRole }))
}
