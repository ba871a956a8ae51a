/**
 * npm run bench:checkin
 *
 * The gathering's morning through HTTP: the built app started as `npm start`
 * starts it (every core unless WEB_CONCURRENCY says otherwise, its mail
 * worker running), an event after its deadline with 600 participants, and
 * - 4 desks (desk helpers, logged in) checking in 300 participants on day 1
 *   over BENCH_CHECKIN_SECONDS (120): one check-in at a time per desk, sent
 *   as the desk page sends it (`POST /arrangor/:id/innsjekking/synk`), 10 %
 *   of them sent a second time with the same operation id (a retry after a
 *   dropped answer) and 5 % checked in by a second desk too (two devices),
 *   each desk following the others (`GET …/synk?siden=`) every 5 seconds;
 * - in the first minute, 300 other participants answering the day-1 survey
 *   on their phones: the page by their personal link, then the answer
 *   (`POST /undersokelse/:token`), spread over BENCH_ANSWER_SECONDS (60).
 *
 * Prints one JSON line: checkins (participants arrived in the database),
 * answers (answer rows), lost (sent but not in the database), duplicated
 * (rows beyond one per participant and day or question, and operations
 * stored beyond the ids sent), the p95 of a check-in's and an answer's POST
 * in ms, and errors (answers that were not the expected ones).
 */
import { randomUUID } from 'node:crypto'
import http from 'node:http'
import path from 'node:path'
import { sql } from 'kysely'
import { participantCode } from '../../app/services/participant-codes.server'
import { createSession } from '../../app/services/sessions.server'
import { parseEnv } from '../../app/utils/env.server'
import { sessionCookieHeader } from '../../app/utils/session.server'
import { freePort } from '../../db/embedded-postgres'
import { startBenchApp } from './app-process'
import { seedBigEvent, withBenchDatabase } from './bench-database'
import { p95, request } from './http-client'

const APP_DIR = path.resolve(process.env.BENCH_APP_DIR ?? path.join(import.meta.dirname, '../..'))
const PARTICIPANTS = 600
const DESKS = 4
const CHECKINS = 300
const ANSWERS = 300
const CHECKIN_SECONDS = Number(process.env.BENCH_CHECKIN_SECONDS ?? 120)
const ANSWER_SECONDS = Number(process.env.BENCH_ANSWER_SECONDS ?? 60)
const FOLLOW_MS = 5_000

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function main() {
  await withBenchDatabase('checkin', { max: 2 }, async (db) => {
    const big = await seedBigEvent(db, { participants: PARTICIPANTS, municipalities: 357, slug: 'bench-checkin' })
    const eventId = big.event.id
    const day1 = big.days[0]?.id ?? ''
    const now = new Date()

    // The day-1 survey, opened a minute ago: one question, the topics as options.
    const survey = await db
      .insertInto('survey')
      .values({
        event_id: eventId,
        title: 'Temaer dag 2',
        code: 'BENCH1',
        opens_at: new Date(now.getTime() - 60_000),
        closes_at: new Date(now.getTime() + 3_600_000),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const question = await db
      .insertInto('survey_question')
      .values({ survey_id: survey.id, prompt: 'Hvilket tema skal du jobbe mest med framover?', kind: 'single' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const options = await db
      .insertInto('survey_option')
      .values(
        ['Areal og transport', 'Klimatilpasning', 'Grønn næring', 'Kommunikasjon', 'Anskaffelser'].map((label, i) => ({
          question_id: question.id,
          label,
          sort_order: i,
        })),
      )
      .returning('id')
      .execute()

    const participants = await db
      .selectFrom('participant')
      .innerJoin('registration', 'registration.id', 'participant.registration_id')
      .select('participant.id')
      .where('registration.event_id', '=', eventId)
      .orderBy('participant.created_at')
      .orderBy('participant.id')
      .execute()
    const arriving = participants.slice(0, CHECKINS).map((p) => p.id)
    const answering = participants.slice(CHECKINS, CHECKINS + ANSWERS).map((p) => p.id)
    const tokens = new Map<string, string>()
    for (const id of answering) tokens.set(id, await participantCode(db, id, 'personal-link'))

    const port = await freePort()
    const appUrl = `http://localhost:${port}`
    const env = parseEnv({ NODE_ENV: 'production', APP_URL: appUrl })
    const desks = await db
      .insertInto('app_user')
      .values(Array.from({ length: DESKS }, (_, i) => ({ email: `vert${i}@example.no`, name: `Vert ${i}` })))
      .returning('id')
      .execute()
    await db
      .insertInto('event_desk')
      .values(desks.map((d) => ({ event_id: eventId, user_id: d.id })))
      .execute()
    const cookies: string[] = []
    for (const d of desks) cookies.push((await sessionCookieHeader({ env } as never, await createSession(db, d.id, now))).split(';')[0] ?? '')

    const app = await startBenchApp(APP_DIR, { db, port, env: { MAIL_WORKER: 'true' } })
    const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })
    const checkinMs: number[] = []
    const answerMs: number[] = []
    const failures: string[] = []
    let errors = 0
    const noteError = (what: string, answer: { status: number; body: string }) => {
      errors += 1
      if (failures.length < 3) failures.push(`${what} answered ${answer.status}: ${answer.body.slice(0, 300)}`)
    }
    const opIds = new Set<string>()
    const sync = async (desk: number, op: { id: string; participantId: string }) => {
      const body = new URLSearchParams({
        data: JSON.stringify({ ops: [{ id: op.id, participantId: op.participantId, dayId: day1, arrived: true, madeAt: new Date().toISOString() }] }),
      })
      const started = performance.now()
      const answer = await request(agent, `${appUrl}/arrangor/${eventId}/innsjekking/synk`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: appUrl, cookie: cookies[desk] ?? '', accept: 'application/json' },
        body: body.toString(),
      })
      checkinMs.push(performance.now() - started)
      if (answer.status !== 200) noteError('POST innsjekking/synk', answer)
    }

    try {
      // Each desk loads its page once, as a desk does in the morning.
      for (const cookie of cookies) {
        const page = await request(agent, `${appUrl}/arrangor/${eventId}/innsjekking`, { headers: { cookie, accept: 'text/html' } })
        if (page.status !== 200) noteError('GET innsjekking', page)
      }
      let running = true
      const follow = cookies.map(async (cookie) => {
        let cursor = new Date(0).toISOString()
        while (running) {
          const answer = await request(agent, `${appUrl}/arrangor/${eventId}/innsjekking/synk?siden=${encodeURIComponent(cursor)}`, {
            headers: { cookie, accept: 'application/json' },
          })
          if (answer.status === 200) cursor = (JSON.parse(answer.body) as { cursor: string }).cursor
          else noteError('GET innsjekking/synk', answer)
          await sleep(FOLLOW_MS)
        }
      })

      const checkIns = Array.from({ length: DESKS }, async (_, desk) => {
        const mine = arriving.filter((_, i) => i % DESKS === desk)
        const pace = (CHECKIN_SECONDS * 1_000) / mine.length
        for (const [i, participantId] of mine.entries()) {
          const started = performance.now()
          const op = { id: randomUUID(), participantId }
          opIds.add(op.id)
          await sync(desk, op)
          // A retry of the same operation after a dropped answer.
          if (i % 10 === 3) await sync(desk, op)
          // The same person checked in at the next desk too, from its own device.
          if (i % 20 === 7) {
            const again = { id: randomUUID(), participantId }
            opIds.add(again.id)
            await sync((desk + 1) % DESKS, again)
          }
          await sleep(Math.max(0, pace - (performance.now() - started)))
        }
      })

      const answers = answering.map(async (participantId, i) => {
        await sleep((i / answering.length) * ANSWER_SECONDS * 1_000)
        const url = `${appUrl}/undersokelse/${tokens.get(participantId)}`
        const page = await request(agent, url, { headers: { accept: 'text/html' } })
        if (page.status !== 200) return noteError('GET undersokelse', page)
        const form = new URLSearchParams({ [`svar-${question.id}`]: options[i % options.length]?.id ?? '' })
        const started = performance.now()
        const answer = await request(agent, url, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: appUrl, accept: 'text/html' },
          body: form.toString(),
        })
        answerMs.push(performance.now() - started)
        if (answer.status !== 302 || !answer.location?.includes('lagret=1')) noteError('POST undersokelse', answer)
      })

      await Promise.all([...checkIns, ...answers])
      running = false
      await Promise.all(follow)

      const arrived = await db
        .selectFrom('check_in')
        .select((eb) => [eb.fn.countAll<string>().as('rows'), eb.fn.count<string>('participant_id').distinct().as('people')])
        .where('event_day_id', '=', day1)
        .where('arrived', '=', true)
        .executeTakeFirstOrThrow()
      const arrivedIds = new Set(
        (await db.selectFrom('check_in').select('participant_id').where('event_day_id', '=', day1).where('arrived', '=', true).execute()).map(
          (r) => r.participant_id,
        ),
      )
      const operations = await db
        .selectFrom('check_in_operation')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('event_id', '=', eventId)
        .executeTakeFirstOrThrow()
      const answered = await db
        .selectFrom('survey_answer')
        .select((eb) => [eb.fn.countAll<string>().as('rows'), eb.fn.count<string>('participant_id').distinct().as('people')])
        .where('question_id', '=', question.id)
        .executeTakeFirstOrThrow()
      const answeredIds = new Set(
        (await db.selectFrom('survey_answer').select('participant_id').where('question_id', '=', question.id).execute()).map((r) => r.participant_id),
      )
      const lost = arriving.filter((id) => !arrivedIds.has(id)).length + answering.filter((id) => !answeredIds.has(id)).length
      const duplicated =
        Number(arrived.rows) -
        Number(arrived.people) +
        Math.max(0, Number(operations.n) - opIds.size) +
        (Number(answered.rows) - Number(answered.people)) +
        [...arrivedIds].filter((id) => !arriving.includes(id)).length
      const { rows } = await sql<{ n: string }>`select count(*) as n from email where event_id = ${eventId}`.execute(db)
      console.log(
        JSON.stringify({
          checkins: Number(arrived.people),
          answers: Number(answered.people),
          lost,
          duplicated,
          checkin_p95_ms: p95(checkinMs),
          answer_p95_ms: p95(answerMs),
          checkin_requests: checkinMs.length,
          checkin_seconds: CHECKIN_SECONDS,
          answer_seconds: ANSWER_SECONDS,
          desks: DESKS,
          participants: PARTICIPANTS,
          emails_queued: Number(rows[0]?.n ?? 0),
          errors,
          web_processes: app.cpuMs().forked || 1,
          code: process.env.BENCH_APP_DIR ? APP_DIR : 'this checkout',
        }),
      )
      for (const failure of failures) console.error(failure)
    } finally {
      agent.destroy()
      await app.stop()
    }
  })
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
