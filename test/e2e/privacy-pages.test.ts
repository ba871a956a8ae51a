import type { Page } from 'playwright-core'
import { beforeAll, expect, it } from 'vitest'
import { expectNoAxeViolations } from '../helpers/browser'
import { describeInChromium, e2eWorld } from '../helpers/e2e-world'
import { makeContactPerson, registrationId, TR } from '../helpers/fixtures'
import { mainText, plain } from '../helpers/pages'

const BEFORE_DEADLINE = '2018-10-01T10:00:00.000Z'

/** The notice's section headings, in order (app/routes/personvern.tsx). */
const NOTICE_SECTIONS = [
  'Hvem som er ansvarlig',
  'Hvilke opplysninger vi lagrer',
  'Hvorfor vi behandler opplysningene',
  'Hvor lenge vi lagrer opplysningene',
  'Hvem som får se opplysningene',
  'Dine rettigheter',
  'Kontakt',
]

/**
 * The privacy notice and the accessibility statement in Chromium, with axe on
 * every page visited: what they say, and that the footer, the participant
 * form and the login form link the notice, by mouse and by keyboard.
 */
describeInChromium('the privacy notice and the accessibility statement in Chromium', () => {
  const world = e2eWorld({ now: BEFORE_DEADLINE, ignoreFailedLoads: true })
  let selbu = ''
  let contactId = ''

  beforeAll(async () => {
    selbu = await registrationId(world.db, TR, 'Selbu')
    contactId = (await makeContactPerson(world.db, 'kontakt@selbu.example.no', selbu, { name: 'Kari Kontakt', at: new Date(BEFORE_DEADLINE) })).id
  })

  /** The text of the element that has the focus, and its href. */
  const focused = (page: Page) =>
    page.evaluate(() => {
      const el = document.activeElement
      return { text: el?.textContent?.replace(/\s+/g, ' ').trim() ?? '', href: el?.getAttribute('href') ?? null }
    })

  /** Presses Tab until the focus is on a link with `text` (at most `max` times); the number of presses, or -1. */
  async function tabTo(page: Page, text: string, max = 80): Promise<number> {
    for (let i = 1; i <= max; i++) {
      await page.keyboard.press('Tab')
      if ((await focused(page)).text === text) return i
    }
    return -1
  }

  /** Follows the link to the privacy notice and checks where it lands (axe runs on the notice). */
  async function expectLeadsToNotice(page: Page) {
    await page.waitForURL(new URL('/personvern', world.appUrl).href)
    await expect.poll(() => page.locator('h1').innerText()).toBe('Personvernerklæring')
    await expectNoAxeViolations(page)
  }

  it('the privacy notice has every section, a table of contents leading to them, and the rights with their links', async () => {
    const page = await world.page()
    await world.visit(page, '/personvern')
    expect(await page.locator('h1').innerText()).toBe('Personvernerklæring')
    const headings = (await page.locator('main section h2').allInnerTexts()).map(plain)
    expect(headings).toEqual(NOTICE_SECTIONS)

    const contents = page.getByRole('navigation', { name: 'Innhold' })
    expect((await contents.getByRole('link').allInnerTexts()).map(plain)).toEqual(NOTICE_SECTIONS)
    await contents.getByRole('link', { name: 'Dine rettigheter' }).click()
    await expect.poll(() => new URL(page.url()).hash).toBe('#rettigheter-tittel')

    const text = await mainText(page)
    expect(text).toContain('Miljødirektoratet er behandlingsansvarlig')
    expect(text).toContain('statsforvalteren')
    expect(text).toContain('artikkel 6 nr. 1 bokstav e')
    expect(text).toContain('samtykke')
    expect(text).toContain('Kosthold, allergier og behov for tilrettelegging kan være helseopplysninger')
    expect(text).toContain('Vanligvis er det 90 dager')
    expect(text).toContain('Vi overfører ikke personopplysninger til land utenfor EU/EØS')
    for (const right of ['innsyn', 'rettet', 'slettet', 'begrenses', 'protestere']) expect(text).toContain(right)
    expect(await page.getByRole('link', { name: 'Mine data' }).getAttribute('href')).toBe('/min-side/mine-data')
    expect(await page.getByRole('link', { name: 'Datatilsynet' }).getAttribute('href')).toBe('https://www.datatilsynet.no/')
    // A table for the storage periods, with its caption as its name.
    expect(await page.getByRole('table', { name: 'Hvor lenge opplysningene lagres' }).getByRole('row').count()).toBe(5)
  })

  it('the accessibility statement names the standard, the status, the deviations, the date last checked, a contact and where to complain', async () => {
    const page = await world.page()
    await world.visit(page, '/tilgjengelighet')
    expect(await page.locator('h1').innerText()).toBe('Tilgjengelighetserklæring')
    const text = await mainText(page)
    expect(text).toContain('WCAG 2.1 på nivå AA')
    expect(text).toContain('forskrift om universell utforming')
    expect(text).toContain('Løsningen oppfyller delvis kravene')
    expect(text).toMatch(/Sist kontrollert: \d{1,2}\. [a-zæøå]+ \d{4}\./)
    expect(text).toContain('Sist kontrollert: 2. desember 2026.')
    expect(text).toContain('Erklæringen ble laget 23. november 2026.')
    for (const deviation of ['Navneskilt som PDF.', 'Resultatene av spørreundersøkelser oppdateres av seg selv.', 'QR-skanning ved innsjekking.']) {
      expect(text).toContain(deviation)
    }
    expect(await page.getByRole('link', { name: 'tilgjengelighet@example.no' }).getAttribute('href')).toBe('mailto:tilgjengelighet@example.no')
    expect(await page.getByRole('link', { name: 'uutilsynet.no' }).getAttribute('href')).toBe('https://www.uutilsynet.no/')
  })

  it('the footer links the notice, and Tab reaches it', async () => {
    const page = await world.page()
    await world.visit(page, '/')
    expect(await tabTo(page, 'Personvern')).toBeGreaterThan(0)
    expect((await focused(page)).href).toBe('/personvern')
    await page.keyboard.press('Enter')
    await expectLeadsToNotice(page)

    await world.visit(page, '/tilgjengelighet')
    await page.locator('footer').getByRole('link', { name: 'Personvern' }).click()
    await expectLeadsToNotice(page)
  })

  it('the login form links the notice after the email field, and Tab reaches it before the submit', async () => {
    const page = await world.page()
    await world.visit(page, '/logg-inn')
    const link = page.locator('main').getByRole('link', { name: 'Slik behandler vi personopplysninger' })
    expect(await link.getAttribute('href')).toBe('/personvern')
    await page.getByLabel('E-post').focus()
    await page.keyboard.press('Tab')
    expect(await focused(page)).toEqual({ text: 'Slik behandler vi personopplysninger', href: '/personvern' })
    await page.keyboard.press('Tab')
    expect((await focused(page)).text).toBe('Send meg en innloggingslenke')
    await link.click()
    await expectLeadsToNotice(page)
  })

  it('the participant form links the notice before its submit, also without JavaScript', async () => {
    for (const javaScriptEnabled of [true, false]) {
      const page = await world.page({ login: contactId, javaScriptEnabled })
      // axe needs JavaScript in the page: the page without it is only opened (the other one is checked).
      if (javaScriptEnabled) await world.visit(page, `/kommune/${selbu}/ny-deltaker`)
      else expect((await page.goto(world.url(`/kommune/${selbu}/ny-deltaker`)))?.status()).toBe(200)
      const form = page.locator('main form').filter({ has: page.getByRole('button', { name: 'Meld på' }) })
      const link = form.getByRole('link', { name: 'Slik behandler vi personopplysninger' })
      expect(await link.count()).toBe(1)
      expect(await link.getAttribute('href')).toBe('/personvern')
      if (javaScriptEnabled) {
        // The link sits right before the submit in the tab order: Shift+Tab from the button reaches it, Tab goes back.
        await form.getByRole('button', { name: 'Meld på' }).focus()
        await page.keyboard.press('Shift+Tab')
        expect(await focused(page)).toEqual({ text: 'Slik behandler vi personopplysninger', href: '/personvern' })
        await page.keyboard.press('Tab')
        expect((await focused(page)).text).toBe('Meld på')
        await page.keyboard.press('Shift+Tab')
        await page.keyboard.press('Enter')
      } else {
        await link.click()
      }
      await page.waitForURL(new URL('/personvern', world.appUrl).href)
      await expect.poll(() => page.locator('h1').innerText()).toBe('Personvernerklæring')
      if (javaScriptEnabled) await expectNoAxeViolations(page)
    }
  })
})
