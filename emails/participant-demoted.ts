import type { LanguageForm } from '../db/schema'
import { type ParticipantFacts, participantFacts } from './participant-facts'
import { type RenderedEmail, renderEmail } from './render'

/** Why the place went: the order changed, the organiser took back covered places, or another participant's stay changed. */
export type DemotionReason = 'reordered' | 'grant_reduced' | 'changed'

export interface ParticipantDemotedInput {
  languageForm: LanguageForm
  participantName: string
  eventTitle: string
  facts: ParticipantFacts
  /** Who now uses the place, when one person took it over. */
  takenBy: string | null
  organiserContact: string
  pageLink: string
  /** Absent: 'reordered'. */
  reason?: DemotionReason
}

const why = {
  nb: {
    reordered: 'Kommunen har endret rekkefølgen for hvem som bruker de dekkede plassene',
    grant_reduced: 'Arrangøren har redusert antallet dekkede plasser for kommunen',
    changed: 'En endring i en annen påmelding fra kommunen gjør at de dekkede plassene er fordelt på nytt',
  },
  nn: {
    reordered: 'Kommunen har endra rekkjefølgja for kven som brukar dei dekte plassane',
    grant_reduced: 'Arrangøren har redusert talet på dekte plassar for kommunen',
    changed: 'Ei endring i ei anna påmelding frå kommunen gjer at dei dekte plassane er fordelte på nytt',
  },
}

/**
 * To a participant (contact person in copy) who lost a covered place, saying
 * truthfully why (the order changed, fewer covered places were granted, or
 * another participant's stay changed): still enrolled, now (partly) self-paid.
 */
export function participantDemotedEmail(input: ParticipantDemotedInput): RenderedEmail {
  const nn = input.languageForm === 'nn'
  const to = input.takenBy
  const reason = why[nn ? 'nn' : 'nb'][input.reason ?? 'reordered']
  return renderEmail({
    lang: input.languageForm,
    subject: nn
      ? `${input.eventTitle}: ${input.participantName} har ikkje lenger dekt plass`
      : `${input.eventTitle}: ${input.participantName} har ikke lenger dekket plass`,
    heading: nn ? 'Du har ikkje lenger ein dekt plass' : 'Du har ikke lenger en dekket plass',
    paragraphs: [
      nn
        ? `Hei, ${input.participantName}! ${reason}${to ? `, og plassen din går no til ${to}` : ''}. Du er framleis påmeld, men kommunen betaler no sjølv for det som ikkje er dekt:`
        : `Hei, ${input.participantName}! ${reason}${to ? `, og plassen din går nå til ${to}` : ''}. Du er fortsatt påmeldt, men kommunen betaler nå selv for det som ikke er dekket:`,
    ],
    facts: participantFacts(input.languageForm, input.facts),
    closing: [
      nn
        ? `Er dette feil, ta kontakt med kontaktpersonen i kommunen. Spørsmål til arrangøren: ${input.organiserContact}.`
        : `Er dette feil, ta kontakt med kontaktpersonen i kommunen. Spørsmål til arrangøren: ${input.organiserContact}.`,
    ],
    link: { href: input.pageLink, text: nn ? 'Sjå påmeldinga' : 'Se påmeldingen' },
  })
}
