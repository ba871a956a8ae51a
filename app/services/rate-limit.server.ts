import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'
import type { RateLimit } from '~/domain/limits'

export interface RateLimitResult {
  allowed: boolean
  retryAfterSeconds: number
}

/**
 * Counts one hit for `key` in the current fixed window and says whether it is
 * within the limit. One atomic upsert, so parallel requests from several app
 * processes are counted exactly.
 */
export async function hitRateLimit(db: Kysely<Database>, key: string, rule: RateLimit, now: Date): Promise<RateLimitResult> {
  const windowStart = new Date(Math.floor(now.getTime() / rule.windowMs) * rule.windowMs)
  const row = await db
    .insertInto('rate_limit_counter')
    .values({ key, window_start: windowStart, count: 1 })
    .onConflict((oc) => oc.columns(['key', 'window_start']).doUpdateSet({ count: sql`rate_limit_counter.count + 1` }))
    .returning('count')
    .executeTakeFirstOrThrow()
  // Old windows are of no use; clearing this key's keeps the table small without a job.
  await db.deleteFrom('rate_limit_counter').where('key', '=', key).where('window_start', '<', windowStart).execute()
  const retryAfterSeconds = Math.ceil((windowStart.getTime() + rule.windowMs - now.getTime()) / 1000)
  return { allowed: row.count <= rule.limit, retryAfterSeconds }
}
