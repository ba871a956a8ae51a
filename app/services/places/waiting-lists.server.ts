import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../../../db/schema'
import type { WaitingListMove } from '../../../emails/waiting-list'
import { formatDateTime, formatNight, type IsoDate } from '~/domain/dates'
import {
  nightFitProblem,
  nightIsFull,
  offerExpiresAt,
  sessionFitProblem,
  type WaitingNight,
  type WaitingParticipant,
  type WaitingSession,
} from '~/domain/waiting-list'
import { sessionIsFull } from '~/domain/eligibility'
import { hashToken, newToken } from '~/utils/tokens.server'
import { writeAudit } from '../audit.server'
import { enqueueEmail, type MailSettings } from '../outbox.server'
import { readParticipantMail } from '../participant-mail.server'
import { readHeld } from './choices.server'
import { releasePlaces, takePlaces } from './counters.server'
import { lockRegistration } from './locks.server'
import { type Released, takeReleased } from './released.server'

/**
 * The fill step of the waiting lists (decision 045), run in the transaction
 * that gave a seat or a room back, before it commits: a freed seat goes at
 * once to the first on the session's list who still fits (a seat they held
 * in the same slot is given back, and its own list filled in turn); a freed
 * room is held for the first on the night's list who still fits
 * (`hotel_night.rooms_held`), and their contact person gets a link to accept
 * or decline until a set time. Someone who no longer fits is passed over and
 * keeps their place in line; someone no longer enrolled leaves the list.
 * Every move is audited and mailed.
 */

export interface WaitingSettings {
  mail: MailSettings
  now: Date
}

/** At most this many moves in one fill, so a chain of swaps always ends. */
const MAX_MOVES = 500

/** Fills what `released` gave back, and then whatever those moves gave back in turn. */
export async function fillWaitingLists(trx: Transaction<Database>, released: Released | null, settings: WaitingSettings) {
  let next = released
  let moves = 0
  while (next && moves < MAX_MOVES) {
    for (const nightId of next.nightIds) moves += await offerFreedRooms(trx, nightId, settings)
    for (const itemId of next.sessionIds) moves += await fillFreedSeats(trx, itemId, settings)
    next = takeReleased(trx)
  }
}

interface Candidate {
  entry_id: string
  created_at: Date
  participant_id: string
  registration_id: string
  status: string
  role_category: string
}

/** The live entries waiting on one list, with their participant, in line. */
async function waiting(trx: Transaction<Database>, list: { itemId: string } | { nightId: string }): Promise<Candidate[]> {
  return trx
    .selectFrom('waiting_list_entry as w')
    .innerJoin('participant', 'participant.id', 'w.participant_id')
    .select([
      'w.id as entry_id',
      'w.created_at',
      'participant.id as participant_id',
      'participant.registration_id',
      'participant.status',
      'participant.role_category',
    ])
    .where('w.status', '=', 'waiting')
    .where('itemId' in list ? 'w.program_item_id' : 'w.hotel_night_id', '=', 'itemId' in list ? list.itemId : list.nightId)
    .orderBy('w.created_at')
    .orderBy('w.id')
    .execute()
}

/** What the fit rules need about a participant, from what they hold now. */
export async function waitingParticipant(trx: Transaction<Database>, p: { id: string; status: string; role_category: string }): Promise<WaitingParticipant> {
  const held = await readHeld(trx, p.id)
  const days = held.dayIds.length ? await trx.selectFrom('event_day').select(sql<IsoDate>`date::text`.as('date')).where('id', 'in', held.dayIds).execute() : []
  return {
    status: p.status,
    roleCategory: p.role_category,
    attendedDays: days.map((d) => d.date),
    sessionIds: held.sessionIds,
    nightIds: held.nightIds,
    longTravelReason: held.longTravelReason,
  }
}

/** The same for a candidate on a list, read with their registration locked. */
async function candidateNow(trx: Transaction<Database>, c: Candidate): Promise<WaitingParticipant> {
  await lockRegistration(trx, c.registration_id)
  const me = await trx.selectFrom('participant').select(['id', 'status', 'role_category']).where('id', '=', c.participant_id).executeTakeFirstOrThrow()
  return waitingParticipant(trx, me)
}

/** Takes someone no longer enrolled off a list. */
async function withdrawGone(trx: Transaction<Database>, c: Candidate, eventId: string, now: Date) {
  await trx.updateTable('waiting_list_entry').set({ status: 'withdrawn', resolved_at: now }).where('id', '=', c.entry_id).execute()
  await writeAudit(trx, {
    actorUserId: null,
    actorLabel: 'system',
    action: 'waiting_list.withdrawn',
    entityType: 'waiting_list_entry',
    entityId: c.entry_id,
    eventId,
    registrationId: c.registration_id,
    after: { participantId: c.participant_id, reason: 'no longer enrolled' },
    at: now,
  })
}

/** Sessions with what the fit rules ask of a seat (its seats, its roles, its day); the caller picks which. */
export function selectSessionPlaces(db: Kysely<Database>) {
  return db
    .selectFrom('program_item')
    .leftJoin('event_day', 'event_day.id', 'program_item.event_day_id')
    .select([
      'program_item.id',
      'program_item.title',
      'program_item.capacity',
      'program_item.seats_taken',
      'program_item.restricted_to_roles',
      sql<IsoDate | null>`event_day.date::text`.as('date'),
    ])
}

/** A session as the fit rules take it, from a row of `selectSessionPlaces`. */
export function sessionPlace(r: {
  id: string
  date: IsoDate | null
  capacity: number | null
  seats_taken: number
  restricted_to_roles: string[]
}): WaitingSession {
  return { id: r.id, date: r.date, capacity: r.capacity, seatsTaken: r.seats_taken, restrictedToRoles: r.restricted_to_roles }
}

/** Hotel nights with what the fit rules ask of a room; the caller picks which. */
export function selectNightPlaces(db: Kysely<Database>) {
  return db
    .selectFrom('hotel_night')
    .select([
      'hotel_night.id',
      sql<IsoDate>`hotel_night.night_date::text`.as('night_date'),
      'hotel_night.rooms_in_block',
      'hotel_night.rooms_taken',
      'hotel_night.rooms_held',
      'hotel_night.requires_reason',
    ])
}

/** A night as the fit rules take it, from a row of `selectNightPlaces`. */
export function nightPlace(r: {
  id: string
  night_date: IsoDate
  rooms_in_block: number
  rooms_taken: number
  rooms_held: number
  requires_reason: boolean
}): WaitingNight {
  return {
    id: r.id,
    nightDate: r.night_date,
    roomsInBlock: r.rooms_in_block,
    roomsTaken: r.rooms_taken,
    roomsHeld: r.rooms_held,
    requiresReason: r.requires_reason,
  }
}

/**
 * Gives each free seat of a session to the first on its list who still
 * fits; returns how many were placed.
 */
async function fillFreedSeats(trx: Transaction<Database>, itemId: string, settings: WaitingSettings): Promise<number> {
  let placed = 0
  for (;;) {
    const item = await selectSessionPlaces(trx)
      .select(['program_item.event_id', 'program_item.slot_id'])
      .where('program_item.id', '=', itemId)
      .forNoKeyUpdate('program_item')
      .executeTakeFirst()
    if (!item) return placed
    const session = sessionPlace(item)
    if (sessionIsFull(session)) return placed
    const queue = await waiting(trx, { itemId })
    if (queue.length === 0) return placed
    // In line; each candidate is read (their registration locked) only when their turn comes.
    let first: Candidate | null = null
    const passedOver: string[] = []
    for (const c of queue) {
      if (c.status !== 'active') {
        await withdrawGone(trx, c, item.event_id, settings.now)
        continue
      }
      if (sessionFitProblem(session, await candidateNow(trx, c)) === null) {
        first = c
        break
      }
      passedOver.push(c.participant_id)
    }
    if (!first) return placed
    // A seat held in the same slot is given back: the wished one replaces it, and its own list is filled in turn.
    const swapped = item.slot_id
      ? await trx
          .selectFrom('session_choice')
          .innerJoin('program_item', 'program_item.id', 'session_choice.program_item_id')
          .select(['program_item.id', 'program_item.title'])
          .where('session_choice.participant_id', '=', first.participant_id)
          .where('session_choice.slot_id', '=', item.slot_id)
          .executeTakeFirst()
      : undefined
    if (swapped) {
      await trx.deleteFrom('session_choice').where('participant_id', '=', first.participant_id).where('program_item_id', '=', swapped.id).execute()
      await releasePlaces(trx, [], [swapped.id])
    }
    await takePlaces(trx, { nights: [], sessions: [{ id: item.id, title: item.title }] }, [
      trx
        .insertInto('session_choice')
        .values({ participant_id: first.participant_id, program_item_id: item.id, slot_id: item.slot_id, created_at: settings.now }),
    ])
    await trx.updateTable('waiting_list_entry').set({ status: 'placed', resolved_at: settings.now }).where('id', '=', first.entry_id).execute()
    await writeAudit(trx, {
      actorUserId: null,
      actorLabel: 'system',
      action: 'waiting_list.placed',
      entityType: 'waiting_list_entry',
      entityId: first.entry_id,
      eventId: item.event_id,
      registrationId: first.registration_id,
      after: {
        participantId: first.participant_id,
        session: item.title,
        gaveBack: swapped?.title ?? null,
        passedOver,
      },
      at: settings.now,
    })
    await mailMove(trx, settings, first.participant_id, { move: 'placed', kind: 'session', place: `«${item.title}»` })
    placed++
  }
}

/**
 * Holds each free room of a night for the first on its list who still fits,
 * and mails their contact person the link to answer; returns how many were
 * offered.
 */
async function offerFreedRooms(trx: Transaction<Database>, nightId: string, settings: WaitingSettings): Promise<number> {
  let offered = 0
  for (;;) {
    const night = await selectNightPlaces(trx)
      .innerJoin('event', 'event.id', 'hotel_night.event_id')
      .select(['hotel_night.event_id', 'event.starts_at'])
      .where('hotel_night.id', '=', nightId)
      .forNoKeyUpdate('hotel_night')
      .executeTakeFirst()
    if (!night) return offered
    const target = nightPlace(night)
    if (nightIsFull(target)) return offered
    const queue = await waiting(trx, { nightId })
    if (queue.length === 0) return offered
    let first: Candidate | null = null
    for (const c of queue) {
      if (c.status !== 'active') {
        await withdrawGone(trx, c, night.event_id, settings.now)
        continue
      }
      if (nightFitProblem(target, await candidateNow(trx, c)) === null) {
        first = c
        break
      }
    }
    if (!first) return offered
    const token = newToken()
    const expires = offerExpiresAt(settings.now, night.starts_at)
    await trx
      .updateTable('waiting_list_entry')
      .set({ status: 'offered', offered_at: settings.now, offer_expires_at: expires, offer_token_hash: hashToken(token) })
      .where('id', '=', first.entry_id)
      .execute()
    await trx
      .updateTable('hotel_night')
      .set((eb) => ({ rooms_held: eb('rooms_held', '+', 1) }))
      .where('id', '=', night.id)
      .execute()
    await writeAudit(trx, {
      actorUserId: null,
      actorLabel: 'system',
      action: 'waiting_list.offered',
      entityType: 'waiting_list_entry',
      entityId: first.entry_id,
      eventId: night.event_id,
      registrationId: first.registration_id,
      after: { participantId: first.participant_id, night: night.night_date, expires: expires.toISOString() },
      at: settings.now,
    })
    await mailMove(trx, settings, first.participant_id, {
      move: 'offered',
      kind: 'night',
      place: `natten ${formatNight(night.night_date)}`,
      offerExpires: formatDateTime(expires),
      answerLink: `${settings.mail.appUrl}/venteliste/${token}`,
    })
    offered++
  }
}

/** Gives back the room held for an offer that ended (declined, expired, withdrawn). */
export async function releaseHeldRoom(trx: Transaction<Database>, nightId: string) {
  await trx
    .updateTable('hotel_night')
    .set((eb) => ({ rooms_held: eb('rooms_held', '-', 1) }))
    .where('id', '=', nightId)
    .execute()
}

/**
 * Mails one waiting-list move: to the participant with the contact person in
 * copy; an offer to the contact person (who answers it) with the participant
 * in copy, or to the participant when the municipality has no contact person.
 */
export async function mailMove(
  trx: Transaction<Database>,
  settings: WaitingSettings,
  participantId: string,
  move: { move: WaitingListMove; kind: 'session' | 'night'; place: string; position?: number | null; offerExpires?: string; answerLink?: string },
) {
  const m = await readParticipantMail(trx, participantId)
  const nn = m.registration.language_form === 'nn'
  const place = nn ? move.place.replace(/^natten /, 'natta ') : move.place
  const contact = m.registration.contact_email
  const offer = move.move === 'offered'
  await enqueueEmail(
    trx,
    settings.mail,
    {
      template: 'waiting-list',
      languageForm: m.registration.language_form,
      to: offer && contact ? contact : m.participant.email,
      cc: offer ? [m.participant.email] : contact ? [contact] : [],
      replyTo: m.event.reply_to_email,
      eventId: m.event.id,
      registrationId: m.registration.id,
      params: {
        languageForm: m.registration.language_form,
        move: move.move,
        kind: move.kind,
        participantName: m.participant.name,
        eventTitle: m.event.title,
        place,
        position: move.position ?? null,
        offerExpires: move.offerExpires ?? null,
        answerLink: move.answerLink ?? null,
        facts: move.move === 'placed' || move.move === 'accepted' ? m.facts : null,
        pageLink: `${settings.mail.appUrl}/min-side`,
        organiserContact: `${m.event.organiser_contact_name} (${m.event.organiser_contact_email})`,
      },
    },
    settings.now,
  )
}
