import os from 'node:os'
import { Kysely } from 'kysely'
import pg from 'pg'
import { PgClient, PgDialect } from './pg-dialect.js'
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
    // pg's pipeline mode (node-postgres.com/features/pipelining): a query goes out without waiting for
    // the answer to the one before. Only batches (db/pipelined-transaction.ts) give it more than one.
    pipeline: true,
    // Clients on sockets of their own, which a batch corks (db/pg-dialect.ts).
    Client: PgClient,
  })
  // An idle client that loses its server must not crash the process; the next query reports it.
  pool.on('error', () => {})
  // Prepared statements and batches (decision 39, docs/decisions).
  return new Kysely<Database>({ dialect: new PgDialect(pool) })
}
