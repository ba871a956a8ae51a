import { z } from 'zod'

/**
 * Form fields used by more than one form, with their Norwegian messages.
 * Parsed on the server, which is the truth; the browser runs the same schema
 * as a courtesy.
 */
export const emailField = z
  .string({ error: 'Skriv inn e-postadressen.' })
  .trim()
  .min(1, 'Skriv inn e-postadressen.')
  .max(254, 'E-postadressen er for lang.')
  .pipe(z.email({ error: 'Skriv inn en gyldig e-postadresse, for eksempel navn@kommune.no.' }))
  .transform((email) => email.toLowerCase())

export const personSchema = z.object({
  name: z
    .string({ error: 'Skriv inn navnet.' })
    .trim()
    .min(2, 'Skriv inn hele navnet.')
    .max(200, 'Navnet er for langt.'),
  email: emailField,
  phone: z
    .string()
    .trim()
    .max(30, 'Telefonnummeret er for langt.')
    .regex(/^\+?[0-9 ]{8,}$/, 'Skriv inn et telefonnummer med minst 8 sifre, for eksempel 912 34 567.')
    .optional(),
  title: z.string().trim().max(200, 'Stillingstittelen er for lang.').optional(),
})

export type PersonForm = z.infer<typeof personSchema>

export const personFieldLabels = {
  name: 'Navn',
  email: 'E-post',
  phone: 'Telefon',
  title: 'Stilling',
}

/** Ids in URLs are UUIDs; anything else names nothing. */
export const uuidParam = z.uuid()
