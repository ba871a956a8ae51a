import type { LanguageForm } from '../db/schema'
import { type ParticipantFacts, participantFacts } from './participant-facts'
import { type RenderedEmail, renderEmail } from './render'

export interface ParticipantEnrolledInput {
  languageForm: LanguageForm
  participantName: string
  municipalityName: string
  contactName: string | null
  eventTitle: string
  eventDates: string
  facts: ParticipantFacts
  deadline: string
  late: boolean
  organiserContact: string
  pageLink: string
  /** The participant's check-in code (decision 046), shown as a QR code from the inline attachment `CHECK_IN_QR_CID` and in text. */
  checkInCode?: string
}

/** The content id of the check-in QR code's inline image (emails/index.ts attaches it). */
export const CHECK_IN_QR_CID = 'innsjekking-qr@klimasamling'

const words = {
  nb: {
    subject: (i: ParticipantEnrolledInput) => `${i.eventTitle}: ${i.participantName} er påmeldt`,
    heading: 'Påmeldingen er registrert',
    intro: (i: ParticipantEnrolledInput) =>
      `Hei, ${i.participantName}! ${i.municipalityName} kommune har meldt deg på ${i.eventTitle}, ${i.eventDates}.` +
      (i.contactName ? ` Kontaktpersonen i kommunen, ${i.contactName}, får kopi av denne e-posten.` : ''),
    binding: (i: ParticipantEnrolledInput) =>
      i.late
        ? `Du er meldt på etter fristen (${i.deadline}) av arrangøren. Påmeldingen er bindende.`
        : `Påmeldingen er bindende etter fristen ${i.deadline}. Før fristen kan kontaktpersonen endre eller melde deg av.`,
    substitute:
      'Kan du ikke komme, kan kommunen sende en annen fra kommunen i ditt sted (erstatter) fram til samlingen starter; kontaktpersonen ordner det på kommunens side i Klimasamling.',
    calendar: 'Kalenderfilen i vedlegget legger dagene dine inn i kalenderen.',
    qrAlt: 'QR-kode for innsjekking',
    qrCaption: (code: string) => `Vis QR-koden i registreringen når du kommer. Koden i tekst: ${code}`,
    questions: (i: ParticipantEnrolledInput) => `Spørsmål om samlingen: ${i.organiserContact}.`,
    link: 'Se påmeldingen og velg sesjoner',
  },
  nn: {
    subject: (i: ParticipantEnrolledInput) => `${i.eventTitle}: ${i.participantName} er påmeld`,
    heading: 'Påmeldinga er registrert',
    intro: (i: ParticipantEnrolledInput) =>
      `Hei, ${i.participantName}! ${i.municipalityName} kommune har meldt deg på ${i.eventTitle}, ${i.eventDates}.` +
      (i.contactName ? ` Kontaktpersonen i kommunen, ${i.contactName}, får kopi av denne e-posten.` : ''),
    binding: (i: ParticipantEnrolledInput) =>
      i.late
        ? `Du er meld på etter fristen (${i.deadline}) av arrangøren. Påmeldinga er bindande.`
        : `Påmeldinga er bindande etter fristen ${i.deadline}. Før fristen kan kontaktpersonen endre eller melde deg av.`,
    substitute:
      'Kan du ikkje kome, kan kommunen sende ein annan frå kommunen i staden din (erstattar) fram til samlinga startar; kontaktpersonen ordnar det på sida til kommunen i Klimasamling.',
    calendar: 'Kalenderfila i vedlegget legg dagane dine inn i kalenderen.',
    qrAlt: 'QR-kode for innsjekking',
    qrCaption: (code: string) => `Vis QR-koden i registreringa når du kjem. Koden i tekst: ${code}`,
    questions: (i: ParticipantEnrolledInput) => `Spørsmål om samlinga: ${i.organiserContact}.`,
    link: 'Sjå påmeldinga og vel sesjonar',
  },
}

/** To the participant, with the municipality's contact person in copy: what they are enrolled for, what is covered and what it costs. */
export function participantEnrolledEmail(input: ParticipantEnrolledInput): RenderedEmail {
  const w = words[input.languageForm]
  return renderEmail({
    lang: input.languageForm,
    subject: w.subject(input),
    heading: w.heading,
    paragraphs: [w.intro(input)],
    facts: participantFacts(input.languageForm, input.facts),
    image: input.checkInCode ? { cid: CHECK_IN_QR_CID, alt: w.qrAlt, size: 180, caption: w.qrCaption(input.checkInCode) } : undefined,
    closing: [w.binding(input), w.substitute, w.calendar, w.questions(input)],
    link: { href: input.pageLink, text: w.link },
  })
}
