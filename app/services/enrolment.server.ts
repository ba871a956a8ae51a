import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { assignCoverage, type CoverageQuota, promotedBetween } from '~/domain/coverage'
import { formatNight } from '~/domain/dates'
import { checkNights, checkSessions } from '~/domain/eligibility'
import { DomainError } from '~/domain/errors'
import { eventPhase } from '~/domain/phase'
import type { RoleCategory } from '~/domain/roles'
import { writeAudit } from './audit.server'
import { registrationAccess } from './access.server'
import type { Actor } from './users.server'

/**
 * Enrolment of a municipality's participants (issue 5). Every change is one
 * transaction that locks what it counts, always in the same order so two
 * requests never deadlock: the municipality's registration, then the hotel
 * nights it uses, then the sessions it fills. The shared rows (nights,
 * sessions) are locked last, so they are held only for the count, the write
 * and the commit (decision 16 in the README). Coverage is decided under the
 * municipality's lock, so no quota is ever exceeded.
 */

export interface EnrolInput {
  registrationId: string
  idempotencyKey: string
  name: string
  email: string
  phone: string | null
  title: string
  roleCategory: RoleCategory
  fieldsOfWork: string[]
  dayIds: string[]
  nightIds: string[]
  longTravelReason: string | null
  attendsDinner: boolean
  diet: string | null
  allergies: string | null
  accessibilityNeeds: string | null
  topicIds: string[]
  sessionIds: string[]
}

/** For tests only: a pause between counting and writing makes races real, and the control run leaves the locks out. */
export interface RaceOptions {
  afterCount?: () => Promise<void>
  withoutLocks?: boolean
}

const count = sql<number>`count(*)::int`

/**
 * Enrols one participant. The same idempotency key returns the participant
 * it first created. Null when the actor may not enrol for this municipality.
 */
export async function enrolParticipant(db: Kysely<Database>, actor: Actor, input: EnrolInput, now: Date, race: RaceOptions = {}) {
  const lock = !race.withoutLocks
  return db.transaction().execute(async (trx) => {
    const registration = await trx
      .selectFrom('registration')
      .innerJoin('event', 'event.id', 'registration.event_id')
      .select([
        'registration.id',
        'registration.event_id',
        'registration.contact_user_id',
        'registration.extra_overnights_granted',
        'registration.extra_day_packages_granted',
        'event.status',
        'event.registration_opens_at',
        'event.deadline_at',
        'event.starts_at',
        'event.ends_at',
        'event.personal_data_deleted_at',
        'event.covered_overnight_per_municipality',
        'event.covered_day_packages_per_municipality',
      ])
      .where('registration.id', '=', input.registrationId)
      .executeTakeFirst()
    if (!registration) return null
    const access = await registrationAccess(trx, actor, registration)
    if (!access) return null
    const { organises, isContact } = access

    const phase = eventPhase(registration, now)
    if (phase === 'draft' || phase === 'announced' || phase === 'finished' || phase === 'archived') {
      throw new DomainError('registration_not_open')
    }
    const late = phase !== 'open'
    if (late && !organises) throw new DomainError('deadline_passed')

    // 1. The municipality: its covered places and its enrolment order.
    if (lock) await trx.selectFrom('registration').select('id').where('id', '=', registration.id).forUpdate().execute()
    const existing = await trx
      .selectFrom('participant')
      .selectAll()
      .where('registration_id', '=', registration.id)
      .where('idempotency_key', '=', input.idempotencyKey)
      .executeTakeFirst()
    if (existing) return existing

    const [nights, sessions, days, topics] = await Promise.all([
      input.nightIds.length
        ? trx.selectFrom('hotel_night').selectAll().where('event_id', '=', registration.event_id).where('id', 'in', input.nightIds).orderBy('night_date').execute()
        : [],
      input.sessionIds.length
        ? trx
            .selectFrom('program_item')
            .select((eb) => [
              'program_item.id',
              'program_item.title',
              'program_item.slot_id',
              'program_item.capacity',
              'program_item.restricted_to_roles',
              eb.selectFrom('event_day').select('event_day.date').whereRef('event_day.id', '=', 'program_item.event_day_id').as('date'),
            ])
            .where('program_item.event_id', '=', registration.event_id)
            .where('program_item.id', 'in', input.sessionIds)
            .orderBy('program_item.id')
            .execute()
        : [],
      input.dayIds.length
        ? trx.selectFrom('event_day').select(['id', 'date']).where('event_id', '=', registration.event_id).where('id', 'in', input.dayIds).execute()
        : [],
      input.topicIds.length
        ? trx.selectFrom('event_topic').select('id').where('event_id', '=', registration.event_id).where('id', 'in', input.topicIds).execute()
        : [],
    ])
    if (
      nights.length !== new Set(input.nightIds).size ||
      sessions.length !== new Set(input.sessionIds).size ||
      days.length !== new Set(input.dayIds).size ||
      topics.length !== new Set(input.topicIds).size
    ) {
      throw new DomainError('unknown_choice')
    }

    const attended = days.map((d) => d.date)
    const nightProblem = checkNights(nights, attended, input.longTravelReason)[0]
    if (nightProblem && 'nightDate' in nightProblem) {
      throw new DomainError('night_not_allowed', 'nightIds', { night: formatNight(nightProblem.nightDate) })
    }
    const sessionProblem = checkSessions(
      sessions.map((s) => ({ id: s.id, slot_id: s.slot_id, date: s.date, restricted_to_roles: s.restricted_to_roles })),
      attended,
      input.roleCategory,
    )[0]
    if (sessionProblem) {
      const title =
        sessionProblem.code === 'two_sessions_in_slot'
          ? sessions.find((s) => s.slot_id === sessionProblem.slotId)?.title
          : 'itemId' in sessionProblem
            ? sessions.find((s) => s.id === sessionProblem.itemId)?.title
            : undefined
      throw new DomainError('session_not_allowed', 'sessionIds', { session: title ?? '' })
    }

    // The newcomer comes last in the enrolment order, so only their own coverage is decided here.
    const quota = quotaOf(registration)
    const current = await municipalityCoverage(trx, registration.id)
    const rank = current.reduce((max, c) => Math.max(max, c.rank), 0) + 1
    const mine = assignCoverage([...current, { id: 'new', rank, nights: nights.length, days: attended }], quota).get('new')

    const participant = await trx
      .insertInto('participant')
      .values({
        registration_id: registration.id,
        name: input.name,
        email: input.email,
        phone: input.phone,
        title: input.title,
        role_category: input.roleCategory,
        fields_of_work: input.fieldsOfWork,
        attends_dinner: input.attendsDinner,
        diet: input.diet,
        allergies: input.allergies,
        accessibility_needs: input.accessibilityNeeds,
        coverage_rank: rank,
        is_late_addition: late,
        idempotency_key: input.idempotencyKey,
        created_at: now,
        updated_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    const coveredDays = new Set(mine?.coveredDays ?? [])
    if (days.length) {
      await trx
        .insertInto('participant_day')
        .values(days.map((d) => ({ participant_id: participant.id, event_day_id: d.id, is_covered_day_package: coveredDays.has(d.date) })))
        .execute()
    }
    if (topics.length) await trx.insertInto('topic_wish').values(topics.map((t) => ({ participant_id: participant.id, event_topic_id: t.id }))).execute()

    // 2. The hotel nights in date order, then 3. the sessions in id order: each
    // taken with one conditional update that also locks the row until the
    // commit. Done last, so the rows every municipality shares are held briefly.
    for (const night of nights) {
      if (!(await takeOne(trx, 'hotel_night', night.id, lock, race))) {
        throw new DomainError('night_full', 'nightIds', { night: formatNight(night.night_date) })
      }
    }
    for (const session of sessions) {
      if (!(await takeOne(trx, 'program_item', session.id, lock, race))) {
        throw new DomainError('session_full', 'sessionIds', { session: session.title })
      }
    }
    if (nights.length) {
      await trx
        .insertInto('participant_night')
        .values(
          nights.map((n) => ({
            participant_id: participant.id,
            hotel_night_id: n.id,
            is_covered: Boolean(mine?.coveredOvernight) && n.is_covered,
            reason: n.requires_reason ? input.longTravelReason : null,
          })),
        )
        .execute()
    }
    if (sessions.length) {
      await trx
        .insertInto('session_choice')
        .values(sessions.map((s) => ({ participant_id: participant.id, program_item_id: s.id, slot_id: s.slot_id, created_at: now })))
        .execute()
    }

    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: isContact ? 'contact person' : 'organiser',
      action: late ? 'participant.enrolled_late' : 'participant.enrolled',
      entityType: 'participant',
      entityId: participant.id,
      eventId: registration.event_id,
      registrationId: registration.id,
      after: { name: input.name, email: input.email, role: input.roleCategory, days: attended, nights: nights.map((n) => n.night_date), sessions: input.sessionIds },
      at: now,
    })
    return participant
  })
}

/**
 * Takes one room of a night or one seat of a session, if one is left: one
 * conditional update, which locks the row until the commit. The control run
 * of the race tests (`withoutLocks`) reads, waits and writes back instead,
 * which is exactly the race the update closes.
 */
async function takeOne(trx: Transaction<Database>, table: 'hotel_night' | 'program_item', id: string, lock: boolean, race: RaceOptions) {
  if (table === 'hotel_night') {
    if (!lock) {
      const row = await trx.selectFrom('hotel_night').select(['rooms_taken', 'rooms_in_block']).where('id', '=', id).executeTakeFirstOrThrow()
      if (row.rooms_taken >= row.rooms_in_block) return false
      await race.afterCount?.()
      await trx.updateTable('hotel_night').set({ rooms_taken: Math.min(row.rooms_taken + 1, row.rooms_in_block) }).where('id', '=', id).execute()
      return true
    }
    const taken = await trx
      .updateTable('hotel_night')
      .set((eb) => ({ rooms_taken: eb('rooms_taken', '+', 1) }))
      .where('id', '=', id)
      .whereRef('rooms_taken', '<', 'rooms_in_block')
      .returning('id')
      .executeTakeFirst()
    if (taken) await race.afterCount?.()
    return Boolean(taken)
  }
  if (!lock) {
    const row = await trx.selectFrom('program_item').select(['seats_taken', 'capacity']).where('id', '=', id).executeTakeFirstOrThrow()
    if (row.capacity !== null && row.seats_taken >= row.capacity) return false
    await race.afterCount?.()
    await trx.updateTable('program_item').set({ seats_taken: row.seats_taken + 1 }).where('id', '=', id).execute()
    return true
  }
  const taken = await trx
    .updateTable('program_item')
    .set((eb) => ({ seats_taken: eb('seats_taken', '+', 1) }))
    .where('id', '=', id)
    .where((eb) => eb.or([eb('capacity', 'is', null), eb('seats_taken', '<', eb.ref('capacity'))]))
    .returning('id')
    .executeTakeFirst()
  if (taken) await race.afterCount?.()
  return Boolean(taken)
}

/** A municipality's covered places: the event's numbers plus the organiser's grants. */
function quotaOf(r: {
  covered_overnight_per_municipality: number
  covered_day_packages_per_municipality: number
  extra_overnights_granted: number
  extra_day_packages_granted: number
}): CoverageQuota {
  return {
    overnight: r.covered_overnight_per_municipality + r.extra_overnights_granted,
    dayPackages: r.covered_day_packages_per_municipality + r.extra_day_packages_granted,
  }
}

/** The active participants of a municipality as coverage candidates: rank, nights and days. */
async function municipalityCoverage(trx: Transaction<Database>, registrationId: string) {
  const rows = await trx
    .selectFrom('participant')
    .select((eb) => [
      'participant.id',
      'participant.coverage_rank',
      eb.selectFrom('participant_night').select(count.as('n')).whereRef('participant_night.participant_id', '=', 'participant.id').as('nights'),
      eb
        .selectFrom('participant_day')
        .innerJoin('event_day', 'event_day.id', 'participant_day.event_day_id')
        .select(sql<string[]>`coalesce(array_agg(event_day.date::text), '{}')`.as('d'))
        .whereRef('participant_day.participant_id', '=', 'participant.id')
        .as('days'),
    ])
    .where('participant.registration_id', '=', registrationId)
    .where('participant.status', '=', 'active')
    .execute()
  return rows.map((r) => ({ id: r.id, rank: r.coverage_rank, nights: r.nights ?? 0, days: r.days ?? [] }))
}

/**
 * Assigns the municipality's covered places to its active participants in
 * enrolment order and stores the result on their nights and days. Call it
 * with the registration row locked.
 */
export async function recomputeCoverage(trx: Transaction<Database>, registrationId: string, quota: { overnight: number; dayPackages: number }) {
  const rows = await trx
    .selectFrom('participant')
    .select((eb) => [
      'participant.id',
      'participant.coverage_rank',
      eb.selectFrom('participant_night').select(count.as('n')).whereRef('participant_night.participant_id', '=', 'participant.id').as('nights'),
    ])
    .where('participant.registration_id', '=', registrationId)
    .where('participant.status', '=', 'active')
    .execute()
  const ids = rows.map((r) => r.id)
  const [days, nights] = ids.length
    ? await Promise.all([
        trx
          .selectFrom('participant_day')
          .innerJoin('event_day', 'event_day.id', 'participant_day.event_day_id')
          .select(['participant_day.participant_id', 'participant_day.event_day_id', 'participant_day.is_covered_day_package', 'event_day.date'])
          .where('participant_day.participant_id', 'in', ids)
          .execute(),
        trx
          .selectFrom('participant_night')
          .innerJoin('hotel_night', 'hotel_night.id', 'participant_night.hotel_night_id')
          .select(['participant_night.participant_id', 'participant_night.hotel_night_id', 'participant_night.is_covered', 'hotel_night.is_covered as night_is_covered'])
          .where('participant_night.participant_id', 'in', ids)
          .execute(),
      ])
    : [[], []]
  const assignment = assignCoverage(
    rows.map((r) => ({ id: r.id, rank: r.coverage_rank, nights: r.nights ?? 0, days: days.filter((d) => d.participant_id === r.id).map((d) => d.date) })),
    quota,
  )
  // Write only what changed: an enrolment usually changes one participant, not the municipality.
  for (const [participantId, a] of assignment) {
    for (const n of nights.filter((x) => x.participant_id === participantId)) {
      const covered = a.coveredOvernight && n.night_is_covered
      if (n.is_covered !== covered) {
        await trx
          .updateTable('participant_night')
          .set({ is_covered: covered })
          .where('participant_id', '=', participantId)
          .where('hotel_night_id', '=', n.hotel_night_id)
          .execute()
      }
    }
    for (const d of days.filter((x) => x.participant_id === participantId)) {
      const covered = a.coveredDays.includes(d.date)
      if (d.is_covered_day_package !== covered) {
        await trx
          .updateTable('participant_day')
          .set({ is_covered_day_package: covered })
          .where('participant_id', '=', participantId)
          .where('event_day_id', '=', d.event_day_id)
          .execute()
      }
    }
  }
  return assignment
}


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

    // Same lock order as enrolment: the municipality, then the participant's nights.
    await trx.selectFrom('registration').select('id').where('id', '=', found.registration_id).forUpdate().execute()
    await trx
      .selectFrom('hotel_night')
      .select('id')
      .where('id', 'in', trx.selectFrom('participant_night').select('hotel_night_id').where('participant_id', '=', participantId))
      .orderBy('night_date')
      .forUpdate()
      .execute()

    const quota = quotaOf(found)
    const before = await recomputeCoverage(trx, found.registration_id, quota)
    await trx
      .updateTable('participant')
      .set({ status: late ? 'late_cancelled' : 'cancelled', cancelled_at: now, updated_at: now })
      .where('id', '=', participantId)
      .execute()
    // A cancelled participant keeps no room, seat or covered place.
    await trx
      .updateTable('hotel_night')
      .set((eb) => ({ rooms_taken: eb('rooms_taken', '-', 1) }))
      .where('id', 'in', trx.selectFrom('participant_night').select('hotel_night_id').where('participant_id', '=', participantId))
      .execute()
    await trx
      .updateTable('program_item')
      .set((eb) => ({ seats_taken: eb('seats_taken', '-', 1) }))
      .where('id', 'in', trx.selectFrom('session_choice').select('program_item_id').where('participant_id', '=', participantId))
      .execute()
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

    await trx.selectFrom('registration').select('id').where('id', '=', found.registration_id).forUpdate().execute()
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
    const droppedIds = choices.filter((c) => !kept.includes(c)).map((c) => c.id)
    if (droppedIds.length > 0) {
      await trx
        .updateTable('program_item')
        .set((eb) => ({ seats_taken: eb('seats_taken', '-', 1) }))
        .where('id', 'in', droppedIds)
        .execute()
    }
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
