import { type Kysely, sql } from 'kysely'

/**
 * Organiser teams per event (decision 29). Co-organisers are
 * rows in `event_organiser`, as the first organiser is. Read-only members
 * (lesetilgang: the hotel, a finance office) get a table of their own, so
 * that no existing check that joins `event_organiser` can let them in.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('event_viewer')
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('event_viewer_pkey', ['event_id', 'user_id'])
    .execute()
  await db.schema.createIndex('event_viewer_user_idx').on('event_viewer').column('user_id').execute()
}
