import { formatNight, type IsoDate } from './dates'
import { describeExtrasPricing, type ExtrasPricing, extrasPricingOf, formatAmount, formatKroner, type MoneyRules } from './money'

export interface CoverageRules {
  covered_overnight_per_municipality: number
  covered_day_packages_per_municipality: number
  price_overnight_package_ore: number | null
  price_day_package_ore: number | null
  price_dinner_ore: number | null
  prices_are_approximate: boolean
  travel_paid_by_municipality: boolean
  /** What extras cost (decision 31); absent or null: read from whether the event has prices. */
  extras_pricing?: ExtrasPricing | null
  extras_pricing_note?: string
}

export interface CoverageNight {
  night_date: IsoDate
  is_covered: boolean
  requires_reason: boolean
}

function persons(n: number): string {
  return n === 1 ? '1 person' : `${n} personer`
}

function dayPackages(n: number): string {
  return n === 1 ? '1 dagpakke' : `${n} dagpakker`
}

function joinNights(nights: CoverageNight[]): string {
  const names = nights.map((n) => `natten ${formatNight(n.night_date)}`)
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} og ${names.at(-1)}`
}

/**
 * What the organisers cover and what a municipality pays, in plain Norwegian,
 * generated from the event's coverage rules (DESIGN.md §3). One string per
 * paragraph.
 */
export function describeCoverage(rules: CoverageRules, nights: CoverageNight[], dayCount: number): string[] {
  const paragraphs: string[] = []
  const ordinary = nights.filter((n) => n.is_covered && !n.requires_reason)
  const withReason = nights.filter((n) => n.is_covered && n.requires_reason)
  const overnight = rules.covered_overnight_per_municipality
  const days = rules.covered_day_packages_per_municipality

  if (overnight > 0) {
    const stay = ordinary.length > 0 ? `opphold med overnatting ${joinNights(ordinary)}` : 'opphold'
    paragraphs.push(`Arrangøren dekker ${stay}, mat og møtelokaler for inntil ${persons(overnight)} per kommune.`)
  }
  if (overnight > 0 && withReason.length > 0) {
    paragraphs.push(
      `Deltakere som trenger det på grunn av lang reisevei, får også dekket overnatting ${joinNights(withReason)}. Grunnen oppgis ved påmeldingen.`,
    )
  }
  if (days > 0) {
    const who = days === 1 ? '1 deltaker' : `${days} deltakere`
    paragraphs.push(
      `${overnight > 0 ? 'I tillegg dekkes' : 'Arrangøren dekker'} ${dayPackages(days)} per kommune: ${who} på én av dagene, med mat og møtelokaler, uten overnatting.`,
    )
  }
  if (overnight === 0 && days === 0) {
    paragraphs.push('Arrangøren dekker ikke opphold for deltakerne.')
  }

  const money = { ...rules, extras_pricing: rules.extras_pricing ?? null, extras_pricing_note: rules.extras_pricing_note ?? '' }
  const pricing = extrasPricingOf(money)
  const covered = overnight > 0 || days > 0
  if (pricing !== 'listed') {
    const what = describeExtrasPricing(money)
    paragraphs.push(
      pricing === 'free'
        ? covered
          ? `Kommunen kan melde på flere. ${what}`
          : `Deltakelse er gratis for kommunen.${money.extras_pricing_note.trim() ? ` ${money.extras_pricing_note.trim()}` : ''}`
        : covered
          ? `Kommunen kan melde på flere. ${what} Arrangøren kan etter påmeldingsfristen dekke flere dagpakker eller overnattinger, og gir beskjed om hva som dekkes.`
          : `${what}`,
    )
    if (rules.travel_paid_by_municipality) paragraphs.push('Kommunen dekker reisekostnadene selv.')
    return paragraphs
  }
  const about = rules.prices_are_approximate ? 'ca. ' : ''
  const prices: string[] = []
  if (rules.price_overnight_package_ore !== null) {
    const span = dayCount === 2 ? 'begge dagene' : 'hele samlingen'
    prices.push(`${about}${formatKroner(rules.price_overnight_package_ore)} for ${span} med overnatting`)
  }
  if (rules.price_day_package_ore !== null) {
    prices.push(`${about}${formatKroner(rules.price_day_package_ore)} for en dagpakke uten overnatting og middag`)
  }
  if (rules.price_dinner_ore !== null) {
    prices.push(`${about}${formatKroner(rules.price_dinner_ore)} for middag uten overnatting`)
  }
  if (prices.length > 0) {
    const list = prices.length === 1 ? prices[0] : `${prices.slice(0, -1).join(', ')} og ${prices.at(-1)}`
    paragraphs.push(covered ? `Kommunen kan melde på flere, men betaler da selv: ${list}.` : `Kommunen betaler selv for sine deltakere: ${list}.`)
    if (money.extras_pricing_note.trim()) paragraphs.push(money.extras_pricing_note.trim())
  } else if (covered) {
    paragraphs.push(
      'Kommunen kan melde på flere. Arrangøren kan etter påmeldingsfristen dekke flere dagpakker eller overnattinger, og gir beskjed om hva som dekkes.',
    )
  }
  if (rules.travel_paid_by_municipality) {
    paragraphs.push('Kommunen dekker reisekostnadene selv.')
  }
  return paragraphs
}

/**
 * What the participant form says before saving: what is still covered for the
 * municipality, and what a self-paid participant costs. `freed` counts the
 * places the participant being edited already holds, which stay theirs.
 */
export function explainWhatIsCovered(
  meters: { overnightUsed: number; overnightQuota: number; dayPackagesUsed: number; dayPackagesQuota: number; approximate: boolean },
  prices: MoneyRules,
  freed: { overnight: number; dayPackages: number } = { overnight: 0, dayPackages: 0 },
): string[] {
  const pricing = extrasPricingOf(prices)
  const money = (ore: number | null) => (pricing === 'agreed' ? 'pris etter avtale med arrangøren' : formatAmount(ore, prices))
  const overnightLeft = Math.max(0, meters.overnightQuota - meters.overnightUsed + freed.overnight)
  const dayLeft = Math.max(0, meters.dayPackagesQuota - meters.dayPackagesUsed + freed.dayPackages)
  const free = pricing === 'free'
  return [
    overnightLeft > 0
      ? `Med overnatting: dekket av arrangøren. Kommunen har ${overnightLeft} av ${meters.overnightQuota} dekkede overnattingsplasser igjen.`
      : free
        ? `Med overnatting: gratis for kommunen, selv om kommunens ${meters.overnightQuota} dekkede plasser er brukt.`
        : `Med overnatting: egenbetalt, ${money(prices.price_overnight_package_ore)}. Kommunens ${meters.overnightQuota} dekkede plasser er brukt.`,
    dayLeft > 0
      ? `Uten overnatting: ${dayLeft} dekket dagpakke igjen; dager utover det ${free ? 'er gratis for kommunen' : `koster ${money(prices.price_day_package_ore)}${pricing === 'listed' ? ' per dag' : ''}`}.`
      : free
        ? 'Uten overnatting: gratis for kommunen.'
        : `Uten overnatting: egenbetalt, ${money(prices.price_day_package_ore)}${pricing === 'listed' ? ' per dag' : ''}${pricing === 'listed' && prices.price_dinner_ore !== null ? `, middag ${money(prices.price_dinner_ore)}` : ''}.`,
    ...(pricing !== 'listed' && prices.extras_pricing_note.trim() ? [prices.extras_pricing_note.trim()] : []),
  ]
}
