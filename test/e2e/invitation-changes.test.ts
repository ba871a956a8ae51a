import type { ParsedMail } from 'mailparser'
import type { Page } from 'playwright-core'
import { beforeAll, expect, it } from 'vitest'
import { osloDate } from '~/domain/dates'
import { expectNoAxeViolations } from '../helpers/browser'
import { describeInChromium, e2eWorld, recipient } from '../helpers/e2e-world'
import { eventId, MR, makeOrganiser } from '../helpers/fixtures'
import { heading, mainText, plain, press } from '../helpers/pages'

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
describeInChromium('changing the invited list after registration opened, in Chromium', () => {
  const world = e2eWorld({ now: AFTER_OPENING, smtp: true, ignoreFailedLoads: true })
  let mr = ''
  let organiserId = ''
  let neighbour = { id: 0, number: '', name: '', official_email: '' }

  beforeAll(async () => {
    mr = await eventId(world.db, MR)
    organiserId = (await makeOrganiser(world.db, 'arrangor@example.no', MR)).id
    // A Trøndelag municipality valid on the event's first day (whatever the register holds).
    const event = await world.db.selectFrom('event').select('starts_at').where('id', '=', mr).executeTakeFirstOrThrow()
    const firstDay = osloDate(event.starts_at)
    neighbour = await world.db
      .selectFrom('municipality')
      .select(['id', 'number', 'name', 'official_email'])
      .where('county_number', '=', '50')
      .where('valid_from', '<=', firstDay)
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', firstDay)]))
      .orderBy('number')
      .executeTakeFirstOrThrow()
  })

  const organiser = (options: { javaScriptEnabled?: boolean } = {}) => world.page({ ...options, login: organiserId })
  const tableNames = async (page: Page) =>
    (await page.getByRole('region', { name: 'Kommunene' }).locator('tbody tr td:nth-child(2)').allInnerTexts()).map(plain)

  it('invites a neighbouring county’s municipality; it gets its invitation at once', async () => {
    const page = await organiser()
    await page.goto(world.url(`/arrangor/${mr}/kommuner`))
    expect(await heading(page)).toBe('Inviterte kommuner')
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

    const [mail] = await world.mail.waitFor(1, 15_000)
    expect(recipient(mail as ParsedMail)).toBe(neighbour.official_email)
    expect(mail?.subject).toContain(`kontaktperson for ${neighbour.name} kommune`)
    expect(mail?.text).toMatch(/\/invitasjon\/[A-Za-z0-9_-]+/)
  })

  it('withdraws it again with a reason; without one it is told at the field', async () => {
    const page = await organiser()
    await page.goto(world.url(`/arrangor/${mr}/kommuner`))
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

    const mails = await world.mail.waitFor(2, 15_000)
    const told = mails.find((m) => m.subject?.includes('er trukket tilbake') || m.subject?.includes('er trekt tilbake'))
    expect(recipient(told as ParsedMail)).toBe(neighbour.official_email)
    expect(told?.text).toContain(REASON)
  })

  it('works without JavaScript: the server answers the form, invites, refuses a missing reason at the field and withdraws', async () => {
    // (axe needs JavaScript in the page, so it checks these pages in the tests above.)
    const start = world.mail.received.length
    const page = await organiser({ javaScriptEnabled: false })
    await page.goto(world.url(`/arrangor/${mr}/kommuner`))
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
    await world.mail.waitFor(start + 2, 15_000)
  })
})
