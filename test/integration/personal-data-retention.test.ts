import type { AppLoadContext } from '@remix-run/node'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { eventToFormValues } from '~/domain/event-form-values'
import { eventPhase } from '~/domain/phase'
import { action as settingsAction } from '~/routes/arrangor.$eventId._index'
import { loader as publicLoader } from '~/routes/arrangementer.$slug'
import { enrolParticipant } from '~/services/enrolment.server'
import { exportList } from '~/services/exports.server'
import { waiveCharge, updateParticipant } from '~/services/participant-changes.server'
import { ANONYMISED_NAME, anonymiseEventsPastRetention, auditAnonymiser } from '~/services/personal-data.server'
import { scheduledJobs } from '~/services/scheduled-jobs.server'
import { loaderArgs, respond, testContext } from '../helpers/app-context'
import { parseCsv } from '../helpers/csv'
import { createTestDatabase, type TestDatabase } from '../helpers/database'
import { enrolInput, eventId, makeContactPerson, makeOrganiser, registrationId, seeded, sessionCookieFor, TEST_MAIL, TR } from '../helpers/fixtures'

/**
 * Retention (decision 051): once an event's `personal_data_retention_days`
 * have passed after its end, nothing in its rows names a person any more,
 * while the invoice basis counts and sums as before; the event is archived,
 * once, by however many workers.
 */

let t: TestDatabase
let tr: string
let organiserId: string
let organiserContext: AppLoadContext
const open = osloDateTime('2018-10-01', '12:00')
const ended = osloDateTime('2018-11-28', '15:00')
const RETENTION_DAYS = 30
const justBefore = new Date(ended.getTime() + RETENTION_DAYS * 86_400_000 - 60_000)
const after = new Date(ended.getTime() + RETENTION_DAYS * 86_400_000)

beforeAll(async () => {
  t = await createTestDatabase()
  await seeded(t.db)
  tr = await eventId(t.db, TR)
  organiserId = (await makeOrganiser(t.db, 'arrangor@example.no', TR)).id
  organiserContext = testContext({ db: t.db, now: open })
})

afterAll(async () => {
  await t.drop()
})

const post = (cookie: string, fields: Record<string, string>) =>
  new Request('http://localhost/x', { method: 'POST', headers: { Cookie: cookie }, body: new URLSearchParams(fields) })

async function saveSettings(overrides: Record<string, string>) {
  const event = await t.db.selectFrom('event').selectAll().where('id', '=', tr).executeTakeFirstOrThrow()
  const settings = Object.fromEntries(Object.entries(eventToFormValues(event)).filter((e): e is [string, string] => e[1] !== undefined))
  const cookie = await sessionCookieFor(organiserContext, organiserId)
  return respond(() => settingsAction({ request: post(cookie, { ...settings, ...overrides }), params: { eventId: tr }, context: organiserContext }))
}

/** The invoice basis as CSV rows, without the two columns that name people ("Merknad", "Møtte ikke"). */
async function invoiceNumbers(now: Date) {
  const file = await exportList(t.db, { userId: organiserId }, tr, { list: 'faktura', format: 'csv' }, now, 'nb')
  const rows = parseCsv(Buffer.from(file?.body ?? new Uint8Array()).toString('utf8'))
  const header = rows[0] ?? []
  const named = new Set([header.indexOf('Merknad'), header.indexOf('Møtte ikke')])
  expect(named.has(-1)).toBe(false)
  return rows.map((row) => row.filter((_, i) => !named.has(i)))
}

/** How many of the event's rows, in the tables that held personal data, contain `needle` anywhere (any text column, JSON included). */
async function rowsContaining(needle: string): Promise<Record<string, number>> {
  const like = `%${needle}%`
  const { rows } = await sql<{ table: string; n: string }>`
    select 'participant' as table, count(*) as n from participant p join registration r on r.id = p.registration_id
      where r.event_id = ${tr} and row_to_json(p)::text ilike ${like}
    union all select 'audit_log', count(*) from audit_log a where a.event_id = ${tr} and row_to_json(a)::text ilike ${like}
    union all select 'email', count(*) from email e where (e.event_id = ${tr} or e.registration_id in (select id from registration where event_id = ${tr}))
      and row_to_json(e)::text ilike ${like}
    union all select 'survey_answer', count(*) from survey_answer s join participant p on p.id = s.participant_id join registration r on r.id = p.registration_id
      where r.event_id = ${tr} and row_to_json(s)::text ilike ${like}
    union all select 'participant_night', count(*) from participant_night n join participant p on p.id = n.participant_id join registration r on r.id = p.registration_id
      where r.event_id = ${tr} and row_to_json(n)::text ilike ${like}
    union all select 'data_request', count(*) from data_request d where d.event_id = ${tr} and row_to_json(d)::text ilike ${like}
    union all select 'registration', count(*) from registration r left join app_user u on u.id = r.contact_user_id
      where r.event_id = ${tr} and (row_to_json(r)::text || coalesce(row_to_json(u)::text, '')) ilike ${like}`.execute(t.db)
  return Object.fromEntries(rows.map((r) => [r.table, Number(r.n)]))
}

const nothing = { participant: 0, audit_log: 0, email: 0, survey_answer: 0, participant_night: 0, data_request: 0, registration: 0 }

/** Everything the job could change, as one fingerprint. */
async function fingerprint(): Promise<string> {
  const { rows } = await sql<{ s: string }>`
    select concat_ws('|',
      (select string_agg(row_to_json(p)::text, ',' order by p.id) from participant p),
      (select string_agg(row_to_json(a)::text, ',' order by a.id) from audit_log a),
      (select string_agg(row_to_json(e)::text, ',' order by e.id) from email e),
      (select string_agg(row_to_json(s)::text, ',' order by s.participant_id) from survey_answer s),
      (select string_agg(row_to_json(d)::text, ',' order by d.id) from data_request d),
      (select string_agg(row_to_json(r)::text, ',' order by r.id) from registration r),
      (select string_agg(row_to_json(v)::text, ',' order by v.id) from event v)) as s`.execute(t.db)
  return rows[0]?.s ?? ''
}

describe('event settings: how long personal data is kept', () => {
  it('saves the retention days from the settings form, refuses more than 3650, and the public page gets them', async () => {
    const refused = await saveSettings({ retentionDays: '3651' })
    expect(refused.status).toBe(400)
    const body = (await refused.json()) as { error?: Record<string, string[]> }
    expect(body.error?.retentionDays?.[0]).toMatch(/^Tallet kan være høyst 3\s650\.$/)

    const saved = await saveSettings({ retentionDays: String(RETENTION_DAYS) })
    expect(saved.status, await saved.clone().text()).toBe(302)
    const row = await t.db.selectFrom('event').select(['slug', 'personal_data_retention_days']).where('id', '=', tr).executeTakeFirstOrThrow()
    expect(row.personal_data_retention_days).toBe(RETENTION_DAYS)
    const page = await publicLoader(loaderArgs(organiserContext, `/arrangementer/${row.slug}`, { slug: row.slug }))
    expect(page.event.personal_data_retention_days).toBe(RETENTION_DAYS)
  })
})

describe('personal data after the retention', () => {
  it('is anonymised once the retention has run out: nothing names anyone, the invoice basis counts the same, the event is archived, once', async () => {
    const selbu = await registrationId(t.db, TR, 'Selbu')
    const meraker = await registrationId(t.db, TR, 'Meråker')
    const kontakt = await makeContactPerson(t.db, 'gunhild.kontakt@selbu.example.no', selbu, { name: 'Gunhild Kontaktsen', at: open })
    await t.db.updateTable('app_user').set({ phone: '+47 977 11 222' }).where('id', '=', kontakt.id).execute()
    const kontakt2 = await makeContactPerson(t.db, 'tormod.kontakt@meraker.example.no', meraker, { name: 'Tormod Kontaktvik', at: open })
    const days = (await t.db.selectFrom('event_day').select('id').where('event_id', '=', tr).execute()).map((d) => d.id)
    const nights = (await t.db.selectFrom('hotel_night').select('id').where('event_id', '=', tr).execute()).map((n) => n.id)

    const kari = enrolInput(selbu, {
      name: 'Kari Nordmannsen',
      email: 'kari.nordmannsen@selbu.example.no',
      phone: '+47 912 34 567',
      title: 'Klimarådgiverske',
      dayIds: days,
      nightIds: nights,
      diet: 'Vegetarkost',
      allergies: 'Paranøtter',
      accessibilityNeeds: 'Rullestolplass',
    })
    const karis = await enrolParticipant(t.db, TEST_MAIL, { userId: kontakt.id }, kari, open)
    // Selbu's two covered overnight places go to Kari and Siri; Per pays for his, and the organiser waives it.
    await enrolParticipant(
      t.db,
      TEST_MAIL,
      { userId: kontakt.id },
      enrolInput(selbu, { name: 'Siri Selbusen', email: 'siri.selbusen@selbu.example.no', dayIds: days, nightIds: nights }),
      open,
    )
    const per = await enrolParticipant(
      t.db,
      TEST_MAIL,
      { userId: kontakt.id },
      enrolInput(selbu, { name: 'Per Hansenius', email: 'per.hansenius@selbu.example.no', dayIds: days, nightIds: nights }),
      open,
    )
    await enrolParticipant(
      t.db,
      TEST_MAIL,
      { userId: kontakt2.id },
      enrolInput(meraker, { name: 'Mona Merakersen', email: 'mona.merakersen@meraker.example.no', dayIds: days.slice(0, 1) }),
      open,
    )
    await enrolParticipant(
      t.db,
      TEST_MAIL,
      { userId: kontakt2.id },
      enrolInput(meraker, { name: 'Odd Merakersen', email: 'odd.merakersen@meraker.example.no', dayIds: days }),
      open,
    )
    const karisId = karis?.id ?? ''
    const persId = per?.id ?? ''
    // An edit puts the old and new values in an audit row; a waiver's reason names her; she links her account; she answers the survey in free text.
    const { registrationId: _r, idempotencyKey: _k, ...form } = kari
    await updateParticipant(t.db, TEST_MAIL, { userId: kontakt.id }, karisId, { ...form, phone: '+47 912 34 568', diet: 'Veganmat' }, open)
    expect(await waiveCharge(t.db, { userId: organiserId }, persId, 'Per Hansenius var syk hele uka', open)).not.toBeNull()
    await t.db.updateTable('participant').set({ user_id: kontakt.id }).where('id', '=', karisId).execute()
    await t.db.updateTable('participant_night').set({ reason: 'Kari Nordmannsen bor på Frøya' }).where('participant_id', '=', karisId).execute()
    const survey = await t.db.insertInto('survey').values({ event_id: tr, title: 'Dag 1', code: 'TRDAG1' }).returning('id').executeTakeFirstOrThrow()
    const question = await t.db
      .insertInto('survey_question')
      .values({ survey_id: survey.id, prompt: 'Hva tar du med deg?', kind: 'single', allows_free_text: true })
      .returning('id')
      .executeTakeFirstOrThrow()
    await t.db.insertInto('survey_answer').values({ question_id: question.id, participant_id: karisId, free_text: 'Hilsen Kari Nordmannsen' }).execute()
    await t.db
      .insertInto('data_request')
      .values({ event_id: tr, user_id: kontakt.id, participant_id: karisId, kind: 'correction', message: 'Kari Nordmannsen heter egentlig Karin' })
      .execute()

    const needles = [
      'Nordmannsen',
      'kari.nordmannsen',
      '912 34 56',
      'Klimarådgiverske',
      'Vegetarkost',
      'Veganmat',
      'Paranøtter',
      'Rullestolplass',
      'Hansenius',
      'var syk',
      'Merakersen',
      'Selbusen',
      'Frøya',
      'Gunhild',
      'gunhild.kontakt',
      '977 11 222',
      'Tormod',
    ]
    // Before: every one of them is somewhere in the event's rows.
    for (const needle of needles) {
      const found = await rowsContaining(needle)
      expect(
        Object.values(found).reduce((a, b) => a + b, 0),
        needle,
      ).toBeGreaterThan(0)
    }
    const invoiceBefore = await invoiceNumbers(after)
    expect(invoiceBefore.length).toBeGreaterThan(1)
    expect(invoiceBefore.slice(1).some((row) => row.some((cell) => /^[1-9]/.test(cell) && cell.includes(',')))).toBe(true)

    // A minute before the retention runs out, nothing changes.
    const untouched = await fingerprint()
    expect(await anonymiseEventsPastRetention(t.db, justBefore)).toBe(0)
    expect(await fingerprint()).toBe(untouched)

    // When it has run out, two workers at once anonymise the event once (the scheduled job is one of them).
    const job = scheduledJobs(t.db, TEST_MAIL).find((j) => /retention/i.test(j.name))
    expect(job).toBeDefined()
    expect((await Promise.all([anonymiseEventsPastRetention(t.db, after), job?.run(after)])).sort()).toEqual([0, 1])

    for (const needle of needles) expect(await rowsContaining(needle), needle).toEqual(nothing)
    const people = await t.db
      .selectFrom('participant')
      .select(['name', 'email', 'phone', 'title', 'diet', 'allergies', 'accessibility_needs', 'user_id', 'role_category', 'status', 'charge_waived_reason'])
      .where('registration_id', 'in', [selbu, meraker])
      .orderBy('email')
      .execute()
    expect(people).toHaveLength(5)
    for (const p of people) {
      expect(p).toMatchObject({ name: ANONYMISED_NAME, phone: null, title: '', diet: null, allergies: null, accessibility_needs: null, user_id: null })
      expect(p.email).toMatch(/^anonym-[0-9a-f-]{36}@anonymisert\.invalid$/)
      expect(p.role_category).toBe('radgiver')
      expect(p.status).toBe('active')
    }
    expect(people.filter((p) => p.charge_waived_reason !== null).map((p) => p.charge_waived_reason)).toEqual(['Frafalt'])
    // The contact persons' accounts stay (they may serve other events); the event no longer links them.
    expect(await t.db.selectFrom('app_user').select('name').where('id', '=', kontakt.id).executeTakeFirst()).toEqual({ name: 'Gunhild Kontaktsen' })
    expect(await t.db.selectFrom('email').select('id').where('event_id', '=', tr).execute()).toEqual([])
    expect(await t.db.selectFrom('data_request').select('id').where('event_id', '=', tr).execute()).toEqual([])
    // Who did what stays: the enrolments' actor and action, by id.
    const enrolments = await t.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'entity_id', 'after'])
      .where('action', '=', 'participant.enrolled')
      .where('event_id', '=', tr)
      .execute()
    expect(enrolments).toHaveLength(5)
    expect(enrolments.every((a) => a.actor_user_id === kontakt.id || a.actor_user_id === kontakt2.id)).toBe(true)
    expect(enrolments.find((a) => a.entity_id === karisId)?.after).toMatchObject({ role: 'radgiver', days: expect.any(Array) })

    // The invoice basis counts and sums the same.
    expect(await invoiceNumbers(after)).toEqual(invoiceBefore)

    // The event is archived, and the system says so with counts only.
    const event = await t.db.selectFrom('event').selectAll().where('id', '=', tr).executeTakeFirstOrThrow()
    expect(event.personal_data_deleted_at).toEqual(after)
    expect(eventPhase(event, after)).toBe('archived')
    const system = await t.db
      .selectFrom('audit_log')
      .select(['actor_user_id', 'actor_label', 'after'])
      .where('action', '=', 'event.personal_data_anonymised')
      .where('event_id', '=', tr)
      .execute()
    expect(system).toEqual([
      {
        actor_user_id: null,
        actor_label: 'system',
        after: { participants: 5, contactPersons: 2, auditRows: expect.any(Number), emails: expect.any(Number), surveyAnswers: 1, dataRequests: 1 },
      },
    ])
    const counts = system[0]?.after as { auditRows: number; emails: number } | undefined
    expect(counts?.auditRows).toBeGreaterThan(0)
    expect(counts?.emails).toBeGreaterThan(0)

    // A second run, later, changes nothing.
    const done = await fingerprint()
    expect(await anonymiseEventsPastRetention(t.db, new Date(after.getTime() + 86_400_000))).toBe(0)
    expect(await fingerprint()).toBe(done)
  })
})

describe('an audit value without personal data', () => {
  it('drops personal keys at any depth, free-text reasons and a person object’s title, and replaces texts naming someone; ids and codes stay', () => {
    const value = {
      id: 'p1',
      name: 'Kari',
      email: 'kari@example.no',
      title: 'Rådgiver',
      reason: 'freed',
      coverage: { overnight: true },
      operations: [{ participant: 'p1', arrived: true }],
      nested: { passed: 'Ola', reason: 'Hun var syk', note: 'x' },
      program: { title: 'Plenum' },
      text: 'Sendt til Ola Olsen',
      sessions: ['s1', 's2'],
    }
    expect(auditAnonymiser(['Ola Olsen', 'ol'])(value)).toEqual({
      id: 'p1',
      reason: 'freed',
      coverage: { overnight: true },
      operations: [{ participant: 'p1', arrived: true }],
      nested: {},
      program: { title: 'Plenum' },
      text: 'Anonymisert',
      sessions: ['s1', 's2'],
    })
    expect(auditAnonymiser(['Kari'])(null)).toBeNull()
    expect(
      auditAnonymiser(['Kari Nordmann', '+47 912 34 567', 'kari@example.no'])([
        'Hei, Kari  Nordmann.',
        3,
        'Ring +47 912 34 567',
        'Til: kari@example.no',
        'Karin',
      ]),
    ).toEqual(['Anonymisert', 3, 'Anonymisert', 'Anonymisert', 'Karin'])
  })
})
