import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { type AppServer, killAllServers, repoRoot, startAppServer } from '../helpers/app-server'
import { expectNoAxeViolations, hasChromium, launchBrowser, noteMissingChromium, type TestBrowser } from '../helpers/browser'
import { createTestDatabase, type TestDatabase } from '../helpers/database'
import { MR, makeContactPerson, registrationId } from '../helpers/fixtures'
import { mainText, watchedPages } from '../helpers/pages'

/**
 * Page weight (decision 37, docs/decisions): every page loads at most 120 KB
 * of gzipped JavaScript, counted from the build that `npm run build` leaves:
 * the entry, the root, the page's route and its parent routes, and every chunk
 * they import statically (from build/metafile.js.json, esbuild's record of the
 * browser build), each file gzipped as a server would send it. And the pages
 * stay usable without JavaScript: the login form and the participant form
 * submit and show the server's errors in Chromium with JavaScript off.
 */

const BUDGET_BYTES = 120 * 1024
/** Packages that must never reach a page: zod validates on the server only; the icons came with unused Designsystemet components. */
const NEVER_IN_A_PAGE = ['node_modules/zod/', 'node_modules/@navikt/aksel-icons/', 'node_modules/@floating-ui/', 'node_modules/@tanstack/']

interface Metafile {
  outputs: Record<string, { bytes: number; imports: Array<{ path: string; kind: string }>; inputs: Record<string, { bytesInOutput: number }> }>
}
interface ManifestRoute {
  id: string
  parentId?: string
  module: string
}
interface PageWeight {
  route: string
  files: string[]
  bytes: number
  gzipBytes: number
}

const metafilePath = path.join(repoRoot, 'build/metafile.js.json')
const publicBuild = path.join(repoRoot, 'public/build')

function readBuild(): { metafile: Metafile; entry: string; routes: Record<string, ManifestRoute> } {
  if (!existsSync(metafilePath)) {
    throw new Error(`${metafilePath} is missing: run \`npm run build\` (remix build writes it) before this test; \`npm test\` builds first.`)
  }
  const metafile = JSON.parse(readFileSync(metafilePath, 'utf8')) as Metafile
  const manifestFile = readdirSync(publicBuild).find((name) => /^manifest-[A-Z0-9]+\.js$/.test(name))
  if (!manifestFile) throw new Error(`No manifest-*.js in ${publicBuild}: run \`npm run build\` first.`)
  const manifest = JSON.parse(
    readFileSync(path.join(publicBuild, manifestFile), 'utf8')
      .replace(/^window\.__remixManifest=/, '')
      .replace(/;$/, ''),
  ) as { entry: { module: string }; routes: Record<string, ManifestRoute> }
  // The manifest names modules by URL (/build/…); the metafile by path (public/build/…).
  return { metafile, entry: `public${manifest.entry.module}`, routes: manifest.routes }
}

/** Every JavaScript file a page with this route loads before it runs: static imports only (a dynamic import() loads later, if ever). */
function pageWeights({ metafile, entry, routes }: ReturnType<typeof readBuild>): PageWeight[] {
  const gzipped = new Map<string, { bytes: number; gzipBytes: number }>()
  const sizeOf = (file: string) => {
    let size = gzipped.get(file)
    if (!size) {
      const content = readFileSync(path.join(repoRoot, file))
      size = { bytes: content.length, gzipBytes: gzipSync(content).length }
      gzipped.set(file, size)
    }
    return size
  }
  return Object.values(routes).map((route) => {
    const roots = [entry]
    for (let r: ManifestRoute | undefined = route; r; r = r.parentId ? routes[r.parentId] : undefined) roots.push(`public${r.module}`)
    const files = new Set<string>()
    const stack = [...roots]
    while (stack.length > 0) {
      const file = stack.pop() as string
      if (files.has(file)) continue
      const output = metafile.outputs[file]
      if (!output) throw new Error(`${file} is in the manifest but not in ${metafilePath}: the build is out of date, run \`npm run build\`.`)
      files.add(file)
      for (const imported of output.imports) if (imported.kind === 'import-statement') stack.push(imported.path)
    }
    let bytes = 0
    let gzipBytes = 0
    for (const file of files) {
      const size = sizeOf(file)
      bytes += size.bytes
      gzipBytes += size.gzipBytes
    }
    return { route: route.id, files: [...files], bytes, gzipBytes }
  })
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`

describe('page weight', () => {
  let metafile: Metafile
  let weights: PageWeight[] = []

  beforeAll(() => {
    const build = readBuild()
    metafile = build.metafile
    weights = pageWeights(build)
  })

  it(`every page loads at most ${kb(BUDGET_BYTES)} of gzipped JavaScript`, () => {
    const heaviest = [...weights].sort((a, b) => b.gzipBytes - a.gzipBytes)
    const top = heaviest[0] as PageWeight
    const front = weights.find((w) => w.route === 'routes/_index')
    console.log(
      `page weight: heaviest ${top.route} ${kb(top.gzipBytes)} gzipped (${kb(top.bytes)} raw, ${top.files.length} files); ` +
        `front page ${front ? `${kb(front.gzipBytes)} gzipped, ${front.files.length} files` : 'missing'}; budget ${kb(BUDGET_BYTES)}`,
    )
    expect(weights.length, 'the manifest lists the routes').toBeGreaterThan(20)
    const over = heaviest.filter((w) => w.gzipBytes > BUDGET_BYTES).map((w) => `${w.route}: ${kb(w.gzipBytes)} gzipped in ${w.files.length} files`)
    expect(over, `pages over the budget of ${kb(BUDGET_BYTES)}`).toEqual([])
  })

  it('no page loads zod, the icon set, or the libraries of unused Designsystemet components', () => {
    const found = weights.flatMap((w) =>
      w.files.flatMap((file) =>
        Object.keys(metafile.outputs[file]?.inputs ?? {})
          .filter((input) => NEVER_IN_A_PAGE.some((folder) => input.includes(folder)))
          .map((input) => `${w.route}: ${input}`),
      ),
    )
    expect(found.slice(0, 10), `${found.length} modules that no page should load`).toEqual([])
  })
})

noteMissingChromium()

/** Registration for Møre og Romsdal 2021 is open. */
const NOW = osloDateTime('2021-09-01', '12:00')

describe.skipIf(!hasChromium)('pages stay usable without JavaScript, in Chromium', () => {
  let database: TestDatabase
  let server: AppServer
  let browser: TestBrowser
  const pages = watchedPages(() => browser)
  /** Chromium logs a refused post's 400 document as a console error; its status is asserted instead. */
  const refusingPages = watchedPages(() => browser, { ignoreFailedLoads: true })
  let volda = ''
  let contactId = ''

  beforeAll(async () => {
    database = await createTestDatabase()
    server = await startAppServer({ databaseUrl: database.url, env: { NODE_ENV: 'test', TEST_NOW: NOW.toISOString() } })
    volda = await registrationId(database.db, MR, 'Volda')
    contactId = (await makeContactPerson(database.db, 'kontakt@volda.example.no', volda)).id
    browser = await launchBrowser()
  })

  afterEach(async () => {
    await pages.closeAll()
    await refusingPages.closeAll()
    expect([...pages.takeErrors(), ...refusingPages.takeErrors()]).toEqual([])
  })

  afterAll(async () => {
    await browser?.close()
    const code = await server?.stop()
    await killAllServers()
    await database?.drop()
    if (server) expect(code, server.output()).toBe(0)
  })

  const url = (pathname: string) => new URL(pathname, server.url).href
  const login = (userId: string) => ({ db: database.db, userId, at: NOW, url: server.url })
  const scripts = (page: Page) => page.evaluate(() => typeof (window as unknown as { __remixRouter?: unknown }).__remixRouter)

  /** Submits the page's form with the button, and returns the status of the post's answer. */
  async function submit(page: Page, button: string): Promise<number> {
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: button, exact: true }).click(),
    ])
    await page.waitForLoadState('load')
    return answer.status()
  }

  it('with JavaScript, the login form and the participant form pass axe (the checks below cannot run axe)', async () => {
    const page = await pages.open()
    await page.goto(url('/logg-inn'))
    await expectNoAxeViolations(page)
    const contact = await pages.open({ login: login(contactId) })
    await contact.goto(url(`/kommune/${volda}/ny-deltaker`))
    await expectNoAxeViolations(contact)
  })

  it('the login form submits without JavaScript and shows the server’s errors', async () => {
    const page = await refusingPages.open({ javaScriptEnabled: false })
    await page.goto(url('/logg-inn'))
    expect(await scripts(page)).toBe('undefined')

    expect(await submit(page, 'Send meg en innloggingslenke')).toBe(400)
    expect(await mainText(page)).toContain('E-post: Skriv inn e-postadressen.')
    const email = page.getByLabel('E-post')
    expect(await email.getAttribute('aria-invalid')).toBe('true')
    const errorId = (await email.getAttribute('aria-describedby'))?.split(' ').find((id) => id.endsWith('-error'))
    expect(errorId, 'the field names its error message').toBeDefined()
    expect(await page.locator(`[id="${errorId}"]`).innerText()).toBe('Skriv inn e-postadressen.')

    await email.fill('ikke-en-adresse')
    expect(await submit(page, 'Send meg en innloggingslenke')).toBe(400)
    expect(await mainText(page)).toContain('Skriv inn en gyldig e-postadresse, for eksempel navn@kommune.no.')
    expect(await page.getByLabel('E-post').inputValue()).toBe('ikke-en-adresse')

    await page.getByLabel('E-post').fill('kontakt@volda.example.no')
    expect(await submit(page, 'Send meg en innloggingslenke')).toBe(302)
    expect(new URL(page.url()).pathname).toBe('/logg-inn/kode')
    expect(await mainText(page)).toContain('kontakt@volda.example.no')
  })

  it('the participant form submits without JavaScript, shows the server’s errors, then enrols', async () => {
    const page = await refusingPages.open({ login: login(contactId), javaScriptEnabled: false })
    // Volda writes nynorsk; its contact person switches to bokmål (the header's link, a plain GET) for the texts below.
    await page.goto(url(`/kommune/${volda}/ny-deltaker?maalform=nb`))
    expect(new URL(page.url()).search).toBe('')
    expect(await scripts(page)).toBe('undefined')

    expect(await submit(page, 'Meld på')).toBe(400)
    const main = await mainText(page)
    expect(main).toContain('Navn: Skriv inn navnet.')
    expect(main).toContain('Rolle: Velg rolle.')
    expect(await page.getByLabel('Navn', { exact: true }).getAttribute('aria-invalid')).toBe('true')

    await page.getByLabel('Navn', { exact: true }).fill('Vilde Volda')
    await page.getByLabel('E-post', { exact: true }).fill('vilde@volda.example.no')
    await page.getByLabel('Stilling').fill('Rådgiver')
    expect(await submit(page, 'Meld på')).toBe(400)
    // The server keeps what was typed and still names what is missing.
    expect(await page.getByLabel('Navn', { exact: true }).inputValue()).toBe('Vilde Volda')
    expect(await mainText(page)).toContain('Rolle: Velg rolle.')
    expect(await mainText(page)).not.toContain('Navn: Skriv inn navnet.')

    await page.getByLabel('Rolle').selectOption('radgiver')
    expect(await submit(page, 'Meld på')).toBe(302)
    expect(new URL(page.url()).pathname).toBe(`/kommune/${volda}`)
    expect(await mainText(page)).toContain('Vilde Volda')
  })
})
