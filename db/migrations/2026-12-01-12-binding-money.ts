import { type Kysely, sql } from 'kysely'

/**
 * Binding money (decision 31):
 * - what extras beyond the covered places cost, stated on the event:
 *   `extras_pricing` 'listed' (the listed prices), 'free', or 'agreed' (a
 *   price to be agreed, explained in `extras_pricing_note`); null means not
 *   stated, which reads as 'listed' when the event has a price and as
 *   'agreed' when it has none (so both seeded events read right);
 * - an organiser's waiver of what a participant would cost the municipality,
 *   with its reason, time and author;
 * - what a cancelled participant held (nights, sessions, long-travel reason),
 *   so the cancellation can be undone until the event starts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('event')
    .addColumn('extras_pricing', 'text', (col) => col.check(sql`extras_pricing in ('listed', 'free', 'agreed')`))
    .addColumn('extras_pricing_note', 'text', (col) => col.notNull().defaultTo(''))
    .execute()
  await db.schema
    .alterTable('participant')
    .addColumn('charge_waived_reason', 'text')
    .addColumn('charge_waived_at', 'timestamptz')
    .addColumn('charge_waived_by', 'uuid', (col) => col.references('app_user.id').onDelete('set null'))
    .addColumn('cancelled_holdings', 'jsonb')
    .execute()
  await db.schema
    .alterTable('participant')
    .addCheckConstraint(
      'participant_charge_waived_with_reason',
      sql`(charge_waived_at is null and charge_waived_reason is null) or (charge_waived_at is not null and length(trim(charge_waived_reason)) > 0)`,
    )
    .execute()
}
