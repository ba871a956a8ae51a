import { type Kysely, sql, type Transaction } from 'kysely'
import type { CancelledHoldings, Database, ParticipantStatus } from '../../db/schema'
import type { DemotionReason } from '../../emails/participant-demoted'
import type { PromotionReason } from '../../emails/participant-promoted'
import { type CoverageAssignment, promotedBetween } from '~/domain/coverage'
import { formatNight, type IsoDate } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { chargeOf } from '~/domain/money'
import { changedValues } from '~/domain/history'
import type { ParticipantInput } from '~/domain/participant-form'
import { afterDeadline, permit } from '~/domain/permissions'
import { quotaOf } from '~/domain/quota'
import type { RoleCategory } from '~/domain/roles'
import { registrationAccess } from './access.server'
import { type AuditEntry, writeAudit } from './audit.server'
import { participantDetails } from './enrolment.server'
import { releaseCafeSeat } from './cafe-tables.server'
import { enqueueEmail, type MailSettings, type OutgoingEmail } from './outbox.server'
import { lockParticipantInEvent } from './participant-in-event.server'
import { participantCancelled, participantChanged, participantPromoted, participantSubstituted, readParticipantMail } from './participant-mail.server'
import { checkChoices, readChoices, readHeld, replaceChoices } from './places/choices.server'
import { releasePlaces } from './places/counters.server'
import { recomputeCoverage } from './places/coverage.server'
import { PlacesFull } from './places/full.server'
import { lockParticipantsRegistration, lockPlaces } from './places/locks.server'
import { placesTransaction } from './places/transactions.server'
import { markWishesChanged, readWishState, sessionsUnderWishes, settleWishes, wishKeys, writeWishes } from './session-wishes.server'
import type { Actor } from './users.server'

/**
 * Changes to an enrolled participant by the municipality's contact person or
 * an organiser: details and choices, the order of the covered places,
 * cancellation (late after the deadline), substitution. Each is one
 * transaction that locks the municipality first, like enrolment.
 */

/**
 * An active participant with their municipality's quota and their event's
 * phase, if the actor may change them (an organiser of the event or the
 * municipality's contact person); null otherwise. Locks the municipality's
 * registration first and reads the participant after, so two changes to one
 * participant happen one after the other and the second sees the first.
 */
async function findChangeableParticipant(
  trx: Transaction<Database>,
  actor: Actor,
  participantId: string,
  now: Date,
  statuses: ParticipantStatus[] = ['active'],
) {
  const locked = await lockParticipantInEvent(trx, participantId, now)
  if (!locked || !statuses.includes(locked.found.status)) return null
  // An organiser or the contact person; else a desk helper of the event, whom the policy refuses every change but substitution.
  const access = (await registrationAccess(trx, actor, locked.found)) ?? (await deskAccess(trx, actor, locked.found.event_id))
  if (!access) return null
  return { found: locked.found, access, phase: locked.phase }
}

/**
 * The actor as a desk helper of the event (`event_desk`, decision 046), or
 * null. The policy lets a desk helper take one change alone: substituting
 * someone at the door while the event runs.
 */
async function deskAccess(trx: Transaction<Database>, actor: Actor, eventId: string) {
  const desk = await trx.selectFrom('event_desk').select('user_id').where('event_id', '=', eventId).where('user_id', '=', actor.userId).executeTakeFirst()
  return desk ? ({ organises: false, isContact: false, role: 'desk', label: 'desk' } as const) : null
}

/**
 * Removes a participant. Before the deadline it is a cancellation: their
 * room, seats and covered place are given back, and the covered place goes to
 * the earliest self-paid participant of the municipality who fits (a
 * promotion, told by email). After it, a late cancellation the organisers
 * see, and binding (DESIGN.md §3 "Binding money", decision 31): the rooms
 * stay taken, the covered place stays counted against the quota and nobody
 * is promoted, and what a self-paid participant costs stays owed. Seats in
 * sessions are given back either way. What they held is kept, so the
 * cancellation can be undone until the event starts. Null when the actor may
 * not, or the participant is not active.
 */
export async function cancelParticipant(db: Kysely<Database>, mail: MailSettings, actor: Actor, participantId: string, now: Date) {
  return placesTransaction({ db, mail, now }, async (trx) => {
    const change = await findChangeableParticipant(trx, actor, participantId, now)
    if (!change) return null
    const { found, phase, access } = change
    if (!permit(access.role, 'participant.cancel', { phase })) return null
    const late = afterDeadline(phase)
    // Read before the nights go: the organisers' notice of a late cancellation names them.
    const message = await readParticipantMail(trx, participantId)

    const quota = quotaOf(found)
    const before = await recomputeCoverage(trx, found.registration_id, quota)
    const held = await readHeld(trx, participantId)
    const holdings: CancelledHoldings = { nightIds: held.nightIds, sessionIds: held.sessionIds, longTravelReason: held.longTravelReason }
    await trx
      .updateTable('participant')
      .set({ status: late ? 'late_cancelled' : 'cancelled', cancelled_at: now, updated_at: now, cancelled_holdings: JSON.stringify(holdings) })
      .where('id', '=', participantId)
      .execute()
    // A late cancellation keeps its rooms and covered place (binding); anyone else gives back rooms and covered place.
    await releasePlaces(trx, late ? [] : held.nightIds, held.sessionIds)
    if (!late) {
      await trx.deleteFrom('participant_night').where('participant_id', '=', participantId).execute()
      await trx.updateTable('participant_day').set({ is_covered_day_package: false }).where('participant_id', '=', participantId).execute()
    }
    await trx.deleteFrom('session_choice').where('participant_id', '=', participantId).execute()
    await releaseCafeSeat(trx, found.event_id, participantId)
    const after = await recomputeCoverage(trx, found.registration_id, quota)
    const promoted = promotedBetween(before, after)

    const common = {
      actorUserId: actor.userId,
      actorLabel: access.label,
      eventId: found.event_id,
      registrationId: found.registration_id,
      at: now,
    }
    await writeAudit(trx, {
      ...common,
      action: late ? 'participant.late_cancelled' : 'participant.cancelled',
      entityType: 'participant',
      entityId: participantId,
      before: { name: found.name, status: 'active', coverage: before.get(participantId) },
      after: { status: late ? 'late_cancelled' : 'cancelled', ...(late ? { keeps: 'rooms, covered place and charge' } : {}) },
    })
    for (const email of participantCancelled(mail, message, late)) await enqueueEmail(trx, mail, email, now)
    await recordPromotions(trx, mail, common, promoted, after, 'freed')
    return { late, promoted }
  })
}

/**
 * Undoes a cancellation until the event starts (the contact person or an
 * organiser). A late cancellation kept its rooms and covered place, so the
 * participant is active again as before. A cancellation before the deadline
 * gave them back: the participant comes back last in the municipality's order
 * (a covered place someone else got stays theirs), and retakes their rooms
 * under the same locks and counters as enrolment; a room that is gone refuses
 * the undo, naming the night. After the deadline only an organiser may undo
 * such a cancellation, as only they may enrol. Sessions that filled up in the
 * meantime are left out and named. Null when the actor may not, or the
 * participant is not cancelled.
 */
export async function restoreParticipant(db: Kysely<Database>, mail: MailSettings, actor: Actor, participantId: string, now: Date) {
  return placesTransaction({ db, mail, now }, async (trx) => {
    const change = await findChangeableParticipant(trx, actor, participantId, now, ['cancelled', 'late_cancelled'])
    if (!change) return null
    const { found, phase, access } = change
    const holdings = found.cancelled_holdings
    const context = { phase, participant: { status: found.status, keptHoldings: holdings !== null } }
    // The policy refuses without the holdings already; `!holdings` is for the types.
    if (!permit(access.role, 'participant.restore', context, { params: { email: found.organiser_contact_email } }) || !holdings) return null
    const late = found.status === 'late_cancelled'

    const quota = quotaOf(found)
    const before = await recomputeCoverage(trx, found.registration_id, quota)
    let rank = found.coverage_rank
    if (!late) {
      const last = await trx
        .selectFrom('participant')
        .select((eb) => eb.fn.max('coverage_rank').as('r'))
        .where('registration_id', '=', found.registration_id)
        .executeTakeFirst()
      rank = (last?.r ?? 0) + 1
    }
    // Nights, then sessions, locked in the fixed order before their counters are read.
    await lockPlaces(trx, late ? [] : holdings.nightIds, holdings.sessionIds)
    const [nights, sessions] = await Promise.all([
      late || holdings.nightIds.length === 0
        ? Promise.resolve([])
        : trx
            .selectFrom('hotel_night')
            .select(['id', sql<IsoDate>`night_date::text`.as('night_date'), 'is_covered', 'requires_reason', 'rooms_taken', 'rooms_in_block'])
            .where('id', 'in', holdings.nightIds)
            .execute(),
      holdings.sessionIds.length === 0
        ? Promise.resolve([])
        : trx
            .selectFrom('program_item')
            .select(['id', 'title', 'slot_id', 'capacity', 'seats_taken', 'restricted_to_roles'])
            .where('id', 'in', holdings.sessionIds)
            .execute(),
    ])
    // Seats that are gone are left out and named; a room that is gone refuses the undo.
    const fullNight = nights.find((n) => n.rooms_taken >= n.rooms_in_block)
    if (fullNight) throw new DomainError('restore_night_full', undefined, { night: formatNight(fullNight.night_date) })
    const keptSessions = sessions.filter((s) => s.capacity === null || s.seats_taken < s.capacity)
    const droppedSessions = sessions.filter((s) => !keptSessions.includes(s)).map((s) => s.title)
    await trx
      .updateTable('participant')
      .set({ status: 'active', cancelled_at: null, cancelled_holdings: null, coverage_rank: rank, updated_at: now })
      .where('id', '=', participantId)
      .execute()
    try {
      await replaceChoices(
        trx,
        participantId,
        { dayIds: [], nightIds: [], sessionIds: [] },
        { days: [], nights: late ? undefined : nights, sessions: keptSessions.map((s) => ({ ...s, date: null })) },
        { longTravelReason: holdings.longTravelReason, now },
      )
    } catch (error) {
      if (error instanceof PlacesFull) {
        const night = nights.find((n) => error.places.nights.some((p) => p.id === n.id))
        throw new DomainError('restore_night_full', undefined, { night: night ? formatNight(night.night_date) : '' })
      }
      throw error
    }
    const after = await recomputeCoverage(trx, found.registration_id, quota)
    const common = { actorUserId: actor.userId, actorLabel: access.label, eventId: found.event_id, registrationId: found.registration_id, at: now }
    await writeAudit(trx, {
      ...common,
      action: 'participant.restored',
      entityType: 'participant',
      entityId: participantId,
      before: { name: found.name, status: found.status },
      after: { status: 'active', coverage: after.get(participantId), droppedSessions },
    })
    await enqueueEmail(trx, mail, participantChanged(mail, await readParticipantMail(trx, participantId)), now)
    // A restored participant only takes what is free, so nobody loses a place; others' gains are told.
    const promoted = promotedBetween(before, after).filter((id) => id !== participantId)
    await recordPromotions(trx, mail, common, promoted, after, 'freed')
    const coverage = after.get(participantId)
    return { late, droppedSessions, coveredOvernight: coverage?.coveredOvernight ?? false, coveredDays: coverage?.coveredDays.length ?? 0 }
  })
}

/**
 * An organiser waives what a billable participant (active, or a late
 * cancellation) costs the municipality, with a reason the invoice basis and
 * the coverage confirmation show; or, with `reason` null, takes the waiver
 * back. Audited. Null when the actor does not organise the participant's
 * event.
 */
export async function waiveCharge(db: Kysely<Database>, actor: Actor, participantId: string, reason: string | null, now: Date) {
  return db.transaction().execute(async (trx) => {
    if (!(await lockParticipantsRegistration(trx, participantId))) return null
    const found = await trx
      .selectFrom('participant')
      .innerJoin('registration', 'registration.id', 'participant.registration_id')
      .innerJoin('event', 'event.id', 'registration.event_id')
      .innerJoin('event_organiser', 'event_organiser.event_id', 'event.id')
      .select([
        'participant.id',
        'participant.name',
        'participant.status',
        'participant.attends_dinner',
        'participant.charge_waived_reason',
        'participant.registration_id',
        'registration.event_id',
        'event.price_overnight_package_ore',
        'event.price_day_package_ore',
        'event.price_dinner_ore',
        'event.prices_are_approximate',
        'event.extras_pricing',
        'event.extras_pricing_note',
      ])
      .where('participant.id', '=', participantId)
      .where('event_organiser.user_id', '=', actor.userId)
      .executeTakeFirst()
    if (!found) return null
    const text = reason?.trim() ?? ''
    if (reason !== null && text === '') throw new DomainError('waiver_reason_missing', 'reason')
    if (reason !== null) {
      const [nights, days] = await Promise.all([
        trx.selectFrom('participant_night').select('is_covered').where('participant_id', '=', participantId).execute(),
        trx
          .selectFrom('participant_day')
          .innerJoin('event_day', 'event_day.id', 'participant_day.event_day_id')
          .select(['event_day.date', 'participant_day.is_covered_day_package'])
          .where('participant_id', '=', participantId)
          .execute(),
      ])
      const charge = chargeOf(
        { status: found.status, nights: nights.length, days: days.map((d) => d.date), attendsDinner: found.attends_dinner, waiverReason: null },
        { coveredOvernight: nights.some((n) => n.is_covered), coveredDays: days.filter((d) => d.is_covered_day_package).map((d) => d.date) },
        found,
      )
      if (charge.amountOre === 0) throw new DomainError('nothing_to_waive', 'reason')
    }
    await trx
      .updateTable('participant')
      .set(
        reason === null
          ? { charge_waived_reason: null, charge_waived_at: null, charge_waived_by: null }
          : { charge_waived_reason: text, charge_waived_at: now, charge_waived_by: actor.userId },
      )
      .where('id', '=', participantId)
      .execute()
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: 'organiser',
      action: reason === null ? 'participant.charge_unwaived' : 'participant.charge_waived',
      entityType: 'participant',
      entityId: participantId,
      eventId: found.event_id,
      registrationId: found.registration_id,
      before: { name: found.name, reason: found.charge_waived_reason },
      after: { name: found.name, reason: reason === null ? null : text },
      at: now,
    })
    return { waived: reason !== null }
  })
}

export interface SubstituteInput {
  name: string
  email: string
  phone: string | null
  title: string
  roleCategory: RoleCategory
}

/**
 * Replaces a participant with another person from the same municipality
 * (erstatter) until the event starts, and while it runs at the check-in
 * desk (an organiser or the event's desk helper). The substitute keeps the place in the
 * enrolment order, days, nights, coverage and sessions, except sessions their
 * role may not attend, which are dropped and named in the result. Null when
 * the actor may not, or the participant is not active.
 */
export async function substituteParticipant(db: Kysely<Database>, mail: MailSettings, actor: Actor, participantId: string, input: SubstituteInput, now: Date) {
  return placesTransaction({ db, mail, now }, async (trx) => {
    // A desk helper of the event (decision 046) substitutes someone who turns up instead, while the event runs; the policy says when.
    const change = await findChangeableParticipant(trx, actor, participantId, now)
    if (!change) return null
    const { found, phase } = change
    if (!permit(change.access.role, 'participant.substitute', { phase })) return null

    const choices = await trx
      .selectFrom('session_choice')
      .innerJoin('program_item', 'program_item.id', 'session_choice.program_item_id')
      .select(['program_item.id', 'program_item.title', 'program_item.slot_id', 'program_item.restricted_to_roles'])
      .where('session_choice.participant_id', '=', participantId)
      .execute()
    const kept = choices.filter((c) => c.restricted_to_roles.length === 0 || c.restricted_to_roles.includes(input.roleCategory))
    const dropped = choices.filter((c) => !kept.includes(c)).map((c) => c.title)

    await trx
      .updateTable('participant')
      .set({ status: 'substituted', cancelled_at: now, updated_at: now, idempotency_key: null })
      .where('id', '=', participantId)
      .execute()
    const substitute = await trx
      .insertInto('participant')
      .values({
        registration_id: found.registration_id,
        name: input.name,
        email: input.email,
        phone: input.phone,
        title: input.title,
        role_category: input.roleCategory,
        fields_of_work: found.fields_of_work,
        attends_dinner: found.attends_dinner,
        coverage_rank: found.coverage_rank,
        is_late_addition: found.is_late_addition,
        substitute_for_id: participantId,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    // The substitute takes over the days, nights (with their coverage) and the sessions they may attend.
    await trx.updateTable('participant_day').set({ participant_id: substitute.id }).where('participant_id', '=', participantId).execute()
    await trx.updateTable('participant_night').set({ participant_id: substitute.id }).where('participant_id', '=', participantId).execute()
    // …and their world-café seat: the table's count stays as it is.
    await trx.updateTable('cafe_seat').set({ participant_id: substitute.id }).where('participant_id', '=', participantId).execute()
    await trx.updateTable('topic_wish').set({ participant_id: substitute.id }).where('participant_id', '=', participantId).execute()
    // …and their places in line on waiting lists (decision 045).
    await trx
      .updateTable('waiting_list_entry')
      .set({ participant_id: substitute.id })
      .where('participant_id', '=', participantId)
      .where('status', 'in', ['waiting', 'offered'])
      .execute()
    if (kept.length > 0) {
      await trx
        .updateTable('session_choice')
        .set({ participant_id: substitute.id })
        .where('participant_id', '=', participantId)
        .where(
          'program_item_id',
          'in',
          kept.map((c) => c.id),
        )
        .execute()
    }
    await releasePlaces(
      trx,
      [],
      choices.filter((c) => !kept.includes(c)).map((c) => c.id),
    )
    await trx.deleteFrom('session_choice').where('participant_id', '=', participantId).execute()
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: change.access.label,
      action: 'participant.substituted',
      entityType: 'participant',
      entityId: substitute.id,
      eventId: found.event_id,
      registrationId: found.registration_id,
      before: { id: participantId, name: found.name, email: found.email },
      after: { name: input.name, email: input.email, role: input.roleCategory, droppedSessions: dropped },
      at: now,
    })
    for (const email of participantSubstituted(mail, await readParticipantMail(trx, substitute.id), { name: found.name, email: found.email }, dropped)) {
      await enqueueEmail(trx, mail, email, now)
    }
    return { substitute, dropped }
  })
}

/**
 * Changes an enrolled participant (the contact person or an organiser).
 * Before the deadline anything may change; after it the contact person may
 * still correct details and sessions, but days and hotel nights only through
 * the organiser; once the event runs, only the organiser may change. Rooms
 * and seats follow the new choices under the same locks as enrolment, and
 * coverage is recomputed, so a participant who drops their night frees a
 * covered place for the next in line. Null when the actor may not, or the
 * participant is not active.
 */
export async function updateParticipant(db: Kysely<Database>, mail: MailSettings, actor: Actor, participantId: string, input: ParticipantInput, now: Date) {
  return placesTransaction({ db, mail, now }, async (trx) => {
    const change = await findChangeableParticipant(trx, actor, participantId, now)
    if (!change) return null
    const { found, phase, access } = change
    if (!permit(access.role, 'participant.edit', { phase })) return null

    const held = await readHeld(trx, participantId)
    // By wishes (decision 44): parallel seats are the allocation's, and the form ranks wishes instead.
    const wishState = await readWishState(trx, found.event_id, participantId)
    const byWishes = wishState.setting.session_allocation === 'by_wishes'
    const choices = byWishes ? { ...input, sessionIds: sessionsUnderWishes(wishState.slots, held.sessionIds, input.sessionIds) } : input
    const read = await readChoices(trx, { registrationId: found.registration_id }, choices)
    const attended = checkChoices(read, choices, input.roleCategory, input.longTravelReason)
    const stayChanged = !sameIds(held.dayIds, input.dayIds) || !sameIds(held.nightIds, input.nightIds)
    if (stayChanged) permit(access.role, 'participant.edit-stay', { phase }, { field: 'nightIds', params: { email: found.organiser_contact_email } })
    const wishes =
      byWishes && input.wishes
        ? settleWishes(wishState.setting, {
            role: access.role,
            phase,
            slots: wishState.slots,
            posted: input.wishes,
            held: wishState.held,
            attendedDays: attended,
            roleCategory: input.roleCategory,
          })
        : null
    if (wishes?.changed) await writeWishes(trx, participantId, wishes.wishes, now)
    else if (byWishes && !sameIds(held.dayIds, input.dayIds)) await markWishesChanged(trx, participantId, now)

    const quota = quotaOf(found)
    const coverageBefore = await recomputeCoverage(trx, found.registration_id, quota)
    const goneTopics = held.topicIds.filter((id) => !input.topicIds.includes(id))
    if (goneTopics.length) await trx.deleteFrom('topic_wish').where('participant_id', '=', participantId).where('event_topic_id', 'in', goneTopics).execute()
    const newTopics = input.topicIds.filter((id) => !held.topicIds.includes(id))
    const details = participantDetails(input)
    await replaceChoices(trx, participantId, held, read, {
      longTravelReason: input.longTravelReason,
      now,
      writes: [
        trx
          .updateTable('participant')
          .set({ ...details, updated_at: now })
          .where('id', '=', participantId),
        newTopics.length > 0 && trx.insertInto('topic_wish').values(newTopics.map((id) => ({ participant_id: participantId, event_topic_id: id }))),
      ],
    })
    const coverageAfter = await recomputeCoverage(trx, found.registration_id, quota)

    const beforeValues = {
      ...pick(found, Object.keys(details) as Array<keyof typeof details>),
      days: held.dayIds,
      nights: held.nightIds,
      long_travel_reason: held.longTravelReason,
      sessions: held.sessionIds,
      topics: held.topicIds,
      wishes: wishKeys(wishState.held),
    }
    const afterValues = {
      ...details,
      days: input.dayIds,
      nights: input.nightIds,
      long_travel_reason: read.nights.some((n) => n.requires_reason) ? input.longTravelReason : null,
      sessions: choices.sessionIds,
      topics: input.topicIds,
      wishes: wishKeys(wishes?.wishes ?? wishState.held),
    }
    const diff = changedValues(beforeValues, afterValues)
    const common = { actorUserId: actor.userId, actorLabel: access.label, eventId: found.event_id, registrationId: found.registration_id, at: now }
    if (Object.keys(diff.after).length > 0) {
      await writeAudit(trx, {
        ...common,
        action: 'participant.updated',
        entityType: 'participant',
        entityId: participantId,
        before: { name: found.name, ...diff.before },
        after: { name: input.name, ...diff.after },
      })
      await enqueueEmail(trx, mail, participantChanged(mail, await readParticipantMail(trx, participantId)), now)
    }
    // Others who got a covered place because of this change; the participant changed knows of their own.
    const promoted = promotedBetween(coverageBefore, coverageAfter).filter((id) => id !== participantId)
    await recordPromotions(trx, mail, common, promoted, coverageAfter, 'freed')
    // Others who lost a covered place because this one now needs it (a night added earlier in the order).
    const demoted = promotedBetween(coverageAfter, coverageBefore).filter((id) => id !== participantId)
    await recordDemotions(trx, mail, common, demoted, coverageAfter, promoted, 'changed')
    return { promoted, changed: Object.keys(diff.after) }
  })
}

/**
 * Moves a participant one step up or down in the municipality's order, which
 * decides who uses the covered places: the contact person before the
 * deadline, an organiser also after it (when coverage is confirmed). Null
 * when the actor may not, or the participant is not active.
 */
export async function moveParticipant(db: Kysely<Database>, mail: MailSettings, actor: Actor, participantId: string, direction: 'up' | 'down', now: Date) {
  return placesTransaction({ db, mail, now }, async (trx) => {
    const change = await findChangeableParticipant(trx, actor, participantId, now)
    if (!change) return null
    const { found, phase, access } = change
    if (!permit(access.role, 'registration.reorder', { phase })) return null

    const neighbour = await trx
      .selectFrom('participant')
      .select(['id', 'name', 'coverage_rank'])
      .where('registration_id', '=', found.registration_id)
      .where('status', '=', 'active')
      .where('coverage_rank', direction === 'up' ? '<' : '>', found.coverage_rank)
      .orderBy('coverage_rank', direction === 'up' ? 'desc' : 'asc')
      .limit(1)
      .executeTakeFirst()
    if (!neighbour) return { moved: false, promoted: [], demoted: [] }
    const quota = quotaOf(found)
    const coverageBefore = await recomputeCoverage(trx, found.registration_id, quota)
    await trx.updateTable('participant').set({ coverage_rank: neighbour.coverage_rank, updated_at: now }).where('id', '=', participantId).execute()
    await trx.updateTable('participant').set({ coverage_rank: found.coverage_rank, updated_at: now }).where('id', '=', neighbour.id).execute()
    const coverageAfter = await recomputeCoverage(trx, found.registration_id, quota)

    const common = { actorUserId: actor.userId, actorLabel: access.label, eventId: found.event_id, registrationId: found.registration_id, at: now }
    await writeAudit(trx, {
      ...common,
      action: direction === 'up' ? 'participant.moved_up' : 'participant.moved_down',
      entityType: 'participant',
      entityId: participantId,
      before: { name: found.name, rank: found.coverage_rank, coverage: coverageBefore.get(participantId) },
      after: { name: found.name, rank: neighbour.coverage_rank, coverage: coverageAfter.get(participantId), passed: neighbour.name },
    })
    const promoted = promotedBetween(coverageBefore, coverageAfter)
    const demoted = promotedBetween(coverageAfter, coverageBefore)
    await recordPromotions(trx, mail, common, promoted, coverageAfter, 'reordered')
    await recordDemotions(trx, mail, common, demoted, coverageAfter, promoted, 'reordered')
    return { moved: true, promoted, demoted }
  })
}

/**
 * One audit row and one email per participant who got a covered place
 * through a change, with their name and what is now covered.
 */
export async function recordPromotions(
  trx: Transaction<Database>,
  mail: MailSettings,
  common: Omit<AuditEntry, 'action' | 'entityType' | 'entityId' | 'before' | 'after'>,
  promoted: string[],
  coverage: Map<string, CoverageAssignment>,
  reason: PromotionReason,
) {
  if (promoted.length === 0) return
  const names = await trx.selectFrom('participant').select(['id', 'name']).where('id', 'in', promoted).execute()
  for (const id of promoted) {
    const name = names.find((n) => n.id === id)?.name
    await writeAudit(trx, { ...common, action: 'participant.promoted', entityType: 'participant', entityId: id, after: { name, ...coverage.get(id), reason } })
    const email = participantPromoted(mail, await readParticipantMail(trx, id)) as PromotedEmail
    await enqueueEmail(trx, mail, { ...email, params: { ...email.params, reason } }, common.at)
  }
}

type PromotedEmail = Extract<OutgoingEmail, { template: 'participant-promoted' }>

/**
 * One audit row and one email (contact person in copy) per participant who
 * lost a covered place because the order changed, naming who took it when
 * one person did.
 */
export async function recordDemotions(
  trx: Transaction<Database>,
  mail: MailSettings,
  common: Omit<AuditEntry, 'action' | 'entityType' | 'entityId' | 'before' | 'after'>,
  demoted: string[],
  coverage: Map<string, CoverageAssignment>,
  promoted: string[],
  reason: DemotionReason,
) {
  if (demoted.length === 0) return
  const names = await trx
    .selectFrom('participant')
    .select(['id', 'name'])
    .where('id', 'in', [...demoted, ...promoted])
    .execute()
  const takenBy = promoted.length === 1 ? (names.find((n) => n.id === promoted[0])?.name ?? null) : null
  for (const id of demoted) {
    const name = names.find((n) => n.id === id)?.name
    await writeAudit(trx, {
      ...common,
      action: 'participant.demoted',
      entityType: 'participant',
      entityId: id,
      after: { name, ...coverage.get(id), takenBy, reason },
    })
    const m = await readParticipantMail(trx, id)
    const envelope = participantPromoted(mail, m) as PromotedEmail
    await enqueueEmail(
      trx,
      mail,
      {
        ...envelope,
        template: 'participant-demoted',
        params: {
          languageForm: envelope.params.languageForm,
          participantName: envelope.params.participantName,
          eventTitle: envelope.params.eventTitle,
          facts: envelope.params.facts,
          pageLink: envelope.params.pageLink,
          takenBy,
          reason,
          organiserContact: `${m.event.organiser_contact_name} (${m.event.organiser_contact_email})`,
        },
      },
      common.at,
    )
  }
}

function sameIds(a: string[], b: string[]) {
  return a.length === b.length && a.every((id) => b.includes(id))
}

function pick<T extends object, K extends keyof T>(row: T, keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, row[k]])) as Pick<T, K>
}
