import { formatKroner } from '../app/domain/money'
import type { LanguageForm } from '../db/schema'

/** What every message about a participant's registration lists: where, when, what they attend, what is covered and paid. */
export interface ParticipantFacts {
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
  /** What extras cost on the event (decision 31); 'agreed' explains an amount without a price. Absent in older messages. */
  extrasPricing?: 'listed' | 'free' | 'agreed'
}

const labels = {
  nb: {
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
    agreedPrice: 'Etter avtale med arrangøren',
  },
  nn: {
    place: 'Stad',
    hotel: 'Hotell',
    days: 'Dagar',
    nights: 'Hotellnetter',
    noNights: 'Ingen (dagpakke)',
    dinner: 'Middag',
    yes: 'Ja',
    no: 'Nei',
    sessions: 'Sesjonar',
    noSessions: 'Ingen valt enno',
    covered: 'Dekt av arrangøren',
    coveredOvernight: 'Overnatting, måltid og begge dagane',
    coveredDays: (days: string[]) => `Dagpakke: ${days.join(', ')}`,
    nothingCovered: 'Ingenting (eigenbetalt)',
    pays: 'Kommunen betaler',
    nothing: 'Ingenting',
    unknownPrice: 'Prisen er ikkje fastsett enno',
    agreedPrice: 'Etter avtale med arrangøren',
  },
}

/** The facts as label and value pairs, in the language form asked for. */
export function participantFacts(languageForm: LanguageForm, f: ParticipantFacts): Array<{ label: string; value: string }> {
  const w = labels[languageForm]
  const amount =
    f.selfPaidOre === null
      ? f.extrasPricing === 'agreed'
        ? w.agreedPrice
        : w.unknownPrice
      : f.selfPaidOre === 0
        ? w.nothing
        : `${f.pricesApproximate ? 'ca. ' : ''}${formatKroner(f.selfPaidOre)}`
  const covered = f.coveredOvernight ? w.coveredOvernight : f.coveredDays.length ? w.coveredDays(f.coveredDays) : w.nothingCovered
  return [
    { label: w.place, value: f.place },
    ...(f.hotel ? [{ label: w.hotel, value: f.hotel }] : []),
    { label: w.days, value: f.days.join(', ') },
    { label: w.nights, value: f.nights.join(', ') || w.noNights },
    { label: w.dinner, value: f.attendsDinner ? w.yes : w.no },
    { label: w.sessions, value: f.sessions.join(', ') || w.noSessions },
    { label: w.covered, value: covered },
    { label: w.pays, value: amount },
  ]
}
