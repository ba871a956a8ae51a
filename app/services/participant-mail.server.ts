import type { LanguageForm } from '../../db/schema'
import { participantEnrolledEmail } from '../../emails/participant-enrolled'
import { eventDaysCalendar } from '~/domain/calendar'
import { type CoverageAssignment, selfPaidAmount } from '~/domain/coverage'
import { formatDateRange, formatDateTime, formatNight, type IsoDate } from '~/domain/dates'
import type { MailSettings, OutgoingEmail } from './outbox.server'

/**
 * The emails about one participant (DESIGN.md §3, Correspondence): to the
 * participant, with the municipality's contact person in copy, in the
 * municipality's language form, Reply-To the event's mailbox. Built from
 * what the change has already read, so they cost no extra round trip.
 */

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
}

export interface MailRegistration {
  id: string
  municipality_name: string
  language_form: LanguageForm
  contact_name: string | null
  contact_email: string | null
}

/** The confirmation of an enrolment, with a calendar file for the participant's days. */
export function enrolmentConfirmation(
  mail: MailSettings,
  change: {
    event: MailEvent
    registration: MailRegistration
    participant: { id: string; name: string; email: string; attendsDinner: boolean }
    days: Array<{ id: string; date: IsoDate; label: string; starts_at: string | Date; ends_at: string | Date }>
    nights: Array<{ night_date: IsoDate }>
    sessions: Array<{ title: string }>
    coverage: CoverageAssignment
    late: boolean
  },
): OutgoingEmail {
  const { event, registration, participant } = change
  const days = [...change.days].sort((a, b) => a.date.localeCompare(b.date))
  const calendar = eventDaysCalendar(
    event,
    days.map((d) => ({ id: d.id, label: d.label, starts_at: new Date(d.starts_at), ends_at: new Date(d.ends_at) })),
    `${mail.appUrl}/arrangementer/${event.slug}`,
  )
  return {
    template: 'participant-enrolled',
    languageForm: registration.language_form,
    to: participant.email,
    cc: registration.contact_email ? [registration.contact_email] : [],
    replyTo: event.reply_to_email,
    eventId: event.id,
    registrationId: registration.id,
    dedupeKey: `participant-enrolled:${participant.id}`,
    attachments: [{ filename: 'klimasamling.ics', contentType: 'text/calendar; charset=utf-8; method=PUBLISH', content: calendar }],
    rendered: participantEnrolledEmail({
      languageForm: registration.language_form,
      participantName: participant.name,
      municipalityName: registration.municipality_name,
      contactName: registration.contact_name,
      eventTitle: event.title,
      eventDates: formatDateRange(event.starts_at, event.ends_at),
      place: event.address && event.address !== event.venue ? `${event.venue}, ${event.address}` : event.venue,
      hotel: event.hotel_name ? [event.hotel_name, event.hotel_address].filter(Boolean).join(', ') : null,
      days: days.map((d) => d.label),
      nights: [...change.nights].sort((a, b) => a.night_date.localeCompare(b.night_date)).map((n) => formatNight(n.night_date)),
      attendsDinner: participant.attendsDinner,
      sessions: change.sessions.map((s) => s.title),
      coveredOvernight: change.coverage.coveredOvernight,
      coveredDays: days.filter((d) => change.coverage.coveredDays.includes(d.date)).map((d) => d.label),
      selfPaidOre: selfPaidAmount(
        { nights: change.nights.length, days: days.map((d) => d.date), attendsDinner: participant.attendsDinner },
        change.coverage,
        event,
      ),
      pricesApproximate: event.prices_are_approximate,
      deadline: formatDateTime(event.deadline_at),
      late: change.late,
      organiserContact: `${event.organiser_contact_name} (${event.organiser_contact_email})`,
      pageLink: `${mail.appUrl}/min-side`,
    }),
  }
}
