import type { ParsedMail } from 'mailparser'
import type { Page } from 'playwright-core'
import { beforeAll, expect, it } from 'vitest'
import { expectNoAxeViolations } from '../helpers/browser'
import { describeInChromium, e2eWorld, recipient } from '../helpers/e2e-world'
import { eventId, MR, makeOrganiser, TR } from '../helpers/fixtures'
import { heading, mainText, plain, press } from '../helpers/pages'

const MORE_OG_ROMSDAL = 'Klimasamling for kommunene i Møre og Romsdal'
const STINE = { name: 'Stine Statsforvalter', email: 'stine@sf.example.no' }
const HANNA = { name: 'Hanna Hotell', email: 'hanna@hotell.example.no' }

/**
 * Organiser teams in Chromium against the real server with real
 * SMTP: an organiser adds a co-organiser and a viewer on the event's
 * Arrangørteam page; the co-organiser follows the email to /logg-inn, logs in
 * by the emailed link and sees that event only; the viewer sees only
 * Oversikt, Hotellnetter and Eksport, and every other page is a 404. axe runs
 * on every page visited.
 */
describeInChromium('organiser teams in Chromium', () => {
  const world = e2eWorld({ smtp: true, ignoreFailedLoads: true })
  const ids = { mr: '', tr: '', organiser: '' }

  beforeAll(async () => {
    ids.mr = await eventId(world.db, MR)
    ids.tr = await eventId(world.db, TR)
    // The first organiser organises both reference events.
    ids.organiser = (await makeOrganiser(world.db, 'arrangor@example.no', MR)).id
    await makeOrganiser(world.db, 'arrangor@example.no', TR)
    await world.db.updateTable('app_user').set({ name: 'Arne Arrangør' }).where('id', '=', ids.organiser).execute()
  })

  const mailsTo = (address: string) => world.mail.received.filter((m) => recipient(m) === address)
  async function nthMailTo(address: string, count: number): Promise<ParsedMail> {
    await expect.poll(() => mailsTo(address).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(count)
    return mailsTo(address)[count - 1] as ParsedMail
  }

  const navLinks = async (page: Page) => (await page.getByRole('navigation', { name: 'Arrangementet' }).getByRole('link').allInnerTexts()).map(plain)

  it('an organiser adds a co-organiser and a viewer on the Arrangørteam page', async () => {
    const page = await world.page({ login: ids.organiser })
    await world.visit(page, `/arrangor/${ids.mr}/oversikt`)
    expect(await page.locator('main a[href^="/kommune/"]').count()).toBeGreaterThan(20)
    await press(page.getByRole('navigation', { name: 'Arrangementet' }).getByRole('link', { name: 'Arrangørteam' }))
    await page.waitForURL(world.url(`/arrangor/${ids.mr}/team`))
    // The URL changes before React has rendered the new page: wait for its heading.
    await expect.poll(() => heading(page)).toBe('Arrangørteam')
    await expect.poll(() => page.title()).toBe(`Arrangørteam – ${MORE_OG_ROMSDAL} – Klimasamling`)
    await expectNoAxeViolations(page)
    // The only organiser cannot be removed.
    expect(plain(await page.locator('main table tbody tr').innerText())).toBe('Arne Arrangør (deg) arrangor@example.no Arrangør Eneste arrangør')

    // A bad address is answered at the field, with the summary first.
    await page.getByLabel('Navn', { exact: true }).fill(STINE.name)
    await page.getByLabel('E-post', { exact: true }).fill('stine.sf.example.no')
    await press(page.getByRole('button', { name: 'Legg til og send e-post' }))
    await expect.poll(() => mainText(page)).toContain('Rett opp dette for å gå videre:')
    expect(await mainText(page)).toContain('E-post: Skriv inn en gyldig e-postadresse')
    await expectNoAxeViolations(page)

    await page.getByLabel('E-post', { exact: true }).fill(STINE.email)
    expect(await page.getByLabel('Medarrangør', { exact: true }).isChecked()).toBe(true)
    await press(page.getByRole('button', { name: 'Legg til og send e-post' }))
    await page.waitForURL(/\/team\?lagttil=/)
    expect(await page.getByRole('status').innerText()).toBe(`${STINE.name} er lagt til med rollen medarrangør og har fått e-post om det.`)
    await expectNoAxeViolations(page)

    await page.getByLabel('Navn', { exact: true }).fill(HANNA.name)
    await page.getByLabel('E-post', { exact: true }).fill(HANNA.email)
    await page.getByLabel('Lesetilgang', { exact: true }).check()
    await press(page.getByRole('button', { name: 'Legg til og send e-post' }))
    await expect.poll(async () => page.getByRole('status').innerText()).toBe(`${HANNA.name} er lagt til med rollen lesetilgang og har fått e-post om det.`)
    const rows = (await page.locator('main table tbody tr').allInnerTexts()).map(plain)
    expect(rows).toEqual([
      'Arne Arrangør (deg) arrangor@example.no Arrangør Fjern Arne Arrangør',
      `${STINE.name} ${STINE.email} Arrangør Fjern ${STINE.name}`,
      `${HANNA.name} ${HANNA.email} Lesetilgang Fjern ${HANNA.name}`,
    ])
    await expectNoAxeViolations(page)
  })

  it('the team page works without JavaScript: a refused address at the field, then removing the viewer', async () => {
    const page = await world.page({ javaScriptEnabled: false, login: ids.organiser })
    // (axe needs JavaScript in the page, so it checks these states of the page in the test above.)
    expect((await page.goto(world.url(`/arrangor/${ids.mr}/team`)))?.status()).toBe(200)
    await page.getByLabel('Navn', { exact: true }).fill('Uten Skript')
    await page.getByLabel('E-post', { exact: true }).fill(STINE.email)
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Legg til og send e-post' }).click()])
    expect(await mainText(page)).toContain('E-post: Denne personen er allerede med i arrangørteamet (medarrangør).')
    expect(await page.getByLabel('E-post', { exact: true }).getAttribute('aria-invalid')).toBe('true')

    const hannaRow = page.locator('main table tbody tr').filter({ hasText: HANNA.email })
    await Promise.all([page.waitForURL(/\/team\?fjernet/), hannaRow.getByRole('button', { name: `Fjern ${HANNA.name}` }).click()])
    expect(await page.getByRole('status').innerText()).toBe('Personen er fjernet fra arrangørteamet.')
    expect(await mainText(page)).not.toContain(HANNA.email)
    // Back on the team for the viewer's own test below.
    await page.getByLabel('Navn', { exact: true }).fill(HANNA.name)
    await page.getByLabel('E-post', { exact: true }).fill(HANNA.email)
    await page.getByLabel('Lesetilgang', { exact: true }).check()
    await Promise.all([page.waitForURL(/\/team\?lagttil=/), page.getByRole('button', { name: 'Legg til og send e-post' }).click()])
  })

  it('the co-organiser follows the email, logs in, and sees only that event', async () => {
    const added = await nthMailTo(STINE.email, 1)
    expect(added.subject).toBe(`${MORE_OG_ROMSDAL}: du er lagt til i arrangørteamet`)
    const loginPage = new RegExp(`${world.appUrl}/logg-inn(?=\\s|$)`).exec(added.text ?? '')?.[0]
    expect(loginPage, `the login page in:\n${added.text}`).toBe(`${world.appUrl}/logg-inn`)

    const page = await world.page()
    await world.visit(page, String(loginPage))
    await page.getByLabel('E-post', { exact: true }).fill(STINE.email)
    await page.keyboard.press('Enter')
    await page.waitForURL(world.url('/logg-inn/kode'))
    await expectNoAxeViolations(page)
    const loginMail = await nthMailTo(STINE.email, 2)
    const link = new RegExp(`${world.appUrl}/logg-inn/lenke/[A-Za-z0-9_-]+`).exec(loginMail.text ?? '')?.[0]
    expect(link, `a login link in:\n${loginMail.text}`).toBeDefined()
    await world.visit(page, String(link))
    await press(page.locator('main').getByRole('button', { name: 'Logg inn', exact: true }))
    await page.waitForURL(world.url('/min-side'))
    await expectNoAxeViolations(page)
    const organised = page.getByRole('region', { name: 'Samlinger du arrangerer' })
    expect((await organised.locator('h3').allInnerTexts()).map(plain)).toEqual([MORE_OG_ROMSDAL])

    await press(page.getByRole('link', { name: 'Alle arrangementer, nytt arrangement og kopiering' }))
    await page.waitForURL(world.url('/arrangor'))
    await expectNoAxeViolations(page)
    expect((await page.locator('main table tbody tr').allInnerTexts()).map(plain)).toEqual([
      expect.stringMatching(new RegExp(`^${MORE_OG_ROMSDAL} .* Arrangør$`)),
    ])
    expect(await page.getByRole('link', { name: 'Lag et nytt arrangement' }).count()).toBe(0)

    // A full organiser of this event, and of no other.
    await world.visit(page, `/arrangor/${ids.mr}/team`)
    expect(await navLinks(page)).toContain('Dekning')
    await world.visit(page, `/arrangor/${ids.tr}`, 404)
    await world.visit(page, `/arrangor/${ids.tr}/oversikt`, 404)
  })

  it('the viewer sees only Oversikt, Hotellnetter and Eksport', async () => {
    const added = await nthMailTo(HANNA.email, 1)
    expect(added.text).toContain('Du har lesetilgang')
    const hanna = await world.db.selectFrom('app_user').select('id').where('email', '=', HANNA.email).executeTakeFirstOrThrow()
    const page = await world.page({ login: hanna.id })
    await world.visit(page, '/min-side')
    expect(await page.getByRole('region', { name: 'Samlinger du arrangerer' }).count()).toBe(0)
    const viewed = page.getByRole('region', { name: 'Samlinger du har lesetilgang til' })
    await press(viewed.getByRole('link', { name: new RegExp(`^${MORE_OG_ROMSDAL}`) }))
    await page.waitForURL(world.url(`/arrangor/${ids.mr}/oversikt`))
    await expectNoAxeViolations(page)
    expect(await heading(page)).toBe('Oversikt')
    // The municipalities' pages are closed to her, so their names are not links.
    expect(await page.locator('main a[href^="/kommune/"]').count()).toBe(0)
    expect(await mainText(page)).toContain('Volda')
    expect(await navLinks(page)).toEqual(['Alle arrangementer', 'Oversikt', 'Hotellnetter', 'Eksport'])

    await press(page.getByRole('navigation', { name: 'Arrangementet' }).getByRole('link', { name: 'Hotellnetter' }))
    await page.waitForURL(world.url(`/arrangor/${ids.mr}/netter`))
    await expectNoAxeViolations(page)
    expect(await navLinks(page)).toEqual(['Alle arrangementer', 'Oversikt', 'Hotellnetter', 'Eksport'])
    await world.visit(page, `/arrangor/${ids.mr}/eksport`)
    expect(await navLinks(page)).toEqual(['Alle arrangementer', 'Oversikt', 'Hotellnetter', 'Eksport'])
    const download = await page.request.get(world.url(`/arrangor/${ids.mr}/eksport/romliste?format=csv`))
    expect(download.status()).toBe(200)

    await world.visit(page, '/arrangor')
    expect((await page.locator('main table tbody tr').allInnerTexts()).map(plain)).toEqual([expect.stringMatching(/ Lesetilgang$/)])
    const closed = ['', '/dager', '/program', '/kommuner', '/sesjoner', '/onsker', '/kosthold', '/endringer', '/dekning', '/e-post', '/team', '/kopier']
    // The gathering days' pages too, the check-in desk included (a desk helper's, not a viewer's).
    for (const path of [...closed, '/innsjekking', '/oppmote', '/navneskilt', '/undersokelse', '/bord']) {
      await world.visit(page, `/arrangor/${ids.mr}${path}`, 404)
    }
    await world.visit(page, `/arrangor/${ids.tr}/oversikt`, 404)
    // A change posted by hand from the app's own origin is a 404 too, on the pages she may read as well.
    for (const path of ['/oversikt', '/netter', '/eksport', '/team']) {
      const response = await page.request.post(world.url(`/arrangor/${ids.mr}${path}`), {
        headers: { Origin: world.appUrl },
        form: { intent: 'add', name: 'X Y', email: 'x@example.no', role: 'organiser', languageForm: 'nb' },
      })
      expect(response.status(), path).toBe(404)
    }
    expect(await world.db.selectFrom('app_user').select('id').where('email', '=', 'x@example.no').execute()).toEqual([])
  })
})
