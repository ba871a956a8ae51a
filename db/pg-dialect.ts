import { createHash } from 'node:crypto'
import net from 'node:net'
import {
  type CompiledQuery,
  type DatabaseConnection,
  type DatabaseIntrospector,
  type Dialect,
  type DialectAdapter,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type QueryCompiler,
  type QueryResult,
  RawNode,
  type TransactionSettings,
} from 'kysely'
import pg from 'pg'

/**
 * Kysely's PostgreSQL dialect with a driver of our own, built on the public
 * interfaces of both libraries (decision 39, docs/decisions): Kysely's
 * `Dialect`, `Driver` and `DatabaseConnection`, and pg's query config
 * `{ name, text, values }` and its `pipeline` client option. Kysely's adapter,
 * query compiler and introspector are reused as they are.
 *
 * Two things differ from Kysely's own driver:
 * - a query with parameters goes as a named (prepared) statement, so
 *   PostgreSQL parses and plans it once per connection (see `queryConfig`);
 * - a batch (see `batchOf`) runs several statements sent back to back on one
 *   connection, without waiting for each answer: with `pipeline: true` on the
 *   pool, pg writes each query as soon as it is given one.
 */
export class PgDialect implements Dialect {
  constructor(private readonly pool: pg.Pool) {}

  createDriver(): Driver {
    return new PgDriver(this.pool)
  }

  createQueryCompiler(): QueryCompiler {
    return new PostgresQueryCompiler()
  }

  createAdapter(): DialectAdapter {
    return new PostgresAdapter()
  }

  createIntrospector(db: Kysely<any>): DatabaseIntrospector {
    return new PostgresIntrospector(db)
  }
}

class PgDriver implements Driver {
  private readonly connections = new WeakMap<pg.PoolClient, PgConnection>()

  constructor(private readonly pool: pg.Pool) {}

  async init() {}

  async acquireConnection(): Promise<DatabaseConnection> {
    const client = await this.pool.connect()
    let connection = this.connections.get(client)
    if (!connection) {
      connection = new PgConnection(client)
      this.connections.set(client, connection)
    }
    return connection
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    const mode = [settings.isolationLevel && `isolation level ${settings.isolationLevel}`, settings.accessMode].filter(Boolean).join(' ')
    await connection.executeQuery(raw(mode ? `start transaction ${mode}` : 'begin'))
  }

  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(raw('commit'))
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(raw('rollback'))
  }

  async releaseConnection(connection: DatabaseConnection) {
    const c = connection as PgConnection
    // A connection whose state is unsure (see PgConnection.unsure) is closed instead of reused.
    c.client.release(c.unsure || undefined)
    if (c.unsure) this.connections.delete(c.client)
  }

  async destroy() {
    await this.pool.end()
  }
}

/** One statement's answer in a batch. */
export interface BatchResult {
  command: string
  rows: unknown[]
}

/**
 * A batch of statements for `executeQuery` on one connection (Kysely's
 * `db.connection().execute`): a compiled query whose `statements` this
 * dialect sends back to back. Its rows are the statements' answers, in order.
 * Another dialect would run its `sql`, which only selects a row saying so.
 */
export interface Batch extends CompiledQuery<BatchResult> {
  readonly statements: ReadonlyArray<Pick<CompiledQuery, 'sql' | 'parameters'>>
}

const NOT_A_BATCH = 'select true as batch_not_supported'

export function batchOf(statements: ReadonlyArray<Pick<CompiledQuery, 'sql' | 'parameters'>>): Batch {
  return { sql: NOT_A_BATCH, parameters: [], query: RawNode.createWithSql(NOT_A_BATCH), queryId: { queryId: 'batch' }, statements }
}

function isBatch(query: CompiledQuery): query is Batch {
  return Array.isArray((query as Partial<Batch>).statements)
}

/** Whether a batch's answer came from this dialect (another dialect ran `NOT_A_BATCH` instead). */
export function answeredAsBatch(result: QueryResult<unknown>, statements: number): result is QueryResult<BatchResult> {
  return result.rows.length === statements && result.rows.every((r) => typeof (r as Partial<BatchResult>)?.command === 'string')
}

const IN_FAILED_TRANSACTION = '25P02'

class PgConnection implements DatabaseConnection {
  /**
   * Set when pg failed a statement of a batch without an answer from the
   * server (a lost connection): what the server has run is then unknown, so
   * the driver closes the connection instead of giving it back to the pool.
   */
  unsure = false

  constructor(readonly client: pg.PoolClient) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    if (isBatch(compiledQuery)) return (await this.executeBatch(compiledQuery.statements)) as QueryResult<R>
    checkValues(compiledQuery.parameters)
    const result = await this.client.query(queryConfig(compiledQuery.sql, compiledQuery.parameters))
    return {
      numAffectedRows: AFFECTING.has(result.command) ? BigInt(result.rowCount ?? 0) : undefined,
      rows: result.rows ?? [],
    }
  }

  /**
   * Gives pg every statement before awaiting any: in pipeline mode it sends
   * each at once, so the batch costs one round trip. PostgreSQL still runs
   * them one after the other. Every value is checked before anything is sent,
   * so a value pg could not encode refuses the whole batch with nothing sent.
   * When a statement fails, the rest still run (in a transaction they fail
   * too, and a COMMIT behind them rolls back); the batch then rejects with
   * the failed statement's own error.
   */
  private async executeBatch(statements: Batch['statements']): Promise<QueryResult<BatchResult>> {
    for (const s of statements) checkValues(s.parameters)
    // One write for the whole batch: pg corks each query's own messages (nested corks count), this corks the batch.
    const socket = this.client instanceof PgClient ? this.client.socket : undefined
    socket?.cork()
    let sent: Array<Promise<pg.QueryResult>>
    try {
      sent = statements.map((s) => this.client.query(queryConfig(s.sql, s.parameters)))
    } finally {
      socket?.uncork()
    }
    const settled = await Promise.allSettled(sent)
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as Error & { code?: string }] : []))
    if (failures.length > 0) {
      if (failures.some((f) => f.code === undefined)) this.unsure = true
      throw failures.find((f) => f.code !== IN_FAILED_TRANSACTION) ?? failures[0]
    }
    return {
      rows: settled.map((s) => {
        const { command, rows } = (s as PromiseFulfilledResult<pg.QueryResult>).value
        return { command, rows }
      }),
    }
  }

  // biome-ignore lint/correctness/useYield: streaming is refused before the first row.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('Streaming needs a cursor, which pg refuses in pipeline mode')
  }
}

const AFFECTING = new Set(['INSERT', 'UPDATE', 'DELETE', 'MERGE'])

function raw(sql: string): CompiledQuery {
  return { sql, parameters: [], query: RawNode.createWithSql(sql), queryId: { queryId: sql } }
}

/**
 * Queries with parameters go as named statements (name = hash of the text),
 * so PostgreSQL parses and plans each distinct query once per connection, as
 * postgres.js does by default (decision 18). Queries without parameters
 * (BEGIN, COMMIT) go as they are, and so do those with more than 100
 * parameters (long `in (…)` lists, whose texts vary with the list's length:
 * that keeps the number of prepared statements per connection small). So do
 * queries with a value pg must turn into JSON itself (an object): pg counts a
 * named statement as prepared before encoding its values, so a refused value
 * could leave the name unusable on the connection, while an unnamed query
 * leaves nothing behind. The app passes JSON as strings, so its queries stay
 * named.
 */
export function queryConfig(text: string, parameters: readonly unknown[]): pg.QueryConfig {
  const values = [...parameters]
  if (values.length === 0 || values.length > MAX_PREPARED_PARAMETERS || !values.every(encodesWithoutJson)) return { text, values }
  return { name: statementName(text), text, values }
}

/** A value pg sends without JSON.stringify, which cannot fail: a scalar, a date, bytes, or an array of these. */
function encodesWithoutJson(value: unknown): boolean {
  if (value === null || value === undefined || value instanceof Date || value instanceof Uint8Array) return true
  if (Array.isArray(value)) return value.every(encodesWithoutJson)
  return typeof value !== 'object' && typeof value !== 'function' && typeof value !== 'symbol'
}

/**
 * Refuses, before anything is sent, a value pg would have to turn into JSON
 * and cannot (a circular object), or one that encodes itself (`toPostgres`),
 * which this app never passes. pg would refuse the first only while writing
 * the query, with the statements behind it in a batch already on their way.
 */
function checkValues(values: readonly unknown[]) {
  for (const value of values) {
    if (encodesWithoutJson(value)) continue
    if (typeof (value as { toPostgres?: unknown })?.toPostgres === 'function') throw new TypeError('Values with toPostgres are not supported')
    JSON.stringify(value)
  }
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

/**
 * pg's client on a socket this module makes (pg's public `stream` option,
 * given to each client by the pool's public `Client` option), so a batch can
 * cork it with Node's public `socket.cork()`.
 */
export class PgClient extends pg.Client {
  readonly socket: net.Socket

  constructor(config: pg.ClientConfig = {}) {
    const socket = new net.Socket()
    super({ ...config, stream: () => socket })
    this.socket = socket
  }
}
