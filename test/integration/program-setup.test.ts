import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { formatDateTime, osloDateTime } from '~/domain/dates'
import { inLanguage } from '~/domain/language'
import { dayFormSchema, itemFormSchema, nightFormSchema, slotFormSchema } from '~/domain/program-form'
import { deleteDay, deleteItem, deleteNight, getProgramSetup, publishOnlineLink, saveDay, saveItem, saveNight, saveSlot } from '~/services/program-setup.server'
import { upsertUser } from '~/services/users.server'
import { loader as participantLoader } from '~/routes/deltaker.$participantId'
import { respond, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { addParticipant, eventId, MR, makeOrganiser, registrationId, seeded, sessionCookieFor, TEST_MAIL } from '../helpers/fixtures'

let t: TestDatabase
let actor: { userId: string }
let mr: string
const now = osloDateTime('2021-06-01', '12:00')

beforeAll(async () => {
  t = await createTestDatabase()
})

afterAll(async () => {
  await t.drop()
})

beforeEach(async () => {
  await truncateAll(t.db)
  await seeded(t.db)
  actor = { userId: (await makeOrganiser(t.db, 'arrangor@example.no', MR)).id }
  mr = await eventId(t.db, MR)
})

const day = async (date: string) =>
  (await t.db.selectFrom('event_day').select('id').where('event_id', '=', mr).where('date', '=', date).executeTakeFirstOrThrow()).id

describe('days', () => {
  it('stay within the event and one per date', async () => {
    const first = await day('2021-11-11')
    const edited = dayFormSchema.parse({ id: first, date: '2021-11-11', label: 'Første dag', startTime: '10:00', endTime: '21:30', meals: ['lunsj', 'middag'] })
    await saveDay(t.db, actor, mr, edited, now)
    expect(await getProgramSetup(t.db, { userId: randomUUID() }, mr)).toBeNull()
    const setup = await getProgramSetup(t.db, actor, mr)
    expect(setup?.days[0]).toMatchObject({ label: 'Første dag', meals: ['lunsj', 'middag'] })
    expect(formatDateTime(setup?.days[0]?.ends_at ?? new Date(0))).toBe('11. november 2021 kl. 21.30')

    await expect(
      saveDay(t.db, actor, mr, dayFormSchema.parse({ date: '2021-11-13', label: 'Dag 3', startTime: '09:00', endTime: '12:00' }), now),
    ).rejects.toMatchObject({ code: 'day_outside_event', field: 'date' })
    await expect(
      saveDay(t.db, actor, mr, dayFormSchema.parse({ date: '2021-11-12', label: 'Igjen', startTime: '09:00', endTime: '12:00' }), now),
    ).rejects.toMatchObject({ code: 'day_exists' })
    expect(
      inLanguage(dayFormSchema.safeParse({ date: '2021-11-12', label: 'X', startTime: '12:00', endTime: '09:00' }).error?.issues[0]?.message ?? '', 'nb'),
    ).toBe('Slutt må være etter start.')
  })

  it('cannot be deleted while program items are on them', async () => {
    await expect(deleteDay(t.db, actor, mr, await day('2021-11-12'), now)).rejects.toMatchObject({ code: 'day_in_use', params: { count: 6 } })
  })
})

describe('hotel nights', () => {
  it('may start the night before the first day and end the night before the last', async () => {
    await t.db.deleteFrom('hotel_night').where('event_id', '=', mr).execute()
    await saveNight(t.db, actor, mr, nightFormSchema.parse({ date: '2021-11-10', rooms: '30', covered: 'on', requiresReason: 'on' }), now)
    await expect(saveNight(t.db, actor, mr, nightFormSchema.parse({ date: '2021-11-12', rooms: '30' }), now)).rejects.toMatchObject({
      code: 'night_outside_event',
    })
    await expect(saveNight(t.db, actor, mr, nightFormSchema.parse({ date: '2021-11-09', rooms: '30' }), now)).rejects.toMatchObject({
      code: 'night_outside_event',
    })
    const setup = await getProgramSetup(t.db, actor, mr)
    expect(setup?.nights.map((n) => [n.night_date, n.rooms_in_block, n.is_covered, n.requires_reason])).toEqual([['2021-11-10', 30, true, true]])
  })

  it('refuse a room block smaller than the rooms taken, naming how many, and deletion while taken', async () => {
    const night = (await getProgramSetup(t.db, actor, mr))?.nights.find((n) => n.night_date === '2021-11-11')
    if (!night) throw new Error('no night')
    const volda = await registrationId(t.db, MR, 'Volda')
    for (let i = 0; i < 3; i++) {
      const p = await addParticipant(t.db, volda, `p${i}@volda.example.no`)
      await t.db.insertInto('participant_night').values({ participant_id: p.id, hotel_night_id: night.id, is_covered: true }).execute()
    }
    expect((await getProgramSetup(t.db, actor, mr))?.nights.find((n) => n.id === night.id)?.rooms_in_use).toBe(3)
    const smaller = nightFormSchema.parse({ id: night.id, date: '2021-11-11', rooms: '2', covered: 'on' })
    const error = await saveNight(t.db, actor, mr, smaller, now).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'rooms_below_usage', field: 'rooms' })
    expect((error as Error).message).toBe('3 rom er allerede tatt denne natten. Romkvoten kan ikke være lavere.')
    await saveNight(t.db, actor, mr, { ...smaller, rooms: 3 }, now)
    await expect(deleteNight(t.db, actor, mr, night.id, now)).rejects.toMatchObject({ code: 'night_in_use', params: { count: 3 } })
  })
})

describe('slots and program items', () => {
  it('put a restricted parallel session in a slot on its day, and refuse a slot of another day', async () => {
    const day1 = await day('2021-11-11')
    const day2 = await day('2021-11-12')
    const slot = await saveSlot(t.db, actor, mr, slotFormSchema.parse({ dayId: day2, label: 'Verksteder', startTime: '09:30', endTime: '10:45' }), now)
    if (!slot) throw new Error('no slot')
    const item = itemFormSchema.parse({
      kind: 'parallel',
      dayId: day2,
      slotId: slot.id,
      startTime: '09:30',
      endTime: '10:45',
      title: 'Ledersamtale',
      speakers: 'Kari\n  Ola  \n',
      capacity: '20',
      restricted: 'on',
      restrictedToRoles: ['ordforer', 'kommunedirektor'],
    })
    const saved = await saveItem(t.db, actor, mr, item, now)
    const row = await t.db
      .selectFrom('program_item')
      .selectAll()
      .where('id', '=', saved?.id ?? '')
      .executeTakeFirstOrThrow()
    expect(row).toMatchObject({
      slot_id: slot.id,
      event_day_id: day2,
      capacity: 20,
      speakers: ['Kari', 'Ola'],
      restricted_to_roles: ['ordforer', 'kommunedirektor'],
    })
    expect(formatDateTime(row.starts_at)).toBe('12. november 2021 kl. 09.30')
    await expect(saveItem(t.db, actor, mr, { ...item, dayId: day1 }, now)).rejects.toMatchObject({ code: 'slot_wrong_day', field: 'slotId' })
  })

  it('hold the form rules: a slot for parallel items, a role for restricted ones, capacity of at least 1, a date for digital ones', () => {
    const issues = (input: Record<string, unknown>) =>
      Object.fromEntries((itemFormSchema.safeParse(input).error?.issues ?? []).map((i) => [i.path.join('.'), inLanguage(i.message, 'nb')]))
    expect(issues({ kind: 'parallel', dayId: crypto.randomUUID(), startTime: '09:00', title: 'X', restricted: 'on' })).toEqual({
      slotId: 'En parallellsesjon må høre til en sesjonsbolk.',
      capacity: 'Fyll inn antall plasser, minst 1.',
      restrictedToRoles: 'Velg minst én rolle som sesjonen er åpen for.',
    })
    expect(issues({ kind: 'digital', startTime: '12:00', title: 'Webinar' })).toEqual({ digitalDate: 'Velg dato for den digitale sesjonen.' })
    expect(issues({ kind: 'optional', dayId: crypto.randomUUID(), startTime: '18:00', title: 'Besøk', requiresSignup: 'on', capacity: '0' })).toEqual({
      capacity: 'Fyll inn antall plasser, minst 1.',
    })
  })

  it('refuse a capacity below the choices made, and deletion of a chosen item', async () => {
    const toppleder = await t.db
      .selectFrom('program_item')
      .selectAll()
      .where('event_id', '=', mr)
      .where('title', 'like', '%Topplederforum%')
      .executeTakeFirstOrThrow()
    const volda = await registrationId(t.db, MR, 'Volda')
    for (let i = 0; i < 2; i++) {
      const p = await addParticipant(t.db, volda, `leder${i}@volda.example.no`)
      await t.db.insertInto('session_choice').values({ participant_id: p.id, program_item_id: toppleder.id, slot_id: toppleder.slot_id }).execute()
    }
    const form = itemFormSchema.parse({
      id: toppleder.id,
      kind: 'parallel',
      dayId: toppleder.event_day_id ?? '',
      slotId: toppleder.slot_id ?? '',
      startTime: '14:30',
      endTime: '16:00',
      title: toppleder.title,
      capacity: '1',
      restricted: 'on',
      restrictedToRoles: ['ordforer'],
    })
    await expect(saveItem(t.db, actor, mr, form, now)).rejects.toMatchObject({ code: 'capacity_below_usage', params: { count: 2 } })
    await expect(deleteItem(t.db, actor, mr, toppleder.id, now)).rejects.toMatchObject({ code: 'item_in_use' })
    expect(await saveItem(t.db, actor, mr, { ...form, capacity: 2 }, now)).not.toBeNull()
  })

  it('publish a digital session’s https link, and only the organiser’s own', async () => {
    const webinar = await t.db.selectFrom('program_item').select('id').where('event_id', '=', mr).where('kind', '=', 'digital').executeTakeFirstOrThrow()
    await expect(publishOnlineLink(t.db, TEST_MAIL, actor, mr, webinar.id, 'javascript:alert(1)', now)).rejects.toMatchObject({ code: 'online_url_invalid' })
    await publishOnlineLink(t.db, TEST_MAIL, actor, mr, webinar.id, 'https://teams.example.no/m/1', now)
    const row = await t.db.selectFrom('program_item').select(['online_url', 'online_url_published_at']).where('id', '=', webinar.id).executeTakeFirstOrThrow()
    expect(row).toEqual({ online_url: 'https://teams.example.no/m/1', online_url_published_at: now })
    const stranger = await upsertUser(t.db, { email: 's@example.no', name: 'S' })
    expect(await publishOnlineLink(t.db, TEST_MAIL, { userId: stranger.id }, mr, webinar.id, null, now)).toBeNull()
    expect(
      await saveDay(t.db, { userId: stranger.id }, mr, dayFormSchema.parse({ date: '2021-11-11', label: 'X', startTime: '09:00', endTime: '10:00' }), now),
    ).toBeNull()
  })
})

describe('a digital session’s link', () => {
  it('is shown to the event’s registered participants once published, and to nobody before', async () => {
    const volda = await registrationId(t.db, MR, 'Volda')
    const participant = await addParticipant(t.db, volda, 'vera@volda.example.no', 'Vera')
    const user = await upsertUser(t.db, { email: 'vera@volda.example.no', name: 'Vera' })
    const context = testContext({ db: t.db })
    const cookie = await sessionCookieFor(context, user.id)
    const page = async () => {
      const response = await respond(() =>
        participantLoader({ request: new Request('http://localhost/x', { headers: { Cookie: cookie } }), params: { participantId: participant.id }, context }),
      )
      return (await response.json()) as { digital: Array<{ title: string; url: string | null }> }
    }
    const webinar = await t.db
      .selectFrom('program_item')
      .select(['id', 'title'])
      .where('event_id', '=', mr)
      .where('kind', '=', 'digital')
      .orderBy('starts_at')
      .executeTakeFirstOrThrow()
    await t.db.updateTable('program_item').set({ online_url: 'https://teams.example.no/not-yet' }).where('id', '=', webinar.id).execute()
    expect((await page()).digital.find((d) => d.title === webinar.title)?.url).toBeNull()
    await publishOnlineLink(t.db, TEST_MAIL, actor, mr, webinar.id, 'https://teams.example.no/m/1', now)
    expect((await page()).digital.find((d) => d.title === webinar.title)?.url).toBe('https://teams.example.no/m/1')
    expect((await page()).digital).toHaveLength(12)
  })
})
