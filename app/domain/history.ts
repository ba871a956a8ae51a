import { type LanguageForm, texts } from './language'

/** Audit actions of a municipality's registration, as its page names them. */
const ACTIONS = texts({
  nb: {
    'invitation.sent': 'Invitasjon sendt',
    'contact_person.named': 'Kontaktperson valgt',
    'contact_person.changed': 'Kontaktperson endret av arrangøren',
    'contact_person.handed_over': 'Kontaktpersonrollen gitt videre',
    'participant.enrolled': 'Deltaker påmeldt',
    'participant.enrolled_late': 'Deltaker påmeldt etter fristen',
    'participant.cancelled': 'Deltaker meldt av',
    'participant.late_cancelled': 'Sen avmelding',
    'participant.promoted': 'Deltaker fikk dekket plass',
    'participant.demoted': 'Deltaker mistet dekket plass (endret rekkefølge)',
    'participant.restored': 'Avmelding angret',
    'participant.charge_waived': 'Arrangøren frafalt betalingen',
    'participant.charge_unwaived': 'Arrangøren trakk tilbake frafall av betaling',
    'participant.substituted': 'Deltaker erstattet',
    'participant.updated': 'Deltaker endret',
    'participant.moved_up': 'Flyttet opp i rekkefølgen for dekkede plasser',
    'participant.moved_down': 'Flyttet ned i rekkefølgen for dekkede plasser',
    'participant.sessions_changed': 'Deltaker endret sine sesjoner',
    'deadline.reminded': 'Påminnelse om fristen sendt',
    'coverage.granted': 'Arrangøren endret ekstra dekkede plasser',
  },
  nn: {
    'invitation.sent': 'Invitasjon sendt',
    'contact_person.named': 'Kontaktperson vald',
    'contact_person.changed': 'Kontaktperson endra av arrangøren',
    'contact_person.handed_over': 'Kontaktpersonrolla gitt vidare',
    'participant.enrolled': 'Deltakar påmeld',
    'participant.enrolled_late': 'Deltakar påmeld etter fristen',
    'participant.cancelled': 'Deltakar meld av',
    'participant.late_cancelled': 'Sein avmelding',
    'participant.promoted': 'Deltakar fekk dekt plass',
    'participant.demoted': 'Deltakar miste dekt plass (endra rekkjefølgje)',
    'participant.restored': 'Avmelding angra',
    'participant.charge_waived': 'Arrangøren fråfall betalinga',
    'participant.charge_unwaived': 'Arrangøren trekte tilbake fråfall av betaling',
    'participant.substituted': 'Deltakar erstatta',
    'participant.updated': 'Deltakar endra',
    'participant.moved_up': 'Flytta opp i rekkjefølgja for dekte plassar',
    'participant.moved_down': 'Flytta ned i rekkjefølgja for dekte plassar',
    'participant.sessions_changed': 'Deltakar endra sesjonane sine',
    'deadline.reminded': 'Påminning om fristen sendt',
    'coverage.granted': 'Arrangøren endra ekstra dekte plassar',
  },
})

/** What an audit action was, in the reader's written form; an unknown action as it is stored. */
export function describeAction(action: string, languageForm: LanguageForm = 'nb'): string {
  const names: Partial<Record<string, string>> = ACTIONS[languageForm]
  // Own keys only: an action named like one of Object.prototype's members is not a known action.
  return (Object.hasOwn(names, action) ? names[action] : undefined) ?? action
}

/** The person an audit row is about, from what it recorded before or after. */
export function subjectOf(before: unknown, after: unknown): string {
  const name = (value: unknown) => (value && typeof value === 'object' && 'name' in value && typeof value.name === 'string' ? value.name : null)
  const beforeName = name(before)
  const afterName = name(after)
  if (beforeName && afterName && beforeName !== afterName) return `${beforeName} → ${afterName}`
  return afterName ?? beforeName ?? ''
}

/**
 * The values that differ between two versions of a record, for an audit row's
 * before and after. Lists count as equal when they hold the same items.
 */
export function changedValues<T extends Record<string, unknown>>(before: T, after: T): { before: Partial<T>; after: Partial<T> } {
  const same = (a: unknown, b: unknown) => (Array.isArray(a) && Array.isArray(b) ? a.length === b.length && a.every((x) => b.includes(x)) : a === b)
  const changed = (Object.keys(after) as Array<keyof T>).filter((k) => !same(before[k], after[k]))
  return {
    before: Object.fromEntries(changed.map((k) => [k, before[k]])) as Partial<T>,
    after: Object.fromEntries(changed.map((k) => [k, after[k]])) as Partial<T>,
  }
}
