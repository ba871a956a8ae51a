import type { LanguageForm } from '../db/schema'
import { type RenderedEmail, renderEmail } from './render'

export interface OnlineLinkPublishedInput {
  languageForm: LanguageForm
  participantName: string
  eventTitle: string
  sessionTitle: string
  when: string
  url: string
  pageLink: string
}

/** To each registered participant of the event (their contact person in copy): the meeting link of a digital session. */
export function onlineLinkPublishedEmail(input: OnlineLinkPublishedInput): RenderedEmail {
  const nn = input.languageForm === 'nn'
  return renderEmail({
    lang: input.languageForm,
    subject: `${input.eventTitle}: ${nn ? 'lenke til' : 'lenke til'} «${input.sessionTitle}»`,
    heading: input.sessionTitle,
    paragraphs: [
      nn
        ? `Hei, ${input.participantName}! Her er lenka til «${input.sessionTitle}», ${input.when}, i den digitale delen av ${input.eventTitle}. Lenka er berre for påmelde deltakarar.`
        : `Hei, ${input.participantName}! Her er lenken til «${input.sessionTitle}», ${input.when}, i den digitale delen av ${input.eventTitle}. Lenken er bare for påmeldte deltakere.`,
      nn ? `Møtelenke: ${input.url}` : `Møtelenke: ${input.url}`,
      nn ? 'Kalenderfila i vedlegget legg møtet inn i kalenderen.' : 'Kalenderfilen i vedlegget legger møtet inn i kalenderen.',
    ],
    link: { href: input.pageLink, text: nn ? 'Sjå den digitale delen' : 'Se den digitale delen' },
  })
}
