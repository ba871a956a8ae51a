import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { formatTimeRange, formatWeekday, osloDate, osloDateTime } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { checkDayDate, checkNightDate, skippedTimes } from '~/domain/event-rules'
import { type DayForm, type ItemForm, type NightForm, type SlotForm, speakersFromText } from '~/domain/program-form'
import { findEventFor, lockOrganisedEvent } from './access.server'
import { writeAudit } from './audit.server'
import { selectParticipantRecipients } from './participant-mail.server'
import { emailRow, type MailSettings } from './outbox.server'
import { fillWaitingLists } from './places/waiting-lists.server'
import type { Actor } from './users.server'

/**
 * The organiser's work on an event's days, hotel nights, parallel slots and
 * program items. Each change is one transaction that first locks the event
 * (so it is the actor's, and changes to one event happen one at a time),
 * checks what is already registered, and writes an audit row.
 */

const count = sql<number>`count(*)::int`

async function audit(
  trx: Transaction<Database>,
  actor: Actor,
  eventId: string,
  action: string,
  entityType: string,
  entityId: string,
  after: unknown,
  now: Date,
) {
  await writeAudit(trx, { actorUserId: actor.userId, actorLabel: 'organiser', action, entityType, entityId, eventId, after, at: now })
}

/** The event with its days, nights with rooms taken, slots and items, for its organiser; null for anyone else. */
export async function getProgramSetup(db: Kysely<Database>, actor: Actor, eventId: string) {
  const event = (await findEventFor(db, actor, eventId, 'event.manage'))?.event
  if (!event) return null
  const [days, nights, slots, items] = await Promise.all([
    db.selectFrom('event_day').selectAll().where('event_id', '=', eventId).orderBy('date').execute(),
    db
      .selectFrom('hotel_night')
      .selectAll('hotel_night')
      .select((eb) =>
        eb
          .selectFrom('participant_night')
          .innerJoin('participant', 'participant.id', 'participant_night.participant_id')
          .select(count.as('n'))
          .whereRef('participant_night.hotel_night_id', '=', 'hotel_night.id')
          .where('participant.status', '=', 'active')
          .as('rooms_in_use'),
      )
      .where('event_id', '=', eventId)
      .orderBy('night_date')
      .execute(),
    db.selectFrom('program_slot').selectAll().where('event_id', '=', eventId).orderBy('starts_at').orderBy('label').orderBy('id').execute(),
    db
      .selectFrom('program_item')
      .selectAll('program_item')
      .select((eb) => eb.selectFrom('session_choice').select(count.as('n')).whereRef('session_choice.program_item_id', '=', 'program_item.id').as('chosen'))
      .where('event_id', '=', eventId)
      .orderBy('starts_at')
      .orderBy('sort_order')
      .orderBy('title')
      .orderBy('id')
      .execute(),
  ])
  return { event, days, nights, slots, items }
}

export async function saveDay(db: Kysely<Database>, actor: Actor, eventId: string, form: DayForm, now: Date) {
  return db.transaction().execute(async (trx) => {
    const event = await lockOrganisedEvent(trx, actor, eventId)
    if (!event) return null
    if (checkDayDate(form.date, { startsAt: event.starts_at, endsAt: event.ends_at })) throw new DomainError('day_outside_event', 'date')
    const clash = await trx
      .selectFrom('event_day')
      .select('id')
      .where('event_id', '=', eventId)
      .where('date', '=', form.date)
      .$if(Boolean(form.id), (q) => q.where('id', '!=', form.id ?? ''))
      .executeTakeFirst()
    if (clash) throw new DomainError('day_exists', 'date')
    const values = {
      date: form.date,
      label: form.label,
      starts_at: osloDateTime(form.date, form.startTime),
      ends_at: osloDateTime(form.date, form.endTime),
      meals: form.meals ?? [],
    }
    const row = form.id
      ? await trx.updateTable('event_day').set(values).where('id', '=', form.id).where('event_id', '=', eventId).returning('id').executeTakeFirst()
      : await trx
          .insertInto('event_day')
          .values({ ...values, event_id: eventId })
          .returning('id')
          .executeTakeFirstOrThrow()
    if (!row) return null
    await audit(trx, actor, eventId, form.id ? 'day.updated' : 'day.created', 'event_day', row.id, values, now)
    return row
  })
}

export async function deleteDay(db: Kysely<Database>, actor: Actor, eventId: string, dayId: string, now: Date) {
  return db.transaction().execute(async (trx) => {
    if (!(await lockOrganisedEvent(trx, actor, eventId))) return null
    const day = await trx.selectFrom('event_day').select(['id', 'date']).where('id', '=', dayId).where('event_id', '=', eventId).executeTakeFirst()
    if (!day) return null
    const items = await trx.selectFrom('program_item').select(count.as('n')).where('event_day_id', '=', dayId).executeTakeFirstOrThrow()
    const attending = await trx.selectFrom('participant_day').select(count.as('n')).where('event_day_id', '=', dayId).executeTakeFirstOrThrow()
    const used = items.n + attending.n
    if (used > 0) throw new DomainError('day_in_use', undefined, { count: used })
    await trx.deleteFrom('event_day').where('id', '=', dayId).execute()
    await audit(trx, actor, eventId, 'day.deleted', 'event_day', dayId, { date: day.date }, now)
    return day
  })
}

/** With `mail`, rooms a larger block frees go to the night's waiting list in the same transaction (decision 045). */
export async function saveNight(db: Kysely<Database>, actor: Actor, eventId: string, form: NightForm, now: Date, mail?: MailSettings) {
  return db.transaction().execute(async (trx) => {
    const event = await lockOrganisedEvent(trx, actor, eventId)
    if (!event) return null
    if (checkNightDate(form.date, { startsAt: event.starts_at, endsAt: event.ends_at })) throw new DomainError('night_outside_event', 'date')
    const clash = await trx
      .selectFrom('hotel_night')
      .select('id')
      .where('event_id', '=', eventId)
      .where('night_date', '=', form.date)
      .$if(Boolean(form.id), (q) => q.where('id', '!=', form.id ?? ''))
      .executeTakeFirst()
    if (clash) throw new DomainError('night_exists', 'date')
    if (form.id) {
      // The night's row is the lock every enrolment takes before counting its rooms.
      const night = await trx
        .selectFrom('hotel_night')
        .select(['id', 'rooms_held'])
        .where('id', '=', form.id)
        .where('event_id', '=', eventId)
        .forUpdate()
        .executeTakeFirst()
      if (!night) return null
      const taken = await trx
        .selectFrom('participant_night')
        .innerJoin('participant', 'participant.id', 'participant_night.participant_id')
        .select(count.as('n'))
        .where('participant_night.hotel_night_id', '=', form.id)
        .where('participant.status', '=', 'active')
        .executeTakeFirstOrThrow()
      // Rooms held for a waiting list's open offer are in use too.
      if (taken.n + night.rooms_held > form.rooms) throw new DomainError('rooms_below_usage', 'rooms', { count: taken.n + night.rooms_held })
    }
    const values = {
      night_date: form.date,
      rooms_in_block: form.rooms,
      release_date: form.releaseDate ?? null,
      is_covered: form.covered === 'on',
      requires_reason: form.requiresReason === 'on',
    }
    const row = form.id
      ? await trx.updateTable('hotel_night').set(values).where('id', '=', form.id).returning('id').executeTakeFirstOrThrow()
      : await trx
          .insertInto('hotel_night')
          .values({ ...values, event_id: eventId })
          .returning('id')
          .executeTakeFirstOrThrow()
    await audit(trx, actor, eventId, form.id ? 'night.updated' : 'night.created', 'hotel_night', row.id, values, now)
    if (form.id && mail) await fillWaitingLists(trx, { nightIds: [row.id], sessionIds: [] }, { mail, now })
    return row
  })
}

export async function deleteNight(db: Kysely<Database>, actor: Actor, eventId: string, nightId: string, now: Date) {
  return db.transaction().execute(async (trx) => {
    if (!(await lockOrganisedEvent(trx, actor, eventId))) return null
    const night = await trx
      .selectFrom('hotel_night')
      .select(['id', 'night_date'])
      .where('id', '=', nightId)
      .where('event_id', '=', eventId)
      .forUpdate()
      .executeTakeFirst()
    if (!night) return null
    const taken = await trx.selectFrom('participant_night').select(count.as('n')).where('hotel_night_id', '=', nightId).executeTakeFirstOrThrow()
    if (taken.n > 0) throw new DomainError('night_in_use', undefined, { count: taken.n })
    await trx.deleteFrom('hotel_night').where('id', '=', nightId).execute()
    await audit(trx, actor, eventId, 'night.deleted', 'hotel_night', nightId, { date: night.night_date }, now)
    return night
  })
}

async function findDay(trx: Transaction<Database>, eventId: string, dayId: string) {
  return trx.selectFrom('event_day').select(['id', 'date']).where('id', '=', dayId).where('event_id', '=', eventId).executeTakeFirst()
}

/** A time the Oslo clock skips on the day (summer time) is refused at its field, before it could end a slot or item before it starts. */
function assertTimesOnClock(date: string, times: { startTime: string; endTime?: string }) {
  const [field] = skippedTimes(date, times)
  if (field) throw new DomainError('time_not_on_clock', field)
}

export async function saveSlot(db: Kysely<Database>, actor: Actor, eventId: string, form: SlotForm, now: Date) {
  return db.transaction().execute(async (trx) => {
    if (!(await lockOrganisedEvent(trx, actor, eventId))) return null
    const day = await findDay(trx, eventId, form.dayId)
    if (!day) return null
    assertTimesOnClock(day.date, { startTime: form.startTime, endTime: form.endTime })
    const values = {
      event_day_id: day.id,
      label: form.label,
      description: form.description ?? '',
      starts_at: osloDateTime(day.date, form.startTime),
      ends_at: osloDateTime(day.date, form.endTime),
    }
    const row = form.id
      ? await trx.updateTable('program_slot').set(values).where('id', '=', form.id).where('event_id', '=', eventId).returning('id').executeTakeFirst()
      : await trx
          .insertInto('program_slot')
          .values({ ...values, event_id: eventId })
          .returning('id')
          .executeTakeFirstOrThrow()
    if (!row) return null
    if (form.id) {
      // The slot's sessions move with it.
      await trx.updateTable('program_item').set({ event_day_id: day.id }).where('slot_id', '=', row.id).execute()
    }
    await audit(trx, actor, eventId, form.id ? 'slot.updated' : 'slot.created', 'program_slot', row.id, values, now)
    return row
  })
}

export async function deleteSlot(db: Kysely<Database>, actor: Actor, eventId: string, slotId: string, now: Date) {
  return db.transaction().execute(async (trx) => {
    if (!(await lockOrganisedEvent(trx, actor, eventId))) return null
    const slot = await trx.selectFrom('program_slot').select(['id', 'label']).where('id', '=', slotId).where('event_id', '=', eventId).executeTakeFirst()
    if (!slot) return null
    const items = await trx.selectFrom('program_item').select(count.as('n')).where('slot_id', '=', slotId).executeTakeFirstOrThrow()
    if (items.n > 0) throw new DomainError('slot_in_use', undefined, { count: items.n })
    await trx.deleteFrom('program_slot').where('id', '=', slotId).execute()
    await audit(trx, actor, eventId, 'slot.deleted', 'program_slot', slotId, { label: slot.label }, now)
    return slot
  })
}

/** With `mail`, seats a larger capacity frees go to the session's waiting list in the same transaction (decision 045). */
export async function saveItem(db: Kysely<Database>, actor: Actor, eventId: string, form: ItemForm, now: Date, mail?: MailSettings) {
  return db.transaction().execute(async (trx) => {
    if (!(await lockOrganisedEvent(trx, actor, eventId))) return null
    let date: string
    let dayId: string | null = null
    let slotId: string | null = null
    if (form.kind === 'digital') {
      date = form.digitalDate ?? ''
    } else {
      const day = await findDay(trx, eventId, form.dayId ?? '')
      if (!day) throw new DomainError('day_outside_event', 'dayId')
      date = day.date
      dayId = day.id
      if (form.kind === 'parallel') {
        const slot = await trx
          .selectFrom('program_slot')
          .select(['id', 'event_day_id'])
          .where('id', '=', form.slotId ?? '')
          .where('event_id', '=', eventId)
          .executeTakeFirst()
        if (!slot || slot.event_day_id !== day.id) throw new DomainError('slot_wrong_day', 'slotId')
        slotId = slot.id
      }
    }
    assertTimesOnClock(date, { startTime: form.startTime, endTime: form.endTime })
    if (form.id) {
      const existing = await trx
        .selectFrom('program_item')
        .select('id')
        .where('id', '=', form.id)
        .where('event_id', '=', eventId)
        .forUpdate()
        .executeTakeFirst()
      if (!existing) return null
      const chosen = await trx.selectFrom('session_choice').select(count.as('n')).where('program_item_id', '=', form.id).executeTakeFirstOrThrow()
      if (form.capacity !== undefined && chosen.n > form.capacity) {
        throw new DomainError('capacity_below_usage', 'capacity', { count: chosen.n })
      }
    }
    const values = {
      event_day_id: dayId,
      slot_id: slotId,
      kind: form.kind,
      starts_at: osloDateTime(date, form.startTime),
      ends_at: form.endTime ? osloDateTime(date, form.endTime) : null,
      title: form.title,
      description: form.description ?? '',
      speakers: speakersFromText(form.speakers),
      room: form.room ?? null,
      capacity: form.capacity ?? null,
      requires_signup: form.requiresSignup === 'on',
      restricted_to_roles: form.restricted === 'on' ? (form.restrictedToRoles ?? []) : [],
    }
    const row = form.id
      ? await trx.updateTable('program_item').set(values).where('id', '=', form.id).returning('id').executeTakeFirstOrThrow()
      : await trx
          .insertInto('program_item')
          .values({ ...values, event_id: eventId })
          .returning('id')
          .executeTakeFirstOrThrow()
    await audit(trx, actor, eventId, form.id ? 'program_item.updated' : 'program_item.created', 'program_item', row.id, values, now)
    if (form.id && mail) await fillWaitingLists(trx, { nightIds: [], sessionIds: [row.id] }, { mail, now })
    return row
  })
}

export async function deleteItem(db: Kysely<Database>, actor: Actor, eventId: string, itemId: string, now: Date) {
  return db.transaction().execute(async (trx) => {
    if (!(await lockOrganisedEvent(trx, actor, eventId))) return null
    const item = await trx
      .selectFrom('program_item')
      .select(['id', 'title'])
      .where('id', '=', itemId)
      .where('event_id', '=', eventId)
      .forUpdate()
      .executeTakeFirst()
    if (!item) return null
    const chosen = await trx.selectFrom('session_choice').select(count.as('n')).where('program_item_id', '=', itemId).executeTakeFirstOrThrow()
    if (chosen.n > 0) throw new DomainError('item_in_use', undefined, { count: chosen.n })
    await trx.deleteFrom('program_item').where('id', '=', itemId).execute()
    await audit(trx, actor, eventId, 'program_item.deleted', 'program_item', itemId, { title: item.title }, now)
    return item
  })
}

/**
 * Sets a digital session's meeting link and publishes it to registered
 * participants, or (with null) takes it back. Null if not the actor's.
 */
export async function publishOnlineLink(
  db: Kysely<Database>,
  mail: MailSettings,
  actor: Actor,
  eventId: string,
  itemId: string,
  url: string | null,
  now: Date,
) {
  if (url !== null && (!URL.canParse(url) || new URL(url).protocol !== 'https:')) {
    throw new DomainError('online_url_invalid', 'onlineUrl')
  }
  return db.transaction().execute(async (trx) => {
    const event = await lockOrganisedEvent(trx, actor, eventId)
    if (!event) return null
    const row = await trx
      .updateTable('program_item')
      .set({ online_url: url, online_url_published_at: url === null ? null : now })
      .where('id', '=', itemId)
      .where('event_id', '=', eventId)
      .where('kind', '=', 'digital')
      .returning(['id', 'title', 'description', 'starts_at', 'ends_at'])
      .executeTakeFirst()
    if (!row) return null
    await audit(trx, actor, eventId, url === null ? 'online_link.withdrawn' : 'online_link.published', 'program_item', itemId, { url }, now)
    if (url !== null) {
      // Every registered participant gets the link, their municipality's contact person in copy (DESIGN.md §3);
      // the same link published again is not sent again.
      const participants = await selectParticipantRecipients(trx)
        .where('registration.event_id', '=', eventId)
        .where('participant.status', '=', 'active')
        .execute()
      const when = (languageForm: 'nb' | 'nn') => `${formatWeekday(osloDate(row.starts_at), languageForm)}, ${formatTimeRange(row.starts_at, row.ends_at)}`
      const rows = participants.map((p) =>
        emailRow(
          mail,
          {
            template: 'online-link-published',
            languageForm: p.language_form,
            to: p.email,
            cc: p.contact_email ? [p.contact_email] : [],
            replyTo: event.reply_to_email,
            eventId,
            registrationId: p.registration_id,
            dedupeKey: `online-link:${itemId}:${p.id}:${url}`,
            params: {
              calendar: {
                event: { id: event.id, title: event.title, venue: event.venue, address: event.address, updated_at: event.updated_at.toISOString() },
                session: {
                  id: row.id,
                  title: row.title,
                  description: row.description,
                  starts_at: row.starts_at.toISOString(),
                  ends_at: row.ends_at?.toISOString() ?? null,
                },
                pageUrl: `${mail.appUrl}/arrangementer/${event.slug}`,
              },
              languageForm: p.language_form,
              participantName: p.name,
              eventTitle: event.title,
              sessionTitle: row.title,
              when: when(p.language_form),
              url,
              pageLink: `${mail.appUrl}/min-side`,
            },
          },
          now,
        ),
      )
      if (rows.length > 0)
        await trx
          .insertInto('email')
          .values(rows)
          .onConflict((oc) => oc.column('dedupe_key').doNothing())
          .execute()
    }
    return { id: row.id }
  })
}
