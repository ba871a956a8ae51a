import { formatTime, formatWeekday, osloDate } from './dates'
import type { LanguageForm } from './language'

/**
 * Name badges on A4 sheets (decision 48): where each badge and its cut marks
 * go, how its text is fitted, and the order of the badges. Pure: lengths are
 * PDF points (1/72 inch) with the origin at the page's top left and y going
 * down, as pdfkit draws; text widths come from a `measure` function the
 * renderer (app/services/badges.server.ts) passes in from the embedded font.
 */

const MM = 72 / 25.4

/** A4 portrait in points. */
export const A4 = { width: 595.28, height: 841.89 } as const

/** The size of one badge: 90 × 55 mm, a business card, which fits the common badge holders. */
export const BADGE = { width: 90 * MM, height: 55 * MM, columns: 2, rows: 4 } as const

/** Badges a sheet. */
export const BADGES_PER_SHEET = BADGE.columns * BADGE.rows

/** Space between two badges, where the cut marks go; the marks stand off the corner and are this long. */
const GAP = 8 * MM
const MARK_OFFSET = 1 * MM
const MARK_LENGTH = 3 * MM

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

export interface Line {
  x1: number
  y1: number
  x2: number
  y2: number
}

export interface SheetLayout {
  page: { width: number; height: number }
  /** The badges, row by row, left to right. */
  badges: Rect[]
  /** Short lines on the extension of each badge's edges, outside every badge, to cut along. */
  cutMarks: Line[]
}

/** The sheet: 2 columns × 4 rows of badges, centred on the page with a gap between them for the cut marks. */
export function sheetLayout(): SheetLayout {
  const gridWidth = BADGE.columns * BADGE.width + (BADGE.columns - 1) * GAP
  const gridHeight = BADGE.rows * BADGE.height + (BADGE.rows - 1) * GAP
  const left = (A4.width - gridWidth) / 2
  const top = (A4.height - gridHeight) / 2
  const badges: Rect[] = []
  for (let row = 0; row < BADGE.rows; row++) {
    for (let column = 0; column < BADGE.columns; column++) {
      badges.push({ x: left + column * (BADGE.width + GAP), y: top + row * (BADGE.height + GAP), width: BADGE.width, height: BADGE.height })
    }
  }
  return { page: { ...A4 }, badges, cutMarks: badges.flatMap(cornerMarks) }
}

/** Two marks at each corner: one going out sideways on the line of the top or bottom edge, one going out up or down on the line of the side. */
function cornerMarks(b: Rect): Line[] {
  const marks: Line[] = []
  for (const [x, sx] of [
    [b.x, -1],
    [b.x + b.width, 1],
  ] as const) {
    for (const [y, sy] of [
      [b.y, -1],
      [b.y + b.height, 1],
    ] as const) {
      marks.push({ x1: x + sx * MARK_OFFSET, y1: y, x2: x + sx * (MARK_OFFSET + MARK_LENGTH), y2: y })
      marks.push({ x1: x, y1: y + sy * MARK_OFFSET, x2: x, y2: y + sy * (MARK_OFFSET + MARK_LENGTH) })
    }
  }
  return marks
}

/** The sheets `count` badges fill (at least one page, which then says there is no one). */
export function sheetCount(count: number): number {
  return Math.max(1, Math.ceil(count / BADGES_PER_SHEET))
}

/** Where the parts of a badge go, inside its rectangle. */
export const BADGE_PARTS = {
  padding: 5 * MM,
  /** The check-in QR code's side, in the badge's bottom right corner. */
  qrSize: 17 * MM,
  /** Between the QR code and the text beside it. */
  qrGap: 2.5 * MM,
  name: { maxSize: 22, minSize: 11, lineGap: 1.1 },
  municipality: { size: 11 },
  title: { size: 9.5 },
  session: { size: 7.5, maxLines: 4 },
} as const

/**
 * A QR code as filled rectangles in `box`: each row's dark modules joined into
 * strips (fewer drawing operations than one square a module), with a quiet
 * zone of `quiet` modules around the code, as scanners need.
 */
export function qrStrips(modules: { size: number; data: ArrayLike<number> }, box: Rect, quiet = 2): Rect[] {
  const n = modules.size
  const unitX = box.width / (n + 2 * quiet)
  const unitY = box.height / (n + 2 * quiet)
  const strips: Rect[] = []
  for (let row = 0; row < n; row++) {
    let start = -1
    for (let col = 0; col <= n; col++) {
      const dark = col < n && modules.data[row * n + col] === 1
      if (dark && start < 0) start = col
      if (!dark && start >= 0) {
        strips.push({ x: box.x + (quiet + start) * unitX, y: box.y + (quiet + row) * unitY, width: (col - start) * unitX, height: unitY })
        start = -1
      }
    }
  }
  return strips
}

/** The width of `text` set in `size` points. */
export type Measure = (text: string, size: number) => number

export interface FittedName {
  size: number
  lines: string[]
}

/**
 * The name as large as it fits: on one line from the largest size down, else
 * on two lines split at the space that balances them best, else (a name too
 * long even for that) two lines at the smallest size, the second cut short
 * with an ellipsis. Two-line sizes stop a little higher than one-line sizes,
 * so a long name stays on one line unless it would get small.
 */
export function fitName(name: string, maxWidth: number, measure: Measure): FittedName {
  const text = name.trim().replace(/\s+/g, ' ')
  const { maxSize, minSize } = BADGE_PARTS.name
  const oneLineMin = Math.min(maxSize, minSize + 5)
  for (let size = maxSize; size >= oneLineMin; size -= 0.5) {
    if (measure(text, size) <= maxWidth) return { size, lines: [text] }
  }
  const split = bestSplit(text, (t) => measure(t, 1))
  if (split) {
    for (let size = Math.min(maxSize, oneLineMin + 2); size >= minSize; size -= 0.5) {
      if (split.every((line) => measure(line, size) <= maxWidth)) return { size, lines: split }
    }
  }
  for (let size = oneLineMin - 0.5; size >= minSize; size -= 0.5) {
    if (measure(text, size) <= maxWidth) return { size, lines: [text] }
  }
  const lines = split ?? [text]
  return { size: minSize, lines: lines.map((line) => truncate(line, maxWidth, (t) => measure(t, minSize))) }
}

/** The split into two lines at a space whose wider line is narrowest; null for a name of one word. */
function bestSplit(text: string, width: (text: string) => number): [string, string] | null {
  const words = text.split(' ')
  let best: [string, string] | null = null
  let bestWidth = Number.POSITIVE_INFINITY
  for (let i = 1; i < words.length; i++) {
    const lines: [string, string] = [words.slice(0, i).join(' '), words.slice(i).join(' ')]
    const wider = Math.max(width(lines[0]), width(lines[1]))
    if (wider < bestWidth) {
      best = lines
      bestWidth = wider
    }
  }
  return best
}

/** `text`, or as much of it as fits with an ellipsis. */
export function truncate(text: string, maxWidth: number, width: (text: string) => number): string {
  if (width(text) <= maxWidth) return text
  const chars = [...text]
  let low = 0
  let high = chars.length
  while (low < high) {
    const mid = Math.ceil((low + high) / 2)
    if (width(`${chars.slice(0, mid).join('').trimEnd()}…`) <= maxWidth) low = mid
    else high = mid - 1
  }
  return `${chars.slice(0, low).join('').trimEnd()}…`
}

/** A session as a badge names it: "tor 14.30 Topplederforum" (nynorsk "tys", "lau", "sun"), the weekday short and the start time in Oslo. */
export function sessionLine(session: { startsAt: Date; title: string }, languageForm: LanguageForm): string {
  const weekday = formatWeekday(osloDate(session.startsAt), languageForm).split(' ')[0] ?? ''
  return `${weekday.slice(0, 3)} ${formatTime(session.startsAt)} ${session.title}`
}

/** How the badges are ordered: by municipality (then surname), or by surname. */
export type BadgeSort = 'municipality' | 'surname'

const collator = new Intl.Collator('nb', { sensitivity: 'base' })

/** The surname as Norwegian lists take it: the last word of the name. */
export function surname(name: string): string {
  const words = name.trim().split(/\s+/)
  return words[words.length - 1] ?? ''
}

/**
 * Badges in the order asked for, with Norwegian collation (æ, ø, å after z;
 * "Aa" as "Å"): by municipality, then surname, then the whole name; or by
 * surname, then the whole name, then municipality. The id breaks any tie, so
 * the order is the same every time.
 */
export function sortBadges<T extends { participantId: string; name: string; municipality: string }>(badges: readonly T[], sort: BadgeSort): T[] {
  const keyed = badges.map((b) => ({ b, surname: surname(b.name) }))
  keyed.sort((x, y) => {
    const byMunicipality = collator.compare(x.b.municipality, y.b.municipality)
    const bySurname = collator.compare(x.surname, y.surname) || collator.compare(x.b.name, y.b.name)
    const order = sort === 'municipality' ? byMunicipality || bySurname : bySurname || byMunicipality
    return order || (x.b.participantId < y.b.participantId ? -1 : x.b.participantId > y.b.participantId ? 1 : 0)
  })
  return keyed.map((k) => k.b)
}

/** A file name for the download, in plain ASCII: "navneskilt-klimasamling-more-og-romsdal-2021.pdf" ("namneskilt-…" in nynorsk), or with the one person's name. */
export function badgeFilename(eventSlug: string, languageForm: LanguageForm, personName?: string): string {
  const part = (text: string) =>
    text
      .toLowerCase()
      .replaceAll('æ', 'ae')
      .replaceAll('ø', 'o')
      .replaceAll('å', 'a')
      .normalize('NFKD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
  const name = personName ? part(personName) : ''
  return `${languageForm === 'nn' ? 'namneskilt' : 'navneskilt'}-${part(eventSlug) || 'arrangement'}${name ? `-${name}` : ''}.pdf`
}
