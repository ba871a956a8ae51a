import { type Kysely, sql } from 'kysely'

/**
 * A person is enrolled at most once per municipality and event: two active
 * participants of one registration may not share an email (in any case).
 * A database that already has such pairs stops here, naming them, so that
 * someone cancels one of each rather than the migration choosing.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const { rows } = await sql<{ registration_id: string; email: string }>`
    select registration_id, lower(email) as email from participant
    where status = 'active' group by registration_id, lower(email) having count(*) > 1`.execute(db)
  if (rows.length > 0) {
    const pairs = rows.map((r) => `${r.email} (registration ${r.registration_id})`).join(', ')
    throw new Error(`Some municipalities have the same person enrolled twice; cancel one of each before this migration: ${pairs}`)
  }
  await sql`create unique index participant_active_email on participant (registration_id, lower(email)) where status = 'active'`.execute(db)
}
