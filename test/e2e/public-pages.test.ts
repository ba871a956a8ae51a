import type { Locator, Page } from 'playwright-core'
import { beforeEach, expect, it } from 'vitest'
import { expectNoAxeViolations } from '../helpers/browser'
import { describeInChromium, e2eWorld } from '../helpers/e2e-world'
import { plain } from '../helpers/pages'

const MORE_OG_ROMSDAL = {
  slug: 'klimasamling-more-og-romsdal-2021',
  title: 'Klimasamling for kommunene i Møre og Romsdal',
  dates: '11.–12. november 2021',
}
const TRONDELAG = {
  slug: 'klimasamling-trondelag-2018',
  title: 'Klimasamling for kommunene i Trøndelag',
  dates: '27.–28. november 2018',
}

/** What a leaked error would look like in a page: a JS stack frame, a source path, an error class name. */
const STACK_TRACE = /\bat [\w$.<>]+ \(|node_modules|\/work\/|\.tsx?:\d+|\b(URI|Type|Reference|Range)Error\b/

describeInChromium('public pages in Chromium', () => {
  // Chromium reports every 4xx document as a console error; the status itself is asserted where expected.
  const world = e2eWorld({ ignoreFailedLoads: true })
  let page: Page

  beforeEach(async () => {
    page = await world.page({ viewport: { width: 1280, height: 900 } })
  })

  /** Opens `path`, checks the status, and runs axe on the page. */
  const visit = (path: string, status?: number) => world.visit(page, path, status)

  /** The text of an element as rendered, with breaks between blocks (which textContent would run together). */
  async function textOf(locator: Locator): Promise<string> {
    return plain(await locator.innerText())
  }

  /** The facts list (dt → dd) of an event page. */
  async function facts(): Promise<Record<string, string>> {
    const pairs = await page.locator('dl.facts dt').evaluateAll((dts) => dts.map((dt) => [dt.textContent ?? '', dt.nextElementSibling?.textContent ?? '']))
    return Object.fromEntries(pairs.map(([k, v]) => [plain(k ?? ''), plain(v ?? '')]))
  }

  /** The items of every parallel slot list, as titles per `ul.program-slot`. */
  async function slotTitles(): Promise<string[][]> {
    return page
      .locator('ul.program-slot')
      .evaluateAll((lists) => lists.map((ul) => [...ul.querySelectorAll(':scope > li > .program-item-title')].map((p) => p.textContent?.trim() ?? '')))
  }

  /** Every item of the list sits on the same row, each to the right of the one before. */
  async function expectSideBySide(items: Locator, expected: number) {
    await expect.poll(() => items.count()).toBe(expected)
    const boxes = []
    for (let i = 0; i < expected; i++) {
      const box = await items.nth(i).boundingBox()
      expect(box, `item ${i} is not rendered`).not.toBeNull()
      if (box) boxes.push(box)
    }
    for (let i = 1; i < boxes.length; i++) {
      const [before, box] = [boxes[i - 1], boxes[i]]
      if (!before || !box) continue
      expect(Math.abs(box.y - before.y), `item ${i} is not on the same row as item ${i - 1}`).toBeLessThan(2)
      expect(box.x, `item ${i} does not start right of item ${i - 1}`).toBeGreaterThanOrEqual(before.x + before.width)
    }
  }

  it('lists both events on the front page with their dates and links', async () => {
    await visit('/')
    await expect.poll(() => textOf(page.locator('h1'))).toBe('Klimasamlinger for kommunene')
    const cards = page.locator('main .event-list > li')
    expect(await cards.count()).toBe(2)
    expect((await cards.locator('h3').allInnerTexts()).map(plain)).toEqual([MORE_OG_ROMSDAL.title, TRONDELAG.title])
    for (const event of [MORE_OG_ROMSDAL, TRONDELAG]) {
      const link = page.getByRole('link', { name: event.title, exact: true })
      expect(await link.getAttribute('href')).toBe(`/arrangementer/${event.slug}`)
      const card = cards.filter({ has: link })
      expect(await textOf(card)).toContain(event.dates)
    }
    expect(await textOf(cards.nth(0))).toContain('11.–12. november 2021, Ålesund')
    expect(await textOf(cards.nth(1))).toContain('27.–28. november 2018, Scandic Hell, Stjørdal')

    await page.getByRole('link', { name: TRONDELAG.title, exact: true }).click()
    await page.waitForURL(new URL(`/arrangementer/${TRONDELAG.slug}`, world.appUrl).href)
    await expect.poll(() => textOf(page.locator('h1'))).toBe(TRONDELAG.title)
    await expectNoAxeViolations(page)
  })

  it('shows the Møre og Romsdal event: facts, coverage, deadline, program and digital part', async () => {
    await visit(`/arrangementer/${MORE_OG_ROMSDAL.slug}`)
    expect(await textOf(page.locator('h1'))).toBe(MORE_OG_ROMSDAL.title)
    const header = await textOf(page.locator('main header'))
    expect(header).toContain('11.–12. november 2021, Ålesund')
    // The deadline stands once, in the facts list; the notice says where registration stands.
    expect(header).toContain('Samlingen er avsluttet.')
    expect(header).not.toContain('20. september 2021')

    const f = await facts()
    expect(f.Sted).toBe('Ålesund')
    expect(f.Hotell).toBe('Hotellet blir kunngjort av arrangøren.')
    expect(f.Påmeldingsfrist).toBe('20. september 2021 kl. 23.59')
    expect(f.Tid).toBe('Fra 11. november 2021 kl. 11.00 til 12. november 2021 kl. 13.00')

    const audience = await textOf(page.getByRole('region', { name: 'Hvem bør delta?' }))
    expect(audience).toContain('Vi oppfordrer kommunene til å være representert med flere personer på samlingen')

    const coverage = await textOf(page.getByRole('region', { name: 'Hva dekkes, og hva koster det?' }))
    expect(coverage).toContain('mat og møtelokaler for inntil 4 personer per kommune')
    expect(coverage).toContain('lang reisevei')
    expect(coverage).not.toContain(' kr ')

    const program = page.getByRole('region', { name: 'Program', exact: true })
    const days = program.locator(':scope > section:not([aria-labelledby="digital"]) > h3')
    expect((await days.allInnerTexts()).map(plain)).toEqual(['Dag 1 – torsdag 11. november 2021', 'Dag 2 – fredag 12. november 2021'])
    const day1 = await textOf(page.getByRole('region', { name: 'Dag 1 – torsdag 11. november 2021' }))
    const day2 = await textOf(page.getByRole('region', { name: 'Dag 2 – fredag 12. november 2021' }))
    expect(day1).toContain('12.30–12.45 Åpning')
    expect(day1).not.toContain('Avslutning')
    expect(day2).toContain('11.30–11.45 Avslutning')

    // One parallel slot, its two sessions in the same list, side by side.
    expect(await slotTitles()).toEqual([['Parallell 1: Topplederforum for ordførere og rådmenn', 'Parallell 2: For øvrige deltakere']])
    const slotItems = page.locator('ul.program-slot > li')
    await expectSideBySide(slotItems, 2)

    // Topplederforum, and only Topplederforum, is marked as restricted.
    const restricted = page.getByText(/^Bare for /)
    expect(await restricted.count()).toBe(1)
    expect(await textOf(slotItems.nth(0))).toContain('Bare for ordfører og kommunedirektør/rådmann')
    expect(await textOf(slotItems.nth(1))).not.toContain('Bare for')

    const digital = page.getByRole('region', { name: 'Digital del' })
    const webinars = digital.locator('li')
    expect(await webinars.count()).toBe(12)
    expect(await textOf(webinars.first())).toContain('Klimatilpasning – Vær smart-kurset, del 1')
    expect(await textOf(webinars.first())).toContain('tirsdag 16. november 2021')
    expect(await textOf(webinars.last())).toContain('Grønn næringsutvikling')
    expect(await textOf(webinars.last())).toContain('torsdag 13. januar 2022')
  })

  it('shows the Trøndelag event: hotel, prices, deadline and two parallel slots of four', async () => {
    await visit(`/arrangementer/${TRONDELAG.slug}`)
    expect(await textOf(page.locator('h1'))).toBe(TRONDELAG.title)
    const header = await textOf(page.locator('main header'))
    expect(header).toContain('27.–28. november 2018, Scandic Hell, Stjørdal')
    // The deadline stands once, in the facts list; the notice says where registration stands.
    expect(header).toContain('Samlingen er avsluttet.')
    expect(header).not.toContain('20. oktober 2018')

    const f = await facts()
    expect(f.Sted).toBe('Scandic Hell, Stjørdal (Hell, 7517 Stjørdal)')
    expect(f.Hotell).toBe('Scandic Hell, Hell, 7517 Stjørdal')
    expect(f.Påmeldingsfrist).toBe('20. oktober 2018 kl. 23.59')

    const audience = await textOf(page.getByRole('region', { name: 'Hvem bør delta?' }))
    expect(audience).toContain('Ledere, fagansvarlige og saksbehandlere.')

    const coverage = await textOf(page.getByRole('region', { name: 'Hva dekkes, og hva koster det?' }))
    expect(coverage).toContain('inntil 2 personer per kommune')
    expect(coverage).toContain('I tillegg dekkes 1 dagpakke per kommune')
    expect(coverage).toContain('ca. 2 500 kr for begge dagene med overnatting')
    expect(coverage).toContain('ca. 650 kr for en dagpakke')

    const day2 = await textOf(page.getByRole('region', { name: 'Dag 2 – onsdag 28. november 2018' }))
    expect(day2).toContain('Parallelle sesjoner før lunsj')
    expect(day2).toContain('Parallelle sesjoner etter lunsj')
    expect(await textOf(page.getByRole('region', { name: 'Dag 1 – tirsdag 27. november 2018' }))).toContain('Velkommen')

    const slots = await slotTitles()
    expect(slots.map((s) => s.length)).toEqual([4, 4])
    expect(slots[0]).toContain('Klimasmart landbruk')
    expect(slots[1]).toContain('Klimakrav i offentlige anskaffelser / innovative anskaffelser – ved Difi')
    await expectSideBySide(page.locator('ul.program-slot').nth(0).locator(':scope > li'), 4)
    await expectSideBySide(page.locator('ul.program-slot').nth(1).locator(':scope > li'), 4)

    expect(await page.getByText(/^Bare for /).count()).toBe(0)
    expect(await page.getByRole('region', { name: 'Digital del' }).count()).toBe(0)
  })

  it('links the accessibility statement from the footer', async () => {
    await visit('/tilgjengelighet')
    expect(await textOf(page.locator('h1'))).toBe('Tilgjengelighetserklæring')
    expect(await textOf(page.locator('main'))).toContain('WCAG 2.1 på nivå AA')

    await visit('/')
    await page.locator('footer').getByRole('link', { name: 'Tilgjengelighetserklæring' }).click()
    await page.waitForURL(new URL('/tilgjengelighet', world.appUrl).href)
    await expect.poll(() => textOf(page.locator('h1'))).toBe('Tilgjengelighetserklæring')
    await expectNoAxeViolations(page)
  })

  it('shows the front page, an event page and the accessibility statement in nynorsk, and switches back to bokmål', async () => {
    await visit('/?maalform=nn')
    expect(new URL(page.url()).search).toBe('')
    expect(await page.locator('html').getAttribute('lang')).toBe('nn')
    expect(await textOf(page.locator('h1'))).toBe('Klimasamlingar for kommunane')
    expect(await page.getByRole('heading', { name: 'Arrangement', exact: true }).count()).toBe(1)
    expect(await page.getByRole('link', { name: 'Les på bokmål' }).count()).toBe(1)

    await visit(`/arrangementer/${TRONDELAG.slug}`)
    expect(await page.locator('html').getAttribute('lang')).toBe('nn')
    expect(await page.getByRole('heading', { name: 'Om samlinga' }).count()).toBe(1)
    expect(await page.getByRole('heading', { name: 'Kva blir dekt, og kva kostar det?' }).count()).toBe(1)
    expect(await page.title()).toBe(`${TRONDELAG.title} – Klimasamling`)

    await visit('/tilgjengelighet')
    expect(await textOf(page.locator('h1'))).toBe('Tilgjengelegheitserklæring')
    expect(await textOf(page.locator('main'))).toContain('Sist kontrollert: 2. desember 2026.')
    expect(await page.title()).toBe('Tilgjengelegheitserklæring – Klimasamling')

    await page.getByRole('link', { name: 'Les på bokmål' }).click()
    await page.waitForURL(new URL('/tilgjengelighet', world.appUrl).href)
    await expect.poll(() => textOf(page.locator('h1'))).toBe('Tilgjengelighetserklæring')
    expect(await page.locator('html').getAttribute('lang')).toBe('nb')
    await expectNoAxeViolations(page)
  })

  for (const path of ['/arrangementer/finnes-ikke', '/arrangementer/%E0%A4%A']) {
    it(`answers ${path} with a Norwegian 404 page and no stack trace`, async () => {
      const response = await visit(path, 404)
      expect(await textOf(page.locator('h1'))).toBe('Fant ikke siden')
      expect(await textOf(page.locator('body'))).not.toMatch(STACK_TRACE)
      expect(await response.text()).not.toMatch(STACK_TRACE)
      expect(await page.getByRole('link', { name: 'Gå til forsiden' }).getAttribute('href')).toBe('/')
    })
  }

  it('lets a keyboard user skip straight to the main content', async () => {
    await visit('/')
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const el = document.activeElement
      return { text: el?.textContent?.trim(), href: el?.getAttribute('href') }
    })
    expect(focused).toEqual({ text: 'Hopp til hovedinnhold', href: '#hovedinnhold' })

    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => `${document.activeElement?.tagName.toLowerCase()}#${document.activeElement?.id}`)).toBe('main#hovedinnhold')
    expect(new URL(page.url()).hash).toBe('#hovedinnhold')

    // The next Tab continues inside the main content, at the first event link.
    await page.keyboard.press('Tab')
    const next = await page.evaluate(() => ({
      inMain: document.querySelector('main')?.contains(document.activeElement) ?? false,
      text: document.activeElement?.textContent?.trim(),
    }))
    expect(next).toEqual({ inMain: true, text: MORE_OG_ROMSDAL.title })
  })

  it('shows the development mail page, empty and after a test message', async () => {
    await visit('/dev/mail')
    expect(await textOf(page.locator('h1'))).toBe('Utgående e-post (utvikling)')
    expect(await textOf(page.locator('main'))).toContain('Ingen e-post er skrevet ennå.')

    await page.getByRole('button', { name: /Send en testmelding/ }).click()
    await page.waitForURL(/\/dev\/mail$/)
    // The message is queued; the mail worker writes it a moment later.
    const rows = page.locator('main table tbody tr')
    await expect
      .poll(async () => {
        await page.reload()
        return rows.count()
      })
      .toBe(1)
    expect(await textOf(rows.first())).toContain('utvikler@example.no')
    await expectNoAxeViolations(page)
  })

  it('loads nothing from any host but the app server, and its fonts from there', () => {
    const origin = new URL(world.appUrl).origin
    const web = world.requested().filter((url) => /^(https?|wss?):/.test(url))
    expect(web.length).toBeGreaterThan(0)
    expect(web.filter((url) => new URL(url).origin !== origin)).toEqual([])
    expect(web.some((url) => url.endsWith('.woff2'))).toBe(true)
  })
})
