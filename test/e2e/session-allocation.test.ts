import { beforeAll, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { describeInChromium, e2eWorld, recipient } from '../helpers/e2e-world'
import { addParticipant, eventId, makeContactPerson, makeOrganiser, registrationId, TR } from '../helpers/fixtures'
import { mainText, plain, press } from '../helpers/pages'

/**
 * Sessions by wishes, the whole flow in Chromium against the real server and
 * a real SMTP sink, on Trøndelag 2018 after its deadline: three participants
 * of three municipalities have ranked the sessions of the slot before lunch,
 * the wish round is closed; the organiser presses "Fordel plasser", reads why
 * one did not get their first choice, moves one person by keyboard and
 * publishes; each participant's mail arrives with their session, the contact
 * person in copy, and a calendar file. axe on every page.
 */
describeInChromium('sessions by wishes: allocate, move, publish', () => {
  const world = e2eWorld({ now: '2018-10-25T10:00:00Z', smtp: true, keepPagesOpen: true })
  let tr = ''
  let organiserId = ''
  let slot = ''
  let sessions: Array<{ id: string; title: string }> = []
  const people: Array<{ id: string; name: string; email: string; contact: string; contactId: string; registration: string }> = []

  beforeAll(async () => {
    const db = world.db
    tr = await eventId(db, TR)
    organiserId = (await makeOrganiser(db, 'arrangor@example.no', TR)).id
    const day2 = await db.selectFrom('event_day').select('id').where('event_id', '=', tr).where('date', '=', '2018-11-28').executeTakeFirstOrThrow()
    const firstSlot = await db.selectFrom('program_slot').select('id').where('event_id', '=', tr).orderBy('starts_at').executeTakeFirstOrThrow()
    slot = firstSlot.id
    sessions = await db
      .selectFrom('program_item')
      .select(['id', 'title'])
      .where('slot_id', '=', slot)
      .orderBy('sort_order')
      .orderBy('title')
      .orderBy('id')
      .execute()
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
      await db
        .updateTable('participant')
        .set({ created_at: osloDateTime('2018-10-01', `1${n}:00`), wishes_changed_at: osloDateTime('2018-10-01', `1${n}:00`) })
        .where('id', '=', id)
        .execute()
      await db.insertInto('participant_day').values({ participant_id: id, event_day_id: day2.id }).execute()
      // Set through the database: the wishes are ranked on the participant's form, which another suite drives.
      await db
        .insertInto('session_wish')
        .values([
          { participant_id: id, slot_id: slot, program_item_id: first.id, rank: 1 },
          { participant_id: id, slot_id: slot, program_item_id: (n === 3 ? third : second).id, rank: 2 },
        ])
        .execute()
      people.push({ id, name, email, contact, contactId, registration: reg })
    }
    await db
      .updateTable('event')
      .set({ wish_round_closed_at: osloDateTime('2018-10-21', '09:00') })
      .where('id', '=', tr)
      .execute()
  })

  const organiser = () => world.page({ login: organiserId, at: osloDateTime('2018-10-25', '11:00') })
  let page: Awaited<ReturnType<typeof organiser>>

  it('allocates: one gets the single seat, the others their second choice, each with the reason', async () => {
    page = await organiser()
    await world.visit(page, `/arrangor/${tr}/fordeling`)
    expect(await mainText(page)).toContain('Plassene er ikke fordelt ennå.')
    await press(page.getByRole('button', { name: 'Fordel plasser' }))
    await page.waitForURL(/ferdig=fordelt/)
    await world.visit(page, page.url())
    const text = await mainText(page)
    expect(text).toContain('Plassene er fordelt.')
    expect(text).toContain('Optimal')
    expect(text).toContain('Fikk 1. valg 33,3 %')
    expect(text).toContain('Fikk 2. valg 66,7 %')
    const seats = await world.db.selectFrom('session_allocation').select(['participant_id', 'program_item_id', 'rank']).where('event_id', '=', tr).execute()
    expect(seats).toHaveLength(3)
    const winner = seats.find((s) => s.rank === 1)
    expect(winner?.program_item_id).toBe(sessions[0]?.id)
    // The two without the seat are told why, in Norwegian.
    expect(text.split(`1. valg («${sessions[0]?.title}») var fullt`)).toHaveLength(3)
  })

  it('moves one participant by keyboard; a move into the full session is refused at the field', async () => {
    const winner = await world.db.selectFrom('session_allocation').select('participant_id').where('rank', '=', 1).executeTakeFirstOrThrow()
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

    const mails = await world.mail.waitFor(3, 15_000)
    const allocated = mails.filter((m) => m.subject?.endsWith('sesjonene dine'))
    expect(allocated).toHaveLength(3)
    for (const person of people) {
      const mail = allocated.find((m) => recipient(m) === person.email)
      expect(mail, person.email).toBeTruthy()
      const cc = mail?.cc && !Array.isArray(mail.cc) ? mail.cc.value.map((a) => a.address) : []
      expect(cc).toEqual([person.contact])
      const title = sessions.find((s) => s.id === seats.find((x) => x.participant_id === person.id)?.program_item_id)?.title ?? 'none'
      expect(plain(mail?.text ?? '')).toContain(title)
      const others = sessions.filter((s) => s.title !== title && !title.includes(s.title) && !s.title.includes(title))
      for (const other of others) expect(plain(mail?.text ?? '')).not.toContain(other.title)
      const ics = mail?.attachments.find((a) => a.filename === 'sesjoner.ics')
      expect(ics?.contentType).toBe('text/calendar')
      const calendar = ics?.content.toString('utf8').replace(/\r\n[ \t]/g, '') ?? ''
      expect(calendar.match(/BEGIN:VEVENT/g)).toHaveLength(1)
      expect(calendar).toContain(`SUMMARY:${title.replaceAll(',', '\\,')}`)
    }
  })

  it("the contact person's page shows each participant's published session", async () => {
    const person = people[0]
    if (!person) throw new Error('no participant')
    const seat = await world.db.selectFrom('session_choice').select('program_item_id').where('participant_id', '=', person.id).executeTakeFirstOrThrow()
    const title = sessions.find((s) => s.id === seat.program_item_id)?.title ?? 'none'
    const contact = await world.page({ login: person.contactId, at: osloDateTime('2018-10-25', '11:00') })
    await world.visit(contact, `/kommune/${person.registration}`)
    const row = plain(await contact.locator('main tbody tr').filter({ hasText: person.name }).first().innerText())
    expect(row).toContain(title)
  })
})
