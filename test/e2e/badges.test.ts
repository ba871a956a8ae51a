import { readFile } from 'node:fs/promises'
import type { Download, Page } from 'playwright-core'
import { extractText, getDocumentProxy } from 'unpdf'
import { beforeAll, expect, it } from 'vitest'
import { describeInChromium, e2eWorld } from '../helpers/e2e-world'
import { addParticipant, eventId, MR, makeOrganiser, registrationId } from '../helpers/fixtures'
import { mainText } from '../helpers/pages'

const SAMI = 'Niillas Đuoŋŋa Šuŧež'

/**
 * Name badges in Chromium against the real server: the organiser of Møre og
 * Romsdal 2021 opens Navneskilt, chooses the order by keyboard and downloads
 * every badge, finds one participant by search and downloads that badge
 * alone; each PDF is read back with unpdf. A query the page never sends gets
 * the Norwegian 400 page. axe on every page.
 */
describeInChromium('name badges as PDF', () => {
  const world = e2eWorld({ now: '2021-11-01T10:00:00Z', ignoreFailedLoads: true })
  let mr = ''
  let organiserId = ''
  let sessionTitle = ''

  beforeAll(async () => {
    const db = world.db
    mr = await eventId(db, MR)
    organiserId = (await makeOrganiser(db, 'arrangor@example.no', MR)).id
    const session = await db
      .selectFrom('program_item')
      .select(['id', 'title', 'slot_id'])
      .where('event_id', '=', mr)
      .where('kind', '=', 'parallel')
      .orderBy('starts_at')
      .orderBy('sort_order')
      .executeTakeFirstOrThrow()
    sessionTitle = session.title
    for (const [municipality, name, title] of [
      ['Ålesund', 'Ærlige Øystein Åsheim', 'Klimarådgiver'],
      ['Aukra', 'Kari Zahl', 'Ordfører'],
      ['Vestnes', SAMI, 'Kommunedirektør'],
    ] as const) {
      const { id } = await addParticipant(db, await registrationId(db, MR, municipality), `${name.split(' ')[0]?.toLowerCase()}@example.no`, name)
      await db.updateTable('participant').set({ title }).where('id', '=', id).execute()
      if (name === 'Kari Zahl')
        await db.insertInto('session_choice').values({ participant_id: id, program_item_id: session.id, slot_id: session.slot_id }).execute()
    }
  })

  async function pdfOf(download: Download): Promise<{ pages: number; text: string }> {
    const doc = await getDocumentProxy(new Uint8Array(await readFile(await download.path())))
    const { totalPages, text } = await extractText(doc, { mergePages: true })
    return { pages: totalPages, text }
  }

  /** Presses Enter on what has the focus and waits for the file it downloads. */
  async function enterDownloads(page: Page): Promise<Download> {
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')])
    return download
  }

  it('the organiser chooses "by surname" by keyboard and downloads every badge; the PDF holds the names in that order', async () => {
    const page = await world.page({ login: organiserId, acceptDownloads: true })
    await world.visit(page, `/arrangor/${mr}/navneskilt`)
    const text = await mainText(page)
    expect(text).toContain('3 deltakere er påmeldt: 1 A4-ark.')
    expect(text).toContain('en QR-kode som registreringen kan skanne ved innsjekking')
    // By municipality is chosen; the arrow key moves the choice to by surname, as radio buttons do.
    const byMunicipality = page.getByRole('radio', { name: 'Etter kommune' })
    expect(await byMunicipality.isChecked()).toBe(true)
    await byMunicipality.focus()
    await page.keyboard.press('ArrowDown')
    expect(await page.getByRole('radio', { name: 'Etter etternavn' }).isChecked()).toBe(true)
    await page.keyboard.press('Tab')
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Last ned PDF med alle navneskilt')
    const download = await enterDownloads(page)
    expect(download.suggestedFilename()).toBe('navneskilt-klimasamling-more-og-romsdal-2021.pdf')
    expect(download.url()).toBe(world.url(`/arrangor/${mr}/navneskilt.pdf?sortering=etternavn`))
    const pdf = await pdfOf(download)
    expect(pdf.pages).toBe(1)
    for (const expected of ['Ærlige Øystein Åsheim', 'Kari Zahl', SAMI, 'Ordfører', 'Kommunedirektør', 'Klimarådgiver', 'Ålesund', 'Aukra', 'Vestnes']) {
      expect(pdf.text).toContain(expected)
    }
    expect(pdf.text).toContain(sessionTitle.slice(0, 12))
    // Šuŧež, Zahl, Åsheim: æ, ø, å after z.
    expect(pdf.text.indexOf(SAMI)).toBeLessThan(pdf.text.indexOf('Kari Zahl'))
    expect(pdf.text.indexOf('Kari Zahl')).toBeLessThan(pdf.text.indexOf('Ærlige Øystein Åsheim'))
    // The download did not leave the page.
    expect(await page.locator('main h1').innerText()).toBe('Navneskilt')
  })

  it('the organiser searches for one participant by keyboard and downloads that badge alone', async () => {
    const page = await world.page({ login: organiserId, acceptDownloads: true })
    await world.visit(page, `/arrangor/${mr}/navneskilt`)
    await page.getByRole('searchbox', { name: 'Søk etter deltaker' }).focus()
    await page.keyboard.type('šuŧ')
    await page.keyboard.press('Enter')
    await page.waitForURL(/sok=/)
    await world.visit(page, page.url())
    expect(await mainText(page)).toContain('1 deltaker passer søket «šuŧ».')
    await page.getByRole('link', { name: `Last ned PDF – navneskilt for ${SAMI}` }).focus()
    const download = await enterDownloads(page)
    expect(download.suggestedFilename()).toMatch(/^navneskilt-klimasamling-more-og-romsdal-2021-niillas-[a-z-]+\.pdf$/)
    const pdf = await pdfOf(download)
    expect(pdf.pages).toBe(1)
    expect(pdf.text).toContain(SAMI)
    expect(pdf.text).toContain('Vestnes')
    expect(pdf.text).not.toContain('Kari Zahl')
  })

  it('a query the page never sends gets a Norwegian 400 page', async () => {
    const page = await world.page({ login: organiserId })
    await world.visit(page, `/arrangor/${mr}/navneskilt.pdf?sortering=alder`, 400)
    expect(await page.locator('h1').innerText()).toBe('Kunne ikke lage navneskiltene')
    expect(await page.locator('html').getAttribute('lang')).toBe('nb')
  })
})
