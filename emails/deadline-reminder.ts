import type { LanguageForm } from '../db/schema'
import { type RenderedEmail, renderEmail } from './render'

export interface DeadlineReminderInput {
  languageForm: LanguageForm
  municipalityName: string
  eventTitle: string
  eventDates: string
  deadline: string
  /** What is missing: a contact person (the mail goes to the official address) or participants (to the contact person). */
  missing: 'contact_person' | 'participants'
  link: string
  organiserContact: string
}

/** Sent once, some days before the deadline, to invited municipalities that have not named a contact person or enrolled anyone. */
export function deadlineReminderEmail(input: DeadlineReminderInput): RenderedEmail {
  const nn = input.languageForm === 'nn'
  const what =
    input.missing === 'contact_person'
      ? nn
        ? `${input.municipalityName} kommune har ikkje valt kontaktperson enno. Kontaktpersonen melder på deltakarane frå kommunen. Vel kontaktperson gjennom lenka under; ho gjeld berre ${input.municipalityName} kommune.`
        : `${input.municipalityName} kommune har ikke valgt kontaktperson ennå. Kontaktpersonen melder på deltakerne fra kommunen. Velg kontaktperson gjennom lenken under; den gjelder bare ${input.municipalityName} kommune.`
      : nn
        ? `${input.municipalityName} kommune har ingen påmelde deltakarar enno. Som kontaktperson melder du dei på når du har logga inn.`
        : `${input.municipalityName} kommune har ingen påmeldte deltakere ennå. Som kontaktperson melder du dem på når du har logget inn.`
  return renderEmail({
    lang: input.languageForm,
    subject: nn ? `${input.eventTitle}: påmeldingsfristen er ${input.deadline}` : `${input.eventTitle}: påmeldingsfristen er ${input.deadline}`,
    heading: nn ? 'Påminning om påmeldingsfristen' : 'Påminnelse om påmeldingsfristen',
    paragraphs: [
      nn
        ? `${input.eventTitle} går føre seg ${input.eventDates}. Påmeldingsfristen er ${input.deadline}; etter fristen er påmeldinga bindande.`
        : `${input.eventTitle} holdes ${input.eventDates}. Påmeldingsfristen er ${input.deadline}; etter fristen er påmeldingen bindende.`,
      what,
      nn ? `Spørsmål kan rettast til ${input.organiserContact}.` : `Spørsmål kan rettes til ${input.organiserContact}.`,
    ],
    link: {
      href: input.link,
      text: input.missing === 'contact_person' ? (nn ? 'Vel kontaktperson' : 'Velg kontaktperson') : nn ? 'Logg inn og meld på' : 'Logg inn og meld på',
    },
  })
}
