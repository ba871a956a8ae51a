import { z } from 'zod'
import { MAX_SEATS_PER_TABLE } from './cafe-tables'
import { optionalText, requiredText } from './forms'

/**
 * The forms of the world-café tables (decision 050): the organiser's table
 * page and the participant's pick. Apart from cafe-tables.ts, so the pages
 * that import the rules do not carry zod (decision 37).
 */

const seatsMessage = `Skriv antall plasser, et helt tall fra 1 til ${MAX_SEATS_PER_TABLE}.`
const seatsField = z
  .string({ error: seatsMessage })
  .trim()
  .regex(/^\d{1,3}$/, seatsMessage)
  .transform(Number)
  .refine((n) => n >= 1 && n <= MAX_SEATS_PER_TABLE, seatsMessage)

/** Tables from the answers to one survey question. */
export const fromSurveyFormSchema = z.object({
  questionId: z.uuid({ error: 'Velg spørsmålet bordene skal lages fra.' }),
  seatsPerTable: seatsField,
  room: optionalText(100, { multiline: false }).transform((v) => v ?? ''),
})

/** One table, added (no `tableId`) or changed. */
export const tableFormSchema = z.object({
  tableId: z.uuid().optional(),
  topic: requiredText('tema', 200),
  label: requiredText('navn på bordet', 200),
  room: optionalText(100, { multiline: false }).transform((v) => v ?? ''),
  seats: seatsField,
})

export const deleteTableFormSchema = z.object({ tableId: z.uuid() })

export const modeFormSchema = z.object({ mode: z.enum(['pick', 'assign'], { error: 'Velg hvordan deltakerne får bord.' }) })

export const pickingFormSchema = z.object({ picking: z.enum(['open', 'close']) })

/** The assignment; `full` moves those who picked or were moved by hand too. */
export const assignFormSchema = z.object({ full: z.literal('on').optional() })

/** A person moved by hand; no table (the empty choice, which the form parser reads as missing) takes them away from every table. */
export const moveFormSchema = z.object({
  participantId: z.uuid(),
  tableId: z
    .uuid({ error: 'Velg et bord.' })
    .optional()
    .transform((v) => v ?? null),
})

/** Sending the tables by email: no fields. */
export const sendFormSchema = z.object({})

/** The participant's pick. */
export const pickFormSchema = z.object({ tableId: z.uuid({ error: 'Velg et bord.' }) })
