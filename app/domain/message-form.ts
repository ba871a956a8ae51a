import { z } from 'zod'
import { idField, requiredMultilineText, requiredText } from './forms'
import { bilingual } from './language'

const SUBJECT_MISSING = { nb: 'Skriv et emne.', nn: 'Skriv eit emne.' }

/** The organiser's message to every participant of an event. */
export const organiserMessageSchema = z.object({
  idempotencyKey: idField(),
  subject: requiredText(SUBJECT_MISSING, 150, { tooLong: { nb: 'Emnet er for langt (høyst 150 tegn).', nn: 'Emnet er for langt (høgst 150 teikn).' } }).min(
    3,
    bilingual(SUBJECT_MISSING.nb, SUBJECT_MISSING.nn),
  ),
  body: requiredMultilineText({ nb: 'Skriv meldingen.', nn: 'Skriv meldinga.' }, 10_000, {
    min: 10,
    minMessage: { nb: 'Skriv meldingen (minst 10 tegn).', nn: 'Skriv meldinga (minst 10 teikn).' },
    tooLong: { nb: 'Meldingen er for lang (høyst 10 000 tegn).', nn: 'Meldinga er for lang (høgst 10 000 teikn).' },
  }),
})

/** "Send på nytt" on one of the event's emails. */
export const emailRetryFormSchema = z.object({
  intent: z.literal('retry', { error: bilingual('Ukjent handling. Last inn siden på nytt.', 'Ukjend handling. Last inn sida på nytt.') }),
})
