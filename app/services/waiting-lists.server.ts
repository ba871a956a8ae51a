import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database, WaitingListStatus } from '../../db/schema'
import { formatDateTime, formatNight, type IsoDate } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { can, permit, type Role } from '~/domain/permissions'
import { quotaOf } from '~/domain/quota'
import { restrictedRolesParam } from '~/domain/eligibility'
import type { LanguageForm } from '~/domain/language'
import { type FitProblem, joinProblem, nightFitProblem, offerOpen, positionOf, type WaitingTarget } from '~/domain/waiting-list'
import { promotedBetween } from '~/domain/coverage'
import { hashToken } from '~/utils/tokens.server'
import { type Asker, registrationAccess } from './access.server'
import { writeAudit } from './audit.server'
import { lockParticipantInEvent, readParticipantInEvent } from './participant-in-event.server'
import type { MailSettings } from './outbox.server'
import { recordDemotions, recordPromotions } from './participant-changes.server'
import { readChoices, readHeld, replaceChoices } from './places/choices.server'
import { recomputeCoverage } from './places/coverage.server'
import { lockPlaces } from './places/locks.server'
import { placesTransaction } from './places/transactions.server'
import {
  fillWaitingLists,
  mailMove,
  nightPlace,
  releaseHeldRoom,
  selectNightPlaces,
  selectSessionPlaces,
  sessionPlace,
  waitingParticipant,
} from './places/waiting-lists.server'

/**
 * Waiting lists for full parallel sessions and hotel nights (decision 045):
 * standing on a list and leaving it, answering an offered room by its link,
 * offers that run out, and what the participant's, the contact person's and
 * the organiser's pages show. The fill step itself, run wherever a seat or
 * room is given back, is in places/waiting-lists.server.ts. Every change is
 * one transaction that locks in the fixed order: the night, the
 * registration, the session.
 */

/** The participant, their event's phase and quota, and the asker's role on them; the registration locked first. Null for anyone else. */
async function lockedParticipant(trx: Transaction<Database>, asker: Asker, participantId: string, now: Date) {
  const locked = await lockParticipantInEvent(trx, participantId, now, asker)
  if (!locked) return null
  const access = await registrationAccess(trx, { userId: asker.id }, locked.found)
  const role: Role | null = access?.role ?? (locked.own ? 'participant' : null)
  if (!role) return null
  return { p: locked.found, role, label: access?.label ?? 'participant', phase: locked.phase }
}

/** The refusal a person can act on, for a rule the list's entry breaks. */
function refusalFor(problem: FitProblem | 'waitlist_not_full', place: { session?: string; roles?: string[]; night?: IsoDate }): DomainError {
  switch (problem) {
    case 'session_day_not_attended':
      return new DomainError('session_day_not_attended', 'waitlist', { session: place.session ?? '' })
    case 'session_role_restricted':
      return new DomainError('session_role_restricted', 'waitlist', {
        session: place.session ?? '',
        roles: restrictedRolesParam(place.roles ?? []),
      })
    case 'night_not_touching_days':
    case 'night_needs_reason':
      return new DomainError(problem, 'waitlist', { night: place.night ? formatNight(place.night) : '' })
    case 'not_active':
      return new DomainError('registration_not_open', 'waitlist')
    default:
      return new DomainError(problem, 'waitlist')
  }
}

/**
 * Puts a participant on the waiting list of a full session or hotel night:
 * the participant themself, their contact person or an organiser, until the
 * event starts (`waitlist.join`), and only for a place they could use (a
 * session on a day they attend and open to their role, a night that touches
 * their days) and do not hold. Returns the entry and where it stands; null
 * when the asker has no business here or the place is not of the event.
 */
export async function joinWaitingList(db: Kysely<Database>, mail: MailSettings, asker: Asker, participantId: string, target: WaitingTarget, now: Date) {
  return placesTransaction({ db, mail, now }, async (trx) => {
    // The night first, then the registration, then the session: the order every change keeps.
    if (target.kind === 'night') await lockPlaces(trx, [target.id], [])
    const found = await lockedParticipant(trx, asker, participantId, now)
    if (found?.p.status !== 'active') return null
    if (!permit(found.role, 'waitlist.join', { phase: found.phase }, { field: 'waitlist' })) return null
    if (target.kind === 'session') await lockPlaces(trx, [], [target.id])
    const me = await waitingParticipant(trx, found.p)
    let place: { session?: string; roles?: string[]; night?: IsoDate; label: string }
    let problem: ReturnType<typeof joinProblem>
    if (target.kind === 'session') {
      const item = await selectSessionPlaces(trx)
        .where('program_item.id', '=', target.id)
        .where('program_item.event_id', '=', found.p.event_id)
        .executeTakeFirst()
      if (!item) return null
      place = { session: item.title, roles: item.restricted_to_roles, label: `«${item.title}»` }
      problem = joinProblem(
        {
          kind: 'session',
          session: sessionPlace(item),
        },
        me,
      )
    } else {
      const night = await selectNightPlaces(trx).where('hotel_night.id', '=', target.id).where('hotel_night.event_id', '=', found.p.event_id).executeTakeFirst()
      if (!night) return null
      place = { night: night.night_date, label: `natten ${formatNight(night.night_date)}` }
      problem = joinProblem(
        {
          kind: 'night',
          night: nightPlace(night),
        },
        me,
      )
    }
    if (problem) throw refusalFor(problem, place)
    const column = target.kind === 'session' ? 'program_item_id' : 'hotel_night_id'
    const live = await trx
      .selectFrom('waiting_list_entry')
      .select('id')
      .where('participant_id', '=', participantId)
      .where(column, '=', target.id)
      .where('status', 'in', ['waiting', 'offered'])
      .executeTakeFirst()
    if (live) throw new DomainError('waitlist_already_on', 'waitlist')
    const entry = await trx
      .insertInto('waiting_list_entry')
      .values({ event_id: found.p.event_id, participant_id: participantId, [column]: target.id, status: 'waiting', created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
    const line = await trx.selectFrom('waiting_list_entry').select(['id', 'created_at']).where(column, '=', target.id).where('status', '=', 'waiting').execute()
    const position = positionOf(
      line.map((l) => ({ id: l.id, createdAt: l.created_at })),
      entry.id,
    )
    await writeAudit(trx, {
      actorUserId: asker.id,
      actorLabel: found.label,
      action: 'waiting_list.joined',
      entityType: 'waiting_list_entry',
      entityId: entry.id,
      eventId: found.p.event_id,
      registrationId: found.p.registration_id,
      after: { participantId, name: found.p.name, [target.kind]: place.label, position },
      at: now,
    })
    await mailMove(trx, { mail, now }, participantId, { move: 'joined', kind: target.kind, place: place.label, position })
    return { entryId: entry.id, position }
  })
}

/** An entry with what it is a list for. */
async function entryOf(db: Kysely<Database> | Transaction<Database>, where: { id: string } | { tokenHash: string }) {
  return db
    .selectFrom('waiting_list_entry as w')
    .leftJoin('program_item', 'program_item.id', 'w.program_item_id')
    .leftJoin('hotel_night', 'hotel_night.id', 'w.hotel_night_id')
    .select([
      'w.id',
      'w.event_id',
      'w.participant_id',
      'w.program_item_id',
      'w.hotel_night_id',
      'w.status',
      'w.offer_expires_at',
      'program_item.title',
      sql<IsoDate | null>`hotel_night.night_date::text`.as('night_date'),
      'hotel_night.requires_reason',
    ])
    .$call((q) => ('id' in where ? q.where('w.id', '=', where.id) : q.where('w.offer_token_hash', '=', where.tokenHash)))
    .executeTakeFirst()
}

/** A list's place in words: "«Energi»" or "natten 27.–28. november 2018" ("natta …" in nynorsk); the audit log and the mails take bokmål. */
const nightWord: Record<LanguageForm, string> = { nb: 'natten', nn: 'natta' }
const placeOf = (e: { title: string | null; night_date: IsoDate | null }, languageForm: LanguageForm) =>
  e.night_date ? `${nightWord[languageForm]} ${formatNight(e.night_date)}` : `«${e.title ?? ''}»`

/**
 * Takes a participant off a list (the participant, their contact person or
 * an organiser, while they may join lists). An offered room they leave goes
 * on to the next in line at once. Null when the asker has no business with
 * the entry, or it is no longer on a list.
 */
export async function leaveWaitingList(db: Kysely<Database>, mail: MailSettings, asker: Asker, entryId: string, now: Date) {
  return placesTransaction({ db, mail, now }, async (trx) => {
    const entry = await entryOf(trx, { id: entryId })
    if (!entry) return null
    if (entry.hotel_night_id) await lockPlaces(trx, [entry.hotel_night_id], [])
    const found = await lockedParticipant(trx, asker, entry.participant_id, now)
    if (!found) return null
    if (!permit(found.role, 'waitlist.join', { phase: found.phase }, { field: 'waitlist' })) return null
    const left = await trx
      .updateTable('waiting_list_entry')
      .set({ status: 'withdrawn', resolved_at: now })
      .where('id', '=', entryId)
      .where('status', 'in', ['waiting', 'offered'])
      .returning('id')
      .executeTakeFirst()
    if (!left) return null
    await writeAudit(trx, {
      actorUserId: asker.id,
      actorLabel: found.label,
      action: 'waiting_list.left',
      entityType: 'waiting_list_entry',
      entityId: entryId,
      eventId: entry.event_id,
      registrationId: found.p.registration_id,
      before: { status: entry.status },
      after: { participantId: entry.participant_id, name: found.p.name, place: placeOf(entry, 'nb') },
      at: now,
    })
    await mailMove(trx, { mail, now }, entry.participant_id, { move: 'left', kind: entry.hotel_night_id ? 'night' : 'session', place: placeOf(entry, 'nb') })
    if (entry.status === 'offered' && entry.hotel_night_id) {
      await releaseHeldRoom(trx, entry.hotel_night_id)
      await fillWaitingLists(trx, { nightIds: [entry.hotel_night_id], sessionIds: [] }, { mail, now })
    }
    return { left: true }
  })
}

/** What the answer page shows for an offer's link; null for a link that is not one, or not the asker's to answer. */
export async function readOffer(db: Kysely<Database>, asker: Asker, token: string, now: Date) {
  const entry = await entryOf(db, { tokenHash: hashToken(token) })
  if (!entry?.hotel_night_id || !entry.night_date) return null
  return db.transaction().execute(async (trx) => {
    const found = await lockedParticipant(trx, asker, entry.participant_id, now)
    if (!found || (found.role !== 'organiser' && found.role !== 'contact_person')) return null
    return {
      participantName: found.p.name,
      night: formatNight(entry.night_date as IsoDate),
      expires: entry.offer_expires_at ? formatDateTime(entry.offer_expires_at) : null,
      status: entry.status,
      open: offerOpen({ status: entry.status, offerExpiresAt: entry.offer_expires_at }, now) && can(found.role, 'waitlist.answer', { phase: found.phase }),
    }
  })
}

/**
 * Answers an offered room by its link (the contact person or an organiser,
 * until the event starts). Accepted: in one transaction, locking the night,
 * then the registration, the participant gets the night through the same
 * code path as a change of nights (`replaceChoices`), so rooms, coverage and
 * prices stay right; the held room becomes a taken one. Declined: the room
 * goes on to the next in line. An offer that is answered, withdrawn or run
 * out refuses with `waitlist_offer_gone`. Null for a link that is not the
 * asker's to answer.
 */
export async function answerOffer(db: Kysely<Database>, mail: MailSettings, asker: Asker, token: string, answer: 'accept' | 'decline', now: Date) {
  const tokenHash = hashToken(token)
  return placesTransaction({ db, mail, now }, async (trx) => {
    const first = await entryOf(trx, { tokenHash })
    if (!first?.hotel_night_id) return null
    const nightId = first.hotel_night_id
    await lockPlaces(trx, [nightId], [])
    const found = await lockedParticipant(trx, asker, first.participant_id, now)
    if (!found) return null
    if (!permit(found.role, 'waitlist.answer', { phase: found.phase }, { field: 'answer' })) return null
    // Read again under the locks: a second click, or the job that ends offers, may have come first.
    const entry = await entryOf(trx, { tokenHash })
    if (!entry || !offerOpen({ status: entry.status, offerExpiresAt: entry.offer_expires_at }, now)) throw new DomainError('waitlist_offer_gone', 'answer')
    const place = placeOf(entry, 'nb')
    const common = { actorUserId: asker.id, actorLabel: found.label, eventId: entry.event_id, registrationId: found.p.registration_id, at: now }
    await releaseHeldRoom(trx, nightId)

    const me = found.p.status === 'active' ? await waitingParticipant(trx, found.p) : null
    const night = {
      id: nightId,
      nightDate: entry.night_date as IsoDate,
      roomsInBlock: 0,
      roomsTaken: 0,
      roomsHeld: 0,
      requiresReason: entry.requires_reason ?? false,
    }
    const problem = me ? nightFitProblem(night, me) : 'not_active'
    // Someone no longer enrolled cannot take the room: it goes on to the next as if declined.
    const gone = problem === 'not_active'
    if (answer === 'accept' && problem && !gone) throw refusalFor(problem, { night: night.nightDate })

    if (answer === 'decline' || gone) {
      await trx
        .updateTable('waiting_list_entry')
        .set({ status: gone ? 'withdrawn' : 'declined', resolved_at: now })
        .where('id', '=', entry.id)
        .execute()
      await writeAudit(trx, {
        ...common,
        action: gone ? 'waiting_list.withdrawn' : 'waiting_list.declined',
        entityType: 'waiting_list_entry',
        entityId: entry.id,
        after: { participantId: entry.participant_id, name: found.p.name, place },
      })
      if (!gone) await mailMove(trx, { mail, now }, entry.participant_id, { move: 'declined', kind: 'night', place })
      await fillWaitingLists(trx, { nightIds: [nightId], sessionIds: [] }, { mail, now })
      return { accepted: false }
    }

    // As a change of nights: the held room given back above is taken again through the counters.
    const quota = quotaOf(found.p)
    const before = await recomputeCoverage(trx, found.p.registration_id, quota)
    const held = await readHeld(trx, entry.participant_id)
    const read = await readChoices(
      trx,
      { registrationId: found.p.registration_id },
      { dayIds: held.dayIds, nightIds: [...held.nightIds, nightId], sessionIds: held.sessionIds, topicIds: [] },
    )
    await replaceChoices(
      trx,
      entry.participant_id,
      held,
      { nights: read.nights, sessions: read.sessions },
      {
        longTravelReason: held.longTravelReason,
        now,
        writes: [trx.updateTable('participant').set({ updated_at: now }).where('id', '=', entry.participant_id)],
      },
    )
    const after = await recomputeCoverage(trx, found.p.registration_id, quota)
    await trx.updateTable('waiting_list_entry').set({ status: 'placed', resolved_at: now }).where('id', '=', entry.id).execute()
    await writeAudit(trx, {
      ...common,
      action: 'waiting_list.accepted',
      entityType: 'waiting_list_entry',
      entityId: entry.id,
      after: { participantId: entry.participant_id, name: found.p.name, place, coverage: after.get(entry.participant_id) },
    })
    await mailMove(trx, { mail, now }, entry.participant_id, { move: 'accepted', kind: 'night', place })
    const promoted = promotedBetween(before, after).filter((id) => id !== entry.participant_id)
    await recordPromotions(trx, mail, common, promoted, after, 'freed')
    const demoted = promotedBetween(after, before).filter((id) => id !== entry.participant_id)
    await recordDemotions(trx, mail, common, demoted, after, promoted, 'changed')
    return { accepted: true }
  })
}

/**
 * Ends the offers whose time ran out (the scheduled job): each in its own
 * transaction, locking the night first; the room goes on to the next in
 * line. Returns how many ended.
 */
export async function expireWaitingOffers(db: Kysely<Database>, mail: MailSettings, now: Date) {
  const due = await db
    .selectFrom('waiting_list_entry')
    .select(['id', 'hotel_night_id'])
    .where('status', '=', 'offered')
    .where('offer_expires_at', '<=', now)
    .orderBy('offer_expires_at')
    .limit(200)
    .execute()
  let ended = 0
  for (const d of due) {
    if (!d.hotel_night_id) continue
    const nightId = d.hotel_night_id
    const done = await placesTransaction({ db, mail, now }, async (trx) => {
      await lockPlaces(trx, [nightId], [])
      const entry = await trx
        .updateTable('waiting_list_entry')
        .set({ status: 'expired', resolved_at: now })
        .where('id', '=', d.id)
        .where('status', '=', 'offered')
        .where('offer_expires_at', '<=', now)
        .returning(['id', 'participant_id', 'event_id'])
        .executeTakeFirst()
      if (!entry) return false
      await releaseHeldRoom(trx, nightId)
      const info = await entryOf(trx, { id: entry.id })
      const registration = await trx.selectFrom('participant').select('registration_id').where('id', '=', entry.participant_id).executeTakeFirstOrThrow()
      const place = info ? placeOf(info, 'nb') : ''
      await writeAudit(trx, {
        actorUserId: null,
        actorLabel: 'system',
        action: 'waiting_list.expired',
        entityType: 'waiting_list_entry',
        entityId: entry.id,
        eventId: entry.event_id,
        registrationId: registration.registration_id,
        after: { participantId: entry.participant_id, place },
        at: now,
      })
      await mailMove(trx, { mail, now }, entry.participant_id, { move: 'expired', kind: 'night', place })
      await fillWaitingLists(trx, { nightIds: [nightId], sessionIds: [] }, { mail, now })
      return true
    })
    if (done) ended++
  }
  return ended
}

export interface WaitingListView {
  participantId: string
  /** The lists the participant stands on, with where they stand or until when a room is held. */
  entries: Array<{
    id: string
    kind: 'session' | 'night'
    place: string
    status: Extract<WaitingListStatus, 'waiting' | 'offered'>
    position: number | null
    offerExpires: string | null
  }>
  /** Full sessions and nights the participant could use and may stand in line for. */
  joinable: Array<{ kind: 'session' | 'night'; id: string; place: string }>
  /** Whether the asker may join or leave lists now. */
  canChange: boolean
}

/**
 * What the participant's page and the contact person's page show of the
 * waiting lists, for an asker whose access the route has checked (`role`:
 * the participant themself, their contact person or an organiser).
 */
export async function waitingListView(
  db: Kysely<Database>,
  participantId: string,
  role: Role | null,
  now: Date,
  languageForm: LanguageForm,
): Promise<WaitingListView> {
  const p = await readParticipantInEvent(db, participantId, now)
  const empty: WaitingListView = { participantId, entries: [], joinable: [], canChange: false }
  if (p?.status !== 'active') return empty
  const { phase } = p
  const [me, items, nights, live] = await Promise.all([
    db.transaction().execute((trx) => waitingParticipant(trx, p)),
    selectSessionPlaces(db)
      .where('program_item.event_id', '=', p.event_id)
      .where('program_item.capacity', 'is not', null)
      .whereRef('program_item.seats_taken', '>=', 'program_item.capacity')
      .orderBy('program_item.starts_at')
      .orderBy('program_item.title')
      .execute(),
    selectNightPlaces(db).where('hotel_night.event_id', '=', p.event_id).orderBy('hotel_night.night_date').execute(),
    db
      .selectFrom('waiting_list_entry as w')
      .leftJoin('program_item', 'program_item.id', 'w.program_item_id')
      .leftJoin('hotel_night', 'hotel_night.id', 'w.hotel_night_id')
      .select([
        'w.id',
        'w.status',
        'w.program_item_id',
        'w.hotel_night_id',
        'w.offer_expires_at',
        'program_item.title',
        sql<IsoDate | null>`hotel_night.night_date::text`.as('night_date'),
        // Where it stands: those waiting on the same list who joined before it, plus one.
        sql<number>`(select count(*)::int from waiting_list_entry o
          where o.status = 'waiting'
            and (o.program_item_id = w.program_item_id or o.hotel_night_id = w.hotel_night_id)
            and (o.created_at, o.id) <= (w.created_at, w.id))`.as('position'),
      ])
      .where('w.participant_id', '=', participantId)
      .where('w.status', 'in', ['waiting', 'offered'])
      .orderBy('w.created_at')
      .execute(),
  ])
  const onList = new Set(live.flatMap((e) => [e.program_item_id, e.hotel_night_id]).filter(Boolean))
  const joinable: WaitingListView['joinable'] = [
    ...items
      .filter((i) => !onList.has(i.id) && joinProblem({ kind: 'session', session: sessionPlace(i) }, me) === null)
      .map((i) => ({ kind: 'session' as const, id: i.id, place: `«${i.title}»` })),
    ...nights
      .filter(
        (n) =>
          !onList.has(n.id) &&
          joinProblem(
            {
              kind: 'night',
              night: nightPlace(n),
            },
            me,
          ) === null,
      )
      .map((n) => ({ kind: 'night' as const, id: n.id, place: `${nightWord[languageForm]} ${formatNight(n.night_date)}` })),
  ]
  return {
    participantId,
    entries: live.map((e) => ({
      id: e.id,
      kind: e.hotel_night_id ? ('night' as const) : ('session' as const),
      place: placeOf(e, languageForm),
      status: e.status === 'offered' ? ('offered' as const) : ('waiting' as const),
      position: e.status === 'waiting' ? e.position : null,
      offerExpires: e.status === 'offered' && e.offer_expires_at ? formatDateTime(e.offer_expires_at) : null,
    })),
    joinable,
    canChange: can(role, 'waitlist.join', { phase }),
  }
}

/** How many wait, and how many rooms are offered, per session and per night of an event: for the organiser's pages. */
export async function waitingListLengths(db: Kysely<Database>, eventId: string) {
  const rows = await db
    .selectFrom('waiting_list_entry')
    .select(['program_item_id', 'hotel_night_id', 'status', sql<number>`count(*)::int`.as('n')])
    .where('event_id', '=', eventId)
    .where('status', 'in', ['waiting', 'offered'])
    .groupBy(['program_item_id', 'hotel_night_id', 'status'])
    .execute()
  const lengths = new Map<string, { waiting: number; offered: number }>()
  for (const r of rows) {
    const id = r.program_item_id ?? r.hotel_night_id
    if (!id) continue
    const l = lengths.get(id) ?? { waiting: 0, offered: 0 }
    if (r.status === 'waiting') l.waiting += r.n
    else l.offered += r.n
    lengths.set(id, l)
  }
  return lengths
}
