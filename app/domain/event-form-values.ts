import { RETENTION_DAYS_DEFAULT } from './limits'
import { osloDate, osloTimeValue } from './dates'
import type { eventFormSchema } from './event-form'
import { oreToKronerText } from './event-rules'
import { type ExtrasPricing, extrasPricingOf } from './money'
import type { z } from 'zod'
import { texts } from './language'

/**
 * The event form as the page holds it: its labels and its values as strings.
 * Apart from the schema in event-form.ts, so the page's JavaScript does not
 * carry zod (decision 37, docs/decisions).
 */

/** The form's fields as strings, as a form holds them. */
export type EventFormValues = { [K in keyof z.input<typeof eventFormSchema>]?: string }

/** The form's labels in both written forms. */
export const EVENT_FIELD_LABELS = texts({
  nb: {
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
    retentionDays: 'Personopplysninger slettes (dager etter samlingen)',
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
    sessionAllocation: 'Plasser i parallelle sesjoner',
  },
  nn: {
    title: 'Tittel',
    slug: 'Adressenamn',
    description: 'Skildring',
    countyNumber: 'Fylke',
    venue: 'Stad',
    address: 'Adresse',
    hotelName: 'Hotell',
    hotelAddress: 'Adressa til hotellet',
    startDate: 'Startdato',
    startTime: 'Starttid',
    endDate: 'Sluttdato',
    endTime: 'Sluttid',
    opensDate: 'Påmeldinga opnar (dato)',
    opensTime: 'Påmeldinga opnar (klokkeslett)',
    deadlineDate: 'Påmeldingsfrist (dato)',
    deadlineTime: 'Påmeldingsfrist (klokkeslett)',
    reminderDays: 'Påminning, dagar før fristen',
    retentionDays: 'Personopplysningar blir sletta (dagar etter samlinga)',
    organisingBodies: 'Arrangørar',
    organiserContactName: 'Kontaktperson hos arrangøren',
    organiserContactEmail: 'E-posten til kontaktpersonen',
    replyToEmail: 'Svaradresse (funksjonell postkasse)',
    audienceText: 'Kven bør delta?',
    status: 'Status',
    coveredOvernight: 'Dekt overnatting per kommune',
    coveredDayPackages: 'Dekte dagpakkar per kommune',
    priceOvernightKr: 'Pris for overnattingspakke',
    priceDayPackageKr: 'Pris for dagpakke',
    priceDinnerKr: 'Pris for middag',
    selfPaidBilledBy: 'Kven fakturerer eigenbetalinga',
    extrasPricing: 'Deltakarar utover dei dekte plassane',
    extrasPricingNote: 'Forklaring til kommunane om pris og dekning utover kvoten',
    sessionAllocation: 'Plassar i parallelle sesjonar',
  },
})

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
  personal_data_retention_days: number
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
  session_allocation?: 'first_come' | 'by_wishes'
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
    retentionDays: String(e.personal_data_retention_days),
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
    sessionAllocation: e.session_allocation ?? 'first_come',
  }
}

/** A new event's form starts from sensible values: binding, a deadline at 23.59, the organiser billing. */
export const newEventFormValues: EventFormValues = {
  startTime: '10:00',
  endTime: '15:00',
  opensTime: '09:00',
  deadlineTime: '23:59',
  reminderDays: '7',
  retentionDays: String(RETENTION_DAYS_DEFAULT),
  isBinding: 'on',
  status: 'draft',
  coveredOvernight: '0',
  coveredDayPackages: '0',
  selfPaidBilledBy: 'organiser',
  sessionAllocation: 'first_come',
}
