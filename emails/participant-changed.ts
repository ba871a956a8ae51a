import type { LanguageForm } from '../db/schema'
import { type ParticipantFacts, participantFacts } from './participant-facts'
import { type RenderedEmail, renderEmail } from './render'

export interface ParticipantChangedInput {
  languageForm: LanguageForm
  participantName: string
  eventTitle: string
  facts: ParticipantFacts
  organiserContact: string
  pageLink: string
}

/** To the participant, with the contact person in copy, after their registration was changed: how it stands now. */
export function participantChangedEmail(input: ParticipantChangedInput): RenderedEmail {
  const nn = input.languageForm === 'nn'
  return renderEmail({
    lang: input.languageForm,
    subject: nn
      ? `${input.eventTitle}: påmeldinga til ${input.participantName} er endra`
      : `${input.eventTitle}: påmeldingen til ${input.participantName} er endret`,
    heading: nn ? 'Påmeldinga er endra' : 'Påmeldingen er endret',
    paragraphs: [
      nn
        ? `Hei, ${input.participantName}! Påmeldinga di er endra. Slik ser ho ut no:`
        : `Hei, ${input.participantName}! Påmeldingen din er endret. Slik ser den ut nå:`,
    ],
    facts: participantFacts(input.languageForm, input.facts),
    closing: [nn ? `Spørsmål om samlinga: ${input.organiserContact}.` : `Spørsmål om samlingen: ${input.organiserContact}.`],
    link: { href: input.pageLink, text: nn ? 'Sjå påmeldinga' : 'Se påmeldingen' },
  })
}
