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

export function eventPhase(event: PhaseInput, now: Date): EventPhase {
  if (event.status === 'draft') return 'draft'
  if (event.personal_data_deleted_at) return 'archived'
  const t = now.getTime()
  if (t < event.registration_opens_at.getTime()) return 'announced'
  if (t <= event.deadline_at.getTime()) return 'open'
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
