import ExcelJS from 'exceljs'
import { beforeAll, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { enrolParticipant } from '~/services/enrolment.server'
import { expectNoAxeViolations } from '../helpers/browser'
import { describeInChromium, e2eWorld } from '../helpers/e2e-world'
import { enrolInput, eventId, makeOrganiser, registrationId, TEST_MAIL, TR } from '../helpers/fixtures'

const NOW = '2018-10-25T10:00:00.000Z'

/** The organiser of Trøndelag 2018 opens the export page in Chromium and downloads the rooming list, which opens in exceljs. */
describeInChromium('exports in Chromium', () => {
  const world = e2eWorld({ now: NOW })
  let tr = ''
  let organiserId = ''

  beforeAll(async () => {
    const db = world.db
    tr = await eventId(db, TR)
    organiserId = (await makeOrganiser(db, 'arrangor@example.no', TR)).id
    const selbu = await registrationId(db, TR, 'Selbu')
    const days = await db.selectFrom('event_day').select('id').where('event_id', '=', tr).orderBy('date').execute()
    const night = await db.selectFrom('hotel_night').select('id').where('event_id', '=', tr).executeTakeFirstOrThrow()
    for (const [name, allergies] of [
      ['Anne Selbu', 'Nøtter; skalldyr'],
      ['Bjørn Selbu', null],
    ] as const) {
      await enrolParticipant(
        db,
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
  })

  it('the organiser downloads the rooming list from the export page, and it opens as a workbook', async () => {
    const page = await world.page({ login: organiserId, acceptDownloads: true })
    const response = await page.goto(world.url(`/arrangor/${tr}/eksport`))
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

  it('in nynorsk: the export page and the participant list it downloads', async () => {
    const page = await world.page({ login: organiserId, acceptDownloads: true })
    // The switch in the header: remembered in a cookie, and the page comes back without the parameter.
    const response = await page.goto(world.url(`/arrangor/${tr}/eksport?maalform=nn`))
    expect(response?.status()).toBe(200)
    expect(await page.locator('html').getAttribute('lang')).toBe('nn')
    expect(await page.locator('main h2').allInnerTexts()).toContain('Deltakarliste')
    expect(await page.locator('main').innerText()).toContain('Kosthald, allergiar og behov for tilrettelegging kan vere helseopplysningar.')
    await expectNoAxeViolations(page)

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Last ned Excel – Deltakarliste', exact: true }).click(),
    ])
    expect(download.suggestedFilename()).toBe('deltakarar-klimasamling-trondelag-2018.xlsx')
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(await download.path())
    const sheet = book.getWorksheet('Deltakarar')
    expect(sheet?.getRow(1).values).toEqual([
      undefined,
      'Namn',
      'E-post',
      'Telefon',
      'Kommune',
      'Stilling',
      'Rolle',
      'Dagar',
      'Middag',
      'Sesjonar',
      'Dekning',
      'Kommunen betaler',
    ])
    // Back to bokmål, as the other tests of this organiser expect.
    await page.goto(world.url(`/arrangor/${tr}/eksport?maalform=nb`))
    expect(await page.locator('html').getAttribute('lang')).toBe('nb')
  })
})
