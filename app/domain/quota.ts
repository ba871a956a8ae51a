import type { CoverageQuota } from './coverage'

/** A municipality's covered places: the event's numbers plus the organiser's grants. */
export function quotaOf(r: {
  covered_overnight_per_municipality: number
  covered_day_packages_per_municipality: number
  extra_overnights_granted: number
  extra_day_packages_granted: number
}): CoverageQuota {
  return {
    overnight: r.covered_overnight_per_municipality + r.extra_overnights_granted,
    dayPackages: r.covered_day_packages_per_municipality + r.extra_day_packages_granted,
  }
}
