import { describe, expect, it } from 'vitest'
import { quotaOf } from '~/domain/quota'

describe('quotaOf', () => {
  it('gives the event’s covered places per municipality when the organiser has granted nothing extra', () => {
    expect(
      quotaOf({ covered_overnight_per_municipality: 4, covered_day_packages_per_municipality: 6, extra_overnights_granted: 0, extra_day_packages_granted: 0 }),
    ).toEqual({ overnight: 4, dayPackages: 6 })
  })

  it('adds each grant to its own kind of place', () => {
    expect(
      quotaOf({ covered_overnight_per_municipality: 4, covered_day_packages_per_municipality: 6, extra_overnights_granted: 2, extra_day_packages_granted: 5 }),
    ).toEqual({ overnight: 6, dayPackages: 11 })
  })

  it('gives only the grants for an event that covers nothing itself', () => {
    expect(
      quotaOf({ covered_overnight_per_municipality: 0, covered_day_packages_per_municipality: 0, extra_overnights_granted: 1, extra_day_packages_granted: 0 }),
    ).toEqual({ overnight: 1, dayPackages: 0 })
  })
})
