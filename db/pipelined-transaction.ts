import type { CompiledQuery, Kysely } from 'kysely'
import type pg from 'pg'

/**
 * A transaction whose statements go to Postgres in batches, each batch in one
 * round trip, with node-postgres's pipeline mode (decision 24, docs/decisions).
 * The first batch carries the BEGIN and the last one the COMMIT, so a
 * transaction of two batches costs two round trips instead of four, and the
 * rows its last statement locks are released by the commit that follows it on
 * the wire, not one round trip later.
 *
 * Statements still run one after the other on the server, each with its own
 * snapshot, so a statement after a `FOR UPDATE` in the same batch reads what
 * the lock protects. When one fails, the rest of the transaction fails with
 * it: a COMMIT behind a failed statement rolls back.
 */

/**
 * The pool behind a Kysely instance, kept on the instance under a symbol from
 * the global registry: the Remix build bundles its own copy of this module,
 * which a module-level map in server.ts's copy would not reach.
 */
const POOL = Symbol.for('klimasamling.pg-pool')

/** createDb registers the pool behind each Kysely instance it makes. */
export function registerPool(db: Kysely<any>, pool: pg.Pool) {
  Object.defineProperty(db, POOL, { value: pool })
}

function poolOf(db: Kysely<any>): pg.Pool | undefined {
  return (db as unknown as Record<symbol, pg.Pool | undefined>)[POOL]
}

type RowsOf<Q> = Q extends CompiledQuery<infer R> ? R[] : never
type RowsOfAll<Q extends readonly CompiledQuery<any>[]> = { -readonly [K in keyof Q]: RowsOf<Q[K]> }

export interface PipelinedTransaction {
  /** Runs the statements in one round trip, in order, and gives each one's rows. */
  run<Q extends readonly CompiledQuery<any>[]>(...queries: Q): Promise<RowsOfAll<Q>>
  /** Runs the last statements and commits, in one round trip. */
  commit<Q extends readonly CompiledQuery<any>[]>(...queries: Q): Promise<RowsOfAll<Q>>
}

const IN_FAILED_TRANSACTION = '25P02'

/**
 * Runs `work` in one transaction on one pooled connection. Work that returns
 * without committing is committed; work that throws is rolled back.
 */
export async function pipelinedTransaction<T>(db: Kysely<any>, work: (tx: PipelinedTransaction) => Promise<T>): Promise<T> {
  const pool = poolOf(db)
  if (!pool) throw new Error('pipelinedTransaction needs a database made by createDb')
  const client = await pool.connect()
  // Changed by `send`, which the compiler does not follow: hence the cast.
  let state = 'new' as 'new' | 'open' | 'failed' | 'ended'
  let discardConnection = false

  async function send(queries: readonly CompiledQuery<any>[], commit: boolean) {
    if (state === 'ended' || state === 'failed') throw new Error('The transaction has already ended')
    const statements: Array<{ sql: string; parameters: readonly unknown[] }> = [
      ...(state === 'new' ? [{ sql: 'begin', parameters: [] }] : []),
      ...queries,
      ...(commit ? [{ sql: 'commit', parameters: [] }] : []),
    ]
    const skip = state === 'new' ? 1 : 0
    state = commit ? 'ended' : 'open'
    const outcomes: Array<Promise<pg.QueryResult>> = []
    let refusedHere = false
    // One write for the whole batch: pg corks each query's own messages, this corks the batch.
    const stream = (client as unknown as { connection?: { stream?: { cork?: () => void; uncork?: () => void } } }).connection?.stream
    stream?.cork?.()
    try {
      for (const s of statements) {
        // A statement pg refuses before sending it (a value it cannot encode) answers at once;
        // nothing after it is queued, so a COMMIT never follows a statement that was left out.
        outcomes.push(
          new Promise((resolve, reject) =>
            client.query(s.sql, [...s.parameters], (error: Error | undefined, result: pg.QueryResult) => {
              if (!error) return resolve(result)
              if ((error as { code?: string }).code === undefined) refusedHere = true
              reject(error)
            }),
          ),
        )
        if (refusedHere) break
      }
    } finally {
      stream?.uncork?.()
    }
    const settled = await Promise.allSettled(outcomes)
    const failures = settled.flatMap((s) => (s.status === 'rejected' ? [s.reason as { code?: string }] : []))
    if (failures.length > 0) {
      if (state === 'open' || refusedHere) state = 'failed'
      // A value pg refused to encode leaves its statement cache unsure in pipeline mode: start afresh.
      if (failures.some((f) => f.code === undefined)) discardConnection = true
      // The statement that failed, not the ones refused after it.
      throw failures.find((f) => f.code !== IN_FAILED_TRANSACTION) ?? failures[0]
    }
    return settled.slice(skip, skip + queries.length).map((s) => (s as PromiseFulfilledResult<pg.QueryResult>).value.rows) as RowsOfAll<
      readonly CompiledQuery<any>[]
    >
  }

  try {
    const result = await work({
      run: (...queries) => send(queries, false) as never,
      commit: (...queries) => send(queries, true) as never,
    })
    if (state === 'open') await send([], true)
    return result
  } catch (error) {
    if ((state === 'open' || state === 'failed') && !discardConnection) {
      await client.query('rollback').catch(() => {
        discardConnection = true
      })
    }
    throw error
  } finally {
    client.release(discardConnection)
  }
}
