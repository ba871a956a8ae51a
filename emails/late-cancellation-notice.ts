import { type RenderedEmail, renderEmail } from './render'

export interface LateCancellationNoticeInput {
  participantName: string
  municipalityName: string
  eventTitle: string
  hadNights: string[]
  pageLink: string
}

/** To the organisers' mailbox (in bokmål, the organisers' own language): a participant cancelled after the deadline. */
export function lateCancellationNotice(input: LateCancellationNoticeInput): RenderedEmail {
  return renderEmail({
    lang: 'nb',
    subject: `${input.eventTitle}: sen avmelding fra ${input.municipalityName} kommune`,
    heading: 'Sen avmelding',
    paragraphs: [
      `${input.participantName} fra ${input.municipalityName} kommune er meldt av etter fristen.`,
      input.hadNights.length
        ? `Deltakeren hadde hotellrom ${input.hadNights.join(', ')}; rommet er gitt tilbake til rombeholdningen.`
        : 'Deltakeren hadde ikke hotellrom.',
    ],
    link: { href: input.pageLink, text: 'Se kommunens påmelding' },
  })
}
