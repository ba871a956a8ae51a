import { describe, expect, it } from 'vitest'
import { checkNights, checkSessions, sessionAvailability } from '~/domain/eligibility'

describe('checkNights', () => {
  const night = (night_date: string, requires_reason = false) => ({ night_date, requires_reason })

  it('allows the nights that touch the days attended', () => {
    expect(checkNights([night('2021-11-11')], ['2021-11-11', '2021-11-12'], null)).toEqual([])
    expect(checkNights([night('2021-11-11')], ['2021-11-12'], null)).toEqual([])
    expect(checkNights([night('2021-11-11')], ['2021-11-11'], null)).toEqual([])
  })

  it('refuses a night away from the days attended', () => {
    expect(checkNights([night('2021-11-10')], ['2021-11-12'], null)).toEqual([{ code: 'night_not_touching_days', nightDate: '2021-11-10' }])
  })

  it('wants a reason for the long-travel night', () => {
    expect(checkNights([night('2021-11-10', true)], ['2021-11-11'], '  ')).toEqual([{ code: 'night_needs_reason', nightDate: '2021-11-10' }])
    expect(checkNights([night('2021-11-10', true)], ['2021-11-11'], 'Fire timer med ferje fra Smøla')).toEqual([])
  })
})

describe('checkSessions', () => {
  const toppleder = { id: 'tl', slot_id: 's1', date: '2021-11-11', restricted_to_roles: ['ordforer', 'kommunedirektor'] }
  const parallel2 = { id: 'p2', slot_id: 's1', date: '2021-11-11', restricted_to_roles: [] }
  const webinar = { id: 'w', slot_id: null, date: null, restricted_to_roles: [] }

  it('lets a kommunedirektør join Topplederforum, and not a rådgiver', () => {
    expect(checkSessions([toppleder], ['2021-11-11'], 'kommunedirektor')).toEqual([])
    expect(checkSessions([toppleder], ['2021-11-11'], 'radgiver')).toEqual([{ code: 'session_role_restricted', itemId: 'tl' }])
  })

  it('allows one session per slot, only on days attended; digital sessions need no day', () => {
    expect(checkSessions([toppleder, parallel2], ['2021-11-11'], 'ordforer')).toEqual([{ code: 'two_sessions_in_slot', slotId: 's1' }])
    expect(checkSessions([parallel2], ['2021-11-12'], 'radgiver')).toEqual([{ code: 'session_day_not_attended', itemId: 'p2' }])
    expect(checkSessions([webinar], [], 'radgiver')).toEqual([])
  })
})

describe('sessionAvailability (what the form offers)', () => {
  const topplederforum = { capacity: 40, seatsTaken: 3, restrictedToRoles: ['ordforer', 'kommunedirektor'] }
  const full = { capacity: 40, seatsTaken: 40, restrictedToRoles: [] }

  it('closes a restricted session to other roles, with the reason', () => {
    expect(sessionAvailability(topplederforum, { roleCategory: 'radgiver', hasIt: false }, 'nb')).toEqual({
      available: false,
      reason: 'Bare for ordfører og kommunedirektør/rådmann',
    })
    expect(sessionAvailability(topplederforum, { roleCategory: 'radgiver', hasIt: false }, 'nn')).toEqual({
      available: false,
      reason: 'Berre for ordførar og kommunedirektør/rådmann',
    })
    expect(sessionAvailability(topplederforum, { roleCategory: 'ordforer', hasIt: false }, 'nb')).toEqual({ available: true })
    // No role chosen yet (a new form without JavaScript): offered, the server decides.
    expect(sessionAvailability(topplederforum, { roleCategory: '', hasIt: false }, 'nb')).toEqual({ available: true })
  })

  it('closes a full session, except to a participant who already has a seat in it', () => {
    expect(sessionAvailability(full, { roleCategory: 'radgiver', hasIt: false }, 'nb')).toEqual({ available: false, reason: 'Fullt' })
    expect(sessionAvailability(full, { roleCategory: 'radgiver', hasIt: true }, 'nb')).toEqual({ available: true })
    expect(sessionAvailability({ ...full, seatsTaken: 39 }, { roleCategory: 'radgiver', hasIt: false }, 'nb')).toEqual({ available: true })
    expect(sessionAvailability({ ...full, capacity: null }, { roleCategory: 'radgiver', hasIt: false }, 'nb')).toEqual({ available: true })
  })
})
