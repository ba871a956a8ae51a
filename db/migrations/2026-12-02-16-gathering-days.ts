import { type Kysely, sql } from 'kysely'

/**
 * The gathering days (decisions 046–050):
 * - `event_desk`: the desk helpers of an event (vert i registreringen), a
 *   table of their own as the viewers have (decision 29), so no check that
 *   joins `event_organiser` or `event_viewer` lets them in;
 * - `app_secret`: keys made once per database, for codes the app signs (the
 *   participant's QR code, their survey link). Postgres is the one stateful
 *   part, so every app process signs with the same key;
 * - `check_in`: whether a participant has arrived on a day. Desks send
 *   operations made on the device (perhaps offline) with the device's time;
 *   the latest by that time wins (`changed_at`), and each operation's id is
 *   kept in `check_in_operation`, so one sent twice is applied once;
 * - `webinar_attendance`: who joined a digital session, from the organiser's list;
 * - the day-1 survey: `survey` (opens and closes at set times, the event's
 *   short code for answering without a link), its questions and options,
 *   and one `survey_answer` per participant and question (changeable until
 *   the survey closes);
 * - world-café tables: `cafe_table` (topic, room, seats; `seats_taken`
 *   counted in the same transaction as `cafe_seat`, with a check that it
 *   never passes the seats) and `cafe_seat` (one table per participant and
 *   event); the event's `cafe_mode` says whether participants pick or the
 *   organiser assigns, and `cafe_picking_open` whether picking is open.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('event_desk')
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('user_id', 'uuid', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('added_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('event_desk_pkey', ['event_id', 'user_id'])
    .execute()
  await db.schema.createIndex('event_desk_user_idx').on('event_desk').column('user_id').execute()

  await db.schema
    .createTable('app_secret')
    .addColumn('name', 'text', (c) => c.primaryKey())
    // 244 random bits from Postgres' strong random source, as hex.
    .addColumn('value', 'text', (c) => c.notNull().defaultTo(sql`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await sql`insert into app_secret (name) values ('participant_codes')`.execute(db)

  await db.schema
    .createTable('check_in')
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participant.id').onDelete('cascade'))
    .addColumn('event_day_id', 'uuid', (c) => c.notNull().references('event_day.id').onDelete('cascade'))
    .addColumn('arrived', 'boolean', (c) => c.notNull())
    // The device's time of the operation that set `arrived`: the latest wins.
    .addColumn('changed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('changed_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('check_in_pkey', ['participant_id', 'event_day_id'])
    .execute()
  await db.schema.createIndex('check_in_day_idx').on('check_in').columns(['event_day_id', 'arrived']).execute()

  await db.schema
    .createTable('check_in_operation')
    // Made by the device; a repeat of the same id is ignored.
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participant.id').onDelete('cascade'))
    .addColumn('event_day_id', 'uuid', (c) => c.notNull().references('event_day.id').onDelete('cascade'))
    .addColumn('arrived', 'boolean', (c) => c.notNull())
    .addColumn('made_at', 'timestamptz', (c) => c.notNull())
    .addColumn('made_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('check_in_operation_event_idx').on('check_in_operation').columns(['event_id', 'received_at']).execute()

  await db.schema
    .createTable('webinar_attendance')
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participant.id').onDelete('cascade'))
    .addColumn('program_item_id', 'uuid', (c) => c.notNull().references('program_item.id').onDelete('cascade'))
    .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('recorded_by', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addPrimaryKeyConstraint('webinar_attendance_pkey', ['participant_id', 'program_item_id'])
    .execute()
  await db.schema.createIndex('webinar_attendance_item_idx').on('webinar_attendance').column('program_item_id').execute()

  await db.schema
    .createTable('survey')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    // Participants without their link answer with this code and their email; unique among all surveys.
    .addColumn('code', 'text', (c) => c.notNull().unique().check(sql`code ~ '^[A-Z0-9]{4,12}$'`))
    .addColumn('opens_at', 'timestamptz')
    .addColumn('closes_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('survey_closes_after_opening', sql`closes_at is null or opens_at is null or closes_at > opens_at`)
    .execute()
  await db.schema.createIndex('survey_event_idx').on('survey').column('event_id').execute()

  await db.schema
    .createTable('survey_question')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('survey_id', 'uuid', (c) => c.notNull().references('survey.id').onDelete('cascade'))
    .addColumn('prompt', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('single', 'multiple')`))
    // An optional free-text answer beside the options.
    .addColumn('allows_free_text', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('survey_question_survey_idx').on('survey_question').columns(['survey_id', 'sort_order']).execute()

  await db.schema
    .createTable('survey_option')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('question_id', 'uuid', (c) => c.notNull().references('survey_question.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('survey_option_question_idx').on('survey_option').columns(['question_id', 'sort_order']).execute()

  await db.schema
    .createTable('survey_answer')
    .addColumn('question_id', 'uuid', (c) => c.notNull().references('survey_question.id').onDelete('cascade'))
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participant.id').onDelete('cascade'))
    .addColumn('option_ids', sql`uuid[]`, (c) => c.notNull().defaultTo(sql`'{}'`))
    .addColumn('free_text', 'text')
    .addColumn('answered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('survey_answer_pkey', ['question_id', 'participant_id'])
    .execute()
  await db.schema.createIndex('survey_answer_participant_idx').on('survey_answer').column('participant_id').execute()

  await db.schema
    .alterTable('event')
    .addColumn('cafe_mode', 'text', (c) => c.notNull().defaultTo('pick').check(sql`cafe_mode in ('pick', 'assign')`))
    .addColumn('cafe_picking_open', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute()

  await db.schema
    .createTable('cafe_table')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('event.id').onDelete('cascade'))
    // The survey option the table's topic came from, if it came from one.
    .addColumn('survey_option_id', 'uuid', (c) => c.references('survey_option.id').onDelete('set null'))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('room', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('seats', 'integer', (c) => c.notNull().check(sql`seats >= 1`))
    .addColumn('seats_taken', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addCheckConstraint('cafe_table_seats_taken_within_seats', sql`seats_taken >= 0 and seats_taken <= seats`)
    .execute()
  await db.schema.createIndex('cafe_table_event_idx').on('cafe_table').columns(['event_id', 'sort_order']).execute()

  await db.schema
    .createTable('cafe_seat')
    .addColumn('participant_id', 'uuid', (c) => c.primaryKey().references('participant.id').onDelete('cascade'))
    .addColumn('cafe_table_id', 'uuid', (c) => c.notNull().references('cafe_table.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('picked', 'assigned', 'manual')`))
    .addColumn('seated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('cafe_seat_table_idx').on('cafe_seat').column('cafe_table_id').execute()
}
