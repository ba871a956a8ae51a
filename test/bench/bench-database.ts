import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Kysely } from 'kysely'
import pg from 'pg'
import { type CreateDbOptions, createDb } from '../../db/create-db'
import { type EmbeddedServer, startEmbeddedPostgres } from '../../db/embedded-postgres'
import { migrateToLatest } from '../../db/migrate'
import type { Database } from '../../db/schema'

/**
 * Runs a benchmark against a fresh, migrated database on real PostgreSQL:
 * TEST_DATABASE_URL's server, or an embedded one in a temporary folder.
 * Everything it made is dropped afterwards, whatever the benchmark did.
 */
export async function withBenchDatabase(name: string, options: CreateDbOptions, run: (db: Kysely<Database>) => Promise<void>) {
  let embedded: EmbeddedServer | undefined
  let tempDir: string | undefined
  let serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) {
    tempDir = mkdtempSync(path.join(os.tmpdir(), 'klimasamling-bench-'))
    chmodSync(tempDir, 0o755)
    embedded = await startEmbeddedPostgres(path.join(tempDir, 'pg'), { persistent: false })
    serverUrl = embedded.serverUrl
  }
  const database = `ks_bench_${name}_${process.pid}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${database}`)
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  const db = createDb(url.toString(), options)
  try {
    await migrateToLatest(db)
    await run(db)
  } finally {
    await db.destroy()
    await admin.query(`drop database if exists ${database} with (force)`)
    await admin.end()
    await embedded?.stop()
    if (tempDir) rmSync(tempDir, { recursive: true, force: true })
  }
}

const DAY = 86_400_000

/**
 * The benchmarks' event: 357 municipalities of one county, all invited, a
 * two-day event 60 days ahead (4 covered overnight places and 1 day package
 * per municipality, ca. 2 500 / 650 kr), and its organiser. Registration is
 * open, or with `afterDeadline` closed a day ago.
 */
export async function seedBenchEvent(db: Kysely<Database>, options: { municipalities: number; afterDeadline?: boolean }) {
  const now = new Date()
  await db.insertInto('county').values({ number: '99', name: 'Benchfylke' }).execute()
  const municipalities = await db
    .insertInto('municipality')
    .values(
      Array.from({ length: options.municipalities }, (_, i) => ({
        number: `9${String(i).padStart(3, '0')}`,
        name: `Kommune ${i}`,
        county_number: '99',
        official_email: `post${i}@example.no`,
        valid_from: '2000-01-01',
      })),
    )
    .returning('id')
    .execute()
  const startsAt = new Date(now.getTime() + 60 * DAY)
  const event = await db
    .insertInto('event')
    .values({
      slug: 'bench',
      title: 'Bench',
      county_number: '99',
      venue: 'Hell',
      starts_at: startsAt,
      ends_at: new Date(startsAt.getTime() + DAY + 5 * 3_600_000),
      registration_opens_at: new Date(now.getTime() - 30 * DAY),
      deadline_at: new Date(now.getTime() + (options.afterDeadline ? -DAY : 30 * DAY)),
      organiser_contact_name: 'Bench',
      organiser_contact_email: 'bench@example.no',
      reply_to_email: 'bench@example.no',
      status: 'published',
      covered_overnight_per_municipality: 4,
      covered_day_packages_per_municipality: 1,
      price_overnight_package_ore: 250_000,
      price_day_package_ore: 65_000,
    })
    .returning(['id', 'starts_at'])
    .executeTakeFirstOrThrow()
  const days = await db
    .insertInto('event_day')
    .values(
      [0, 1].map((i) => ({
        event_id: event.id,
        date: new Date(event.starts_at.getTime() + i * DAY).toISOString().slice(0, 10),
        label: `Dag ${i + 1}`,
        starts_at: new Date(event.starts_at.getTime() + i * DAY),
        ends_at: new Date(event.starts_at.getTime() + i * DAY + 6 * 3_600_000),
      })),
    )
    .returning(['id', 'date'])
    .execute()
  const registrations = await db
    .insertInto('registration')
    .values(municipalities.map((m) => ({ event_id: event.id, municipality_id: m.id })))
    .returning('id')
    .execute()
  const organiser = await db
    .insertInto('app_user')
    .values({ email: 'bench@example.no', name: 'Bench', is_organiser: true })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db.insertInto('event_organiser').values({ event_id: event.id, user_id: organiser.id }).execute()
  return { event, days, registrations, organiser }
}
