import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { assignCoverage, type CoverageCandidate, coverageOfNewcomer, promotedBetween, selfPaidAmount } from '~/domain/coverage'

const overnight = (id: string, rank: number): CoverageCandidate => ({ id, rank, nights: 1, days: ['d1', 'd2'] })
const dayOnly = (id: string, rank: number, days = ['d1']): CoverageCandidate => ({ id, rank, nights: 0, days })
const trondelag = { overnight: 2, dayPackages: 1 }

describe('assignCoverage', () => {
  it('covers Trøndelag 2018: 2 overnight and 1 day package, the rest self-paid, in enrolment order', () => {
    const result = assignCoverage([overnight('c', 3), overnight('a', 1), dayOnly('d', 4), overnight('b', 2), dayOnly('e', 5)], trondelag)
    expect(result.get('a')).toEqual({ coveredOvernight: true, coveredDays: [] })
    expect(result.get('b')).toEqual({ coveredOvernight: true, coveredDays: [] })
    expect(result.get('c')).toEqual({ coveredOvernight: false, coveredDays: [] })
    expect(result.get('d')).toEqual({ coveredOvernight: false, coveredDays: ['d1'] })
    expect(result.get('e')).toEqual({ coveredOvernight: false, coveredDays: [] })
  })

  it('spends day packages day by day, so two packages can cover one person on both days', () => {
    const result = assignCoverage([dayOnly('a', 1, ['d2', 'd1']), dayOnly('b', 2)], { overnight: 0, dayPackages: 2 })
    expect(result.get('a')?.coveredDays).toEqual(['d1', 'd2'])
    expect(result.get('b')?.coveredDays).toEqual([])
  })

  it('never covers more than the quota, whatever the order', () => {
    const many = Array.from({ length: 50 }, (_, i) => (i % 3 === 0 ? dayOnly(`p${i}`, 50 - i) : overnight(`p${i}`, 50 - i)))
    const result = [...assignCoverage(many, { overnight: 4, dayPackages: 3 }).values()]
    expect(result.filter((r) => r.coveredOvernight)).toHaveLength(4)
    expect(result.reduce((n, r) => n + r.coveredDays.length, 0)).toBe(3)
  })

  it('promotes the earliest self-paid participant who fits when a covered one leaves', () => {
    const people = [overnight('a', 1), overnight('b', 2), dayOnly('x', 3), overnight('c', 4), overnight('d', 5)]
    const before = assignCoverage(people, trondelag)
    const after = assignCoverage(
      people.filter((p) => p.id !== 'a'),
      trondelag,
    )
    expect(promotedBetween(before, after)).toEqual(['c'])
  })

  it('does not count a participant who traded a covered night for covered day packages as promoted', () => {
    const quota = { overnight: 1, dayPackages: 2 }
    const before = assignCoverage([{ id: 'a', rank: 1, nights: 1, days: ['2018-11-27', '2018-11-28'] }], quota)
    const after = assignCoverage([{ id: 'a', rank: 1, nights: 0, days: ['2018-11-27', '2018-11-28'] }], quota)
    expect(after.get('a')?.coveredDays).toHaveLength(2)
    expect(promotedBetween(before, after)).toEqual([])
  })
})

describe('selfPaidAmount', () => {
  const prices = { price_overnight_package_ore: 250_000, price_day_package_ore: 65_000, price_dinner_ore: 45_000 }
  it('charges the overnight package to a self-paid overnight participant and nothing to a covered one', () => {
    const p = { nights: 1, days: ['d1', 'd2'], attendsDinner: true }
    expect(selfPaidAmount(p, { coveredOvernight: false, coveredDays: [] }, prices)).toBe(250_000)
    expect(selfPaidAmount(p, { coveredOvernight: true, coveredDays: [] }, prices)).toBe(0)
  })

  it('charges uncovered days and dinner to a day participant', () => {
    const p = { nights: 0, days: ['d1', 'd2'], attendsDinner: true }
    expect(selfPaidAmount(p, { coveredOvernight: false, coveredDays: ['d1'] }, prices)).toBe(65_000 + 45_000)
    expect(selfPaidAmount({ ...p, attendsDinner: false }, { coveredOvernight: false, coveredDays: ['d1', 'd2'] }, prices)).toBe(0)
  })

  it('is unknown while the event has no price for what is used', () => {
    const none = { price_overnight_package_ore: null, price_day_package_ore: null, price_dinner_ore: null }
    expect(selfPaidAmount({ nights: 1, days: ['d1'], attendsDinner: false }, { coveredOvernight: false, coveredDays: [] }, none)).toBeNull()
    expect(selfPaidAmount({ nights: 0, days: ['d1'], attendsDinner: false }, { coveredOvernight: false, coveredDays: ['d1'] }, none)).toBe(0)
  })
})

describe('coverageOfNewcomer', () => {
  it('gives the last in line what assignCoverage gives them, for any municipality', () => {
    const candidate = fc.record({
      nights: fc.integer({ min: 0, max: 2 }),
      days: fc.uniqueArray(fc.constantFrom('2021-11-11', '2021-11-12', '2021-11-13'), { minLength: 1, maxLength: 3 }),
    })
    fc.assert(
      fc.property(
        fc.array(candidate, { maxLength: 12 }),
        candidate,
        fc.record({ overnight: fc.integer({ min: 0, max: 5 }), dayPackages: fc.integer({ min: 0, max: 4 }) }),
        (existing, newcomer, quota) => {
          const all = [...existing.map((c, i) => ({ ...c, id: `p${i}`, rank: i + 1 })), { ...newcomer, id: 'new', rank: existing.length + 1 }]
          const standing = {
            overnight: existing.filter((c) => c.nights > 0).length,
            dayOnlyDays: existing.filter((c) => c.nights === 0).reduce((n, c) => n + c.days.length, 0),
          }
          expect(coverageOfNewcomer(standing, newcomer, quota)).toEqual(assignCoverage(all, quota).get('new'))
        },
      ),
      { numRuns: 2_000 },
    )
  })
})
