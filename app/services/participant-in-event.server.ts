import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { eventPhase } from '~/domain/phase'
import { type Asker, ownedBy } from './access.server'
import { lockParticipantsRegistration } from './places/locks.server'

/** The event's columns its phase is told from (`eventPhase`), with its status as `event_status`. */
const PHASE_COLUMNS = [
  'event.status as event_status',
  'event.registration_opens_at',
  'event.deadline_at',
  'event.starts_at',
  'event.ends_at',
  'event.personal_data_deleted_at',
] as const

/**
 * A participant with their registration and their event's phase: what the
 * participant's own changes (sessions, wishes, a world-café table), the
 * waiting-list view and the phone pages of a personal link start from. With
 * `owner`, only that person's own participant (`ownedBy` in
 * access.server.ts); without, the caller has checked the asker's access.
 * With `lock`, the participant row is locked (NO KEY UPDATE: rows that refer
 * to them may still be written) for the rest of the transaction.
 */
export async function readParticipantInEvent(db: Kysely<Database>, participantId: string, now: Date, options: { owner?: Asker; lock?: boolean } = {}) {
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
      'event.title as event_title',
      'event.cafe_picking_open',
      ...PHASE_COLUMNS,
    ])
    .where('participant.id', '=', participantId)
  if (options.owner) query = query.where(ownedBy(options.owner))
  if (options.lock) query = query.forNoKeyUpdate('participant')
  const row = await query.executeTakeFirst()
  return row && { ...row, phase: eventPhase({ ...row, status: row.event_status }, now) }
}

/**
 * A participant with their municipality's quota and their event's phase, for
 * a change to them: the municipality's registration locked first and the
 * participant read after, so two changes to one participant happen one after
 * the other and the second sees the first. Who may make the change is the
 * caller's to decide; `own` says whether they are the asker's own (`ownedBy`).
 * Undefined for an unknown participant.
 */
export async function lockParticipantInEvent(trx: Transaction<Database>, participantId: string, now: Date, asker?: Asker) {
  if (!(await lockParticipantsRegistration(trx, participantId))) return undefined
  const row = await trx
    .selectFrom('participant')
    .innerJoin('registration', 'registration.id', 'participant.registration_id')
    .innerJoin('event', 'event.id', 'registration.event_id')
    .selectAll('participant')
    .select([
      'registration.event_id',
      'registration.contact_user_id',
      'registration.extra_overnights_granted',
      'registration.extra_day_packages_granted',
      ...PHASE_COLUMNS,
      'event.covered_overnight_per_municipality',
      'event.covered_day_packages_per_municipality',
      'event.organiser_contact_email',
    ])
    .select((eb) => (asker ? ownedBy(asker)(eb) : eb.val(false)).as('own'))
    .where('participant.id', '=', participantId)
    .executeTakeFirst()
  if (!row) return undefined
  const { own, ...found } = row
  return { found, own: Boolean(own), phase: eventPhase({ ...found, status: found.event_status }, now) }
}
