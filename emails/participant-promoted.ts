import type { LanguageForm } from '../db/schema'
import { type ParticipantFacts, participantFacts } from './participant-facts'
import { type RenderedEmail, renderEmail } from './render'

export interface ParticipantPromotedInput {
  languageForm: LanguageForm
  participantName: string
  eventTitle: string
  facts: ParticipantFacts
  pageLink: string
}

/** To a participant (contact person in copy) who got a covered place another left. */
export function participantPromotedEmail(input: ParticipantPromotedInput): RenderedEmail {
  const nn = input.languageForm === 'nn'
  return renderEmail({
    lang: input.languageForm,
    subject: nn ? `${input.eventTitle}: ${input.participantName} har fått dekt plass` : `${input.eventTitle}: ${input.participantName} har fått dekket plass`,
    heading: nn ? 'Du har fått ein dekt plass' : 'Du har fått en dekket plass',
    paragraphs: [
      nn
        ? `Hei, ${input.participantName}! Ein av dei dekte plassane til kommunen er ledig, og han går no til deg. Det kommunen betaler for deg, er endra:`
        : `Hei, ${input.participantName}! En av kommunens dekkede plasser er blitt ledig, og den går nå til deg. Det kommunen betaler for deg, er endret:`,
    ],
    facts: participantFacts(input.languageForm, input.facts),
    link: { href: input.pageLink, text: nn ? 'Sjå påmeldinga' : 'Se påmeldingen' },
  })
}
