import { randomUUID } from 'node:crypto'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { eventToFormValues } from '~/domain/event-form-values'
import { loader as eventsLoader } from '~/routes/arrangor._index'
import { loader as settingsLoader } from '~/routes/arrangor.$eventId._index'
import { action as teamAction, loader as teamLoader } from '~/routes/arrangor.$eventId.team'
import { loader as myPageLoader } from '~/routes/min-side'
import { addTeamMember, removeTeamMember } from '~/services/organiser-team.server'
import { respond, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase } from '../helpers/database'
import { addParticipant, eventId, MR, makeOrganiser, registrationId, seeded, sessionCookieFor, TEST_MAIL, TR } from '../helpers/fixtures'
import { deliverTo, type SmtpSink, startSmtpSink } from '../helpers/smtp-sink'

let t: TestDatabase
let context: AppLoadContext
let sink: SmtpSink
const ids = { mr: '', tr: '', organiser: '', volda: '', participant: '', other: '', third: '' }
const cookies = { organiser: '', trOrganiser: '' }

beforeAll(async () => {
  t = await createTestDatabase()
  await seeded(t.db)
  sink = await startSmtpSink()
  context = testContext({ db: t.db, now: osloDateTime('2021-06-01', '12:00') })
  ids.mr = await eventId(t.db, MR)
  ids.tr = await eventId(t.db, TR)
  ids.volda = await registrationId(t.db, MR, 'Volda')
  ids.participant = (await addParticipant(t.db, ids.volda, 'vera@volda.example.no', 'Vera Volda')).id
  ids.other = (await addParticipant(t.db, ids.volda, 'otto@volda.example.no', 'Otto Volda')).id
  ids.third = (await addParticipant(t.db, ids.volda, 'tore@volda.example.no', 'Tore Volda')).id
  ids.organiser = (await makeOrganiser(t.db, 'arrangor@example.no', MR)).id
  await t.db.updateTable('app_user').set({ name: 'Arne Arrangør' }).where('id', '=', ids.organiser).execute()
  cookies.organiser = await sessionCookieFor(context, ids.organiser)
  cookies.trOrganiser = await sessionCookieFor(context, (await makeOrganiser(t.db, 'tr@example.no', TR)).id)
})

afterAll(async () => {
  await sink?.close()
  await t.drop()
})

function form(fields: Record<string, unknown>) {
  const body = new URLSearchParams()
  for (const [key, value] of Object.entries(fields)) {
    for (const v of [value].flat()) if (v !== undefined && v !== null && v !== false) body.append(key, v === true ? 'on' : String(v))
  }
  return body
}

const request = (path: string, cookie: string, body?: Record<string, unknown>) =>
  new Request(`http://localhost${path}`, { method: body ? 'POST' : 'GET', headers: { Cookie: cookie }, body: body ? form(body) : undefined })

const postTeam = (cookie: string, fields: Record<string, string>, eventId = ids.mr) =>
  respond(() => teamAction({ request: request(`/arrangor/${eventId}/team`, cookie, fields), params: { eventId }, context }))

const userId = async (email: string) => (await t.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id
const teamAudit = () =>
  t.db
    .selectFrom('audit_log')
    .select(['action', 'actor_user_id', 'actor_label', 'entity_id', 'event_id', 'before', 'after'])
    .where('action', 'like', 'team.%')
    .orderBy('at')
    .orderBy('id')
    .execute()
const counts = async () => ({
  audit: Number(
    (
      await t.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  email: Number(
    (
      await t.db
        .selectFrom('email')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  organisers: Number(
    (
      await t.db
        .selectFrom('event_organiser')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  viewers: Number(
    (
      await t.db
        .selectFrom('event_viewer')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
})

let coOrganiserCookie = ''
let viewerCookie = ''

describe('the organiser team page', () => {
  it('adds a co-organiser by email: a full organiser of that event, audited, told by email how to log in', async () => {
    const response = await postTeam(cookies.organiser, {
      intent: 'add',
      name: 'Stine Statsforvalter',
      email: ' Stine@SF.example.no ',
      role: 'organiser',
      languageForm: 'nb',
    })
    expect(response.status).toBe(302)
    const stine = await userId('stine@sf.example.no')
    expect(response.headers.get('Location')).toBe(`/arrangor/${ids.mr}/team?lagttil=${stine}`)
    expect(await t.db.selectFrom('event_organiser').select('event_id').where('user_id', '=', stine).execute()).toEqual([{ event_id: ids.mr }])

    const audit = await teamAudit()
    expect(audit).toEqual([
      {
        action: 'team.member_added',
        actor_user_id: ids.organiser,
        actor_label: 'organiser',
        entity_id: stine,
        event_id: ids.mr,
        before: null,
        after: { userId: stine, name: 'Stine Statsforvalter', email: 'stine@sf.example.no', role: 'organiser' },
      },
    ])

    await deliverTo(sink, t.db)
    const [mail] = await sink.waitFor(1)
    expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toBe('stine@sf.example.no')
    expect(mail?.subject).toBe('Klimasamling for kommunene i Møre og Romsdal: du er lagt til i arrangørteamet')
    expect(mail?.text).toContain('Hei, Stine Statsforvalter! Arne Arrangør har lagt deg til i arrangørteamet')
    expect(mail?.text).toContain('Som medarrangør kan du følge og endre alt ved samlingen')
    expect(mail?.text).toContain('Logg inn: http://localhost:3000/logg-inn')

    const page = (await (
      await respond(() =>
        teamLoader({ request: request(`/arrangor/${ids.mr}/team?lagttil=${stine}`, cookies.organiser), params: { eventId: ids.mr }, context }),
      )
    ).json()) as {
      organisers: Array<{ email: string }>
      viewers: unknown[]
      added: string
    }
    expect(page.organisers.map((m) => m.email).sort()).toEqual(['arrangor@example.no', 'stine@sf.example.no'])
    expect(page.viewers).toEqual([])
    expect(page.added).toBe('Stine Statsforvalter er lagt til med rollen medarrangør og har fått e-post om det.')
    coOrganiserCookie = await sessionCookieFor(context, stine)
  })

  it('adds a viewer (lesetilgang), with the email in nynorsk when asked', async () => {
    sink.received.length = 0
    const response = await postTeam(cookies.organiser, {
      intent: 'add',
      name: 'Hanna Hotell',
      email: 'hanna@hotell.example.no',
      role: 'viewer',
      languageForm: 'nn',
    })
    expect(response.status).toBe(302)
    const hanna = await userId('hanna@hotell.example.no')
    expect(await t.db.selectFrom('event_viewer').select('event_id').where('user_id', '=', hanna).execute()).toEqual([{ event_id: ids.mr }])
    // A viewer is not an organiser anywhere: every existing check that joins event_organiser stays closed to her.
    expect(await t.db.selectFrom('event_organiser').select('event_id').where('user_id', '=', hanna).execute()).toEqual([])
    expect((await teamAudit()).at(-1)).toMatchObject({ action: 'team.member_added', after: { email: 'hanna@hotell.example.no', role: 'viewer' } })
    await deliverTo(sink, t.db)
    const [mail] = await sink.waitFor(1)
    expect(mail?.subject).toBe('Klimasamling for kommunene i Møre og Romsdal: du er lagd til i arrangørteamet')
    expect(mail?.text).toContain('Du har lesetilgang: du kan sjå oversikta, hotellnettene og eksportane')
    viewerCookie = await sessionCookieFor(context, hanna)
  })

  it('refuses bad input at the field and changes nothing', async () => {
    const before = await counts()
    const cases: Array<[Record<string, string>, string, string]> = [
      [
        { intent: 'add', name: 'Ola', email: 'ikke-en-adresse', role: 'organiser', languageForm: 'nb' },
        'email',
        'Skriv inn en gyldig e-postadresse, for eksempel navn@kommune.no.',
      ],
      [{ intent: 'add', name: '', email: 'ola@example.no', role: 'organiser', languageForm: 'nb' }, 'name', 'Skriv inn navnet.'],
      [{ intent: 'add', name: 'Ola', email: 'ola@example.no', role: 'eier', languageForm: 'nb' }, 'role', 'Velg en rolle.'],
      [
        { intent: 'add', name: 'Stine igjen', email: 'STINE@sf.example.no', role: 'viewer', languageForm: 'nb' },
        'email',
        'Denne personen er allerede med i arrangørteamet (medarrangør). Fjern personen først for å gi en annen rolle.',
      ],
      [
        { intent: 'add', name: 'Hanna igjen', email: 'hanna@hotell.example.no', role: 'viewer', languageForm: 'nb' },
        'email',
        'Denne personen er allerede med i arrangørteamet (lesetilgang). Fjern personen først for å gi en annen rolle.',
      ],
    ]
    for (const [fields, field, message] of cases) {
      const response = await postTeam(cookies.organiser, fields)
      expect([400, 409]).toContain(response.status)
      const body = (await response.json()) as { intent: string; result: { error: Record<string, string[]> } }
      expect(body.result.error[field], JSON.stringify(fields)).toEqual([message])
    }
    expect(await counts()).toEqual(before)
  })

  it('is 404 for a foreign or unknown event id, and for the organiser of another event', async () => {
    const before = await counts()
    const add = { intent: 'add', name: 'Ola', email: 'ola@example.no', role: 'organiser', languageForm: 'nb' }
    expect((await postTeam(cookies.organiser, add, ids.tr)).status).toBe(404)
    expect((await postTeam(cookies.organiser, add, randomUUID())).status).toBe(404)
    expect((await postTeam(cookies.trOrganiser, add, ids.mr)).status).toBe(404)
    expect((await postTeam(cookies.organiser, { intent: 'remove', userId: ids.organiser, role: 'organiser' }, ids.tr)).status).toBe(404)
    // Someone who is not on the team (or not in that role) is an unknown id too.
    expect((await postTeam(cookies.organiser, { intent: 'remove', userId: randomUUID(), role: 'viewer' })).status).toBe(404)
    expect((await postTeam(cookies.organiser, { intent: 'remove', userId: ids.organiser, role: 'viewer' })).status).toBe(404)
    for (const cookie of [cookies.trOrganiser, viewerCookie]) {
      expect((await respond(() => teamLoader({ request: request(`/arrangor/${ids.mr}/team`, cookie), params: { eventId: ids.mr }, context }))).status).toBe(404)
    }
    expect(await counts()).toEqual(before)
  })
})

describe('a co-organiser', () => {
  it('sees only the events they organise, on Min side and the organiser start page, and cannot create events', async () => {
    const start = (await (await respond(() => eventsLoader({ request: request('/arrangor', coOrganiserCookie), params: {}, context }))).json()) as {
      mayCreate: boolean
      events: Array<{ id: string; href: string; role: string }>
    }
    expect(start.mayCreate).toBe(false)
    expect(start.events.map((e) => [e.id, e.href, e.role])).toEqual([[ids.mr, `/arrangor/${ids.mr}`, 'Arrangør']])
    const mine = (await (await respond(() => myPageLoader({ request: request('/min-side', coOrganiserCookie), params: {}, context }))).json()) as {
      organised: Array<{ id: string }>
      viewed: unknown[]
    }
    expect(mine.organised.map((e) => e.id)).toEqual([ids.mr])
    expect(mine.viewed).toEqual([])
  })

  it("is a full organiser of that event and nobody's elsewhere", async () => {
    expect(
      (await respond(() => settingsLoader({ request: request(`/arrangor/${ids.mr}`, coOrganiserCookie), params: { eventId: ids.mr }, context }))).status,
    ).toBe(200)
    expect(
      (await respond(() => settingsLoader({ request: request(`/arrangor/${ids.tr}`, coOrganiserCookie), params: { eventId: ids.tr }, context }))).status,
    ).toBe(404)
    expect(
      (await respond(() => teamLoader({ request: request(`/arrangor/${ids.mr}/team`, coOrganiserCookie), params: { eventId: ids.mr }, context }))).status,
    ).toBe(200)
  })
})

// --- A viewer on every organiser page ------------------------------------------

type RouteModule = { loader?: (args: any) => Promise<unknown>; action?: (args: any) => Promise<unknown> }

const routesDir = fileURLToPath(new URL('../../app/routes/', import.meta.url))
/** Every page of an event's organiser section and of a municipality's registration: where organisers act. */
const routeFiles = new Map(
  readdirSync(routesDir)
    .filter((f) => /^(arrangor\.\$eventId\.|kommune\.\$registrationId\.)/.test(f))
    .map((f) => [f.replace(/\.tsx?$/, ''), f]),
)
const teamRoutes = [...routeFiles.keys()].sort()
const READ_ONLY = ['arrangor.$eventId.oversikt', 'arrangor.$eventId.netter', 'arrangor.$eventId.eksport', 'arrangor.$eventId.eksport.$list']
/** The check-in desk (decision 046): the only pages a desk helper (vert i registreringen) opens. */
const DESK = ['arrangor.$eventId.innsjekking', 'arrangor.$eventId.innsjekking.synk', 'arrangor.$eventId.innsjekking_.erstatter.$participantId']
/** Pages whose POST answers 404 to everyone: nothing on them is changed by a POST. */
const NO_POST = ['arrangor.$eventId.navneskilt', 'arrangor.$eventId.bord_.utskrift']

async function load(name: string): Promise<RouteModule> {
  return import(/* @vite-ignore */ `${routesDir}${routeFiles.get(name) ?? `${name}.tsx`}`)
}

/** The URL parameters every route here may need, all naming real records of the event. */
async function paramsFor() {
  const email = await t.db.selectFrom('email').select('id').where('event_id', '=', ids.mr).limit(1).executeTakeFirstOrThrow()
  return { eventId: ids.mr, registrationId: ids.volda, participantId: ids.participant, emailId: email.id, list: 'romliste' }
}

/** The route's own URL parameters where they differ: the desk's substitution replaces another participant than the contact person's does. */
const paramsOf = (name: string, params: Awaited<ReturnType<typeof paramsFor>>) =>
  name === 'arrangor.$eventId.innsjekking_.erstatter.$participantId' ? { ...params, participantId: ids.third } : params

/**
 * A well-formed POST for each route with an action: what an organiser of the
 * event would send. A route with an action and no entry here fails the test,
 * so a new organiser action cannot be forgotten.
 */
async function bodiesFor(): Promise<Record<string, Record<string, unknown>>> {
  const event = await t.db.selectFrom('event').selectAll().where('id', '=', ids.mr).executeTakeFirstOrThrow()
  const day = await t.db.selectFrom('event_day').selectAll().where('event_id', '=', ids.mr).orderBy('date').limit(1).executeTakeFirstOrThrow()
  const item = await t.db.selectFrom('program_item').select('id').where('event_id', '=', ids.mr).orderBy('starts_at', 'desc').limit(1).executeTakeFirstOrThrow()
  // The event's own settings as the form shows them; a seeded event may lack a text the form now asks for.
  const settings: Record<string, unknown> = { ...eventToFormValues(event) }
  if (settings.extrasPricingNote === '') settings.extrasPricingNote = 'Arrangøren avgjør etter fristen og gir beskjed om prisen.'
  const time = (d: Date) => new Intl.DateTimeFormat('nb-NO', { timeZone: 'Europe/Oslo', hour: '2-digit', minute: '2-digit' }).format(d).replace('.', ':')
  return {
    'arrangor.$eventId._index': settings,
    'arrangor.$eventId.dager': {
      intent: 'save-day',
      id: day.id,
      date: day.date,
      label: day.label,
      startTime: time(day.starts_at),
      endTime: time(day.ends_at),
      meals: day.meals,
    },
    'arrangor.$eventId.dekning': { intent: 'send' },
    'arrangor.$eventId.e-post.$emailId': { intent: 'retry' },
    'arrangor.$eventId.e-post.ny': { idempotencyKey: randomUUID(), subject: 'Om hotellet', body: 'Hotellet har flyttet innsjekken til kl. 14.' },
    'arrangor.$eventId.kommuner': { intent: 'send-invitations' },
    'arrangor.$eventId.kopier': { title: 'Klimasamling 2027', slug: 'klimasamling-2027-kopi', startDate: '2027-02-10' },
    'arrangor.$eventId.program': { intent: 'delete-item', id: item.id },
    'arrangor.$eventId.team': { intent: 'add', name: 'Fia Finans', email: 'fia@finans.example.no', role: 'viewer', languageForm: 'nb' },
    'arrangor.$eventId.oversikt': {},
    'arrangor.$eventId.netter': {},
    'arrangor.$eventId.eksport': {},
    'arrangor.$eventId.onsker': { intent: 'close' },
    'arrangor.$eventId.fordeling': { intent: 'run', mode: 'full' },
    'arrangor.$eventId.oppmote': {
      intent: 'webinar',
      itemId: (await t.db.selectFrom('program_item').select('id').where('event_id', '=', ids.mr).where('kind', '=', 'digital').executeTakeFirstOrThrow()).id,
      participantIds: [ids.participant],
    },
    'arrangor.$eventId.innsjekking': { intent: 'mark', participantId: ids.participant, dayId: day.id, arrived: 'true', token: randomUUID() },
    'arrangor.$eventId.innsjekking.synk': { data: JSON.stringify({ ops: [] }) },
    'arrangor.$eventId.innsjekking_.erstatter.$participantId': {
      name: 'Dina Desk',
      email: 'dina@volda.example.no',
      title: 'Rådgiver',
      roleCategory: 'radgiver',
    },
    'arrangor.$eventId.navneskilt': {},
    'arrangor.$eventId.bord_.utskrift': {},
    'arrangor.$eventId.bord': { intent: 'mode', mode: 'assign' },
    'arrangor.$eventId.undersokelse': { intent: 'close' },
    'arrangor.$eventId.personopplysninger': {
      intent: 'handle',
      requestId: (
        await t.db
          .insertInto('data_request')
          .values({ event_id: ids.mr, participant_id: ids.participant, kind: 'correction', message: 'Feil stilling.' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
      outcome: 'done',
      note: 'Rettet.',
    },
    'kommune.$registrationId._index': { intent: 'cancel', participantId: ids.other },
    'kommune.$registrationId.kontaktperson': { name: 'Kari Kontakt', email: 'kari@volda.example.no' },
    'kommune.$registrationId.ny-deltaker': {
      idempotencyKey: randomUUID(),
      name: 'Per Volda',
      email: 'per@volda.example.no',
      title: 'Rådgiver',
      roleCategory: 'radgiver',
      dayIds: [day.id],
      attendsDinner: 'on',
    },
    'kommune.$registrationId.deltaker.$participantId': {
      name: 'Vera Volda',
      email: 'vera@volda.example.no',
      title: 'Rådgiver',
      roleCategory: 'radgiver',
      dayIds: [day.id],
      attendsDinner: 'on',
    },
    'kommune.$registrationId.erstatt.$participantId': { name: 'Siri Erstatter', email: 'siri@volda.example.no', title: 'Rådgiver', roleCategory: 'radgiver' },
  }
}

describe('a viewer (lesetilgang)', () => {
  it('reads the overview, hotel nights and exports, with only those in the navigation', async () => {
    const params = await paramsFor()
    for (const name of READ_ONLY) {
      const mod = await load(name)
      const path = name === 'arrangor.$eventId.eksport.$list' ? `/arrangor/${ids.mr}/eksport/romliste?format=csv` : `/arrangor/${ids.mr}/x`
      const response = await respond(() => mod.loader?.({ request: request(path, viewerCookie), params, context }) ?? Promise.resolve(null))
      expect(response.status, name).toBe(200)
      if (name !== 'arrangor.$eventId.eksport.$list') expect(((await response.json()) as { event: { role: string } }).event.role, name).toBe('viewer')
    }
    // The download is audited as the viewer's.
    const exported = await t.db
      .selectFrom('audit_log')
      .select(['actor_label', 'actor_user_id'])
      .where('action', '=', 'export.downloaded')
      .executeTakeFirstOrThrow()
    expect(exported).toEqual({ actor_label: 'viewer', actor_user_id: await userId('hanna@hotell.example.no') })
  })

  it('sees the event on the start page and Min side, leading to the overview', async () => {
    const start = (await (await respond(() => eventsLoader({ request: request('/arrangor', viewerCookie), params: {}, context }))).json()) as {
      mayCreate: boolean
      events: Array<{ id: string; href: string; role: string }>
    }
    expect(start).toMatchObject({ mayCreate: false, events: [{ id: ids.mr, href: `/arrangor/${ids.mr}/oversikt`, role: 'Lesetilgang' }] })
    const mine = (await (await respond(() => myPageLoader({ request: request('/min-side', viewerCookie), params: {}, context }))).json()) as {
      organised: unknown[]
      viewed: Array<{ id: string }>
    }
    expect(mine.organised).toEqual([])
    expect(mine.viewed.map((e) => e.id)).toEqual([ids.mr])
  })

  it('gets 404 on every other organiser page and municipality page', async () => {
    expect(teamRoutes.length).toBeGreaterThan(15)
    const params = await paramsFor()
    const tried: string[] = []
    for (const name of teamRoutes.filter((n) => !READ_ONLY.includes(n))) {
      const mod = await load(name)
      if (!mod.loader) continue
      const loader = mod.loader
      const response = await respond(() => loader({ request: request(`/arrangor/${ids.mr}/x`, viewerCookie), params, context }))
      expect(response.status, name).toBe(404)
      tried.push(name)
    }
    expect(tried).toContain('arrangor.$eventId.team')
    expect(tried).toContain('arrangor.$eventId.kosthold')
    expect(tried).toContain('kommune.$registrationId._index')
  })

  it('gets 404 on every POST, the three pages it may read included, and changes nothing; the same POST from an organiser is not a 404', async () => {
    const params = await paramsFor()
    const bodies = await bodiesFor()
    const withAction: Array<[string, NonNullable<RouteModule['action']>]> = []
    for (const name of teamRoutes) {
      const { action } = await load(name)
      if (action) withAction.push([name, action])
    }
    expect(withAction.map(([name]) => name).sort()).toEqual(Object.keys(bodies).sort())
    const post = (name: string, action: NonNullable<RouteModule['action']>, cookie: string) =>
      respond(() => action({ request: request(`/arrangor/${ids.mr}/x`, cookie, bodies[name]), params: paramsOf(name, params), context }))

    const before = await counts()
    const eventBefore = await t.db.selectFrom('event').selectAll().where('id', '=', ids.mr).executeTakeFirstOrThrow()
    for (const [name, action] of withAction) expect((await post(name, action, viewerCookie)).status, name).toBe(404)
    expect(await counts()).toEqual(before)
    expect(await t.db.selectFrom('event').selectAll().where('id', '=', ids.mr).executeTakeFirstOrThrow()).toEqual(eventBefore)

    // Control: the bodies are real changes an organiser may send (a 404 for them would prove nothing).
    for (const [name, action] of withAction) {
      const status = (await post(name, action, cookies.organiser)).status
      if (READ_ONLY.includes(name) || NO_POST.includes(name)) expect(status, name).toBe(404)
      else expect(status, name).not.toBe(404)
    }
  })
})

describe('a desk helper (vert i registreringen)', () => {
  let deskCookie = ''

  it('is added on the team page, in event_desk only, audited, told by email what the role sees', async () => {
    sink.received.length = 0
    const response = await postTeam(cookies.organiser, { intent: 'add', name: 'Dag Desk', email: 'dag@desk.example.no', role: 'desk', languageForm: 'nb' })
    expect(response.status).toBe(302)
    const dag = await userId('dag@desk.example.no')
    expect(await t.db.selectFrom('event_desk').select('event_id').where('user_id', '=', dag).execute()).toEqual([{ event_id: ids.mr }])
    expect(await t.db.selectFrom('event_organiser').select('event_id').where('user_id', '=', dag).execute()).toEqual([])
    expect(await t.db.selectFrom('event_viewer').select('event_id').where('user_id', '=', dag).execute()).toEqual([])
    expect((await teamAudit()).at(-1)).toMatchObject({ action: 'team.member_added', after: { email: 'dag@desk.example.no', role: 'desk' } })
    await deliverTo(sink, t.db)
    // The control run above queued other mail too: find the one to the desk helper.
    const mail = sink.received.find((m) => m.to && 'text' in m.to && m.to.text === 'dag@desk.example.no')
    expect(mail?.subject).toBe('Klimasamling for kommunene i Møre og Romsdal: du er lagt til i arrangørteamet')
    expect(mail?.text).toContain('Som vert i registreringen sjekker du inn deltakerne på samlingsdagene')
    const page = (await (
      await respond(() => teamLoader({ request: request(`/arrangor/${ids.mr}/team?lagttil=${dag}`, cookies.organiser), params: { eventId: ids.mr }, context }))
    ).json()) as { desk: Array<{ email: string; role: string }>; added: string }
    expect(page.desk).toEqual([expect.objectContaining({ email: 'dag@desk.example.no', role: 'desk' })])
    expect(page.added).toBe('Dag Desk er lagt til med rollen vert i registreringen og har fått e-post om det.')
    // The same page in nynorsk (the switch's ?maalform=nn).
    const nynorsk = (await (
      await respond(() =>
        teamLoader({ request: request(`/arrangor/${ids.mr}/team?lagttil=${dag}&maalform=nn`, cookies.organiser), params: { eventId: ids.mr }, context }),
      )
    ).json()) as { added: string }
    expect(nynorsk.added).toBe('Dag Desk er lagd til med rolla vert i registreringa og har fått e-post om det.')
    deskCookie = await sessionCookieFor(context, dag)
  })

  it('sees the event on the start page and Min side, leading to the desk', async () => {
    const start = (await (await respond(() => eventsLoader({ request: request('/arrangor', deskCookie), params: {}, context }))).json()) as {
      mayCreate: boolean
      events: Array<{ id: string; href: string; role: string }>
    }
    expect(start).toMatchObject({
      mayCreate: false,
      events: [{ id: ids.mr, href: `/arrangor/${ids.mr}/innsjekking`, role: 'Vert i registreringen' }],
    })
    const mine = (await (await respond(() => myPageLoader({ request: request('/min-side', deskCookie), params: {}, context }))).json()) as {
      organised: unknown[]
      viewed: unknown[]
      desk: Array<{ id: string; href: string }>
    }
    expect(mine).toMatchObject({ organised: [], viewed: [], desk: [{ id: ids.mr, href: `/arrangor/${ids.mr}/innsjekking` }] })
  })

  it('opens the check-in desk and gets 404 on every other organiser page and municipality page', async () => {
    const params = await paramsFor()
    const tried: string[] = []
    for (const name of teamRoutes) {
      const mod = await load(name)
      if (!mod.loader) continue
      const loader = mod.loader
      const response = await respond(() => loader({ request: request(`/arrangor/${ids.mr}/x`, deskCookie), params: paramsOf(name, params), context }))
      expect(response.status, name).toBe(DESK.includes(name) ? 200 : 404)
      tried.push(name)
    }
    for (const name of ['arrangor.$eventId.oppmote', 'arrangor.$eventId.oversikt', 'arrangor.$eventId.navneskilt', 'arrangor.$eventId.team']) {
      expect(tried).toContain(name)
    }
  })

  it("gets 404 on every POST but the desk's, and changes nothing", async () => {
    const params = await paramsFor()
    const bodies = await bodiesFor()
    const before = await counts()
    for (const name of teamRoutes.filter((n) => !DESK.includes(n))) {
      const { action } = await load(name)
      if (!action) continue
      const response = await respond(() =>
        action({ request: request(`/arrangor/${ids.mr}/x`, deskCookie, bodies[name]), params: paramsOf(name, params), context }),
      )
      expect(response.status, name).toBe(404)
    }
    expect(await counts()).toEqual(before)
  })

  it('is removed from the team and loses the desk at once', async () => {
    const dag = await userId('dag@desk.example.no')
    expect((await postTeam(cookies.organiser, { intent: 'remove', userId: dag, role: 'desk' })).status).toBe(302)
    expect(await t.db.selectFrom('event_desk').select('event_id').where('user_id', '=', dag).execute()).toEqual([])
    const desk = await load('arrangor.$eventId.innsjekking')
    const response = await respond(
      () => desk.loader?.({ request: request(`/arrangor/${ids.mr}/innsjekking`, deskCookie), params: { eventId: ids.mr }, context }) ?? Promise.resolve(null),
    )
    expect(response.status).toBe(404)
  })
})

describe('removing from the team', () => {
  it('removes a viewer and a co-organiser, audited, and they lose access at once', async () => {
    const hanna = await userId('hanna@hotell.example.no')
    const stine = await userId('stine@sf.example.no')
    expect((await postTeam(cookies.organiser, { intent: 'remove', userId: hanna, role: 'viewer' })).status).toBe(302)
    expect((await postTeam(cookies.organiser, { intent: 'remove', userId: stine, role: 'organiser' })).status).toBe(302)
    const removed = (await teamAudit()).filter((a) => a.action === 'team.member_removed' && [hanna, stine].includes(a.entity_id ?? ''))
    expect(removed).toEqual([
      expect.objectContaining({
        actor_user_id: ids.organiser,
        entity_id: hanna,
        event_id: ids.mr,
        before: { userId: hanna, name: 'Hanna Hotell', email: 'hanna@hotell.example.no', role: 'viewer' },
      }),
      expect.objectContaining({
        actor_user_id: ids.organiser,
        entity_id: stine,
        event_id: ids.mr,
        before: { userId: stine, name: 'Stine Statsforvalter', email: 'stine@sf.example.no', role: 'organiser' },
      }),
    ])
    const overview = await load('arrangor.$eventId.oversikt')
    expect(
      (
        await respond(
          () =>
            overview.loader?.({ request: request(`/arrangor/${ids.mr}/oversikt`, viewerCookie), params: { eventId: ids.mr }, context }) ??
            Promise.resolve(null),
        )
      ).status,
    ).toBe(404)
    expect(
      (await respond(() => settingsLoader({ request: request(`/arrangor/${ids.mr}`, coOrganiserCookie), params: { eventId: ids.mr }, context }))).status,
    ).toBe(404)
    expect((await respond(() => eventsLoader({ request: request('/arrangor', coOrganiserCookie), params: {}, context }))).status).toBe(404)
  })

  it('never removes the last organiser', async () => {
    const organisers = await t.db.selectFrom('event_organiser').select('user_id').where('event_id', '=', ids.mr).execute()
    // The organiser added a co-organiser in the POST test's control run (a viewer); the only organiser left is the first.
    expect(organisers.map((o) => o.user_id)).toEqual([ids.organiser])
    const before = await counts()
    const response = await postTeam(cookies.organiser, { intent: 'remove', userId: ids.organiser, role: 'organiser' })
    expect(response.status).toBe(409)
    const body = (await response.json()) as { result: { error: Record<string, string[]> } }
    expect(body.result.error['']).toEqual(['Arrangementet må ha minst én arrangør. Legg til en annen arrangør før du fjerner denne.'])
    expect(await counts()).toEqual(before)
  })

  it('lets an organiser leave when another stays, and sends them to the start page', async () => {
    const response = await postTeam(cookies.organiser, { intent: 'add', name: 'Kåre KS', email: 'kare@ks.example.no', role: 'organiser', languageForm: 'nb' })
    expect(response.status).toBe(302)
    const leave = await postTeam(cookies.organiser, { intent: 'remove', userId: ids.organiser, role: 'organiser' })
    expect(leave.status).toBe(302)
    expect(leave.headers.get('Location')).toBe('/arrangor')
    expect((await t.db.selectFrom('event_organiser').select('user_id').where('event_id', '=', ids.mr).execute()).map((o) => o.user_id)).toEqual([
      await userId('kare@ks.example.no'),
    ])
  })
})

describe('changes racing on one team (separate connections)', () => {
  it('adds a person once when the same form is sent five times at once', async () => {
    const trOrganiser = await userId('tr@example.no')
    const input = { name: 'Dobbel Klikk', email: 'dobbel@example.no', role: 'viewer' as const, languageForm: 'nb' as const }
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => addTeamMember(t.db, TEST_MAIL, { userId: trOrganiser }, ids.tr, input, new Date())),
    )
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(4).fill('team_member_exists'))
    const dobbel = await userId('dobbel@example.no')
    expect(await t.db.selectFrom('event_viewer').select('event_id').where('user_id', '=', dobbel).execute()).toEqual([{ event_id: ids.tr }])
    const mails = await t.db.selectFrom('email').select('to_addresses').where('template', '=', 'team-member-added').execute()
    expect(mails.filter((m) => m.to_addresses.includes('dobbel@example.no'))).toHaveLength(1)
  })

  it('keeps one organiser when two organisers remove each other at the same moment', async () => {
    const trOrganiser = await userId('tr@example.no')
    const other =
      (
        await addTeamMember(
          t.db,
          TEST_MAIL,
          { userId: trOrganiser },
          ids.tr,
          { name: 'Olga Annen', email: 'olga@example.no', role: 'organiser', languageForm: 'nb' },
          new Date(),
        )
      )?.userId ?? ''
    const results = await Promise.allSettled([
      removeTeamMember(t.db, { userId: trOrganiser }, ids.tr, { userId: other, role: 'organiser' }, new Date()),
      removeTeamMember(t.db, { userId: other }, ids.tr, { userId: trOrganiser, role: 'organiser' }, new Date()),
    ])
    const organisers = await t.db.selectFrom('event_organiser').select('user_id').where('event_id', '=', ids.tr).execute()
    expect(organisers).toHaveLength(1)
    // One removal went through; the other found its actor gone (null, a 404) or the last organiser (refused).
    expect(results.filter((r) => r.status === 'fulfilled' && r.value !== null)).toHaveLength(1)
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'team.member_removed').where('event_id', '=', ids.tr).execute()).toHaveLength(1)
  })
})
