import { describe, expect, it } from 'vitest'
import type { ParticipantStatus } from '../../db/schema'
import { DomainError } from '~/domain/errors'
import {
  afterDeadline,
  can,
  type EventAction,
  type PhaseAction,
  type PolicyContext,
  permit,
  type Refusal,
  refusal,
  registrationActor,
  type Role,
} from '~/domain/permissions'
import type { EventPhase } from '~/domain/phase'

/**
 * The policy as a table, written by hand from DESIGN.md §3 ("Binding
 * registration") and decision 29: every action, every phase, every role.
 * One letter per phase, in this order: draft, announced, open, closed,
 * running, finished, archived.
 */
const PHASES: EventPhase[] = ['draft', 'announced', 'open', 'closed', 'running', 'finished', 'archived']
const ROLES: Array<Role | null> = ['organiser', 'viewer', 'desk', 'contact_person', 'participant', null]

const LETTERS: Record<string, Refusal | null> = {
  Y: null, // allowed
  N: 'not_found', // no business here: 404
  R: 'registration_not_open',
  D: 'deadline_passed',
  S: 'stay_change_after_deadline',
  O: 'order_closed',
  X: 'restore_not_possible',
  A: 'restore_after_deadline',
  W: 'wish_round_closed',
  C: 'checkin_not_open',
  V: 'survey_not_open',
  Z: 'survey_closed',
  P: 'cafe_picking_closed',
  Q: 'data_request_closed',
}

const NOBODY = 'NNNNNNN'

/** Roles not named are 'NNNNNNN'. */
type Row = Partial<Record<Role | 'nobody', string>>

const TABLE: Record<Exclude<PhaseAction, 'participant.restore'>, Row> = {
  // Before the deadline the contact person adds; after it only an organiser, also while the event runs.
  'participant.enrol': { organiser: 'RRYYYRR', contact_person: 'RRYDDRR' },
  // Details and sessions until the event starts; while it runs only an organiser.
  'participant.edit': { organiser: 'RRYYYRR', contact_person: 'RRYYRRR' },
  // Days and nights: after the deadline only through an organiser.
  'participant.edit-stay': { organiser: 'RRYYYRR', contact_person: 'RRYSRRR' },
  // Substitution until the event starts, for both; while it runs, a substitute who turns up is handled at the desk by an organiser or desk helper.
  'participant.substitute': { organiser: 'RRYYYRR', contact_person: 'RRYYRRR', desk: 'RRRRYRR' },
  // Cancellation (late after the deadline) until the event starts; while it runs only an organiser.
  'participant.cancel': { organiser: 'RRYYYRR', contact_person: 'RRYYRRR' },
  // The order of the covered places: the contact person before the deadline, an organiser also after it until the event starts.
  'registration.reorder': { organiser: 'OOYYOOO', contact_person: 'OOYOOOO' },
  // A participant's own sessions, until the event starts; nobody else through this action.
  'participant.choose-sessions': { participant: 'RRYYRRR' },
  // Ranked session wishes, while the wish round is open (see WISH_ROUND_CLOSED below), until the event starts.
  'participant.wish': { organiser: 'RRYYRRR', contact_person: 'RRYYRRR', participant: 'RRYYRRR' },
  // Waiting lists for full sessions and hotel nights, until the event starts.
  'waitlist.join': { organiser: 'RRYYRRR', contact_person: 'RRYYRRR', participant: 'RRYYRRR' },
  // A room offered from a waiting list is answered by the contact person or an organiser, until the event starts.
  'waitlist.answer': { organiser: 'RRYYRRR', contact_person: 'RRYYRRR' },
  // Check-in from the deadline until the event is over, at the desk.
  'checkin.mark': { organiser: 'CCCYYYC', desk: 'CCCYYYC' },
  // The survey, by its own times (see SURVEY below); without them it is not open, and after the event's data is gone it is closed.
  'survey.answer': { participant: 'VVVVVVZ' },
  // Picking a world-café table: a participant once the organiser opens it (see CAFE_OPEN below), an organiser for them any time but in a draft or archived event.
  'cafe.pick': { organiser: 'PYYYYYP', participant: 'PPPPPPP' },
  // Asking the organisers to correct or delete one's data, until the event starts.
  'data.request': { contact_person: 'YYYYQQQ', participant: 'YYYYQQQ' },
}

/** The survey between its opening and closing times, and after it closes. */
const SURVEY_OPEN: Row = { participant: 'YYYYYYZ' }
const SURVEY_CLOSED: Row = { participant: 'ZZZZZZZ' }
/** Picking tables once the organiser has opened it. */
const CAFE_OPEN: Row = { organiser: 'PYYYYYP', participant: 'PYYYYYP' }

/** Wishes once the organiser has closed the round: refused for everyone with the round's own reason while registration runs. */
const WISH_ROUND_CLOSED: Row = { organiser: 'RRWWRRR', contact_person: 'RRWWRRR', participant: 'RRWWRRR' }

/** Undoing a cancellation, by the participant's status and whether what they held was kept. */
const RESTORE: Array<{ status: ParticipantStatus; keptHoldings: boolean; rows: Row }> = [
  // A late cancellation kept its places: either may undo it until the event starts.
  { status: 'late_cancelled', keptHoldings: true, rows: { organiser: 'XXYYXXX', contact_person: 'XXYYXXX' } },
  // A cancellation in time gave its places back: after the deadline only an organiser may take them again.
  { status: 'cancelled', keptHoldings: true, rows: { organiser: 'XXYYXXX', contact_person: 'XXYAXXX' } },
  // Without what they held there is nothing to restore.
  { status: 'cancelled', keptHoldings: false, rows: { organiser: 'XXXXXXX', contact_person: 'XXXXXXX' } },
  { status: 'late_cancelled', keptHoldings: false, rows: { organiser: 'XXXXXXX', contact_person: 'XXXXXXX' } },
  // Not cancelled at all.
  { status: 'active', keptHoldings: true, rows: { organiser: 'XXXXXXX', contact_person: 'XXXXXXX' } },
  { status: 'substituted', keptHoldings: true, rows: { organiser: 'XXXXXXX', contact_person: 'XXXXXXX' } },
]

function expected(row: Row, role: Role | null, phaseIndex: number): Refusal | null {
  const letters = row[role ?? 'nobody'] ?? NOBODY
  const letter = letters[phaseIndex]
  if (letters.length !== PHASES.length || letter === undefined || !(letter in LETTERS)) throw new Error(`bad row ${letters}`)
  return LETTERS[letter] ?? null
}

function cases(row: Row, context: (phase: EventPhase) => PolicyContext) {
  return ROLES.flatMap((role) => PHASES.map((phase, i) => ({ role, phase, context: context(phase), want: expected(row, role, i) })))
}

describe('the permission policy, every action × phase × role', () => {
  for (const [action, row] of Object.entries(TABLE) as Array<[Exclude<PhaseAction, 'participant.restore'>, Row]>) {
    it(`${action}`, () => {
      for (const c of cases(row, (phase) => ({ phase }))) {
        expect(refusal(c.role, action, c.context), `${c.role} ${action} in ${c.phase}`).toBe(c.want)
        expect(can(c.role, action, c.context), `${c.role} ${action} in ${c.phase}`).toBe(c.want === null)
      }
    })
  }

  for (const { status, keptHoldings, rows } of RESTORE) {
    it(`participant.restore of a ${status} participant, holdings ${keptHoldings ? 'kept' : 'lost'}`, () => {
      for (const c of cases(rows, (phase) => ({ phase, participant: { status, keptHoldings } }))) {
        expect(refusal(c.role, 'participant.restore', c.context), `${c.role} restore in ${c.phase}`).toBe(c.want)
        expect(can(c.role, 'participant.restore', c.context)).toBe(c.want === null)
      }
    })
  }

  it('participant.wish after the wish round is closed', () => {
    for (const c of cases(WISH_ROUND_CLOSED, (phase) => ({ phase, wishRoundClosed: true }))) {
      expect(refusal(c.role, 'participant.wish', c.context), `${c.role} wish in ${c.phase}`).toBe(c.want)
    }
  })

  it('survey.answer between the opening and closing times, and after', () => {
    for (const [survey, row] of [
      ['open', SURVEY_OPEN],
      ['closed', SURVEY_CLOSED],
    ] as const) {
      for (const c of cases(row, (phase) => ({ phase, survey }))) {
        expect(refusal(c.role, 'survey.answer', c.context), `${c.role} answer a ${survey} survey in ${c.phase}`).toBe(c.want)
      }
    }
  })

  it('cafe.pick once the organiser has opened picking', () => {
    for (const c of cases(CAFE_OPEN, (phase) => ({ phase, cafePickingOpen: true }))) {
      expect(refusal(c.role, 'cafe.pick', c.context), `${c.role} pick in ${c.phase}`).toBe(c.want)
    }
  })

  it('refuses a restore when the context does not say whose', () => {
    expect(refusal('organiser', 'participant.restore', { phase: 'open' })).toBe('restore_not_possible')
  })

  it('organiser pages: an organiser everything, a viewer reads the overview, hotel nights and exports, a desk helper opens the desk, nobody else anything, in any phase', () => {
    const rows: Record<EventAction, Partial<Record<Role | 'nobody', boolean>>> = {
      'overview.read': { organiser: true, viewer: true },
      'nights.read': { organiser: true, viewer: true },
      'exports.read': { organiser: true, viewer: true },
      'checkin.read': { organiser: true, desk: true },
      'event.manage': { organiser: true },
    }
    for (const [action, allowed] of Object.entries(rows) as Array<[EventAction, Partial<Record<Role | 'nobody', boolean>>]>) {
      for (const role of ROLES) {
        const want = allowed[role ?? 'nobody'] ?? false
        expect(can(role, action), `${role} ${action}`).toBe(want)
        expect(refusal(role, action), `${role} ${action}`).toBe(want ? null : 'not_found')
      }
    }
  })
})

describe('permit, for services', () => {
  it('answers true when allowed and false (a 404) when the asker has no business here', () => {
    expect(permit('contact_person', 'participant.enrol', { phase: 'open' })).toBe(true)
    expect(permit('viewer', 'participant.enrol', { phase: 'open' })).toBe(false)
    expect(permit(null, 'participant.cancel', { phase: 'open' })).toBe(false)
    expect(permit('contact_person', 'participant.choose-sessions', { phase: 'open' })).toBe(false)
  })

  it("throws the policy's reason as a DomainError, with the caller's field and message values", () => {
    const thrown = (() => {
      try {
        permit('contact_person', 'participant.edit-stay', { phase: 'closed' }, { field: 'nightIds', params: { email: 'arr@example.no' } })
      } catch (error) {
        return error
      }
    })()
    expect(thrown).toBeInstanceOf(DomainError)
    expect(thrown).toMatchObject({ code: 'stay_change_after_deadline', field: 'nightIds', params: { email: 'arr@example.no' } })
    expect((thrown as DomainError).message).toContain('arr@example.no')
    expect(() => permit('contact_person', 'participant.enrol', { phase: 'closed' })).toThrow(expect.objectContaining({ code: 'deadline_passed' }))
    expect(() => permit('organiser', 'registration.reorder', { phase: 'running' })).toThrow(expect.objectContaining({ code: 'order_closed' }))
  })
})

describe('who asks about a registration', () => {
  it("is an organiser when they organise the event, even as the municipality's contact person", () => {
    expect(registrationActor({ organises: true, isContact: true })).toBe('organiser')
    expect(registrationActor({ organises: true, isContact: false })).toBe('organiser')
    expect(registrationActor({ organises: false, isContact: true })).toBe('contact_person')
    expect(registrationActor({ organises: false, isContact: false })).toBeNull()
  })
})

describe('afterDeadline', () => {
  it('makes additions and cancellations late from the deadline on', () => {
    expect(PHASES.filter(afterDeadline)).toEqual(['closed', 'running', 'finished', 'archived'])
  })
})
