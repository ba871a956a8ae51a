import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import jsQR from 'jsqr'
import { chromium, type Page } from 'playwright-core'
import { PNG } from 'pngjs'
import { beforeAll, expect, it, onTestFinished } from 'vitest'
import { participantCode } from '~/services/participant-codes.server'
import { qrPng } from '~/services/participant-qr.server'
import { upsertUser } from '~/services/users.server'
import { testContext } from '../helpers/app-context'
import { CHROMIUM_PATH, expectNoAxeViolations } from '../helpers/browser'
import { describeInChromium, e2eWorld } from '../helpers/e2e-world'
import { addParticipant, eventDayIds, eventId, makeOrganiser, registrationId, sessionCookieFor, TR } from '../helpers/fixtures'
import { mainText, plain } from '../helpers/pages'

/**
 * The check-in desk in Chromium against the real server, on Trøndelag 2018
 * (over by the real clock, when the desk is still open for the record):
 * check-in by typing a search, by the code read from the QR image on the
 * participant's own page, offline with the queue sent once the network is
 * back (counted once), the whole desk by keyboard, a desk helper who
 * reaches the desk and nothing else, the page without JavaScript, and a
 * substitute at the door. axe on every page visited.
 */
describeInChromium('the check-in desk', () => {
  const world = e2eWorld({ ignoreFailedLoads: true })
  let event = ''
  let day1 = ''
  let organiserId = ''
  let deskId = ''
  const people: Record<string, { id: string; name: string }> = {}

  beforeAll(async () => {
    const db = world.db
    event = await eventId(db, TR)
    ;[day1 = ''] = await eventDayIds(db, event)
    organiserId = (await makeOrganiser(db, 'arrangor@example.no', TR)).id
    deskId = (await upsertUser(db, { email: 'vert@example.no', name: 'Vera Vert' })).id
    await db.insertInto('event_desk').values({ event_id: event, user_id: deskId }).execute()
    const list: Array<[string, string, string]> = [
      ['kari', 'Kari Nordmann', 'Selbu'],
      ['ola', 'Ola Tydal', 'Tydal'],
      ['per', 'Per Pålsson', 'Selbu'],
      ['anne', 'Anne Ås', 'Tydal'],
      ['jon', 'Jon Øien', 'Selbu'],
      ['siri', 'Siri Sand', 'Tydal'],
      ['lars', 'Lars Lien', 'Selbu'],
    ]
    for (const [key, name, municipality] of list) {
      const { id } = await addParticipant(db, await registrationId(db, TR, municipality), `${key}-${randomUUID().slice(0, 6)}@example.no`, name)
      await db.insertInto('participant_day').values({ participant_id: id, event_day_id: day1 }).execute()
      await db.updateTable('participant').set({ diet: 'Glutenfri', allergies: 'Skalldyr' }).where('id', '=', id).execute()
      people[key] = { id, name }
    }
    // The event runs now by the real clock, so the desk is open and a substitute may take over at the door.
    const now = Date.now()
    await db
      .updateTable('event')
      .set({ starts_at: new Date(now - 3_600_000), ends_at: new Date(now + 86_400_000) })
      .where('id', '=', event)
      .execute()
  })

  const person = (key: string) => people[key] ?? { id: '', name: '' }
  const deskPath = () => `/arrangor/${event}/innsjekking?dag=${day1}`
  const arrived = async (key: string) =>
    (await world.db.selectFrom('check_in').select('arrived').where('participant_id', '=', person(key).id).where('event_day_id', '=', day1).executeTakeFirst())
      ?.arrived ?? false
  const operations = async (key: string) =>
    (await world.db.selectFrom('check_in_operation').select('id').where('participant_id', '=', person(key).id).execute()).length
  const row = (page: Page, key: string) => page.locator(`tr[data-participant="${person(key).id}"]`)
  const status = (page: Page) => page.getByTestId('sync-status')
  /** The desk page, with its JavaScript running (the sync status shows only then). */
  const openDesk = async (page: Page) => {
    await world.visit(page, deskPath())
    await status(page).waitFor()
  }

  it('checks in by a search typed at the desk, shown at once and counted once', async () => {
    const page = await world.page({ login: organiserId })
    await openDesk(page)
    expect(plain(await page.locator('#tall').innerText())).toBe('Ankommet: 0 av 7')
    expect(await mainText(page)).not.toMatch(/Glutenfri|Skalldyr|@example\.no/)
    await page.getByLabel('Søk etter navn eller kommune').fill('tyd')
    await expect.poll(() => page.locator('#deltakere tbody tr').count()).toBe(3)
    await page.getByLabel('Søk etter navn eller kommune').fill('ola ty')
    await expect.poll(() => page.locator('#deltakere tbody tr').count()).toBe(1)
    await row(page, 'ola').getByRole('button', { name: 'Sjekk inn Ola Tydal' }).click()
    await expect.poll(() => row(page, 'ola').innerText()).toContain('Ankommet')
    await expect.poll(() => status(page).innerText()).toBe('Alt er sendt')
    await expect.poll(() => arrived('ola')).toBe(true)
    expect(plain(await page.locator('#tall').innerText())).toBe('Ankommet: 1 av 7')
    expect(await operations('ola')).toBe(1)
    await expectNoAxeViolations(page)
  })

  it('checks in by the code read from the QR image on the participant’s own page', async () => {
    const user = await upsertUser(world.db, { email: 'kari.qr@example.no', name: 'Kari Nordmann' })
    await world.db.updateTable('participant').set({ user_id: user.id }).where('id', '=', person('kari').id).execute()
    const own = await world.page({ login: user.id })
    await world.visit(own, `/deltaker/${person('kari').id}`)
    const image = PNG.sync.read(await own.getByTestId('checkin-qr').screenshot())
    const decoded = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data
    expect(decoded).toBe(await own.getByTestId('checkin-code').innerText())

    const page = await world.page({ login: deskId })
    await openDesk(page)
    // A code that is not one of ours is refused at the field.
    await page.getByLabel('Kode fra QR').fill('ikke-en-kode')
    await page.getByLabel('Kode fra QR').press('Enter')
    await expect.poll(() => page.locator('#kode-feil').innerText()).toContain('Koden hører ikke til en deltaker på denne samlingen')
    // A handheld scanner types the code and Enter.
    await page.getByLabel('Kode fra QR').fill(decoded ?? '')
    await page.getByLabel('Kode fra QR').press('Enter')
    await expect.poll(() => page.getByRole('status').innerText()).toContain('Kari Nordmann (Selbu) er sjekket inn.')
    await expect.poll(() => arrived('kari')).toBe(true)
    await expect.poll(() => row(page, 'kari').innerText()).toContain('Ankommet')
    await expectNoAxeViolations(page)
  })

  it('keeps check-ins made offline in a queue and sends them once when the network is back', async () => {
    const page = await world.page({ login: deskId })
    await openDesk(page)
    await expect.poll(() => status(page).innerText()).toBe('Alt er sendt')
    await page.context().setOffline(true)
    await row(page, 'per').getByRole('button', { name: 'Sjekk inn Per Pålsson' }).click()
    await row(page, 'anne').getByRole('button', { name: 'Sjekk inn Anne Ås' }).click()
    await expect.poll(() => status(page).innerText()).toBe('2 innsjekkinger venter på nett')
    expect(await row(page, 'per').innerText()).toContain('Ankommet')
    expect(await arrived('per')).toBe(false)
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('klimasamling.innsjekking.')).length)).toBe(1)
    await page.context().setOffline(false)
    await expect.poll(() => status(page).innerText(), { timeout: 15_000 }).toBe('Alt er sendt')
    await expect.poll(() => arrived('per')).toBe(true)
    expect(await arrived('anne')).toBe(true)
    expect(await operations('per')).toBe(1)
    expect(await operations('anne')).toBe(1)
    expect(plain(await page.locator('#tall').innerText())).toBe('Ankommet: 4 av 7')
    await expectNoAxeViolations(page)
  })

  it('works by keyboard alone: search first, then Tab to the row’s button, Enter, and focus stays', async () => {
    const page = await world.page({ login: deskId })
    await openDesk(page)
    await page.getByLabel('Søk etter navn eller kommune').focus()
    await page.keyboard.type('jon')
    await expect.poll(() => page.locator('#deltakere tbody tr').count()).toBe(1)
    const focused = () => page.evaluate(() => (document.activeElement as HTMLElement | null)?.innerText?.replace(/\s+/g, ' ').trim() ?? '')
    let tabs = 0
    while ((await focused()) !== 'Sjekk inn Jon Øien' && tabs < 20) {
      await page.keyboard.press('Tab')
      tabs++
    }
    expect(await focused()).toBe('Sjekk inn Jon Øien')
    await page.keyboard.press('Enter')
    await expect.poll(focused).toBe('Angre Jon Øien')
    await expect.poll(() => arrived('jon')).toBe(true)
    // Undo by keyboard too.
    await page.keyboard.press('Enter')
    await expect.poll(focused).toBe('Sjekk inn Jon Øien')
    await expect.poll(() => status(page).innerText()).toBe('Alt er sendt')
    await expect.poll(() => arrived('jon')).toBe(false)
    await page.keyboard.press('Tab')
    expect(await focused()).toBe('Kommer en annen i stedet? (Jon Øien)')
    await expectNoAxeViolations(page)
  })

  it('lets a desk helper reach the desk and nothing else', async () => {
    const page = await world.page({ login: deskId })
    await openDesk(page)
    const nav = plain(await page.getByRole('navigation', { name: 'Arrangementet' }).innerText())
    expect(nav).toBe('Alle arrangementer Innsjekking')
    await world.visit(page, `/arrangor/${event}/oversikt`, 404)
    await world.visit(page, `/arrangor/${event}/netter`, 404)
  })

  it('checks in without JavaScript, with the search and the code as plain forms', async () => {
    // axe needs JavaScript in the page, so it ran on this page in the tests above; here the forms alone.
    const page = await world.page({ login: deskId, javaScriptEnabled: false })
    expect((await page.goto(world.url(`${deskPath()}&q=siri`)))?.status()).toBe(200)
    expect(await page.locator('#deltakere tbody tr').count()).toBe(1)
    await row(page, 'siri').getByRole('button', { name: 'Sjekk inn Siri Sand' }).click()
    await page.waitForURL(/inn=/)
    expect(await page.getByRole('status').innerText()).toContain('Siri Sand (Tydal) er sjekket inn.')
    expect(await row(page, 'siri').innerText()).toContain('Ankommet')
    expect(await arrived('siri')).toBe(true)
    // The search as a GET form.
    await page.getByLabel('Søk etter navn eller kommune').fill('lars')
    await page.getByRole('button', { name: 'Søk', exact: true }).click()
    await page.waitForURL(/q=lars/)
    expect(await page.locator('#deltakere tbody tr').count()).toBe(1)
    // A bad code: the message at the field, nothing changed.
    await page.getByLabel('Kode fra QR').fill('feil')
    await page.getByRole('button', { name: 'Sjekk inn med kode' }).click()
    await page.waitForLoadState('load')
    expect(await page.locator('#kode-feil').innerText()).toContain('Koden hører ikke til')
  })

  it('speaks nynorsk to a desk that chose it: the page, the desk’s own messages and its live status', async () => {
    const page = await world.page({ login: deskId })
    // The switch in the header: the page with ?maalform=nn, remembered in a cookie and on the account, back without the parameter.
    onTestFinished(async () => {
      await world.db.updateTable('app_user').set({ language_form: null }).where('id', '=', deskId).execute()
    })
    await page.goto(world.url(`${deskPath()}&maalform=nn`))
    await page.waitForURL((url) => !url.searchParams.has('maalform'))
    await status(page).waitFor()
    await expectNoAxeViolations(page)
    expect(await page.locator('html').getAttribute('lang')).toBe('nn')
    expect(await page.title()).toMatch(/^Innsjekking – /)
    expect(await mainText(page)).toContain('Lista viser namn, stilling og kommune.')
    await expect.poll(() => status(page).innerText()).toBe('Alt er sendt')
    await page.getByLabel('Søk etter namn eller kommune').fill('ola')
    await expect.poll(() => row(page, 'ola').innerText()).toContain('Komen')
    await row(page, 'ola').getByRole('button', { name: 'Angre Ola Tydal' }).click()
    expect(await page.getByRole('status').innerText()).toContain('Innsjekkinga av Ola Tydal er angra.')
    expect(await row(page, 'ola').innerText()).toContain('Ikkje komen')
    await expect.poll(() => arrived('ola')).toBe(false)
    await page.getByRole('link', { name: 'Kjem det ein annan i staden? (Ola Tydal)' }).click()
    await page.waitForURL(/erstatter/)
    expect(await page.locator('html').getAttribute('lang')).toBe('nn')
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Kjem det ein annan i staden for Ola Tydal?')
  })

  it('scans the QR code with the camera (Chromium’s fake camera showing the code), loading jsqr only then', async () => {
    // A video file for the fake camera: the participant's QR code, black on white, in the middle of a 640 × 480 frame.
    const dir = mkdtempSync(path.join(tmpdir(), 'klimasamling-camera-'))
    const video = path.join(dir, 'qr.y4m')
    writeFileSync(video, y4mOf(PNG.sync.read(qrPng(await participantCode(world.db, person('anne').id, 'check-in'), 8))))
    await world.db.deleteFrom('check_in').where('participant_id', '=', person('anne').id).execute()
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: ['--no-sandbox', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`],
    })
    try {
      const context = await browser.newContext({ locale: 'nb-NO' })
      const pair = await sessionCookieFor(testContext({ db: world.db }), deskId)
      const at = pair.indexOf('=')
      await context.addCookies([{ name: pair.slice(0, at), value: pair.slice(at + 1), url: world.url('/') }])
      const page = await context.newPage()
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      page.on('console', (m) => (m.type() === 'error' ? errors.push(m.text()) : undefined))
      const scripts: string[] = []
      page.on('request', (r) => scripts.push(r.url()))
      await page.goto(world.url(deskPath()))
      await expect.poll(() => page.getByTestId('sync-status').count()).toBe(1)
      expect(scripts.some((u) => /jsQR/i.test(u))).toBe(false)
      await page.getByRole('button', { name: 'Skann QR-kode' }).click()
      await expect.poll(() => page.getByRole('status').innerText(), { timeout: 20_000 }).toContain('Anne Ås (Tydal) er sjekket inn.')
      expect(scripts.some((u) => /jsQR/i.test(u))).toBe(true)
      await expect.poll(() => arrived('anne')).toBe(true)
      await expectNoAxeViolations(page)
      expect(errors).toEqual([])
    } finally {
      await browser.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })

  it('substitutes someone who comes instead, and checks the substitute in', async () => {
    const page = await world.page({ login: deskId })
    await openDesk(page)
    await page.getByRole('link', { name: 'Kommer en annen i stedet? (Lars Lien)' }).click()
    await page.waitForURL(/erstatter/)
    await expectNoAxeViolations(page)
    expect(await mainText(page)).not.toMatch(/Glutenfri|Skalldyr/)
    await page.getByLabel('Navn').fill('Liv Lien')
    await page.getByLabel('E-post').fill('liv.lien@example.no')
    await page.getByLabel('Stilling').fill('Rådgiver')
    await page.getByLabel('Rolle').selectOption({ index: 1 })
    await page.getByRole('button', { name: 'Erstatt og sjekk inn' }).click()
    await page.waitForURL(/innsjekking\?/)
    await expect.poll(() => page.getByRole('status').innerText()).toContain('Liv Lien (Selbu) er sjekket inn.')
    const rows = await world.db.selectFrom('participant').select(['name', 'status']).where('name', 'in', ['Lars Lien', 'Liv Lien']).orderBy('name').execute()
    expect(rows).toEqual([
      { name: 'Lars Lien', status: 'substituted' },
      { name: 'Liv Lien', status: 'active' },
    ])
    const liv = await world.db.selectFrom('participant').select('id').where('name', '=', 'Liv Lien').executeTakeFirstOrThrow()
    const livArrived = await world.db
      .selectFrom('check_in')
      .select('arrived')
      .where('participant_id', '=', liv.id)
      .where('event_day_id', '=', day1)
      .executeTakeFirst()
    expect(livArrived?.arrived).toBe(true)
    await expectNoAxeViolations(page)
  })
})

/** A one-frame YUV4MPEG2 video (Chromium's fake camera reads it in a loop) of a greyscale image, centred on a white 640 × 480 frame. */
function y4mOf(image: PNG): Buffer {
  const width = 640
  const height = 480
  const luma = Buffer.alloc(width * height, 235)
  const left = Math.floor((width - image.width) / 2)
  const top = Math.floor((height - image.height) / 2)
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      const dark = (image.data[(y * image.width + x) * 4] ?? 255) < 128
      luma[(top + y) * width + left + x] = dark ? 16 : 235
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128)
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), luma, chroma, chroma])
}
