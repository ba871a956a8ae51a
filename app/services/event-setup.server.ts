import { randomBytes } from 'node:crypto'
import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'
import { daysBetween, osloDate, shiftDate, shiftInstant } from '~/domain/dates'
import type { EventInput } from '~/domain/event-form'
import { DomainError } from '~/domain/errors'
import { surveyCodeFrom } from '~/domain/survey'
import { lockOrganisedEvent } from './access.server'
import { writeAudit } from './audit.server'
import { inviteDefaultMunicipalities } from './invitations.server'
import { inviteForCopy } from './municipalities.server'
import { assertAllocationModeChange } from './session-wishes.server'
import type { Actor } from './users.server'

const UNIQUE_VIOLATION = '23505'

function isSlugTaken(error: unknown): boolean {
  return (
    typeof error === 'object' &&
    error !== null &&
    (error as { code?: string }).code === UNIQUE_VIOLATION &&
    String((error as { constraint?: string }).constraint).startsWith('event_slug')
  )
}

async function assertCountyExists(db: Kysely<Database>, countyNumber: string) {
  const county = await db.selectFrom('county').select('number').where('number', '=', countyNumber).executeTakeFirst()
  if (!county) throw new DomainError('unknown_county', 'countyNumber')
}

async function assertSlugFree(db: Kysely<Database>, slug: string, exceptEventId?: string) {
  let query = db.selectFrom('event').select('id').where('slug', '=', slug)
  if (exceptEventId) query = query.where('id', '!=', exceptEventId)
  if (await query.executeTakeFirst()) throw new DomainError('slug_taken', 'slug')
}

/** Counties for the event form's list. */
export async function listCounties(db: Kysely<Database>) {
  return db.selectFrom('county').select(['number', 'name']).orderBy('name').execute()
}

/** Whether the user may create events at all. */
export async function isOrganiser(db: Kysely<Database>, userId: string): Promise<boolean> {
  const row = await db.selectFrom('app_user').select('is_organiser').where('id', '=', userId).executeTakeFirst()
  return row?.is_organiser === true
}

/**
 * Creates an event from the organiser's form, makes its creator an organiser
 * of it, and invites its county's municipalities. Null if the actor may not
 * create events.
 */
export async function createEvent(db: Kysely<Database>, actor: Actor, input: EventInput, now: Date) {
  try {
    return await db.transaction().execute(async (trx) => {
      if (!(await isOrganiser(trx, actor.userId))) return null
      await assertCountyExists(trx, input.county_number)
      await assertSlugFree(trx, input.slug)
      const event = await trx
        .insertInto('event')
        .values({ ...input, created_at: now, updated_at: now })
        .returning(['id', 'county_number', 'starts_at'])
        .executeTakeFirstOrThrow()
      await trx.insertInto('event_organiser').values({ event_id: event.id, user_id: actor.userId }).execute()
      await inviteDefaultMunicipalities(trx, event)
      await writeAudit(trx, {
        actorUserId: actor.userId,
        actorLabel: 'organiser',
        action: 'event.created',
        entityType: 'event',
        entityId: event.id,
        eventId: event.id,
        after: input,
        at: now,
      })
      return event
    })
  } catch (error) {
    if (isSlugTaken(error)) throw new DomainError('slug_taken', 'slug')
    throw error
  }
}

/**
 * Saves the organiser's changes to an event. Refuses a change that would put
 * what is already registered over a new limit, naming how many are affected.
 * Null if the event is not the actor's.
 */
export async function updateEvent(db: Kysely<Database>, actor: Actor, eventId: string, input: EventInput, now: Date) {
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await lockOrganisedEvent(trx, actor, eventId)
      if (!before) return null
      await assertCountyExists(trx, input.county_number)
      await assertSlugFree(trx, input.slug, eventId)
      await assertWithinWindow(trx, eventId, input)
      await assertQuotasHold(trx, eventId, input)
      await assertAllocationModeChange(trx, before, input.session_allocation)
      const after = await trx
        .updateTable('event')
        .set({ ...input, updated_at: now })
        .where('id', '=', eventId)
        .returning(['id', 'slug'])
        .executeTakeFirstOrThrow()
      await writeAudit(trx, {
        actorUserId: actor.userId,
        actorLabel: 'organiser',
        action: 'event.updated',
        entityType: 'event',
        entityId: eventId,
        eventId,
        before,
        after: input,
        at: now,
      })
      return after
    })
  } catch (error) {
    if (isSlugTaken(error)) throw new DomainError('slug_taken', 'slug')
    throw error
  }
}

async function assertWithinWindow(db: Kysely<Database>, eventId: string, input: EventInput) {
  const first = osloDate(input.starts_at)
  const last = osloDate(input.ends_at)
  const days = await db
    .selectFrom('event_day')
    .select('id')
    .where('event_id', '=', eventId)
    .where((eb) => eb.or([eb('date', '<', first), eb('date', '>', last)]))
    .execute()
  const nights = await db
    .selectFrom('hotel_night')
    .select('id')
    .where('event_id', '=', eventId)
    .where((eb) => eb.or([eb('night_date', '<', shiftDate(first, -1)), eb('night_date', '>', shiftDate(last, -1))]))
    .execute()
  const count = days.length + nights.length
  if (count > 0) throw new DomainError('days_outside_window', 'startDate', { count })
}

/** Municipalities whose covered places in use exceed the new per-municipality numbers (plus their grants). */
async function assertQuotasHold(db: Kysely<Database>, eventId: string, input: EventInput) {
  const over = await db
    .selectFrom('registration')
    .select((eb) => [
      'registration.id',
      eb
        .selectFrom('participant')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('participant.registration_id', '=', 'registration.id')
        .where('participant.status', '=', 'active')
        .where((inner) =>
          inner.exists(
            inner
              .selectFrom('participant_night')
              .select('participant_night.participant_id')
              .whereRef('participant_night.participant_id', '=', 'participant.id')
              .where('participant_night.is_covered', '=', true),
          ),
        )
        .as('covered_overnight'),
      eb
        .selectFrom('participant_day')
        .innerJoin('participant', 'participant.id', 'participant_day.participant_id')
        .select(sql<number>`count(*)::int`.as('n'))
        .whereRef('participant.registration_id', '=', 'registration.id')
        .where('participant.status', '=', 'active')
        .where('participant_day.is_covered_day_package', '=', true)
        .as('covered_day_packages'),
      'registration.extra_overnights_granted',
      'registration.extra_day_packages_granted',
    ])
    .where('registration.event_id', '=', eventId)
    .execute()
  const overnight = over.filter((r) => (r.covered_overnight ?? 0) > input.covered_overnight_per_municipality + r.extra_overnights_granted).length
  if (overnight > 0) throw new DomainError('quota_below_usage', 'coveredOvernight', { count: overnight })
  const dayPackages = over.filter((r) => (r.covered_day_packages ?? 0) > input.covered_day_packages_per_municipality + r.extra_day_packages_granted).length
  if (dayPackages > 0) throw new DomainError('quota_below_usage', 'coveredDayPackages', { count: dayPackages })
}

/**
 * Copies an event as a draft with its days, nights, coverage rules, prices,
 * program and topics, all moved so it starts on `startDate` with the same
 * wall-clock times; no registrations. The invited municipalities are the
 * county's as of the new date and whoever took over from those the source
 * invited. Null if the source is not the actor's.
 */
export async function copyEvent(db: Kysely<Database>, actor: Actor, sourceId: string, target: { title: string; slug: string; startDate: string }, now: Date) {
  try {
    return await db.transaction().execute(async (trx) => {
      const source = await trx
        .selectFrom('event')
        .innerJoin('event_organiser', 'event_organiser.event_id', 'event.id')
        .selectAll('event')
        .where('event.id', '=', sourceId)
        .where('event_organiser.user_id', '=', actor.userId)
        .executeTakeFirst()
      if (!source) return null
      await assertSlugFree(trx, target.slug)
      const offset = daysBetween(osloDate(source.starts_at), target.startDate)
      const move = (instant: Date) => shiftInstant(instant, offset)
      // The copy keeps how parallel seats are handed out (session_allocation), with its own wish round and allocation to come.
      // How long personal data is kept is decided anew for each gathering: the copy starts from the default (decision 051).
      const {
        id: _id,
        created_at: _c,
        updated_at: _u,
        personal_data_deleted_at: _p,
        health_data_deleted_at: _h,
        wish_round_closed_at: _w,
        allocation_published_at: _a,
        personal_data_retention_days: _r,
        ...settings
      } = source
      const copy = await trx
        .insertInto('event')
        .values({
          ...settings,
          title: target.title,
          slug: target.slug,
          status: 'draft',
          starts_at: move(source.starts_at),
          ends_at: move(source.ends_at),
          registration_opens_at: move(source.registration_opens_at),
          deadline_at: move(source.deadline_at),
          created_at: now,
          updated_at: now,
        })
        .returning(['id', 'county_number', 'starts_at'])
        .executeTakeFirstOrThrow()
      await trx.insertInto('event_organiser').values({ event_id: copy.id, user_id: actor.userId }).execute()

      const days = await trx.selectFrom('event_day').selectAll().where('event_id', '=', sourceId).execute()
      const dayIds = new Map<string, string>()
      for (const day of days) {
        const row = await trx
          .insertInto('event_day')
          .values({
            event_id: copy.id,
            date: shiftDate(day.date, offset),
            label: day.label,
            starts_at: move(day.starts_at),
            ends_at: move(day.ends_at),
            meals: day.meals,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        dayIds.set(day.id, row.id)
      }
      const nights = await trx.selectFrom('hotel_night').selectAll().where('event_id', '=', sourceId).execute()
      if (nights.length > 0) {
        await trx
          .insertInto('hotel_night')
          .values(
            nights.map((n) => ({
              event_id: copy.id,
              night_date: shiftDate(n.night_date, offset),
              rooms_in_block: n.rooms_in_block,
              release_date: n.release_date ? shiftDate(n.release_date, offset) : null,
              is_covered: n.is_covered,
              requires_reason: n.requires_reason,
            })),
          )
          .execute()
      }
      const slots = await trx.selectFrom('program_slot').selectAll().where('event_id', '=', sourceId).execute()
      const slotIds = new Map<string, string>()
      for (const slot of slots) {
        const row = await trx
          .insertInto('program_slot')
          .values({
            event_id: copy.id,
            event_day_id: dayIds.get(slot.event_day_id) ?? '',
            label: slot.label,
            description: slot.description,
            starts_at: move(slot.starts_at),
            ends_at: move(slot.ends_at),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        slotIds.set(slot.id, row.id)
      }
      const items = await trx.selectFrom('program_item').selectAll().where('event_id', '=', sourceId).execute()
      if (items.length > 0) {
        await trx
          .insertInto('program_item')
          .values(
            items.map(({ id: _itemId, ...item }) => ({
              ...item,
              event_id: copy.id,
              event_day_id: item.event_day_id ? (dayIds.get(item.event_day_id) ?? null) : null,
              slot_id: item.slot_id ? (slotIds.get(item.slot_id) ?? null) : null,
              starts_at: move(item.starts_at),
              ends_at: item.ends_at ? move(item.ends_at) : null,
              seats_taken: 0,
              // A new event's meetings get new links.
              online_url: null,
              online_url_published_at: null,
            })),
          )
          .execute()
      }
      const topics = await trx.selectFrom('event_topic').select(['label', 'sort_order']).where('event_id', '=', sourceId).execute()
      if (topics.length > 0) {
        await trx
          .insertInto('event_topic')
          .values(topics.map((t) => ({ ...t, event_id: copy.id })))
          .execute()
      }
      await copySurvey(trx, sourceId, copy.id)
      // Today's successors of what the source invited (decision 28).
      const invitations = await inviteForCopy(trx, sourceId, copy)
      await writeAudit(trx, {
        actorUserId: actor.userId,
        actorLabel: 'organiser',
        action: 'event.copied',
        entityType: 'event',
        entityId: copy.id,
        eventId: copy.id,
        before: { from: sourceId },
        after: { ...target, invited: invitations.invited, municipalityChanges: invitations.changes },
        at: now,
      })
      return copy
    })
  } catch (error) {
    if (isSlugTaken(error)) throw new DomainError('slug_taken', 'slug')
    throw error
  }
}

/**
 * The source's survey (decision 049) with its questions and options, under a
 * new code and not yet opened; answers and world-café tables stay with the
 * source. Eight letters from the survey alphabet make a clash with another
 * survey's code as good as impossible.
 */
async function copySurvey(trx: Kysely<Database>, sourceId: string, targetId: string) {
  const survey = await trx.selectFrom('survey').select(['id', 'title']).where('event_id', '=', sourceId).executeTakeFirst()
  if (!survey) return
  const copy = await trx
    .insertInto('survey')
    .values({ event_id: targetId, title: survey.title, code: surveyCodeFrom(randomBytes(8), 8) })
    .returning('id')
    .executeTakeFirstOrThrow()
  const questions = await trx
    .selectFrom('survey_question')
    .select(['id', 'prompt', 'kind', 'allows_free_text', 'sort_order'])
    .where('survey_id', '=', survey.id)
    .orderBy('sort_order')
    .execute()
  for (const { id, ...question } of questions) {
    const copied = await trx
      .insertInto('survey_question')
      .values({ ...question, survey_id: copy.id })
      .returning('id')
      .executeTakeFirstOrThrow()
    const options = await trx.selectFrom('survey_option').select(['label', 'sort_order']).where('question_id', '=', id).execute()
    if (options.length > 0)
      await trx
        .insertInto('survey_option')
        .values(options.map((o) => ({ ...o, question_id: copied.id })))
        .execute()
  }
}
