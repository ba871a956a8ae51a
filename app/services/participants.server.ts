import type { Kysely } from 'kysely'
import type { AppUser, Database } from '../../db/schema'

/** A participant's own registration, or null for anyone but that participant. */
export async function findOwnParticipant(db: Kysely<Database>, user: AppUser, participantId: string) {
  return db
    .selectFrom('participant')
    .innerJoin('registration', 'registration.id', 'participant.registration_id')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .innerJoin('event', 'event.id', 'registration.event_id')
    .select([
      'participant.id',
      'event.id as event_id',
      'participant.name',
      'participant.email',
      'participant.phone',
      'participant.title',
      'participant.role_category',
      'participant.status',
      'participant.attends_dinner',
      'municipality.name as municipality_name',
      'event.title as event_title',
      'event.slug as event_slug',
      'event.starts_at',
      'event.ends_at',
    ])
    .where('participant.id', '=', participantId)
    .where((eb) => eb.or([eb('participant.user_id', '=', user.id), eb('participant.email', '=', user.email)]))
    .executeTakeFirst()
}

/** Everything a person has a role in: events they organise, municipalities they are contact person for, their own registrations. */
export async function listRolesOf(db: Kysely<Database>, user: AppUser) {
  const [organised, contactFor, participations] = await Promise.all([
    db
      .selectFrom('event')
      .innerJoin('event_organiser', 'event_organiser.event_id', 'event.id')
      .select(['event.id', 'event.title', 'event.starts_at', 'event.ends_at'])
      .where('event_organiser.user_id', '=', user.id)
      .orderBy('event.starts_at', 'desc')
      .execute(),
    db
      .selectFrom('registration')
      .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
      .innerJoin('event', 'event.id', 'registration.event_id')
      .select(['registration.id', 'municipality.name as municipality_name', 'event.title as event_title', 'event.starts_at', 'event.ends_at'])
      .where('registration.contact_user_id', '=', user.id)
      .orderBy('event.starts_at', 'desc')
      .execute(),
    db
      .selectFrom('participant')
      .innerJoin('registration', 'registration.id', 'participant.registration_id')
      .innerJoin('event', 'event.id', 'registration.event_id')
      .select(['participant.id', 'event.title as event_title', 'event.starts_at', 'event.ends_at', 'participant.status'])
      .where((eb) => eb.or([eb('participant.user_id', '=', user.id), eb('participant.email', '=', user.email)]))
      .orderBy('event.starts_at', 'desc')
      .execute(),
  ])
  return { organised, contactFor, participations }
}

/**
 * The digital sessions of an event for one of its registered participants,
 * with the meeting link once the organiser has published it.
 */
export async function listDigitalSessionsForParticipant(db: Kysely<Database>, eventId: string) {
  const sessions = await db
    .selectFrom('program_item')
    .select(['id', 'title', 'starts_at', 'ends_at', 'online_url', 'online_url_published_at'])
    .where('event_id', '=', eventId)
    .where('kind', '=', 'digital')
    .orderBy('starts_at')
    .execute()
  return sessions.map((s) => ({ ...s, online_url: s.online_url_published_at ? s.online_url : null }))
}
