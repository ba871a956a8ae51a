import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'

/**
 * Published events for the front page: the coming ones (not yet ended) first,
 * soonest first; then the past ones, latest first.
 */
export async function listPublishedEvents(db: Kysely<Database>, now: Date) {
  return db
    .selectFrom('event')
    .select(['id', 'slug', 'title', 'venue', 'status', 'starts_at', 'ends_at', 'registration_opens_at', 'deadline_at', 'personal_data_deleted_at'])
    .where('status', '=', 'published')
    .orderBy(sql`ends_at <= ${now}`)
    .orderBy(sql`case when ends_at > ${now} then starts_at end`)
    .orderBy('starts_at', 'desc')
    .orderBy('id')
    .execute()
}

export type PublishedEventSummary = Awaited<ReturnType<typeof listPublishedEvents>>[number]

/**
 * Everything the public event page shows, or null for an unknown slug or an
 * unpublished event (which its organisers may preview). Never personal data,
 * and never a digital session's link.
 */
export async function getPublicEvent(db: Kysely<Database>, slug: string, viewerUserId: string | null = null) {
  // A slug is a-z, 0-9 and hyphens (the event form's rule); anything else, a NUL from the URL included, names no event.
  if (!/^[a-z0-9-]{1,200}$/.test(slug)) return null
  const event = await db
    .selectFrom('event')
    .innerJoin('county', 'county.number', 'event.county_number')
    .select([
      'event.id',
      'event.slug',
      'event.title',
      'event.description',
      'event.venue',
      'event.address',
      'event.hotel_name',
      'event.hotel_address',
      'event.status',
      'event.starts_at',
      'event.ends_at',
      'event.registration_opens_at',
      'event.deadline_at',
      'event.is_binding',
      'event.organising_bodies',
      'event.organiser_contact_name',
      'event.organiser_contact_email',
      'event.audience_text',
      'event.covered_overnight_per_municipality',
      'event.covered_day_packages_per_municipality',
      'event.price_overnight_package_ore',
      'event.price_day_package_ore',
      'event.price_dinner_ore',
      'event.prices_are_approximate',
      'event.extras_pricing',
      'event.extras_pricing_note',
      'event.travel_paid_by_municipality',
      'event.personal_data_retention_days',
      'event.personal_data_deleted_at',
      'event.updated_at',
      'county.name as county_name',
    ])
    .where('event.slug', '=', slug)
    .where((eb) =>
      eb.or([
        eb('event.status', '=', 'published'),
        eb.exists(
          eb
            .selectFrom('event_organiser')
            .select('event_organiser.user_id')
            .whereRef('event_organiser.event_id', '=', 'event.id')
            .where('event_organiser.user_id', '=', viewerUserId ?? '00000000-0000-0000-0000-000000000000'),
        ),
      ]),
    )
    .executeTakeFirst()
  if (!event) return null

  const [days, nights, slots, items, invitedCount] = await Promise.all([
    db.selectFrom('event_day').select(['id', 'date', 'label', 'starts_at', 'ends_at', 'meals']).where('event_id', '=', event.id).orderBy('date').execute(),
    db.selectFrom('hotel_night').select(['night_date', 'is_covered', 'requires_reason']).where('event_id', '=', event.id).orderBy('night_date').execute(),
    db
      .selectFrom('program_slot')
      .select(['id', 'event_day_id', 'label', 'description', 'starts_at', 'ends_at'])
      .where('event_id', '=', event.id)
      .orderBy('starts_at')
      .orderBy('label')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('program_item')
      .select([
        'id',
        'event_day_id',
        'slot_id',
        'kind',
        'starts_at',
        'ends_at',
        'title',
        'description',
        'speakers',
        'room',
        'capacity',
        'requires_signup',
        'restricted_to_roles',
        'sort_order',
      ])
      .where('event_id', '=', event.id)
      .orderBy('starts_at')
      .orderBy('sort_order')
      .orderBy('title')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('registration')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('event_id', '=', event.id)
      .executeTakeFirstOrThrow(),
  ])
  return { event, days, nights, slots, items, invitedMunicipalities: Number(invitedCount.count) }
}

export type PublicEvent = NonNullable<Awaited<ReturnType<typeof getPublicEvent>>>
