import { randomUUID } from 'node:crypto'
import ICAL from 'ical.js'
import type { ParsedMail } from 'mailparser'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { type EnrolInput, enrolParticipant } from '~/services/enrolment.server'
import { cancelParticipant, substituteParticipant, updateParticipant } from '~/services/participant-changes.server'
import { publishOnlineLink } from '~/services/program-setup.server'
import { sendOrganiserMessage } from '~/services/event-mail.server'
import { deliverDueEmails, enqueueEmail, RETRY_PAUSES_MS } from '~/services/outbox.server'
import { createMailer } from '~/utils/mail.server'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { enrolInput, MR, makeContactPerson, makeOrganiser, registrationId, seeded, TEST_MAIL, TR } from '../helpers/fixtures'
import { deliverTo, type SmtpSink, startSmtpSink } from '../helpers/smtp-sink'

/**
 * The outbox end to end: services write email rows in their transactions, the
 * worker's rounds deliver them to a real SMTP server, which is parsed back.
 */

let t: TestDatabase
let sink: SmtpSink
let organiser: { userId: string }
let selbu: string
let volda: string
const trOpen = osloDateTime('2018-10-01', '12:00')
const mrOpen = osloDateTime('2021-09-01', '12:00')
const addresses = (a: ParsedMail['to'] | ParsedMail['cc']) => (a ? (Array.isArray(a) ? a.map((x) => x.text).join(', ') : a.text) : '')

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
  sink.refusing = false
  selbu = await registrationId(t.db, TR, 'Selbu')
  volda = await registrationId(t.db, MR, 'Volda')
  await makeContactPerson(t.db, 'kontakt@selbu.example.no', selbu)
  await makeContactPerson(t.db, 'kontakt@volda.example.no', volda)
  organiser = { userId: (await makeOrganiser(t.db, 'arrangor@example.no', TR)).id }
  await makeOrganiser(t.db, 'arrangor@example.no', MR)
})

async function choicesOf(slug: string) {
  const event = await t.db.selectFrom('event').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()
  const days = await t.db.selectFrom('event_day').select(['id', 'date']).where('event_id', '=', event.id).orderBy('date').execute()
  const nights = await t.db.selectFrom('hotel_night').select(['id', 'requires_reason']).where('event_id', '=', event.id).orderBy('night_date').execute()
  return { days: days.map((d) => d.id), night: nights.find((n) => !n.requires_reason)?.id ?? '' }
}

async function person(registration: string, slug: string, overrides: Partial<EnrolInput> = {}): Promise<EnrolInput> {
  const c = await choicesOf(slug)
  return enrolInput(registration, { dayIds: c.days, nightIds: [c.night], ...overrides })
}

describe('the enrolment confirmation', () => {
  it('arrives once, to the participant with the contact person in copy, Reply-To the event, both parts, with a calendar file for their days', async () => {
    await enrolParticipant(t.db, TEST_MAIL, organiser, await person(selbu, TR, { name: 'Annen Deltaker', email: 'annen@selbu.example.no' }), trOpen)
    const input = await person(selbu, TR, { name: 'Åse Ørnø Særheim', email: 'ase@selbu.example.no' })
    await enrolParticipant(t.db, TEST_MAIL, organiser, input, trOpen)
    await deliverTo(sink, t.db)
    await sink.waitFor(2)
    expect(sink.received).toHaveLength(2)
    const mail = sink.received.find((m) => addresses(m.to) === 'ase@selbu.example.no')
    expect(addresses(mail?.to)).toBe('ase@selbu.example.no')
    expect(addresses(mail?.cc)).toBe('kontakt@selbu.example.no')
    expect(mail?.replyTo?.text).toBe('klimasamling-trondelag@example.no')
    expect(mail?.from?.value).toEqual([{ name: 'Klimasamling', address: 'klimasamling@example.no' }])
    expect(mail?.subject).toBe('Klimasamling for kommunene i Trøndelag: Åse Ørnø Særheim er påmeldt')
    expect(mail?.html).toContain('<html lang="nb">')
    expect(mail?.text).toContain('Hei, Åse Ørnø Særheim! Selbu kommune har meldt deg på Klimasamling for kommunene i Trøndelag')
    expect(mail?.text).toContain('Hotellnetter: 27.–28. november 2018')
    expect(mail?.text).toContain('Dekket av arrangøren: Overnatting, måltider og begge dager')
    expect(mail?.text).toContain('Kommunen betaler: Ingenting')
    expect(mail?.text).toContain('Påmeldingen er bindende etter fristen 20. oktober 2018 kl. 23.59.')
    expect(mail?.text).toContain('http://app.example/min-side')
    // Nothing about the other participant.
    expect(`${mail?.text} ${mail?.html}`).not.toMatch(/Annen Deltaker|annen@selbu/)

    const ics = mail?.attachments.find((a) => a.filename === 'klimasamling.ics')
    expect(ics?.contentType).toBe('text/calendar')
    const calendar = new ICAL.Component(ICAL.parse(ics?.content.toString('utf8') ?? ''))
    const events = calendar.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e))
    expect(events.map((e) => e.startDate.toJSDate().toISOString().slice(0, 10))).toEqual(['2018-11-27', '2018-11-28'])

    const rows = await t.db.selectFrom('email').select(['status', 'template', 'attempts']).execute()
    expect(rows).toEqual([
      { status: 'sent', template: 'participant-enrolled', attempts: 1 },
      { status: 'sent', template: 'participant-enrolled', attempts: 1 },
    ])
  })

  it('is in nynorsk for a nynorsk municipality (Volda) and says what the municipality pays for a self-paid participant', async () => {
    for (let i = 0; i < 4; i++) await enrolParticipant(t.db, TEST_MAIL, organiser, await person(volda, MR), mrOpen)
    const fifth = await person(volda, MR, { name: 'Kari Volda', email: 'kari@volda.example.no' })
    await enrolParticipant(t.db, TEST_MAIL, organiser, fifth, mrOpen)
    await deliverTo(sink, t.db)
    await sink.waitFor(5)
    const kari = sink.received.find((m) => addresses(m.to) === 'kari@volda.example.no')
    expect(kari?.subject).toBe('Klimasamling for kommunene i Møre og Romsdal: Kari Volda er påmeld')
    expect(kari?.html).toContain('<html lang="nn">')
    expect(kari?.text).toContain('Påmeldinga er bindande etter fristen')
    expect(kari?.text).toContain('Dekt av arrangøren: Ingenting (eigenbetalt)')
    // Møre og Romsdal has no prices: extras are by agreement with the organiser, said so rather than "not set" (decision 31).
    expect(kari?.text).toContain('Kommunen betaler: Etter avtale med arrangøren')
  })

  it('is not written when the enrolment is rolled back', async () => {
    const { night } = await choicesOf(TR)
    await t.db.updateTable('hotel_night').set({ rooms_in_block: 0 }).where('id', '=', night).execute()
    await expect(enrolParticipant(t.db, TEST_MAIL, organiser, await person(selbu, TR), trOpen)).rejects.toBeInstanceOf(DomainError)
    expect(await t.db.selectFrom('email').select('id').execute()).toEqual([])
    await deliverTo(sink, t.db)
    expect(sink.received).toHaveLength(0)
  })
})

describe('delivery', () => {
  it('loses nothing while SMTP refuses: 20 enrolments wait, then all 20 arrive once each', async () => {
    sink.refusing = true
    const regs = await t.db
      .selectFrom('registration')
      .select('id')
      .where('event_id', '=', (await t.db.selectFrom('registration').select('event_id').where('id', '=', selbu).executeTakeFirstOrThrow()).event_id)
      .limit(20)
      .execute()
    for (const r of regs) await enrolParticipant(t.db, TEST_MAIL, organiser, await person(r.id, TR), trOpen)
    const start = new Date()
    await deliverTo(sink, t.db, start)
    const waiting = await t.db.selectFrom('email').select(['status', 'attempts', 'last_error', 'next_attempt_at']).execute()
    expect(waiting).toHaveLength(20)
    expect(waiting.every((e) => e.status === 'queued' && e.attempts === 1 && /451/.test(e.last_error ?? ''))).toBe(true)
    expect(waiting.every((e) => e.next_attempt_at.getTime() === start.getTime() + (RETRY_PAUSES_MS[0] ?? 0))).toBe(true)
    // Not due yet: nothing is tried again before the pause is over.
    expect(
      (await deliverDueEmails(t.db, createMailer({ smtpUrl: sink.url, from: TEST_MAIL.from, mailDir: '/nonexistent' }), new Date(start.getTime() + 1_000)))
        .claimed,
    ).toBe(0)

    sink.refusing = false
    await deliverTo(sink, t.db, new Date(start.getTime() + 31_000))
    await sink.waitFor(20)
    expect(sink.received).toHaveLength(20)
    expect(new Set(sink.received.map((m) => addresses(m.to))).size).toBe(20)
    const sent = await t.db.selectFrom('email').select(['status', 'attempts', 'last_error']).execute()
    expect(sent.every((e) => e.status === 'sent' && e.attempts === 2 && e.last_error === null)).toBe(true)
  })

  it('gives up after the last pause and keeps the error: the email is failed', async () => {
    sink.refusing = true
    await enqueueEmail(
      t.db,
      TEST_MAIL,
      { template: 'test-message', languageForm: 'nb', to: 'x@example.no', params: { appUrl: TEST_MAIL.appUrl, languageForm: 'nb' } },
      trOpen,
    )
    let now = new Date()
    for (let attempt = 1; attempt <= RETRY_PAUSES_MS.length + 1; attempt++) {
      await deliverTo(sink, t.db, now)
      now = new Date(now.getTime() + 7 * 60 * 60_000)
    }
    const [email] = await t.db.selectFrom('email').select(['status', 'attempts', 'last_error']).execute()
    expect(email).toMatchObject({ status: 'failed', attempts: RETRY_PAUSES_MS.length + 1 })
    expect(email?.last_error).toMatch(/451/)
    await deliverTo(sink, t.db, new Date(now.getTime() + 365 * 86_400_000))
    expect(sink.received).toHaveLength(0)
  })

  it('two workers at once deliver every row exactly once', async () => {
    for (let i = 0; i < 40; i++) {
      await enqueueEmail(
        t.db,
        TEST_MAIL,
        {
          template: 'organiser-message',
          languageForm: 'nb',
          to: `mottaker${i}@example.no`,
          params: { languageForm: 'nb', eventTitle: 'Test', subject: `Melding ${i}`, body: `${i}`, signature: 'Arrangøren' },
        },
        trOpen,
      )
    }
    const mailer = () => createMailer({ smtpUrl: sink.url, from: TEST_MAIL.from, mailDir: '/nonexistent' })
    const worker = async () => {
      const m = mailer()
      let claimed = 0
      for (;;) {
        const round = await deliverDueEmails(t.db, m, new Date(), 5)
        if (round.claimed === 0) break
        claimed += round.claimed
      }
      m.close()
      return claimed
    }
    const [a, b] = await Promise.all([worker(), worker()])
    expect((a ?? 0) + (b ?? 0)).toBe(40)
    expect(a).toBeGreaterThan(0)
    expect(b).toBeGreaterThan(0)
    await sink.waitFor(40)
    await new Promise((r) => setTimeout(r, 200))
    expect(sink.received).toHaveLength(40)
    expect(new Set(sink.received.map((m) => m.subject)).size).toBe(40)
  })

  it('the same dedupe key makes one email', async () => {
    const email = {
      template: 'test-message' as const,
      languageForm: 'nb' as const,
      to: 'x@example.no',
      dedupeKey: 'once',
      params: { appUrl: TEST_MAIL.appUrl, languageForm: 'nb' as const },
    }
    expect(await enqueueEmail(t.db, TEST_MAIL, email, trOpen)).not.toBeNull()
    expect(await enqueueEmail(t.db, TEST_MAIL, email, trOpen)).toBeNull()
    expect(await t.db.selectFrom('email').select('id').execute()).toHaveLength(1)
  })
})

describe('messages about a participant', () => {
  const trAfterDeadline = osloDateTime('2018-10-25', '12:00')
  const bySubject = (part: string) => sink.received.filter((m) => m.subject?.includes(part))

  it('a change, and the promotion it causes, each go to the participant with the contact person in copy', async () => {
    const a = await person(selbu, TR, { name: 'Anne A', email: 'anne@selbu.example.no' })
    const enrolled = await enrolParticipant(t.db, TEST_MAIL, organiser, a, trOpen)
    await enrolParticipant(t.db, TEST_MAIL, organiser, await person(selbu, TR), trOpen)
    await enrolParticipant(t.db, TEST_MAIL, organiser, await person(selbu, TR, { name: 'Cecilie C', email: 'cecilie@selbu.example.no' }), trOpen)
    const { registrationId: _r, idempotencyKey: _k, ...form } = a
    await updateParticipant(t.db, TEST_MAIL, organiser, enrolled?.id ?? '', { ...form, nightIds: [], title: 'Klimarådgiver' }, trOpen)
    await deliverTo(sink, t.db)
    await sink.waitFor(5)
    const [changed] = bySubject('påmeldingen til Anne A er endret')
    expect(addresses(changed?.to)).toBe('anne@selbu.example.no')
    expect(addresses(changed?.cc)).toBe('kontakt@selbu.example.no')
    expect(changed?.text).toContain('Hotellnetter: Ingen (dagpakke)')
    const [promoted] = bySubject('Cecilie C har fått dekket plass')
    expect(addresses(promoted?.to)).toBe('cecilie@selbu.example.no')
    expect(addresses(promoted?.cc)).toBe('kontakt@selbu.example.no')
    expect(promoted?.text).toContain('Kommunen betaler: Ingenting')
    expect(sink.received).toHaveLength(5)
  })

  it('a substitution mails the new person and the one replaced; a late cancellation mails the participant and the organisers', async () => {
    const first = await enrolParticipant(t.db, TEST_MAIL, organiser, await person(selbu, TR, { name: 'Per P', email: 'per@selbu.example.no' }), trOpen)
    const second = await enrolParticipant(t.db, TEST_MAIL, organiser, await person(selbu, TR, { name: 'Siv S', email: 'siv@selbu.example.no' }), trOpen)
    await substituteParticipant(
      t.db,
      TEST_MAIL,
      organiser,
      first?.id ?? '',
      { name: 'Nils N', email: 'nils@selbu.example.no', phone: null, title: 'Planlegger', roleCategory: 'fagansvarlig' },
      trAfterDeadline,
    )
    await cancelParticipant(t.db, TEST_MAIL, organiser, second?.id ?? '', trAfterDeadline)
    await deliverTo(sink, t.db)
    await sink.waitFor(6)
    expect(sink.received).toHaveLength(6)
    const [substitute] = bySubject('Nils N kommer i stedet for Per P')
    expect(addresses(substitute?.to)).toBe('nils@selbu.example.no')
    expect(addresses(substitute?.cc)).toBe('kontakt@selbu.example.no')
    const [replaced] = bySubject('Nils N har tatt over plassen til Per P')
    expect(addresses(replaced?.to)).toBe('per@selbu.example.no')
    const [cancelled] = bySubject('Siv S er meldt av')
    expect(addresses(cancelled?.to)).toBe('siv@selbu.example.no')
    expect(addresses(cancelled?.cc)).toBe('kontakt@selbu.example.no')
    expect(cancelled?.text).toContain('registrert som sen avmelding')
    const [notice] = bySubject('sen avmelding fra Selbu kommune')
    expect(addresses(notice?.to)).toBe('klimasamling-trondelag@example.no')
    expect(notice?.text).toContain('Siv S fra Selbu kommune er meldt av etter fristen.')
    expect(notice?.text).toContain('27.–28. november 2018')
  })
})

describe('a digital session link', () => {
  it("goes to every registered participant of the event, their contact person in copy, in their municipality's language form, once per link", async () => {
    const molde = await registrationId(t.db, MR, 'Molde')
    await enrolParticipant(t.db, TEST_MAIL, organiser, await person(volda, MR, { name: 'Vilde Volda', email: 'vilde@volda.example.no' }), mrOpen)
    await enrolParticipant(t.db, TEST_MAIL, organiser, await person(molde, MR, { name: 'Mona Molde', email: 'mona@molde.example.no' }), mrOpen)
    const cancelled = await enrolParticipant(t.db, TEST_MAIL, organiser, await person(molde, MR, { name: 'Borte Borte' }), mrOpen)
    await cancelParticipant(t.db, TEST_MAIL, organiser, cancelled?.id ?? '', mrOpen)
    await deliverTo(sink, t.db)
    sink.received.length = 0
    const mr = await t.db.selectFrom('event').select('id').where('slug', '=', MR).executeTakeFirstOrThrow()
    const webinar = await t.db
      .selectFrom('program_item')
      .select(['id', 'title'])
      .where('event_id', '=', mr.id)
      .where('kind', '=', 'digital')
      .orderBy('starts_at')
      .executeTakeFirstOrThrow()
    const organiserMr = { userId: organiser.userId }
    await publishOnlineLink(t.db, TEST_MAIL, organiserMr, mr.id, webinar.id, 'https://teams.example.no/m/1', mrOpen)
    await publishOnlineLink(t.db, TEST_MAIL, organiserMr, mr.id, webinar.id, 'https://teams.example.no/m/1', mrOpen)
    await deliverTo(sink, t.db)
    await sink.waitFor(2)
    await new Promise((r) => setTimeout(r, 100))
    expect(sink.received.map((m) => addresses(m.to)).sort()).toEqual(['mona@molde.example.no', 'vilde@volda.example.no'])
    const vilde = sink.received.find((m) => addresses(m.to) === 'vilde@volda.example.no')
    // Volda has a contact person, Molde has none.
    expect(addresses(vilde?.cc)).toBe('kontakt@volda.example.no')
    expect(sink.received.find((m) => addresses(m.to) === 'mona@molde.example.no')?.cc).toBeUndefined()
    expect(vilde?.subject).toBe(`Klimasamling for kommunene i Møre og Romsdal: lenke til «${webinar.title}»`)
    expect(vilde?.text).toContain('Her er lenka til')
    expect(vilde?.text).toContain('Møtelenke: https://teams.example.no/m/1')
    expect(vilde?.attachments.map((a) => a.filename)).toEqual(['digital-sesjon.ics'])
  })
})

describe("the organiser's message to all participants", () => {
  it('goes to every registered participant with their contact person in copy, once per form key', async () => {
    await enrolParticipant(t.db, TEST_MAIL, organiser, await person(selbu, TR, { name: 'Siri Selbu', email: 'siri@selbu.example.no' }), trOpen)
    const gone = await enrolParticipant(t.db, TEST_MAIL, organiser, await person(selbu, TR), trOpen)
    await cancelParticipant(t.db, TEST_MAIL, organiser, gone?.id ?? '', trOpen)
    await deliverTo(sink, t.db)
    sink.received.length = 0
    const tr = await t.db.selectFrom('event').select('id').where('slug', '=', TR).executeTakeFirstOrThrow()
    const message = { idempotencyKey: randomUUID(), subject: 'Endret romfordeling', body: 'Hei!\n\nVi har fått flere rom. Æ, ø og å virker.' }
    expect(await sendOrganiserMessage(t.db, TEST_MAIL, organiser, tr.id, message, trOpen)).toBe(1)
    expect(await sendOrganiserMessage(t.db, TEST_MAIL, organiser, tr.id, message, trOpen)).toBe(0)
    expect(await sendOrganiserMessage(t.db, TEST_MAIL, { userId: randomUUID() }, tr.id, message, trOpen)).toBeNull()
    await deliverTo(sink, t.db)
    const [mail] = await sink.waitFor(1)
    await new Promise((r) => setTimeout(r, 100))
    expect(sink.received).toHaveLength(1)
    expect(addresses(mail?.to)).toBe('siri@selbu.example.no')
    expect(addresses(mail?.cc)).toBe('kontakt@selbu.example.no')
    expect(mail?.replyTo?.text).toBe('klimasamling-trondelag@example.no')
    expect(mail?.subject).toBe('Klimasamling for kommunene i Trøndelag: Endret romfordeling')
    expect(mail?.text).toContain('Vi har fått flere rom. Æ, ø og å virker.')
    expect(mail?.html).toContain('<p>Vi har fått flere rom. Æ, ø og å virker.</p>')
  })
})
