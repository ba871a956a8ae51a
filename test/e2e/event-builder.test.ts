import ICAL from 'ical.js'
import type { Page } from 'playwright-core'
import { beforeAll, beforeEach, expect, it } from 'vitest'
import { formatDateTime } from '~/domain/dates'
import { upsertUser } from '~/services/users.server'
import { expectNoAxeViolations } from '../helpers/browser'
import { describeInChromium, e2eWorld } from '../helpers/e2e-world'
import { mainText, plain } from '../helpers/pages'

describeInChromium('an organiser builds an event in Chromium', () => {
  const world = e2eWorld({ ignoreFailedLoads: true })
  let organiserId = ''
  let page: Page

  beforeAll(async () => {
    // The organiser is made in the database and handed a session; logging in is tested in accounts.test.ts.
    const user = await upsertUser(world.db, { email: 'arrangor@example.no', name: 'Arne Arrangør' })
    await world.db.updateTable('app_user').set({ is_organiser: true }).where('id', '=', user.id).execute()
    organiserId = user.id
  })

  beforeEach(async () => {
    page = await world.page({ login: organiserId })
  })

  const itemForm = () => page.locator('#item-form')
  const slotForm = () => page.locator('#slot-form')
  let eventPath = ''

  it('creates the event from the form, after the form has said what is missing', async () => {
    await page.goto(world.url('/arrangor/nytt'))
    await expectNoAxeViolations(page)
    await page.getByRole('button', { name: 'Lag arrangementet' }).click()
    const summary = page.locator('.ds-error-summary')
    await expect.poll(() => summary.isVisible()).toBe(true)
    expect(plain(await summary.innerText())).toContain('Tittel: Fyll inn tittel.')
    await expectNoAxeViolations(page)

    await page.getByLabel('Tittel').fill('Klimasamling for kommunene i Trøndelag 2027')
    await page.getByLabel('Adressenavn').fill('klimasamling-trondelag-2027')
    await page.getByLabel('Fylke').selectOption('50')
    await page.getByLabel('Startdato').fill('2027-11-23')
    await page.getByLabel('Starttid').fill('10:00')
    await page.getByLabel('Sluttdato').fill('2027-11-24')
    await page.getByLabel('Sluttid').fill('15:00')
    await page.getByLabel('Påmeldingen åpner (dato)').fill('2027-09-01')
    await page.getByLabel('Påmeldingsfrist (dato)').fill('2027-10-20')
    await page.getByLabel('Sted', { exact: true }).fill('Scandic Hell, Stjørdal')
    await page.getByLabel('Hotell', { exact: true }).fill('Scandic Hell')
    await page.getByLabel('Kontaktperson hos arrangøren').fill('Håvard Kleppa')
    await page.getByLabel('Kontaktpersonens e-post').fill('havard@example.no')
    await page.getByLabel('Svaradresse (funksjonell postkasse)').fill('klimasamling@example.no')
    await page.getByLabel('Dekket overnatting per kommune').fill('2')
    await page.getByLabel('Dekkede dagpakker per kommune').fill('1')
    await page.getByLabel('Pris for overnattingspakke (kr, valgfritt)').fill('2 500')
    await page.getByLabel('Pris for dagpakke (kr, valgfritt)').fill('650')
    await page.getByLabel('Prisene er omtrentlige (vises som «ca.»)').check()
    await page.getByRole('button', { name: 'Lag arrangementet' }).click()
    await page.waitForURL(/\/arrangor\/[0-9a-f-]{36}\?lagret=1$/)
    eventPath = new URL(page.url()).pathname
    await expect.poll(() => mainText(page)).toContain('Endringene er lagret.')
    await expectNoAxeViolations(page)
  })

  it('adds two days and a hotel night, refusing a night outside the event', async () => {
    await page.goto(world.url(`${eventPath}/dager`))
    const addDay = async (date: string, label: string, start: string, end: string) => {
      const form = page.locator('#day-form')
      await form.getByLabel('Dato').fill(date)
      await form.getByLabel('Navn på dagen').fill(label)
      await form.getByLabel('Starter').fill(start)
      await form.getByLabel('Slutter').fill(end)
      await form.getByRole('button', { name: 'Legg til dagen' }).click()
      await expect.poll(async () => plain(await page.locator('table').first().innerText())).toContain(label)
    }
    await addDay('2027-11-23', 'Dag 1', '10:00', '21:00')
    await addDay('2027-11-24', 'Dag 2', '09:00', '15:00')
    const nightForm = page.locator('#night-form')
    await nightForm.getByLabel('Natt (kvelden den starter)').fill('2027-11-24')
    await nightForm.getByLabel('Rom i kvoten').fill('60')
    await nightForm.getByRole('button', { name: 'Legg til natten' }).click()
    await expect.poll(() => mainText(page)).toContain('Natten må være mellom natten før første dag og natten før siste dag.')
    await expectNoAxeViolations(page)
    await nightForm.getByLabel('Natt (kvelden den starter)').fill('2027-11-23')
    await nightForm.getByRole('button', { name: 'Legg til natten' }).click()
    await expect.poll(async () => plain(await page.locator('table').last().innerText())).toContain('23.–24. november 2027 60 0')
    expect(plain(await page.locator('table').first().innerText())).toContain('Dag 2')
    await expectNoAxeViolations(page)
  })

  it('builds a program with a parallel slot and a session restricted to leaders', async () => {
    await page.goto(world.url(`${eventPath}/program`))
    await slotForm().getByLabel('Dag').selectOption({ label: 'Dag 2 (24. november 2027)' })
    await slotForm().getByLabel('Starter').fill('09:30')
    await slotForm().getByLabel('Slutter').fill('11:30')
    await slotForm().getByRole('button', { name: 'Legg til sesjonsbolken' }).click()
    await expect.poll(() => mainText(page)).toContain('Parallelle sesjoner 24. november 2027 09.30–11.30')

    // A parallel session without a slot is refused at the field.
    await itemForm().getByLabel('Type').selectOption('parallel')
    await itemForm().getByLabel('Dag', { exact: true }).selectOption({ label: 'Dag 2 (24. november 2027)' })
    await itemForm().getByLabel('Starter').fill('09:30')
    await itemForm().getByLabel('Tittel').fill('Topplederforum')
    await itemForm().getByRole('button', { name: 'Legg til programpunktet' }).click()
    await expect.poll(() => mainText(page)).toContain('En parallellsesjon må høre til en sesjonsbolk.')
    await expectNoAxeViolations(page)

    const addParallel = async (title: string, capacity: string, restricted: boolean) => {
      await itemForm().getByLabel('Type').selectOption('parallel')
      await itemForm().getByLabel('Dag', { exact: true }).selectOption({ label: 'Dag 2 (24. november 2027)' })
      await itemForm().getByLabel('Sesjonsbolk').selectOption({ index: 1 })
      await itemForm().getByLabel('Starter').fill('09:30')
      await itemForm().getByLabel('Slutter (valgfritt)').fill('11:30')
      await itemForm().getByLabel('Tittel').fill(title)
      await itemForm().getByLabel('Antall plasser').fill(capacity)
      if (restricted) {
        await itemForm().getByLabel('Bare for noen roller', { exact: true }).check()
        await itemForm().getByLabel('Ordfører', { exact: true }).check()
        await itemForm().getByLabel('Kommunedirektør/rådmann').check()
      }
      await itemForm().getByRole('button', { name: 'Legg til programpunktet' }).click()
      await expect.poll(() => mainText(page)).toContain(`${title} `)
    }
    await addParallel('Topplederforum', '30', true)
    await page.goto(world.url(`${eventPath}/program`))
    await addParallel('Klimavennlig planlegging', '40', false)
    await page.goto(world.url(`${eventPath}/program`))
    await itemForm().getByLabel('Type').selectOption('digital')
    await itemForm().getByLabel('Dato (digital sesjon)').fill('2027-12-07')
    await itemForm().getByLabel('Starter').fill('12:00')
    await itemForm().getByLabel('Slutter (valgfritt)').fill('13:30')
    await itemForm().getByLabel('Tittel').fill('Grønne anskaffelser')
    await itemForm().getByRole('button', { name: 'Legg til programpunktet' }).click()
    await expect.poll(() => mainText(page)).toContain('Grønne anskaffelser (12.00–13.30)')
    const main = await mainText(page)
    expect(main).toContain('Topplederforum Bare for ordfører og kommunedirektør/rådmann')
    expect(main).toContain('Klimavennlig planlegging')
    expect(main).toContain('Grønne anskaffelser')
    await expectNoAxeViolations(page)
  })

  it('publishes the event, and the public page shows it with the slot side by side', async () => {
    await page.goto(world.url(eventPath))
    await page.getByLabel('Publisert').check()
    await page.getByRole('button', { name: 'Lagre endringene' }).click()
    await page.waitForURL(/\?lagret=1$/)

    const publicPage = await world.page()
    const response = await publicPage.goto(world.url('/arrangementer/klimasamling-trondelag-2027'))
    expect(response?.status()).toBe(200)
    const text = await mainText(publicPage)
    expect(text).toContain('Klimasamling for kommunene i Trøndelag 2027')
    expect(text).toContain('23.–24. november 2027')
    // The deadline stands once on the page (in the facts); the notice says registration opens later and is binding.
    expect(text).toContain('Påmeldingsfrist 20. oktober 2027 kl. 23.59')
    expect(text.split('20. oktober 2027').length - 1).toBe(1)
    expect(text).toContain('Påmeldingen er bindende.')
    expect(text).toContain('inntil 2 personer per kommune')
    expect(text).toContain('ca. 2 500 kr for begge dagene med overnatting og ca. 650 kr')
    const slot = publicPage.locator('ul.program-slot')
    await expect.poll(() => slot.locator('> li').count()).toBe(2)
    const [a, b] = await Promise.all([slot.locator('> li').nth(0).boundingBox(), slot.locator('> li').nth(1).boundingBox()])
    expect(Math.abs((a?.y ?? 0) - (b?.y ?? 1))).toBeLessThan(2)
    expect((b?.x ?? 0) > (a?.x ?? 0)).toBe(true)
    expect(plain(await slot.innerText())).toContain('Bare for ordfører og kommunedirektør/rådmann')
    expect(text).toContain('Grønne anskaffelser')
    await expectNoAxeViolations(publicPage)

    const ics = await publicPage.request.get(world.url('/arrangementer/klimasamling-trondelag-2027/kalender.ics'))
    const events = new ICAL.Component(ICAL.parse(await ics.text())).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v))
    expect(events.map((e) => formatDateTime(e.startDate.toJSDate()))).toEqual(['23. november 2027 kl. 10.00', '24. november 2027 kl. 09.00'])
  })

  it('copies the event a year on as a draft that the public cannot see', async () => {
    await page.goto(world.url(`${eventPath}/kopier`))
    await expectNoAxeViolations(page)
    await page.getByLabel('Tittel på kopien').fill('Klimasamling for kommunene i Trøndelag 2028')
    await page.getByLabel('Adressenavn').fill('klimasamling-trondelag-2028')
    await page.getByLabel('Ny startdato').fill('2028-11-21')
    await page.getByRole('button', { name: 'Lag kopien' }).click()
    await page.waitForURL(/\?kopiert=1$/)
    await expect.poll(async () => plain(await page.getByRole('status').innerText())).toContain('Kopien er laget som utkast.')
    await expect.poll(() => mainText(page)).toContain('21.–22. november 2028. Utkast:')
    const response = await (await world.page()).goto(world.url('/arrangementer/klimasamling-trondelag-2028'))
    expect(response?.status()).toBe(404)
  })
})
