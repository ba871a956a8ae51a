/**
 * npm run bench:organiser
 *
 * The organiser's pages at scale, through HTTP. Seeds an event after its
 * deadline with 10 000 participants over 357 municipalities (seedBigEvent),
 * and on top of it what an event of that size has by then: an email per
 * participant, 200 late cancellations with an audit row each. Starts the
 * built app as `npm start` starts it (BENCH_APP_DIR: another checkout's, built
 * there first) and, logged in as the organiser, GETs every organiser page one
 * request at a time: 3 warm-ups, then BENCH_SAMPLES (20) measured.
 *
 * Prints one JSON line: per page the p50 and p95 in ms, the HTML's size in
 * KB, and the status when it is not 200 (a page the other checkout lacks).
 */
import http from 'node:http'
import path from 'node:path'
import { sql } from 'kysely'
import { freePort } from '../../db/embedded-postgres'
import { createSession } from '../../app/services/sessions.server'
import { parseEnv } from '../../app/utils/env.server'
import { sessionCookieHeader } from '../../app/utils/session.server'
import { startBenchApp } from './app-process'
import { seedBigEvent, withBenchDatabase } from './bench-database'

const APP_DIR = path.resolve(process.env.BENCH_APP_DIR ?? path.join(import.meta.dirname, '../..'))
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 20)
const WARMUP = 3
const MUNICIPALITIES = 357
const PARTICIPANTS = 10_000
const LATE_CANCELLATIONS = 200

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b)
  return Math.round((sorted[Math.min(sorted.length - 1, Math.ceil(sorted.length * p) - 1)] ?? 0) * 10) / 10
}

function get(agent: http.Agent, url: string, cookie: string) {
  return new Promise<{ status: number; bytes: number }>((resolve, reject) => {
    const req = http.request(url, { agent, headers: { cookie, accept: 'text/html' } }, (res) => {
      let bytes = 0
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }))
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

async function main() {
  await withBenchDatabase('organiser', {}, async (db) => {
    const big = await seedBigEvent(db, { participants: PARTICIPANTS, municipalities: MUNICIPALITIES })
    const eventId = big.event.id
    const now = new Date()
    // Late cancellations after the deadline (binding: they keep their places), each with its audit row, as the service writes them.
    const late = await db
      .selectFrom('participant')
      .innerJoin('registration', 'registration.id', 'participant.registration_id')
      .select(['participant.id', 'participant.name', 'participant.registration_id'])
      .where('registration.event_id', '=', eventId)
      .orderBy('participant.email')
      .limit(LATE_CANCELLATIONS)
      .execute()
    await db
      .updateTable('participant')
      .set({ status: 'late_cancelled', cancelled_at: now })
      .where(
        'id',
        'in',
        late.map((p) => p.id),
      )
      .execute()
    await db
      .insertInto('audit_log')
      .values(
        late.map((p) => ({
          at: now,
          actor_label: 'contact person',
          event_id: eventId,
          registration_id: p.registration_id,
          action: 'participant.late_cancelled',
          entity_type: 'participant',
          entity_id: p.id,
          before: JSON.stringify({ name: p.name }),
          after: JSON.stringify({ name: p.name, status: 'late_cancelled' }),
        })),
      )
      .execute()
    // An enrolment confirmation per participant, sent.
    await sql`
      insert into email (event_id, registration_id, template, language_form, from_address, to_addresses, params, subject, html, text, status, sent_at, created_at)
      select r.event_id, p.registration_id, 'participant-enrolled', 'nb', 'klimasamling@example.no', array[p.email], '{}'::jsonb,
             'Bench: du er påmeldt', '<p>Du er påmeldt.</p>', 'Du er påmeldt.', 'sent', now(), now() - (row_number() over (order by p.email)) * interval '1 second'
      from participant p join registration r on r.id = p.registration_id where r.event_id = ${eventId}`.execute(db)
    await sql`analyze`.execute(db)

    const port = await freePort()
    const appUrl = `http://localhost:${port}`
    const env = parseEnv({ NODE_ENV: 'production', APP_URL: appUrl })
    const cookie = (await sessionCookieHeader({ env } as never, await createSession(db, big.organiser.id, now))).split(';')[0] ?? ''
    const registration = big.registrations[0]?.id ?? ''
    const pages: Record<string, string> = {
      oversikt: 'oversikt',
      oversikt_sok: 'oversikt?sok=deltaker%20123',
      hotellnetter: 'netter',
      dekning: 'dekning',
      dekning_melding: `dekning/${registration}`,
      kosthold: 'kosthold',
      sesjoner: 'sesjoner',
      endringer: 'endringer',
      e_post: 'e-post',
      eksport: 'eksport',
    }
    const app = await startBenchApp(APP_DIR, { db, port, env: { MAIL_WORKER: 'false' } })
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    const result: Record<string, { p50_ms: number; p95_ms: number; kb: number; status?: number }> = {}
    try {
      for (const [name, page] of Object.entries(pages)) {
        const url = `${appUrl}/arrangor/${eventId}/${page}`
        const times: number[] = []
        let last = { status: 0, bytes: 0 }
        for (let i = 0; i < WARMUP + SAMPLES; i++) {
          const t0 = performance.now()
          last = await get(agent, url, cookie)
          if (i >= WARMUP) times.push(performance.now() - t0)
        }
        result[name] = {
          p50_ms: percentile(times, 0.5),
          p95_ms: percentile(times, 0.95),
          kb: Math.round(last.bytes / 100) / 10,
          ...(last.status === 200 ? {} : { status: last.status }),
        }
      }
    } finally {
      agent.destroy()
      await app.stop()
    }
    console.log(
      JSON.stringify({
        participants: PARTICIPANTS,
        municipalities: MUNICIPALITIES,
        samples: SAMPLES,
        code: process.env.BENCH_APP_DIR ? APP_DIR : 'this checkout',
        pages: result,
      }),
    )
  })
}

await main()
