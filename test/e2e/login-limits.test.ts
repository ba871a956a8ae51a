import type { Page } from 'playwright-core'
import { beforeAll, expect, it } from 'vitest'
import { upsertUser } from '~/services/users.server'
import { expectNoAxeViolations } from '../helpers/browser'
import { describeInChromium, e2eWorld, recipient } from '../helpers/e2e-world'

/**
 * End to end: an attacker hammers Kari's email from
 * another address (login requests and wrong codes, over raw HTTP and in a
 * browser) and gets 429 there, while Kari, in Chromium from her own address,
 * asks for a login, gets the mail and logs in with the code. Axe on every page.
 */

const KARI = 'kari@volda.example.no'
const ATTACKER = '10.6.6.6'

describeInChromium('login under attack', () => {
  // Behind a proxy on loopback: the attacker's X-Forwarded-For is their address; the browser, sending none, is 127.0.0.1.
  const world = e2eWorld({ smtp: true, env: { SEED: 'false', TRUST_PROXY: 'loopback' }, ignoreFailedLoads: true })

  beforeAll(async () => {
    await upsertUser(world.db, { email: KARI, name: 'Kari Nordmann' })
  })

  const attack = (path: string, fields: Record<string, string>) =>
    fetch(`${world.appUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: world.appUrl, 'x-forwarded-for': ATTACKER },
      body: new URLSearchParams(fields).toString(),
    }).then(async (r) => {
      await r.arrayBuffer()
      return r.status
    })

  const mailsTo = (email: string) => world.mail.received.filter((m) => recipient(m) === email)

  async function arrive(page: Page, path: string, heading: string) {
    await page.waitForURL((url) => url.pathname === path)
    await expect.poll(() => page.getByRole('heading', { level: 1 }).innerText()).toBe(heading)
  }

  it('the attacker gets 429 at their address; Kari, at hers, gets a fresh code and logs in', async () => {
    const asked: number[] = []
    for (let i = 0; i < 7; i++) asked.push(await attack('/logg-inn', { email: KARI }))
    expect(asked).toEqual([302, 302, 302, 302, 302, 429, 429])
    const guessed: number[] = []
    for (let i = 0; i < 10; i++) guessed.push(await attack('/logg-inn/kode', { email: KARI, code: String(100000 + i) }))
    expect(guessed).toEqual(Array(10).fill(400))
    const attackerMails = (await world.mail.waitFor(5)).length

    // The attacker's next guess, in a browser: 429, and the page says why.
    const attackerPage = await world.page({ extraHTTPHeaders: { 'X-Forwarded-For': ATTACKER } })
    await attackerPage.goto(world.url('/logg-inn/kode'))
    await expectNoAxeViolations(attackerPage)
    await attackerPage.getByLabel('E-post', { exact: true }).fill(KARI)
    await attackerPage.getByLabel('Kode', { exact: true }).fill('123456')
    const refused = attackerPage.waitForResponse((r) => r.request().method() === 'POST')
    await attackerPage.getByRole('button', { name: 'Logg inn' }).click()
    expect((await refused).status()).toBe(429)
    await expect.poll(() => attackerPage.locator('main').innerText()).toContain('Du har prøvd for mange koder')
    await expectNoAxeViolations(attackerPage)

    // Kari, from her own address.
    const page = await world.page()
    await page.goto(world.url('/logg-inn'))
    await expectNoAxeViolations(page)
    await page.getByLabel('E-post', { exact: true }).fill(KARI)
    await page.getByRole('button', { name: 'Send meg en innloggingslenke' }).click()
    await arrive(page, '/logg-inn/kode', 'Sjekk e-posten din')
    await expectNoAxeViolations(page)
    await world.mail.waitFor(attackerMails + 1)
    const mail = mailsTo(KARI).at(-1)
    const code = /koden på innloggingssiden: (\d{6})/.exec(mail?.text ?? '')?.[1] ?? ''
    expect(code).toMatch(/^\d{6}$/)
    await page.getByLabel('Kode', { exact: true }).fill(code)
    await page.getByRole('button', { name: 'Logg inn' }).click()
    await arrive(page, '/min-side', 'Min side')
    await expectNoAxeViolations(page)
  })
})
