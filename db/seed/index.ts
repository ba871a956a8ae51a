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
 * (DESIGN.md §2). A database that already has counties keeps its events and
 * only gets what the register lacks (syncRegister), so a second start changes
 * nothing. Returns whether it seeded.
 */
export async function seedIfEmpty(db: Kysely<Database>): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(${SEED_LOCK})`.execute(trx)
    const existing = await trx.selectFrom('county').select('number').limit(1).executeTakeFirst()
    await syncRegister(trx)
    if (existing) return false
    for (const event of referenceEvents) await insertEventSeed(trx, event)
    return true
  })
}

/**
 * Brings the register up to the seed's: adds the counties, municipality
 * versions and successor links it lacks (a database seeded before the 2024
 * register was loaded), and ends the versions the seed says have ended. Never
 * changes a version's id, name, official address or language form, so an
 * organiser's corrections and every registration stay as they are. Returns how
 * many versions it added.
 */
export async function syncRegister(db: Kysely<Database>): Promise<number> {
  await db
    .insertInto('county')
    .values(counties)
    .onConflict((oc) => oc.column('number').doNothing())
    .execute()
  const all = allMunicipalities()
  const added = await db
    .insertInto('municipality')
    .values(
      all.map((m) => ({
        number: m.number,
        name: m.name,
        county_number: m.countyNumber,
        language_choice: m.languageForm,
        official_email: m.officialEmail,
        valid_from: m.validFrom,
        valid_to: m.validTo,
      })),
    )
    .onConflict((oc) => oc.columns(['number', 'valid_from']).doNothing())
    .returning('id')
    .execute()
  for (const m of all) {
    if (m.validTo === null) continue
    await db
      .updateTable('municipality')
      .set({ valid_to: m.validTo })
      .where('number', '=', m.number)
      .where('valid_from', '=', m.validFrom)
      .where('valid_to', 'is', null)
      .execute()
  }
  const rows = await db.selectFrom('municipality').select(['id', 'number', 'valid_from']).execute()
  const version = new Map(rows.map((m) => [`${m.number}@${m.valid_from}`, m]))
  const versionOf = (key: string) => {
    const found = version.get(key)
    if (!found) throw new Error(`The seed names the unknown municipality version ${key}`)
    return found
  }
  await db
    .insertInto('municipality_successor')
    .values(
      successors.flatMap((s) =>
        s.to.map((to) => ({ predecessor_id: versionOf(s.from).id, successor_id: versionOf(to).id, effective_date: versionOf(to).valid_from })),
      ),
    )
    .onConflict((oc) => oc.columns(['predecessor_id', 'successor_id']).doNothing())
    .execute()
  return added.length
}
