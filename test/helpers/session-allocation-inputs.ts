import fc from 'fast-check'
import { type AllocationInput, type AllocationParticipant, type AllocationSession, firstComeAllocation, type WishRank } from '~/domain/session-allocation'

/** Generators of session-allocation inputs for the property tests in test/domain/session-allocation*.test.ts. */

/** true with probability p */
const chance = (p: number) => fc.integer({ min: 0, max: 99 }).map((n) => n < p * 100)

/** Random small events: two slots, a few sessions, a few municipalities, some leaders, some kept seats. */
export const smallAllocationInput = fc
  .record({
    sessions: fc.array(
      fc.record({
        slot: fc.constantFrom('s1', 's2'),
        capacity: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null, freq: 4 }),
        leadersOnly: chance(0.2),
      }),
      { minLength: 1, maxLength: 6 },
    ),
    participants: fc.array(
      fc.record({
        municipality: fc.constantFrom('m1', 'm2', 'm3'),
        leader: chance(0.3),
        slots: fc.subarray(['s1', 's2']),
        wishes: fc.array(fc.record({ session: fc.nat(5), slotOff: chance(0.1) }), { maxLength: 6 }),
        order: fc.option(fc.nat(20), { nil: undefined }),
      }),
      { maxLength: 9 },
    ),
    keep: fc.array(chance(0.2), { maxLength: 20 }),
  })
  .map(({ sessions: raw, participants: people, keep }): AllocationInput => {
    const sessions = raw.map(
      (s, i) => ({ id: `x${i}`, slotId: s.slot, capacity: s.capacity, restrictedToRoles: s.leadersOnly ? ['ordforer'] : [] }) satisfies AllocationSession,
    )
    const participants = people.map((p, i) => {
      const perSlot = new Map<string, number>()
      const wishes: AllocationParticipant['wishes'] = []
      for (const w of p.wishes) {
        const s = sessions[w.session % sessions.length]
        if (!s) continue
        const slotId = w.slotOff ? (s.slotId === 's1' ? 's2' : 's1') : s.slotId
        const rank = (perSlot.get(slotId) ?? 0) + 1
        if (rank > 3) continue
        perSlot.set(slotId, rank)
        wishes.push({ slotId, sessionId: s.id, rank: rank as WishRank })
      }
      return { id: `p${i}`, municipalityId: p.municipality, roleCategory: p.leader ? 'ordforer' : 'radgiver', slotIds: p.slots, wishes, order: p.order }
    })
    // Kept seats: some seats of a first-come allocation, so they are sound together.
    const base: AllocationInput = { sessions, participants }
    const kept = firstComeAllocation(base).filter((_, i) => keep[i])
    return {
      sessions,
      participants: participants.map((p) => {
        const mine = kept.filter((k) => k.participantId === p.id).map((k) => ({ slotId: k.slotId, sessionId: k.sessionId }))
        return mine.length > 0 ? { ...p, kept: mine } : p
      }),
    }
  })
