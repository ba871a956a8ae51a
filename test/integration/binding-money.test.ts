import type { AppLoadContext } from '@remix-run/node'
import type { ParsedMail } from 'mailparser'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { AppUser } from '../../db/schema'
import { renderTemplate } from '../../emails'
import { describeCoverage } from '~/domain/coverage-text'
import { osloDateTime } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { eventFormSchema } from '~/domain/event-form'
import { eventToFormValues } from '~/domain/event-form-values'
import { loader as publicLoader } from '~/routes/arrangementer.$slug'
import { action as coverageAction, loader as coverageLoader } from '~/routes/arrangor.$eventId.dekning'
import { action as municipalityAction, loader as municipalityLoader } from '~/routes/kommune.$registrationId._index'
import { action as enrolAction } from '~/routes/kommune.$registrationId.ny-deltaker'
import { grantCoverage, previewCoverageConfirmations, sendCoverageConfirmations } from '~/services/coverage-confirmation.server'
import { type EnrolInput, enrolParticipant } from '~/services/enrolment.server'
import { getEventOverview, getHotelNights } from '~/services/event-overview.server'
import { updateEvent } from '~/services/event-setup.server'
import { exportList } from '~/services/exports.server'
import { cancelParticipant, moveParticipant, restoreParticipant, updateParticipant, waiveCharge } from '~/services/participant-changes.server'
import { getRegistrationOverview } from '~/services/registration-view.server'
import { respond, testContext } from '../helpers/app-context'
import { parseCsv } from '../helpers/csv'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { registrationAsOrganiser } from '../helpers/registration-access'
import { enrolInput, eventId, MR, makeContactPerson, makeOrganiser, registrationId, seeded, sessionCookieFor, TEST_MAIL, TR } from '../helpers/fixtures'
import { deliverTo, type SmtpSink, startSmtpSink } from '../helpers/smtp-sink'

/**
 * Binding money (DESIGN.md §3, decision 31) against real
 * PostgreSQL, real SMTP and the real route loaders and actions. Trøndelag
 * 2018 covers 2 overnight places per municipality; its overnight package is
 * ca. 2 500 kr. Møre og Romsdal 2021 covers 4 and has no prices; Volda writes
 * nynorsk.
 */
let t: TestDatabase
let sink: SmtpSink
let organiser: AppUser
let contact: AppUser
let tr: string
let selbu: string
const ids = { day1: '', day2: '', night: '', session: '' }
const open = osloDateTime('2018-10-01', '12:00')
const afterDeadline = osloDateTime('2018-10-25', '12:00')
const running = osloDateTime('2018-11-27', '12:00')
const plain = (text: string | undefined) => (text ?? '').replace(/\s/g, ' ')
const as = (user: { id: string }) => ({ userId: user.id })

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
  contact = await makeContactPerson(t.db, 'kontakt@selbu.example.no', selbu)
  organiser = await makeOrganiser(t.db, 'arrangor@example.no', TR)
  const days = await t.db.selectFrom('event_day').select('id').where('event_id', '=', tr).orderBy('date').execute()
  ids.day1 = days[0]?.id ?? ''
  ids.day2 = days[1]?.id ?? ''
  ids.night = (await t.db.selectFrom('hotel_night').select('id').where('event_id', '=', tr).executeTakeFirstOrThrow()).id
  ids.session = (
    await t.db.selectFrom('program_item').select('id').where('event_id', '=', tr).where('kind', '=', 'parallel').orderBy('starts_at').executeTakeFirstOrThrow()
  ).id
})

function person(name: string, overrides: Partial<EnrolInput> = {}, registration = selbu): EnrolInput {
  return enrolInput(registration, {
    name,
    email: `${name.toLowerCase().replace(/\W/g, '')}@example.no`,
    dayIds: [ids.day1, ids.day2],
    nightIds: [ids.night],
    ...overrides,
  })
}

async function enrol(name: string, overrides: Partial<EnrolInput> = {}, now = open) {
  const enrolled = await enrolParticipant(t.db, TEST_MAIL, as(organiser), person(name, overrides), now)
  if (!enrolled) throw new Error('the fixture could not enrol')
  return enrolled.id
}

/** Selbu: Anne and Bjørn covered overnight, Cecilie self-paid overnight (ca. 2 500 kr). */
async function selbuThree() {
  return { anne: await enrol('Anne Selbu'), bjorn: await enrol('Bjørn Selbu'), cecilie: await enrol('Cecilie Selbu') }
}

async function rooms() {
  return (await t.db.selectFrom('hotel_night').select('rooms_taken').where('id', '=', ids.night).executeTakeFirstOrThrow()).rooms_taken
}

async function invoiceRows() {
  const file = await exportList(t.db, as(organiser), tr, { list: 'faktura', format: 'csv' }, afterDeadline, 'nb')
  return parseCsv(Buffer.from(file?.body ?? new Uint8Array()).toString('utf8'))
}

async function confirmationTo(municipality: string): Promise<ParsedMail | undefined> {
  await deliverTo(sink, t.db)
  return sink.received.find((m) => m.subject?.includes(`dekning for ${municipality} kommune`))
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, field: error.field }
    throw error
  }
  throw new Error('expected a DomainError')
}

function form(fields: Record<string, string | string[]>) {
  const body = new URLSearchParams()
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v)
  return body
}

async function asContact(now: Date) {
  const context = testContext({ db: t.db, now })
  return { context, cookie: await sessionCookieFor(context, contact.id) }
}

async function municipalityPage(context: AppLoadContext, cookie: string, query = '') {
  const response = await respond(() =>
    municipalityLoader({
      request: new Request(`http://localhost/kommune/${selbu}${query}`, { headers: { Cookie: cookie } }),
      params: { registrationId: selbu },
      context,
    }),
  )
  return (await response.json()) as {
    status: { text: string } | null
    confirm: { name: string; late: boolean; consequences: string[] } | null
    meters: { overnight: string; selfPaid: string }
    rows: Array<{ id: string; name: string; coverage: string; active: boolean; canRestore: boolean }>
    coverageNote: string | null
  }
}

async function postMunicipality(context: AppLoadContext, cookie: string, fields: Record<string, string>) {
  return respond(() =>
    municipalityAction({
      request: new Request(`http://localhost/kommune/${selbu}`, { method: 'POST', headers: { Cookie: cookie }, body: form(fields) }),
      params: { registrationId: selbu },
      context,
    }),
  )
}

describe('a late cancellation is binding', () => {
  it('a self-paid participant cancelled after the deadline stays billable: the page, the overview, the invoice basis and the coverage confirmation', async () => {
    const { cecilie } = await selbuThree()
    expect(await rooms()).toBe(3)
    expect(await cancelParticipant(t.db, TEST_MAIL, as(contact), cecilie, afterDeadline)).toEqual({ late: true, promoted: [] })

    // Her room stays taken for the hotel, and what Selbu owes is unchanged.
    expect(await rooms()).toBe(3)
    const overview = await getRegistrationOverview(t.db, await registrationAsOrganiser(t.db, selbu))
    expect(overview.meters).toMatchObject({ overnightUsed: 2, selfPaidCount: 1, selfPaidOre: 250_000, waivedCount: 0, lateCancelledBillable: 1 })
    const row = (await getEventOverview(t.db, as(organiser), tr))?.rows.find((r) => r.name === 'Selbu')
    expect(row).toMatchObject({ participants: 2, selfPaidCount: 1, selfPaidOre: 250_000, lateCancellations: 1, lateCancellationsOwedOre: 250_000 })
    expect((await getHotelNights(t.db, as(organiser), tr))?.nights[0]).toMatchObject({ rooms_taken: 3, covered: 2, selfPaid: 1 })

    const { context, cookie } = await asContact(afterDeadline)
    const page = await municipalityPage(context, cookie)
    expect(plain(page.meters.selfPaid)).toBe('1 person, ca. 2 500 kr (sene avmeldinger er bindende og regnet med)')
    expect(plain(page.rows.find((r) => r.id === cecilie)?.coverage)).toBe('Sen avmelding, bindende: kommunen betaler ca. 2 500 kr')

    const invoice = await invoiceRows()
    expect(invoice[0]?.slice(10)).toEqual(['Sum', 'Herav sene avmeldinger', 'Frafalt', 'Å fakturere', 'Merknad', 'Ikke møtt', 'Møtte ikke'])
    expect(invoice.slice(1)).toEqual([
      [
        'Selbu',
        '1',
        '2500,00',
        '2500,00',
        '0',
        '650,00',
        '0,00',
        '0',
        '',
        '0,00',
        '2500,00',
        '1',
        '0,00',
        '2500,00',
        'Cecilie Selbu: sen avmelding, bindende',
        '0',
        '',
      ],
    ])

    expect(await sendCoverageConfirmations(t.db, TEST_MAIL, as(organiser), tr, afterDeadline)).toBe(1)
    const mail = plain((await confirmationTo('Selbu'))?.text)
    expect(mail).toContain('Cecilie Selbu: sen avmelding, bindende: kommunen betaler fortsatt; egenbetalt; kommunen betaler ca. 2 500 kr')
    expect(mail).toContain('Kommunen betaler i alt: ca. 2 500 kr')
    expect(mail).not.toContain('ingenting')
  })

  it('a covered place cancelled after the deadline keeps its room and its place in the quota: nobody is promoted, a late addition is self-paid', async () => {
    const { anne, cecilie } = await selbuThree()
    expect(await cancelParticipant(t.db, TEST_MAIL, as(contact), anne, afterDeadline)).toEqual({ late: true, promoted: [] })
    expect(await rooms()).toBe(3)
    const covered = await t.db
      .selectFrom('participant_night')
      .select(['participant_id', 'is_covered'])
      .where('participant_id', 'in', [anne, cecilie])
      .orderBy('is_covered')
      .execute()
    expect(covered).toEqual([
      { participant_id: cecilie, is_covered: false },
      { participant_id: anne, is_covered: true },
    ])
    // The organiser adds one more after the deadline: the quota is still used, so the newcomer pays.
    const late = await enrol('Dag Sen', {}, afterDeadline)
    const overview = await getRegistrationOverview(t.db, await registrationAsOrganiser(t.db, selbu))
    expect(overview.participants.find((p) => p.id === late)).toMatchObject({ coveredOvernight: false, amount: 250_000 })
    expect(overview.meters).toMatchObject({ overnightUsed: 2, overnightQuota: 2, selfPaidCount: 2, selfPaidOre: 500_000 })
    expect(await rooms()).toBe(4)
    // A grant after the deadline goes to an active participant, never to the late cancellation.
    expect((await grantCoverage(t.db, TEST_MAIL, as(organiser), selbu, { overnight: 1, dayPackages: 0 }, afterDeadline))?.promoted).toEqual([cecilie])

    // The confirmation says the place still counts.
    await sendCoverageConfirmations(t.db, TEST_MAIL, as(organiser), tr, afterDeadline)
    expect(plain((await confirmationTo('Selbu'))?.text)).toContain(
      'Anne Selbu: sen avmelding, bindende: plassen teller fortsatt i kommunens kvote og på hotellet; dekket overnatting',
    )
  })

  it('the control: a cancellation before the deadline gives back the room and the covered place, and bills nothing', async () => {
    const { anne, cecilie } = await selbuThree()
    expect(await cancelParticipant(t.db, TEST_MAIL, as(contact), anne, open)).toEqual({ late: false, promoted: [cecilie] })
    expect(await rooms()).toBe(2)
    expect((await getRegistrationOverview(t.db, await registrationAsOrganiser(t.db, selbu))).meters).toMatchObject({
      overnightUsed: 2,
      selfPaidCount: 0,
      selfPaidOre: 0,
    })
  })
})

describe('the organiser waives a charge', () => {
  it('with a reason, audited, shown in the overview, the invoice basis and the coverage confirmation; never by a contact person', async () => {
    const { anne, cecilie } = await selbuThree()
    await cancelParticipant(t.db, TEST_MAIL, as(contact), cecilie, afterDeadline)

    expect(await waiveCharge(t.db, as(contact), cecilie, 'Syk', afterDeadline)).toBeNull()
    expect(await refusal(waiveCharge(t.db, as(organiser), cecilie, '   ', afterDeadline))).toEqual({ code: 'waiver_reason_missing', field: 'reason' })
    expect(await refusal(waiveCharge(t.db, as(organiser), anne, 'Dekket uansett', afterDeadline))).toEqual({ code: 'nothing_to_waive', field: 'reason' })
    expect(await t.db.selectFrom('audit_log').select('id').where('action', 'like', 'participant.charge%').execute()).toEqual([])

    expect(await waiveCharge(t.db, as(organiser), cecilie, ' Sykdom, legeerklæring mottatt ', afterDeadline)).toEqual({ waived: true })
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor_user_id', 'entity_id', 'after'])
      .where('action', '=', 'participant.charge_waived')
      .executeTakeFirstOrThrow()
    expect(audit).toEqual({
      action: 'participant.charge_waived',
      actor_user_id: organiser.id,
      entity_id: cecilie,
      after: { name: 'Cecilie Selbu', reason: 'Sykdom, legeerklæring mottatt' },
    })

    expect((await getRegistrationOverview(t.db, await registrationAsOrganiser(t.db, selbu))).meters).toMatchObject({
      selfPaidCount: 0,
      selfPaidOre: 0,
      waivedCount: 1,
      waivedOre: 250_000,
    })
    expect((await getEventOverview(t.db, as(organiser), tr))?.totals).toMatchObject({ selfPaidOre: 0, waivedCount: 1, waivedOre: 250_000 })
    expect((await invoiceRows()).slice(1)).toEqual([
      [
        'Selbu',
        '1',
        '2500,00',
        '2500,00',
        '0',
        '650,00',
        '0,00',
        '0',
        '',
        '0,00',
        '2500,00',
        '1',
        '2500,00',
        '0,00',
        'Cecilie Selbu: sen avmelding, bindende; frafalt: Sykdom, legeerklæring mottatt',
        '0',
        '',
      ],
    ])
    await sendCoverageConfirmations(t.db, TEST_MAIL, as(organiser), tr, afterDeadline)
    const mail = plain((await confirmationTo('Selbu'))?.text)
    expect(mail).toContain('ca. 2 500 kr er frafalt av arrangøren (Sykdom, legeerklæring mottatt), kommunen betaler ingenting')
    expect(mail).toContain('Frafalt av arrangøren: ca. 2 500 kr')

    // Taken back: owed again, and audited.
    expect(await waiveCharge(t.db, as(organiser), cecilie, null, afterDeadline)).toEqual({ waived: false })
    expect((await getRegistrationOverview(t.db, await registrationAsOrganiser(t.db, selbu))).meters).toMatchObject({ selfPaidOre: 250_000, waivedCount: 0 })
    expect(await t.db.selectFrom('audit_log').select('action').where('action', '=', 'participant.charge_unwaived').execute()).toHaveLength(1)
  })

  it('on Dekning: an empty reason is told at the field and changes nothing; a reason waives and the page says so', async () => {
    const { cecilie } = await selbuThree()
    await cancelParticipant(t.db, TEST_MAIL, as(contact), cecilie, afterDeadline)
    const context = testContext({ db: t.db, now: afterDeadline })
    const cookie = await sessionCookieFor(context, organiser.id)
    const post = (fields: Record<string, string>) =>
      respond(() =>
        coverageAction({
          request: new Request(`http://localhost/arrangor/${tr}/dekning`, { method: 'POST', headers: { Cookie: cookie }, body: form(fields) }),
          params: { eventId: tr },
          context,
        }),
      )
    const empty = await post({ intent: 'waive', participantId: cecilie, reason: ' ' })
    expect(empty.status).toBe(400)
    expect(JSON.stringify(await empty.json())).toContain('Skriv hvorfor kommunen ikke skal betale.')
    expect(
      (await t.db.selectFrom('participant').select('charge_waived_reason').where('id', '=', cecilie).executeTakeFirstOrThrow()).charge_waived_reason,
    ).toBeNull()

    const done = await post({ intent: 'waive', participantId: cecilie, reason: 'Flom stengte veien' })
    expect(done.status).toBe(302)
    const page = await respond(() =>
      coverageLoader({
        request: new Request(`http://localhost${done.headers.get('location')}`, { headers: { Cookie: cookie } }),
        params: { eventId: tr },
        context,
      }),
    )
    const data = (await page.json()) as { waiverSaved: string; lateCancellations: Array<{ name: string; waiverReason: string | null }> }
    expect(data.waiverSaved).toContain('Betalingen for Cecilie Selbu er frafalt')
    expect(data.lateCancellations).toEqual([expect.objectContaining({ name: 'Cecilie Selbu', waiverReason: 'Flom stengte veien' })])
    // Another event's organiser reaches nothing.
    const other = await makeOrganiser(t.db, 'annen@example.no', MR)
    expect(await waiveCharge(t.db, as(other), cecilie, 'Nei', afterDeadline)).toBeNull()
  })
})

describe('what extras cost', () => {
  it('an event free for the municipalities with no price reads as a price to be agreed, never a bare "pris ikke fastsatt"; free extras cost nothing', async () => {
    const mr = await eventId(t.db, MR)
    const volda = await registrationId(t.db, MR, 'Volda')
    const mrOrganiser = await makeOrganiser(t.db, 'arrangor-mr@example.no', MR)
    const night = (
      await t.db.selectFrom('hotel_night').select('id').where('event_id', '=', mr).where('night_date', '=', '2021-11-11').executeTakeFirstOrThrow()
    ).id
    const days = (await t.db.selectFrom('event_day').select('id').where('event_id', '=', mr).orderBy('date').execute()).map((d) => d.id)
    const mrOpen = osloDateTime('2021-09-01', '12:00')
    // As an event made before the setting existed: no price, and nothing said about extras.
    await t.db.updateTable('event').set({ extras_pricing: null, extras_pricing_note: '' }).where('id', '=', mr).execute()
    for (const n of [1, 2, 3, 4, 5]) {
      await enrolParticipant(
        t.db,
        TEST_MAIL,
        as(mrOrganiser),
        enrolInput(volda, { name: `Volda ${n}`, email: `v${n}@volda.example.no`, dayIds: days, nightIds: [night] }),
        mrOpen,
      )
    }
    const fifth = (await getRegistrationOverview(t.db, await registrationAsOrganiser(t.db, volda))).participants.find((p) => p.name === 'Volda 5')
    expect(fifth).toMatchObject({ coveredOvernight: false, amount: null })

    const voldaContact = await makeContactPerson(t.db, 'kontakt@volda.example.no', volda)
    const context = testContext({ db: t.db, now: mrOpen })
    const cookie = await sessionCookieFor(context, voldaContact.id)
    const load = async () =>
      (await (
        await respond(() =>
          municipalityLoader({
            // Volda writes nynorsk; this test reads the page in bokmål (the other form is the pages' own tests' business).
            request: new Request(`http://localhost/kommune/${volda}?maalform=nb`, { headers: { Cookie: cookie } }),
            params: { registrationId: volda },
            context,
          }),
        )
      ).json()) as { rows: Array<{ name: string; coverage: string }>; meters: { selfPaid: string }; coverageNote: string | null }
    const agreed = await load()
    expect(JSON.stringify(agreed)).not.toMatch(/pris ikke fastsatt(?! ennå; arrangøren gir beskjed)/)
    expect(agreed.rows.find((r) => r.name === 'Volda 5')?.coverage).toBe('Egenbetalt (pris etter avtale med arrangøren)')
    expect(agreed.coverageNote).toBe('Prisen for deltakere utover de dekkede plassene avtales med arrangøren.')

    // The organiser states it on the event: extras are free, with a note.
    const event = await t.db.selectFrom('event').selectAll().where('id', '=', mr).executeTakeFirstOrThrow()
    const values = eventToFormValues(event)
    expect(values.extrasPricing).toBe('agreed')
    const refused = eventFormSchema.safeParse({ ...values, extrasPricing: 'listed' })
    expect(refused.success ? [] : refused.error.issues.map((i) => i.path.join('.'))).toEqual(['extrasPricing'])
    const noNote = eventFormSchema.safeParse({ ...values, extrasPricing: 'agreed', extrasPricingNote: '' })
    expect(noNote.success ? [] : noNote.error.issues.map((i) => i.path.join('.'))).toEqual(['extrasPricingNote'])
    const free = eventFormSchema.parse({ ...values, extrasPricing: 'free', extrasPricingNote: 'Arrangøren dekker også dagpakker utover kvoten.' })
    expect(await updateEvent(t.db, as(mrOrganiser), mr, free, mrOpen)).not.toBeNull()
    expect(await t.db.selectFrom('event').select(['extras_pricing', 'extras_pricing_note']).where('id', '=', mr).executeTakeFirstOrThrow()).toEqual({
      extras_pricing: 'free',
      extras_pricing_note: 'Arrangøren dekker også dagpakker utover kvoten.',
    })
    const freePage = await load()
    expect(freePage.rows.find((r) => r.name === 'Volda 5')?.coverage).toBe('Egenbetalt (0 kr)')
    expect(freePage.meters.selfPaid).toBe('ingen')
    expect(freePage.coverageNote).toBe('Deltakere utover de dekkede plassene er gratis for kommunen. Arrangøren dekker også dagpakker utover kvoten.')
    const saved = await t.db.selectFrom('event').selectAll().where('id', '=', mr).executeTakeFirstOrThrow()
    expect(describeCoverage(saved, [], 2, 'nb').join(' ')).toContain(
      'Kommunen kan melde på flere. Deltakere utover de dekkede plassene er gratis for kommunen.',
    )
    // The public event page says it too.
    const publicPage = await respond(() => publicLoader({ request: new Request(`http://localhost/arrangementer/${MR}`), params: { slug: MR }, context }))
    expect(((await publicPage.json()) as { coverage: string[] }).coverage.join(' ')).toContain(
      'Kommunen kan melde på flere. Deltakere utover de dekkede plassene er gratis for kommunen. Arrangøren dekker også dagpakker utover kvoten.',
    )
  })
})

describe('"Meld av" and "Sen avmelding" ask first and can be undone', () => {
  it('a cancel without confirmation goes to the confirmation step, which names the person and that a late cancellation stays billable; then undo', async () => {
    const { cecilie } = await selbuThree()
    const { context, cookie } = await asContact(afterDeadline)

    const unconfirmed = await postMunicipality(context, cookie, { intent: 'cancel', participantId: cecilie })
    expect(unconfirmed.status).toBe(302)
    expect(unconfirmed.headers.get('location')).toBe(`/kommune/${selbu}?avmeld=${cecilie}#bekreft-avmelding`)
    expect((await t.db.selectFrom('participant').select('status').where('id', '=', cecilie).executeTakeFirstOrThrow()).status).toBe('active')

    const step = await municipalityPage(context, cookie, `?avmeld=${cecilie}`)
    expect(step.confirm).toMatchObject({ name: 'Cecilie Selbu', late: true })
    expect(plain(step.confirm?.consequences.join(' '))).toContain(
      'Kommunen betaler fortsatt for deltakeren: ca. 2 500 kr. Bare arrangøren kan frafalle betalingen.',
    )
    expect(plain(step.confirm?.consequences.join(' '))).toContain('Du kan angre avmeldingen fram til samlingen starter.')

    const confirmed = await postMunicipality(context, cookie, { intent: 'cancel', participantId: cecilie, confirmed: 'ja' })
    expect(confirmed.headers.get('location')).toBe(`/kommune/${selbu}?melding=sen-avmeldt&deltaker=${cecilie}#status`)
    // Pressed twice: the second finds it done and says so, not a 404, and changes nothing.
    const auditRows = async () => (await t.db.selectFrom('audit_log').select('id').execute()).length
    const rowsBefore = await auditRows()
    const again = await postMunicipality(context, cookie, { intent: 'cancel', participantId: cecilie, confirmed: 'ja' })
    expect([again.status, again.headers.get('location')]).toEqual([302, `/kommune/${selbu}?melding=sen-avmeldt&deltaker=${cecilie}#status`])
    expect(await auditRows()).toBe(rowsBefore)
    const after = await municipalityPage(context, cookie, `?melding=sen-avmeldt&deltaker=${cecilie}`)
    expect(plain(after.status?.text)).toBe(
      'Cecilie Selbu er registrert som sen avmelding. Påmeldingen er bindende: kommunen betaler fortsatt ca. 2 500 kr. Du kan angre avmeldingen fram til samlingen starter.',
    )
    expect(after.rows.find((r) => r.id === cecilie)).toMatchObject({ active: false, canRestore: true })

    const undone = await postMunicipality(context, cookie, { intent: 'restore', participantId: cecilie })
    expect(undone.headers.get('location')).toBe(`/kommune/${selbu}?melding=angret&deltaker=${cecilie}#status`)
    expect((await postMunicipality(context, cookie, { intent: 'restore', participantId: cecilie })).headers.get('location')).toBe(
      `/kommune/${selbu}?melding=angret&deltaker=${cecilie}#status`,
    )
    expect(
      await t.db.selectFrom('participant').select(['status', 'cancelled_at', 'cancelled_holdings']).where('id', '=', cecilie).executeTakeFirstOrThrow(),
    ).toEqual({
      status: 'active',
      cancelled_at: null,
      cancelled_holdings: null,
    })
    expect(await rooms()).toBe(3)
    expect(
      (await t.db.selectFrom('audit_log').select('action').where('entity_id', '=', cecilie).orderBy('id').execute()).map((r) => r.action).slice(-2),
    ).toEqual(['participant.late_cancelled', 'participant.restored'])
    // Once the event runs, a late cancellation can no longer be undone.
    await cancelParticipant(t.db, TEST_MAIL, as(organiser), cecilie, afterDeadline)
    expect(await refusal(restoreParticipant(t.db, TEST_MAIL, as(contact), cecilie, running))).toEqual({ code: 'restore_not_possible', field: undefined })
  })

  it('an undo before the deadline retakes the room and seat under the counters, comes last in line, and says so when the room is gone', async () => {
    const anne = await enrol('Anne Selbu', { sessionIds: [ids.session] })
    await enrol('Bjørn Selbu')
    const cecilie = await enrol('Cecilie Selbu')
    await cancelParticipant(t.db, TEST_MAIL, as(contact), anne, open)
    expect(await rooms()).toBe(2)
    // Cecilie got Anne's covered place; the undo does not take it back.
    const restored = await restoreParticipant(t.db, TEST_MAIL, as(contact), anne, open)
    expect(restored).toEqual({ late: false, droppedSessions: [], coveredOvernight: false, coveredDays: 0 })
    expect(await rooms()).toBe(3)
    const overview = await getRegistrationOverview(t.db, await registrationAsOrganiser(t.db, selbu))
    expect(overview.participants.map((p) => [p.name, p.coveredOvernight])).toEqual([
      ['Bjørn Selbu', true],
      ['Cecilie Selbu', true],
      ['Anne Selbu', false],
    ])
    expect(await t.db.selectFrom('session_choice').select('program_item_id').where('participant_id', '=', anne).execute()).toEqual([
      { program_item_id: ids.session },
    ])

    // Cancelled again, and the hotel fills up: the undo is refused, naming the night, and changes nothing.
    await cancelParticipant(t.db, TEST_MAIL, as(contact), anne, open)
    await t.db.updateTable('hotel_night').set({ rooms_in_block: 2 }).where('id', '=', ids.night).execute()
    const { context, cookie } = await asContact(open)
    const full = await postMunicipality(context, cookie, { intent: 'restore', participantId: anne })
    expect(full.status).toBe(409)
    expect(plain(JSON.stringify(await full.json()))).toContain('Avmeldingen kan ikke angres: hotellet er fullt natten 27.–28. november 2018')
    expect((await t.db.selectFrom('participant').select('status').where('id', '=', anne).executeTakeFirstOrThrow()).status).toBe('cancelled')
    expect(await rooms()).toBe(2)
    // After the deadline only the organiser may undo a cancellation made before it.
    await t.db.updateTable('hotel_night').set({ rooms_in_block: 110 }).where('id', '=', ids.night).execute()
    expect(await refusal(restoreParticipant(t.db, TEST_MAIL, as(contact), anne, afterDeadline))).toEqual({ code: 'restore_after_deadline', field: undefined })
    expect((await restoreParticipant(t.db, TEST_MAIL, as(organiser), anne, afterDeadline))?.late).toBe(false)
    // A stranger's or another municipality's undo is nothing.
    const tydal = await makeContactPerson(t.db, 'kontakt@tydal.example.no', await registrationId(t.db, TR, 'Tydal'))
    await cancelParticipant(t.db, TEST_MAIL, as(contact), cecilie, open)
    expect(await restoreParticipant(t.db, TEST_MAIL, as(tydal), cecilie, open)).toBeNull()
  })
})

describe('after "Meld på"', () => {
  it('the municipality page says who was enrolled and whether they got a covered place', async () => {
    await enrol('Anne Selbu')
    await enrol('Bjørn Selbu')
    const { context, cookie } = await asContact(open)
    const post = (name: string) =>
      respond(() =>
        enrolAction({
          request: new Request(`http://localhost/kommune/${selbu}/ny-deltaker`, {
            method: 'POST',
            headers: { Cookie: cookie },
            body: form({
              idempotencyKey: crypto.randomUUID(),
              name,
              email: `${name.split(' ')[0]?.toLowerCase()}@selbu.example.no`,
              title: 'Rådgiver',
              roleCategory: 'radgiver',
              fieldsOfWork: 'utslippskutt',
              dayIds: [ids.day1, ids.day2],
              nightIds: ids.night,
              attendsDinner: 'on',
            }),
          }),
          params: { registrationId: selbu },
          context,
        }),
      )
    const response = await post('Kari Selbu')
    expect(response.status).toBe(302)
    const location = response.headers.get('location') ?? ''
    const kari = await t.db.selectFrom('participant').select('id').where('name', '=', 'Kari Selbu').executeTakeFirstOrThrow()
    expect(location).toBe(`/kommune/${selbu}?melding=pameldt&deltaker=${kari.id}#status`)
    const page = await municipalityPage(context, cookie, location.replace(`/kommune/${selbu}`, '').replace('#status', ''))
    expect(plain(page.status?.text)).toBe(
      'Kari Selbu er meldt på, uten dekket plass. Deltakeren er egenbetalt: ca. 2 500 kr. Deltakeren får bekreftelse på e-post, med kontaktpersonen i kopi.',
    )
  })
})

describe('reordering the covered places tells both, truthfully', () => {
  it('the promoted one is told the order changed, the one who lost the place is told too, each with the contact person in copy, in bokmål and nynorsk', async () => {
    const { bjorn, cecilie } = await selbuThree()
    await t.db.deleteFrom('email').execute()
    expect(await moveParticipant(t.db, TEST_MAIL, as(contact), cecilie, 'up', open)).toEqual({ moved: true, promoted: [cecilie], demoted: [bjorn] })
    await deliverTo(sink, t.db)
    await sink.waitFor(2)
    const promoted = sink.received.find((m) => m.subject?.includes('har fått dekket plass'))
    const demoted = sink.received.find((m) => m.subject?.includes('har ikke lenger dekket plass'))
    expect(promoted?.subject).toContain('Cecilie Selbu har fått dekket plass')
    expect(plain(promoted?.text)).toContain('Kommunen har endret rekkefølgen for hvem som bruker de dekkede plassene, og en av dem går nå til deg.')
    expect(plain(promoted?.text)).not.toContain('er blitt ledig')
    expect(plain(demoted?.text)).toContain(
      'Hei, Bjørn Selbu! Kommunen har endret rekkefølgen for hvem som bruker de dekkede plassene, og plassen din går nå til Cecilie Selbu.',
    )
    const cc = (m: ParsedMail | undefined) => (m?.cc && !Array.isArray(m.cc) ? m.cc.text : '')
    expect(cc(promoted)).toBe('kontakt@selbu.example.no')
    expect(cc(demoted)).toBe('kontakt@selbu.example.no')
    expect(demoted?.to && !Array.isArray(demoted.to) ? demoted.to.text : '').toBe('bjrnselbu@example.no')

    // The same messages in nynorsk, from the rows' own parameters.
    const rows = await t.db
      .selectFrom('email')
      .select(['template', 'params'])
      .where('template', 'in', ['participant-promoted', 'participant-demoted'])
      .execute()
    const nn = (template: string) => {
      const params = rows.find((r) => r.template === template)?.params as Record<string, unknown>
      return plain(renderTemplate(template, { ...params, languageForm: 'nn' }).rendered.text)
    }
    expect(nn('participant-promoted')).toMatch(/Kommunen har endra rekkjefølgja for kven som bruk(?:er|ar) dei dekte plassane, og ein av dei går no til deg\./)
    expect(nn('participant-demoted')).toContain('Du er framleis påmeld, men kommunen betaler no sjølv for det som ikkje er dekt')
  })

  it('a grant taken back tells who lost the place, and why', async () => {
    const { cecilie } = await selbuThree()
    await grantCoverage(t.db, TEST_MAIL, as(organiser), selbu, { overnight: 1, dayPackages: 0 }, afterDeadline)
    expect((await getRegistrationOverview(t.db, await registrationAsOrganiser(t.db, selbu))).participants.find((p) => p.id === cecilie)?.coveredOvernight).toBe(
      true,
    )
    await t.db.deleteFrom('email').execute()
    await grantCoverage(t.db, TEST_MAIL, as(organiser), selbu, { overnight: 0, dayPackages: 0 }, afterDeadline)
    const reduced = await t.db.selectFrom('email').select(['template', 'to_addresses', 'cc_addresses', 'params']).execute()
    expect(reduced.map((e) => [e.template, e.to_addresses, e.cc_addresses])).toEqual([
      ['participant-demoted', ['cecilieselbu@example.no'], ['kontakt@selbu.example.no']],
    ])
    expect(plain(renderTemplate('participant-demoted', reduced[0]?.params).rendered.text)).toContain(
      'Hei, Cecilie Selbu! Arrangøren har redusert antallet dekkede plasser for kommunen. Du er fortsatt påmeldt',
    )
  })

  it('another participant taking a night earlier in the order tells who lost the place, and why', async () => {
    const anne = await enrol('Anne Selbu', { nightIds: [], dayIds: [ids.day1] })
    await enrol('Bjørn Selbu')
    const cecilie = await enrol('Cecilie Selbu')
    await t.db.deleteFrom('email').execute()
    const { registrationId: _r, idempotencyKey: _k, ...input } = person('Anne Selbu')
    await updateParticipant(t.db, TEST_MAIL, as(contact), anne, input, open)
    expect(
      (await getRegistrationOverview(t.db, await registrationAsOrganiser(t.db, selbu))).participants.filter((p) => p.coveredOvernight).map((p) => p.name),
    ).toEqual(['Anne Selbu', 'Bjørn Selbu'])
    const told = await t.db.selectFrom('email').select(['template', 'to_addresses', 'params']).where('template', '=', 'participant-demoted').execute()
    expect(told.map((e) => e.to_addresses)).toEqual([['cecilieselbu@example.no']])
    expect(plain(renderTemplate('participant-demoted', told[0]?.params).rendered.text)).toContain(
      'En endring i en annen påmelding fra kommunen gjør at de dekkede plassene er fordelt på nytt.',
    )
    expect((await t.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'participant.demoted').execute()).map((r) => r.entity_id)).toEqual([
      cecilie,
    ])
  })

  it('a place freed by a cancellation still says it became free', async () => {
    const { anne } = await selbuThree()
    await t.db.deleteFrom('email').execute()
    await cancelParticipant(t.db, TEST_MAIL, as(contact), anne, open)
    const row = await t.db.selectFrom('email').select(['params']).where('template', '=', 'participant-promoted').executeTakeFirstOrThrow()
    expect((row.params as { reason: string }).reason).toBe('freed')
    expect(plain(renderTemplate('participant-promoted', row.params).rendered.text)).toContain('En av kommunens dekkede plasser er blitt ledig')
  })
})

describe('the preview on Dekning', () => {
  it('lists late cancellations with what they hold', async () => {
    const { anne } = await selbuThree()
    await cancelParticipant(t.db, TEST_MAIL, as(contact), anne, afterDeadline)
    const preview = await previewCoverageConfirmations(t.db, as(organiser), tr, afterDeadline)
    expect(preview?.municipalities.find((m) => m.name === 'Selbu')?.lateCancellations).toEqual([
      expect.objectContaining({ id: anne, name: 'Anne Selbu', coveredOvernight: true, charge: expect.objectContaining({ amountOre: 0, lateCancelled: true }) }),
    ])
  })
})
