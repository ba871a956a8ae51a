import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { queueDeadlineReminders } from '~/services/deadline-reminders.server'
import { enrolParticipant } from '~/services/enrolment.server'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { enrolInput, MR, makeContactPerson, makeOrganiser, registrationId, seeded, TEST_MAIL } from '../helpers/fixtures'
import { deliverTo, type SmtpSink, startSmtpSink } from '../helpers/smtp-sink'

/** Møre og Romsdal 2021: deadline 20 September 2021 23.59, reminder 7 days before. */
let t: TestDatabase
let sink: SmtpSink
const sixDaysBefore = osloDateTime('2021-09-14', '09:00')
const eightDaysBefore = osloDateTime('2021-09-12', '09:00')
const afterDeadline = osloDateTime('2021-09-21', '09:00')

beforeAll(async () => {
  t = await createTestDatabase()
  sink = await startSmtpSink()
})

afterAll(async () => {
  await sink.close()
  await t.drop()
})

beforeEach(async () => {
  await truncateAll(t.db)
  await seeded(t.db)
  sink.received.length = 0
  const volda = await registrationId(t.db, MR, 'Volda')
  const molde = await registrationId(t.db, MR, 'Molde')
  await makeContactPerson(t.db, 'kontakt@volda.example.no', volda)
  await makeContactPerson(t.db, 'kontakt@molde.example.no', molde)
  const organiser = await makeOrganiser(t.db, 'arrangor@example.no', MR)
  const mr = await t.db.selectFrom('event').select('id').where('slug', '=', MR).executeTakeFirstOrThrow()
  const day = await t.db.selectFrom('event_day').select('id').where('event_id', '=', mr.id).orderBy('date').executeTakeFirstOrThrow()
  await enrolParticipant(
    t.db,
    TEST_MAIL,
    { userId: organiser.id },
    enrolInput(volda, { name: 'Vilde Volda', email: 'vilde@volda.example.no', dayIds: [day.id], attendsDinner: false }),
    osloDateTime('2021-09-01', '12:00'),
  )
  await t.db.deleteFrom('email').execute()
})

describe('the deadline reminder', () => {
  it('is not sent before the reminder day, nor after the deadline', async () => {
    expect(await queueDeadlineReminders(t.db, TEST_MAIL, eightDaysBefore)).toBe(0)
    expect(await queueDeadlineReminders(t.db, TEST_MAIL, afterDeadline)).toBe(0)
    expect(await t.db.selectFrom('email').select('id').execute()).toEqual([])
  })

  it('goes once to each municipality without a contact person (official address, fresh link) or without participants (the contact person)', async () => {
    expect(await queueDeadlineReminders(t.db, TEST_MAIL, sixDaysBefore)).toBe(25)
    expect(await queueDeadlineReminders(t.db, TEST_MAIL, new Date(sixDaysBefore.getTime() + 3_600_000))).toBe(0)
    await deliverTo(sink, t.db)
    await sink.waitFor(25)
    const to = (address: string) => sink.received.filter((m) => (m.to && !Array.isArray(m.to) ? m.to.text : '') === address)
    // Volda has a contact person and a participant: no reminder.
    expect(to('kontakt@volda.example.no')).toHaveLength(0)
    expect(to('postmottak@volda.example.no')).toHaveLength(0)
    const [molde] = to('kontakt@molde.example.no')
    expect(molde?.subject).toBe('Klimasamling for kommunene i Møre og Romsdal: påmeldingsfristen er 20. september 2021 kl. 23.59')
    expect(molde?.text).toContain('Molde kommune har ingen påmeldte deltakere ennå.')
    const [orsta] = to('postmottak@orsta.example.no')
    expect(orsta?.html).toContain('lang="nn"')
    expect(orsta?.text).toContain('Ørsta kommune har ikkje valt kontaktperson enno.')
    const token = /\/invitasjon\/([A-Za-z0-9_-]+)/.exec(orsta?.text ?? '')?.[1]
    expect(token).toBeTruthy()
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'deadline.reminded').execute()).toHaveLength(25)
  })

  it('two workers running it at once remind each municipality once', async () => {
    const [a, b] = await Promise.all([queueDeadlineReminders(t.db, TEST_MAIL, sixDaysBefore), queueDeadlineReminders(t.db, TEST_MAIL, sixDaysBefore)])
    expect((a ?? 0) + (b ?? 0)).toBe(25)
    expect(await t.db.selectFrom('email').select('id').where('template', '=', 'deadline-reminder').execute()).toHaveLength(25)
  })
})
