import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { enrolParticipant } from '~/services/enrolment.server'
import { expectNoAxeViolations } from '../helpers/browser'
import { describeInChromium, e2eWorld } from '../helpers/e2e-world'
import { enrolInput, MR, makeContactPerson, makeOrganiser, registrationId, TEST_MAIL } from '../helpers/fixtures'
import { mainText, plain } from '../helpers/pages'

/** Registration for Møre og Romsdal 2021 is open. */
const NOW = osloDateTime('2021-09-01', '12:00')
const TOPPLEDERFORUM = 'Parallell 1: Topplederforum for ordførere og rådmenn'
const OTHERS = 'Parallell 2: For øvrige deltakere'

/**
 * Found when tried as a new user would: "Endre" on the program
 * and days pages fills the form with that row (with JavaScript, a client-side
 * navigation), and the participant form shows full and role-restricted
 * sessions as unavailable before anyone submits.
 */
describeInChromium('forms as a new user finds them, in Chromium', () => {
  const world = e2eWorld({ now: NOW })
  let eventId = ''
  let volda = ''
  let organiserId = ''
  let contactId = ''

  beforeAll(async () => {
    eventId = (await world.db.selectFrom('event').select('id').where('slug', '=', MR).executeTakeFirstOrThrow()).id
    organiserId = (await makeOrganiser(world.db, 'arrangor@example.no', MR)).id
    volda = await registrationId(world.db, MR, 'Volda')
    contactId = (await makeContactPerson(world.db, 'kontakt@volda.example.no', volda)).id
  })

  /** Waits until Remix has hydrated the page, then marks the document, so a full page load would lose the mark. */
  async function hydrated(page: Page) {
    await expect.poll(() => page.evaluate(() => Boolean((window as unknown as { __remixRouter?: unknown }).__remixRouter))).toBe(true)
    await page.evaluate(() => {
      ;(window as unknown as { sameDocument: boolean }).sameDocument = true
    })
  }
  const stillSameDocument = (page: Page) => page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true)

  it('"Endre" on Program fills the form with the item (client-side), and saving it works', async () => {
    const page = await world.page({ login: organiserId })
    await page.goto(world.url(`/arrangor/${eventId}/program`))
    await hydrated(page)
    await expectNoAxeViolations(page)
    const form = page.locator('#item-form')
    expect(await form.getByLabel('Tittel').inputValue()).toBe('')

    await page.getByRole('link', { name: 'Endre Litt praktisk info' }).click()
    await page.waitForURL(/\?punkt=/)
    expect(await stillSameDocument(page)).toBe(true)
    await expect.poll(() => form.getByLabel('Tittel').inputValue()).toBe('Litt praktisk info')
    expect(await form.getByLabel('Starter').inputValue()).toBe('12:55')
    expect(await page.getByRole('heading', { name: 'Endre programpunkt' }).count()).toBe(1)
    await expectNoAxeViolations(page)

    // A second "Endre" without reloading loads that row, not the first one.
    await page.getByRole('link', { name: 'Endre Åpning' }).click()
    await expect.poll(() => form.getByLabel('Tittel').inputValue()).toBe('Åpning')
    expect(await stillSameDocument(page)).toBe(true)

    await form.getByLabel('Tittel').fill('Åpning av samlingen')
    await form.getByRole('button', { name: 'Lagre programpunktet' }).click()
    await page.waitForURL(world.url(`/arrangor/${eventId}/program`))
    await expect.poll(async () => plain(await page.locator('main table').first().innerText())).toContain('12.30–12.45 Åpning av samlingen')
    // Back to an empty form for a new item.
    await expect.poll(() => form.getByLabel('Tittel').inputValue()).toBe('')
    expect(await page.getByRole('heading', { name: 'Legg til programpunkt' }).count()).toBe(1)
    await expectNoAxeViolations(page)

    // The slot form too.
    const slotForm = page.locator('#slot-form')
    await page
      .getByRole('link', { name: /^Endre Parallelle/ })
      .first()
      .click()
    await expect.poll(() => slotForm.getByLabel('Starter').inputValue()).toBe('14:30')
    await slotForm.getByLabel('Slutter').fill('16:15')
    await slotForm.getByRole('button', { name: 'Lagre sesjonsbolken' }).click()
    await expect.poll(() => mainText(page)).toContain('14.30–16.15')
  })

  it('"Endre" on Dager og netter fills the form with the day and the night, and saving them works', async () => {
    const page = await world.page({ login: organiserId })
    await page.goto(world.url(`/arrangor/${eventId}/dager`))
    await hydrated(page)
    const dayForm = page.locator('#day-form')
    await page.getByRole('link', { name: 'Endre Dag 2' }).click()
    await page.waitForURL(/\?dag=/)
    expect(await stillSameDocument(page)).toBe(true)
    await expect.poll(() => dayForm.getByLabel('Navn på dagen').inputValue()).toBe('Dag 2')
    expect(await dayForm.getByLabel('Dato').inputValue()).toBe('2021-11-12')
    await expectNoAxeViolations(page)
    await dayForm.getByLabel('Navn på dagen').fill('Dag 2 (avslutning)')
    await dayForm.getByRole('button', { name: 'Lagre dagen' }).click()
    await page.waitForURL(world.url(`/arrangor/${eventId}/dager`))
    await expect.poll(async () => plain(await page.locator('main table').first().innerText())).toContain('Dag 2 (avslutning)')

    const nightForm = page.locator('#night-form')
    await page.getByRole('link', { name: /^Endre natten 11\.–12\. november 2021/ }).click()
    await expect.poll(() => nightForm.getByLabel('Natt (kvelden den starter)').inputValue()).toBe('2021-11-11')
    expect(await stillSameDocument(page)).toBe(true)
    await nightForm.getByLabel('Rom i kvoten').fill('111')
    await nightForm.getByRole('button', { name: 'Lagre natten' }).click()
    await expect.poll(async () => plain(await page.locator('main table').last().innerText())).toContain('11.–12. november 2021 111')
    await expectNoAxeViolations(page)
  })

  describe('the participant form marks sessions that cannot be chosen', () => {
    beforeAll(async () => {
      // Parallel 2 gets one seat, and someone from Molde takes it through the real enrolment.
      const others = await world.db
        .updateTable('program_item')
        .set({ capacity: 1 })
        .where('event_id', '=', eventId)
        .where('title', '=', OTHERS)
        .returning(['id', 'event_day_id'])
        .executeTakeFirstOrThrow()
      const molde = await registrationId(world.db, MR, 'Molde')
      await makeContactPerson(world.db, 'kontakt@molde.example.no', molde)
      const taken = await enrolParticipant(
        world.db,
        TEST_MAIL,
        { userId: organiserId },
        enrolInput(molde, { dayIds: [others.event_day_id ?? ''], sessionIds: [others.id] }),
        NOW,
      )
      expect(taken).not.toBeNull()
    })

    const choice = (page: Page, title: string) => page.getByRole('radio', { name: title })
    const noteOf = async (page: Page, title: string) => {
      const id = await choice(page, title).getAttribute('id')
      return plain(await page.locator(`[id="${id}-description"]`).innerText())
    }

    // Volda writes nynorsk, so its contact person would read these pages in nynorsk (decision 54); this test reads
    // bokmål's words, so it chooses bokmål with the switch's parameter (remembered on the account).
    it('with JavaScript: full at once, restricted as soon as the role is chosen, open again for a mayor', async () => {
      const page = await world.page({ login: contactId })
      await page.goto(world.url(`/kommune/${volda}/ny-deltaker?maalform=nb`))
      await hydrated(page)
      expect(await choice(page, OTHERS).isDisabled()).toBe(true)
      expect(await noteOf(page, OTHERS)).toBe('Kan ikke velges: Fullt')
      // No role chosen yet: Topplederforum is offered, with who it is for.
      expect(await choice(page, TOPPLEDERFORUM).isDisabled()).toBe(false)
      await expectNoAxeViolations(page)

      await page.getByLabel('Rolle').selectOption('radgiver')
      await expect.poll(() => choice(page, TOPPLEDERFORUM).isDisabled()).toBe(true)
      expect(await noteOf(page, TOPPLEDERFORUM)).toBe('Kan ikke velges: Bare for ordfører og kommunedirektør/rådmann')
      await expectNoAxeViolations(page)

      await page.getByLabel('Rolle').selectOption('ordforer')
      await expect.poll(() => choice(page, TOPPLEDERFORUM).isDisabled()).toBe(false)
      expect(await choice(page, OTHERS).isDisabled()).toBe(true)
    })

    it('without JavaScript: the server marks them, and after a refused submit the role it knows', async () => {
      // axe needs JavaScript in the page: the same states are checked with axe in the test above.
      const page = await world.page({ login: contactId, javaScriptEnabled: false, ignoreFailedLoads: true })
      await page.goto(world.url(`/kommune/${volda}/ny-deltaker?maalform=nb`))
      expect(await choice(page, OTHERS).isDisabled()).toBe(true)
      expect(await noteOf(page, OTHERS)).toBe('Kan ikke velges: Fullt')
      expect(await choice(page, TOPPLEDERFORUM).isDisabled()).toBe(false)

      // An incomplete form as an adviser: refused (no name), and now the form knows the role.
      await page.getByLabel('Rolle').selectOption('radgiver')
      const [refused] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Meld på' }).click()])
      expect(refused.status()).toBe(400)
      await page.waitForLoadState('load')
      await expect.poll(() => mainText(page)).toContain('Navn: Skriv inn navnet.')
      expect(await choice(page, TOPPLEDERFORUM).isDisabled()).toBe(true)
      expect(await noteOf(page, TOPPLEDERFORUM)).toBe('Kan ikke velges: Bare for ordfører og kommunedirektør/rådmann')
    })
  })
})
