import type { LanguageForm } from '../db/schema'
import { type RenderedEmail, renderEmail } from './render'

export interface ParticipantReplacedInput {
  languageForm: LanguageForm
  formerName: string
  newName: string
  eventTitle: string
}

/** To the one who was substituted (contact person in copy): your place went to someone else. */
export function participantReplacedEmail(input: ParticipantReplacedInput): RenderedEmail {
  const nn = input.languageForm === 'nn'
  return renderEmail({
    lang: input.languageForm,
    subject: nn
      ? `${input.eventTitle}: ${input.newName} har teke over plassen til ${input.formerName}`
      : `${input.eventTitle}: ${input.newName} har tatt over plassen til ${input.formerName}`,
    heading: nn ? 'Plassen din er overteken' : 'Plassen din er overtatt',
    paragraphs: [
      nn
        ? `Hei, ${input.formerName}! Kommunen har meldt på ${input.newName} i staden for deg på ${input.eventTitle}. Du er ikkje lenger påmeld.`
        : `Hei, ${input.formerName}! Kommunen har meldt på ${input.newName} i stedet for deg på ${input.eventTitle}. Du er ikke lenger påmeldt.`,
    ],
  })
}
