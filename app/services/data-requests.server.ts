import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { can, permit } from '~/domain/permissions'
import { type EventPhase, eventPhase } from '~/domain/phase'
import type { Actor } from './users.server'
import { type Asker, findEventFor, lockOrganisedEvent, ownedBy } from './access.server'
import { writeAudit } from './audit.server'
import { enqueueEmail, type MailSettings } from './outbox.server'

export type DataRequestKind = 'correction' | 'deletion'
export type DataRequestOutcome = 'done' | 'refused'

/**
 * Whether a person may still ask the organisers to correct or delete what is
 * stored about them (decision 053): until the event starts. From then on the
 * data is in use at the venue, and after the event the retention job deletes
 * it (app/services/scheduled-jobs.server.ts).
 */
function dataRequestsOpen(phase: EventPhase): boolean {
  return can('participant', 'data.request', { phase })
}

/**
 * The events the person may file a request about: where one of their own
 * participant rows is enrolled, or where they are a municipality's contact
 * person; with whether requests are still open there.
 */
export async function requestableEvents(db: Kysely<Database>, asker: Asker, now: Date) {
  const rows = await db
    .selectFrom('event')
    .select(['event.id', 'event.title', 'event.status', 'event.registration_opens_at', 'event.deadline_at', 'event.starts_at', 'event.ends_at'])
    .select('event.personal_data_deleted_at')
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('participant')
            .innerJoin('registration', 'registration.id', 'participant.registration_id')
            .select('participant.id')
            .whereRef('registration.event_id', '=', 'event.id')
            .where(ownedBy(asker)),
        ),
        eb.exists(
          eb
            .selectFrom('registration')
            .select('registration.id')
            .whereRef('registration.event_id', '=', 'event.id')
            .where('registration.contact_user_id', '=', asker.id),
        ),
      ]),
    )
    .orderBy('event.starts_at')
    .execute()
  return rows.map((e) => ({ id: e.id, title: e.title, open: dataRequestsOpen(eventPhase(e, now)) }))
}

export interface DataRequestInput {
  /** The form's key: the same key twice files one request and tells the organisers once. */
  idempotencyKey: string
  eventId: string
  kind: DataRequestKind
  message: string
}

/**
 * A participant or contact person asks the organisers of an event to correct
 * or delete their personal data. Null when the person has no part in the
 * event (a 404); refused once the event has started.
 */
export async function requestDataChange(db: Kysely<Database>, mail: MailSettings, asker: Asker, input: DataRequestInput, now: Date) {
  return db.transaction().execute(async (trx) => {
    const event = await trx.selectFrom('event').selectAll().where('id', '=', input.eventId).executeTakeFirst()
    if (!event) return null
    const participant = await trx
      .selectFrom('participant')
      .innerJoin('registration', 'registration.id', 'participant.registration_id')
      .select(['participant.id', 'participant.registration_id'])
      .where('registration.event_id', '=', event.id)
      .where(ownedBy(asker))
      .orderBy('participant.created_at', 'desc')
      .executeTakeFirst()
    const contact = await trx
      .selectFrom('registration')
      .select('id')
      .where('event_id', '=', event.id)
      .where('contact_user_id', '=', asker.id)
      .executeTakeFirst()
    if (!participant && !contact) return null
    permit(participant ? 'participant' : 'contact_person', 'data.request', { phase: eventPhase(event, now) })
    const row = await trx
      .insertInto('data_request')
      .values({
        event_id: event.id,
        user_id: asker.id,
        participant_id: participant?.id ?? null,
        kind: input.kind,
        message: input.message,
        created_at: now,
        idempotency_key: input.idempotencyKey,
      })
      .onConflict((oc) => oc.columns(['user_id', 'idempotency_key']).doNothing())
      .returning('id')
      .executeTakeFirst()
    if (!row) {
      // The same form posted again: the request it filed the first time.
      return trx
        .selectFrom('data_request')
        .select('id')
        .where('user_id', '=', asker.id)
        .where('idempotency_key', '=', input.idempotencyKey)
        .executeTakeFirstOrThrow()
    }
    await writeAudit(trx, {
      actorUserId: asker.id,
      actorLabel: participant ? 'participant' : 'contact person',
      action: 'data_request.created',
      entityType: 'data_request',
      entityId: row.id,
      eventId: event.id,
      registrationId: participant?.registration_id ?? contact?.id ?? null,
      // The kind only: the message may hold personal data, and the audit log outlives it.
      after: { kind: input.kind },
      at: now,
    })
    // The organisers hear of it at the event's contact address; the asker is the reply address.
    const askerName = (await trx.selectFrom('app_user').select('name').where('id', '=', asker.id).executeTakeFirst())?.name ?? asker.email
    await enqueueEmail(
      trx,
      mail,
      {
        template: 'data-request',
        languageForm: 'nb',
        to: event.organiser_contact_email,
        replyTo: asker.email,
        eventId: event.id,
        params: {
          languageForm: 'nb',
          eventTitle: event.title,
          askerName,
          kind: input.kind,
          message: input.message,
          pageLink: `${mail.appUrl}/arrangor/${event.id}/personopplysninger`,
        },
      },
      now,
    )
    return row
  })
}

/** The event's requests for its organisers, newest first; null when the actor may not manage the event (a 404). */
export async function listDataRequests(db: Kysely<Database>, actor: Actor, eventId: string) {
  const grant = await findEventFor(db, actor, eventId, 'event.manage')
  if (!grant) return null
  const requests = await db
    .selectFrom('data_request')
    .leftJoin('app_user as asker', 'asker.id', 'data_request.user_id')
    .leftJoin('participant', 'participant.id', 'data_request.participant_id')
    .leftJoin('registration', 'registration.id', 'participant.registration_id')
    .leftJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .leftJoin('app_user as handler', 'handler.id', 'data_request.handled_by')
    .select([
      'data_request.id',
      'data_request.kind',
      'data_request.message',
      'data_request.created_at as createdAt',
      'data_request.handled_at as handledAt',
      'data_request.outcome',
      'data_request.outcome_note as outcomeNote',
      'asker.name as askerName',
      'asker.email as askerEmail',
      'participant.id as participantId',
      'municipality.name as municipality',
      'handler.name as handledBy',
    ])
    .where('data_request.event_id', '=', grant.event.id)
    .orderBy('data_request.created_at', 'desc')
    .execute()
  return { event: { id: grant.event.id, title: grant.event.title }, requests }
}

export interface HandleDataRequestInput {
  requestId: string
  outcome: DataRequestOutcome
  note: string
}

/**
 * An organiser marks a request done or refused, with a note. Null when the
 * actor does not organise the event or the request is not the event's (a
 * 404). A request already handled keeps its first answer.
 */
export async function handleDataRequest(db: Kysely<Database>, actor: Actor, eventId: string, input: HandleDataRequestInput, now: Date) {
  return db.transaction().execute(async (trx) => {
    const event = await lockOrganisedEvent(trx, actor, eventId)
    if (!event) return null
    const request = await trx
      .selectFrom('data_request')
      .select(['id', 'handled_at', 'participant_id'])
      .where('id', '=', input.requestId)
      .where('event_id', '=', event.id)
      .forUpdate()
      .executeTakeFirst()
    if (!request) return null
    if (request.handled_at) return request
    await trx
      .updateTable('data_request')
      .set({ handled_at: now, handled_by: actor.userId, outcome: input.outcome, outcome_note: input.note })
      .where('id', '=', request.id)
      .execute()
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: 'organiser',
      action: 'data_request.handled',
      entityType: 'data_request',
      entityId: request.id,
      eventId: event.id,
      after: { outcome: input.outcome },
      at: now,
    })
    return request
  })
}
