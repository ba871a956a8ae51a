import { z } from 'zod'
import { emailField, nameField } from './forms'

/** Adding a person to an event's organiser team. */
export const teamAddFormSchema = z.object({
  name: nameField,
  email: emailField,
  role: z.enum(['organiser', 'viewer', 'desk'], { error: 'Velg en rolle.' }),
  languageForm: z.enum(['nb', 'nn'], { error: 'Velg bokmål eller nynorsk.' }),
})

/** Removing a person's role in an event's organiser team. */
export const teamRemoveFormSchema = z.object({ userId: z.uuid(), role: z.enum(['organiser', 'viewer', 'desk']) })
