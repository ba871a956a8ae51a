import { RETENTION_DAYS_MAX } from '../../app/domain/limits'
import type { Kysely } from 'kysely'
import { osloDateTime } from '../../app/domain/dates'
import type { RoleCategory } from '../../app/domain/roles'
import { inviteDefaultMunicipalities } from '../../app/services/invitations.server'
import type { Database, ExtrasPricing, ProgramItemKind, SelfPaidBilledBy } from '../schema'

/** A date and Oslo wall-clock time: ['2021-11-11', '11:00']. */
type At = [date: string, time: string]

export interface ProgramItemSeed {
  /** The day's date, or the date of a digital session. */
  date: string
  start: string
  end?: string
  kind: ProgramItemKind
  title: string
  description?: string
  speakers?: string[]
  /** Key of a slot in `slots` for parallel items. */
  slot?: string
  capacity?: number
  requiresSignup?: boolean
  restrictedTo?: RoleCategory[]
}

/** An event as the organisers would describe it, in wall-clock times; see insertEventSeed. */
export interface EventSeed {
  slug: string
  title: string
  description: string
  countyNumber: string
  /** Municipalities invited beyond the county's own, by number. */
  extraMunicipalities: string[]
  venue: string
  address: string
  hotelName: string | null
  hotelAddress: string | null
  start: At
  end: At
  registrationOpens: At
  deadline: At
  organisingBodies: string[]
  organiserContact: { name: string; email: string }
  replyTo: string
  audience: string
  coverage: {
    overnightPerMunicipality: number
    dayPackagesPerMunicipality: number
    priceOvernightPackageKr: number | null
    priceDayPackageKr: number | null
    priceDinnerKr: number | null
    pricesAreApproximate: boolean
    selfPaidBilledBy: SelfPaidBilledBy
    /** What participants beyond the covered places pay (decision 31), and the organisers' explanation. */
    extrasPricing: ExtrasPricing
    extrasPricingNote: string
  }
  days: Array<{ date: string; label: string; start: string; end: string; meals: string[] }>
  nights: Array<{ date: string; rooms: number; releaseDate: string; covered: boolean; requiresReason: boolean }>
  slots: Array<{ key: string; date: string; label: string; description?: string; start: string; end: string }>
  program: ProgramItemSeed[]
  topics: string[]
  /** The survey the organisers put to the participants on the gathering (decision 049), not yet opened; 'topics' as options means the event's topics. */
  survey?: {
    title: string
    code: string
    questions: Array<{ prompt: string; kind: 'single' | 'multiple'; allowsFreeText: boolean; options: string[] | 'topics' }>
  }
}

const ore = (kr: number | null) => (kr === null ? null : kr * 100)

/** Inserts one event with everything it holds, and invites its municipalities. */
export async function insertEventSeed(db: Kysely<Database>, seed: EventSeed): Promise<string> {
  const startsAt = osloDateTime(...seed.start)
  const event = await db
    .insertInto('event')
    .values({
      slug: seed.slug,
      title: seed.title,
      description: seed.description,
      county_number: seed.countyNumber,
      venue: seed.venue,
      address: seed.address,
      hotel_name: seed.hotelName,
      hotel_address: seed.hotelAddress,
      starts_at: startsAt,
      ends_at: osloDateTime(...seed.end),
      registration_opens_at: osloDateTime(...seed.registrationOpens),
      deadline_at: osloDateTime(...seed.deadline),
      is_binding: true,
      organising_bodies: seed.organisingBodies,
      organiser_contact_name: seed.organiserContact.name,
      organiser_contact_email: seed.organiserContact.email,
      reply_to_email: seed.replyTo,
      audience_text: seed.audience,
      status: 'published',
      covered_overnight_per_municipality: seed.coverage.overnightPerMunicipality,
      covered_day_packages_per_municipality: seed.coverage.dayPackagesPerMunicipality,
      price_overnight_package_ore: ore(seed.coverage.priceOvernightPackageKr),
      price_day_package_ore: ore(seed.coverage.priceDayPackageKr),
      price_dinner_ore: ore(seed.coverage.priceDinnerKr),
      prices_are_approximate: seed.coverage.pricesAreApproximate,
      self_paid_billed_by: seed.coverage.selfPaidBilledBy,
      extras_pricing: seed.coverage.extrasPricing,
      extras_pricing_note: seed.coverage.extrasPricingNote,
      // Reference events hold no one's personal data; the longest retention keeps them out of the anonymising job
      // (app/services/personal-data.server.ts), which would otherwise archive them as soon as a worker runs on the real clock.
      personal_data_retention_days: RETENTION_DAYS_MAX,
    })
    .returning('id')
    .executeTakeFirstOrThrow()

  const days = await db
    .insertInto('event_day')
    .values(
      seed.days.map((d) => ({
        event_id: event.id,
        date: d.date,
        label: d.label,
        starts_at: osloDateTime(d.date, d.start),
        ends_at: osloDateTime(d.date, d.end),
        meals: d.meals,
      })),
    )
    .returning(['id', 'date'])
    .execute()
  const dayId = new Map(days.map((d) => [d.date, d.id]))

  await db
    .insertInto('hotel_night')
    .values(
      seed.nights.map((n) => ({
        event_id: event.id,
        night_date: n.date,
        rooms_in_block: n.rooms,
        release_date: n.releaseDate,
        is_covered: n.covered,
        requires_reason: n.requiresReason,
      })),
    )
    .execute()

  const slotId = new Map<string, string>()
  for (const s of seed.slots) {
    const day = dayId.get(s.date)
    if (!day) throw new Error(`Slot ${s.key} is on ${s.date}, which is not a day of ${seed.slug}`)
    const row = await db
      .insertInto('program_slot')
      .values({
        event_id: event.id,
        event_day_id: day,
        label: s.label,
        description: s.description ?? '',
        starts_at: osloDateTime(s.date, s.start),
        ends_at: osloDateTime(s.date, s.end),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    slotId.set(s.key, row.id)
  }

  await db
    .insertInto('program_item')
    .values(
      seed.program.map((item, index) => {
        const day = item.kind === 'digital' ? null : dayId.get(item.date)
        if (day === undefined) throw new Error(`${item.title} is on ${item.date}, which is not a day of ${seed.slug}`)
        const slot = item.slot ? slotId.get(item.slot) : null
        if (slot === undefined) throw new Error(`${item.title} names the unknown slot ${item.slot}`)
        return {
          event_id: event.id,
          event_day_id: day,
          slot_id: slot,
          kind: item.kind,
          starts_at: osloDateTime(item.date, item.start),
          ends_at: item.end ? osloDateTime(item.date, item.end) : null,
          title: item.title,
          description: item.description ?? '',
          speakers: item.speakers ?? [],
          capacity: item.capacity ?? null,
          requires_signup: item.requiresSignup ?? false,
          restricted_to_roles: item.restrictedTo ?? [],
          sort_order: index,
        }
      }),
    )
    .execute()

  if (seed.topics.length > 0) {
    await db
      .insertInto('event_topic')
      .values(seed.topics.map((label, index) => ({ event_id: event.id, label, sort_order: index })))
      .execute()
  }

  if (seed.survey) {
    const survey = await db
      .insertInto('survey')
      .values({ event_id: event.id, title: seed.survey.title, code: seed.survey.code })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const [index, q] of seed.survey.questions.entries()) {
      const question = await db
        .insertInto('survey_question')
        .values({ survey_id: survey.id, prompt: q.prompt, kind: q.kind, allows_free_text: q.allowsFreeText, sort_order: index })
        .returning('id')
        .executeTakeFirstOrThrow()
      const options = q.options === 'topics' ? seed.topics : q.options
      await db
        .insertInto('survey_option')
        .values(options.map((label, i) => ({ question_id: question.id, label, sort_order: i })))
        .execute()
    }
  }

  // Invited: the county's municipalities valid on the first day, plus the named extras.
  await inviteDefaultMunicipalities(db, { id: event.id, county_number: seed.countyNumber, starts_at: startsAt }, seed.extraMunicipalities)

  return event.id
}
