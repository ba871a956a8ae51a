import { z } from 'zod'
import { emailField, idField, nameField } from './forms'
import { bilingual } from './language'

/** Adding a person to an event's organiser team. */
export const teamAddFormSchema = z.object({
  name: nameField,
  email: emailField,
  role: z.enum(['organiser', 'viewer', 'desk'], { error: bilingual('Velg en rolle.', 'Vel ei rolle.') }),
  languageForm: z.enum(['nb', 'nn'], { error: bilingual('Velg bokmål eller nynorsk.', 'Vel bokmål eller nynorsk.') }),
})

/** Removing a person's role in an event's organiser team. */
export const teamRemoveFormSchema = z.object({
  userId: idField(),
  role: z.enum(['organiser', 'viewer', 'desk'], { error: bilingual('Velg en rolle.', 'Vel ei rolle.') }),
})
