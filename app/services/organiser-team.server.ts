import type { Kysely } from 'kysely'
import type { Database, LanguageForm } from '../../db/schema'
import { formatDateRange } from '~/domain/dates'
import { EVENT_ROLE_LABELS, type EventRole, isLastOrganiser } from '~/domain/event-permissions'
import { DomainError } from '~/domain/errors'
import { bilingual } from '~/domain/language'
import { findEventFor, lockOrganisedEvent } from './access.server'
import { writeAudit } from './audit.server'
import { enqueueEmail, type MailSettings } from './outbox.server'
import type { Actor } from './users.server'

/**
 * An event's organiser team (decision 29): its organisers (the
 * first organiser and the co-organisers, rows in `event_organiser`) and its
 * viewers (lesetilgang, rows in `event_viewer`) and its desk helpers (vert i
 * registreringen, rows in `event_desk`, decision 047). Only an organiser of the
 * event sees or changes the team; every change locks the event row first
 * (`lockOrganisedEvent`), so two changes to one team happen one at a time and
 * the last organiser can never be removed by two requests at once.
 */

export interface TeamMemberInput {
  name: string
  email: string
  role: EventRole
  /** The language form of the email telling the person they were added. */
  languageForm: LanguageForm
}

export interface TeamMember {
  userId: string
  name: string
  email: string
  role: EventRole
}

/** The event and its team, organisers first; null unless the actor organises the event. */
export async function getTeam(db: Kysely<Database>, actor: Actor, eventId: string) {
  const found = await findEventFor(db, actor, eventId, 'event.manage')
  if (!found) return null
  return { event: found.event, members: await readTeam(db, eventId) }
}

async function readTeam(db: Kysely<Database>, eventId: string): Promise<TeamMember[]> {
  const members = (table: 'event_organiser' | 'event_viewer' | 'event_desk') =>
    db
      .selectFrom(table)
      .innerJoin('app_user', 'app_user.id', `${table}.user_id`)
      .select(['app_user.id', 'app_user.name', 'app_user.email'])
      .where(`${table}.event_id`, '=', eventId)
      .orderBy('app_user.name')
      .execute()
  const [organisers, viewers, desk] = await Promise.all([members('event_organiser'), members('event_viewer'), members('event_desk')])
  return [
    ...organisers.map((u) => ({ userId: u.id, name: u.name, email: u.email, role: 'organiser' as const })),
    ...viewers.map((u) => ({ userId: u.id, name: u.name, email: u.email, role: 'viewer' as const })),
    ...desk.map((u) => ({ userId: u.id, name: u.name, email: u.email, role: 'desk' as const })),
  ]
}

/** The table that holds each role of a team (decision 29; the desk helpers' by decision 047). */
const TEAM_TABLES = { organiser: 'event_organiser', viewer: 'event_viewer', desk: 'event_desk' } as const satisfies Record<EventRole, keyof Database>

/**
 * Adds a person to the event's team as co-organiser or viewer and tells them
 * by email how to log in. A person already on the team (in either role) is
 * refused at the email field. An existing user keeps their name. Null unless
 * the actor organises the event.
 */
export async function addTeamMember(db: Kysely<Database>, mail: MailSettings, actor: Actor, eventId: string, input: TeamMemberInput, now: Date) {
  return db.transaction().execute(async (trx) => {
    const event = await lockOrganisedEvent(trx, actor, eventId)
    if (!event) return null
    const email = input.email.trim().toLowerCase()
    const team = await readTeam(trx, eventId)
    const existing = team.find((m) => m.email === email)
    if (existing)
      throw new DomainError('team_member_exists', 'email', {
        role: bilingual(EVENT_ROLE_LABELS.nb[existing.role].toLowerCase(), EVENT_ROLE_LABELS.nn[existing.role].toLowerCase()),
      })
    await trx
      .insertInto('app_user')
      .values({ email, name: input.name })
      .onConflict((oc) => oc.column('email').doNothing())
      .execute()
    const user = await trx.selectFrom('app_user').select(['id', 'name', 'email']).where('email', '=', email).executeTakeFirstOrThrow()
    if (input.role === 'organiser') {
      await trx.insertInto('event_organiser').values({ event_id: eventId, user_id: user.id }).execute()
    } else {
      await trx.insertInto(TEAM_TABLES[input.role]).values({ event_id: eventId, user_id: user.id, added_at: now }).execute()
    }
    const addedBy = await trx.selectFrom('app_user').select('name').where('id', '=', actor.userId).executeTakeFirstOrThrow()
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: 'organiser',
      action: 'team.member_added',
      entityType: 'app_user',
      entityId: user.id,
      eventId,
      after: { userId: user.id, name: user.name, email: user.email, role: input.role },
      at: now,
    })
    await enqueueEmail(
      trx,
      mail,
      {
        template: 'team-member-added',
        languageForm: input.languageForm,
        to: user.email,
        replyTo: event.reply_to_email,
        eventId,
        params: {
          languageForm: input.languageForm,
          name: user.name,
          eventTitle: event.title,
          eventDates: formatDateRange(event.starts_at, event.ends_at),
          role: input.role,
          addedByName: addedBy.name,
          loginLink: `${mail.appUrl}/logg-inn`,
        },
      },
      now,
    )
    return { userId: user.id, name: user.name, email: user.email, role: input.role }
  })
}

/**
 * Removes a person from the event's team in the role given. The last
 * organiser stays (a DomainError). Null unless the actor organises the event
 * and the person has that role on it, so a foreign id answers 404.
 */
export async function removeTeamMember(db: Kysely<Database>, actor: Actor, eventId: string, member: { userId: string; role: EventRole }, now: Date) {
  return db.transaction().execute(async (trx) => {
    const event = await lockOrganisedEvent(trx, actor, eventId)
    if (!event) return null
    const team = await readTeam(trx, eventId)
    const removed = team.find((m) => m.userId === member.userId && m.role === member.role)
    if (!removed) return null
    if (isLastOrganiser(removed, team)) throw new DomainError('last_organiser')
    await trx.deleteFrom(TEAM_TABLES[removed.role]).where('event_id', '=', eventId).where('user_id', '=', removed.userId).execute()
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: 'organiser',
      action: 'team.member_removed',
      entityType: 'app_user',
      entityId: removed.userId,
      eventId,
      before: { userId: removed.userId, name: removed.name, email: removed.email, role: removed.role },
      at: now,
    })
    return removed
  })
}
