import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from './schema.js'

const DATE_OID = 1082

/** Postgres `date` stays a 'YYYY-MM-DD' string: a calendar day has no time zone. */
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === DATE_OID ? (value: string) => value : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
}

export interface CreateDbOptions {
  /** Pool size; the default suits one app process. */
  max?: number
  connectionTimeoutMillis?: number
}

export function createDb(connectionString: string, options: CreateDbOptions = {}): Kysely<Database> {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: options.connectionTimeoutMillis ?? 5_000,
    types,
  })
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {})
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
}
