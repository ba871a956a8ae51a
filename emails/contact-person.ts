import type { LanguageForm } from '../db/schema'
import { type RenderedEmail, renderEmail } from './render'

export interface ContactPersonEmailInput {
  languageForm: LanguageForm
  municipalityName: string
  eventTitle: string
  contactName: string
  loginLink: string
}

/** To the person who has just become the municipality's contact person. */
export function contactPersonNamedEmail(input: ContactPersonEmailInput): RenderedEmail {
  if (input.languageForm === 'nn') {
    return renderEmail({
      lang: 'nn',
      subject: `${input.eventTitle}: du er kontaktperson for ${input.municipalityName} kommune`,
      heading: `Du er kontaktperson for ${input.municipalityName} kommune`,
      paragraphs: [
        `Hei, ${input.contactName}! Du er no kontaktperson for ${input.municipalityName} kommune på ${input.eventTitle}.`,
        'Som kontaktperson melder du på deltakarane frå kommunen og får kopi av all korrespondanse om dei. Logg inn med e-postadressa di for å kome i gang.',
      ],
      link: { href: input.loginLink, text: 'Logg inn' },
    })
  }
  return renderEmail({
    lang: 'nb',
    subject: `${input.eventTitle}: du er kontaktperson for ${input.municipalityName} kommune`,
    heading: `Du er kontaktperson for ${input.municipalityName} kommune`,
    paragraphs: [
      `Hei, ${input.contactName}! Du er nå kontaktperson for ${input.municipalityName} kommune på ${input.eventTitle}.`,
      'Som kontaktperson melder du på deltakerne fra kommunen og får kopi av all korrespondanse om dem. Logg inn med e-postadressen din for å komme i gang.',
    ],
    link: { href: input.loginLink, text: 'Logg inn' },
  })
}

/** To the former contact person when someone else has taken over. */
export function contactPersonReplacedEmail(input: ContactPersonEmailInput & { formerName: string }): RenderedEmail {
  if (input.languageForm === 'nn') {
    return renderEmail({
      lang: 'nn',
      subject: `${input.eventTitle}: ny kontaktperson for ${input.municipalityName} kommune`,
      heading: `${input.contactName} er ny kontaktperson`,
      paragraphs: [
        `Hei, ${input.formerName}! ${input.contactName} har teke over som kontaktperson for ${input.municipalityName} kommune på ${input.eventTitle}.`,
        'Du får ikkje lenger kopi av korrespondansen om deltakarane frå kommunen, og du kan ikkje lenger endre påmeldinga. Er dette feil, ta kontakt med arrangøren.',
      ],
    })
  }
  return renderEmail({
    lang: 'nb',
    subject: `${input.eventTitle}: ny kontaktperson for ${input.municipalityName} kommune`,
    heading: `${input.contactName} er ny kontaktperson`,
    paragraphs: [
      `Hei, ${input.formerName}! ${input.contactName} har tatt over som kontaktperson for ${input.municipalityName} kommune på ${input.eventTitle}.`,
      'Du får ikke lenger kopi av korrespondansen om kommunens deltakere, og du kan ikke lenger endre påmeldingen. Er dette feil, ta kontakt med arrangøren.',
    ],
  })
}
