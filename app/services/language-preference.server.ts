import type { Kysely } from 'kysely'
import type { AppUser, Database, LanguageForm } from '../../db/schema'
import { ownedBy } from './access.server'

/**
 * The written form a logged-in person reads the pages in, unless this browser
 * has chosen one (decision 054): the form they chose with the switch, else the
 * language form of the municipality they last took part for, as contact person
 * or participant, else null (the pages' own default, bokmål).
 */
export async function preferredLanguageForm(db: Kysely<Database>, user: Pick<AppUser, 'id' | 'email' | 'language_form'>): Promise<LanguageForm | null> {
  if (user.language_form) return user.language_form
  // Two indexed lookups (registration_contact_idx; participant_email_idx and participant_user_idx), not a scan of every registration.
  const asContact = db
    .selectFrom('registration')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .innerJoin('event', 'event.id', 'registration.event_id')
    .select(['municipality.language_form', 'event.starts_at'])
    .where('registration.contact_user_id', '=', user.id)
  const asParticipant = db
    .selectFrom('participant')
    .innerJoin('registration', 'registration.id', 'participant.registration_id')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .innerJoin('event', 'event.id', 'registration.event_id')
    .select(['municipality.language_form', 'event.starts_at'])
    .where(ownedBy(user))
  const row = await db
    .selectFrom(asContact.unionAll(asParticipant).as('taking_part'))
    .select('taking_part.language_form')
    .orderBy('taking_part.starts_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.language_form ?? null
}

/** Remembers the form a person chose with the switch in the header. */
export async function saveLanguageForm(db: Kysely<Database>, userId: string, form: LanguageForm): Promise<void> {
  await db.updateTable('app_user').set({ language_form: form }).where('id', '=', userId).execute()
}
