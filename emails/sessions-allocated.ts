import type { LanguageForm } from '../db/schema'
import { type RenderedEmail, renderEmail } from './render'

/** One seat in the message: the session, when and where. */
export interface AllocatedSeat {
  slotLabel: string
  title: string
  /** "28. november 2018 kl. 09.30–11.30" */
  time: string
  room: string | null
}

export interface SessionsAllocatedInput {
  languageForm: LanguageForm
  participantName: string
  municipalityName: string
  contactName: string | null
  eventTitle: string
  seats: AllocatedSeat[]
  organiserContact: string
  pageLink: string
}

const words = {
  nb: {
    subject: (i: SessionsAllocatedInput) => `${i.eventTitle}: sesjonene dine`,
    heading: 'Sesjonene dine er klare',
    intro: (i: SessionsAllocatedInput) =>
      `Hei, ${i.participantName}! Arrangøren har fordelt plassene i de parallelle sesjonene på ${i.eventTitle} etter ønskene som ble sendt inn.` +
      (i.contactName ? ` Kontaktpersonen i ${i.municipalityName} kommune, ${i.contactName}, får kopi av denne e-posten.` : ''),
    none: 'Du har ikke fått plass i noen parallell sesjon. Ta kontakt med arrangøren hvis du vil ha en plass.',
    room: 'Rom',
    calendar: 'Kalenderfilen i vedlegget legger sesjonene inn i kalenderen din.',
    changes: 'Vil du bytte sesjon, ta kontakt med arrangøren.',
    questions: (i: SessionsAllocatedInput) => `Spørsmål om samlingen: ${i.organiserContact}.`,
    link: 'Se påmeldingen din',
  },
  nn: {
    subject: (i: SessionsAllocatedInput) => `${i.eventTitle}: sesjonane dine`,
    heading: 'Sesjonane dine er klare',
    intro: (i: SessionsAllocatedInput) =>
      `Hei, ${i.participantName}! Arrangøren har fordelt plassane i dei parallelle sesjonane på ${i.eventTitle} etter ønska som vart sende inn.` +
      (i.contactName ? ` Kontaktpersonen i ${i.municipalityName} kommune, ${i.contactName}, får kopi av denne e-posten.` : ''),
    none: 'Du har ikkje fått plass i nokon parallell sesjon. Ta kontakt med arrangøren om du vil ha ein plass.',
    room: 'Rom',
    calendar: 'Kalenderfila i vedlegget legg sesjonane inn i kalenderen din.',
    changes: 'Vil du byte sesjon, ta kontakt med arrangøren.',
    questions: (i: SessionsAllocatedInput) => `Spørsmål om samlinga: ${i.organiserContact}.`,
    link: 'Sjå påmeldinga di',
  },
}

/** To a participant whose seats in the parallel sessions changed when the organiser published the allocation, the contact person in copy. */
export function sessionsAllocatedEmail(input: SessionsAllocatedInput): RenderedEmail {
  const w = words[input.languageForm]
  return renderEmail({
    lang: input.languageForm,
    subject: w.subject(input),
    heading: w.heading,
    paragraphs: [w.intro(input), ...(input.seats.length === 0 ? [w.none] : [])],
    facts: input.seats.map((s) => ({ label: s.slotLabel, value: `${s.title}, ${s.time}${s.room ? `. ${w.room}: ${s.room}` : ''}` })),
    closing: [...(input.seats.length > 0 ? [w.calendar] : []), w.changes, w.questions(input)],
    link: { href: input.pageLink, text: w.link },
  })
}
