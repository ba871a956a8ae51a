import type { ParsedMail } from 'mailparser'
import type { Locator, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { osloDate } from '~/domain/dates'
import { type AppServer, freePort, killAllServers, startAppServer } from '../helpers/app-server'
import { expectNoAxeViolations, hasChromium, launchBrowser, noteMissingChromium, type TestBrowser } from '../helpers/browser'
import { createTestDatabase, type TestDatabase } from '../helpers/database'
import { eventId, MR, makeOrganiser } from '../helpers/fixtures'
import { watchedPages } from '../helpers/pages'
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink'

noteMissingChromium()

const plain = (text: string) => text.replaceAll('\u00a0', ' ').replace(/\s+/g, ' ').trim()
/** The one recipient of a message. */
const recipient = (mail: ParsedMail) => (mail.to && !Array.isArray(mail.to) ? (mail.to.value[0]?.address ?? '') : '')
/** Registration for Møre og Romsdal 2021 opened on 16 August 2021; the deadline is 20 September. */
const AFTER_OPENING = '2021-08-20T10:00:00.000Z'
const REASON = 'Invitert ved en feil.'

/**
 * In Chromium against the real server with real SMTP: after
 * registration opened, the organiser invites a municipality of a neighbouring
 * county (without JavaScript), which gets its invitation at once, and then
 * withdraws it again with a reason (with JavaScript), after being told at the
 * field that the reason is missing. Axe checks every page state.
 */
describe.skipIf(!hasChromium)('changing the invited list after registration opened, in Chromium', () => {
  let database: TestDatabase
  let sink: SmtpSink
  let server: AppServer
  let browser: TestBrowser
  let mr = ''
  let organiserId = ''
  let neighbour = { id: 0, number: '', name: '', official_email: '' }
  const pages = watchedPages(() => browser, { ignoreFailedLoads: true })

  beforeAll(async () => {
    database = await createTestDatabase()
    sink = await startSmtpSink()
    const port = await freePort()
    server = await startAppServer({
      databaseUrl: database.url,
      port,
      env: { NODE_ENV: 'test', TEST_NOW: AFTER_OPENING, SMTP_URL: sink.url, APP_URL: `http://localhost:${port}` },
    })
    mr = await eventId(database.db, MR)
    organiserId = (await makeOrganiser(database.db, 'arrangor@example.no', MR)).id
    // A Trøndelag municipality valid on the event's first day (whatever the register holds).
    const event = await database.db.selectFrom('event').select('starts_at').where('id', '=', mr).executeTakeFirstOrThrow()
    const firstDay = osloDate(event.starts_at)
    neighbour = await database.db
      .selectFrom('municipality')
      .select(['id', 'number', 'name', 'official_email'])
      .where('county_number', '=', '50')
      .where('valid_from', '<=', firstDay)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', firstDay)]))
      .orderBy('number')
      .executeTakeFirstOrThrow()
    browser = await launchBrowser()
  })

  afterEach(async () => {
    await pages.closeAll()
    expect(server.exitStatus(), `the app server ended during the test:\n${server.output()}`).toBeNull()
    expect(pages.takeErrors(), 'JavaScript errors in the browser').toEqual([])
  })

  afterAll(async () => {
    await pages.closeAll()
    await browser?.close()
    await server?.stop()
    await killAllServers()
    await sink?.close()
    await database?.drop()
  })

  const url = (path: string) => new URL(path, server.url).href
  const mainText = async (page: Page) => plain(await page.locator('main').innerText())
  const organiser = (options: { javaScriptEnabled?: boolean } = {}) =>
    pages.open({ ...options, login: { db: database.db, userId: organiserId, at: new Date(AFTER_OPENING), url: server.url } })
  const tableNames = async (page: Page) =>
    (await page.getByRole('region', { name: 'Kommunene' }).locator('tbody tr td:nth-child(2)').allInnerTexts()).map(plain)

  /** Keyboard only: focus a button or link and press Enter. */
  async function press(locator: Locator) {
    await locator.focus()
    await locator.page().keyboard.press('Enter')
  }

  it('invites a neighbouring county’s municipality; it gets its invitation at once', async () => {
    const page = await organiser()
    await page.goto(url(`/arrangor/${mr}/kommuner`))
    expect(plain(await page.locator('main h1').innerText())).toBe('Inviterte kommuner')
    expect(await mainText(page)).not.toContain('kan ikke lenger endres')
    await expectNoAxeViolations(page)
    expect(await tableNames(page)).toHaveLength(26)

    const invite = page.getByRole('region', { name: 'Inviter en kommune til' })
    expect(plain(await invite.innerText())).toContain('Kommunen får invitasjonen på e-post med en gang')
    const select = invite.getByLabel('Kommune')
    // Grouped by county; here every municipality of Møre og Romsdal is invited already.
    const groups = await select.locator('optgroup').evaluateAll((els) => els.map((e) => e.getAttribute('label') ?? ''))
    expect(groups.some((g) => g.startsWith('Trøndelag'))).toBe(true)
    await press(invite.getByRole('button', { name: 'Inviter', exact: true }))
    await expect.poll(async () => plain(await invite.innerText())).toContain('Kommune: Velg en kommune.')
    await expectNoAxeViolations(page)
    await select.selectOption(String(neighbour.id))
    await press(invite.getByRole('button', { name: 'Inviter', exact: true }))
    await page.waitForURL(/\/kommuner\?invitert=/)

    const status = page.locator('main').getByRole('status')
    expect(plain(await status.innerText())).toBe(`${neighbour.name} er invitert. Invitasjonen er sendt til ${neighbour.official_email}.`)
    expect(await tableNames(page)).toContain(neighbour.name)
    expect(await tableNames(page)).toHaveLength(27)
    // No longer offered, and nothing else is chosen in its place.
    expect(await invite.getByLabel('Kommune').locator(`option[value="${neighbour.id}"]`).count()).toBe(0)
    expect(await invite.getByLabel('Kommune').inputValue()).toBe('')
    await expectNoAxeViolations(page)

    const [mail] = await sink.waitFor(1, 15_000)
    expect(recipient(mail as ParsedMail)).toBe(neighbour.official_email)
    expect(mail?.subject).toContain(`kontaktperson for ${neighbour.name} kommune`)
    expect(mail?.text).toMatch(/\/invitasjon\/[A-Za-z0-9_-]+/)
  })

  it('withdraws it again with a reason; without one it is told at the field', async () => {
    const page = await organiser()
    await page.goto(url(`/arrangor/${mr}/kommuner`))
    await press(page.getByRole('link', { name: `Trekk tilbake invitasjonen til ${neighbour.name}`, exact: true }))
    await page.waitForURL(/\?trekk=/)
    const withdraw = page.getByRole('region', { name: 'Trekk tilbake en invitasjon' })
    await expect.poll(() => withdraw.getByLabel('Kommune').inputValue()).not.toBe('')
    await expectNoAxeViolations(page)

    await press(withdraw.getByRole('button', { name: 'Trekk tilbake invitasjonen', exact: true }))
    const message = 'Skriv hvorfor invitasjonen trekkes tilbake. Kommunen får begrunnelsen på e-post.'
    await expect.poll(async () => plain(await withdraw.innerText())).toContain(`Begrunnelse: ${message}`)
    expect(await withdraw.getByLabel('Begrunnelse').getAttribute('aria-invalid')).toBe('true')
    await expectNoAxeViolations(page)
    expect(await tableNames(page)).toContain(neighbour.name)

    await withdraw.getByLabel('Begrunnelse').fill(REASON)
    await press(withdraw.getByRole('button', { name: 'Trekk tilbake invitasjonen', exact: true }))
    await page.waitForURL(/\?trukket=/)
    await expect
      .poll(async () => plain(await page.locator('main').getByRole('status').innerText()))
      .toBe(`Invitasjonen til ${neighbour.name} er trukket tilbake, og kommunen har fått e-post med begrunnelsen.`)
    expect(await tableNames(page)).not.toContain(neighbour.name)
    expect(await tableNames(page)).toHaveLength(26)
    // The form starts over: no municipality chosen, no reason, no message left from the refused try.
    expect(await withdraw.getByLabel('Kommune').inputValue()).toBe('')
    expect(await withdraw.getByLabel('Begrunnelse').inputValue()).toBe('')
    expect(plain(await withdraw.innerText())).not.toContain('Skriv hvorfor')
    await expectNoAxeViolations(page)

    const mails = await sink.waitFor(2, 15_000)
    const told = mails.find((m) => m.subject?.includes('er trukket tilbake') || m.subject?.includes('er trekt tilbake'))
    expect(recipient(told as ParsedMail)).toBe(neighbour.official_email)
    expect(told?.text).toContain(REASON)
  })

  it('works without JavaScript: the server answers the form, invites, refuses a missing reason at the field and withdraws', async () => {
    // (axe needs JavaScript in the page, so it checks these pages in the tests above.)
    const start = sink.received.length
    const page = await organiser({ javaScriptEnabled: false })
    await page.goto(url(`/arrangor/${mr}/kommuner`))
    const invite = page.getByRole('region', { name: 'Inviter en kommune til' })
    await invite.getByRole('button', { name: 'Inviter', exact: true }).click()
    await page.waitForLoadState()
    expect(plain(await invite.innerText())).toContain('Kommune: Velg en kommune.')
    await invite.getByLabel('Kommune').selectOption(String(neighbour.id))
    await invite.getByRole('button', { name: 'Inviter', exact: true }).click()
    await page.waitForURL(/\/kommuner\?invitert=/)
    expect(plain(await page.locator('main').getByRole('status').innerText())).toBe(
      `${neighbour.name} er invitert. Invitasjonen er sendt til ${neighbour.official_email}.`,
    )

    const withdraw = page.getByRole('region', { name: 'Trekk tilbake en invitasjon' })
    await withdraw.getByLabel('Kommune').selectOption({ label: `${neighbour.name} (${neighbour.number})` })
    await withdraw.getByRole('button', { name: 'Trekk tilbake invitasjonen', exact: true }).click()
    await page.waitForLoadState()
    expect(plain(await withdraw.innerText())).toContain('Begrunnelse: Skriv hvorfor invitasjonen trekkes tilbake.')
    expect(await tableNames(page)).toContain(neighbour.name)
    await withdraw.getByLabel('Begrunnelse').fill(REASON)
    await withdraw.getByRole('button', { name: 'Trekk tilbake invitasjonen', exact: true }).click()
    await page.waitForURL(/\?trukket=/)
    expect(await tableNames(page)).not.toContain(neighbour.name)
    await sink.waitFor(start + 2, 15_000)
  })
})
