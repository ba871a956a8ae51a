import { type Kysely, sql } from 'kysely'
import type { Database } from '../schema'
import { insertEventSeed } from './event-seed'
import { moreOgRomsdal2021 } from './events/more-og-romsdal-2021'
import { trondelag2018 } from './events/trondelag-2018'
import { allMunicipalities, counties, successors } from './municipalities'

export const referenceEvents = [moreOgRomsdal2021, trondelag2018]

/** Any constant shared by every process that seeds; keeps two starting app processes from seeding twice. */
const SEED_LOCK = 7_351_002

/**
 * Seeds an empty database with the counties, the municipality register with
 * its history and successors (decision 28), and the two reference events
 * (DESIGN.md §2). A database that already has counties is left as it is, so a
 * second start changes nothing. Returns whether it seeded.
 */
export async function seedIfEmpty(db: Kysely<Database>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SEED_LOCK})`.execute(trx)
    const existing = await trx.selectFrom('county').select('number').limit(1).executeTakeFirst()
    if (existing) return false

    await trx.insertInto('county').values(counties).execute()
    const inserted = await trx
      .insertInto('municipality')
      .values(
        allMunicipalities().map((m) => ({
          number: m.number,
          name: m.name,
          county_number: m.countyNumber,
          language_choice: m.languageForm,
          official_email: m.officialEmail,
          valid_from: m.validFrom,
          valid_to: m.validTo,
        })),
      )
      .returning(['id', 'number', 'valid_from'])
      .execute()
    const version = new Map(inserted.map((m) => [`${m.number}@${m.valid_from}`, m]))
    const versionOf = (key: string) => {
      const found = version.get(key)
      if (!found) throw new Error(`The seed names the unknown municipality version ${key}`)
      return found
    }
    await trx
      .insertInto('municipality_successor')
      .values(
        successors.flatMap((s) =>
          s.to.map((to) => ({ predecessor_id: versionOf(s.from).id, successor_id: versionOf(to).id, effective_date: versionOf(to).valid_from })),
        ),
      )
      .execute()
    for (const event of referenceEvents) await insertEventSeed(trx, event)
    return true
  })
}
