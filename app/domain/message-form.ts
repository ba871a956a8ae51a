import { z } from 'zod'
import { requiredMultilineText, requiredText } from './forms'

/** The organiser's message to every participant of an event. */
export const organiserMessageSchema = z.object({
  idempotencyKey: z.uuid(),
  subject: requiredText('emne', 150, { missing: 'Skriv et emne.', tooLong: 'Emnet er for langt (høyst 150 tegn).' }).min(3, 'Skriv et emne.'),
  body: requiredMultilineText('Skriv meldingen.', 10_000, {
    min: 10,
    minMessage: 'Skriv meldingen (minst 10 tegn).',
    tooLong: 'Meldingen er for lang (høyst 10 000 tegn).',
  }),
})

/** "Send på nytt" on one of the event's emails. */
export const emailRetryFormSchema = z.object({ intent: z.literal('retry') })
