import { beforeAll, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { copyEvent } from '~/services/event-setup.server'
import { expectNoAxeViolations } from '../helpers/browser'
import { describeInChromium, e2eWorld } from '../helpers/e2e-world'
import { eventId, MR, makeOrganiser, TR } from '../helpers/fixtures'
import { mainText, plain } from '../helpers/pages'

const NOW = osloDateTime('2026-12-01', '12:00')

/**
 * The municipality register in Chromium against the real server: the list
 * filtered by county, a municipality corrected (after a wrong address was
 * refused at its field, with and without JavaScript), and the pages of copied
 * events naming the municipalities that changed. axe on every page.
 */
describeInChromium('the municipality register in Chromium', () => {
  // The form refused without JavaScript answers 400, which Chromium logs; the test checks that answer itself.
  const world = e2eWorld({ now: NOW, ignoreFailedLoads: true })
  let organiserId = ''
  const copies = { mr: '', tr: '' }

  beforeAll(async () => {
    organiserId = (await makeOrganiser(world.db, 'arrangor@example.no', MR)).id
    await world.db
      .insertInto('event_organiser')
      .values({ event_id: await eventId(world.db, TR), user_id: organiserId })
      .execute()
    const actor = { userId: organiserId }
    copies.mr =
      (
        await copyEvent(
          world.db,
          actor,
          await eventId(world.db, MR),
          { title: 'Klimasamling Møre og Romsdal 2027', slug: 'mr-2027', startDate: '2027-02-04' },
          NOW,
        )
      )?.id ?? ''
    copies.tr =
      (await copyEvent(world.db, actor, await eventId(world.db, TR), { title: 'Klimasamling Trøndelag 2027', slug: 'tr-2027', startDate: '2027-11-23' }, NOW))
        ?.id ?? ''
  })

  const organiser = (options: { javaScriptEnabled?: boolean } = {}) => world.page({ ...options, login: organiserId })

  it('lists the whole country, filters by county, and corrects a municipality', async () => {
    const page = await organiser()
    await page.goto(world.url('/arrangor'))
    await page.getByRole('link', { name: 'Kommuneregisteret' }).click()
    await page.getByRole('heading', { level: 1, name: 'Kommuneregisteret' }).waitFor()
    expect(await mainText(page)).toContain('357 kommuner')
    await expectNoAxeViolations(page)

    await page.getByLabel('Fylke').selectOption('15')
    await page.getByRole('button', { name: 'Vis' }).click()
    await page.getByRole('heading', { level: 2, name: '27 kommuner som passer' }).waitFor()
    expect(await mainText(page)).toContain('27 kommuner som passer')
    expect(await page.locator('tbody tr').count()).toBe(27)
    await expectNoAxeViolations(page)

    await page.getByRole('link', { name: 'Volda' }).click()
    await page.getByRole('heading', { level: 1, name: '1577 Volda' }).waitFor()
    expect(await page.getByLabel('Nynorsk').isChecked()).toBe(true)
    await expectNoAxeViolations(page)

    await page.getByLabel('Offisiell e-postadresse').fill('ikke en adresse')
    await page.getByRole('button', { name: 'Lagre endringene' }).click()
    const summary = page.locator('.ds-error-summary')
    await expect.poll(() => summary.isVisible()).toBe(true)
    expect(plain(await summary.innerText())).toContain('Offisiell e-postadresse: Skriv inn en gyldig e-postadresse')
    await expectNoAxeViolations(page)

    await page.getByLabel('Offisiell e-postadresse').fill('postmottak@volda.kommune.example.no')
    await page.getByLabel('Språknøytral').check()
    await page.getByRole('button', { name: 'Lagre endringene' }).click()
    await page.waitForURL(/lagret=1/)
    expect(await mainText(page)).toContain('Endringene er lagret.')
    expect(await page.getByLabel('Offisiell e-postadresse').inputValue()).toBe('postmottak@volda.kommune.example.no')
    expect(await page.getByLabel('Språknøytral').isChecked()).toBe(true)
    await expectNoAxeViolations(page)
    const row = await world.db.selectFrom('municipality').select(['official_email', 'language_form']).where('number', '=', '1577').executeTakeFirstOrThrow()
    expect(row).toEqual({ official_email: 'postmottak@volda.kommune.example.no', language_form: 'nb' })
  })

  it('refuses a wrong address at its field without JavaScript, and changes nothing', async () => {
    const page = await organiser({ javaScriptEnabled: false })
    const haram = await world.db.selectFrom('municipality').select('id').where('number', '=', '1580').executeTakeFirstOrThrow()
    await page.goto(world.url(`/arrangor/kommuneregister/${haram.id}`))
    // An address the browser's own check of type=email lets through (no dot in the domain), so the server answers.
    await page.getByLabel('Offisiell e-postadresse').fill('haram@kommune')
    await page.getByRole('button', { name: 'Lagre endringene' }).click()
    await page.waitForLoadState('load')
    // The summary and the field's message come from the server's answer alone (axe needs JavaScript, so it checks the form above).
    await expect.poll(async () => mainText(page)).toContain('Offisiell e-postadresse: Skriv inn en gyldig e-postadresse')
    const row = await world.db.selectFrom('municipality').select('official_email').where('id', '=', haram.id).executeTakeFirstOrThrow()
    expect(row.official_email).toBe('postmottak@haram.example.no')
  })

  it('shows on a copy’s page which municipalities changed and which names in its text are outdated', async () => {
    const page = await organiser()
    await page.goto(world.url(`/arrangor/${copies.mr}`))
    const changes = page.getByRole('list', { name: 'Kommuner som er endret' })
    expect(plain(await changes.innerText())).toBe('1507 Ålesund → 1508 Ålesund, 1580 Haram')
    await expectNoAxeViolations(page)

    await page.goto(world.url(`/arrangor/${copies.tr}`))
    const text = await mainText(page)
    expect(text).toContain('1571 Halsa → 5055 Heim')
    expect(text).toContain('1567 Rindal → 5061 Rindal')
    expect(text).toContain('Teksten nevner kommuner som er endret')
    expect(text).toContain('Beskrivelse: «Halsa» (1571 Halsa) finnes ikke lenger (nå 5055 Heim).')
    expect(text).toContain('Beskrivelse: «Rindal» (1567 Rindal) hører nå til Trøndelag.')
    await expectNoAxeViolations(page)
  })
})
