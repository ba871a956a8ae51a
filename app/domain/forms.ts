import { z } from 'zod'
import { kronerToOre } from './event-rules'
import { bilingual } from './language'

/**
 * The one set of form fields every form is built from (decision 34), with
 * their messages in bokmål and nynorsk (`bilingual`, decision 54: the action's
 * reply cuts each to the reader's form). Parsed on the server, which is the truth; the
 * browser runs the same schema as a courtesy. Every value is checked here
 * before it can reach the database: text is normalised (Unicode NFC, trimmed)
 * and refuses characters nobody means, dates are real calendar days in a
 * sensible range, numbers and amounts fit what their columns hold.
 */

/** C0 and C1 control characters (with DEL); a multi-line text keeps its newlines and tabs. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f]/
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/
/** Bidirectional embeddings, overrides and isolates: they make text read otherwise than it is stored. */
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/
/** What invalid UTF-8 (or a lone surrogate) arrives as. */
const BROKEN = /[\ufffd\p{Cs}]/u

/** A message as a form's field gives it, in both written forms; made into one `bilingual` string where zod needs a string. */
export interface BothForms {
  nb: string
  nn: string
}

/** One `bilingual` string of a message in both forms. */
export function both(message: BothForms): string {
  return bilingual(message.nb, message.nn)
}

export const TEXT_MESSAGES = {
  control: bilingual(
    'Teksten inneholder kontrolltegn som ikke kan brukes. Skriv den inn på nytt.',
    'Teksten inneheld kontrollteikn som ikkje kan brukast. Skriv han inn på nytt.',
  ),
  bidi: bilingual(
    'Teksten inneholder usynlige retningstegn som ikke kan brukes. Skriv den inn på nytt.',
    'Teksten inneheld usynlege retningsteikn som ikkje kan brukast. Skriv han inn på nytt.',
  ),
  broken: bilingual('Teksten inneholder et ugyldig tegn (�). Skriv den inn på nytt.', 'Teksten inneheld eit ugyldig teikn (�). Skriv han inn på nytt.'),
  noLetter: bilingual('Skriv inn tekst med bokstaver eller tall.', 'Skriv inn tekst med bokstavar eller tal.'),
  nameNoLetter: bilingual('Navnet må inneholde bokstaver.', 'Namnet må innehalde bokstavar.'),
} as const

/** An id the form carries in a hidden field or as a choice: anything else is a page that is out of date, or a forged post. */
export const INVALID_CHOICE = bilingual('Valget er ugyldig. Last inn siden på nytt og prøv igjen.', 'Valet er ugyldig. Last inn sida på nytt og prøv igjen.')

/** A UUID from the form (a hidden id, a chosen row), with a message in both forms instead of zod's English one. */
export const idField = (message: string = INVALID_CHOICE) => z.uuid({ error: message })

/** Several ids (ticked boxes), none ticked being none. */
export const idsField = () => z.array(idField(), { error: INVALID_CHOICE }).optional()

/** A ticked checkbox posts "on"; an unticked one posts nothing. */
export const checkboxField = () => z.literal('on', { error: INVALID_CHOICE }).optional()

/** Why a text cannot be stored, or null. */
export function textProblem(value: string, multiline = false): string | null {
  if ((multiline ? CONTROL_MULTI_LINE : CONTROL_SINGLE_LINE).test(value)) return TEXT_MESSAGES.control
  if (BIDI_CONTROL.test(value)) return TEXT_MESSAGES.bidi
  if (BROKEN.test(value)) return TEXT_MESSAGES.broken
  return null
}

/** Whether a text has something to read: a letter or a digit, not only spaces, punctuation or zero-width characters. */
export function hasVisibleText(value: string): boolean {
  return /[\p{L}\p{N}]/u.test(value)
}

/** What a text field that arrived as something else (posted twice, say) is told. */
const UNREADABLE_TEXT = bilingual('Teksten kunne ikke leses. Skriv den inn på nytt.', 'Teksten kunne ikkje lesast. Skriv han inn på nytt.')

const cleaned = (multiline: boolean, error: string = UNREADABLE_TEXT) =>
  z
    .string({ error })
    .normalize('NFC')
    .overwrite((v) => (multiline ? v.replace(/\r\n?/g, '\n') : v))
    .trim()

const tooLong = (max: number) => bilingual(`Teksten er for lang (høyst ${max} tegn).`, `Teksten er for lang (høgst ${max} teikn).`)

/**
 * A required one-line text: a letter or digit in it, no control characters.
 * `missing` is the whole message in both forms ({ nb: 'Fyll inn tittel.', nn: 'Fyll inn tittel.' }).
 */
export function requiredText(missing: BothForms, max = 200, options: { tooLong?: BothForms } = {}) {
  const message = both(missing)
  return cleaned(false, message)
    .min(1, message)
    .max(max, options.tooLong ? both(options.tooLong) : tooLong(max))
    .superRefine((v, ctx) => {
      const problem = textProblem(v) ?? (v && !hasVisibleText(v) ? TEXT_MESSAGES.noLetter : null)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })
}

type Message = BothForms | string
const asString = (message: Message) => (typeof message === 'string' ? message : both(message))

/**
 * A required text of several lines (a message, a reason): newlines and tabs
 * allowed. Messages in both forms: { nb, nn }, or a string made by `bilingual`.
 */
export function requiredMultilineText(missing: Message, max: number, options: { min?: number; minMessage?: Message; tooLong?: Message } = {}) {
  const message = asString(missing)
  return cleaned(true, message)
    .min(options.min ?? 1, options.minMessage ? asString(options.minMessage) : message)
    .max(max, options.tooLong ? asString(options.tooLong) : tooLong(max))
    .superRefine((v, ctx) => {
      const problem = textProblem(v, true) ?? (v && !hasVisibleText(v) ? TEXT_MESSAGES.noLetter : null)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })
}

/** An optional text; `multiline` for a textarea. */
export function optionalText(max = 5000, options: { multiline?: boolean } = {}) {
  const multiline = options.multiline ?? true
  return cleaned(multiline)
    .max(max, tooLong(max))
    .superRefine((v, ctx) => {
      const problem = textProblem(v, multiline)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })
    .optional()
}

/** A person's name: at least two characters, a letter among them. */
export const nameField = cleaned(false, bilingual('Skriv inn navnet.', 'Skriv inn namnet.'))
  .min(2, bilingual('Skriv inn hele navnet.', 'Skriv inn heile namnet.'))
  .max(200, bilingual('Navnet er for langt.', 'Namnet er for langt.'))
  .superRefine((v, ctx) => {
    const problem = textProblem(v) ?? (v.length >= 2 && !/\p{L}/u.test(v) ? TEXT_MESSAGES.nameNoLetter : null)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

const EMAIL_MISSING = bilingual('Skriv inn e-postadressen.', 'Skriv inn e-postadressa.')

export const emailField = z
  .string({ error: EMAIL_MISSING })
  .normalize('NFC')
  .trim()
  .min(1, EMAIL_MISSING)
  .max(254, bilingual('E-postadressen er for lang.', 'E-postadressa er for lang.'))
  .pipe(
    z.email({
      error: bilingual('Skriv inn en gyldig e-postadresse, for eksempel navn@kommune.no.', 'Skriv inn ei gyldig e-postadresse, til dømes namn@kommune.no.'),
    }),
  )
  .transform((email) => email.toLowerCase())

export const phoneField = z
  .string({ error: bilingual('Skriv inn telefonnummeret.', 'Skriv inn telefonnummeret.') })
  .trim()
  .max(30, bilingual('Telefonnummeret er for langt.', 'Telefonnummeret er for langt.'))
  .regex(
    /^\+?[0-9 ]{8,}$/,
    bilingual(
      'Skriv inn et telefonnummer med minst 8 sifre, for eksempel 912 34 567.',
      'Skriv inn eit telefonnummer med minst 8 siffer, til dømes 912 34 567.',
    ),
  )
  .optional()

/** The range of dates a form accepts unless it says otherwise: an event between 2000 and 2100. */
export const DATE_MIN = '2000-01-01'
export const DATE_MAX = '2100-12-31'

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/

/** Whether 'YYYY-MM-DD' names a day of the calendar (not 2027-02-30, 2027-13-45 or 0000-00-00). */
export function isCalendarDate(value: string): boolean {
  const m = ISO_DATE.exec(value)
  if (!m) return false
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  if (year < 1 || month < 1 || month > 12 || day < 1) return false
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0
  return day <= days
}

/**
 * A calendar day as a date input posts it, real and within [min, max].
 * `label` names the date in each form ({ nb: 'startdato', nn: 'startdato' }),
 * for "Velg startdato." and "Vel startdato.".
 */
export function dateField(label: BothForms = { nb: 'dato', nn: 'dato' }, range: { min?: string; max?: string } = {}) {
  const min = range.min ?? DATE_MIN
  const max = range.max ?? DATE_MAX
  return z
    .string({ error: bilingual(`Velg ${label.nb}.`, `Vel ${label.nn}.`) })
    .trim()
    .superRefine((v, ctx) => {
      const message = !ISO_DATE.test(v)
        ? bilingual(`Skriv ${label.nb} som dd.mm.åååå.`, `Skriv ${label.nn} som dd.mm.åååå.`)
        : !isCalendarDate(v)
          ? bilingual('Datoen finnes ikke. Velg en dag som står i kalenderen.', 'Datoen finst ikkje. Vel ein dag som står i kalenderen.')
          : v < min || v > max
            ? bilingual(`Velg en dato mellom ${min.slice(0, 4)} og ${max.slice(0, 4)}.`, `Vel ein dato mellom ${min.slice(0, 4)} og ${max.slice(0, 4)}.`)
            : null
      if (message) ctx.addIssue({ code: 'custom', message })
    })
}

/** A wall-clock time, 00:00 to 23:59 ('HH:MM' or 'HH.MM'); 24:00 and 25:61 are refused. */
export const timeField = z
  .string({ error: bilingual('Fyll inn klokkeslett.', 'Fyll inn klokkeslett.') })
  .trim()
  .regex(/^([01]\d|2[0-3])[:.][0-5]\d$/, bilingual('Skriv klokkeslettet som tt:mm, for eksempel 09:30.', 'Skriv klokkeslettet som tt:mm, til dømes 09:30.'))

/** A whole number from 0 to `max` (rooms, places, quotas): well inside PostgreSQL's integer. */
export function countField(max: number) {
  const message = bilingual('Fyll inn et helt tall, 0 eller mer.', 'Fyll inn eit heilt tal, 0 eller meir.')
  const most = max.toLocaleString('nb-NO')
  return z
    .string({ error: message })
    .trim()
    .regex(/^\d+$/, message)
    .refine((v) => !/^\d+$/.test(v) || (v.length <= 12 && Number(v) <= max), bilingual(`Tallet kan være høyst ${most}.`, `Talet kan vere høgst ${most}.`))
    .transform(Number)
}

/** Caps that no real event comes near, and that keep every count far inside an `integer` column. */
export const COUNT_MAX = {
  rooms: 10_000,
  capacity: 100_000,
  quota: 1_000,
  reminderDays: 365,
} as const

/** The most a price may be: 1 000 000 kr, in øre (an `integer` column holds up to about 21 million kr). */
export const PRICE_MAX_ORE = 100_000_000

/** An optional price in kroner as a Norwegian types it ("2 500", "649,50"), as øre; empty is null. */
export const priceField = z
  .string({ error: bilingual('Skriv beløpet i kroner.', 'Skriv beløpet i kroner.') })
  .trim()
  .optional()
  .transform((value, ctx) => {
    if (!value) return null
    const ore = kronerToOre(value)
    if (ore === null) {
      ctx.addIssue({
        code: 'custom',
        message: bilingual('Skriv beløpet i kroner, for eksempel 2500 eller 649,50.', 'Skriv beløpet i kroner, til dømes 2500 eller 649,50.'),
      })
      return z.NEVER
    }
    if (!Number.isSafeInteger(ore) || ore > PRICE_MAX_ORE) {
      ctx.addIssue({ code: 'custom', message: bilingual('Beløpet kan være høyst 1 000 000 kr.', 'Beløpet kan vere høgst 1 000 000 kr.') })
      return z.NEVER
    }
    return ore
  })

export const personSchema = z.object({
  name: nameField,
  email: emailField,
  phone: phoneField,
  title: optionalText(200, { multiline: false }),
})

export type PersonForm = z.infer<typeof personSchema>

/** Ids in URLs are UUIDs; anything else names nothing. */
export const uuidParam = z.uuid()

/** A form that names one row by its id (delete, withdraw). */
export const idFormSchema = z.object({ id: idField() })
