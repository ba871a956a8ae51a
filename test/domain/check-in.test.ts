import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type CheckInOperation, type CheckInState, checkInKey, countDay, matchesSearch, mergeOperations, normaliseSearch, supersedes } from '~/domain/check-in'

const at = (minute: number) => new Date(Date.UTC(2026, 11, 2, 8, minute))
const op = (id: string, participantId: string, arrived: boolean, minute: number, dayId = 'd1'): CheckInOperation => ({
  id,
  participantId,
  dayId,
  arrived,
  madeAt: at(minute),
})

describe('supersedes', () => {
  it('lets a later operation replace the state and an older one change nothing', () => {
    const state: CheckInState = { arrived: true, changedAt: at(10) }
    expect(supersedes({ arrived: false, madeAt: at(11) }, state)).toBe(true)
    expect(supersedes({ arrived: false, madeAt: at(9) }, state)).toBe(false)
    expect(supersedes({ arrived: false, madeAt: at(10) }, state)).toBe(false)
  })

  it('lets "arrived" win a tie, whichever came first', () => {
    expect(supersedes({ arrived: true, madeAt: at(10) }, { arrived: false, changedAt: at(10) })).toBe(true)
    expect(supersedes({ arrived: false, madeAt: at(10) }, { arrived: true, changedAt: at(10) })).toBe(false)
  })

  it('takes any operation when there is no state yet', () => {
    expect(supersedes({ arrived: false, madeAt: at(0) }, undefined)).toBe(true)
  })
})

describe('mergeOperations', () => {
  it('applies the latest operation by device time, not the last one received', () => {
    const merged = mergeOperations(new Map(), [op('b', 'p1', false, 12), op('a', 'p1', true, 10)])
    expect(merged.get(checkInKey('p1', 'd1'))).toEqual({ arrived: false, changedAt: at(12) })
  })

  it('counts an operation sent twice once, and two desks marking the same arrival as one arrival', () => {
    const merged = mergeOperations(new Map(), [op('a', 'p1', true, 10), op('a', 'p1', true, 10), op('b', 'p1', true, 11)])
    expect(merged.size).toBe(1)
    expect(merged.get(checkInKey('p1', 'd1'))?.arrived).toBe(true)
  })

  it('leaves the states it was given unchanged', () => {
    const before = new Map([[checkInKey('p1', 'd1'), { arrived: true, changedAt: at(1) }]])
    mergeOperations(before, [op('a', 'p1', false, 5)])
    expect(before.get(checkInKey('p1', 'd1'))?.arrived).toBe(true)
  })

  it('gives the same final state for any order and repetition of the same operations', () => {
    const operation = fc.record({
      id: fc.uuid(),
      participantId: fc.constantFrom('p1', 'p2', 'p3'),
      dayId: fc.constantFrom('d1', 'd2'),
      arrived: fc.boolean(),
      madeAt: fc.integer({ min: 0, max: 20 }).map(at),
    })
    fc.assert(
      fc.property(
        fc.uniqueArray(operation, { selector: (o) => o.id, maxLength: 25 }),
        fc.array(fc.nat(), { maxLength: 10 }),
        fc.infiniteStream(fc.nat()),
        (ops, repeats, shuffle) => {
          const once = mergeOperations(new Map(), ops)
          const repeated = [...ops, ...repeats.filter(() => ops.length > 0).map((i) => ops[i % ops.length] as CheckInOperation)]
          // A shuffle of the list with its repeats: sort by a random key each.
          const keys = [...shuffle.take(repeated.length)]
          const shuffled = repeated
            .map((o, i) => ({ o, k: keys[i] ?? 0 }))
            .sort((a, b) => a.k - b.k)
            .map((x) => x.o)
          expect(mergeOperations(new Map(), shuffled)).toEqual(once)
          // Merging in two batches, as two syncs would, gives the same too.
          const half = Math.floor(shuffled.length / 2)
          expect(mergeOperations(mergeOperations(new Map(), shuffled.slice(0, half)), shuffled.slice(half))).toEqual(once)
        },
      ),
    )
  })
})

describe('countDay', () => {
  const participants = [
    { id: 'a', municipality: 'Ålesund', dayIds: ['d1', 'd2'] },
    { id: 'b', municipality: 'Ålesund', dayIds: ['d1'] },
    { id: 'c', municipality: 'Aukra', dayIds: ['d2'] },
    { id: 'd', municipality: 'Molde', dayIds: ['d1', 'd2'] },
  ]

  it('counts arrived against expected for the day, per municipality in Norwegian order', () => {
    const arrived = new Set(['a', 'd', 'c'])
    expect(countDay(participants, (id) => arrived.has(id), 'd1')).toEqual({
      arrived: 2,
      expected: 3,
      municipalities: [
        { name: 'Molde', arrived: 1, expected: 1 },
        { name: 'Ålesund', arrived: 1, expected: 2 },
      ],
    })
  })

  it('does not count an arrival of someone who does not attend the day', () => {
    expect(countDay(participants, (id) => id === 'b', 'd2')).toMatchObject({ arrived: 0, expected: 3 })
  })
})

describe('search', () => {
  it('ignores case, accents and the Norwegian letters’ marks', () => {
    expect(normaliseSearch('  ÅLESUND  Kommune ')).toBe('alesund kommune')
    expect(normaliseSearch('Bærum')).toBe('baerum')
    expect(normaliseSearch('Førde-Sunnfjord')).toBe('forde sunnfjord')
    expect(normaliseSearch('Hélène')).toBe('helene')
  })

  it('finds by any words of name, municipality or title', () => {
    const kari = { name: 'Kari Nordmann', municipality: 'Ålesund', title: 'Klimarådgiver' }
    expect(matchesSearch(kari, 'ale')).toBe(true)
    expect(matchesSearch(kari, 'ålesund kari')).toBe(true)
    expect(matchesSearch(kari, 'NORD')).toBe(true)
    expect(matchesSearch(kari, 'radgiver')).toBe(true)
    expect(matchesSearch(kari, 'kari molde')).toBe(false)
    expect(matchesSearch(kari, '   ')).toBe(true)
  })
})
