import type { Page } from 'playwright-core'
import { beforeAll, expect, it } from 'vitest'
import { upsertUser } from '~/services/users.server'
import { expectNoAxeViolations } from '../helpers/browser'
import { describeInChromium, e2eWorld } from '../helpers/e2e-world'
import { eventId, makeContactPerson, makeOrganiser, registrationId, TR } from '../helpers/fixtures'
import { mainText, press } from '../helpers/pages'

const BEFORE_DEADLINE = '2018-10-01T10:00:00.000Z'
const CONTACT = { name: 'Kari Kontakt', email: 'kontakt@selbu.example.no' }
const DINA = { name: 'Dina Selbu', email: 'dina@selbu.example.no' }
const BEFORE_LUNCH = /^1\. valg, Parallelle sesjoner før lunsj/
const AFTER_LUNCH = /^1\. valg, Parallelle sesjoner etter lunsj/

/**
 * Ranked wishes for Trøndelag 2018 set to "Etter ønsker", in Chromium against
 * the real server (decision 44): the contact person enrols a participant with
 * JavaScript off (the selects post alone; a missing wish is refused at its
 * field), the participant reorders her wishes by keyboard with "Flytt ned",
 * and the organiser reads the demand and closes the wish round, after which
 * the participant's page shows the wishes without the form. Axe on every page.
 */
describeInChromium('ranked session wishes in Chromium', () => {
  const world = e2eWorld({ now: BEFORE_DEADLINE, ignoreFailedLoads: true })
  let selbu = ''
  let tr = ''
  let contactId = ''
  let organiserId = ''

  beforeAll(async () => {
    selbu = await registrationId(world.db, TR, 'Selbu')
    tr = await eventId(world.db, TR)
    await world.db.updateTable('event').set({ session_allocation: 'by_wishes' }).where('id', '=', tr).execute()
    contactId = (await makeContactPerson(world.db, CONTACT.email, selbu, { name: CONTACT.name, at: new Date(BEFORE_DEADLINE) })).id
    organiserId = (await makeOrganiser(world.db, 'arrangor@example.no', TR)).id
  })

  const wishesOf = (participantId: string) =>
    world.db
      .selectFrom('session_wish')
      .innerJoin('program_item', 'program_item.id', 'session_wish.program_item_id')
      .innerJoin('program_slot', 'program_slot.id', 'session_wish.slot_id')
      .select(['program_slot.label', 'session_wish.rank', 'program_item.title'])
      .where('session_wish.participant_id', '=', participantId)
      .orderBy('program_slot.starts_at')
      .orderBy('session_wish.rank')
      .execute()

  const optionLabels = (page: Page, label: RegExp) => page.getByLabel(label).locator('option').allInnerTexts()

  it('1. without JavaScript, the contact person ranks sessions with the selects; a slot left empty is refused at its field', async () => {
    const page = await world.page({ javaScriptEnabled: false, login: contactId })
    await page.goto(world.url(`/kommune/${selbu}/ny-deltaker`))
    await page.getByLabel('Navn', { exact: true }).fill(DINA.name)
    await page.getByLabel('E-post', { exact: true }).fill(DINA.email)
    await page.getByLabel('Stilling').fill('Rådgiver')
    await page.getByLabel('Rolle').selectOption('radgiver')
    // No radio groups for the parallel slots: a select per rank instead, with "Ikke valgt" first.
    expect(await page.getByRole('radio', { name: 'Ingen valgt' }).count()).toBe(0)
    const before = await optionLabels(page, BEFORE_LUNCH)
    expect(before[0]).toBe('Ikke valgt')
    expect(before.length).toBeGreaterThanOrEqual(4)
    await page.getByLabel(BEFORE_LUNCH).selectOption({ label: before[2] ?? '' })
    await page.getByLabel(/^2\. valg, Parallelle sesjoner før lunsj/).selectOption({ label: before[1] ?? '' })
    await page.getByRole('button', { name: 'Meld på' }).click()
    await page.waitForLoadState('load')
    // The summary and the field's message come from the server's answer alone (axe needs JavaScript: see below).
    await expect.poll(() => mainText(page)).toContain('Velg minst ett ønske for «Parallelle sesjoner etter lunsj')
    expect(page.url()).toContain('/ny-deltaker')
    // What was chosen is still chosen.
    expect(await page.getByLabel(BEFORE_LUNCH).inputValue()).not.toBe('')

    const after = await optionLabels(page, AFTER_LUNCH)
    await page.getByLabel(AFTER_LUNCH).selectOption({ label: after[1] ?? '' })
    await page.getByRole('button', { name: 'Meld på' }).click()
    await page
      .waitForURL((u) => u.pathname === `/kommune/${selbu}`, { timeout: 8_000 })
      .catch(async (error: unknown) => {
        throw new Error(`The enrolment did not return to the municipality:\n${(await mainText(page)).slice(0, 1500)}`, { cause: error })
      })
    expect(await mainText(page)).toContain(`Ønsker: Parallelle sesjoner før lunsj: 1. valg ${before[2]}, 2. valg ${before[1]}`)

    const dina = await world.db.selectFrom('participant').select('id').where('email', '=', DINA.email).executeTakeFirstOrThrow()
    expect((await wishesOf(dina.id)).map((w) => `${w.rank} ${w.title}`)).toEqual([`1 ${before[2]}`, `2 ${before[1]}`, `1 ${after[1]}`])
    const seats = await world.db.selectFrom('session_choice').select('program_item_id').where('participant_id', '=', dina.id).execute()
    expect(seats).toEqual([])

    // The same pages with JavaScript, for axe: the form, its refusal at the field, and the municipality's page with the wishes.
    const checked = await world.page({ login: contactId })
    await world.visit(checked, `/kommune/${selbu}/ny-deltaker`)
    await checked.getByLabel(BEFORE_LUNCH).selectOption({ label: before[1] ?? '' })
    await checked.getByRole('button', { name: 'Meld på' }).click()
    await expect.poll(() => mainText(checked)).toContain('Rett opp dette for å gå videre:')
    await expectNoAxeViolations(checked)
    await world.visit(checked, `/kommune/${selbu}`)
  })

  it('2. the participant moves her first choice down by keyboard, hears it, and saves', async () => {
    const dina = await world.db.selectFrom('participant').select('id').where('email', '=', DINA.email).executeTakeFirstOrThrow()
    const user = await upsertUser(world.db, { email: DINA.email, name: DINA.name })
    const page = await world.page({ login: user.id })
    await world.visit(page, `/deltaker/${dina.id}`)
    const [first, second] = (await wishesOf(dina.id)).map((w) => w.title)
    const firstSelect = page.getByLabel(BEFORE_LUNCH)
    const secondSelect = page.getByLabel(/^2\. valg, Parallelle sesjoner før lunsj/)
    const firstLabel = async () => (await firstSelect.locator('option:checked').innerText()).trim()
    expect(await firstLabel()).toBe(first)
    await press(page.getByRole('button', { name: /^Flytt ned\s*: 1\. valg, Parallelle sesjoner før lunsj/ }))
    await expect.poll(firstLabel).toBe(second)
    expect((await secondSelect.locator('option:checked').innerText()).trim()).toBe(first)
    await expect.poll(() => page.locator('[aria-live="polite"]').first().innerText()).toContain(`«${first}» er nå 2. valg`)
    await expectNoAxeViolations(page)
    await page.getByRole('button', { name: 'Lagre ønsker' }).click()
    await page.waitForURL((u) => u.searchParams.get('lagret') === 'onsker')
    await expectNoAxeViolations(page)
    expect(await mainText(page)).toContain('Ønskene dine er lagret.')
    expect((await wishesOf(dina.id)).slice(0, 2).map((w) => w.title)).toEqual([second, first])
  })

  it('3. the organiser reads the demand and closes the round; the participant then sees her wishes and why they are fixed', async () => {
    const page = await world.page({ login: organiserId })
    await world.visit(page, `/arrangor/${tr}/onsker`)
    const text = await mainText(page)
    expect(text).toContain('Ønsker for parallelle sesjoner')
    expect(text).toContain('1 har ønsket sesjoner her')
    await page.getByRole('button', { name: 'Avslutt ønskerunden' }).click()
    await page.waitForURL((u) => u.searchParams.get('lagret') === '1')
    await expectNoAxeViolations(page)
    expect(await mainText(page)).toContain('Ønskerunden er avsluttet.')
    expect(await page.getByRole('button', { name: 'Åpne ønskerunden igjen' }).count()).toBe(1)

    const dina = await world.db.selectFrom('participant').select('id').where('email', '=', DINA.email).executeTakeFirstOrThrow()
    const user = await upsertUser(world.db, { email: DINA.email, name: DINA.name })
    const own = await world.page({ login: user.id })
    await world.visit(own, `/deltaker/${dina.id}`)
    expect(await own.getByRole('button', { name: 'Lagre ønsker' }).count()).toBe(0)
    expect(await mainText(own)).toContain('Arrangøren har avsluttet runden for ønsker om sesjoner.')
    expect(await mainText(own)).toContain('1. valg:')

    // The same page in nynorsk (decision 54): the switch, the policy's reason and the ranks in nynorsk.
    await world.visit(own, `/deltaker/${dina.id}?maalform=nn`)
    expect(await own.locator('html').getAttribute('lang')).toBe('nn')
    const nynorsk = await mainText(own)
    expect(nynorsk).toContain('Ønska dine for parallelle sesjonar')
    expect(nynorsk).toContain('Arrangøren har avslutta runden for ønske om sesjonar.')
    expect(nynorsk).toContain('1. val:')
    expect(nynorsk).not.toContain('1. valg:')
  })
})
