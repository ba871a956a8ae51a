import { describe, expect, it } from 'vitest'
import {
  formatClockRange,
  formatDate,
  formatDateRange,
  formatDateTime,
  formatNight,
  formatTimeRange,
  formatWeekday,
  osloDate,
  daysBetween,
  osloDateTime,
  shiftDate,
  shiftInstant,
  wallClockExists,
} from '~/domain/dates'

describe('osloDateTime', () => {
  it('reads winter time as UTC+1 and summer time as UTC+2', () => {
    expect(osloDateTime('2021-11-11', '11:00').toISOString()).toBe('2021-11-11T10:00:00.000Z')
    expect(osloDateTime('2021-09-20', '23:59').toISOString()).toBe('2021-09-20T21:59:00.000Z')
  })

  it('puts a deadline at 23.59 on 31 March, the day summer time starts, two hours before UTC midnight', () => {
    const deadline = osloDateTime('2024-03-31', '23:59')
    expect(deadline.toISOString()).toBe('2024-03-31T21:59:00.000Z')
    expect(formatDateTime(deadline)).toBe('31. mars 2024 kl. 23.59')
    // Before the switch at 02.00 the same day, Oslo is still UTC+1.
    expect(osloDateTime('2024-03-31', '01:30').toISOString()).toBe('2024-03-31T00:30:00.000Z')
  })

  it('puts a deadline at 23.59 on 27 October, the day summer time ends, one hour before UTC midnight', () => {
    const deadline = osloDateTime('2024-10-27', '23:59')
    expect(deadline.toISOString()).toBe('2024-10-27T22:59:00.000Z')
    expect(formatDateTime(deadline)).toBe('27. oktober 2024 kl. 23.59')
    expect(osloDateTime('2024-10-27', '01:30').toISOString()).toBe('2024-10-26T23:30:00.000Z')
  })

  it('refuses what is not a date and a time', () => {
    expect(() => osloDateTime('2021-11-1', '11:00')).toThrow(RangeError)
    expect(() => osloDateTime('2021-11-11', '1100')).toThrow(RangeError)
  })
})

describe('formatting in Europe/Oslo', () => {
  it('writes dates and times the Norwegian way', () => {
    const start = new Date('2021-11-11T10:00:00Z')
    expect(formatDateTime(start)).toBe('11. november 2021 kl. 11.00')
    expect(formatDate(start)).toBe('11. november 2021')
    expect(formatTimeRange(new Date('2021-11-11T12:00:00Z'), new Date('2021-11-11T14:00:00Z'))).toBe('kl. 13.00–15.00')
    expect(formatTimeRange(new Date('2021-11-11T12:00:00Z'))).toBe('kl. 13.00')
    expect(formatClockRange(new Date('2021-11-11T12:00:00Z'), new Date('2021-11-11T12:30:00Z'))).toBe('13.00–13.30')
  })

  it('shows both 02.30s of the night summer time ends as 02.30', () => {
    expect(formatDateTime(new Date('2024-10-27T00:30:00Z'))).toBe('27. oktober 2024 kl. 02.30')
    expect(formatDateTime(new Date('2024-10-27T01:30:00Z'))).toBe('27. oktober 2024 kl. 02.30')
  })

  it('uses the Oslo day, not the UTC day, near midnight', () => {
    const lateEvening = new Date('2021-09-20T22:30:00Z')
    expect(osloDate(lateEvening)).toBe('2021-09-21')
    expect(formatDate(lateEvening)).toBe('21. september 2021')
  })

  it('writes an event span compactly', () => {
    const at = (iso: string) => new Date(iso)
    expect(formatDateRange(at('2021-11-11T10:00:00Z'), at('2021-11-12T12:00:00Z'))).toBe('11.–12. november 2021')
    expect(formatDateRange(at('2021-11-30T10:00:00Z'), at('2021-12-01T12:00:00Z'))).toBe('30. november–1. desember 2021')
    expect(formatDateRange(at('2021-12-31T10:00:00Z'), at('2022-01-01T12:00:00Z'))).toBe('31. desember 2021–1. januar 2022')
    expect(formatDateRange(at('2021-11-11T08:00:00Z'), at('2021-11-11T15:00:00Z'))).toBe('11. november 2021')
  })

  it('names weekdays and nights', () => {
    expect(formatWeekday('2021-11-16', 'nb')).toBe('tirsdag 16. november 2021')
    expect(formatNight('2021-11-10')).toBe('10.–11. november 2021')
    expect(formatNight('2024-03-31')).toBe('31. mars–1. april 2024')
  })
})

describe('calendar days', () => {
  it('shifts and counts calendar days across months, years and DST', () => {
    expect(shiftDate('2021-11-11', 365)).toBe('2022-11-11')
    expect(shiftDate('2024-03-30', 1)).toBe('2024-03-31')
    expect(shiftDate('2021-01-01', -1)).toBe('2020-12-31')
    expect(daysBetween('2021-11-11', '2022-11-10')).toBe(364)
    expect(daysBetween('2024-03-30', '2024-04-01')).toBe(2)
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
