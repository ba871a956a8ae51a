import { formatDateTime } from './dates'

/**
 * An event's phase is computed from the clock and its dates, never stored
 * (DESIGN.md §3). `announced` is a published event whose registration has not
 * opened yet.
 */
export type EventPhase = 'draft' | 'announced' | 'open' | 'closed' | 'running' | 'finished' | 'archived'

export interface PhaseInput {
  status: 'draft' | 'published'
  registration_opens_at: Date
  deadline_at: Date
  starts_at: Date
  ends_at: Date
  personal_data_deleted_at: Date | null
}

const MINUTE = 60_000

/**
 * The one deadline rule: a deadline is shown to the minute ("kl. 23.59"), so
 * registration stays open through that whole minute and closes at the start
 * of the next one (23.59 → closed from 00.00, open at 23.59.30). Every
 * comparison of a deadline with the clock goes through this function or
 * `earliestOpenDeadline`.
 */
export function closesAt(deadlineAt: Date): Date {
  return new Date(Math.floor(deadlineAt.getTime() / MINUTE) * MINUTE + MINUTE)
}

/** Whether the deadline has passed at `now` (closed from `closesAt`). */
export function deadlinePassed(deadlineAt: Date, now: Date): boolean {
  return now.getTime() >= closesAt(deadlineAt).getTime()
}

/**
 * For SQL: a deadline is still open at `now` exactly when `deadline_at >=`
 * this instant (the start of now's minute), the same rule as `closesAt`.
 */
export function earliestOpenDeadline(now: Date): Date {
  return new Date(Math.floor(now.getTime() / MINUTE) * MINUTE)
}

export function eventPhase(event: PhaseInput, now: Date): EventPhase {
  if (event.status === 'draft') return 'draft'
  if (event.personal_data_deleted_at) return 'archived'
  const t = now.getTime()
  if (t < event.registration_opens_at.getTime()) return 'announced'
  if (!deadlinePassed(event.deadline_at, now)) return 'open'
  if (t < event.starts_at.getTime()) return 'closed'
  if (t < event.ends_at.getTime()) return 'running'
  return 'finished'
}

/** One sentence on where registration stands, for the public pages. */
export function describePhase(event: PhaseInput, now: Date): string {
  switch (eventPhase(event, now)) {
    case 'draft':
      return 'Utkast: arrangementet er ikke publisert.'
    case 'announced':
      return `Påmeldingen åpner ${formatDateTime(event.registration_opens_at)}.`
    case 'open':
      return `Påmeldingen er åpen til ${formatDateTime(event.deadline_at)}.`
    case 'closed':
      return 'Påmeldingsfristen er ute.'
    case 'running':
      return 'Samlingen pågår nå.'
    case 'finished':
    case 'archived':
      return 'Samlingen er avsluttet.'
  }
}

/**
 * The public event page's notice: where registration stands and whether it
 * is binding, naming the deadline at most once (the facts list beside it
 * names it too).
 */
export function registrationNotice(event: PhaseInput & { is_binding: boolean }, now: Date): string {
  const phase = eventPhase(event, now)
  const binding = event.is_binding && (phase === 'announced' || phase === 'open' || phase === 'closed')
  return binding ? `${describePhase(event, now)} Påmeldingen er bindende.` : describePhase(event, now)
}
