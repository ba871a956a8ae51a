/**
 * The check-in desk's rules (decision 046), pure so the server and the desk's
 * browser apply the same ones: how operations made on the desks' devices
 * (perhaps offline, perhaps twice) merge into who has arrived, how arrivals
 * are counted per day and municipality, and how the desk's search matches.
 */

/** One change made on a desk's device: a participant marked arrived on a day, or the mark undone. */
export interface CheckInOperation {
  /** Made by the device (`crypto.randomUUID()`); the same id sent again is applied once. */
  id: string
  participantId: string
  dayId: string
  arrived: boolean
  /** The device's clock when the desk pressed the button. */
  madeAt: Date
}

/** Whether a participant has arrived on a day, and the device time of the operation that says so. */
export interface CheckInState {
  arrived: boolean
  changedAt: Date
}

/** The key of a participant's state on a day. */
export function checkInKey(participantId: string, dayId: string): string {
  return `${participantId}/${dayId}`
}

/**
 * Whether an operation replaces the stored state: the latest by device time
 * wins, so an operation older than the state changes nothing. At the same
 * instant "arrived" wins over "not arrived", so the outcome never depends on
 * which of two operations came first (the SQL upsert in
 * app/services/check-in.server.ts asks the same).
 */
export function supersedes(op: Pick<CheckInOperation, 'arrived' | 'madeAt'>, current: CheckInState | undefined): boolean {
  if (!current) return true
  const a = op.madeAt.getTime()
  const b = current.changedAt.getTime()
  return a > b || (a === b && op.arrived && !current.arrived)
}

/**
 * The states after `ops`, in any order and with any repeats: each operation
 * id counts once, and per participant and day the latest operation wins.
 * Returns a new map; `states` is not changed.
 */
export function mergeOperations(states: ReadonlyMap<string, CheckInState>, ops: Iterable<CheckInOperation>): Map<string, CheckInState> {
  const next = new Map(states)
  const seen = new Set<string>()
  for (const op of ops) {
    if (seen.has(op.id)) continue
    seen.add(op.id)
    const key = checkInKey(op.participantId, op.dayId)
    if (supersedes(op, next.get(key))) next.set(key, { arrived: op.arrived, changedAt: op.madeAt })
  }
  return next
}

/** A participant as the desk counts them: their municipality and the days they attend. */
export interface DeskParticipant {
  id: string
  municipality: string
  dayIds: readonly string[]
}

export interface DayCount {
  arrived: number
  expected: number
}

export interface DayCounts extends DayCount {
  /** Per municipality, by name in Norwegian order; only municipalities with someone expected that day. */
  municipalities: Array<DayCount & { name: string }>
}

/**
 * Arrived and expected on a day, in all and per municipality: expected are
 * the participants who attend the day; arrived those of them marked arrived.
 */
export function countDay(participants: readonly DeskParticipant[], arrived: (participantId: string) => boolean, dayId: string): DayCounts {
  const byMunicipality = new Map<string, DayCount>()
  let total = 0
  let came = 0
  for (const p of participants) {
    if (!p.dayIds.includes(dayId)) continue
    const count = byMunicipality.get(p.municipality) ?? { arrived: 0, expected: 0 }
    count.expected++
    total++
    if (arrived(p.id)) {
      count.arrived++
      came++
    }
    byMunicipality.set(p.municipality, count)
  }
  const municipalities = [...byMunicipality].map(([name, c]) => ({ name, ...c })).sort((a, b) => a.name.localeCompare(b.name, 'nb'))
  return { arrived: came, expected: total, municipalities }
}

/**
 * Text as the desk's search compares it: lower case, accents and the ring of
 * å dropped (so "ale" finds "Ålesund"), æ as "ae" and ø as "o", and runs of
 * spaces and hyphens as one space.
 */
export function normaliseSearch(text: string): string {
  return text
    .toLocaleLowerCase('nb')
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'o')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[\s-]+/g, ' ')
    .trim()
}

/** Whether every word of `query` is found in the participant's name, title or municipality; an empty query matches all. */
export function matchesSearch(participant: { name: string; municipality: string; title?: string }, query: string): boolean {
  const words = normaliseSearch(query).split(' ').filter(Boolean)
  if (words.length === 0) return true
  const haystack = normaliseSearch(`${participant.name} ${participant.municipality} ${participant.title ?? ''}`)
  return words.every((w) => haystack.includes(w))
}

/** A state as the sync route sends it (app/routes/arrangor.$eventId.innsjekking.synk.ts): times as ISO text. */
export interface WireState {
  participantId: string
  dayId: string
  arrived: boolean
  changedAt: string
}

/** What became of a code a desk sent. */
export type SyncCodeResult =
  | { id: string; status: 'applied' | 'duplicate'; participant: { id: string; name: string; municipality: string } }
  | { id: string; status: 'rejected'; message: string }

/** The sync route's answer to a desk's queue. */
export interface SyncAnswer {
  results: Array<{ id: string; status: 'applied' | 'duplicate' } | { id: string; status: 'rejected'; message: string }>
  codes: SyncCodeResult[]
  states: WireState[]
}

/** The sync route's answer to "what changed since": the states, and the cursor to ask with next. */
export interface ChangesAnswer {
  states: WireState[]
  cursor: string
}
