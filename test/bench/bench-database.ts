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
