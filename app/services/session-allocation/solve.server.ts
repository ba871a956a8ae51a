import highsLoader, { type Highs } from 'highs'
import {
  type AllocationInput,
  type AllocationModel,
  type AllocationResult,
  allocationObjective,
  buildAllocationModels,
  firstComeAllocation,
  type Placement,
  readSolution,
  startValues,
} from '~/domain/session-allocation'

/**
 * Solves the session allocation (app/domain/session-allocation.ts) with HiGHS,
 * the MIP solver compiled to WebAssembly in the `highs` package (decision 42).
 * The runtime is loaded once per process, on first use (about 50 ms). Each
 * slot is its own model, solved in turn within one time budget; a solve blocks
 * the event loop for its duration (well under a second for 2 000 participants,
 * see docs/performance.md), which an organiser's "Fordel plasser" can afford.
 */

const DEFAULT_TIME_LIMIT_SECONDS = 10
const DEFAULT_RELATIVE_GAP = 0.005
/** Every slot gets at least this long, even when the ones before it used up the budget. */
const MIN_SLOT_SECONDS = 0.05

let runtime: Promise<Highs> | null = null

/** The HiGHS runtime, loaded once; a failed load is tried again on the next call. */
export function loadHighs(): Promise<Highs> {
  if (!runtime) {
    runtime = highsLoader().catch((error: unknown) => {
      runtime = null
      throw error
    })
  }
  return runtime
}

interface SlotOutcome {
  status: AllocationResult['status']
  placements: Placement[]
  /** The solver's objective and proven bound (tie-break included), for the gap. */
  primal: number
  bound: number
}

function solveSlot(highs: Highs, model: AllocationModel, start: readonly Placement[], timeLimitSeconds: number, relativeGap: number): SlotOutcome {
  const numCols = model.columns.length
  const numRows = model.rows.length
  const starts = new Int32Array(numCols + 1)
  let nonzeros = 0
  for (const [j, c] of model.columns.entries()) {
    starts[j] = nonzeros
    nonzeros += c.rows.length
  }
  starts[numCols] = nonzeros
  const indices = new Int32Array(nonzeros)
  const values = new Float64Array(nonzeros)
  let k = 0
  for (const c of model.columns) {
    for (const [i, row] of c.rows.entries()) {
      indices[k] = row
      values[k] = c.coefs[i] ?? 0
      k += 1
    }
  }
  const inf = highs.infinity
  const bounded = (v: number) => (v === Number.POSITIVE_INFINITY ? inf : v === Number.NEGATIVE_INFINITY ? -inf : v)
  const { modelStatus } = highs.constants

  return highs.withModel((m): SlotOutcome => {
    m.options.set({
      output_flag: false,
      random_seed: 0,
      time_limit: timeLimitSeconds,
      mip_rel_gap: relativeGap,
      presolve: 'off',
    })
    m.passModel({
      numCols,
      numRows,
      sense: highs.constants.objectiveSense.maximize,
      colCost: Float64Array.from(model.columns, (c) => c.cost),
      colLower: Float64Array.from(model.columns, (c) => bounded(c.lower)),
      colUpper: Float64Array.from(model.columns, (c) => bounded(c.upper)),
      rowLower: Float64Array.from(model.rows, (r) => bounded(r.lower)),
      rowUpper: Float64Array.from(model.rows, (r) => bounded(r.upper)),
      matrix: { format: 'csc', numRows, numCols, starts, indices, values },
      integrality: Int32Array.from(model.columns, (c) => (c.integer ? 1 : 0)),
    })
    // The first-come allocation as a start: a feasible incumbent from the outset (unless kept seats break a rule).
    m.setSolution({ colValue: startValues(model, start) })
    const { modelStatus: status } = m.run()
    if (status === modelStatus.infeasible || status === modelStatus.unboundedOrInfeasible) {
      return { status: 'infeasible', placements: [], primal: 0, bound: 0 }
    }
    const solved = status === modelStatus.optimal
    const stopped =
      status === modelStatus.timeLimit || status === modelStatus.iterationLimit || status === modelStatus.interrupted || status === modelStatus.solutionLimit
    // primal_solution_status 2: a feasible solution is at hand.
    if ((!solved && !stopped) || Number(m.info.get('primal_solution_status')) !== 2) {
      return { status: stopped ? 'time_limit' : 'error', placements: [], primal: 0, bound: 0 }
    }
    const primal = m.getObjectiveValue()
    const dualBound = Number(m.info.get('mip_dual_bound'))
    const bound = Number.isFinite(dualBound) ? Math.max(dualBound, primal) : solved ? primal : Number.POSITIVE_INFINITY
    return { status: solved ? 'optimal' : 'time_limit', placements: readSolution(model, m.getSolution().colValue), primal, bound }
  })
}

/**
 * The optimal allocation (within relativeGap, default 0.5 %, and
 * timeLimitSeconds, default 10, for all slots together). `gap` is the proven
 * relative gap over all slots: (Σ bound − Σ objective) / max(1, Σ objective),
 * or 1 when a slot stopped before any bound was proven. The answer is the same
 * for the same input unless the time limit stops a slot (then it depends on
 * how far HiGHS got); with the time limit it is never worse than first come,
 * which is HiGHS's start.
 * An infeasible slot (only possible through kept seats: two in one slot, or
 * more than a capacity) makes the whole result infeasible with no placements;
 * so does an error, with its message.
 */
export async function solveAllocation(
  input: AllocationInput,
  options: { timeLimitSeconds?: number; relativeGap?: number } = {},
): Promise<AllocationResult & { message?: string }> {
  const timeLimit = options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS
  const relativeGap = options.relativeGap ?? DEFAULT_RELATIVE_GAP
  let highs: Highs
  try {
    highs = await loadHighs()
  } catch (error) {
    return { placements: [], objective: 0, gap: 0, status: 'error', solveMs: 0, message: String(error) }
  }
  const started = performance.now()
  const elapsedMs = () => Math.round(performance.now() - started)
  try {
    const outcomes: SlotOutcome[] = []
    const start = firstComeAllocation(input)
    for (const model of buildAllocationModels(input)) {
      const remaining = Math.max(MIN_SLOT_SECONDS, timeLimit - (performance.now() - started) / 1000)
      outcomes.push(solveSlot(highs, model, start, remaining, relativeGap))
    }
    const failed = outcomes.find((o) => o.status === 'infeasible') ?? outcomes.find((o) => o.status === 'error')
    if (failed) return { placements: [], objective: 0, gap: 0, status: failed.status, solveMs: elapsedMs() }
    const placements = outcomes.flatMap((o) => o.placements)
    const primal = outcomes.reduce((sum, o) => sum + o.primal, 0)
    const bound = outcomes.reduce((sum, o) => sum + o.bound, 0)
    const gap = Math.max(0, bound - primal) / Math.max(1, Math.abs(primal))
    return {
      placements,
      objective: allocationObjective(input, placements),
      gap: Number.isFinite(gap) ? gap : 1,
      status: outcomes.some((o) => o.status === 'time_limit') ? 'time_limit' : 'optimal',
      solveMs: elapsedMs(),
    }
  } catch (error) {
    return { placements: [], objective: 0, gap: 0, status: 'error', solveMs: elapsedMs(), message: error instanceof Error ? error.message : String(error) }
  }
}
