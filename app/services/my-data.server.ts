import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'
import { type Asker, ownedBy } from './access.server'

/**
 * Everything stored about the signed-in person (decision 053): their account,
 * their sessions (how many, last seen; never the token hashes), every
 * participant row that is theirs by the one owner rule (`ownedBy` in
 * app/services/access.server.ts) with what hangs on it, the registrations they
 * are contact person of, their team memberships, the emails to them or with
 * them in copy, the audit rows where they acted or were acted on, and their
 * requests about personal data. Read only, for "Mine data" and its JSON file.
 */
export async function collectMyData(db: Kysely<Database>, asker: Asker) {
  const account = await db
    .selectFrom('app_user')
    .select(['id', 'name', 'email', 'phone', 'title', 'created_at'])
    .where('id', '=', asker.id)
    .executeTakeFirstOrThrow()
  const sessions = await db
    .selectFrom('user_session')
    .select((eb) => [eb.fn.countAll<string>().as('count'), eb.fn.max('last_seen_at').as('lastSeenAt')])
    .where('user_id', '=', asker.id)
    .executeTakeFirstOrThrow()

  const participantRows = await db
    .selectFrom('participant')
    .innerJoin('registration', 'registration.id', 'participant.registration_id')
    .innerJoin('event', 'event.id', 'registration.event_id')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .selectAll('participant')
    .select(['event.id as event_id', 'event.title as event_title', 'municipality.name as municipality_name'])
    .where(ownedBy(asker))
    .orderBy('participant.created_at')
    .execute()
  const ids = participantRows.map((p) => p.id)
  const none = ids.length === 0
  // A thunk: a query made and not awaited would reject unhandled (and an empty `in` list is no SQL).
  const per = async <T extends { participant_id: string }>(rows: () => Promise<T[]>) => groupBy(none ? [] : await rows())

  const [days, nights, choices, wishes, topics, waiting, checkIns, webinars, answers, seats] = await Promise.all([
    per(() =>
      db
        .selectFrom('participant_day')
        .innerJoin('event_day', 'event_day.id', 'participant_day.event_day_id')
        .select(['participant_day.participant_id', 'event_day.date', 'event_day.label', 'participant_day.is_covered_day_package'])
        .where('participant_day.participant_id', 'in', ids)
        .orderBy('event_day.date')
        .execute(),
    ),
    per(() =>
      db
        .selectFrom('participant_night')
        .innerJoin('hotel_night', 'hotel_night.id', 'participant_night.hotel_night_id')
        .select(['participant_night.participant_id', 'hotel_night.night_date', 'participant_night.is_covered', 'participant_night.reason'])
        .where('participant_night.participant_id', 'in', ids)
        .orderBy('hotel_night.night_date')
        .execute(),
    ),
    per(() =>
      db
        .selectFrom('session_choice')
        .innerJoin('program_item', 'program_item.id', 'session_choice.program_item_id')
        .select(['session_choice.participant_id', 'program_item.title', 'program_item.starts_at', 'session_choice.created_at'])
        .where('session_choice.participant_id', 'in', ids)
        .orderBy('program_item.starts_at')
        .execute(),
    ),
    per(() =>
      db
        .selectFrom('session_wish')
        .innerJoin('program_item', 'program_item.id', 'session_wish.program_item_id')
        .select(['session_wish.participant_id', 'program_item.title', 'session_wish.rank', 'session_wish.created_at'])
        .where('session_wish.participant_id', 'in', ids)
        .orderBy('session_wish.slot_id')
        .orderBy('session_wish.rank')
        .execute(),
    ),
    per(() =>
      db
        .selectFrom('topic_wish')
        .innerJoin('event_topic', 'event_topic.id', 'topic_wish.event_topic_id')
        .select(['topic_wish.participant_id', 'event_topic.label'])
        .where('topic_wish.participant_id', 'in', ids)
        .orderBy('event_topic.sort_order')
        .execute(),
    ),
    per(() =>
      db
        .selectFrom('waiting_list_entry')
        .leftJoin('program_item', 'program_item.id', 'waiting_list_entry.program_item_id')
        .leftJoin('hotel_night', 'hotel_night.id', 'waiting_list_entry.hotel_night_id')
        .select([
          'waiting_list_entry.participant_id',
          'program_item.title as session',
          'hotel_night.night_date as night',
          'waiting_list_entry.status',
          'waiting_list_entry.created_at',
          'waiting_list_entry.offered_at',
          'waiting_list_entry.offer_expires_at',
          'waiting_list_entry.resolved_at',
        ])
        .where('waiting_list_entry.participant_id', 'in', ids)
        .orderBy('waiting_list_entry.created_at')
        .execute(),
    ),
    per(() =>
      db
        .selectFrom('check_in')
        .innerJoin('event_day', 'event_day.id', 'check_in.event_day_id')
        .select(['check_in.participant_id', 'event_day.date', 'check_in.arrived', 'check_in.changed_at'])
        .where('check_in.participant_id', 'in', ids)
        .orderBy('event_day.date')
        .execute(),
    ),
    per(() =>
      db
        .selectFrom('webinar_attendance')
        .innerJoin('program_item', 'program_item.id', 'webinar_attendance.program_item_id')
        .select(['webinar_attendance.participant_id', 'program_item.title', 'webinar_attendance.recorded_at'])
        .where('webinar_attendance.participant_id', 'in', ids)
        .execute(),
    ),
    per(() =>
      db
        .selectFrom('survey_answer')
        .innerJoin('survey_question', 'survey_question.id', 'survey_answer.question_id')
        .innerJoin('survey', 'survey.id', 'survey_question.survey_id')
        .select((eb) => [
          'survey_answer.participant_id',
          'survey.title as survey',
          'survey_question.prompt as question',
          eb
            .selectFrom('survey_option')
            .select(sql<string[]>`coalesce(array_agg(survey_option.label order by survey_option.sort_order), '{}')`.as('labels'))
            .whereRef('survey_option.id', '=', sql`any(${eb.ref('survey_answer.option_ids')})`)
            .as('options'),
          'survey_answer.free_text',
          'survey_answer.answered_at',
        ])
        .where('survey_answer.participant_id', 'in', ids)
        .orderBy('survey_question.sort_order')
        .execute(),
    ),
    per(() =>
      db
        .selectFrom('cafe_seat')
        .innerJoin('cafe_table', 'cafe_table.id', 'cafe_seat.cafe_table_id')
        .select(['cafe_seat.participant_id', 'cafe_table.label', 'cafe_table.topic', 'cafe_table.room', 'cafe_seat.source', 'cafe_seat.seated_at'])
        .where('cafe_seat.participant_id', 'in', ids)
        .execute(),
    ),
  ])

  const participations = participantRows.map((p) => ({
    id: p.id,
    event: { id: p.event_id, title: p.event_title },
    municipality: p.municipality_name,
    name: p.name,
    email: p.email,
    phone: p.phone,
    title: p.title,
    roleCategory: p.role_category,
    fieldsOfWork: p.fields_of_work,
    attendsDinner: p.attends_dinner,
    diet: p.diet,
    allergies: p.allergies,
    accessibilityNeeds: p.accessibility_needs,
    status: p.status,
    coverageRank: p.coverage_rank,
    isLateAddition: p.is_late_addition,
    substituteForId: p.substitute_for_id,
    chargeWaivedReason: p.charge_waived_reason,
    createdAt: p.created_at,
    updatedAt: p.updated_at,
    cancelledAt: p.cancelled_at,
    wishesChangedAt: p.wishes_changed_at,
    days: strip(days.get(p.id)),
    nights: strip(nights.get(p.id)),
    sessionChoices: strip(choices.get(p.id)),
    sessionWishes: strip(wishes.get(p.id)),
    topicWishes: strip(topics.get(p.id)).map((t) => t.label),
    waitingLists: strip(waiting.get(p.id)),
    checkIns: strip(checkIns.get(p.id)),
    webinarAttendance: strip(webinars.get(p.id)),
    surveyAnswers: strip(answers.get(p.id)),
    cafeSeats: strip(seats.get(p.id)),
  }))

  const contactFor = await db
    .selectFrom('registration')
    .innerJoin('event', 'event.id', 'registration.event_id')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .select(['registration.id', 'event.id as eventId', 'event.title as event', 'municipality.name as municipality', 'registration.contact_named_at as namedAt'])
    .where('registration.contact_user_id', '=', asker.id)
    .orderBy('event.starts_at')
    .execute()

  const team = await db
    .selectFrom('event_organiser')
    .innerJoin('event', 'event.id', 'event_organiser.event_id')
    .select(['event.id as eventId', 'event.title as event', sql<string>`'organiser'`.as('role')])
    .where('event_organiser.user_id', '=', asker.id)
    .unionAll((eb) =>
      eb
        .selectFrom('event_viewer')
        .innerJoin('event', 'event.id', 'event_viewer.event_id')
        .select(['event.id as eventId', 'event.title as event', sql<string>`'viewer'`.as('role')])
        .where('event_viewer.user_id', '=', asker.id),
    )
    .unionAll((eb) =>
      eb
        .selectFrom('event_desk')
        .innerJoin('event', 'event.id', 'event_desk.event_id')
        .select(['event.id as eventId', 'event.title as event', sql<string>`'desk'`.as('role')])
        .where('event_desk.user_id', '=', asker.id),
    )
    .execute()

  const addresses = [...new Set([asker.email, account.email, ...participantRows.map((p) => p.email)].map((e) => e.toLowerCase()))]
  const emails = await db
    .selectFrom('email')
    // Whether they were a recipient or in copy, not the other addresses: those are other people's.
    .select([
      'id',
      'template',
      'subject',
      'status',
      'created_at as createdAt',
      'sent_at as sentAt',
      sql<boolean>`exists (select 1 from unnest(email.to_addresses) a where lower(a) = any(${sql.val(addresses)}::text[]))`.as('toYou'),
    ])
    .where(sql<boolean>`exists (select 1 from unnest(email.to_addresses || email.cc_addresses) a where lower(a) = any(${sql.val(addresses)}::text[]))`)
    .orderBy('created_at')
    .execute()

  const entityIds = [asker.id, ...ids]
  const audit = await db
    .selectFrom('audit_log')
    .select(['at', 'action', 'entity_type as entityType', 'actor_label as actorLabel', sql<boolean>`actor_user_id = ${asker.id}`.as('byYou')])
    .where((eb) => eb.or([eb('actor_user_id', '=', asker.id), eb('entity_id', 'in', entityIds)]))
    .orderBy('at')
    .execute()

  const dataRequests = await db
    .selectFrom('data_request')
    .innerJoin('event', 'event.id', 'data_request.event_id')
    .select([
      'data_request.id',
      'event.title as event',
      'data_request.kind',
      'data_request.message',
      'data_request.created_at as createdAt',
      'data_request.handled_at as handledAt',
      'data_request.outcome',
      'data_request.outcome_note as outcomeNote',
    ])
    .where((eb) => eb.or([eb('data_request.user_id', '=', asker.id), ...(none ? [] : [eb('data_request.participant_id', 'in', ids)])]))
    .orderBy('data_request.created_at')
    .execute()

  return {
    account: { name: account.name, email: account.email, phone: account.phone, title: account.title, createdAt: account.created_at },
    sessions: { count: Number(sessions.count), lastSeenAt: sessions.lastSeenAt as Date | null },
    participations,
    contactFor,
    team,
    emails,
    audit,
    dataRequests,
  }
}

export type MyData = Awaited<ReturnType<typeof collectMyData>>

function groupBy<T extends { participant_id: string }>(rows: T[]): Map<string, T[]> {
  const map = new Map<string, T[]>()
  for (const row of rows) map.set(row.participant_id, [...(map.get(row.participant_id) ?? []), row])
  return map
}

/** The rows without the participant id they were grouped by. */
function strip<T extends { participant_id: string }>(rows: T[] | undefined): Omit<T, 'participant_id'>[] {
  return (rows ?? []).map(({ participant_id: _, ...rest }) => rest)
}
