import type { ParticipantStatus } from '../../db/schema'
import { DomainError, type DomainErrorCode } from './errors'
import type { EventPhase } from './phase'

/**
 * Who may do what, in which phase: the one policy (decisions 29 and 40,
 * docs/decisions). Loaders ask `can` what to show; services refuse with
 * `permit`, which throws the policy's own reason. No phase or role rule is
 * written anywhere else.
 *
 * The asker's role is relative to what they ask about: an organiser or a
 * viewer of the event, the contact person of the municipality's registration,
 * or the participant themself. Someone who is both an organiser and the
 * contact person acts as an organiser (`registrationActor`).
 */

/** An event's team: an organiser (the first and every co-organiser, medarrangør), a viewer (lesetilgang) or a desk helper (vert i registreringen). */
export type EventRole = 'organiser' | 'viewer' | 'desk'

/** Who asks. */
export type Role = EventRole | 'contact_person' | 'participant'

/** Actions on an event's organiser pages, for its team; no phase decides them. */
export type EventAction =
  /** Read the overview (Oversikt). */
  | 'overview.read'
  /** Read the hotel nights (Hotellnetter). */
  | 'nights.read'
  /** Read the export page and download its lists (Eksport). */
  | 'exports.read'
  /** Open the check-in desk: names, municipality and arrival, no health data (Innsjekking). */
  | 'checkin.read'
  /** Everything else: every other organiser page, and every change (POST) anywhere. */
  | 'event.manage'

/** Actions on a municipality's participants, for its contact person and the event's organisers; the phase decides. */
export type RegistrationAction =
  /** Add a participant (after the deadline a late addition). */
  | 'participant.enrol'
  /** Change a participant's details and sessions. */
  | 'participant.edit'
  /** Change a participant's days and hotel nights (asked on top of `participant.edit`). */
  | 'participant.edit-stay'
  /** Replace a participant with another person of the municipality (erstatte). */
  | 'participant.substitute'
  /** Remove a participant (after the deadline a late cancellation). */
  | 'participant.cancel'
  /** Undo a cancellation; needs the participant in the context. */
  | 'participant.restore'
  /** Move a participant up or down the order that decides who uses the covered places. */
  | 'registration.reorder'

/** Actions of a participant on their own registration. */
export type OwnAction = 'participant.choose-sessions'

/**
 * Actions on a participant's place in parallel sessions by wishes and on
 * waiting lists (decisions 043 and 045), for the participant, their contact
 * person and the event's organisers.
 */
export type WishAction =
  /** Rank sessions per slot; until the organiser closes the wish round. */
  | 'participant.wish'
  /** Stand on a full session's or hotel night's waiting list, or leave it. */
  | 'waitlist.join'
  /** Accept or decline a hotel room offered from a waiting list (the contact person, or an organiser). */
  | 'waitlist.answer'

/** Actions of the gathering days (decisions 046–050). */
export type GatheringAction =
  /** Mark a participant arrived on a day, or undo it (the desk and organisers). */
  | 'checkin.mark'
  /** Answer the survey, or change one's answer (the participant). */
  | 'survey.answer'
  /** Pick a world-café table, or change it (the participant). */
  | 'cafe.pick'

/** Actions on one's own personal data (decision 053). */
export type PersonalDataAction =
  /** Ask the organisers to correct or delete what is stored (a participant or contact person), until the event starts. */
  'data.request'

/** Actions whose answer depends on the event's phase. */
export type PhaseAction = RegistrationAction | OwnAction | WishAction | GatheringAction | PersonalDataAction

export type Action = EventAction | PhaseAction

/** What a phase rule needs to know. */
export interface PolicyContext {
  /** From `eventPhase` (app/domain/phase.ts). */
  phase: EventPhase
  /** The participant acted on, for `participant.restore`: their status, and whether what they held at cancellation was kept. */
  participant?: { status: ParticipantStatus; keptHoldings: boolean }
  /** For `participant.wish`: whether the organiser has closed the wish round. */
  wishRoundClosed?: boolean
  /** For `survey.answer`: where the survey stands by its opening and closing times. */
  survey?: 'not_open' | 'open' | 'closed'
  /** For `cafe.pick`: whether the organiser has opened picking of tables. */
  cafePickingOpen?: boolean
}

/** Why not: 'not_found' when the asker has no business here at all (routes answer 404), else the error the user is shown. */
export type Refusal = 'not_found' | DomainErrorCode

/** The actions a viewer may take. Everything else on the organiser pages is an organiser's alone. */
const VIEWER_ACTIONS: ReadonlySet<Action> = new Set<Action>(['overview.read', 'nights.read', 'exports.read'])
/** The actions a desk helper may take on the organiser pages: the check-in desk only. */
const DESK_ACTIONS: ReadonlySet<Action> = new Set<Action>(['checkin.read'])

type PhaseRule = (role: Role, context: PolicyContext) => Refusal | null

const registrationOpen = (phase: EventPhase) => phase === 'open' || phase === 'closed'
const organiser = (role: Role) => role === 'organiser'

/**
 * The rules, one per action (DESIGN.md §3 "Binding registration"). Before the
 * deadline (open) the contact person adds, edits, removes and reorders
 * freely. After it (closed) the registration binds: no new participants
 * but by an organiser, substitution and late cancellation still, days and
 * nights only through an organiser, the order only by an organiser (when
 * coverage is confirmed). While the event runs only an organiser changes or
 * cancels. Before registration opens and after the event nothing changes.
 */
const PHASE_RULES: Record<PhaseAction, { roles: ReadonlySet<Role>; rule: PhaseRule }> = {
  'participant.enrol': {
    roles: new Set(['organiser', 'contact_person']),
    rule: (role, { phase }) => {
      if (phase === 'open') return null
      if (phase === 'closed' || phase === 'running') return organiser(role) ? null : 'deadline_passed'
      return 'registration_not_open'
    },
  },
  'participant.edit': {
    roles: new Set(['organiser', 'contact_person']),
    rule: (role, { phase }) => (registrationOpen(phase) || (phase === 'running' && organiser(role)) ? null : 'registration_not_open'),
  },
  'participant.edit-stay': {
    roles: new Set(['organiser', 'contact_person']),
    rule: (role, context) => {
      const edit = PHASE_RULES['participant.edit'].rule(role, context)
      if (edit) return edit
      return context.phase === 'open' || organiser(role) ? null : 'stay_change_after_deadline'
    },
  },
  // Until the event starts; while it runs, a substitute who turns up is handled at the desk (an organiser or desk helper).
  'participant.substitute': {
    roles: new Set(['organiser', 'contact_person', 'desk']),
    rule: (role, { phase }) => {
      if (phase === 'running') return role === 'organiser' || role === 'desk' ? null : 'registration_not_open'
      return registrationOpen(phase) && role !== 'desk' ? null : 'registration_not_open'
    },
  },
  'participant.cancel': {
    roles: new Set(['organiser', 'contact_person']),
    rule: (role, { phase }) => (registrationOpen(phase) || (phase === 'running' && organiser(role)) ? null : 'registration_not_open'),
  },
  'participant.restore': {
    roles: new Set(['organiser', 'contact_person']),
    rule: (role, { phase, participant }) => {
      // Until the event starts, and only while what they held is known.
      if (!registrationOpen(phase) || !participant?.keptHoldings) return 'restore_not_possible'
      if (participant.status === 'late_cancelled') return null
      if (participant.status !== 'cancelled') return 'restore_not_possible'
      // A cancellation in time gave its places back; after the deadline taking them again is enrolling, an organiser's.
      return phase === 'open' || organiser(role) ? null : 'restore_after_deadline'
    },
  },
  'registration.reorder': {
    roles: new Set(['organiser', 'contact_person']),
    rule: (role, { phase }) => (phase === 'open' || (phase === 'closed' && organiser(role)) ? null : 'order_closed'),
  },
  'participant.choose-sessions': {
    roles: new Set(['participant']),
    rule: (_role, { phase }) => (registrationOpen(phase) ? null : 'registration_not_open'),
  },
  // Wishes are changed until the organiser closes the round, and never after the event starts; then the organiser moves people by hand.
  'participant.wish': {
    roles: new Set(['organiser', 'contact_person', 'participant']),
    rule: (_role, { phase, wishRoundClosed }) => (!registrationOpen(phase) ? 'registration_not_open' : wishRoundClosed ? 'wish_round_closed' : null),
  },
  'waitlist.join': {
    roles: new Set(['organiser', 'contact_person', 'participant']),
    rule: (_role, { phase }) => (registrationOpen(phase) ? null : 'registration_not_open'),
  },
  'waitlist.answer': {
    roles: new Set(['organiser', 'contact_person']),
    rule: (_role, { phase }) => (registrationOpen(phase) ? null : 'registration_not_open'),
  },
  // From the deadline (the list is binding) until the event is over and its data not yet removed.
  'checkin.mark': {
    roles: new Set(['organiser', 'desk']),
    rule: (_role, { phase }) => (phase === 'closed' || phase === 'running' || phase === 'finished' ? null : 'checkin_not_open'),
  },
  // Between the survey's opening and closing times; the event must not be over and archived.
  'survey.answer': {
    roles: new Set(['participant']),
    rule: (_role, { phase, survey }) => {
      if (phase === 'archived' || survey === 'closed') return 'survey_closed'
      return survey === 'open' ? null : 'survey_not_open'
    },
  },
  // Until the event starts; after it the data is used for the event and then deleted or anonymised (decision 051).
  'data.request': {
    roles: new Set(['contact_person', 'participant']),
    rule: (_role, { phase }) => (phase === 'running' || phase === 'finished' || phase === 'archived' ? 'data_request_closed' : null),
  },
  'cafe.pick': {
    roles: new Set(['organiser', 'participant']),
    rule: (role, { phase, cafePickingOpen }) => {
      if (phase === 'archived' || phase === 'draft') return 'cafe_picking_closed'
      return role === 'organiser' || cafePickingOpen ? null : 'cafe_picking_closed'
    },
  },
}

function isEventAction(action: Action): action is EventAction {
  return !Object.hasOwn(PHASE_RULES, action)
}

/** Why `actor` may not take `action` in `context`, or null when they may. */
export function refusal(actor: Role | null, action: EventAction): Refusal | null
export function refusal(actor: Role | null, action: PhaseAction, context: PolicyContext): Refusal | null
export function refusal(actor: Role | null, action: Action, context?: PolicyContext): Refusal | null {
  if (actor === null) return 'not_found'
  if (isEventAction(action)) {
    if (actor === 'organiser') return null
    if (actor === 'viewer') return VIEWER_ACTIONS.has(action) ? null : 'not_found'
    return actor === 'desk' && DESK_ACTIONS.has(action) ? null : 'not_found'
  }
  const { roles, rule } = PHASE_RULES[action]
  if (!roles.has(actor)) return 'not_found'
  if (!context) return 'not_found'
  return rule(actor, context)
}

/** Whether `actor` (null: nobody with a role here) may take `action` in `context`. */
export function can(actor: Role | null, action: EventAction): boolean
export function can(actor: Role | null, action: PhaseAction, context: PolicyContext): boolean
export function can(actor: Role | null, action: Action, context?: PolicyContext): boolean {
  return refusal(actor, action as PhaseAction, context as PolicyContext) === null
}

/**
 * For services: true when `actor` may take `action`; false when they have no
 * business here (the caller answers null, a 404); otherwise throws the
 * policy's reason as a `DomainError`, with the field and message values the
 * caller knows (such as the organiser's email).
 */
export function permit(
  actor: Role | null,
  action: PhaseAction,
  context: PolicyContext,
  detail: { field?: string; params?: Record<string, string | number> } = {},
): boolean {
  const why = refusal(actor, action, context)
  if (why === null) return true
  if (why === 'not_found') return false
  throw new DomainError(why, detail.field, detail.params)
}

/** The role of someone acting on a municipality's registration: an organiser's powers win when they are also its contact person. */
export function registrationActor(access: { organises: boolean; isContact: boolean }): 'organiser' | 'contact_person' | null {
  return access.organises ? 'organiser' : access.isContact ? 'contact_person' : null
}

/**
 * Whether a change made in `phase` comes after the deadline, so an added
 * participant is a late addition and a removal a late cancellation.
 */
export function afterDeadline(phase: EventPhase): boolean {
  return phase === 'closed' || phase === 'running' || phase === 'finished' || phase === 'archived'
}
