import type { Kysely } from 'kysely'

/** What the last coverage confirmation said (a hash of it), so sending again reaches only municipalities whose numbers changed. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('registration').addColumn('coverage_confirmation_hash', 'text').execute()
}
