import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import type { TestProject } from 'vitest/node'
import { createDb } from '../../db/create-db'
import { type EmbeddedServer, startEmbeddedPostgres } from '../../db/embedded-postgres'
import { migrateToLatest } from '../../db/migrate'

declare module 'vitest' {
  export interface ProvidedContext {
    /** Maintenance database URL of the test server. */
    testServerUrl: string
    /** Name of the migrated, empty template every test database is made from. */
    templateDatabase: string
    /** Prefix of every database this run creates, so teardown can drop them all. */
    databasePrefix: string
  }
}

/**
 * One PostgreSQL server for the run: the one at TEST_DATABASE_URL, or an
 * embedded one in a temporary folder. On it, one migrated template database;
 * each test file then makes its own database from it (test/helpers/database.ts).
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedServer | undefined
  let tempDir: string | undefined
  let serverUrl = process.env.TEST_DATABASE_URL
  if (!serverUrl) {
    tempDir = mkdtempSync(path.join(os.tmpdir(), 'klimasamling-test-pg-'))
    // As root, the server runs as the `postgres` user, which must reach its data folder.
    chmodSync(tempDir, 0o755)
    embedded = await startEmbeddedPostgres(path.join(tempDir, 'pg'), { persistent: false })
    serverUrl = embedded.serverUrl
  }
  const prefix = `ks_test_${process.pid}_${Date.now().toString(36)}`
  const template = `${prefix}_template`

  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`create database ${template}`)
  const db = createDb(withDatabase(serverUrl, template), { max: 1 })
  try {
    await migrateToLatest(db)
  } finally {
    await db.destroy()
  }

  project.provide('testServerUrl', serverUrl)
  project.provide('templateDatabase', template)
  project.provide('databasePrefix', prefix)

  return async () => {
    const { rows } = await admin.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${prefix}%`])
    for (const { datname } of rows) await admin.query(`drop database if exists ${datname} with (force)`)
    await admin.end()
    await embedded?.stop()
    if (tempDir) rmSync(tempDir, { recursive: true, force: true })
  }
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  return url.toString()
}
