import type { Page } from 'playwright-core'
import { beforeAll, expect, it } from 'vitest'
import { expectNoAxeViolations } from '../helpers/browser'
import { describeInChromium, e2eWorld } from '../helpers/e2e-world'
import { makeContactPerson, registrationId, TR } from '../helpers/fixtures'
import { mainText, plain } from '../helpers/pages'

/** Words only bokmål writes (decision 54's list), found in a text that should be nynorsk. */
const BOKMAAL_ONLY =
  'ikke jeg hva hvem hvor hvordan hvorfor hvis hver fra noen noe mye bare også nå enda ennå allerede videre uten sammen siden gjør kommer trenger finnes skjul velg åpne åpnet navn deltakere deltaker kommuner påmeldte påmeldingen samlingen dager plasser ble blitt sesjoner arrangører ønsket lagret endret slettet undersøkelse navneskilt kosthold tilgjengelighet personopplysninger innstillinger'.split(
    ' ',
  )
const bokmaalWords = (text: string) => BOKMAAL_ONLY.filter((word) => new RegExp(`(?<!\\p{L})${word}(?!\\p{L})`, 'iu').test(text))

const BEFORE_DEADLINE = '2018-10-01T10:00:00.000Z'
const AFTER_DEADLINE = '2018-10-25T10:00:00.000Z'

/**
 * A contact person of Selbu enrols staff for Trøndelag 2018 with the server's
 * clock before the deadline, then again after it, in Chromium with and
 * without JavaScript.
 */
describeInChromium('enrolment by a contact person in Chromium', () => {
  // The form refused without JavaScript answers 400, which Chromium logs; the test checks the messages itself.
  const world = e2eWorld({ now: BEFORE_DEADLINE, ignoreFailedLoads: true })
  let selbu = ''
  let contactId = ''

  beforeAll(async () => {
    selbu = await registrationId(world.db, TR, 'Selbu')
    contactId = (await makeContactPerson(world.db, 'kontakt@selbu.example.no', selbu, { name: 'Kari Kontakt', at: new Date(BEFORE_DEADLINE) })).id
  })

  const participantId = async (name: string) => (await world.db.selectFrom('participant').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id

  /** A page logged in as Selbu's contact person, as of the server's clock. */
  const contactPerson = (options: { javaScriptEnabled?: boolean } = {}) => world.page({ ...options, login: contactId })

  async function enrol(page: Page, who: { name: string; overnight: boolean; session?: string }) {
    await page.goto(world.url(`/kommune/${selbu}/ny-deltaker`))
    await page.getByLabel('Navn', { exact: true }).fill(who.name)
    await page.getByLabel('E-post', { exact: true }).fill(`${who.name.split(' ')[0]?.toLowerCase().replaceAll('ø', 'o')}@selbu.example.no`)
    await page.getByLabel('Stilling').fill('Rådgiver')
    await page.getByLabel('Rolle').selectOption('radgiver')
    if (who.overnight) await page.getByRole('checkbox', { name: /Natten 27\.–28\. november 2018/ }).check()
    else {
      // A day participant who goes home before dinner: the day package is all there is.
      await page.getByRole('checkbox', { name: /Dag 2/ }).uncheck()
      await page.getByRole('checkbox', { name: 'Deltar på middagen' }).uncheck()
    }
    if (who.session) await page.getByRole('radio', { name: who.session }).check()
    await page.getByRole('button', { name: 'Meld på' }).click()
    await page
      .waitForURL((u) => u.pathname === `/kommune/${selbu}`, { timeout: 8_000 })
      .catch(async (error: unknown) => {
        throw new Error(`Enrolling ${who.name} did not return to the municipality:\n${(await mainText(page)).slice(0, 600)}`, {
          cause: error,
        })
      })
    await expect.poll(() => mainText(page)).toContain(who.name)
  }

  it('before the deadline: 2 covered overnight, 1 covered day package, the fourth self-paid with its price', async () => {
    const page = await contactPerson()
    await page.goto(world.url(`/kommune/${selbu}/ny-deltaker`))
    expect(await mainText(page)).toContain('Med overnatting: dekket av arrangøren. Kommunen har 2 av 2 dekkede overnattingsplasser igjen.')
    await expectNoAxeViolations(page)
    await enrol(page, { name: 'Anne Selbu', overnight: true })
    await enrol(page, { name: 'Bjørn Selbu', overnight: true, session: 'Klimasmart landbruk' })
    await enrol(page, { name: 'Cecilie Selbu', overnight: false })
    await enrol(page, { name: 'Dag Selbu', overnight: true })
    const main = await mainText(page)
    expect(main).toContain('Dekket overnatting 2 av 2 brukt Dagpakker 1 av 1 Egenbetalt 1 person, ca. 2 500 kr')
    expect(main).toContain('Anne Selbu, Rådgiver Dag 1, Dag 2 27.–28. november 2018 Ja – Dekket overnatting')
    expect(main).toContain('Bjørn Selbu, Rådgiver Dag 1, Dag 2 27.–28. november 2018 Ja Klimasmart landbruk Dekket overnatting')
    expect(main).toContain('Cecilie Selbu, Rådgiver Dag 1 Ingen Nei – Dekket dagpakke')
    expect(main).toContain('Dag Selbu, Rådgiver Dag 1, Dag 2 27.–28. november 2018 Ja – Egenbetalt (ca. 2 500 kr)')
    await expectNoAxeViolations(page)
  })

  it('works without JavaScript too, with the errors from the server', async () => {
    const page = await contactPerson({ javaScriptEnabled: false })
    await page.goto(world.url(`/kommune/${selbu}/ny-deltaker`))
    await page.getByRole('button', { name: 'Meld på' }).click()
    await page.waitForLoadState('load')
    // The summary and the field messages come from the server's answer alone.
    // (axe needs JavaScript in the page, so it checks these pages in the test above.)
    await expect.poll(() => mainText(page)).toContain('Navn: Skriv inn navnet.')
    await enrol(page, { name: 'Eirik Selbu', overnight: false })
    expect(await mainText(page)).toContain('Eirik Selbu, Rådgiver Dag 1 Ingen Nei – Egenbetalt (ca. 650 kr)')
  })

  it('after the deadline: adding is refused and a substitution keeps the covered place', async () => {
    await world.restart({ now: AFTER_DEADLINE })
    const page = await contactPerson()
    await page.goto(world.url(`/kommune/${selbu}`))
    const main = await mainText(page)
    expect(main).toContain('Påmeldingsfristen er ute. Nye deltakere meldes på av arrangøren.')
    expect(await page.getByRole('link', { name: 'Meld på en deltaker' }).count()).toBe(0)
    await page.goto(world.url(`/kommune/${selbu}/ny-deltaker`))
    expect(await mainText(page)).toContain('Påmeldingen er ikke åpen')
    // The server refuses even a crafted post.
    const refused = await page.request.post(world.url(`/kommune/${selbu}/ny-deltaker`), {
      form: {
        idempotencyKey: crypto.randomUUID(),
        name: 'Sen Selbu',
        email: 'sen@selbu.example.no',
        title: 'X',
        roleCategory: 'annet',
        dayIds: '00000000-0000-4000-8000-000000000000',
      },
      headers: { Origin: world.appUrl },
    })
    expect(refused.status()).toBe(409)

    await page.goto(world.url(`/kommune/${selbu}`))
    await page.getByRole('link', { name: 'Erstatt Anne Selbu' }).click()
    await expectNoAxeViolations(page)
    await page.getByLabel('Navn', { exact: true }).fill('Frode Selbu')
    await page.getByLabel('E-post', { exact: true }).fill('frode@selbu.example.no')
    await page.getByLabel('Stilling').fill('Planlegger')
    await page.getByLabel('Rolle').selectOption('fagansvarlig')
    await page.getByRole('button', { name: 'Erstatt deltakeren' }).click()
    await page.waitForURL((u) => u.pathname === `/kommune/${selbu}`)
    await expect.poll(() => mainText(page)).toContain('Frode Selbu, Planlegger Dag 1, Dag 2 27.–28. november 2018 Ja – Dekket overnatting')
    expect(await mainText(page)).toContain('Deltaker erstattet Anne Selbu → Frode Selbu')
    await expectNoAxeViolations(page)
  })

  it('in nynorsk: the municipality page, the cancellation step, the substitution and edit forms, with no bokmål word of their own', async () => {
    const page = await contactPerson()
    // The switch's parameter: remembered in a cookie and on the account, then the page again without it.
    await page.goto(world.url(`/kommune/${selbu}?maalform=nn`))
    await page.waitForURL((u) => u.pathname === `/kommune/${selbu}` && u.search === '')
    expect(await page.locator('html').getAttribute('lang')).toBe('nn')
    expect(await page.getByRole('heading', { level: 2, name: 'Deltakarar' }).count()).toBe(1)
    const main = await mainText(page)
    expect(main).toContain('Dekt overnatting 2 av 2 brukt Dagpakkar 1 av 1 Eigenbetalt 2 personar, ca. 3 150 kr')
    expect(main).toContain('Påmeldingsfristen er ute. Nye deltakarar blir melde på av arrangøren.')
    expect(main).toContain('Frode Selbu, Planlegger Dag 1, Dag 2 27.–28. november 2018 Ja – Dekt overnatting')
    expect(main).toContain('Deltakar erstatta Anne Selbu → Frode Selbu')
    expect(bokmaalWords(main)).toEqual([])
    await expectNoAxeViolations(page)

    await page.getByRole('link', { name: 'Sein avmelding Frode Selbu' }).click()
    await expect.poll(() => page.getByRole('heading', { name: 'Sein avmelding av Frode Selbu?' }).count()).toBe(1)
    const confirm = plain(await page.locator('#bekreft-avmelding').innerText())
    expect(confirm).toContain('Nei, behald påmeldinga')
    expect(bokmaalWords(confirm)).toEqual([])
    await expectNoAxeViolations(page)

    const frode = await participantId('Frode Selbu')
    await page.goto(world.url(`/kommune/${selbu}/erstatt/${frode}`))
    expect(await page.getByRole('heading', { level: 1, name: 'Erstatt Frode Selbu' }).count()).toBe(1)
    expect(await page.getByLabel('Namn', { exact: true }).count()).toBe(1)
    expect(await page.title()).toBe('Erstatt ein deltakar – Klimasamling')
    expect(bokmaalWords(await mainText(page))).toEqual([])
    await expectNoAxeViolations(page)

    await page.goto(world.url(`/kommune/${selbu}/deltaker/${frode}`))
    expect(await page.getByRole('heading', { level: 1, name: 'Endre påmeldinga til Frode Selbu' }).count()).toBe(1)
    expect(await mainText(page)).toContain('Påmeldingsfristen er ute: dagar og hotellnetter kan berre endrast av arrangøren.')
    expect(await page.getByRole('button', { name: 'Lagre endringane' }).count()).toBe(1)
    await expectNoAxeViolations(page)

    // Back to bokmål for the account.
    await page.goto(world.url(`/kommune/${selbu}?maalform=nb`))
    expect(await page.locator('html').getAttribute('lang')).toBe('nb')
  })
})
