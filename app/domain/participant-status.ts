import type { ParticipantStatus } from '../../db/schema'
import { type LanguageForm, texts } from './language'

/**
 * A participant's status by its name, as the municipality's page, the
 * organiser's overview and Mine data show it. Which statuses the municipality
 * pays for is money.ts's isBillable.
 */
export const PARTICIPANT_STATUS_LABELS = texts<Record<ParticipantStatus, string>>({
  nb: { active: 'Påmeldt', cancelled: 'Avmeldt', late_cancelled: 'Sen avmelding', substituted: 'Erstattet' },
  nn: { active: 'Påmeld', cancelled: 'Avmeld', late_cancelled: 'Sein avmelding', substituted: 'Erstatta' },
})

/** A participant's status in the reader's written form; a status this module does not know, as it is stored. */
export function describeParticipantStatus(status: string, languageForm: LanguageForm): string {
  const labels: Partial<Record<string, string>> = PARTICIPANT_STATUS_LABELS[languageForm]
  return (Object.hasOwn(labels, status) ? labels[status] : undefined) ?? status
}
