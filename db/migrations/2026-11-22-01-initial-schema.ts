import { type Kysely, sql } from 'kysely'

/**
 * The domain of DESIGN.md §3 as tables: counties and municipalities, people,
 * events with days, hotel nights, coverage rules, prices and program, the
 * municipalities invited to an event (one registration row each), participants
 * with their days, nights, session choices and topic wishes, and the audit log.
 *
 * Written against Kysely<any> and never importing app code, so it stays
 * runnable as it is for as long as the project lives.
 */

const ROLE_CATEGORIES = ['ordforer', 'varaordforer', 'kommunedirektor', 'kommunalsjef', 'fagansvarlig', 'radgiver', 'politiker', 'ungdomsrepresentant', 'annet']

const FIELDS_OF_WORK = [
  'utslippskutt',
  'klimatilpasning',
  'miljo_og_barekraft',
  'anskaffelser',
  'naringsutvikling',
  'areal_og_transport',
  'landbruk',
  'bygg_og_eiendom',
  'annet',
]

const PROGRAM_KINDS = ['plenary', 'parallel', 'break', 'meal', 'social', 'optional', 'digital']

const inList = (column: string, values: string[]) => sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`)

const subsetOf = (column: string, values: string[]) => sql.raw(`${column} <@ array[${values.map((v) => `'${v}'`).join(', ')}]::text[]`)

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('county')
    .addColumn('number', 'text', (c) => c.primaryKey().check(sql`number ~ '^[0-9]{2}$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('municipality')
    .addColumn('id', 'integer', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('number', 'text', (c) => c.notNull().check(sql`number ~ '^[0-9]{4}$'`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('county_number', 'text', (c) => c.notNull().references('county.number'))
    .addColumn('language_form', 'text', (c) => c.notNull().defaultTo('nb').check(sql`language_form in ('nb', 'nn')`))
    .addColumn('official_email', 'text', (c) => c.notNull())
    // The municipality as it was between these dates; numbers are reused after mergers.
    .addColumn('valid_from', 'date', (c) => c.notNull())
    .addColumn('valid_to', 'date')
    .addUniqueConstraint('municipality_number_valid_from_key', ['number', 'valid_from'])
    .addCheckConstraint('municipality_valid_range', sql`valid_to is null or valid_to >= valid_from`)
    .execute()

  await db.schema
    .createTable('app_user')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('email', 'text', (c) => c.notNull().check(sql`email = lower(email) and position('@' in email) > 1`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('title', 'text')
    .addColumn('is_organiser', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addUniqueConstraint('app_user_email_key', ['email'])
    .execute()

  await db.schema
    .createTable('event')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('slug', 'text', (c) => c.notNull().unique().check(sql`slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('county_number', 'text', (c) => c.notNull().references('county.number'))
    .addColumn('venue', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('hotel_name', 'text')
    .addColumn('hotel_address', 'text')
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('registration_opens_at', 'timestamptz', (c) => c.notNull())
    .addColumn('deadline_at', 'timestamptz', (c) => c.notNull())
    .addColumn('is_binding', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('organising_bodies', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('organiser_contact_name', 'text', (c) => c.notNull())
    .addColumn('organiser_contact_email', 'text', (c) => c.notNull())
    .addColumn('reply_to_email', 'text', (c) => c.notNull())
    .addColumn('audience_text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft').check(sql`status in ('draft', 'published')`))
    // Coverage rules (DESIGN.md §3).
    .addColumn('covered_overnight_per_municipality', 'integer', (c) => c.notNull().defaultTo(0).check(sql`covered_overnight_per_municipality >= 0`))
    .addColumn('covered_day_packages_per_municipality', 'integer', (c) => c.notNull().defaultTo(0).check(sql`covered_day_packages_per_municipality >= 0`))
    // Prices of self-paid participation in øre; null while the organiser has not set one.
    .addColumn('price_overnight_package_ore', 'integer', (c) => c.check(sql`price_overnight_package_ore >= 0`))
    .addColumn('price_day_package_ore', 'integer', (c) => c.check(sql`price_day_package_ore >= 0`))
    .addColumn('price_dinner_ore', 'integer', (c) => c.check(sql`price_dinner_ore >= 0`))
    .addColumn('prices_are_approximate', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('self_paid_billed_by', 'text', (c) => c.notNull().defaultTo('organiser').check(sql`self_paid_billed_by in ('organiser', 'hotel')`))
    .addColumn('travel_paid_by_municipality', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('reminder_days_before_deadline', 'integer', (c) => c.notNull().defaultTo(7).check(sql`reminder_days_before_deadline >= 0`))
    .addColumn('personal_data_retention_days', 'integer', (c) => c.notNull().defaultTo(90).check(sql`personal_data_retention_days >= 0`))
    .addColumn('personal_data_deleted_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('event_ends_after_start', sql`ends_at > starts_at`)
    .addCheckConstraint('event_deadline_window', sql`registration_opens_at < deadline_at and deadline_at < starts_at`)
    .execute()

  await db.schema
    .createTable('event_organiser')
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('event_organiser_pkey', ['event_id', 'user_id'])
    .execute()

  await db.schema
    .createTable('event_day')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('date', 'date', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addColumn('meals', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addUniqueConstraint('event_day_event_date_key', ['event_id', 'date'])
    .addCheckConstraint('event_day_ends_after_start', sql`ends_at > starts_at`)
    .execute()

  await db.schema
    .createTable('hotel_night')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('event.id').onDelete('cascade'))
    // The evening the night starts: the night 10→11 November is 10 November.
    .addColumn('night_date', 'date', (c) => c.notNull())
    .addColumn('rooms_in_block', 'integer', (c) => c.notNull().check(sql`rooms_in_block >= 0`))
    .addColumn('release_date', 'date')
    .addColumn('is_covered', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('requires_reason', 'boolean', (c) => c.notNull().defaultTo(false))
    .addUniqueConstraint('hotel_night_event_date_key', ['event_id', 'night_date'])
    .addCheckConstraint('hotel_night_release_before_night', sql`release_date is null or release_date <= night_date`)
    .execute()

  await db.schema
    .createTable('program_slot')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('event_day_id', 'uuid', (c) => c.notNull().references('event_day.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz', (c) => c.notNull())
    .addCheckConstraint('program_slot_ends_after_start', sql`ends_at > starts_at`)
    .execute()

  await db.schema
    .createTable('program_item')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('event.id').onDelete('cascade'))
    // Null for the digital part, which runs on its own dates.
    .addColumn('event_day_id', 'uuid', (c) => c.references('event_day.id').onDelete('cascade'))
    .addColumn('slot_id', 'uuid', (c) => c.references('program_slot.id').onDelete('restrict'))
    .addColumn('kind', 'text', (c) => c.notNull().check(inList('kind', PROGRAM_KINDS)))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ends_at', 'timestamptz')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('speakers', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('room', 'text')
    .addColumn('capacity', 'integer', (c) => c.check(sql`capacity >= 1`))
    .addColumn('requires_signup', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('restricted_to_roles', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`).check(subsetOf('restricted_to_roles', ROLE_CATEGORIES)))
    .addColumn('online_url', 'text')
    .addColumn('online_url_published_at', 'timestamptz')
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint('program_item_ends_after_start', sql`ends_at is null or ends_at > starts_at`)
    .addCheckConstraint('program_item_parallel_has_slot', sql`(kind = 'parallel') = (slot_id is not null)`)
    .addCheckConstraint('program_item_digital_has_no_day', sql`(kind = 'digital') = (event_day_id is null)`)
    .addCheckConstraint('program_item_signup_has_capacity', sql`not requires_signup or capacity is not null`)
    .execute()

  await db.schema
    .createTable('event_topic')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('event_topic_event_label_key', ['event_id', 'label'])
    .execute()

  // One row per invited municipality: the invitation, its contact person
  // (exactly one, by construction), the organiser's grants and the lock
  // target when quotas of that municipality are counted.
  await db.schema
    .createTable('registration')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('municipality_id', 'integer', (c) => c.notNull().references('municipality.id'))
    .addColumn('invited_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('invitation_sent_at', 'timestamptz')
    .addColumn('contact_user_id', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('contact_named_at', 'timestamptz')
    .addColumn('extra_overnights_granted', 'integer', (c) => c.notNull().defaultTo(0).check(sql`extra_overnights_granted >= 0`))
    .addColumn('extra_day_packages_granted', 'integer', (c) => c.notNull().defaultTo(0).check(sql`extra_day_packages_granted >= 0`))
    .addColumn('coverage_confirmed_at', 'timestamptz')
    .addUniqueConstraint('registration_event_municipality_key', ['event_id', 'municipality_id'])
    .addCheckConstraint('registration_contact_named', sql`(contact_user_id is null) = (contact_named_at is null)`)
    .execute()

  await db.schema
    .createTable('participant')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('registration_id', 'uuid', (c) => c.notNull().references('registration.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.references('app_user.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('role_category', 'text', (c) => c.notNull().check(inList('role_category', ROLE_CATEGORIES)))
    .addColumn('fields_of_work', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'`).check(subsetOf('fields_of_work', FIELDS_OF_WORK)))
    .addColumn('attends_dinner', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('diet', 'text')
    .addColumn('allergies', 'text')
    .addColumn('accessibility_needs', 'text')
    // Enrolment order within the municipality; the contact person may reorder before the deadline.
    .addColumn('coverage_rank', 'integer', (c) => c.notNull().check(sql`coverage_rank >= 1`))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active').check(sql`status in ('active', 'cancelled', 'late_cancelled', 'substituted')`))
    .addColumn('is_late_addition', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('substitute_for_id', 'uuid', (c) => c.references('participant.id'))
    .addColumn('idempotency_key', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('cancelled_at', 'timestamptz')
    .addUniqueConstraint('participant_idempotency_key', ['registration_id', 'idempotency_key'])
    .addCheckConstraint('participant_cancelled_at', sql`(status in ('cancelled', 'late_cancelled', 'substituted')) = (cancelled_at is not null)`)
    .execute()

  await db.schema
    .createTable('participant_day')
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participant.id').onDelete('cascade'))
    .addColumn('event_day_id', 'uuid', (c) => c.notNull().references('event_day.id').onDelete('cascade'))
    // A covered day package (one participant, one day, no hotel night).
    .addColumn('is_covered_day_package', 'boolean', (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('participant_day_pkey', ['participant_id', 'event_day_id'])
    .execute()

  await db.schema
    .createTable('participant_night')
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participant.id').onDelete('cascade'))
    .addColumn('hotel_night_id', 'uuid', (c) => c.notNull().references('hotel_night.id').onDelete('restrict'))
    .addColumn('is_covered', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('reason', 'text')
    .addPrimaryKeyConstraint('participant_night_pkey', ['participant_id', 'hotel_night_id'])
    .execute()

  await db.schema
    .createTable('session_choice')
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participant.id').onDelete('cascade'))
    .addColumn('program_item_id', 'uuid', (c) => c.notNull().references('program_item.id').onDelete('restrict'))
    // Copied from the item so that "one session per slot" is a constraint, not a hope.
    .addColumn('slot_id', 'uuid', (c) => c.references('program_slot.id').onDelete('restrict'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('session_choice_pkey', ['participant_id', 'program_item_id'])
    .addUniqueConstraint('session_choice_one_per_slot', ['participant_id', 'slot_id'])
    .execute()

  await db.schema
    .createTable('topic_wish')
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participant.id').onDelete('cascade'))
    .addColumn('event_topic_id', 'uuid', (c) => c.notNull().references('event_topic.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('topic_wish_pkey', ['participant_id', 'event_topic_id'])
    .execute()

  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('actor_user_id', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    // Who acted, as text that survives the deletion of personal data ("system", "organiser", ...).
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('event_id', 'uuid', (c) => c.references('event.id').onDelete('cascade'))
    .addColumn('registration_id', 'uuid', (c) => c.references('registration.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'text')
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .execute()

  await db.schema.createIndex('municipality_county_idx').on('municipality').column('county_number').execute()
  await db.schema.createIndex('event_starts_at_idx').on('event').column('starts_at').execute()
  await db.schema.createIndex('program_item_event_idx').on('program_item').columns(['event_id', 'starts_at']).execute()
  await db.schema.createIndex('registration_contact_idx').on('registration').column('contact_user_id').execute()
  await db.schema.createIndex('participant_registration_idx').on('participant').columns(['registration_id', 'coverage_rank']).execute()
  await db.schema.createIndex('participant_email_idx').on('participant').column('email').execute()
  await db.schema.createIndex('participant_night_night_idx').on('participant_night').column('hotel_night_id').execute()
  await db.schema.createIndex('session_choice_item_idx').on('session_choice').column('program_item_id').execute()
  await db.schema.createIndex('audit_log_event_idx').on('audit_log').columns(['event_id', 'at']).execute()
  await db.schema.createIndex('audit_log_registration_idx').on('audit_log').columns(['registration_id', 'at']).execute()
}
