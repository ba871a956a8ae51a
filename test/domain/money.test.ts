import { describe, expect, it } from 'vitest'
import { chargeOf, describeExtrasPricing, extrasPricingOf, formatAmount, isBillable, type MoneyRules, sumOre } from '~/domain/money'

/** Trøndelag 2018's prices: overnight package ca. 2 500 kr, day package ca. 650 kr, no dinner price. */
const trondelag: MoneyRules = {
  price_overnight_package_ore: 250_000,
  price_day_package_ore: 65_000,
  price_dinner_ore: null,
  prices_are_approximate: true,
  extras_pricing: null,
  extras_pricing_note: '',
}
/** Møre og Romsdal 2021: free for the municipalities, no prices. */
const more: MoneyRules = { ...trondelag, price_overnight_package_ore: null, price_day_package_ore: null, prices_are_approximate: false }

const overnight = { nights: 1, days: ['2018-11-27', '2018-11-28'], attendsDinner: true, waiverReason: null }
const selfPaid = { coveredOvernight: false, coveredDays: [] }
const covered = { coveredOvernight: true, coveredDays: [] }

describe('binding money (decision 31)', () => {
  it('active and late-cancelled participants are billable; cancelled before the deadline and substituted are not', () => {
    expect(['active', 'late_cancelled', 'cancelled', 'substituted'].map(isBillable)).toEqual([true, true, false, false])
  })

  it('a late-cancelled self-paid participant owes the overnight package; covered owes nothing; a waiver owes nothing and says why', () => {
    expect(chargeOf({ ...overnight, status: 'late_cancelled' }, selfPaid, trondelag)).toEqual({
      amountOre: 250_000,
      waived: false,
      waiverReason: null,
      owedOre: 250_000,
      lateCancelled: true,
    })
    expect(chargeOf({ ...overnight, status: 'late_cancelled' }, covered, trondelag).owedOre).toBe(0)
    expect(chargeOf({ ...overnight, status: 'cancelled' }, selfPaid, trondelag).owedOre).toBe(0)
    expect(chargeOf({ ...overnight, status: 'late_cancelled', waiverReason: 'Syk' }, selfPaid, trondelag)).toMatchObject({
      amountOre: 250_000,
      waived: true,
      waiverReason: 'Syk',
      owedOre: 0,
    })
  })

  it('what extras cost: stated, or read from whether the event has prices', () => {
    expect(extrasPricingOf(trondelag)).toBe('listed')
    expect(extrasPricingOf(more)).toBe('agreed')
    expect(extrasPricingOf({ ...trondelag, extras_pricing: 'free' })).toBe('free')
    expect(chargeOf({ ...overnight, status: 'active' }, selfPaid, { ...trondelag, extras_pricing: 'free' }).amountOre).toBe(0)
    expect(chargeOf({ ...overnight, status: 'active' }, selfPaid, more).amountOre).toBeNull()
    // A day-only participant with dinner, where the dinner has no price: the sum is unknown.
    expect(chargeOf({ nights: 0, days: ['2018-11-27'], attendsDinner: true, waiverReason: null, status: 'active' }, selfPaid, trondelag).amountOre).toBeNull()
    expect(chargeOf({ nights: 0, days: ['2018-11-27'], attendsDinner: false, waiverReason: null, status: 'active' }, selfPaid, trondelag).amountOre).toBe(
      65_000,
    )
  })

  it('an amount without a price says why, never a bare "pris ikke fastsatt"', () => {
    expect(formatAmount(250_000, trondelag, 'nb').replace(/\s/g, ' ')).toBe('ca. 2 500 kr')
    expect(formatAmount(0, trondelag, 'nb')).toBe('0 kr')
    expect(formatAmount(null, more, 'nb')).toBe('pris etter avtale med arrangøren')
    expect(formatAmount(null, trondelag, 'nb')).toBe('pris ikke fastsatt ennå; arrangøren gir beskjed før fakturering')
    expect(describeExtrasPricing({ ...more, extras_pricing_note: 'Arrangøren avgjør etter fristen.' }, 'nb')).toBe(
      'Prisen for deltakere utover de dekkede plassene avtales med arrangøren. Arrangøren avgjør etter fristen.',
    )
    expect(describeExtrasPricing(trondelag, 'nb')).toBeNull()
    expect(sumOre([1, 2, 0])).toBe(3)
    expect(sumOre([1, null])).toBeNull()
  })
})
