import type { LanguageForm } from '../db/schema'
import { type RenderedEmail, personalLink, renderEmail } from './render'

export interface InvitationEmailInput {
  languageForm: LanguageForm
  municipalityName: string
  eventTitle: string
  eventDates: string
  deadline: string
  link: string
  organiserContact: string
}

/**
 * To a municipality's official address: name your contact person for the
 * event. `late`: invited after the deadline, when only the organiser enrols
 * (DESIGN.md §3), so the contact person agrees with the organiser on who comes.
 */
export function invitationEmail(input: InvitationEmailInput, options: { late?: boolean } = {}): RenderedEmail {
  if (input.languageForm === 'nn') {
    return renderEmail({
      lang: 'nn',
      subject: `${input.eventTitle}: vel kontaktperson for ${input.municipalityName} kommune`,
      heading: `${input.municipalityName} kommune er invitert til ${input.eventTitle}`,
      paragraphs: [
        `${input.eventTitle} går føre seg ${input.eventDates}. Kommunen melder på deltakarane sine gjennom éin kontaktperson, som òg får kopi av all vidare korrespondanse om samlinga.`,
        options.late
          ? `Kommunen er invitert etter påmeldingsfristen (${input.deadline}). Vel kontaktperson gjennom lenka under; lenka gjeld berre ${input.municipalityName} kommune og sluttar å verke når kontaktpersonen er vald. Etter fristen melder arrangøren på deltakarane, så kontaktpersonen avtaler med arrangøren kven som skal vere med.`
          : `Vel kontaktperson gjennom lenka under. Lenka gjeld berre ${input.municipalityName} kommune og sluttar å verke når kontaktpersonen er vald. Påmeldingsfristen er ${input.deadline}.`,
        `Spørsmål kan rettast til ${input.organiserContact}.`,
      ],
      link: { href: personalLink(input.link, 'nn'), text: 'Vel kontaktperson' },
    })
  }
  return renderEmail({
    lang: 'nb',
    subject: `${input.eventTitle}: velg kontaktperson for ${input.municipalityName} kommune`,
    heading: `${input.municipalityName} kommune er invitert til ${input.eventTitle}`,
    paragraphs: [
      `${input.eventTitle} holdes ${input.eventDates}. Kommunen melder på sine deltakere gjennom én kontaktperson, som også får kopi av all videre korrespondanse om samlingen.`,
      options.late
        ? `Kommunen er invitert etter påmeldingsfristen (${input.deadline}). Velg kontaktperson gjennom lenken under; lenken gjelder bare ${input.municipalityName} kommune og slutter å virke når kontaktpersonen er valgt. Etter fristen melder arrangøren på deltakerne, så kontaktpersonen avtaler med arrangøren hvem som skal være med.`
        : `Velg kontaktperson gjennom lenken under. Lenken gjelder bare ${input.municipalityName} kommune og slutter å virke når kontaktpersonen er valgt. Påmeldingsfristen er ${input.deadline}.`,
      `Spørsmål kan rettes til ${input.organiserContact}.`,
    ],
    link: { href: input.link, text: 'Velg kontaktperson' },
  })
}
