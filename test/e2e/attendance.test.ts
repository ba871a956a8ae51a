import type { ParsedMail } from 'mailparser'
import type { Page } from 'playwright-core'
import { beforeAll, expect, it } from 'vitest'
import { expectNoAxeViolations } from '../helpers/browser'
import { describeInChromium, e2eWorld, recipient } from '../helpers/e2e-world'
import { addParticipant, eventDayIds, eventId, MR, makeOrganiser, registrationId } from '../helpers/fixtures'
import { heading, mainText, plain, press } from '../helpers/pages'

const DESK = { name: 'Dag Desk', email: 'dag@desk.example.no' }

/**
 * Attendance in Chromium against the real server with real SMTP, the clock
 * at 11 November 2021 22.30, after day 1 of Møre og Romsdal 2021: the
 * organiser adds a desk helper (vert i registreringen) on the team page, who
 * gets the email, sees only Innsjekking and a 404 on Oppmøte; the
 * organiser's Oppmøte page lists day 1's no-show per municipality, the
 * waiver on Dekning leads back to it, and webinar attendance is ticked and
 * saved by keyboard. axe runs on every page visited.
 */
describeInChromium('attendance and desk helpers in Chromium', () => {
  const world = e2eWorld({ smtp: true, ignoreFailedLoads: true, now: '2021-11-11T21:30:00Z' })
  const ids = { mr: '', organiser: '', vera: '', otto: '', webinar: '' }

  beforeAll(async () => {
    ids.mr = await eventId(world.db, MR)
    ids.organiser = (await makeOrganiser(world.db, 'arrangor@example.no', MR)).id
    await world.db.updateTable('app_user').set({ name: 'Arne Arrangør' }).where('id', '=', ids.organiser).execute()
    await world.db.updateTable('event').set({ price_day_package_ore: 65_000, extras_pricing: 'listed' }).where('id', '=', ids.mr).execute()
    const [day1] = await eventDayIds(world.db, ids.mr)
    const volda = await registrationId(world.db, MR, 'Volda')
    ids.vera = (await addParticipant(world.db, volda, 'vera@volda.example.no', 'Vera Volda')).id
    ids.otto = (await addParticipant(world.db, volda, 'otto@volda.example.no', 'Otto Volda')).id
    await world.db
      .insertInto('participant_day')
      .values([ids.vera, ids.otto].map((id) => ({ participant_id: id, event_day_id: String(day1) })))
      .execute()
    // Otto was checked in at the desk; Vera never came.
    await world.db
      .insertInto('check_in')
      .values({ participant_id: ids.otto, event_day_id: String(day1), arrived: true, changed_at: new Date('2021-11-11T10:00:00Z') })
      .execute()
    ids.webinar = (
      await world.db
        .selectFrom('program_item')
        .select('id')
        .where('event_id', '=', ids.mr)
        .where('kind', '=', 'digital')
        .orderBy('starts_at')
        .executeTakeFirstOrThrow()
    ).id
  })

  const mailTo = async (address: string): Promise<ParsedMail> => {
    await expect.poll(() => world.mail.received.filter((m) => recipient(m) === address).length, { timeout: 10_000 }).toBeGreaterThanOrEqual(1)
    return world.mail.received.find((m) => recipient(m) === address) as ParsedMail
  }
  const navLinks = async (page: Page) => (await page.getByRole('navigation', { name: 'Arrangementet' }).getByRole('link').allInnerTexts()).map(plain)

  it('the organiser adds a desk helper on the team page, who gets the email', async () => {
    const page = await world.page({ login: ids.organiser })
    await world.visit(page, `/arrangor/${ids.mr}/team`)
    expect(await mainText(page)).toContain(
      'Vert i registreringen Sjekker inn deltakere på samlingsdagene. Ser navn, kommune og oppmøte – ikke kosthold eller andre opplysninger.',
    )
    await page.getByLabel('Navn', { exact: true }).fill(DESK.name)
    await page.getByLabel('E-post', { exact: true }).fill(DESK.email)
    await page.getByLabel('Vert i registreringen', { exact: true }).focus()
    await page.keyboard.press('Space')
    expect(await page.getByLabel('Vert i registreringen', { exact: true }).isChecked()).toBe(true)
    await press(page.getByRole('button', { name: 'Legg til og send e-post' }))
    await page.waitForURL(/\/team\?lagttil=/)
    await expect.poll(() => page.getByRole('status').innerText()).toBe(`${DESK.name} er lagt til med rollen vert i registreringen og har fått e-post om det.`)
    expect((await page.locator('main table tbody tr').allInnerTexts()).map(plain)).toContain(
      `${DESK.name} ${DESK.email} Vert i registreringen Fjern ${DESK.name}`,
    )
    await expectNoAxeViolations(page)

    const mail = await mailTo(DESK.email)
    expect(mail.subject).toBe('Klimasamling for kommunene i Møre og Romsdal: du er lagt til i arrangørteamet')
    expect(plain(mail.text ?? '')).toContain(
      'Som vert i registreringen sjekker du inn deltakerne på samlingsdagene: du ser navn, kommune og oppmøte, ikke annet.',
    )
  })

  it('the desk helper sees only Innsjekking, and Oppmøte is a 404', async () => {
    const desk = await world.db.selectFrom('app_user').select('id').where('email', '=', DESK.email).executeTakeFirstOrThrow()
    const page = await world.page({ login: desk.id })
    await world.visit(page, '/min-side')
    const region = page.getByRole('region', { name: 'Samlinger der du er vert i registreringen' })
    await press(region.getByRole('link', { name: /^Innsjekking: / }))
    await page.waitForURL(world.url(`/arrangor/${ids.mr}/innsjekking`))
    await expectNoAxeViolations(page)
    expect(await navLinks(page)).toEqual(['Alle arrangementer', 'Innsjekking'])
    for (const path of ['/oppmote', '/dekning', '/team', '/oversikt', '/navneskilt']) await world.visit(page, `/arrangor/${ids.mr}${path}`, 404)
  })

  it("the organiser's Oppmøte shows day 1's no-show per municipality, and the waiver on Dekning leads back", async () => {
    const page = await world.page({ login: ids.organiser })
    await world.visit(page, `/arrangor/${ids.mr}/oppmote`)
    expect(await heading(page)).toBe('Oppmøte')
    const day1 = page.getByRole('region', { name: 'Dag 1' })
    expect(plain(await day1.locator('p').first().innerText())).toBe('Møtt: 1 av 2 (50 %). Ikke møtt: 1.')
    expect((await day1.getByRole('table', { name: 'Oppmøte per kommune, dag 1' }).locator('tbody tr').allInnerTexts()).map(plain)).toEqual(['Volda 1 2 1'])
    const volda = day1.getByRole('table', { name: 'Volda: 1 ikke møtt' })
    expect((await volda.locator('tbody tr').allInnerTexts()).map(plain)).toEqual(['Vera Volda Egenbetalt 650 kr Frafall betaling for Vera Volda'])
    // Day 2 has not ended: nobody is a no-show there yet.
    expect(await mainText(page)).toContain('Dagen er ikke over ennå')
    // The attendance list downloads from here.
    const download = await page.request.get(world.url(String(await page.getByRole('link', { name: 'Last ned CSV – oppmøteliste' }).getAttribute('href'))))
    expect(download.status()).toBe(200)
    expect(plain(await download.text())).toContain('Vera Volda;Volda;Dag 1;;Dag 1;')

    await press(volda.getByRole('link', { name: 'Frafall betaling for Vera Volda' }))
    await page.waitForURL(world.url(`/arrangor/${ids.mr}/dekning?fra=oppmote#frafall-${ids.vera}`))
    await expect.poll(() => heading(page)).toBe('Dekning og bekreftelse')
    await expectNoAxeViolations(page)
    const reason = page.getByLabel('Begrunnelse for frafall for Vera Volda')
    await reason.fill('Syk, legeerklæring mottatt')
    await reason.press('Enter')
    await page.waitForURL(world.url(`/arrangor/${ids.mr}/oppmote?deltaker=${ids.vera}&frafalt=1`))
    await expect.poll(() => page.getByRole('status').first().innerText()).toBe('Betalingen for Vera Volda er frafalt.')
    expect(plain(await page.getByRole('region', { name: 'Dag 1' }).locator('p').first().innerText())).toBe(
      'Møtt: 1 av 2 (50 %). Ikke møtt: 1. Frafalt betaling for 1 av dem.',
    )
    expect((await page.getByRole('table', { name: 'Volda: 1 ikke møtt' }).locator('tbody tr').allInnerTexts()).map(plain)).toEqual([
      'Vera Volda Egenbetalt Ingenting (frafalt 650 kr: Syk, legeerklæring mottatt) Se frafallet for Vera Volda',
    ])
    await expectNoAxeViolations(page)
  })

  it('webinar attendance is ticked and saved by keyboard', async () => {
    const page = await world.page({ login: ids.organiser })
    await world.visit(page, `/arrangor/${ids.mr}/oppmote`)
    const webinars = page.getByRole('region', { name: 'Webinarer' })
    expect(await webinars.getByText('Deltok: 0 av 2.').count()).toBe(1)
    await webinars.getByLabel('Otto Volda', { exact: true }).focus()
    await page.keyboard.press('Space')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Space')
    expect(await webinars.getByLabel('Vera Volda', { exact: true }).isChecked()).toBe(true)
    await press(webinars.getByRole('button', { name: 'Lagre hvem som deltok' }))
    await page.waitForURL(/lagret=2/)
    await expect.poll(() => webinars.getByRole('status').innerText()).toMatch(/^Lagret: 2 deltok på «.+»\.$/)
    expect(await webinars.getByText('Deltok: 2 av 2.').count()).toBe(1)
    await expectNoAxeViolations(page)
    const rows = await world.db.selectFrom('webinar_attendance').select('participant_id').where('program_item_id', '=', ids.webinar).execute()
    expect(rows.map((r) => r.participant_id).sort()).toEqual([ids.vera, ids.otto].sort())

    // Untick one and save again: the set is replaced.
    await webinars.getByLabel('Vera Volda', { exact: true }).focus()
    await page.keyboard.press('Space')
    await press(webinars.getByRole('button', { name: 'Lagre hvem som deltok' }))
    await page.waitForURL(/lagret=1/)
    await expect.poll(() => webinars.getByText('Deltok: 1 av 2.').count()).toBe(1)
    expect(await world.db.selectFrom('webinar_attendance').select('participant_id').where('program_item_id', '=', ids.webinar).execute()).toEqual([
      { participant_id: ids.otto },
    ])
  })

  it('webinar attendance is saved without JavaScript too', async () => {
    const page = await world.page({ javaScriptEnabled: false, login: ids.organiser })
    // (axe needs JavaScript in the page, so it checks this page in the test above.)
    expect((await page.goto(world.url(`/arrangor/${ids.mr}/oppmote?webinar=${ids.webinar}`)))?.status()).toBe(200)
    const webinars = page.getByRole('region', { name: 'Webinarer' })
    await webinars.getByLabel('Vera Volda', { exact: true }).check()
    await Promise.all([page.waitForURL(/lagret=2/), webinars.getByRole('button', { name: 'Lagre hvem som deltok' }).click()])
    expect(await webinars.getByText('Deltok: 2 av 2.').count()).toBe(1)
    const rows = await world.db.selectFrom('webinar_attendance').select('participant_id').where('program_item_id', '=', ids.webinar).execute()
    expect(rows.map((r) => r.participant_id).sort()).toEqual([ids.vera, ids.otto].sort())
  })
})
