import { type Kysely, sql } from 'kysely'
import type { Database, Event } from '../../db/schema'
import { dayHasEnded, noShowDays } from '~/domain/attendance'
import { checkInKey, countDay, type DayCounts } from '~/domain/check-in'
import type { IsoDate } from '~/domain/dates'
import { type Charge, chargeOf } from '~/domain/money'
import { findEventFor, lockOrganisedEvent } from './access.server'
import { writeAudit } from './audit.server'
import { coverageOf, type EventParticipant, readEventParticipants } from './event-participants.server'
import type { Actor } from './users.server'

/**
 * Attendance (Oppmøte, decision 047): who came on each gathering day, read
 * from the desk's `check_in` rows, the no-shows derived from them (never
 * stored; app/domain/attendance.ts holds the rule), and who joined each
 * webinar (`webinar_attendance`, recorded by an organiser from a list). The
 * no-shows feed the invoice basis (exports.server.ts) and the coverage page
 * (Dekning); what a no-show costs is the one money rule (app/domain/money.ts):
 * an active participant stays billable, and only an organiser waives it
 * (`waiveCharge` in participant-changes.server.ts).
 */

export interface AttendanceDayView {
  id: string
  date: IsoDate
  label: string
  endsAt: Date
  ended: boolean
  counts: DayCounts
  /** Per municipality (Norwegian order), the no-shows of the day; empty until the day has ended. */
  noShows: NoShowGroup[]
}

export interface NoShow {
  id: string
  name: string
  title: string
  municipality: string
  registrationId: string
  /** What the participant costs the municipality, by `chargeOf`, with an organiser's waiver and its reason. */
  charge: Charge
  /** Whether the participant holds a covered place (overnight or a day package). */
  covered: boolean
}

export interface NoShowGroup {
  municipality: string
  registrationId: string
  participants: NoShow[]
}

/** Every event day with its no-shows, and per participant the days they did not come to. */
interface NoShowsOfEvent {
  days: DayWithArrivals[]
  participants: EventParticipant[]
  arrived: (participantId: string, dayId: string) => boolean
  /** Per participant id, the days (in date order) they did not come to. */
  daysMissed: Map<string, Array<{ id: string; label: string }>>
  /** The no-shows, each once, sorted by municipality and name. */
  noShows: NoShow[]
  anyDayEnded: boolean
}

/**
 * The no-shows of an event at `now`, for callers that have already checked
 * who asks (the invoice basis, the Oppmøte and Dekning pages).
 */
export async function readNoShows(db: Kysely<Database>, event: Event, now: Date): Promise<NoShowsOfEvent> {
  const [days, participants, waivers] = await Promise.all([
    readDaysWithArrivals(db, event.id),
    readEventParticipants(db, event.id),
    db
      .selectFrom('participant')
      .innerJoin('registration', 'registration.id', 'participant.registration_id')
      .select(['participant.id', 'participant.charge_waived_reason'])
      .where('registration.event_id', '=', event.id)
      .where('participant.status', '=', 'active')
      .where('participant.charge_waived_reason', 'is not', null)
      .execute(),
  ])
  const { arrived, daysMissed } = missedDays(days, participants, now)
  const waiverOf = new Map(waivers.map((w) => [w.id, w.charge_waived_reason]))
  const noShows: NoShow[] = []
  for (const p of participants) {
    if (!daysMissed.has(p.id)) continue
    const { participant, assignment } = coverageOf(p)
    noShows.push({
      id: p.id,
      name: p.name,
      title: p.title,
      municipality: p.municipality,
      registrationId: p.registration_id,
      charge: chargeOf({ ...participant, status: p.status, waiverReason: waiverOf.get(p.id) ?? null }, assignment, event),
      covered: assignment.coveredOvernight || assignment.coveredDays.length > 0,
    })
  }
  return { days, participants, arrived, daysMissed, noShows, anyDayEnded: days.some((d) => dayHasEnded({ endsAt: d.ends_at }, now)) }
}

/** The event's days, in date order, each with the participants marked arrived on it: one statement. */
export async function readDaysWithArrivals(db: Kysely<Database>, eventId: string) {
  return db
    .selectFrom('event_day')
    .leftJoin('check_in', (join) => join.onRef('check_in.event_day_id', '=', 'event_day.id').on('check_in.arrived', '=', true))
    .select([
      'event_day.id',
      'event_day.date',
      'event_day.label',
      'event_day.starts_at',
      'event_day.ends_at',
      sql<string[]>`coalesce(array_agg(check_in.participant_id) filter (where check_in.participant_id is not null), '{}')`.as('arrived'),
    ])
    .where('event_day.event_id', '=', eventId)
    .groupBy('event_day.id')
    .orderBy('event_day.date')
    .execute()
}

type DayWithArrivals = Awaited<ReturnType<typeof readDaysWithArrivals>>[number]

/**
 * Per participant the days they did not come to, by the one rule
 * (`noShowDays`, app/domain/attendance.ts), from the event's days with their
 * arrivals and the participants with their days (dates, as
 * `readEventParticipants` gives them).
 */
export function missedDays(days: readonly DayWithArrivals[], participants: ReadonlyArray<Pick<EventParticipant, 'id' | 'status' | 'days'>>, now: Date) {
  const came = new Set(days.flatMap((d) => d.arrived.map((id) => checkInKey(id, d.id))))
  const arrived = (participantId: string, dayId: string) => came.has(checkInKey(participantId, dayId))
  const dayIdOf = new Map(days.map((d) => [d.date, d.id]))
  const attendanceDays = days.map((d) => ({ id: d.id, label: d.label, endsAt: d.ends_at }))
  const daysMissed: NoShowsOfEvent['daysMissed'] = new Map()
  for (const p of participants) {
    const dayIds = p.days.map((date) => dayIdOf.get(date)).filter((id): id is string => id !== undefined)
    const missed = noShowDays({ id: p.id, status: p.status, dayIds }, attendanceDays, arrived, now)
    if (missed.length > 0)
      daysMissed.set(
        p.id,
        missed.map((d) => ({ id: d.id, label: d.label })),
      )
  }
  return { arrived, daysMissed }
}

function groupByMunicipality(noShows: NoShow[]): NoShowGroup[] {
  const groups = new Map<string, NoShowGroup>()
  for (const n of noShows) {
    const group = groups.get(n.registrationId) ?? { municipality: n.municipality, registrationId: n.registrationId, participants: [] }
    group.participants.push(n)
    groups.set(n.registrationId, group)
  }
  return [...groups.values()]
}

/**
 * The Oppmøte page: per gathering day the arrived and expected, in all and
 * per municipality, and (once the day has ended) the no-shows per
 * municipality with what each costs; per digital session (webinar) who
 * joined, out of the event's active participants. Null unless the actor
 * organises the event (a desk helper or a viewer gets 404).
 */
export async function getAttendance(db: Kysely<Database>, actor: Actor, eventId: string, now: Date) {
  const found = await findEventFor(db, actor, eventId, 'event.manage')
  if (!found) return null
  const { event } = found
  const [read, webinars, recorded] = await Promise.all([
    readNoShows(db, event, now),
    db
      .selectFrom('program_item')
      .select(['id', 'title', 'starts_at', 'ends_at'])
      .where('event_id', '=', eventId)
      .where('kind', '=', 'digital')
      .orderBy('starts_at')
      .orderBy('sort_order')
      .orderBy('title')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('webinar_attendance')
      .innerJoin('program_item', 'program_item.id', 'webinar_attendance.program_item_id')
      .select(['webinar_attendance.program_item_id', 'webinar_attendance.participant_id'])
      .where('program_item.event_id', '=', eventId)
      .execute(),
  ])
  const dayIdOf = new Map(read.days.map((d) => [d.date, d.id]))
  const desk = read.participants.map((p) => ({
    id: p.id,
    municipality: p.municipality,
    dayIds: p.days.map((date) => dayIdOf.get(date)).filter((id): id is string => id !== undefined),
  }))
  const days: AttendanceDayView[] = read.days.map((d) => {
    const ended = dayHasEnded({ endsAt: d.ends_at }, now)
    const missed = ended ? read.noShows.filter((n) => read.daysMissed.get(n.id)?.some((m) => m.id === d.id)) : []
    return {
      id: d.id,
      date: d.date,
      label: d.label,
      endsAt: d.ends_at,
      ended,
      counts: countDay(desk, (participantId) => read.arrived(participantId, d.id), d.id),
      noShows: groupByMunicipality(missed),
    }
  })
  const attendedBy = new Map<string, Set<string>>()
  for (const r of recorded) attendedBy.set(r.program_item_id, (attendedBy.get(r.program_item_id) ?? new Set()).add(r.participant_id))
  return {
    event,
    days,
    webinars: webinars.map((w) => ({ ...w, attended: [...(attendedBy.get(w.id) ?? [])] })),
    /** Everyone who may join the webinars: the event's active participants, by municipality and name. */
    participants: read.participants.map((p) => ({ id: p.id, name: p.name, municipality: p.municipality })),
  }
}

/**
 * The no-shows per municipality for the coverage page (Dekning): nothing
 * until a gathering day has ended. Null unless the actor organises the event.
 */
export async function listNoShows(db: Kysely<Database>, actor: Actor, eventId: string, now: Date) {
  const found = await findEventFor(db, actor, eventId, 'event.manage')
  if (!found) return null
  const read = await readNoShows(db, found.event, now)
  return {
    anyDayEnded: read.anyDayEnded,
    noShows: read.noShows.map((n) => ({ ...n, days: (read.daysMissed.get(n.id) ?? []).map((d) => d.label) })),
    countByRegistration: new Map(groupByMunicipality(read.noShows).map((g) => [g.registrationId, g.participants.length])),
  }
}

/**
 * Records who joined a webinar (a digital session of the event): the set of
 * participants given replaces the one recorded, in one transaction, audited;
 * sending the same set again changes nothing. Null unless the actor organises
 * the event, the item is one of its digital sessions and every participant
 * is one of its participants (a foreign id answers 404).
 */
export async function recordWebinarAttendance(db: Kysely<Database>, actor: Actor, eventId: string, itemId: string, participantIds: string[], now: Date) {
  return db.transaction().execute(async (trx) => {
    const event = await lockOrganisedEvent(trx, actor, eventId)
    if (!event) return null
    const item = await trx
      .selectFrom('program_item')
      .select(['id', 'title'])
      .where('id', '=', itemId)
      .where('event_id', '=', eventId)
      .where('kind', '=', 'digital')
      .executeTakeFirst()
    if (!item) return null
    const wanted = [...new Set(participantIds)]
    if (wanted.length > 0) {
      const known = await trx
        .selectFrom('participant')
        .innerJoin('registration', 'registration.id', 'participant.registration_id')
        .select('participant.id')
        .where('registration.event_id', '=', eventId)
        .where('participant.status', '=', 'active')
        .where('participant.id', 'in', wanted)
        .execute()
      if (known.length !== wanted.length) return null
    }
    const before = (await trx.selectFrom('webinar_attendance').select('participant_id').where('program_item_id', '=', itemId).execute()).map(
      (r) => r.participant_id,
    )
    const removed = before.filter((id) => !wanted.includes(id))
    const added = wanted.filter((id) => !before.includes(id))
    if (removed.length > 0) await trx.deleteFrom('webinar_attendance').where('program_item_id', '=', itemId).where('participant_id', 'in', removed).execute()
    if (added.length > 0) {
      await trx
        .insertInto('webinar_attendance')
        .values(added.map((id) => ({ participant_id: id, program_item_id: itemId, recorded_at: now, recorded_by: actor.userId })))
        .onConflict((oc) => oc.doNothing())
        .execute()
    }
    if (added.length > 0 || removed.length > 0) {
      await writeAudit(trx, {
        actorUserId: actor.userId,
        actorLabel: 'organiser',
        action: 'webinar.attendance_recorded',
        entityType: 'program_item',
        entityId: itemId,
        eventId,
        before: { title: item.title, attended: before.length },
        after: { title: item.title, attended: wanted.length, added, removed },
        at: now,
      })
    }
    return { attended: wanted.length, added: added.length, removed: removed.length }
  })
}
