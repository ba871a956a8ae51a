import { beforeAll, expect, it } from 'vitest'
import { enrolParticipant } from '~/services/enrolment.server'
import { cancelParticipant } from '~/services/participant-changes.server'
import { upsertUser } from '~/services/users.server'
import { expectNoAxeViolations } from '../helpers/browser'
import { describeInChromium, e2eWorld, recipient } from '../helpers/e2e-world'
import { enrolInput, makeContactPerson, registrationId, TR } from '../helpers/fixtures'
import { heading, mainText, plain, press } from '../helpers/pages'

const BEFORE_DEADLINE = '2018-10-01T10:00:00.000Z'
const CONTACT = { name: 'Kari Kontakt', email: 'kontakt@selbu.example.no' }

/**
 * A hotel night's waiting list in Chromium against the real server
 * (Trøndelag 2018, its one night made full): Selbu's contact person puts a
 * participant on the list from the participant's page and sees the
 * position; another participant cancels; the offer arrives by SMTP with its
 * link; the contact person follows it, accepts, and the participant has the
 * night. axe runs on every page visited.
 */
describeInChromium('waiting lists in Chromium', () => {
  const world = e2eWorld({ now: BEFORE_DEADLINE, smtp: true })
  let selbu = ''
  let contactId = ''
  let night = ''
  let sleeper = ''
  let waiter = ''

  beforeAll(async () => {
    selbu = await registrationId(world.db, TR, 'Selbu')
    contactId = (await makeContactPerson(world.db, CONTACT.email, selbu, { name: CONTACT.name, at: new Date(BEFORE_DEADLINE) })).id
    const event = await world.db.selectFrom('event').select('id').where('slug', '=', TR).executeTakeFirstOrThrow()
    const days = await world.db.selectFrom('event_day').select('id').where('event_id', '=', event.id).orderBy('date').execute()
    night = (await world.db.selectFrom('hotel_night').select('id').where('event_id', '=', event.id).executeTakeFirstOrThrow()).id
    await world.db.updateTable('hotel_night').set({ rooms_in_block: 1 }).where('id', '=', night).execute()
    const mail = { from: 'Klimasamling <klimasamling@example.no>', appUrl: world.appUrl }
    const enrol = async (name: string, email: string, nightIds: string[]) => {
      const input = enrolInput(selbu, { name, email, dayIds: days.map((d) => d.id), nightIds })
      const enrolled = await enrolParticipant(world.db, mail, { userId: contactId }, input, world.now())
      if (!enrolled) throw new Error('the fixture could not enrol')
      return enrolled.id
    }
    sleeper = await enrol('Sigrid Sover', 'sigrid@selbu.example.no', [night])
    waiter = await enrol('Vidar Venter', 'vidar@selbu.example.no', [])
  })

  it('the contact person puts a participant on the full night’s list; a cancellation offers the room by mail; accepting by the link gives the night', async () => {
    const page = await world.page({ login: contactId })
    await world.visit(page, `/kommune/${selbu}/deltaker/${waiter}`)
    expect(await heading(page)).toBe('Endre påmeldingen til Vidar Venter')
    const lists = page.getByRole('region', { name: 'Ventelister' })
    expect(plain(await lists.innerText())).toContain('Hotellet er fullt natten 27.–28. november 2018.')
    await press(lists.getByRole('button', { name: 'Sett på venteliste for natten 27.–28. november 2018' }))
    await page.waitForURL((u) => u.pathname === `/kommune/${selbu}/deltaker/${waiter}` && u.searchParams.get('venteliste') === 'pa')
    await expect
      .poll(async () => plain(await page.getByRole('region', { name: 'Ventelister' }).innerText()))
      .toContain('Står som nr. 1 på ventelisten for natten 27.–28. november 2018.')
    await expectNoAxeViolations(page)

    // Vidar sees it on his own page.
    const vidar = await upsertUser(world.db, { email: 'vidar@selbu.example.no', name: 'Vidar Venter' })
    const own = await world.page({ login: vidar.id })
    await world.visit(own, `/deltaker/${waiter}`)
    expect(plain(await own.getByRole('region', { name: 'Ventelister' }).innerText())).toContain('Du er nr. 1 på ventelisten for natten 27.–28. november 2018.')

    // Another participant cancels: the freed room is held for Vidar, and his contact person gets the link.
    const mail = { from: 'Klimasamling <klimasamling@example.no>', appUrl: world.appUrl }
    expect(await cancelParticipant(world.db, mail, { userId: contactId }, sleeper, world.now())).not.toBeNull()
    await expect.poll(() => world.mail.received.filter((m) => m.subject?.includes('ledig rom til Vidar Venter')).length, { timeout: 15_000 }).toBe(1)
    const offer = world.mail.received.find((m) => m.subject?.includes('ledig rom til Vidar Venter'))
    expect(recipient(offer as NonNullable<typeof offer>)).toBe(CONTACT.email)
    const link = /(http:\/\/[^\s]+\/venteliste\/[A-Za-z0-9_-]+)(?=\s|$)/m.exec(offer?.text ?? '')?.[1]
    expect(link, offer?.text).toBeDefined()

    await world.visit(page, new URL(link ?? '').pathname)
    expect(await heading(page)).toBe('Ledig hotellrom natten 27.–28. november 2018')
    expect(await mainText(page)).toContain('Vidar Venter står først på ventelisten')
    await press(page.getByRole('button', { name: 'Ta imot rommet' }))
    await expect.poll(() => heading(page)).toBe('Rommet er tatt imot')
    expect(await mainText(page)).toContain('Vidar Venter har fått natten 27.–28. november 2018.')
    await expectNoAxeViolations(page)

    const held = await world.db.selectFrom('participant_night').select('hotel_night_id').where('participant_id', '=', waiter).execute()
    expect(held).toEqual([{ hotel_night_id: night }])
    expect(await world.db.selectFrom('hotel_night').select(['rooms_taken', 'rooms_held']).where('id', '=', night).executeTakeFirstOrThrow()).toEqual({
      rooms_taken: 1,
      rooms_held: 0,
    })

    // The link once answered says so, and the participant's page no longer shows a list.
    await world.visit(page, new URL(link ?? '').pathname)
    expect(await heading(page)).toBe('Tilbudet gjelder ikke lenger')
    await world.visit(page, `/kommune/${selbu}/deltaker/${waiter}`)
    expect(await page.getByRole('region', { name: 'Ventelister' }).count()).toBe(0)
  })

  it('a link that is not one gives a clear message, not a 500', async () => {
    const page = await world.page({ login: contactId })
    await world.visit(page, '/venteliste/ikke-en-lenke')
    expect(await heading(page)).toBe('Lenken virker ikke')
  })
})
