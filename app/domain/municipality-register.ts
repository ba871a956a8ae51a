import { texts } from './language'

/**
 * Pure rules of the municipality register (decision 28): which version of a
 * municipality is valid on a day, who took over from one that ended, what a
 * copy of an event invites instead, and which municipality names in an
 * event's free text no longer fit the event's date. Dates are 'YYYY-MM-DD'.
 */

export interface RegisterVersion {
  id: number
  number: string
  name: string
  countyNumber: string
  validFrom: string
  validTo: string | null
}

export interface SuccessorEdge {
  predecessorId: number
  successorId: number
}

export function isValidOn(version: Pick<RegisterVersion, 'validFrom' | 'validTo'>, date: string): boolean {
  return version.validFrom <= date && (version.validTo === null || version.validTo >= date)
}

/**
 * The versions valid on `date` that took over from version `id`, following
 * successors through several reforms; `[id]` itself while it is still valid,
 * and none when nothing took over by then.
 */
export function successorsOn(id: number, versions: ReadonlyMap<number, RegisterVersion>, edges: readonly SuccessorEdge[], date: string): number[] {
  const found = new Set<number>()
  const seen = new Set<number>()
  const queue = [id]
  while (queue.length > 0) {
    const current = queue.shift() as number
    if (seen.has(current)) continue
    seen.add(current)
    const version = versions.get(current)
    if (version && isValidOn(version, date)) {
      found.add(current)
      continue
    }
    // Only forward in time: a version that has not begun yet has no successors to follow.
    if (version && version.validFrom > date) continue
    for (const edge of edges) if (edge.predecessorId === current) queue.push(edge.successorId)
  }
  return [...found].sort((a, b) => a - b)
}

export interface MunicipalityChange {
  predecessorId: number
  /** Empty when nothing took over by the copy's first day. */
  successorIds: number[]
}

/**
 * What a copy of an event starting on `date` invites: the county's
 * municipalities valid then, plus whoever took over from each municipality
 * the source invited (so an extra invitee from outside the county stays
 * invited, as its successor). `changes` lists the source's invitees that had
 * ended by then, with who took over.
 */
export function planCopiedInvitations(input: {
  sourceInvitedIds: readonly number[]
  countyNumber: string
  date: string
  versions: readonly RegisterVersion[]
  edges: readonly SuccessorEdge[]
}): { inviteIds: number[]; changes: MunicipalityChange[] } {
  const byId = new Map(input.versions.map((v) => [v.id, v]))
  const invite = new Set(input.versions.filter((v) => v.countyNumber === input.countyNumber && isValidOn(v, input.date)).map((v) => v.id))
  const changes: MunicipalityChange[] = []
  for (const id of input.sourceInvitedIds) {
    const successorIds = successorsOn(id, byId, input.edges, input.date)
    for (const s of successorIds) invite.add(s)
    if (!(successorIds.length === 1 && successorIds[0] === id)) changes.push({ predecessorId: id, successorIds })
  }
  const number = (id: number) => byId.get(id)?.number ?? ''
  changes.sort((a, b) => number(a.predecessorId).localeCompare(number(b.predecessorId)))
  return { inviteIds: [...invite].sort((a, b) => a - b), changes }
}

/** "1507 Ålesund → 1508 Ålesund, 1580 Haram"; "… → ingen" when nothing took over. */
export function describeChange(
  predecessor: Pick<RegisterVersion, 'number' | 'name'>,
  successors: ReadonlyArray<Pick<RegisterVersion, 'number' | 'name'>>,
): string {
  const to = successors.length > 0 ? successors.map((s) => `${s.number} ${s.name}`).join(', ') : 'ingen'
  return `${predecessor.number} ${predecessor.name} → ${to}`
}

export interface TextField {
  /** Where the text is, as the organiser knows it: "Målgruppe", "Programpunkt «Velkommen»". */
  label: string
  text: string
}

export interface OutdatedName {
  label: string
  /** The word as it stands in the text. */
  word: string
  reason: 'ended' | 'moved'
  /** The municipality the word names, as it was: "1571 Halsa". */
  was: string
  /** Who took over ("5055 Heim"), or the county it moved to ("Trøndelag"). */
  now: string
}

/**
 * Names that are also ordinary words, so they count only where a name can
 * stand: not as a sentence's first word, where any word is capitalised.
 */
const COMMON_WORDS = new Set([
  'Fjord',
  'Sande',
  'Sula',
  'Leka',
  'Grong',
  'Frosta',
  'Nes',
  'Os',
  'Vik',
  'Bø',
  'Hol',
  'Ås',
  'Moss',
  'Lund',
  'Hole',
  'Gran',
  'Lom',
  'Vang',
  'Ski',
  'Re',
  'Sel',
  'Hå',
  'Time',
  'Bo',
  'Vega',
  'Flå',
  'Fræna',
  'Sund',
  'Sola',
])

/** The parts of a name that stand alone in text: "Snåsa - Snåase" is written "Snåsa" or "Snåase". */
function nameParts(name: string): string[] {
  return name
    .split(/\s+[-–]\s+/)
    .map((p) => p.trim())
    .filter((p) => p.length > 1)
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

function atSentenceStart(text: string, index: number): boolean {
  const before = text.slice(0, index).trimEnd()
  return before === '' || /[.!?:…«"(\n]$/.test(before)
}

/** Where `word` stands as a name in `text` (whole word, as capitalised, optionally genitive -s). */
function findName(text: string, word: string): string | null {
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(word)}s?(?![\\p{L}\\p{N}])`, 'gu')
  for (const match of text.matchAll(pattern)) {
    if (COMMON_WORDS.has(word) && atSentenceStart(text, match.index ?? 0)) continue
    return match[0]
  }
  return null
}

/**
 * Municipality names in an event's free text that no longer fit its date:
 * a municipality that had ended by `date` and whose name no municipality
 * valid then carries ("Halsa" in 2027, now Heim), and, among the
 * municipalities a copy replaced (`replacedIds`), one that kept its name but
 * moved county ("Rindal", now in Trøndelag). A name still in use (Trondheim,
 * Hitra) is never flagged as ended, and a move is flagged only where the
 * source event invited the old municipality, so its text likely describes it.
 */
export function findOutdatedNames(
  fields: readonly TextField[],
  input: {
    date: string
    versions: readonly RegisterVersion[]
    edges: readonly SuccessorEdge[]
    replacedIds: readonly number[]
    countyName: (countyNumber: string) => string
  },
): OutdatedName[] {
  const byId = new Map(input.versions.map((v) => [v.id, v]))
  const currentParts = new Set(input.versions.filter((v) => isValidOn(v, input.date)).flatMap((v) => nameParts(v.name)))
  const replaced = new Set(input.replacedIds)
  const candidates = new Map<string, Omit<OutdatedName, 'label' | 'word'>>()
  // The copy's own replacements first, so their wording wins over an older namesake's.
  const ended = input.versions
    .filter((v) => v.validTo !== null && v.validTo < input.date)
    .sort((a, b) => Number(replaced.has(b.id)) - Number(replaced.has(a.id)))
  for (const v of ended) {
    const successors = successorsOn(v.id, byId, input.edges, input.date).flatMap((id) => byId.get(id) ?? [])
    for (const part of nameParts(v.name)) {
      if (candidates.has(part)) continue
      const was = `${v.number} ${v.name}`
      const namesake = successors.find((s) => nameParts(s.name).includes(part))
      if (namesake && namesake.countyNumber !== v.countyNumber && replaced.has(v.id)) {
        candidates.set(part, { reason: 'moved', was, now: input.countyName(namesake.countyNumber) })
      } else if (!currentParts.has(part)) {
        candidates.set(part, { reason: 'ended', was, now: successors.map((s) => `${s.number} ${s.name}`).join(', ') || 'ingen' })
      }
    }
  }
  const flags: OutdatedName[] = []
  for (const field of fields) {
    for (const [part, candidate] of candidates) {
      const word = findName(field.text, part)
      if (word) flags.push({ label: field.label, word, ...candidate })
    }
  }
  return flags
}

export const LANGUAGE_CHOICES = ['nb', 'nn', 'neutral'] as const

/** The language choices by name, in the reader's written form: `languageChoiceLabels[languageForm][choice]`. */
export const languageChoiceLabels = texts({
  nb: { nb: 'Bokmål', nn: 'Nynorsk', neutral: 'Språknøytral (vi skriver på bokmål)' } as Record<(typeof LANGUAGE_CHOICES)[number], string>,
  nn: { nb: 'Bokmål', nn: 'Nynorsk', neutral: 'Språknøytral (vi skriv på bokmål)' },
})
