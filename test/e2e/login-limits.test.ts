import type { ParsedMail } from 'mailparser'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { upsertUser } from '~/services/users.server'
import { type AppServer, freePort, killAllServers, startAppServer } from '../helpers/app-server'
import { expectNoAxeViolations, hasChromium, launchBrowser, noteMissingChromium, type TestBrowser } from '../helpers/browser'
import { createTestDatabase, type TestDatabase } from '../helpers/database'
import { watchedPages } from '../helpers/pages'
import { type SmtpSink, startSmtpSink } from '../helpers/smtp-sink'

/**
 * End to end: an attacker hammers Kari's email from
 * another address (login requests and wrong codes, over raw HTTP and in a
 * browser) and gets 429 there, while Kari, in Chromium from her own address,
 * asks for a login, gets the mail and logs in with the code. Axe on every page.
 */

noteMissingChromium()

const KARI = 'kari@volda.example.no'
const ATTACKER = '10.6.6.6'

describe.skipIf(!hasChromium)('login under attack', () => {
  let database: TestDatabase
  let sink: SmtpSink
  let server: AppServer
  let appUrl: string
  let browser: TestBrowser | undefined
  const pages = watchedPages(
    () => {
      if (!browser) throw new Error('No browser')
      return browser
    },
    { ignoreFailedLoads: true },
  )

  beforeAll(async () => {
    database = await createTestDatabase()
    await upsertUser(database.db, { email: KARI, name: 'Kari Nordmann' })
    sink = await startSmtpSink()
    const port = await freePort()
    appUrl = `http://localhost:${port}`
    // Behind a proxy on loopback: the attacker's X-Forwarded-For is their address; the browser, sending none, is 127.0.0.1.
    server = await startAppServer({ databaseUrl: database.url, port, env: { SMTP_URL: sink.url, APP_URL: appUrl, SEED: 'false', TRUST_PROXY: 'loopback' } })
    browser = await launchBrowser()
  })

  afterEach(() => {
    expect(pages.takeErrors()).toEqual([])
  })

  afterAll(async () => {
    await pages.closeAll()
    await browser?.close()
    const code = await server?.stop()
    await killAllServers()
    await sink?.close()
    await database?.drop()
    if (server) expect(code, `the app server did not stop cleanly:\n${server.output()}`).toBe(0)
  })

  const attack = (path: string, fields: Record<string, string>) =>
    fetch(`${appUrl}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: appUrl, 'x-forwarded-for': ATTACKER },
      body: new URLSearchParams(fields).toString(),
    }).then(async (r) => {
      await r.arrayBuffer()
      return r.status
    })

  const mailsTo = (email: string) => sink.received.filter((m: ParsedMail) => m.to && !Array.isArray(m.to) && m.to.value[0]?.address === email)

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
    const attackerMails = (await sink.waitFor(5)).length

    // The attacker's next guess, in a browser: 429, and the page says why.
    const attackerPage = await pages.open({ extraHTTPHeaders: { 'X-Forwarded-For': ATTACKER } })
    await attackerPage.goto(`${appUrl}/logg-inn/kode`)
    await expectNoAxeViolations(attackerPage)
    await attackerPage.getByLabel('E-post', { exact: true }).fill(KARI)
    await attackerPage.getByLabel('Kode', { exact: true }).fill('123456')
    const refused = attackerPage.waitForResponse((r) => r.request().method() === 'POST')
    await attackerPage.getByRole('button', { name: 'Logg inn' }).click()
    expect((await refused).status()).toBe(429)
    await expect.poll(() => attackerPage.locator('main').innerText()).toContain('Du har prøvd for mange koder')
    await expectNoAxeViolations(attackerPage)

    // Kari, from her own address.
    const page = await pages.open()
    await page.goto(`${appUrl}/logg-inn`)
    await expectNoAxeViolations(page)
    await page.getByLabel('E-post', { exact: true }).fill(KARI)
    await page.getByRole('button', { name: 'Send meg en innloggingslenke' }).click()
    await arrive(page, '/logg-inn/kode', 'Sjekk e-posten din')
    await expectNoAxeViolations(page)
    await sink.waitFor(attackerMails + 1)
    const mail = mailsTo(KARI).at(-1)
    const code = /koden på innloggingssiden: (\d{6})/.exec(mail?.text ?? '')?.[1] ?? ''
    expect(code).toMatch(/^\d{6}$/)
    await page.getByLabel('Kode', { exact: true }).fill(code)
    await page.getByRole('button', { name: 'Logg inn' }).click()
    await arrive(page, '/min-side', 'Min side')
    await expectNoAxeViolations(page)
  })
})
