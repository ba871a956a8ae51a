import { beforeAll, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { pickCafeTable } from '~/services/cafe-tables.server'
import { participantCode } from '~/services/participant-codes.server'
import { upsertUser } from '~/services/users.server'
import { describeInChromium, e2eWorld, recipient } from '../helpers/e2e-world'
import { addParticipant, eventId, makeOrganiser, registrationId, TR } from '../helpers/fixtures'
import { mainText, plain, press } from '../helpers/pages'

/**
 * World-café tables in Chromium against the real server, on Trøndelag 2018
 * while it runs: the day-1 survey's answers are in the database; the
 * organiser makes tables from them and opens picking; a participant on a
 * phone-sized page picks a table by keyboard from their personal link;
 * another finds their table filled meanwhile and is refused with the
 * message; "Fordel deltakerne" seats the rest; the printable lists show the
 * names; the participant's own page shows "Ditt bord". axe on every page.
 */
describeInChromium('world-café tables: from the survey, picked on a phone, assigned, printed', () => {
  const world = e2eWorld({ now: '2018-11-27T12:00:00Z', smtp: true, keepPagesOpen: true })
  const phone = { viewport: { width: 375, height: 740 } }
  let tr = ''
  let organiserId = ''
  const people: Array<{ id: string; name: string; municipality: string }> = []
  let kariUser = ''

  beforeAll(async () => {
    const db = world.db
    tr = await eventId(db, TR)
    organiserId = (await makeOrganiser(db, 'arrangor@example.no', TR)).id
    const names = [
      ['Kari Selbu', 'Selbu'],
      ['Per Selbu', 'Selbu'],
      ['Tone Tydal', 'Tydal'],
      ['Ola Tydal', 'Tydal'],
      ['Siri Meråker', 'Meråker'],
      ['Nils Meråker', 'Meråker'],
    ] as const
    for (const [name, municipality] of names) {
      const reg = await registrationId(db, TR, municipality)
      const email = `${name.split(' ')[0]?.toLowerCase()}@${municipality.toLowerCase().replace('å', 'a')}.example.no`
      const { id } = await addParticipant(db, reg, email, name)
      people.push({ id, name, municipality })
    }
    const kari = people[0] as { id: string }
    kariUser = (await upsertUser(db, { email: 'kari@selbu.example.no', name: 'Kari Selbu' })).id
    await db.updateTable('participant').set({ user_id: kariUser }).where('id', '=', kari.id).execute()
    // The day-1 survey: four chose Energi, two Mobilitet.
    const survey = await db
      .insertInto('survey')
      .values({ event_id: tr, title: 'Dag 1', code: 'TEMA2018', opens_at: osloDateTime('2018-11-27', '09:00') })
      .returning('id')
      .executeTakeFirstOrThrow()
    const question = await db
      .insertInto('survey_question')
      .values({ survey_id: survey.id, prompt: 'Hvilket tema skal du jobbe mest med framover?', kind: 'single' })
      .returning('id')
      .executeTakeFirstOrThrow()
    const energi = await db
      .insertInto('survey_option')
      .values({ question_id: question.id, label: 'Energi', sort_order: 0 })
      .returning('id')
      .executeTakeFirstOrThrow()
    const mobilitet = await db
      .insertInto('survey_option')
      .values({ question_id: question.id, label: 'Mobilitet', sort_order: 1 })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db
      .insertInto('survey_answer')
      .values(people.map((p, i) => ({ question_id: question.id, participant_id: p.id, option_ids: [i < 4 ? energi.id : mobilitet.id] })))
      .execute()
  })

  const organiser = () => world.page({ login: organiserId, at: osloDateTime('2018-11-27', '12:00') })
  let page: Awaited<ReturnType<typeof organiser>>

  it('the organiser makes tables from the survey and opens picking', async () => {
    page = await organiser()
    await world.visit(page, `/arrangor/${tr}/bord`)
    expect(await mainText(page)).toContain('Ingen bord ennå.')
    await page.getByLabel('Plasser per bord').fill('2')
    await page.getByLabel('Rom', { exact: true }).first().fill('Sal A')
    await press(page.getByRole('button', { name: 'Lag bord fra undersøkelsen' }))
    await page.waitForURL(/lagret=from-survey/)
    await world.visit(page, page.url())
    const text = await mainText(page)
    expect(text).toContain('Bordene er laget fra undersøkelsen.')
    for (const label of ['Energi – bord 1', 'Energi – bord 2', 'Mobilitet – bord 1']) expect(text).toContain(label)
    await press(page.getByRole('button', { name: 'Åpne valg av bord' }))
    await page.waitForURL(/lagret=open/)
    await world.visit(page, page.url())
    expect(await mainText(page)).toContain('Deltakerne kan nå velge bord.')
  })

  it('a participant picks a table on a phone by keyboard from their personal link', async () => {
    const kari = people[0] as { id: string }
    const code = await participantCode(world.db, kari.id, 'personal-link')
    const phonePage = await world.page(phone)
    await world.visit(phonePage, `/bord/${code}`)
    expect(await mainText(phonePage)).toContain('Du har ikke valgt bord ennå.')
    const radio = phonePage.getByRole('radio', { name: 'Mobilitet – bord 1' })
    await radio.focus()
    await phonePage.keyboard.press('Space')
    await expect.poll(() => radio.isChecked()).toBe(true)
    await press(phonePage.getByRole('button', { name: 'Velg bord' }))
    await phonePage.waitForURL(/valgt=1/)
    await world.visit(phonePage, phonePage.url())
    const text = await mainText(phonePage)
    expect(text).toContain('Bordet er valgt.')
    expect(text).toMatch(/Ditt bord Mobilitet – bord 1 Tema: Mobilitet Rom: Sal A/)
    await phonePage.close()
  })

  it('a table filled meanwhile is refused with the message, and nothing changes', async () => {
    const [, per, tone] = people as Array<{ id: string }>
    const phonePage = await world.page(phone)
    await world.visit(phonePage, `/bord/${await participantCode(world.db, per?.id as string, 'personal-link')}`)
    expect(await mainText(phonePage)).toContain('1 ledig plass')
    // Tone takes the last seat at Mobilitet – bord 1 while Per's page is open.
    const table = await world.db
      .selectFrom('cafe_table')
      .select('id')
      .where('event_id', '=', tr)
      .where('label', '=', 'Mobilitet – bord 1')
      .executeTakeFirstOrThrow()
    await pickCafeTable(world.db, tone?.id as string, table.id, world.now())
    const radio = phonePage.getByRole('radio', { name: 'Mobilitet – bord 1' })
    await radio.focus()
    await phonePage.keyboard.press('Space')
    await press(phonePage.getByRole('button', { name: 'Velg bord' }))
    await expect.poll(() => mainText(phonePage)).toContain('Bordet er fullt. Velg et annet bord.')
    world.dismissBrowserErrors((e) => e.includes('status of 409'))
    await world.visit(phonePage, phonePage.url())
    // The reloaded page shows the table as full and will not let it be chosen.
    expect(await mainText(phonePage)).toContain('Fullt')
    expect(await phonePage.getByRole('radio', { name: 'Mobilitet – bord 1' }).isDisabled()).toBe(true)
    expect(
      await world.db
        .selectFrom('cafe_seat')
        .select('participant_id')
        .where('participant_id', '=', per?.id as string)
        .execute(),
    ).toEqual([])
    const counted = await world.db.selectFrom('cafe_table').select(['seats', 'seats_taken']).where('id', '=', table.id).executeTakeFirstOrThrow()
    expect(counted).toEqual({ seats: 2, seats_taken: 2 })
    await phonePage.close()
  })

  it('picking works without JavaScript too', async () => {
    const per = people[1] as { id: string }
    const phonePage = await world.page({ ...phone, javaScriptEnabled: false })
    // (axe needs JavaScript in the page, so it checked this page in the tests above.)
    const path = `/bord/${await participantCode(world.db, per.id, 'personal-link')}`
    expect((await phonePage.goto(world.url(path)))?.status()).toBe(200)
    await phonePage.getByRole('radio', { name: 'Energi – bord 1' }).check()
    await Promise.all([phonePage.waitForURL(/valgt=1/), phonePage.getByRole('button', { name: 'Velg bord' }).click()])
    expect(await mainText(phonePage)).toMatch(/Ditt bord Energi – bord 1 Tema: Energi/)
    await phonePage.close()
  })

  it('"Fordel deltakerne" seats the rest, and the printable lists show everyone', async () => {
    await world.visit(page, `/arrangor/${tr}/bord`)
    await press(page.getByRole('button', { name: 'Fordel deltakerne' }))
    await page.waitForURL(/plassert=3/)
    await world.visit(page, page.url())
    const text = await mainText(page)
    expect(text).toContain('Deltakerne er fordelt')
    expect(text).toContain('3 fikk plass ved et bord.')
    expect(text).toContain('Alle fikk plass.')
    const seats = await world.db.selectFrom('cafe_seat').select(['participant_id', 'source']).execute()
    expect(seats).toHaveLength(6)
    await press(page.getByRole('link', { name: 'Bordlister for utskrift' }))
    await page.waitForURL(/\/bord\/utskrift$/)
    await world.visit(page, page.url())
    const printed = await mainText(page)
    for (const p of people) expect(printed).toContain(p.name)
    expect(await page.locator('section.cafe-print-table').count()).toBe(3)
    // One table a printed page.
    expect(
      await page
        .locator('section.cafe-print-table')
        .first()
        .evaluate((el) => getComputedStyle(el).breakAfter),
    ).toBe('page')
  })

  it('the organiser moves a person by keyboard, is refused seats below those seated at the field, and mails everyone their table', async () => {
    await world.visit(page, `/arrangor/${tr}/bord`)
    const nils = people[5] as { id: string; name: string }
    const seatOf = async () =>
      await world.db
        .selectFrom('cafe_seat')
        .innerJoin('cafe_table', 'cafe_table.id', 'cafe_seat.cafe_table_id')
        .select(['cafe_table.label', 'cafe_seat.source'])
        .where('participant_id', '=', nils.id)
        .executeTakeFirstOrThrow()
    const before = await seatOf()
    // Away from every table, then back to one with room: by keyboard in the select.
    await page.getByLabel(`Flytt ${nils.name} til`).selectOption({ label: 'Uten bord' })
    await press(page.getByRole('button', { name: `Flytt ${nils.name}` }))
    await page.waitForURL(/lagret=move/)
    await world.visit(page, page.url())
    expect(await mainText(page)).toContain('Deltakeren er flyttet.')
    expect(await world.db.selectFrom('cafe_seat').select('participant_id').where('participant_id', '=', nils.id).execute()).toEqual([])
    expect(before.source).toBe('assigned')
    // Seats below those seated: the message at the field, nothing changed.
    const full = await world.db
      .selectFrom('cafe_table')
      .select(['id', 'label', 'seats_taken'])
      .where('event_id', '=', tr)
      .where('seats_taken', '=', 2)
      .orderBy('label')
      .executeTakeFirstOrThrow()
    await page.getByText(`Endre ${full.label}`).click()
    const seats = page.locator(`#bord-${full.id}-seats`)
    await seats.fill('1')
    await press(page.locator(`#bord-${full.id}`).getByRole('button', { name: 'Lagre bordet' }))
    await expect.poll(() => mainText(page)).toContain('2 har allerede plass ved bordet. Velg minst så mange plasser.')
    expect(await seats.getAttribute('aria-invalid')).toBe('true')
    world.dismissBrowserErrors((e) => e.includes('status of 409'))
    expect((await world.db.selectFrom('cafe_table').select('seats').where('id', '=', full.id).executeTakeFirstOrThrow()).seats).toBe(2)
    // A new run gives back the seats the last one assigned and seats Nils with them (those who picked keep theirs); then everyone is mailed.
    await world.visit(page, `/arrangor/${tr}/bord`)
    await press(page.getByRole('button', { name: 'Fordel deltakerne' }))
    await page.waitForURL(/plassert=3&uten=0/)
    await world.visit(page, page.url())
    await press(page.getByRole('button', { name: 'Send bordene på e-post' }))
    await page.waitForURL(/sendt=6/)
    await world.visit(page, page.url())
    expect(await mainText(page)).toContain('E-post er sendt til 6 deltakere.')
    const cafeMails = () => world.mail.received.filter((m) => m.subject?.endsWith('bord i kafédialogen'))
    await expect.poll(() => cafeMails().length, { timeout: 15_000 }).toBe(6)
    const kari = cafeMails().find((m) => recipient(m) === 'kari@selbu.example.no')
    expect(plain(kari?.text ?? '')).toContain('Mobilitet – bord 1')
    expect(plain(kari?.text ?? '')).toContain('/bord/')
  })

  it("the participant's own page shows their table", async () => {
    const kari = people[0] as { id: string }
    const own = await world.page({ login: kariUser, at: osloDateTime('2018-11-27', '12:00') })
    await world.visit(own, `/deltaker/${kari.id}`)
    const text = await mainText(own)
    expect(text).toContain('Ditt bord på kafébordet')
    expect(text).toContain('Mobilitet – bord 1')
    expect(await own.getByRole('link', { name: 'Bytt bord' }).getAttribute('href')).toMatch(/^\/bord\//)
  })
})
