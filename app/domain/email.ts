import type { EmailStatus } from '../../db/schema'
import { type LanguageForm, texts } from './language'

/** The outbox's statuses, in the order the organiser's filter lists them. */
export const EMAIL_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const satisfies readonly EmailStatus[]

/**
 * How the organiser's pages name a status and a template, and the colour of a
 * status tag. Plain data, read by the loaders, so both pages say the same.
 */
const STATUS_COLORS: Record<EmailStatus, 'neutral' | 'info' | 'success' | 'danger'> = {
  queued: 'neutral',
  sending: 'info',
  sent: 'success',
  failed: 'danger',
}

const text = texts({
  nb: {
    statuses: { queued: 'I kø', sending: 'Sendes', sent: 'Sendt', failed: 'Feilet' },
    templates: {
      invitation: 'Invitasjon',
      'login-link': 'Innloggingslenke',
      'contact-person-named': 'Kontaktperson valgt',
      'contact-person-replaced': 'Kontaktperson byttet',
      'participant-enrolled': 'Påmeldingsbekreftelse',
      'participant-changed': 'Påmelding endret',
      'participant-promoted': 'Fikk dekket plass',
      'participant-demoted': 'Mistet dekket plass',
      'participant-substituted': 'Erstatter påmeldt',
      'participant-replaced': 'Erstattet',
      'participant-cancelled': 'Avmelding',
      'late-cancellation-notice': 'Sen avmelding (til arrangør)',
      'deadline-reminder': 'Påminnelse om fristen',
      'online-link-published': 'Lenke til digital sesjon',
      'organiser-message': 'Melding fra arrangøren',
      'coverage-confirmation': 'Bekreftelse av dekning',
      'test-message': 'Testmelding',
    },
  },
  nn: {
    statuses: { queued: 'I kø', sending: 'Blir sendt', sent: 'Sendt', failed: 'Feila' },
    templates: {
      invitation: 'Invitasjon',
      'login-link': 'Innloggingslenke',
      'contact-person-named': 'Kontaktperson vald',
      'contact-person-replaced': 'Kontaktperson bytt',
      'participant-enrolled': 'Stadfesting av påmelding',
      'participant-changed': 'Påmelding endra',
      'participant-promoted': 'Fekk dekt plass',
      'participant-demoted': 'Mista dekt plass',
      'participant-substituted': 'Erstattar påmeld',
      'participant-replaced': 'Erstatta',
      'participant-cancelled': 'Avmelding',
      'late-cancellation-notice': 'Sein avmelding (til arrangør)',
      'deadline-reminder': 'Påminning om fristen',
      'online-link-published': 'Lenke til digital sesjon',
      'organiser-message': 'Melding frå arrangøren',
      'coverage-confirmation': 'Stadfesting av dekning',
      'test-message': 'Testmelding',
    },
  },
})

/** A status's name in the reader's form, and the colour of its tag. */
export function emailStatusName(status: EmailStatus, languageForm: LanguageForm): { label: string; color: 'neutral' | 'info' | 'success' | 'danger' } {
  return { label: text[languageForm].statuses[status], color: STATUS_COLORS[status] }
}

/** The template's name in the reader's form; an unknown template by its own name. */
export function emailTemplateName(template: string, languageForm: LanguageForm): string {
  const names: Record<string, string> = text[languageForm].templates
  return Object.hasOwn(names, template) ? (names[template] ?? template) : template
}
