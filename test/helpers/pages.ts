import type { Kysely } from 'kysely'
import type { BrowserContext, BrowserContextOptions, Page } from 'playwright-core'
import type { Database } from '../../db/schema'
import { testContext } from './app-context'
import type { TestBrowser } from './browser'
import { sessionCookieFor } from './fixtures'

export interface PageOptions extends BrowserContextOptions {
  /** Logged in as this user, with a session made at `at` (the server's clock), for the app at `url`. */
  login?: { db: Kysely<Database>; userId: string; at: Date; url: string }
}

/**
 * The browser pages of one e2e file: each in a fresh 1280×1000 context,
 * watched for uncaught errors and console errors, closed together. With
 * `ignoreFailedLoads`, Chromium's console line for a 4xx document is not an
 * error (the tests that visit one assert its status themselves).
 */
export function watchedPages(browser: () => TestBrowser, options: { ignoreFailedLoads?: boolean } = {}) {
  const contexts: BrowserContext[] = []
  let errors: string[] = []
  return {
    async open({ login, ...contextOptions }: PageOptions = {}): Promise<Page> {
      const context = await browser().newContext({ viewport: { width: 1280, height: 1000 }, ...contextOptions })
      contexts.push(context)
      if (login) {
        const pair = await sessionCookieFor(testContext({ db: login.db, now: login.at }), login.userId)
        const at = pair.indexOf('=')
        await context.addCookies([{ name: pair.slice(0, at), value: pair.slice(at + 1), url: login.url }])
      }
      const page = await context.newPage()
      page.on('pageerror', (e) => errors.push(`uncaught: ${e.message}`))
      page.on('console', (message) => {
        if (message.type() !== 'error') return
        if (options.ignoreFailedLoads && message.text().startsWith('Failed to load resource')) return
        errors.push(`console.error: ${message.text()}`)
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
  }
}
