import { RETENTION_DAYS_DEFAULT, RETENTION_DAYS_MAX } from './limits'
import { z } from 'zod'
import { osloDateTime } from './dates'
import { DomainError } from './errors'
import { checkEventWindow, skippedTimes } from './event-rules'
import { type BothForms, checkboxField, COUNT_MAX, countField, dateField, emailField, optionalText, priceField, requiredText, timeField } from './forms'
import { bilingual, inLanguage } from './language'
import { EXTRAS_PRICING } from './money'

/**
 * The organiser's event form: what it accepts, the messages (bokmål and
 * nynorsk) for what it does not, and the event it produces. Server-side this
 * is the truth.
 */

const text = (missing: BothForms, max = 200) => requiredText(missing, max)

const date = (nb: string, nn: string) => dateField({ nb, nn })

/** The messages of the event's time rules (checkEventWindow) in nynorsk too. */
const WINDOW_MESSAGES_NN: Record<string, string> = {
  'Slutt må være etter start.': 'Slutt må vere etter start.',
  'Påmeldingsfristen må være før samlingen starter.': 'Påmeldingsfristen må vere før samlinga startar.',
  'Påmeldingsfristen må være etter at påmeldingen åpner.': 'Påmeldingsfristen må vere etter at påmeldinga opnar.',
}
/** A message of checkEventWindow in both forms (as it is, should the rule come to give both itself). */
const windowMessage = (message: string) => (inLanguage(message, 'nn') !== message ? message : bilingual(message, WINDOW_MESSAGES_NN[message] ?? message))

const TIME_NOT_ON_CLOCK = new DomainError('time_not_on_clock')

const time = timeField

/** The longest an event's personal data may be kept after it ends: ten years (decision 051). */

/** A count from 0 to a quota's cap; kept under this name for the forms that import it. */
export const wholeNumber = countField(COUNT_MAX.quota)

const price = priceField

export const eventFormSchema = z
  .object({
    title: text({ nb: 'Fyll inn tittel.', nn: 'Fyll inn tittel.' }),
    slug: z
      .string({ error: bilingual('Fyll inn adressenavn.', 'Fyll inn adressenamn.') })
      .trim()
      .toLowerCase()
      .regex(
        /^[a-z0-9]+(-[a-z0-9]+)*$/,
        bilingual(
          'Bruk bare a–z, 0–9 og bindestrek, for eksempel klimasamling-more-og-romsdal-2027.',
          'Bruk berre a–z, 0–9 og bindestrek, til dømes klimasamling-more-og-romsdal-2027.',
        ),
      )
      .max(80, bilingual('Adressenavnet er for langt.', 'Adressenamnet er for langt.')),
    description: optionalText(),
    countyNumber: z.string({ error: bilingual('Velg fylke.', 'Vel fylke.') }).regex(/^\d{2}$/, bilingual('Velg fylke.', 'Vel fylke.')),
    venue: text({ nb: 'Fyll inn sted.', nn: 'Fyll inn stad.' }),
    address: optionalText(300, { multiline: false }),
    hotelName: optionalText(200, { multiline: false }),
    hotelAddress: optionalText(300, { multiline: false }),
    startDate: date('startdato', 'startdato'),
    startTime: time,
    endDate: date('sluttdato', 'sluttdato'),
    endTime: time,
    opensDate: date('dato for åpning', 'dato for opning'),
    opensTime: time,
    deadlineDate: date('fristdato', 'fristdato'),
    deadlineTime: time,
    reminderDays: countField(COUNT_MAX.reminderDays).optional(),
    // How long after the event its participants' personal data is kept (decision 051). Left out: 90 days, the database's default.
    retentionDays: countField(RETENTION_DAYS_MAX).optional(),
    isBinding: checkboxField(),
    organisingBodies: optionalText(2000),
    organiserContactName: text({ nb: 'Fyll inn navn på kontaktperson hos arrangøren.', nn: 'Fyll inn namn på kontaktperson hos arrangøren.' }),
    organiserContactEmail: emailField,
    replyToEmail: emailField,
    audienceText: optionalText(),
    status: z.enum(['draft', 'published'], {
      error: bilingual('Velg om arrangementet er utkast eller publisert.', 'Vel om arrangementet er utkast eller publisert.'),
    }),
    coveredOvernight: wholeNumber,
    coveredDayPackages: wholeNumber,
    priceOvernightKr: price,
    priceDayPackageKr: price,
    priceDinnerKr: price,
    pricesApproximate: checkboxField(),
    selfPaidBilledBy: z.enum(['organiser', 'hotel'], { error: bilingual('Velg hvem som fakturerer.', 'Vel kven som fakturerer.') }),
    // What extras beyond the covered places cost (decision 31). Left out: read from whether the event has prices.
    extrasPricing: z
      .enum(EXTRAS_PRICING, {
        error: bilingual('Velg hva deltakere utover de dekkede plassene koster.', 'Vel kva deltakarar utover dei dekte plassane kostar.'),
      })
      .optional(),
    extrasPricingNote: optionalText(500),
    // How seats in parallel sessions are handed out (decision 44). Left out: first come, as before the setting existed.
    sessionAllocation: z
      .enum(['first_come', 'by_wishes'], {
        error: bilingual('Velg hvordan plassene i parallelle sesjoner fordeles.', 'Vel korleis plassane i parallelle sesjonar blir fordelte.'),
      })
      .optional(),
  })
  .transform((f, ctx) => {
    if (f.extrasPricing === 'listed' && f.priceOvernightKr === null && f.priceDayPackageKr === null && f.priceDinnerKr === null) {
      ctx.addIssue({
        code: 'custom',
        path: ['extrasPricing'],
        message: bilingual(
          'Fyll inn minst én pris, eller velg at deltakere utover de dekkede plassene er gratis eller får pris etter avtale.',
          'Fyll inn minst éin pris, eller vel at deltakarar utover dei dekte plassane er gratis eller får pris etter avtale.',
        ),
      })
    }
    if (f.extrasPricing === 'agreed' && !f.extrasPricingNote?.trim()) {
      ctx.addIssue({
        code: 'custom',
        path: ['extrasPricingNote'],
        message: bilingual(
          'Skriv hva som gjelder for deltakere utover de dekkede plassene, for eksempel at arrangøren avgjør etter fristen og gir beskjed om prisen.',
          'Skriv kva som gjeld for deltakarar utover dei dekte plassane, til dømes at arrangøren avgjer etter fristen og gir beskjed om prisen.',
        ),
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
        ctx.addIssue({ code: 'custom', path: [timeField], message: bilingual(TIME_NOT_ON_CLOCK.messageIn('nb'), TIME_NOT_ON_CLOCK.messageIn('nn')) })
      }
    }
    const startsAt = osloDateTime(f.startDate, f.startTime)
    const endsAt = osloDateTime(f.endDate, f.endTime)
    const opensAt = osloDateTime(f.opensDate, f.opensTime)
    const deadlineAt = osloDateTime(f.deadlineDate, f.deadlineTime)
    for (const [path, message] of Object.entries(checkEventWindow({ startsAt, endsAt, opensAt, deadlineAt }))) {
      ctx.addIssue({ code: 'custom', path: [path], message: windowMessage(message ?? '') })
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
      personal_data_retention_days: f.retentionDays ?? RETENTION_DAYS_DEFAULT,
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
      session_allocation: f.sessionAllocation ?? 'first_come',
    }
  })

export type EventInput = z.output<typeof eventFormSchema>

/** The copy of an event: a new title, address and start date; the rest comes from the original. */
export const eventCopyFormSchema = z.object({
  title: eventFormSchema.in.shape.title,
  slug: eventFormSchema.in.shape.slug,
  startDate: eventFormSchema.in.shape.startDate,
})
