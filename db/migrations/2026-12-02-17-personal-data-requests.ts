import { type Kysely, sql } from 'kysely'

/**
 * Requests about personal data (decision 053): a participant or a contact
 * person asks the organisers to correct or delete what is stored about them
 * before the event; an organiser handles it (done or refused, with a note).
 * The request names the person's account and, when it is about one
 * participant, that participant; the event it concerns is kept for the
 * organisers' list.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('data_request')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('participant_id', 'uuid', (c) => c.references('participant.id').onDelete('set null'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('correction', 'deletion')`))
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('handled_at', 'timestamptz')
    .addColumn('handled_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('outcome', 'text', (c) => c.check(sql`outcome in ('done', 'refused')`))
    .addColumn('outcome_note', 'text', (c) => c.notNull().defaultTo(''))
    // The form's key: a repeated post of the same form files one request.
    .addColumn('idempotency_key', 'text')
    .addUniqueConstraint('data_request_idempotency_key', ['user_id', 'idempotency_key'])
    .addCheckConstraint('data_request_handled', sql`(handled_at is null) = (outcome is null)`)
    .execute()
  await db.schema.createIndex('data_request_event_idx').on('data_request').columns(['event_id', 'created_at']).execute()
}
