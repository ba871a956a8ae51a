import { randomUUID } from 'node:crypto'
import type { ParsedMail } from 'mailparser'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { createHash } from 'node:crypto'
import { formatDateRange } from '~/domain/dates'
import { extrasPricingOf, isBillable } from '~/domain/money'
import { grantCoverage, previewCoverageConfirmation, previewCoverageConfirmations, sendCoverageConfirmations } from '~/services/coverage-confirmation.server'
import { cancelParticipant, waiveCharge } from '~/services/participant-changes.server'
import { getRegistrationOverview } from '~/services/registration-view.server'
import { type EnrolInput, enrolParticipant } from '~/services/enrolment.server'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { registrationAsOrganiser } from '../helpers/registration-access'
import { enrolInput, eventId, makeContactPerson, makeOrganiser, registrationId, seeded, TEST_MAIL, TR } from '../helpers/fixtures'
import { deliverTo, type SmtpSink, startSmtpSink } from '../helpers/smtp-sink'

/** Trøndelag 2018: 2 covered overnight places and 1 day package per municipality; overnight package ca. 2 500 kr. */
let t: TestDatabase
let sink: SmtpSink
let organiser: { userId: string }
let tr: string
let selbu: string
let meraker: string
const open = osloDateTime('2018-10-01', '12:00')
const afterDeadline = osloDateTime('2018-10-25', '12:00')
/** Text with every kind of space as a plain one (amounts use a no-break space). */
const plain = (m: ParsedMail | undefined) => (m?.text ?? '').replace(/\s/g, ' ')
const to = (m: ParsedMail | undefined) => (m?.to && !Array.isArray(m.to) ? m.to.text : '')

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
  tr = await eventId(t.db, TR)
  selbu = await registrationId(t.db, TR, 'Selbu')
  meraker = await registrationId(t.db, TR, 'Meråker')
  await makeContactPerson(t.db, 'kontakt@selbu.example.no', selbu)
  organiser = { userId: (await makeOrganiser(t.db, 'arrangor@example.no', TR)).id }
  const days = await t.db.selectFrom('event_day').select('id').where('event_id', '=', tr).orderBy('date').execute()
  const night = await t.db.selectFrom('hotel_night').select('id').where('event_id', '=', tr).executeTakeFirstOrThrow()
  const person = (registration: string, name: string, overnight: boolean): EnrolInput =>
    enrolInput(registration, {
      name,
      email: `${name.split(' ')[0]?.toLowerCase()}@example.no`,
      dayIds: overnight ? days.map((d) => d.id) : [days[0]?.id ?? ''],
      nightIds: overnight ? [night.id] : [],
      attendsDinner: overnight,
    })
  for (const name of ['Anne Selbu', 'Bjørn Selbu', 'Cecilie Selbu']) await enrolParticipant(t.db, TEST_MAIL, organiser, person(selbu, name, true), open)
  await enrolParticipant(t.db, TEST_MAIL, organiser, person(meraker, 'Mona Meråker', false), open)
  await t.db.deleteFrom('email').execute()
})

describe('the coverage confirmation', () => {
  it('can be previewed before the deadline but not sent', async () => {
    const preview = await previewCoverageConfirmations(t.db, organiser, tr, open)
    expect(preview?.deadlinePassed).toBe(false)
    await expect(sendCoverageConfirmations(t.db, TEST_MAIL, organiser, tr, open)).rejects.toMatchObject({ code: 'coverage_before_deadline' })
    expect(await previewCoverageConfirmations(t.db, { userId: randomUUID() }, tr, open)).toBeNull()
  })

  it('goes to each municipality with participants, says what is covered and what it pays, and again only where something changed', async () => {
    expect(await sendCoverageConfirmations(t.db, TEST_MAIL, organiser, tr, afterDeadline)).toBe(2)
    expect(await sendCoverageConfirmations(t.db, TEST_MAIL, organiser, tr, afterDeadline)).toBe(0)
    await deliverTo(sink, t.db)
    await sink.waitFor(2)
    const selbuMail = sink.received.find((m) => to(m) === 'kontakt@selbu.example.no')
    expect(selbuMail?.subject).toBe('Klimasamling for kommunene i Trøndelag: bekreftelse av dekning for Selbu kommune')
    expect(plain(selbuMail)).toContain('Anne Selbu: dekket overnatting')
    expect(plain(selbuMail)).toContain('Cecilie Selbu: egenbetalt; kommunen betaler ca. 2 500 kr')
    expect(plain(selbuMail)).toContain('Kommunen betaler i alt: ca. 2 500 kr')
    // Meråker has no contact person: its official address.
    const merakerMail = sink.received.find((m) => to(m) === 'postmottak@meraker.example.no')
    expect(plain(merakerMail)).toContain('Mona Meråker: dekket dagpakke (Dag 1)')
    expect(plain(merakerMail)).toContain('Kommunen betaler i alt: ingenting')

    // A grant makes Cecilie covered: she is told, and only Selbu gets a new confirmation.
    sink.received.length = 0
    const granted = await grantCoverage(t.db, TEST_MAIL, organiser, selbu, { overnight: 1, dayPackages: 0 }, afterDeadline)
    expect(granted?.promoted).toHaveLength(1)
    expect(await sendCoverageConfirmations(t.db, TEST_MAIL, organiser, tr, afterDeadline)).toBe(1)
    await deliverTo(sink, t.db)
    await sink.waitFor(2)
    expect(sink.received.map((m) => m.subject).sort()).toEqual([
      'Klimasamling for kommunene i Trøndelag: Cecilie Selbu har fått dekket plass',
      'Klimasamling for kommunene i Trøndelag: bekreftelse av dekning for Selbu kommune',
    ])
    expect(plain(sink.received.find((m) => m.subject?.includes('bekreftelse')))).toContain('Kommunen betaler i alt: ingenting')
  })

  it('grants only for the organiser of the event', async () => {
    expect(await grantCoverage(t.db, TEST_MAIL, { userId: randomUUID() }, selbu, { overnight: 5, dayPackages: 5 }, afterDeadline)).toBeNull()
    const row = await t.db
      .selectFrom('registration')
      .select(['extra_overnights_granted', 'extra_day_packages_granted'])
      .where('id', '=', selbu)
      .executeTakeFirstOrThrow()
    expect(row).toEqual({ extra_overnights_granted: 0, extra_day_packages_granted: 0 })
  })
})

describe('the preview on Dekning', () => {
  it('renders one municipality’s message on demand, and nothing for another event’s municipality or a stranger', async () => {
    const one = await previewCoverageConfirmation(t.db, organiser, tr, selbu, afterDeadline)
    expect(one?.municipality.name).toBe('Selbu')
    expect(one?.municipality.to).toBe('kontakt@selbu.example.no')
    expect(one?.message.subject).toBe('Klimasamling for kommunene i Trøndelag: bekreftelse av dekning for Selbu kommune')
    const text = (one?.message.text ?? '').replace(/\s/g, ' ')
    expect(text).toContain('Anne Selbu: dekket overnatting')
    expect(text).toContain('Cecilie Selbu: egenbetalt; kommunen betaler ca. 2 500 kr')
    expect(text).not.toContain('Mona Meråker')
    const otherEvent = await t.db.selectFrom('registration').select('id').where('event_id', '!=', tr).limit(1).executeTakeFirstOrThrow()
    expect(await previewCoverageConfirmation(t.db, organiser, tr, otherEvent.id, afterDeadline)).toBeNull()
    expect(await previewCoverageConfirmation(t.db, { userId: randomUUID() }, tr, selbu, afterDeadline)).toBeNull()
    // The list computes every municipality's numbers but renders no message.
    const all = await previewCoverageConfirmations(t.db, organiser, tr, afterDeadline)
    expect(all?.municipalities.find((m) => m.name === 'Selbu')).not.toHaveProperty('message')
  })

  it('works out each message exactly as the contact person’s page counts it (the same hash), late cancellations and waivers included', async () => {
    const cecilie = await t.db.selectFrom('participant').select('id').where('name', '=', 'Cecilie Selbu').executeTakeFirstOrThrow()
    const bjorn = await t.db.selectFrom('participant').select('id').where('name', '=', 'Bjørn Selbu').executeTakeFirstOrThrow()
    await cancelParticipant(t.db, TEST_MAIL, organiser, cecilie.id, afterDeadline)
    await waiveCharge(t.db, organiser, cecilie.id, 'Sykdom', afterDeadline)
    await cancelParticipant(t.db, TEST_MAIL, organiser, bjorn.id, afterDeadline)
    await grantCoverage(t.db, TEST_MAIL, organiser, meraker, { overnight: 0, dayPackages: 2 }, afterDeadline)
    const preview = await previewCoverageConfirmations(t.db, organiser, tr, afterDeadline)
    const event = await t.db.selectFrom('event').selectAll().where('id', '=', tr).executeTakeFirstOrThrow()
    const withParticipants = preview?.municipalities.filter((m) => m.participants > 0) ?? []
    expect(withParticipants.map((m) => m.name)).toEqual(['Meråker', 'Selbu'])
    for (const m of withParticipants) {
      // The reference: the message built from the contact person's page, one municipality at a time.
      const overview = await getRegistrationOverview(t.db, await registrationAsOrganiser(t.db, m.registrationId))
      const billable = overview.participants.filter((p) => isBillable(p.status))
      const params = {
        ...m.params,
        eventDates: formatDateRange(event.starts_at, event.ends_at),
        participants: billable.map((p) => ({
          name: p.name,
          coveredOvernight: p.coveredOvernight,
          coveredDays: p.coveredDayLabels,
          selfPaidOre: p.amount,
          lateCancelled: p.status === 'late_cancelled',
          waivedReason: p.charge.waiverReason,
        })),
        totalOre: overview.meters.selfPaidOre,
        waivedOre: overview.meters.waivedOre,
        extrasPricing: extrasPricingOf(overview.prices),
      }
      expect(m.params).toEqual(params)
      expect(m.hash).toBe(createHash('sha256').update(JSON.stringify(params)).digest('hex'))
      expect(m.meters).toMatchObject({
        overnightUsed: overview.meters.overnightUsed,
        overnightQuota: overview.meters.overnightQuota,
        dayPackagesUsed: overview.meters.dayPackagesUsed,
        dayPackagesQuota: overview.meters.dayPackagesQuota,
        selfPaidCount: overview.meters.selfPaidCount,
        selfPaidOre: overview.meters.selfPaidOre,
        waivedCount: overview.meters.waivedCount,
        waivedOre: overview.meters.waivedOre,
      })
    }
    const selbuNow = withParticipants.find((m) => m.name === 'Selbu')
    expect(selbuNow?.params.participants.map((p) => [p.name, p.lateCancelled, p.waivedReason])).toEqual([
      ['Anne Selbu', false, null],
      ['Bjørn Selbu', true, null],
      ['Cecilie Selbu', true, 'Sykdom'],
    ])
  })
})
