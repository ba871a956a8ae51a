import { formatKroner } from '../app/domain/money'
import type { LanguageForm } from '../db/schema'
import { type RenderedEmail, renderEmail } from './render'

export interface CoverageConfirmationInput {
  languageForm: LanguageForm
  municipalityName: string
  eventTitle: string
  eventDates: string
  participants: Array<{ name: string; coveredOvernight: boolean; coveredDays: string[]; selfPaidOre: number | null }>
  totalOre: number | null
  pricesApproximate: boolean
  billedBy: 'organiser' | 'hotel'
  organiserContact: string
}

/** After the deadline, to the municipality's contact person: for each participant what is covered, and what the municipality pays in all. */
export function coverageConfirmationEmail(input: CoverageConfirmationInput): RenderedEmail {
  const nn = input.languageForm === 'nn'
  const money = (ore: number | null) =>
    ore === null ? (nn ? 'prisen er ikkje fastsett' : 'prisen er ikke fastsatt') : `${input.pricesApproximate && ore > 0 ? 'ca. ' : ''}${formatKroner(ore)}`
  const describe = (p: CoverageConfirmationInput['participants'][number]) => {
    const covered = p.coveredOvernight
      ? nn
        ? 'dekt overnatting'
        : 'dekket overnatting'
      : p.coveredDays.length
        ? `${nn ? 'dekt dagpakke' : 'dekket dagpakke'} (${p.coveredDays.join(', ')})`
        : nn
          ? 'eigenbetalt'
          : 'egenbetalt'
    return p.selfPaidOre === 0 ? covered : `${covered}; ${nn ? 'kommunen betaler' : 'kommunen betaler'} ${money(p.selfPaidOre)}`
  }
  const billed =
    input.billedBy === 'hotel'
      ? nn
        ? 'Hotellet fakturerer kommunen.'
        : 'Hotellet fakturerer kommunen.'
      : nn
        ? 'Arrangøren fakturerer kommunen.'
        : 'Arrangøren fakturerer kommunen.'
  return renderEmail({
    lang: input.languageForm,
    subject: nn ? `${input.eventTitle}: stadfesting av dekning for ${input.municipalityName} kommune` : `${input.eventTitle}: bekreftelse av dekning for ${input.municipalityName} kommune`,
    heading: nn ? `Dekning for ${input.municipalityName} kommune` : `Dekning for ${input.municipalityName} kommune`,
    paragraphs: [
      nn
        ? `Påmeldingsfristen for ${input.eventTitle} (${input.eventDates}) er ute, og påmeldinga er bindande. Dette dekkjer arrangøren for deltakarane frå kommunen, og dette betaler kommunen sjølv:`
        : `Påmeldingsfristen for ${input.eventTitle} (${input.eventDates}) er ute, og påmeldingen er bindende. Dette dekker arrangøren for deltakerne fra kommunen, og dette betaler kommunen selv:`,
    ],
    facts: [
      ...input.participants.map((p) => ({ label: p.name, value: describe(p) })),
      { label: nn ? 'Kommunen betaler i alt' : 'Kommunen betaler i alt', value: input.totalOre === 0 ? (nn ? 'ingenting' : 'ingenting') : money(input.totalOre) },
    ],
    closing: [
      ...(input.totalOre === 0 ? [] : [billed]),
      nn
        ? 'Kan ein deltakar ikkje kome, kan kommunen sende ein annan i staden (erstattar) fram til samlinga startar.'
        : 'Kan en deltaker ikke komme, kan kommunen sende en annen i stedet (erstatter) fram til samlingen starter.',
      nn ? `Spørsmål: ${input.organiserContact}.` : `Spørsmål: ${input.organiserContact}.`,
    ],
  })
}
