import { type Kysely, sql } from 'kysely'

/**
 * Withdrawing an invited municipality deletes its registration row (decision
 * 30). What must outlive it, the audit trail and the emails that were sent,
 * loses only its link to the row: their foreign keys onto `registration`
 * become ON DELETE SET NULL instead of CASCADE. The rows keep their
 * `event_id`, so the event's history and E-post page still show them.
 */
export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['audit_log', 'email']) {
    await sql`alter table ${sql.table(table)} drop constraint ${sql.id(`${table}_registration_id_fkey`)}`.execute(db)
    await sql`
      alter table ${sql.table(table)}
      add constraint ${sql.id(`${table}_registration_id_fkey`)}
      foreign key (registration_id) references registration (id) on delete set null
    `.execute(db)
  }
}
