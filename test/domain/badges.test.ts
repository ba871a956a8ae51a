import { describe, expect, it } from 'vitest'
import {
  A4,
  BADGE,
  BADGES_PER_SHEET,
  badgeFilename,
  fitName,
  qrStrips,
  type Line,
  type Rect,
  sessionLine,
  sheetCount,
  sheetLayout,
  sortBadges,
  surname,
  truncate,
} from '~/domain/badges'
import { osloDateTime } from '~/domain/dates'

const MM = 72 / 25.4
const inside = (r: Rect, page = A4) => r.x >= 0 && r.y >= 0 && r.x + r.width <= page.width && r.y + r.height <= page.height
const overlap = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height
/** Whether a horizontal or vertical mark touches a badge's inside (its edge line does not count). */
const crosses = (m: Line, r: Rect) => {
  const [x1, x2] = [Math.min(m.x1, m.x2), Math.max(m.x1, m.x2)]
  const [y1, y2] = [Math.min(m.y1, m.y2), Math.max(m.y1, m.y2)]
  return (
    x1 < r.x + r.width &&
    x2 > r.x &&
    y1 < r.y + r.height &&
    y2 > r.y &&
    !(x1 === x2 && (x1 === r.x || x1 === r.x + r.width)) &&
    !(y1 === y2 && (y1 === r.y || y1 === r.y + r.height))
  )
}

describe('sheetLayout', () => {
  const layout = sheetLayout()

  it('puts 8 badges of 90 × 55 mm on an A4 page, two columns of four rows, inside the page and apart', () => {
    expect(layout.page).toEqual({ width: 595.28, height: 841.89 })
    expect(layout.badges).toHaveLength(8)
    expect(BADGES_PER_SHEET).toBe(8)
    for (const b of layout.badges) {
      expect(b.width).toBeCloseTo(90 * MM, 6)
      expect(b.height).toBeCloseTo(55 * MM, 6)
      expect(inside(b)).toBe(true)
    }
    for (const [i, a] of layout.badges.entries()) for (const b of layout.badges.slice(i + 1)) expect(overlap(a, b)).toBe(false)
    expect(new Set(layout.badges.map((b) => b.x.toFixed(3))).size).toBe(BADGE.columns)
    expect(new Set(layout.badges.map((b) => b.y.toFixed(3))).size).toBe(BADGE.rows)
    // Row by row, left to right.
    expect(layout.badges[0]?.x).toBeLessThan(layout.badges[1]?.x ?? 0)
    expect(layout.badges[1]?.y).toBe(layout.badges[0]?.y)
    expect(layout.badges[2]?.y).toBeGreaterThan(layout.badges[0]?.y ?? 0)
  })

  it('leaves a margin of at least 10 mm that a printer can print up to', () => {
    const left = Math.min(...layout.badges.map((b) => b.x))
    const right = A4.width - Math.max(...layout.badges.map((b) => b.x + b.width))
    const top = Math.min(...layout.badges.map((b) => b.y))
    const bottom = A4.height - Math.max(...layout.badges.map((b) => b.y + b.height))
    for (const margin of [left, right, top, bottom]) expect(margin).toBeGreaterThanOrEqual(10 * MM)
    expect(left).toBeCloseTo(right, 6)
    expect(top).toBeCloseTo(bottom, 6)
  })

  it('draws eight short marks at every badge, on the lines of its edges, outside every badge and on the page', () => {
    expect(layout.cutMarks).toHaveLength(8 * 8)
    for (const m of layout.cutMarks) {
      expect(m.x1 === m.x2 || m.y1 === m.y2).toBe(true)
      const length = Math.hypot(m.x2 - m.x1, m.y2 - m.y1)
      expect(length).toBeGreaterThan(2 * MM)
      expect(length).toBeLessThan(5 * MM)
      for (const x of [m.x1, m.x2]) expect(x >= 0 && x <= A4.width).toBe(true)
      for (const y of [m.y1, m.y2]) expect(y >= 0 && y <= A4.height).toBe(true)
      for (const b of layout.badges) expect(crosses(m, b), `mark ${JSON.stringify(m)} crosses badge ${JSON.stringify(b)}`).toBe(false)
    }
    // Each mark lies on the extension of an edge of its badge.
    for (const [i, b] of layout.badges.entries()) {
      for (const m of layout.cutMarks.slice(i * 8, i * 8 + 8)) {
        const onEdge = m.y1 === m.y2 ? m.y1 === b.y || m.y1 === b.y + b.height : m.x1 === b.x || m.x1 === b.x + b.width
        expect(onEdge).toBe(true)
      }
    }
  })

  it('counts the sheets: 8 badges one page, 9 two, none one', () => {
    expect(sheetCount(8)).toBe(1)
    expect(sheetCount(9)).toBe(2)
    expect(sheetCount(16)).toBe(2)
    expect(sheetCount(600)).toBe(75)
    expect(sheetCount(0)).toBe(1)
  })
})

describe('fitName', () => {
  // A font where every character is 0.6 of the size wide.
  const measure = (text: string, size: number) => [...text].length * 0.6 * size
  const width = 240

  it('keeps a short name on one line at the largest size', () => {
    expect(fitName('Ola Nordmann', width, measure)).toEqual({ size: 22, lines: ['Ola Nordmann'] })
  })

  it('shrinks a longer name to fit the width on one line', () => {
    const fitted = fitName('Ærlige Øystein Åsheim', width, measure)
    expect(fitted.lines).toEqual(['Ærlige Øystein Åsheim'])
    expect(fitted.size).toBeLessThan(22)
    expect(measure('Ærlige Øystein Åsheim', fitted.size)).toBeLessThanOrEqual(width)
  })

  it('wraps a very long name to two balanced lines rather than making it tiny', () => {
    const name = 'Máret Ánde Čoavddáš Guttorm Đuoŋŋašit Somby'
    const fitted = fitName(name, width, measure)
    expect(fitted.lines).toEqual(['Máret Ánde Čoavddáš', 'Guttorm Đuoŋŋašit Somby'])
    for (const line of fitted.lines) expect(measure(line, fitted.size)).toBeLessThanOrEqual(width)
    expect(fitted.size).toBeGreaterThanOrEqual(11)
  })

  it('cuts a name too long even for two lines with an ellipsis, never wider than the badge', () => {
    const fitted = fitName(`Anne ${'x'.repeat(60)}`, width, measure)
    expect(fitted.size).toBe(11)
    for (const line of fitted.lines) expect(measure(line, fitted.size)).toBeLessThanOrEqual(width)
    expect(fitted.lines.join(' ')).toContain('…')
  })

  it('tidies spaces', () => {
    expect(fitName('  Kari   Nordmann ', width, measure).lines).toEqual(['Kari Nordmann'])
  })
})

describe('truncate', () => {
  const w = (t: string) => [...t].length
  it('keeps what fits and cuts the rest with an ellipsis', () => {
    expect(truncate('Klimatilpasning', 20, w)).toBe('Klimatilpasning')
    expect(truncate('Klimatilpasning i planleggingen', 16, w)).toBe('Klimatilpasning…')
    expect(w(truncate('Klimatilpasning i planleggingen', 10, w))).toBeLessThanOrEqual(10)
  })
})

describe('sessionLine', () => {
  it('names the weekday short and the Oslo start time', () => {
    expect(sessionLine({ startsAt: osloDateTime('2021-11-11', '14:30'), title: 'Topplederforum' }, 'nb')).toBe('tor 14.30 Topplederforum')
    expect(sessionLine({ startsAt: osloDateTime('2018-11-28', '09:00'), title: 'Klimatilpasning' }, 'nb')).toBe('ons 09.00 Klimatilpasning')
  })

  it('names the weekday in nynorsk for a nynorsk badge (tysdag, laurdag, sundag)', () => {
    expect(sessionLine({ startsAt: osloDateTime('2018-11-27', '09:00'), title: 'Klimatilpasning' }, 'nn')).toBe('tys 09.00 Klimatilpasning')
    expect(sessionLine({ startsAt: osloDateTime('2021-11-13', '10:00'), title: 'Vandring' }, 'nn')).toBe('lau 10.00 Vandring')
    expect(sessionLine({ startsAt: osloDateTime('2021-11-11', '14:30'), title: 'Topplederforum' }, 'nn')).toBe('tor 14.30 Topplederforum')
  })
})

describe('sortBadges', () => {
  const people = [
    { participantId: '1', name: 'Ærlige Øystein Åsheim', municipality: 'Ålesund' },
    { participantId: '2', name: 'Kari Zahl', municipality: 'Aukra' },
    { participantId: '3', name: 'Per Berg', municipality: 'Ålesund' },
    { participantId: '4', name: 'Máret Čoavddáš', municipality: 'Vestnes' },
    { participantId: '5', name: 'Anne Ørnes', municipality: 'Aukra' },
    { participantId: '6', name: 'Bjørn Aas', municipality: 'Molde' },
    { participantId: '7', name: 'Anna Berg', municipality: 'Ålesund' },
  ]
  const order = (sort: 'municipality' | 'surname') => sortBadges(people, sort).map((p) => p.name)

  it('takes the last word of the name as the surname', () => {
    expect(surname('Ærlige Øystein Åsheim')).toBe('Åsheim')
    expect(surname(' Ola ')).toBe('Ola')
  })

  it('sorts by surname the Norwegian way: æ, ø, å after z, "Aa" as "Å", then the whole name', () => {
    expect(order('surname')).toEqual(['Anna Berg', 'Per Berg', 'Máret Čoavddáš', 'Kari Zahl', 'Anne Ørnes', 'Bjørn Aas', 'Ærlige Øystein Åsheim'])
  })

  it('sorts by municipality, Ålesund last, then by surname within each', () => {
    expect(order('municipality')).toEqual(['Kari Zahl', 'Anne Ørnes', 'Bjørn Aas', 'Máret Čoavddáš', 'Anna Berg', 'Per Berg', 'Ærlige Øystein Åsheim'])
  })

  it('gives the same order whatever the input order, and leaves the input alone', () => {
    const reversed = [...people].reverse()
    expect(sortBadges(reversed, 'surname')).toEqual(sortBadges(people, 'surname'))
    expect(reversed[0]?.participantId).toBe('7')
  })
})

describe('badgeFilename', () => {
  it('is plain ASCII', () => {
    expect(badgeFilename('klimasamling-more-og-romsdal-2021', 'nb')).toBe('navneskilt-klimasamling-more-og-romsdal-2021.pdf')
    expect(badgeFilename('klimasamling-more-og-romsdal-2021', 'nb', 'Ærlige Øystein Åsheim')).toBe(
      'navneskilt-klimasamling-more-og-romsdal-2021-aerlige-oystein-asheim.pdf',
    )
    expect(badgeFilename('x', 'nb', 'Máret Čoavddáš Đuoŋŋa')).toBe('navneskilt-x-maret-coavddas-uoa.pdf')
  })

  it('says namneskilt in nynorsk', () => {
    expect(badgeFilename('klimasamling-more-og-romsdal-2021', 'nn', 'Ola Åsheim')).toBe('namneskilt-klimasamling-more-og-romsdal-2021-ola-asheim.pdf')
  })
})

describe('qrStrips', () => {
  it('covers exactly the dark modules, each row’s neighbours joined into one strip, inside the box with a quiet zone', () => {
    // 3 × 3: row 0 all dark, row 1 the ends, row 2 the middle.
    const modules = { size: 3, data: [1, 1, 1, 1, 0, 1, 0, 1, 0] }
    const box = { x: 10, y: 20, width: 70, height: 70 }
    const strips = qrStrips(modules, box)
    expect(strips).toEqual([
      { x: 30, y: 40, width: 30, height: 10 },
      { x: 30, y: 50, width: 10, height: 10 },
      { x: 50, y: 50, width: 10, height: 10 },
      { x: 40, y: 60, width: 10, height: 10 },
    ])
    for (const r of strips)
      expect(r.x >= box.x + 20 && r.y >= box.y + 20 && r.x + r.width <= box.x + 50 + 1e-9 && r.y + r.height <= box.y + 50 + 1e-9).toBe(true)
  })
})
