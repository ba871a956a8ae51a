import { describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { checkDayDate, checkEventWindow, checkNightDate, kronerToOre, oreToKronerText, skippedTimes } from '~/domain/event-rules'

const event = { startsAt: osloDateTime('2021-11-11', '11:00'), endsAt: osloDateTime('2021-11-12', '13:00') }
const window = { ...event, opensAt: osloDateTime('2021-08-16', '09:00'), deadlineAt: osloDateTime('2021-09-20', '23:59') }

describe('checkEventWindow', () => {
  it('accepts the Møre og Romsdal 2021 dates', () => {
    expect(checkEventWindow(window)).toEqual({})
  })

  it('wants the end after the start', () => {
    expect(checkEventWindow({ ...window, endsAt: event.startsAt })).toEqual({ endDate: 'Slutt må være etter start.' })
  })

  it('wants the deadline before the start and after the opening', () => {
    expect(checkEventWindow({ ...window, deadlineAt: osloDateTime('2021-11-11', '11:00') }).deadlineDate).toBe(
      'Påmeldingsfristen må være før samlingen starter.',
    )
    expect(checkEventWindow({ ...window, deadlineAt: osloDateTime('2021-08-16', '09:00') }).deadlineDate).toBe(
      'Påmeldingsfristen må være etter at påmeldingen åpner.',
    )
  })
})

describe('nights and days', () => {
  it('allows the night before the first day (long travel) up to the night before the last day', () => {
    expect(checkNightDate('2021-11-10', event)).toBeNull()
    expect(checkNightDate('2021-11-11', event)).toBeNull()
    expect(checkNightDate('2021-11-09', event)).not.toBeNull()
    expect(checkNightDate('2021-11-12', event)).not.toBeNull()
  })

  it('keeps days within the event dates', () => {
    expect(checkDayDate('2021-11-11', event)).toBeNull()
    expect(checkDayDate('2021-11-12', event)).toBeNull()
    expect(checkDayDate('2021-11-13', event)).toBe('Dagen må være innenfor samlingens datoer.')
  })
})

describe('kroner and øre', () => {
  it('reads amounts as Norwegians type them', () => {
    expect(kronerToOre('2500')).toBe(250_000)
    expect(kronerToOre('2 500')).toBe(250_000)
    expect(kronerToOre('2\u00a0500 kr')).toBe(250_000)
    expect(kronerToOre('649,50')).toBe(64_950)
    expect(kronerToOre('649.5')).toBe(64_950)
    expect(kronerToOre('0')).toBe(0)
  })

  it('refuses what is not a non-negative amount', () => {
    for (const bad of ['-1', 'abc', '1,234', '1.2.3', '']) expect(kronerToOre(bad)).toBeNull()
  })

  it('writes øre back as kroner for the form', () => {
    expect(oreToKronerText(250_000)).toBe('2500')
    expect(oreToKronerText(64_950)).toBe('649,50')
    expect(oreToKronerText(5)).toBe('0,05')
  })
})

describe('skippedTimes', () => {
  it('names the time fields that fall in the hour skipped when summer time begins', () => {
    expect(skippedTimes('2027-03-28', { startTime: '01:30', endTime: '02:15' })).toEqual(['endTime'])
  })
})
