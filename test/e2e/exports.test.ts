import ExcelJS from 'exceljs'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { enrolParticipant } from '~/services/enrolment.server'
import { type AppServer, killAllServers, startAppServer } from '../helpers/app-server'
import { expectNoAxeViolations, hasChromium, launchBrowser, noteMissingChromium, type TestBrowser } from '../helpers/browser'
import { createTestDatabase, type TestDatabase } from '../helpers/database'
import { enrolInput, eventId, makeOrganiser, registrationId, TEST_MAIL, TR } from '../helpers/fixtures'
import { watchedPages } from '../helpers/pages'

noteMissingChromium()

const NOW = '2018-10-25T10:00:00.000Z'

/** The organiser of Trøndelag 2018 opens the export page in Chromium and downloads the rooming list, which opens in exceljs. */
describe.skipIf(!hasChromium)('exports in Chromium', () => {
  let database: TestDatabase
  let server: AppServer
  let browser: TestBrowser
  let tr = ''
  let organiserId = ''
  const pages = watchedPages(() => browser)

  beforeAll(async () => {
    database = await createTestDatabase()
    server = await startAppServer({ databaseUrl: database.url, env: { NODE_ENV: 'test', TEST_NOW: NOW } })
    tr = await eventId(database.db, TR)
    organiserId = (await makeOrganiser(database.db, 'arrangor@example.no', TR)).id
    const selbu = await registrationId(database.db, TR, 'Selbu')
    const days = await database.db.selectFrom('event_day').select('id').where('event_id', '=', tr).orderBy('date').execute()
    const night = await database.db.selectFrom('hotel_night').select('id').where('event_id', '=', tr).executeTakeFirstOrThrow()
    for (const [name, allergies] of [
      ['Anne Selbu', 'Nøtter; skalldyr'],
      ['Bjørn Selbu', null],
    ] as const) {
      await enrolParticipant(
        database.db,
        TEST_MAIL,
        { userId: organiserId },
        enrolInput(selbu, {
          name,
          email: `${name.split(' ')[0]?.toLowerCase()}@selbu.example.no`,
          dayIds: days.map((d) => d.id),
          nightIds: [night.id],
          allergies,
        }),
        osloDateTime('2018-10-01', '12:00'),
      )
    }
    browser = await launchBrowser()
  })

  afterEach(async () => {
    await pages.closeAll()
    expect(server.exitStatus(), `the app server ended during the test:\n${server.output()}`).toBeNull()
    expect(pages.takeErrors(), 'JavaScript errors in the browser').toEqual([])
  })

  afterAll(async () => {
    await pages.closeAll()
    await browser?.close()
    await server?.stop()
    await killAllServers()
    await database?.drop()
  })

  /** A page logged in as the organiser, watched for JavaScript errors. */
  const organiserPage = () => pages.open({ acceptDownloads: true, login: { db: database.db, userId: organiserId, at: new Date(NOW), url: server.url } })

  it('the organiser downloads the rooming list from the export page, and it opens as a workbook', async () => {
    const page = await organiserPage()
    const response = await page.goto(new URL(`/arrangor/${tr}/eksport`, server.url).href)
    expect(response?.status()).toBe(200)
    expect(await page.locator('main h1').innerText()).toBe('Eksport')
    await expectNoAxeViolations(page)

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Last ned Excel – Romliste til hotellet', exact: true }).click(),
    ])
    expect(download.suggestedFilename()).toBe('romliste-klimasamling-trondelag-2018.xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(await download.path())
    const sheet = book.getWorksheet('Romliste')
    const rows: unknown[][] = []
    sheet?.eachRow((row) => rows.push([1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => row.getCell(i).value ?? null)))
    const stay = [new Date('2018-11-27T00:00:00Z'), new Date('2018-11-28T00:00:00Z'), 1, 'Arrangøren', null]
    expect(rows).toEqual([
      ['Navn', 'Kommune', 'Ankomst', 'Avreise', 'Netter', 'Betales av', 'Kosthold', 'Allergier', 'Behov for tilrettelegging'],
      ['Anne Selbu', 'Selbu', ...stay, 'Nøtter; skalldyr', null],
      ['Bjørn Selbu', 'Selbu', ...stay, null, null],
    ])
    // The page is still there: the download did not navigate away.
    expect(await page.locator('main h1').innerText()).toBe('Eksport')
  })
})
