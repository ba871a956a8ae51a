import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { AppUser } from '../../db/schema'
import { osloDateTime } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { writeAudit } from '~/services/audit.server'
import { requestDataChange } from '~/services/data-requests.server'
import { collectMyData } from '~/services/my-data.server'
import { upsertUser } from '~/services/users.server'
import { action as organiserAction, loader as organiserLoader } from '~/routes/arrangor.$eventId.personopplysninger'
import { action as myDataAction, loader as myDataPageLoader } from '~/routes/min-side_.mine-data'
import { loader as myDataJsonLoader } from '~/routes/min-side_.mine-data[.]json'
import { respond, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import {
  addParticipant,
  eventDayIds,
  eventId,
  MR,
  makeContactPerson,
  makeOrganiser,
  parallelSessions,
  registrationId,
  seeded,
  sessionCookieFor,
  TEST_MAIL,
  TR,
} from '../helpers/fixtures'

/**
 * "Mine data" against real Postgres (decision 053): the export holds every
 * table that holds the person's data and nothing of another person in the
 * same municipality; the JSON file needs a login; requests to correct or
 * delete are filed by the person, handled by an organiser, hidden from
 * everyone else, and refused once the event has started.
 */

let t: TestDatabase
let kari: AppUser
let organiser: AppUser
const ids = { tr: '', mr: '', selbu: '', kari: '', per: '', day1: '' }

// Trøndelag 2018: open 3 Sep, deadline 20 Oct 23.59, event 27–28 Nov (Europe/Oslo).
const open = osloDateTime('2018-10-01', '12:00')
const running = osloDateTime('2018-11-27', '12:00')

function form(fields: Record<string, string>) {
  return new URLSearchParams(fields)
}
const request = (path: string, cookie: string, body?: Record<string, string>) =>
  new Request(`http://localhost${path}`, { method: body ? 'POST' : 'GET', headers: { Cookie: cookie }, body: body ? form(body) : undefined })

beforeAll(async () => {
  t = await createTestDatabase()
})

afterAll(async () => {
  await t.drop()
})

beforeEach(async () => {
  await truncateAll(t.db)
  await seeded(t.db)
  ids.tr = await eventId(t.db, TR)
  ids.mr = await eventId(t.db, MR)
  ids.selbu = await registrationId(t.db, TR, 'Selbu')
  kari = await makeContactPerson(t.db, 'kari@selbu.example.no', ids.selbu, { name: 'Kari Kontakt' })
  organiser = await makeOrganiser(t.db, 'arrangor@example.no', TR)
  ids.kari = (await addParticipant(t.db, ids.selbu, 'kari@selbu.example.no', 'Kari Kontakt')).id
  ids.per = (await addParticipant(t.db, ids.selbu, 'per@selbu.example.no', 'Per Annenperson')).id
  await t.db
    .updateTable('participant')
    .set({ diet: 'Vegetar-KARI', allergies: 'Nøtter-KARI', accessibility_needs: 'Rullestol-KARI' })
    .where('id', '=', ids.kari)
    .execute()
  await t.db.updateTable('participant').set({ diet: 'Glutenfri-PER', allergies: 'Skalldyr-PER', phone: '99999999' }).where('id', '=', ids.per).execute()
  ids.day1 = (await eventDayIds(t.db, ids.tr))[0] ?? ''
})

/** Kari's data in every table that holds a participant's data, and the same kinds of rows for Per. */
async function fillTables() {
  const { before } = await parallelSessions(t.db, ids.tr)
  const session = await t.db
    .selectFrom('program_item')
    .select(['id', 'slot_id', 'title'])
    .where('id', '=', before[0] ?? '')
    .executeTakeFirstOrThrow()
  const topic = await t.db.insertInto('event_topic').values({ event_id: ids.tr, label: 'Flom og skred' }).returning('id').executeTakeFirstOrThrow()
  const webinar = await t.db
    .insertInto('program_item')
    .values({ event_id: ids.tr, kind: 'digital', starts_at: running, title: 'Webinar om klimatilpasning' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const survey = await t.db.insertInto('survey').values({ event_id: ids.tr, title: 'Kafébordene', code: 'KAFE18' }).returning('id').executeTakeFirstOrThrow()
  const question = await t.db
    .insertInto('survey_question')
    .values({ survey_id: survey.id, prompt: 'Hvilket tema vil du snakke om?', kind: 'single', allows_free_text: true })
    .returning('id')
    .executeTakeFirstOrThrow()
  const option = await t.db.insertInto('survey_option').values({ question_id: question.id, label: 'Overvann' }).returning('id').executeTakeFirstOrThrow()
  const table = await t.db
    .insertInto('cafe_table')
    .values({ event_id: ids.tr, topic: 'Overvann', label: 'Bord 7', seats: 8, seats_taken: 2 })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const [participant, text] of [
    [ids.kari, 'Kari skriver fritt'],
    [ids.per, 'Per skriver fritt'],
  ] as const) {
    await t.db.insertInto('participant_day').values({ participant_id: participant, event_day_id: ids.day1 }).execute()
    await t.db.insertInto('topic_wish').values({ participant_id: participant, event_topic_id: topic.id }).execute()
    await t.db
      .insertInto('session_wish')
      .values({ participant_id: participant, slot_id: session.slot_id ?? '', program_item_id: session.id, rank: 1 })
      .execute()
    await t.db.insertInto('waiting_list_entry').values({ event_id: ids.tr, participant_id: participant, program_item_id: session.id }).execute()
    await t.db.insertInto('check_in').values({ participant_id: participant, event_day_id: ids.day1, arrived: true, changed_at: running }).execute()
    await t.db.insertInto('webinar_attendance').values({ participant_id: participant, program_item_id: webinar.id }).execute()
    await t.db
      .insertInto('survey_answer')
      .values({ question_id: question.id, participant_id: participant, option_ids: [option.id], free_text: text })
      .execute()
    await t.db.insertInto('cafe_seat').values({ participant_id: participant, cafe_table_id: table.id, source: 'picked' }).execute()
  }
  const mail = (to: string, subject: string, cc: string[] = []) =>
    t.db
      .insertInto('email')
      .values({
        event_id: ids.tr,
        template: 'test',
        language_form: 'nb',
        from_address: 'klimasamling@example.no',
        to_addresses: [to],
        cc_addresses: cc,
        params: '{}',
        subject,
      })
      .execute()
  await mail('kari@selbu.example.no', 'Velkommen, Kari')
  await mail('postmottak@selbu.example.no', 'Kopi til kontaktpersonen', ['kari@selbu.example.no'])
  await mail('per@selbu.example.no', 'Velkommen, Per')
  await writeAudit(t.db, {
    actorUserId: kari.id,
    actorLabel: 'contact person',
    action: 'participant.updated',
    entityType: 'participant',
    entityId: ids.kari,
    at: open,
  })
  await writeAudit(t.db, {
    actorUserId: organiser.id,
    actorLabel: 'organiser',
    action: 'participant.cancelled',
    entityType: 'participant',
    entityId: ids.per,
    at: open,
  })
  // Kari is also a desk helper at another event.
  await t.db.insertInto('event_desk').values({ event_id: ids.mr, user_id: kari.id }).execute()
  return { session: session.title }
}

describe('collectMyData', () => {
  it('holds every table with the person’s data, and nothing of another participant in the same municipality', async () => {
    const { session } = await fillTables()
    const context = testContext({ db: t.db, now: open })
    const cookie = await sessionCookieFor(context, kari.id)
    await requestDataChange(t.db, TEST_MAIL, kari, { idempotencyKey: randomUUID(), eventId: ids.tr, kind: 'correction', message: 'Feil stilling' }, open)
    const data = await collectMyData(t.db, kari)

    expect(data.account).toMatchObject({ name: 'Kari Kontakt', email: 'kari@selbu.example.no' })
    expect(data.sessions.count).toBe(1)
    expect(data.participations).toHaveLength(1)
    const [p] = data.participations
    expect(p).toMatchObject({ id: ids.kari, municipality: 'Selbu', diet: 'Vegetar-KARI', allergies: 'Nøtter-KARI', accessibilityNeeds: 'Rullestol-KARI' })
    expect(p?.days).toHaveLength(1)
    expect(p?.topicWishes).toEqual(['Flom og skred'])
    expect(p?.sessionWishes).toEqual([expect.objectContaining({ title: session, rank: 1 })])
    expect(p?.waitingLists).toEqual([expect.objectContaining({ session, status: 'waiting' })])
    expect(p?.checkIns).toEqual([expect.objectContaining({ arrived: true })])
    expect(p?.webinarAttendance).toEqual([expect.objectContaining({ title: 'Webinar om klimatilpasning' })])
    expect(p?.surveyAnswers).toEqual([
      expect.objectContaining({ survey: 'Kafébordene', question: 'Hvilket tema vil du snakke om?', options: ['Overvann'], free_text: 'Kari skriver fritt' }),
    ])
    expect(p?.cafeSeats).toEqual([expect.objectContaining({ label: 'Bord 7', topic: 'Overvann', source: 'picked' })])
    expect(data.contactFor).toEqual([expect.objectContaining({ id: ids.selbu, municipality: 'Selbu' })])
    expect(data.team).toEqual([expect.objectContaining({ eventId: ids.mr, role: 'desk' })])
    expect(data.emails.map((e) => [e.subject, e.toYou])).toEqual([
      ['Velkommen, Kari', true],
      ['Kopi til kontaktpersonen', false],
    ])
    expect(data.audit.map((a) => a.action)).toEqual(expect.arrayContaining(['participant.updated', 'data_request.created']))
    expect(data.audit.map((a) => a.action)).not.toContain('participant.cancelled')
    expect(data.dataRequests).toEqual([expect.objectContaining({ kind: 'correction', message: 'Feil stilling', outcome: null })])

    // The JSON file: the same, and not a trace of Per.
    const response = await respond(() => myDataJsonLoader({ request: request('/min-side/mine-data.json', cookie), params: {}, context }))
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('application/json; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="mine-data.json"')
    expect(response.headers.get('Cache-Control')).toBe('private, no-store')
    const text = await response.text()
    const json = JSON.parse(text) as { participations: Array<{ diet: string; status: string; roleCategory: string }> }
    expect(json.participations[0]?.diet).toBe('Vegetar-KARI')
    // The file is data: it keeps the stored codes, where the page shows labels (below).
    expect(json.participations[0]).toMatchObject({ status: 'active', roleCategory: 'radgiver' })
    for (const word of ['Vegetar-KARI', 'Nøtter-KARI', 'Rullestol-KARI', 'Kari skriver fritt', 'Bord 7', 'Velkommen, Kari', 'Feil stilling'])
      expect(text).toContain(word)
    for (const word of [
      'per@selbu.example.no',
      'Per Annenperson',
      'Glutenfri-PER',
      'Skalldyr-PER',
      '99999999',
      'Per skriver fritt',
      'Velkommen, Per',
      ids.per,
      'token_hash',
    ])
      expect(text).not.toContain(word)

    // The page shows the same.
    const page = await respond(() => myDataPageLoader({ request: request('/min-side/mine-data', cookie), params: {}, context }))
    const pageText = await page.text()
    expect(pageText).toContain('Vegetar-KARI')
    expect(pageText).not.toContain('Glutenfri-PER')
    type PageData = {
      participations: Array<{ facts: Array<[string, string]>; lists: Array<[string, string[]]> }>
      team: Array<{ text: string }>
      emails: Array<{ status: string }>
      audit: Array<{ action: string }>
    }
    const bokmal = JSON.parse(pageText) as PageData
    expect(bokmal.participations[0]?.facts).toContainEqual(['Kosthold', 'Vegetar-KARI'])
    expect(bokmal.team[0]?.text).toMatch(/: Vert i registreringen$/)
    // Stored codes are shown by their labels (the JSON file above keeps the codes).
    expect(bokmal.participations[0]?.facts).toContainEqual(['Status', 'Påmeldt'])
    expect(bokmal.participations[0]?.facts).toContainEqual(['Rolle', 'Rådgiver/saksbehandler'])
    expect(bokmal.participations[0]?.lists).toContainEqual(['Ventelister', [`${session}: Venter`]])
    expect(bokmal.emails.map((e) => e.status)).toEqual(['I kø', 'I kø'])
    expect(bokmal.audit.map((a) => a.action)).toEqual(expect.arrayContaining(['Deltaker endret', 'Forespørsel om retting eller sletting sendt']))
    const shown = (data: PageData) => [
      ...(data.participations[0]?.facts.map(([, value]) => value) ?? []),
      ...(data.participations[0]?.lists.flatMap(([, values]) => values) ?? []),
      ...data.emails.map((e) => e.status),
      ...data.audit.map((a) => a.action),
    ]
    for (const code of ['active', 'radgiver', 'queued', 'participant.updated', 'data_request.created'])
      expect(
        shown(bokmal).some((value) => value.includes(code)),
        code,
      ).toBe(false)
    expect(shown(bokmal).some((value) => value.endsWith(': waiting'))).toBe(false)

    // In nynorsk: our labels in nynorsk, what was stored as it was typed.
    const inNynorsk = await respond(() => myDataPageLoader({ request: request('/min-side/mine-data?maalform=nn', cookie), params: {}, context }))
    const nynorsk = (await inNynorsk.json()) as PageData
    expect(nynorsk.participations[0]?.facts).toContainEqual(['Kosthald', 'Vegetar-KARI'])
    expect(nynorsk.participations[0]?.lists).toContainEqual(['Temaønske', ['Flom og skred']])
    expect(nynorsk.team[0]?.text).toMatch(/: Vert i registreringa$/)
    expect(nynorsk.participations[0]?.facts).toContainEqual(['Status', 'Påmeld'])
    expect(nynorsk.participations[0]?.facts).toContainEqual(['Rolle', 'Rådgivar/sakshandsamar'])
    expect(nynorsk.participations[0]?.lists).toContainEqual(['Ventelister', [`${session}: Ventar`]])
    expect(nynorsk.emails.map((e) => e.status)).toEqual(['I kø', 'I kø'])
    expect(nynorsk.audit.map((a) => a.action)).toEqual(expect.arrayContaining(['Deltakar endra', 'Førespurnad om retting eller sletting sendt']))
    for (const code of ['active', 'radgiver', 'queued', 'participant.updated', 'data_request.created'])
      expect(
        shown(nynorsk).some((value) => value.includes(code)),
        code,
      ).toBe(false)
  })

  it('answers for a person with no participant rows: the account only', async () => {
    const context = testContext({ db: t.db, now: open })
    const nobody = await upsertUser(t.db, { email: 'nina@ingen.example.no', name: 'Nina Ingen' })
    const data = await collectMyData(t.db, nobody)
    expect(data).toMatchObject({ account: { name: 'Nina Ingen' }, participations: [], contactFor: [], team: [], emails: [], dataRequests: [] })
    const cookie = await sessionCookieFor(context, nobody.id)
    expect((await respond(() => myDataJsonLoader({ request: request('/min-side/mine-data.json', cookie), params: {}, context }))).status).toBe(200)
    expect((await respond(() => myDataPageLoader({ request: request('/min-side/mine-data', cookie), params: {}, context }))).status).toBe(200)
  })

  it('needs a login', async () => {
    const context = testContext({ db: t.db, now: open })
    for (const loader of [myDataJsonLoader, myDataPageLoader]) {
      const response = await respond(() => loader({ request: request('/min-side/mine-data.json', ''), params: {}, context }))
      expect(response.status).toBe(302)
      expect(response.headers.get('Location')).toMatch(/^\/logg-inn\?til=/)
    }
  })
})

describe('requests to correct or delete', () => {
  it('a participant files one, the organiser handles it, nobody else sees the list', async () => {
    const context = testContext({ db: t.db, now: open })
    const kariCookie = await sessionCookieFor(context, kari.id)
    const form = { intent: 'request', idempotencyKey: randomUUID(), eventId: ids.tr, kind: 'deletion', message: 'Slett allergiene mine.' }
    const file = () => respond(() => myDataAction({ request: request('/min-side/mine-data', kariCookie, form), params: {}, context }))
    const filed = await file()
    expect(filed.status).toBe(302)
    // The same form posted twice (a double click): one request, the organisers told once (checked below).
    expect((await file()).status).toBe(302)
    expect(await t.db.selectFrom('data_request').select('id').execute()).toHaveLength(1)
    const row = await t.db.selectFrom('data_request').selectAll().executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      event_id: ids.tr,
      user_id: kari.id,
      participant_id: ids.kari,
      kind: 'deletion',
      message: 'Slett allergiene mine.',
      outcome: null,
    })
    const created = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'data_request.created').executeTakeFirstOrThrow()
    expect(created).toMatchObject({ actor_user_id: kari.id, entity_id: row.id, event_id: ids.tr, after: { kind: 'deletion' } })
    // The organisers are told at the event's contact address, with Kari as the reply address.
    const event = await t.db.selectFrom('event').select('organiser_contact_email').where('id', '=', ids.tr).executeTakeFirstOrThrow()
    const mails = await t.db.selectFrom('email').selectAll().where('template', '=', 'data-request').execute()
    expect(mails).toEqual([expect.objectContaining({ to_addresses: [event.organiser_contact_email], reply_to: 'kari@selbu.example.no', event_id: ids.tr })])
    expect(mails[0]?.params).toMatchObject({ askerName: 'Kari Kontakt', kind: 'deletion', message: 'Slett allergiene mine.' })

    // A missing message is refused at the field, nothing stored.
    const empty = await respond(() =>
      myDataAction({
        request: request('/min-side/mine-data', kariCookie, {
          intent: 'request',
          idempotencyKey: randomUUID(),
          eventId: ids.tr,
          kind: 'deletion',
          message: '',
        }),
        params: {},
        context,
      }),
    )
    expect(empty.status).toBe(400)
    expect(await t.db.selectFrom('data_request').select('id').execute()).toHaveLength(1)

    const params = { eventId: ids.tr }
    const orgCookie = await sessionCookieFor(context, organiser.id)
    const list = await respond(() => organiserLoader({ request: request(`/arrangor/${ids.tr}/personopplysninger`, orgCookie), params, context }))
    expect(list.status).toBe(200)
    const listed = (await list.json()) as { requests: Array<{ id: string; who: string; kind: string; outcome: string | null }> }
    expect(listed.requests).toEqual([
      expect.objectContaining({ id: row.id, who: 'Kari Kontakt (kari@selbu.example.no), Selbu', kind: 'Sletting', outcome: null }),
    ])

    // A viewer, a desk helper, a stranger and Kari herself: 404 on the page and on the POST.
    const viewer = await upsertUser(t.db, { email: 'vera@viewer.example.no', name: 'Vera Viewer' })
    const desk = await upsertUser(t.db, { email: 'dag@desk.example.no', name: 'Dag Desk' })
    const stranger = await upsertUser(t.db, { email: 'sara@fremmed.example.no', name: 'Sara Fremmed' })
    await t.db.insertInto('event_viewer').values({ event_id: ids.tr, user_id: viewer.id }).execute()
    await t.db.insertInto('event_desk').values({ event_id: ids.tr, user_id: desk.id }).execute()
    const handleBody = { intent: 'handle', requestId: row.id, outcome: 'done', note: 'Allergiene er slettet.' }
    for (const user of [viewer, desk, stranger, kari]) {
      const cookie = await sessionCookieFor(context, user.id)
      const page = await respond(() => organiserLoader({ request: request(`/arrangor/${ids.tr}/personopplysninger`, cookie), params, context }))
      expect(page.status, user.email).toBe(404)
      const post = await respond(() => organiserAction({ request: request(`/arrangor/${ids.tr}/personopplysninger`, cookie, handleBody), params, context }))
      expect(post.status, user.email).toBe(404)
    }
    expect((await t.db.selectFrom('data_request').select('outcome').executeTakeFirstOrThrow()).outcome).toBeNull()

    // The stranger cannot file one about an event they have no part in.
    const strangerCookie = await sessionCookieFor(context, stranger.id)
    const foreign = await respond(() =>
      myDataAction({
        request: request('/min-side/mine-data', strangerCookie, {
          intent: 'request',
          idempotencyKey: randomUUID(),
          eventId: ids.tr,
          kind: 'deletion',
          message: 'Slett alt.',
        }),
        params: {},
        context,
      }),
    )
    expect(foreign.status).toBe(404)

    const handled = await respond(() => organiserAction({ request: request(`/arrangor/${ids.tr}/personopplysninger`, orgCookie, handleBody), params, context }))
    expect(handled.status).toBe(302)
    expect(await t.db.selectFrom('data_request').select(['outcome', 'outcome_note', 'handled_by']).executeTakeFirstOrThrow()).toEqual({
      outcome: 'done',
      outcome_note: 'Allergiene er slettet.',
      handled_by: organiser.id,
    })
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'data_request.handled').execute()
    expect(audit).toEqual([expect.objectContaining({ actor_user_id: organiser.id, entity_id: row.id, after: { outcome: 'done' } })])
    // Handling it again keeps the first answer.
    await respond(() =>
      organiserAction({ request: request(`/arrangor/${ids.tr}/personopplysninger`, orgCookie, { ...handleBody, outcome: 'refused' }), params, context }),
    )
    expect((await t.db.selectFrom('data_request').select('outcome').executeTakeFirstOrThrow()).outcome).toBe('done')

    // Kari sees the answer.
    expect((await collectMyData(t.db, kari)).dataRequests).toEqual([expect.objectContaining({ outcome: 'done', outcomeNote: 'Allergiene er slettet.' })])
  })

  it('is refused once the event has started', async () => {
    await expect(
      requestDataChange(t.db, TEST_MAIL, kari, { idempotencyKey: randomUUID(), eventId: ids.tr, kind: 'correction', message: 'For sent.' }, running),
    ).rejects.toEqual(new DomainError('data_request_closed'))
    const context = testContext({ db: t.db, now: running })
    const cookie = await sessionCookieFor(context, kari.id)
    const response = await respond(() =>
      myDataAction({
        request: request('/min-side/mine-data', cookie, {
          intent: 'request',
          idempotencyKey: randomUUID(),
          eventId: ids.tr,
          kind: 'correction',
          message: 'For sent.',
        }),
        params: {},
        context,
      }),
    )
    expect(response.status).toBe(409)
    expect(await response.text()).toContain('Samlingen har startet')
    expect(await t.db.selectFrom('data_request').select('id').execute()).toEqual([])
    expect(await t.db.selectFrom('email').select('id').where('template', '=', 'data-request').execute()).toEqual([])
    // The page offers no form for it then.
    const page = (await (await respond(() => myDataPageLoader({ request: request('/min-side/mine-data', cookie), params: {}, context }))).json()) as {
      events: unknown[]
      closedEvents: string[]
    }
    expect(page.events).toEqual([])
    expect(page.closedEvents).toHaveLength(1)
  })
})
