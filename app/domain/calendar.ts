import icalGenerator, { ICalCalendarMethod } from 'ical-generator'
import { type LanguageForm, texts } from './language'

/**
 * iCalendar files (RFC 5545) for an event's physical days and for each
 * digital session, built with ical-generator. Times are written in UTC, which
 * every calendar shows in the reader's zone (Europe/Oslo for our readers);
 * UIDs come from database ids, so a second download updates the same entries.
 */

const product = (languageForm: LanguageForm) => ({ company: 'Miljødirektoratet', product: 'Klimasamling', language: languageForm.toUpperCase() })

/** Our own words in the files, in the reader's form; titles, places and descriptions the organisers wrote stay as written. */
const text = texts({
  nb: {
    moreInfo: (pageUrl: string) => `Program og praktisk informasjon: ${pageUrl}`,
    digitalSummary: (session: string, event: string) => `${session} (${event}, digital del)`,
    digitalLocation: 'Digitalt',
    linkLater: (pageUrl: string) => `Lenken publiseres for påmeldte deltakere. Mer på ${pageUrl}`,
  },
  nn: {
    moreInfo: (pageUrl: string) => `Program og praktisk informasjon: ${pageUrl}`,
    digitalSummary: (session: string, event: string) => `${session} (${event}, digital del)`,
    digitalLocation: 'Digitalt',
    linkLater: (pageUrl: string) => `Lenka blir publisert for påmelde deltakarar. Meir på ${pageUrl}`,
  },
})
const UID_DOMAIN = 'klimasamling'

export interface CalendarEvent {
  id: string
  title: string
  venue: string
  address: string
  updated_at: Date
}

export interface CalendarDay {
  id: string
  label: string
  starts_at: Date
  ends_at: Date
}

export interface CalendarSession {
  id: string
  title: string
  description: string
  starts_at: Date
  ends_at: Date | null
}

/** A session without an end time lasts an hour in the calendar. */
const sessionEnd = (session: { starts_at: Date; ends_at: Date | null }) => session.ends_at ?? new Date(session.starts_at.getTime() + 60 * 60 * 1000)

function location(event: CalendarEvent): string {
  return event.address && event.address !== event.venue ? `${event.venue}, ${event.address}` : event.venue
}

/** One entry per day of the physical gathering. */
export function eventDaysCalendar(event: CalendarEvent, days: CalendarDay[], pageUrl: string, languageForm: LanguageForm): string {
  const calendar = icalGenerator({ prodId: product(languageForm), name: event.title, method: ICalCalendarMethod.PUBLISH })
  for (const day of days) {
    calendar.createEvent({
      id: `${day.id}@${UID_DOMAIN}`,
      stamp: event.updated_at,
      start: day.starts_at,
      end: day.ends_at,
      summary: `${event.title} – ${day.label}`,
      location: location(event),
      description: text[languageForm].moreInfo(pageUrl),
      url: pageUrl,
    })
  }
  return calendar.toString()
}

/** One digital session. Its meeting link is not in the file: only registered participants get it. */
export function digitalSessionCalendar(event: CalendarEvent, session: CalendarSession, pageUrl: string, languageForm: LanguageForm): string {
  const t = text[languageForm]
  const calendar = icalGenerator({ prodId: product(languageForm), name: session.title, method: ICalCalendarMethod.PUBLISH })
  calendar.createEvent({
    id: `${session.id}@${UID_DOMAIN}`,
    stamp: event.updated_at,
    start: session.starts_at,
    end: sessionEnd(session),
    summary: t.digitalSummary(session.title, event.title),
    location: t.digitalLocation,
    description: [session.description, t.linkLater(pageUrl)].filter(Boolean).join('\n\n'),
    url: pageUrl,
  })
  return calendar.toString()
}

/** A parallel session a participant got a seat in, with its room. */
export interface CalendarSeat {
  slotId: string
  title: string
  room: string | null
  starts_at: Date
  ends_at: Date | null
}

/**
 * The parallel sessions a participant got a seat in (sessions by wishes,
 * decision 043), one entry each. UIDs come from the participant and the
 * slot, so a seat moved to another session in a later allocation replaces
 * the entry in the participant's calendar.
 */
export function allocatedSessionsCalendar(
  event: CalendarEvent,
  participantId: string,
  seats: CalendarSeat[],
  pageUrl: string,
  languageForm: LanguageForm,
): string {
  const calendar = icalGenerator({ prodId: product(languageForm), name: event.title, method: ICalCalendarMethod.PUBLISH })
  for (const seat of seats) {
    calendar.createEvent({
      id: `${participantId}-${seat.slotId}@${UID_DOMAIN}`,
      stamp: event.updated_at,
      start: seat.starts_at,
      end: sessionEnd(seat),
      summary: `${seat.title} (${event.title})`,
      location: [seat.room, location(event)].filter(Boolean).join(', '),
      description: text[languageForm].moreInfo(pageUrl),
      url: pageUrl,
    })
  }
  return calendar.toString()
}
