import type { CompiledQuery, Kysely } from 'kysely'
import { answeredAsBatch, type BatchResult, batchOf } from './pg-dialect.js'

/**
 * A transaction whose statements go to Postgres in batches, each batch in one
 * round trip, with node-postgres's pipeline mode (decisions 24 and 39,
 * docs/decisions). The first batch carries the BEGIN and the last one the
 * COMMIT, so a transaction of two batches costs two round trips instead of
 * four, and the rows its last statement locks are released by the commit that
 * follows it on the wire, not one round trip later.
 *
 * Statements still run one after the other on the server, each with its own
 * snapshot, so a statement after a `FOR UPDATE` in the same batch reads what
 * the lock protects. When one fails, the rest of the transaction fails with
 * it: a COMMIT behind a failed statement rolls back.
 *
 * It holds one connection through Kysely's public `db.connection()` and sends
 * each batch as one query of createDb's dialect (db/pg-dialect.ts): Kysely
 * itself runs the queries of one connection one at a time.
 */

type RowsOf<Q> = Q extends CompiledQuery<infer R> ? R[] : never
type RowsOfAll<Q extends readonly CompiledQuery<any>[]> = { -readonly [K in keyof Q]: RowsOf<Q[K]> }

export interface PipelinedTransaction {
  /** Runs the statements in one round trip, in order, and gives each one's rows. */
  run<Q extends readonly CompiledQuery<any>[]>(...queries: Q): Promise<RowsOfAll<Q>>
  /** Runs the last statements and commits, in one round trip. */
  commit<Q extends readonly CompiledQuery<any>[]>(...queries: Q): Promise<RowsOfAll<Q>>
}

const BEGIN = { sql: 'begin', parameters: [] }
const COMMIT = { sql: 'commit', parameters: [] }

/**
 * Runs `work` in one transaction on one pooled connection. Work that returns
 * without committing is committed; work that throws is rolled back.
 */
export async function pipelinedTransaction<T>(db: Kysely<any>, work: (tx: PipelinedTransaction) => Promise<T>): Promise<T> {
  return db.connection().execute(async (connection) => {
    // Changed by `send`, which the compiler does not follow: hence the cast.
    let state = 'new' as 'new' | 'open' | 'ended'

    async function send(queries: readonly CompiledQuery<any>[], commit: boolean): Promise<unknown[][]> {
      if (state === 'ended') throw new Error('The transaction has already ended')
      const statements = [...(state === 'new' ? [BEGIN] : []), ...queries, ...(commit ? [COMMIT] : [])]
      const skip = state === 'new' ? 1 : 0
      state = 'open'
      let results: BatchResult[]
      try {
        const answer = await connection.executeQuery(batchOf(statements))
        // Another dialect runs the batch's own SQL, which only selects a row saying so: nothing of the work is sent.
        if (!answeredAsBatch(answer, statements.length)) {
          state = 'ended'
          throw new Error('pipelinedTransaction needs a database made by createDb')
        }
        results = answer.rows
      } catch (error) {
        // A statement the server ran and failed: the COMMIT behind it has ended the transaction (as a rollback).
        if (commit && typeof (error as { code?: unknown }).code === 'string') state = 'ended'
        throw error
      }
      if (commit) {
        state = 'ended'
        if (results.at(-1)?.command !== 'COMMIT') throw new Error('The transaction was rolled back')
      }
      return results.slice(skip, skip + queries.length).map((r) => r.rows)
    }

    try {
      const result = await work({
        run: (...queries) => send(queries, false) as never,
        commit: (...queries) => send(queries, true) as never,
      })
      if (state === 'open') await send([], true)
      return result
    } catch (error) {
      // Nothing to undo for a transaction never begun or already ended; a ROLLBACK outside one only warns.
      if (state === 'open') await connection.executeQuery(batchOf([{ sql: 'rollback', parameters: [] }])).catch(() => {})
      throw error
    }
  })
}
