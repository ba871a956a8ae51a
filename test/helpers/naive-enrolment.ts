import { randomUUID } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'
import { quotaOf } from '~/domain/quota'
import { type EnrolInput, participantDetails } from '~/services/enrolment.server'

/**
 * For the control run of the race tests only (test/integration/enrolment-races.test.ts):
 * enrolment as it would be written naively, counting what is taken and then
 * inserting, with nothing locked, in a transaction of its own on a pooled
 * connection of its own. A pause between the count and the insert stands for
 * the work a real request does there. It writes the same tables as the
 * enrolment service (participant, participant_night), but leaves the room
 * counter alone, whose check constraint would refuse an oversold room: the
 * rooms a night has given are its participant_night rows.
 */
export async function enrolWithoutLocks(db: Kysely<Database>, input: EnrolInput, options: { now: Date; pauseMs: number }): Promise<'enrolled' | 'night_full'> {
  return db.transaction().execute(async (trx) => {
    const registration = await trx
      .selectFrom('registration')
      .innerJoin('event', 'event.id', 'registration.event_id')
      .select([
        'event.covered_overnight_per_municipality',
        'event.covered_day_packages_per_municipality',
        'registration.extra_overnights_granted',
        'registration.extra_day_packages_granted',
      ])
      .where('registration.id', '=', input.registrationId)
      .executeTakeFirstOrThrow()
    const nights = await trx
      .selectFrom('hotel_night')
      .select((eb) => [
        'hotel_night.id',
        'hotel_night.rooms_in_block',
        eb
          .selectFrom('participant_night')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('participant_night.hotel_night_id', '=', 'hotel_night.id')
          .as('given'),
      ])
      .where('hotel_night.id', 'in', input.nightIds.length > 0 ? input.nightIds : [randomUUID()])
      .execute()
    if (nights.some((n) => (n.given ?? 0) >= n.rooms_in_block)) return 'night_full'
    const standing = await trx
      .selectFrom('participant')
      .select([
        sql<number>`count(*) filter (where exists (select 1 from participant_night pn where pn.participant_id = participant.id and pn.is_covered))::int`.as(
          'covered',
        ),
        sql<number>`coalesce(max(coverage_rank), 0)::int`.as('last_rank'),
      ])
      .where('registration_id', '=', input.registrationId)
      .executeTakeFirstOrThrow()
    const covered = standing.covered < quotaOf(registration).overnight

    await new Promise((resolve) => setTimeout(resolve, options.pauseMs))

    const id = randomUUID()
    await trx
      .insertInto('participant')
      .values({
        id,
        registration_id: input.registrationId,
        ...participantDetails(input),
        coverage_rank: standing.last_rank + 1,
        is_late_addition: false,
        idempotency_key: input.idempotencyKey,
        created_at: options.now,
        updated_at: options.now,
      })
      .execute()
    if (nights.length > 0) {
      await trx
        .insertInto('participant_night')
        .values(nights.map((n) => ({ participant_id: id, hotel_night_id: n.id, is_covered: covered })))
        .execute()
    }
    return 'enrolled'
  })
}
