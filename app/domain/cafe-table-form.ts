import { z } from 'zod'
import { MAX_SEATS_PER_TABLE } from './cafe-tables'
import { checkboxField, idField, optionalText, requiredText } from './forms'
import { bilingual } from './language'

/**
 * The forms of the world-café tables (decision 050): the organiser's table
 * page and the participant's pick. Apart from cafe-tables.ts, so the pages
 * that import the rules do not carry zod (decision 37).
 */

const seatsMessage = bilingual(
  `Skriv antall plasser, et helt tall fra 1 til ${MAX_SEATS_PER_TABLE}.`,
  `Skriv talet på plassar, eit heilt tal frå 1 til ${MAX_SEATS_PER_TABLE}.`,
)
const seatsField = z
  .string({ error: seatsMessage })
  .trim()
  .regex(/^\d{1,3}$/, seatsMessage)
  .transform(Number)
  .refine((n) => n >= 1 && n <= MAX_SEATS_PER_TABLE, seatsMessage)

/** Tables from the answers to one survey question. */
export const fromSurveyFormSchema = z.object({
  questionId: idField(bilingual('Velg spørsmålet bordene skal lages fra.', 'Vel spørsmålet borda skal lagast frå.')),
  seatsPerTable: seatsField,
  room: optionalText(100, { multiline: false }).transform((v) => v ?? ''),
})

/** One table, added (no `tableId`) or changed. */
export const tableFormSchema = z.object({
  tableId: idField().optional(),
  topic: requiredText({ nb: 'Fyll inn tema.', nn: 'Fyll inn tema.' }, 200),
  label: requiredText({ nb: 'Fyll inn navn på bordet.', nn: 'Fyll inn namn på bordet.' }, 200),
  room: optionalText(100, { multiline: false }).transform((v) => v ?? ''),
  seats: seatsField,
})

export const deleteTableFormSchema = z.object({ tableId: idField() })

export const modeFormSchema = z.object({
  mode: z.enum(['pick', 'assign'], { error: bilingual('Velg hvordan deltakerne får bord.', 'Vel korleis deltakarane får bord.') }),
})

export const pickingFormSchema = z.object({
  picking: z.enum(['open', 'close'], {
    error: bilingual('Velg om valget av bord skal åpnes eller stenges.', 'Vel om valet av bord skal opnast eller stengjast.'),
  }),
})

/** The assignment; `full` moves those who picked or were moved by hand too. */
export const assignFormSchema = z.object({ full: checkboxField() })

/** A person moved by hand; no table (the empty choice, which the form parser reads as missing) takes them away from every table. */
export const moveFormSchema = z.object({
  participantId: idField(),
  tableId: idField(bilingual('Velg et bord.', 'Vel eit bord.'))
    .optional()
    .transform((v) => v ?? null),
})

/** Sending the tables by email: no fields. */
export const sendFormSchema = z.object({})

/** The participant's pick. */
export const pickFormSchema = z.object({ tableId: idField(bilingual('Velg et bord.', 'Vel eit bord.')) })
