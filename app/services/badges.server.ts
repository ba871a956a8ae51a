import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Kysely } from 'kysely'
import PDFDocument from 'pdfkit'
import QRCode from 'qrcode'
import type { Database } from '../../db/schema'
import {
  BADGE_PARTS,
  BADGES_PER_SHEET,
  type BadgeSort,
  badgeFilename,
  fitName,
  qrStrips,
  type Rect,
  sessionLine,
  sheetLayout,
  sortBadges,
  truncate,
} from '~/domain/badges'
import { formatDateRange } from '~/domain/dates'
import { type LanguageForm, texts } from '~/domain/language'
import { containsPattern } from '~/domain/list-queries'
import { can } from '~/domain/permissions'
import { type EventGrant, findEventFor } from './access.server'
import { writeAudit } from './audit.server'
import { participantCode } from './participant-codes.server'
import type { Actor } from './users.server'

/**
 * Name badges as a PDF of A4 sheets (decision 48): the data from the
 * database, then the drawing with pdfkit. Organisers only (the policy's
 * 'event.manage'); active participants only.
 */

export interface BadgeContent {
  participantId: string
  name: string
  title: string
  municipality: string
  /** The parallel sessions the participant holds, as `sessionLine` writes them, in program order. */
  sessions: string[]
  /** The participant's check-in code (app/services/participant-codes.server.ts), drawn as a QR code the desk scans. */
  checkInCode: string
}

export interface BadgeData {
  event: { id: string; slug: string; title: string; dates: string }
  sort: BadgeSort
  /** The written form of the PDF's own words (its title, weekdays, an empty sheet's line). */
  languageForm: LanguageForm
  badges: BadgeContent[]
}

/** Who is a badge's participant: the event's organisers ask with a grant from `findEventFor(…, 'event.manage')`. */
type BadgeGrant = EventGrant<{ id: string; slug: string; title: string; starts_at: Date; ends_at: Date }>

/**
 * The badges of the event's active participants in the order asked for, or
 * of the one participant `participantId`. Null when the grant's role may not
 * manage the event, or the participant is not an active participant of this
 * event (a 404).
 */
export async function badgeData(
  db: Kysely<Database>,
  grant: BadgeGrant,
  options: { sort: BadgeSort; participantId?: string | null; languageForm: LanguageForm },
): Promise<BadgeData | null> {
  if (!can(grant.role, 'event.manage')) return null
  const { event } = grant
  let query = db
    .selectFrom('participant')
    .innerJoin('registration', 'registration.id', 'participant.registration_id')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .select(['participant.id', 'participant.name', 'participant.title', 'municipality.name as municipality'])
    .where('registration.event_id', '=', event.id)
    .where('participant.status', '=', 'active')
  if (options.participantId) query = query.where('participant.id', '=', options.participantId)
  const people = await query.execute()
  if (options.participantId && people.length === 0) return null
  const sessions = people.length
    ? await db
        .selectFrom('session_choice')
        .innerJoin('program_item', 'program_item.id', 'session_choice.program_item_id')
        .select(['session_choice.participant_id', 'program_item.title', 'program_item.starts_at'])
        .where('program_item.event_id', '=', event.id)
        .where('program_item.kind', '=', 'parallel')
        .$if(Boolean(options.participantId), (q) => q.where('session_choice.participant_id', '=', options.participantId as string))
        .orderBy('program_item.starts_at')
        .orderBy('program_item.sort_order')
        .execute()
    : []
  const byParticipant = new Map<string, string[]>()
  for (const s of sessions) {
    const list = byParticipant.get(s.participant_id) ?? []
    list.push(sessionLine({ startsAt: s.starts_at, title: s.title }, options.languageForm))
    byParticipant.set(s.participant_id, list)
  }
  const badges = await Promise.all(
    people.map(async (p) => ({
      participantId: p.id,
      name: p.name,
      title: p.title,
      municipality: p.municipality,
      sessions: byParticipant.get(p.id) ?? [],
      checkInCode: await participantCode(db, p.id, 'check-in'),
    })),
  )
  return {
    event: { id: event.id, slug: event.slug, title: event.title, dates: formatDateRange(event.starts_at, event.ends_at) },
    sort: options.sort,
    languageForm: options.languageForm,
    badges: sortBadges(badges, options.sort),
  }
}

/** What the badge page shows: how many badges there are, and the participants a search finds (at most `limit`). */
export async function badgeChoices(db: Kysely<Database>, grant: BadgeGrant, search: string, limit = 20) {
  if (!can(grant.role, 'event.manage')) return null
  const base = db
    .selectFrom('participant')
    .innerJoin('registration', 'registration.id', 'participant.registration_id')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .where('registration.event_id', '=', grant.event.id)
    .where('participant.status', '=', 'active')
  const { count } = await base.select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow()
  const words = search.trim().split(/\s+/).filter(Boolean).slice(0, 5)
  if (words.length === 0) return { count: Number(count), matches: [], more: false }
  const rows = await base
    .select(['participant.id', 'participant.name', 'participant.title', 'municipality.name as municipality'])
    .where((eb) =>
      eb.and(
        words.map((w) => {
          const like = containsPattern(w)
          return eb.or([eb('participant.name', 'ilike', like), eb('municipality.name', 'ilike', like)])
        }),
      ),
    )
    .orderBy('participant.name')
    .orderBy('participant.id')
    .limit(limit + 1)
    .execute()
  const matches = sortBadges(
    rows.slice(0, limit).map((r) => ({ participantId: r.id, name: r.name, title: r.title, municipality: r.municipality })),
    'surname',
  )
  return { count: Number(count), matches, more: rows.length > limit }
}

export interface BadgeFile {
  filename: string
  body: Uint8Array<ArrayBuffer>
  badges: number
}

/**
 * The badges as a PDF file to download, the download written to the audit
 * log (a badge is personal data). Null when the actor does not organise the
 * event or the participant is not one of its active participants.
 */
export async function downloadBadges(
  db: Kysely<Database>,
  actor: Actor,
  eventId: string,
  options: { sort: BadgeSort; participantId?: string | null; languageForm: LanguageForm },
  now: Date,
): Promise<BadgeFile | null> {
  const grant = await findEventFor(db, actor, eventId, 'event.manage')
  if (!grant) return null
  const data = await badgeData(db, grant, options)
  if (!data) return null
  const body = new Uint8Array(await renderBadgesPdf(data))
  await writeAudit(db, {
    actorUserId: actor.userId,
    actorLabel: grant.role,
    action: 'badges.downloaded',
    entityType: options.participantId ? 'participant' : 'event',
    entityId: options.participantId ?? data.event.id,
    eventId: data.event.id,
    after: { sort: options.sort, badges: data.badges.length },
    at: now,
  })
  const one = options.participantId ? data.badges[0]?.name : undefined
  return { filename: badgeFilename(data.event.slug, data.languageForm, one), body, badges: data.badges.length }
}

// --- Drawing -----------------------------------------------------------------

const pdfText = texts({
  nb: {
    title: (event: string) => `Navneskilt – ${event}`,
    subject: (event: string, dates: string) => `Navneskilt for ${event}, ${dates}`,
    empty: (event: string) => `${event}: ingen påmeldte deltakere.`,
  },
  nn: {
    title: (event: string) => `Namneskilt – ${event}`,
    subject: (event: string, dates: string) => `Namneskilt for ${event}, ${dates}`,
    empty: (event: string) => `${event}: ingen påmelde deltakarar.`,
  },
})

type Weight = 400 | 600 | 700

/**
 * Inter from @fontsource/inter, the app's own font. Fontsource cuts it into
 * subsets by script: 'latin' has Norwegian (æ ø å) and á, 'latin-ext' has the
 * rest of the Sami letters (č đ ŋ š ŧ ž) and no basic Latin. Both are
 * embedded (pdfkit keeps only the glyphs used) and each run of text is set in
 * the subset that has its letters.
 */
const SUBSETS = ['latin', 'latin-ext'] as const
type Subset = (typeof SUBSETS)[number]

interface LoadedFont {
  name: string
  data: Buffer
  has: (codePoint: number) => boolean
}

let fonts: Map<string, LoadedFont> | undefined

/** Whether a subset has a code point, from the ranges Fontsource ships with the files ("U+0000-00FF,U+0131,…"). */
function coverage(ranges: string): (codePoint: number) => boolean {
  const spans = ranges.split(',').map((range) => {
    const [from = '0', to = from] = range.trim().replace(/^U\+/i, '').split('-')
    return [Number.parseInt(from, 16), Number.parseInt(to, 16)] as const
  })
  return (cp) => spans.some(([from, to]) => cp >= from && cp <= to)
}

function loadFonts(): Map<string, LoadedFont> {
  if (fonts) return fonts
  const require = createRequire(import.meta.url)
  const ranges = JSON.parse(readFileSync(require.resolve('@fontsource/inter/unicode.json'), 'utf8')) as Record<string, string>
  const loaded = new Map<string, LoadedFont>()
  for (const weight of [400, 600, 700] as const) {
    for (const subset of SUBSETS) {
      const data = readFileSync(require.resolve(`@fontsource/inter/files/inter-${subset}-${weight}-normal.woff`))
      loaded.set(`${subset}-${weight}`, { name: `Inter-${subset}-${weight}`, data, has: coverage(ranges[subset] ?? '') })
    }
  }
  fonts = loaded
  return loaded
}

function fontOf(subset: Subset, weight: Weight): LoadedFont {
  const font = loadFonts().get(`${subset}-${weight}`)
  if (!font) throw new Error(`No font inter-${subset}-${weight}`)
  return font
}

/** The text cut into runs, each in the first subset that has all its letters (a letter neither has stays in 'latin', drawn as its missing glyph). */
function runs(text: string, weight: Weight): Array<{ text: string; font: LoadedFont }> {
  const out: Array<{ text: string; font: LoadedFont }> = []
  const latin = fontOf('latin', weight)
  const ext = fontOf('latin-ext', weight)
  for (const char of text.normalize('NFC')) {
    const cp = char.codePointAt(0) ?? 0
    const font = latin.has(cp) || !ext.has(cp) ? latin : ext
    const last = out[out.length - 1]
    if (last && last.font === font) last.text += char
    else out.push({ text: char, font })
  }
  return out
}

type Doc = PDFKit.PDFDocument

function widthOf(doc: Doc, text: string, weight: Weight, size: number): number {
  let width = 0
  for (const run of runs(text, weight)) width += doc.font(run.font.name).fontSize(size).widthOfString(run.text)
  return width
}

/** Draws one line of text with its top at (x, y), run by run. */
function drawLine(doc: Doc, text: string, weight: Weight, size: number, x: number, y: number, color = '#1e1e1e'): void {
  let at = x
  doc.fillColor(color)
  for (const run of runs(text, weight)) {
    doc.font(run.font.name).fontSize(size)
    doc.text(run.text, at, y, { lineBreak: false })
    at += doc.widthOfString(run.text)
  }
}

/** The QR code as filled strips (qrStrips): sharp at any size, and small. */
function drawQr(doc: Doc, text: string, box: Rect): void {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' })
  for (const r of qrStrips(modules, box)) doc.rect(r.x, r.y, r.width, r.height)
  doc.fill('#000000')
}

function drawBadge(doc: Doc, badge: BadgeContent, box: Rect): void {
  const p = BADGE_PARTS
  const left = box.x + p.padding
  const top = box.y + p.padding
  const fullWidth = box.width - 2 * p.padding
  const besideQr = fullWidth - p.qrSize - p.qrGap
  const name = fitName(badge.name, fullWidth, (text, size) => widthOf(doc, text, 700, size))
  let y = top
  for (const line of name.lines) {
    drawLine(doc, line, 700, name.size, left, y)
    y += name.size * p.name.lineGap
  }
  y += 3
  const line = (text: string, weight: Weight, size: number, color?: string) => {
    if (!text.trim()) return
    drawLine(
      doc,
      truncate(text.trim(), besideQr, (t) => widthOf(doc, t, weight, size)),
      weight,
      size,
      left,
      y,
      color,
    )
    y += size * 1.25
  }
  line(badge.municipality, 600, p.municipality.size)
  line(badge.title, 400, p.title.size, '#444444')
  y += 2
  const sessions = badge.sessions.slice(0, p.session.maxLines)
  const bottom = box.y + box.height - p.padding
  // The sessions stand at the foot of the badge, beside the QR code, as far down as they fit.
  y = Math.max(y, bottom - sessions.length * p.session.size * 1.25)
  for (const s of sessions) line(s, 400, p.session.size, '#333333')
  drawQr(doc, badge.checkInCode, { x: box.x + box.width - p.padding - p.qrSize, y: bottom - p.qrSize, width: p.qrSize, height: p.qrSize })
}

/** The badges as a PDF: A4 sheets of eight (sheetLayout), cut marks, Inter embedded, title and language set. */
export function renderBadgesPdf(data: BadgeData): Promise<Buffer> {
  const layout = sheetLayout()
  const t = pdfText[data.languageForm]
  const doc = new PDFDocument({
    size: [layout.page.width, layout.page.height],
    margin: 0,
    autoFirstPage: false,
    lang: data.languageForm,
    displayTitle: true,
    info: {
      Title: t.title(data.event.title),
      Subject: t.subject(data.event.title, data.event.dates),
      Author: 'Klimasamling',
      Creator: 'Klimasamling',
    },
  })
  for (const font of loadFonts().values()) doc.registerFont(font.name, font.data)
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  if (data.badges.length === 0) {
    doc.addPage()
    drawLine(doc, t.empty(data.event.title), 400, 12, 56, 56)
  }
  for (let i = 0; i < data.badges.length; i += BADGES_PER_SHEET) {
    doc.addPage()
    doc.lineWidth(0.5).strokeColor('#000000')
    data.badges.slice(i, i + BADGES_PER_SHEET).forEach((badge, j) => {
      const box = layout.badges[j]
      if (box) drawBadge(doc, badge, box)
    })
    for (const m of layout.cutMarks) doc.moveTo(m.x1, m.y1).lineTo(m.x2, m.y2)
    doc.stroke()
  }
  doc.end()
  return done
}
