import { z } from 'zod'

/** The organiser's message to every participant of an event. */
export const organiserMessageSchema = z.object({
  idempotencyKey: z.uuid(),
  subject: z.string({ error: 'Skriv et emne.' }).trim().min(3, 'Skriv et emne.').max(150, 'Emnet er for langt (høyst 150 tegn).'),
  body: z.string({ error: 'Skriv meldingen.' }).trim().min(10, 'Skriv meldingen (minst 10 tegn).').max(10_000, 'Meldingen er for lang (høyst 10 000 tegn).'),
})

export const organiserMessageLabels = { subject: 'Emne', body: 'Melding' }
