import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type AssignPerson, type AssignTable, assignCafeTables, sameMunicipalityPairs, suggestTables } from '~/domain/cafe-tables'

const table = (id: string, optionId: string | null, seats: number, kept: number[] = []): AssignTable => ({ id, optionId, seats, kept })
const person = (id: string, municipalityId: number, choices: string[] = []): AssignPerson => ({ id, municipalityId, choices })

describe('suggestTables', () => {
  it('makes ceil(n / seats) tables per topic with answers, labelled and in order', () => {
    const tables = suggestTables(
      [
        { optionId: 'a', topic: 'Energi', answers: 13 },
        { optionId: 'b', topic: 'Mobilitet', answers: 0 },
        { optionId: 'c', topic: 'Mat', answers: 6 },
      ],
      6,
    )
    expect(tables.map((t) => [t.optionId, t.label, t.seats, t.sortOrder])).toEqual([
      ['a', 'Energi – bord 1', 6, 0],
      ['a', 'Energi – bord 2', 6, 1],
      ['a', 'Energi – bord 3', 6, 2],
      ['c', 'Mat – bord 1', 6, 3],
    ])
  })

  it('refuses a seat count that is not a positive whole number', () => {
    expect(() => suggestTables([], 0)).toThrow(RangeError)
  })
})

describe('assignCafeTables, worked by hand', () => {
  it('spreads each municipality over the tables of a topic and fills them evenly', () => {
    // Four from municipality 1 and two from 2, all chose topic X with two tables of 4.
    const people = [
      person('p1', 1, ['X']),
      person('p2', 1, ['X']),
      person('p3', 1, ['X']),
      person('p4', 1, ['X']),
      person('p5', 2, ['X']),
      person('p6', 2, ['X']),
    ]
    const { seats, report } = assignCafeTables([table('t1', 'X', 4), table('t2', 'X', 4)], people)
    const at = (tableId: string) => seats.filter((s) => s.tableId === tableId).map((s) => s.participantId)
    expect(at('t1')).toHaveLength(3)
    expect(at('t2')).toHaveLength(3)
    // Two of 1 and one of 2 at each table: the fewest pairs possible.
    for (const t of ['t1', 't2']) {
      const ms = at(t).map((id) => people.find((p) => p.id === id)?.municipalityId)
      expect(ms.filter((m) => m === 1)).toHaveLength(2)
      expect(ms.filter((m) => m === 2)).toHaveLength(1)
    }
    expect(report).toEqual({ placed: 6, unplaced: [], chosenTopic: 6, maxSameMunicipality: 2 })
  })

  it('moves someone with two topics to their second, so the one with one topic gets it', () => {
    // X has one seat, Y one. a chose X and Y; b chose only X. Whatever the order, both get a topic they chose.
    const { seats, report } = assignCafeTables([table('tx', 'X', 1), table('ty', 'Y', 1)], [person('a', 1, ['X', 'Y']), person('b', 2, ['X'])])
    expect(seats).toEqual([
      { participantId: 'a', tableId: 'ty', chosenTopic: true },
      { participantId: 'b', tableId: 'tx', chosenTopic: true },
    ])
    expect(report.chosenTopic).toBe(2)
  })

  it('puts those without an answer, or whose topics are full, at the tables with most free seats, and reports who got none', () => {
    const { seats, report } = assignCafeTables(
      [table('tx', 'X', 1), table('ty', 'Y', 3, [5]), table('tz', null, 2)],
      [person('a', 1, ['X']), person('b', 1, ['X']), person('c', 2), person('d', 3), person('e', 4), person('f', 6)],
    )
    expect(seats.find((s) => s.participantId === 'a')).toEqual({ participantId: 'a', tableId: 'tx', chosenTopic: true })
    expect(report.placed).toBe(5)
    expect(report.unplaced).toHaveLength(1)
    expect(report.chosenTopic).toBe(1)
    // ty had 2 free seats, tz 2: filled to its seats, never above.
    expect(seats.filter((s) => s.tableId === 'ty')).toHaveLength(2)
    expect(seats.filter((s) => s.tableId === 'tz')).toHaveLength(2)
  })

  it('counts kept seats as taken and their municipality as present', () => {
    // t1 keeps one of municipality 1; the new one of 1 goes to t2.
    const { seats } = assignCafeTables([table('t1', 'X', 3, [1]), table('t2', 'X', 3)], [person('a', 1, ['X'])])
    expect(seats).toEqual([{ participantId: 'a', tableId: 't2', chosenTopic: true }])
  })

  it('gives the same seats whatever order the people come in', () => {
    const tables = [table('t1', 'X', 3), table('t2', 'X', 3), table('t3', 'Y', 2)]
    const people = [person('a', 1, ['X']), person('b', 1, ['X', 'Y']), person('c', 2, ['Y']), person('d', 1), person('e', 3, ['X'])]
    expect(assignCafeTables(tables, [...people].reverse())).toEqual(assignCafeTables(tables, people))
  })
})

const arbitraryCase = fc
  .record({
    topics: fc.integer({ min: 1, max: 4 }),
    tables: fc.array(
      fc.record({
        topic: fc.integer({ min: 0, max: 4 }),
        seats: fc.integer({ min: 1, max: 6 }),
        kept: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 3 }),
      }),
      {
        minLength: 1,
        maxLength: 8,
      },
    ),
    people: fc.array(fc.record({ municipality: fc.integer({ min: 1, max: 4 }), choices: fc.uniqueArray(fc.integer({ min: 0, max: 4 }), { maxLength: 3 }) }), {
      maxLength: 40,
    }),
  })
  .map(({ topics, tables, people }) => ({
    tables: tables.map((t, i) => ({
      id: `t${String(i).padStart(2, '0')}`,
      optionId: t.topic < topics ? `o${t.topic}` : null,
      seats: t.seats,
      kept: t.kept.slice(0, t.seats),
    })),
    people: people.map((p, i) => ({ id: `p${String(i).padStart(3, '0')}`, municipalityId: p.municipality, choices: p.choices.map((c) => `o${c}`) })),
  }))

describe('assignCafeTables, properties', () => {
  it('never seats more than a table has free, and seats everyone while seats are left', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ tables, people }) => {
        const { seats, report } = assignCafeTables(tables, people)
        for (const t of tables) expect(seats.filter((s) => s.tableId === t.id).length).toBeLessThanOrEqual(t.seats - t.kept.length)
        expect(new Set(seats.map((s) => s.participantId)).size).toBe(seats.length)
        const free = tables.reduce((sum, t) => sum + t.seats - t.kept.length, 0)
        expect(seats.length).toBe(Math.min(free, people.length))
        expect(report.placed + report.unplaced.length).toBe(people.length)
      }),
    )
  })

  it('gives everyone who chose a topic with free seats one of their topics', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ tables, people }) => {
        const { seats } = assignCafeTables(tables, people)
        const topicOf = new Map(tables.map((t) => [t.id, t.optionId]))
        const taken = new Map(tables.map((t) => [t.id, t.kept.length + seats.filter((s) => s.tableId === t.id).length]))
        for (const p of people) {
          const s = seats.find((x) => x.participantId === p.id)
          const atChosen = s !== undefined && p.choices.includes(topicOf.get(s.tableId) ?? '')
          expect(s?.chosenTopic ?? false).toBe(atChosen)
          if (atChosen) continue
          // Not at a chosen topic: every table of their topics is full.
          for (const t of tables) if (t.optionId !== null && p.choices.includes(t.optionId)) expect(taken.get(t.id)).toBe(t.seats)
        }
      }),
    )
  })

  it('spreads municipalities: no table has two of one while another of its topic has none of it and room', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ tables, people }) => {
        // Without kept seats, every seat is the assignment's own.
        const fresh = tables.map((t) => ({ ...t, kept: [] }))
        const { seats } = assignCafeTables(fresh, people)
        const municipalityOf = new Map(people.map((p) => [p.id, p.municipalityId]))
        const members = new Map(fresh.map((t) => [t.id, seats.filter((s) => s.tableId === t.id).map((s) => municipalityOf.get(s.participantId) as number)]))
        for (const a of fresh) {
          if (a.optionId === null) continue
          for (const m of new Set(members.get(a.id))) {
            if ((members.get(a.id) ?? []).filter((x) => x === m).length < 2) continue
            for (const b of fresh) {
              if (b === a || b.optionId !== a.optionId) continue
              const bm = members.get(b.id) ?? []
              expect(bm.length < b.seats && !bm.includes(m)).toBe(false)
            }
          }
        }
      }),
    )
  })

  it('seats as many at a chosen topic as any assignment could (checked by trying every one on small cases)', () => {
    const small = fc
      .record({
        seats: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 3, maxLength: 3 }),
        people: fc.array(fc.uniqueArray(fc.integer({ min: 0, max: 2 }), { maxLength: 3 }), { maxLength: 6 }),
      })
      .map(({ seats, people }) => ({
        capacity: seats,
        people: people.map((c, i) => ({ id: `p${i}`, municipalityId: i % 2, choices: c.map((x) => `o${x}`) })),
      }))
    fc.assert(
      fc.property(small, ({ capacity, people }) => {
        const tables = capacity.flatMap((n, i) => (n > 0 ? [{ id: `t${i}`, optionId: `o${i}`, seats: n, kept: [] }] : []))
        // Every way to give each person one of their topics or none.
        let best = 0
        const left = [...capacity]
        const go = (i: number, count: number) => {
          if (i === people.length) {
            best = Math.max(best, count)
            return
          }
          go(i + 1, count)
          for (const c of (people[i] as AssignPerson).choices) {
            const k = Number(c.slice(1))
            if ((left[k] as number) > 0) {
              left[k] = (left[k] as number) - 1
              go(i + 1, count + 1)
              left[k] = (left[k] as number) + 1
            }
          }
        }
        go(0, 0)
        expect(assignCafeTables(tables, people).report.chosenTopic).toBe(best)
      }),
    )
  })

  it('is deterministic, whatever the order of the people', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ tables, people }) => {
        expect(assignCafeTables(tables, [...people].reverse())).toEqual(assignCafeTables(tables, people))
      }),
    )
  })

  it('mixes no worse than seating in order', () => {
    fc.assert(
      fc.property(arbitraryCase, ({ tables, people }) => {
        const fresh = tables.map((t) => ({ ...t, optionId: 'X', kept: [] }))
        const all = people.map((p) => ({ ...p, choices: ['X'] }))
        // Everyone fits: which of them get the seats is not the question here.
        fc.pre(fresh.reduce((sum, t) => sum + t.seats, 0) >= all.length)
        const { seats } = assignCafeTables(fresh, all)
        const municipalityOf = new Map(all.map((p) => [p.id, p.municipalityId]))
        const assigned = fresh.map((t) => seats.filter((s) => s.tableId === t.id).map((s) => municipalityOf.get(s.participantId) as number))
        // The naive way: fill the tables one after the other in the people's order.
        const naive: number[][] = fresh.map(() => [])
        let i = 0
        for (const p of all) {
          while (i < fresh.length && (naive[i] as number[]).length >= (fresh[i] as AssignTable).seats) i++
          if (i < fresh.length) (naive[i] as number[]).push(p.municipalityId)
        }
        expect(sameMunicipalityPairs(assigned)).toBeLessThanOrEqual(sameMunicipalityPairs(naive))
      }),
    )
  })
})
