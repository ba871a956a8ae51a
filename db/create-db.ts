import { createHash } from 'node:crypto'
import os from 'node:os'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { registerPool } from './pipelined-transaction.js'
import type { Database } from './schema.js'

const DATE_OID = 1082

/** Postgres `date` stays a 'YYYY-MM-DD' string: a calendar day has no time zone. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === DATE_OID ? (value: string) => value : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
}

export interface CreateDbOptions {
  /** Connections in the pool; by default twice the CPU cores plus two (decision 19). */
  max?: number
  connectionTimeoutMillis?: number
}

export function createDb(connectionString: string, options: CreateDbOptions = {}): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? os.availableParallelism() * 2 + 2,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
    // Recycling connections bounds each one's cache of prepared statements.
    maxLifetimeSeconds: 30 * 60,
    types,
    // Queries sent without waiting for the one before (pipelinedTransaction); one at a time otherwise.
    pipeline: true,
  })
  pool.on('connect', prepareStatements)
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {})
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  registerPool(db, pool)
  return db
}

/**
 * Sends every query with parameters as a named (prepared) statement, so
 * Postgres parses and plans each distinct query once per connection instead
 * of on every call, as postgres.js does by default (decision 18). Queries
 * without parameters (BEGIN, COMMIT) go as they are, and so do those with
 * long `in (…)` lists, whose texts vary with the list's length: that keeps the
 * number of distinct prepared statements small. So do queries with a value pg
 * must turn into JSON itself (an object): pg may refuse one (a circular
 * object) after counting its statement as prepared, which would leave the
 * name unusable on the connection; such a query sent unnamed leaves nothing
 * behind. The app passes JSON as strings, so its queries stay named.
 */
function prepareStatements(client: pg.PoolClient) {
  const plain = client.query.bind(client) as (...args: unknown[]) => Promise<unknown> | undefined
  Object.assign(client, {
    query: (text: unknown, values?: unknown, callback?: unknown) => {
      if (
        typeof text !== 'string' ||
        !Array.isArray(values) ||
        values.length === 0 ||
        values.length > MAX_PREPARED_PARAMETERS ||
        !values.every(encodesWithoutJson)
      ) {
        return plain(text, values, callback)
      }
      return plain({ name: statementName(text), text, values }, callback)
    },
  })
}

/** A value pg sends without JSON.stringify, which cannot fail: a scalar, a date, bytes, or an array of these. */
function encodesWithoutJson(value: unknown): boolean {
  if (value === null || value === undefined || value instanceof Date || value instanceof Uint8Array) return true
  if (Array.isArray(value)) return value.every(encodesWithoutJson)
  return typeof value !== 'object' && typeof value !== 'function' && typeof value !== 'symbol'
}

const MAX_PREPARED_PARAMETERS = 100
const statementNames = new Map<string, string>()

function statementName(text: string): string {
  let name = statementNames.get(text)
  if (!name) {
    name = `k${createHash('sha1').update(text).digest('hex').slice(0, 20)}`
    statementNames.set(text, name)
  }
  return name
}
