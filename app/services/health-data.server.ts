import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'
import { writeAudit } from './audit.server'

/** The participant's answers that may be health data (DESIGN.md §3), as columns and as keys in audit rows. */
const HEALTH_FIELDS = ['diet', 'allergies', 'accessibility_needs'] as const

/**
 * Diet, allergies and accessibility needs may be health data: once an event
 * has ended they are deleted, from its participants and from the before and
 * after of its audit rows, and the event records when. Run by the scheduled
 * job; several workers may run it at once, since each takes the events it
 * clears with `FOR UPDATE SKIP LOCKED` and marks them in the same
 * transaction. Returns how many events it cleared.
 */
export async function deleteHealthDataOfEndedEvents(db: Kysely<Database>, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const ended = await trx
      .selectFrom('event')
      .select('id')
      .where('ends_at', '<=', now)
      .where('health_data_deleted_at', 'is', null)
      .orderBy('id')
      .limit(20)
      .forUpdate()
      .skipLocked()
      .execute()
    for (const event of ended) {
      const cleared = await trx
        .updateTable('participant')
        .set(Object.fromEntries(HEALTH_FIELDS.map((field) => [field, null])))
        .where('registration_id', 'in', trx.selectFrom('registration').select('id').where('event_id', '=', event.id))
        .where((eb) => eb.or(HEALTH_FIELDS.map((field) => eb(field, 'is not', null))))
        .executeTakeFirst()
      const fields = sql`${sql.val([...HEALTH_FIELDS])}::text[]`
      await trx
        .updateTable('audit_log')
        .set({ before: sql`before - ${fields}`, after: sql`after - ${fields}` })
        .where('event_id', '=', event.id)
        .where((eb) => eb.or([sql<boolean>`before ?| ${fields}`, sql<boolean>`after ?| ${fields}`]))
        .execute()
      await trx.updateTable('event').set({ health_data_deleted_at: now }).where('id', '=', event.id).execute()
      await writeAudit(trx, {
        actorUserId: null,
        actorLabel: 'system',
        action: 'event.health_data_deleted',
        entityType: 'event',
        entityId: event.id,
        eventId: event.id,
        after: { participants: Number(cleared.numUpdatedRows) },
        at: now,
      })
    }
    return ended.length
  })
}
