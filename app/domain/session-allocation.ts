import { roleMayAttend } from './eligibility'

/**
 * Parallel-session seats allocated by ranked wishes (DESIGN.md §3 "Sessions by
 * wishes", decision 42). Pure: the model the solver gets, reading its answer,
 * an independent checker, the first-come baseline, the figures and the
 * explanations. app/services/session-allocation/solve.server.ts runs HiGHS on
 * the model.
 *
 * The model, one per parallel slot (nothing links two slots, so each slot is
 * its own, smaller MIP):
 *
 * - x[p,s] ∈ {0,1} only for a session s that participant p wished (best rank
 *   if wished twice) and may attend: s is in the wish's slot, p attends that
 *   slot, p's role is allowed. A kept seat (a manual placement or a seat kept
 *   by a minimal-change re-run) is x[p,s] fixed to 1, whether wished or not,
 *   and it counts inside the session's capacity.
 * - Σ_s x[p,s] ≤ 1 per participant and slot; Σ_p x[p,s] ≤ capacity(s) for a
 *   session with a capacity (null: unlimited, no row).
 * - y[m,s] ∈ [0,1] for each municipality m and session s that one of m's
 *   participants eligibly wished, y[m,s] ≤ Σ_{p in m} x[p,s]: "m has someone
 *   in s". Continuous: at any integral x the best y is min(1, Σ x), integral.
 *   Where only one participant of m could be in s, y[m,s] would equal that x:
 *   its bonus is put on the x instead, with no y and no row.
 *
 * Maximised (ALLOCATION_WEIGHTS):
 *   Σ rankWeight(rank of x[p,s]) x[p,s]                     9 / 4 / 1
 * + Σ spread · y[m,s]                                          2
 * + Σ topTopic · y[m,s] for s = m's top topic in the slot     25
 * + Σ tieBreak(p, rank) x[p,s]                                < 1 in all
 *
 * - Rank weights 9/4/1 (3², 2², 1²): a first choice is worth more than two
 *   second choices' difference, so the allocation gives first choices where it
 *   can, and every wished seat is worth more than none (unplaced is 0), so it
 *   never leaves a seat empty that someone wished.
 * - The spread bonus shares a full session between municipalities: the first
 *   participant of a municipality in a session earns 2 more than its second,
 *   so two municipalities with one each beat one municipality with two. It is
 *   smaller than any difference between two ranks (≥ 3), so it never moves a
 *   participant to a worse choice on its own.
 * - The top-topic bonus (see topTopics) dominates one exchange: letting a
 *   participant of m into m's top topic costs at most the displaced person's
 *   first choice (9), the entrant's own better choice (9 - 1 = 8) and two
 *   spread bonuses (2 + 2) = 21 < 25 + 2. So no municipality ends up with
 *   nobody in its top topic while another has several there, where the seats
 *   allow it.
 * - The tie-break makes equal allocations come out the same way: it prefers
 *   the earlier submitter (`order`, then id) and, for them, the better rank.
 *   Its total over all seats is below 1, the smallest step of the other
 *   terms, so it only decides between allocations that are otherwise equal;
 *   allocationObjective reports the objective without it (an integer).
 *
 * Everything is built in a fixed order (slots, sessions, municipalities by id;
 * participants by order, then id), so the same input gives the same model,
 * and the single-threaded solver with a fixed seed gives the same answer.
 */

export type WishRank = 1 | 2 | 3

export interface AllocationSession {
  id: string
  slotId: string
  /** null: unlimited */
  capacity: number | null
  /** [] = open to all */
  restrictedToRoles: string[]
  title?: string
}

export interface AllocationParticipant {
  id: string
  /** The registration id works too; fairness is between these. */
  municipalityId: string
  roleCategory: string
  /** The slots on days the participant attends. */
  slotIds: string[]
  wishes: { slotId: string; sessionId: string; rank: WishRank }[]
  /** Seats that must stay (minimal-change re-run, manual placements). */
  kept?: { slotId: string; sessionId: string }[]
  /** Submission order, for the first-come baseline and deterministic tie-breaks. */
  order?: number
}

export interface AllocationInput {
  sessions: AllocationSession[]
  participants: AllocationParticipant[]
}

export interface Placement {
  participantId: string
  slotId: string
  sessionId: string
  /** null: a kept seat not among the participant's wishes */
  rank: WishRank | null
}

export interface AllocationResult {
  placements: Placement[]
  /** allocationObjective of the placements: satisfaction and fairness, an integer (the tie-break left out). */
  objective: number
  /** Proven relative MIP gap, 0 when optimal. */
  gap: number
  status: 'optimal' | 'time_limit' | 'infeasible' | 'error'
  solveMs: number
}

/** Why a higher-ranked wish was not given. */
export type Reason = 'full' | 'role' | 'slot' | 'fairness'

export interface Explanation {
  participantId: string
  slotId: string
  /** null: nothing in this slot, or a kept seat that was not wished (see sessionId and kept) */
  got: WishRank | null
  passedOver: { sessionId: string; rank: WishRank; reason: Reason }[]
  /** The session they have in this slot, if any. */
  sessionId?: string | null
  /** The seat was kept (placed by hand or kept by a re-run): no wish was passed over by the allocation. */
  kept?: boolean
}

export const ALLOCATION_WEIGHTS = {
  rank: { 1: 9, 2: 4, 3: 1 } as Readonly<Record<WishRank, number>>,
  spread: 2,
  topTopic: 25,
} as const

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const pairKey = (a: string, b: string) => `${a}\u0000${b}`

/** The map's value for key, made and stored first when missing. */
function entry<K, V>(map: Map<K, V>, key: K, make: () => V): V {
  const had = map.get(key)
  if (had !== undefined) return had
  const made = make()
  map.set(key, made)
  return made
}

/** Participants in submission order (`order`, those without one last), then by id: the first-come order and the tie-break's. */
function submissionOrder(participants: readonly AllocationParticipant[]): AllocationParticipant[] {
  return [...participants].sort((a, b) => (a.order ?? Number.POSITIVE_INFINITY) - (b.order ?? Number.POSITIVE_INFINITY) || byString(a.id, b.id))
}

/** Why participant p may not have session s in slot slotId, or null when they may. */
function obstacle(sessions: ReadonlyMap<string, AllocationSession>, p: AllocationParticipant, slotId: string, sessionId: string): 'slot' | 'role' | null {
  const session = sessions.get(sessionId)
  if (!session || session.slotId !== slotId || !p.slotIds.includes(slotId)) return 'slot'
  if (!roleMayAttend(session.restrictedToRoles, p.roleCategory)) return 'role'
  return null
}

/** A participant's wishes, the best rank kept when a session is wished twice, by slot then rank then session. */
function bestWishes(p: AllocationParticipant): { slotId: string; sessionId: string; rank: WishRank }[] {
  const best = new Map<string, { slotId: string; sessionId: string; rank: WishRank }>()
  for (const w of p.wishes) {
    const key = pairKey(w.slotId, w.sessionId)
    const had = best.get(key)
    if (!had || w.rank < had.rank) best.set(key, { slotId: w.slotId, sessionId: w.sessionId, rank: w.rank })
  }
  return [...best.values()].sort((a, b) => byString(a.slotId, b.slotId) || a.rank - b.rank || byString(a.sessionId, b.sessionId))
}

/** The rank p gave session s (in its own slot), or null. */
function rankOf(p: AllocationParticipant, sessionId: string, slotId: string): WishRank | null {
  let rank: WishRank | null = null
  for (const w of p.wishes) if (w.sessionId === sessionId && w.slotId === slotId && (rank === null || w.rank < rank)) rank = w.rank
  return rank
}

function sessionMap(input: AllocationInput): Map<string, AllocationSession> {
  return new Map(input.sessions.map((s) => [s.id, s]))
}

/** Wishes the model may give: each (participant, session) once with its best rank, in a slot they attend, a role the session allows. */
function eligibleWishes(sessions: ReadonlyMap<string, AllocationSession>, p: AllocationParticipant) {
  return bestWishes(p).filter((w) => obstacle(sessions, p, w.slotId, w.sessionId) === null)
}

/**
 * Each municipality's top topic per slot: among the sessions its participants
 * may attend and wished in that slot, the one most of them ranked first; a
 * tie goes to the one more ranked second, then third, then the lowest session
 * id. A municipality whose participants wished nothing they may attend in a
 * slot has no top topic there. The sessionIds come in slot-id order.
 */
export function topTopics(input: AllocationInput): Map<string, string[]> {
  const sessions = sessionMap(input)
  // municipality → slot → session → [rank-1 count, rank-2 count, rank-3 count]
  const counts = new Map<string, Map<string, Map<string, [number, number, number]>>>()
  for (const p of input.participants) {
    for (const w of eligibleWishes(sessions, p)) {
      const bySlot = entry(counts, p.municipalityId, () => new Map<string, Map<string, [number, number, number]>>())
      const c = entry(
        entry(bySlot, w.slotId, () => new Map<string, [number, number, number]>()),
        w.sessionId,
        (): [number, number, number] => [0, 0, 0],
      )
      c[w.rank - 1] = (c[w.rank - 1] ?? 0) + 1
    }
  }
  const result = new Map<string, string[]>()
  for (const municipalityId of [...counts.keys()].sort(byString)) {
    const bySlot = counts.get(municipalityId) ?? new Map()
    const tops: string[] = []
    for (const slotId of [...bySlot.keys()].sort(byString)) {
      const candidates = [...(bySlot.get(slotId)?.entries() ?? [])].sort(
        ([aId, a], [bId, b]) => b[0] - a[0] || b[1] - a[1] || b[2] - a[2] || byString(aId, bId),
      )
      const top = candidates[0]
      if (top) tops.push(top[0])
    }
    result.set(municipalityId, tops)
  }
  return result
}

// ---------------------------------------------------------------------------
// The model

export interface ModelColumn {
  name: string
  cost: number
  lower: number
  upper: number
  integer: boolean
  /** The rows this column is in, with its coefficient there. */
  rows: number[]
  coefs: number[]
}

export interface ModelRow {
  name: string
  lower: number
  upper: number
}

/** One slot's MIP (maximise), with what each column stands for. */
export interface AllocationModel {
  slotId: string
  columns: ModelColumn[]
  rows: ModelRow[]
  /** The placement an x column stands for; null for a y (municipality has someone in a session) column. */
  placements: (Placement | null)[]
}

/**
 * The models, one per slot that has a wish or a kept seat, in slot-id order
 * (see the header). Sessions that do not exist, and wishes nobody may be given,
 * get no column; a kept seat always does, so a kept seat that breaks a rule
 * shows in violations() and two kept seats in one slot or over a capacity make
 * the model infeasible.
 */
export function buildAllocationModels(input: AllocationInput): AllocationModel[] {
  const sessions = sessionMap(input)
  const ordered = submissionOrder(input.participants)
  const n = ordered.length
  const tops = new Set<string>()
  for (const [municipalityId, sessionIds] of topTopics(input)) for (const s of sessionIds) tops.add(pairKey(municipalityId, s))

  // The x columns, grouped by slot.
  // eligible: from a wish the participant may be given (those earn the spread and top-topic bonus).
  type X = { p: AllocationParticipant; index: number; sessionId: string; rank: WishRank | null; kept: boolean; eligible: boolean }
  const xBySlot = new Map<string, X[]>()
  ordered.forEach((p, index) => {
    const bySession = new Map<string, X>()
    for (const w of eligibleWishes(sessions, p))
      bySession.set(pairKey(w.slotId, w.sessionId), { p, index, sessionId: w.sessionId, rank: w.rank, kept: false, eligible: true })
    for (const k of p.kept ?? []) {
      if (!sessions.has(k.sessionId)) continue
      const key = pairKey(k.slotId, k.sessionId)
      const had = bySession.get(key)
      bySession.set(key, {
        p,
        index,
        sessionId: k.sessionId,
        rank: had?.rank ?? rankOf(p, k.sessionId, k.slotId),
        kept: true,
        eligible: had !== undefined,
      })
    }
    for (const [key, x] of [...bySession.entries()].sort(([a], [b]) => byString(a, b))) {
      const slotId = key.slice(0, key.indexOf('\u0000'))
      entry(xBySlot, slotId, (): X[] => []).push(x)
    }
  })

  const models: AllocationModel[] = []
  for (const slotId of [...xBySlot.keys()].sort(byString)) {
    const xs = xBySlot.get(slotId) ?? []
    const columns: ModelColumn[] = []
    const rows: ModelRow[] = []
    const placements: (Placement | null)[] = []

    // One session per participant in the slot.
    const participantRow = new Map<string, number>()
    const perParticipant = new Map<string, number>()
    for (const x of xs) perParticipant.set(x.p.id, (perParticipant.get(x.p.id) ?? 0) + 1)
    for (const x of xs) {
      if ((perParticipant.get(x.p.id) ?? 0) > 1 && !participantRow.has(x.p.id)) {
        participantRow.set(x.p.id, rows.length)
        rows.push({ name: `one_${x.index}`, lower: Number.NEGATIVE_INFINITY, upper: 1 })
      }
    }
    // Capacities, for sessions that have one and could be over it.
    const perSession = new Map<string, number>()
    for (const x of xs) perSession.set(x.sessionId, (perSession.get(x.sessionId) ?? 0) + 1)
    const sessionIds = [...perSession.keys()].sort(byString)
    const sessionIndex = new Map(sessionIds.map((id, i) => [id, i]))
    const capacityRow = new Map<string, number>()
    for (const id of sessionIds) {
      const capacity = sessions.get(id)?.capacity ?? null
      if (capacity !== null && (perSession.get(id) ?? 0) > capacity) {
        capacityRow.set(id, rows.length)
        rows.push({ name: `cap_${sessionIndex.get(id)}`, lower: Number.NEGATIVE_INFINITY, upper: Math.max(0, capacity) })
      }
    }
    // A municipality has someone in a session it wished: y[m,s] - Σ x[p,s] ≤ 0. Where only one participant of the
    // municipality could be there, y[m,s] = x[p,s]: its bonus goes on x, with no y and no row (a third of them on the bench).
    const perCover = new Map<string, number>()
    for (const x of xs) perCover.set(pairKey(x.p.municipalityId, x.sessionId), (perCover.get(pairKey(x.p.municipalityId, x.sessionId)) ?? 0) + 1)
    const wishedCovers = new Set(xs.filter((x) => x.eligible).map((x) => pairKey(x.p.municipalityId, x.sessionId)))
    const coverBonus = (key: string) => (wishedCovers.has(key) ? ALLOCATION_WEIGHTS.spread + (tops.has(key) ? ALLOCATION_WEIGHTS.topTopic : 0) : 0)
    const coverKeys = [...wishedCovers].filter((key) => (perCover.get(key) ?? 0) > 1).sort(byString)
    const coverRow = new Map(coverKeys.map((key, i) => [key, rows.length + i]))
    for (let i = 0; i < coverKeys.length; i++) rows.push({ name: `cover_${i}`, lower: Number.NEGATIVE_INFINITY, upper: 0 })

    for (const x of xs) {
      const inRows: number[] = []
      const coefs: number[] = []
      const add = (row: number | undefined, coef: number) => {
        if (row === undefined) return
        inRows.push(row)
        coefs.push(coef)
      }
      add(participantRow.get(x.p.id), 1)
      add(capacityRow.get(x.sessionId), 1)
      const cover = pairKey(x.p.municipalityId, x.sessionId)
      add(coverRow.get(cover), -1)
      const satisfaction = (x.rank === null ? 0 : ALLOCATION_WEIGHTS.rank[x.rank]) + (coverRow.has(cover) ? 0 : coverBonus(cover))
      const tieBreak = x.rank === null ? 0 : ((n - x.index) * (4 - x.rank)) / (3 * n * (n + 1))
      columns.push({
        name: `x_${x.index}_${sessionIndex.get(x.sessionId)}`,
        cost: satisfaction + tieBreak,
        lower: x.kept ? 1 : 0,
        upper: 1,
        integer: true,
        rows: inRows,
        coefs,
      })
      placements.push({ participantId: x.p.id, slotId, sessionId: x.sessionId, rank: x.rank })
    }
    coverKeys.forEach((key, i) => {
      columns.push({
        name: `y_${i}`,
        cost: coverBonus(key),
        lower: 0,
        upper: 1,
        integer: false,
        rows: [rows.length - coverKeys.length + i],
        coefs: [1],
      })
      placements.push(null)
    })
    models.push({ slotId, columns, rows, placements })
  }
  return models
}

/** The model as CPLEX LP text (what HiGHS, and most MIP solvers, read): for tests, logs and checking by hand. */
export function modelToLp(model: AllocationModel): string {
  const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toPrecision(17).replace(/0+$/, ''))
  const wrap = (terms: string[]) => {
    const lines: string[] = []
    for (let i = 0; i < terms.length; i += 8) lines.push(terms.slice(i, i + 8).join(' '))
    return lines.join('\n   ')
  }
  const rowTerms: string[][] = model.rows.map(() => [])
  model.columns.forEach((c) => {
    c.rows.forEach((r, k) => {
      const coef = c.coefs[k] ?? 0
      rowTerms[r]?.push(`${coef < 0 ? '-' : '+'} ${Math.abs(coef) === 1 ? '' : `${num(Math.abs(coef))} `}${c.name}`)
    })
  })
  const out = [
    `\\ Session allocation, slot ${model.slotId}`,
    'Maximize',
    ` obj: ${wrap(model.columns.map((c) => `+ ${num(c.cost)} ${c.name}`)) || '0'}`,
    'Subject To',
  ]
  model.rows.forEach((row, i) => {
    const lhs = wrap(rowTerms[i] ?? [])
    if (row.lower === Number.NEGATIVE_INFINITY) out.push(` ${row.name}: ${lhs} <= ${num(row.upper)}`)
    else if (row.upper === Number.POSITIVE_INFINITY) out.push(` ${row.name}: ${lhs} >= ${num(row.lower)}`)
    else out.push(` ${row.name}: ${num(row.lower)} <= ${lhs} <= ${num(row.upper)}`)
  })
  out.push('Bounds')
  for (const c of model.columns) out.push(c.lower === c.upper ? ` ${c.name} = ${num(c.lower)}` : ` ${num(c.lower)} <= ${c.name} <= ${num(c.upper)}`)
  const integers = model.columns.filter((c) => c.integer).map((c) => c.name)
  if (integers.length > 0) out.push('General', ` ${wrap(integers)}`)
  out.push('End', '')
  return out.join('\n')
}

/** The placements a solution gives: the x columns at 1 (above one half, for the solver's tolerances). */
export function readSolution(model: AllocationModel, values: ArrayLike<number>): Placement[] {
  const placements: Placement[] = []
  model.placements.forEach((placement, j) => {
    if (placement && (values[j] ?? 0) > 0.5) placements.push(placement)
  })
  return placements
}

/**
 * The column values that stand for placements (e.g. the first-come baseline's,
 * given to the solver as a start so that even a solve stopped by its time
 * limit is no worse): x at 1 for each placement the model has a column for, y
 * at 1 where its municipality has someone in the session.
 */
export function startValues(model: AllocationModel, placements: readonly Placement[]): Float64Array {
  const chosen = new Set(placements.map((pl) => pairKey(pl.participantId, pairKey(pl.slotId, pl.sessionId))))
  const values = new Float64Array(model.columns.length)
  const rowSum = new Float64Array(model.rows.length)
  model.placements.forEach((pl, j) => {
    if (!pl || !chosen.has(pairKey(pl.participantId, pairKey(pl.slotId, pl.sessionId)))) return
    values[j] = 1
    const column = model.columns[j]
    column?.rows.forEach((row, k) => {
      if ((column.coefs[k] ?? 0) < 0) rowSum[row] = (rowSum[row] ?? 0) + 1
    })
  })
  model.placements.forEach((pl, j) => {
    const row = model.columns[j]?.rows[0]
    if (pl === null && row !== undefined && (rowSum[row] ?? 0) > 0) values[j] = 1
  })
  return values
}

/**
 * The model's objective for any placements (the solver's, the first-come
 * baseline's), without the tie-break: rank weights of wished seats, and per
 * municipality and session it wished (something its participants may attend)
 * with at least one of them there, the spread bonus, plus the top-topic bonus
 * when that session is its top topic.
 */
export function allocationObjective(input: AllocationInput, placements: readonly Placement[]): number {
  const sessions = sessionMap(input)
  const participants = new Map(input.participants.map((p) => [p.id, p]))
  const wished = new Set<string>()
  for (const p of input.participants) for (const w of eligibleWishes(sessions, p)) wished.add(pairKey(p.municipalityId, w.sessionId))
  const tops = new Set<string>()
  for (const [municipalityId, sessionIds] of topTopics(input)) for (const s of sessionIds) tops.add(pairKey(municipalityId, s))
  let total = 0
  const covered = new Set<string>()
  for (const placement of placements) {
    const p = participants.get(placement.participantId)
    if (!p) continue
    const rank = rankOf(p, placement.sessionId, placement.slotId)
    if (rank !== null) total += ALLOCATION_WEIGHTS.rank[rank]
    const key = pairKey(p.municipalityId, placement.sessionId)
    if (wished.has(key)) covered.add(key)
  }
  for (const key of covered) total += ALLOCATION_WEIGHTS.spread + (tops.has(key) ? ALLOCATION_WEIGHTS.topTopic : 0)
  return total
}

// ---------------------------------------------------------------------------
// Checking, the baseline, figures and explanations

/**
 * Everything wrong with placements, checked from the input alone (not from the
 * model): unknown participant or session, a session in another slot, a slot
 * the participant does not attend, a role the session is not open to, a
 * session neither wished nor kept, a wrong rank, two sessions in one slot, a
 * session over capacity, a kept seat missing. [] when all is well.
 */
export function violations(input: AllocationInput, placements: readonly Placement[]): string[] {
  const sessions = sessionMap(input)
  const participants = new Map(input.participants.map((p) => [p.id, p]))
  const problems: string[] = []
  const perSlot = new Set<string>()
  const perSession = new Map<string, number>()
  const placed = new Set<string>()
  for (const pl of placements) {
    const what = `${pl.participantId} in ${pl.sessionId} (slot ${pl.slotId})`
    const p = participants.get(pl.participantId)
    const session = sessions.get(pl.sessionId)
    if (!p) {
      problems.push(`unknown participant: ${what}`)
      continue
    }
    if (!session) {
      problems.push(`unknown session: ${what}`)
      continue
    }
    placed.add(pairKey(p.id, pairKey(pl.slotId, pl.sessionId)))
    perSession.set(session.id, (perSession.get(session.id) ?? 0) + 1)
    if (session.slotId !== pl.slotId) problems.push(`session in another slot (${session.slotId}): ${what}`)
    if (!p.slotIds.includes(pl.slotId)) problems.push(`slot not attended: ${what}`)
    if (!roleMayAttend(session.restrictedToRoles, p.roleCategory)) problems.push(`role ${p.roleCategory} not allowed: ${what}`)
    const rank = rankOf(p, pl.sessionId, pl.slotId)
    const kept = (p.kept ?? []).some((k) => k.sessionId === pl.sessionId && k.slotId === pl.slotId)
    if (rank === null && !kept) problems.push(`neither wished nor kept: ${what}`)
    if (rank !== pl.rank) problems.push(`rank ${pl.rank} but wished as ${rank}: ${what}`)
    const slotKey = pairKey(p.id, pl.slotId)
    if (perSlot.has(slotKey)) problems.push(`second session in one slot: ${what}`)
    perSlot.add(slotKey)
  }
  for (const session of [...input.sessions].sort((a, b) => byString(a.id, b.id))) {
    const count = perSession.get(session.id) ?? 0
    if (session.capacity !== null && count > session.capacity) problems.push(`over capacity: ${session.id} has ${count}, capacity ${session.capacity}`)
  }
  for (const p of input.participants) {
    for (const k of p.kept ?? []) {
      if (!placed.has(pairKey(p.id, pairKey(k.slotId, k.sessionId)))) problems.push(`kept seat missing: ${p.id} in ${k.sessionId} (slot ${k.slotId})`)
    }
  }
  return problems
}

/**
 * First come, first served (the baseline, and what "first come" events do):
 * kept seats first, then in submission order each participant gets, in each
 * slot they attend without a kept seat, their best-ranked wish that they may
 * attend and that still has a seat.
 */
export function firstComeAllocation(input: AllocationInput): Placement[] {
  const sessions = sessionMap(input)
  const taken = new Map<string, number>()
  const placements: Placement[] = []
  const keptSlots = new Set<string>()
  const ordered = submissionOrder(input.participants)
  for (const p of ordered) {
    for (const k of p.kept ?? []) {
      if (!sessions.has(k.sessionId) || keptSlots.has(pairKey(p.id, k.slotId))) continue
      keptSlots.add(pairKey(p.id, k.slotId))
      taken.set(k.sessionId, (taken.get(k.sessionId) ?? 0) + 1)
      placements.push({ participantId: p.id, slotId: k.slotId, sessionId: k.sessionId, rank: rankOf(p, k.sessionId, k.slotId) })
    }
  }
  for (const p of ordered) {
    const done = new Set<string>()
    for (const w of eligibleWishes(sessions, p)) {
      if (done.has(w.slotId) || keptSlots.has(pairKey(p.id, w.slotId))) continue
      const capacity = sessions.get(w.sessionId)?.capacity ?? null
      const used = taken.get(w.sessionId) ?? 0
      if (capacity !== null && used >= capacity) continue
      taken.set(w.sessionId, used + 1)
      done.add(w.slotId)
      placements.push({ participantId: p.id, slotId: w.slotId, sessionId: w.sessionId, rank: w.rank })
    }
  }
  return placements
}

/**
 * The figures for an allocation. The shares are of the (participant, slot)
 * pairs with a wish in a slot the participant attends or a kept seat: got
 * their 1st, 2nd, 3rd choice, or nothing (a kept seat not wished is none of
 * these). municipalitiesWithoutTopTopic counts the municipalities with a top
 * topic (topTopics) that none of their participants got, in any slot.
 */
export function summarise(
  input: AllocationInput,
  placements: readonly Placement[],
): {
  participants: number
  firstChoiceShare: number
  secondChoiceShare: number
  thirdChoiceShare: number
  unplacedShare: number
  municipalitiesWithoutTopTopic: number
} {
  const got = new Map<string, Placement>()
  for (const pl of placements) got.set(pairKey(pl.participantId, pl.slotId), pl)
  let pairs = 0
  const counts = { 1: 0, 2: 0, 3: 0, none: 0 }
  for (const p of input.participants) {
    const slots = new Set<string>()
    for (const w of p.wishes) if (p.slotIds.includes(w.slotId)) slots.add(w.slotId)
    for (const k of p.kept ?? []) slots.add(k.slotId)
    for (const slotId of slots) {
      pairs += 1
      const pl = got.get(pairKey(p.id, slotId))
      if (!pl) counts.none += 1
      else if (pl.rank !== null) counts[pl.rank] += 1
    }
  }
  const municipalityOf = new Map(input.participants.map((p) => [p.id, p.municipalityId]))
  const placedIn = new Set(placements.map((pl) => pairKey(municipalityOf.get(pl.participantId) ?? '', pl.sessionId)))
  let without = 0
  for (const [municipalityId, sessionIds] of topTopics(input)) {
    if (sessionIds.some((s) => !placedIn.has(pairKey(municipalityId, s)))) without += 1
  }
  const share = (k: number) => (pairs === 0 ? 0 : k / pairs)
  return {
    participants: input.participants.length,
    firstChoiceShare: share(counts[1]),
    secondChoiceShare: share(counts[2]),
    thirdChoiceShare: share(counts[3]),
    unplacedShare: share(counts.none),
    municipalitiesWithoutTopTopic: without,
  }
}

/**
 * For each participant and each slot they wished in or have a seat in (by
 * participant id, then slot id): what they got, and each wish ranked higher
 * that they did not get, with why: 'slot' (they do not attend that slot, or
 * the session is not in it), 'role' (the session is for other roles), 'full'
 * (the session is at capacity in this allocation), else 'fairness' (the seat
 * went elsewhere to keep the municipalities fair). A kept seat passes over
 * nothing: it was placed by hand or kept from an earlier allocation.
 */
export function explain(input: AllocationInput, placements: readonly Placement[]): Explanation[] {
  const sessions = sessionMap(input)
  const got = new Map<string, Placement>()
  const seats = new Map<string, number>()
  const slotsOf = new Map<string, string[]>()
  for (const pl of placements) {
    got.set(pairKey(pl.participantId, pl.slotId), pl)
    seats.set(pl.sessionId, (seats.get(pl.sessionId) ?? 0) + 1)
    entry(slotsOf, pl.participantId, (): string[] => []).push(pl.slotId)
  }
  const explanations: Explanation[] = []
  for (const p of [...input.participants].sort((a, b) => byString(a.id, b.id))) {
    const wishes = bestWishes(p)
    const slots = new Set<string>(wishes.map((w) => w.slotId))
    for (const slotId of slotsOf.get(p.id) ?? []) slots.add(slotId)
    for (const slotId of [...slots].sort(byString)) {
      const pl = got.get(pairKey(p.id, slotId))
      const kept = pl !== undefined && (p.kept ?? []).some((k) => k.slotId === slotId && k.sessionId === pl.sessionId)
      const rank = pl ? rankOf(p, pl.sessionId, slotId) : null
      const passedOver: Explanation['passedOver'] = []
      if (!kept) {
        for (const w of wishes) {
          if (w.slotId !== slotId || (rank !== null && w.rank >= rank)) continue
          if (pl && w.sessionId === pl.sessionId) continue
          const capacity = sessions.get(w.sessionId)?.capacity ?? null
          const reason: Reason =
            obstacle(sessions, p, slotId, w.sessionId) ?? (capacity !== null && (seats.get(w.sessionId) ?? 0) >= capacity ? 'full' : 'fairness')
          passedOver.push({ sessionId: w.sessionId, rank: w.rank, reason })
        }
      }
      explanations.push({ participantId: p.id, slotId, got: rank, passedOver, sessionId: pl?.sessionId ?? null, ...(kept ? { kept: true } : {}) })
    }
  }
  return explanations
}
