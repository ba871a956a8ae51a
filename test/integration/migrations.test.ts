import { Migrator, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateToLatest } from '../../db/migrate'
import { migrations } from '../../db/migrations'
import { createTestDatabase, type TestDatabase } from '../helpers/database'

let empty: TestDatabase

beforeAll(async () => {
  empty = await createTestDatabase({ migrated: false })
})

afterAll(async () => {
  await empty.drop()
})

/** A valid event in county 15, for the tests that insert rows. */
const event = {
  slug: 'test',
  title: 'Test',
  county_number: '15',
  venue: 'Ålesund',
  starts_at: new Date('2030-11-11T10:00:00Z'),
  ends_at: new Date('2030-11-12T12:00:00Z'),
  registration_opens_at: new Date('2030-08-01T07:00:00Z'),
  deadline_at: new Date('2030-09-20T21:59:00Z'),
  organiser_contact_name: 'Org',
  organiser_contact_email: 'org@example.no',
  reply_to_email: 'post@example.no',
}

describe('migrations', () => {
  it('run from zero on an empty database, and a second run has nothing to do', async () => {
    const before = await empty.db.introspection.getTables()
    expect(before).toEqual([])

    const applied = await migrateToLatest(empty.db)
    expect(applied.length).toBeGreaterThan(0)
    expect(applied).toEqual([...applied].sort())

    const tables = (await empty.db.introspection.getTables()).map((t) => t.name)
    for (const table of [
      'county',
      'municipality',
      'app_user',
      'event',
      'event_day',
      'hotel_night',
      'program_slot',
      'program_item',
      'registration',
      'participant',
      'participant_night',
      'session_choice',
      'audit_log',
    ]) {
      expect(tables).toContain(table)
    }
    expect(await migrateToLatest(empty.db)).toEqual([])
  })

  it('hold the rules the database itself must keep', async () => {
    const db = empty.db
    await db.insertInto('county').values({ number: '15', name: 'Møre og Romsdal' }).execute()
    // End before start, deadline after start, a negative quota: each is refused.
    await expect(
      db
        .insertInto('event')
        .values({ ...event, ends_at: new Date('2030-11-10T10:00:00Z') })
        .execute(),
    ).rejects.toThrow(/event_ends_after_start/)
    await expect(
      db
        .insertInto('event')
        .values({ ...event, deadline_at: new Date('2030-11-12T10:00:00Z') })
        .execute(),
    ).rejects.toThrow(/event_deadline_window/)
    await expect(
      db
        .insertInto('event')
        .values({ ...event, covered_overnight_per_municipality: -1 })
        .execute(),
    ).rejects.toThrow(/check/)

    const { id: eventId } = await db.insertInto('event').values(event).returning('id').executeTakeFirstOrThrow()
    await expect(db.insertInto('hotel_night').values({ event_id: eventId, night_date: '2030-11-11', rooms_in_block: -5 }).execute()).rejects.toThrow(/check/)
    const { id: dayId } = await db
      .insertInto('event_day')
      .values({
        event_id: eventId,
        date: '2030-11-11',
        label: 'Dag 1',
        starts_at: event.starts_at,
        ends_at: new Date('2030-11-11T20:00:00Z'),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    // A parallel item needs a slot; a restriction must name known roles.
    await expect(
      db.insertInto('program_item').values({ event_id: eventId, event_day_id: dayId, kind: 'parallel', starts_at: event.starts_at, title: 'X' }).execute(),
    ).rejects.toThrow(/program_item_parallel_has_slot/)
    await expect(
      db
        .insertInto('program_item')
        .values({
          event_id: eventId,
          event_day_id: dayId,
          kind: 'plenary',
          starts_at: event.starts_at,
          title: 'X',
          restricted_to_roles: ['keiser'],
        })
        .execute(),
    ).rejects.toThrow(/check/)

    // One registration per municipality and event.
    const { id: municipalityId } = await db
      .insertInto('municipality')
      .values({ number: '1577', name: 'Volda', county_number: '15', official_email: 'p@example.no', valid_from: '2020-01-01' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db.insertInto('registration').values({ event_id: eventId, municipality_id: municipalityId }).execute()
    await expect(db.insertInto('registration').values({ event_id: eventId, municipality_id: municipalityId }).execute()).rejects.toThrow(
      /registration_event_municipality_key/,
    )

    const dates = await sql<{ d: string }>`select date as d from event_day`.execute(db)
    expect(dates.rows[0]?.d).toBe('2030-11-11')
  })

  it('07 stops on a person enrolled twice in one municipality, naming them, and runs once one is cancelled', async () => {
    const old = await createTestDatabase({ migrated: false })
    try {
      const db = old.db
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
      expect((await migrator.migrateTo('2026-11-23-06-coverage-confirmation')).error).toBeUndefined()
      await db.insertInto('county').values({ number: '15', name: 'Møre og Romsdal' }).execute()
      const { id: eventId } = await db.insertInto('event').values(event).returning('id').executeTakeFirstOrThrow()
      const municipality = await db
        .insertInto('municipality')
        .values({ number: '1506', name: 'Molde', county_number: '15', official_email: 'p@example.no', valid_from: '2020-01-01' })
        .returning('id')
        .executeTakeFirstOrThrow()
      const registration = await db
        .insertInto('registration')
        .values({ event_id: eventId, municipality_id: municipality.id })
        .returning('id')
        .executeTakeFirstOrThrow()
      const person = (email: string, rank: number) => ({
        registration_id: registration.id,
        name: 'Kari',
        email,
        role_category: 'radgiver',
        coverage_rank: rank,
      })
      const [first] = await db
        .insertInto('participant')
        .values([person('kari@molde.example.no', 1), person('Kari@Molde.example.no', 2)])
        .returning('id')
        .execute()

      await expect(migrateToLatest(db)).rejects.toThrow(/07-one-enrolment-per-email failed: .*kari@molde\.example\.no/)
      await db
        .updateTable('participant')
        .set({ status: 'cancelled', cancelled_at: new Date() })
        .where('id', '=', first?.id ?? '')
        .execute()
      expect(await migrateToLatest(db)).toEqual(Object.keys(migrations).filter((name) => name >= '2026-11-30-07'))
      // The index holds from now on, whatever the case of the address; a cancelled one does not count.
      await expect(db.insertInto('participant').values(person('KARI@molde.example.no', 3)).execute()).rejects.toThrow(/participant_active_email/)
      await db.insertInto('participant').values(person('ola@molde.example.no', 3)).execute()
    } finally {
      await old.drop()
    }
  })
})
