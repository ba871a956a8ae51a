import type { Kysely } from 'kysely'
import type { BrowserContext, BrowserContextOptions, Locator, Page } from 'playwright-core'
import type { Database } from '../../db/schema'
import { testContext } from './app-context'
import type { TestBrowser } from './browser'
import { sessionCookieFor } from './fixtures'

export interface PageOptions extends BrowserContextOptions {
  /** Logged in as this user, with a session made at `at` (the server's clock), for the app at `url`. */
  login?: { db: Kysely<Database>; userId: string; at: Date; url: string }
  /** Chromium's console line for a 4xx document is not an error on this page (the test asserts the status itself). */
  ignoreFailedLoads?: boolean
}

/** Reports every CSP violation the document sees as a console line, whatever Chromium itself logs about it. */
function reportCspViolations() {
  document.addEventListener('securitypolicyviolation', (event) => {
    const where = event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}:${event.columnNumber}` : ''
    console.error(`securitypolicyviolation: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'}${where} on ${document.location.pathname}`)
  })
}

/**
 * The browser pages of one e2e file: each in a fresh 1280×1000 context,
 * watched for uncaught errors, console errors and Content Security Policy
 * violations, closed together. With `ignoreFailedLoads` (for all pages, or per
 * page), Chromium's console line for a 4xx document is not an error (the tests
 * that visit one assert its status themselves).
 */
export function watchedPages(browser: () => TestBrowser, options: { ignoreFailedLoads?: boolean } = {}) {
  const contexts: BrowserContext[] = []
  const requested: string[] = []
  let errors: string[] = []
  return {
    async open({ login, ignoreFailedLoads = options.ignoreFailedLoads, ...contextOptions }: PageOptions = {}): Promise<Page> {
      const context = await browser().newContext({ viewport: { width: 1280, height: 1000 }, ...contextOptions })
      contexts.push(context)
      context.on('request', (request) => requested.push(request.url()))
      await context.addInitScript(reportCspViolations)
      if (login) {
        const pair = await sessionCookieFor(testContext({ db: login.db, now: login.at }), login.userId)
        const at = pair.indexOf('=')
        await context.addCookies([{ name: pair.slice(0, at), value: pair.slice(at + 1), url: login.url }])
      }
      const page = await context.newPage()
      page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`))
      page.on('console', (message) => {
        const text = message.text()
        if (text.includes('Content Security Policy') || text.startsWith('securitypolicyviolation')) {
          errors.push(text)
          return
        }
        if (message.type() !== 'error') return
        if (ignoreFailedLoads && text.startsWith('Failed to load resource')) return
        errors.push(`console.error: ${text}`)
      })
      return page
    },
    async closeAll() {
      for (const context of contexts.splice(0)) await context.close()
    },
    /** The errors seen since the last call. */
    takeErrors(): string[] {
      const seen = errors
      errors = []
      return seen
    },
    /** The errors seen since the last takeErrors, left in place. */
    peekErrors(): string[] {
      return [...errors]
    },
    /** Forgets the errors a test provoked on purpose and checked itself; every other one stays. */
    dismissErrors(provoked: (error: string, index: number) => boolean): void {
      errors = errors.filter((error, index) => !provoked(error, index))
    },
    /** Every URL any of the pages asked for, in order. */
    requested(): string[] {
      return [...requested]
    },
  }
}

/** Text as a reader sees it: no-break spaces as spaces, runs of white space as one. */
export const plain = (text: string) => text.replaceAll('\u00a0', ' ').replace(/\s+/g, ' ').trim()

/** The page's main element as a reader sees it. */
export const mainText = async (page: Page) => plain(await page.locator('main').innerText())

/** The page's own heading (main h1) as a reader sees it. */
export const heading = async (page: Page) => plain(await page.locator('main h1').innerText())

/** Keyboard only: focus a button or link and press Enter. */
export async function press(locator: Locator) {
  await locator.focus()
  await locator.page().keyboard.press('Enter')
}
