import type { LanguageForm } from '../db/schema'
import type { Attachment } from 'nodemailer/lib/mailer'
import {
  allocatedSessionsCalendar,
  type CalendarDay,
  type CalendarEvent,
  type CalendarSeat,
  digitalSessionCalendar,
  eventDaysCalendar,
} from '../app/domain/calendar'
import { type ContactPersonEmailInput, contactPersonNamedEmail, contactPersonReplacedEmail } from './contact-person'
import { type CafeTableInput, cafeTableEmail } from './cafe-table'
import { type CoverageConfirmationInput, coverageConfirmationEmail } from './coverage-confirmation'
import { type DataRequestEmailInput, dataRequestEmail } from './data-request'
import { type DeadlineReminderInput, deadlineReminderEmail } from './deadline-reminder'
import { type InvitationEmailInput, invitationEmail } from './invitation'
import { type InvitationWithdrawnInput, invitationWithdrawnEmail } from './invitation-withdrawn'
import { type LateCancellationNoticeInput, lateCancellationNotice } from './late-cancellation-notice'
import { loginLinkEmail } from './login-link'
import { type OnlineLinkPublishedInput, onlineLinkPublishedEmail } from './online-link-published'
import { type OrganiserMessageInput, organiserMessageEmail } from './organiser-message'
import { type ParticipantCancelledInput, participantCancelledEmail } from './participant-cancelled'
import { type ParticipantChangedInput, participantChangedEmail } from './participant-changed'
import { qrPng } from '../app/services/participant-qr.server'
import { CHECK_IN_QR_CID, type ParticipantEnrolledInput, participantEnrolledEmail } from './participant-enrolled'
import { type ParticipantDemotedInput, participantDemotedEmail } from './participant-demoted'
import { type ParticipantPromotedInput, participantPromotedEmail } from './participant-promoted'
import { type ParticipantReplacedInput, participantReplacedEmail } from './participant-replaced'
import { type ParticipantSubstitutedInput, participantSubstitutedEmail } from './participant-substituted'
import type { RenderedEmail } from './render'
import { type SessionsAllocatedInput, sessionsAllocatedEmail } from './sessions-allocated'
import { type SurveyInvitationInput, surveyInvitationEmail } from './survey-invitation'
import { type TeamMemberAddedInput, teamMemberAddedEmail } from './team-member-added'
import { testMessage } from './test-message'
import { type WaitingListEmailInput, waitingListEmail } from './waiting-list'

/**
 * Every message the product sends, by template name: what its parameters
 * are, and how they become the subject, HTML, text and attachments. The
 * outbox row keeps the template and its parameters (plain JSON, written in
 * the change's transaction); the mail worker renders it here just before
 * the first attempt and stores exactly what it sends (decision 20).
 */

/** A calendar file's input as JSON keeps it: times as ISO strings. */
type JsonTimes<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] }

export interface DaysCalendarParams {
  event: JsonTimes<CalendarEvent>
  days: Array<JsonTimes<CalendarDay>>
  pageUrl: string
}

export interface SessionCalendarParams {
  event: JsonTimes<CalendarEvent>
  session: { id: string; title: string; description: string; starts_at: string; ends_at: string | null }
  pageUrl: string
}

export interface SeatsCalendarParams {
  event: JsonTimes<CalendarEvent>
  participantId: string
  seats: Array<JsonTimes<CalendarSeat>>
  pageUrl: string
}

export interface Rendered {
  rendered: RenderedEmail
  attachments: () => Attachment[]
}

const CALENDAR = 'text/calendar; charset=utf-8; method=PUBLISH'
const noAttachments = () => []
const dated = <T extends { updated_at: string }>(e: T) => ({ ...e, updated_at: new Date(e.updated_at) })

/** Calendar files are the same for everyone with the same days; each is made once per version of its input. */
const calendars = new Map<string, string>()
function remembered(key: unknown, make: () => string): string {
  const k = JSON.stringify(key)
  let file = calendars.get(k)
  if (file === undefined) {
    file = make()
    if (calendars.size >= 200) calendars.clear()
    calendars.set(k, file)
  }
  return file
}

function daysCalendar(c: DaysCalendarParams, languageForm: LanguageForm): string {
  return remembered({ c, languageForm }, () =>
    eventDaysCalendar(
      dated(c.event),
      c.days.map((d) => ({ ...d, starts_at: new Date(d.starts_at), ends_at: new Date(d.ends_at) })),
      c.pageUrl,
      languageForm,
    ),
  )
}

function sessionCalendar(c: SessionCalendarParams, languageForm: LanguageForm): string {
  return remembered({ c, languageForm }, () =>
    digitalSessionCalendar(
      dated(c.event),
      { ...c.session, starts_at: new Date(c.session.starts_at), ends_at: c.session.ends_at ? new Date(c.session.ends_at) : null },
      c.pageUrl,
      languageForm,
    ),
  )
}

function seatsCalendar(c: SeatsCalendarParams, languageForm: LanguageForm): string {
  return allocatedSessionsCalendar(
    dated(c.event),
    c.participantId,
    c.seats.map((s) => ({ ...s, starts_at: new Date(s.starts_at), ends_at: s.ends_at ? new Date(s.ends_at) : null })),
    c.pageUrl,
    languageForm,
  )
}

export const emailTemplates = {
  'test-message': (p: Parameters<typeof testMessage>[0]): Rendered => ({ rendered: testMessage(p), attachments: noAttachments }),
  'login-link': (p: Parameters<typeof loginLinkEmail>[0]): Rendered => ({ rendered: loginLinkEmail(p), attachments: noAttachments }),
  invitation: (p: InvitationEmailInput): Rendered => ({ rendered: invitationEmail(p), attachments: noAttachments }),
  'invitation-late': (p: InvitationEmailInput): Rendered => ({ rendered: invitationEmail(p, { late: true }), attachments: noAttachments }),
  'invitation-withdrawn': (p: InvitationWithdrawnInput): Rendered => ({ rendered: invitationWithdrawnEmail(p), attachments: noAttachments }),
  'deadline-reminder': (p: DeadlineReminderInput): Rendered => ({ rendered: deadlineReminderEmail(p), attachments: noAttachments }),
  'contact-person-named': (p: ContactPersonEmailInput): Rendered => ({ rendered: contactPersonNamedEmail(p), attachments: noAttachments }),
  'contact-person-replaced': (p: ContactPersonEmailInput & { formerName: string }): Rendered => ({
    rendered: contactPersonReplacedEmail(p),
    attachments: noAttachments,
  }),
  'participant-enrolled': (p: ParticipantEnrolledInput & { calendar: DaysCalendarParams }): Rendered => ({
    rendered: participantEnrolledEmail(p),
    attachments: () => [
      { filename: 'klimasamling.ics', contentType: CALENDAR, content: daysCalendar(p.calendar, p.languageForm) },
      // The check-in QR code, shown inline in the HTML (emails/participant-enrolled.ts).
      ...(p.checkInCode ? [{ filename: 'innsjekking-qr.png', contentType: 'image/png', content: qrPng(p.checkInCode), cid: CHECK_IN_QR_CID }] : []),
    ],
  }),
  'participant-changed': (p: ParticipantChangedInput): Rendered => ({ rendered: participantChangedEmail(p), attachments: noAttachments }),
  'participant-promoted': (p: ParticipantPromotedInput): Rendered => ({ rendered: participantPromotedEmail(p), attachments: noAttachments }),
  'participant-demoted': (p: ParticipantDemotedInput): Rendered => ({ rendered: participantDemotedEmail(p), attachments: noAttachments }),
  'participant-substituted': (p: ParticipantSubstitutedInput): Rendered => ({ rendered: participantSubstitutedEmail(p), attachments: noAttachments }),
  'participant-replaced': (p: ParticipantReplacedInput): Rendered => ({ rendered: participantReplacedEmail(p), attachments: noAttachments }),
  'participant-cancelled': (p: ParticipantCancelledInput): Rendered => ({ rendered: participantCancelledEmail(p), attachments: noAttachments }),
  'late-cancellation-notice': (p: LateCancellationNoticeInput): Rendered => ({ rendered: lateCancellationNotice(p), attachments: noAttachments }),
  'online-link-published': (p: OnlineLinkPublishedInput & { calendar: SessionCalendarParams }): Rendered => ({
    rendered: onlineLinkPublishedEmail(p),
    attachments: () => [{ filename: 'digital-sesjon.ics', contentType: CALENDAR, content: sessionCalendar(p.calendar, p.languageForm) }],
  }),
  'organiser-message': (p: OrganiserMessageInput): Rendered => ({ rendered: organiserMessageEmail(p), attachments: noAttachments }),
  'coverage-confirmation': (p: CoverageConfirmationInput): Rendered => ({ rendered: coverageConfirmationEmail(p), attachments: noAttachments }),
  'team-member-added': (p: TeamMemberAddedInput): Rendered => ({ rendered: teamMemberAddedEmail(p), attachments: noAttachments }),
  'sessions-allocated': (p: SessionsAllocatedInput & { calendar: SeatsCalendarParams }): Rendered => ({
    rendered: sessionsAllocatedEmail(p),
    attachments: () =>
      p.calendar.seats.length > 0 ? [{ filename: 'sesjoner.ics', contentType: CALENDAR, content: seatsCalendar(p.calendar, p.languageForm) }] : [],
  }),
  'waiting-list': (p: WaitingListEmailInput): Rendered => ({ rendered: waitingListEmail(p), attachments: noAttachments }),
  'survey-invitation': (p: SurveyInvitationInput): Rendered => ({ rendered: surveyInvitationEmail(p), attachments: noAttachments }),
  'cafe-table': (p: CafeTableInput): Rendered => ({ rendered: cafeTableEmail(p), attachments: noAttachments }),
  'data-request': (p: DataRequestEmailInput): Rendered => ({ rendered: dataRequestEmail(p), attachments: noAttachments }),
}

export type EmailTemplate = keyof typeof emailTemplates
export type EmailParams<T extends EmailTemplate> = Parameters<(typeof emailTemplates)[T]>[0]

export function isEmailTemplate(name: string): name is EmailTemplate {
  return Object.hasOwn(emailTemplates, name)
}

/** Renders a stored email from its template and parameters; throws for a template this version does not know. */
export function renderTemplate(template: string, params: unknown): Rendered {
  if (!isEmailTemplate(template)) throw new Error(`Unknown email template: ${template}`)
  return (emailTemplates[template] as (p: unknown) => Rendered)(params)
}
