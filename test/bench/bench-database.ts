import { randomUUID } from 'node:crypto'
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { type Kysely, sql } from 'kysely'
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
 * open, or with `afterDeadline` closed a day ago. A second event (another
 * `slug`) in the same database invites the same municipalities.
 */
export async function seedBenchEvent(db: Kysely<Database>, options: { municipalities: number; afterDeadline?: boolean; slug?: string }) {
  const now = new Date()
  const slug = options.slug ?? 'bench'
  let municipalities = await db.selectFrom('municipality').select('id').where('county_number', '=', '99').orderBy('number').execute()
  if (municipalities.length === 0) {
    await db.insertInto('county').values({ number: '99', name: 'Benchfylke' }).execute()
    municipalities = await db
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
  }
  const startsAt = new Date(now.getTime() + 60 * DAY)
  const event = await db
    .insertInto('event')
    .values({
      slug,
      title: `Bench ${slug}`,
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
    .values({ email: slug === 'bench' ? 'bench@example.no' : `${slug}@example.no`, name: 'Bench', is_organiser: true })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db.insertInto('event_organiser').values({ event_id: event.id, user_id: organiser.id }).execute()
  return { event, days, registrations, organiser }
}

/**
 * An event after its deadline with `participants` participants over 357
 * municipalities (written in bulk, with their days, nights and coverage): 28
 * per municipality, the first 4 overnight and covered, the next a covered day
 * package, then self-paid; every tenth with a long-travel night before.
 * Statistics analysed, as autovacuum keeps them for a database in use.
 */
export async function seedBigEvent(db: Kysely<Database>, options: { participants: number; municipalities: number; slug?: string }) {
  const now = new Date()
  const seeded = await seedBenchEvent(db, { municipalities: options.municipalities, afterDeadline: true, slug: options.slug })
  const { event, days, registrations } = seeded
  const dates = days.map((d) => d.date)
  const nights = await db
    .insertInto('hotel_night')
    .values([
      { event_id: event.id, night_date: new Date(event.starts_at.getTime() - DAY).toISOString().slice(0, 10), rooms_in_block: 2_000, requires_reason: true },
      { event_id: event.id, night_date: dates[0] ?? '', rooms_in_block: 10_000 },
    ])
    .returning(['id', 'requires_reason'])
    .execute()

  const participants: Array<{ id: string; registration_id: string; rank: number }> = []
  for (let i = 0; i < options.participants; i++)
    participants.push({ id: randomUUID(), registration_id: registrations[i % registrations.length]?.id ?? '', rank: Math.floor(i / registrations.length) + 1 })
  const overnight = (p: { rank: number }) => p.rank !== 5
  for (let i = 0; i < participants.length; i += 1_000) {
    const batch = participants.slice(i, i + 1_000)
    await db
      .insertInto('participant')
      .values(
        batch.map((p, j) => ({
          id: p.id,
          registration_id: p.registration_id,
          name: `Deltaker ${i + j}`,
          email: `d${i + j}@example.no`,
          title: 'Rådgiver',
          role_category: 'radgiver',
          coverage_rank: p.rank,
          attends_dinner: true,
          diet: (i + j) % 20 === 0 ? 'Vegetar' : null,
          created_at: now,
          updated_at: now,
        })),
      )
      .execute()
    await db
      .insertInto('participant_day')
      .values(
        batch.flatMap((p) =>
          (overnight(p) ? days : days.slice(0, 1)).map((d) => ({ participant_id: p.id, event_day_id: d.id, is_covered_day_package: !overnight(p) })),
        ),
      )
      .execute()
    await db
      .insertInto('participant_night')
      .values(
        batch
          .filter(overnight)
          .flatMap((p, j) => [
            { participant_id: p.id, hotel_night_id: nights[1]?.id ?? '', is_covered: p.rank <= 4 },
            ...((i + j) % 10 === 0 ? [{ participant_id: p.id, hotel_night_id: nights[0]?.id ?? '', is_covered: p.rank <= 4, reason: 'Lang reisevei' }] : []),
          ]),
      )
      .execute()
  }
  for (const n of nights) {
    const taken = await db
      .selectFrom('participant_night')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('hotel_night_id', '=', n.id)
      .executeTakeFirstOrThrow()
    await db
      .updateTable('hotel_night')
      .set({ rooms_taken: Number(taken.n) })
      .where('id', '=', n.id)
      .execute()
  }
  await sql`analyze`.execute(db)
  return { ...seeded, nights }
}
