import type { Kysely } from 'kysely'

/** When a municipality was reminded of the deadline: each is reminded once, by the scheduled job. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('registration').addColumn('reminder_sent_at', 'timestamptz').execute()
}
