import type { AppLoadContext } from '@remix-run/node'
import type { ParsedMail } from 'mailparser'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { register2024 } from '../../db/seed/municipalities'
import { osloDateTime } from '~/domain/dates'
import { loader as settingsLoader } from '~/routes/arrangor.$eventId._index'
import { action as copyAction } from '~/routes/arrangor.$eventId.kopier'
import { action as editAction, loader as editLoader } from '~/routes/arrangor.kommuneregister.$municipalityId'
import { loader as registerLoader } from '~/routes/arrangor.kommuneregister._index'
import { copyEvent } from '~/services/event-setup.server'
import { sendInvitations } from '~/services/invitations.server'
import { findEventFor } from '~/services/access.server'
import { reviewEventMunicipalities } from '~/services/municipalities.server'
import { upsertUser } from '~/services/users.server'
import { respond, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { eventId, MR, makeContactPerson, makeOrganiser, registrationId, seeded, sessionCookieFor, TR } from '../helpers/fixtures'
import { deliverTo, type SmtpSink, startSmtpSink } from '../helpers/smtp-sink'

let t: TestDatabase
let sink: SmtpSink
let context: AppLoadContext
let organiser: { id: string }
const cookies = { organiser: '', contact: '', stranger: '' }
const now = osloDateTime('2026-12-01', '12:00')
const MAIL = { from: 'Klimasamling <klimasamling@example.no>', appUrl: 'http://app.example' }

beforeAll(async () => {
  t = await createTestDatabase()
  sink = await startSmtpSink()
  context = testContext({ db: t.db, now })
})

afterAll(async () => {
  await sink.close()
  await t.drop()
})

beforeEach(async () => {
  await truncateAll(t.db)
  await seeded(t.db)
  sink.received.length = 0
  organiser = await makeOrganiser(t.db, 'arrangor@example.no', MR)
  await t.db
    .insertInto('event_organiser')
    .values({ event_id: await eventId(t.db, TR), user_id: organiser.id })
    .execute()
  cookies.organiser = await sessionCookieFor(context, organiser.id)
  cookies.contact = await sessionCookieFor(context, (await makeContactPerson(t.db, 'k@volda.example.no', await registrationId(t.db, MR, 'Volda'))).id)
  cookies.stranger = await sessionCookieFor(context, (await upsertUser(t.db, { email: 's@example.no', name: 'S' })).id)
})

const request = (path: string, cookie: string, body?: Record<string, string>) =>
  new Request(`http://localhost${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { Cookie: cookie },
    body: body ? new URLSearchParams(body) : undefined,
  })

async function invited(event: string) {
  const rows = await t.db
    .selectFrom('registration')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .select(['municipality.number', 'municipality.name'])
    .where('registration.event_id', '=', event)
    .orderBy('municipality.number')
    .execute()
  return rows.map((r) => r.number)
}

async function municipalityId(number: string) {
  const row = await t.db.selectFrom('municipality').select('id').where('number', '=', number).where('valid_to', 'is', null).executeTakeFirstOrThrow()
  return String(row.id)
}

describe('copying an event to a later date', () => {
  it('Møre og Romsdal 2021 to 2027 invites 27, with 1508 Ålesund and 1580 Haram for 1507, and the copy’s page says so', async () => {
    const mr = await eventId(t.db, MR)
    const response = await respond(() =>
      copyAction({
        request: request(`/arrangor/${mr}/kopier`, cookies.organiser, {
          title: 'Klimasamling 2027',
          slug: 'klimasamling-more-og-romsdal-2027',
          startDate: '2027-02-04',
        }),
        params: { eventId: mr },
        context,
      }),
    )
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toMatch(/^\/arrangor\/[0-9a-f-]{36}\?kopiert=1$/)
    const copy = /\/arrangor\/([0-9a-f-]{36})/.exec(response.headers.get('Location') ?? '')?.[1] ?? ''
    const numbers = await invited(copy)
    expect(numbers).toHaveLength(27)
    expect(numbers).toEqual(expect.arrayContaining(['1508', '1580']))
    expect(numbers).not.toContain('1507')
    expect(numbers).toEqual(register2024.filter((r) => r.countyNumber === '15').map((r) => r.number))
    // The source's list is as it was.
    expect(await invited(mr)).toHaveLength(26)

    const page = await respond(() => settingsLoader({ request: request(`/arrangor/${copy}`, cookies.organiser), params: { eventId: copy }, context }))
    const body = await page.json()
    expect(body.municipalities).toEqual({ changes: ['1507 Ålesund → 1508 Ålesund, 1580 Haram'], outdatedNames: [] })
    // The source event itself changed nothing.
    const source = await respond(() => settingsLoader({ request: request(`/arrangor/${mr}`, cookies.organiser), params: { eventId: mr }, context }))
    expect((await source.json()).municipalities).toEqual({ changes: [], outdatedNames: [] })
  })

  it('Trøndelag 2018 to 2027 invites its 38 current municipalities, names the merges and Rindal’s move, and flags the text', async () => {
    const tr = await eventId(t.db, TR)
    const copy = await copyEvent(
      t.db,
      { userId: organiser.id },
      tr,
      { title: 'Klimasamling 2027', slug: 'klimasamling-trondelag-2027', startDate: '2027-11-23' },
      now,
    )
    if (!copy) throw new Error('not copied')
    const numbers = await invited(copy.id)
    expect(numbers).toHaveLength(38)
    expect(numbers).toEqual(register2024.filter((r) => r.countyNumber === '50').map((r) => r.number))
    expect(numbers).toEqual(expect.arrayContaining(['5001', '5006', '5007', '5055', '5056', '5057', '5058', '5059', '5060', '5061']))
    expect(await invited(tr)).toHaveLength(49)

    // The reader takes the event only as findEventFor found it for the asker (decision 41).
    const found = await findEventFor(t.db, { userId: organiser.id }, copy.id, 'event.manage')
    if (!found) throw new Error('the copier does not organise the copy')
    const review = await reviewEventMunicipalities(t.db, found, 'nb')
    expect(review.changes).toEqual(
      expect.arrayContaining([
        '1567 Rindal → 5061 Rindal',
        '1571 Halsa → 5055 Heim',
        '5012 Snillfjord → 5055 Heim, 5056 Hitra, 5059 Orkland',
        '5030 Klæbu → 5001 Trondheim',
        '5051 Nærøy → 5060 Nærøysund',
      ]),
    )
    expect(review.changes).toHaveLength(2 + 19 + 2)
    expect(review.outdatedNames).toEqual([
      { label: 'Beskrivelse', word: 'Rindal', reason: 'moved', was: '1567 Rindal', now: 'Trøndelag' },
      { label: 'Beskrivelse', word: 'Halsa', reason: 'ended', was: '1571 Halsa', now: '5055 Heim' },
    ])

    // Once the organiser corrects the text, nothing is flagged.
    await t.db.updateTable('event').set({ description: 'Alle kommuner i Trøndelag er invitert til samling på Hell.' }).where('id', '=', copy.id).execute()
    expect((await reviewEventMunicipalities(t.db, found, 'nb')).outdatedNames).toEqual([])
  })

  it('keeps the successor of an extra invitee from outside the county', async () => {
    const mr = await eventId(t.db, MR)
    // Møre og Romsdal 2021 also invited Trøndelag's Frøya (valid throughout) and, by 2021, Rindal's successor.
    for (const number of ['5014', '5061']) {
      await t.db
        .insertInto('registration')
        .values({ event_id: mr, municipality_id: Number(await municipalityId(number)) })
        .execute()
    }
    const copy = await copyEvent(t.db, { userId: organiser.id }, mr, { title: 'K', slug: 'k-2027', startDate: '2027-02-04' }, now)
    expect(await invited(copy?.id ?? '')).toEqual(expect.arrayContaining(['5014', '5061']))
    expect(await invited(copy?.id ?? '')).toHaveLength(29)
  })
})

describe('the register pages', () => {
  it('list today’s municipalities, filtered by county and searched on the server', async () => {
    const list = async (query: string) => {
      const response = await respond(() => registerLoader({ request: request(`/arrangor/kommuneregister${query}`, cookies.organiser), params: {}, context }))
      return (await response.json()).rows as Array<{ number: string; name: string; county: string; language: string }>
    }
    expect(await list('')).toHaveLength(357)
    const mr = await list('?fylke=15')
    expect(mr).toHaveLength(27)
    expect(mr.every((r) => r.county === 'Møre og Romsdal')).toBe(true)
    expect((await list('?fylke=50&sok=heim')).map((r) => `${r.number} ${r.name}`)).toEqual(['5001 Trondheim', '5055 Heim'])
    expect((await list('?sok=5061')).map((r) => `${r.number} ${r.name}`)).toEqual(['5061 Rindal'])
    expect((await list('?sok=%25')).length).toBe(0)
    expect((await list('?fylke=xx')).length).toBe(357)
    expect(mr.find((r) => r.name === 'Volda')?.language).toBe('Nynorsk')
  })

  it('are 404 for anyone who is not an organiser, and for an unknown id', async () => {
    const volda = await municipalityId('1577')
    for (const cookie of [cookies.contact, cookies.stranger]) {
      expect((await respond(() => registerLoader({ request: request('/arrangor/kommuneregister', cookie), params: {}, context }))).status).toBe(404)
      expect(
        (await respond(() => editLoader({ request: request(`/arrangor/kommuneregister/${volda}`, cookie), params: { municipalityId: volda }, context })))
          .status,
      ).toBe(404)
      const post = await respond(() =>
        editAction({
          request: request(`/arrangor/kommuneregister/${volda}`, cookie, { officialEmail: 'x@example.no', languageChoice: 'nb' }),
          params: { municipalityId: volda },
          context,
        }),
      )
      expect(post.status).toBe(404)
    }
    for (const id of ['999999', 'abc', '-1', '1e3']) {
      const response = await respond(() =>
        editLoader({ request: request(`/arrangor/kommuneregister/${id}`, cookies.organiser), params: { municipalityId: id }, context }),
      )
      expect(response.status).toBe(404)
    }
    expect(await t.db.selectFrom('municipality').select('official_email').where('id', '=', Number(volda)).executeTakeFirstOrThrow()).toEqual({
      official_email: 'postmottak@volda.example.no',
    })
  })
})

describe('correcting a municipality', () => {
  const edit = (id: string, body: Record<string, string>) =>
    respond(() => editAction({ request: request(`/arrangor/kommuneregister/${id}`, cookies.organiser, body), params: { municipalityId: id }, context }))

  it('answers bad input at the field and changes nothing', async () => {
    const volda = await municipalityId('1577')
    const bad = await edit(volda, { officialEmail: 'ikke en adresse', languageChoice: 'nn' })
    expect(bad.status).toBe(400)
    expect((await bad.json()).error).toEqual({ officialEmail: ['Skriv inn en gyldig e-postadresse, for eksempel navn@kommune.no.'] })
    const badForm = await edit(volda, { officialEmail: 'post@volda.example.no', languageChoice: 'sv' })
    expect(badForm.status).toBe(400)
    expect((await badForm.json()).error).toEqual({ languageChoice: ['Velg målform: bokmål, nynorsk eller språknøytral.'] })
    const row = await t.db.selectFrom('municipality').select(['official_email', 'language_choice']).where('id', '=', Number(volda)).executeTakeFirstOrThrow()
    expect(row).toEqual({ official_email: 'postmottak@volda.example.no', language_choice: 'nn' })
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'municipality.updated').execute()).toEqual([])
  })

  it('saves address and language form with an audit row, and the next invitation follows both', async () => {
    const alesund = await municipalityId('1508')
    const volda = await municipalityId('1577')
    const saved = await edit(alesund, { officialEmail: ' Postmottak@Alesund.Kommune.example.no ', languageChoice: 'nn' })
    expect(saved.status).toBe(302)
    expect(saved.headers.get('Location')).toBe(`/arrangor/kommuneregister/${alesund}?lagret=1`)
    expect((await edit(volda, { officialEmail: 'post@volda.example.no', languageChoice: 'neutral' })).status).toBe(302)

    const rows = await t.db
      .selectFrom('municipality')
      .select(['number', 'official_email', 'language_choice', 'language_form'])
      .where('id', 'in', [Number(alesund), Number(volda)])
      .orderBy('number')
      .execute()
    expect(rows).toEqual([
      { number: '1508', official_email: 'postmottak@alesund.kommune.example.no', language_choice: 'nn', language_form: 'nn' },
      { number: '1577', official_email: 'post@volda.example.no', language_choice: 'neutral', language_form: 'nb' },
    ])
    const audit = await t.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'municipality.updated')
      .where('entity_id', '=', alesund)
      .executeTakeFirstOrThrow()
    expect(audit).toMatchObject({
      actor_user_id: organiser.id,
      before: { officialEmail: 'postmottak@alesund.example.no', languageChoice: 'nb' },
      after: { officialEmail: 'postmottak@alesund.kommune.example.no', languageChoice: 'nn' },
    })
    const page = await respond(() =>
      editLoader({ request: request(`/arrangor/kommuneregister/${alesund}?lagret=1`, cookies.organiser), params: { municipalityId: alesund }, context }),
    )
    const body = await page.json()
    expect(body).toMatchObject({ values: { officialEmail: 'postmottak@alesund.kommune.example.no', languageChoice: 'nn' }, saved: true })
    expect(body.predecessors.map((p: { title: string }) => p.title)).toEqual(['1507 Ålesund'])

    const copy = await copyEvent(
      t.db,
      { userId: organiser.id },
      await eventId(t.db, MR),
      { title: 'Klimasamling 2027', slug: 'klimasamling-2027', startDate: '2027-02-04' },
      now,
    )
    expect(await sendInvitations(t.db, MAIL, { userId: organiser.id }, copy?.id ?? '', now)).toBe(27)
    await deliverTo(sink, t.db, now)
    await sink.waitFor(27)
    const to = (m: ParsedMail) => (m.to && !Array.isArray(m.to) ? m.to.text : '')
    const alesundMail = sink.received.filter((m) => to(m) === 'postmottak@alesund.kommune.example.no')
    expect(alesundMail).toHaveLength(1)
    expect(alesundMail[0]?.html).toContain('lang="nn"')
    expect(sink.received.filter((m) => to(m) === 'postmottak@alesund.example.no')).toEqual([])
    const voldaMail = sink.received.filter((m) => to(m) === 'post@volda.example.no')
    expect(voldaMail).toHaveLength(1)
    expect(voldaMail[0]?.html).toContain('lang="nb"')
  })
})
