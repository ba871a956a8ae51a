import { type Kysely, sql } from 'kysely'

/**
 * Login limits (decision 35). Each rate-limit counter knows when its
 * window ends, so the worker's scheduled job can prune the windows that have
 * passed, whatever their length, with one indexed delete.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('rate_limit_counter').addColumn('window_end', 'timestamptz').execute()
  // Every limit before this migration had 15-minute windows.
  await db.updateTable('rate_limit_counter').set({ window_end: sql`window_start + interval '15 minutes'` }).execute()
  await db.schema
    .alterTable('rate_limit_counter')
    .alterColumn('window_end', (c) => c.setNotNull())
    .execute()
  await db.schema.alterTable('rate_limit_counter').addCheckConstraint('rate_limit_counter_window', sql`window_end > window_start`).execute()
  await db.schema.createIndex('rate_limit_counter_window_end_idx').on('rate_limit_counter').column('window_end').execute()
}
