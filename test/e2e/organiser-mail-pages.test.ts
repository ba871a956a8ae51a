import type { ParsedMail } from 'mailparser'
import type { Locator, Page } from 'playwright-core'
import { beforeAll, expect, it, vi } from 'vitest'
import { type EnrolInput, enrolParticipant } from '~/services/enrolment.server'
import { upsertUser } from '~/services/users.server'
import { expectNoAxeViolations } from '../helpers/browser'
import { describeInChromium, e2eWorld } from '../helpers/e2e-world'
import { enrolInput, eventId, makeOrganiser, registrationId, TEST_MAIL, TR } from '../helpers/fixtures'
import { heading, mainText, plain, press } from '../helpers/pages'

const addresses = (a: ParsedMail['to'] | ParsedMail['cc']) => (a ? (Array.isArray(a) ? a : [a]).flatMap((x) => x.value.map((v) => v.address ?? '')) : [])

const BEFORE_DEADLINE = '2018-10-01T10:00:00.000Z'
const AFTER_DEADLINE = '2018-10-25T10:00:00.000Z'
const TR_TITLE = 'Klimasamling for kommunene i Trøndelag'

const SELBU_CONTACT = { name: 'Kåre Kontakt', email: 'kontakt@selbu.example.no' }
const MERAKER_CONTACT = { name: 'Mari Meråker', email: 'kontakt@meraker.example.no' }
const ANNE = { name: 'Anne Selbu', email: 'anne@selbu.example.no' }
const BJORN = { name: 'Bjørn Selbu', email: 'bjorn@selbu.example.no' }
const CECILIE = { name: 'Cecilie Sæther', email: 'cecilie@selbu.example.no' }
const MONA = { name: 'Mona Meråker', email: 'mona@meraker.example.no' }

/**
 * The organiser's mail pages for Trøndelag 2018 in Chromium, against the real
 * server (its clock after the deadline) and real SMTP: the coverage page,
 * where the organiser reads a municipality's confirmation, grants an extra
 * covered night by keyboard and sends the confirmations; and the page to
 * write to every participant, with and without JavaScript.
 */
describeInChromium('the organiser’s coverage and message pages in Chromium', () => {
  const world = e2eWorld({ now: AFTER_DEADLINE, smtp: true, ignoreFailedLoads: true })
  let tr = ''
  let selbu = ''
  let meraker = ''
  let organiserId = ''

  beforeAll(async () => {
    const db = world.db
    // The server seeds the database as it starts; the scene is set on it after.
    tr = await eventId(db, TR)
    selbu = await registrationId(db, TR, 'Selbu')
    meraker = await registrationId(db, TR, 'Meråker')
    organiserId = (await makeOrganiser(db, 'arrangor@example.no', TR)).id
    for (const [registration, contact] of [
      [selbu, SELBU_CONTACT],
      [meraker, MERAKER_CONTACT],
    ] as const) {
      const user = await upsertUser(db, contact)
      await db
        .updateTable('registration')
        .set({ contact_user_id: user.id, contact_named_at: new Date(BEFORE_DEADLINE) })
        .where('id', '=', registration)
        .execute()
    }
    // Enrolled before the deadline: Selbu three with a hotel night (two covered, Cecilie self-paid), Meråker one for day 1 only.
    const days = await db.selectFrom('event_day').select('id').where('event_id', '=', tr).orderBy('date').execute()
    const night = await db.selectFrom('hotel_night').select('id').where('event_id', '=', tr).executeTakeFirstOrThrow()
    const enrol = (registration: string, who: { name: string; email: string }, overnight: boolean): EnrolInput =>
      enrolInput(registration, {
        ...who,
        dayIds: overnight ? days.map((d) => d.id) : [days[0]?.id ?? ''],
        nightIds: overnight ? [night.id] : [],
        attendsDinner: overnight,
      })
    for (const who of [ANNE, BJORN, CECILIE]) await enrolParticipant(db, TEST_MAIL, { userId: organiserId }, enrol(selbu, who, true), new Date(BEFORE_DEADLINE))
    await enrolParticipant(db, TEST_MAIL, { userId: organiserId }, enrol(meraker, MONA, false), new Date(BEFORE_DEADLINE))
    // Their confirmations are another test's business: only what these pages send reaches the sink. The
    // server's worker is already running and may have claimed some, so let it deliver them all, then forget them.
    await vi.waitFor(
      async () => {
        const queued = await db.selectFrom('email').select('id').where('status', '!=', 'sent').execute()
        if (queued.length > 0) throw new Error(`${queued.length} confirmations not delivered yet`)
      },
      { timeout: 15_000, interval: 100 },
    )
    world.mail.received.length = 0
    await db.deleteFrom('email').execute()
  })

  /** A page logged in as the organiser, as of the server's clock, watched for JavaScript errors. */
  const organiser = (options: { javaScriptEnabled?: boolean } = {}) => world.page({ ...options, login: organiserId })

  /** Waits until the worker has recorded every email of the event as sent (the sink hears of it a moment before). */
  async function allRecordedSent() {
    await expect
      .poll(async () => (await world.db.selectFrom('email').select('id').where('event_id', '=', tr).where('status', '!=', 'sent').execute()).length)
      .toBe(0)
  }

  /** The coverage table's row of a municipality: participants, covered overnight, day packages, self-paid, confirmation status. */
  async function coverageRow(page: Page, municipality: string) {
    const row = page.locator('main table tbody tr').filter({ has: page.getByRole('cell', { name: municipality, exact: true }) })
    const cells = (await row.locator('td').allInnerTexts()).map(plain)
    const status = plain(await row.locator('td').last().locator('[data-color]').first().innerText())
    return { participants: cells[1], overnight: cells[2], dayPackages: cells[3], selfPaid: cells[4], status }
  }

  it('a. coverage after the deadline: reads Selbu’s message, grants Selbu an extra covered night by keyboard, and sends the confirmations', async () => {
    const page = await organiser()
    await page.goto(world.url(`/arrangor/${tr}/dekning`))
    await expect.poll(() => heading(page)).toBe('Dekning og bekreftelse')
    expect(plain(await page.locator('main table caption').innerText())).toBe('Dekning per kommune med påmeldte')
    // The 49 invited municipalities less the two with participants are counted, not listed.
    expect(await mainText(page)).toContain('47 inviterte kommuner har ingen påmeldte og får ingen bekreftelse.')
    expect((await page.locator('main table tbody tr td:first-child').allInnerTexts()).map(plain)).toEqual(['Meråker', 'Selbu'])
    expect((await page.locator('main table thead th').allInnerTexts()).map(plain)).toEqual([
      'Kommune',
      'Deltakere',
      'Dekket overnatting',
      'Dagpakker',
      'Egenbetalt',
      'Ekstra dekket',
      'Bekreftelse',
    ])
    expect(await coverageRow(page, 'Selbu')).toEqual({
      participants: '3',
      overnight: '2 av 2',
      dayPackages: '0 av 1',
      selfPaid: '1, ca. 2 500 kr',
      status: 'Ikke sendt',
    })
    expect(await coverageRow(page, 'Meråker')).toEqual({
      participants: '1',
      overnight: '0 av 2',
      dayPackages: '1 av 1',
      selfPaid: 'ingen',
      status: 'Ikke sendt',
    })
    const send = page.getByRole('button', { name: 'Send bekreftelse til 2 kommuner', exact: true })
    expect(await send.count()).toBe(1)
    await expectNoAxeViolations(page)

    // The list renders no message: Selbu's, as it will be sent, opens on its own page (decision 41).
    expect(await page.locator('main pre').count()).toBe(0)
    await press(page.getByRole('link', { name: 'Se meldingen til Selbu', exact: true }))
    await page.waitForURL(world.url(`/arrangor/${tr}/dekning/${selbu}`))
    await expect.poll(() => heading(page)).toBe('Bekreftelse til Selbu')
    const message = plain(await page.locator('main').innerText())
    expect(message).toContain(`Til ${SELBU_CONTACT.email}`)
    expect(message).toContain(`Emne ${TR_TITLE}: bekreftelse av dekning for Selbu kommune`)
    expect(message).toContain(`${ANNE.name}: dekket overnatting`)
    expect(message).toContain(`${CECILIE.name}: egenbetalt; kommunen betaler ca. 2 500 kr`)
    expect(message).toContain('Kommunen betaler i alt: ca. 2 500 kr')
    expect(message).not.toContain(MONA.name)
    await expectNoAxeViolations(page)
    await press(page.getByRole('link', { name: 'Tilbake til dekning og bekreftelse', exact: true }))
    await page.waitForURL(world.url(`/arrangor/${tr}/dekning`))

    // The list filtered by name on the server: only Selbu.
    await page.getByLabel('Kommune', { exact: true }).fill('SEL')
    await page.keyboard.press('Enter')
    await page.waitForURL(/kommune=SEL/)
    await expect.poll(async () => (await page.locator('main table').first().locator('tbody tr td:first-child').allInnerTexts()).map(plain)).toEqual(['Selbu'])
    await expectNoAxeViolations(page)
    await page.goto(world.url(`/arrangor/${tr}/dekning`))
    await expect.poll(() => heading(page)).toBe('Dekning og bekreftelse')

    // One more covered night for Selbu, by keyboard: the field is named for the municipality.
    const overnight = page.getByLabel('Overnatting for Selbu', { exact: true })
    expect(await overnight.inputValue()).toBe('0')
    await overnight.focus()
    await page.keyboard.press('ControlOrMeta+A')
    await page.keyboard.type('1')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.id)).toBe(await page.getByLabel('Dagpakker for Selbu', { exact: true }).getAttribute('id'))
    await page.keyboard.press('Tab')
    expect(plain(await page.evaluate(() => document.activeElement?.textContent ?? ''))).toBe('Lagre ekstra dekning for Selbu')
    await page.keyboard.press('Enter')
    await expect.poll(async () => (await coverageRow(page, 'Selbu')).overnight).toBe('3 av 3')
    expect(await coverageRow(page, 'Selbu')).toEqual({ participants: '3', overnight: '3 av 3', dayPackages: '0 av 1', selfPaid: 'ingen', status: 'Ikke sendt' })
    expect(await page.getByLabel('Overnatting for Selbu', { exact: true }).inputValue()).toBe('1')
    expect(page.url()).toMatch(/\/dekning\?tildelt=[0-9a-f-]+&fikk=1$/)
    // The page says what happened, as a status message.
    expect(plain(await page.locator('main').getByRole('status').innerText())).toBe(
      'Ekstra dekning for Selbu er lagret: 1 overnatting og 0 dagpakker. 1 deltaker fikk dekket plass og får e-post om det.',
    )
    // Cecilie now has a covered place, and is told.
    const [promoted] = await world.mail.waitFor(1, 10_000)
    expect(addresses(promoted?.to)).toEqual([CECILIE.email])
    expect(addresses(promoted?.cc)).toEqual([SELBU_CONTACT.email])
    expect(promoted?.subject).toBe(`${TR_TITLE}: ${CECILIE.name} har fått dekket plass`)
    await expectNoAxeViolations(page)

    await press(page.getByRole('button', { name: 'Send bekreftelse til 2 kommuner', exact: true }))
    await page.waitForURL(world.url(`/arrangor/${tr}/dekning?sendt=2`))
    await expect.poll(async () => plain(await page.locator('main').getByRole('status').innerText())).toBe('Bekreftelsen er lagt i kø til 2 kommuner.')
    expect(plain(await page.getByRole('button', { name: 'Alle bekreftelser er sendt', exact: true }).innerText())).toBe('Alle bekreftelser er sendt')
    expect((await coverageRow(page, 'Selbu')).status).toBe('Sendt 25. oktober 2018 kl. 12.00')
    expect((await coverageRow(page, 'Meråker')).status).toBe('Sendt 25. oktober 2018 kl. 12.00')
    await expectNoAxeViolations(page)

    const received = await world.mail.waitFor(3, 10_000)
    expect(received).toHaveLength(3)
    const confirmation = (to: string) => received.filter((m) => addresses(m.to)[0] === to && m.subject?.includes('bekreftelse av dekning'))
    const [toSelbu, ...moreSelbu] = confirmation(SELBU_CONTACT.email)
    const [toMeraker, ...moreMeraker] = confirmation(MERAKER_CONTACT.email)
    expect([moreSelbu, moreMeraker]).toEqual([[], []])
    expect(toSelbu?.subject).toBe(`${TR_TITLE}: bekreftelse av dekning for Selbu kommune`)
    expect(addresses(toSelbu?.cc)).toEqual([])
    expect(addresses(toSelbu?.replyTo)).toEqual(['klimasamling-trondelag@example.no'])
    expect(plain(toSelbu?.text ?? '')).toContain(`${CECILIE.name}: dekket overnatting`)
    expect(plain(toSelbu?.text ?? '')).toContain('Kommunen betaler i alt: ingenting')
    expect(toMeraker?.subject).toBe(`${TR_TITLE}: bekreftelse av dekning for Meråker kommune`)
    expect(plain(toMeraker?.text ?? '')).toContain(`${MONA.name}: dekket dagpakke (Dag 1)`)
    await allRecordedSent()
  })

  /** The message form after an empty submit: each error at its field and, linked to it, in the summary; nothing queued. */
  async function expectEmptyFormRefused(page: Page, queuedBefore: number) {
    const summary = page.locator('main').getByText('Rett opp dette for å gå videre:', { exact: true })
    await expect.poll(() => summary.count()).toBe(1)
    const subject = page.getByLabel('Emne', { exact: true })
    const body = page.getByLabel('Melding', { exact: true })
    // At the fields: marked invalid, and the message read with the field.
    expect(await subject.getAttribute('aria-invalid')).toBe('true')
    expect(await body.getAttribute('aria-invalid')).toBe('true')
    // What aria-describedby links to: each element exactly once (a duplicate is read twice).
    const described = async (field: Locator) =>
      field.evaluate((el) =>
        (el.getAttribute('aria-describedby') ?? '')
          .split(' ')
          .filter(Boolean)
          .map((id) => document.getElementById(id)?.textContent?.trim()),
      )
    expect(await described(subject)).toEqual(['Skriv et emne.'])
    expect((await described(body)).sort()).toEqual(['En tom linje skiller avsnitt. Hilsen med ditt navn legges til nederst.', 'Skriv meldingen.'])
    // In the summary: each links to its field.
    const links = page.locator('main a[href^="#"]').filter({ hasText: /^(Emne|Melding):/ })
    expect((await links.allInnerTexts()).map(plain)).toEqual(['Emne: Skriv et emne.', 'Melding: Skriv meldingen.'])
    expect(await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      `#${await subject.getAttribute('id')}`,
      `#${await body.getAttribute('id')}`,
    ])
    expect(await organiserMessages(), 'nothing queued').toBe(queuedBefore)
  }

  const organiserMessages = async () => (await world.db.selectFrom('email').select('id').where('template', '=', 'organiser-message').execute()).length

  /** The four messages that arrive after `start`, one per participant, the contact person in copy. */
  async function expectMessageReceived(start: number, subject: string, sentence: string) {
    const received = (await world.mail.waitFor(start + 4, 10_000)).slice(start)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(world.mail.received).toHaveLength(start + 4)
    expect(received.map((m) => ({ to: addresses(m.to), cc: addresses(m.cc) })).sort((a, b) => (a.to[0] ?? '').localeCompare(b.to[0] ?? ''))).toEqual([
      { to: [ANNE.email], cc: [SELBU_CONTACT.email] },
      { to: [BJORN.email], cc: [SELBU_CONTACT.email] },
      { to: [CECILIE.email], cc: [SELBU_CONTACT.email] },
      { to: [MONA.email], cc: [MERAKER_CONTACT.email] },
    ])
    for (const mail of received) {
      expect(mail.subject).toBe(`${TR_TITLE}: ${subject}`)
      expect(addresses(mail.replyTo)).toEqual(['klimasamling-trondelag@example.no'])
      expect(mail.text).toContain(sentence)
      expect(mail.html).toContain(`<p>${sentence}</p>`)
    }
  }

  it('b. the organiser writes to every participant: an empty form is refused at the fields and in the summary, then the message goes to all four', async () => {
    const start = world.mail.received.length
    const queued = await organiserMessages()
    const page = await organiser()
    await page.goto(world.url(`/arrangor/${tr}/e-post`))
    await page.getByRole('link', { name: 'Skriv til alle deltakerne', exact: true }).click()
    await page.waitForURL(world.url(`/arrangor/${tr}/e-post/ny`))
    await expect.poll(() => heading(page)).toBe('Skriv til deltakerne')
    expect(await mainText(page)).toContain(`Meldingen går til alle 4 påmeldte deltakere på ${TR_TITLE}, hver med kontaktpersonen i sin kommune i kopi.`)
    await expectNoAxeViolations(page)

    await press(page.getByRole('button', { name: 'Send til 4 deltakere', exact: true }))
    await expectEmptyFormRefused(page, queued)
    // Focus goes to the summary, so the list of what to fix is read first.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toContain('Rett opp dette for å gå videre:')
    expect(page.url()).toBe(world.url(`/arrangor/${tr}/e-post/ny`))
    await expectNoAxeViolations(page)

    await page.getByLabel('Emne', { exact: true }).fill('Bussen til Hell går 08.15')
    await page
      .getByLabel('Melding', { exact: true })
      .fill('Hei alle sammen!\n\nBussen fra Trondheim S går 08.15 og er framme på Hell før registreringen åpner. Æ, ø og å.')
    await press(page.getByRole('button', { name: 'Send til 4 deltakere', exact: true }))
    await page.waitForURL(world.url(`/arrangor/${tr}/e-post?melding=4`))
    await expect.poll(() => heading(page)).toBe('E-post')
    expect(plain(await page.locator('main').getByRole('status').innerText())).toBe('Meldingen er lagt i kø til 4 deltakere og sendes om kort tid.')
    await expectNoAxeViolations(page)

    await expectMessageReceived(
      start,
      'Bussen til Hell går 08.15',
      'Bussen fra Trondheim S går 08.15 og er framme på Hell før registreringen åpner. Æ, ø og å.',
    )
    await allRecordedSent()
    // The list shows them, each with the contact person in copy.
    await page.reload()
    const rows = page.locator('main table tbody tr').filter({ hasText: 'Bussen til Hell går 08.15' })
    await expect.poll(() => rows.count()).toBe(4)
  })

  it('c. without JavaScript: the server refuses the empty form with the same errors, then sends the message', async () => {
    const start = world.mail.received.length
    const queued = await organiserMessages()
    const page = await organiser({ javaScriptEnabled: false })
    await page.goto(world.url(`/arrangor/${tr}/e-post/ny`))
    expect(await heading(page)).toBe('Skriv til deltakerne')
    await page.getByRole('button', { name: 'Send til 4 deltakere', exact: true }).click()
    await page.waitForLoadState()
    await expectEmptyFormRefused(page, queued)
    expect(page.url()).toBe(world.url(`/arrangor/${tr}/e-post/ny`))

    await page.getByLabel('Emne', { exact: true }).fill('Program for dag 2')
    await page.getByLabel('Melding', { exact: true }).fill('Hei!\n\nProgrammet for dag 2 er klart på nettsiden. Velg gjerne sesjoner før samlingen.')
    await page.getByRole('button', { name: 'Send til 4 deltakere', exact: true }).click()
    await page.waitForURL(world.url(`/arrangor/${tr}/e-post?melding=4`))
    expect(await mainText(page)).toContain('Meldingen er lagt i kø til 4 deltakere og sendes om kort tid.')
    await expectMessageReceived(start, 'Program for dag 2', 'Programmet for dag 2 er klart på nettsiden. Velg gjerne sesjoner før samlingen.')
    // (axe needs JavaScript in the page, so it checks these pages in the test above.)
  })

  it('d. the coverage page in nynorsk: lang="nn", its own texts in nynorsk, and axe finds nothing', async () => {
    const page = await organiser()
    // The switch's address: the server remembers the choice and comes back without the parameter.
    await page.goto(world.url(`/arrangor/${tr}/dekning?maalform=nn`))
    await page.waitForURL(world.url(`/arrangor/${tr}/dekning`))
    expect(await page.locator('html').getAttribute('lang')).toBe('nn')
    await expect.poll(() => heading(page)).toBe('Dekning og stadfesting')
    expect(await page.title()).toBe(`Dekning – ${TR_TITLE} – Klimasamling`)
    expect(plain(await page.locator('main table caption').innerText())).toBe('Dekning per kommune med påmelde')
    expect((await page.locator('main table thead th').allInnerTexts()).map(plain)).toEqual([
      'Kommune',
      'Deltakarar',
      'Dekt overnatting',
      'Dagpakkar',
      'Eigenbetalt',
      'Ekstra dekt',
      'Stadfesting',
    ])
    const text = await mainText(page)
    expect(text).toContain('47 inviterte kommunar har ingen påmelde og får inga stadfesting.')
    expect(text).toContain('Seine avmeldingar')
    expect(text).toContain('Ingen er meldt av etter fristen.')
    expect(await page.getByRole('button', { name: 'Alle stadfestingar er sende', exact: true }).count()).toBe(1)
    expect(await page.getByRole('link', { name: 'Sjå meldinga til Selbu', exact: true }).count()).toBe(1)
    expect(await page.getByLabel('Overnatting for Selbu', { exact: true }).count()).toBe(1)
    // The page's own words (the navigation bars are other modules' business): none only bokmål has.
    const own = plain(
      await page.locator('main').evaluate((main) => {
        const navs = [...main.querySelectorAll('nav')]
        for (const nav of navs) nav.hidden = true
        const words = (main as HTMLElement).innerText
        for (const nav of navs) nav.hidden = false
        return words
      }),
    )
    expect(own.match(/(?<![\p{L}])(ikke|hva|fra|noen|bare|også|ennå|deltakere|kommuner|påmeldte|bekreftelse|ingenting|sendes)(?![\p{L}])/giu)).toBeNull()
    await expectNoAxeViolations(page)
    // Back to bokmål, for the organiser's account.
    await page.goto(world.url(`/arrangor/${tr}/dekning?maalform=nb`))
    await expect.poll(() => heading(page)).toBe('Dekning og bekreftelse')
  })
})
