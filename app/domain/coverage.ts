/**
 * Who of a municipality's participants uses its covered places (DESIGN.md §3):
 * in enrolment order (the contact person's ranking), an overnight participant
 * takes a covered overnight place while there is one, and a participant
 * without a hotel night takes a covered day package for each day while there
 * are any. Everyone else is self-paid. Pure: the service recomputes this
 * inside the transaction that locks the municipality, so the result can never
 * exceed the quota, and a cancellation promotes the next one who fits.
 */

export interface CoverageQuota {
  overnight: number
  dayPackages: number
}

export interface CoverageCandidate {
  id: string
  rank: number
  /** Hotel nights the participant stays. */
  nights: number
  /** Days attended. */
  days: string[]
}

export interface CoverageAssignment {
  coveredOvernight: boolean
  /** Days covered as day packages (participants without a hotel night only). */
  coveredDays: string[]
}

export function assignCoverage(candidates: CoverageCandidate[], quota: CoverageQuota): Map<string, CoverageAssignment> {
  let overnightLeft = quota.overnight
  let dayPackagesLeft = quota.dayPackages
  const result = new Map<string, CoverageAssignment>()
  for (const c of [...candidates].sort((a, b) => a.rank - b.rank)) {
    if (c.nights > 0) {
      const covered = overnightLeft > 0
      if (covered) overnightLeft -= 1
      result.set(c.id, { coveredOvernight: covered, coveredDays: [] })
      continue
    }
    const coveredDays: string[] = []
    for (const day of [...c.days].sort()) {
      if (dayPackagesLeft === 0) break
      coveredDays.push(day)
      dayPackagesLeft -= 1
    }
    result.set(c.id, { coveredOvernight: false, coveredDays })
  }
  return result
}

/** What a municipality's active participants already use, in the numbers the next one's coverage depends on. */
export interface MunicipalityStanding {
  /** Participants with at least one hotel night. */
  overnight: number
  /** Days attended by participants without a hotel night. */
  dayOnlyDays: number
}

/**
 * The coverage of a newcomer, who comes last in the enrolment order: the same
 * answer `assignCoverage` gives for the last candidate, from two counts
 * instead of the whole list (enrolment is the hot path).
 */
export function coverageOfNewcomer(standing: MunicipalityStanding, newcomer: { nights: number; days: string[] }, quota: CoverageQuota): CoverageAssignment {
  if (newcomer.nights > 0) return { coveredOvernight: standing.overnight < quota.overnight, coveredDays: [] }
  const left = Math.max(0, quota.dayPackages - standing.dayOnlyDays)
  return { coveredOvernight: false, coveredDays: [...newcomer.days].sort().slice(0, left) }
}

/**
 * The participants whose coverage grew between two assignments: the promoted
 * ones. Someone who was covered overnight and now has covered day packages
 * instead has lost a place, not gained one.
 */
export function promotedBetween(before: Map<string, CoverageAssignment>, after: Map<string, CoverageAssignment>): string[] {
  const promoted: string[] = []
  for (const [id, now] of after) {
    const was = before.get(id)
    if (!was) continue
    if (!was.coveredOvernight && (now.coveredOvernight || now.coveredDays.length > was.coveredDays.length)) promoted.push(id)
  }
  return promoted
}

export interface Prices {
  price_overnight_package_ore: number | null
  price_day_package_ore: number | null
  price_dinner_ore: number | null
}

/**
 * What of one participant's stay is not covered: an overnight package for a
 * self-paid overnight participant; for a participant without a hotel night,
 * each day not covered as a day package, and dinner if they eat it.
 */
export function selfPaidParts(
  participant: { nights: number; days: string[]; attendsDinner: boolean },
  assignment: CoverageAssignment,
): { overnightPackages: number; dayPackages: number; dinners: number } {
  if (participant.nights > 0) return { overnightPackages: assignment.coveredOvernight ? 0 : 1, dayPackages: 0, dinners: 0 }
  return { overnightPackages: 0, dayPackages: participant.days.length - assignment.coveredDays.length, dinners: participant.attendsDinner ? 1 : 0 }
}

/**
 * What the municipality pays for one participant, in øre: the overnight
 * package if they stay self-paid, otherwise each day not covered as a day
 * package, and dinner for a participant without a hotel night. Null where the
 * event has not set the price.
 */
export function selfPaidAmount(
  participant: { nights: number; days: string[]; attendsDinner: boolean },
  assignment: CoverageAssignment,
  prices: Prices,
): number | null {
  if (participant.nights > 0) {
    if (assignment.coveredOvernight) return 0
    return prices.price_overnight_package_ore
  }
  const paidDays = participant.days.length - assignment.coveredDays.length
  const days = paidDays === 0 ? 0 : prices.price_day_package_ore === null ? null : paidDays * prices.price_day_package_ore
  const dinner = !participant.attendsDinner ? 0 : prices.price_dinner_ore
  if (days === null || dinner === null) return null
  return days + dinner
}
