/**
 * World-café tables (decision 050): the tables suggested from the day-1
 * survey's results, and the assignment of participants to tables. Pure: the
 * service (app/services/cafe-tables.server.ts) reads the tables, the seats
 * kept and the answers, and writes what this returns.
 *
 * The assignment works in two steps:
 * 1. Topics: as many participants as possible get a topic they chose, a
 *    maximum matching of participants to topics with the topics' free seats
 *    as capacities (augmenting paths, Kuhn's algorithm with capacities).
 * 2. Tables: within each topic, the participants of the largest
 *    municipalities first, each to the table with the fewest of their own
 *    municipality, then the fewest people (balanced fill), then the table's
 *    order; then moves and swaps between the topic's tables while they lower
 *    the number of same-municipality pairs. Those with no answer, or whose
 *    topics are full, are spread the same way over the tables with free seats.
 *
 * Everything is ordered by id where nothing else decides, so the same input
 * gives the same seats.
 */

/** The most seats one table may have; a café table is small. */
export const MAX_SEATS_PER_TABLE = 50

/** One option of the survey question and how many chose it. */
export interface TopicCount {
  optionId: string
  topic: string
  answers: number
}

/** A table as the suggestion makes it. */
export interface SuggestedTable {
  optionId: string
  topic: string
  label: string
  seats: number
  sortOrder: number
}

/** The label of the `index`th (from 1) table of a topic. */
export function tableLabel(topic: string, index: number): string {
  return `${topic} – bord ${index}`
}

/**
 * The tables for the survey's results: per topic with answers, as many tables
 * of `seatsPerTable` as hold everyone who chose it (ceil(n / seats)), labelled
 * "Tema – bord 1", "Tema – bord 2" …, in the options' order.
 */
export function suggestTables(topics: readonly TopicCount[], seatsPerTable: number): SuggestedTable[] {
  if (!Number.isInteger(seatsPerTable) || seatsPerTable < 1) throw new RangeError('seatsPerTable must be a positive integer')
  const tables: SuggestedTable[] = []
  for (const t of topics) {
    const count = Math.ceil(t.answers / seatsPerTable)
    for (let i = 1; i <= count; i++)
      tables.push({ optionId: t.optionId, topic: t.topic, label: tableLabel(t.topic, i), seats: seatsPerTable, sortOrder: tables.length })
  }
  return tables
}

/** A table for the assignment: its topic (the survey option, null for a table made by hand), its seats and who sits there and stays. */
export interface AssignTable {
  id: string
  optionId: string | null
  seats: number
  /** The municipalities of those who keep their seat here (picked or moved by hand), one entry each. */
  kept: readonly number[]
}

/** A participant to seat: their municipality and the options they chose (in the survey question). */
export interface AssignPerson {
  id: string
  municipalityId: number
  choices: readonly string[]
}

export interface AssignmentReport {
  /** Participants given a seat. */
  placed: number
  /** Participants left without one: no seats were left. */
  unplaced: string[]
  /** Of those placed, how many at a topic they chose. */
  chosenTopic: number
  /** The most people of one municipality at one table, counting those who kept their seat. */
  maxSameMunicipality: number
}

export interface Assignment {
  seats: Array<{ participantId: string; tableId: string; chosenTopic: boolean }>
  report: AssignmentReport
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

/** Seats of one table while the assignment runs. */
interface TableState {
  id: string
  order: number
  optionId: string | null
  seats: number
  /** Everyone at the table: kept and placed. */
  count: number
  byMunicipality: Map<number, number>
  /** The people placed here by this run (only they may move). */
  placed: AssignPerson[]
}

const sameAt = (t: TableState, m: number) => t.byMunicipality.get(m) ?? 0

function seat(t: TableState, p: AssignPerson) {
  t.count++
  t.byMunicipality.set(p.municipalityId, sameAt(t, p.municipalityId) + 1)
  t.placed.push(p)
}

function unseat(t: TableState, p: AssignPerson) {
  t.count--
  t.byMunicipality.set(p.municipalityId, sameAt(t, p.municipalityId) - 1)
  t.placed.splice(t.placed.indexOf(p), 1)
}

/**
 * Step 1: the most participants at a topic they chose. People with fewer
 * choices first; each takes a free seat of a chosen topic, or one held by
 * someone who can move to another of their own topics (an augmenting path).
 */
function matchTopics(people: AssignPerson[], capacity: Map<string, number>): Map<string, string> {
  const topicOf = new Map<string, string>()
  const holders = new Map<string, string[]>()
  for (const t of capacity.keys()) holders.set(t, [])
  const personById = new Map(people.map((p) => [p.id, p]))
  const choicesOf = (p: AssignPerson) => [...new Set(p.choices)].filter((c) => capacity.has(c)).sort()
  const tryPlace = (p: AssignPerson, visited: Set<string>): boolean => {
    const choices = choicesOf(p)
    for (const t of choices) {
      // A topic on the path is the one whose seat is being freed: not free for the one moving out.
      if (visited.has(t)) continue
      const list = holders.get(t) as string[]
      if (list.length < (capacity.get(t) ?? 0)) {
        list.push(p.id)
        topicOf.set(p.id, t)
        return true
      }
    }
    for (const t of choices) {
      if (visited.has(t)) continue
      visited.add(t)
      const list = holders.get(t) as string[]
      for (const otherId of [...list]) {
        const other = personById.get(otherId) as AssignPerson
        list.splice(list.indexOf(otherId), 1)
        topicOf.delete(otherId)
        if (tryPlace(other, visited)) {
          list.push(p.id)
          topicOf.set(p.id, t)
          return true
        }
        list.push(otherId)
        topicOf.set(otherId, t)
      }
    }
    return false
  }
  const order = [...people].sort((a, b) => choicesOf(a).length - choicesOf(b).length || byId(a, b))
  for (const p of order) if (choicesOf(p).length > 0) tryPlace(p, new Set())
  return topicOf
}

/** The largest municipalities' people first, then by id: they need the most tables to spread over. */
function spreadOrder(people: AssignPerson[]): AssignPerson[] {
  const size = new Map<number, number>()
  for (const p of people) size.set(p.municipalityId, (size.get(p.municipalityId) ?? 0) + 1)
  return [...people].sort((a, b) => (size.get(b.municipalityId) ?? 0) - (size.get(a.municipalityId) ?? 0) || a.municipalityId - b.municipalityId || byId(a, b))
}

/** Each to the free table with the fewest of their municipality, then the fewest people, then the table's order. Returns those with no free table. */
function spread(people: AssignPerson[], tables: TableState[]): AssignPerson[] {
  const left: AssignPerson[] = []
  for (const p of spreadOrder(people)) {
    let best: TableState | null = null
    for (const t of tables) {
      if (t.count >= t.seats) continue
      if (
        !best ||
        sameAt(t, p.municipalityId) < sameAt(best, p.municipalityId) ||
        (sameAt(t, p.municipalityId) === sameAt(best, p.municipalityId) && (t.count < best.count || (t.count === best.count && t.order < best.order)))
      )
        best = t
    }
    if (best) seat(best, p)
    else left.push(p)
  }
  return left
}

/**
 * Moves and swaps of placed people between `tables` while each lowers the
 * number of same-municipality pairs; the pairs fall strictly, so it ends.
 */
function improve(tables: TableState[]) {
  let changed = true
  while (changed) {
    changed = false
    for (const a of tables) {
      for (const p of [...a.placed]) {
        const m = p.municipalityId
        for (const b of tables) {
          if (b === a) continue
          // A move: leaves sameAt(a) - 1 pairs, joins sameAt(b).
          if (b.count < b.seats && sameAt(b, m) < sameAt(a, m) - 1) {
            unseat(a, p)
            seat(b, p)
            changed = true
            break
          }
          let swapped = false
          for (const q of [...b.placed]) {
            const n = q.municipalityId
            if (n === m) continue
            const delta = sameAt(b, m) - (sameAt(a, m) - 1) + (sameAt(a, n) - (sameAt(b, n) - 1))
            if (delta < 0) {
              unseat(a, p)
              unseat(b, q)
              seat(b, p)
              seat(a, q)
              swapped = true
              break
            }
          }
          if (swapped) {
            changed = true
            break
          }
        }
      }
    }
  }
}

/**
 * Seats `people` at `tables` (see the module's comment). The tables' order
 * is the order given (the organiser's); their kept seats count as taken and
 * their people as present for the mixing.
 */
export function assignCafeTables(tables: readonly AssignTable[], people: readonly AssignPerson[]): Assignment {
  const states: TableState[] = tables.map((t, order) => {
    const byMunicipality = new Map<number, number>()
    for (const m of t.kept) byMunicipality.set(m, (byMunicipality.get(m) ?? 0) + 1)
    return { id: t.id, order, optionId: t.optionId, seats: t.seats, count: t.kept.length, byMunicipality, placed: [] }
  })
  const capacity = new Map<string, number>()
  for (const t of states) if (t.optionId !== null) capacity.set(t.optionId, (capacity.get(t.optionId) ?? 0) + Math.max(0, t.seats - t.count))
  const unique = [...new Map(people.map((p) => [p.id, p])).values()].sort(byId)
  const topicOf = matchTopics(unique, capacity)

  const chosen = new Set<string>()
  for (const optionId of [...capacity.keys()].sort()) {
    const ofTopic = states.filter((t) => t.optionId === optionId)
    const members = unique.filter((p) => topicOf.get(p.id) === optionId)
    // The matching never gives a topic more people than its free seats.
    spread(members, ofTopic)
    improve(ofTopic)
    for (const p of members) chosen.add(p.id)
  }
  const rest = unique.filter((p) => !topicOf.has(p.id))
  const before = new Set(states.flatMap((t) => t.placed.map((p) => p.id)))
  const unplaced = spread(rest, states)
  // Those without a chosen topic may still be moved among themselves, across all tables, for the mixing.
  improveRest(states, before)

  const seats = states.flatMap((t) => t.placed.map((p) => ({ participantId: p.id, tableId: t.id, chosenTopic: chosen.has(p.id) })))
  seats.sort((a, b) => (a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0))
  let maxSameMunicipality = 0
  for (const t of states) for (const c of t.byMunicipality.values()) maxSameMunicipality = Math.max(maxSameMunicipality, c)
  return {
    seats,
    report: {
      placed: seats.length,
      unplaced: unplaced.map((p) => p.id).sort(),
      chosenTopic: seats.filter((s) => s.chosenTopic).length,
      maxSameMunicipality,
    },
  }
}

/** `improve` over all tables, moving only those placed without a chosen topic (`fixed` holds the others). */
function improveRest(tables: TableState[], fixed: Set<string>) {
  const views = tables
  // Temporarily hide the fixed people from `placed`, so `improve` moves only the rest; the counts stay whole.
  const hidden = new Map<TableState, AssignPerson[]>()
  for (const t of views) {
    hidden.set(
      t,
      t.placed.filter((p) => fixed.has(p.id)),
    )
    t.placed = t.placed.filter((p) => !fixed.has(p.id))
  }
  improve(views)
  for (const t of views) t.placed = [...(hidden.get(t) ?? []), ...t.placed]
}

/** The number of pairs of people of the same municipality at the same table: what the mixing lowers. */
export function sameMunicipalityPairs(tables: ReadonlyArray<readonly number[]>): number {
  let pairs = 0
  for (const members of tables) {
    const count = new Map<number, number>()
    for (const m of members) count.set(m, (count.get(m) ?? 0) + 1)
    for (const c of count.values()) pairs += (c * (c - 1)) / 2
  }
  return pairs
}
