import { z } from 'zod'
import { osloDate, osloDateTime, osloTimeValue } from './dates'
import { DomainError } from './errors'
import { checkEventWindow, oreToKronerText, skippedTimes } from './event-rules'
import { COUNT_MAX, countField, dateField, emailField, optionalText, priceField, requiredText, timeField } from './forms'
import { EXTRAS_PRICING, type ExtrasPricing, extrasPricingOf } from './money'

/**
 * The organiser's event form: what it accepts, the Norwegian messages for
 * what it does not, and the event it produces. Server-side this is the truth.
 */

const text = (label: string, max = 200) => requiredText(label, max)

const date = (label: string) => dateField(label)

const time = timeField

/** A count from 0 to a quota's cap; kept under this name for the forms that import it. */
export const wholeNumber = countField(COUNT_MAX.quota)

const price = priceField

export const eventFormSchema = z
  .object({
    title: text('tittel'),
    slug: z
      .string({ error: 'Fyll inn adressenavn.' })
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Bruk bare a–z, 0–9 og bindestrek, for eksempel klimasamling-more-og-romsdal-2027.')
      .max(80, 'Adressenavnet er for langt.'),
    description: optionalText(),
    countyNumber: z.string({ error: 'Velg fylke.' }).regex(/^\d{2}$/, 'Velg fylke.'),
    venue: text('sted'),
    address: optionalText(300, { multiline: false }),
    hotelName: optionalText(200, { multiline: false }),
    hotelAddress: optionalText(300, { multiline: false }),
    startDate: date('startdato'),
    startTime: time,
    endDate: date('sluttdato'),
    endTime: time,
    opensDate: date('dato for åpning'),
    opensTime: time,
    deadlineDate: date('fristdato'),
    deadlineTime: time,
    reminderDays: countField(COUNT_MAX.reminderDays).optional(),
    isBinding: z.literal('on').optional(),
    organisingBodies: optionalText(2000),
    organiserContactName: text('navn på kontaktperson hos arrangøren'),
    organiserContactEmail: emailField,
    replyToEmail: emailField,
    audienceText: optionalText(),
    status: z.enum(['draft', 'published'], { error: 'Velg om arrangementet er utkast eller publisert.' }),
    coveredOvernight: wholeNumber,
    coveredDayPackages: wholeNumber,
    priceOvernightKr: price,
    priceDayPackageKr: price,
    priceDinnerKr: price,
    pricesApproximate: z.literal('on').optional(),
    selfPaidBilledBy: z.enum(['organiser', 'hotel'], { error: 'Velg hvem som fakturerer.' }),
    // What extras beyond the covered places cost (decision 31). Left out: read from whether the event has prices.
    extrasPricing: z.enum(EXTRAS_PRICING, { error: 'Velg hva deltakere utover de dekkede plassene koster.' }).optional(),
    extrasPricingNote: optionalText(500),
  })
  .transform((f, ctx) => {
    if (f.extrasPricing === 'listed' && f.priceOvernightKr === null && f.priceDayPackageKr === null && f.priceDinnerKr === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['extrasPricing'],
        message: 'Fyll inn minst én pris, eller velg at deltakere utover de dekkede plassene er gratis eller får pris etter avtale.',
      })
    }
    if (f.extrasPricing === 'agreed' && !f.extrasPricingNote?.trim()) {
      ctx.addIssue({
        code: 'custom',
        path: ['extrasPricingNote'],
        message: 'Skriv hva som gjelder for deltakere utover de dekkede plassene, for eksempel at arrangøren avgjør etter fristen og gir beskjed om prisen.',
      })
    }
    // A time the clock skips that day (summer time) is refused, not moved an hour on.
    for (const [dateField, timeField] of [
      ['startDate', 'startTime'],
      ['endDate', 'endTime'],
      ['opensDate', 'opensTime'],
      ['deadlineDate', 'deadlineTime'],
    ] as const) {
      if (skippedTimes(f[dateField], { [timeField]: f[timeField] }).length > 0) {
        ctx.addIssue({ code: 'custom', path: [timeField], message: new DomainError('time_not_on_clock').messageIn('nb') })
      }
    }
    const startsAt = osloDateTime(f.startDate, f.startTime)
    const endsAt = osloDateTime(f.endDate, f.endTime)
    const opensAt = osloDateTime(f.opensDate, f.opensTime)
    const deadlineAt = osloDateTime(f.deadlineDate, f.deadlineTime)
    for (const [path, message] of Object.entries(checkEventWindow({ startsAt, endsAt, opensAt, deadlineAt }))) {
      ctx.addIssue({ code: 'custom', path: [path], message: message ?? '' })
    }
    return {
      title: f.title,
      slug: f.slug,
      description: f.description ?? '',
      county_number: f.countyNumber,
      venue: f.venue,
      address: f.address ?? '',
      hotel_name: f.hotelName || null,
      hotel_address: f.hotelAddress || null,
      starts_at: startsAt,
      ends_at: endsAt,
      registration_opens_at: opensAt,
      deadline_at: deadlineAt,
      // Not posted: a week, the database's default.
      reminder_days_before_deadline: f.reminderDays ?? 7,
      is_binding: f.isBinding === 'on',
      organising_bodies: (f.organisingBodies ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
      organiser_contact_name: f.organiserContactName,
      organiser_contact_email: f.organiserContactEmail,
      reply_to_email: f.replyToEmail,
      audience_text: f.audienceText ?? '',
      status: f.status,
      covered_overnight_per_municipality: f.coveredOvernight,
      covered_day_packages_per_municipality: f.coveredDayPackages,
      price_overnight_package_ore: f.priceOvernightKr,
      price_day_package_ore: f.priceDayPackageKr,
      price_dinner_ore: f.priceDinnerKr,
      prices_are_approximate: f.pricesApproximate === 'on',
      self_paid_billed_by: f.selfPaidBilledBy,
      extras_pricing: f.extrasPricing ?? null,
      extras_pricing_note: f.extrasPricingNote?.trim() ?? '',
    }
  })

export type EventInput = z.output<typeof eventFormSchema>

/** The form's fields as strings, as a form holds them. */
export type EventFormValues = { [K in keyof z.input<typeof eventFormSchema>]?: string }

export const eventFieldLabels = {
  title: 'Tittel',
  slug: 'Adressenavn',
  description: 'Beskrivelse',
  countyNumber: 'Fylke',
  venue: 'Sted',
  address: 'Adresse',
  hotelName: 'Hotell',
  hotelAddress: 'Hotellets adresse',
  startDate: 'Startdato',
  startTime: 'Starttid',
  endDate: 'Sluttdato',
  endTime: 'Sluttid',
  opensDate: 'Påmeldingen åpner (dato)',
  opensTime: 'Påmeldingen åpner (klokkeslett)',
  deadlineDate: 'Påmeldingsfrist (dato)',
  deadlineTime: 'Påmeldingsfrist (klokkeslett)',
  reminderDays: 'Påminnelse, dager før fristen',
  organisingBodies: 'Arrangører',
  organiserContactName: 'Kontaktperson hos arrangøren',
  organiserContactEmail: 'Kontaktpersonens e-post',
  replyToEmail: 'Svaradresse (funksjonell postkasse)',
  audienceText: 'Hvem bør delta?',
  status: 'Status',
  coveredOvernight: 'Dekket overnatting per kommune',
  coveredDayPackages: 'Dekkede dagpakker per kommune',
  priceOvernightKr: 'Pris for overnattingspakke',
  priceDayPackageKr: 'Pris for dagpakke',
  priceDinnerKr: 'Pris for middag',
  selfPaidBilledBy: 'Hvem fakturerer egenbetalingen',
  extrasPricing: 'Deltakere utover de dekkede plassene',
  extrasPricingNote: 'Forklaring til kommunene om pris og dekning utover kvoten',
}

export interface EventFormSource {
  title: string
  slug: string
  description: string
  county_number: string
  venue: string
  address: string
  hotel_name: string | null
  hotel_address: string | null
  starts_at: Date
  ends_at: Date
  registration_opens_at: Date
  deadline_at: Date
  reminder_days_before_deadline: number
  is_binding: boolean
  organising_bodies: string[]
  organiser_contact_name: string
  organiser_contact_email: string
  reply_to_email: string
  audience_text: string
  status: 'draft' | 'published'
  covered_overnight_per_municipality: number
  covered_day_packages_per_municipality: number
  price_overnight_package_ore: number | null
  price_day_package_ore: number | null
  price_dinner_ore: number | null
  prices_are_approximate: boolean
  self_paid_billed_by: 'organiser' | 'hotel'
  extras_pricing?: ExtrasPricing | null
  extras_pricing_note?: string
}

/** An event as the values of its form, for editing. */
export function eventToFormValues(e: EventFormSource): EventFormValues {
  const price = (ore: number | null) => (ore === null ? '' : oreToKronerText(ore))
  return {
    title: e.title,
    slug: e.slug,
    description: e.description,
    countyNumber: e.county_number,
    venue: e.venue,
    address: e.address,
    hotelName: e.hotel_name ?? '',
    hotelAddress: e.hotel_address ?? '',
    startDate: osloDate(e.starts_at),
    startTime: osloTimeValue(e.starts_at),
    endDate: osloDate(e.ends_at),
    endTime: osloTimeValue(e.ends_at),
    opensDate: osloDate(e.registration_opens_at),
    opensTime: osloTimeValue(e.registration_opens_at),
    deadlineDate: osloDate(e.deadline_at),
    deadlineTime: osloTimeValue(e.deadline_at),
    reminderDays: String(e.reminder_days_before_deadline),
    isBinding: e.is_binding ? 'on' : undefined,
    organisingBodies: e.organising_bodies.join('\n'),
    organiserContactName: e.organiser_contact_name,
    organiserContactEmail: e.organiser_contact_email,
    replyToEmail: e.reply_to_email,
    audienceText: e.audience_text,
    status: e.status,
    coveredOvernight: String(e.covered_overnight_per_municipality),
    coveredDayPackages: String(e.covered_day_packages_per_municipality),
    priceOvernightKr: price(e.price_overnight_package_ore),
    priceDayPackageKr: price(e.price_day_package_ore),
    priceDinnerKr: price(e.price_dinner_ore),
    pricesApproximate: e.prices_are_approximate ? 'on' : undefined,
    selfPaidBilledBy: e.self_paid_billed_by,
    // Not stated yet: the form shows what it reads as, and saving states it.
    extrasPricing: extrasPricingOf({ ...e, extras_pricing: e.extras_pricing ?? null, extras_pricing_note: e.extras_pricing_note ?? '' }),
    extrasPricingNote: e.extras_pricing_note ?? '',
  }
}

/** A new event's form starts from sensible values: binding, a deadline at 23.59, the organiser billing. */
export const newEventFormValues: EventFormValues = {
  startTime: '10:00',
  endTime: '15:00',
  opensTime: '09:00',
  deadlineTime: '23:59',
  reminderDays: '7',
  isBinding: 'on',
  status: 'draft',
  coveredOvernight: '0',
  coveredDayPackages: '0',
  selfPaidBilledBy: 'organiser',
}
