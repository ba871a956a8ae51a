import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'
import type { RateLimit } from '~/domain/limits'

export interface RateLimitResult {
  allowed: boolean
  /** Hits in the current window, this one included. */
  count: number
  retryAfterSeconds: number
}

/**
 * Counts one hit for `key` in the current fixed window and says whether it is
 * within the limit. One atomic upsert, so parallel requests from several app
 * processes are counted exactly. Rows of past windows are left for
 * `pruneRateLimits` (the worker's scheduled job).
 */
export async function hitRateLimit(db: Kysely<Database>, key: string, rule: RateLimit, now: Date): Promise<RateLimitResult> {
  const [result] = await hitRateLimits(db, [{ key, rule }], now)
  if (!result) throw new Error('No rate-limit result')
  return result
}

/**
 * Counts one hit for each key, in one statement (one round trip), and answers
 * in the order given. Callers give their keys in a fixed order (the widest
 * first), so two requests never wait for each other's rows the other way round.
 */
export async function hitRateLimits(db: Kysely<Database>, hits: Array<{ key: string; rule: RateLimit }>, now: Date): Promise<RateLimitResult[]> {
  const windows = hits.map(({ key, rule }) => {
    const start = Math.floor(now.getTime() / rule.windowMs) * rule.windowMs
    return { key, rule, windowStart: new Date(start), windowEnd: new Date(start + rule.windowMs) }
  })
  const rows = await db
    .insertInto('rate_limit_counter')
    .values(windows.map((w) => ({ key: w.key, window_start: w.windowStart, window_end: w.windowEnd, count: 1 })))
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_limit_counter.count + 1` }))
    .returning(['key', 'count'])
    .execute()
  const counts = new Map(rows.map((r) => [r.key, r.count]))
  return windows.map((w) => {
    const count = counts.get(w.key) ?? Number.POSITIVE_INFINITY
    return { allowed: count <= w.rule.limit, count, retryAfterSeconds: Math.ceil((w.windowEnd.getTime() - now.getTime()) / 1000) }
  })
}

/**
 * Deletes the counters whose window has ended (the table grew
 * without bound). Run hourly by the worker's scheduled jobs; with several
 * workers, one prunes and the others, finding the advisory lock taken, skip.
 * Returns how many rows it deleted.
 */
export async function pruneRateLimits(db: Kysely<Database>, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(hashtext('klimasamling:prune-rate-limits')) as locked`.execute(trx)
    if (!rows[0]?.locked) return 0
    const deleted = await trx.deleteFrom('rate_limit_counter').where('window_end', '<=', now).executeTakeFirst()
    return Number(deleted.numDeletedRows)
  })
}
