import { formatNight, type IsoDate } from './dates'
import { type LanguageForm, texts } from './language'
import { describeExtrasPricing, type ExtrasPricing, extrasPricingOf, formatAmount, formatKroner, type MoneyRules } from './money'

const text = texts({
  nb: {
    persons: (n: number) => (n === 1 ? '1 person' : `${n} personer`),
    dayPackages: (n: number) => (n === 1 ? '1 dagpakke' : `${n} dagpakker`),
    night: (night: string) => `natten ${night}`,
    and: 'og',
    stayWithNights: (nights: string) => `opphold med overnatting ${nights}`,
    stay: 'opphold',
    covers: (stay: string, persons: string) => `Arrangøren dekker ${stay}, mat og møtelokaler for inntil ${persons} per kommune.`,
    longTravel: (nights: string) =>
      `Deltakere som trenger det på grunn av lang reisevei, får også dekket overnatting ${nights}. Grunnen oppgis ved påmeldingen.`,
    dayCovered: (overnight: boolean, packages: string, days: number) =>
      `${overnight ? 'I tillegg dekkes' : 'Arrangøren dekker'} ${packages} per kommune: ${days === 1 ? '1 deltaker' : `${days} deltakere`} på én av dagene, med mat og møtelokaler, uten overnatting.`,
    nothingCovered: 'Arrangøren dekker ikke opphold for deltakerne.',
    moreFree: (what: string | null) => `Kommunen kan melde på flere. ${what}`,
    free: (note: string) => `Deltakelse er gratis for kommunen.${note ? ` ${note}` : ''}`,
    moreAgreed: (what: string | null) =>
      `Kommunen kan melde på flere. ${what} Arrangøren kan etter påmeldingsfristen dekke flere dagpakker eller overnattinger, og gir beskjed om hva som dekkes.`,
    travel: 'Kommunen dekker reisekostnadene selv.',
    about: 'ca. ',
    bothDays: 'begge dagene',
    wholeEvent: 'hele samlingen',
    overnightPrice: (price: string, span: string) => `${price} for ${span} med overnatting`,
    dayPrice: (price: string) => `${price} for en dagpakke uten overnatting og middag`,
    dinnerPrice: (price: string) => `${price} for middag uten overnatting`,
    morePays: (list: string) => `Kommunen kan melde på flere, men betaler da selv: ${list}.`,
    pays: (list: string) => `Kommunen betaler selv for sine deltakere: ${list}.`,
    more: 'Kommunen kan melde på flere. Arrangøren kan etter påmeldingsfristen dekke flere dagpakker eller overnattinger, og gir beskjed om hva som dekkes.',
    agreedPrice: 'pris etter avtale med arrangøren',
    overnightLeft: (left: number, quota: number) =>
      `Med overnatting: dekket av arrangøren. Kommunen har ${left} av ${quota} dekkede overnattingsplasser igjen.`,
    overnightFree: (quota: number) => `Med overnatting: gratis for kommunen, selv om kommunens ${quota} dekkede plasser er brukt.`,
    overnightPaid: (price: string, quota: number) => `Med overnatting: egenbetalt, ${price}. Kommunens ${quota} dekkede plasser er brukt.`,
    dayLeft: (left: number, beyond: string) => `Uten overnatting: ${left} dekket dagpakke igjen; dager utover det ${beyond}.`,
    beyondFree: 'er gratis for kommunen',
    beyondCosts: (price: string) => `koster ${price}`,
    perDay: ' per dag',
    dayFree: 'Uten overnatting: gratis for kommunen.',
    dayPaid: (price: string, dinner: string | null) => `Uten overnatting: egenbetalt, ${price}${dinner === null ? '' : `, middag ${dinner}`}.`,
  },
  nn: {
    persons: (n: number) => (n === 1 ? '1 person' : `${n} personar`),
    dayPackages: (n: number) => (n === 1 ? '1 dagpakke' : `${n} dagpakkar`),
    night: (night: string) => `natta ${night}`,
    and: 'og',
    stayWithNights: (nights: string) => `opphald med overnatting ${nights}`,
    stay: 'opphald',
    covers: (stay: string, persons: string) => `Arrangøren dekkjer ${stay}, mat og møtelokale for inntil ${persons} per kommune.`,
    longTravel: (nights: string) =>
      `Deltakarar som treng det på grunn av lang reiseveg, får òg dekt overnatting ${nights}. Grunnen blir oppgitt ved påmeldinga.`,
    dayCovered: (overnight: boolean, packages: string, days: number) =>
      `${overnight ? 'I tillegg blir det dekt' : 'Arrangøren dekkjer'} ${packages} per kommune: ${days === 1 ? '1 deltakar' : `${days} deltakarar`} på éin av dagane, med mat og møtelokale, utan overnatting.`,
    nothingCovered: 'Arrangøren dekkjer ikkje opphald for deltakarane.',
    moreFree: (what: string | null) => `Kommunen kan melde på fleire. ${what}`,
    free: (note: string) => `Deltaking er gratis for kommunen.${note ? ` ${note}` : ''}`,
    moreAgreed: (what: string | null) =>
      `Kommunen kan melde på fleire. ${what} Arrangøren kan etter påmeldingsfristen dekkje fleire dagpakkar eller overnattingar, og gir beskjed om kva som blir dekt.`,
    travel: 'Kommunen dekkjer reisekostnadane sjølv.',
    about: 'ca. ',
    bothDays: 'begge dagane',
    wholeEvent: 'heile samlinga',
    overnightPrice: (price: string, span: string) => `${price} for ${span} med overnatting`,
    dayPrice: (price: string) => `${price} for ein dagpakke utan overnatting og middag`,
    dinnerPrice: (price: string) => `${price} for middag utan overnatting`,
    morePays: (list: string) => `Kommunen kan melde på fleire, men betaler då sjølv: ${list}.`,
    pays: (list: string) => `Kommunen betaler sjølv for deltakarane sine: ${list}.`,
    more: 'Kommunen kan melde på fleire. Arrangøren kan etter påmeldingsfristen dekkje fleire dagpakkar eller overnattingar, og gir beskjed om kva som blir dekt.',
    agreedPrice: 'pris etter avtale med arrangøren',
    overnightLeft: (left: number, quota: number) => `Med overnatting: dekt av arrangøren. Kommunen har ${left} av ${quota} dekte overnattingsplassar att.`,
    overnightFree: (quota: number) => `Med overnatting: gratis for kommunen, sjølv om dei ${quota} dekte plassane til kommunen er brukte.`,
    overnightPaid: (price: string, quota: number) => `Med overnatting: eigenbetalt, ${price}. Dei ${quota} dekte plassane til kommunen er brukte.`,
    dayLeft: (left: number, beyond: string) => `Utan overnatting: ${left} dekt dagpakke att; dagar utover det ${beyond}.`,
    beyondFree: 'er gratis for kommunen',
    beyondCosts: (price: string) => `kostar ${price}`,
    perDay: ' per dag',
    dayFree: 'Utan overnatting: gratis for kommunen.',
    dayPaid: (price: string, dinner: string | null) => `Utan overnatting: eigenbetalt, ${price}${dinner === null ? '' : `, middag ${dinner}`}.`,
  },
})

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

function joinNights(nights: CoverageNight[], languageForm: LanguageForm): string {
  const t = text[languageForm]
  const names = nights.map((n) => t.night(formatNight(n.night_date)))
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${t.and} ${names.at(-1)}`
}

/**
 * What the organisers cover and what a municipality pays, in plain Norwegian
 * (bokmål or nynorsk), generated from the event's coverage rules (DESIGN.md
 * §3). One string per paragraph.
 */
export function describeCoverage(rules: CoverageRules, nights: CoverageNight[], dayCount: number, languageForm: LanguageForm): string[] {
  const t = text[languageForm]
  const paragraphs: string[] = []
  const ordinary = nights.filter((n) => n.is_covered && !n.requires_reason)
  const withReason = nights.filter((n) => n.is_covered && n.requires_reason)
  const overnight = rules.covered_overnight_per_municipality
  const days = rules.covered_day_packages_per_municipality

  if (overnight > 0) {
    const stay = ordinary.length > 0 ? t.stayWithNights(joinNights(ordinary, languageForm)) : t.stay
    paragraphs.push(t.covers(stay, t.persons(overnight)))
  }
  if (overnight > 0 && withReason.length > 0) {
    paragraphs.push(t.longTravel(joinNights(withReason, languageForm)))
  }
  if (days > 0) {
    paragraphs.push(t.dayCovered(overnight > 0, t.dayPackages(days), days))
  }
  if (overnight === 0 && days === 0) {
    paragraphs.push(t.nothingCovered)
  }

  const money = { ...rules, extras_pricing: rules.extras_pricing ?? null, extras_pricing_note: rules.extras_pricing_note ?? '' }
  const pricing = extrasPricingOf(money)
  const covered = overnight > 0 || days > 0
  if (pricing !== 'listed') {
    const what = describeExtrasPricing(money, languageForm)
    paragraphs.push(pricing === 'free' ? (covered ? t.moreFree(what) : t.free(money.extras_pricing_note.trim())) : covered ? t.moreAgreed(what) : `${what}`)
    if (rules.travel_paid_by_municipality) paragraphs.push(t.travel)
    return paragraphs
  }
  const about = rules.prices_are_approximate ? t.about : ''
  const prices: string[] = []
  if (rules.price_overnight_package_ore !== null) {
    const span = dayCount === 2 ? t.bothDays : t.wholeEvent
    prices.push(t.overnightPrice(`${about}${formatKroner(rules.price_overnight_package_ore)}`, span))
  }
  if (rules.price_day_package_ore !== null) {
    prices.push(t.dayPrice(`${about}${formatKroner(rules.price_day_package_ore)}`))
  }
  if (rules.price_dinner_ore !== null) {
    prices.push(t.dinnerPrice(`${about}${formatKroner(rules.price_dinner_ore)}`))
  }
  if (prices.length > 0) {
    const list = prices.length === 1 ? (prices[0] ?? '') : `${prices.slice(0, -1).join(', ')} ${t.and} ${prices.at(-1)}`
    paragraphs.push(covered ? t.morePays(list) : t.pays(list))
    if (money.extras_pricing_note.trim()) paragraphs.push(money.extras_pricing_note.trim())
  } else if (covered) {
    paragraphs.push(t.more)
  }
  if (rules.travel_paid_by_municipality) {
    paragraphs.push(t.travel)
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
  languageForm: LanguageForm,
): string[] {
  const t = text[languageForm]
  const pricing = extrasPricingOf(prices)
  const money = (ore: number | null) => (pricing === 'agreed' ? t.agreedPrice : formatAmount(ore, prices, languageForm))
  const overnightLeft = Math.max(0, meters.overnightQuota - meters.overnightUsed + freed.overnight)
  const dayLeft = Math.max(0, meters.dayPackagesQuota - meters.dayPackagesUsed + freed.dayPackages)
  const free = pricing === 'free'
  const perDay = pricing === 'listed' ? t.perDay : ''
  return [
    overnightLeft > 0
      ? t.overnightLeft(overnightLeft, meters.overnightQuota)
      : free
        ? t.overnightFree(meters.overnightQuota)
        : t.overnightPaid(money(prices.price_overnight_package_ore), meters.overnightQuota),
    dayLeft > 0
      ? t.dayLeft(dayLeft, free ? t.beyondFree : t.beyondCosts(`${money(prices.price_day_package_ore)}${perDay}`))
      : free
        ? t.dayFree
        : t.dayPaid(
            `${money(prices.price_day_package_ore)}${perDay}`,
            pricing === 'listed' && prices.price_dinner_ore !== null ? money(prices.price_dinner_ore) : null,
          ),
    ...(pricing !== 'listed' && prices.extras_pricing_note.trim() ? [prices.extras_pricing_note.trim()] : []),
  ]
}
