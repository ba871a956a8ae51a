import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import type { ParsedMail } from 'mailparser'
import type { Locator, Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { municipalities, officialEmail } from '../../db/seed/municipalities'
import { repoRoot } from '../helpers/app-server'
import { expectNoAxeViolations, hasChromium } from '../helpers/browser'
import { describeInChromium, e2eWorld, recipient } from '../helpers/e2e-world'
import { plain } from '../helpers/pages'

/**
 * Accounts end to end, in Chromium against the real server with real SMTP:
 * an organiser added on the command line logs in by link and sends the
 * invitations; a municipality names its contact person through its link; the
 * contact person logs in by code, sees her own municipality and nothing else,
 * and logs out.
 */

const run = promisify(execFile)

const MORE_OG_ROMSDAL = 'Klimasamling for kommunene i Møre og Romsdal'
const TRONDELAG = 'Klimasamling for kommunene i Trøndelag'
const ORGANISER = { email: 'arrangor@example.no', name: 'Arne Arrangør' }
const KARI = { name: 'Kari Nordmann', email: 'kari@volda.example.no', phone: '912 34 567', title: 'Klimarådgiver' }

/** The 26 municipalities of Møre og Romsdal on the event's first day, 11 November 2021: the seed's invitation list. */
const INVITED_ADDRESSES = municipalities
  .filter((m) => m.countyNumber === '15' && m.validFrom <= '2021-11-11' && (m.validTo === null || m.validTo >= '2021-11-11'))
  .map((m) => officialEmail(m.name))
  .sort()

/** Variables server.ts and the CLI read; none leak into the CLI from the test runner but DATABASE_URL. */
const APP_VARIABLES = ['PORT', 'DATABASE_URL', 'DATA_DIR', 'MAIL_DIR', 'SMTP_URL', 'MAIL_FROM', 'APP_URL', 'NODE_ENV', 'SEED']

describe('accounts: organiser, invitation, contact person', () => {
  // The story runs from one test to the next, in the same pages; Chromium reports every 4xx document as a console error, and the status is asserted where expected.
  const world = e2eWorld({ smtp: true, browser: hasChromium, keepPagesOpen: true, ignoreFailedLoads: true })

  // On the database the running server has seeded, as an administrator would.
  it('organiser:add makes the person organiser of every event and says so', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env }
    for (const name of APP_VARIABLES) delete env[name]
    env.DATABASE_URL = world.databaseUrl
    const { stdout, stderr } = await run('npx', ['tsx', 'app/cli/organiser-add.ts', ORGANISER.email, ORGANISER.name], {
      cwd: repoRoot,
      env,
      timeout: 60_000,
    })
    const lines = stdout.split('\n').filter((line) => line !== '' && !line.startsWith('[klimasamling]'))
    expect(lines).toEqual([`${ORGANISER.name} <${ORGANISER.email}> is an organiser.`, `  organiser of: ${TRONDELAG}`, `  organiser of: ${MORE_OG_ROMSDAL}`])
    expect(stderr.split('\n').filter((line) => line !== '' && !line.startsWith('npm warn'))).toEqual([])

    const organises = await world.db
      .selectFrom('event_organiser')
      .innerJoin('app_user', 'app_user.id', 'event_organiser.user_id')
      .innerJoin('event', 'event.id', 'event_organiser.event_id')
      .select('event.title')
      .where('app_user.email', '=', ORGANISER.email)
      .orderBy('event.title')
      .execute()
    expect(organises.map((e) => e.title)).toEqual([MORE_OG_ROMSDAL, TRONDELAG])
  })

  describeInChromium('in Chromium', () => {
    // Carried from one step to the next, in order.
    let organiserPage: Page
    let kariPage: Page
    let eventId = ''
    let voldaRegistration = ''
    let moldeRegistration = ''
    let voldaInvitationLink = ''

    /** A fresh browser context (own cookies) with one page, watched for JS errors and CSP violations. */
    const newPage = (options: { javaScriptEnabled?: boolean } = {}) => world.page({ viewport: { width: 1280, height: 900 }, ...options })

    /** Opens `path` (or an absolute link), checks the status, and runs axe on the page. */
    const visit = (page: Page, path: string, status?: number) => world.visit(page, path, status)

    async function textOf(locator: Locator): Promise<string> {
      return plain(await locator.innerText())
    }

    const heading = (page: Page) => textOf(page.locator('main h1'))

    /** Waits for a navigation to `path` (and query) to finish, then for the page's h1 to read `h1`. */
    async function arrive(page: Page, path: string | RegExp, h1: string) {
      await page.waitForURL(typeof path === 'string' ? new URL(path, world.appUrl).href : path)
      await expect.poll(() => heading(page)).toBe(h1)
    }

    /** Keyboard only: focus the field by its label and type into it. */
    async function typeInto(page: Page, label: string, text: string) {
      await page.getByLabel(label, { exact: true }).focus()
      await page.keyboard.type(text)
    }

    /** Keyboard only: focus a button or link and press Enter. */
    async function press(locator: Locator) {
      await locator.focus()
      await locator.page().keyboard.press('Enter')
    }

    /** The messages received so far to `address`, in order. */
    const mailsTo = (address: string) => world.mail.received.filter((m) => recipient(m) === address)

    /** Waits until `address` has received `count` messages, and returns the last. */
    async function nthMailTo(address: string, count: number): Promise<ParsedMail> {
      await expect.poll(() => mailsTo(address).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(count)
      expect(mailsTo(address), `messages to ${address}`).toHaveLength(count)
      return mailsTo(address)[count - 1] as ParsedMail
    }

    it('a. the organiser logs in by link and sends the invitations to all 26 municipalities', async () => {
      const page = await newPage()
      organiserPage = page
      await visit(page, '/logg-inn')
      expect(await heading(page)).toBe('Logg inn')

      // The watch for CSP violations works, and the policy is enforced: an inline script without the nonce is refused.
      const before = world.browserErrors().length
      await page.evaluate(() => {
        const script = document.createElement('script')
        script.textContent = 'window.__inlineScriptRan = true'
        document.body.append(script)
      })
      const injected = (text: string) => text.startsWith('securitypolicyviolation: script-src') && text.includes(' blocked inline ')
      await expect.poll(() => world.browserErrors().filter(injected).length).toBe(1)
      expect(await page.evaluate(() => '__inlineScriptRan' in window)).toBe(false)
      // Only the violation provoked here is expected; any other stays and fails the test.
      world.dismissBrowserErrors((text, index) => index >= before && (injected(text) || text.includes('inline script')))

      await typeInto(page, 'E-post', ORGANISER.email)
      await page.keyboard.press('Enter')
      await arrive(page, '/logg-inn/kode', 'Sjekk e-posten din')
      expect(await textOf(page.locator('main'))).toContain(ORGANISER.email)
      await expectNoAxeViolations(page)

      const loginMail = await nthMailTo(ORGANISER.email, 1)
      expect(loginMail.subject).toMatch(/^Innlogging til Klimasamling: kode \d{6}$/)
      const link = new RegExp(`${world.appUrl}/logg-inn/lenke/[A-Za-z0-9_-]+`).exec(loginMail.text ?? '')?.[0]
      expect(link, `a login link under APP_URL in:\n${loginMail.text}`).toBeDefined()

      // Opening the link changes nothing; the button logs in.
      await visit(page, String(link))
      expect(await heading(page)).toBe('Logg inn på Klimasamling')
      await press(page.locator('main').getByRole('button', { name: 'Logg inn', exact: true }))
      await arrive(page, '/min-side', 'Min side')
      await expectNoAxeViolations(page)
      expect(await textOf(page.locator('main'))).toContain(`Du er logget inn som ${ORGANISER.name}.`)
      expect(await textOf(page.getByRole('navigation', { name: 'Konto' }))).toContain(`Min side (${ORGANISER.name})`)
      const organised = page.getByRole('region', { name: 'Samlinger du arrangerer' })
      expect((await organised.locator('h3').allInnerTexts()).map(plain).sort()).toEqual([MORE_OG_ROMSDAL, TRONDELAG])

      await press(organised.getByRole('link', { name: MORE_OG_ROMSDAL, exact: true }))
      await arrive(page, /\/arrangor\/[0-9a-f-]{36}\/kommuner$/, 'Inviterte kommuner')
      eventId = /\/arrangor\/([0-9a-f-]{36})\/kommuner$/.exec(page.url())?.[1] ?? ''
      await expectNoAxeViolations(page)

      const rows = page.locator('main table tbody tr')
      expect(await rows.count()).toBe(26)
      const tableAddresses = (await rows.locator('td:nth-child(3)').allInnerTexts()).map(plain).sort()
      expect(tableAddresses).toEqual(INVITED_ADDRESSES)
      expect((await rows.locator('td:nth-child(5)').allInnerTexts()).map(plain)).toEqual(Array(26).fill('Nei'))
      const registrationOf = async (name: string) => {
        const href = await page.locator('main table').getByRole('link', { name, exact: true }).getAttribute('href')
        return /^\/kommune\/([0-9a-f-]{36})$/.exec(href ?? '')?.[1] ?? ''
      }
      voldaRegistration = await registrationOf('Volda')
      moldeRegistration = await registrationOf('Molde')
      expect(voldaRegistration).not.toBe('')
      expect(moldeRegistration).not.toBe('')

      await press(page.getByRole('button', { name: 'Send invitasjon til 26 kommuner', exact: true }))
      await page.waitForURL(`${world.appUrl}/arrangor/${eventId}/kommuner?sendt=26`)
      const alert = page.getByRole('status').filter({ hasText: 'Invitasjonen er sendt' })
      await expect.poll(() => textOf(alert)).toBe('Invitasjonen er sendt til 26 kommuner uten kontaktperson.')
      await expect.poll(async () => (await rows.locator('td:nth-child(5)').allInnerTexts()).filter((t) => plain(t) === 'Nei').length).toBe(0)
      await expectNoAxeViolations(page)

      // Exactly 26 invitations, one to each official address, and nothing more.
      await world.mail.waitFor(1 + 26, 15_000)
      await new Promise((resolve) => setTimeout(resolve, 500))
      const invitations = world.mail.received.filter((m) => recipient(m) !== ORGANISER.email)
      expect(invitations).toHaveLength(26)
      expect(invitations.map(recipient).sort()).toEqual(INVITED_ADDRESSES)
      const links = invitations.map((m) => new RegExp(`${world.appUrl}/invitasjon/[A-Za-z0-9_-]+`).exec(m.text ?? '')?.[0])
      expect(
        links.filter((l) => l === undefined),
        'invitations without a link under APP_URL',
      ).toEqual([])
      expect(new Set(links).size).toBe(26)

      const volda = invitations.find((m) => recipient(m) === 'postmottak@volda.example.no')
      const molde = invitations.find((m) => recipient(m) === 'postmottak@molde.example.no')
      expect(volda?.subject).toBe(`${MORE_OG_ROMSDAL}: vel kontaktperson for Volda kommune`)
      expect(volda?.text).toContain('Lenka gjeld berre Volda kommune')
      expect(molde?.subject).toBe(`${MORE_OG_ROMSDAL}: velg kontaktperson for Molde kommune`)
      voldaInvitationLink = new RegExp(`${world.appUrl}/invitasjon/[A-Za-z0-9_-]+`).exec(volda?.text ?? '')?.[0] ?? ''
      expect(voldaInvitationLink).not.toBe('')
    })

    it('b. the invitation link refuses an empty form, names Kari as contact person, and then stops working', async () => {
      const page = await newPage()
      kariPage = page
      await visit(page, voldaInvitationLink)
      expect(await heading(page)).toBe('Velg kontaktperson for Volda kommune')
      expect(await textOf(page.getByRole('navigation', { name: 'Konto' }))).toBe('Les på nynorsk Logg inn')

      // Empty: the summary lists what to fix, linked to the fields, and takes the focus.
      await page.getByLabel('Navn', { exact: true }).focus()
      await page.keyboard.press('Enter')
      const summaryHeading = page.getByRole('heading', { name: 'Rett opp dette for å gå videre:' })
      await expect.poll(() => summaryHeading.count()).toBe(1)
      const summaryLinks = page
        .locator('main')
        .getByRole('link')
        .filter({ hasText: /^(Navn|E-post|Telefon|Stilling): / })
      expect((await summaryLinks.allInnerTexts()).map(plain)).toEqual(['Navn: Skriv inn navnet.', expect.stringMatching(/^E-post: .+/)])
      for (const [index, name] of [
        [0, 'name'],
        [1, 'email'],
      ] as const) {
        const href = (await summaryLinks.nth(index).getAttribute('href')) ?? ''
        expect(href).toMatch(/^#.+/)
        const target = page.locator(`[id="${href.slice(1)}"]`)
        expect(await target.count(), `the field ${href} links to`).toBe(1)
        expect(await target.getAttribute('name')).toBe(name)
        expect(await target.getAttribute('aria-invalid')).toBe('true')
      }
      const focusedInSummary = await page.evaluate(() => {
        const focused = document.activeElement
        if (!focused || focused === document.body || focused.contains(document.querySelector('main form'))) return false
        return focused.textContent?.includes('Rett opp dette for å gå videre:') ?? false
      })
      expect(focusedInSummary, 'focus moves to the error summary after a failed submit').toBe(true)
      // Each field shows its own message too.
      expect(await textOf(page.locator('form'))).toContain('Skriv inn navnet.')
      await expectNoAxeViolations(page)

      // Following a summary link by keyboard puts the focus in that field.
      await press(summaryLinks.nth(1))
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('email')

      // Nothing was saved: still the form, no contact person, the link unused.
      expect(await heading(page)).toBe('Velg kontaktperson for Volda kommune')
      expect(await page.getByRole('button', { name: 'Registrer kontaktperson' }).count()).toBe(1)
      const volda = await world.db.selectFrom('registration').select('contact_user_id').where('id', '=', voldaRegistration).executeTakeFirstOrThrow()
      expect(volda.contact_user_id).toBeNull()
      expect(await world.db.selectFrom('app_user').select('id').where('email', '=', KARI.email).execute()).toEqual([])

      // The server refuses the empty form on its own too (no JavaScript, so no validation in the browser).
      const noJs = await newPage({ javaScriptEnabled: false })
      await noJs.goto(voldaInvitationLink)
      await noJs.getByRole('button', { name: 'Registrer kontaktperson' }).click()
      await expect.poll(() => noJs.getByRole('heading', { name: 'Rett opp dette for å gå videre:' }).count()).toBe(1)
      expect(await textOf(noJs.locator('main'))).toContain('Navn: Skriv inn navnet.')
      expect(await noJs.getByRole('button', { name: 'Registrer kontaktperson' }).count()).toBe(1)
      expect(await world.db.selectFrom('app_user').select('id').where('email', '=', KARI.email).execute()).toEqual([])
      await noJs.close()

      // Filled in by keyboard, field after field with Tab.
      await typeInto(page, 'Navn', KARI.name)
      await page.keyboard.press('Tab')
      await page.keyboard.type(KARI.email)
      await page.keyboard.press('Tab')
      await page.keyboard.type(KARI.phone)
      await page.keyboard.press('Tab')
      await page.keyboard.type(KARI.title)
      expect(await page.getByLabel('Navn', { exact: true }).inputValue()).toBe(KARI.name)
      expect(await page.getByLabel('E-post', { exact: true }).inputValue()).toBe(KARI.email)
      expect(await page.getByLabel('Telefon (valgfritt)').inputValue()).toBe(KARI.phone)
      expect(await page.getByLabel('Stilling (valgfritt)').inputValue()).toBe(KARI.title)
      await page.keyboard.press('Enter')
      await expect.poll(() => heading(page)).toBe('Kontaktpersonen er registrert')
      expect(await textOf(page.locator('main'))).toContain(`${KARI.name} er nå kontaktperson`)
      expect(await textOf(page.locator('main'))).toContain(KARI.email)
      await expectNoAxeViolations(page)

      const named = await nthMailTo(KARI.email, 1)
      expect(named.subject).toBe(`${MORE_OG_ROMSDAL}: du er kontaktperson for Volda kommune`)
      expect(named.text).toContain(`${world.appUrl}/logg-inn`)
      const saved = await world.db
        .selectFrom('registration')
        .innerJoin('app_user', 'app_user.id', 'registration.contact_user_id')
        .select(['app_user.name', 'app_user.email', 'app_user.phone', 'app_user.title'])
        .where('registration.id', '=', voldaRegistration)
        .executeTakeFirstOrThrow()
      expect(saved).toEqual(KARI)

      await visit(page, voldaInvitationLink)
      expect(await heading(page)).toBe('Invitasjonslenken virker ikke')
      expect(await page.getByRole('button', { name: 'Registrer kontaktperson' }).count()).toBe(0)
    })

    it('c. Kari logs in with the code and sees Volda, and only Volda', async () => {
      const page = kariPage
      await visit(page, '/logg-inn')
      await typeInto(page, 'E-post', KARI.email)
      await page.keyboard.press('Enter')
      await arrive(page, '/logg-inn/kode', 'Sjekk e-posten din')
      await expectNoAxeViolations(page)

      const loginMail = await nthMailTo(KARI.email, 2)
      // Volda writes nynorsk, so its contact person's login email is in nynorsk.
      expect(loginMail.text).toContain('Bruk lenka under for å logge inn.')
      const code = /innloggingssida: (\d{6})/.exec(loginMail.text ?? '')?.[1] ?? ''
      expect(code, `a six-digit code in:\n${loginMail.text}`).toMatch(/^\d{6}$/)
      expect(loginMail.subject).toBe(`Innlogging til Klimasamling: kode ${code}`)

      // The address is already filled in from the login form.
      expect(await page.getByLabel('E-post', { exact: true }).inputValue()).toBe(KARI.email)
      await typeInto(page, 'Kode', code)
      await page.keyboard.press('Enter')
      // Volda writes nynorsk and Kari has chosen no form, so her pages are in nynorsk.
      await arrive(page, '/min-side', 'Mi side')
      await expectNoAxeViolations(page)
      expect(await page.locator('html').getAttribute('lang')).toBe('nn')
      expect(await textOf(page.getByRole('navigation', { name: 'Konto' }))).toContain(`Mi side (${KARI.name})`)
      expect(await page.getByRole('region', { name: 'Samlingar du arrangerer' }).count()).toBe(0)
      const inNynorsk = page.getByRole('region', { name: 'Kommunar du er kontaktperson for' })
      expect((await inNynorsk.getByRole('listitem').allInnerTexts()).map(plain)).toEqual([`Volda – ${MORE_OG_ROMSDAL} (11.–12. november 2021)`])

      // She chooses bokmål in the header, and Min side comes back in bokmål.
      await press(page.getByRole('navigation', { name: 'Konto' }).getByRole('link', { name: 'Les på bokmål' }))
      await arrive(page, '/min-side', 'Min side')
      await expectNoAxeViolations(page)
      expect(await page.locator('html').getAttribute('lang')).toBe('nb')
      expect(await textOf(page.getByRole('navigation', { name: 'Konto' }))).toContain(`Min side (${KARI.name})`)
      expect(await page.getByRole('region', { name: 'Samlinger du arrangerer' }).count()).toBe(0)
      const contactFor = page.getByRole('region', { name: 'Kommuner du er kontaktperson for' })
      expect((await contactFor.getByRole('listitem').allInnerTexts()).map(plain)).toEqual([`Volda – ${MORE_OG_ROMSDAL} (11.–12. november 2021)`])

      await press(contactFor.getByRole('link', { name: /^Volda – / }))
      await arrive(page, `/kommune/${voldaRegistration}`, `Volda kommune: ${MORE_OG_ROMSDAL}`)
      await expectNoAxeViolations(page)
      const contact = await textOf(page.getByRole('region', { name: 'Kontaktperson' }))
      for (const value of Object.values(KARI)) expect(contact).toContain(value)

      // Another municipality's page, and the organiser's page, do not exist for her.
      for (const path of [`/kommune/${moldeRegistration}`, `/kommune/${moldeRegistration}/kontaktperson`, `/arrangor/${eventId}/kommuner`]) {
        await visit(page, path, 404)
        expect(await heading(page), path).toBe('Fant ikke siden')
        expect(await textOf(page.locator('main')), path).not.toContain('Molde')
      }
    })

    it('d. Kari logs out, and Min side then asks her to log in', async () => {
      const page = kariPage
      await visit(page, '/min-side')
      await press(page.getByRole('navigation', { name: 'Konto' }).getByRole('button', { name: 'Logg ut' }))
      await page.waitForURL(`${world.appUrl}/`)
      await expect.poll(() => textOf(page.getByRole('navigation', { name: 'Konto' }))).toBe('Les på nynorsk Logg inn')
      await expectNoAxeViolations(page)

      await visit(page, '/min-side')
      expect(page.url()).toBe(`${world.appUrl}/logg-inn?til=%2Fmin-side`)
      expect(await heading(page)).toBe('Logg inn')

      const kariSessions = await world.db
        .selectFrom('user_session')
        .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
        .select('user_session.id')
        .where('app_user.email', '=', KARI.email)
        .execute()
      expect(kariSessions).toEqual([])

      // The organiser, in his own browser, is still logged in.
      await visit(organiserPage, '/min-side')
      expect(await heading(organiserPage)).toBe('Min side')
    })

    it('loaded nothing from any host but the app server', () => {
      const web = world.requested().filter((url) => /^(https?|wss?):/.test(url))
      expect(web.length).toBeGreaterThan(0)
      expect(web.filter((url) => new URL(url).origin !== new URL(world.appUrl).origin)).toEqual([])
    })
  })
})
