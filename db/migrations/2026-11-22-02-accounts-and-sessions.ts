import { type Kysely, sql } from 'kysely'

/**
 * Passwordless login, sessions, rate-limit counters and the single-purpose
 * links with which an invited municipality names its contact person. Tokens
 * are stored only as SHA-256 hashes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_token')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text', (c) => c.notNull().check(sql`email = lower(email)`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('code_hash', 'text', (c) => c.notNull())
    .addColumn('failed_code_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('language_form', 'text', (c) => c.notNull().defaultTo('nb').check(sql`language_form in ('nb', 'nn')`))
    .addColumn('return_to', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .addCheckConstraint('login_token_expires_after_creation', sql`expires_at > created_at`)
    .execute()
  await db.schema.createIndex('login_token_email_idx').on('login_token').columns(['email', 'created_at']).execute()

  await db.schema
    .createTable('user_session')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_seen_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('user_session_user_idx').on('user_session').column('user_id').execute()

  // Fixed-window counters shared by every app process.
  await db.schema
    .createTable('rate_limit_counter')
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('window_start', 'timestamptz', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull().check(sql`count >= 0`))
    .addPrimaryKeyConstraint('rate_limit_counter_pkey', ['key', 'window_start'])
    .execute()

  await db.schema
    .createTable('invitation_token')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('registration_id', 'uuid', (c) => c.notNull().references('registration.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('sent_to', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('used_at', 'timestamptz')
    .execute()
  await db.schema.createIndex('invitation_token_registration_idx').on('invitation_token').column('registration_id').execute()

  await db.schema.createIndex('event_organiser_user_idx').on('event_organiser').column('user_id').execute()
}
