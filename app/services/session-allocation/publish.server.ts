import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../../db/schema'
import { formatClockRange, formatDate } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { lockOrganisedEvent } from '../access.server'
import { writeAudit } from '../audit.server'
import { selectParticipantRecipients } from '../participant-mail.server'
import { emailRow, type MailSettings, type OutgoingEmail } from '../outbox.server'
import { fillWaitingLists } from '../places/waiting-lists.server'
import type { Actor } from '../users.server'
import { draftSeat, requireClosedWishRound } from './allocation.server'

/**
 * Publishing the allocation under review (decision 043): in one transaction
 * that locks the event row, then the event's registrations, then its parallel
 * sessions, each in id order (the lock order every change keeps), the active
 * participants' seats in parallel slots (`session_choice`) become the
 * allocation, `program_item.seats_taken` moves by what was given back and
 * taken (so it stays the count of choices, as app/services/places/counters.server.ts
 * keeps it), the event records when, and each participant whose seats
 * changed gets an email (the contact person in copy) with their sessions and
 * a calendar file.
 */

const SEATS_LIMIT = 'program_item_seats_taken_within_capacity'

type Trx = Transaction<Database>

async function lockEverything(trx: Trx, eventId: string) {
  await trx.selectFrom('registration').select('id').where('event_id', '=', eventId).orderBy('id').forNoKeyUpdate().execute()
  return trx
    .selectFrom('program_item')
    .innerJoin('program_slot', 'program_slot.id', 'program_item.slot_id')
    .select([
      'program_item.id',
      'program_item.title',
      'program_item.room',
      'program_item.starts_at',
      'program_item.ends_at',
      'program_item.slot_id',
      'program_slot.label as slot_label',
      'program_slot.starts_at as slot_starts_at',
    ])
    .where('program_item.event_id', '=', eventId)
    .where('program_item.kind', '=', 'parallel')
    .orderBy('program_item.id')
    .forNoKeyUpdate('program_item')
    .execute()
}

/** Publishes the allocation; null when the event is not the asker's. */
export async function publishAllocation(db: Kysely<Database>, mail: MailSettings, actor: Actor, eventId: string, now: Date) {
  return db.transaction().execute(async (trx) => {
    const event = await lockOrganisedEvent(trx, actor, eventId)
    if (!event) return null
    requireClosedWishRound(event)
    const run = await trx.selectFrom('allocation_run').select('id').where('event_id', '=', eventId).executeTakeFirst()
    if (!run) throw new DomainError('allocation_not_run')
    const items = await lockEverything(trx, eventId)
    const itemIds = items.map((i) => i.id)
    const [choices, allocation] = await Promise.all([
      itemIds.length === 0
        ? Promise.resolve([])
        : trx
            .selectFrom('session_choice')
            .innerJoin('participant', 'participant.id', 'session_choice.participant_id')
            .select(['session_choice.participant_id', 'session_choice.program_item_id'])
            .where('participant.status', '=', 'active')
            .where((eb) => eb('session_choice.program_item_id', '=', eb.fn.any(eb.val(itemIds))))
            .execute(),
      trx
        .selectFrom('session_allocation')
        .innerJoin('participant', 'participant.id', 'session_allocation.participant_id')
        .select(['session_allocation.participant_id', 'session_allocation.program_item_id', 'session_allocation.slot_id'])
        .where('session_allocation.event_id', '=', eventId)
        .where('participant.status', '=', 'active')
        .execute(),
    ])

    const setOf = (rows: Array<{ participant_id: string; program_item_id: string }>) => {
      const map = new Map<string, Set<string>>()
      for (const r of rows) map.set(r.participant_id, (map.get(r.participant_id) ?? new Set()).add(r.program_item_id))
      return map
    }
    const before = setOf(choices)
    const after = setOf(allocation)
    const changed = [...new Set([...before.keys(), ...after.keys()])].sort().filter((id) => {
      const a = before.get(id) ?? new Set<string>()
      const b = after.get(id) ?? new Set<string>()
      return a.size !== b.size || [...a].some((x) => !b.has(x))
    })
    const delta = new Map<string, number>()
    for (const id of changed) {
      for (const item of before.get(id) ?? []) delta.set(item, (delta.get(item) ?? 0) - 1)
      for (const item of after.get(id) ?? []) delta.set(item, (delta.get(item) ?? 0) + 1)
    }

    if (changed.length > 0) {
      await trx
        .deleteFrom('session_choice')
        .where((eb) => eb('participant_id', '=', eb.fn.any(eb.val(changed))))
        .where((eb) => eb('program_item_id', '=', eb.fn.any(eb.val(itemIds))))
        .execute()
      const changedSet = new Set(changed)
      const rows = allocation
        .filter((a) => changedSet.has(a.participant_id))
        .map((a) => ({ participant_id: a.participant_id, program_item_id: a.program_item_id, slot_id: a.slot_id }))
      for (let i = 0; i < rows.length; i += 1000)
        await trx
          .insertInto('session_choice')
          .values(rows.slice(i, i + 1000))
          .execute()
    }
    // Seats given back first, then taken, each in id order: the check on the counter sees no passing excess.
    const title = new Map(items.map((i) => [i.id, i.title]))
    const steps = [...delta.entries()].filter(([, d]) => d !== 0).sort(([a, da], [b, db]) => Math.sign(da) - Math.sign(db) || (a < b ? -1 : 1))
    for (const [itemId, d] of steps) {
      await trx
        .updateTable('program_item')
        .set((eb) => ({ seats_taken: eb('seats_taken', '+', d) }))
        .where('id', '=', itemId)
        .execute()
        .catch((error: { code?: string; constraint?: string }) => {
          if (error.code === '23514' && error.constraint === SEATS_LIMIT) throw new DomainError('session_full', undefined, { session: title.get(itemId) ?? '' })
          throw error
        })
    }
    // Seats the publication left free go to the first on their waiting lists who still fits (decision 045); the draft follows.
    const freed = steps.filter(([, d]) => d < 0).map(([itemId]) => itemId)
    const fromLists = freed.length > 0 ? await fillFromWaitingLists(trx, mail, eventId, itemIds, allocation, freed, now) : []
    await trx.updateTable('event').set({ allocation_published_at: now }).where('id', '=', eventId).execute()
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: 'organiser',
      action: 'allocation.publish',
      entityType: 'event',
      entityId: eventId,
      eventId,
      after: { seats: allocation.length, changed: changed.length },
      at: now,
    })

    // The mail lists each changed participant's seats as published, after the waiting lists (their own mail says what those moved).
    const seats = [...allocation.filter((a) => !fromLists.some((f) => f.participant_id === a.participant_id && f.slot_id === a.slot_id)), ...fromLists]
    const emails = await seatEmails(trx, mail, event, items, seats, changed, now)
    for (let i = 0; i < emails.length; i += 500) {
      await trx
        .insertInto('email')
        .values(emails.slice(i, i + 500).map((e) => emailRow(mail, e, now)))
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .execute()
    }
    return { seats: seats.length, changed: changed.length, fromWaitingLists: fromLists.length, publishedAt: now }
  })
}

/**
 * Fills the freed seats from their waiting lists, in this transaction (its
 * locks already held), and writes what the lists moved into the draft as
 * kept seats, so the allocation under review stays what is published.
 * Returns the seats that differ from the allocation now.
 */
async function fillFromWaitingLists(
  trx: Trx,
  mail: MailSettings,
  eventId: string,
  itemIds: string[],
  allocation: Array<{ participant_id: string; program_item_id: string; slot_id: string }>,
  freed: string[],
  now: Date,
) {
  await fillWaitingLists(trx, { nightIds: [], sessionIds: [...freed].sort() }, { mail, now })
  const after = await trx
    .selectFrom('session_choice')
    .innerJoin('participant', 'participant.id', 'session_choice.participant_id')
    .select(['session_choice.participant_id', 'session_choice.program_item_id', 'session_choice.slot_id'])
    .where('participant.status', '=', 'active')
    .where((eb) => eb('session_choice.program_item_id', '=', eb.fn.any(eb.val(itemIds))))
    .execute()
  const drafted = new Set(allocation.map((a) => `${a.participant_id} ${a.slot_id} ${a.program_item_id}`))
  const moved = after
    .filter((c): c is typeof c & { slot_id: string } => c.slot_id !== null && !drafted.has(`${c.participant_id} ${c.slot_id} ${c.program_item_id}`))
    .map((c) => ({ participant_id: c.participant_id, program_item_id: c.program_item_id, slot_id: c.slot_id }))
  for (const m of moved) await draftSeat(trx, eventId, { participantId: m.participant_id, slotId: m.slot_id, sessionId: m.program_item_id }, 'kept', now)
  return moved
}

async function seatEmails(
  trx: Trx,
  mail: MailSettings,
  event: NonNullable<Awaited<ReturnType<typeof lockOrganisedEvent>>>,
  items: Awaited<ReturnType<typeof lockEverything>>,
  allocation: Array<{ participant_id: string; program_item_id: string }>,
  changed: string[],
  now: Date,
): Promise<OutgoingEmail[]> {
  if (changed.length === 0) return []
  const people = await selectParticipantRecipients(trx)
    .where((eb) => eb('participant.id', '=', eb.fn.any(eb.val(changed))))
    .orderBy('participant.id')
    .execute()
  const item = new Map(items.map((i) => [i.id, i]))
  const seatsOf = new Map<string, typeof items>()
  for (const a of allocation) {
    const i = item.get(a.program_item_id)
    if (i) seatsOf.set(a.participant_id, [...(seatsOf.get(a.participant_id) ?? []), i])
  }
  const pageUrl = `${mail.appUrl}/arrangementer/${event.slug}`
  const calendarEvent = { id: event.id, title: event.title, venue: event.venue, address: event.address, updated_at: now.toISOString() }
  return people.map((p) => {
    const seats = [...(seatsOf.get(p.id) ?? [])].sort((a, b) => a.starts_at.getTime() - b.starts_at.getTime() || a.slot_label.localeCompare(b.slot_label, 'nb'))
    return {
      template: 'sessions-allocated',
      languageForm: p.language_form,
      to: p.email,
      cc: p.contact_email ? [p.contact_email] : [],
      replyTo: event.reply_to_email,
      eventId: event.id,
      registrationId: p.registration_id,
      dedupeKey: `sessions-allocated:${p.id}:${now.toISOString()}`,
      params: {
        languageForm: p.language_form,
        participantName: p.name,
        municipalityName: p.municipality_name,
        contactName: p.contact_name,
        eventTitle: event.title,
        seats: seats.map((s) => ({
          slotLabel: s.slot_label,
          title: s.title,
          time: `${formatDate(s.starts_at)} kl. ${formatClockRange(s.starts_at, s.ends_at)}`,
          room: s.room,
        })),
        organiserContact: `${event.organiser_contact_name} (${event.organiser_contact_email})`,
        pageLink: `${mail.appUrl}/min-side`,
        calendar: {
          event: calendarEvent,
          participantId: p.id,
          seats: seats.map((s) => ({
            slotId: s.slot_id as string,
            title: s.title,
            room: s.room,
            starts_at: s.starts_at.toISOString(),
            ends_at: s.ends_at ? s.ends_at.toISOString() : null,
          })),
          pageUrl,
        },
      },
    }
  })
}
