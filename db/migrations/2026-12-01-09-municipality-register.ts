import { type Kysely, sql } from 'kysely'

/**
 * The municipality register with its history (decision 28):
 *
 * - `language_choice` is the form the municipality has chosen: 'nb', 'nn' or
 *   'neutral' (språknøytral). `language_form`, what we write to it in, becomes
 *   a stored generated column derived from it (neutral is written in bokmål),
 *   so every service that reads `language_form` follows a correction.
 * - `municipality_successor`: where a municipality version was split, merged,
 *   renamed or moved to another county, the versions that took over, and when.
 * - `event_municipality_change`: what a copy of an event invited instead of the
 *   source's municipalities that no longer existed on the copy's first day.
 * - Rindal (1567) moved to Trøndelag on 1 January 2020, not 2019.
 *
 * Written against Kysely<any> and never importing app code.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('municipality')
    .addColumn('language_choice', 'text', (c) => c.notNull().defaultTo('nb').check(sql`language_choice in ('nb', 'nn', 'neutral')`))
    .execute()
  await sql`update municipality set language_choice = language_form`.execute(db)
  await db.schema.alterTable('municipality').dropColumn('language_form').execute()
  await db.schema
    .alterTable('municipality')
    .addColumn('language_form', 'text', (c) => c.notNull().generatedAlwaysAs(sql`case when language_choice = 'nn' then 'nn' else 'nb' end`).stored())
    .execute()
  await db.schema
    .alterTable('municipality')
    .addCheckConstraint('municipality_official_email_shape', sql`official_email ~ '^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$'`)
    .execute()
  await db.schema.createIndex('municipality_county_valid_idx').on('municipality').columns(['county_number', 'valid_from']).execute()

  await db.schema
    .createTable('municipality_successor')
    .addColumn('predecessor_id', 'integer', (c) => c.notNull().references('municipality.id'))
    .addColumn('successor_id', 'integer', (c) => c.notNull().references('municipality.id'))
    // The successor's first day.
    .addColumn('effective_date', 'date', (c) => c.notNull())
    .addPrimaryKeyConstraint('municipality_successor_pkey', ['predecessor_id', 'successor_id'])
    .addCheckConstraint('municipality_successor_not_self', sql`predecessor_id <> successor_id`)
    .execute()
  await db.schema.createIndex('municipality_successor_successor_idx').on('municipality_successor').column('successor_id').execute()

  await db.schema
    .createTable('event_municipality_change')
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('predecessor_id', 'integer', (c) => c.notNull().references('municipality.id'))
    // Null: nothing took over by the event's first day.
    .addColumn('successor_id', 'integer', (c) => c.references('municipality.id'))
    .addUniqueConstraint('event_municipality_change_key', ['event_id', 'predecessor_id', 'successor_id'], (c) => c.nullsNotDistinct())
    .execute()

  await sql`update municipality set valid_to = '2019-12-31' where number = '1567' and valid_to = '2018-12-31'`.execute(db)
}
