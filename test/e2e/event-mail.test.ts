import { sql } from 'kysely'
import type { ParsedMail } from 'mailparser'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
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

const VOLDA = 'postmottak@volda.example.no'
const MOLDE = 'postmottak@molde.example.no'
const VOLDA_SUBJECT = 'Klimasamling for kommunene i Møre og Romsdal: vel kontaktperson for Volda kommune'
const MOLDE_SUBJECT = 'Klimasamling for kommunene i Møre og Romsdal: velg kontaktperson for Molde kommune'
const REFUSED = '550 5.1.1 Mailbox unavailable'

/**
 * The organiser's view of the event's mail, in Chromium against the real
 * server with real SMTP: the organiser sends the invitations, finds them all
 * sent on the E-post page, reads one as it was sent, and sends one that
 * failed again (with and without JavaScript).
 */
describe.skipIf(!hasChromium)('the organiser’s mail pages in Chromium', () => {
  let database: TestDatabase
  let sink: SmtpSink
  let server: AppServer
  let browser: TestBrowser
  let mr = ''
  let organiserId = ''
  const pages = watchedPages(() => browser)

  beforeAll(async () => {
    database = await createTestDatabase()
    sink = await startSmtpSink()
    const port = await freePort()
    server = await startAppServer({ databaseUrl: database.url, port, env: { SMTP_URL: sink.url, APP_URL: `http://localhost:${port}` } })
    mr = await eventId(database.db, MR)
    organiserId = (await makeOrganiser(database.db, 'arrangor@example.no', MR)).id
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
  const heading = (page: Page) => async () => plain(await page.locator('main h1').innerText())

  /** A page logged in as the organiser, watched for JavaScript errors. */
  const organiser = (options: { javaScriptEnabled?: boolean } = {}) =>
    pages.open({ ...options, login: { db: database.db, userId: organiserId, at: new Date(), url: server.url } })

  /** Waits until the worker has recorded every email of the event as sent (the sink hears of it a moment before). */
  async function allRecordedSent() {
    await expect
      .poll(async () => (await database.db.selectFrom('email').select('id').where('event_id', '=', mr).where('status', '!=', 'sent').execute()).length)
      .toBe(0)
  }

  /** Marks the invitation to `address` as given up on after six attempts, as the worker would. */
  async function failInvitationTo(address: string) {
    const row = await database.db
      .updateTable('email')
      .set({ status: 'failed', attempts: 6, last_error: REFUSED, sent_at: null, smtp_message_id: null })
      .where('event_id', '=', mr)
      .where(sql<boolean>`${address} = any(to_addresses)`)
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  /**
   * axe cannot run inside a frame whose sandbox forbids scripts (the point of
   * the sandbox); it waits a minute for an answer from it. So the page is
   * checked with the email's frame emptied (its title stays), and the email's
   * HTML on a page of its own.
   */
  async function expectNoAxeViolationsAroundEmail(page: Page, html: string) {
    await page.locator('main iframe').evaluate((frame) => {
      frame.removeAttribute('sandbox')
      frame.removeAttribute('srcdoc')
    })
    await expectNoAxeViolations(page)
    const alone = await page.context().newPage()
    await alone.setContent(html)
    await expectNoAxeViolations(alone)
    await alone.close()
  }

  /** The list's rows as a reader sees them: time, recipient, subject, template, status. */
  async function rows(page: Page) {
    return Promise.all((await page.locator('main table tbody tr').all()).map(async (row) => (await row.locator('td').allInnerTexts()).map(plain)))
  }

  it('lists the sent invitations, filters them, and shows one exactly as sent; a failed one is sent again', async () => {
    const page = await organiser()
    await page.goto(url(`/arrangor/${mr}/kommuner`))
    await page.getByRole('button', { name: 'Send invitasjon til 26 kommuner', exact: true }).click()
    await page.waitForURL(url(`/arrangor/${mr}/kommuner?sendt=26`))
    await sink.waitFor(26)
    await allRecordedSent()

    await page.getByRole('navigation', { name: 'Arrangementet' }).getByRole('link', { name: 'E-post', exact: true }).click()
    await page.waitForURL(url(`/arrangor/${mr}/e-post`))
    await expect.poll(heading(page)).toBe('E-post')
    const filters = page.getByRole('navigation', { name: 'Vis e-post med status' }).getByRole('link')
    expect((await filters.allInnerTexts()).map(plain)).toEqual(['Alle (26)', 'I kø (0)', 'Sendes (0)', 'Sendt (26)', 'Feilet (0)'])
    const all = await rows(page)
    expect(all).toHaveLength(26)
    const volda = all.find((r) => r[1] === VOLDA)
    expect(volda?.slice(2)).toEqual([VOLDA_SUBJECT, 'Invitasjon', 'Sendt'])
    expect(volda?.[0]).toMatch(/^\d+\. \p{L}+ \d{4} kl\. \d\d\.\d\d$/u)
    await expectNoAxeViolations(page)

    const voldaId = await failInvitationTo(VOLDA)
    await page.getByRole('link', { name: 'Sendt (26)', exact: true }).click()
    await page.waitForURL(url(`/arrangor/${mr}/e-post?status=sent`))
    expect(await page.getByRole('link', { name: 'Sendt (25)', exact: true }).getAttribute('aria-current')).toBe('true')
    expect(await rows(page)).toHaveLength(25)
    await page.getByRole('link', { name: 'Feilet (1)', exact: true }).click()
    await page.waitForURL(url(`/arrangor/${mr}/e-post?status=failed`))
    expect((await rows(page)).map((r) => r.slice(1))).toEqual([[VOLDA, VOLDA_SUBJECT, 'Invitasjon', 'Feilet etter 6 forsøk']])
    await expectNoAxeViolations(page)

    await page.getByRole('link', { name: VOLDA_SUBJECT, exact: true }).click()
    await page.waitForURL(url(`/arrangor/${mr}/e-post/${voldaId}`))
    await expect.poll(heading(page)).toBe(VOLDA_SUBJECT)
    const facts = plain(await page.locator('main dl').innerText())
    expect(facts).toContain(`Til ${VOLDA}`)
    expect(facts).toContain('Svar til klimasamling-mr@example.no')
    expect(facts).toContain('Mal Invitasjon (nynorsk)')
    expect(facts).toContain(`Siste feil ${REFUSED}`)
    expect(facts).toContain('Sendt Ikke sendt')
    const stored = await database.db.selectFrom('email').select(['html', 'text']).where('id', '=', voldaId).executeTakeFirstOrThrow()
    expect((await page.locator('main pre').innerText()).trimEnd()).toBe((stored.text ?? '').trimEnd())
    // The HTML is shown inside an empty sandbox, not in the page: the page has one h1, the frame its own.
    const frame = page.locator('main iframe')
    expect(await frame.getAttribute('sandbox')).toBe('')
    expect(await frame.getAttribute('srcdoc')).toBe(stored.html)
    expect(await frame.getAttribute('title')).toBe(`E-posten «${VOLDA_SUBJECT}» som HTML`)
    expect(await page.locator('main h1').count()).toBe(1)
    expect(await page.frameLocator('main iframe').locator('h1').innerText()).toBe('Volda kommune er invitert til Klimasamling for kommunene i Møre og Romsdal')
    await expectNoAxeViolationsAroundEmail(page, stored.html ?? '')

    await page.getByRole('button', { name: 'Send på nytt', exact: true }).click()
    await page.waitForURL(url(`/arrangor/${mr}/e-post/${voldaId}?sendt-paa-nytt`))
    expect(plain(await page.locator('main').getByRole('status').innerText())).toContain('E-posten er lagt i kø igjen og sendes om kort tid.')
    expect(await page.getByRole('button', { name: 'Send på nytt' }).count()).toBe(0)
    const received = await sink.waitFor(27)
    expect(recipient(received[26] as ParsedMail)).toBe(VOLDA)
    expect(received[26]?.subject).toBe(VOLDA_SUBJECT)
    await expectNoAxeViolationsAroundEmail(page, stored.html ?? '')
    await allRecordedSent()
    await page.reload()
    expect(plain(await page.locator('main dl').innerText())).toContain('Status Sendt Forsøk 1')
  })

  it('works without JavaScript: filter, open and send again', async () => {
    const moldeId = await failInvitationTo(MOLDE)
    const page = await organiser({ javaScriptEnabled: false })
    await page.goto(url(`/arrangor/${mr}/e-post`))
    await page.getByRole('link', { name: 'Feilet (1)', exact: true }).click()
    await page.waitForURL(url(`/arrangor/${mr}/e-post?status=failed`))
    await page.getByRole('link', { name: MOLDE_SUBJECT, exact: true }).click()
    await page.waitForURL(url(`/arrangor/${mr}/e-post/${moldeId}`))
    await page.getByRole('button', { name: 'Send på nytt', exact: true }).click()
    await page.waitForURL(url(`/arrangor/${mr}/e-post/${moldeId}?sendt-paa-nytt`))
    expect(await mainText(page)).toContain('E-posten er lagt i kø igjen og sendes om kort tid.')
    const received = await sink.waitFor(28)
    expect(recipient(received[27] as ParsedMail)).toBe(MOLDE)
    // (axe needs JavaScript in the page, so it checks these pages in the test above.)
  })
})
