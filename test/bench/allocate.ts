/**
 * npm run bench:allocate
 *
 * Allocates parallel-session seats by wishes for a made-up county-sized event
 * (decision 42): 2 000 participants (BENCH_PARTICIPANTS) from 357
 * municipalities of 1–15 participants each, three slots of five sessions with
 * uneven capacities (one slot has a leaders-only session, like
 * Topplederforum), and up to three ranked wishes per slot attended, skewed
 * towards popular topics and towards each municipality's own favourites. The
 * same seed (BENCH_SEED, default 1) gives the same event. Solves it with HiGHS
 * (solveAllocation), runs the first-come baseline on it, and checks both with
 * violations(), which knows nothing of the solver. Prints one JSON line:
 * solve_ms is the wall time of solveAllocation after warmUpSolver(), as an
 * organiser meets it: the Fordeling page warms the solver when it is opened
 * (warm_up_ms: loading HiGHS in its worker and solving a made-up event once
 * per process, in the background while the page is read), solver_thread_cpu_ms that worker thread's CPU time for the solves
 * (HiGHS itself), main_thread_cpu_ms the main thread's (building the models and
 * reading the answers: how long the event loop is held), cpu_ms the whole
 * process's (V8 compiling the WebAssembly on other threads too); all Linux. On
 * an idle machine solve_ms is about the first two added; a busy machine shows
 * as solve_ms well above them. The second_ figures are a second solve of the
 * same event in the same process (warm), and
 * same_again says whether it gave the same placements.
 */
import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import {
  type AllocationInput,
  type AllocationParticipant,
  type AllocationSession,
  allocationObjective,
  firstComeAllocation,
  summarise,
  violations,
  type WishRank,
} from '../../app/domain/session-allocation'
import { solveAllocation, warmUpSolver } from '../../app/services/session-allocation/solve.server'

/** A small seeded PRNG (mulberry32): the same seed, the same event. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** One index drawn with the given weights. */
function pick(random: () => number, weights: readonly number[]): number {
  const total = weights.reduce((a, b) => a + b, 0)
  let r = random() * total
  for (const [i, w] of weights.entries()) {
    r -= w
    if (r < 0) return i
  }
  return weights.length - 1
}

const LEADERS = ['ordforer', 'kommunedirektor']
const OTHERS = ['kommunalsjef', 'fagansvarlig', 'radgiver', 'politiker', 'annet']

/**
 * The bench's event. Slots s1 and s2 are on day 2, s3 on day 1; about 90 % of
 * the participants come on each day. Per slot, the five sessions' popularity
 * falls off (35/25/18/13/9 %) and their capacities do not follow it, so the
 * favourites are short of seats while the slot as a whole has some to spare;
 * in s3 the smallest session is for leaders only.
 */
export function benchInput(options: { participants?: number; municipalities?: number; seed?: number } = {}): AllocationInput {
  const participantCount = options.participants ?? 2000
  // Each municipality has at least one participant.
  const municipalityCount = Math.min(options.municipalities ?? 357, participantCount)
  const random = prng(options.seed ?? 1)
  const scale = participantCount / 2000
  const slots = [
    { id: 's1', capacities: [320, 380, 520, 300, 400], restricted: -1 },
    { id: 's2', capacities: [400, 300, 450, 350, 420], restricted: -1 },
    { id: 's3', capacities: [350, 520, 480, 420, 140], restricted: 4 },
  ]
  const popularity = [35, 25, 18, 13, 9]
  const sessions: AllocationSession[] = slots.flatMap((slot) =>
    slot.capacities.map((capacity, i) => ({
      id: `${slot.id}-${String.fromCharCode(97 + i)}`,
      slotId: slot.id,
      capacity: Math.max(1, Math.round(capacity * scale)),
      restrictedToRoles: i === slot.restricted ? LEADERS : [],
    })),
  )

  // Municipalities of 1–15 participants, most of them small, adding up to the total.
  const sizes = Array.from({ length: municipalityCount }, () => 1 + Math.floor(14 * random() ** 2.2))
  let sum = sizes.reduce((a, b) => a + b, 0)
  while (sum !== participantCount) {
    const i = Math.floor(random() * municipalityCount)
    const size = sizes[i] ?? 1
    if (sum < participantCount && size < 15) {
      sizes[i] = size + 1
      sum += 1
    } else if (sum > participantCount && size > 1) {
      sizes[i] = size - 1
      sum -= 1
    }
  }

  const participants: AllocationParticipant[] = []
  for (const [m, size] of sizes.entries()) {
    const municipalityId = `m${String(m + 1).padStart(3, '0')}`
    // Each municipality leans towards its own favourite session in each slot.
    const favourites = slots.map(() => pick(random, popularity))
    for (let k = 0; k < size; k++) {
      const roleCategory =
        k === 0 && random() < 0.6 ? (LEADERS[Math.floor(random() * 2)] ?? 'ordforer') : (OTHERS[Math.floor(random() * OTHERS.length)] ?? 'annet')
      const day1 = random() < 0.9
      const day2 = random() < 0.9 || !day1
      const slotIds = [...(day2 ? ['s1', 's2'] : []), ...(day1 ? ['s3'] : [])]
      const wishes: AllocationParticipant['wishes'] = []
      for (const [t, slot] of slots.entries()) {
        if (!slotIds.includes(slot.id)) continue
        const count = random() < 0.1 ? 1 + Math.floor(random() * 2) : 3
        const weights = popularity.map((w, i) => (i === favourites[t] ? w * 3 : w) * (i === slot.restricted && !LEADERS.includes(roleCategory) ? 0.02 : 1))
        for (let rank = 1; rank <= count; rank++) {
          const i = pick(random, weights)
          weights[i] = 0
          wishes.push({ slotId: slot.id, sessionId: `${slot.id}-${String.fromCharCode(97 + i)}`, rank: rank as WishRank })
        }
      }
      participants.push({ id: `p${String(participants.length + 1).padStart(4, '0')}`, municipalityId, roleCategory, slotIds, wishes })
    }
  }
  // Submission order: a shuffle.
  const order = participants.map((_, i) => i)
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    ;[order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0]
  }
  for (const [i, p] of participants.entries()) p.order = order[i] ?? i
  return { sessions, participants }
}

/** CPU time of this process's main thread in ms (Linux: /proc), or null. */
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8')
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10
  } catch {
    return null
  }
}

async function main() {
  const input = benchInput({ participants: Number(process.env.BENCH_PARTICIPANTS ?? 2000), seed: Number(process.env.BENCH_SEED ?? 1) })
  // As the Fordeling page does when opened; solve_ms starts after that.
  const warmUpStarted = performance.now()
  await warmUpSolver()
  const warmUpMs = Math.round(performance.now() - warmUpStarted)
  const started = process.cpuUsage()
  const mainStarted = mainThreadCpuMs()
  const result = await solveAllocation(input, { timeLimitSeconds: Number(process.env.BENCH_TIME_LIMIT ?? 10) })
  const cpu = process.cpuUsage(started)
  const mainEnded = mainThreadCpuMs()
  // The same again in this process, with V8's compiled WebAssembly warm: what a long-running app process pays.
  const again = await solveAllocation(input, { timeLimitSeconds: Number(process.env.BENCH_TIME_LIMIT ?? 10) })
  const mainAgain = mainThreadCpuMs()
  const fcfs = firstComeAllocation(input)
  const solved = summarise(input, result.placements)
  const baseline = summarise(input, fcfs)
  const round = (n: number) => Math.round(n * 10_000) / 10_000
  console.log(
    JSON.stringify({
      participants: solved.participants,
      status: result.status,
      solve_ms: result.solveMs,
      warm_up_ms: warmUpMs,
      cpu_ms: Math.round((cpu.user + cpu.system) / 1000),
      solver_thread_cpu_ms: result.solverCpuMs ?? null,
      main_thread_cpu_ms: mainStarted === null || mainEnded === null ? null : mainEnded - mainStarted,
      second_solve_ms: again.solveMs,
      second_solver_thread_cpu_ms: again.solverCpuMs ?? null,
      second_main_thread_cpu_ms: mainEnded === null || mainAgain === null ? null : mainAgain - mainEnded,
      same_again: JSON.stringify(again.placements) === JSON.stringify(result.placements),
      objective: result.objective,
      gap: round(result.gap),
      first_choice_share: round(solved.firstChoiceShare),
      second_choice_share: round(solved.secondChoiceShare),
      third_choice_share: round(solved.thirdChoiceShare),
      unplaced_share: round(solved.unplacedShare),
      municipalities_without_top_topic: solved.municipalitiesWithoutTopTopic,
      fcfs_objective: allocationObjective(input, fcfs),
      fcfs_first_choice_share: round(baseline.firstChoiceShare),
      fcfs_unplaced_share: round(baseline.unplacedShare),
      fcfs_municipalities_without_top_topic: baseline.municipalitiesWithoutTopTopic,
      violations: violations(input, result.placements).length,
      fcfs_violations: violations(input, fcfs).length,
    }),
  )
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main()
