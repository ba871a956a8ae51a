import { beforeAll, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { describeInChromium, e2eWorld, recipient } from '../helpers/e2e-world'
import { upsertUser } from '~/services/users.server'
import { addParticipant, eventId, makeContactPerson, makeOrganiser, registrationId, TR } from '../helpers/fixtures'
import { mainText, plain, press } from '../helpers/pages'

/**
 * Sessions by wishes, the whole flow in Chromium against the real server and
 * a real SMTP sink, on Trøndelag 2018 after its deadline: three participants
 * of three municipalities rank the sessions of day 2 on their own page (all
 * three want the one seat of the first session before lunch most); the
 * organiser closes the wish round on the demand page (Ønsker), presses
 * "Fordel plasser", reads why two did not get their first choice, moves one
 * person by keyboard and publishes;
 * each participant's mail arrives with their sessions, the contact person in
 * copy, and a calendar file; their page and the contact person's show the
 * sessions. axe on every page.
 */
describeInChromium('sessions by wishes: rank, allocate, move, publish', () => {
  const world = e2eWorld({ now: '2018-10-25T10:00:00Z', smtp: true, keepPagesOpen: true })
  let tr = ''
  let organiserId = ''
  let slot = ''
  let sessions: Array<{ id: string; title: string }> = []
  let afterLunch: Array<{ id: string; title: string }> = []
  const people: Array<{ id: string; name: string; email: string; userId: string; contact: string; contactId: string; registration: string }> = []

  beforeAll(async () => {
    const db = world.db
    tr = await eventId(db, TR)
    organiserId = (await makeOrganiser(db, 'arrangor@example.no', TR)).id
    const day2 = await db.selectFrom('event_day').select('id').where('event_id', '=', tr).where('date', '=', '2018-11-28').executeTakeFirstOrThrow()
    const [firstSlot, secondSlot] = await db.selectFrom('program_slot').select('id').where('event_id', '=', tr).orderBy('starts_at').execute()
    if (!firstSlot || !secondSlot) throw new Error('the seed has two slots on day 2')
    slot = firstSlot.id
    const itemsOf = (slotId: string) =>
      db.selectFrom('program_item').select(['id', 'title']).where('slot_id', '=', slotId).orderBy('sort_order').orderBy('title').orderBy('id').execute()
    sessions = await itemsOf(slot)
    afterLunch = await itemsOf(secondSlot.id)
    const [first, second, third] = sessions
    if (!first || !second || !third) throw new Error('the seed has four sessions before lunch')
    // One seat in the first session, which all three want most.
    await db.updateTable('program_item').set({ capacity: 1 }).where('id', '=', first.id).execute()
    await db.updateTable('event').set({ session_allocation: 'by_wishes' }).where('id', '=', tr).execute()
    let n = 0
    for (const municipality of ['Steinkjer', 'Levanger', 'Verdal']) {
      n += 1
      const reg = await registrationId(db, TR, municipality)
      const contact = `kontakt@${municipality.toLowerCase()}.example.no`
      const contactId = (await makeContactPerson(db, contact, reg)).id
      const name = `Deltaker ${municipality}`
      const email = `deltaker@${municipality.toLowerCase()}.example.no`
      const { id } = await addParticipant(db, reg, email, name)
      const userId = (await upsertUser(db, { email, name })).id
      await db
        .updateTable('participant')
        .set({ user_id: userId, created_at: osloDateTime('2018-10-01', `1${n}:00`) })
        .where('id', '=', id)
        .execute()
      await db.insertInto('participant_day').values({ participant_id: id, event_day_id: day2.id }).execute()
      people.push({ id, name, email, userId, contact, contactId, registration: reg })
    }
  })

  const titleOf = (id: string) => [...sessions, ...afterLunch].find((s) => s.id === id)?.title ?? 'none'
  const organiser = () => world.page({ login: organiserId, at: osloDateTime('2018-10-25', '11:00') })
  let page: Awaited<ReturnType<typeof organiser>>

  it('each participant ranks the sessions of day 2 on their own page, by keyboard; the organiser closes the wish round', async () => {
    for (const [i, person] of people.entries()) {
      const page = await world.page({ login: person.userId, at: osloDateTime('2018-10-25', '11:00') })
      await world.visit(page, `/deltaker/${person.id}`)
      const before = page.getByRole('group', { name: /^Parallelle sesjoner før lunsj/ })
      const after = page.getByRole('group', { name: /^Parallelle sesjoner etter lunsj/ })
      await before.getByLabel('1. valg').selectOption(sessions[0]?.id ?? '')
      await before.getByLabel('2. valg').selectOption((i === 2 ? sessions[2] : sessions[1])?.id ?? '')
      await after.getByLabel('1. valg').selectOption(afterLunch[i]?.id ?? '')
      await press(page.getByRole('button', { name: 'Lagre ønsker' }))
      await page.waitForURL(/lagret=onsker/)
      await world.visit(page, page.url())
      await page.close()
    }
    const wishes = await world.db.selectFrom('session_wish').select(['participant_id', 'program_item_id', 'rank']).execute()
    expect(wishes).toHaveLength(9)
    expect(wishes.filter((w) => w.program_item_id === sessions[0]?.id && w.rank === 1)).toHaveLength(3)
    // The organiser sees the demand and closes the round on "Ønsker", then goes on to "Fordeling".
    page = await organiser()
    await world.visit(page, `/arrangor/${tr}/onsker`)
    await press(page.getByRole('button', { name: 'Avslutt ønskerunden' }))
    await page.waitForURL(/lagret=1/)
    await world.visit(page, page.url())
    expect(await mainText(page)).toContain('Ønskerunden er avsluttet.')
    expect(
      (await world.db.selectFrom('event').select('wish_round_closed_at').where('id', '=', tr).executeTakeFirstOrThrow()).wish_round_closed_at,
    ).not.toBeNull()
  })

  it('allocates: one gets the single seat, the others their second choice, each with the reason', async () => {
    await press(page.getByRole('navigation', { name: 'Arrangementet' }).getByRole('link', { name: 'Fordeling' }))
    await page.waitForURL(world.url(`/arrangor/${tr}/fordeling`))
    await world.visit(page, page.url())
    expect(await mainText(page)).toContain('Plassene er ikke fordelt ennå.')
    await press(page.getByRole('button', { name: 'Fordel plasser' }))
    await page.waitForURL(/ferdig=fordelt/)
    await world.visit(page, page.url())
    const text = await mainText(page)
    expect(text).toContain('Plassene er fordelt.')
    expect(text).toContain('Optimal')
    // Six wishes for a slot: after lunch all three got their first choice, before lunch one of three.
    expect(text).toContain('Fikk 1. valg 66,7 %')
    expect(text).toContain('Fikk 2. valg 33,3 %')
    const seats = await world.db
      .selectFrom('session_allocation')
      .select(['participant_id', 'program_item_id', 'rank'])
      .where('event_id', '=', tr)
      .where('slot_id', '=', slot)
      .execute()
    expect(seats).toHaveLength(3)
    expect(seats.filter((s) => s.rank === 1).map((s) => s.program_item_id)).toEqual([sessions[0]?.id])
    // The two without the seat are told why, in Norwegian.
    expect(text.split(`1. valg («${sessions[0]?.title}») var fullt`)).toHaveLength(3)
  })

  it('moves one participant by keyboard; a move into the full session is refused at the field', async () => {
    const winner = await world.db
      .selectFrom('session_allocation')
      .select('participant_id')
      .where('slot_id', '=', slot)
      .where('rank', '=', 1)
      .executeTakeFirstOrThrow()
    const mover = people.find((p) => p.id !== winner.participant_id)
    if (!mover) throw new Error('everyone got the single seat')
    const label = `Sesjon for ${mover.name}, parallelle sesjoner før lunsj`
    const move = page.getByRole('button', { name: `Flytt ${mover.name}, parallelle sesjoner før lunsj` })
    await page.getByLabel(label).selectOption(sessions[0]?.id ?? '')
    await press(move)
    await expect.poll(() => mainText(page)).toContain(`«${sessions[0]?.title}» er full. Velg en annen sesjon.`)
    expect(await page.getByLabel(label).getAttribute('aria-invalid')).toBe('true')
    world.dismissBrowserErrors((e) => e.includes('status of 409'))
    await world.visit(page, page.url())
    await page.getByLabel(label).selectOption(sessions[3]?.id ?? '')
    await press(move)
    await page.waitForURL(/ferdig=flyttet/)
    await world.visit(page, page.url())
    const row = plain(await page.locator('main tbody tr').filter({ hasText: mover.name }).first().innerText())
    expect(row).toContain(`${sessions[3]?.title} (ikke blant ønskene, flyttet for hånd)`)
    const moved = await world.db
      .selectFrom('session_allocation')
      .select(['program_item_id', 'source'])
      .where('participant_id', '=', mover.id)
      .where('slot_id', '=', slot)
      .executeTakeFirstOrThrow()
    expect(moved).toEqual({ program_item_id: sessions[3]?.id, source: 'manual' })
  })

  it('publishes after confirming; the mails arrive over SMTP with the right session, the contact person in copy and a calendar file', async () => {
    await press(page.getByRole('button', { name: 'Publiser fordelingen' }))
    await expect.poll(() => mainText(page)).toContain('Kryss av for at du vil publisere og sende e-post.')
    world.dismissBrowserErrors((e) => e.includes('status of 400'))
    expect(await page.getByLabel('Ja, publiser fordelingen og send e-post til deltakerne').getAttribute('aria-invalid')).toBe('true')
    expect(await world.db.selectFrom('session_choice').select('participant_id').execute()).toEqual([])
    await world.visit(page, page.url())
    await page.getByLabel('Ja, publiser fordelingen og send e-post til deltakerne').check()
    await press(page.getByRole('button', { name: 'Publiser fordelingen' }))
    await page.waitForURL(/ferdig=publisert/)
    await world.visit(page, page.url())
    expect(await mainText(page)).toContain('Fordelingen er publisert.')

    const seats = await world.db.selectFrom('session_allocation').select(['participant_id', 'program_item_id']).where('event_id', '=', tr).execute()
    const choices = await world.db.selectFrom('session_choice').select(['participant_id', 'program_item_id']).execute()
    expect(choices.sort((a, b) => a.participant_id.localeCompare(b.participant_id))).toEqual(
      seats.sort((a, b) => a.participant_id.localeCompare(b.participant_id)),
    )

    const allocatedMails = () => world.mail.received.filter((m) => m.subject?.endsWith('sesjonene dine'))
    await expect.poll(() => allocatedMails().length, { timeout: 15_000 }).toBe(3)
    const allocated = allocatedMails()
    for (const person of people) {
      const mail = allocated.find((m) => recipient(m) === person.email)
      expect(mail, person.email).toBeTruthy()
      const cc = mail?.cc && !Array.isArray(mail.cc) ? mail.cc.value.map((a) => a.address) : []
      expect(cc).toEqual([person.contact])
      const mine = seats.filter((x) => x.participant_id === person.id).map((x) => titleOf(x.program_item_id))
      expect(mine).toHaveLength(2)
      for (const title of mine) expect(plain(mail?.text ?? '')).toContain(title)
      // No session they did not get, in either slot.
      const others = [...sessions, ...afterLunch].map((s) => s.title).filter((t) => !mine.some((m) => m.includes(t) || t.includes(m)))
      for (const other of others) expect(plain(mail?.text ?? '')).not.toContain(other)
      const ics = mail?.attachments.find((a) => a.filename === 'sesjoner.ics')
      expect(ics?.contentType).toBe('text/calendar')
      const calendar = ics?.content.toString('utf8').replace(/\r\n[ \t]/g, '') ?? ''
      expect(calendar.match(/BEGIN:VEVENT/g)).toHaveLength(2)
      for (const title of mine) expect(calendar).toContain(`SUMMARY:${title.replaceAll(',', '\\,')}`)
    }
  })

  it("the participant's page and the contact person's page show the published sessions", async () => {
    const person = people[0]
    if (!person) throw new Error('no participant')
    const seats = await world.db.selectFrom('session_choice').select('program_item_id').where('participant_id', '=', person.id).execute()
    const titles = seats.map((s) => titleOf(s.program_item_id))
    expect(titles).toHaveLength(2)
    const own = await world.page({ login: person.userId, at: osloDateTime('2018-10-25', '11:00') })
    await world.visit(own, `/deltaker/${person.id}`)
    for (const title of titles) expect(await mainText(own)).toContain(title)
    const contact = await world.page({ login: person.contactId, at: osloDateTime('2018-10-25', '11:00') })
    await world.visit(contact, `/kommune/${person.registration}`)
    const row = plain(await contact.locator('main tbody tr').filter({ hasText: person.name }).first().innerText())
    for (const title of titles) expect(row).toContain(title)
  })
})
