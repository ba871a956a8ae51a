import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  describePosition,
  describeWaitingStatus,
  firstWhoFits,
  inLine,
  joinProblem,
  nightFitProblem,
  nightIsFull,
  offerExpiresAt,
  offerOpen,
  positionOf,
  sessionFitProblem,
  WAITING_OFFER_HOURS,
  type WaitingNight,
  type WaitingParticipant,
  type WaitingSession,
} from '~/domain/waiting-list'

const participant = (over: Partial<WaitingParticipant> = {}): WaitingParticipant => ({
  status: 'active',
  roleCategory: 'radgiver',
  attendedDays: ['2018-11-27', '2018-11-28'],
  sessionIds: [],
  nightIds: [],
  longTravelReason: null,
  ...over,
})

const session = (over: Partial<WaitingSession> = {}): WaitingSession => ({
  id: 's1',
  date: '2018-11-28',
  capacity: 2,
  seatsTaken: 2,
  restrictedToRoles: [],
  ...over,
})

const night = (over: Partial<WaitingNight> = {}): WaitingNight => ({
  id: 'n1',
  nightDate: '2018-11-27',
  roomsInBlock: 2,
  roomsTaken: 1,
  roomsHeld: 1,
  requiresReason: false,
  ...over,
})

describe('who may stand on a session’s list', () => {
  it('anyone active who could use it, once it is full', () => {
    expect(joinProblem({ kind: 'session', session: session() }, participant())).toBeNull()
    expect(joinProblem({ kind: 'session', session: session({ seatsTaken: 1 }) }, participant())).toBe('waitlist_not_full')
    expect(joinProblem({ kind: 'session', session: session({ capacity: null }) }, participant())).toBe('waitlist_not_full')
  })

  it('not one who holds it, is not on its day, is of another role or is no longer enrolled', () => {
    expect(sessionFitProblem(session(), participant({ sessionIds: ['s1'] }))).toBe('waitlist_already_has')
    expect(sessionFitProblem(session(), participant({ attendedDays: ['2018-11-27'] }))).toBe('session_day_not_attended')
    expect(sessionFitProblem(session({ restrictedToRoles: ['ordforer'] }), participant())).toBe('session_role_restricted')
    expect(sessionFitProblem(session({ restrictedToRoles: ['ordforer'] }), participant({ roleCategory: 'ordforer' }))).toBeNull()
    expect(sessionFitProblem(session(), participant({ status: 'cancelled' }))).toBe('not_active')
  })

  it('a seat in another session of the same slot is no obstacle: getting this one swaps it', () => {
    expect(sessionFitProblem(session(), participant({ sessionIds: ['s2'] }))).toBeNull()
  })
})

describe('who may stand on a night’s list', () => {
  it('counts held rooms as taken', () => {
    expect(nightIsFull(night())).toBe(true)
    expect(nightIsFull(night({ roomsHeld: 0 }))).toBe(false)
    expect(joinProblem({ kind: 'night', night: night({ roomsHeld: 0 }) }, participant())).toBe('waitlist_not_full')
  })

  it('a night touching the days attended, with its reason when it asks for one, not already held', () => {
    expect(nightFitProblem(night(), participant())).toBeNull()
    // The night before the only day attended, and the night after it, touch it.
    expect(nightFitProblem(night(), participant({ attendedDays: ['2018-11-28'] }))).toBeNull()
    expect(nightFitProblem(night({ nightDate: '2018-11-25' }), participant())).toBe('night_not_touching_days')
    expect(nightFitProblem(night({ requiresReason: true }), participant())).toBe('night_needs_reason')
    expect(nightFitProblem(night({ requiresReason: true }), participant({ longTravelReason: 'Fra Tydal' }))).toBeNull()
    expect(nightFitProblem(night(), participant({ nightIds: ['n1'] }))).toBe('waitlist_already_has')
  })
})

describe('the line', () => {
  const at = (minute: number) => new Date(Date.UTC(2018, 9, 1, 10, minute))

  it('is in the order people joined, then by id', () => {
    const entries = [
      { id: 'c', createdAt: at(2) },
      { id: 'b', createdAt: at(1) },
      { id: 'a', createdAt: at(2) },
    ]
    expect(inLine(entries).map((e) => e.id)).toEqual(['b', 'a', 'c'])
    expect(positionOf(entries, 'c')).toBe(3)
    expect(positionOf(entries, 'x')).toBeNull()
    expect(describePosition(3, true, 'nb')).toBe('Du er nr. 3 på ventelisten')
    expect(describePosition(3, false, 'nb')).toBe('Nr. 3 på ventelisten')
    expect(describePosition(3, true, 'nn')).toBe('Du er nr. 3 på ventelista')
  })

  it('the first who fits is never passed over, and everyone before them no longer fits (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id: fc.uuid(), minute: fc.integer({ min: 0, max: 50 }), fits: fc.boolean() }), { selector: (e) => e.id }),
        (rows) => {
          const entries = rows.map((r) => ({ id: r.id, createdAt: at(r.minute), fits: r.fits }))
          const { first, passedOver } = firstWhoFits(entries, (e) => e.fits)
          const line = inLine(entries)
          const expected = line.find((e) => e.fits) ?? null
          expect(first?.id ?? null).toBe(expected?.id ?? null)
          expect(passedOver.every((e) => !e.fits)).toBe(true)
          expect(passedOver.length).toBe(first ? line.indexOf(first) : line.length)
        },
      ),
    )
  })
})

describe('an offer', () => {
  const now = new Date('2018-10-01T10:00:00Z')

  it(`is held for ${WAITING_OFFER_HOURS} hours, but never past the start of the event`, () => {
    expect(offerExpiresAt(now, new Date('2018-11-27T08:00:00Z'))).toEqual(new Date('2018-10-03T10:00:00Z'))
    expect(offerExpiresAt(now, new Date('2018-10-02T08:00:00Z'))).toEqual(new Date('2018-10-02T08:00:00Z'))
  })

  it('can be answered only while offered and before it runs out', () => {
    const expires = new Date('2018-10-03T10:00:00Z')
    expect(offerOpen({ status: 'offered', offerExpiresAt: expires }, now)).toBe(true)
    expect(offerOpen({ status: 'offered', offerExpiresAt: expires }, expires)).toBe(false)
    expect(offerOpen({ status: 'placed', offerExpiresAt: expires }, now)).toBe(false)
    expect(offerOpen({ status: 'offered', offerExpiresAt: null }, now)).toBe(false)
  })
})

describe('waiting-list status', () => {
  it('is named in both written forms and falls back to the code', () => {
    expect(describeWaitingStatus('waiting', 'nb')).toBe('Venter')
    expect(describeWaitingStatus('waiting', 'nn')).toBe('Ventar')
    expect(describeWaitingStatus('withdrawn', 'nn')).toBe('Teke av ventelista')
    expect(describeWaitingStatus('something_new', 'nb')).toBe('something_new')
  })
})
