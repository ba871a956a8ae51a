import { beforeAll, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { expectNoAxeViolations } from '../helpers/browser'
import { describeInChromium, e2eWorld } from '../helpers/e2e-world'
import { eventId, MR, makeOrganiser } from '../helpers/fixtures'
import { mainText, plain } from '../helpers/pages'

/**
 * The organiser sets how long the event keeps personal data (decision 051) on
 * its settings page, and the public page tells the participants; a number out
 * of range is refused at the field.
 */
describeInChromium('retention days in Chromium', () => {
  const world = e2eWorld({ now: osloDateTime('2021-06-01', '12:00'), ignoreFailedLoads: true })
  let mr = ''
  let organiserId = ''

  beforeAll(async () => {
    mr = await eventId(world.db, MR)
    organiserId = (await makeOrganiser(world.db, 'arrangor@example.no', MR)).id
  })

  it('saves the days from the settings form and shows them on the public event page', async () => {
    const page = await world.page({ login: organiserId })
    await world.visit(page, `/arrangor/${mr}`)
    const field = page.getByLabel('Personopplysninger slettes (dager etter samlingen)')
    expect(await field.inputValue()).toBe('3650')

    await field.fill('3651')
    await page.getByRole('button', { name: 'Lagre endringene' }).click()
    const summary = page.locator('.ds-error-summary')
    await expect.poll(() => summary.isVisible()).toBe(true)
    expect(plain(await summary.innerText())).toContain('Tallet kan være høyst 3 650.')
    await expectNoAxeViolations(page)

    await page.getByLabel('Personopplysninger slettes (dager etter samlingen)').fill('45')
    await page.getByRole('button', { name: 'Lagre endringene' }).click()
    await page.waitForURL(/\?lagret=1$/)
    expect(await page.getByLabel('Personopplysninger slettes (dager etter samlingen)').inputValue()).toBe('45')
    const saved = await world.db.selectFrom('event').select(['slug', 'personal_data_retention_days']).where('id', '=', mr).executeTakeFirstOrThrow()
    expect(saved.personal_data_retention_days).toBe(45)

    await world.visit(page, `/arrangementer/${saved.slug}`)
    expect(await mainText(page)).toContain('Personopplysningene slettes 45 dager etter samlingen.')
  })
})
