import type { LanguageForm } from '../db/schema'
import { type ParticipantFacts, participantFacts } from './participant-facts'
import { type RenderedEmail, renderEmail } from './render'

export interface ParticipantDemotedInput {
  languageForm: LanguageForm
  participantName: string
  eventTitle: string
  facts: ParticipantFacts
  /** Who now uses the place, when one person took it over. */
  takenBy: string | null
  organiserContact: string
  pageLink: string
}

/**
 * To a participant (contact person in copy) who lost a covered place because
 * the order of the municipality's participants changed: still enrolled, now
 * (partly) self-paid.
 */
export function participantDemotedEmail(input: ParticipantDemotedInput): RenderedEmail {
  const nn = input.languageForm === 'nn'
  const to = input.takenBy
  return renderEmail({
    lang: input.languageForm,
    subject: nn
      ? `${input.eventTitle}: ${input.participantName} har ikkje lenger dekt plass`
      : `${input.eventTitle}: ${input.participantName} har ikke lenger dekket plass`,
    heading: nn ? 'Du har ikkje lenger ein dekt plass' : 'Du har ikke lenger en dekket plass',
    paragraphs: [
      nn
        ? `Hei, ${input.participantName}! Kommunen har endra rekkjefølgja for kven som brukar dei dekte plassane${to ? `, og plassen din går no til ${to}` : ''}. Du er framleis påmeld, men kommunen betaler no sjølv for det som ikkje er dekt:`
        : `Hei, ${input.participantName}! Kommunen har endret rekkefølgen for hvem som bruker de dekkede plassene${to ? `, og plassen din går nå til ${to}` : ''}. Du er fortsatt påmeldt, men kommunen betaler nå selv for det som ikke er dekket:`,
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
