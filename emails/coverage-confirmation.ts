import { describeAmount } from '../app/domain/money'
import type { LanguageForm } from '../db/schema'
import { type RenderedEmail, renderEmail } from './render'

export interface CoverageConfirmationInput {
  languageForm: LanguageForm
  municipalityName: string
  eventTitle: string
  eventDates: string
  participants: Array<{
    name: string
    coveredOvernight: boolean
    coveredDays: string[]
    selfPaidOre: number | null
    /** Cancelled after the deadline: still bound (decision 31). */
    lateCancelled?: boolean
    /** The organiser waived what the participant costs, for this reason. */
    waivedReason?: string | null
  }>
  /** What the municipality owes in all (waived amounts left out). */
  totalOre: number | null
  /** What the organiser waived in all. */
  waivedOre?: number | null
  /** What extras cost on the event; decides how an amount without a price reads. */
  extrasPricing?: 'listed' | 'free' | 'agreed'
  extrasPricingNote?: string
  pricesApproximate: boolean
  billedBy: 'organiser' | 'hotel'
  organiserContact: string
}

/** After the deadline, to the municipality's contact person: for each participant what is covered, and what the municipality pays in all. */
export function coverageConfirmationEmail(input: CoverageConfirmationInput): RenderedEmail {
  const nn = input.languageForm === 'nn'
  const money = (ore: number | null) => describeAmount(ore, { approximate: input.pricesApproximate, pricing: input.extrasPricing }, input.languageForm)
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
    const late = p.lateCancelled
      ? nn
        ? `sein avmelding, bindande: ${p.coveredOvernight || p.coveredDays.length ? 'plassen tel framleis i kvoten til kommunen og på hotellet' : 'kommunen betaler framleis'}; `
        : `sen avmelding, bindende: ${p.coveredOvernight || p.coveredDays.length ? 'plassen teller fortsatt i kommunens kvote og på hotellet' : 'kommunen betaler fortsatt'}; `
      : ''
    if (p.selfPaidOre === 0) return `${late}${covered}`
    if (p.waivedReason) {
      return nn
        ? `${late}${covered}; ${money(p.selfPaidOre)} er fråfalle av arrangøren (${p.waivedReason}), kommunen betaler ingenting`
        : `${late}${covered}; ${money(p.selfPaidOre)} er frafalt av arrangøren (${p.waivedReason}), kommunen betaler ingenting`
    }
    return `${late}${covered}; kommunen betaler ${money(p.selfPaidOre)}`
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
    subject: nn
      ? `${input.eventTitle}: stadfesting av dekning for ${input.municipalityName} kommune`
      : `${input.eventTitle}: bekreftelse av dekning for ${input.municipalityName} kommune`,
    heading: nn ? `Dekning for ${input.municipalityName} kommune` : `Dekning for ${input.municipalityName} kommune`,
    paragraphs: [
      nn
        ? `Påmeldingsfristen for ${input.eventTitle} (${input.eventDates}) er ute, og påmeldinga er bindande. Dette dekkjer arrangøren for deltakarane frå kommunen, og dette betaler kommunen sjølv:`
        : `Påmeldingsfristen for ${input.eventTitle} (${input.eventDates}) er ute, og påmeldingen er bindende. Dette dekker arrangøren for deltakerne fra kommunen, og dette betaler kommunen selv:`,
    ],
    facts: [
      ...input.participants.map((p) => ({ label: p.name, value: describe(p) })),
      {
        label: nn ? 'Kommunen betaler i alt' : 'Kommunen betaler i alt',
        value: input.totalOre === 0 ? (nn ? 'ingenting' : 'ingenting') : money(input.totalOre),
      },
      ...(input.waivedOre ? [{ label: nn ? 'Fråfalle av arrangøren' : 'Frafalt av arrangøren', value: money(input.waivedOre) }] : []),
    ],
    closing: [
      ...(input.totalOre === 0 ? [] : [billed]),
      ...(input.extrasPricing === 'agreed' && input.extrasPricingNote?.trim() ? [input.extrasPricingNote.trim()] : []),
      ...(input.participants.some((p) => p.lateCancelled)
        ? [
            nn
              ? 'Påmeldinga er bindande etter fristen: ein deltakar som melde seg av etter fristen, tel framleis med i det kommunen har bunde seg til.'
              : 'Påmeldingen er bindende etter fristen: en deltaker som meldte seg av etter fristen, teller fortsatt med i det kommunen har bundet seg til.',
          ]
        : []),
      nn
        ? 'Kan ein deltakar ikkje kome, kan kommunen sende ein annan i staden (erstattar) fram til samlinga startar.'
        : 'Kan en deltaker ikke komme, kan kommunen sende en annen i stedet (erstatter) fram til samlingen starter.',
      nn ? `Spørsmål: ${input.organiserContact}.` : `Spørsmål: ${input.organiserContact}.`,
    ],
  })
}
