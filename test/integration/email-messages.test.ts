import { randomUUID } from 'node:crypto'
import ICAL from 'ical.js'
import jsQR from 'jsqr'
import type { ParsedMail } from 'mailparser'
import { PNG } from 'pngjs'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { setContactPerson } from '~/services/contact-persons.server'
import { sendCoverageConfirmations } from '~/services/coverage-confirmation.server'
import { queueDeadlineReminders } from '~/services/deadline-reminders.server'
import { type EnrolInput, enrolParticipant } from '~/services/enrolment.server'
import { sendOrganiserMessage } from '~/services/event-mail.server'
import { findInvitation, sendInvitations } from '~/services/invitations.server'
import { loginWithLink, requestLogin } from '~/services/login.server'
import { cancelParticipant, substituteParticipant, updateParticipant } from '~/services/participant-changes.server'
import { publishOnlineLink } from '~/services/program-setup.server'
import { upsertUser } from '~/services/users.server'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { enrolInput, eventId, MR, makeOrganiser, registrationId, seeded, TEST_MAIL, TR } from '../helpers/fixtures'
import { deliverTo, type SmtpSink, startSmtpSink } from '../helpers/smtp-sink'

/**
 * Every message the product sends, each triggered through its real service
 * and received over real SMTP: exactly once, to the right people, from the
 * product's address, Reply-To the event, with a subject that names the event,
 * an HTML and a plain-text part that each say it all, UTF-8 intact, and links
 * into the app at its own address.
 */

let t: TestDatabase
let sink: SmtpSink
let organiser: { userId: string }
let selbu = ''
let meraker = ''
let volda = ''
let molde = ''

const APP = TEST_MAIL.appUrl
const TR_TITLE = 'Klimasamling for kommunene i Trøndelag'
const MR_TITLE = 'Klimasamling for kommunene i Møre og Romsdal'
const TR_REPLY = 'klimasamling-trondelag@example.no'
const MR_REPLY = 'klimasamling-mr@example.no'
const trOpen = osloDateTime('2018-10-01', '12:00')
const trAfterDeadline = osloDateTime('2018-10-25', '12:00')
const mrOpen = osloDateTime('2021-09-01', '12:00')
const mrReminderDay = osloDateTime('2021-09-14', '09:00')

/** The participant whose name carries æ, ø and å through every message about her. */
const ASE = { name: 'Åse Ørnø Særheim', email: 'ase@selbu.example.no' }
const OYVIND = { name: 'Øyvind Bæverfjord', email: 'oyvind@selbu.example.no' }
const ANNE = { name: 'Anne Ås', email: 'anne@selbu.example.no' }
const BJORN = { name: 'Bjørn Bø', email: 'bjorn@selbu.example.no' }
const SELBU_CONTACT = { name: 'Kåre Kontakt', email: 'kontakt@selbu.example.no' }
const MOLDE_CONTACT = { name: 'Målfrid Molde', email: 'kontakt@molde.example.no' }
const TR_FACTS = {
  place: 'Sted: Scandic Hell, Stjørdal, Hell, 7517 Stjørdal',
  hotel: 'Hotell: Scandic Hell, Hell, 7517 Stjørdal',
  days: 'Dager: Dag 1, Dag 2',
  night: 'Hotellnetter: 27.–28. november 2018',
}

const addressesOf = (a: ParsedMail['to'] | ParsedMail['cc']) => (a ? (Array.isArray(a) ? a : [a]).flatMap((x) => x.value.map((v) => v.address ?? '')) : [])
/** Amounts are written with a no-break space; the facts below use a plain one. */
const plain = (s: string) => s.replaceAll('\u00a0', ' ')

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
  selbu = await registrationId(t.db, TR, 'Selbu')
  meraker = await registrationId(t.db, TR, 'Meråker')
  volda = await registrationId(t.db, MR, 'Volda')
  molde = await registrationId(t.db, MR, 'Molde')
  organiser = { userId: (await makeOrganiser(t.db, 'arrangor@example.no', TR)).id }
  await makeOrganiser(t.db, 'arrangor@example.no', MR)
  await nameContact(selbu, SELBU_CONTACT)
})

/** Makes `person` the registration's contact person directly, without the mail the service would queue. */
async function nameContact(registration: string, person: { name: string; email: string }) {
  const user = await upsertUser(t.db, person)
  await t.db.updateTable('registration').set({ contact_user_id: user.id, contact_named_at: trOpen }).where('id', '=', registration).execute()
}

/** Forgets the mail the scene queued, so only the service under test sends. */
async function clearOutbox() {
  await t.db.deleteFrom('email').execute()
}

/** An enrolment with both days, the ordinary hotel night and dinner. */
async function person(registration: string, slug: string, who: { name: string; email: string }): Promise<EnrolInput> {
  const event = await eventId(t.db, slug)
  const days = await t.db.selectFrom('event_day').select('id').where('event_id', '=', event).orderBy('date').execute()
  const nights = await t.db.selectFrom('hotel_night').select(['id', 'requires_reason']).where('event_id', '=', event).orderBy('night_date').execute()
  return enrolInput(registration, {
    name: who.name,
    email: who.email,
    dayIds: days.map((d) => d.id),
    nightIds: nights.filter((n) => !n.requires_reason).map((n) => n.id),
  })
}

async function enrol(registration: string, slug: string, who: { name: string; email: string }, now = slug === TR ? trOpen : mrOpen) {
  const enrolled = await enrolParticipant(t.db, TEST_MAIL, organiser, await person(registration, slug, who), now)
  if (!enrolled) throw new Error(`${who.name} was not enrolled`)
  return enrolled.id
}

/** The one link of a message, as "<text>: <url>" in the text part and as the only <a> in the HTML. */
interface ExpectedLink {
  text: string
  /** The path after the app's address. */
  path: string | RegExp
}

interface Expected {
  to: string
  cc: string[]
  replyTo: string | null
  subject: string | RegExp
  lang: 'nb' | 'nn'
  link: ExpectedLink | null
  /** Whole lines or sentences the text part must hold. */
  facts: string[]
  /** What the text part must not say. */
  absent?: string[]
  /** The calendar file attached, by name. */
  calendar?: string
  /** Further checks on the received message. */
  also?: (mail: ParsedMail) => Promise<void> | void
}

interface Case {
  name: string
  /** Sets the scene, clears the outbox, and calls the service; returns how many messages it sends in all. */
  trigger: () => Promise<number>
  /** The messages checked one by one (all of them, unless the service mails many alike). */
  expected: () => Expected[]
}

/** An ICS file from the message, parsed, with the checks RFC 5545 makes of every file and event. */
function calendarOf(mail: ParsedMail, filename: string) {
  const files = mail.attachments.filter((a) => a.filename === filename)
  expect(files, `one ${filename} attached`).toHaveLength(1)
  const file = files[0]
  expect(file?.contentType).toBe('text/calendar')
  const source = file?.content.toString('utf8') ?? ''
  expect(source.startsWith('BEGIN:VCALENDAR\r\n'), 'lines end with CRLF').toBe(true)
  const calendar = new ICAL.Component(ICAL.parse(source))
  expect(calendar.name).toBe('vcalendar')
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0')
  expect(String(calendar.getFirstPropertyValue('prodid'))).toContain('Klimasamling')
  // The part's content type says method=PUBLISH; the file must say the same (RFC 5545 §3.7.2).
  expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH')
  const events = calendar.getAllSubcomponents('vevent')
  for (const e of events) {
    for (const property of ['uid', 'dtstamp', 'dtstart', 'dtend', 'summary']) expect(e.hasProperty(property), `VEVENT has ${property.toUpperCase()}`).toBe(true)
    expect(String(e.getFirstPropertyValue('url'))).toMatch(new RegExp(`^${APP}/arrangementer/`))
  }
  return events.map((e) => new ICAL.Event(e))
}

/** Everything every message must get right, then the message's own facts. */
async function expectMessage(mail: ParsedMail, e: Expected) {
  const label = `the message to ${e.to} (${mail.subject})`
  expect(mail.from?.value, label).toEqual([{ name: 'Klimasamling', address: 'klimasamling@example.no' }])
  expect(addressesOf(mail.to), label).toEqual([e.to])
  expect(addressesOf(mail.cc), label).toEqual(e.cc)
  expect(mail.replyTo ? addressesOf(mail.replyTo) : null, label).toEqual(e.replyTo === null ? null : [e.replyTo])
  if (typeof e.subject === 'string') expect(mail.subject, label).toBe(e.subject)
  else expect(mail.subject, label).toMatch(e.subject)

  // Both parts, side by side (in a mixed message when a calendar file comes along).
  const contentType = mail.headers.get('content-type') as { value: string } | undefined
  expect(contentType?.value, label).toBe(e.calendar ? 'multipart/mixed' : 'multipart/alternative')
  // Files to open; an image the HTML shows inline (the check-in QR code, by its content id) is not one.
  expect(
    mail.attachments.filter((a) => !a.cid).map((a) => a.filename),
    label,
  ).toEqual(e.calendar ? [e.calendar] : [])
  const text = mail.text ?? ''
  const html = typeof mail.html === 'string' ? mail.html : ''
  expect(text.trim().length, `${label}: a text part`).toBeGreaterThan(0)
  expect(html.trim().length, `${label}: an HTML part`).toBeGreaterThan(0)
  expect(html, label).toContain(`<html lang="${e.lang}">`)
  expect(html, label).toContain('<meta charset="utf-8">')

  // UTF-8 intact: no mojibake nor replacement characters anywhere.
  for (const part of [mail.subject ?? '', text, html]) expect(part, `${label}: UTF-8`).not.toMatch(/Ã|Â|\uFFFD/)

  // The text part stands on its own: no markup, no entities, every fact.
  expect(text, `${label}: no HTML in the text part`).not.toMatch(/<\/?[a-z][^>]*>/i)
  expect(text, `${label}: no HTML entities in the text part`).not.toMatch(/&(?:amp|lt|gt|quot|nbsp|#\d+);/)
  for (const fact of e.facts) {
    expect(plain(text), `${label}: the text part`).toContain(fact)
    // Every fact is in the HTML too (its table puts label and value in cells of their own).
    for (const piece of fact.split(/: (?=[^ ])/)) expect(plain(html), `${label}: the HTML part`).toContain(piece.replaceAll('&', '&amp;'))
  }
  for (const missing of e.absent ?? []) expect(`${text}\n${html}`, label).not.toContain(missing)

  // Links go to the app at its own address.
  const hrefs = [...html.matchAll(/<a\s[^>]*href="([^"]*)"/g)].map((m) => m[1] ?? '')
  if (e.link) {
    expect(hrefs, `${label}: one link`).toHaveLength(1)
    const href = hrefs[0] ?? ''
    expect(href.startsWith(`${APP}/`), `${label}: ${href} starts with ${APP}/`).toBe(true)
    const path = href.slice(APP.length)
    if (typeof e.link.path === 'string') expect(path, label).toBe(e.link.path)
    else expect(path, label).toMatch(e.link.path)
    expect(text, `${label}: the link in the text part`).toContain(`${e.link.text}: ${href}\n`)
    expect(html, label).toContain(`>${e.link.text}</a>`)
  } else {
    expect(hrefs, `${label}: no link`).toEqual([])
    expect(`${text}${html}`, `${label}: no link into the app`).not.toContain(APP)
  }
  await e.also?.(mail)
}

const cases: Case[] = [
  {
    name: 'invitation: to each municipality without a contact person, at its official address',
    trigger: async () => {
      await clearOutbox()
      const sent = await sendInvitations(t.db, TEST_MAIL, organiser, await eventId(t.db, TR), trOpen)
      // The 47 Trøndelag municipalities in the seed and 2 from Møre og Romsdal, less Selbu with its contact person.
      expect(sent).toBe(48)
      return 48
    },
    expected: () => [
      {
        to: 'postmottak@meraker.example.no',
        cc: [],
        replyTo: TR_REPLY,
        subject: `${TR_TITLE}: velg kontaktperson for Meråker kommune`,
        lang: 'nb',
        link: { text: 'Velg kontaktperson', path: /^\/invitasjon\/[A-Za-z0-9_-]{20,}$/ },
        facts: [
          `Meråker kommune er invitert til ${TR_TITLE}`,
          `${TR_TITLE} holdes 27.–28. november 2018.`,
          'Lenken gjelder bare Meråker kommune og slutter å virke når kontaktpersonen er valgt. Påmeldingsfristen er 20. oktober 2018 kl. 23.59.',
          'Spørsmål kan rettes til Håvard Kleppa, Miljødirektoratet (havard.kleppa@example.no).',
        ],
        also: async (mail) => {
          const token = /\/invitasjon\/([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1] ?? ''
          expect((await findInvitation(t.db, token))?.municipality_name).toBe('Meråker')
        },
      },
    ],
  },
  {
    name: 'contact person named, and the one replaced told',
    trigger: async () => {
      await clearOutbox()
      await setContactPerson(t.db, TEST_MAIL, organiser, selbu, ASE, trOpen)
      return 2
    },
    expected: () => [
      {
        to: ASE.email,
        cc: [],
        replyTo: TR_REPLY,
        subject: `${TR_TITLE}: du er kontaktperson for Selbu kommune`,
        lang: 'nb',
        link: { text: 'Logg inn', path: '/logg-inn' },
        facts: [`Hei, ${ASE.name}! Du er nå kontaktperson for Selbu kommune på ${TR_TITLE}.`, 'Som kontaktperson melder du på deltakerne fra kommunen'],
      },
      {
        to: SELBU_CONTACT.email,
        cc: [],
        replyTo: TR_REPLY,
        subject: `${TR_TITLE}: ny kontaktperson for Selbu kommune`,
        lang: 'nb',
        link: null,
        facts: [`Hei, ${SELBU_CONTACT.name}! ${ASE.name} har tatt over som kontaktperson for Selbu kommune på ${TR_TITLE}.`],
      },
    ],
  },
  {
    name: 'login link: to the person alone, with a code, and it logs in',
    trigger: async () => {
      await clearOutbox()
      await requestLogin(t.db, TEST_MAIL, { email: SELBU_CONTACT.email, clientAddress: '10.0.0.1', languageForm: 'nb', returnTo: null }, trOpen)
      return 1
    },
    expected: () => [
      {
        to: SELBU_CONTACT.email,
        cc: [],
        replyTo: null,
        subject: /^Innlogging til Klimasamling: kode \d{6}$/,
        lang: 'nb',
        link: { text: 'Logg inn', path: /^\/logg-inn\/lenke\/[A-Za-z0-9_-]{20,}$/ },
        facts: ['Bruk lenken under for å logge inn. Den virker én gang og i 15 minutter.', 'Åpner e-postprogrammet lenker i en annen nettleser?'],
        also: async (mail) => {
          const code = /innloggingssiden: (\d{6})/.exec(mail.text ?? '')?.[1]
          expect(mail.subject).toBe(`Innlogging til Klimasamling: kode ${code}`)
          const token = /\/logg-inn\/lenke\/([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1] ?? ''
          expect((await loginWithLink(t.db, token, new Date(trOpen.getTime() + 60_000))).userId).toBeTruthy()
        },
      },
    ],
  },
  {
    name: 'participant enrolled: with a calendar file for her days',
    trigger: async () => {
      await clearOutbox()
      await enrol(selbu, TR, ASE)
      return 1
    },
    expected: () => [
      {
        to: ASE.email,
        cc: [SELBU_CONTACT.email],
        replyTo: TR_REPLY,
        subject: `${TR_TITLE}: ${ASE.name} er påmeldt`,
        lang: 'nb',
        link: { text: 'Se påmeldingen og velg sesjoner', path: '/min-side' },
        calendar: 'klimasamling.ics',
        facts: [
          `Hei, ${ASE.name}! Selbu kommune har meldt deg på ${TR_TITLE}, 27.–28. november 2018. Kontaktpersonen i kommunen, ${SELBU_CONTACT.name}, får kopi av denne e-posten.`,
          TR_FACTS.place,
          TR_FACTS.hotel,
          TR_FACTS.days,
          TR_FACTS.night,
          'Middag: Ja',
          'Dekket av arrangøren: Overnatting, måltider og begge dager',
          'Kommunen betaler: Ingenting',
          'Påmeldingen er bindende etter fristen 20. oktober 2018 kl. 23.59.',
          'Spørsmål om samlingen: Håvard Kleppa, Miljødirektoratet (havard.kleppa@example.no).',
        ],
        also: (mail) => {
          const events = calendarOf(mail, 'klimasamling.ics')
          expect(events.map((e) => e.summary)).toEqual([`${TR_TITLE} – Dag 1`, `${TR_TITLE} – Dag 2`])
          expect(events.map((e) => e.startDate.toJSDate().toISOString())).toEqual([
            osloDateTime('2018-11-27', '10:00').toISOString(),
            osloDateTime('2018-11-28', '09:00').toISOString(),
          ])
          expect(events.map((e) => e.location)).toEqual(['Scandic Hell, Stjørdal, Hell, 7517 Stjørdal', 'Scandic Hell, Stjørdal, Hell, 7517 Stjørdal'])
          // The check-in QR code (decision 046): an inline PNG the HTML shows, reading as the code the text gives.
          const qr = mail.attachments.find((a) => a.cid === 'innsjekking-qr@klimasamling')
          expect(qr?.contentType).toBe('image/png')
          // mailparser puts the inline image in place of its cid link, so the HTML showed it.
          expect(mail.html).toMatch(/<img src="data:image\/png;base64,[^"]+" alt="QR-kode for innsjekking"/)
          const image = PNG.sync.read(qr?.content ?? Buffer.alloc(0))
          const code = jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data
          expect(code).toMatch(/^[A-Za-z0-9_-]{38}$/)
          expect(mail.text).toContain(`Koden i tekst: ${code}`)
        },
      },
    ],
  },
  {
    name: 'participant changed: how the registration stands now',
    trigger: async () => {
      await enrol(selbu, TR, ASE)
      const id = (await t.db.selectFrom('participant').select('id').where('email', '=', ASE.email).executeTakeFirstOrThrow()).id
      await clearOutbox()
      const { registrationId: _r, idempotencyKey: _k, ...form } = await person(selbu, TR, ASE)
      await updateParticipant(t.db, TEST_MAIL, organiser, id, { ...form, nightIds: [], attendsDinner: false }, trOpen)
      return 1
    },
    expected: () => [
      {
        to: ASE.email,
        cc: [SELBU_CONTACT.email],
        replyTo: TR_REPLY,
        subject: `${TR_TITLE}: påmeldingen til ${ASE.name} er endret`,
        lang: 'nb',
        link: { text: 'Se påmeldingen', path: '/min-side' },
        facts: [
          `Hei, ${ASE.name}! Påmeldingen din er endret. Slik ser den ut nå:`,
          TR_FACTS.days,
          'Hotellnetter: Ingen (dagpakke)',
          'Middag: Nei',
          'Dekket av arrangøren: Dagpakke: Dag 1',
          'Kommunen betaler: ca. 650 kr',
        ],
      },
    ],
  },
  {
    name: 'participant substituted: the substitute and the one replaced',
    trigger: async () => {
      const id = await enrol(selbu, TR, ASE)
      await clearOutbox()
      await substituteParticipant(
        t.db,
        TEST_MAIL,
        organiser,
        id,
        { ...OYVIND, phone: null, title: 'Planlegger', roleCategory: 'fagansvarlig' },
        trAfterDeadline,
      )
      return 2
    },
    expected: () => [
      {
        to: OYVIND.email,
        cc: [SELBU_CONTACT.email],
        replyTo: TR_REPLY,
        subject: `${TR_TITLE}: ${OYVIND.name} kommer i stedet for ${ASE.name}`,
        lang: 'nb',
        link: { text: 'Se påmeldingen og velg sesjoner', path: '/min-side' },
        facts: [
          `Hei, ${OYVIND.name}! Du tar over plassen til ${ASE.name} på ${TR_TITLE}, 27.–28. november 2018, med dagene, nettene og det som er dekket.`,
          TR_FACTS.night,
          'Dekket av arrangøren: Overnatting, måltider og begge dager',
        ],
      },
      {
        to: ASE.email,
        cc: [SELBU_CONTACT.email],
        replyTo: TR_REPLY,
        subject: `${TR_TITLE}: ${OYVIND.name} har tatt over plassen til ${ASE.name}`,
        lang: 'nb',
        link: null,
        facts: [`Hei, ${ASE.name}! Kommunen har meldt på ${OYVIND.name} i stedet for deg på ${TR_TITLE}. Du er ikke lenger påmeldt.`],
      },
    ],
  },
  {
    name: 'participant cancelled before the deadline',
    trigger: async () => {
      const id = await enrol(selbu, TR, ASE)
      await clearOutbox()
      await cancelParticipant(t.db, TEST_MAIL, organiser, id, trOpen)
      return 1
    },
    expected: () => [
      {
        to: ASE.email,
        cc: [SELBU_CONTACT.email],
        replyTo: TR_REPLY,
        subject: `${TR_TITLE}: ${ASE.name} er meldt av`,
        lang: 'nb',
        link: null,
        facts: [
          `Hei, ${ASE.name}! Selbu kommune har meldt deg av ${TR_TITLE}.`,
          'Spørsmål om samlingen: Håvard Kleppa, Miljødirektoratet (havard.kleppa@example.no).',
        ],
        absent: ['etter fristen', 'sen avmelding'],
      },
    ],
  },
  {
    name: 'participant cancelled late, and the organisers’ notice',
    trigger: async () => {
      const id = await enrol(selbu, TR, ASE)
      await clearOutbox()
      await cancelParticipant(t.db, TEST_MAIL, organiser, id, trAfterDeadline)
      return 2
    },
    expected: () => [
      {
        to: ASE.email,
        cc: [SELBU_CONTACT.email],
        replyTo: TR_REPLY,
        subject: `${TR_TITLE}: ${ASE.name} er meldt av`,
        lang: 'nb',
        link: null,
        facts: [
          `Hei, ${ASE.name}! Selbu kommune har meldt deg av ${TR_TITLE}.`,
          'Avmeldingen kom etter fristen og er registrert som sen avmelding. Påmeldingen var bindende, så kommunen kan bli fakturert for plassen.',
        ],
      },
      {
        to: TR_REPLY,
        cc: [],
        replyTo: null,
        subject: `${TR_TITLE}: sen avmelding fra Selbu kommune`,
        lang: 'nb',
        link: { text: 'Se kommunens påmelding', path: `/kommune/${selbu}` },
        facts: [
          `${ASE.name} fra Selbu kommune er meldt av etter fristen.`,
          'Deltakeren hadde hotellrom 27.–28. november 2018; rommet er gitt tilbake til romkvoten.',
        ],
      },
    ],
  },
  {
    name: 'participant promoted: a covered participant leaves, the self-paid one waiting gets the place',
    trigger: async () => {
      const anne = await enrol(selbu, TR, ANNE)
      await enrol(selbu, TR, BJORN)
      await enrol(selbu, TR, ASE)
      await clearOutbox()
      const result = await cancelParticipant(t.db, TEST_MAIL, organiser, anne, trOpen)
      expect(result?.promoted).toHaveLength(1)
      return 2
    },
    expected: () => [
      {
        to: ASE.email,
        cc: [SELBU_CONTACT.email],
        replyTo: TR_REPLY,
        subject: `${TR_TITLE}: ${ASE.name} har fått dekket plass`,
        lang: 'nb',
        link: { text: 'Se påmeldingen', path: '/min-side' },
        facts: [
          `Hei, ${ASE.name}! En av kommunens dekkede plasser er blitt ledig, og den går nå til deg. Det kommunen betaler for deg, er endret:`,
          TR_FACTS.night,
          'Dekket av arrangøren: Overnatting, måltider og begge dager',
          'Kommunen betaler: Ingenting',
        ],
      },
      {
        to: ANNE.email,
        cc: [SELBU_CONTACT.email],
        replyTo: TR_REPLY,
        subject: `${TR_TITLE}: ${ANNE.name} er meldt av`,
        lang: 'nb',
        link: null,
        facts: [`Hei, ${ANNE.name}! Selbu kommune har meldt deg av ${TR_TITLE}.`],
      },
    ],
  },
  {
    name: 'deadline reminder: to the contact person without participants, and to the official address without a contact person',
    trigger: async () => {
      await nameContact(molde, MOLDE_CONTACT)
      await clearOutbox()
      // All 26 invited municipalities: 25 without a contact person, Molde without participants.
      expect(await queueDeadlineReminders(t.db, TEST_MAIL, mrReminderDay)).toBe(26)
      return 26
    },
    expected: () => [
      {
        to: MOLDE_CONTACT.email,
        cc: [],
        replyTo: MR_REPLY,
        subject: `${MR_TITLE}: påmeldingsfristen er 20. september 2021 kl. 23.59`,
        lang: 'nb',
        link: { text: 'Logg inn og meld på', path: '/logg-inn' },
        facts: [
          `${MR_TITLE} holdes 11.–12. november 2021. Påmeldingsfristen er 20. september 2021 kl. 23.59; etter fristen er påmeldingen bindende.`,
          'Molde kommune har ingen påmeldte deltakere ennå. Som kontaktperson melder du dem på når du har logget inn.',
        ],
      },
      {
        to: 'postmottak@orsta.example.no',
        cc: [],
        replyTo: MR_REPLY,
        subject: `${MR_TITLE}: påmeldingsfristen er 20. september 2021 kl. 23.59`,
        lang: 'nn',
        link: { text: 'Vel kontaktperson', path: /^\/invitasjon\/[A-Za-z0-9_-]{20,}$/ },
        facts: [
          `${MR_TITLE} går føre seg 11.–12. november 2021.`,
          'Ørsta kommune har ikkje valt kontaktperson enno.',
          'Spørsmål kan rettast til Knut S. Hesla, Miljødirektoratet (knut.hesla@example.no).',
        ],
        also: async (mail) => {
          const token = /\/invitasjon\/([A-Za-z0-9_-]+)/.exec(mail.text ?? '')?.[1] ?? ''
          expect((await findInvitation(t.db, token))?.municipality_name).toBe('Ørsta')
        },
      },
    ],
  },
  {
    name: 'coverage confirmation: to the contact person, each participant with what is covered and what the municipality pays',
    trigger: async () => {
      for (const who of [ANNE, BJORN, ASE]) await enrol(selbu, TR, who)
      await clearOutbox()
      expect(await sendCoverageConfirmations(t.db, TEST_MAIL, organiser, await eventId(t.db, TR), trAfterDeadline)).toBe(1)
      return 1
    },
    expected: () => [
      {
        to: SELBU_CONTACT.email,
        cc: [],
        replyTo: TR_REPLY,
        subject: `${TR_TITLE}: bekreftelse av dekning for Selbu kommune`,
        lang: 'nb',
        link: null,
        facts: [
          `Påmeldingsfristen for ${TR_TITLE} (27.–28. november 2018) er ute, og påmeldingen er bindende.`,
          `${ANNE.name}: dekket overnatting`,
          `${BJORN.name}: dekket overnatting`,
          `${ASE.name}: egenbetalt; kommunen betaler ca. 2 500 kr`,
          'Kommunen betaler i alt: ca. 2 500 kr',
          'Arrangøren fakturerer kommunen.',
        ],
      },
    ],
  },
  {
    name: 'digital session link: to every participant, the contact person in copy, with a calendar file',
    trigger: async () => {
      await nameContact(volda, { name: 'Vidar Volda', email: 'kontakt@volda.example.no' })
      await enrol(volda, MR, { name: ASE.name, email: 'ase@volda.example.no' })
      await clearOutbox()
      const mr = await eventId(t.db, MR)
      const webinar = await firstWebinar()
      expect(await publishOnlineLink(t.db, TEST_MAIL, organiser, mr, webinar.id, 'https://teams.example.no/m/1', mrOpen)).toEqual({ id: webinar.id })
      return 1
    },
    expected: () => [
      {
        to: 'ase@volda.example.no',
        cc: ['kontakt@volda.example.no'],
        replyTo: MR_REPLY,
        subject: `${MR_TITLE}: lenke til «${webinarTitle}»`,
        lang: 'nn',
        link: { text: 'Sjå den digitale delen', path: '/min-side' },
        calendar: 'digital-sesjon.ics',
        facts: [
          // Once the date, in nynorsk: the first webinar is on a Tuesday.
          `Hei, ${ASE.name}! Her er lenka til «${webinarTitle}», tysdag 16. november 2021, kl. 12.00–14.00, `,
          'Møtelenke: https://teams.example.no/m/1',
          'Kalenderfila i vedlegget legg møtet inn i kalenderen.',
        ],
        also: (mail) => {
          const [event, ...more] = calendarOf(mail, 'digital-sesjon.ics')
          expect(more).toEqual([])
          expect(event?.summary).toBe(`${webinarTitle} (${MR_TITLE}, digital del)`)
          // The meeting link is for the registered participants' mail, not for a file that gets forwarded.
          expect(mail.attachments[0]?.content.toString('utf8')).not.toContain('teams.example.no')
        },
      },
    ],
  },
  {
    name: 'organiser’s message: to every participant, the contact person in copy where there is one',
    trigger: async () => {
      await enrol(selbu, TR, ASE)
      await enrol(meraker, TR, { name: 'Mona Meråker', email: 'mona@meraker.example.no' })
      await clearOutbox()
      const message = {
        idempotencyKey: randomUUID(),
        subject: 'Endret romfordeling på Hell',
        body: 'Hei!\n\nVi har fått flere rom. Æ, ø og å virker.\n\nTa med godt humør & regntøy.',
      }
      expect(await sendOrganiserMessage(t.db, TEST_MAIL, organiser, await eventId(t.db, TR), message, trOpen)).toBe(2)
      return 2
    },
    expected: () => {
      const common = {
        replyTo: TR_REPLY,
        subject: `${TR_TITLE}: Endret romfordeling på Hell`,
        lang: 'nb' as const,
        link: null,
        facts: [
          'Endret romfordeling på Hell',
          'Vi har fått flere rom. Æ, ø og å virker.',
          'Ta med godt humør & regntøy.',
          `Hilsen Håvard Kleppa, Miljødirektoratet, ${TR_TITLE}`,
        ],
      }
      return [
        { ...common, to: ASE.email, cc: [SELBU_CONTACT.email] },
        { ...common, to: 'mona@meraker.example.no', cc: [] },
      ]
    },
  },
]

let webinarTitle = ''
async function firstWebinar() {
  const webinar = await t.db
    .selectFrom('program_item')
    .select(['id', 'title'])
    .where('event_id', '=', await eventId(t.db, MR))
    .where('kind', '=', 'digital')
    .orderBy('starts_at')
    .executeTakeFirstOrThrow()
  webinarTitle = webinar.title
  return webinar
}

describe('every message, through its service, over SMTP', () => {
  for (const { name, trigger, expected } of cases)
    it(name, async () => {
      const total = await trigger()
      expect(await t.db.selectFrom('email').select('id').execute(), 'queued by the service').toHaveLength(total)
      await deliverTo(sink, t.db)
      await sink.waitFor(total)
      expect(sink.received).toHaveLength(total)
      expect(await t.db.selectFrom('email').select('status').where('status', '!=', 'sent').execute()).toEqual([])
      const messages = expected()
      for (const e of messages) {
        const matching = sink.received.filter(
          (m) => addressesOf(m.to).includes(e.to) && (typeof e.subject === 'string' ? m.subject === e.subject : e.subject.test(m.subject ?? '')),
        )
        expect(matching, `exactly one message to ${e.to}: ${e.subject}`).toHaveLength(1)
        await expectMessage(matching[0] as ParsedMail, e)
      }
      // Where every message is listed, nobody else got anything.
      if (messages.length === total) expect(sink.received.map((m) => addressesOf(m.to)[0]).sort()).toEqual(messages.map((e) => e.to).sort())
    })
})

describe('the language form', () => {
  it('is nynorsk for a nynorsk municipality (Volda) and bokmål for a bokmål one (Molde), in the enrolment confirmation', async () => {
    await nameContact(volda, { name: 'Vidar Volda', email: 'kontakt@volda.example.no' })
    await nameContact(molde, MOLDE_CONTACT)
    await enrol(volda, MR, { name: ASE.name, email: 'ase@volda.example.no' })
    await enrol(molde, MR, { name: 'Mona Mæhle', email: 'mona@molde.example.no' })
    await deliverTo(sink, t.db)
    await sink.waitFor(2)
    expect(sink.received).toHaveLength(2)
    const to = (address: string) => sink.received.find((m) => addressesOf(m.to)[0] === address) as ParsedMail
    await expectMessage(to('ase@volda.example.no'), {
      to: 'ase@volda.example.no',
      cc: ['kontakt@volda.example.no'],
      replyTo: MR_REPLY,
      subject: `${MR_TITLE}: ${ASE.name} er påmeld`,
      lang: 'nn',
      link: { text: 'Sjå påmeldinga og vel sesjonar', path: '/min-side' },
      calendar: 'klimasamling.ics',
      facts: [
        'Påmeldinga er registrert',
        `Hei, ${ASE.name}! Volda kommune har meldt deg på ${MR_TITLE}, 11.–12. november 2021. Kontaktpersonen i kommunen, Vidar Volda, får kopi av denne e-posten.`,
        'Stad: Ålesund',
        'Dagar: Dag 1, Dag 2',
        'Dekt av arrangøren: Overnatting, måltid og begge dagane',
        'Påmeldinga er bindande etter fristen 20. september 2021 kl. 23.59. Før fristen kan kontaktpersonen endre eller melde deg av.',
        'Kalenderfila i vedlegget legg dagane dine inn i kalenderen.',
      ],
      absent: ['Påmeldingen', 'Dekket av', 'Sted: '],
    })
    await expectMessage(to('mona@molde.example.no'), {
      to: 'mona@molde.example.no',
      cc: [MOLDE_CONTACT.email],
      replyTo: MR_REPLY,
      subject: `${MR_TITLE}: Mona Mæhle er påmeldt`,
      lang: 'nb',
      link: { text: 'Se påmeldingen og velg sesjoner', path: '/min-side' },
      calendar: 'klimasamling.ics',
      facts: [
        'Påmeldingen er registrert',
        `Hei, Mona Mæhle! Molde kommune har meldt deg på ${MR_TITLE}, 11.–12. november 2021. Kontaktpersonen i kommunen, ${MOLDE_CONTACT.name}, får kopi av denne e-posten.`,
        'Sted: Ålesund',
        'Dager: Dag 1, Dag 2',
        'Dekket av arrangøren: Overnatting, måltider og begge dager',
        'Påmeldingen er bindende etter fristen 20. september 2021 kl. 23.59. Før fristen kan kontaktpersonen endre eller melde deg av.',
        'Kalenderfilen i vedlegget legger dagene dine inn i kalenderen.',
      ],
      absent: ['Påmeldinga', 'Dekt av', 'Stad: '],
    })
  })
})
