import type { SessionAllocationMode } from '../../db/schema'
import type { IsoDate } from './dates'
import type { DomainErrorCode } from './errors'
import type { LanguageForm } from './language'
import { restrictedRolesParam, roleMayAttend } from './eligibility'

/**
 * Ranked wishes for parallel sessions (decision 44, docs/decisions): the form
 * fields, the rules a participant's wishes keep, and when an event may switch
 * between first come and by wishes. Pure; the services read and write.
 *
 * The form is one <select> per slot and rank, named `wish:<slotId>:<rank>`,
 * with "Ikke valgt" as the empty value, so it works without JavaScript.
 */

export const WISH_RANKS = [1, 2, 3] as const
export type WishRank = (typeof WISH_RANKS)[number]

/** One ranked wish: rank 1 is the first choice. */
export interface Wish {
  slotId: string
  sessionId: string
  rank: number
}

/** The name of the select for a slot's rank, and of the slot's fieldset (its errors without a rank). */
export function wishField(slotId: string, rank?: number): string {
  return rank === undefined ? `wish:${slotId}` : `wish:${slotId}:${rank}`
}

const WISH_FIELD = /^wish:([^:]+):([^:]+)$/

/** What the form posted, before the rules: a rank outside 1–3 or a field sent twice is kept so the rules refuse it. */
export interface PostedWishes {
  wishes: Wish[]
  /** A field that is no select of this form (a rank that does not exist, or one sent twice). */
  malformed: boolean
}

/**
 * Gathers the `wish:<slotId>:<rank>` fields of a form; "Ikke valgt" (empty)
 * is no wish. Other fields are left to the rest of the form.
 */
export function gatherWishes(entries: Iterable<[string, unknown]>): PostedWishes {
  const wishes: Wish[] = []
  const seen = new Set<string>()
  let malformed = false
  for (const [key, value] of entries) {
    const match = WISH_FIELD.exec(key)
    if (!match) continue
    const [, slotId, rankText] = match
    const rank = Number(rankText)
    if (seen.has(key) || !(WISH_RANKS as readonly number[]).includes(rank)) {
      malformed = true
      continue
    }
    seen.add(key)
    const sessionId = typeof value === 'string' ? value.trim() : ''
    if (sessionId && slotId) wishes.push({ slotId, sessionId, rank })
  }
  return { wishes, malformed }
}

/** Whether a form carries any wish select at all (the by-wishes form), so a form without them is told apart from one left empty. */
export function hasWishFields(entries: Iterable<[string, unknown]>): boolean {
  for (const [key] of entries) if (key.startsWith('wish:')) return true
  return false
}

/** A slot as the rules need it: its day, its sessions and who may attend them. */
export interface WishSlot {
  id: string
  label: string
  /** The slot's day; null would be a digital slot (none today). */
  date: IsoDate | null
  sessions: ReadonlyArray<{ id: string; title: string; restrictedToRoles: readonly string[] }>
}

export interface WishProblem {
  code: DomainErrorCode
  /** `wish:<slotId>:<rank>` for one select, `wish:<slotId>` for the slot, `wishes` for the whole form. */
  field: string
  params: Record<string, string>
}

/**
 * The rules a participant's wishes keep (DESIGN.md §3 "Sessions"): per slot,
 * ranks from 1 without gaps (a 2nd choice needs a 1st), no session twice,
 * only sessions of that slot, only slots on days the participant attends,
 * only sessions open to their role; and at least one wish in every attended
 * slot that has a session they may attend. Returns the first problem per
 * field, in the order of the slots and ranks, so each select says what to fix.
 */
export function checkWishes(
  posted: PostedWishes,
  context: { slots: readonly WishSlot[]; attendedDays: readonly IsoDate[]; roleCategory: string },
): WishProblem[] {
  const problems: WishProblem[] = []
  if (posted.malformed) problems.push({ code: 'unknown_choice', field: 'wishes', params: {} })
  const days = new Set(context.attendedDays)
  const slots = new Map(context.slots.map((s) => [s.id, s]))
  for (const wish of posted.wishes) {
    if (!slots.has(wish.slotId)) {
      problems.push({ code: 'unknown_choice', field: 'wishes', params: {} })
      break
    }
  }
  for (const slot of context.slots) {
    const mine = posted.wishes.filter((w) => w.slotId === slot.id).sort((a, b) => a.rank - b.rank)
    const attends = slot.date === null || days.has(slot.date)
    const open = slot.sessions.filter((s) => roleMayAttend(s.restrictedToRoles, context.roleCategory))
    if (!attends) {
      const first = mine[0]
      if (first) problems.push({ code: 'wish_day_not_attended', field: wishField(slot.id, first.rank), params: { slot: slot.label } })
      continue
    }
    if (mine.length === 0) {
      if (open.length > 0) problems.push({ code: 'wish_missing', field: wishField(slot.id, 1), params: { slot: slot.label } })
      continue
    }
    const seen = new Set<string>()
    for (const wish of mine) {
      const field = wishField(slot.id, wish.rank)
      const session = slot.sessions.find((s) => s.id === wish.sessionId)
      if (!session) {
        problems.push({ code: 'wish_not_in_slot', field, params: { slot: slot.label } })
      } else if (!roleMayAttend(session.restrictedToRoles, context.roleCategory)) {
        problems.push({
          code: 'session_role_restricted',
          field,
          params: { session: session.title, roles: restrictedRolesParam(session.restrictedToRoles) },
        })
      } else if (seen.has(session.id)) {
        problems.push({ code: 'wish_session_twice', field, params: { session: session.title } })
      }
      seen.add(wish.sessionId)
    }
    // Ranks in order without gaps: the highest rank chosen needs every rank before it.
    const ranks = new Set(mine.map((w) => w.rank))
    for (const rank of WISH_RANKS) {
      if (rank > Math.max(...ranks)) break
      if (!ranks.has(rank)) problems.push({ code: 'wish_rank_gap', field: wishField(slot.id, rank), params: { rank: String(rank), slot: slot.label } })
    }
  }
  return problems
}

/** The wishes a participant keeps, in the order slots and ranks are listed, once `checkWishes` found nothing. */
export function orderWishes(wishes: readonly Wish[], slots: readonly WishSlot[]): Wish[] {
  const slotOrder = new Map(slots.map((s, i) => [s.id, i]))
  return [...wishes].sort((a, b) => (slotOrder.get(a.slotId) ?? 0) - (slotOrder.get(b.slotId) ?? 0) || a.rank - b.rank)
}

/** Whether two sets of wishes differ (which session at which rank of which slot). */
export function wishesDiffer(a: readonly Wish[], b: readonly Wish[]): boolean {
  const key = (w: Wish) => `${w.slotId}:${w.rank}:${w.sessionId}`
  const left = new Set(a.map(key))
  return a.length !== b.length || b.some((w) => !left.has(key(w)))
}

/** "1. valg", "2. valg", "3. valg" ("1. val" in nynorsk). */
export function rankLabel(rank: number, languageForm: LanguageForm): string {
  return languageForm === 'nn' ? `${rank}. val` : `${rank}. valg`
}

/**
 * Whether an event may switch how it hands out seats in its parallel
 * sessions, and why not:
 * - to by wishes only while nobody holds a seat in a parallel session (seats
 *   taken first come would otherwise sit beside an allocation that ignores them);
 * - back to first come only until an allocation is published (the published
 *   seats were handed out by wishes; changing the rule afterwards would be unfair).
 * Wishes given before a switch back to first come are kept but unused.
 */
export function allocationModeRefusal(
  from: SessionAllocationMode,
  to: SessionAllocationMode,
  state: { parallelSeatsTaken: number; allocationPublished: boolean },
): { code: DomainErrorCode; params: Record<string, number> } | null {
  if (from === to) return null
  if (to === 'by_wishes' && state.parallelSeatsTaken > 0) return { code: 'allocation_mode_seats_taken', params: { count: state.parallelSeatsTaken } }
  if (to === 'first_come' && state.allocationPublished) return { code: 'allocation_mode_published', params: {} }
  return null
}

/**
 * Whether the organiser may close or reopen the wish round: only for an
 * event by wishes; closing an open round, reopening a closed one, and
 * reopening only until an allocation is published.
 */
export function wishRoundRefusal(
  change: 'close' | 'reopen',
  event: { sessionAllocation: SessionAllocationMode; wishRoundClosed: boolean; allocationPublished: boolean },
): DomainErrorCode | null {
  if (event.sessionAllocation !== 'by_wishes') return 'wish_round_first_come'
  if (change === 'reopen' && event.allocationPublished) return 'wish_round_published'
  return null
}

/** The labels of the event setting, as the event form and the pages show them, in both written forms. */
export const ALLOCATION_MODE_LABELS: Record<LanguageForm, Record<SessionAllocationMode, string>> = {
  nb: { first_come: 'Først til mølla', by_wishes: 'Etter ønsker' },
  nn: { first_come: 'Først til mølla', by_wishes: 'Etter ønske' },
}
