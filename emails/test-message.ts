import type { LanguageForm } from '../db/schema'
import { type RenderedEmail, renderEmail } from './render'

const copy = {
  nb: {
    subject: 'Testmelding fra Klimasamling',
    heading: 'E-posten virker',
    body: 'Denne meldingen ble sendt fra utviklersiden for e-post for å sjekke at e-post kommer fram.',
    link: 'Åpne Klimasamling',
  },
  nn: {
    subject: 'Testmelding frå Klimasamling',
    heading: 'E-posten verkar',
    body: 'Denne meldinga vart send frå utviklarsida for e-post for å sjekke at e-post kjem fram.',
    link: 'Opne Klimasamling',
  },
} satisfies Record<LanguageForm, Record<string, string>>

/** A message that only proves mail gets through, in bokmål or nynorsk. */
export function testMessage(input: { appUrl: string; languageForm: LanguageForm }): RenderedEmail {
  const t = copy[input.languageForm]
  return renderEmail({
    lang: input.languageForm,
    subject: t.subject,
    heading: t.heading,
    paragraphs: [t.body],
    link: { href: input.appUrl, text: t.link },
  })
}
