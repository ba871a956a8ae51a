import { z } from 'zod'
import { emailField } from './forms'
import { bilingual } from './language'
import { LANGUAGE_CHOICES } from './municipality-register'

/** The organiser's correction of a municipality in the register. */
export const municipalityFormSchema = z.object({
  officialEmail: emailField,
  languageChoice: z.enum(LANGUAGE_CHOICES, {
    error: bilingual('Velg målform: bokmål, nynorsk eller språknøytral.', 'Vel målform: bokmål, nynorsk eller språknøytral.'),
  }),
})

/** A municipality's id in a URL: a positive whole number, or nothing. */
export const municipalityIdParam = z.coerce.number().int().positive().max(2_147_483_647)
