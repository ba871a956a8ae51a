import { type Kysely, sql } from 'kysely'
import type { Database } from '../schema'
import { insertEventSeed } from './event-seed'
import { moreOgRomsdal2021 } from './events/more-og-romsdal-2021'
import { trondelag2018 } from './events/trondelag-2018'
import { counties, municipalities, officialEmail } from './municipalities'

export const referenceEvents = [moreOgRomsdal2021, trondelag2018]

/** Any constant shared by every process that seeds; keeps two starting app processes from seeding twice. */
const SEED_LOCK = 7_351_002

/**
 * Seeds an empty database with the counties, municipalities and the two
 * reference events (DESIGN.md §2). A database that already has counties is
 * left as it is, so a second start changes nothing. Returns whether it seeded.
 */
export async function seedIfEmpty(db: Kysely<Database>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SEED_LOCK})`.execute(trx)
    const existing = await trx.selectFrom('county').select('number').limit(1).executeTakeFirst()
    if (existing) return false

    await trx.insertInto('county').values(counties).execute()
    await trx
      .insertInto('municipality')
      .values(
        municipalities.map((m) => ({
          number: m.number,
          name: m.name,
          county_number: m.countyNumber,
          language_form: m.languageForm,
          official_email: officialEmail(m.name),
          valid_from: m.validFrom,
          valid_to: m.validTo,
        })),
      )
      .execute()
    for (const event of referenceEvents) await insertEventSeed(trx, event)
    return true
  })
}
