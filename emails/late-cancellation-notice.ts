import type { LanguageForm } from '../db/schema'
import { type RenderedEmail, renderEmail } from './render'

export interface LateCancellationNoticeInput {
  /** The organisers' own language form (the product's is bokmål). */
  languageForm?: LanguageForm
  participantName: string
  municipalityName: string
  eventTitle: string
  hadNights: string[]
  pageLink: string
}

/** To the organisers' mailbox: a participant cancelled after the deadline, and whether a room was given back. */
export function lateCancellationNotice(input: LateCancellationNoticeInput): RenderedEmail {
  const nn = input.languageForm === 'nn'
  return renderEmail({
    lang: nn ? 'nn' : 'nb',
    subject: nn
      ? `${input.eventTitle}: sein avmelding frå ${input.municipalityName} kommune`
      : `${input.eventTitle}: sen avmelding fra ${input.municipalityName} kommune`,
    heading: nn ? 'Sein avmelding' : 'Sen avmelding',
    paragraphs: [
      nn
        ? `${input.participantName} frå ${input.municipalityName} kommune er meld av etter fristen.`
        : `${input.participantName} fra ${input.municipalityName} kommune er meldt av etter fristen.`,
      input.hadNights.length
        ? nn
          ? `Deltakaren hadde hotellrom ${input.hadNights.join(', ')}; rommet er gitt tilbake til romkvoten.`
          : `Deltakeren hadde hotellrom ${input.hadNights.join(', ')}; rommet er gitt tilbake til romkvoten.`
        : nn
          ? 'Deltakaren hadde ikkje hotellrom.'
          : 'Deltakeren hadde ikke hotellrom.',
    ],
    link: { href: input.pageLink, text: nn ? 'Sjå påmeldinga til kommunen' : 'Se kommunens påmelding' },
  })
}
