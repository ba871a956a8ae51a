import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { formatDateTime, osloDateTime } from '~/domain/dates'
import { eventFormSchema } from '~/domain/event-form'
import { copyEvent, createEvent, updateEvent } from '~/services/event-setup.server'
import { upsertUser } from '~/services/users.server'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { addParticipant, eventId, MR, makeOrganiser, registrationId, seeded } from '../helpers/fixtures'

let t: TestDatabase
let organiser: { id: string }
const now = osloDateTime('2026-11-22', '12:00')

const form = {
  title: 'Klimasamling for kommunene i Trøndelag 2027',
  slug: 'klimasamling-trondelag-2027',
  countyNumber: '50',
  venue: 'Scandic Hell, Stjørdal',
  startDate: '2027-11-23',
  startTime: '10:00',
  endDate: '2027-11-24',
  endTime: '15:00',
  opensDate: '2027-09-01',
  opensTime: '09:00',
  deadlineDate: '2027-10-20',
  deadlineTime: '23:59',
  isBinding: 'on',
  organisingBodies: 'Miljødirektoratet',
  organiserContactName: 'Håvard Kleppa',
  organiserContactEmail: 'havard@example.no',
  replyToEmail: 'klimasamling@example.no',
  status: 'draft',
  coveredOvernight: '2',
  coveredDayPackages: '1',
  priceOvernightKr: '2500',
  selfPaidBilledBy: 'organiser',
}
const input = (overrides: Record<string, string> = {}) => eventFormSchema.parse({ ...form, ...overrides })

beforeAll(async () => {
  t = await createTestDatabase()
})

afterAll(async () => {
  await t.drop()
})

beforeEach(async () => {
  await truncateAll(t.db)
  await seeded(t.db)
  organiser = await makeOrganiser(t.db, 'arrangor@example.no', MR)
})

describe('createEvent', () => {
  it('saves the event, makes the creator its organiser and invites the county as of its first day', async () => {
    const created = await createEvent(t.db, { userId: organiser.id }, input(), now)
    if (!created) throw new Error('not created')
    const event = await t.db.selectFrom('event').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow()
    expect(event).toMatchObject({ slug: 'klimasamling-trondelag-2027', status: 'draft', price_overnight_package_ore: 250_000 })
    expect(formatDateTime(event.deadline_at)).toBe('20. oktober 2027 kl. 23.59')
    const organisers = await t.db.selectFrom('event_organiser').select('user_id').where('event_id', '=', created.id).execute()
    expect(organisers).toEqual([{ user_id: organiser.id }])
    // Trøndelag's 38 municipalities of today's register (decision 28).
    const invited = await t.db.selectFrom('registration').select('id').where('event_id', '=', created.id).execute()
    expect(invited).toHaveLength(38)
    const audit = await t.db.selectFrom('audit_log').select('action').where('event_id', '=', created.id).execute()
    expect(audit).toEqual([{ action: 'event.created' }])
  })

  it('refuses a slug in use, and someone who is not an organiser', async () => {
    await expect(createEvent(t.db, { userId: organiser.id }, input({ slug: MR }), now)).rejects.toMatchObject({
      code: 'slug_taken',
      field: 'slug',
    })
    const stranger = await upsertUser(t.db, { email: 'x@example.no', name: 'X' })
    expect(await createEvent(t.db, { userId: stranger.id }, input(), now)).toBeNull()
    expect(await t.db.selectFrom('event').select('id').execute()).toHaveLength(2)
  })
})

describe('updateEvent', () => {
  it('saves changes of the organiser’s own event only', async () => {
    const mr = await eventId(t.db, MR)
    const changes = input({
      slug: MR,
      title: 'Klimasamling Møre og Romsdal',
      countyNumber: '15',
      startDate: '2021-11-11',
      endDate: '2021-11-12',
      opensDate: '2021-08-16',
      deadlineDate: '2021-09-20',
    })
    expect(await updateEvent(t.db, { userId: organiser.id }, mr, changes, now)).toMatchObject({ slug: MR })
    const other = await upsertUser(t.db, { email: 'y@example.no', name: 'Y' })
    expect(await updateEvent(t.db, { userId: other.id }, mr, changes, now)).toBeNull()
  })

  it('refuses a lower quota than covered places in use, naming how many municipalities', async () => {
    const mr = await eventId(t.db, MR)
    const night = await t.db.selectFrom('hotel_night').select('id').where('event_id', '=', mr).where('night_date', '=', '2021-11-11').executeTakeFirstOrThrow()
    for (const name of ['Volda', 'Ørsta']) {
      const registration = await registrationId(t.db, MR, name)
      for (let i = 0; i < 3; i++) {
        const p = await addParticipant(t.db, registration, `p${i}@${name.toLowerCase()}.example.no`)
        await t.db.insertInto('participant_night').values({ participant_id: p.id, hotel_night_id: night.id, is_covered: true }).execute()
      }
    }
    const lower = input({
      slug: MR,
      countyNumber: '15',
      startDate: '2021-11-11',
      endDate: '2021-11-12',
      opensDate: '2021-08-16',
      deadlineDate: '2021-09-20',
      coveredOvernight: '2',
    })
    const error = await updateEvent(t.db, { userId: organiser.id }, mr, lower, now).catch((e: unknown) => e)
    expect(error).toMatchObject({ code: 'quota_below_usage', field: 'coveredOvernight' })
    expect((error as Error).message).toBe('2 kommuner har allerede flere dekkede plasser enn dette. Velg et høyere tall, eller flytt deltakere først.')
    const event = await t.db.selectFrom('event').select('covered_overnight_per_municipality').where('id', '=', mr).executeTakeFirstOrThrow()
    expect(event.covered_overnight_per_municipality).toBe(4)
    const enough = { ...lower, covered_overnight_per_municipality: 3 }
    expect(await updateEvent(t.db, { userId: organiser.id }, mr, enough, now)).not.toBeNull()
  })

  it('refuses new dates that would leave days and nights outside', async () => {
    const mr = await eventId(t.db, MR)
    const moved = input({ slug: MR, countyNumber: '15', startDate: '2021-11-18', endDate: '2021-11-19', opensDate: '2021-08-16', deadlineDate: '2021-09-20' })
    await expect(updateEvent(t.db, { userId: organiser.id }, mr, moved, now)).rejects.toMatchObject({
      code: 'days_outside_window',
      params: { count: 4 },
    })
  })
})

describe('copyEvent', () => {
  it('copies the 2021 event to 2027 as a draft: days, nights, rules and program moved, wall-clock times kept, no registrations', async () => {
    const mr = await eventId(t.db, MR)
    await addParticipant(t.db, await registrationId(t.db, MR, 'Volda'), 'p@volda.example.no')
    await t.db.updateTable('program_item').set({ online_url: 'https://teams.example.no/x' }).where('kind', '=', 'digital').execute()
    const copy = await copyEvent(
      t.db,
      { userId: organiser.id },
      mr,
      { title: 'Klimasamling 2027', slug: 'klimasamling-more-og-romsdal-2027', startDate: '2027-11-11' },
      now,
    )
    if (!copy) throw new Error('not copied')
    const event = await t.db.selectFrom('event').selectAll().where('id', '=', copy.id).executeTakeFirstOrThrow()
    // Retention starts from the default, not the reference event's (decision 051).
    expect(event).toMatchObject({ status: 'draft', title: 'Klimasamling 2027', covered_overnight_per_municipality: 4, personal_data_retention_days: 90 })
    expect([event.starts_at, event.ends_at, event.deadline_at].map(formatDateTime)).toEqual([
      '11. november 2027 kl. 11.00',
      '12. november 2027 kl. 13.00',
      '20. september 2027 kl. 23.59',
    ])
    const nights = await t.db
      .selectFrom('hotel_night')
      .select(['night_date', 'requires_reason', 'rooms_in_block', 'release_date'])
      .where('event_id', '=', copy.id)
      .orderBy('night_date')
      .execute()
    expect(nights).toEqual([
      { night_date: '2027-11-10', requires_reason: true, rooms_in_block: 30, release_date: '2027-10-11' },
      { night_date: '2027-11-11', requires_reason: false, rooms_in_block: 110, release_date: '2027-10-11' },
    ])
    const items = await t.db.selectFrom('program_item').selectAll().where('event_id', '=', copy.id).orderBy('starts_at').execute()
    expect(items).toHaveLength(33)
    expect(items.every((i) => i.online_url === null)).toBe(true)
    const toppleder = items.find((i) => i.title.includes('Topplederforum'))
    expect(formatDateTime(toppleder?.starts_at ?? new Date(0))).toBe('11. november 2027 kl. 14.30')
    expect(toppleder?.slot_id).not.toBeNull()
    expect(toppleder?.restricted_to_roles.sort()).toEqual(['kommunedirektor', 'ordforer'])
    const digital = items.filter((i) => i.kind === 'digital')
    expect(digital.map((i) => formatDateTime(i.starts_at)).slice(0, 2)).toEqual(['16. november 2027 kl. 12.00', '18. november 2027 kl. 09.30'])
    const participants = await t.db
      .selectFrom('participant')
      .innerJoin('registration', 'registration.id', 'participant.registration_id')
      .select('participant.id')
      .where('registration.event_id', '=', copy.id)
      .execute()
    expect(participants).toEqual([])
    // Ålesund (1507) had become 1508 Ålesund and 1580 Haram by 2027 (decision 28).
    expect(await t.db.selectFrom('registration').select('id').where('event_id', '=', copy.id).execute()).toHaveLength(27)
    expect(await t.db.selectFrom('event_topic').select('label').where('event_id', '=', copy.id).execute()).toHaveLength(6)
    // The day-1 survey comes along, under a code of its own and not opened.
    const surveys = await t.db.selectFrom('survey').selectAll().where('event_id', 'in', [mr, copy.id]).execute()
    const [source, copied] = [surveys.find((s) => s.event_id === mr), surveys.find((s) => s.event_id === copy.id)]
    expect(copied).toMatchObject({ title: source?.title, opens_at: null, closes_at: null })
    expect(copied?.code).toMatch(/^[A-Z0-9]{8}$/)
    expect(copied?.code).not.toBe(source?.code)
    const questionsOf = (surveyId: string) =>
      t.db
        .selectFrom('survey_question')
        .innerJoin('survey_option', 'survey_option.question_id', 'survey_question.id')
        .select(['survey_question.prompt', 'survey_question.kind', 'survey_question.allows_free_text', 'survey_option.label'])
        .where('survey_question.survey_id', '=', surveyId)
        .orderBy('survey_question.sort_order')
        .orderBy('survey_option.sort_order')
        .execute()
    const copiedQuestions = await questionsOf(copied?.id ?? '')
    expect(copiedQuestions).toHaveLength(6)
    expect(copiedQuestions).toEqual(await questionsOf(source?.id ?? ''))
  })
})
