import jsQR from 'jsqr'
import QRCode from 'qrcode'
import { extractText, getDocumentProxy } from 'unpdf'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BADGE_PARTS, qrStrips, sheetLayout } from '~/domain/badges'
import { osloDateTime } from '~/domain/dates'
import { findEventFor } from '~/services/access.server'
import { badgeChoices, badgeData, downloadBadges, renderBadgesPdf } from '~/services/badges.server'
import { participantIdFromCode } from '~/services/participant-codes.server'
import { upsertUser } from '~/services/users.server'
import { loader as pdfLoader } from '~/routes/arrangor.$eventId.navneskilt[.]pdf'
import { loader as pageLoader } from '~/routes/arrangor.$eventId.navneskilt'
import { respond, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { addParticipant, eventId, MR, makeOrganiser, registrationId, seeded, sessionCookieFor, TR } from '../helpers/fixtures'

/**
 * Name badges against real Postgres: the data (active participants of this
 * event only, their parallel sessions, the sort orders), the PDF parsed back
 * with unpdf (Norwegian and Sami letters, eight a sheet), one participant's
 * badge, and who may have them: the event's organisers only, by the service
 * and by the routes.
 */

let t: TestDatabase
let mr = ''
let organiserId = ''
const people: Record<string, string> = {}
let sessions: Array<{ id: string; title: string; slot_id: string | null }> = []

const SAMI = 'Niillas Đuoŋŋa Šuŧež'
const SAMI_2 = 'Máret Áile Čoavddáš'
const NOW = osloDateTime('2021-11-01', '12:00')

beforeAll(async () => {
  t = await createTestDatabase()
})

afterAll(async () => {
  await t.drop()
})

async function person(municipality: string, name: string, title: string, options: { slug?: string; status?: 'cancelled' | 'substituted' } = {}) {
  const reg = await registrationId(t.db, options.slug ?? MR, municipality)
  const { id } = await addParticipant(t.db, reg, `${name.split(' ')[0]?.toLowerCase()}.${Object.keys(people).length}@example.no`, name)
  await t.db
    .updateTable('participant')
    .set({ title, ...(options.status ? { status: options.status, cancelled_at: NOW } : {}) })
    .where('id', '=', id)
    .execute()
  people[name] = id
  return id
}

beforeEach(async () => {
  await truncateAll(t.db)
  await seeded(t.db)
  for (const key of Object.keys(people)) delete people[key]
  mr = await eventId(t.db, MR)
  organiserId = (await makeOrganiser(t.db, 'arrangor@example.no', MR)).id
  sessions = await t.db
    .selectFrom('program_item')
    .select(['id', 'title', 'slot_id'])
    .where('event_id', '=', mr)
    .where('kind', '=', 'parallel')
    .orderBy('starts_at')
    .orderBy('sort_order')
    .execute()
  expect(sessions.length).toBeGreaterThanOrEqual(2)
  await person('Ålesund', 'Ærlige Øystein Åsheim', 'Klimarådgiver')
  await person('Aukra', 'Kari Zahl', 'Ordfører')
  await person('Vestnes', SAMI, 'Kommunedirektør')
  await person('Molde', SAMI_2, 'Rådgiver miljø')
  await person('Ålesund', 'Per Berg', 'Kommunalsjef')
  await person('Molde', 'Anne Avmeldt', 'Rådgiver', { status: 'cancelled' })
  await person('Selbu', 'Trond Annetarrangement', 'Rådgiver', { slug: TR })
  const [first, second] = sessions
  await t.db
    .insertInto('session_choice')
    .values([
      { participant_id: people['Kari Zahl'] as string, program_item_id: first?.id as string, slot_id: first?.slot_id ?? null },
      { participant_id: people['Ærlige Øystein Åsheim'] as string, program_item_id: second?.id as string, slot_id: second?.slot_id ?? null },
    ])
    .execute()
})

const grantFor = async (userId: string, action: 'event.manage' | 'checkin.read' | 'overview.read' = 'event.manage') =>
  findEventFor(t.db, { userId }, mr, action)

async function organiserGrant() {
  const grant = await grantFor(organiserId)
  if (!grant) throw new Error('the organiser has the event')
  return grant
}

async function pdfText(pdf: Uint8Array): Promise<{ pages: number; text: string }> {
  const doc = await getDocumentProxy(new Uint8Array(pdf))
  const { totalPages, text } = await extractText(doc, { mergePages: true })
  return { pages: totalPages, text }
}

describe('badgeData', () => {
  it('holds the active participants of this event with title, municipality, sessions and a check-in code, sorted by municipality then surname', async () => {
    const data = await badgeData(t.db, await organiserGrant(), { sort: 'municipality', languageForm: 'nb' })
    expect(data?.badges.map((b) => [b.municipality, b.name])).toEqual([
      ['Aukra', 'Kari Zahl'],
      ['Molde', SAMI_2],
      ['Vestnes', SAMI],
      ['Ålesund', 'Per Berg'],
      ['Ålesund', 'Ærlige Øystein Åsheim'],
    ])
    const kari = data?.badges.find((b) => b.name === 'Kari Zahl')
    expect(kari?.title).toBe('Ordfører')
    expect(kari?.sessions).toEqual([expect.stringMatching(new RegExp(`^tor \\d\\d\\.\\d\\d ${sessions[0]?.title}$`))])
    expect(data?.badges.find((b) => b.name === 'Per Berg')?.sessions).toEqual([])
    // The QR code's content is the participant's own check-in code, which the desk reads back.
    expect(await participantIdFromCode(t.db, kari?.checkInCode ?? '', 'check-in')).toBe(people['Kari Zahl'])
    expect(await participantIdFromCode(t.db, kari?.checkInCode ?? '', 'personal-link')).toBeNull()
  })

  it('sorts by surname, æ, ø, å after z', async () => {
    const data = await badgeData(t.db, await organiserGrant(), { sort: 'surname', languageForm: 'nb' })
    expect(data?.badges.map((b) => b.name)).toEqual(['Per Berg', SAMI_2, SAMI, 'Kari Zahl', 'Ærlige Øystein Åsheim'])
  })

  it('gives one participant alone, and null for a cancelled one, another event’s or an unknown id', async () => {
    const one = await badgeData(t.db, await organiserGrant(), { sort: 'surname', participantId: people[SAMI], languageForm: 'nb' })
    expect(one?.badges.map((b) => b.name)).toEqual([SAMI])
    for (const id of [people['Anne Avmeldt'], people['Trond Annetarrangement'], '00000000-0000-4000-8000-000000000000']) {
      expect(await badgeData(t.db, await organiserGrant(), { sort: 'surname', participantId: id, languageForm: 'nb' })).toBeNull()
    }
  })

  it('is for organisers only: a viewer, a desk helper and a stranger get no grant, and a desk grant gets null', async () => {
    const viewer = await upsertUser(t.db, { email: 'hotell@example.no', name: 'Hotellet' })
    const desk = await upsertUser(t.db, { email: 'vert@example.no', name: 'Vert' })
    const stranger = await upsertUser(t.db, { email: 'fremmed@example.no', name: 'Fremmed' })
    await t.db.insertInto('event_viewer').values({ event_id: mr, user_id: viewer.id }).execute()
    await t.db.insertInto('event_desk').values({ event_id: mr, user_id: desk.id }).execute()
    for (const user of [viewer, desk, stranger]) expect(await grantFor(user.id)).toBeNull()
    const deskGrant = await grantFor(desk.id, 'checkin.read')
    expect(deskGrant?.role).toBe('desk')
    if (!deskGrant) throw new Error('the desk helper opens the desk')
    expect(await badgeData(t.db, deskGrant, { sort: 'surname', languageForm: 'nb' })).toBeNull()
    expect(await badgeChoices(t.db, deskGrant, 'Kari')).toBeNull()
    const viewerGrant = await grantFor(viewer.id, 'overview.read')
    if (!viewerGrant) throw new Error('the viewer reads the overview')
    expect(await badgeData(t.db, viewerGrant, { sort: 'surname', languageForm: 'nb' })).toBeNull()
    expect(await downloadBadges(t.db, { userId: desk.id }, mr, { sort: 'surname', languageForm: 'nb' }, NOW)).toBeNull()
  })
})

describe('renderBadgesPdf', () => {
  it('writes names with Norwegian and Sami letters, titles, municipalities and sessions that read back from the PDF', async () => {
    const data = await badgeData(t.db, await organiserGrant(), { sort: 'municipality', languageForm: 'nb' })
    if (!data) throw new Error('badges')
    const { pages, text } = await pdfText(await renderBadgesPdf(data))
    expect(pages).toBe(1)
    for (const expected of [
      'Ærlige Øystein Åsheim',
      SAMI,
      SAMI_2,
      'Kari Zahl',
      'Ordfører',
      'Klimarådgiver',
      'Kommunedirektør',
      'Ålesund',
      'Aukra',
      'Vestnes',
    ]) {
      expect(text).toContain(expected)
    }
    expect(text).toContain(`${sessions[0]?.title}`.slice(0, 12))
    expect(text).not.toContain('Anne Avmeldt')
    expect(text).not.toContain('Trond Annetarrangement')
    // In the order asked for.
    expect(text.indexOf('Kari Zahl')).toBeLessThan(text.indexOf(SAMI_2))
    expect(text.indexOf('Per Berg')).toBeLessThan(text.indexOf('Ærlige Øystein Åsheim'))
  })

  it('keeps every line of text inside its badge and clear of the QR code, long names and sessions too', async () => {
    const data = await badgeData(t.db, await organiserGrant(), { sort: 'municipality', languageForm: 'nb' })
    const first = data?.badges[0]
    if (!data || !first) throw new Error('badges')
    const long = [
      { ...first, name: 'Hubert Blaine Wolfeschlegelsteinhausenbergerdorff Senior' },
      {
        ...first,
        name: `${SAMI_2} ${SAMI}`,
        title: 'Seniorrådgiver for klima, miljø og bærekraft i plan- og bygningsetaten',
        municipality: 'Guovdageaidnu – Kautokeino',
      },
      {
        ...first,
        name: 'Å',
        sessions: [
          'tor 14.30 Klimatilpasning i arealplanleggingen og i byggesaksbehandlingen for små kommuner',
          'fre 09.00 Kort',
          'fre 10.00 A',
          'fre 11.00 B',
          'fre 12.00 C',
        ],
      },
      ...data.badges,
    ]
    const doc = await getDocumentProxy(new Uint8Array(await renderBadgesPdf({ ...data, badges: long })))
    const page = await doc.getPage(1)
    const items = (await page.getTextContent()).items.filter(
      (i): i is typeof i & { str: string; transform: number[]; width: number } => 'str' in i && i.str.trim() !== '',
    )
    const layout = sheetLayout()
    const p = BADGE_PARTS
    expect(items.length).toBeGreaterThan(20)
    for (const item of items) {
      const [, , , size = 0, x = 0, baseline = 0] = item.transform
      const y = layout.page.height - baseline
      const box = layout.badges.find((b) => x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height)
      expect(box, `"${item.str}" lies on a badge`).toBeDefined()
      if (!box) continue
      expect(x, `"${item.str}" starts inside the padding`).toBeGreaterThanOrEqual(box.x + p.padding - 0.01)
      expect(x + item.width, `"${item.str}" ends inside the padding`).toBeLessThanOrEqual(box.x + box.width - p.padding + 0.5)
      expect(y - size * 0.75, `"${item.str}" starts below the top padding`).toBeGreaterThanOrEqual(box.y + p.padding - 0.5)
      expect(y, `"${item.str}" ends above the bottom padding`).toBeLessThanOrEqual(box.y + box.height - p.padding + 0.5)
      const qrTop = box.y + box.height - p.padding - p.qrSize
      if (y > qrTop) expect(x + item.width, `"${item.str}" stays left of the QR code`).toBeLessThanOrEqual(box.x + box.width - p.padding - p.qrSize + 0.5)
    }
    const text = items.map((i) => i.str).join(' ')
    expect(text).toContain('Hubert Blaine')
    expect(text).toContain('…')
    // At most four sessions on a badge: the fifth is left out.
    expect(text).toContain('fre 11.00 B')
    expect(text).not.toContain('fre 12.00 C')
  })

  it('draws a QR code that a scanner reads back as the participant’s check-in code', async () => {
    const data = await badgeData(t.db, await organiserGrant(), { sort: 'municipality', languageForm: 'nb' })
    const badge = data?.badges.find((b) => b.name === SAMI)
    if (!badge) throw new Error('a badge')
    // The strips the renderer fills, at the badge's size, painted 4 pixels a point onto white.
    const scale = 4
    const side = Math.ceil(BADGE_PARTS.qrSize * scale) + 8
    const pixels = new Uint8ClampedArray(side * side * 4).fill(255)
    const { modules } = QRCode.create(badge.checkInCode, { errorCorrectionLevel: 'M' })
    for (const r of qrStrips(modules, { x: 4, y: 4, width: BADGE_PARTS.qrSize * scale, height: BADGE_PARTS.qrSize * scale })) {
      for (let y = Math.round(r.y); y < Math.round(r.y + r.height); y++) {
        for (let x = Math.round(r.x); x < Math.round(r.x + r.width); x++) pixels.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3)
      }
    }
    const read = jsQR(pixels, side, side)
    expect(read?.data).toBe(badge.checkInCode)
    expect(await participantIdFromCode(t.db, read?.data ?? '', 'check-in')).toBe(people[SAMI])
  })

  it('sets the title and the language', async () => {
    const data = await badgeData(t.db, await organiserGrant(), { sort: 'municipality', languageForm: 'nb' })
    if (!data) throw new Error('badges')
    const doc = await getDocumentProxy(new Uint8Array(await renderBadgesPdf(data)))
    const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, unknown> }
    expect(info.Title).toBe('Navneskilt – Klimasamling for kommunene i Møre og Romsdal')
    expect(info.Language).toBe('nb')
  })

  it('writes its own words in nynorsk for a nynorsk reader: title, language, an empty sheet', async () => {
    const data = await badgeData(t.db, await organiserGrant(), { sort: 'municipality', languageForm: 'nn' })
    if (!data) throw new Error('badges')
    const doc = await getDocumentProxy(new Uint8Array(await renderBadgesPdf(data)))
    const { info } = (await doc.getMetadata()) as unknown as { info: Record<string, unknown> }
    expect(info.Title).toBe('Namneskilt – Klimasamling for kommunene i Møre og Romsdal')
    expect(info.Language).toBe('nn')
    const none = await pdfText(await renderBadgesPdf({ ...data, badges: [] }))
    expect(none.text).toContain('ingen påmelde deltakarar')
  })

  it('puts eight badges on a sheet: 8 → 1 page, 9 → 2 pages, none → 1 page that says so', async () => {
    const data = await badgeData(t.db, await organiserGrant(), { sort: 'surname', languageForm: 'nb' })
    if (!data) throw new Error('badges')
    const badge = data.badges[0]
    if (!badge) throw new Error('a badge')
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ ...badge, participantId: String(i), name: `Person Nummer${i + 1}` }))
    const eight = await pdfText(await renderBadgesPdf({ ...data, badges: many(8) }))
    expect(eight.pages).toBe(1)
    expect(eight.text).toContain('Person Nummer8')
    const nine = await pdfText(await renderBadgesPdf({ ...data, badges: many(9) }))
    expect(nine.pages).toBe(2)
    expect(nine.text).toContain('Person Nummer9')
    const none = await pdfText(await renderBadgesPdf({ ...data, badges: [] }))
    expect(none.pages).toBe(1)
    expect(none.text).toContain('ingen påmeldte deltakere')
  })

  it('draws 600 badges on 75 sheets in well under a few seconds', async () => {
    const data = await badgeData(t.db, await organiserGrant(), { sort: 'surname', languageForm: 'nb' })
    const badge = data?.badges[0]
    if (!data || !badge) throw new Error('a badge')
    const badges = Array.from({ length: 600 }, (_, i) => ({ ...badge, participantId: String(i), name: `${SAMI} ${i}` }))
    const pdf = await renderBadgesPdf({ ...data, badges })
    const doc = await getDocumentProxy(new Uint8Array(pdf))
    expect(doc.numPages).toBe(75)
  })
})

describe('downloadBadges and the routes', () => {
  it('downloads all badges as a PDF file, named for the event, and logs the download', async () => {
    const file = await downloadBadges(t.db, { userId: organiserId }, mr, { sort: 'surname', languageForm: 'nb' }, NOW)
    expect(file?.filename).toBe('navneskilt-klimasamling-more-og-romsdal-2021.pdf')
    expect(file?.badges).toBe(5)
    const audit = await t.db.selectFrom('audit_log').select(['action', 'actor_label', 'after']).where('action', '=', 'badges.downloaded').execute()
    expect(audit).toEqual([{ action: 'badges.downloaded', actor_label: 'organiser', after: { sort: 'surname', badges: 5 } }])
  })

  const get = (cookie: string, url: string) => new Request(new URL(url, 'http://localhost'), { headers: { Cookie: cookie } })

  it('answers the PDF with its type and an attachment; a bad query 400 with a message; another event’s participant and a stranger 404', async () => {
    const context = testContext({ db: t.db, now: NOW })
    const cookie = await sessionCookieFor(context, organiserId)
    const base = `/arrangor/${mr}/navneskilt.pdf`
    const ok = await respond(() => pdfLoader({ request: get(cookie, `${base}?sortering=etternavn&deltaker=`), params: { eventId: mr }, context }))
    expect(ok.status).toBe(200)
    expect(ok.headers.get('Content-Type')).toBe('application/pdf')
    expect(ok.headers.get('Content-Disposition')).toBe('attachment; filename="navneskilt-klimasamling-more-og-romsdal-2021.pdf"')
    expect(ok.headers.get('Cache-Control')).toBe('private, no-store')
    const all = await pdfText(new Uint8Array(await ok.arrayBuffer()))
    expect(all.text.indexOf('Per Berg')).toBeLessThan(all.text.indexOf('Kari Zahl'))

    const one = await respond(() => pdfLoader({ request: get(cookie, `${base}?deltaker=${people[SAMI]}`), params: { eventId: mr }, context }))
    expect(one.status).toBe(200)
    expect(one.headers.get('Content-Disposition')).toContain('navneskilt-klimasamling-more-og-romsdal-2021-niillas-')
    const oneText = await pdfText(new Uint8Array(await one.arrayBuffer()))
    expect(oneText.text).toContain(SAMI)
    expect(oneText.text).not.toContain('Kari Zahl')

    for (const query of ['?sortering=alder', '?deltaker=123', `?sortering=kommune&deltaker=${people[SAMI]}x`]) {
      const bad = await respond(() => pdfLoader({ request: get(cookie, `${base}${query}`), params: { eventId: mr }, context }))
      expect(bad.status, query).toBe(400)
      expect(bad.headers.get('Content-Type')).toBe('text/html; charset=utf-8')
      expect(await bad.text()).toContain('Kunne ikke lage navneskiltene')
    }
    for (const id of [people['Trond Annetarrangement'], people['Anne Avmeldt']]) {
      const foreign = await respond(() => pdfLoader({ request: get(cookie, `${base}?deltaker=${id}`), params: { eventId: mr }, context }))
      expect(foreign.status).toBe(404)
    }
    // A viewer (the hotel), a desk helper and a stranger: 404 on the page and the PDF alike.
    const viewer = await upsertUser(t.db, { email: 'hotell@example.no', name: 'Hotellet' })
    const desk = await upsertUser(t.db, { email: 'vert@example.no', name: 'Vert' })
    const stranger = await upsertUser(t.db, { email: 'fremmed@example.no', name: 'Fremmed' })
    await t.db.insertInto('event_viewer').values({ event_id: mr, user_id: viewer.id }).execute()
    await t.db.insertInto('event_desk').values({ event_id: mr, user_id: desk.id }).execute()
    for (const user of [viewer, desk, stranger]) {
      const other = await sessionCookieFor(context, user.id)
      expect((await respond(() => pdfLoader({ request: get(other, base), params: { eventId: mr }, context }))).status, user.email).toBe(404)
      const page = await respond(() => pageLoader({ request: get(other, `/arrangor/${mr}/navneskilt`), params: { eventId: mr }, context }))
      expect(page.status, user.email).toBe(404)
    }
    // Two downloads, both the organiser's.
    expect(await t.db.selectFrom('audit_log').select('actor_user_id').where('action', '=', 'badges.downloaded').execute()).toEqual([
      { actor_user_id: organiserId },
      { actor_user_id: organiserId },
    ])
  })

  it('the page counts the badges and finds participants by name or municipality, active ones of this event only', async () => {
    const context = testContext({ db: t.db, now: NOW })
    const cookie = await sessionCookieFor(context, organiserId)
    const page = async (query: string) =>
      (await (await respond(() => pageLoader({ request: get(cookie, `/arrangor/${mr}/navneskilt${query}`), params: { eventId: mr }, context }))).json()) as {
        count: number
        matches: Array<{ name: string }>
      }
    expect((await page('')).count).toBe(5)
    expect((await page('')).matches).toEqual([])
    expect((await page('?sok=%C3%A5lesund')).matches.map((m) => m.name)).toEqual(['Per Berg', 'Ærlige Øystein Åsheim'])
    expect((await page('?sok=%C5%A0u%C5%A7')).matches.map((m) => m.name)).toEqual([SAMI])
    expect((await page('?sok=Anne')).matches).toEqual([])
    expect((await page('?sok=Trond')).matches).toEqual([])
    expect((await page('?sok=100%25')).matches).toEqual([])
    expect((await page('?sok=Kari%00Zahl')).matches.map((m) => m.name)).toEqual(['Kari Zahl'])
  })
})
