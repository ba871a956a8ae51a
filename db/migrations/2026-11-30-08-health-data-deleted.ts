import type { Kysely } from 'kysely'

/** When an event's health data (diet, allergies, accessibility needs) was deleted, after it ended (DESIGN.md §3). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('event').addColumn('health_data_deleted_at', 'timestamptz').execute()
}
