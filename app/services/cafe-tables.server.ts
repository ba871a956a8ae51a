import { type Kysely, sql, type Transaction } from 'kysely'
import type { CafeMode, CafeSeatSource, Database } from '../../db/schema'
import { type AssignmentReport, assignCafeTables, MAX_SEATS_PER_TABLE, suggestTables } from '~/domain/cafe-tables'
import { DomainError } from '~/domain/errors'
import { can, permit } from '~/domain/permissions'
import { eventPhase } from '~/domain/phase'
import { findEventFor, lockOrganisedEvent } from './access.server'
import { writeAudit } from './audit.server'
import { enqueueEmail, type MailSettings } from './outbox.server'
import { participantCode } from './participant-codes.server'
import { readParticipantInEvent } from './participant-in-event.server'
import { placesTransaction } from './places/transactions.server'
import { selectParticipantRecipients } from './participant-mail.server'
import type { Actor } from './users.server'

/**
 * World-café tables (decision 050). The organiser of the event
 * (`findEventFor(…, 'event.manage')`) makes the tables, from the survey's
 * results or by hand, chooses whether participants pick their table or are
 * assigned, opens and closes picking, runs the assignment and moves people
 * by hand; a participant picks from their personal link. Seats are counted
 * in `cafe_table.seats_taken` in the same transaction as `cafe_seat`, under
 * the table rows' locks, always taken in the order of their ids, so two picks
 * never deadlock and a table never passes its seats (the table's check is
 * the last line of defence).
 */

type Db = Kysely<Database> | Transaction<Database>

export interface CafeTableInput {
  topic: string
  room: string
  label: string
  seats: number
}

/** The event's tables in the organiser's order. */
function selectTables(db: Db, eventId: string) {
  return db
    .selectFrom('cafe_table')
    .select(['id', 'survey_option_id', 'topic', 'room', 'label', 'seats', 'seats_taken', 'sort_order'])
    .where('event_id', '=', eventId)
    .orderBy('sort_order')
    .orderBy('label')
    .orderBy('id')
}

/** Who sits at the event's tables, with their municipality, by table and name. */
function selectSeated(db: Db, eventId: string) {
  return db
    .selectFrom('cafe_seat')
    .innerJoin('cafe_table', 'cafe_table.id', 'cafe_seat.cafe_table_id')
    .innerJoin('participant', 'participant.id', 'cafe_seat.participant_id')
    .innerJoin('registration', 'registration.id', 'participant.registration_id')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .select([
      'cafe_seat.participant_id',
      'cafe_seat.cafe_table_id',
      'cafe_seat.source',
      'participant.name',
      'participant.status',
      'registration.municipality_id',
      'municipality.name as municipality',
    ])
    .where('cafe_table.event_id', '=', eventId)
    .orderBy('participant.name')
    .orderBy('participant.id')
}

/** The event's survey questions with options: the sources tables can be made from. */
async function readQuestions(db: Db, eventId: string) {
  const rows = await db
    .selectFrom('survey_question')
    .innerJoin('survey', 'survey.id', 'survey_question.survey_id')
    .select(['survey_question.id', 'survey_question.prompt'])
    .where('survey.event_id', '=', eventId)
    .where((eb) => eb.exists(eb.selectFrom('survey_option').select('survey_option.id').whereRef('survey_option.question_id', '=', 'survey_question.id')))
    .orderBy('survey.created_at')
    .orderBy('survey_question.sort_order')
    .orderBy('survey_question.id')
    .execute()
  return rows
}

/** Everything the organiser's table page shows. Null when the actor does not organise the event. */
export async function getCafeTables(db: Kysely<Database>, actor: Actor, eventId: string) {
  const grant = await findEventFor(db, actor, eventId, 'event.manage')
  if (!grant) return null
  const [tables, seated, questions, active] = await Promise.all([
    selectTables(db, eventId).execute(),
    selectSeated(db, eventId).execute(),
    readQuestions(db, eventId),
    db
      .selectFrom('participant')
      .innerJoin('registration', 'registration.id', 'participant.registration_id')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('registration.event_id', '=', eventId)
      .where('participant.status', '=', 'active')
      .executeTakeFirstOrThrow(),
  ])
  const seatedActive = seated.filter((s) => s.status === 'active').length
  return {
    event: { id: grant.event.id, title: grant.event.title, mode: grant.event.cafe_mode, pickingOpen: grant.event.cafe_picking_open },
    tables: tables.map((t) => ({ ...t, members: seated.filter((s) => s.cafe_table_id === t.id) })),
    questions,
    participants: Number(active.count),
    withoutTable: Number(active.count) - seatedActive,
  }
}

/** The tables with everyone seated, for printing. Null when the actor does not organise the event. */
export async function getCafePrintLists(db: Kysely<Database>, actor: Actor, eventId: string) {
  const page = await getCafeTables(db, actor, eventId)
  if (!page) return null
  return { event: page.event, tables: page.tables.map((t) => ({ ...t, members: t.members.filter((m) => m.status === 'active') })) }
}

/** The organiser's event locked for the change, or null (a 404). */
async function nextSortOrder(trx: Transaction<Database>, eventId: string) {
  const row = await trx
    .selectFrom('cafe_table')
    .select((eb) => eb.fn.max('sort_order').as('max'))
    .where('event_id', '=', eventId)
    .executeTakeFirst()
  return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1
}

/**
 * Makes tables from the answers to one of the event's survey questions: per
 * option with answers, as many tables of `seatsPerTable` as hold those who
 * chose it (`suggestTables`), added after the tables already there. Returns
 * how many were made; null when the actor does not organise the event or the
 * question is not of its survey.
 */
export async function createTablesFromSurvey(
  db: Kysely<Database>,
  actor: Actor,
  eventId: string,
  input: { questionId: string; seatsPerTable: number; room: string },
  now: Date,
) {
  return placesTransaction(db, async (trx) => {
    const event = await lockOrganisedEvent(trx, actor, eventId)
    if (!event) return null
    const question = await trx
      .selectFrom('survey_question')
      .innerJoin('survey', 'survey.id', 'survey_question.survey_id')
      .select('survey_question.id')
      .where('survey_question.id', '=', input.questionId)
      .where('survey.event_id', '=', eventId)
      .executeTakeFirst()
    if (!question) return null
    const counts = await trx
      .selectFrom('survey_option')
      .select(['survey_option.id', 'survey_option.label'])
      .select((eb) =>
        eb
          .selectFrom('survey_answer')
          .innerJoin('participant', 'participant.id', 'survey_answer.participant_id')
          .select((a) => a.fn.countAll<string>().as('n'))
          .where('survey_answer.question_id', '=', input.questionId)
          .where('participant.status', '=', 'active')
          .where(sql<boolean>`survey_option.id = any(survey_answer.option_ids)`)
          .as('answers'),
      )
      .where('survey_option.question_id', '=', input.questionId)
      .orderBy('survey_option.sort_order')
      .orderBy('survey_option.id')
      .execute()
    const suggested = suggestTables(
      counts.map((c) => ({ optionId: c.id, topic: c.label, answers: Number(c.answers ?? 0) })),
      input.seatsPerTable,
    )
    if (suggested.length === 0) throw new DomainError('cafe_no_answers', 'questionId')
    const start = await nextSortOrder(trx, eventId)
    await trx
      .insertInto('cafe_table')
      .values(
        suggested.map((t) => ({
          event_id: eventId,
          survey_option_id: t.optionId,
          topic: t.topic,
          room: input.room,
          label: t.label,
          seats: t.seats,
          sort_order: start + t.sortOrder,
        })),
      )
      .execute()
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: 'organiser',
      action: 'cafe_table.created_from_survey',
      entityType: 'event',
      entityId: eventId,
      eventId,
      after: { questionId: input.questionId, seatsPerTable: input.seatsPerTable, tables: suggested.map((t) => t.label) },
      at: now,
    })
    return { created: suggested.length }
  })
}

/**
 * Adds a table (no `tableId`) or changes one. Seats never go below those
 * already seated (`cafe_seats_below_taken`). Null when the actor does not
 * organise the event or the table is not of it.
 */
export async function saveCafeTable(db: Kysely<Database>, actor: Actor, eventId: string, tableId: string | null, input: CafeTableInput, now: Date) {
  if (input.seats < 1 || input.seats > MAX_SEATS_PER_TABLE) throw new DomainError('cafe_seats_out_of_range', 'seats', { max: MAX_SEATS_PER_TABLE })
  return placesTransaction(db, async (trx) => {
    const event = await lockOrganisedEvent(trx, actor, eventId)
    if (!event) return null
    if (!tableId) {
      const created = await trx
        .insertInto('cafe_table')
        .values({
          event_id: eventId,
          topic: input.topic,
          room: input.room,
          label: input.label,
          seats: input.seats,
          sort_order: await nextSortOrder(trx, eventId),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await writeAudit(trx, {
        actorUserId: actor.userId,
        actorLabel: 'organiser',
        action: 'cafe_table.created',
        entityType: 'cafe_table',
        entityId: created.id,
        eventId,
        after: input,
        at: now,
      })
      return { id: created.id }
    }
    const before = await trx
      .selectFrom('cafe_table')
      .select(['id', 'topic', 'room', 'label', 'seats', 'seats_taken'])
      .where('id', '=', tableId)
      .where('event_id', '=', eventId)
      .forUpdate()
      .executeTakeFirst()
    if (!before) return null
    if (input.seats < before.seats_taken) throw new DomainError('cafe_seats_below_taken', 'seats', { count: before.seats_taken })
    await trx
      .updateTable('cafe_table')
      .set({ topic: input.topic, room: input.room, label: input.label, seats: input.seats })
      .where('id', '=', tableId)
      .execute()
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: 'organiser',
      action: 'cafe_table.updated',
      entityType: 'cafe_table',
      entityId: tableId,
      eventId,
      before: { topic: before.topic, room: before.room, label: before.label, seats: before.seats },
      after: input,
      at: now,
    })
    return { id: tableId }
  })
}

/** Deletes an empty table; one with people at it is refused (`cafe_table_not_empty`): move them first. */
export async function deleteCafeTable(db: Kysely<Database>, actor: Actor, eventId: string, tableId: string, now: Date) {
  return placesTransaction(db, async (trx) => {
    const event = await lockOrganisedEvent(trx, actor, eventId)
    if (!event) return null
    const table = await trx
      .selectFrom('cafe_table')
      .select(['id', 'label', 'seats_taken'])
      .where('id', '=', tableId)
      .where('event_id', '=', eventId)
      .forUpdate()
      .executeTakeFirst()
    if (!table) return null
    if (table.seats_taken > 0) throw new DomainError('cafe_table_not_empty', undefined, { count: table.seats_taken })
    await trx.deleteFrom('cafe_table').where('id', '=', tableId).execute()
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: 'organiser',
      action: 'cafe_table.deleted',
      entityType: 'cafe_table',
      entityId: tableId,
      eventId,
      before: { label: table.label },
      at: now,
    })
    return { id: tableId }
  })
}

/**
 * Sets how participants get their table: 'pick' (they choose, when picking
 * is open) or 'assign' (the organiser runs the assignment), and whether
 * picking is open (left as it is when not given). Picking is open only in
 * the 'pick' mode: choosing 'assign' closes it.
 */
export async function setCafeMode(db: Kysely<Database>, actor: Actor, eventId: string, input: { mode: CafeMode; pickingOpen?: boolean }, now: Date) {
  return placesTransaction(db, async (trx) => {
    const event = await lockOrganisedEvent(trx, actor, eventId)
    if (!event) return null
    // Without `pickingOpen`, picking stays as it is (while the mode is 'pick').
    const pickingOpen = input.mode === 'pick' && (input.pickingOpen ?? event.cafe_picking_open)
    await trx.updateTable('event').set({ cafe_mode: input.mode, cafe_picking_open: pickingOpen }).where('id', '=', eventId).execute()
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: 'organiser',
      action: 'cafe.mode_set',
      entityType: 'event',
      entityId: eventId,
      eventId,
      before: { mode: event.cafe_mode, pickingOpen: event.cafe_picking_open },
      after: { mode: input.mode, pickingOpen },
      at: now,
    })
    return { mode: input.mode, pickingOpen }
  })
}

/** Locks tables in the order of their ids (the one lock order for tables); returns the rows found. */
// Tables are locked in id order; a pick that finds its seat moved meanwhile must lock one more, perhaps out of order.
// Every change here therefore runs in `placesTransaction`, which tries a change that Postgres failed as a deadlock again.
async function lockTables(trx: Transaction<Database>, eventId: string, ids: readonly string[]) {
  const unique = [...new Set(ids)].sort()
  if (unique.length === 0) return []
  return trx
    .selectFrom('cafe_table')
    .select(['id', 'event_id', 'topic', 'room', 'label', 'seats', 'seats_taken'])
    .where('id', 'in', unique)
    .where('event_id', '=', eventId)
    .orderBy('id')
    .forUpdate()
    .execute()
}

/**
 * Seats the participant at `tableId` (or takes their seat away, `null`),
 * with both tables' counters moved, under the tables' locks: the participant
 * row first (so two changes to one person take turns), then the tables by
 * id. The seat read before the locks is read again under them; if an
 * assignment moved the person meanwhile, that table is locked too.
 */
async function moveSeat(trx: Transaction<Database>, eventId: string, participantId: string, tableId: string | null, source: CafeSeatSource) {
  const current = () => trx.selectFrom('cafe_seat').select(['cafe_table_id', 'source']).where('participant_id', '=', participantId).executeTakeFirst()
  let seat = await current()
  const locked = new Map<string, Awaited<ReturnType<typeof lockTables>>[number]>()
  for (;;) {
    const wanted = [tableId, seat?.cafe_table_id].filter((id): id is string => Boolean(id) && !locked.has(id as string))
    if (wanted.length === 0) break
    for (const row of await lockTables(trx, eventId, wanted)) locked.set(row.id, row)
    if (tableId && !locked.has(tableId)) return null
    const again = await current()
    if (again?.cafe_table_id === seat?.cafe_table_id) break
    seat = again
  }
  const from = seat ? (locked.get(seat.cafe_table_id) ?? null) : null
  const to = tableId ? (locked.get(tableId) ?? null) : null
  if (tableId && !to) return null
  if (from && to && from.id === to.id) {
    if (seat && seat.source !== source) await trx.updateTable('cafe_seat').set({ source }).where('participant_id', '=', participantId).execute()
    return { from, to, changed: false }
  }
  if (to && to.seats_taken >= to.seats) throw new DomainError('cafe_table_full', 'tableId', { table: to.label })
  if (from) await trx.updateTable('cafe_table').set({ seats_taken: sql`seats_taken - 1` }).where('id', '=', from.id).execute()
  if (to) {
    await trx.updateTable('cafe_table').set({ seats_taken: sql`seats_taken + 1` }).where('id', '=', to.id).execute()
    await trx
      .insertInto('cafe_seat')
      .values({ participant_id: participantId, cafe_table_id: to.id, source })
      .onConflict((oc) => oc.column('participant_id').doUpdateSet({ cafe_table_id: to.id, source, seated_at: sql`now()` }))
      .execute()
  } else {
    await trx.deleteFrom('cafe_seat').where('participant_id', '=', participantId).execute()
  }
  return { from, to, changed: true }
}

/** A cancelled participant's world-café seat is given back, under the table's lock, in the cancellation's transaction. */
export async function releaseCafeSeat(trx: Transaction<Database>, eventId: string, participantId: string) {
  await moveSeat(trx, eventId, participantId, null, 'manual')
}

/**
 * A participant picks a table (or changes it) from their personal link:
 * the policy's `cafe.pick` (picking open), the table of their own event,
 * not full (`cafe_table_full`). Null for someone not enrolled or a table of
 * another event (a 404).
 */
export async function pickCafeTable(db: Kysely<Database>, participantId: string, tableId: string, now: Date) {
  return placesTransaction(db, async (trx) => {
    const p = await readParticipantInEvent(trx, participantId, now, { lock: true })
    if (p?.status !== 'active') return null
    if (!permit('participant', 'cafe.pick', { phase: p.phase, cafePickingOpen: p.cafe_picking_open }, { field: 'tableId' })) return null
    const moved = await moveSeat(trx, p.event_id, participantId, tableId, 'picked')
    if (!moved) return null
    if (moved.changed) {
      await writeAudit(trx, {
        actorUserId: null,
        actorLabel: 'participant',
        action: 'cafe_seat.picked',
        entityType: 'participant',
        entityId: participantId,
        eventId: p.event_id,
        registrationId: p.registration_id,
        before: moved.from ? { table: moved.from.label } : undefined,
        after: { table: moved.to?.label },
        at: now,
      })
    }
    return { tableId }
  })
}

/** The organiser moves a participant to a table (or away from every table, `null`); the seat is then 'manual' and an assignment keeps it. */
export async function moveCafeParticipant(db: Kysely<Database>, actor: Actor, eventId: string, participantId: string, tableId: string | null, now: Date) {
  return placesTransaction(db, async (trx) => {
    const event = await lockOrganisedEvent(trx, actor, eventId)
    if (!event) return null
    const p = await readParticipantInEvent(trx, participantId, now, { lock: true })
    // Only an enrolled participant takes a seat; anyone may be taken away from a table.
    if (!p || p.event_id !== eventId || (tableId && p.status !== 'active')) return null
    const moved = await moveSeat(trx, eventId, participantId, tableId, 'manual')
    if (!moved) return null
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: 'organiser',
      action: 'cafe_seat.moved',
      entityType: 'participant',
      entityId: participantId,
      eventId,
      registrationId: p.registration_id,
      before: moved.from ? { table: moved.from.label } : undefined,
      after: moved.to ? { table: moved.to.label } : { table: null },
      at: now,
    })
    return { tableId }
  })
}

/**
 * Runs the assignment (app/domain/cafe-tables.ts) for the event's active
 * participants: the seats an earlier run assigned are given back first, and
 * with `full` every seat (picked and moved by hand too); the others keep
 * theirs. Choices are the options a participant chose in the questions the
 * tables' topics came from. One transaction: the event, then every table of
 * it by id. Returns the report; null when the actor does not organise the event.
 */
export async function runCafeAssignment(db: Kysely<Database>, actor: Actor, eventId: string, input: { full: boolean }, now: Date) {
  return placesTransaction(db, async (trx): Promise<AssignmentReport | null> => {
    const event = await lockOrganisedEvent(trx, actor, eventId)
    if (!event) return null
    const ids = (await trx.selectFrom('cafe_table').select('id').where('event_id', '=', eventId).execute()).map((t) => t.id)
    const tables = await lockTables(trx, eventId, ids)
    if (tables.length === 0) throw new DomainError('cafe_no_tables')
    const released = trx.deleteFrom('cafe_seat').where('cafe_table_id', 'in', ids)
    await (input.full ? released : released.where('source', '=', 'assigned')).execute()
    // Seats of cancelled participants are given back too: only the enrolled sit.
    await trx
      .deleteFrom('cafe_seat')
      .where('cafe_table_id', 'in', ids)
      .where('participant_id', 'in', (eb) => eb.selectFrom('participant').select('id').where('status', '!=', 'active'))
      .execute()
    const [ordered, kept, people, answers] = await Promise.all([
      selectTables(trx, eventId).execute(),
      selectSeated(trx, eventId).execute(),
      trx
        .selectFrom('participant')
        .innerJoin('registration', 'registration.id', 'participant.registration_id')
        .select(['participant.id', 'registration.municipality_id'])
        .where('registration.event_id', '=', eventId)
        .where('participant.status', '=', 'active')
        .where((eb) =>
          eb.not(eb.exists(eb.selectFrom('cafe_seat').select('cafe_seat.participant_id').whereRef('cafe_seat.participant_id', '=', 'participant.id'))),
        )
        .execute(),
      trx
        .selectFrom('survey_answer')
        .innerJoin('participant', 'participant.id', 'survey_answer.participant_id')
        .innerJoin('registration', 'registration.id', 'participant.registration_id')
        .select(['survey_answer.participant_id', 'survey_answer.option_ids'])
        .where('registration.event_id', '=', eventId)
        .where('survey_answer.question_id', 'in', (eb) =>
          eb
            .selectFrom('survey_option')
            .innerJoin('cafe_table', 'cafe_table.survey_option_id', 'survey_option.id')
            .select('survey_option.question_id')
            .where('cafe_table.event_id', '=', eventId),
        )
        .execute(),
    ])
    const choices = new Map<string, string[]>()
    for (const a of answers) choices.set(a.participant_id, [...(choices.get(a.participant_id) ?? []), ...a.option_ids])
    const { seats, report } = assignCafeTables(
      ordered.map((t) => ({
        id: t.id,
        optionId: t.survey_option_id,
        seats: t.seats,
        kept: kept.filter((k) => k.cafe_table_id === t.id).map((k) => k.municipality_id),
      })),
      people.map((p) => ({ id: p.id, municipalityId: p.municipality_id, choices: choices.get(p.id) ?? [] })),
    )
    if (seats.length > 0)
      await trx
        .insertInto('cafe_seat')
        .values(seats.map((s) => ({ participant_id: s.participantId, cafe_table_id: s.tableId, source: 'assigned' as const, seated_at: now })))
        .execute()
    // The counters from the seats, under the tables' locks.
    await trx
      .updateTable('cafe_table')
      .set((eb) => ({
        seats_taken: eb
          .selectFrom('cafe_seat')
          .select((s) => s.fn.countAll<number>().as('n'))
          .whereRef('cafe_seat.cafe_table_id', '=', 'cafe_table.id'),
      }))
      .where('event_id', '=', eventId)
      .execute()
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: 'organiser',
      action: 'cafe.assigned',
      entityType: 'event',
      entityId: eventId,
      eventId,
      after: {
        full: input.full,
        placed: report.placed,
        unplaced: report.unplaced.length,
        chosenTopic: report.chosenTopic,
        maxSameMunicipality: report.maxSameMunicipality,
      },
      at: now,
    })
    return report
  })
}

/**
 * The participant's table and, when they may pick, the event's tables with
 * free seats: for their phone page (by personal link) and their own page.
 * Undefined for someone not enrolled.
 */
export async function getCafeTableForParticipant(db: Kysely<Database>, participantId: string, now: Date) {
  const p = await readParticipantInEvent(db, participantId, now)
  if (p?.status !== 'active') return undefined
  const mayPick = can('participant', 'cafe.pick', { phase: p.phase, cafePickingOpen: p.cafe_picking_open })
  const [seat, tables] = await Promise.all([
    db
      .selectFrom('cafe_seat')
      .innerJoin('cafe_table', 'cafe_table.id', 'cafe_seat.cafe_table_id')
      .select(['cafe_table.id', 'cafe_table.topic', 'cafe_table.room', 'cafe_table.label'])
      .where('cafe_seat.participant_id', '=', participantId)
      .executeTakeFirst(),
    mayPick ? selectTables(db, p.event_id).execute() : Promise.resolve([]),
  ])
  return {
    participant: { id: p.id, name: p.name },
    event: { id: p.event_id, title: p.event_title },
    seat: seat ?? null,
    mayPick,
    tables: tables.map((t) => ({ id: t.id, topic: t.topic, room: t.room, label: t.label, free: Math.max(0, t.seats - t.seats_taken) })),
  }
}

/**
 * What the participant's own page shows of the world café: their table, and
 * the link to their phone page while they may pick. Null when there is
 * nothing to show.
 */
export async function ownCafeTable(db: Kysely<Database>, participantId: string, now: Date) {
  const page = await getCafeTableForParticipant(db, participantId, now)
  if (!page || (!page.seat && !page.mayPick)) return null
  return {
    seat: page.seat ? { topic: page.seat.topic, room: page.seat.room, label: page.seat.label } : null,
    pickLink: page.mayPick ? `/bord/${await participantCode(db, participantId, 'personal-link')}` : null,
  }
}

/**
 * Sends each active participant of the event (their contact person in copy,
 * in the municipality's language form) their table, and while picking is
 * open their link to pick or change it (emails/cafe-table.ts). The same
 * table and picking state is sent once: pressing again mails only those
 * whose table changed since. Returns how many were queued; null when the
 * actor does not organise the event.
 */
export async function sendCafeTableEmails(db: Kysely<Database>, mail: MailSettings, actor: Actor, eventId: string, now: Date) {
  return placesTransaction(db, async (trx) => {
    const event = await lockOrganisedEvent(trx, actor, eventId)
    if (!event) return null
    const phase = eventPhase(event, now)
    const mayPick = can('participant', 'cafe.pick', { phase, cafePickingOpen: event.cafe_picking_open })
    const [people, seats] = await Promise.all([
      selectParticipantRecipients(trx)
        .where('registration.event_id', '=', eventId)
        .where('participant.status', '=', 'active')
        .orderBy('participant.id')
        .execute(),
      trx
        .selectFrom('cafe_seat')
        .innerJoin('cafe_table', 'cafe_table.id', 'cafe_seat.cafe_table_id')
        .select(['cafe_seat.participant_id', 'cafe_table.id', 'cafe_table.label', 'cafe_table.topic', 'cafe_table.room'])
        .where('cafe_table.event_id', '=', eventId)
        .execute(),
    ])
    const seatOf = new Map(seats.map((s) => [s.participant_id, s]))
    let sent = 0
    for (const p of people) {
      const seat = seatOf.get(p.id)
      // Nothing to tell someone without a table while picking is closed.
      if (!seat && !mayPick) continue
      const id = await enqueueEmail(
        trx,
        mail,
        {
          template: 'cafe-table',
          languageForm: p.language_form,
          to: p.email,
          cc: p.contact_email ? [p.contact_email] : [],
          replyTo: event.reply_to_email,
          eventId,
          registrationId: p.registration_id,
          dedupeKey: `cafe-table:${p.id}:${seat ? `${seat.id}:${seat.label}:${seat.room}` : 'none'}:${mayPick ? 'open' : 'closed'}`,
          params: {
            languageForm: p.language_form,
            participantName: p.name,
            eventTitle: event.title,
            seat: seat ? { label: seat.label, topic: seat.topic, room: seat.room } : null,
            pickLink: mayPick ? `${mail.appUrl}/bord/${await participantCode(trx, p.id, 'personal-link')}` : null,
            organiserContact: `${event.organiser_contact_name} (${event.organiser_contact_email})`,
          },
        },
        now,
      )
      if (id) sent++
    }
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: 'organiser',
      action: 'cafe.emails_sent',
      entityType: 'event',
      entityId: eventId,
      eventId,
      after: { sent },
      at: now,
    })
    return { sent }
  })
}
