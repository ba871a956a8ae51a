import { type Kysely, sql } from 'kysely'

/**
 * Rooms taken per hotel night and seats taken per program item, kept in the
 * rows that carry the limits. Enrolment takes a room with one conditional
 * update (`rooms_taken < rooms_in_block`), which locks the row for the rest of
 * its transaction; the checks below make overselling impossible even for code
 * that forgets to ask.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('hotel_night')
    .addColumn('rooms_taken', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema
    .alterTable('program_item')
    .addColumn('seats_taken', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await sql`
    update hotel_night set rooms_taken = (
      select count(*) from participant_night pn join participant p on p.id = pn.participant_id
      where pn.hotel_night_id = hotel_night.id and p.status = 'active')`.execute(db)
  await sql`
    update program_item set seats_taken = (
      select count(*) from session_choice sc where sc.program_item_id = program_item.id)`.execute(db)
  await sql`alter table hotel_night add constraint hotel_night_rooms_taken_within_block check (rooms_taken between 0 and rooms_in_block)`.execute(db)
  await sql`alter table program_item add constraint program_item_seats_taken_within_capacity check (seats_taken >= 0 and (capacity is null or seats_taken <= capacity))`.execute(
    db,
  )
}
