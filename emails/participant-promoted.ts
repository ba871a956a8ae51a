import type { LanguageForm } from '../db/schema'
import { type ParticipantFacts, participantFacts } from './participant-facts'
import { type RenderedEmail, renderEmail } from './render'

/**
 * Why the participant got a covered place: someone else left it ('freed'),
 * the contact person or an organiser changed the order ('reordered'), or the
 * organiser granted the municipality more covered places ('granted').
 */
export type PromotionReason = 'freed' | 'reordered' | 'granted'

export interface ParticipantPromotedInput {
  languageForm: LanguageForm
  participantName: string
  eventTitle: string
  facts: ParticipantFacts
  pageLink: string
  /** Absent in messages queued before the reason was recorded: 'freed'. */
  reason?: PromotionReason
}

const why = {
  nb: {
    freed: 'En av kommunens dekkede plasser er blitt ledig, og den går nå til deg.',
    reordered: 'Kommunen har endret rekkefølgen for hvem som bruker de dekkede plassene, og en av dem går nå til deg.',
    granted: 'Arrangøren har gitt kommunen flere dekkede plasser, og en av dem går til deg.',
  },
  nn: {
    freed: 'Ein av dei dekte plassane til kommunen er ledig, og han går no til deg.',
    reordered: 'Kommunen har endra rekkjefølgja for kven som brukar dei dekte plassane, og ein av dei går no til deg.',
    granted: 'Arrangøren har gitt kommunen fleire dekte plassar, og ein av dei går til deg.',
  },
}

/** To a participant (contact person in copy) who got a covered place, saying truthfully why. */
export function participantPromotedEmail(input: ParticipantPromotedInput): RenderedEmail {
  const nn = input.languageForm === 'nn'
  const reason = why[nn ? 'nn' : 'nb'][input.reason ?? 'freed']
  return renderEmail({
    lang: input.languageForm,
    subject: nn ? `${input.eventTitle}: ${input.participantName} har fått dekt plass` : `${input.eventTitle}: ${input.participantName} har fått dekket plass`,
    heading: nn ? 'Du har fått ein dekt plass' : 'Du har fått en dekket plass',
    paragraphs: [
      nn
        ? `Hei, ${input.participantName}! ${reason} Det kommunen betaler for deg, er endra:`
        : `Hei, ${input.participantName}! ${reason} Det kommunen betaler for deg, er endret:`,
    ],
    facts: participantFacts(input.languageForm, input.facts),
    link: { href: input.pageLink, text: nn ? 'Sjå påmeldinga' : 'Se påmeldingen' },
  })
}
