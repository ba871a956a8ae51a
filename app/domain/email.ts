import type { EmailStatus } from '../../db/schema'

/** The outbox's statuses, in the order the organiser's filter lists them. */
export const EMAIL_STATUSES = ['queued', 'sending', 'sent', 'failed'] as const satisfies readonly EmailStatus[]

/**
 * How the organiser's pages name a status and a template, and the colour of a
 * status tag. Plain data, read by the loaders, so both pages say the same.
 */
export const EMAIL_STATUS_NAMES: Record<EmailStatus, { label: string; color: 'neutral' | 'info' | 'success' | 'danger' }> = {
  queued: { label: 'I kø', color: 'neutral' },
  sending: { label: 'Sendes', color: 'info' },
  sent: { label: 'Sendt', color: 'success' },
  failed: { label: 'Feilet', color: 'danger' },
}

const TEMPLATE_NAMES: Record<string, string> = {
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
}

/** The template's name in Norwegian; an unknown template by its own name. */
export function emailTemplateName(template: string): string {
  return Object.hasOwn(TEMPLATE_NAMES, template) ? (TEMPLATE_NAMES[template] ?? template) : template
}
