import { type QueryCreator, sql } from 'kysely'
import type { Database } from '../../db/schema'
import type { IsoDate } from '~/domain/dates'

/**
 * A participant's stay (nights and days), aggregated per participant for the
 * organiser's queries: `withStays` adds the CTEs `n` (nights) and `d` (days)
 * over a CTE `p` of participants the caller has already added, and `stay`
 * holds the stays' columns for the final select, with participants without
 * nights or days given zero and empty arrays (left join `n` and `d` on
 * `p.id`).
 *
 * The caller decides whether `p` is materialized: the coverage confirmation
 * and the overview keep it not materialized so the planner sees
 * participant.id as unique (a materialized one made it guess millions of
 * rows and compile the query for a second at 10 000 participants); `n` and
 * `d` are referenced once, so PostgreSQL inlines them, and it leaves out
 * the aggregates the caller does not select.
 */
export function withStays<DB extends WithParticipants>(qc: QueryCreator<DB>): QueryCreator<DB & StayCtes> {
  // Kysely's builder types do not resolve over a generic database type (its methods are not callable then), so the
  // CTEs are typed over the one column of `p` they use, which every `DB` here has.
  return stayCtes(qc as unknown as QueryCreator<WithParticipants>) as unknown as QueryCreator<DB & StayCtes>
}

type WithParticipants = Database & { p: { id: string } }
type StayCtes = ReturnType<typeof stayCtes> extends QueryCreator<infer DB extends { n: unknown; d: unknown }> ? { n: DB['n']; d: DB['d'] } : never

function stayCtes(qc: QueryCreator<WithParticipants>) {
  return qc
    .with('n', (qb) =>
      qb
        .selectFrom('participant_night')
        .innerJoin('p', 'p.id', 'participant_night.participant_id')
        .innerJoin('hotel_night', 'hotel_night.id', 'participant_night.hotel_night_id')
        .select([
          'participant_night.participant_id',
          sql<number>`count(*)::int`.as('nights'),
          sql<boolean>`bool_or(participant_night.is_covered)`.as('covered'),
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
          sql<string[]>`coalesce(array_agg(event_day.label order by event_day.date) filter (where participant_day.is_covered_day_package), '{}')`.as(
            'covered_day_labels',
          ),
        ])
        .groupBy('participant_day.participant_id'),
    )
}

/** The stays' columns for the final select, to be aliased by the caller: zero and empty arrays for a participant without nights or days. */
export const stay = {
  nights: sql<number>`coalesce(n.nights, 0)`,
  coveredOvernight: sql<boolean>`coalesce(n.covered, false)`,
  nightDates: sql<IsoDate[]>`coalesce(n.night_dates, '{}')`,
  nightsCovered: sql<boolean[]>`coalesce(n.nights_covered, '{}')`,
  days: sql<IsoDate[]>`coalesce(d.days, '{}')`,
  dayLabels: sql<string[]>`coalesce(d.day_labels, '{}')`,
  coveredDays: sql<IsoDate[]>`coalesce(d.covered_days, '{}')`,
  coveredDayLabels: sql<string[]>`coalesce(d.covered_day_labels, '{}')`,
}
