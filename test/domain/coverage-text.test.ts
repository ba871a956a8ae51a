import { describe, expect, it } from 'vitest'
import { type CoverageRules, describeCoverage } from '~/domain/coverage-text'

const trondelag: CoverageRules = {
  covered_overnight_per_municipality: 2,
  covered_day_packages_per_municipality: 1,
  price_overnight_package_ore: 250_000,
  price_day_package_ore: 65_000,
  price_dinner_ore: null,
  prices_are_approximate: true,
  travel_paid_by_municipality: true,
}

const moreOgRomsdal: CoverageRules = {
  covered_overnight_per_municipality: 4,
  covered_day_packages_per_municipality: 0,
  price_overnight_package_ore: null,
  price_day_package_ore: null,
  price_dinner_ore: null,
  prices_are_approximate: false,
  travel_paid_by_municipality: true,
}

const nbsp = (s: string) => s.replaceAll('\u00a0', ' ')

describe('describeCoverage', () => {
  it('explains the Trøndelag 2018 rules: 2 overnight, 1 day package, about 2 500 and 650 kr', () => {
    const text = describeCoverage(trondelag, [{ night_date: '2018-11-27', is_covered: true, requires_reason: false }], 2, 'nb').map(nbsp)
    expect(text).toEqual([
      'Arrangøren dekker opphold med overnatting natten 27.–28. november 2018, mat og møtelokaler for inntil 2 personer per kommune.',
      'I tillegg dekkes 1 dagpakke per kommune: 1 deltaker på én av dagene, med mat og møtelokaler, uten overnatting.',
      'Kommunen kan melde på flere, men betaler da selv: ca. 2 500 kr for begge dagene med overnatting og ca. 650 kr for en dagpakke uten overnatting og middag.',
      'Kommunen dekker reisekostnadene selv.',
    ])
  })

  it('explains the Møre og Romsdal 2021 rules, with the long-travel night only with a reason', () => {
    const text = describeCoverage(
      moreOgRomsdal,
      [
        { night_date: '2021-11-10', is_covered: true, requires_reason: true },
        { night_date: '2021-11-11', is_covered: true, requires_reason: false },
      ],
      2,
      'nb',
    )
    expect(text[0]).toBe('Arrangøren dekker opphold med overnatting natten 11.–12. november 2021, mat og møtelokaler for inntil 4 personer per kommune.')
    expect(text[1]).toBe(
      'Deltakere som trenger det på grunn av lang reisevei, får også dekket overnatting natten 10.–11. november 2021. Grunnen oppgis ved påmeldingen.',
    )
    expect(text).toContain('Kommunen dekker reisekostnadene selv.')
    expect(text.join(' ')).not.toContain('kr')
  })

  it('uses exact prices without "ca." and names every price that is set', () => {
    const text = describeCoverage(
      { ...trondelag, prices_are_approximate: false, price_dinner_ore: 49_950 },
      [{ night_date: '2018-11-27', is_covered: true, requires_reason: false }],
      3,
      'nb',
    ).map(nbsp)
    expect(text[2]).toBe(
      'Kommunen kan melde på flere, men betaler da selv: 2 500 kr for hele samlingen med overnatting, 650 kr for en dagpakke uten overnatting og middag og 499,5 kr for middag uten overnatting.',
    )
  })

  it('says plainly when nothing is covered', () => {
    const text = describeCoverage(
      { ...trondelag, covered_overnight_per_municipality: 0, covered_day_packages_per_municipality: 0, travel_paid_by_municipality: false },
      [],
      1,
      'nb',
    ).map(nbsp)
    expect(text).toEqual([
      'Arrangøren dekker ikke opphold for deltakerne.',
      'Kommunen betaler selv for sine deltakere: ca. 2 500 kr for hele samlingen med overnatting og ca. 650 kr for en dagpakke uten overnatting og middag.',
    ])
  })

  it('counts in the plural from two', () => {
    const text = describeCoverage({ ...moreOgRomsdal, covered_overnight_per_municipality: 1, covered_day_packages_per_municipality: 3 }, [], 2, 'nb')
    expect(text[0]).toBe('Arrangøren dekker opphold, mat og møtelokaler for inntil 1 person per kommune.')
    expect(text[1]).toBe('I tillegg dekkes 3 dagpakker per kommune: 3 deltakere på én av dagene, med mat og møtelokaler, uten overnatting.')
  })

  it('explains the same rules in nynorsk', () => {
    const text = describeCoverage(trondelag, [{ night_date: '2018-11-27', is_covered: true, requires_reason: false }], 2, 'nn').map(nbsp)
    expect(text).toEqual([
      'Arrangøren dekkjer opphald med overnatting natta 27.–28. november 2018, mat og møtelokale for inntil 2 personar per kommune.',
      'I tillegg blir det dekt 1 dagpakke per kommune: 1 deltakar på éin av dagane, med mat og møtelokale, utan overnatting.',
      'Kommunen kan melde på fleire, men betaler då sjølv: ca. 2 500 kr for begge dagane med overnatting og ca. 650 kr for ein dagpakke utan overnatting og middag.',
      'Kommunen dekkjer reisekostnadane sjølv.',
    ])
  })
})
