import { describe, expect, it } from 'vitest'
import { formatDateTime, osloDateTime } from '~/domain/dates'
import {
  checkDayDate,
  checkEventWindow,
  checkNightDate,
  daysBetween,
  kronerToOre,
  oreToKronerText,
  shiftDate,
  shiftInstant,
  skippedTimes,
  wallClockExists,
} from '~/domain/event-rules'

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

  it('shifts and counts calendar days across months, years and DST', () => {
    expect(shiftDate('2021-11-11', 365)).toBe('2022-11-11')
    expect(shiftDate('2024-03-30', 1)).toBe('2024-03-31')
    expect(shiftDate('2021-01-01', -1)).toBe('2020-12-31')
    expect(daysBetween('2021-11-11', '2022-11-10')).toBe(364)
    expect(daysBetween('2024-03-30', '2024-04-01')).toBe(2)
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

describe('shiftInstant', () => {
  it('keeps the Oslo wall-clock time when moving across a DST change', () => {
    expect(formatDateTime(shiftInstant(osloDateTime('2021-09-20', '23:59'), 365))).toBe('20. september 2022 kl. 23.59')
    expect(formatDateTime(shiftInstant(osloDateTime('2024-03-30', '09:00'), 1))).toBe('31. mars 2024 kl. 09.00')
    expect(formatDateTime(shiftInstant(osloDateTime('2024-10-26', '09:00'), 1))).toBe('27. oktober 2024 kl. 09.00')
  })
})

describe('wallClockExists', () => {
  it('is false for the hour skipped when summer time begins, true for every other time', () => {
    for (const time of ['02:00', '02:30', '02.59']) expect(wallClockExists('2027-03-28', time), time).toBe(false)
    for (const time of ['01:59', '03:00', '12:00']) expect(wallClockExists('2027-03-28', time), time).toBe(true)
    // The autumn hour happens twice, and exists.
    expect(wallClockExists('2027-10-31', '02:30')).toBe(true)
    expect(wallClockExists('2027-03-27', '02:30')).toBe(true)
    expect(skippedTimes('2027-03-28', { startTime: '01:30', endTime: '02:15' })).toEqual(['endTime'])
    // What is no date or no time is left to its own field's message, and never throws.
    for (const [date, time] of [
      ['2027-02-30', '02:30'],
      ['0000-00-00', '10:00'],
      ['2027-13-45', '02:30'],
      ['9999-99-99', '10:00'],
      ['x', '02:30'],
      ['2027-03-28', '25:61'],
      ['2027-03-28', ''],
    ])
      expect(wallClockExists(date ?? '', time ?? '')).toBe(true)
  })
})
