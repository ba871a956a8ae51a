import { type Kysely, type QueryCreator, sql, type Transaction } from 'kysely'
import type { Database, SessionAllocationMode } from '../../db/schema'
import { formatClockRange, formatWeekday, type IsoDate } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { bilingual, inLanguage, type LanguageForm } from '~/domain/language'
import { permit, type Role, refusal } from '~/domain/permissions'
import type { eventPhase } from '~/domain/phase'
import {
  allocationModeRefusal,
  checkWishes,
  orderWishes,
  type PostedWishes,
  type Wish,
  type WishSlot,
  wishesDiffer,
  rankLabel,
  wishRoundRefusal,
} from '~/domain/session-wishes'
import { lockOrganisedEvent } from './access.server'
import { writeAudit } from './audit.server'
import { readParticipantInEvent } from './participant-in-event.server'
import { lockParticipantsRegistration } from './places/locks.server'
import type { Actor } from './users.server'
import type { AppUser } from '../../db/schema'

/**
 * Ranked wishes for parallel sessions (decision 44, docs/decisions): reading
 * an event's slots as the rules need them, checking and writing a
 * participant's wishes (for the contact person's form through enrolment and
 * editing, and for the participant's own page), the organiser closing and
 * reopening the wish round, and the rule for switching the event between
 * first come and by wishes. The rules themselves are app/domain/session-wishes.ts.
 */

/** The event's parallel slots with their day and sessions, in the order the forms list them. */
export function wishSlotsQuery(db: QueryCreator<Database>, eventId: string) {
  return db
    .selectFrom('program_slot')
    .innerJoin('event_day', 'event_day.id', 'program_slot.event_day_id')
    .innerJoin('program_item', 'program_item.slot_id', 'program_slot.id')
    .select([
      'program_slot.id as slot_id',
      'program_slot.label as slot_label',
      'program_slot.starts_at as slot_starts_at',
      'program_slot.ends_at as slot_ends_at',
      sql<IsoDate>`event_day.date::text`.as('date'),
      'program_item.id',
      'program_item.title',
      'program_item.restricted_to_roles',
    ])
    .where('program_slot.event_id', '=', eventId)
    .orderBy('program_slot.starts_at')
    .orderBy('program_slot.label')
    .orderBy('program_slot.id')
    .orderBy('program_item.sort_order')
    .orderBy('program_item.title')
    .orderBy('program_item.id')
}

type SlotRow = {
  slot_id: string
  slot_label: string
  slot_starts_at: Date | string
  slot_ends_at: Date | string
  date: IsoDate
  id: string
  title: string
  restricted_to_roles: string[]
}

/**
 * The rows of `wishSlotsQuery` as the rules take them; a slot is labelled
 * with its weekday and time, in both written forms (`bilingual`: the label
 * only goes into DomainError parameters, cut to the reader's form there).
 */
export function wishSlotsOf(rows: readonly SlotRow[]): WishSlot[] {
  const slots = new Map<string, WishSlot & { sessions: WishSlot['sessions'][number][] }>()
  for (const r of rows) {
    let slot = slots.get(r.slot_id)
    if (!slot) {
      const when = (form: LanguageForm) =>
        `${r.slot_label}, ${formatWeekday(r.date, form)} ${formatClockRange(new Date(r.slot_starts_at), new Date(r.slot_ends_at))}`
      const label = bilingual(when('nb'), when('nn'))
      slot = { id: r.slot_id, label, date: r.date, sessions: [] }
      slots.set(r.slot_id, slot)
    }
    slot.sessions.push({ id: r.id, title: r.title, restrictedToRoles: r.restricted_to_roles })
  }
  return [...slots.values()]
}

export async function readWishSlots(db: Kysely<Database>, eventId: string): Promise<WishSlot[]> {
  return wishSlotsOf(await wishSlotsQuery(db, eventId).execute())
}

/** The wishes of participants, by participant, in slot and rank order. */
export async function readWishes(db: Kysely<Database>, participantIds: readonly string[]): Promise<Map<string, Wish[]>> {
  const byParticipant = new Map<string, Wish[]>()
  if (participantIds.length === 0) return byParticipant
  const rows = await db
    .selectFrom('session_wish')
    .innerJoin('program_slot', 'program_slot.id', 'session_wish.slot_id')
    .select(['session_wish.participant_id', 'session_wish.slot_id', 'session_wish.program_item_id', 'session_wish.rank'])
    .where('session_wish.participant_id', 'in', participantIds)
    .orderBy('program_slot.starts_at')
    .orderBy('session_wish.slot_id')
    .orderBy('session_wish.rank')
    .execute()
  for (const r of rows) {
    const list = byParticipant.get(r.participant_id) ?? []
    list.push({ slotId: r.slot_id, sessionId: r.program_item_id, rank: r.rank })
    byParticipant.set(r.participant_id, list)
  }
  return byParticipant
}

/** What an event's way of handing out parallel seats is, as enrolment, editing and the pages read it. */
export interface WishSetting {
  session_allocation: SessionAllocationMode
  wish_round_closed_at: Date | null
}

/**
 * Checks a participant's posted wishes against the rules and the policy, and
 * says what to write. Only for an event by wishes. While the policy allows
 * no change ('participant.wish': the round is closed, or the event runs),
 * wishes the form did not change pass (the rest of the form can still be
 * saved) and a change is refused with the policy's reason; a participant
 * enrolled then gives none, and the organiser places them by hand. Throws
 * the first problem as a DomainError at its field.
 */
export function settleWishes(
  setting: WishSetting,
  input: {
    role: Role
    phase: ReturnType<typeof eventPhase>
    slots: readonly WishSlot[]
    posted: PostedWishes
    held: readonly Wish[]
    attendedDays: readonly IsoDate[]
    roleCategory: string
  },
): { wishes: Wish[]; changed: boolean } {
  const changed = wishesDiffer(input.held, input.posted.wishes) || input.posted.malformed
  const context = { phase: input.phase, wishRoundClosed: setting.wish_round_closed_at !== null }
  // Unchanged wishes pass while the policy allows no change (the round closed, the event running), so the rest of the
  // form can be saved; while it allows changes they are checked below, as they may no longer fit a changed day or role.
  if (!changed && refusal(input.role, 'participant.wish', context) !== null) return { wishes: [...input.held], changed: false }
  if (changed) permit(input.role, 'participant.wish', context, { field: 'wishes' })
  const problem = checkWishes(input.posted, { slots: input.slots, attendedDays: input.attendedDays, roleCategory: input.roleCategory })[0]
  if (problem) throw new DomainError(problem.code, problem.field, problem.params)
  return { wishes: orderWishes(input.posted.wishes, input.slots), changed }
}

/**
 * For an event by wishes, the sessions a change of a participant's sessions
 * asks for: the sign-ups the form sent, and the seats in parallel sessions
 * they hold, which are the allocation's (the form ranks wishes instead and
 * does not send them). A parallel session the form sends that they do not
 * hold is refused: a seat there is not taken first come.
 */
export function sessionsUnderWishes(slots: readonly WishSlot[], heldIds: readonly string[], postedIds: readonly string[]): string[] {
  const parallel = new Set(slots.flatMap((s) => s.sessions.map((x) => x.id)))
  if (postedIds.some((id) => parallel.has(id) && !heldIds.includes(id))) throw new DomainError('wish_seat_by_allocation', 'sessionIds')
  return [...new Set([...postedIds.filter((id) => !parallel.has(id)), ...heldIds.filter((id) => parallel.has(id))])]
}

/** No wishes: what a form without wish selects posts. */
export const NO_WISHES: PostedWishes = { wishes: [], malformed: false }

/** Wishes as words for the audit log: `<slotId>:<rank>:<sessionId>`. */
export function wishKeys(wishes: readonly Wish[]): string[] {
  return wishes.map((w) => `${w.slotId}:${w.rank}:${w.sessionId}`)
}

/**
 * Replaces a participant's wishes with `wishes` and marks when they changed
 * (`participant.wishes_changed_at`, which a re-run of the allocation reads to
 * keep the seats of those who did not change).
 */
export async function writeWishes(trx: Transaction<Database>, participantId: string, wishes: readonly Wish[], now: Date) {
  await trx.deleteFrom('session_wish').where('participant_id', '=', participantId).execute()
  if (wishes.length > 0) {
    await trx
      .insertInto('session_wish')
      .values(wishes.map((w) => ({ participant_id: participantId, slot_id: w.slotId, program_item_id: w.sessionId, rank: w.rank, created_at: now })))
      .execute()
  }
  await markWishesChanged(trx, participantId, now)
}

/** Marks that a participant's wishes or days changed (enrolment and editing call it when the days change). */
export async function markWishesChanged(trx: Transaction<Database>, participantId: string, now: Date) {
  await trx.updateTable('participant').set({ wishes_changed_at: now }).where('id', '=', participantId).execute()
}

/** The statements enrolment sends with its other writes for a new participant's wishes (it has no held wishes to delete). */
export function newWishRows(db: Kysely<Database>, participantId: string, wishes: readonly Wish[], now: Date) {
  return [
    wishes.length > 0 &&
      db
        .insertInto('session_wish')
        .values(wishes.map((w) => ({ participant_id: participantId, slot_id: w.slotId, program_item_id: w.sessionId, rank: w.rank, created_at: now }))),
  ]
}

/**
 * For a change of a participant of an event by wishes: the event's setting,
 * the event's slots and the participant's wishes now. The event row is not
 * locked (organisers' changes lock it first, and changes to participants
 * lock the municipality first): a wish saved as the round closes is taken
 * as given just before.
 */
export async function readWishState(trx: Transaction<Database>, eventId: string, participantId: string) {
  const setting = await trx
    .selectFrom('event')
    .select(['session_allocation', 'wish_round_closed_at', 'allocation_published_at'])
    .where('id', '=', eventId)
    .executeTakeFirstOrThrow()
  if (setting.session_allocation !== 'by_wishes') return { setting, slots: [], held: [] }
  const [slots, held] = await Promise.all([readWishSlots(trx, eventId), readWishes(trx, [participantId])])
  return { setting, slots, held: held.get(participantId) ?? [] }
}

/**
 * A participant's own wishes, ranked on their page: under the same rules as
 * the contact person's form, until the wish round closes (the policy's
 * 'participant.wish'). Null for anyone but that participant, a participant
 * no longer enrolled, or an event that hands out seats first come.
 */
export async function saveOwnWishes(db: Kysely<Database>, user: AppUser, participantId: string, posted: PostedWishes, now: Date) {
  return db.transaction().execute(async (trx) => {
    if (!(await lockParticipantsRegistration(trx, participantId))) return null
    const participant = await readParticipantInEvent(trx, participantId, now, { owner: user })
    if (participant?.status !== 'active') return null
    const { setting, slots, held } = await readWishState(trx, participant.event_id, participantId)
    if (setting.session_allocation !== 'by_wishes') return null
    const { phase } = participant
    if (!permit('participant', 'participant.wish', { phase, wishRoundClosed: setting.wish_round_closed_at !== null }, { field: 'wishes' })) return null
    const days = await trx
      .selectFrom('participant_day')
      .innerJoin('event_day', 'event_day.id', 'participant_day.event_day_id')
      .select(sql<IsoDate>`event_day.date::text`.as('date'))
      .where('participant_day.participant_id', '=', participantId)
      .execute()
    const { wishes, changed } = settleWishes(setting, {
      role: 'participant',
      phase,
      slots,
      posted,
      held,
      attendedDays: days.map((d) => d.date),
      roleCategory: participant.role_category,
    })
    if (changed) {
      await writeWishes(trx, participantId, wishes, now)
      await writeAudit(trx, {
        actorUserId: user.id,
        actorLabel: 'participant',
        action: 'participant.wishes_changed',
        entityType: 'participant',
        entityId: participantId,
        eventId: participant.event_id,
        registrationId: participant.registration_id,
        before: { name: participant.name, wishes: held },
        after: { name: participant.name, wishes },
        at: now,
      })
    }
    return { changed }
  })
}

/**
 * The organiser closes the wish round (no more changes to wishes; the
 * allocation can run) or reopens it, until an allocation is published.
 * Audited. Null when the actor does not organise the event; closing a closed
 * round or reopening an open one changes nothing.
 */
export async function setWishRound(db: Kysely<Database>, actor: Actor, eventId: string, change: 'close' | 'reopen', now: Date) {
  return db.transaction().execute(async (trx) => {
    const event = await lockOrganisedEvent(trx, actor, eventId)
    if (!event) return null
    const why = wishRoundRefusal(change, {
      sessionAllocation: event.session_allocation,
      wishRoundClosed: event.wish_round_closed_at !== null,
      allocationPublished: event.allocation_published_at !== null,
    })
    if (why) throw new DomainError(why)
    const closed = event.wish_round_closed_at !== null
    if ((change === 'close') === closed) return { changed: false, closedAt: event.wish_round_closed_at }
    const closedAt = change === 'close' ? now : null
    await trx.updateTable('event').set({ wish_round_closed_at: closedAt, updated_at: now }).where('id', '=', eventId).execute()
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: 'organiser',
      action: change === 'close' ? 'event.wish_round_closed' : 'event.wish_round_reopened',
      entityType: 'event',
      entityId: eventId,
      eventId,
      before: { wish_round_closed_at: event.wish_round_closed_at },
      after: { wish_round_closed_at: closedAt },
      at: now,
    })
    return { changed: true, closedAt }
  })
}

/**
 * Refuses switching an event between first come and by wishes when the rule
 * in app/domain/session-wishes.ts says no: to by wishes once seats in
 * parallel sessions are taken, back to first come once an allocation is
 * published. Called by the event form's save, with the event locked.
 */
export async function assertAllocationModeChange(
  trx: Transaction<Database>,
  event: { id: string; session_allocation: SessionAllocationMode; allocation_published_at: Date | null },
  to: SessionAllocationMode,
) {
  if (event.session_allocation === to) return
  const taken = await trx
    .selectFrom('program_item')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('seats_taken'), sql<number>`0`).as('n'))
    .where('event_id', '=', event.id)
    .where('slot_id', 'is not', null)
    .executeTakeFirstOrThrow()
  const why = allocationModeRefusal(event.session_allocation, to, {
    parallelSeatsTaken: Number(taken.n),
    allocationPublished: event.allocation_published_at !== null,
  })
  if (why) throw new DomainError(why.code, 'sessionAllocation', why.params)
}

/**
 * What a participant form of an event by wishes needs: whether the round is
 * closed or the allocation published, and the wishes held (none for a new
 * participant). Null for an event that hands out seats first come. The
 * caller has checked access (the event id comes from a granted record).
 */
export async function getWishForm(db: Kysely<Database>, eventId: string, participantId: string | null) {
  const event = await db
    .selectFrom('event')
    .select(['session_allocation', 'wish_round_closed_at', 'allocation_published_at'])
    .where('id', '=', eventId)
    .executeTakeFirstOrThrow()
  if (event.session_allocation !== 'by_wishes') return null
  const held = participantId ? ((await readWishes(db, [participantId])).get(participantId) ?? []) : []
  return { roundClosed: event.wish_round_closed_at !== null, published: event.allocation_published_at !== null, held }
}

/**
 * The wishes of a municipality's participants in words ("Sesjon A: 1. valg
 * Energi, 2. valg Transport"), for its page while the allocation is not
 * published; null for an event first come or once published.
 */
export async function describeWishesOf(db: Kysely<Database>, eventId: string, participantIds: readonly string[], languageForm: LanguageForm) {
  const form = await getWishForm(db, eventId, null)
  if (!form || form.published) return null
  const [slots, wishes] = await Promise.all([readWishSlots(db, eventId), readWishes(db, participantIds)])
  const text = new Map<string, string>()
  for (const [participantId, list] of wishes) {
    const parts = slots
      .filter((s) => list.some((w) => w.slotId === s.id))
      .map((slot) => {
        const ranked = list
          .filter((w) => w.slotId === slot.id)
          .map((w) => `${rankLabel(w.rank, languageForm)} ${slot.sessions.find((x) => x.id === w.sessionId)?.title ?? '–'}`)
        return `${inLanguage(slot.label, languageForm).split(',')[0]}: ${ranked.join(', ')}`
      })
    text.set(participantId, parts.join('; '))
  }
  return text
}

/** The form's wish state for `role` in `phase`: the wishes held, and the policy's reason when they cannot be changed. */
export function wishFormState(
  role: Role | null,
  phase: ReturnType<typeof eventPhase>,
  form: Awaited<ReturnType<typeof getWishForm>>,
  languageForm: LanguageForm,
) {
  if (!form) return null
  const why = refusal(role, 'participant.wish', { phase, wishRoundClosed: form.roundClosed })
  return { held: form.held, closedReason: why === null ? null : why === 'not_found' ? '' : new DomainError(why).messageIn(languageForm) }
}
