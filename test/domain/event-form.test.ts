import { describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { eventFormSchema } from '~/domain/event-form'
import { inLanguage, type LanguageForm } from '~/domain/language'

const valid = {
  title: 'Klimasamling for kommunene i Trøndelag',
  slug: 'Klimasamling-Trondelag-2027',
  countyNumber: '50',
  venue: 'Scandic Hell, Stjørdal',
  startDate: '2027-11-23',
  startTime: '10:00',
  endDate: '2027-11-24',
  endTime: '15:00',
  opensDate: '2027-09-01',
  opensTime: '09:00',
  deadlineDate: '2027-10-20',
  deadlineTime: '23:59',
  isBinding: 'on',
  organisingBodies: 'Miljødirektoratet\n  Klimaråd Trøndelag \n\n',
  organiserContactName: 'Håvard Kleppa',
  organiserContactEmail: 'havard@example.no',
  replyToEmail: 'klimasamling@example.no',
  status: 'draft',
  coveredOvernight: '2',
  coveredDayPackages: '1',
  priceOvernightKr: '2 500',
  priceDayPackageKr: '650',
  pricesApproximate: 'on',
  selfPaidBilledBy: 'organiser',
}

const errors = (input: Record<string, unknown>, language: LanguageForm = 'nb') => {
  const result = eventFormSchema.safeParse(input)
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), inLanguage(i.message, language)]))
}

describe('eventFormSchema', () => {
  it('turns the form into an event: Oslo times, øre, lists and flags', () => {
    const event = eventFormSchema.parse(valid)
    expect(event.slug).toBe('klimasamling-trondelag-2027')
    expect(event.starts_at).toEqual(osloDateTime('2027-11-23', '10:00'))
    expect(event.deadline_at).toEqual(osloDateTime('2027-10-20', '23:59'))
    expect(event.organising_bodies).toEqual(['Miljødirektoratet', 'Klimaråd Trøndelag'])
    expect(event.price_overnight_package_ore).toBe(250_000)
    expect(event.price_day_package_ore).toBe(65_000)
    expect(event.price_dinner_ore).toBeNull()
    expect(event.is_binding).toBe(true)
    expect(event.prices_are_approximate).toBe(true)
    expect(event.covered_overnight_per_municipality).toBe(2)
    expect(event.hotel_name).toBeNull()
    expect(event.reminder_days_before_deadline).toBe(7)
    expect(eventFormSchema.parse({ ...valid, reminderDays: '3' }).reminder_days_before_deadline).toBe(3)
    expect(errors({ ...valid, reminderDays: '-1' })).toEqual({ reminderDays: 'Fyll inn et helt tall, 0 eller mer.' })
  })

  it('puts each date rule at its field', () => {
    expect(errors({ ...valid, endDate: '2027-11-22' })).toEqual({ endDate: 'Slutt må være etter start.' })
    expect(errors({ ...valid, endDate: '2027-11-22' }, 'nn')).toEqual({ endDate: 'Slutt må vere etter start.' })
    expect(errors({ ...valid, opensDate: '2027-10-21' }, 'nn')).toEqual({ deadlineDate: 'Påmeldingsfristen må vere etter at påmeldinga opnar.' })
    expect(errors({ ...valid, deadlineDate: '2027-11-23', deadlineTime: '10:00' })).toEqual({
      deadlineDate: 'Påmeldingsfristen må være før samlingen starter.',
    })
    expect(errors({ ...valid, opensDate: '2027-10-21' })).toEqual({
      deadlineDate: 'Påmeldingsfristen må være etter at påmeldingen åpner.',
    })
  })

  it('wants whole numbers of 0 or more, prices in kroner and a slug of a–z, 0–9 and hyphens', () => {
    expect(errors({ ...valid, coveredOvernight: '-1', coveredDayPackages: '1.5', priceDayPackageKr: 'mye', slug: 'æøå stuff' })).toEqual({
      coveredOvernight: 'Fyll inn et helt tall, 0 eller mer.',
      coveredDayPackages: 'Fyll inn et helt tall, 0 eller mer.',
      priceDayPackageKr: 'Skriv beløpet i kroner, for eksempel 2500 eller 649,50.',
      slug: 'Bruk bare a–z, 0–9 og bindestrek, for eksempel klimasamling-more-og-romsdal-2027.',
    })
  })

  it('names every missing required field', () => {
    const missing = errors({})
    for (const field of ['title', 'slug', 'countyNumber', 'venue', 'startDate', 'startTime', 'organiserContactEmail', 'status', 'coveredOvernight']) {
      expect(missing[field], field).toBeTruthy()
    }
  })
})

describe('the event form and the summer-time hour', () => {
  it('refuses a start in the hour the clock skips, at the time field', () => {
    expect(errors({ ...valid, startDate: '2027-03-28', startTime: '02:30', endDate: '2027-03-29' })).toMatchObject({
      startTime: expect.stringMatching(/sommertiden/),
    })
    expect(errors({ ...valid, startDate: '2027-03-28', startTime: '02:30', endDate: '2027-03-29' }, 'nn')).toMatchObject({
      startTime: expect.stringMatching(/sommartida/),
    })
  })
})
