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
import { pathToFileURL } from 'node:url'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'
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

export interface EnrolBenchResult {
  enrolments_per_s: number
  attempts_per_s: number
  p50_ms: number
  p95_ms: number
  oversold: number
  refused: number
  errors: number
  warmup_s: number
  cpu_ms_per_enrolment?: number
  cpu_idle_share?: number
}

/**
 * The event the enrolments go to (seedBenchEvent's, with 357 municipalities):
 * one hotel night of ROOMS rooms, and four parallel sessions of SEATS seats
 * on the second day. bench:http enrols through HTTP into the same shape.
 */
export async function seedEnrolEvent(db: Kysely<Database>) {
  const seeded = await seedBenchEvent(db, { municipalities: MUNICIPALITIES })
  const { event, days } = seeded
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
  return { ...seeded, night, slot, sessions }
}

type EnrolEvent = Awaited<ReturnType<typeof seedEnrolEvent>>

/** What one enrolment asks for: OVERNIGHT_SHARE with both days, the night and half of them a session; the rest one day package. */
export function pickEnrolment({ days, registrations, night, sessions }: EnrolEvent): EnrolInput {
  const pick = <T>(list: T[]): T => list[Math.floor(Math.random() * list.length)] as T
  const overnight = Math.random() < OVERNIGHT_SHARE
  return enrolInput(pick(registrations).id, {
    dayIds: overnight ? days.map((d) => d.id) : [pick(days).id],
    nightIds: overnight ? [night.id] : [],
    sessionIds: overnight && Math.random() < 0.5 ? [pick(sessions).id] : [],
  })
}

/**
 * Runs `clients` loops of `attempt` for WARMUP_SECONDS (not counted) and then
 * SECONDS, and says how many ended in each outcome in the measured seconds,
 * their latencies, the machine's CPU over them, and how much `sample` grew
 * meanwhile. bench:http drives its HTTP posts with it too.
 */
export async function driveClients(clients: number, attempt: () => Promise<'enrolled' | 'refused' | 'error'>, sample: () => number = () => 0) {
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
  const warmedUp = new Promise<void>((resolve) => setTimeout(resolve, WARMUP_SECONDS * 1000)).then(() => ({ machine: machineCpu(), sampled: sample() }))
  const [before] = await Promise.all([
    warmedUp,
    ...Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const t0 = performance.now()
        let outcome: 'enrolled' | 'refused' | 'error'
        try {
          outcome = await attempt()
        } catch {
          outcome = 'error'
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
  const cpuBefore = before.machine
  const cpuAfter = machineCpu()
  const sampled = sample() - before.sampled
  latencies.sort((a, b) => a - b)
  const at = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10
  const enrolled = latencies.length - refused - measuredErrors
  return {
    elapsed,
    enrolled,
    attempts: latencies.length,
    refused,
    errors,
    p50: at(0.5),
    p95: at(0.95),
    /** How much `sample` grew over the measured seconds. */
    sampled,
    // The whole machine's CPU over the measured seconds, where Linux tells it.
    machine:
      cpuBefore && cpuAfter
        ? {
            busyMs: (cpuAfter.busy - cpuBefore.busy) * 10,
            idleShare: (cpuAfter.idle - cpuBefore.idle) / (cpuAfter.busy - cpuBefore.busy + cpuAfter.idle - cpuBefore.idle),
          }
        : null,
  }
}

/** bench:enrol on `db`, a fresh migrated database: seeds the event, drives the service, and checks nothing was oversold. */
export async function runEnrolBench(db: Kysely<Database>, clients = CLIENTS): Promise<EnrolBenchResult> {
  const seeded = await seedEnrolEvent(db)
  const run = await driveClients(clients, async () => {
    try {
      await enrolParticipant(
        db,
        { from: 'Klimasamling <klimasamling@example.no>', appUrl: 'http://localhost:3000' },
        { userId: seeded.organiser.id },
        pickEnrolment(seeded),
        new Date(),
      )
      return 'enrolled'
    } catch (error) {
      return error instanceof DomainError ? 'refused' : 'error'
    }
  })
  return {
    enrolments_per_s: Math.round(run.enrolled / run.elapsed),
    attempts_per_s: Math.round(run.attempts / run.elapsed),
    p50_ms: run.p50,
    p95_ms: run.p95,
    oversold: await oversold(db, seeded.event.id),
    refused: run.refused,
    errors: run.errors,
    warmup_s: WARMUP_SECONDS,
    ...(run.machine
      ? {
          cpu_ms_per_enrolment: Math.round((run.machine.busyMs * 100) / Math.max(run.enrolled, 1)) / 100,
          cpu_idle_share: Math.round(run.machine.idleShare * 100) / 100,
        }
      : {}),
  }
}

/** Places given beyond any quota of `eventId`: rooms, seats, covered overnight places and day packages; must be 0. */
export async function oversold(db: Kysely<Database>, eventId: string): Promise<number> {
  const result = await sql<{ n: number }>`
    with p as (select p.* from participant p join registration r on r.id = p.registration_id where r.event_id = ${eventId} and p.status = 'active')
    select
      (select greatest(count(*) - ${ROOMS}, 0) from participant_night pn join p on p.id = pn.participant_id)
      + (select coalesce(sum(greatest(n - ${SEATS}, 0)), 0) from (select count(*) as n from session_choice sc join p on p.id = sc.participant_id group by sc.program_item_id) s)
      + (select coalesce(sum(greatest(n - 4, 0)), 0) from (
          select count(distinct p.id) as n from p join participant_night pn on pn.participant_id = p.id
          where pn.is_covered group by p.registration_id) c)
      + (select coalesce(sum(greatest(n - 1, 0)), 0) from (
          select count(*) as n from participant_day pd join p on p.id = pd.participant_id
          where pd.is_covered_day_package group by p.registration_id) d)
      as n`.execute(db)
  return Number(result.rows[0]?.n ?? -1)
}

async function main() {
  // The pool the app itself uses (createDb's default), unless BENCH_POOL says otherwise.
  await withBenchDatabase('enrol', process.env.BENCH_POOL ? { max: Number(process.env.BENCH_POOL) } : {}, async (db) => {
    console.log(JSON.stringify(await runEnrolBench(db)))
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

// Run as a script (npm run bench:enrol), not when bench:http imports it.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
