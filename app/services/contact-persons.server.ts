import type { Kysely, Transaction } from 'kysely'
import type { AppUser, Database } from '../../db/schema'
import { DomainError } from '~/domain/errors'
import { registrationActor } from '~/domain/permissions'
import { type Granted, registrationAccess } from './access.server'
import { writeAudit } from './audit.server'
import { enqueueEmail, type MailSettings } from './outbox.server'
import { type Actor, type PersonInput, upsertUser } from './users.server'

export type RegistrationRole = 'contact_person' | 'organiser'

/**
 * A municipality's registration as its contact person or an organiser of the
 * event sees it; null for anyone else, so a foreign id is indistinguishable
 * from an unknown one.
 */
export async function findRegistrationForUser(db: Kysely<Database>, userId: string, registrationId: string) {
  const row = await db
    .selectFrom('registration')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .innerJoin('event', 'event.id', 'registration.event_id')
    .leftJoin('app_user as contact', 'contact.id', 'registration.contact_user_id')
    .select((eb) => [
      'registration.id',
      'registration.event_id',
      'registration.contact_user_id',
      'registration.contact_named_at',
      'municipality.name as municipality_name',
      'municipality.number as municipality_number',
      'municipality.language_form',
      'event.title as event_title',
      'event.slug as event_slug',
      'event.organiser_contact_email',
      'event.status',
      'event.registration_opens_at',
      'event.personal_data_deleted_at',
      'event.starts_at',
      'event.ends_at',
      'event.deadline_at',
      'contact.name as contact_name',
      'contact.email as contact_email',
      'contact.phone as contact_phone',
      'contact.title as contact_title',
      eb
        .exists(
          eb
            .selectFrom('event_organiser')
            .select('event_organiser.user_id')
            .whereRef('event_organiser.event_id', '=', 'registration.event_id')
            .where('event_organiser.user_id', '=', userId),
        )
        .as('is_organiser'),
    ])
    .where('registration.id', '=', registrationId)
    .executeTakeFirst()
  if (!row) return null
  const role: RegistrationRole | null = row.contact_user_id === userId ? 'contact_person' : row.is_organiser ? 'organiser' : null
  if (!role) return null
  const participants = await db
    .selectFrom('participant')
    .select(['id', 'name', 'title', 'role_category', 'status', 'coverage_rank'])
    .where('registration_id', '=', registrationId)
    .orderBy('coverage_rank')
    .execute()
  // `role` names the person as the pages address them; `actor` is who the policy (app/domain/permissions.ts) answers for.
  const actor = registrationActor({ organises: Boolean(row.is_organiser), isContact: role === 'contact_person' })
  return { ...row, role, actor, participants } as Granted<
    typeof row & { role: RegistrationRole; actor: typeof actor; participants: typeof participants },
    'registration'
  >
}

/**
 * Names or changes the municipality's contact person: an organiser of the
 * event may always, the current contact person may hand over to a colleague.
 * Both the former and the new contact person get an email. Null when the
 * actor may not, so the route answers 404.
 */
export async function setContactPerson(db: Kysely<Database>, mail: MailSettings, actor: Actor, registrationId: string, person: PersonInput, now: Date) {
  return db.transaction().execute(async (trx) => {
    const registration = await trx
      .selectFrom('registration')
      .select(['id', 'event_id', 'contact_user_id'])
      .where('id', '=', registrationId)
      .forNoKeyUpdate()
      .executeTakeFirst()
    if (!registration) return null
    const access = await registrationAccess(trx, actor, registration)
    if (!access) return null
    const { isContact } = access

    const former = registration.contact_user_id
      ? await trx.selectFrom('app_user').selectAll().where('id', '=', registration.contact_user_id).executeTakeFirstOrThrow()
      : null
    if (former && former.email === person.email.toLowerCase()) throw new DomainError('contact_unchanged', 'email')
    const contact = await upsertUser(trx, person)
    await trx.updateTable('registration').set({ contact_user_id: contact.id, contact_named_at: now }).where('id', '=', registration.id).execute()
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: isContact ? 'contact person' : 'organiser',
      action: former ? (isContact ? 'contact_person.handed_over' : 'contact_person.changed') : 'contact_person.named',
      entityType: 'registration',
      entityId: registration.id,
      eventId: registration.event_id,
      registrationId: registration.id,
      before: former ? { name: former.name, email: former.email } : undefined,
      after: { name: contact.name, email: contact.email, phone: contact.phone, title: contact.title },
      at: now,
    })
    await notifyContactPersonChange(trx, mail, { registrationId, newContact: contact, formerContact: former }, now)
    return { contact, former }
  })
}

/** Tells the new contact person, and the former one if there was one, in the municipality's language form. */
export async function notifyContactPersonChange(
  trx: Transaction<Database>,
  mail: MailSettings,
  change: { registrationId: string; newContact: AppUser; formerContact: AppUser | null },
  now: Date,
) {
  const r = await trx
    .selectFrom('registration')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .innerJoin('event', 'event.id', 'registration.event_id')
    .select(['registration.event_id', 'municipality.name', 'municipality.language_form', 'event.title', 'event.reply_to_email'])
    .where('registration.id', '=', change.registrationId)
    .executeTakeFirstOrThrow()
  const common = {
    languageForm: r.language_form,
    municipalityName: r.name,
    eventTitle: r.title,
    contactName: change.newContact.name,
    loginLink: `${mail.appUrl}/logg-inn`,
  }
  const about = { languageForm: r.language_form, replyTo: r.reply_to_email, eventId: r.event_id, registrationId: change.registrationId }
  await enqueueEmail(trx, mail, { ...about, template: 'contact-person-named', to: change.newContact.email, params: common }, now)
  if (change.formerContact) {
    await enqueueEmail(
      trx,
      mail,
      {
        ...about,
        template: 'contact-person-replaced',
        to: change.formerContact.email,
        params: { ...common, formerName: change.formerContact.name },
      },
      now,
    )
  }
}
