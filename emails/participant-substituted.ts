import type { LanguageForm } from '../db/schema'
import { type ParticipantFacts, participantFacts } from './participant-facts'
import { type RenderedEmail, renderEmail } from './render'

export interface ParticipantSubstitutedInput {
  languageForm: LanguageForm
  newName: string
  formerName: string
  eventTitle: string
  eventDates: string
  facts: ParticipantFacts
  droppedSessions: string[]
  organiserContact: string
  pageLink: string
}

/** To the substitute (contact person in copy): you come instead of the one who cannot. */
export function participantSubstitutedEmail(input: ParticipantSubstitutedInput): RenderedEmail {
  const nn = input.languageForm === 'nn'
  const dropped = input.droppedSessions.join(', ')
  return renderEmail({
    lang: input.languageForm,
    subject: nn
      ? `${input.eventTitle}: ${input.newName} kjem i staden for ${input.formerName}`
      : `${input.eventTitle}: ${input.newName} kommer i stedet for ${input.formerName}`,
    heading: nn ? 'Du er påmeld som erstattar' : 'Du er påmeldt som erstatter',
    paragraphs: [
      nn
        ? `Hei, ${input.newName}! Du tek over plassen til ${input.formerName} på ${input.eventTitle}, ${input.eventDates}, med dagane, nettene og det som er dekt.`
        : `Hei, ${input.newName}! Du tar over plassen til ${input.formerName} på ${input.eventTitle}, ${input.eventDates}, med dagene, nettene og det som er dekket.`,
      ...(dropped
        ? [
            nn
              ? `Desse sesjonane er ikkje opne for rolla di og er tekne bort: ${dropped}.`
              : `Disse sesjonene er ikke åpne for rollen din og er tatt bort: ${dropped}.`,
          ]
        : []),
    ],
    facts: participantFacts(input.languageForm, input.facts),
    closing: [nn ? `Spørsmål om samlinga: ${input.organiserContact}.` : `Spørsmål om samlingen: ${input.organiserContact}.`],
    link: { href: input.pageLink, text: nn ? 'Sjå påmeldinga og vel sesjonar' : 'Se påmeldingen og velg sesjoner' },
  })
}
