import { readFile } from 'node:fs/promises'
import { beforeAll, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { upsertUser } from '~/services/users.server'
import { describeInChromium, e2eWorld, recipient } from '../helpers/e2e-world'
import { addParticipant, eventId, makeContactPerson, makeOrganiser, registrationId, TR } from '../helpers/fixtures'
import { mainText, press } from '../helpers/pages'

/**
 * "Mine data" in Chromium against the real server (decision 053), on
 * Trøndelag 2018 before the event: a contact person who is also a
 * participant opens Mine data from Min side, downloads the JSON file and
 * asks the organisers to delete her allergies; the organisers get a mail,
 * the organiser finds the request on Personopplysninger and marks it done, and she sees the answer.
 * By keyboard, axe on every page.
 */
describeInChromium('Mine data: see, download, ask to delete; the organiser answers', () => {
  const world = e2eWorld({ now: '2018-10-25T10:00:00Z', smtp: true, keepPagesOpen: true })
  const at = osloDateTime('2018-10-25', '11:00')
  let tr = ''
  let kari = ''
  let organiserId = ''

  beforeAll(async () => {
    const db = world.db
    tr = await eventId(db, TR)
    organiserId = (await makeOrganiser(db, 'arrangor@example.no', TR)).id
    const selbu = await registrationId(db, TR, 'Selbu')
    kari = (await makeContactPerson(db, 'kari@selbu.example.no', selbu, { name: 'Kari Kontakt' })).id
    const { id } = await addParticipant(db, selbu, 'kari@selbu.example.no', 'Kari Kontakt')
    await db.updateTable('participant').set({ user_id: kari, diet: 'Vegetar', allergies: 'Nøtter' }).where('id', '=', id).execute()
    const per = await addParticipant(db, selbu, 'per@selbu.example.no', 'Per Annenperson')
    await db.updateTable('participant').set({ diet: 'Glutenfri-PER' }).where('id', '=', per.id).execute()
    await upsertUser(db, { email: 'per@selbu.example.no', name: 'Per Annenperson' })
  })

  it('she opens Mine data from Min side, downloads the JSON and asks to delete her allergies', async () => {
    const page = await world.page({ login: kari, at })
    await world.visit(page, '/min-side')
    await press(page.getByRole('link', { name: /^Mine data/ }))
    await page.waitForURL(/\/min-side\/mine-data$/)
    await world.visit(page, '/min-side/mine-data')
    const text = await mainText(page)
    expect(text).toContain('Nøtter')
    expect(text).toContain('Kontaktperson for Selbu')
    expect(text).not.toContain('Glutenfri-PER')
    // Stored codes are shown by their labels.
    const fact = (term: string) => page.locator(`main dt:text-is("${term}") + dd`).innerText()
    expect(await fact('Status')).toBe('Påmeldt')
    expect(await fact('Rolle')).toBe('Rådgiver/saksbehandler')
    for (const code of ['active', 'radgiver']) expect(text).not.toContain(code)

    const download = page.waitForEvent('download')
    await press(page.getByRole('link', { name: 'Last ned som JSON' }))
    const file = await download
    expect(file.suggestedFilename()).toBe('mine-data.json')
    const json = JSON.parse(await readFile((await file.path()) ?? '', 'utf8')) as { account: { email: string }; participations: Array<{ allergies: string }> }
    expect(json.account.email).toBe('kari@selbu.example.no')
    expect(json.participations.map((p) => p.allergies)).toEqual(['Nøtter'])
    expect(JSON.stringify(json)).not.toContain('Per Annenperson')

    // An empty message is refused at the field.
    await page.getByLabel('Samling').selectOption(tr)
    await page.getByLabel('Slette opplysninger').check()
    await press(page.getByRole('button', { name: 'Send til arrangøren' }))
    await expect.poll(() => mainText(page)).toContain('Skriv hva som skal rettes eller slettes.')
    world.dismissBrowserErrors((e) => e.includes('status of 400'))
    await page.getByLabel('Slette opplysninger').check()
    await page.getByLabel('Hva gjelder det?').fill('Slett allergiene mine, de stemmer ikke.')
    await press(page.getByRole('button', { name: 'Send til arrangøren' }))
    await page.waitForURL(/sendt=1/)
    await world.visit(page, '/min-side/mine-data?sendt=1')
    const after = await mainText(page)
    expect(after).toContain('Forespørselen er sendt til arrangøren.')
    expect(after).toContain('Sletting: Slett allergiene mine, de stemmer ikke.')
    expect(after).toContain('Ikke behandlet ennå')
    expect(after).toContain('Forespørsel om retting eller sletting sendt')
    expect(after).not.toContain('data_request.created')

    // The organisers are told by mail at the event's contact address, with a link to their page.
    const contact = (await world.db.selectFrom('event').select('organiser_contact_email').where('id', '=', tr).executeTakeFirstOrThrow())
      .organiser_contact_email
    await expect
      .poll(() => world.mail.received.filter((m) => recipient(m) === contact && m.subject?.includes('forespørsel om å slette personopplysninger')).length, {
        timeout: 15_000,
      })
      .toBe(1)
    const mail = world.mail.received.find((m) => recipient(m) === contact)
    expect(mail?.text).toContain('Kari Kontakt ber arrangøren')
    expect(mail?.text).toContain(`/arrangor/${tr}/personopplysninger`)
  })

  it('the organiser finds it on Personopplysninger and marks it done; she sees the answer', async () => {
    const page = await world.page({ login: organiserId, at })
    await world.visit(page, `/arrangor/${tr}/personopplysninger`)
    const form = page.getByRole('form', { name: 'Behandle forespørselen fra Kari Kontakt (kari@selbu.example.no), Selbu' })
    expect(await mainText(page)).toContain('Sletting: Slett allergiene mine, de stemmer ikke.')
    await form.getByLabel('Utført').check()
    await form.getByLabel('Merknad').fill('Allergiene er slettet.')
    await press(form.getByRole('button', { name: 'Lagre svar' }))
    await page.waitForURL(/lagret=1/)
    await world.visit(page, `/arrangor/${tr}/personopplysninger?lagret=1`)
    const text = await mainText(page)
    expect(text).toContain('Svaret er lagret.')
    expect(text).toMatch(/Utført .* av Arrangør arrangor@example.no: Allergiene er slettet\./)

    const mine = await world.page({ login: kari, at })
    await world.visit(mine, '/min-side/mine-data')
    expect(await mainText(mine)).toContain('Allergiene er slettet.')

    // In nynorsk: the same codes by their nynorsk labels.
    await world.visit(mine, '/min-side/mine-data?maalform=nn')
    expect(await mine.locator('html').getAttribute('lang')).toBe('nn')
    const fact = (term: string) => mine.locator(`main dt:text-is("${term}") + dd`).innerText()
    expect(await fact('Status')).toBe('Påmeld')
    expect(await fact('Rolle')).toBe('Rådgivar/sakshandsamar')
    const nynorsk = await mainText(mine)
    expect(nynorsk).toContain('Førespurnad om retting eller sletting sendt')
    for (const code of ['active', 'radgiver', 'data_request.created']) expect(nynorsk).not.toContain(code)
  })
})
