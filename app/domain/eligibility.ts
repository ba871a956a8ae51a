import type { IsoDate } from './dates'
import { shiftDate } from './dates'
import { bilingual, type LanguageForm, texts } from './language'
import { describeRoles } from './roles'

const text = texts({
  nb: { onlyFor: (roles: string) => `Bare for ${roles}`, full: 'Fullt' },
  nn: { onlyFor: (roles: string) => `Berre for ${roles}`, full: 'Fullt' },
})

/**
 * Which nights and sessions a participant may have, from the days they attend
 * and their role (DESIGN.md §3). Pure; capacity and rooms are counted by the
 * service under its locks.
 */

export type NightProblem = { code: 'night_not_touching_days'; nightDate: IsoDate } | { code: 'night_needs_reason'; nightDate: IsoDate }

export type SessionProblem =
  | { code: 'session_day_not_attended'; itemId: string }
  | { code: 'session_role_restricted'; itemId: string }
  | { code: 'two_sessions_in_slot'; slotId: string }

export interface NightChoice {
  night_date: IsoDate
  requires_reason: boolean
}

/** A night is one the participant sleeps between two days they attend, or before the first or after the last one they attend. */
export function checkNights(nights: NightChoice[], attendedDays: IsoDate[], reason: string | null): NightProblem[] {
  const days = new Set(attendedDays)
  const problems: NightProblem[] = []
  for (const night of nights) {
    if (!days.has(night.night_date) && !days.has(shiftDate(night.night_date, 1))) {
      problems.push({ code: 'night_not_touching_days', nightDate: night.night_date })
    }
    if (night.requires_reason && !reason?.trim()) problems.push({ code: 'night_needs_reason', nightDate: night.night_date })
  }
  return problems
}

export interface SessionChoice {
  id: string
  slot_id: string | null
  /** The day the session is on; null for digital sessions. */
  date: IsoDate | null
  restricted_to_roles: string[]
}

/** Sessions only on attended days, at most one per slot, and restricted ones only for their roles. */
export function checkSessions(sessions: SessionChoice[], attendedDays: IsoDate[], roleCategory: string): SessionProblem[] {
  const days = new Set(attendedDays)
  const problems: SessionProblem[] = []
  const slots = new Set<string>()
  for (const s of sessions) {
    if (s.date !== null && !days.has(s.date)) problems.push({ code: 'session_day_not_attended', itemId: s.id })
    if (!roleMayAttend(s.restricted_to_roles, roleCategory)) {
      problems.push({ code: 'session_role_restricted', itemId: s.id })
    }
    if (s.slot_id) {
      if (slots.has(s.slot_id)) problems.push({ code: 'two_sessions_in_slot', slotId: s.slot_id })
      slots.add(s.slot_id)
    }
  }
  return problems
}

/**
 * The roles a restricted session is open to, in lower case, in both written
 * forms: the `roles` parameter of a `session_role_restricted` DomainError,
 * cut to the reader's form where the message is shown.
 */
export function restrictedRolesParam(roles: readonly string[]): string {
  return bilingual(describeRoles(roles, 'nb').toLowerCase(), describeRoles(roles, 'nn').toLowerCase())
}

/** The one role rule: a session restricted to roles is open only to those roles. */
export function roleMayAttend(restrictedToRoles: readonly string[], roleCategory: string): boolean {
  return restrictedToRoles.length === 0 || restrictedToRoles.includes(roleCategory)
}

export interface OfferedSession {
  capacity: number | null
  seatsTaken: number
  restrictedToRoles: readonly string[]
}

/**
 * Whether the form should offer a session, and if not, why (shown beside it).
 * A courtesy only: the service decides under its locks. `roleCategory` is
 * the role chosen so far ('' or undefined when none is chosen yet, so a
 * restricted session stays offered); a session the participant already has
 * stays offered even when it is full.
 */
/** Whether a session with a capacity has no seat left; the one fullness rule for seats. */
export const sessionIsFull = (s: { capacity: number | null; seatsTaken: number }) => s.capacity !== null && s.seatsTaken >= s.capacity

export function sessionAvailability(
  session: OfferedSession,
  participant: { roleCategory?: string | null; hasIt: boolean },
  languageForm: LanguageForm,
): { available: true } | { available: false; reason: string } {
  if (participant.roleCategory && !roleMayAttend(session.restrictedToRoles, participant.roleCategory)) {
    return { available: false, reason: text[languageForm].onlyFor(describeRoles(session.restrictedToRoles, languageForm).toLowerCase()) }
  }
  if (!participant.hasIt && sessionIsFull(session)) {
    return { available: false, reason: text[languageForm].full }
  }
  return { available: true }
}
