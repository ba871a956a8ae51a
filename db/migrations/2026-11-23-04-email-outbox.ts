import { type Kysely, sql } from 'kysely'

/**
 * The outbox: every email is a row, written in the same transaction as the
 * change that causes it (template and parameters), rendered and delivered by
 * the mail worker (decision 20, docs/decisions). `dedupe_key` makes enqueueing
 * the same message twice a no-op.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('email')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('event_id', 'uuid', (c) => c.references('event.id').onDelete('cascade'))
    .addColumn('registration_id', 'uuid', (c) => c.references('registration.id').onDelete('cascade'))
    .addColumn('template', 'text', (c) => c.notNull())
    .addColumn('language_form', 'text', (c) => c.notNull().check(sql`language_form in ('nb', 'nn')`))
    .addColumn('from_address', 'text', (c) => c.notNull())
    .addColumn('to_addresses', sql`text[]`, (c) => c.notNull().check(sql`cardinality(to_addresses) > 0`))
    .addColumn('cc_addresses', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('reply_to', 'text')
    // What the template needs, frozen when the change happened; the worker renders from it.
    .addColumn('params', 'jsonb', (c) => c.notNull())
    // Filled by the worker just before the first attempt: exactly what is sent.
    .addColumn('subject', 'text')
    .addColumn('html', 'text')
    .addColumn('text', 'text')
    // [{ filename, contentType, encoding ('utf8' for text, 'base64'), content }]
    .addColumn('attachments', 'jsonb', (c) => c.notNull().defaultTo(sql`'[]'`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued').check(sql`status in ('queued', 'sending', 'sent', 'failed')`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0).check(sql`attempts >= 0`))
    .addColumn('last_error', 'text')
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // A worker that claimed the row and then died gives it back when this passes.
    .addColumn('locked_until', 'timestamptz')
    .addColumn('sent_at', 'timestamptz')
    .addColumn('smtp_message_id', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('email_sent_at', sql`(status = 'sent') = (sent_at is not null)`)
    .addCheckConstraint('email_sent_rendered', sql`status <> 'sent' or (subject is not null and html is not null and text is not null)`)
    .execute()
  await db.schema.createIndex('email_due_idx').on('email').columns(['next_attempt_at']).where(sql.ref('status'), 'in', ['queued', 'sending']).execute()
  await db.schema.createIndex('email_event_idx').on('email').columns(['event_id', 'created_at']).execute()
}
