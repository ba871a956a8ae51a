import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { promotedBetween } from '~/domain/coverage'
import { DomainError } from '~/domain/errors'
import { eventPhase } from '~/domain/phase'
import type { RoleCategory } from '~/domain/roles'
import { registrationAccess } from './access.server'
import { writeAudit } from './audit.server'
import { lockRegistration, quotaOf, recomputeCoverage, releasePlaces } from './places.server'
import type { Actor } from './users.server'

/**
 * Changes to an enrolled participant by the municipality's contact person or
 * an organiser: cancellation (late after the deadline), substitution. Each is
 * one transaction that locks the municipality first, like enrolment.
 */

/**
 * An active participant with their municipality's quota and their event's
 * phase, if the actor may change them (an organiser of the event or the
 * municipality's contact person); null otherwise.
 */
async function findChangeableParticipant(trx: Transaction<Database>, actor: Actor, participantId: string, now: Date) {
  const found = await trx
    .selectFrom('participant')
    .innerJoin('registration', 'registration.id', 'participant.registration_id')
    .innerJoin('event', 'event.id', 'registration.event_id')
    .selectAll('participant')
    .select([
      'registration.event_id',
      'registration.contact_user_id',
      'registration.extra_overnights_granted',
      'registration.extra_day_packages_granted',
      'event.status as event_status',
      'event.registration_opens_at',
      'event.deadline_at',
      'event.starts_at',
      'event.ends_at',
      'event.personal_data_deleted_at',
      'event.covered_overnight_per_municipality',
      'event.covered_day_packages_per_municipality',
    ])
    .where('participant.id', '=', participantId)
    .executeTakeFirst()
  if (found?.status !== 'active') return null
  const access = await registrationAccess(trx, actor, found)
  if (!access) return null
  return { found, access, phase: eventPhase({ ...found, status: found.event_status }, now) }
}

/**
 * Removes a participant. Before the deadline it is a cancellation; after it,
 * a late cancellation the organisers see. Their covered place goes to the
 * earliest self-paid participant of the municipality who fits, which is
 * recorded as a promotion (the emails issue tells them). Null when the actor
 * may not, or the participant is not active.
 */
export async function cancelParticipant(db: Kysely<Database>, actor: Actor, participantId: string, now: Date) {
  return db.transaction().execute(async (trx) => {
    const change = await findChangeableParticipant(trx, actor, participantId, now)
    if (!change) return null
    const { found, phase, access } = change
    const { organises, isContact } = access
    if (phase === 'finished' || phase === 'archived' || (phase === 'running' && !organises)) throw new DomainError('registration_not_open')
    const late = phase !== 'open' && phase !== 'draft' && phase !== 'announced'

    await lockRegistration(trx, found.registration_id)
    const quota = quotaOf(found)
    const before = await recomputeCoverage(trx, found.registration_id, quota)
    await trx
      .updateTable('participant')
      .set({ status: late ? 'late_cancelled' : 'cancelled', cancelled_at: now, updated_at: now })
      .where('id', '=', participantId)
      .execute()
    // A cancelled participant keeps no room, seat or covered place.
    const [heldNights, heldSeats] = await Promise.all([
      trx.selectFrom('participant_night').select('hotel_night_id').where('participant_id', '=', participantId).execute(),
      trx.selectFrom('session_choice').select('program_item_id').where('participant_id', '=', participantId).execute(),
    ])
    await releasePlaces(
      trx,
      heldNights.map((n) => n.hotel_night_id),
      heldSeats.map((s) => s.program_item_id),
    )
    await trx.deleteFrom('participant_night').where('participant_id', '=', participantId).execute()
    await trx.deleteFrom('session_choice').where('participant_id', '=', participantId).execute()
    await trx.updateTable('participant_day').set({ is_covered_day_package: false }).where('participant_id', '=', participantId).execute()
    const after = await recomputeCoverage(trx, found.registration_id, quota)
    const promoted = promotedBetween(before, after)

    const common = { actorUserId: actor.userId, actorLabel: isContact ? 'contact person' : 'organiser', eventId: found.event_id, registrationId: found.registration_id, at: now }
    await writeAudit(trx, {
      ...common,
      action: late ? 'participant.late_cancelled' : 'participant.cancelled',
      entityType: 'participant',
      entityId: participantId,
      before: { name: found.name, status: 'active' },
      after: { status: late ? 'late_cancelled' : 'cancelled' },
    })
    for (const id of promoted) {
      await writeAudit(trx, { ...common, action: 'participant.promoted', entityType: 'participant', entityId: id, after: after.get(id) })
    }
    return { late, promoted }
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
 * (erstatter) until the event starts. The substitute keeps the place in the
 * enrolment order, days, nights, coverage and sessions, except sessions their
 * role may not attend, which are dropped and named in the result. Null when
 * the actor may not, or the participant is not active.
 */
export async function substituteParticipant(db: Kysely<Database>, actor: Actor, participantId: string, input: SubstituteInput, now: Date) {
  return db.transaction().execute(async (trx) => {
    const change = await findChangeableParticipant(trx, actor, participantId, now)
    if (!change) return null
    const { found, phase } = change
    const { isContact } = change.access
    if (phase !== 'open' && phase !== 'closed') throw new DomainError('registration_not_open')

    await lockRegistration(trx, found.registration_id)
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
    await trx.updateTable('topic_wish').set({ participant_id: substitute.id }).where('participant_id', '=', participantId).execute()
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
      actorLabel: isContact ? 'contact person' : 'organiser',
      action: 'participant.substituted',
      entityType: 'participant',
      entityId: substitute.id,
      eventId: found.event_id,
      registrationId: found.registration_id,
      before: { id: participantId, name: found.name, email: found.email },
      after: { name: input.name, email: input.email, role: input.roleCategory, droppedSessions: dropped },
      at: now,
    })
    return { substitute, dropped }
  })
}
