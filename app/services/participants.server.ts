import type { Kysely } from 'kysely'
import type { AppUser, Database } from '../../db/schema'
import { permit } from '~/domain/permissions'
import { type Granted, ownedBy } from './access.server'
import { writeAudit } from './audit.server'
import { enqueueEmail, type MailSettings } from './outbox.server'
import { readParticipantInEvent } from './participant-in-event.server'
import { participantChanged, readParticipantMail } from './participant-mail.server'
import { checkChoices, readChoices, readHeld, replaceChoices } from './places/choices.server'
import { lockParticipantsRegistration } from './places/locks.server'
import { placesTransaction } from './places/transactions.server'
import { readWishState, sessionsUnderWishes } from './session-wishes.server'

/** A participant's own registration, or null for anyone but that participant. */
export async function findOwnParticipant(db: Kysely<Database>, user: AppUser, participantId: string) {
  const row = await db
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
      'participant.registration_id',
      'municipality.name as municipality_name',
      'event.status as event_status',
      'event.registration_opens_at',
      'event.deadline_at',
      'event.personal_data_deleted_at',
      'event.title as event_title',
      'event.slug as event_slug',
      'event.starts_at',
      'event.ends_at',
    ])
    .where('participant.id', '=', participantId)
    .where(ownedBy(user))
    .executeTakeFirst()
  // Branded: the participant pages' readers (registration-view.server.ts) take it as the asker's access (decision 41).
  return row as Granted<NonNullable<typeof row>, 'participant'> | undefined
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
      .where(ownedBy(user))
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
    .orderBy('sort_order')
    .orderBy('title')
    .orderBy('id')
    .execute()
  return sessions.map((s) => ({ ...s, online_url: s.online_url_published_at ? s.online_url : null }))
}

/**
 * A participant changes their own session choices, under the rules the
 * contact person's form keeps: one per slot, only on days they attend, only
 * sessions open to their role, never above capacity; until the event starts.
 * Null for anyone but that participant, or a participant no longer enrolled.
 */
export async function changeOwnSessions(db: Kysely<Database>, mail: MailSettings, user: AppUser, participantId: string, sessionIds: string[], now: Date) {
  return placesTransaction({ db, mail, now }, async (trx) => {
    if (!(await lockParticipantsRegistration(trx, participantId))) return null
    const participant = await readParticipantInEvent(trx, participantId, now, { owner: user })
    if (participant?.status !== 'active') return null
    if (!permit('participant', 'participant.choose-sessions', { phase: participant.phase })) return null

    const held = await readHeld(trx, participantId)
    // By wishes (decision 44), the participant ranks parallel sessions (saveOwnWishes) and keeps the seats allocated.
    const wishState = await readWishState(trx, participant.event_id, participantId)
    const asked = wishState.setting.session_allocation === 'by_wishes' ? sessionsUnderWishes(wishState.slots, held.sessionIds, sessionIds) : sessionIds
    const choices = { dayIds: held.dayIds, nightIds: [], sessionIds: asked, topicIds: [] }
    const read = await readChoices(trx, { registrationId: participant.registration_id }, choices)
    checkChoices(read, choices, participant.role_category, null)
    const { goneSessions, newSessions } = await replaceChoices(trx, participantId, held, { sessions: read.sessions }, { longTravelReason: null, now })
    if (goneSessions.length + newSessions.length > 0) {
      await writeAudit(trx, {
        actorUserId: user.id,
        actorLabel: 'participant',
        action: 'participant.sessions_changed',
        entityType: 'participant',
        entityId: participantId,
        eventId: participant.event_id,
        registrationId: participant.registration_id,
        before: { name: participant.name, sessions: held.sessionIds },
        after: { name: participant.name, sessions: asked },
        at: now,
      })
      await enqueueEmail(trx, mail, participantChanged(mail, await readParticipantMail(trx, participantId)), now)
    }
    return { changed: goneSessions.length + newSessions.length > 0 }
  })
}
