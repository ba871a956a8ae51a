import { randomUUID } from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import fc from 'fast-check'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { action as settingsAction } from '~/routes/arrangor.$eventId._index'
import { action as daysAction } from '~/routes/arrangor.$eventId.dager'
import { action as coverageAction } from '~/routes/arrangor.$eventId.dekning'
import { action as messageAction } from '~/routes/arrangor.$eventId.e-post.ny'
import { action as copyAction } from '~/routes/arrangor.$eventId.kopier'
import { action as programAction } from '~/routes/arrangor.$eventId.program'
import { action as invitationsAction } from '~/routes/arrangor.$eventId.kommuner'
import { action as teamAction } from '~/routes/arrangor.$eventId.team'
import { action as registerAction } from '~/routes/arrangor.kommuneregister.$municipalityId'
import { action as newEventAction } from '~/routes/arrangor.nytt'
import { action as contactAction } from '~/routes/kommune.$registrationId.kontaktperson'
import { action as enrolAction } from '~/routes/kommune.$registrationId.ny-deltaker'
import { eventToFormValues } from '~/domain/event-form-values'
import { respond, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase } from '../helpers/database'
import { eventId, MR, makeContactPerson, makeOrganiser, registrationId, seeded, sessionCookieFor, TR } from '../helpers/fixtures'

/**
 * Values that used to reach PostgreSQL unchecked
 * (a 500, or garbage stored) are refused by the form with a 400 and a
 * Norwegian message at the field, and nothing in the database changes.
 */

let t: TestDatabase
let organiserContext: AppLoadContext
let contactContext: AppLoadContext
let mr: string
let tr: string
let selbu: string
let trDay: string
let organiser = ''
let contact = ''
let settings: Record<string, string>

beforeAll(async () => {
  t = await createTestDatabase()
  await seeded(t.db)
  organiserContext = testContext({ db: t.db, now: osloDateTime('2021-06-01', '12:00') })
  contactContext = testContext({ db: t.db, now: osloDateTime('2018-10-01', '12:00') })
  mr = await eventId(t.db, MR)
  tr = await eventId(t.db, TR)
  selbu = await registrationId(t.db, TR, 'Selbu')
  organiser = await sessionCookieFor(organiserContext, (await makeOrganiser(t.db, 'arrangor@example.no', MR)).id)
  contact = await sessionCookieFor(contactContext, (await makeContactPerson(t.db, 'k@selbu.example.no', selbu)).id)
  trDay = (await t.db.selectFrom('event_day').select('id').where('event_id', '=', tr).executeTakeFirstOrThrow()).id
  const event = await t.db.selectFrom('event').selectAll().where('id', '=', mr).executeTakeFirstOrThrow()
  settings = Object.fromEntries(Object.entries(eventToFormValues(event)).filter((e): e is [string, string] => e[1] !== undefined))
})

afterAll(async () => {
  await t.drop()
})

/** Everything the forms below could write, as one fingerprint. */
async function databaseState(): Promise<string> {
  const tables = [
    'event',
    'event_day',
    'hotel_night',
    'program_slot',
    'program_item',
    'registration',
    'participant',
    'app_user',
    'audit_log',
    'email',
    'event_organiser',
    'event_viewer',
    'participant_day',
  ]
  const parts: string[] = []
  for (const table of tables) {
    const row = await sql<{ digest: string | null }>`select md5(string_agg(x::text, '|' order by x::text)) as digest from ${sql.table(table)} x`.execute(t.db)
    parts.push(`${table}:${row.rows[0]?.digest}`)
  }
  return parts.join(',')
}

const post = (cookie: string, fields: Array<[string, string]> | Record<string, string>) =>
  new Request('http://localhost/x', { method: 'POST', headers: { Cookie: cookie }, body: new URLSearchParams(fields) })

/** The field errors of a conform reply, also when it is wrapped as one intent of several. */
async function fieldErrors(response: Response): Promise<Record<string, string[]>> {
  const body = (await response.json()) as { error?: Record<string, string[]>; result?: { error?: Record<string, string[]> } }
  return body.error ?? body.result?.error ?? {}
}

/** Posts, expects a 400 with a Norwegian message at `field`, and that nothing changed. */
async function refused(field: string, run: () => Promise<unknown>) {
  const before = await databaseState()
  const response = await respond(run)
  expect(response.status, `status for ${field}`).toBe(400)
  const errors = await fieldErrors(response)
  expect(errors[field]?.[0], `message at ${field}: ${JSON.stringify(errors)}`).toMatch(/[a-zæøå]/i)
  expect(await databaseState()).toBe(before)
}

describe('organiser values that used to reach PostgreSQL', () => {
  const saveSettings = (overrides: Record<string, string>) => () =>
    settingsAction({ request: post(organiser, { ...settings, ...overrides }), params: { eventId: mr }, context: organiserContext })

  it('event settings: impossible and far-off dates, prices beyond the column, huge counts', async () => {
    await refused('startDate', saveSettings({ startDate: '2027-02-30', endDate: '2027-03-02' }))
    await refused('opensDate', saveSettings({ opensDate: '1900-01-01' }))
    await refused('endDate', saveSettings({ endDate: '2101-01-01' }))
    await refused('priceOvernightKr', saveSettings({ priceOvernightKr: '21474837' }))
    await refused('priceDayPackageKr', saveSettings({ priceDayPackageKr: '9'.repeat(400) }))
    await refused('priceDinnerKr', saveSettings({ priceDinnerKr: '1000001' }))
    await refused('coveredOvernight', saveSettings({ coveredOvernight: '999999' }))
    await refused('reminderDays', saveSettings({ reminderDays: '999999' }))
    await refused('startTime', saveSettings({ startTime: '24:00' }))
    await refused('endTime', saveSettings({ endTime: '25:61' }))
    // A valid save still goes through, so the refusals above are about the values.
    const saved = await respond(saveSettings({ priceOvernightKr: '1000000', extrasPricing: 'listed' }))
    expect(saved.status, await saved.clone().text()).toBe(302)
  })

  it('a new event: 2027-02-30 is refused, not stored as 2 March', async () => {
    const fresh = {
      ...settings,
      slug: 'ny-klimasamling-2027',
      startDate: '2027-02-30',
      endDate: '2027-03-03',
      opensDate: '2026-12-01',
      deadlineDate: '2027-01-20',
    }
    await refused('startDate', () => newEventAction({ request: post(organiser, fresh), params: {}, context: organiserContext }))
  })

  it('a copy: a start date that is no calendar date, or out of range, is refused', async () => {
    const copy = (startDate: string) => () =>
      copyAction({
        request: post(organiser, { title: 'Kopi', slug: `kopi-${randomUUID().slice(0, 8)}`, startDate }),
        params: { eventId: mr },
        context: organiserContext,
      })
    for (const startDate of ['2027-13-45', '0000-00-00', '2027-02-30', '1900-01-01', '2101-01-01']) {
      await refused('startDate', copy(startDate))
    }
  })

  it('days and nights: a release date after the night, impossible dates, huge room counts, unreal times', async () => {
    const night = (fields: Record<string, string>) => () =>
      daysAction({
        request: post(organiser, { intent: 'save-night', date: '2021-11-11', rooms: '10', covered: 'on', ...fields }),
        params: { eventId: mr },
        context: organiserContext,
      })
    await refused('releaseDate', night({ releaseDate: '2021-11-12' }))
    await refused('date', night({ date: '2021-02-30' }))
    await refused('releaseDate', night({ releaseDate: '2021-13-01' }))
    await refused('rooms', night({ rooms: '2147483648' }))
    await refused('rooms', night({ rooms: '100001' }))
    const day = (fields: Record<string, string>) => () =>
      daysAction({
        request: post(organiser, { intent: 'save-day', date: '2021-11-11', label: 'Dag 1', startTime: '10:00', endTime: '16:00', ...fields }),
        params: { eventId: mr },
        context: organiserContext,
      })
    await refused('date', day({ date: '2021-11-31' }))
    await refused('endTime', day({ endTime: '24:00' }))
    await refused('label', day({ label: '\u200b\u200b' }))
  })

  it('program: capacities beyond a sensible cap, digital dates that do not exist, titles of control characters', async () => {
    const item = (fields: Record<string, string>) => () =>
      programAction({
        request: post(organiser, { intent: 'save-item', kind: 'digital', digitalDate: '2021-11-16', startTime: '12:00', title: 'Webinar', ...fields }),
        params: { eventId: mr },
        context: organiserContext,
      })
    await refused('digitalDate', item({ digitalDate: '2021-11-31' }))
    await refused('capacity', item({ requiresSignup: 'on', capacity: '2147483648' }))
    await refused('title', item({ title: 'Webinar\u0007' }))
    await refused('title', item({ title: '\u202eranibew' }))
  })

  it('coverage grants: counts within the column', async () => {
    const registration = await registrationId(t.db, MR, 'Volda')
    await refused('overnight', () =>
      coverageAction({
        request: post(organiser, { intent: 'grant', registrationId: registration, overnight: '999999', dayPackages: '0' }),
        params: { eventId: mr },
        context: organiserContext,
      }),
    )
  })

  it('messages and the team: control characters and names without a letter', async () => {
    await refused('subject', () =>
      messageAction({
        request: post(organiser, { idempotencyKey: randomUUID(), subject: 'Hei\u001b[31m', body: 'En melding til alle deltakerne.' }),
        params: { eventId: mr },
        context: organiserContext,
      }),
    )
    for (const name of ['\u200b\u200b\u200b', '...', 'Kari\u0007', 'Kar\ufffd']) {
      await refused('name', () =>
        teamAction({
          request: post(organiser, { intent: 'add', name, email: 'ny@example.no', role: 'viewer', languageForm: 'nb' }),
          params: { eventId: mr },
          context: organiserContext,
        }),
      )
    }
  })
})

describe('garbage in the contact person’s forms', () => {
  const enrol = (fields: Record<string, string>) => () =>
    enrolAction({
      request: post(contact, {
        idempotencyKey: randomUUID(),
        name: 'Kari Nordmann',
        email: `${randomUUID().slice(0, 8)}@selbu.example.no`,
        title: 'Rådgiver',
        roleCategory: 'radgiver',
        dayIds: trDay,
        ...fields,
      }),
      params: { registrationId: selbu },
      context: contactContext,
    })

  it('refuses names of zero-width spaces, bidirectional overrides, control characters or U+FFFD', async () => {
    for (const name of [
      '\u200b\u200b\u200b',
      '\u202eKari Nordmann',
      'Kari\u2066 Nordmann',
      'Kari\u0007Nordmann',
      'Kari\u001b[31m',
      'Kari\u0085',
      'Kari N\ufffdrdmann',
      '!!!',
      '--',
    ]) {
      await refused('name', enrol({ name }))
    }
    await refused('email', enrol({ email: 'k\ufffd@selbu.example.no' }))
    await refused('title', enrol({ title: 'Rådgiver\u0000\u0001' }))
    await refused('diet', enrol({ diet: 'Vegetar\u202e' }))
    // A valid participant still goes through, with its name normalised to NFC and trimmed.
    const ok = await respond(enrol({ name: '  Kari Nordmann\u0301 ', email: 'kari@selbu.example.no', diet: 'Vegetar\r\nIngen nøtter' }))
    expect(ok.status).toBe(302)
    const saved = await t.db.selectFrom('participant').select(['name', 'diet']).where('email', '=', 'kari@selbu.example.no').executeTakeFirstOrThrow()
    expect(saved.name).toBe('Kari Nordmann\u0301'.normalize('NFC'))
    expect(saved.diet).toContain('Ingen nøtter')
  })

  it('refuses invalid UTF-8 as it arrives, percent-encoded or as raw bytes', async () => {
    const fields = `idempotencyKey=${randomUUID()}&email=raw%40selbu.example.no&title=R%C3%A5dgiver&roleCategory=radgiver&dayIds=${trDay}`
    for (const name of ['Kari%FFNordmann', 'Kari%C3Nordmann']) {
      const body = `${fields}&name=${name}`
      await refused('name', () =>
        enrolAction({
          request: new Request('http://localhost/x', {
            method: 'POST',
            headers: { Cookie: contact, 'Content-Type': 'application/x-www-form-urlencoded' },
            body,
          }),
          params: { registrationId: selbu },
          context: contactContext,
        }),
      )
    }
    const raw = new Uint8Array([...new TextEncoder().encode(`${fields}&name=Kari`), 0xff, 0xfe, ...new TextEncoder().encode('Nordmann')])
    await refused('name', () =>
      enrolAction({
        request: new Request('http://localhost/x', {
          method: 'POST',
          headers: { Cookie: contact, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: raw,
        }),
        params: { registrationId: selbu },
        context: contactContext,
      }),
    )
  })

  it('the contact person form too', async () => {
    await refused('name', () =>
      contactAction({
        request: post(contact, { name: '\u200b\u200b', email: 'k@selbu.example.no' }),
        params: { registrationId: selbu },
        context: contactContext,
      }),
    )
  })
})

describe('times the Oslo clock skips when summer time begins', () => {
  it('a day, slot or item at 02.30 on 28 March 2027 is refused at the field, not a check constraint', async () => {
    const spring = {
      ...settings,
      extrasPricing: 'listed',
      priceOvernightKr: '2500',
      slug: 'vaarsamling-2027',
      startDate: '2027-03-27',
      endDate: '2027-03-28',
      opensDate: '2027-01-10',
      deadlineDate: '2027-02-20',
    }
    const created = await respond(() => newEventAction({ request: post(organiser, spring), params: {}, context: organiserContext }))
    expect(created.status, await created.clone().text()).toBe(302)
    const id = (await t.db.selectFrom('event').select('id').where('slug', '=', 'vaarsamling-2027').executeTakeFirstOrThrow()).id
    const params = { eventId: id }
    const dayForm = { intent: 'save-day', date: '2027-03-28', label: 'Dag 2', startTime: '01:00', endTime: '12:00' }
    await refused('startTime', () =>
      daysAction({ request: post(organiser, { ...dayForm, startTime: '02:30', endTime: '03:00' }), params, context: organiserContext }),
    )
    expect((await respond(() => daysAction({ request: post(organiser, dayForm), params, context: organiserContext }))).status).toBe(302)
    const day = (await t.db.selectFrom('event_day').select('id').where('event_id', '=', id).executeTakeFirstOrThrow()).id
    const before = await databaseState()
    for (const [run, field] of [
      [
        () =>
          programAction({
            request: post(organiser, { intent: 'save-slot', dayId: day, label: 'Bolk', startTime: '02:30', endTime: '03:00' }),
            params,
            context: organiserContext,
          }),
        'startTime',
      ],
      [
        () =>
          programAction({
            request: post(organiser, { intent: 'save-item', kind: 'plenary', dayId: day, startTime: '01:30', endTime: '02:15', title: 'Natt' }),
            params,
            context: organiserContext,
          }),
        'endTime',
      ],
    ] as const) {
      const response = await respond(run)
      expect(response.status).toBe(409)
      expect((await fieldErrors(response))[field]?.[0]).toMatch(/sommertid/)
    }
    expect(await databaseState()).toBe(before)
  })
})

describe('every field of every organiser form, one hostile value at a time', () => {
  it('never answers 500: each answer is a redirect, a 400 at the field, a 404 or a 409', async () => {
    const volda = await registrationId(t.db, MR, 'Volda')
    const municipality = (await t.db.selectFrom('registration').select('municipality_id').where('id', '=', volda).executeTakeFirstOrThrow()).municipality_id
    const item = (await t.db.selectFrom('program_item').select('id').where('event_id', '=', mr).executeTakeFirstOrThrow()).id
    const day = (await t.db.selectFrom('event_day').select('id').where('event_id', '=', mr).executeTakeFirstOrThrow()).id
    const params = { eventId: mr }
    const forms: Array<{ name: string; body: Record<string, string>; run: (request: Request) => Promise<unknown>; cookie?: string }> = [
      {
        name: 'settings',
        body: { ...settings, extrasPricing: 'listed', priceOvernightKr: '2500' },
        run: (request) => settingsAction({ request, params, context: organiserContext }),
      },
      {
        name: 'new event',
        body: {
          ...settings,
          extrasPricing: 'listed',
          priceOvernightKr: '2500',
          slug: 'ny-samling',
          startDate: '2027-11-11',
          endDate: '2027-11-12',
          opensDate: '2027-08-16',
          deadlineDate: '2027-09-20',
        },
        run: (request) => newEventAction({ request, params: {}, context: organiserContext }),
      },
      {
        name: 'copy',
        body: { title: 'Kopi', slug: 'kopi', startDate: '2027-11-11' },
        run: (request) => copyAction({ request, params, context: organiserContext }),
      },
      {
        name: 'day',
        body: { intent: 'save-day', date: '2021-11-11', label: 'Dag 1', startTime: '10:00', endTime: '16:00', meals: 'lunsj' },
        run: (request) => daysAction({ request, params, context: organiserContext }),
      },
      {
        name: 'night',
        body: { intent: 'save-night', date: '2021-11-10', rooms: '10', releaseDate: '2021-10-01', covered: 'on' },
        run: (request) => daysAction({ request, params, context: organiserContext }),
      },
      {
        name: 'slot',
        body: { intent: 'save-slot', dayId: day, label: 'Bolk', startTime: '14:30', endTime: '16:00' },
        run: (request) => programAction({ request, params, context: organiserContext }),
      },
      {
        name: 'item',
        body: {
          intent: 'save-item',
          kind: 'optional',
          dayId: day,
          startTime: '18:00',
          endTime: '19:00',
          title: 'Besøk',
          requiresSignup: 'on',
          capacity: '30',
          room: 'Sal',
        },
        run: (request) => programAction({ request, params, context: organiserContext }),
      },
      {
        name: 'link',
        body: { intent: 'publish-link', id: item, onlineUrl: 'https://example.no/webinar' },
        run: (request) => programAction({ request, params, context: organiserContext }),
      },
      {
        name: 'grant',
        body: { intent: 'grant', registrationId: volda, overnight: '1', dayPackages: '1' },
        run: (request) => coverageAction({ request, params, context: organiserContext }),
      },
      {
        name: 'message',
        body: { idempotencyKey: randomUUID(), subject: 'Hei alle', body: 'En melding til alle deltakerne.' },
        run: (request) => messageAction({ request, params, context: organiserContext }),
      },
      {
        name: 'team',
        body: { intent: 'add', name: 'Ny Person', email: 'ny@example.no', role: 'viewer', languageForm: 'nb' },
        run: (request) => teamAction({ request, params, context: organiserContext }),
      },
      {
        name: 'invite',
        body: { intent: 'invite', municipalityId: String(municipality) },
        run: (request) => invitationsAction({ request, params, context: organiserContext }),
      },
      {
        name: 'withdraw',
        body: { intent: 'withdraw', registrationId: volda, reason: 'Feil kommune' },
        run: (request) => invitationsAction({ request, params, context: organiserContext }),
      },
      {
        name: 'register',
        body: { officialEmail: 'post@volda.kommune.no', languageChoice: 'nn' },
        run: (request) => registerAction({ request, params: { municipalityId: String(municipality) }, context: organiserContext }),
      },
      // The contact person's forms.
      {
        name: 'enrol',
        cookie: contact,
        body: {
          idempotencyKey: randomUUID(),
          name: 'Kari Nordmann',
          email: 'fuzz@selbu.example.no',
          phone: '912 34 567',
          title: 'Rådgiver',
          roleCategory: 'radgiver',
          dayIds: trDay,
          diet: 'Vegetar',
          accessibilityNeeds: 'Rullestol',
        },
        run: (request) => enrolAction({ request, params: { registrationId: selbu }, context: contactContext }),
      },
      {
        name: 'contact person',
        cookie: contact,
        body: { name: 'Kari Kontakt', email: 'k@selbu.example.no', phone: '912 34 567', title: 'Rådgiver' },
        run: (request) => contactAction({ request, params: { registrationId: selbu }, context: contactContext }),
      },
    ]
    const HOSTILE = [
      '2027-02-30',
      '2027-13-45',
      '0000-00-00',
      '1900-01-01',
      '9999-12-31',
      '24:00',
      '25:61',
      '-1',
      '1e9',
      'Infinity',
      '9'.repeat(400),
      '21474837',
      '2147483648',
      '\u200b\u200b',
      '\u202eabc',
      'a\u0007',
      '\ufffd\ufffd',
      ' ',
    ]
    const statuses = new Map<number, number>()
    const attempt = async (form: (typeof forms)[number], key: string, value: string) => {
      const response = await respond(() => form.run(post(form.cookie ?? organiser, { ...form.body, [key]: value })))
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1)
      expect([302, 400, 404, 409], `${form.name}.${key} = ${JSON.stringify(value)}`).toContain(response.status)
    }
    // Every field of every form with each value that was found to break something ...
    for (const form of forms) {
      for (const key of Object.keys(form.body).filter((k) => k !== 'intent')) {
        for (const value of HOSTILE) await attempt(form, key, value)
      }
    }
    // ... and random text, including lone surrogates and control characters.
    const cases = fc.tuple(fc.integer({ min: 0, max: forms.length - 1 }), fc.nat(), fc.string({ unit: 'binary', maxLength: 40 }))
    await fc.assert(
      fc.asyncProperty(cases, async ([which, fieldIndex, value]) => {
        const form = forms[which]
        if (!form) return
        const keys = Object.keys(form.body).filter((k) => k !== 'intent')
        await attempt(form, keys[fieldIndex % keys.length] ?? 'x', value)
      }),
      { numRuns: 500 },
    )
    // Both sides are reached: values refused by the forms, and values that went through to the services.
    expect(statuses.get(400) ?? 0).toBeGreaterThan(300)
    expect(statuses.get(302) ?? 0).toBeGreaterThan(50)
  }, 120_000)
})
