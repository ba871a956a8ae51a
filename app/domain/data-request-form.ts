import { z } from 'zod'
import { optionalText, requiredMultilineText } from './forms'

/**
 * The forms of requests about personal data (decision 053), parsed on the
 * server; in a module of their own so the pages import them for their types
 * only and zod stays out of the browser (test/e2e/page-weight.test.ts).
 */

/** "Mine data": ask an event's organisers to correct or delete. */
export const dataRequestFormSchema = z.object({
  idempotencyKey: z.uuid(),
  eventId: z.uuid({ error: 'Velg samlingen forespørselen gjelder.' }),
  kind: z.enum(['correction', 'deletion'], { error: 'Velg om du vil rette eller slette.' }),
  message: requiredMultilineText('Skriv hva som skal rettes eller slettes.', 2000),
})

/** "Personopplysninger": an organiser's answer to one request. */
export const handleDataRequestFormSchema = z.object({
  requestId: z.uuid(),
  outcome: z.enum(['done', 'refused'], { error: 'Velg om forespørselen er utført eller avslått.' }),
  note: optionalText(2000).transform((v) => v ?? ''),
})
