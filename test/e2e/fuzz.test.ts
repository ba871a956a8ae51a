import { writeFileSync } from 'node:fs'
import http from 'node:http'
import { describe, expect, it } from 'vitest'
import { fillPattern, routeTargets } from '../fuzz/routes'
import { runFuzz } from '../fuzz/run'
import { brokenRows } from '../fuzz/rules'
import { FUZZ_NOW } from '../fuzz/world'
import { e2eWorld } from '../helpers/e2e-world'

/**
 * The raw-HTTP fuzz suite: at least 5 000 generated requests with
 * raw bodies (every content type, broken multipart, bad encodings, repeated
 * and missing keys, huge and negative numbers, impossible dates, unicode,
 * NUL and control characters, 2 MB fields) against every action and every
 * loader of app/routes, as anonymous, contact person, participant and
 * organiser, on the real world.server. None may answer 5xx, the app must be healthy
 * afterwards, and every row must keep the rules (test/fuzz/rules.ts).
 *
 * The seed is fixed (FUZZ_SEED overrides it, FUZZ_CI_REQUESTS the count) and
 * printed, so a failure can be replayed: FUZZ_SEED=<seed> npx vitest run --project e2e test/e2e/fuzz.test.ts
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261201)
const REQUESTS = Number(process.env.FUZZ_CI_REQUESTS ?? 5000)

function status(url: string, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(new URL(path, url), (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      })
      .on('error', reject)
  })
}

describe('raw-HTTP fuzz of every route', () => {
  const world = e2eWorld({ now: FUZZ_NOW, env: { MAIL_POLL_MS: '500' }, browser: false })

  it('finds a row that breaks a rule (the check the fuzz run ends with)', async () => {
    const rollback = new Error('rollback')
    const found = await world.db
      .transaction()
      .execute(async (trx) => {
        await trx
          .updateTable('hotel_night')
          .set((eb) => ({ rooms_taken: eb('rooms_taken', '+', 1) }))
          .where('id', '=', (await trx.selectFrom('hotel_night').select('id').limit(1).executeTakeFirstOrThrow()).id)
          .execute()
        await trx.updateTable('municipality').set({ name: 'Selbu\u0007' }).where('name', '=', 'Selbu').execute()
        await trx
          .updateTable('program_item')
          .set((eb) => ({ seats_taken: eb('seats_taken', '+', 1) }))
          .where('id', '=', (await trx.selectFrom('program_item').select('id').limit(1).executeTakeFirstOrThrow()).id)
          .execute()
        throw Object.assign(rollback, { rules: (await brokenRows(trx)).map((b) => b.rule) })
      })
      .catch((error: Error & { rules?: string[] }) => {
        if (error !== rollback) throw error
        return error.rules ?? []
      })
    expect(found).toEqual(
      expect.arrayContaining([
        'rooms_taken is the nights of active and late-cancelled participants, within the block',
        'no control characters in municipality.name',
        'seats_taken is the session choices, within capacity',
      ]),
    )
    expect(await brokenRows(world.db)).toEqual([])
  })

  it('answers a NUL character in any URL parameter of any loader with a 4xx, not a database error', async () => {
    const answers: string[] = []
    for (const target of routeTargets().filter((t) => t.hasLoader && t.params.length)) {
      const path = fillPattern(target.pattern, Object.fromEntries(target.params.map((p) => [p, 'a%00b'])))
      answers.push(`${path} ${await status(world.appUrl, path)}`)
    }
    expect(answers.filter((a) => / 5\d\d$/.test(a))).toEqual([])
  })

  it(`answers ${REQUESTS} hostile requests without a 5xx, stays healthy and keeps every rule`, { timeout: 180_000 }, async () => {
    console.log(`fuzz seed ${SEED} (replay: FUZZ_SEED=${SEED} npx vitest run --project e2e test/e2e/fuzz.test.ts)`)
    const report = await runFuzz({
      baseUrl: world.appUrl,
      db: world.db,
      requests: REQUESTS,
      seed: SEED,
      concurrency: 6,
      serverOutput: () => world.server.output(),
    })
    // How deep the run went: changes the app accepted and recorded.
    const audit = await world.db
      .selectFrom('audit_log')
      .select(['action', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('action')
      .execute()
    console.log(JSON.stringify({ audited: Object.fromEntries(audit.map((a) => [a.action, Number(a.n)])) }))
    console.log(
      JSON.stringify({
        seed: report.seed,
        requests: report.requests,
        by_status: report.by_status,
        excluded: report.excluded,
        forms: report.forms,
        actions_without_form: report.actions_without_form,
        ms: report.ms,
        prepare_ms: report.prepare_ms,
        slowest: report.slowest,
      }),
    )
    if (process.env.FUZZ_REPORT) writeFileSync(process.env.FUZZ_REPORT, JSON.stringify({ ...report, server: world.server.output() }, null, 2))
    expect(report.requests, 'requests sent').toBeGreaterThanOrEqual(REQUESTS * 0.9)
    expect(report.forms, 'forms read from the pages').toBeGreaterThan(20)
    expect(report.failures, `seed ${SEED}: requests answered 5xx. Server output:\n${world.server.stderr().slice(-4000)}`).toEqual([])
    expect(world.server.exitStatus(), 'the server is still running').toBeNull()
    expect(await status(world.appUrl, '/healthz')).toBe(200)
    expect(report.broken, `seed ${SEED}: rows that break the rules`).toEqual([])
  })
})
