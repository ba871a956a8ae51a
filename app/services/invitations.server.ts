import type { Kysely } from 'kysely'
import type { Database, Event, LanguageForm } from '../../db/schema'
import { formatDateRange, formatDateTime, osloDate } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { invitationListOpen, invitesAtOnce, withdrawalBlocker } from '~/domain/invitations'
import { deadlinePassed } from '~/domain/phase'
import { hashToken, newToken } from '~/utils/tokens.server'
import { findEventFor, lockOrganisedEvent } from './access.server'
import { writeAudit } from './audit.server'
import { notifyContactPersonChange } from './contact-persons.server'
import { enqueueEmail, type MailSettings } from './outbox.server'
import { type Actor, type PersonInput, upsertUser } from './users.server'

/** Invited municipalities of an event, with official address, contact person and invitation status; null unless the actor may manage the event. */
export async function listInvitedMunicipalities(db: Kysely<Database>, actor: Actor, eventId: string) {
  const event = (await findEventFor(db, actor, eventId, 'event.manage'))?.event
  if (!event) return null
  return db
    .selectFrom('registration')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .leftJoin('app_user as contact', 'contact.id', 'registration.contact_user_id')
    .select((eb) => [
      'registration.id',
      'municipality.number',
      'municipality.name',
      'municipality.official_email',
      'municipality.language_form',
      'registration.invitation_sent_at',
      'contact.name as contact_name',
      'contact.email as contact_email',
      eb
        .selectFrom('participant')
        .select(eb.fn.countAll<string>().as('n'))
        .whereRef('participant.registration_id', '=', 'registration.id')
        .where('participant.status', '=', 'active')
        .as('participant_count'),
    ])
    .where('registration.event_id', '=', eventId)
    .orderBy('municipality.number')
    .execute()
}

/**
 * Invites an event's default municipalities: those of its county valid on its
 * first day, plus the named extras (by number). Returns how many were invited.
 */
export async function inviteDefaultMunicipalities(
  db: Kysely<Database>,
  event: { id: string; county_number: string; starts_at: Date },
  extraNumbers: string[] = [],
): Promise<number> {
  const firstDay = osloDate(event.starts_at)
  const invited = await db
    .selectFrom('municipality')
    .select('id')
    .where('valid_from', '<=', firstDay)
    .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', firstDay)]))
    .where((eb) => eb.or([eb('county_number', '=', event.county_number), ...(extraNumbers.length > 0 ? [eb('number', 'in', extraNumbers)] : [])]))
    .execute()
  if (invited.length === 0) return 0
  await db
    .insertInto('registration')
    .values(invited.map((m) => ({ event_id: event.id, municipality_id: m.id })))
    .onConflict((oc) => oc.columns(['event_id', 'municipality_id']).doNothing())
    .execute()
  return invited.length
}

/**
 * Municipalities that could still be invited: valid on the event's first day
 * and not invited yet, from the whole register (a neighbouring county's too),
 * with their county's name, ordered by county and name; null unless the
 * actor may manage the event.
 */
export async function listInvitableMunicipalities(db: Kysely<Database>, actor: Actor, eventId: string) {
  const event = (await findEventFor(db, actor, eventId, 'event.manage'))?.event
  if (!event) return null
  const firstDay = osloDate(event.starts_at)
  return db
    .selectFrom('municipality')
    .leftJoin('county', 'county.number', 'municipality.county_number')
    .select(['municipality.id', 'municipality.number', 'municipality.name', 'municipality.county_number', 'county.name as county_name'])
    .where('municipality.valid_from', '<=', firstDay)
    .where((eb) => eb.or([eb('municipality.valid_to', 'is', null), eb('municipality.valid_to', '>=', firstDay)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('registration')
            .select('registration.id')
            .whereRef('registration.municipality_id', '=', 'municipality.id')
            .where('registration.event_id', '=', event.id),
        ),
      ),
    )
    .orderBy('municipality.county_number')
    .orderBy('municipality.name')
    .orderBy('municipality.number')
    .execute()
}

/** The actor's event, locked; refused once the event has started (decision 30). Null if the event is not the actor's. */
async function lockForInvitationChanges(db: Kysely<Database>, actor: Actor, eventId: string, now: Date) {
  const event = await lockOrganisedEvent(db, actor, eventId)
  if (!event) return null
  if (!invitationListOpen(event, now)) throw new DomainError('event_started')
  return event
}

type InvitingEvent = Pick<Event, 'title' | 'starts_at' | 'ends_at' | 'deadline_at' | 'reply_to_email' | 'organiser_contact_name' | 'organiser_contact_email'>

/**
 * One municipality's invitation: a fresh link, the registration marked as
 * invited, an audit row and the email in the outbox, all in the caller's
 * transaction (a rolled-back invitation never reaches anyone with a dead link).
 */
async function sendInvitation(
  trx: Kysely<Database>,
  mail: MailSettings,
  actor: Actor,
  eventId: string,
  event: InvitingEvent,
  r: { id: string; name: string; official_email: string; language_form: LanguageForm },
  now: Date,
  options: { late?: boolean } = {},
) {
  const token = newToken()
  await trx
    .insertInto('invitation_token')
    .values({ registration_id: r.id, token_hash: hashToken(token), sent_to: r.official_email, created_at: now })
    .execute()
  await trx.updateTable('registration').set({ invitation_sent_at: now }).where('id', '=', r.id).execute()
  await writeAudit(trx, {
    actorUserId: actor.userId,
    actorLabel: 'organiser',
    action: 'invitation.sent',
    entityType: 'registration',
    entityId: r.id,
    eventId,
    registrationId: r.id,
    after: { to: r.official_email },
    at: now,
  })
  const envelope = { languageForm: r.language_form, to: r.official_email, replyTo: event.reply_to_email, eventId, registrationId: r.id }
  const params = {
    languageForm: r.language_form,
    municipalityName: r.name,
    eventTitle: event.title,
    eventDates: formatDateRange(event.starts_at, event.ends_at),
    deadline: formatDateTime(event.deadline_at),
    link: `${mail.appUrl}/invitasjon/${token}`,
    organiserContact: `${event.organiser_contact_name} (${event.organiser_contact_email})`,
  }
  // Invited after the deadline: the same invitation, saying that the organiser now enrols its participants.
  await enqueueEmail(trx, mail, options.late ? { ...envelope, template: 'invitation-late', params } : { ...envelope, template: 'invitation', params }, now)
}

/**
 * Adds a municipality of the register (valid on the event's first day, any
 * county) to the invited list, at any time before the event starts. When the
 * other municipalities already got their invitations, or registration is
 * open, this one gets its invitation at once, in the same transaction.
 * Returns the registration and whether it was mailed; null if the event is
 * not the actor's.
 */
export async function inviteMunicipality(db: Kysely<Database>, mail: MailSettings, actor: Actor, eventId: string, municipalityId: number, now: Date) {
  return db.transaction().execute(async (trx) => {
    const event = await lockForInvitationChanges(trx, actor, eventId, now)
    if (!event) return null
    const firstDay = osloDate(event.starts_at)
    const municipality = await trx
      .selectFrom('municipality')
      .select(['id', 'name', 'number', 'official_email', 'language_form'])
      .where('id', '=', municipalityId)
      .where('valid_from', '<=', firstDay)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', firstDay)]))
      .executeTakeFirst()
    if (!municipality) throw new DomainError('municipality_not_invitable', 'municipalityId')
    const inserted = await trx
      .insertInto('registration')
      .values({ event_id: eventId, municipality_id: municipalityId, invited_at: now })
      .onConflict((oc) => oc.columns(['event_id', 'municipality_id']).doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!inserted) throw new DomainError('municipality_already_invited', 'municipalityId')
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: 'organiser',
      action: 'municipality.invited',
      entityType: 'registration',
      entityId: inserted.id,
      eventId,
      registrationId: inserted.id,
      after: { municipality: municipality.name, number: municipality.number },
      at: now,
    })
    const sentBefore = await trx
      .selectFrom('registration')
      .select('id')
      .where('event_id', '=', eventId)
      .where('invitation_sent_at', 'is not', null)
      .limit(1)
      .executeTakeFirst()
    const atOnce = invitesAtOnce(event, now, Boolean(sentBefore))
    if (atOnce) {
      await sendInvitation(trx, mail, actor, eventId, event, { ...municipality, id: inserted.id }, now, { late: deadlinePassed(event.deadline_at, now) })
    }
    return { id: inserted.id, municipality: municipality.name, invitationSentTo: atOnce ? municipality.official_email : null }
  })
}

/**
 * Withdraws a municipality's invitation, with a reason, until the event
 * starts; refused while it has participants (decision 30). The registration
 * row is deleted: its invitation links, its contact person's access and every
 * list, count, export and reminder lose it with it, while the audit rows and
 * sent emails stay with the event. Its contact person (or, with none, the
 * official address) is told why. Null if the event or the registration is not
 * the actor's.
 */
export async function withdrawMunicipality(
  db: Kysely<Database>,
  mail: MailSettings,
  actor: Actor,
  eventId: string,
  input: { registrationId: string; reason: string },
  now: Date,
) {
  return db.transaction().execute(async (trx) => {
    const event = await lockForInvitationChanges(trx, actor, eventId, now)
    if (!event) return null
    const registration = await trx
      .selectFrom('registration')
      .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
      .leftJoin('app_user as contact', 'contact.id', 'registration.contact_user_id')
      .select([
        'registration.id',
        'registration.invitation_sent_at',
        'municipality.name',
        'municipality.number',
        'municipality.official_email',
        'municipality.language_form',
        'contact.name as contact_name',
        'contact.email as contact_email',
      ])
      .where('registration.id', '=', input.registrationId)
      .where('registration.event_id', '=', eventId)
      .forUpdate('registration')
      .executeTakeFirst()
    if (!registration) return null
    const reason = input.reason.trim()
    if (!reason) throw new DomainError('withdrawal_reason_missing', 'reason')
    const participants = await trx.selectFrom('participant').select('status').where('registration_id', '=', registration.id).execute()
    const blocker = withdrawalBlocker(participants.map((p) => p.status))
    if (blocker) throw new DomainError(blocker, 'registrationId')

    // Mail not yet handed to the worker would carry a dead link or speak of a registration that is gone.
    await trx.deleteFrom('email').where('registration_id', '=', registration.id).where('status', '=', 'queued').where('attempts', '=', 0).execute()
    await trx.deleteFrom('registration').where('id', '=', registration.id).execute()
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: 'organiser',
      action: 'municipality.withdrawn',
      entityType: 'registration',
      entityId: registration.id,
      eventId,
      before: {
        municipality: registration.name,
        number: registration.number,
        contact: registration.contact_email ? { name: registration.contact_name, email: registration.contact_email } : null,
      },
      after: { reason },
      at: now,
    })
    const to = registration.contact_email ?? registration.official_email
    await enqueueEmail(
      trx,
      mail,
      {
        template: 'invitation-withdrawn',
        languageForm: registration.language_form,
        to,
        cc: registration.contact_email && registration.contact_email !== registration.official_email ? [registration.official_email] : [],
        replyTo: event.reply_to_email,
        eventId,
        params: {
          languageForm: registration.language_form,
          municipalityName: registration.name,
          eventTitle: event.title,
          eventDates: formatDateRange(event.starts_at, event.ends_at),
          reason,
          organiserContact: `${event.organiser_contact_name} (${event.organiser_contact_email})`,
        },
      },
      now,
    )
    return { municipality: registration.name, number: registration.number, toldAt: to }
  })
}

/**
 * Emails every invited municipality that has no contact person a link to name
 * one, at its official address and in its language form. Returns how many were
 * sent, or null if the event is not the actor's.
 */
export async function sendInvitations(db: Kysely<Database>, mail: MailSettings, actor: Actor, eventId: string, now: Date): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const event = await lockOrganisedEvent(trx, actor, eventId)
    if (!event) return null
    const pending = await trx
      .selectFrom('registration')
      .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
      .select(['registration.id', 'municipality.name', 'municipality.official_email', 'municipality.language_form'])
      .where('registration.event_id', '=', eventId)
      .where('registration.contact_user_id', 'is', null)
      .orderBy('municipality.number')
      .execute()
    for (const r of pending) await sendInvitation(trx, mail, actor, eventId, event, r, now)
    return pending.length
  })
}

/** What an invitation link is for, or null when it is unknown or its municipality already has a contact person. */
export async function findInvitation(db: Kysely<Database>, token: string) {
  const row = await db
    .selectFrom('invitation_token')
    .innerJoin('registration', 'registration.id', 'invitation_token.registration_id')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .innerJoin('event', 'event.id', 'registration.event_id')
    .select([
      'registration.id as registration_id',
      'registration.contact_user_id',
      'invitation_token.used_at',
      'municipality.name as municipality_name',
      'municipality.language_form',
      'event.title as event_title',
      'event.starts_at',
      'event.ends_at',
      'event.deadline_at',
    ])
    .where('invitation_token.token_hash', '=', hashToken(token))
    .executeTakeFirst()
  if (!row || row.used_at || row.contact_user_id) return null
  return row
}

/**
 * Names the municipality's contact person through its invitation link. Two
 * links used at the same moment: the registration row is locked, so exactly
 * one wins and the other gets `contact_already_named`.
 */
export async function acceptInvitation(db: Kysely<Database>, mail: MailSettings, token: string, person: PersonInput, now: Date) {
  return db.transaction().execute(async (trx) => {
    const invitation = await trx
      .selectFrom('invitation_token')
      .select(['id', 'registration_id', 'used_at'])
      .where('token_hash', '=', hashToken(token))
      .executeTakeFirst()
    if (!invitation || invitation.used_at) throw new DomainError('invitation_invalid')
    const registration = await trx
      .selectFrom('registration')
      .select(['id', 'event_id', 'contact_user_id'])
      .where('id', '=', invitation.registration_id)
      .forUpdate()
      .executeTakeFirstOrThrow()
    if (registration.contact_user_id) throw new DomainError('contact_already_named')
    const user = await upsertUser(trx, person)
    await trx.updateTable('registration').set({ contact_user_id: user.id, contact_named_at: now }).where('id', '=', registration.id).execute()
    await trx.updateTable('invitation_token').set({ used_at: now }).where('id', '=', invitation.id).execute()
    await writeAudit(trx, {
      actorUserId: null,
      actorLabel: 'invitation link',
      action: 'contact_person.named',
      entityType: 'registration',
      entityId: registration.id,
      eventId: registration.event_id,
      registrationId: registration.id,
      after: { name: user.name, email: user.email, phone: user.phone, title: user.title },
      at: now,
    })
    await notifyContactPersonChange(trx, mail, { registrationId: registration.id, newContact: user, formerContact: null }, now)
    return { registrationId: registration.id, contact: user }
  })
}
