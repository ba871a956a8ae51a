import type { Page } from 'playwright-core'
import { beforeAll, expect, it } from 'vitest'
import { expectNoAxeViolations } from '../helpers/browser'
import { describeInChromium, e2eWorld, recipient } from '../helpers/e2e-world'
import { makeContactPerson, registrationId, TR } from '../helpers/fixtures'
import { heading, mainText, plain, press } from '../helpers/pages'

const BEFORE_DEADLINE = '2018-10-01T10:00:00.000Z'
const AFTER_DEADLINE = '2018-10-25T10:00:00.000Z'

const ANNE = { name: 'Anne Selbu', email: 'anne@selbu.example.no' }
const BJORN = { name: 'Bjørn Selbu', email: 'bjorn@selbu.example.no' }
const CECILIE = { name: 'Cecilie Selbu', email: 'cecilie@selbu.example.no' }
const CONTACT = { name: 'Kari Kontakt', email: 'kontakt@selbu.example.no' }
const AFTER_LUNCH_SESSION = 'Klimakrav i offentlige anskaffelser / innovative anskaffelser – ved Difi'

/**
 * Changes to enrolled participants for Trøndelag 2018, in Chromium against the
 * real server: the contact person of Selbu reorders who uses the covered
 * places and edits a participant (with and without JavaScript), a participant
 * logs in with her own address and picks a parallel session, and after the
 * deadline the contact person may still correct details but not days, nights
 * or the order.
 */
describeInChromium('participant changes in Chromium', () => {
  const world = e2eWorld({ now: BEFORE_DEADLINE, smtp: true, ignoreFailedLoads: true })
  let selbu = ''
  let contactId = ''
  const ids: Record<string, string> = {}

  beforeAll(async () => {
    selbu = await registrationId(world.db, TR, 'Selbu')
    contactId = (await makeContactPerson(world.db, CONTACT.email, selbu, { name: CONTACT.name, at: new Date(BEFORE_DEADLINE) })).id
  })

  /** A page logged in as Selbu's contact person, as of the server's clock. */
  const contactPerson = (options: { javaScriptEnabled?: boolean } = {}) => world.page({ ...options, login: contactId })

  /** The participants table, top to bottom: the name cell ("Name, title"), the nights and the coverage. */
  async function rows(page: Page) {
    const table = page.getByRole('region', { name: 'Deltakere' }).locator('table tbody tr')
    const result: Array<{ name: string; nights: string; coverage: string }> = []
    for (const row of await table.all()) {
      const cells = (await row.locator('td').allInnerTexts()).map(plain)
      result.push({ name: cells[0] ?? '', nights: cells[2] ?? '', coverage: cells[5] ?? '' })
    }
    return result
  }

  const meters = async (page: Page) => plain(await page.getByRole('region', { name: 'Deltakere' }).locator('dl').innerText())

  async function enrol(page: Page, who: { name: string; email: string }) {
    await page.goto(world.url(`/kommune/${selbu}/ny-deltaker`))
    await page.getByLabel('Navn', { exact: true }).fill(who.name)
    await page.getByLabel('E-post', { exact: true }).fill(who.email)
    await page.getByLabel('Stilling').fill('Rådgiver')
    await page.getByLabel('Rolle').selectOption('radgiver')
    await page.getByRole('checkbox', { name: /Natten 27\.–28\. november 2018/ }).check()
    await page.getByRole('button', { name: 'Meld på' }).click()
    await page
      .waitForURL((u) => u.pathname === `/kommune/${selbu}`, { timeout: 8_000 })
      .catch(async (error: unknown) => {
        throw new Error(`Enrolling ${who.name} did not return to the municipality:\n${(await mainText(page)).slice(0, 600)}`, { cause: error })
      })
    await expect.poll(() => mainText(page)).toContain(who.name)
  }

  /** The participant's id, from the "Endre" link in their row. */
  async function participantId(page: Page, name: string): Promise<string> {
    const href = await page.getByRole('link', { name: `Endre ${name}`, exact: true }).getAttribute('href')
    const id = new RegExp(`^/kommune/${selbu}/deltaker/([0-9a-f-]{36})$`).exec(href ?? '')?.[1]
    expect(id, `the edit link of ${name}: ${href}`).toBeDefined()
    return id ?? ''
  }

  it('1. the contact person moves the third overnight participant up, by keyboard, into a covered place', async () => {
    const page = await contactPerson()
    await page.goto(world.url(`/kommune/${selbu}/ny-deltaker`))
    await expectNoAxeViolations(page)
    for (const who of [ANNE, BJORN, CECILIE]) await enrol(page, who)
    for (const who of [ANNE, BJORN, CECILIE]) ids[who.name] = await participantId(page, who.name)

    expect(await rows(page)).toEqual([
      { name: `${ANNE.name}, Rådgiver`, nights: '27.–28. november 2018', coverage: 'Dekket overnatting' },
      { name: `${BJORN.name}, Rådgiver`, nights: '27.–28. november 2018', coverage: 'Dekket overnatting' },
      { name: `${CECILIE.name}, Rådgiver`, nights: '27.–28. november 2018', coverage: 'Egenbetalt (ca. 2 500 kr)' },
    ])
    // The first can only move down, the last only up: the other button is there but marked unavailable.
    expect(await page.getByRole('button', { name: `Flytt opp ${ANNE.name}`, exact: true }).getAttribute('aria-disabled')).toBe('true')
    expect(await page.getByRole('button', { name: `Flytt ned ${CECILIE.name}`, exact: true }).getAttribute('aria-disabled')).toBe('true')
    expect(await page.getByRole('button', { name: `Flytt ned ${ANNE.name}`, exact: true }).getAttribute('aria-disabled')).toBeNull()
    expect(plain(await page.getByText('De dekkede plassene går til deltakerne').innerText())).toContain('flytt en deltaker opp eller ned')
    await expectNoAxeViolations(page)

    const order = async () => (await rows(page)).map((r) => r.name.split(',')[0])
    await press(page.getByRole('button', { name: `Flytt opp ${CECILIE.name}`, exact: true }))
    await expect.poll(order).toEqual([ANNE.name, CECILIE.name, BJORN.name])
    // The focus stays on her button, which moved with her row.
    expect(plain(await page.evaluate(() => document.activeElement?.textContent ?? ''))).toBe(`Flytt opp ${CECILIE.name}`)
    expect(await rows(page)).toEqual([
      { name: `${ANNE.name}, Rådgiver`, nights: '27.–28. november 2018', coverage: 'Dekket overnatting' },
      { name: `${CECILIE.name}, Rådgiver`, nights: '27.–28. november 2018', coverage: 'Dekket overnatting' },
      { name: `${BJORN.name}, Rådgiver`, nights: '27.–28. november 2018', coverage: 'Egenbetalt (ca. 2 500 kr)' },
    ])
    await expectNoAxeViolations(page)

    await press(page.getByRole('button', { name: `Flytt opp ${CECILIE.name}`, exact: true }))
    await expect.poll(order).toEqual([CECILIE.name, ANNE.name, BJORN.name])
    expect((await rows(page)).map((r) => r.coverage)).toEqual(['Dekket overnatting', 'Dekket overnatting', 'Egenbetalt (ca. 2 500 kr)'])
    // Now first, her "Flytt opp" is unavailable, and the keyboard focus is still on it.
    expect(await page.getByRole('button', { name: `Flytt opp ${CECILIE.name}`, exact: true }).getAttribute('aria-disabled')).toBe('true')
    expect(plain(await page.evaluate(() => document.activeElement?.textContent ?? ''))).toBe(`Flytt opp ${CECILIE.name}`)
    expect(await meters(page)).toBe('Dekket overnatting 2 av 2 brukt Dagpakker 0 av 1 Egenbetalt 1 person, ca. 2 500 kr')

    // The history names both moves, who moved and who did it.
    const history = page.getByRole('region', { name: 'Historikk' }).locator('table tbody tr')
    const moves = (await history.filter({ hasText: 'Flyttet opp i rekkefølgen for dekkede plasser' }).all()).map(async (row) =>
      (await row.locator('td').allInnerTexts()).map(plain).slice(1),
    )
    expect(await Promise.all(moves)).toEqual([
      ['Flyttet opp i rekkefølgen for dekkede plasser', CECILIE.name, CONTACT.name],
      ['Flyttet opp i rekkefølgen for dekkede plasser', CECILIE.name, CONTACT.name],
    ])
    await expectNoAxeViolations(page)
  })

  it('2. editing Anne without her hotel night frees her covered place for Bjørn, the next in line', async () => {
    const page = await contactPerson()
    await page.goto(world.url(`/kommune/${selbu}`))
    await page.getByRole('link', { name: `Endre ${ANNE.name}`, exact: true }).click()
    await page.waitForURL(world.url(`/kommune/${selbu}/deltaker/${ids[ANNE.name]}`))
    await expect.poll(() => heading(page)).toBe(`Endre påmeldingen til ${ANNE.name}`)
    // The form shows what she has now.
    expect(await page.getByLabel('E-post', { exact: true }).inputValue()).toBe(ANNE.email)
    expect(await page.getByRole('checkbox', { name: /Natten 27\.–28\. november 2018/ }).isChecked()).toBe(true)
    expect(await page.getByRole('checkbox', { name: /^Dag 1/ }).isChecked()).toBe(true)
    expect(await page.getByRole('checkbox', { name: /^Dag 2/ }).isChecked()).toBe(true)
    await expectNoAxeViolations(page)

    await page.getByLabel('Stilling').fill('Klimarådgiver')
    await page.getByRole('checkbox', { name: /Natten 27\.–28\. november 2018/ }).uncheck()
    // Dinner without a hotel night has no price in this event; without it the amount is known.
    await page.getByRole('checkbox', { name: 'Deltar på middagen' }).uncheck()
    await page.getByRole('button', { name: 'Lagre endringene' }).click()
    await page
      .waitForURL((u) => u.pathname === `/kommune/${selbu}`, { timeout: 8_000 })
      .catch(async (error: unknown) => {
        throw new Error(`Saving Anne did not return to the municipality:\n${(await mainText(page)).slice(0, 600)}`, { cause: error })
      })
    await expect.poll(async () => (await rows(page))[1]?.name).toBe(`${ANNE.name}, Klimarådgiver`)
    expect(await rows(page)).toEqual([
      { name: `${CECILIE.name}, Rådgiver`, nights: '27.–28. november 2018', coverage: 'Dekket overnatting' },
      { name: `${ANNE.name}, Klimarådgiver`, nights: 'Ingen', coverage: 'Dagpakke dekket, resten egenbetalt (ca. 650 kr)' },
      { name: `${BJORN.name}, Rådgiver`, nights: '27.–28. november 2018', coverage: 'Dekket overnatting' },
    ])
    expect(await meters(page)).toBe('Dekket overnatting 2 av 2 brukt Dagpakker 1 av 1 Egenbetalt 1 person, ca. 650 kr')
    const history = plain(await page.getByRole('region', { name: 'Historikk' }).innerText())
    expect(history).toContain(`Deltaker endret ${ANNE.name} ${CONTACT.name}`)
    // Cecilie when she passed Bjørn, then Anne (a day package) and Bjørn (the night) now.
    const promotions = page.getByRole('region', { name: 'Historikk' }).locator('tbody tr').filter({ hasText: 'Deltaker fikk dekket plass' })
    // Newest first: Bjørn (through Anne's edit), Cecilie (through her move); Anne trading her night is no promotion.
    expect(await promotions.evaluateAll((rows) => rows.map((r) => r.querySelectorAll('td')[2]?.textContent?.trim()))).toEqual([BJORN.name, CECILIE.name])
    await expectNoAxeViolations(page)
  })

  it('2b. without JavaScript: Anne gets her night back and takes the covered place again, Bjørn pays', async () => {
    const page = await contactPerson({ javaScriptEnabled: false })
    await page.goto(world.url(`/kommune/${selbu}`))
    await page.getByRole('link', { name: `Endre ${ANNE.name}`, exact: true }).click()
    await page.waitForURL(world.url(`/kommune/${selbu}/deltaker/${ids[ANNE.name]}`))
    // (axe needs JavaScript in the page, so it checks these pages in the test above.)
    expect(await page.getByLabel('Stilling').inputValue()).toBe('Klimarådgiver')
    expect(await page.getByRole('checkbox', { name: /Natten 27\.–28\. november 2018/ }).isChecked()).toBe(false)
    await page.getByLabel('Stilling').fill('Rådgiver')
    await page.getByRole('checkbox', { name: /Natten 27\.–28\. november 2018/ }).check()
    await page.getByRole('checkbox', { name: 'Deltar på middagen' }).check()
    await page.getByRole('button', { name: 'Lagre endringene' }).click()
    await page
      .waitForURL((u) => u.pathname === `/kommune/${selbu}`, { timeout: 8_000 })
      .catch(async (error: unknown) => {
        throw new Error(`Saving Anne without JavaScript did not return to the municipality:\n${(await mainText(page)).slice(0, 600)}`, { cause: error })
      })
    // She is ahead of Bjørn in the order, so the covered place is hers again.
    expect(await rows(page)).toEqual([
      { name: `${CECILIE.name}, Rådgiver`, nights: '27.–28. november 2018', coverage: 'Dekket overnatting' },
      { name: `${ANNE.name}, Rådgiver`, nights: '27.–28. november 2018', coverage: 'Dekket overnatting' },
      { name: `${BJORN.name}, Rådgiver`, nights: '27.–28. november 2018', coverage: 'Egenbetalt (ca. 2 500 kr)' },
    ])
    expect(await meters(page)).toBe('Dekket overnatting 2 av 2 brukt Dagpakker 0 av 1 Egenbetalt 1 person, ca. 2 500 kr')
  })

  it('3. Bjørn logs in with his own address, picks a parallel session on day 2, and sees only his own page', async () => {
    const page = await world.page()
    await page.goto(world.url('/logg-inn'))
    await expectNoAxeViolations(page)
    await page.getByLabel('E-post', { exact: true }).fill(BJORN.email)
    await page.keyboard.press('Enter')
    await page.waitForURL(world.url('/logg-inn/kode'))
    await expectNoAxeViolations(page)
    await expect
      .poll(() => world.mail.received.filter((m) => recipient(m) === BJORN.email && /^Innlogging/.test(m.subject ?? '')).length, { timeout: 10_000 })
      .toBe(1)
    const mail = world.mail.received.find((m) => recipient(m) === BJORN.email && /^Innlogging/.test(m.subject ?? ''))
    const code = /innloggingssiden: (\d{6})/.exec(mail?.text ?? '')?.[1] ?? ''
    expect(code, `a six-digit code in:\n${mail?.text}`).toMatch(/^\d{6}$/)
    expect(await page.getByLabel('E-post', { exact: true }).inputValue()).toBe(BJORN.email)
    await page.getByLabel('Kode', { exact: true }).fill(code)
    await page.keyboard.press('Enter')
    await page.waitForURL(world.url('/min-side'))
    await expect.poll(() => mainText(page)).toContain(`Du er logget inn som ${BJORN.name}.`)
    await expectNoAxeViolations(page)

    const own = page.getByRole('region', { name: 'Dine påmeldinger' })
    expect((await own.getByRole('listitem').allInnerTexts()).map(plain)).toEqual(['Klimasamling for kommunene i Trøndelag (27.–28. november 2018)'])
    await press(own.getByRole('link'))
    await page.waitForURL(world.url(`/deltaker/${ids[BJORN.name]}`))
    await expect.poll(() => heading(page)).toBe('Din påmelding: Klimasamling for kommunene i Trøndelag')
    const choices = page.getByRole('region', { name: 'Dager og sesjoner' })
    expect(plain(await choices.locator('dl').innerText())).toBe('Dager Dag 1, 27. november 2018, Dag 2, 28. november 2018 Hotellnetter 27.–28. november 2018')
    await expectNoAxeViolations(page)

    const afterLunch = choices.getByRole('group', { name: /^Parallelle sesjoner etter lunsj, Dag 2/ })
    const beforeLunch = choices.getByRole('group', { name: /^Parallelle sesjoner før lunsj, Dag 2/ })
    expect(await afterLunch.getByRole('radio', { name: 'Ingen valgt' }).isChecked()).toBe(true)
    expect(await beforeLunch.getByRole('radio', { name: 'Ingen valgt' }).isChecked()).toBe(true)
    await afterLunch.getByRole('radio', { name: AFTER_LUNCH_SESSION }).check()
    await press(page.getByRole('button', { name: 'Lagre sesjonsvalg' }))
    await page.waitForURL(world.url(`/deltaker/${ids[BJORN.name]}?lagret=1`))
    await expect.poll(async () => plain(await page.getByRole('status').filter({ hasText: 'lagret' }).innerText())).toBe('Sesjonsvalgene dine er lagret.')
    await expectNoAxeViolations(page)

    await page.reload()
    expect(await afterLunch.getByRole('radio', { name: AFTER_LUNCH_SESSION }).isChecked()).toBe(true)
    expect(await beforeLunch.getByRole('radio', { name: 'Ingen valgt' }).isChecked()).toBe(true)
    const saved = await world.db
      .selectFrom('session_choice')
      .innerJoin('program_item', 'program_item.id', 'session_choice.program_item_id')
      .select('program_item.title')
      .where('session_choice.participant_id', '=', ids[BJORN.name] ?? '')
      .execute()
    expect(saved.map((s) => s.title)).toEqual([AFTER_LUNCH_SESSION])

    // Anne's page does not exist for him.
    const response = await page.goto(world.url(`/deltaker/${ids[ANNE.name]}`))
    expect(response?.status()).toBe(404)
    expect(await heading(page)).toBe('Fant ikke siden')
    expect(await mainText(page)).not.toContain(ANNE.name)
    await expectNoAxeViolations(page)
  })

  it('4. after the deadline: days and nights are shown as text, the diet can still change, and the order is fixed', async () => {
    await world.restart({ now: AFTER_DEADLINE })
    const page = await contactPerson()
    await page.goto(world.url(`/kommune/${selbu}`))
    expect(await page.getByRole('button', { name: /^Flytt (opp|ned)/ }).count()).toBe(0)
    expect(plain(await page.getByText('De dekkede plassene går til deltakerne').innerText())).not.toContain('flytt en deltaker')
    await expectNoAxeViolations(page)

    // The server refuses a crafted move too.
    const refused = await page.request.post(world.url(`/kommune/${selbu}?index`), {
      form: { intent: 'move', participantId: ids[BJORN.name] ?? '', direction: 'up' },
      headers: { Origin: world.appUrl },
    })
    expect(refused.status()).toBe(409)
    expect(await refused.text()).toContain('Rekkefølgen for de dekkede plassene kan bare endres før fristen.')

    await press(page.getByRole('link', { name: `Endre ${ANNE.name}`, exact: true }))
    await page.waitForURL(world.url(`/kommune/${selbu}/deltaker/${ids[ANNE.name]}`))
    await expect
      .poll(() => mainText(page))
      .toContain('Påmeldingsfristen er ute: dager og hotellnetter kan bare endres av arrangøren. Skriv til havard.kleppa@example.no.')
    expect(await page.getByRole('checkbox', { name: /^Dag \d/ }).count()).toBe(0)
    expect(await page.getByRole('checkbox', { name: /^Natten/ }).count()).toBe(0)
    expect(await mainText(page)).toContain('Dager Dag 1, 27. november 2018, Dag 2, 28. november 2018 Hotellnetter Natten 27.–28. november 2018')
    await expectNoAxeViolations(page)

    await page.getByLabel('Kosthold (valgfritt)').fill('Vegetar')
    await press(page.getByRole('button', { name: 'Lagre endringene' }))
    await page.waitForURL((u) => u.pathname === `/kommune/${selbu}`)
    await expect.poll(async () => (await rows(page)).map((r) => r.coverage)).toEqual(['Dekket overnatting', 'Dekket overnatting', 'Egenbetalt (ca. 2 500 kr)'])
    expect(await page.getByRole('button', { name: /^Flytt (opp|ned)/ }).count()).toBe(0)
    await expectNoAxeViolations(page)

    await page.goto(world.url(`/kommune/${selbu}/deltaker/${ids[ANNE.name]}`))
    expect(await page.getByLabel('Kosthold (valgfritt)').inputValue()).toBe('Vegetar')
    // Dropping the night by hand (the hidden field) is refused by the world.server.
    await page.locator('input[type="hidden"][name="nightIds"]').evaluate((input) => input.remove())
    await page.getByRole('button', { name: 'Lagre endringene' }).click()
    await expect.poll(() => mainText(page)).toContain('Etter fristen kan bare arrangøren endre dager og hotellnetter. Skriv til havard.kleppa@example.no.')
    expect(page.url()).toBe(world.url(`/kommune/${selbu}/deltaker/${ids[ANNE.name]}`))
    await expectNoAxeViolations(page)
    const nights = await world.db
      .selectFrom('participant_night')
      .select('hotel_night_id')
      .where('participant_id', '=', ids[ANNE.name] ?? '')
      .execute()
    expect(nights).toHaveLength(1)
  })
})
