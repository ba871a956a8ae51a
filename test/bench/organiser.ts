/**
 * npm run bench:organiser
 *
 * Seeds an event with 10 000 participants over 357 municipalities (written
 * in bulk, with their days, nights, sessions and coverage), then times the
 * organiser's overview page, the hotel-nights page and the XLSX rooming list
 * through their route loaders, as a request would run them. Prints one JSON
 * line with the median of 10 runs of each, in milliseconds.
 */
import { loader as roomingList } from '../../app/routes/arrangor.$eventId.eksport.$list'
import { loader as nightsPage } from '../../app/routes/arrangor.$eventId.netter'
import { loader as overviewPage } from '../../app/routes/arrangor.$eventId.oversikt'
import { createSession } from '../../app/services/sessions.server'
import { parseEnv } from '../../app/utils/env.server'
import { sessionCookieHeader } from '../../app/utils/session.server'
import { seedBigEvent, withBenchDatabase } from './bench-database'

const MUNICIPALITIES = 357
const PARTICIPANTS = 10_000
const RUNS = 10

async function main() {
  await withBenchDatabase('organiser', {}, async (db) => {
    const { event, organiser } = await seedBigEvent(db, { participants: PARTICIPANTS, municipalities: MUNICIPALITIES })

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
