/**
 * npm run bench:enrol
 *
 * Seeds an event with 357 municipalities, then 32 concurrent clients enrol
 * participants for a fixed time (BENCH_SECONDS, default 10, after
 * BENCH_WARMUP_SECONDS, default 3, that are not measured) through the
 * enrolment service, each call one full locking transaction against real
 * PostgreSQL (TEST_DATABASE_URL, or an embedded one), through the pool the
 * app uses. Every overnight enrolment takes the same night row, covered
 * places run out within seconds, and rooms and seats are sized so the run
 * ends close to full. Prints one JSON line; "oversold" counts places given
 * beyond any quota and must be 0.
 */
import { readFileSync } from 'node:fs'
import { sql } from 'kysely'
import { DomainError } from '../../app/domain/errors'
import { enrolParticipant, type EnrolInput } from '../../app/services/enrolment.server'
import { enrolInput } from '../helpers/fixtures'
import { seedBenchEvent, withBenchDatabase } from './bench-database'

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 3)
// The figure is for 32; fewer show the latency without queueing.
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 32)
const MUNICIPALITIES = 357
const ROOMS = 10_000
const SEATS = 1_500
const DAY = 86_400_000
// Share of enrolments with a hotel night; the rest are day packages.
const OVERNIGHT_SHARE = Number(process.env.BENCH_OVERNIGHT_SHARE ?? 0.7)

async function main() {
  // The pool the app itself uses (createDb's default), unless BENCH_POOL says otherwise.
  await withBenchDatabase('enrol', process.env.BENCH_POOL ? { max: Number(process.env.BENCH_POOL) } : {}, async (db) => {
    const { event, days, registrations, organiser } = await seedBenchEvent(db, { municipalities: MUNICIPALITIES })
    const first = days[0]?.date ?? ''
    const night = await db
      .insertInto('hotel_night')
      .values({ event_id: event.id, night_date: first, rooms_in_block: ROOMS })
      .returning('id')
      .executeTakeFirstOrThrow()
    const slot = await db
      .insertInto('program_slot')
      .values({
        event_id: event.id,
        event_day_id: days[1]?.id ?? '',
        label: 'Parallell',
        starts_at: new Date(event.starts_at.getTime() + DAY),
        ends_at: new Date(event.starts_at.getTime() + DAY + 7_200_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const sessions = await db
      .insertInto('program_item')
      .values(
        [1, 2, 3, 4].map((n) => ({
          event_id: event.id,
          event_day_id: days[1]?.id ?? '',
          slot_id: slot.id,
          kind: 'parallel',
          starts_at: new Date(event.starts_at.getTime() + DAY),
          title: `Sesjon ${n}`,
          capacity: SEATS,
        })),
      )
      .returning('id')
      .execute()

    const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)] as T
    const input = (): EnrolInput => {
      const overnight = Math.random() < OVERNIGHT_SHARE
      return enrolInput(pick(registrations).id, {
        dayIds: overnight ? days.map((d) => d.id) : [pick(days).id],
        nightIds: overnight ? [night.id] : [],
        sessionIds: overnight && Math.random() < 0.5 ? [pick(sessions).id] : [],
      })
    }

    const latencies: number[] = []
    let errors = 0
    let measuredErrors = 0
    let refused = 0
    // The clients run WARMUP_SECONDS before the measured SECONDS start, and what they
    // do then is not counted: V8 compiles the code and every pool connection prepares
    // its statements, and the first seconds run at half the rate of the rest.
    const started = performance.now()
    const measuredFrom = started + WARMUP_SECONDS * 1000
    const until = measuredFrom + SECONDS * 1000
    const warmedUp = new Promise<void>((resolve) => setTimeout(resolve, WARMUP_SECONDS * 1000)).then(machineCpu)
    const [cpuBefore] = await Promise.all([
      warmedUp,
      ...Array.from({ length: CLIENTS }, async () => {
        while (performance.now() < until) {
          const t0 = performance.now()
          let outcome: 'enrolled' | 'refused' | 'error' = 'enrolled'
          try {
            await enrolParticipant(
              db,
              { from: 'Klimasamling <klimasamling@example.no>', appUrl: 'http://localhost:3000' },
              { userId: organiser.id },
              input(),
              new Date(),
            )
          } catch (error) {
            outcome = error instanceof DomainError ? 'refused' : 'error'
          }
          // An error counts whenever it happens; the rest only in the measured seconds.
          if (outcome === 'error') errors += 1
          if (t0 < measuredFrom) continue
          if (outcome === 'error') measuredErrors += 1
          latencies.push(performance.now() - t0)
          if (outcome === 'refused') refused += 1
        }
      }),
    ])
    const elapsed = (performance.now() - measuredFrom) / 1000
    const cpuAfter = machineCpu()
    latencies.sort((a, b) => a - b)
    const at = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10

    const oversold = await sql<{ n: number }>`
      select
        (select greatest(count(*) - ${ROOMS}, 0) from participant_night pn join participant p on p.id = pn.participant_id where p.status = 'active')
        + (select coalesce(sum(greatest(n - ${SEATS}, 0)), 0) from (select count(*) as n from session_choice group by program_item_id) s)
        + (select coalesce(sum(greatest(n - 4, 0)), 0) from (
            select count(distinct p.id) as n from participant p join participant_night pn on pn.participant_id = p.id
            where pn.is_covered and p.status = 'active' group by p.registration_id) c)
        + (select coalesce(sum(greatest(n - 1, 0)), 0) from (
            select count(*) as n from participant_day pd join participant p on p.id = pd.participant_id
            where pd.is_covered_day_package and p.status = 'active' group by p.registration_id) d)
        as n`.execute(db)
    const enrolled = latencies.length - refused - measuredErrors
    console.log(
      JSON.stringify({
        enrolments_per_s: Math.round(enrolled / elapsed),
        attempts_per_s: Math.round(latencies.length / elapsed),
        p50_ms: at(0.5),
        p95_ms: at(0.95),
        oversold: Number(oversold.rows[0]?.n ?? -1),
        refused,
        errors,
        warmup_s: WARMUP_SECONDS,
        // The whole machine's CPU over the run (this process and Postgres), where Linux tells it.
        ...(cpuBefore && cpuAfter
          ? {
              cpu_ms_per_enrolment: Math.round(((cpuAfter.busy - cpuBefore.busy) * 10 * 100) / Math.max(enrolled, 1)) / 100,
              cpu_idle_share: Math.round(((cpuAfter.idle - cpuBefore.idle) / (cpuAfter.busy - cpuBefore.busy + cpuAfter.idle - cpuBefore.idle)) * 100) / 100,
            }
          : {}),
      }),
    )
  })
}

/** Busy and idle time of all CPUs in hundredths of a second, from /proc/stat; null where there is none. */
function machineCpu(): { busy: number; idle: number } | null {
  try {
    const [user, nice, system, idle, iowait, irq, softirq, steal] =
      readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? []
    if (user === undefined || idle === undefined) return null
    return { busy: user + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0), idle: idle + (iowait ?? 0) }
  } catch {
    return null
  }
}

await main()
