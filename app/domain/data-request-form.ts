import { z } from 'zod'
import { idField, optionalText, requiredMultilineText } from './forms'
import { bilingual } from './language'

/**
 * The forms of requests about personal data (decision 053), parsed on the
 * server; in a module of their own so the pages import them for their types
 * only and zod stays out of the browser (test/e2e/page-weight.test.ts).
 */

/** "Mine data": ask an event's organisers to correct or delete. */
export const dataRequestFormSchema = z.object({
  idempotencyKey: idField(),
  eventId: idField(bilingual('Velg samlingen forespørselen gjelder.', 'Vel samlinga førespurnaden gjeld.')),
  kind: z.enum(['correction', 'deletion'], { error: bilingual('Velg om du vil rette eller slette.', 'Vel om du vil rette eller slette.') }),
  message: requiredMultilineText({ nb: 'Skriv hva som skal rettes eller slettes.', nn: 'Skriv kva som skal rettast eller slettast.' }, 2000),
})

/** "Personopplysninger": an organiser's answer to one request. */
export const handleDataRequestFormSchema = z.object({
  requestId: idField(),
  outcome: z.enum(['done', 'refused'], { error: bilingual('Velg om forespørselen er utført eller avslått.', 'Vel om førespurnaden er utført eller avslått.') }),
  note: optionalText(2000).transform((v) => v ?? ''),
})
