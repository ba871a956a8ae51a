import type { LanguageForm } from '../db/schema'
import { type RenderedEmail, renderEmail } from './render'

export interface DataRequestEmailInput {
  languageForm: LanguageForm
  eventTitle: string
  askerName: string
  kind: 'correction' | 'deletion'
  message: string
  pageLink: string
}

/** To the event's organiser contact address: someone asks to have their personal data corrected or deleted (decision 053). */
export function dataRequestEmail(input: DataRequestEmailInput): RenderedEmail {
  const nn = input.languageForm === 'nn'
  const what = input.kind === 'deletion' ? 'slette' : 'rette'
  return renderEmail({
    lang: input.languageForm,
    subject: nn ? `${input.eventTitle}: førespurnad om å ${what} personopplysningar` : `${input.eventTitle}: forespørsel om å ${what} personopplysninger`,
    heading: nn ? 'Førespurnad om personopplysningar' : 'Forespørsel om personopplysninger',
    paragraphs: [
      nn
        ? `${input.askerName} ber arrangøren av ${input.eventTitle} om å ${what} opplysningar om seg sjølv.`
        : `${input.askerName} ber arrangøren av ${input.eventTitle} om å ${what} opplysninger om seg selv.`,
      `Melding: ${input.message}`,
      nn
        ? 'Gjer endringa der opplysningane står, og marker førespurnaden som utført eller avslått under «Personopplysningar».'
        : 'Gjør endringen der opplysningene står, og marker forespørselen som utført eller avslått under «Personopplysninger».',
    ],
    link: { href: input.pageLink, text: nn ? 'Opne førespurnadene' : 'Åpne forespørslene' },
  })
}
