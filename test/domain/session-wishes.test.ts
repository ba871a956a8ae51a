import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bilingual } from '~/domain/language'
import {
  allocationModeRefusal,
  checkWishes,
  gatherWishes,
  hasWishFields,
  orderWishes,
  type WishSlot,
  wishesDiffer,
  wishField,
  wishRoundRefusal,
} from '~/domain/session-wishes'

// Møre og Romsdal 2021 day 1: Topplederforum for mayors and chief executives beside an open track; Trøndelag-like day 2 slot.
const day1: WishSlot = {
  id: 'slot1',
  label: 'Parallelle sesjoner, dag 1',
  date: '2021-11-11',
  sessions: [
    { id: 'toppleder', title: 'Topplederforum', restrictedToRoles: ['ordforer', 'kommunedirektor'] },
    { id: 'fag', title: 'Fagspor', restrictedToRoles: [] },
  ],
}
const day2: WishSlot = {
  id: 'slot2',
  label: 'Sesjon A, dag 2',
  date: '2021-11-12',
  sessions: [
    { id: 'a1', title: 'Energi', restrictedToRoles: [] },
    { id: 'a2', title: 'Transport', restrictedToRoles: [] },
    { id: 'a3', title: 'Arealplan', restrictedToRoles: [] },
    { id: 'a4', title: 'Landbruk', restrictedToRoles: [] },
  ],
}
const slots = [day1, day2]
const both = ['2021-11-11', '2021-11-12']

const posted = (fields: Record<string, string>) => gatherWishes(Object.entries(fields))
const check = (fields: Record<string, string>, roleCategory = 'radgiver', attendedDays = both) =>
  checkWishes(posted(fields), { slots, attendedDays, roleCategory })
const codes = (fields: Record<string, string>, roleCategory?: string, days?: string[]) => check(fields, roleCategory, days).map((p) => [p.field, p.code])

describe('gatherWishes', () => {
  it('reads the selects per slot and rank, and takes "Ikke valgt" as no wish', () => {
    const form = [
      ['name', 'Kari'],
      ['wish:slot2:1', 'a3'],
      ['wish:slot2:2', ''],
      ['wish:slot2:3', 'a1'],
    ] as Array<[string, string]>
    expect(gatherWishes(form)).toEqual({
      wishes: [
        { slotId: 'slot2', sessionId: 'a3', rank: 1 },
        { slotId: 'slot2', sessionId: 'a1', rank: 3 },
      ],
      malformed: false,
    })
    expect(hasWishFields(form)).toBe(true)
    expect(hasWishFields([['slot:slot2', 'a1']])).toBe(false)
  })

  it('marks a rank that does not exist, or a select sent twice, as malformed', () => {
    expect(gatherWishes([['wish:slot2:4', 'a1']]).malformed).toBe(true)
    expect(gatherWishes([['wish:slot2:x', 'a1']]).malformed).toBe(true)
    expect(
      gatherWishes([
        ['wish:slot2:1', 'a1'],
        ['wish:slot2:1', 'a2'],
      ]).malformed,
    ).toBe(true)
  })
})

describe('checkWishes', () => {
  it('accepts one to three ranked wishes per attended slot', () => {
    expect(check({ 'wish:slot1:1': 'fag', 'wish:slot2:1': 'a1' })).toEqual([])
    expect(check({ 'wish:slot1:1': 'fag', 'wish:slot2:1': 'a1', 'wish:slot2:2': 'a4', 'wish:slot2:3': 'a2' })).toEqual([])
  })

  it('wants at least one wish in each attended slot, at its first select', () => {
    expect(codes({ 'wish:slot1:1': 'fag' })).toEqual([['wish:slot2:1', 'wish_missing']])
    expect(check({ 'wish:slot1:1': 'fag' })[0]?.params).toEqual({ slot: 'Sesjon A, dag 2' })
  })

  it('wants the ranks in order without gaps: a 2nd or 3rd choice needs those before it', () => {
    expect(codes({ 'wish:slot1:1': 'fag', 'wish:slot2:2': 'a1' })).toEqual([['wish:slot2:1', 'wish_rank_gap']])
    expect(codes({ 'wish:slot1:1': 'fag', 'wish:slot2:1': 'a1', 'wish:slot2:3': 'a2' })).toEqual([['wish:slot2:2', 'wish_rank_gap']])
    expect(codes({ 'wish:slot1:1': 'fag', 'wish:slot2:3': 'a2' })).toEqual([
      ['wish:slot2:1', 'wish_rank_gap'],
      ['wish:slot2:2', 'wish_rank_gap'],
    ])
  })

  it('refuses the same session twice in a slot, at the later rank', () => {
    expect(codes({ 'wish:slot1:1': 'fag', 'wish:slot2:1': 'a1', 'wish:slot2:2': 'a1' })).toEqual([['wish:slot2:2', 'wish_session_twice']])
  })

  it('refuses a session of another slot, and a slot of another event', () => {
    expect(codes({ 'wish:slot1:1': 'a1', 'wish:slot2:1': 'a2' })).toEqual([['wish:slot1:1', 'wish_not_in_slot']])
    expect(codes({ 'wish:slot1:1': 'fag', 'wish:slot2:1': 'a2', 'wish:elsewhere:1': 'x' })).toEqual([['wishes', 'unknown_choice']])
    expect(codes({ 'wish:slot1:1': 'fag', 'wish:slot2:1': 'a2', 'wish:slot2:9': 'a3' })).toEqual([['wishes', 'unknown_choice']])
  })

  it('refuses wishes in a slot on a day the participant does not attend, and asks none there', () => {
    expect(codes({ 'wish:slot2:1': 'a1' }, 'radgiver', ['2021-11-12'])).toEqual([])
    expect(codes({ 'wish:slot1:1': 'fag', 'wish:slot2:1': 'a1' }, 'radgiver', ['2021-11-12'])).toEqual([['wish:slot1:1', 'wish_day_not_attended']])
  })

  it('keeps Topplederforum for mayors and chief executives', () => {
    expect(codes({ 'wish:slot1:1': 'toppleder', 'wish:slot2:1': 'a1' }, 'ordforer')).toEqual([])
    expect(codes({ 'wish:slot1:1': 'toppleder', 'wish:slot2:1': 'a1' }, 'radgiver')).toEqual([['wish:slot1:1', 'session_role_restricted']])
    expect(check({ 'wish:slot1:1': 'toppleder', 'wish:slot2:1': 'a1' }, 'radgiver')[0]?.params).toEqual({
      session: 'Topplederforum',
      roles: bilingual('ordfører og kommunedirektør/rådmann', 'ordførar og kommunedirektør/rådmann'),
    })
  })

  it('asks no wish in a slot whose sessions are all closed to the role', () => {
    const closed: WishSlot = { ...day1, sessions: [day1.sessions[0] as WishSlot['sessions'][number]] }
    expect(checkWishes(posted({ 'wish:slot2:1': 'a1' }), { slots: [closed, day2], attendedDays: both, roleCategory: 'radgiver' })).toEqual([])
    expect(checkWishes(posted({ 'wish:slot2:1': 'a1' }), { slots: [closed, day2], attendedDays: both, roleCategory: 'ordforer' })).toEqual([
      { code: 'wish_missing', field: 'wish:slot1:1', params: { slot: day1.label } },
    ])
  })

  it('accepts exactly the forms whose ranks per slot are 1..k of distinct sessions of that slot (property)', () => {
    const slot = fc.constantFrom(...day2.sessions.map((s) => s.id), 'a1', '')
    fc.assert(
      fc.property(fc.tuple(slot, slot, slot), ([first, second, third]) => {
        const fields = { 'wish:slot1:1': 'fag', 'wish:slot2:1': first, 'wish:slot2:2': second, 'wish:slot2:3': third }
        const chosen = [first, second, third]
        const k = chosen.indexOf('') === -1 ? 3 : chosen.indexOf('')
        const valid = k >= 1 && chosen.slice(k).every((c) => c === '') && new Set(chosen.slice(0, k)).size === k
        expect(check(fields).length === 0).toBe(valid)
      }),
    )
  })
})

describe('orderWishes and wishesDiffer', () => {
  it('orders by slot and rank, and compares as sets', () => {
    const wishes = [
      { slotId: 'slot2', sessionId: 'a2', rank: 2 },
      { slotId: 'slot1', sessionId: 'fag', rank: 1 },
      { slotId: 'slot2', sessionId: 'a1', rank: 1 },
    ]
    expect(orderWishes(wishes, slots).map((w) => w.sessionId)).toEqual(['fag', 'a1', 'a2'])
    expect(wishesDiffer(wishes, orderWishes(wishes, slots))).toBe(false)
    expect(wishesDiffer(wishes, [...wishes.slice(1), { slotId: 'slot2', sessionId: 'a2', rank: 3 }])).toBe(true)
    expect(wishesDiffer(wishes, wishes.slice(1))).toBe(true)
  })
})

describe('allocationModeRefusal', () => {
  it('switches to by wishes only while no parallel seat is taken', () => {
    expect(allocationModeRefusal('first_come', 'by_wishes', { parallelSeatsTaken: 0, allocationPublished: false })).toBeNull()
    expect(allocationModeRefusal('first_come', 'by_wishes', { parallelSeatsTaken: 3, allocationPublished: false })).toEqual({
      code: 'allocation_mode_seats_taken',
      params: { count: 3 },
    })
  })

  it('switches back to first come only until an allocation is published', () => {
    expect(allocationModeRefusal('by_wishes', 'first_come', { parallelSeatsTaken: 0, allocationPublished: false })).toBeNull()
    expect(allocationModeRefusal('by_wishes', 'first_come', { parallelSeatsTaken: 40, allocationPublished: true })?.code).toBe('allocation_mode_published')
  })

  it('lets an unchanged setting through whatever the state', () => {
    expect(allocationModeRefusal('by_wishes', 'by_wishes', { parallelSeatsTaken: 40, allocationPublished: true })).toBeNull()
    expect(allocationModeRefusal('first_come', 'first_come', { parallelSeatsTaken: 40, allocationPublished: true })).toBeNull()
  })
})

describe('wishRoundRefusal', () => {
  const byWishes = { sessionAllocation: 'by_wishes' as const, wishRoundClosed: false, allocationPublished: false }
  it('closes and reopens only by wishes, and reopens only until publication', () => {
    expect(wishRoundRefusal('close', byWishes)).toBeNull()
    expect(wishRoundRefusal('reopen', { ...byWishes, wishRoundClosed: true })).toBeNull()
    expect(wishRoundRefusal('close', { ...byWishes, sessionAllocation: 'first_come' })).toBe('wish_round_first_come')
    expect(wishRoundRefusal('reopen', { ...byWishes, wishRoundClosed: true, allocationPublished: true })).toBe('wish_round_published')
  })
})

describe('wishField', () => {
  it('names the select and the slot', () => {
    expect(wishField('s', 2)).toBe('wish:s:2')
    expect(wishField('s')).toBe('wish:s')
  })
})
