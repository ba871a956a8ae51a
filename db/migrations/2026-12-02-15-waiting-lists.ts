import { type Kysely, sql } from 'kysely'

/**
 * Waiting lists for full parallel sessions and hotel nights (decision 045):
 * - `waiting_list_entry`: a participant on the list of one session or one
 *   night (exactly one of the two), with its status: waiting, offered (a
 *   room held for them until `offer_expires_at`, answered by a link whose
 *   token is stored hashed), placed, declined, expired or withdrawn. A
 *   participant stands at most once on a list while the entry is live
 *   (waiting or offered); the list's order is `created_at`, then id.
 * - `hotel_night.rooms_held`: rooms held for open offers. The block's check
 *   now counts them with the rooms taken, under the same constraint name, so
 *   nothing can take a room that is offered to someone on the list.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('hotel_night')
    .addColumn('rooms_held', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await sql`alter table hotel_night drop constraint hotel_night_rooms_taken_within_block`.execute(db)
  await sql`alter table hotel_night add constraint hotel_night_rooms_taken_within_block
    check (rooms_taken >= 0 and rooms_held >= 0 and rooms_taken + rooms_held <= rooms_in_block)`.execute(db)

  await db.schema
    .createTable('waiting_list_entry')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('event_id', 'uuid', (c) => c.notNull().references('event.id').onDelete('cascade'))
    .addColumn('participant_id', 'uuid', (c) => c.notNull().references('participant.id').onDelete('cascade'))
    .addColumn('program_item_id', 'uuid', (c) => c.references('program_item.id').onDelete('cascade'))
    .addColumn('hotel_night_id', 'uuid', (c) => c.references('hotel_night.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) =>
      c.notNull().defaultTo('waiting').check(sql`status in ('waiting', 'offered', 'placed', 'declined', 'expired', 'withdrawn')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('offered_at', 'timestamptz')
    .addColumn('offer_expires_at', 'timestamptz')
    .addColumn('offer_token_hash', 'text', (c) => c.unique())
    .addColumn('resolved_at', 'timestamptz')
    .addCheckConstraint('waiting_list_entry_one_list', sql`(program_item_id is null) <> (hotel_night_id is null)`)
    // Only a night is offered; an offer has its time and link.
    .addCheckConstraint(
      'waiting_list_entry_offer',
      sql`status <> 'offered' or (hotel_night_id is not null and offered_at is not null and offer_expires_at is not null and offer_token_hash is not null)`,
    )
    .execute()
  await sql`create unique index waiting_list_entry_live_item on waiting_list_entry (participant_id, program_item_id)
    where status in ('waiting', 'offered') and program_item_id is not null`.execute(db)
  await sql`create unique index waiting_list_entry_live_night on waiting_list_entry (participant_id, hotel_night_id)
    where status in ('waiting', 'offered') and hotel_night_id is not null`.execute(db)
  // The first waiting on a list, and the lengths the organiser sees.
  await sql`create index waiting_list_entry_item_queue on waiting_list_entry (program_item_id, created_at, id) where status = 'waiting'`.execute(db)
  await sql`create index waiting_list_entry_night_queue on waiting_list_entry (hotel_night_id, created_at, id) where status = 'waiting'`.execute(db)
  // Offers that run out, for the scheduled job.
  await sql`create index waiting_list_entry_offer_expiry on waiting_list_entry (offer_expires_at) where status = 'offered'`.execute(db)
  await db.schema.createIndex('waiting_list_entry_event_idx').on('waiting_list_entry').columns(['event_id', 'status']).execute()
}
