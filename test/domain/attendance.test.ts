import { describe, expect, it } from 'vitest'
import { type AttendanceDay, type AttendanceParticipant, attendanceRate, dayHasEnded, isNoShow, noShowDays } from '~/domain/attendance'
import { chargeOf, type MoneyRules } from '~/domain/money'

const day1: AttendanceDay = { id: 'd1', endsAt: new Date('2021-11-11T17:00:00Z') }
const day2: AttendanceDay = { id: 'd2', endsAt: new Date('2021-11-12T12:00:00Z') }
const days = [day1, day2]
const justBefore = (d: AttendanceDay) => new Date(d.endsAt.getTime() - 1)

const participant = (overrides: Partial<AttendanceParticipant> = {}): AttendanceParticipant => ({
  id: 'p1',
  status: 'active',
  dayIds: ['d1', 'd2'],
  ...overrides,
})
const nobodyCame = () => false
const cameOn =
  (...keys: string[]) =>
  (participantId: string, dayId: string) =>
    keys.includes(`${participantId}/${dayId}`)

describe('dayHasEnded', () => {
  it('is false until the day ends and true from its last instant on', () => {
    expect(dayHasEnded(day1, justBefore(day1))).toBe(false)
    expect(dayHasEnded(day1, day1.endsAt)).toBe(true)
    expect(dayHasEnded(day1, new Date(day1.endsAt.getTime() + 1))).toBe(true)
  })
})

describe('isNoShow', () => {
  it('counts an active participant who did not come only once the day has ended', () => {
    expect(isNoShow(participant(), day1, nobodyCame, justBefore(day1))).toBe(false)
    expect(isNoShow(participant(), day1, nobodyCame, day1.endsAt)).toBe(true)
  })

  it('never counts someone marked arrived that day, whenever they came', () => {
    expect(isNoShow(participant(), day1, cameOn('p1/d1'), day2.endsAt)).toBe(false)
    // Arriving on day 1 says nothing about day 2.
    expect(isNoShow(participant(), day2, cameOn('p1/d1'), day2.endsAt)).toBe(true)
  })

  it('never counts a day the participant was not registered for', () => {
    expect(isNoShow(participant({ dayIds: ['d2'] }), day1, nobodyCame, day2.endsAt)).toBe(false)
  })

  it('does not count a late cancellation, a cancellation or a substituted participant; their substitute is the one expected', () => {
    for (const status of ['late_cancelled', 'cancelled', 'substituted'] as const) {
      expect(isNoShow(participant({ status }), day1, nobodyCame, day2.endsAt), status).toBe(false)
    }
    const substitute = participant({ id: 'p2' })
    expect(isNoShow(substitute, day1, nobodyCame, day2.endsAt)).toBe(true)
    expect(isNoShow(substitute, day1, cameOn('p2/d1'), day2.endsAt)).toBe(false)
  })
})

describe('noShowDays', () => {
  it('lists the ended days missed, in the order given', () => {
    expect(noShowDays(participant(), days, nobodyCame, justBefore(day1))).toEqual([])
    expect(noShowDays(participant(), days, nobodyCame, day1.endsAt)).toEqual([day1])
    expect(noShowDays(participant(), days, nobodyCame, day2.endsAt)).toEqual([day1, day2])
    expect(noShowDays(participant(), days, cameOn('p1/d2'), day2.endsAt)).toEqual([day1])
  })
})

describe('what a no-show costs (the one money rule, app/domain/money.ts)', () => {
  const rules: MoneyRules = {
    price_overnight_package_ore: 250_000,
    price_day_package_ore: 65_000,
    price_dinner_ore: 45_000,
    prices_are_approximate: false,
    extras_pricing: 'listed',
    extras_pricing_note: '',
  }
  const selfPaidDay = { status: 'active', nights: 0, days: ['2021-11-11'], attendsDinner: false }
  const uncovered = { coveredOvernight: false, coveredDays: [] }

  it('bills a self-paid no-show as an active participant, owing nothing only when waived with a reason', () => {
    expect(chargeOf({ ...selfPaidDay, waiverReason: null }, uncovered, rules)).toMatchObject({ amountOre: 65_000, owedOre: 65_000, waived: false })
    expect(chargeOf({ ...selfPaidDay, waiverReason: 'Syk' }, uncovered, rules)).toMatchObject({ amountOre: 65_000, owedOre: 0, waiverReason: 'Syk' })
  })

  it('costs a covered no-show nothing, and a late cancellation stays billable as before', () => {
    expect(chargeOf({ ...selfPaidDay, waiverReason: null }, { coveredOvernight: false, coveredDays: ['2021-11-11'] }, rules).owedOre).toBe(0)
    expect(chargeOf({ ...selfPaidDay, status: 'late_cancelled', waiverReason: null }, uncovered, rules)).toMatchObject({ owedOre: 65_000, lateCancelled: true })
  })
})

describe('attendanceRate', () => {
  it('rounds to whole per cent, and has a dash when nobody was expected', () => {
    expect(attendanceRate({ arrived: 2, expected: 3 })).toBe('67 %')
    expect(attendanceRate({ arrived: 0, expected: 0 })).toBe('–')
  })
})
