import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'
import type { IsoDate } from '~/domain/dates'

const collator = new Intl.Collator('nb')
const byMunicipalityAndName = (a: { municipality: string; name: string }, b: { municipality: string; name: string }) =>
  collator.compare(a.municipality, b.municipality) || collator.compare(a.name, b.name)

/**
 * The participants of an event (only the active ones unless `allStatuses`)
 * with their municipality, nights (with the covered ones), days (with the
 * covered day packages) and sessions, in one statement, sorted by
 * municipality and name: what the organiser's overview and exports count.
 */
export async function readEventParticipants(db: Kysely<Database>, eventId: string, options: { allStatuses?: boolean; healthNeedsOnly?: boolean } = {}) {
  const rows = await db
    .with('p', (qb) =>
      qb
        .selectFrom('participant')
        .innerJoin('registration', 'registration.id', 'participant.registration_id')
        .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
        .select([
          'participant.id',
          'participant.registration_id',
          'participant.status',
          'participant.name',
          'participant.email',
          'participant.phone',
          'participant.title',
          'participant.role_category',
          'participant.attends_dinner',
          'participant.diet',
          'participant.allergies',
          'participant.accessibility_needs',
          'municipality.name as municipality',
        ])
        .where('registration.event_id', '=', eventId)
        .$if(options.allStatuses !== true, (qb) => qb.where('participant.status', '=', 'active'))
        .$if(options.healthNeedsOnly === true, (qb) =>
          qb.where((eb) =>
            eb.or([eb('participant.diet', 'is not', null), eb('participant.allergies', 'is not', null), eb('participant.accessibility_needs', 'is not', null)]),
          ),
        ),
    )
    .with('n', (qb) =>
      qb
        .selectFrom('participant_night')
        .innerJoin('p', 'p.id', 'participant_night.participant_id')
        .innerJoin('hotel_night', 'hotel_night.id', 'participant_night.hotel_night_id')
        .select([
          'participant_night.participant_id',
          sql<IsoDate[]>`array_agg(hotel_night.night_date::text order by hotel_night.night_date)`.as('night_dates'),
          sql<boolean[]>`array_agg(participant_night.is_covered order by hotel_night.night_date)`.as('nights_covered'),
        ])
        .groupBy('participant_night.participant_id'),
    )
    .with('d', (qb) =>
      qb
        .selectFrom('participant_day')
        .innerJoin('p', 'p.id', 'participant_day.participant_id')
        .innerJoin('event_day', 'event_day.id', 'participant_day.event_day_id')
        .select([
          'participant_day.participant_id',
          sql<IsoDate[]>`array_agg(event_day.date::text order by event_day.date)`.as('days'),
          sql<string[]>`array_agg(event_day.label order by event_day.date)`.as('day_labels'),
          sql<IsoDate[]>`coalesce(array_agg(event_day.date::text order by event_day.date) filter (where participant_day.is_covered_day_package), '{}')`.as(
            'covered_days',
          ),
        ])
        .groupBy('participant_day.participant_id'),
    )
    .with('s', (qb) =>
      qb
        .selectFrom('session_choice')
        .innerJoin('p', 'p.id', 'session_choice.participant_id')
        .innerJoin('program_item', 'program_item.id', 'session_choice.program_item_id')
        .select([
          'session_choice.participant_id',
          sql<string[]>`array_agg(program_item.title order by program_item.starts_at, program_item.sort_order, program_item.title)`.as('sessions'),
        ])
        .groupBy('session_choice.participant_id'),
    )
    .selectFrom('p')
    .leftJoin('n', 'n.participant_id', 'p.id')
    .leftJoin('d', 'd.participant_id', 'p.id')
    .leftJoin('s', 's.participant_id', 'p.id')
    .selectAll('p')
    .select([
      sql<IsoDate[]>`coalesce(n.night_dates, '{}')`.as('night_dates'),
      sql<boolean[]>`coalesce(n.nights_covered, '{}')`.as('nights_covered'),
      sql<IsoDate[]>`coalesce(d.days, '{}')`.as('days'),
      sql<string[]>`coalesce(d.day_labels, '{}')`.as('day_labels'),
      sql<IsoDate[]>`coalesce(d.covered_days, '{}')`.as('covered_days'),
      sql<string[]>`coalesce(s.sessions, '{}')`.as('sessions'),
    ])
    .execute()
  return rows.sort(byMunicipalityAndName)
}

export type EventParticipant = Awaited<ReturnType<typeof readEventParticipants>>[number]

/** A participant's holdings as `selfPaidAmount` takes them. */
export function coverageOf(p: EventParticipant) {
  return {
    participant: { nights: p.night_dates.length, days: p.days, attendsDinner: p.attends_dinner },
    assignment: { coveredOvernight: p.nights_covered.some(Boolean), coveredDays: p.covered_days },
  }
}
