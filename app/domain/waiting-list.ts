import type { WaitingListStatus } from '../../db/schema'
import type { IsoDate } from './dates'
import { checkNights, roleMayAttend, sessionIsFull } from './eligibility'
import { type LanguageForm, texts } from './language'

/**
 * Waiting lists for full parallel sessions and hotel nights (decision 045).
 * Pure: who may stand on a list, who is first in line among those who still
 * fit, where someone stands, and how long an offered room is held. The
 * service counts and writes under its locks.
 */

/** How long an offered hotel room is held for the contact person's answer. */
export const WAITING_OFFER_HOURS = 48

/** What a list is for: a parallel session (or an item with a capacity) or a hotel night. */
export type WaitingTarget = { kind: 'session'; id: string } | { kind: 'night'; id: string }

export interface WaitingSession {
  id: string
  /** The day it is on; null for a digital item. */
  date: IsoDate | null
  capacity: number | null
  seatsTaken: number
  restrictedToRoles: readonly string[]
}

export interface WaitingNight {
  id: string
  nightDate: IsoDate
  roomsInBlock: number
  roomsTaken: number
  roomsHeld: number
  requiresReason: boolean
}

/** What a participant holds now, as far as the lists ask. */
export interface WaitingParticipant {
  status: string
  roleCategory: string
  attendedDays: IsoDate[]
  sessionIds: readonly string[]
  nightIds: readonly string[]
  longTravelReason: string | null
}

export type FitProblem =
  | 'not_active'
  | 'waitlist_already_has'
  | 'session_day_not_attended'
  | 'session_role_restricted'
  | 'night_not_touching_days'
  | 'night_needs_reason'

export const nightIsFull = (n: Pick<WaitingNight, 'roomsInBlock' | 'roomsTaken' | 'roomsHeld'>) => n.roomsTaken + n.roomsHeld >= n.roomsInBlock

/**
 * Why the participant could not use the session now (null when they could):
 * active, not already seated in it, on a day they attend, and of a role it
 * is open to. A seat in another session of the same slot is no obstacle:
 * getting this one swaps it.
 */
export function sessionFitProblem(session: WaitingSession, p: WaitingParticipant): FitProblem | null {
  if (p.status !== 'active') return 'not_active'
  if (p.sessionIds.includes(session.id)) return 'waitlist_already_has'
  if (session.date !== null && !p.attendedDays.includes(session.date)) return 'session_day_not_attended'
  if (!roleMayAttend(session.restrictedToRoles, p.roleCategory)) return 'session_role_restricted'
  return null
}

/**
 * Why the participant could not use the night now (null when they could):
 * active, not already sleeping there, the night touches the days they attend,
 * and a long-travel night has its reason.
 */
export function nightFitProblem(night: WaitingNight, p: WaitingParticipant): FitProblem | null {
  if (p.status !== 'active') return 'not_active'
  if (p.nightIds.includes(night.id)) return 'waitlist_already_has'
  const problem = checkNights([{ night_date: night.nightDate, requires_reason: night.requiresReason }], p.attendedDays, p.longTravelReason)[0]
  return problem?.code ?? null
}

/** Whether someone may join a list: the place is full and they could use it. */
export function joinProblem(
  target: { kind: 'session'; session: WaitingSession } | { kind: 'night'; night: WaitingNight },
  p: WaitingParticipant,
): FitProblem | 'waitlist_not_full' | null {
  const fit = target.kind === 'session' ? sessionFitProblem(target.session, p) : nightFitProblem(target.night, p)
  if (fit) return fit
  const full = target.kind === 'session' ? sessionIsFull(target.session) : nightIsFull(target.night)
  return full ? null : 'waitlist_not_full'
}

/** An entry of a list in line: its order is when it joined, then its id. */
export interface QueuedEntry {
  id: string
  createdAt: Date
}

/** The list in its order. */
export function inLine<T extends QueuedEntry>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
}

/** The first in line who still fits, and those passed over before them because they no longer do. */
export function firstWhoFits<T extends QueuedEntry>(entries: readonly T[], fits: (entry: T) => boolean): { first: T | null; passedOver: T[] } {
  const passedOver: T[] = []
  for (const entry of inLine(entries)) {
    if (fits(entry)) return { first: entry, passedOver }
    passedOver.push(entry)
  }
  return { first: null, passedOver }
}

/** Where an entry stands on its list, counting from 1; null when it is not on it. */
export function positionOf(entries: readonly QueuedEntry[], entryId: string): number | null {
  const index = inLine(entries).findIndex((e) => e.id === entryId)
  return index < 0 ? null : index + 1
}

/** Until when an offered room is held: `WAITING_OFFER_HOURS` from now, but never past the start of the event. */
export function offerExpiresAt(now: Date, eventStartsAt: Date): Date {
  const held = new Date(now.getTime() + WAITING_OFFER_HOURS * 60 * 60 * 1000)
  return held.getTime() < eventStartsAt.getTime() ? held : eventStartsAt
}

/** Whether an offer can still be answered. */
export function offerOpen(entry: { status: string; offerExpiresAt: Date | null }, now: Date): boolean {
  return entry.status === 'offered' && entry.offerExpiresAt !== null && now.getTime() < entry.offerExpiresAt.getTime()
}

/** "Du er nr. 3 på ventelisten", or for the contact person "Nr. 3 på ventelisten" ("ventelista" in nynorsk). */
export function describePosition(position: number, own: boolean, languageForm: LanguageForm): string {
  const list = languageForm === 'nn' ? 'ventelista' : 'ventelisten'
  return own ? `Du er nr. ${position} på ${list}` : `Nr. ${position} på ${list}`
}

/** A waiting-list entry's status by its name, as Mine data shows it. */
export const WAITING_STATUS_LABELS = texts<Record<WaitingListStatus, string>>({
  nb: {
    waiting: 'Venter',
    offered: 'Tilbudt plass',
    placed: 'Fikk plass',
    declined: 'Takket nei',
    expired: 'Tilbudet gikk ut',
    withdrawn: 'Tatt av ventelisten',
  },
  nn: {
    waiting: 'Ventar',
    offered: 'Tilbode plass',
    placed: 'Fekk plass',
    declined: 'Takka nei',
    expired: 'Tilbodet gjekk ut',
    withdrawn: 'Teke av ventelista',
  },
})

/** A waiting-list entry's status in the reader's written form; a status this module does not know, as it is stored. */
export function describeWaitingStatus(status: string, languageForm: LanguageForm): string {
  const labels: Partial<Record<string, string>> = WAITING_STATUS_LABELS[languageForm]
  return (Object.hasOwn(labels, status) ? labels[status] : undefined) ?? status
}
