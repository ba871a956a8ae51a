/**
 * npm run bench:organiser
 *
 * Seeds an event with 10 000 participants over 357 municipalities (written
 * in bulk, with their days, nights, sessions and coverage), then times the
 * organiser's overview page, the hotel-nights page and the XLSX rooming list
 * through their route loaders, as a request would run them. Prints one JSON
 * line with the median of 10 runs of each, in milliseconds.
 */
import { randomUUID } from 'node:crypto'
import { sql } from 'kysely'
import { loader as roomingList } from '../../app/routes/arrangor.$eventId.eksport.$list'
import { loader as nightsPage } from '../../app/routes/arrangor.$eventId.netter'
import { loader as overviewPage } from '../../app/routes/arrangor.$eventId.oversikt'
import { createSession } from '../../app/services/sessions.server'
import { parseEnv } from '../../app/utils/env.server'
import { sessionCookieHeader } from '../../app/utils/session.server'
import { seedBenchEvent, withBenchDatabase } from './bench-database'

const MUNICIPALITIES = 357
const PARTICIPANTS = 10_000
const RUNS = 10
const DAY = 86_400_000

async function main() {
  await withBenchDatabase('organiser', {}, async (db) => {
    const now = new Date()
    const { event, days, registrations, organiser } = await seedBenchEvent(db, { municipalities: MUNICIPALITIES, afterDeadline: true })
    const dates = days.map((d) => d.date)
    const nights = await db
      .insertInto('hotel_night')
      .values([
        { event_id: event.id, night_date: new Date(event.starts_at.getTime() - DAY).toISOString().slice(0, 10), rooms_in_block: 2_000, requires_reason: true },
        { event_id: event.id, night_date: dates[0] ?? '', rooms_in_block: 10_000 },
      ])
      .returning(['id', 'requires_reason'])
      .execute()

    // 28 per municipality: the first 4 overnight and covered, the next day package covered, then self-paid; every tenth with a long-travel night.
    const participants: Array<{ id: string; registration_id: string; rank: number }> = []
    for (let i = 0; i < PARTICIPANTS; i++)
      participants.push({ id: randomUUID(), registration_id: registrations[i % MUNICIPALITIES]?.id ?? '', rank: Math.floor(i / MUNICIPALITIES) + 1 })
    const overnight = (p: { rank: number }) => p.rank !== 5
    for (let i = 0; i < participants.length; i += 1_000) {
      const batch = participants.slice(i, i + 1_000)
      await db
        .insertInto('participant')
        .values(
          batch.map((p, j) => ({
            id: p.id,
            registration_id: p.registration_id,
            name: `Deltaker ${i + j}`,
            email: `d${i + j}@example.no`,
            title: 'Rådgiver',
            role_category: 'radgiver',
            coverage_rank: p.rank,
            attends_dinner: true,
            diet: (i + j) % 20 === 0 ? 'Vegetar' : null,
            created_at: now,
            updated_at: now,
          })),
        )
        .execute()
      await db
        .insertInto('participant_day')
        .values(
          batch.flatMap((p) =>
            (overnight(p) ? days : days.slice(0, 1)).map((d) => ({ participant_id: p.id, event_day_id: d.id, is_covered_day_package: !overnight(p) })),
          ),
        )
        .execute()
      await db
        .insertInto('participant_night')
        .values(
          batch
            .filter(overnight)
            .flatMap((p, j) => [
              { participant_id: p.id, hotel_night_id: nights[1]?.id ?? '', is_covered: p.rank <= 4 },
              ...((i + j) % 10 === 0 ? [{ participant_id: p.id, hotel_night_id: nights[0]?.id ?? '', is_covered: p.rank <= 4, reason: 'Lang reisevei' }] : []),
            ]),
        )
        .execute()
    }
    for (const n of nights) {
      const taken = await db
        .selectFrom('participant_night')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('hotel_night_id', '=', n.id)
        .executeTakeFirstOrThrow()
      await db
        .updateTable('hotel_night')
        .set({ rooms_taken: Number(taken.n) })
        .where('id', '=', n.id)
        .execute()
    }
    // Planner statistics, as autovacuum keeps them for a database in use.
    await sql`analyze`.execute(db)

    const env = parseEnv({ NODE_ENV: 'test' })
    const context = { db, env, mail: { from: env.mailFrom, appUrl: env.appUrl }, now: () => new Date(), clientAddress: '127.0.0.1', cspNonce: '' }
    const cookie = (await sessionCookieHeader(context as never, await createSession(db, organiser.id, new Date()))).split(';')[0] ?? ''
    const request = (path: string) => new Request(`http://localhost${path}`, { headers: { Cookie: cookie } })
    const median = async (run: () => Promise<unknown>) => {
      const times: number[] = []
      for (let i = 0; i < RUNS + 1; i++) {
        const t0 = performance.now()
        await run()
        if (i > 0) times.push(performance.now() - t0) // the first run warms up
      }
      times.sort((a, b) => a - b)
      return Math.round(((times[Math.floor(times.length / 2) - 1] ?? 0) + (times[Math.floor(times.length / 2)] ?? 0)) / 2)
    }
    const params = { eventId: event.id }
    const overview_ms = await median(() => overviewPage({ request: request(`/arrangor/${event.id}/oversikt`), params, context: context as never }))
    const nights_ms = await median(() => nightsPage({ request: request(`/arrangor/${event.id}/netter`), params, context: context as never }))
    const rooming_xlsx_ms = await median(async () => {
      const response = (await roomingList({
        request: request(`/arrangor/${event.id}/eksport/romliste?format=xlsx`),
        params: { ...params, list: 'romliste' },
        context: context as never,
      })) as Response
      await response.arrayBuffer()
    })
    console.log(JSON.stringify({ participants: PARTICIPANTS, municipalities: MUNICIPALITIES, overview_ms, nights_ms, rooming_xlsx_ms }))
  })
}

await main()
