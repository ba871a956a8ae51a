import { type CoverageAssignment, type Prices, selfPaidParts } from './coverage'
import { type LanguageForm, texts } from './language'

const text = texts({
  nb: {
    about: 'ca. ',
    agreed: 'pris etter avtale med arrangøren',
    notSet: 'pris ikke fastsatt ennå; arrangøren gir beskjed før fakturering',
    extrasFree: 'Deltakere utover de dekkede plassene er gratis for kommunen.',
    extrasAgreed: 'Prisen for deltakere utover de dekkede plassene avtales med arrangøren.',
  },
  nn: {
    about: 'ca. ',
    agreed: 'pris etter avtale med arrangøren',
    notSet: 'prisen er ikkje fastsett enno; arrangøren gir beskjed før fakturering',
    extrasFree: 'Deltakarar utover dei dekte plassane er gratis for kommunen.',
    extrasAgreed: 'Prisen for deltakarar utover dei dekte plassane blir avtalt med arrangøren.',
  },
})

const kroner = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 2 })

/** An amount in øre as Norwegians read it: "2 500 kr", "649,50 kr". */
export function formatKroner(ore: number): string {
  return `${kroner.format(ore / 100)} kr`
}

/**
 * What extras beyond the covered places cost (decision 31): the listed
 * prices, nothing, or a price to be agreed with the organiser.
 */
export type ExtrasPricing = 'listed' | 'free' | 'agreed'

export const EXTRAS_PRICING: readonly ExtrasPricing[] = ['listed', 'free', 'agreed']

/** The event's money rules: prices, whether they are approximate, and what extras cost. */
export interface MoneyRules extends Prices {
  prices_are_approximate: boolean
  extras_pricing: ExtrasPricing | null
  extras_pricing_note: string
}

/**
 * What extras cost on this event. Not stated (events from before the
 * setting): the listed prices when the event has any, otherwise a price to be
 * agreed, which is what an event "free for the municipalities" with no price
 * means.
 */
export function extrasPricingOf(rules: MoneyRules): ExtrasPricing {
  if (rules.extras_pricing) return rules.extras_pricing
  const anyPrice = rules.price_overnight_package_ore !== null || rules.price_day_package_ore !== null || rules.price_dinner_ore !== null
  return anyPrice ? 'listed' : 'agreed'
}

/** Statuses a municipality pays for: the active participants and the late cancellations (DESIGN.md §3 "Binding money"). */
export function isBillable(status: string): boolean {
  return status === 'active' || status === 'late_cancelled'
}

/** What one participant costs the municipality: the amount, what an organiser waived and why, and what is owed. */
export interface Charge {
  /** What the participant costs (0 when covered or free; null when the price is not set or to be agreed). */
  amountOre: number | null
  /** Whether an organiser waived it. */
  waived: boolean
  waiverReason: string | null
  /** What the municipality owes for the participant: the amount unless waived. */
  owedOre: number | null
  lateCancelled: boolean
}

/**
 * The one rule for money (decision 23 and 31): a billable participant (active
 * or late-cancelled) costs what is not covered of their stay, at the listed
 * prices, nothing when extras are free, and a price to be agreed otherwise; a
 * waiver with a reason makes it owe nothing. A participant who is not
 * billable (cancelled before the deadline, substituted) costs nothing.
 */
export function chargeOf(
  participant: { status: string; nights: number; days: string[]; attendsDinner: boolean; waiverReason: string | null },
  assignment: CoverageAssignment,
  rules: MoneyRules,
): Charge {
  const lateCancelled = participant.status === 'late_cancelled'
  if (!isBillable(participant.status)) return { amountOre: 0, waived: false, waiverReason: null, owedOre: 0, lateCancelled }
  const parts = selfPaidParts(participant, assignment)
  const extras = parts.overnightPackages + parts.dayPackages + parts.dinners > 0
  const pricing = extrasPricingOf(rules)
  const amountOre = !extras || pricing === 'free' ? 0 : pricing === 'agreed' ? null : sumParts(parts, rules)
  const waived = participant.waiverReason !== null
  return { amountOre, waived, waiverReason: participant.waiverReason, owedOre: waived ? 0 : amountOre, lateCancelled }
}

function sumParts(parts: { overnightPackages: number; dayPackages: number; dinners: number }, prices: Prices): number | null {
  const times = (n: number, price: number | null) => (n === 0 ? 0 : price === null ? null : n * price)
  const sums = [
    times(parts.overnightPackages, prices.price_overnight_package_ore),
    times(parts.dayPackages, prices.price_day_package_ore),
    times(parts.dinners, prices.price_dinner_ore),
  ]
  return sums.some((s) => s === null) ? null : sums.reduce<number>((n, s) => n + (s ?? 0), 0)
}

/** The sum of amounts, or null when one of them has no price. */
export function sumOre(amounts: Array<number | null>): number | null {
  return amounts.some((a) => a === null) ? null : amounts.reduce<number>((n, a) => n + (a ?? 0), 0)
}

/**
 * An amount as a contact person reads it: "ca. 2 500 kr", or, where there is
 * no price, why not: to be agreed with the organiser, or not set yet. Never
 * a bare "pris ikke fastsatt".
 */
export function formatAmount(ore: number | null, rules: MoneyRules, languageForm: LanguageForm): string {
  return describeAmount(ore, { approximate: rules.prices_are_approximate, pricing: extrasPricingOf(rules) }, languageForm)
}

/** The same, from what a message froze of the rules, in bokmål or nynorsk. */
export function describeAmount(ore: number | null, rules: { approximate: boolean; pricing?: ExtrasPricing }, languageForm: LanguageForm): string {
  const t = text[languageForm]
  if (ore !== null) return `${rules.approximate && ore > 0 ? t.about : ''}${formatKroner(ore)}`
  if (rules.pricing === 'agreed') return t.agreed
  return t.notSet
}

/** What extras cost, in one sentence for the contact person (the event form's setting and note). */
export function describeExtrasPricing(rules: MoneyRules, languageForm: LanguageForm): string | null {
  const t = text[languageForm]
  const pricing = extrasPricingOf(rules)
  const note = rules.extras_pricing_note.trim()
  if (pricing === 'free') return `${t.extrasFree}${note ? ` ${note}` : ''}`
  if (pricing === 'agreed') return `${t.extrasAgreed}${note ? ` ${note}` : ''}`
  return note || null
}
