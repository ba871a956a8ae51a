import { type Kysely, sql } from 'kysely'

/**
 * Parallel sessions by ranked wishes (decision 043):
 * - how an event hands out seats in its parallel sessions: 'first_come' (a
 *   seat is taken when the form is sent, as before) or 'by_wishes'
 *   (participants rank sessions per slot; the organiser closes the wish
 *   round, allocates, adjusts and publishes);
 * - `session_wish`: a participant's ranked wishes, at most one session per
 *   rank and slot, and a session at most once;
 * - `participant.wishes_changed_at`: when the participant's wishes or days
 *   last changed, so a re-run after publication keeps the seats of those
 *   who did not change;
 * - `allocation_run`: each press of "Fordel plasser", with the solver's
 *   status, objective, proven gap and the summary the page shows;
 * - `session_allocation`: the allocation under review (one seat per
 *   participant and slot), from the solver or placed by hand. Publishing
 *   copies it into `session_choice`, where seats are counted as before.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('event')
    .addColumn('session_allocation', 'text', (c) => c.notNull().defaultTo('first_come').check(sql`session_allocation in ('first_come', 'by_wishes')`))
    .addColumn('wish_round_closed_at', 'timestamptz')
    .addColumn('allocation_published_at', 'timestamptz')
    .execute()
  await db.schema.alterTable('participant').addColumn('wishes_changed_at', 'timestamptz').execute()

  await db.schema
    .createTable('session_wish')
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participant.id').onDelete('cascade'))
    .addColumn('slot_id', 'uuid', (c) => c.notNull().references('program_slot.id').onDelete('cascade'))
    .addColumn('program_item_id', 'uuid', (c) => c.notNull().references('program_item.id').onDelete('cascade'))
    .addColumn('rank', 'smallint', (c) => c.notNull().check(sql`rank between 1 and 3`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('session_wish_pkey', ['participant_id', 'slot_id', 'rank'])
    .addUniqueConstraint('session_wish_once', ['participant_id', 'program_item_id'])
    .execute()
  await db.schema.createIndex('session_wish_item_idx').on('session_wish').columns(['program_item_id', 'rank']).execute()

  await db.schema
    .createTable('allocation_run')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('actor_user_id', 'uuid', (c) => c.references('app_user.id').onDelete('set null'))
    .addColumn('mode', 'text', (c) => c.notNull().check(sql`mode in ('minimal', 'full')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('optimal', 'time_limit', 'infeasible', 'error')`))
    .addColumn('objective', 'double precision', (c) => c.notNull())
    .addColumn('gap', 'double precision', (c) => c.notNull())
    .addColumn('solve_ms', 'integer', (c) => c.notNull())
    .addColumn('summary', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('allocation_run_event_idx').on('allocation_run').columns(['event_id', 'created_at']).execute()

  await db.schema
    .createTable('session_allocation')
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participant.id').onDelete('cascade'))
    .addColumn('slot_id', 'uuid', (c) => c.notNull().references('program_slot.id').onDelete('cascade'))
    .addColumn('program_item_id', 'uuid', (c) => c.notNull().references('program_item.id').onDelete('cascade'))
    // The wish it met; null for a seat placed by hand outside the participant's wishes.
    .addColumn('rank', 'smallint', (c) => c.check(sql`rank between 1 and 3`))
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('solver', 'kept', 'manual')`))
    .addColumn('run_id', 'uuid', (c) => c.references('allocation_run.id').onDelete('set null'))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('session_allocation_pkey', ['participant_id', 'slot_id'])
    .execute()
  await db.schema.createIndex('session_allocation_event_idx').on('session_allocation').columns(['event_id', 'program_item_id']).execute()
}
