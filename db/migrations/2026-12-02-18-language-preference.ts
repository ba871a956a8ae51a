import { type Kysely, sql } from 'kysely'

/**
 * The written form a person has chosen for the pages (decision 054): set by
 * the switch in the header; null until they choose, when the pages follow
 * their municipality's language form, or bokmål. Finding that municipality
 * looks a person's participant rows up by account as well as by email.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('app_user')
    .addColumn('language_form', 'text', (c) => c.check(sql`language_form in ('nb', 'nn')`))
    .execute()
  await db.schema.createIndex('participant_user_idx').on('participant').column('user_id').execute()
}
