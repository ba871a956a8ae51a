import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import { queryTemplate } from '../../db/query-template'
import type { Database } from '../../db/schema'
import { coverageOfNewcomer } from '~/domain/coverage'
import { afterDeadline, permit } from '~/domain/permissions'
import { eventPhase } from '~/domain/phase'
import type { ParticipantInput } from '~/domain/participant-form'
import { quotaOf } from '~/domain/quota'
import { accessFrom } from './access.server'
import { auditRow } from './audit.server'
import { emailRow, type MailSettings } from './outbox.server'
import { enrolmentConfirmation, MAIL_COLUMNS } from './participant-mail.server'
import { checkChoices, choicesOf, choicesQuery } from './places/choices.server'
import { placesStatements } from './places/counters.server'
import { whenFull } from './places/full.server'
import { participantCode } from './participant-codes.server'
import { pipelinedPlacesTransaction } from './places/transactions.server'
import { NO_WISHES, newWishRows, sessionsUnderWishes, settleWishes, wishKeys, wishSlotsOf, wishSlotsQuery } from './session-wishes.server'
import type { Actor } from './users.server'

/**
 * Enrolment of a municipality's participants: one transaction that
 * locks what it counts. It is the hot path when a county's contact persons
 * all enrol before the deadline, so it is two round trips (decisions 17 and
 * 24, docs/decisions): begin, lock the municipality (with the access check) and
 * read everything it counts; then write the participant with all its rows,
 * take the rooms and seats in the same statement, and commit.
 */

export interface EnrolInput extends ParticipantInput {
  registrationId: string
  idempotencyKey: string
}

/** A participant's own details as the participant row stores them (enrolment and edits write the same). */
export function participantDetails(input: ParticipantInput) {
  return {
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
  }
}

export interface EnrolledParticipant {
  id: string
  registrationId: string
  coverageRank: number
  isLateAddition: boolean
}

/**
 * Enrols one participant. The same idempotency key returns the participant
 * it first created. Null when the actor may not enrol for this municipality.
 */
export async function enrolParticipant(
  db: Kysely<Database>,
  mail: MailSettings,
  actor: Actor,
  input: EnrolInput,
  now: Date,
): Promise<EnrolledParticipant | null> {
  // The new participant's id and check-in code (decision 046) are made before the transaction: the signing key is read once per process, never while the municipality is locked.
  const newId = randomUUID()
  const checkInCode = await participantCode(db, newId, 'check-in')
  return pipelinedPlacesTransaction(db, async (tx) => {
    // 1. The municipality, locked (its covered places and its enrolment order), and
    // everything it counts, read after the lock by the next statement, so it is current.
    const [[registration], [row]] = await tx.run(
      lockedRegistration(db, { userId: actor.userId, registrationId: input.registrationId }),
      enrolmentChoices(db, input),
    )
    if (!registration || !row) return null
    const access = accessFrom(actor, registration.contact_user_id, Boolean(registration.organises))
    if (!access) return null

    const phase = eventPhase(registration, now)
    if (!permit(access.role, 'participant.enrol', { phase })) return null
    const late = afterDeadline(phase)

    const read = choicesOf(row)
    if (read.existing) {
      return {
        id: read.existing.id,
        registrationId: registration.id,
        coverageRank: read.existing.coverage_rank,
        isLateAddition: read.existing.is_late_addition,
      }
    }
    const attended = checkChoices(read, input, input.roleCategory, input.longTravelReason)
    // By wishes (decision 44): no seat in a parallel session is taken here; the wishes are written with the participant.
    const byWishes = registration.session_allocation === 'by_wishes'
    let wishes: ReturnType<typeof settleWishes>['wishes'] = []
    if (byWishes) {
      const [slotRows] = await tx.run(wishSlotsQuery(db, registration.event_id).compile())
      const slots = wishSlotsOf(slotRows)
      sessionsUnderWishes(slots, [], input.sessionIds)
      const posted = input.wishes ?? NO_WISHES
      wishes = settleWishes(registration, {
        role: access.role,
        phase,
        slots,
        posted,
        held: [],
        attendedDays: attended,
        roleCategory: input.roleCategory,
      }).wishes
    }

    // The newcomer comes last in the enrolment order, so only their own coverage is decided here.
    const rank = read.lastRank + 1
    const mine = coverageOfNewcomer(read.standing, { nights: read.nights.length, days: attended }, quotaOf(registration))

    const id = newId
    const coveredDays = new Set(mine.coveredDays)
    const writes = [
      db.insertInto('participant').values({
        id,
        registration_id: registration.id,
        ...participantDetails(input),
        coverage_rank: rank,
        is_late_addition: late,
        idempotency_key: input.idempotencyKey,
        created_at: now,
        updated_at: now,
        wishes_changed_at: byWishes ? now : null,
      }),
      read.days.length > 0 &&
        db
          .insertInto('participant_day')
          .values(read.days.map((d) => ({ participant_id: id, event_day_id: d.id, is_covered_day_package: coveredDays.has(d.date) }))),
      read.nights.length > 0 &&
        db.insertInto('participant_night').values(
          read.nights.map((n) => ({
            participant_id: id,
            hotel_night_id: n.id,
            is_covered: mine.coveredOvernight && n.is_covered,
            reason: n.requires_reason ? input.longTravelReason : null,
          })),
        ),
      read.sessions.length > 0 &&
        db.insertInto('session_choice').values(read.sessions.map((s) => ({ participant_id: id, program_item_id: s.id, slot_id: s.slot_id, created_at: now }))),
      ...newWishRows(db, id, wishes, now),
      read.topics.length > 0 && db.insertInto('topic_wish').values(read.topics.map((t) => ({ participant_id: id, event_topic_id: t.id }))),
      db.insertInto('email').values(
        emailRow(
          mail,
          enrolmentConfirmation(mail, {
            event: { ...registration, id: registration.event_id },
            registration,
            participant: { id, ...input },
            days: read.days,
            nights: read.nights,
            sessions: read.sessions,
            coverage: mine,
            late,
            checkInCode,
          }),
          now,
        ),
      ),
      db.insertInto('audit_log').values(
        auditRow({
          actorUserId: actor.userId,
          actorLabel: access.label,
          action: late ? 'participant.enrolled_late' : 'participant.enrolled',
          entityType: 'participant',
          entityId: id,
          eventId: registration.event_id,
          registrationId: registration.id,
          after: {
            name: input.name,
            email: input.email,
            role: input.roleCategory,
            days: attended,
            nights: read.nights.map((n) => n.night_date),
            sessions: input.sessionIds,
            ...(byWishes ? { wishes: wishKeys(wishes) } : {}),
          },
          at: now,
        }),
      ),
    ]
    // 2. The participant with all its rows, and the rooms and seats every municipality
    // shares, in one statement sent together with the commit: those rows are held only
    // while the server runs the two.
    await tx.commit(...placesStatements(db, read, writes).map((statement) => statement.compile())).catch(whenFull(read))
    return { id, registrationId: registration.id, coverageRank: rank, isLateAddition: late }
  })
}

// Enrolment's two reads, built and compiled once (decision 25): building them took about a sixth of its CPU.
const lockedRegistration = queryTemplate((db, v: { userId: string; registrationId: string }) => registrationQuery(db, v.userId, v.registrationId))
const enrolmentChoices = queryTemplate((db, v: EnrolInput) => choicesQuery(db, v, v))

/** The municipality's registration with what enrolment needs of its event, locked, and whether the actor organises the event. */
function registrationQuery(db: Kysely<Database>, userId: string, registrationId: string) {
  return db
    .selectFrom('registration')
    .innerJoin('event', 'event.id', 'registration.event_id')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .leftJoin('app_user as contact', 'contact.id', 'registration.contact_user_id')
    .select((eb) => [
      'registration.id',
      'registration.event_id',
      'registration.contact_user_id',
      'registration.extra_overnights_granted',
      'registration.extra_day_packages_granted',
      'event.status',
      'event.registration_opens_at',
      'event.personal_data_deleted_at',
      'event.covered_overnight_per_municipality',
      'event.covered_day_packages_per_municipality',
      'event.session_allocation',
      'event.wish_round_closed_at',
      // For the confirmation email (dates and deadline included).
      ...MAIL_COLUMNS,
      eb
        .exists(
          eb
            .selectFrom('event_organiser')
            .select('user_id')
            .whereRef('event_organiser.event_id', '=', 'registration.event_id')
            .where('event_organiser.user_id', '=', userId),
        )
        .as('organises'),
    ])
    .where('registration.id', '=', registrationId)
    .forNoKeyUpdate('registration')
}
