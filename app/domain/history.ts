/** Audit actions of a municipality's registration, as its page names them. */
const ACTIONS: Record<string, string> = {
  'invitation.sent': 'Invitasjon sendt',
  'contact_person.named': 'Kontaktperson valgt',
  'contact_person.changed': 'Kontaktperson endret av arrangøren',
  'contact_person.handed_over': 'Kontaktpersonrollen gitt videre',
  'participant.enrolled': 'Deltaker påmeldt',
  'participant.enrolled_late': 'Deltaker påmeldt etter fristen',
  'participant.cancelled': 'Deltaker meldt av',
  'participant.late_cancelled': 'Sen avmelding',
  'participant.promoted': 'Deltaker fikk dekket plass',
  'participant.substituted': 'Deltaker erstattet',
}

export function describeAction(action: string): string {
  return ACTIONS[action] ?? action
}

/** The person an audit row is about, from what it recorded before or after. */
export function subjectOf(before: unknown, after: unknown): string {
  const name = (value: unknown) =>
    value && typeof value === 'object' && 'name' in value && typeof value.name === 'string' ? value.name : null
  const beforeName = name(before)
  const afterName = name(after)
  if (beforeName && afterName && beforeName !== afterName) return `${beforeName} → ${afterName}`
  return afterName ?? beforeName ?? ''
}
