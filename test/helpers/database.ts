import { randomBytes } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import { inject } from 'vitest'
import { createDb } from '../../db/create-db'
import type { Database } from '../../db/schema'
import { withDatabase } from './global-database'

export interface TestDatabase {
  name: string
  url: string
  db: Kysely<Database>
  drop(): Promise<void>
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('testServerUrl') })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/**
 * A fresh database for one test file: a copy of the migrated template (empty,
 * not seeded), or an empty one with `{ migrated: false }`.
 */
export async function createTestDatabase(options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `${inject('databasePrefix')}_${randomBytes(6).toString('hex')}`
  const template = options.migrated === false ? 'template0' : inject('templateDatabase')
  await admin((c) => c.query(`create database ${name} template ${template}`))
  const url = withDatabase(inject('testServerUrl'), name)
  const db = createDb(url, { max: 20 })
  return {
    name,
    url,
    db,
    async drop() {
      await db.destroy()
      await admin((c) => c.query(`drop database if exists ${name} with (force)`))
    },
  }
}

/** Empties every table the migrations made, for a clean start between tests; the signing keys stay, as the app processes hold them. */
export async function truncateAll(db: Kysely<Database>): Promise<void> {
  const tables = await db.introspection.getTables()
  const names = tables
    .filter((t) => !t.name.startsWith('kysely_') && t.name !== 'app_secret')
    .map((t) => `"${t.name}"`)
    .join(', ')
  if (names) await sql.raw(`truncate ${names} restart identity cascade`).execute(db)
}
