import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { beforeAll, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { upsertUser } from '~/services/users.server'
import { describeInChromium, e2eWorld, recipient } from '../helpers/e2e-world'
import { addParticipant, eventId, MR, makeContactPerson, makeOrganiser, registrationId } from '../helpers/fixtures'
import { mainText, plain, press } from '../helpers/pages'

/**
 * The day-1 survey in Chromium against the real server and a real SMTP sink
 * (decision 049), on Møre og Romsdal 2021 at noon on day 1: the organiser
 * writes the survey by keyboard («Hvilket tema skal du jobbe mest med
 * framover?», the options filled from the event's topics) and opens it,
 * sending the links; on a phone-sized screen one participant answers from
 * the link in their mail (the contact person in copy), another with the code
 * and their email; the results page shows the counts in the table and the
 * chart and updates without a reload when a third answers; the projector
 * view; after "Steng nå" an answer is refused with the message. axe on every
 * page.
 */
describeInChromium('the day-1 survey: write, open, answer on the phone, live results, projector, close', () => {
  const now = osloDateTime('2021-11-11', '12:00')
  const world = e2eWorld({ now, smtp: true, keepPagesOpen: true })
  const phone = { viewport: { width: 375, height: 740 } }
  const QUESTION = 'Hvilket tema skal du jobbe mest med framover?'
  let mr = ''
  let organiserId = ''
  const people: Array<{ id: string; name: string; email: string; contact: string; userId: string }> = []
  let topics: string[] = []
  let code = ''
  let organiserPage: Awaited<ReturnType<typeof world.page>>
  let firstPhone: Awaited<ReturnType<typeof world.page>>
  let voldaLink = ''

  beforeAll(async () => {
    const db = world.db
    mr = await eventId(db, MR)
    // The seed holds a survey for this event; the organiser writes this one from scratch.
    await db.deleteFrom('survey').where('event_id', '=', mr).execute()
    organiserId = (await makeOrganiser(db, 'arrangor@example.no', MR)).id
    topics = (await db.selectFrom('event_topic').select('label').where('event_id', '=', mr).orderBy('sort_order').orderBy('label').execute()).map(
      (t) => t.label,
    )
    for (const municipality of ['Volda', 'Ørsta', 'Molde']) {
      const reg = await registrationId(db, MR, municipality)
      const slug = municipality.toLowerCase().replace('ø', 'o')
      const contact = `kontakt@${slug}.example.no`
      await makeContactPerson(db, contact, reg)
      const name = `Deltaker ${municipality}`
      const email = `deltaker@${slug}.example.no`
      const { id } = await addParticipant(db, reg, email, name)
      const userId = (await upsertUser(db, { email, name })).id
      await db.updateTable('participant').set({ user_id: userId }).where('id', '=', id).execute()
      people.push({ id, name, email, contact, userId })
    }
  })

  const typeInto = async (label: string, text: string) => {
    const field = organiserPage.getByRole('textbox', { name: label, exact: true })
    await field.focus()
    await organiserPage.keyboard.press('ControlOrMeta+a')
    await organiserPage.keyboard.type(text)
  }

  it('the organiser writes the survey by keyboard, fills the options from the topics and opens it, sending the links', async () => {
    organiserPage = await world.page({ login: organiserId })
    await world.visit(organiserPage, `/arrangor/${mr}/undersokelse`)
    expect(await mainText(organiserPage)).toContain('Lag undersøkelsen')
    await typeInto('Tittel', 'Tema for gruppearbeidet dag 2')
    await press(organiserPage.getByRole('button', { name: 'Lag undersøkelsen' }))
    await organiserPage.waitForURL(/lagret=survey/)
    await world.visit(organiserPage, organiserPage.url())
    code = (await world.db.selectFrom('survey').select('code').where('event_id', '=', mr).executeTakeFirstOrThrow()).code
    expect(code).toMatch(/^[A-Z0-9]{6}$/)
    expect(await mainText(organiserPage)).toContain(`Kode ${code}`)

    // The options from the event's topics: a link that fills the textarea.
    await press(organiserPage.getByRole('link', { name: 'temaene til samlingen' }))
    await organiserPage.waitForURL(/fyll=temaer/)
    await world.visit(organiserPage, organiserPage.url().replace(/#.*$/, ''))
    expect(await organiserPage.getByLabel('Svaralternativer').inputValue()).toBe(topics.join('\n'))
    await typeInto('Spørsmål', QUESTION)
    await organiserPage.getByRole('radio', { name: 'Ett svar', exact: true }).focus()
    await organiserPage.keyboard.press('Space')
    await organiserPage.getByLabel('Deltakerne kan også skrive et fritekstsvar').focus()
    await organiserPage.keyboard.press('Space')
    await press(organiserPage.getByRole('button', { name: 'Legg til spørsmålet' }))
    await organiserPage.waitForURL(/lagret=question/)
    await world.visit(organiserPage, organiserPage.url())
    expect(await mainText(organiserPage)).toContain(QUESTION)

    expect(await organiserPage.getByLabel('Send lenker til deltakerne samtidig').isChecked()).toBe(true)
    await press(organiserPage.getByRole('button', { name: 'Åpne nå' }))
    await organiserPage.waitForURL(/lagret=open/)
    await world.visit(organiserPage, organiserPage.url())
    const text = await mainText(organiserPage)
    expect(text).toContain('Undersøkelsen er åpen.')
    expect(text).toContain('Status Åpen')
    expect(text).toContain('0 av 3 deltakere har svart')
  })

  it('a participant answers on the phone from the link in the mail; the contact person is in copy', async () => {
    const [volda] = people
    if (!volda) throw new Error('no participant')
    const invitation = () => world.mail.received.find((m) => recipient(m) === volda.email && m.subject?.includes('Tema for gruppearbeidet dag 2'))
    await expect.poll(() => Boolean(invitation()), { timeout: 15_000 }).toBe(true)
    expect(world.mail.received.filter((m) => m.subject?.includes('Tema for gruppearbeidet dag 2'))).toHaveLength(3)
    const mail = invitation()
    const cc = mail?.cc && !Array.isArray(mail.cc) ? mail.cc.value.map((a) => a.address) : []
    expect(cc).toEqual([volda.contact])
    const link = plain(mail?.text ?? '').match(/http:\/\/localhost:\d+\/undersokelse\/[A-Za-z0-9_-]{38}/)?.[0]
    expect(link, mail?.text).toBeTruthy()
    expect(plain(mail?.text ?? '')).toContain(code)
    voldaLink = link as string

    firstPhone = await world.page(phone)
    await world.visit(firstPhone, link as string)
    expect(await mainText(firstPhone)).toContain(`Du svarer som ${volda.name}`)
    // Phone-sized first: nothing wider than the screen.
    expect(await firstPhone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    const group = firstPhone.getByRole('group', { name: QUESTION })
    await group.getByRole('radio', { name: topics[1] }).focus()
    await firstPhone.keyboard.press('Space')
    await firstPhone.getByLabel('Vil du si mer? (valgfritt)').focus()
    await firstPhone.keyboard.type('Klimatilpasning i Volda')
    await press(firstPhone.getByRole('button', { name: 'Send svar' }))
    await firstPhone.waitForURL(/lagret=1/)
    await world.visit(firstPhone, firstPhone.url())
    expect(await mainText(firstPhone)).toContain('Takk! Svaret ditt er lagret. Du kan endre det til undersøkelsen stenger.')
    expect(await firstPhone.getByRole('radio', { name: topics[1] }).isChecked()).toBe(true)
    expect(await world.db.selectFrom('survey_answer').select(['participant_id', 'free_text']).execute()).toEqual([
      { participant_id: volda.id, free_text: 'Klimatilpasning i Volda' },
    ])

    // Their own page links to the survey while it is open; logged in, they read Volda's form, nynorsk.
    const own = await world.page({ login: volda.userId })
    await world.visit(own, `/deltaker/${volda.id}`)
    await press(own.getByRole('link', { name: 'Svar på undersøkinga' }))
    await own.waitForURL(/\/undersokelse\/[A-Za-z0-9_-]{38}$/)
    await world.visit(own, own.url())
    expect(await mainText(own)).toContain('Du har svart.')
    await own.close()
  })

  it('the answer page reads in nynorsk on the phone once the reader switches: lang="nn", nynorsk words, axe clean', async () => {
    const [volda] = people
    if (!volda) throw new Error('no participant')
    const page = await world.page(phone)
    // The switch's parameter sets the cookie and comes back to the page without it.
    await world.visit(page, `${voldaLink}?maalform=nn`)
    expect(page.url()).toBe(voldaLink)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('nn')
    const text = await mainText(page)
    expect(text).toContain(`Du svarar som ${volda.name}`)
    expect(text).toContain('Du har svart. Du kan endre svaret til undersøkinga stengjer')
    expect(await page.getByLabel('Vil du seie meir? (valfritt)').inputValue()).toBe('Klimatilpasning i Volda')
    expect(await page.getByRole('button', { name: 'Send endra svar' }).count()).toBe(1)
    expect(text).not.toContain('Du svarer som')
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375)
    await page.close()
  })

  it('another answers with the code and their email; a wrong email is refused at the code', async () => {
    const [, orsta] = people
    if (!orsta) throw new Error('no participant')
    const page = await world.page(phone)
    await world.visit(page, `/undersokelse?kode=${code.toLowerCase()}`)
    expect(await page.getByLabel('Kode').inputValue()).toBe(code)
    await page.getByLabel('E-postadressen du er påmeldt med').focus()
    await page.keyboard.type('feil@orsta.example.no')
    await press(page.getByRole('button', { name: 'Gå til undersøkelsen' }))
    await expect.poll(() => mainText(page)).toContain('Vi fant ingen deltaker med denne koden og e-postadressen.')
    world.dismissBrowserErrors((e) => e.includes('status of 409'))
    expect(await page.getByLabel('Kode').getAttribute('aria-invalid')).toBe('true')
    await world.visit(page, `/undersokelse?kode=${code}`)
    await page.getByLabel('E-postadressen du er påmeldt med').focus()
    await page.keyboard.type(orsta.email.toUpperCase())
    await press(page.getByRole('button', { name: 'Gå til undersøkelsen' }))
    await page.waitForURL(/\/undersokelse\/[A-Za-z0-9_-]{38}$/)
    await world.visit(page, page.url())
    expect(await mainText(page)).toContain(`Du svarer som ${orsta.name}`)
    await page.getByRole('radio', { name: topics[1] }).focus()
    await page.keyboard.press('Space')
    await press(page.getByRole('button', { name: 'Send svar' }))
    await page.waitForURL(/lagret=1/)
    await world.visit(page, page.url())
    expect(await mainText(page)).toContain('Takk! Svaret ditt er lagret.')
  })

  it('the results show the counts in the table and the chart, and update without a reload when another answers', async () => {
    await world.visit(organiserPage, `/arrangor/${mr}/undersokelse/resultater`)
    const chart = organiserPage.getByRole('img', { name: `Stolpediagram: ${QUESTION}. 2 har svart. Tallene står i tabellen.` })
    await expect.poll(() => chart.count()).toBe(1)
    expect(await organiserPage.locator('svg .survey-bar').count()).toBe(topics.length)
    const countOf = async (label: string) => {
      const row = organiserPage.locator('main table tbody tr').filter({ has: organiserPage.getByRole('cell', { name: label, exact: true }) })
      return plain(await row.innerText())
    }
    expect(await countOf(topics[1] as string)).toBe(`${topics[1]} 2 100 %`)
    expect(await countOf(topics[0] as string)).toBe(`${topics[0]} 0 0 %`)
    expect(await organiserPage.locator(`svg .survey-bar[data-label="${topics[1]}"]`).getAttribute('data-count')).toBe('2')
    expect(await mainText(organiserPage)).toContain('Klimatilpasning i Volda')
    expect(await organiserPage.getByRole('status').innerText()).toBe('2 har svart.')

    // A marker on the window survives only if the page is not reloaded.
    await organiserPage.evaluate(() => Object.assign(window, { stillHere: true }))
    const [, , molde] = people
    if (!molde) throw new Error('no participant')
    const page = await world.page(phone)
    await world.visit(page, `/undersokelse?kode=${code}`)
    await page.getByLabel('E-postadressen du er påmeldt med').fill(molde.email)
    await press(page.getByRole('button', { name: 'Gå til undersøkelsen' }))
    await page.waitForURL(/\/undersokelse\/[A-Za-z0-9_-]{38}$/)
    await page.getByRole('radio', { name: topics[3] }).check()
    await press(page.getByRole('button', { name: 'Send svar' }))
    await page.waitForURL(/lagret=1/)

    await expect.poll(() => organiserPage.getByRole('status').innerText(), { timeout: 15_000 }).toBe('3 har svart.')
    expect(await countOf(topics[3] as string)).toBe(`${topics[3]} 1 33 %`)
    expect(await countOf(topics[1] as string)).toBe(`${topics[1]} 2 67 %`)
    expect(await organiserPage.locator(`svg .survey-bar[data-label="${topics[3]}"]`).getAttribute('data-count')).toBe('1')
    expect(await organiserPage.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true)
  })

  it('the projector view: large chart, the address, the code and a QR code, and a Fullskjerm button', async () => {
    const page = await world.page({ login: organiserId, viewport: { width: 1920, height: 1080 } })
    await world.visit(page, `/arrangor/${mr}/undersokelse/visning`)
    const text = await mainText(page)
    expect(text).toContain(`gå til localhost:${new URL(world.appUrl).port}/undersokelse og skriv koden ${code}`)
    expect(text).toContain('3 har svart.')
    expect(await page.locator('.site-header').isVisible()).toBe(false)
    expect(
      await page
        .getByRole('img', { name: `QR-kode til svarsiden med koden ${code}` })
        .locator('svg')
        .count(),
    ).toBe(1)
    // A phone camera reads the answer page's address with the code in it.
    const shot = PNG.sync.read(await page.locator('.survey-qr').screenshot())
    expect(jsQR(new Uint8ClampedArray(shot.data), shot.width, shot.height)?.data).toBe(`${world.appUrl}/undersokelse?kode=${code}`)
    expect(await page.locator('svg .survey-bar').count()).toBe(topics.length)
    // The table is there for a screen reader, folded.
    await page.getByText('Vis tallene som tabell').click()
    expect(plain(await page.locator('main table').innerText())).toContain(`${topics[1]} 2 67 %`)
    await press(page.getByRole('button', { name: 'Fullskjerm' }))
    await expect.poll(() => page.evaluate(() => document.fullscreenElement?.id ?? null)).toBe('storskjerm')
  })

  it('works without JavaScript: the code page leads to the answer form, and a changed answer is saved', async () => {
    const [, , molde] = people
    if (!molde) throw new Error('no participant')
    const page = await world.page({ ...phone, javaScriptEnabled: false })
    await page.goto(world.url(`/undersokelse?kode=${code}`))
    await page.getByLabel('E-postadressen du er påmeldt med').fill(molde.email)
    await page.getByRole('button', { name: 'Gå til undersøkelsen' }).click()
    await page.waitForURL(/\/undersokelse\/[A-Za-z0-9_-]{38}$/)
    expect(await mainText(page)).toContain('Du har svart.')
    expect(await page.getByRole('radio', { name: topics[3] }).isChecked()).toBe(true)
    await page.getByRole('radio', { name: topics[4] }).check()
    await page.getByRole('button', { name: 'Send endret svar' }).click()
    await page.waitForURL(/lagret=1/)
    expect(await mainText(page)).toContain('Takk! Svaret ditt er lagret.')
    const saved = await world.db.selectFrom('survey_answer').select('option_ids').where('participant_id', '=', molde.id).executeTakeFirstOrThrow()
    const option = await world.db
      .selectFrom('survey_option')
      .select('label')
      .where('id', '=', saved.option_ids[0] ?? '')
      .executeTakeFirstOrThrow()
    expect(option.label).toBe(topics[4])
  })

  it('after "Steng nå" an answer is refused with the message and nothing changes', async () => {
    await world.visit(firstPhone, firstPhone.url())
    await world.visit(organiserPage, `/arrangor/${mr}/undersokelse`)
    await press(organiserPage.getByRole('button', { name: 'Steng nå' }))
    await organiserPage.waitForURL(/lagret=close/)
    await world.visit(organiserPage, organiserPage.url())
    expect(await mainText(organiserPage)).toContain('Status Stengt')
    const before = await world.db.selectFrom('survey_answer').select(['participant_id', 'option_ids', 'free_text']).orderBy('participant_id').execute()

    // The phone still shows the form it loaded before the survey closed.
    await firstPhone.getByRole('radio', { name: topics[2] }).focus()
    await firstPhone.keyboard.press('Space')
    await press(firstPhone.getByRole('button', { name: 'Send endret svar' }))
    await expect.poll(() => mainText(firstPhone)).toContain('Undersøkelsen er stengt. Svarene kan ikke endres lenger.')
    world.dismissBrowserErrors((e) => e.includes('status of 409'))
    expect(await world.db.selectFrom('survey_answer').select(['participant_id', 'option_ids', 'free_text']).orderBy('participant_id').execute()).toEqual(before)
    await world.visit(firstPhone, firstPhone.url().replace(/\?.*$/, ''))
    const text = await mainText(firstPhone)
    expect(text).toContain('Undersøkelsen er stengt.')
    expect(text).toContain(`Svaret ditt ${QUESTION} ${topics[1]} («Klimatilpasning i Volda»)`)
    expect(await firstPhone.getByRole('button', { name: /Send/ }).count()).toBe(0)
  })
})
