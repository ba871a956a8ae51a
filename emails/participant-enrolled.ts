import { formatKroner } from '../app/domain/money'
import type { LanguageForm } from '../db/schema'
import { type RenderedEmail, renderEmail } from './render'

/** Everything the enrolment confirmation says; all of it about this one participant. */
export interface ParticipantEnrolledInput {
  languageForm: LanguageForm
  participantName: string
  municipalityName: string
  contactName: string | null
  eventTitle: string
  eventDates: string
  place: string
  hotel: string | null
  days: string[]
  nights: string[]
  attendsDinner: boolean
  sessions: string[]
  coveredOvernight: boolean
  coveredDays: string[]
  /** What the municipality pays for this participant, in øre; null when the price is not set. */
  selfPaidOre: number | null
  pricesApproximate: boolean
  deadline: string
  late: boolean
  organiserContact: string
  pageLink: string
}

const words = {
  nb: {
    subject: (i: ParticipantEnrolledInput) => `${i.eventTitle}: ${i.participantName} er påmeldt`,
    heading: 'Påmeldingen er registrert',
    intro: (i: ParticipantEnrolledInput) =>
      `Hei, ${i.participantName}! ${i.municipalityName} kommune har meldt deg på ${i.eventTitle}, ${i.eventDates}.` +
      (i.contactName ? ` Kontaktpersonen i kommunen, ${i.contactName}, får kopi av denne e-posten.` : ''),
    place: 'Sted',
    hotel: 'Hotell',
    days: 'Dager',
    nights: 'Hotellnetter',
    noNights: 'Ingen (dagpakke)',
    dinner: 'Middag',
    yes: 'Ja',
    no: 'Nei',
    sessions: 'Sesjoner',
    noSessions: 'Ingen valgt ennå',
    covered: 'Dekket av arrangøren',
    coveredOvernight: 'Overnatting, måltider og begge dager',
    coveredDays: (days: string[]) => `Dagpakke: ${days.join(', ')}`,
    nothingCovered: 'Ingenting (egenbetalt)',
    pays: 'Kommunen betaler',
    nothing: 'Ingenting',
    unknownPrice: 'Prisen er ikke fastsatt ennå',
    binding: (i: ParticipantEnrolledInput) =>
      i.late
        ? `Du er meldt på etter fristen (${i.deadline}) av arrangøren. Påmeldingen er bindende.`
        : `Påmeldingen er bindende etter fristen ${i.deadline}. Før fristen kan kontaktpersonen endre eller melde deg av.`,
    substitute:
      'Kan du ikke komme, kan kommunen sende en annen fra kommunen i ditt sted (erstatter) fram til samlingen starter; kontaktpersonen ordner det på kommunens side i Klimasamling.',
    calendar: 'Kalenderfilen i vedlegget legger dagene dine inn i kalenderen.',
    questions: (i: ParticipantEnrolledInput) => `Spørsmål om samlingen: ${i.organiserContact}.`,
    link: 'Se påmeldingen og velg sesjoner',
  },
  nn: {
    subject: (i: ParticipantEnrolledInput) => `${i.eventTitle}: ${i.participantName} er påmeld`,
    heading: 'Påmeldinga er registrert',
    intro: (i: ParticipantEnrolledInput) =>
      `Hei, ${i.participantName}! ${i.municipalityName} kommune har meldt deg på ${i.eventTitle}, ${i.eventDates}.` +
      (i.contactName ? ` Kontaktpersonen i kommunen, ${i.contactName}, får kopi av denne e-posten.` : ''),
    place: 'Stad',
    hotel: 'Hotell',
    days: 'Dagar',
    nights: 'Hotellnetter',
    noNights: 'Ingen (dagpakke)',
    dinner: 'Middag',
    yes: 'Ja',
    no: 'Nei',
    sessions: 'Sesjonar',
    noSessions: 'Ingen valde enno',
    covered: 'Dekt av arrangøren',
    coveredOvernight: 'Overnatting, måltid og begge dagane',
    coveredDays: (days: string[]) => `Dagpakke: ${days.join(', ')}`,
    nothingCovered: 'Ingenting (eigenbetalt)',
    pays: 'Kommunen betaler',
    nothing: 'Ingenting',
    unknownPrice: 'Prisen er ikkje fastsett enno',
    binding: (i: ParticipantEnrolledInput) =>
      i.late
        ? `Du er meld på etter fristen (${i.deadline}) av arrangøren. Påmeldinga er bindande.`
        : `Påmeldinga er bindande etter fristen ${i.deadline}. Før fristen kan kontaktpersonen endre eller melde deg av.`,
    substitute:
      'Kan du ikkje kome, kan kommunen sende ein annan frå kommunen i staden din (erstattar) fram til samlinga startar; kontaktpersonen ordnar det på sida til kommunen i Klimasamling.',
    calendar: 'Kalenderfila i vedlegget legg dagane dine inn i kalenderen.',
    questions: (i: ParticipantEnrolledInput) => `Spørsmål om samlinga: ${i.organiserContact}.`,
    link: 'Sjå påmeldinga og vel sesjonar',
  },
}

/** To the participant, with the municipality's contact person in copy: what they are enrolled for, what is covered and what it costs. */
export function participantEnrolledEmail(input: ParticipantEnrolledInput): RenderedEmail {
  const w = words[input.languageForm]
  const amount =
    input.selfPaidOre === null ? w.unknownPrice : input.selfPaidOre === 0 ? w.nothing : `${input.pricesApproximate ? 'ca. ' : ''}${formatKroner(input.selfPaidOre)}`
  const covered = input.coveredOvernight ? w.coveredOvernight : input.coveredDays.length ? w.coveredDays(input.coveredDays) : w.nothingCovered
  return renderEmail({
    lang: input.languageForm,
    subject: w.subject(input),
    heading: w.heading,
    paragraphs: [w.intro(input)],
    facts: [
      { label: w.place, value: input.place },
      ...(input.hotel ? [{ label: w.hotel, value: input.hotel }] : []),
      { label: w.days, value: input.days.join(', ') },
      { label: w.nights, value: input.nights.join(', ') || w.noNights },
      { label: w.dinner, value: input.attendsDinner ? w.yes : w.no },
      { label: w.sessions, value: input.sessions.join(', ') || w.noSessions },
      { label: w.covered, value: covered },
      { label: w.pays, value: amount },
    ],
    closing: [w.binding(input), w.substitute, w.calendar, w.questions(input)],
    link: { href: input.pageLink, text: w.link },
  })
}
