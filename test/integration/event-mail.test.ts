import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { type RenderedEmail, renderEmail } from '../../emails/render'
import { osloDateTime } from '~/domain/dates'
import { action as emailAction, loader as emailLoader } from '~/routes/arrangor.$eventId.e-post.$emailId'
import { loader as listLoader } from '~/routes/arrangor.$eventId.e-post._index'
import { getEventEmail, listEventEmails, retryEmail } from '~/services/event-mail.server'
import { deliverDueEmails, enqueueEmail } from '~/services/outbox.server'
import { upsertUser } from '~/services/users.server'
import type { Mailer } from '~/utils/mail.server'
import { respond, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { eventId, MR, makeContactPerson, makeOrganiser, registrationId, seeded, sessionCookieFor, TR } from '../helpers/fixtures'
import { deliverTo, type SmtpSink, startSmtpSink } from '../helpers/smtp-sink'

let t: TestDatabase
let sink: SmtpSink
let context: AppLoadContext
let mr: string
let tr: string
let organiserId: string
const cookies = { organiser: '', otherOrganiser: '', contact: '', stranger: '' }
/** The emails enqueued before each test, by name. */
const ids = { invitation: '', enrolled: '', custom: '', otherEvent: '', noEvent: '' }

const MAIL = { from: 'Klimasamling <klimasamling@example.no>', appUrl: 'http://app.example' }
// The organiser's clock: after the mail below was written and went wrong.
const NOW = osloDateTime('2021-06-10', '12:00')
const ICS = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n'

const rendered = (subject: string, heading = subject) =>
  renderEmail({ lang: 'nb', subject, heading, paragraphs: ['Hei!', 'Dette er <ikke> HTML fra brukeren & skal vises som tekst.'] })

/**
 * An email as the worker leaves it once rendered (subject, HTML, text and
 * attachments stored), so these tests are about the organiser's view of any
 * template, also one this version does not know.
 */
async function enqueue(
  email: {
    template: string
    to: string
    cc?: string[]
    replyTo?: string
    eventId?: string
    registrationId?: string
    attachments?: Array<{ filename: string; contentType: string; content: string }>
    rendered: RenderedEmail
  },
  at: string,
) {
  const when = osloDateTime('2021-06-01', at)
  const row = await t.db
    .insertInto('email')
    .values({
      template: email.template,
      language_form: 'nb',
      from_address: MAIL.from,
      to_addresses: [email.to],
      cc_addresses: email.cc ?? [],
      reply_to: email.replyTo ?? null,
      event_id: email.eventId ?? null,
      registration_id: email.registrationId ?? null,
      params: '{}',
      subject: email.rendered.subject,
      html: email.rendered.html,
      text: email.rendered.text,
      attachments: JSON.stringify((email.attachments ?? []).map((a) => ({ ...a, encoding: 'utf8' }))),
      next_attempt_at: when,
      created_at: when,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/** A mailer whose server always refuses. */
const refusing: Mailer = {
  send: () => Promise.reject(new Error('550 5.1.1 Mailbox unavailable')),
  close() {},
}

/** Six refused attempts, each after the pause before it has passed: every due email ends as failed. */
async function failEverything() {
  for (let i = 0; i < 6; i += 1) await deliverDueEmails(t.db, refusing, new Date(osloDateTime('2021-06-02', '00:00').getTime() + i * 7 * 3_600_000))
}

const request = (path: string, cookie: string, body?: Record<string, string>) =>
  new Request(`http://localhost${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { Cookie: cookie },
    body: body ? new URLSearchParams(body) : undefined,
  })

const list = (cookie: string, query = '', event = mr) =>
  listLoader({ request: request(`/arrangor/${event}/e-post${query}`, cookie), params: { eventId: event }, context })
const show = (cookie: string, emailId: string, event = mr, query = '') =>
  emailLoader({ request: request(`/arrangor/${event}/e-post/${emailId}${query}`, cookie), params: { eventId: event, emailId }, context })
const retry = (cookie: string, emailId: string, event = mr, body: Record<string, string> = { intent: 'retry' }) =>
  emailAction({ request: request(`/arrangor/${event}/e-post/${emailId}`, cookie, body), params: { eventId: event, emailId }, context })

beforeAll(async () => {
  t = await createTestDatabase()
  sink = await startSmtpSink()
  context = testContext({ db: t.db, now: NOW })
})

afterAll(async () => {
  await sink.close()
  await t.drop()
})

beforeEach(async () => {
  await truncateAll(t.db)
  await seeded(t.db)
  sink.received.length = 0
  mr = await eventId(t.db, MR)
  tr = await eventId(t.db, TR)
  const volda = await registrationId(t.db, MR, 'Volda')
  organiserId = (await makeOrganiser(t.db, 'arrangor@example.no', MR)).id
  cookies.organiser = await sessionCookieFor(context, organiserId)
  cookies.otherOrganiser = await sessionCookieFor(context, (await makeOrganiser(t.db, 'annen@example.no', TR)).id)
  cookies.contact = await sessionCookieFor(context, (await makeContactPerson(t.db, 'kontakt@volda.example.no', volda)).id)
  cookies.stranger = await sessionCookieFor(context, (await upsertUser(t.db, { email: 'fremmed@example.no', name: 'Fremmed' })).id)

  ids.invitation = await enqueue(
    {
      template: 'invitation',
      to: 'postmottak@volda.example.no',
      cc: ['kontakt@volda.example.no'],
      replyTo: 'klimasamling-mr@example.no',
      eventId: mr,
      registrationId: volda,
      rendered: rendered('Invitasjon til Volda', 'Velg kontaktperson'),
    },
    '10:00',
  )
  ids.enrolled = await enqueue(
    {
      template: 'participant-enrolled',
      to: 'kari@volda.example.no',
      eventId: mr,
      attachments: [{ filename: 'klimasamling.ics', contentType: 'text/calendar', content: ICS }],
      rendered: rendered('Du er påmeldt'),
    },
    '10:01',
  )
  ids.custom = await enqueue({ template: 'a-future-template', to: 'ola@molde.example.no', eventId: mr, rendered: rendered('Noe nytt') }, '10:02')
  ids.otherEvent = await enqueue(
    { template: 'invitation', to: 'postmottak@selbu.example.no', eventId: tr, rendered: rendered('Invitasjon til Selbu') },
    '10:03',
  )
  ids.noEvent = await enqueue({ template: 'login-link', to: 'arrangor@example.no', rendered: rendered('Logg inn') }, '10:04')
})

describe('the list of an event’s mail', () => {
  it('shows the organiser only their event’s emails, newest first, with counts per status and Norwegian names', async () => {
    const page = await list(cookies.organiser)
    expect(page.emails.map((e) => e.subject)).toEqual(['Noe nytt', 'Du er påmeldt', 'Invitasjon til Volda'])
    expect(page.emails.map((e) => e.template)).toEqual(['a-future-template', 'Påmeldingsbekreftelse', 'Invitasjon'])
    expect(page.emails[2]).toMatchObject({
      id: ids.invitation,
      time: '1. juni 2021 kl. 10.00',
      to: 'postmottak@volda.example.no',
      cc: 'kontakt@volda.example.no',
      status: { label: 'I kø', color: 'neutral' },
    })
    expect(page.filters.map((f) => `${f.label} (${f.count})`)).toEqual(['Alle (3)', 'I kø (3)', 'Sendes (0)', 'Sendt (0)', 'Feilet (0)'])

    await deliverTo(sink, t.db)
    await sink.waitFor(5)
    const sent = await list(cookies.organiser)
    expect(sent.filters.map((f) => f.count)).toEqual([3, 0, 0, 3, 0])
    expect(sent.emails.every((e) => e.status.label === 'Sendt' && e.status.color === 'success')).toBe(true)
  })

  it('filters by status, and ignores a status it does not know', async () => {
    await failEverything()
    // One that failed twice and waits for its third try.
    await t.db
      .updateTable('email')
      .set({ status: 'queued', attempts: 2, next_attempt_at: osloDateTime('2021-06-03', '08:00') })
      .where('id', '=', ids.enrolled)
      .execute()
    const failed = await list(cookies.organiser, '?status=failed')
    expect(failed.status).toBe('failed')
    expect(failed.emails.map((e) => e.id)).toEqual([ids.custom, ids.invitation])
    expect(failed.emails[0]?.status).toEqual({ label: 'Feilet', color: 'danger' })
    expect(failed.emails[0]?.note).toBe('etter 6 forsøk')
    expect(failed.page).toEqual({ page: 1, pages: 1, matching: 2 })
    const queued = await list(cookies.organiser, '?status=queued')
    expect(queued.emails.map((e) => [e.id, e.note])).toEqual([[ids.enrolled, 'nytt forsøk 3. juni 2021 kl. 08.00']])
    expect((await list(cookies.organiser, '?status=sent')).emails).toEqual([])
    const unknown = await list(cookies.organiser, '?status=drop%20table')
    expect(unknown.status).toBeNull()
    expect(unknown.emails).toHaveLength(3)
  })

  it('is shown a page at a time, newest first, and counts them all', async () => {
    const listed = await listEventEmails(t.db, { userId: organiserId }, mr, { limit: 2 })
    expect(listed?.emails.map((e) => e.id)).toEqual([ids.custom, ids.enrolled])
    expect(listed?.counts).toEqual({ all: 3, queued: 3, sending: 0, sent: 0, failed: 0 })
    expect(listed?.page).toEqual({ page: 1, pages: 2, matching: 3 })
    const second = await listEventEmails(t.db, { userId: organiserId }, mr, { limit: 2, page: 2 })
    expect(second?.emails.map((e) => e.id)).toEqual([ids.invitation])
    expect(second?.page).toEqual({ page: 2, pages: 2, matching: 3 })
    // A page past the end shows the last.
    expect((await listEventEmails(t.db, { userId: organiserId }, mr, { limit: 2, page: 9 }))?.emails.map((e) => e.id)).toEqual([ids.invitation])
    expect(await listEventEmails(t.db, { userId: organiserId }, tr, { limit: 10 })).toBeNull()
  })
})

describe('who may see and retry', () => {
  it('answers 404 to anyone who does not organise the event, and for an email of another event', async () => {
    for (const cookie of [cookies.otherOrganiser, cookies.contact, cookies.stranger]) {
      expect((await respond(() => list(cookie))).status).toBe(404)
      expect((await respond(() => show(cookie, ids.invitation))).status).toBe(404)
      expect((await respond(() => retry(cookie, ids.invitation))).status).toBe(404)
    }
    // The organiser of Møre og Romsdal, for Trøndelag's email: through either event's address.
    expect((await respond(() => list(cookies.organiser, '', tr))).status).toBe(404)
    expect((await respond(() => show(cookies.organiser, ids.otherEvent))).status).toBe(404)
    expect((await respond(() => show(cookies.organiser, ids.otherEvent, tr))).status).toBe(404)
    expect((await respond(() => show(cookies.organiser, ids.noEvent))).status).toBe(404)
    expect((await respond(() => show(cookies.organiser, 'not-a-uuid'))).status).toBe(404)
    expect((await respond(() => retry(cookies.organiser, ids.otherEvent))).status).toBe(404)
    expect(await getEventEmail(t.db, { userId: organiserId }, mr, ids.otherEvent)).toBeNull()
    // The other organiser does see her own.
    expect((await respond(() => show(cookies.otherOrganiser, ids.otherEvent, tr))).status).toBe(200)
    // An organiser of both events sees each email at its own event's address only.
    await t.db.insertInto('event_organiser').values({ event_id: tr, user_id: organiserId }).execute()
    expect((await respond(() => show(cookies.organiser, ids.otherEvent, tr))).status).toBe(200)
    expect((await respond(() => show(cookies.organiser, ids.otherEvent, mr))).status).toBe(404)
    expect((await respond(() => show(cookies.organiser, ids.invitation, tr))).status).toBe(404)
    await failEverything()
    expect((await respond(() => retry(cookies.organiser, ids.otherEvent, mr))).status).toBe(404)
    expect((await respond(() => retry(cookies.organiser, ids.invitation, tr))).status).toBe(404)
    expect((await list(cookies.organiser, '', tr)).emails.map((e) => e.id)).toEqual([ids.otherEvent])
  })

  it('sends a logged-out visitor to the login page', async () => {
    const response = await respond(() => list(''))
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`/logg-inn?til=${encodeURIComponent(`/arrangor/${mr}/e-post`)}`)
  })
})

describe('one email', () => {
  it('shows exactly what was sent: addresses, subject, text, HTML as it is, and attachments by name, type and size', async () => {
    const invitation = await show(cookies.organiser, ids.invitation)
    const stored = await t.db.selectFrom('email').select(['html', 'text']).where('id', '=', ids.invitation).executeTakeFirstOrThrow()
    expect(invitation.email).toMatchObject({
      from: MAIL.from,
      to: 'postmottak@volda.example.no',
      cc: 'kontakt@volda.example.no',
      replyTo: 'klimasamling-mr@example.no',
      subject: 'Invitasjon til Volda',
      template: 'Invitasjon',
      status: { value: 'queued', label: 'I kø' },
      attempts: 0,
      lastError: null,
      sentAt: null,
      smtpMessageId: null,
      attachments: [],
      html: stored.html,
      text: stored.text,
    })
    expect(invitation.email.html).toContain('&lt;ikke&gt; HTML fra brukeren &amp; skal')
    expect(invitation.retried).toBe(false)

    const enrolled = await show(cookies.organiser, ids.enrolled)
    expect(enrolled.email.attachments).toEqual([{ filename: 'klimasamling.ics', contentType: 'text/calendar', size: `${Buffer.byteLength(ICS)} byte` }])
    expect(enrolled.email.cc).toBe('')
    expect(enrolled.email.replyTo).toBeNull()

    await deliverTo(sink, t.db)
    await sink.waitFor(5)
    const sent = await show(cookies.organiser, ids.enrolled)
    const received = sink.received.find((m) => m.subject === 'Du er påmeldt')
    expect(sent.email.status).toMatchObject({ value: 'sent', label: 'Sendt' })
    expect(sent.email.smtpMessageId).toBe(received?.messageId)
    expect(sent.email.sentAt).toMatch(/ kl\. /)
  })
})

describe('an email with an inline image', () => {
  it('shows the image from its own attachment (a data: URL the page allows), not the cid: the browser cannot load', async () => {
    const png = Buffer.from('89504e470d0a1a0a', 'hex').toString('base64')
    const html = '<p>Koden din:</p><p><img src="cid:innsjekking-qr@klimasamling" alt="QR-kode"></p>'
    const row = await t.db
      .insertInto('email')
      .values({
        template: 'participant-enrolled',
        language_form: 'nb',
        from_address: MAIL.from,
        to_addresses: ['ola@volda.example.no'],
        event_id: mr,
        params: '{}',
        subject: 'Du er påmeldt',
        html,
        text: 'Koden din',
        attachments: JSON.stringify([
          { filename: 'klimasamling.ics', contentType: 'text/calendar', encoding: 'utf8', content: ICS },
          { filename: 'innsjekking-qr.png', contentType: 'image/png', encoding: 'base64', content: png, cid: 'innsjekking-qr@klimasamling' },
        ]),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const shown = await getEventEmail(t.db, { userId: organiserId }, mr, row.id)
    expect(shown?.html).toBe(`<p>Koden din:</p><p><img src="data:image/png;base64,${png}" alt="QR-kode"></p>`)
    // What was sent stays as it was.
    expect((await t.db.selectFrom('email').select('html').where('id', '=', row.id).executeTakeFirstOrThrow()).html).toBe(html)
  })
})

describe('sending a failed email again', () => {
  it('puts it back in the queue through the page, with a fresh round of attempts, and it then goes out over SMTP', async () => {
    await failEverything()
    const before = await show(cookies.organiser, ids.invitation)
    expect(before.email).toMatchObject({ status: { value: 'failed', label: 'Feilet' }, attempts: 6, lastError: '550 5.1.1 Mailbox unavailable' })

    const response = await respond(() => retry(cookies.organiser, ids.invitation))
    expect(response.status).toBe(302)
    expect(response.headers.get('Location')).toBe(`/arrangor/${mr}/e-post/${ids.invitation}?sendt-paa-nytt`)
    const queued = await t.db.selectFrom('email').selectAll().where('id', '=', ids.invitation).executeTakeFirstOrThrow()
    expect(queued).toMatchObject({ status: 'queued', attempts: 0, last_error: '550 5.1.1 Mailbox unavailable', next_attempt_at: NOW, sent_at: null })
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'email.retried').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ entity_type: 'email', entity_id: ids.invitation, event_id: mr, actor_user_id: organiserId, actor_label: 'organiser' })
    expect(audit[0]?.before).toMatchObject({ status: 'failed', attempts: 6 })

    const after = await show(cookies.organiser, ids.invitation, mr, '?sendt-paa-nytt')
    expect(after.retried).toBe(true)
    expect(after.email.status.label).toBe('I kø')

    await deliverTo(sink, t.db)
    const [mail] = await sink.waitFor(1)
    expect(sink.received).toHaveLength(1)
    expect(mail?.subject).toBe('Invitasjon til Volda')
    expect(mail?.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('postmottak@volda.example.no')
    expect(mail?.cc && !Array.isArray(mail.cc) ? mail.cc.text : '').toBe('kontakt@volda.example.no')
    const sent = await t.db
      .selectFrom('email')
      .select(['status', 'attempts', 'last_error', 'smtp_message_id'])
      .where('id', '=', ids.invitation)
      .executeTakeFirstOrThrow()
    expect(sent).toEqual({ status: 'sent', attempts: 1, last_error: null, smtp_message_id: mail?.messageId })
    // The others stay failed until someone sends them again.
    const failed = await list(cookies.organiser, '?status=failed')
    expect(failed.emails.map((e) => e.id)).toEqual([ids.custom, ids.enrolled])
  })

  it('refuses an email that was sent, or is still queued, and says why in Norwegian; nothing changes', async () => {
    await deliverTo(sink, t.db)
    await sink.waitFor(5)
    const before = await t.db.selectFrom('email').selectAll().where('id', '=', ids.invitation).executeTakeFirstOrThrow()
    const response = await respond(() => retry(cookies.organiser, ids.invitation))
    expect(response.status).toBe(409)
    expect(await response.json()).toEqual({
      error: 'E-posten ble ikke sendt på nytt, fordi den har status «Sendt». Bare e-post som har feilet, kan sendes på nytt.',
    })
    expect(await t.db.selectFrom('email').selectAll().where('id', '=', ids.invitation).executeTakeFirstOrThrow()).toEqual(before)
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'email.retried').execute()).toEqual([])

    const queued = await enqueue({ template: 'invitation', to: 'postmottak@molde.example.no', eventId: mr, rendered: rendered('Kø') }, '11:00')
    expect(await retryEmail(t.db, { userId: organiserId }, mr, queued, NOW)).toEqual({ retried: false, status: 'queued' })
    expect(await retryEmail(t.db, { userId: organiserId }, mr, ids.otherEvent, NOW)).toBeNull()
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'email.retried').execute()).toEqual([])
  })

  it('answers 400 to an unknown intent', async () => {
    await failEverything()
    const response = await respond(() => retry(cookies.organiser, ids.invitation, mr, { intent: 'send-all' }))
    expect(response.status).toBe(400)
    expect((await t.db.selectFrom('email').select('status').where('id', '=', ids.invitation).executeTakeFirstOrThrow()).status).toBe('failed')
  })
})

describe('an email not yet rendered', () => {
  it('shows the organiser what it will say, rendered from its parameters, and goes out exactly so', async () => {
    const id = await enqueueEmail(
      t.db,
      MAIL,
      {
        template: 'organiser-message',
        languageForm: 'nn',
        to: 'kari@volda.example.no',
        eventId: mr,
        params: {
          languageForm: 'nn',
          eventTitle: 'Klimasamling',
          subject: 'Endra romfordeling',
          body: 'Første avsnitt.\n\nAndre avsnitt.',
          signature: 'Helsing arrangøren',
        },
      },
      NOW,
    )
    const stored = await t.db
      .selectFrom('email')
      .select(['subject', 'html', 'text'])
      .where('id', '=', id ?? '')
      .executeTakeFirstOrThrow()
    expect(stored).toEqual({ subject: null, html: null, text: null })
    const shown = await getEventEmail(t.db, { userId: organiserId }, mr, id ?? '')
    expect(shown).toMatchObject({ subject: 'Klimasamling: Endra romfordeling', rendered: false })
    expect(shown?.text).toContain('Andre avsnitt.')
    const listed = await listEventEmails(t.db, { userId: organiserId }, mr, { limit: 50 })
    expect(listed?.emails.find((e) => e.id === id)?.subject).toBe('Klimasamling: Endra romfordeling')

    await deliverTo(sink, t.db, new Date(NOW.getTime() + 1_000))
    const after = await t.db
      .selectFrom('email')
      .select(['subject', 'text', 'status'])
      .where('id', '=', id ?? '')
      .executeTakeFirstOrThrow()
    expect(after).toMatchObject({ subject: 'Klimasamling: Endra romfordeling', status: 'sent' })
    const mail = (await sink.waitFor(1)).find((m) => m.subject === 'Klimasamling: Endra romfordeling')
    expect(mail?.text?.trim()).toBe(after.text?.trim())
  })
})
