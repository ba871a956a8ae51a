import { existsSync } from 'node:fs'
import AxeBuilder from '@axe-core/playwright'
import { type Browser, type BrowserContext, type BrowserContextOptions, chromium, type Page } from 'playwright-core'
import { expect } from 'vitest'

/** Debian's Chromium; the e2e tests drive it rather than a browser Playwright downloads. */
export const CHROMIUM_PATH = '/usr/bin/chromium'

export const hasChromium = existsSync(CHROMIUM_PATH)

// CI sets REQUIRE_BROWSER=1 (.ci/run): there a missing Chromium fails every browser test instead of skipping it.
if (!hasChromium && process.env.REQUIRE_BROWSER === '1') {
  throw new Error(`REQUIRE_BROWSER=1 but ${CHROMIUM_PATH} is missing. Install it with: apt-get update && apt-get install -y chromium`)
}

export const CHROMIUM_MISSING_MESSAGE = `e2e skipped: ${CHROMIUM_PATH} is missing. Install it with: apt-get update && apt-get install -y chromium`

let skipNoticePrinted = false

/** Prints the one-line skip notice, once per test process, when Chromium is missing. */
export function noteMissingChromium(): void {
  if (hasChromium || skipNoticePrinted) return
  skipNoticePrinted = true
  console.warn(CHROMIUM_MISSING_MESSAGE)
}

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface TestBrowser {
  browser: Browser
  /** A fresh context (its own cookies and storage) on the browser. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>
  close(): Promise<void>
}

/**
 * Launches Chromium headless. Playwright gives every launch a fresh profile in
 * a temporary folder of its own and removes it on close.
 */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS })
  return {
    browser,
    newContext: (options) => browser.newContext({ locale: 'nb-NO', ...options }),
    close: () => browser.close(),
  }
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/** Runs axe on the page as it is now and fails with every WCAG 2.1 A/AA violation, its help and its nodes. */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze()
  const report = results.violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    - ${n.target.map((t) => JSON.stringify(t)).join(' > ')}`).join('\n')
      return `  ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}\n${nodes}`
    })
    .join('\n')
  expect(
    results.violations.map((v) => v.id),
    `axe found WCAG violations on ${page.url()}:\n${report}`,
  ).toEqual([])
}
