import type { LanguageForm } from '../db/schema'
import { type RenderedEmail, renderEmail } from './render'

/** The one-time login link and code, in the language of the page the person asked from. */
export function loginLinkEmail(input: { link: string; code: string; languageForm: LanguageForm }): RenderedEmail {
  const { link, code } = input
  if (input.languageForm === 'nn') {
    return renderEmail({
      lang: 'nn',
      subject: `Innlogging til Klimasamling: kode ${code}`,
      heading: 'Logg inn på Klimasamling',
      paragraphs: [
        'Bruk lenka under for å logge inn. Ho verkar éin gong og i 15 minutt.',
        `Opnar e-postprogrammet lenker i ein annan nettlesar? Skriv då inn denne koden på innloggingssida: ${code}`,
        'Bad du ikkje om dette, kan du sjå bort frå e-posten. Ingen kan logge inn utan lenka eller koden.',
      ],
      link: { href: link, text: 'Logg inn' },
    })
  }
  return renderEmail({
    lang: 'nb',
    subject: `Innlogging til Klimasamling: kode ${code}`,
    heading: 'Logg inn på Klimasamling',
    paragraphs: [
      'Bruk lenken under for å logge inn. Den virker én gang og i 15 minutter.',
      `Åpner e-postprogrammet lenker i en annen nettleser? Skriv da inn denne koden på innloggingssiden: ${code}`,
      'Ba du ikke om dette, kan du se bort fra e-posten. Ingen kan logge inn uten lenken eller koden.',
    ],
    link: { href: link, text: 'Logg inn' },
  })
}
