import type { BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSession } from '~/services/sessions.server'
import { upsertUser } from '~/services/users.server'
import { sessionCookieHeader } from '~/utils/session.server'
import { testContext } from '../helpers/app-context'
import { type AppServer, killAllServers, startAppServer } from '../helpers/app-server'
import { expectNoAxeViolations, hasChromium, launchBrowser, noteMissingChromium, type TestBrowser } from '../helpers/browser'
import { createTestDatabase, type TestDatabase } from '../helpers/database'

noteMissingChromium()

const plain = (text: string) => text.replaceAll('\u00a0', ' ').replace(/\s+/g, ' ').trim()
const BEFORE_DEADLINE = '2018-10-01T10:00:00.000Z'
const AFTER_DEADLINE = '2018-10-25T10:00:00.000Z'

/**
 * A contact person of Selbu enrols staff for Trøndelag 2018 with the server's
 * clock before the deadline, then again after it, in Chromium with and
 * without JavaScript.
 */
describe.skipIf(!hasChromium)('enrolment by a contact person in Chromium', () => {
  let database: TestDatabase
  let server: AppServer
  let browser: TestBrowser
  let selbu = ''
  let contactId = ''
  const pageErrors: string[] = []

  beforeAll(async () => {
    database = await createTestDatabase()
    server = await startAppServer({ databaseUrl: database.url, env: { NODE_ENV: 'test', TEST_NOW: BEFORE_DEADLINE } })
    const registration = await database.db
      .selectFrom('registration')
      .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
      .innerJoin('event', 'event.id', 'registration.event_id')
      .select('registration.id')
      .where('municipality.name', '=', 'Selbu')
      .where('event.slug', '=', 'klimasamling-trondelag-2018')
      .executeTakeFirstOrThrow()
    selbu = registration.id
    contactId = (await upsertUser(database.db, { email: 'kontakt@selbu.example.no', name: 'Kari Kontakt' })).id
    await database.db
      .updateTable('registration')
      .set({ contact_user_id: contactId, contact_named_at: new Date(BEFORE_DEADLINE) })
      .where('id', '=', selbu)
      .execute()
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await killAllServers()
    await database?.drop()
    expect(pageErrors).toEqual([])
  })

  /** A browser context logged in as Selbu's contact person, as of the server's clock. */
  async function contactPerson(at: string, options: { javaScriptEnabled?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const cookie = await sessionCookieHeader(testContext({ db: database.db }), await createSession(database.db, contactId, new Date(at)))
    const [name = '', value = ''] = (cookie.split(';')[0] ?? '').split('=')
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, ...options })
    await context.addCookies([{ name, value, url: server.url }])
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    return { context, page }
  }

  const url = (path: string) => new URL(path, server.url).href

  async function enrol(page: Page, who: { name: string; overnight: boolean; session?: string }) {
    await page.goto(url(`/kommune/${selbu}/ny-deltaker`))
    await page.getByLabel('Navn', { exact: true }).fill(who.name)
    await page.getByLabel('E-post', { exact: true }).fill(`${who.name.split(' ')[0]?.toLowerCase().replaceAll('ø', 'o')}@selbu.example.no`)
    await page.getByLabel('Stilling').fill('Rådgiver')
    await page.getByLabel('Rolle').selectOption('radgiver')
    if (who.overnight) await page.getByRole('checkbox', { name: /Natten 27\.–28\. november 2018/ }).check()
    else {
      // A day participant who goes home before dinner: the day package is all there is.
      await page.getByRole('checkbox', { name: /Dag 2/ }).uncheck()
      await page.getByRole('checkbox', { name: 'Deltar på middagen' }).uncheck()
    }
    if (who.session) await page.getByRole('radio', { name: who.session }).check()
    await page.getByRole('button', { name: 'Meld på' }).click()
    await page
      .waitForURL((u) => u.pathname === `/kommune/${selbu}`, { timeout: 8_000 })
      .catch(async (error: unknown) => {
        throw new Error(`Enrolling ${who.name} did not return to the municipality:\n${plain(await page.locator('main').innerText()).slice(0, 600)}`, {
          cause: error,
        })
      })
    await expect.poll(async () => plain(await page.locator('main').innerText())).toContain(who.name)
  }

  it('before the deadline: 2 covered overnight, 1 covered day package, the fourth self-paid with its price', async () => {
    const { context, page } = await contactPerson(BEFORE_DEADLINE)
    await page.goto(url(`/kommune/${selbu}/ny-deltaker`))
    expect(plain(await page.locator('main').innerText())).toContain(
      'Med overnatting: dekket av arrangøren. Kommunen har 2 av 2 dekkede overnattingsplasser igjen.',
    )
    await expectNoAxeViolations(page)
    await enrol(page, { name: 'Anne Selbu', overnight: true })
    await enrol(page, { name: 'Bjørn Selbu', overnight: true, session: 'Klimasmart landbruk' })
    await enrol(page, { name: 'Cecilie Selbu', overnight: false })
    await enrol(page, { name: 'Dag Selbu', overnight: true })
    const main = plain(await page.locator('main').innerText())
    expect(main).toContain('Dekket overnatting 2 av 2 brukt Dagpakker 1 av 1 Egenbetalt 1 person, ca. 2 500 kr')
    expect(main).toContain('Anne Selbu, Rådgiver Dag 1, Dag 2 27.–28. november 2018 Ja – Dekket overnatting')
    expect(main).toContain('Bjørn Selbu, Rådgiver Dag 1, Dag 2 27.–28. november 2018 Ja Klimasmart landbruk Dekket overnatting')
    expect(main).toContain('Cecilie Selbu, Rådgiver Dag 1 Ingen Nei – Dekket dagpakke')
    expect(main).toContain('Dag Selbu, Rådgiver Dag 1, Dag 2 27.–28. november 2018 Ja – Egenbetalt (ca. 2 500 kr)')
    await expectNoAxeViolations(page)
    await context.close()
  })

  it('works without JavaScript too, with the errors from the server', async () => {
    const { context, page } = await contactPerson(BEFORE_DEADLINE, { javaScriptEnabled: false })
    await page.goto(url(`/kommune/${selbu}/ny-deltaker`))
    await page.getByRole('button', { name: 'Meld på' }).click()
    await page.waitForLoadState('load')
    // The summary and the field messages come from the server's answer alone.
    // (axe needs JavaScript in the page, so it checks these pages in the test above.)
    await expect.poll(async () => plain(await page.locator('main').innerText())).toContain('Navn: Skriv inn navnet.')
    await enrol(page, { name: 'Eirik Selbu', overnight: false })
    expect(plain(await page.locator('main').innerText())).toContain('Eirik Selbu, Rådgiver Dag 1 Ingen Nei – Egenbetalt (ca. 650 kr)')
    await context.close()
  })

  it('after the deadline: adding is refused and a substitution keeps the covered place', async () => {
    await server.stop()
    server = await startAppServer({ databaseUrl: database.url, env: { NODE_ENV: 'test', TEST_NOW: AFTER_DEADLINE } })
    const { context, page } = await contactPerson(AFTER_DEADLINE)
    await page.goto(url(`/kommune/${selbu}`))
    const main = plain(await page.locator('main').innerText())
    expect(main).toContain('Påmeldingsfristen er ute. Nye deltakere meldes på av arrangøren.')
    expect(await page.getByRole('link', { name: 'Meld på en deltaker' }).count()).toBe(0)
    await page.goto(url(`/kommune/${selbu}/ny-deltaker`))
    expect(plain(await page.locator('main').innerText())).toContain('Påmeldingen er ikke åpen')
    // The server refuses even a crafted post.
    const refused = await page.request.post(url(`/kommune/${selbu}/ny-deltaker`), {
      form: {
        idempotencyKey: crypto.randomUUID(),
        name: 'Sen Selbu',
        email: 'sen@selbu.example.no',
        title: 'X',
        roleCategory: 'annet',
        dayIds: '00000000-0000-4000-8000-000000000000',
      },
      headers: { Origin: server.url },
    })
    expect(refused.status()).toBe(409)

    await page.goto(url(`/kommune/${selbu}`))
    await page.getByRole('link', { name: 'Erstatt Anne Selbu' }).click()
    await expectNoAxeViolations(page)
    await page.getByLabel('Navn', { exact: true }).fill('Frode Selbu')
    await page.getByLabel('E-post', { exact: true }).fill('frode@selbu.example.no')
    await page.getByLabel('Stilling').fill('Planlegger')
    await page.getByLabel('Rolle').selectOption('fagansvarlig')
    await page.getByRole('button', { name: 'Erstatt deltakeren' }).click()
    await page.waitForURL((u) => u.pathname === `/kommune/${selbu}`)
    await expect
      .poll(async () => plain(await page.locator('main').innerText()))
      .toContain('Frode Selbu, Planlegger Dag 1, Dag 2 27.–28. november 2018 Ja – Dekket overnatting')
    expect(plain(await page.locator('main').innerText())).toContain('Deltaker erstattet Anne Selbu → Frode Selbu')
    await expectNoAxeViolations(page)
    await context.close()
  })
})
