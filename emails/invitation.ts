import type { LanguageForm } from '../db/schema'
import { type RenderedEmail, renderEmail } from './render'

export interface InvitationEmailInput {
  languageForm: LanguageForm
  municipalityName: string
  eventTitle: string
  eventDates: string
  deadline: string
  link: string
  organiserContact: string
}

/** To a municipality's official address: name your contact person for the event. */
export function invitationEmail(input: InvitationEmailInput): RenderedEmail {
  if (input.languageForm === 'nn') {
    return renderEmail({
      lang: 'nn',
      subject: `${input.eventTitle}: vel kontaktperson for ${input.municipalityName} kommune`,
      heading: `${input.municipalityName} kommune er invitert til ${input.eventTitle}`,
      paragraphs: [
        `${input.eventTitle} går føre seg ${input.eventDates}. Kommunen melder på deltakarane sine gjennom éin kontaktperson, som òg får kopi av all vidare korrespondanse om samlinga.`,
        `Vel kontaktperson gjennom lenka under. Lenka gjeld berre ${input.municipalityName} kommune og sluttar å verke når kontaktpersonen er vald. Påmeldingsfristen er ${input.deadline}.`,
        `Spørsmål kan rettast til ${input.organiserContact}.`,
      ],
      link: { href: input.link, text: 'Vel kontaktperson' },
    })
  }
  return renderEmail({
    lang: 'nb',
    subject: `${input.eventTitle}: velg kontaktperson for ${input.municipalityName} kommune`,
    heading: `${input.municipalityName} kommune er invitert til ${input.eventTitle}`,
    paragraphs: [
      `${input.eventTitle} holdes ${input.eventDates}. Kommunen melder på sine deltakere gjennom én kontaktperson, som også får kopi av all videre korrespondanse om samlingen.`,
      `Velg kontaktperson gjennom lenken under. Lenken gjelder bare ${input.municipalityName} kommune og slutter å virke når kontaktpersonen er valgt. Påmeldingsfristen er ${input.deadline}.`,
      `Spørsmål kan rettes til ${input.organiserContact}.`,
    ],
    link: { href: input.link, text: 'Velg kontaktperson' },
  })
}
