/**
 * npm run bench:http
 *
 * The enrolment bench through HTTP, beside bench:enrol's figure in the same
 * run on the same PostgreSQL (TEST_DATABASE_URL's server, or one embedded
 * server for both). Starts the built app as `npm start` does (server.ts over
 * build/, every core unless WEB_CONCURRENCY says otherwise, its mail worker
 * writing files), gives each of the 357 municipalities of bench:enrol's event
 * a logged-in contact person (a session made by the session service, sent
 * back as the browser would: the cookie), and has 32 keep-alive clients post
 * the participant form (`POST /kommune/:id/ny-deltaker`, answered 302) for
 * BENCH_WARMUP_SECONDS (not counted) and BENCH_SECONDS. Then GETs of the
 * municipality page and the participant form (32 clients for
 * BENCH_PAGE_SECONDS), and of the organiser's Oversikt, Hotellnetter and
 * Dekning for a second event with 10 000 participants (one at a time, 3
 * warm-up and BENCH_PAGE_SAMPLES measured), logged in as its organiser.
 *
 * Prints one JSON line. cpu_ms_per_request is the app's processes' CPU (not
 * PostgreSQL's) over the measured enrolment seconds per request; errors
 * counts every answer that is neither the expected one nor a refusal (409).
 * BENCH_APP_DIR runs another checkout's server (`npx remix build` there first).
 */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { createSession } from '../../app/services/sessions.server'
import { parseEnv } from '../../app/utils/env.server'
import { sessionCookieHeader } from '../../app/utils/session.server'
import { freePort, startEmbeddedPostgres } from '../../db/embedded-postgres'
import { postgresCpuMs, startBenchApp } from './app-process'
import { seedBigEvent, withBenchDatabase } from './bench-database'
import { p95, request, round } from './http-client'
import { driveClients, oversold, pickEnrolment, runEnrolBench, seedEnrolEvent } from './enrol'

const APP_DIR = path.resolve(process.env.BENCH_APP_DIR ?? path.join(import.meta.dirname, '../..'))
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32)
const PAGE_SECONDS = Number(process.env.BENCH_PAGE_SECONDS ?? 3)
const PAGE_SAMPLES = Number(process.env.BENCH_PAGE_SAMPLES ?? 20)
const ORGANISER_PARTICIPANTS = 10_000
const MUNICIPALITIES = 357

async function main() {
  // One PostgreSQL server for both benches, so the service and HTTP figures stand on the same ground.
  let embedded: Awaited<ReturnType<typeof startEmbeddedPostgres>> | undefined
  let pgDir: string | undefined
  if (!process.env.TEST_DATABASE_URL) {
    pgDir = mkdtempSync(path.join(os.tmpdir(), 'klimasamling-bench-http-pg-'))
    chmodSync(pgDir, 0o755)
    embedded = await startEmbeddedPostgres(path.join(pgDir, 'pg'), { persistent: false })
    process.env.TEST_DATABASE_URL = embedded.serverUrl
  }
  try {
    let service: Awaited<ReturnType<typeof runEnrolBench>> | undefined
    await withBenchDatabase('enrol', {}, async (db) => {
      service = await runEnrolBench(db, CLIENTS)
    })
    await withBenchDatabase('http', { max: 2 }, async (db) => {
      const enrolEvent = await seedEnrolEvent(db)
      const big = await seedBigEvent(db, { participants: ORGANISER_PARTICIPANTS, municipalities: MUNICIPALITIES, slug: 'bench-10000' })

      const port = await freePort()
      const appUrl = `http://localhost:${port}`
      const env = parseEnv({ NODE_ENV: 'production', APP_URL: appUrl })
      const now = new Date()
      const cookieFor = async (userId: string) => (await sessionCookieHeader({ env } as never, await createSession(db, userId, now))).split(';')[0] ?? ''
      // A contact person for every municipality of the enrolment event, logged in.
      const contacts = await db
        .insertInto('app_user')
        .values(enrolEvent.registrations.map((_, i) => ({ email: `kontakt${i}@example.no`, name: `Kontakt ${i}` })))
        .returning('id')
        .execute()
      const cookies = new Map<string, string>()
      for (const [i, registration] of enrolEvent.registrations.entries()) {
        const contact = contacts[i]?.id ?? ''
        await db.updateTable('registration').set({ contact_user_id: contact, contact_named_at: now }).where('id', '=', registration.id).execute()
        cookies.set(registration.id, await cookieFor(contact))
      }
      const organiserCookie = await cookieFor(big.organiser.id)

      const app = await startBenchApp(APP_DIR, {
        db,
        port,
        // As npm start: the mail worker sends each enrolment's confirmation meanwhile (bench:enrol only queues them); BENCH_MAIL_WORKER=false leaves them queued too.
        env: { MAIL_WORKER: process.env.BENCH_MAIL_WORKER ?? 'true' },
      })
      const agent = new http.Agent({ keepAlive: true, maxSockets: CLIENTS })
      let errors = 0
      const failures: string[] = []
      const noteError = (what: string, answer: { status: number; body: string }) => {
        errors += 1
        if (failures.length < 3) failures.push(`${what} answered ${answer.status}: ${answer.body.slice(0, 300)}`)
      }
      try {
        const post = async (): Promise<'enrolled' | 'refused' | 'error'> => {
          const input = pickEnrolment(enrolEvent)
          const form = new URLSearchParams({
            idempotencyKey: input.idempotencyKey,
            name: input.name,
            email: input.email,
            title: input.title,
            roleCategory: input.roleCategory,
          })
          for (const id of input.dayIds) form.append('dayIds', id)
          for (const id of input.nightIds) form.append('nightIds', id)
          // The session as the form sends it: one radio group per parallel slot.
          for (const id of input.sessionIds) form.append(`slot:${enrolEvent.slot.id}`, id)
          form.append('attendsDinner', 'on')
          const answer = await request(agent, `${appUrl}/kommune/${input.registrationId}/ny-deltaker`, {
            method: 'POST',
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              origin: appUrl,
              cookie: cookies.get(input.registrationId) ?? '',
              accept: 'text/html',
            },
            body: form.toString(),
          })
          if (answer.status === 302 && answer.location?.startsWith(`/kommune/${input.registrationId}?melding=pameldt`)) return 'enrolled'
          if (answer.status === 409) return 'refused'
          noteError('POST ny-deltaker', answer)
          return 'error'
        }
        // Where the machine's CPU goes over the measured seconds: the app's processes (the first one's apart),
        // the PostgreSQL backends of this database, and this process (the bench's HTTP clients).
        const split = { first: 0, postgres: 0, client: 0 }
        const benchDatabase = (await sql<{ name: string }>`select current_database() as name`.execute(db)).rows[0]?.name ?? ''
        const clientCpuMs = () => {
          const usage = process.cpuUsage()
          return (usage.user + usage.system) / 1000
        }
        const forked = app.cpuMs().forked
        const enrol = await driveClients(CLIENTS, post, () => {
          const cpu = app.cpuMs()
          split.first = cpu.first - split.first
          split.postgres = postgresCpuMs(benchDatabase) - split.postgres
          split.client = clientCpuMs() - split.client
          return cpu.all
        })

        const get = async (name: string, url: string, cookie: string) => {
          const t0 = performance.now()
          const answer = await request(agent, url, { headers: { cookie, accept: 'text/html' } })
          const ms = performance.now() - t0
          if (answer.status !== 200) noteError(`GET ${name}`, answer)
          return ms
        }
        const pages: Record<string, number> = {}
        // The contact person's pages under the same 32 clients.
        const registrations = enrolEvent.registrations
        const contactPages = {
          kommune: (id: string) => `${appUrl}/kommune/${id}`,
          ny_deltaker: (id: string) => `${appUrl}/kommune/${id}/ny-deltaker`,
        }
        for (const [name, url] of Object.entries(contactPages)) {
          const times: number[] = []
          const until = performance.now() + PAGE_SECONDS * 1000
          await Promise.all(
            Array.from({ length: CLIENTS }, async (_, c) => {
              for (let i = 0; performance.now() < until; i++) {
                const id = registrations[(c * 11 + i) % registrations.length]?.id ?? ''
                const ms = await get(name, url(id), cookies.get(id) ?? '')
                if (i > 0) times.push(ms) // each client's first request warms up
              }
            }),
          )
          pages[name] = p95(times)
        }
        // The organiser's pages for 10 000 participants, one request at a time.
        const organiserPages = { oversikt: 'oversikt', hotellnetter: 'netter', dekning: 'dekning' }
        for (const [name, slug] of Object.entries(organiserPages)) {
          const times: number[] = []
          for (let i = 0; i < PAGE_SAMPLES + 3; i++) {
            const ms = await get(name, `${appUrl}/arrangor/${big.event.id}/${slug}`, organiserCookie)
            if (i >= 3) times.push(ms)
          }
          pages[name] = p95(times)
        }

        const cpuMsPerRequest = enrol.sampled / Math.max(enrol.attempts, 1)
        const http_enrolments_per_s = Math.round(enrol.enrolled / enrol.elapsed)
        const serviceRate = service?.enrolments_per_s ?? 0
        console.log(
          JSON.stringify({
            http_enrolments_per_s,
            service_enrolments_per_s: serviceRate,
            ratio: Math.round((http_enrolments_per_s / Math.max(serviceRate, 1)) * 100) / 100,
            enrol_p50_ms: enrol.p50,
            enrol_p95_ms: enrol.p95,
            pages_p95_ms: pages,
            organiser_pages_p95_ms: Math.max(pages.oversikt ?? 0, pages.hotellnetter ?? 0, pages.dekning ?? 0),
            cpu_ms_per_request: round(cpuMsPerRequest),
            // Of that, the first process's (with several web processes: the mail worker's and the connections it hands out).
            cpu_ms_per_request_first_process: round(split.first / Math.max(enrol.attempts, 1)),
            // The machine's CPU per request over the same seconds, and the parts of it: the app's (as above), its database's
            // backends, the bench's clients; what is left is PostgreSQL's own processes (WAL writer, checkpointer) and everything else on the machine.
            machine_cpu_ms_per_request: enrol.machine ? round(enrol.machine.busyMs / Math.max(enrol.attempts, 1)) : null,
            postgres_cpu_ms_per_request: round(split.postgres / Math.max(enrol.attempts, 1)),
            client_cpu_ms_per_request: round(split.client / Math.max(enrol.attempts, 1)),
            errors: errors + (service?.errors ?? 0),
            clients: CLIENTS,
            // Those the first process forked, or the first process itself when it serves alone.
            web_processes: forked || 1,
            mail_worker: process.env.BENCH_MAIL_WORKER ?? 'true',
            refused: enrol.refused,
            oversold: (await oversold(db, enrolEvent.event.id)) + (service?.oversold ?? 0),
            machine_idle_share: enrol.machine ? round(enrol.machine.idleShare * 100) / 100 : null,
            service,
            code: process.env.BENCH_APP_DIR ? APP_DIR : 'this checkout',
          }),
        )
        for (const failure of failures) console.error(failure)
      } finally {
        agent.destroy()
        await app.stop()
      }
    })
  } finally {
    await embedded?.stop()
    if (pgDir) rmSync(pgDir, { recursive: true, force: true })
  }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
