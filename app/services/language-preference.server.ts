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
  const row = await db
    .selectFrom('registration')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .innerJoin('event', 'event.id', 'registration.event_id')
    .select('municipality.language_form')
    .where((eb) =>
      eb.or([
        eb('registration.contact_user_id', '=', user.id),
        eb.exists(eb.selectFrom('participant').select('participant.id').whereRef('participant.registration_id', '=', 'registration.id').where(ownedBy(user))),
      ]),
    )
    .orderBy('event.starts_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  return row?.language_form ?? null
}

/** Remembers the form a person chose with the switch in the header. */
export async function saveLanguageForm(db: Kysely<Database>, userId: string, form: LanguageForm): Promise<void> {
  await db.updateTable('app_user').set({ language_form: form }).where('id', '=', userId).execute()
}
