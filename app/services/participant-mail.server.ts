import type { Kysely, Transaction } from 'kysely'
import type { Database, ExtrasPricing, LanguageForm } from '../../db/schema'
import type { ParticipantFacts } from '../../emails/participant-facts'
import type { CoverageAssignment } from '~/domain/coverage'
import { formatDateRange, formatDateTime, formatNight, type IsoDate } from '~/domain/dates'
import { chargeOf, extrasPricingOf } from '~/domain/money'
import type { MailSettings, OutgoingEmail } from './outbox.server'

/**
 * The emails about one participant (DESIGN.md §3, Correspondence): to the
 * participant, with the municipality's contact person in copy, in the
 * municipality's language form, Reply-To the event's mailbox. Built from
 * what the change has already read, so they cost no extra round trip.
 */

/**
 * The columns of the event, the municipality and its contact person that the
 * messages about a participant need; a query that joins `event`,
 * `municipality` and `app_user as contact` selects them with these.
 */
export const MAIL_COLUMNS = [
  'event.title',
  'event.slug',
  'event.venue',
  'event.address',
  'event.hotel_name',
  'event.hotel_address',
  'event.starts_at',
  'event.ends_at',
  'event.deadline_at',
  'event.updated_at',
  'event.reply_to_email',
  'event.organiser_contact_name',
  'event.organiser_contact_email',
  'event.price_overnight_package_ore',
  'event.price_day_package_ore',
  'event.price_dinner_ore',
  'event.prices_are_approximate',
  'event.extras_pricing',
  'event.extras_pricing_note',
  'municipality.name as municipality_name',
  'municipality.language_form',
  'contact.name as contact_name',
  'contact.email as contact_email',
] as const

/**
 * Participants with who their mail goes to: their own address, their
 * municipality's language form and contact person (in copy). The caller picks
 * which participants.
 */
export function selectParticipantRecipients(db: Kysely<Database>) {
  return db
    .selectFrom('participant')
    .innerJoin('registration', 'registration.id', 'participant.registration_id')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .leftJoin('app_user as contact', 'contact.id', 'registration.contact_user_id')
    .select([
      'participant.id',
      'participant.name',
      'participant.email',
      'registration.id as registration_id',
      'municipality.name as municipality_name',
      'municipality.language_form',
      'contact.name as contact_name',
      'contact.email as contact_email',
    ])
}

export interface MailEvent {
  id: string
  title: string
  slug: string
  venue: string
  address: string
  hotel_name: string | null
  hotel_address: string | null
  starts_at: Date
  ends_at: Date
  deadline_at: Date
  updated_at: Date
  reply_to_email: string
  organiser_contact_name: string
  organiser_contact_email: string
  price_overnight_package_ore: number | null
  price_day_package_ore: number | null
  price_dinner_ore: number | null
  prices_are_approximate: boolean
  /** What extras beyond the covered places cost (decision 31). */
  extras_pricing?: ExtrasPricing | null
  extras_pricing_note?: string
}

export interface MailRegistration {
  id: string
  municipality_name: string
  language_form: LanguageForm
  contact_name: string | null
  contact_email: string | null
}

type MailDay = { id: string; date: IsoDate; label: string; starts_at: string | Date; ends_at: string | Date }

/** What every message about a participant lists, from what the change read. */
function factsOf(
  event: MailEvent,
  participant: { attendsDinner: boolean },
  days: MailDay[],
  nights: Array<{ night_date: IsoDate }>,
  sessions: Array<{ title: string }>,
  coverage: CoverageAssignment,
): ParticipantFacts {
  const sorted = [...days].sort((a, b) => a.date.localeCompare(b.date))
  const money = { ...event, extras_pricing: event.extras_pricing ?? null, extras_pricing_note: event.extras_pricing_note ?? '' }
  return {
    place: event.address && event.address !== event.venue ? `${event.venue}, ${event.address}` : event.venue,
    hotel: event.hotel_name ? [event.hotel_name, event.hotel_address].filter(Boolean).join(', ') : null,
    days: sorted.map((d) => d.label),
    nights: [...nights].sort((a, b) => a.night_date.localeCompare(b.night_date)).map((n) => formatNight(n.night_date)),
    attendsDinner: participant.attendsDinner,
    sessions: sessions.map((s) => s.title),
    coveredOvernight: coverage.coveredOvernight,
    coveredDays: sorted.filter((d) => coverage.coveredDays.includes(d.date)).map((d) => d.label),
    // The one rule for money (decision 31): free extras cost nothing, extras by agreement have no amount yet.
    selfPaidOre: chargeOf(
      { status: 'active', nights: nights.length, days: sorted.map((d) => d.date), attendsDinner: participant.attendsDinner, waiverReason: null },
      coverage,
      money,
    ).amountOre,
    pricesApproximate: event.prices_are_approximate,
    extrasPricing: extrasPricingOf(money),
  }
}

function about(event: MailEvent, registration: MailRegistration) {
  return {
    languageForm: registration.language_form,
    cc: registration.contact_email ? [registration.contact_email] : [],
    replyTo: event.reply_to_email,
    eventId: event.id,
    registrationId: registration.id,
  }
}

const organiserContact = (event: MailEvent) => `${event.organiser_contact_name} (${event.organiser_contact_email})`

/** The confirmation of an enrolment, with a calendar file for the participant's days. */
export function enrolmentConfirmation(
  mail: MailSettings,
  change: {
    event: MailEvent
    registration: MailRegistration
    participant: { id: string; name: string; email: string; attendsDinner: boolean }
    days: MailDay[]
    nights: Array<{ night_date: IsoDate }>
    sessions: Array<{ title: string }>
    coverage: CoverageAssignment
    late: boolean
    /** Their check-in code, for the QR code in the message (decision 046). */
    checkInCode?: string
  },
): OutgoingEmail {
  const { event, registration, participant } = change
  const iso = (t: string | Date) => (typeof t === 'string' ? new Date(t) : t).toISOString()
  return {
    ...about(event, registration),
    template: 'participant-enrolled',
    to: participant.email,
    dedupeKey: `participant-enrolled:${participant.id}`,
    params: {
      calendar: {
        event: { id: event.id, title: event.title, venue: event.venue, address: event.address, updated_at: iso(event.updated_at) },
        days: [...change.days]
          .sort((a, b) => a.date.localeCompare(b.date))
          .map((d) => ({ id: d.id, label: d.label, starts_at: iso(d.starts_at), ends_at: iso(d.ends_at) })),
        pageUrl: `${mail.appUrl}/arrangementer/${event.slug}`,
      },
      languageForm: registration.language_form,
      participantName: participant.name,
      municipalityName: registration.municipality_name,
      contactName: registration.contact_name,
      eventTitle: event.title,
      eventDates: formatDateRange(event.starts_at, event.ends_at),
      facts: factsOf(event, participant, change.days, change.nights, change.sessions, change.coverage),
      deadline: formatDateTime(event.deadline_at),
      late: change.late,
      organiserContact: organiserContact(event),
      pageLink: `${mail.appUrl}/min-side`,
      checkInCode: change.checkInCode,
    },
  }
}

/** Everything the messages about one participant say, read after a change (not the hot path). */
export async function readParticipantMail(trx: Transaction<Database>, participantId: string) {
  const row = await trx
    .selectFrom('participant')
    .innerJoin('registration', 'registration.id', 'participant.registration_id')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .innerJoin('event', 'event.id', 'registration.event_id')
    .leftJoin('app_user as contact', 'contact.id', 'registration.contact_user_id')
    .select([
      'participant.id as participant_id',
      'participant.name as participant_name',
      'participant.email as participant_email',
      'participant.attends_dinner',
      'registration.id',
      'event.id as event_id',
      ...MAIL_COLUMNS,
    ])
    .where('participant.id', '=', participantId)
    .executeTakeFirstOrThrow()
  const [days, nights, sessions] = await Promise.all([
    trx
      .selectFrom('participant_day')
      .innerJoin('event_day', 'event_day.id', 'participant_day.event_day_id')
      .select(['event_day.id', 'event_day.date', 'event_day.label', 'event_day.starts_at', 'event_day.ends_at', 'participant_day.is_covered_day_package'])
      .where('participant_day.participant_id', '=', participantId)
      .execute(),
    trx
      .selectFrom('participant_night')
      .innerJoin('hotel_night', 'hotel_night.id', 'participant_night.hotel_night_id')
      .select(['hotel_night.night_date', 'participant_night.is_covered'])
      .where('participant_night.participant_id', '=', participantId)
      .execute(),
    trx
      .selectFrom('session_choice')
      .innerJoin('program_item', 'program_item.id', 'session_choice.program_item_id')
      .select('program_item.title')
      .where('session_choice.participant_id', '=', participantId)
      .orderBy('program_item.starts_at')
      .orderBy('program_item.sort_order')
      .orderBy('program_item.title')
      .execute(),
  ])
  const event: MailEvent = { ...row, id: row.event_id }
  const registration: MailRegistration = row
  const participant = { id: row.participant_id, name: row.participant_name, email: row.participant_email, attendsDinner: row.attends_dinner }
  const coverage = { coveredOvernight: nights.some((n) => n.is_covered), coveredDays: days.filter((d) => d.is_covered_day_package).map((d) => d.date) }
  return { event, registration, participant, facts: factsOf(event, participant, days, nights, sessions, coverage), nights }
}

export type ParticipantMail = Awaited<ReturnType<typeof readParticipantMail>>

/** After a change to the participant: how the registration stands now. */
export function participantChanged(mail: MailSettings, m: ParticipantMail): OutgoingEmail {
  return {
    ...about(m.event, m.registration),
    template: 'participant-changed',
    to: m.participant.email,
    params: {
      languageForm: m.registration.language_form,
      participantName: m.participant.name,
      eventTitle: m.event.title,
      facts: m.facts,
      organiserContact: organiserContact(m.event),
      pageLink: `${mail.appUrl}/min-side`,
    },
  }
}

/** To a participant who got a covered place. */
export function participantPromoted(mail: MailSettings, m: ParticipantMail): OutgoingEmail {
  return {
    ...about(m.event, m.registration),
    template: 'participant-promoted',
    to: m.participant.email,
    params: {
      languageForm: m.registration.language_form,
      participantName: m.participant.name,
      eventTitle: m.event.title,
      facts: m.facts,
      pageLink: `${mail.appUrl}/min-side`,
    },
  }
}

/** To the substitute, and to the one they replace. */
export function participantSubstituted(
  mail: MailSettings,
  m: ParticipantMail,
  former: { name: string; email: string },
  droppedSessions: string[],
): OutgoingEmail[] {
  return [
    {
      ...about(m.event, m.registration),
      template: 'participant-substituted',
      to: m.participant.email,
      params: {
        languageForm: m.registration.language_form,
        newName: m.participant.name,
        formerName: former.name,
        eventTitle: m.event.title,
        eventDates: formatDateRange(m.event.starts_at, m.event.ends_at),
        facts: m.facts,
        droppedSessions,
        organiserContact: organiserContact(m.event),
        pageLink: `${mail.appUrl}/min-side`,
      },
    },
    {
      ...about(m.event, m.registration),
      template: 'participant-replaced',
      to: former.email,
      params: { languageForm: m.registration.language_form, formerName: former.name, newName: m.participant.name, eventTitle: m.event.title },
    },
  ]
}

/** To the participant who was removed; after the deadline also a notice to the organisers' mailbox. */
export function participantCancelled(mail: MailSettings, m: ParticipantMail, late: boolean): OutgoingEmail[] {
  const messages: OutgoingEmail[] = [
    {
      ...about(m.event, m.registration),
      template: 'participant-cancelled',
      to: m.participant.email,
      params: {
        languageForm: m.registration.language_form,
        participantName: m.participant.name,
        municipalityName: m.registration.municipality_name,
        eventTitle: m.event.title,
        late,
        organiserContact: organiserContact(m.event),
      },
    },
  ]
  if (late) {
    messages.push({
      template: 'late-cancellation-notice',
      languageForm: 'nb',
      to: m.event.reply_to_email,
      eventId: m.event.id,
      registrationId: m.registration.id,
      params: {
        participantName: m.participant.name,
        municipalityName: m.registration.municipality_name,
        eventTitle: m.event.title,
        hadNights: m.nights.map((n) => formatNight(n.night_date)),
        pageLink: `${mail.appUrl}/kommune/${m.registration.id}`,
      },
    })
  }
  return messages
}
