import type { Kysely } from 'kysely'
import type { AppUser, Database } from '../../db/schema'
import { eventPhase } from '~/domain/phase'
import { ownedBy } from './access.server'

/**
 * A participant with their registration and their event's phase: what the
 * participant's own changes (sessions, wishes) and the waiting-list view start
 * from. With `owner`, only that person's own participant (`ownedBy` in
 * access.server.ts); without, the caller has checked the asker's access.
 */
export async function readParticipantInEvent(db: Kysely<Database>, participantId: string, now: Date, owner?: AppUser) {
  let query = db
    .selectFrom('participant')
    .innerJoin('registration', 'registration.id', 'participant.registration_id')
    .innerJoin('event', 'event.id', 'registration.event_id')
    .select([
      'participant.id',
      'participant.name',
      'participant.role_category',
      'participant.status',
      'registration.id as registration_id',
      'registration.event_id',
      'event.status as event_status',
      'event.registration_opens_at',
      'event.deadline_at',
      'event.starts_at',
      'event.ends_at',
      'event.personal_data_deleted_at',
    ])
    .where('participant.id', '=', participantId)
  if (owner) query = query.where(ownedBy(owner))
  const row = await query.executeTakeFirst()
  return row && { ...row, phase: eventPhase({ ...row, status: row.event_status }, now) }
}
