import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ALLOCATION_WEIGHTS,
  type AllocationInput,
  type AllocationParticipant,
  type AllocationSession,
  allocationObjective,
  buildAllocationModels,
  explain,
  firstComeAllocation,
  modelToLp,
  type Placement,
  readSolution,
  startValues,
  summarise,
  topTopics,
  violations,
  type WishRank,
} from '~/domain/session-allocation'
import { smallAllocationInput } from '../helpers/session-allocation-inputs'

const session = (id: string, slotId: string, capacity: number | null, restrictedToRoles: string[] = []): AllocationSession => ({
  id,
  slotId,
  capacity,
  restrictedToRoles,
})

/** A participant with wishes written as 'slot:session' in rank order. */
function person(id: string, municipalityId: string, wishes: Record<string, string[]>, more: Partial<AllocationParticipant> = {}): AllocationParticipant {
  return {
    id,
    municipalityId,
    roleCategory: 'radgiver',
    slotIds: Object.keys(wishes),
    wishes: Object.entries(wishes).flatMap(([slotId, ids]) => ids.map((sessionId, i) => ({ slotId, sessionId, rank: (i + 1) as WishRank }))),
    ...more,
  }
}

const place = (participantId: string, slotId: string, sessionId: string, rank: WishRank | null): Placement => ({ participantId, slotId, sessionId, rank })

// Day 1 has slot d1 (Topplederforum for leaders, and a parallel track); day 2 has slot d2.
const sessions = [
  session('toppleder', 'd1', 10, ['ordforer', 'kommunedirektor']),
  session('track', 'd1', null),
  session('a', 'd2', 1),
  session('b', 'd2', 2),
  session('c', 'd2', null),
]

describe('topTopics', () => {
  it('is the session most of the municipality ranked first, per slot in slot order', () => {
    const input: AllocationInput = {
      sessions,
      participants: [
        person('p1', 'm1', { d2: ['a', 'b'], d1: ['track'] }),
        person('p2', 'm1', { d2: ['b', 'a'] }),
        person('p3', 'm1', { d2: ['b', 'c'] }),
        person('p4', 'm2', { d2: ['c'] }),
      ],
    }
    expect(topTopics(input)).toEqual(
      new Map([
        ['m1', ['track', 'b']],
        ['m2', ['c']],
      ]),
    )
  })

  it('breaks a tie on first choices by second choices, then third, then the lowest id', () => {
    const tiedOnFirst = [person('p1', 'm1', { d2: ['a', 'c'] }), person('p2', 'm1', { d2: ['c', 'b'] }), person('p3', 'm1', { d2: ['b', 'c'] })]
    // a, c and b each have one first choice; c has two second choices.
    expect(topTopics({ sessions, participants: tiedOnFirst }).get('m1')).toEqual(['c'])
    const tiedThroughout = [person('p1', 'm1', { d2: ['b'] }), person('p2', 'm1', { d2: ['a'] })]
    expect(topTopics({ sessions, participants: tiedThroughout }).get('m1')).toEqual(['a'])
  })

  it('counts only wishes the participant may be given', () => {
    const input: AllocationInput = {
      sessions,
      participants: [
        // A rådgiver cannot go to Topplederforum; p2 does not attend day 1.
        person('p1', 'm1', { d1: ['toppleder', 'track'] }),
        person('p2', 'm1', { d2: [] }, { wishes: [{ slotId: 'd1', sessionId: 'toppleder', rank: 1 }] }),
        person('p3', 'm2', { d1: ['toppleder'] }, { roleCategory: 'ordforer' }),
        person('p4', 'm3', { d2: [] }, { wishes: [{ slotId: 'd2', sessionId: 'nonexistent', rank: 1 }] }),
      ],
    }
    expect(topTopics(input)).toEqual(
      new Map([
        ['m1', ['track']],
        ['m2', ['toppleder']],
      ]),
    )
  })
})

describe('buildAllocationModels', () => {
  const input: AllocationInput = {
    sessions,
    participants: [
      person('p1', 'm1', { d1: ['toppleder', 'track'], d2: ['a', 'b', 'c'] }, { order: 2 }),
      person('p2', 'm2', { d2: ['a', 'b'] }, { order: 1, roleCategory: 'ordforer' }),
      // Wishes on day 1, which p3 does not attend: no column.
      person(
        'p3',
        'm2',
        { d2: ['b'] },
        {
          order: 3,
          wishes: [
            { slotId: 'd1', sessionId: 'track', rank: 1 },
            { slotId: 'd2', sessionId: 'b', rank: 1 },
          ],
        },
      ),
    ],
  }

  it('makes one model per slot, with x columns only for wishes that may be given', () => {
    const models = buildAllocationModels(input)
    expect(models.map((m) => m.slotId)).toEqual(['d1', 'd2'])
    const [d1, d2] = models
    // p1 is a rådgiver: Topplederforum is not offered.
    expect(d1?.placements.filter((p) => p !== null)).toEqual([place('p1', 'd1', 'track', 2)])
    expect(d2?.placements.filter((p) => p !== null)).toEqual([
      // participants in submission order: p2, p1, p3
      place('p2', 'd2', 'a', 1),
      place('p2', 'd2', 'b', 2),
      place('p1', 'd2', 'a', 1),
      place('p1', 'd2', 'b', 2),
      place('p1', 'd2', 'c', 3),
      place('p3', 'd2', 'b', 1),
    ])
  })

  it('writes the rows and weights of the header as LP text', () => {
    const d2 = buildAllocationModels(input)[1]
    if (!d2) throw new Error('no d2 model')
    const lp = modelToLp(d2)
    // One session per participant with more than one column (p2 and p1; p3 has one).
    expect(lp).toMatch(/ one_0: \+ x_0_0 \+ x_0_1 <= 1/)
    expect(lp).toMatch(/ one_1: \+ x_1_0 \+ x_1_1 \+ x_1_2 <= 1/)
    expect(lp).not.toMatch(/one_2/)
    // a (capacity 1) and b (capacity 2) could be over capacity; c is unlimited, so no row.
    expect(lp).toMatch(/ cap_0: \+ x_0_0 \+ x_1_0 <= 1/)
    expect(lp).toMatch(/ cap_1: \+ x_0_1 \+ x_1_1 \+ x_2_1 <= 2/)
    expect(lp).not.toMatch(/cap_2/)
    // Cover rows y[m,s] - Σ x[p,s] <= 0 where two or more of m's participants could be in s: only (m2,b) (p2, p3).
    // (m1,a), (m1,b), (m1,c) and (m2,a) have one participant each: their bonus is on that x.
    expect(lp).toMatch(/ cover_0: - x_0_1 - x_2_1 \+ y_0 <= 0/)
    expect(lp.match(/ cover_\d+:/g)).toHaveLength(1)
    // Top topics: m1's is a (p1's first), m2's is b (p3's first and p2's second, against a's one first).
    const cost = (name: string) => d2.columns.find((c) => c.name === name)?.cost ?? 0
    const { rank, spread, topTopic } = ALLOCATION_WEIGHTS
    expect(cost('y_0')).toBe(spread + topTopic)
    expect(Math.floor(cost('x_1_0'))).toBe(rank[1] + spread + topTopic) // p1 in a
    expect(Math.floor(cost('x_0_0'))).toBe(rank[1] + spread) // p2 in a
    expect(Math.floor(cost('x_1_2'))).toBe(rank[3] + spread) // p1 in c
    expect(Math.floor(cost('x_0_1'))).toBe(rank[2]) // p2 in b: its bonus is on y_0
    // A tie-break below 1 in all that favours the earlier submitter (p2 before p1), and for them the better rank.
    const tieBreak = (name: string) => cost(name) - Math.floor(cost(name))
    expect(tieBreak('x_0_0')).toBeGreaterThan(tieBreak('x_1_0'))
    expect(tieBreak('x_0_0')).toBeGreaterThan(tieBreak('x_0_1'))
    const tieBreaks = d2.columns.filter((c) => c.name.startsWith('x')).reduce((sum, c) => sum + tieBreak(c.name), 0)
    expect(tieBreaks).toBeGreaterThan(0)
    expect(tieBreaks).toBeLessThan(1)
    expect(lp).toMatch(/General\n x_0_0 x_0_1/)
    expect(lp).toMatch(/ 0 <= y_0 <= 1/)
  })

  it('fixes a kept seat to 1, wished or not', () => {
    const kept: AllocationInput = {
      sessions,
      participants: [person('p1', 'm1', { d2: ['b', 'c'] }, { kept: [{ slotId: 'd2', sessionId: 'a' }] })],
    }
    const [d2] = buildAllocationModels(kept)
    if (!d2) throw new Error('no model')
    const a = d2.placements.findIndex((p) => p?.sessionId === 'a')
    expect(d2.placements[a]).toEqual(place('p1', 'd2', 'a', null))
    expect(d2.columns[a]).toMatchObject({ lower: 1, upper: 1, cost: 0 })
    expect(modelToLp(d2)).toMatch(new RegExp(` ${d2.columns[a]?.name} = 1`))
  })

  it('reads a solution back, and turns placements into a start', () => {
    const [, d2] = buildAllocationModels(input)
    if (!d2) throw new Error('no model')
    const placements = [place('p2', 'd2', 'a', 1), place('p1', 'd2', 'b', 2), place('p3', 'd2', 'b', 1)]
    const values = startValues(d2, placements)
    expect(readSolution(d2, values)).toEqual(placements)
    // y_0, (m2,b), at 1: p3 is there.
    const ys = d2.columns.flatMap((c, j) => (c.name.startsWith('y') ? [values[j]] : []))
    expect(ys).toEqual([1])
    expect(startValues(d2, [place('p2', 'd2', 'a', 1)]).filter((_, j) => d2.columns[j]?.name === 'y_0')).toEqual(new Float64Array([0]))
  })
})

describe('violations', () => {
  const input: AllocationInput = {
    sessions,
    participants: [
      person('p1', 'm1', { d1: ['track'], d2: ['a', 'b'] }),
      person('p2', 'm1', { d2: ['a', 'b'] }, { kept: [{ slotId: 'd2', sessionId: 'c' }] }),
      person('p3', 'm2', { d1: ['toppleder', 'track'] }),
    ],
  }
  const fine = [place('p1', 'd1', 'track', 1), place('p1', 'd2', 'a', 1), place('p2', 'd2', 'c', null), place('p3', 'd1', 'track', 2)]

  it('accepts a sound allocation', () => {
    expect(violations(input, fine)).toEqual([])
  })

  it.each([
    ['capacity', [...fine.slice(0, 3), place('p3', 'd1', 'track', 2), place('p2', 'd2', 'a', 1)], /over capacity: a has 2, capacity 1/],
    ['one per slot', [...fine, place('p1', 'd2', 'b', 2)], /second session in one slot: p1 in b/],
    ['slot attended', [...fine, place('p2', 'd1', 'track', null)], /slot not attended: p2 in track/],
    ['role', [...fine.slice(0, 3), place('p3', 'd1', 'toppleder', 1)], /role radgiver not allowed: p3 in toppleder/],
    ['only wished or kept', [place('p1', 'd1', 'track', 1), place('p1', 'd2', 'c', null), ...fine.slice(2)], /neither wished nor kept: p1 in c/],
    ['rank', [place('p1', 'd1', 'track', 2), ...fine.slice(1)], /rank 2 but wished as 1: p1 in track/],
    ['session in its own slot', [...fine, place('p3', 'd2', 'track', null)], /session in another slot \(d1\): p3 in track \(slot d2\)/],
    ['kept seat', fine.filter((p) => p.participantId !== 'p2'), /kept seat missing: p2 in c/],
    ['unknown participant', [...fine, place('nobody', 'd2', 'c', null)], /unknown participant/],
    ['unknown session', [...fine, place('p1', 'd2', 'nothing', null)], /unknown session/],
  ])('catches %s', (_, placements, message) => {
    const found = violations(input, placements)
    expect(found.length).toBeGreaterThan(0)
    expect(found.join('\n')).toMatch(message)
  })
})

describe('firstComeAllocation', () => {
  it('gives each in submission order their best wish that still has a seat, after the kept seats', () => {
    const input: AllocationInput = {
      sessions,
      participants: [
        person('late', 'm1', { d2: ['a', 'b', 'c'] }, { order: 3 }),
        person('early', 'm2', { d2: ['a', 'c'] }, { order: 1 }),
        person('middle', 'm3', { d2: ['b', 'a'] }, { order: 2 }),
        person('keeper', 'm3', { d2: ['c'] }, { order: 4, kept: [{ slotId: 'd2', sessionId: 'b' }] }),
        // No order: last; b is full by then (keeper, middle).
        person('unordered', 'm1', { d2: ['b'] }),
        // Topplederforum is for leaders.
        person('leader', 'm1', { d1: ['toppleder'] }, { roleCategory: 'ordforer', order: 5 }),
        person('adviser', 'm2', { d1: ['toppleder', 'track'] }, { order: 6 }),
      ],
    }
    const placements = firstComeAllocation(input)
    expect(placements).toEqual([
      place('keeper', 'd2', 'b', null),
      place('early', 'd2', 'a', 1),
      place('middle', 'd2', 'b', 1),
      place('late', 'd2', 'c', 3),
      place('leader', 'd1', 'toppleder', 1),
      place('adviser', 'd1', 'track', 2),
    ])
    expect(violations(input, placements)).toEqual([])
  })
})

describe('allocationObjective and summarise', () => {
  const input: AllocationInput = {
    sessions,
    participants: [
      person('p1', 'm1', { d2: ['a', 'b'] }),
      person('p2', 'm1', { d2: ['a', 'c'] }),
      person('p3', 'm2', { d2: ['b', 'a', 'c'] }),
      person('p4', 'm2', { d1: ['track'], d2: ['b'] }),
    ],
  }
  // Top topics: m1 a (two firsts); m2 b in d2, track in d1.
  const placements = [place('p1', 'd2', 'a', 1), place('p2', 'd2', 'c', 2), place('p3', 'd2', 'b', 1), place('p4', 'd2', 'b', 1)]

  it('adds the rank weights and, per municipality and wished session with someone in it, the spread and top-topic bonuses', () => {
    const ranks = 9 + 4 + 9 + 9
    // (m1,a) top, (m1,c), (m2,b) top; m2's track has nobody.
    const fairness = 3 * ALLOCATION_WEIGHTS.spread + 2 * ALLOCATION_WEIGHTS.topTopic
    expect(allocationObjective(input, placements)).toBe(ranks + fairness)
  })

  it('counts shares of the (participant, slot) pairs with wishes, and municipalities short of a top topic', () => {
    expect(summarise(input, placements)).toEqual({
      participants: 4,
      firstChoiceShare: 3 / 5,
      secondChoiceShare: 1 / 5,
      thirdChoiceShare: 0,
      unplacedShare: 1 / 5,
      municipalitiesWithoutTopTopic: 1,
    })
  })
})

describe('explain', () => {
  it('gives for each wish ranked above what was given the reason: slot, role, full, or fairness', () => {
    const input: AllocationInput = {
      sessions,
      participants: [
        person('p1', 'm1', { d1: ['toppleder', 'track'], d2: ['a', 'c'] }),
        // p2 attends only day 2 but also wished on day 1.
        person('p2', 'm2', { d2: ['b', 'c'] }, { wishes: [{ slotId: 'd1', sessionId: 'track', rank: 1 }, ...person('', '', { d2: ['b', 'c'] }).wishes] }),
        person('p3', 'm2', { d2: ['a'] }),
        person('p4', 'm3', { d2: ['c'] }, { kept: [{ slotId: 'd2', sessionId: 'b' }] }),
      ],
    }
    const placements = [
      place('p1', 'd1', 'track', 2),
      place('p1', 'd2', 'c', 2),
      place('p2', 'd2', 'c', 2),
      place('p3', 'd2', 'a', 1),
      place('p4', 'd2', 'b', null),
    ]
    expect(violations(input, placements)).toEqual([])
    expect(explain(input, placements)).toEqual([
      { participantId: 'p1', slotId: 'd1', got: 2, sessionId: 'track', passedOver: [{ sessionId: 'toppleder', rank: 1, reason: 'role' }] },
      { participantId: 'p1', slotId: 'd2', got: 2, sessionId: 'c', passedOver: [{ sessionId: 'a', rank: 1, reason: 'full' }] },
      { participantId: 'p2', slotId: 'd1', got: null, sessionId: null, passedOver: [{ sessionId: 'track', rank: 1, reason: 'slot' }] },
      // b has 2 seats and only p4 in it: p2 was moved for fairness.
      { participantId: 'p2', slotId: 'd2', got: 2, sessionId: 'c', passedOver: [{ sessionId: 'b', rank: 1, reason: 'fairness' }] },
      { participantId: 'p3', slotId: 'd2', got: 1, sessionId: 'a', passedOver: [] },
      // A kept seat passes over nothing.
      { participantId: 'p4', slotId: 'd2', got: null, sessionId: 'b', passedOver: [], kept: true },
    ])
  })
})

describe('the first-come baseline on random events', () => {
  it('breaks no rule, and explains every wish passed over with a true reason', () => {
    fc.assert(
      fc.property(smallAllocationInput, (input) => {
        const placements = firstComeAllocation(input)
        expect(violations(input, placements)).toEqual([])
        const seats = new Map<string, number>()
        for (const p of placements) seats.set(p.sessionId, (seats.get(p.sessionId) ?? 0) + 1)
        for (const e of explain(input, placements)) {
          for (const passed of e.passedOver) {
            const s = input.sessions.find((x) => x.id === passed.sessionId)
            // First come never passes over a wish for fairness: a wish it could give, it gives.
            expect(passed.reason).not.toBe('fairness')
            if (passed.reason === 'full') expect(seats.get(passed.sessionId) ?? 0).toBe(s?.capacity)
          }
        }
      }),
      { numRuns: 300 },
    )
  })
})
