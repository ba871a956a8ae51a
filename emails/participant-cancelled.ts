import type { LanguageForm } from '../db/schema'
import { type RenderedEmail, renderEmail } from './render'

export interface ParticipantCancelledInput {
  languageForm: LanguageForm
  participantName: string
  municipalityName: string
  eventTitle: string
  late: boolean
  organiserContact: string
}

/**
 * To the participant who was removed, with the contact person in copy. After
 * the deadline it is a late cancellation: the place stays paid for.
 */
export function participantCancelledEmail(input: ParticipantCancelledInput): RenderedEmail {
  const nn = input.languageForm === 'nn'
  const late = nn
    ? 'Avmeldinga kom etter fristen og er registrert som sein avmelding. Påmeldinga var bindande, så kommunen kan bli fakturert for plassen.'
    : 'Avmeldingen kom etter fristen og er registrert som sen avmelding. Påmeldingen var bindende, så kommunen kan bli fakturert for plassen.'
  return renderEmail({
    lang: input.languageForm,
    subject: nn ? `${input.eventTitle}: ${input.participantName} er meld av` : `${input.eventTitle}: ${input.participantName} er meldt av`,
    heading: nn ? 'Du er meld av' : 'Du er meldt av',
    paragraphs: [
      nn
        ? `Hei, ${input.participantName}! ${input.municipalityName} kommune har meldt deg av ${input.eventTitle}.`
        : `Hei, ${input.participantName}! ${input.municipalityName} kommune har meldt deg av ${input.eventTitle}.`,
      ...(input.late ? [late] : []),
      nn ? `Spørsmål om samlinga: ${input.organiserContact}.` : `Spørsmål om samlingen: ${input.organiserContact}.`,
    ],
  })
}
