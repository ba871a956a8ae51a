/**
 * npm run bench:login
 *
 * Does the login page take as long for an email we know as for one we do not?
 * Starts the built app as `npm start` starts it
 * (`tsx server.ts` over build/, its mail worker writing files) on a fresh,
 * migrated database of real PostgreSQL (TEST_DATABASE_URL, or an embedded
 * one), and posts the login form over HTTP on loopback: a known and an
 * unknown email alternately, each a different address, each from its own
 * client address (X-Forwarded-For, TRUST_PROXY=loopback), so no limit is
 * reached. Prints one JSON line with both medians and their difference.
 *
 * BENCH_SAMPLES (default 600 of each), BENCH_WARMUP (default 100 of each).
 * The bench database has synchronous_commit off (BENCH_SYNC_COMMIT=on keeps
 * it on), so a flush to disk, the same for both, does not drown the work.
 * On a busy machine look at difference_95_ms, the bootstrap interval.
 * BENCH_APP_DIR runs another checkout's server (the previous code, to compare
 * on the same machine); its build/ must be made first (`npx remix build`).
 */
import path from 'node:path'
import { sql } from 'kysely'
import { freePort } from '../../db/embedded-postgres'
import { startBenchApp } from './app-process'
import { withBenchDatabase } from './bench-database'

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 600)
const WARMUP = Number(process.env.BENCH_WARMUP ?? 100)
const APP_DIR = path.resolve(process.env.BENCH_APP_DIR ?? path.join(import.meta.dirname, '../..'))

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

async function main() {
  await withBenchDatabase('login', {}, async (db) => {
    const total = SAMPLES + WARMUP
    await db
      .insertInto('app_user')
      .values(Array.from({ length: total }, (_, i) => ({ email: `kjent${i}@example.no`, name: `Kjent ${i}` })))
      .execute()
    if (process.env.BENCH_SYNC_COMMIT !== 'on') {
      // Without waiting for the disk at each commit, a request's time is the work it does (queries, writes,
      // round trips), which is what may differ; known and unknown commit the same number of times either way.
      await sql`select set_config('synchronous_commit', 'off', false)`.execute(db)
      const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(db)
      await sql.raw(`alter database ${rows[0]?.name} set synchronous_commit = off`).execute(db)
    }
    if (process.env.BENCH_APP_DIR) {
      // The previous code's counters have no window end (migration 13 was a placeholder there).
      await sql`alter table rate_limit_counter alter column window_end drop not null`.execute(db)
    }
    const port = await freePort()
    const appUrl = `http://localhost:${port}`
    const server = await startBenchApp(APP_DIR, { db, port, env: { TRUST_PROXY: 'loopback' } })
    try {
      const post = async (email: string, client: number) => {
        const started = process.hrtime.bigint()
        const response = await fetch(`${appUrl}/logg-inn`, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            origin: appUrl,
            'x-forwarded-for': `10.${(client >> 16) & 255}.${(client >> 8) & 255}.${client & 255}`,
          },
          body: new URLSearchParams({ email }).toString(),
        })
        await response.arrayBuffer()
        const ms = Number(process.hrtime.bigint() - started) / 1e6
        if (response.status !== 302) throw new Error(`POST /logg-inn answered ${response.status}:\n${server.output().slice(-2000)}`)
        return ms
      }
      const known: number[] = []
      const unknown: number[] = []
      for (let i = 0; i < total; i++) {
        // Alternately, and which goes first alternates too, so drift and the worker's rounds hit both alike.
        const order = i % 2 === 0 ? (['known', 'unknown'] as const) : (['unknown', 'known'] as const)
        for (const kind of order) {
          const ms = kind === 'known' ? await post(`kjent${i}@example.no`, 2 * i) : await post(`ukjent${i}@example.no`, 2 * i + 1)
          if (i >= WARMUP) (kind === 'known' ? known : unknown).push(ms)
        }
      }
      const k = median(known)
      const u = median(unknown)
      // How sure: the difference of the medians over 1 000 resamples (a bootstrap), 2.5th to 97.5th percentile.
      const pick = (values: number[]) => Array.from(values, () => values[Math.floor(Math.random() * values.length)] ?? 0)
      const resampled = Array.from({ length: 1000 }, () => median(pick(known)) - median(pick(unknown))).sort((a, b) => a - b)
      const round = (n: number) => Math.round(n * 1000) / 1000
      console.log(
        JSON.stringify({
          samples: known.length,
          known_median_ms: round(k),
          unknown_median_ms: round(u),
          difference_ms: round(k - u),
          difference_95_ms: [round(resampled[25] ?? 0), round(resampled[974] ?? 0)],
          paired_median_difference_ms: round(median(known.map((ms, i) => ms - (unknown[i] ?? 0)))),
          code: process.env.BENCH_APP_DIR ? APP_DIR : 'this checkout',
        }),
      )
    } finally {
      await server.stop()
    }
  })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
