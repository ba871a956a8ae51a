import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'
import { stay, withStays } from './participant-stays.server'

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
  const rows = await withStays(
    db.with('p', (qb) =>
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
    ),
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
      stay.nightDates.as('night_dates'),
      stay.nightsCovered.as('nights_covered'),
      stay.days.as('days'),
      stay.dayLabels.as('day_labels'),
      stay.coveredDays.as('covered_days'),
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
