import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'
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
 * HiGHS runs in one worker thread per process, started and loaded on first
 * use, so a solve (about half a second of CPU for 2 000 participants, see
 * docs/performance.md) does not hold up the process's other requests. Each
 * slot is its own model, sent to the worker in turn within one time budget;
 * the models are built and the answers read here.
 */

const DEFAULT_TIME_LIMIT_SECONDS = 10
const DEFAULT_RELATIVE_GAP = 0.005
/** Every slot gets at least this long, even when the ones before it used up the budget. */
const MIN_SLOT_SECONDS = 0.05

let runtime: Promise<Highs> | null = null

/** HiGHS in this thread, loaded once (for tests and tools that read a model's LP text); solveAllocation uses the worker. */
export function loadHighs(): Promise<Highs> {
  if (!runtime) {
    runtime = highsLoader().catch((error: unknown) => {
      runtime = null
      throw error
    })
  }
  return runtime
}

/** One slot's model as the worker gets it: HiGHS's column-wise arrays, maximised. */
interface SlotJob {
  id: number
  numCols: number
  numRows: number
  colCost: Float64Array
  colLower: Float64Array
  colUpper: Float64Array
  rowLower: Float64Array
  rowUpper: Float64Array
  starts: Int32Array
  indices: Int32Array
  values: Float64Array
  integrality: Int32Array
  /** The start's column values. */
  start: Float64Array
  timeLimit: number
  relativeGap: number
}

interface SlotAnswer {
  id: number
  status: AllocationResult['status']
  /** Column values of the best solution found; absent when there is none. */
  colValue?: Float64Array
  /** The solver's objective and proven bound (tie-break included), for the gap. */
  primal: number
  bound: number
  error?: string
  /** The worker thread's CPU time for the solve (Linux), else null. */
  cpuMs?: number | null
}

/**
 * The worker's code: plain JavaScript (CommonJS), so it runs the same under
 * tsx, vitest and the Remix server build, which cannot bundle a second entry.
 * It loads HiGHS from the path given, answers a job with the solve's outcome,
 * and a job of { id, ping: true } once HiGHS is loaded.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const { readFileSync } = require('node:fs')
const ready = require(workerData.highsPath)()
// This thread's CPU time in ms (Linux: utime + stime of /proc/thread-self/stat, in 1/100 s), or null.
function threadCpuMs() {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}
function solve(highs, job) {
  const S = highs.constants.modelStatus
  return highs.withModel((m) => {
    m.options.set({ output_flag: false, random_seed: 0, time_limit: job.timeLimit, mip_rel_gap: job.relativeGap, presolve: 'off' })
    m.passModel({
      numCols: job.numCols, numRows: job.numRows, sense: highs.constants.objectiveSense.maximize,
      colCost: job.colCost, colLower: job.colLower, colUpper: job.colUpper, rowLower: job.rowLower, rowUpper: job.rowUpper,
      matrix: { format: 'csc', numRows: job.numRows, numCols: job.numCols, starts: job.starts, indices: job.indices, values: job.values },
      integrality: job.integrality,
    })
    m.setSolution({ colValue: job.start })
    const status = m.run().modelStatus
    if (status === S.infeasible || status === S.unboundedOrInfeasible) return { id: job.id, status: 'infeasible', primal: 0, bound: 0 }
    const solved = status === S.optimal
    const stopped = status === S.timeLimit || status === S.iterationLimit || status === S.interrupted || status === S.solutionLimit
    // primal_solution_status 2: a feasible solution is at hand.
    if ((!solved && !stopped) || Number(m.info.get('primal_solution_status')) !== 2) {
      return { id: job.id, status: stopped ? 'time_limit' : 'error', primal: 0, bound: 0, error: 'HiGHS model status ' + status }
    }
    const primal = m.getObjectiveValue()
    const dualBound = Number(m.info.get('mip_dual_bound'))
    const bound = Number.isFinite(dualBound) ? Math.max(dualBound, primal) : solved ? primal : Infinity
    return { id: job.id, status: solved ? 'optimal' : 'time_limit', colValue: Float64Array.from(m.getSolution().colValue), primal, bound }
  })
}
parentPort.on('message', async (job) => {
  let answer
  try {
    const highs = await ready
    const cpuBefore = threadCpuMs()
    answer = job.ping ? { id: job.id, status: 'optimal', primal: 0, bound: 0 } : solve(highs, job)
    const cpuAfter = threadCpuMs()
    answer.cpuMs = cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore
  } catch (error) {
    answer = { id: job.id, status: 'error', primal: 0, bound: 0, error: String((error && error.message) || error) }
  }
  parentPort.postMessage(answer, answer.colValue ? [answer.colValue.buffer] : [])
})
`

let worker: Worker | null = null
let nextJob = 0
const waiting = new Map<number, { resolve: (answer: SlotAnswer) => void; reject: (error: Error) => void }>()

/** The worker, started on first use. It keeps the process alive only while it has a job. */
function highsWorker(): Worker {
  if (worker) return worker
  const started = new Worker(WORKER_SOURCE, { eval: true, workerData: { highsPath: createRequire(import.meta.url).resolve('highs') } })
  started.unref()
  const failAll = (error: Error) => {
    if (worker === started) worker = null
    for (const [id, job] of waiting) {
      waiting.delete(id)
      job.reject(error)
    }
  }
  started.on('message', (answer: SlotAnswer) => {
    const job = waiting.get(answer.id)
    waiting.delete(answer.id)
    if (waiting.size === 0) started.unref()
    job?.resolve(answer)
  })
  started.on('error', failAll)
  started.on('exit', (code) => failAll(new Error(`the HiGHS worker stopped (exit code ${code})`)))
  worker = started
  return started
}

function ask(job: Omit<SlotJob, 'id'> | { ping: true }): Promise<SlotAnswer> {
  const id = nextJob++
  const target = highsWorker()
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject })
    target.ref()
    target.postMessage({ ...job, id })
  })
}

/** Starts the worker and loads HiGHS in it, if not done yet. */
async function loadSolver(): Promise<void> {
  const answer = await ask({ ping: true })
  if (answer.status === 'error') throw new Error(answer.error ?? 'HiGHS did not load')
}

/**
 * A made-up event of 800 participants in one slot of five sessions, with
 * ranked wishes skewed towards the first sessions: big enough that solving it
 * takes V8 past its first, quick compilation of HiGHS's WebAssembly into the
 * optimised code of its hot functions.
 */
function warmUpEvent(): AllocationInput {
  const capacities = [120, 150, 180, 200, 300]
  const sessions = capacities.map((capacity, i) => ({ id: `s${i}`, slotId: 'slot', capacity, restrictedToRoles: [] }))
  let seed = 1
  const next = () => {
    seed = (seed * 48271) % 2147483647
    return seed / 2147483647
  }
  const participants = Array.from({ length: 800 }, (_, i) => {
    const ranked: string[] = []
    while (ranked.length < 3) {
      const pick = `s${Math.floor(next() ** 1.6 * capacities.length)}`
      if (!ranked.includes(pick)) ranked.push(pick)
    }
    const wishes = ranked.map((sessionId, r) => ({ slotId: 'slot', sessionId, rank: (r + 1) as 1 | 2 | 3 }))
    return { id: `p${i}`, municipalityId: `m${i % 60}`, roleCategory: 'radgiver', slotIds: ['slot'], wishes, order: i }
  })
  return { sessions, participants }
}

let warmedUp: Promise<void> | null = null

/**
 * Loads HiGHS and solves a made-up event once per process, in the
 * background: the first real solve in a process otherwise takes about three
 * times as long as the next (docs/performance.md, "Session allocation"). The
 * Fordeling page calls it when an organiser opens it, ahead of "Fordel
 * plasser". Never throws; a failure shows in the real solve.
 */
export function warmUpSolver(): Promise<void> {
  warmedUp ??= solveAllocation(warmUpEvent()).then(
    () => undefined,
    () => undefined,
  )
  return warmedUp
}

interface SlotOutcome {
  status: AllocationResult['status']
  placements: Placement[]
  primal: number
  bound: number
  cpuMs: number | null
}

async function solveSlot(model: AllocationModel, start: readonly Placement[], timeLimit: number, relativeGap: number): Promise<SlotOutcome> {
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
  // HiGHS's infinity is IEEE infinity, so the model's bounds go as they are.
  const answer = await ask({
    numCols,
    numRows,
    colCost: Float64Array.from(model.columns, (c) => c.cost),
    colLower: Float64Array.from(model.columns, (c) => c.lower),
    colUpper: Float64Array.from(model.columns, (c) => c.upper),
    rowLower: Float64Array.from(model.rows, (r) => r.lower),
    rowUpper: Float64Array.from(model.rows, (r) => r.upper),
    starts,
    indices,
    values,
    integrality: Int32Array.from(model.columns, (c) => (c.integer ? 1 : 0)),
    // The first-come allocation as a start: a feasible incumbent from the outset (unless kept seats break a rule).
    start: startValues(model, start),
    timeLimit,
    relativeGap,
  })
  if (answer.status === 'error') throw new Error(answer.error ?? 'HiGHS failed')
  return {
    status: answer.status,
    placements: answer.colValue ? readSolution(model, answer.colValue) : [],
    primal: answer.primal,
    bound: answer.bound,
    cpuMs: answer.cpuMs ?? null,
  }
}

/**
 * The optimal allocation (within relativeGap, default 0.5 %, and
 * timeLimitSeconds, default 10, for all slots together). `gap` is the proven
 * relative gap over all slots: (Σ bound − Σ objective) / max(1, Σ objective),
 * or 1 when a slot stopped before any bound was proven. The answer is the same
 * for the same input unless the time limit stops a slot (then it depends on
 * how far HiGHS got); with the time limit it is never worse than first come,
 * which is HiGHS's start.
 * solverCpuMs is the worker thread's CPU time for the solves (Linux only): the
 * wall time on an idle machine, less building the models here.
 * An infeasible slot (only possible through kept seats: two in one slot, or
 * more than a capacity) makes the whole result infeasible with no placements;
 * so does an error, with its message.
 */
export async function solveAllocation(
  input: AllocationInput,
  options: { timeLimitSeconds?: number; relativeGap?: number } = {},
): Promise<AllocationResult & { message?: string; solverCpuMs?: number }> {
  const timeLimit = options.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS
  const relativeGap = options.relativeGap ?? DEFAULT_RELATIVE_GAP
  try {
    await loadSolver()
  } catch (error) {
    return { placements: [], objective: 0, gap: 0, status: 'error', solveMs: 0, message: error instanceof Error ? error.message : String(error) }
  }
  const started = performance.now()
  const elapsedMs = () => Math.round(performance.now() - started)
  try {
    const outcomes: SlotOutcome[] = []
    const start = firstComeAllocation(input)
    for (const model of buildAllocationModels(input)) {
      const remaining = Math.max(MIN_SLOT_SECONDS, timeLimit - (performance.now() - started) / 1000)
      outcomes.push(await solveSlot(model, start, remaining, relativeGap))
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
      ...(outcomes.every((o) => o.cpuMs !== null) ? { solverCpuMs: outcomes.reduce((sum, o) => sum + (o.cpuMs ?? 0), 0) } : {}),
    }
  } catch (error) {
    return { placements: [], objective: 0, gap: 0, status: 'error', solveMs: elapsedMs(), message: error instanceof Error ? error.message : String(error) }
  }
}
