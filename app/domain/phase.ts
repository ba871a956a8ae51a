import { texts, type LanguageForm } from './language'
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

const phaseText = texts({
  nb: {
    draft: 'Utkast: arrangementet er ikke publisert.',
    announced: (opens: string) => `Påmeldingen åpner ${opens}.`,
    open: (deadline: string) => `Påmeldingen er åpen til ${deadline}.`,
    closed: 'Påmeldingsfristen er ute.',
    running: 'Samlingen pågår nå.',
    finished: 'Samlingen er avsluttet.',
    binding: 'Påmeldingen er bindende.',
  },
  nn: {
    draft: 'Utkast: arrangementet er ikkje publisert.',
    announced: (opens: string) => `Påmeldinga opnar ${opens}.`,
    open: (deadline: string) => `Påmeldinga er open til ${deadline}.`,
    closed: 'Påmeldingsfristen er ute.',
    running: 'Samlinga går føre seg no.',
    finished: 'Samlinga er avslutta.',
    binding: 'Påmeldinga er bindande.',
  },
})

/** One sentence on where registration stands, for the public pages. */
export function describePhase(event: PhaseInput, now: Date, languageForm: LanguageForm): string {
  const t = phaseText[languageForm]
  switch (eventPhase(event, now)) {
    case 'draft':
      return t.draft
    case 'announced':
      return t.announced(formatDateTime(event.registration_opens_at))
    case 'open':
      return t.open(formatDateTime(event.deadline_at))
    case 'closed':
      return t.closed
    case 'running':
      return t.running
    case 'finished':
    case 'archived':
      return t.finished
  }
}

/**
 * The public event page's notice: where registration stands and whether it
 * is binding, naming the deadline at most once (the facts list beside it
 * names it too).
 */
export function registrationNotice(event: PhaseInput & { is_binding: boolean }, now: Date, languageForm: LanguageForm): string {
  const phase = eventPhase(event, now)
  const binding = event.is_binding && (phase === 'announced' || phase === 'open' || phase === 'closed')
  const described = describePhase(event, now, languageForm)
  return binding ? `${described} ${phaseText[languageForm].binding}` : described
}
