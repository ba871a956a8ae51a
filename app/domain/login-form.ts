import { z } from 'zod'
import { emailField } from './forms'
import { bilingual } from './language'

/** The login form: the email address, and where to go after logging in. */
export const loginFormSchema = z.object({
  email: emailField,
  til: z.string({ error: bilingual('Adressen å gå til etter innloggingen er ugyldig.', 'Adressa å gå til etter innlogginga er ugyldig.') }).optional(),
})

/** The login code form: the address the code went to, and the six digits (spaces allowed). */
export const loginCodeFormSchema = z.object({
  email: emailField,
  code: z
    .string({ error: bilingual('Skriv inn koden fra e-posten.', 'Skriv inn koden frå e-posten.') })
    .trim()
    .transform((code) => code.replaceAll(' ', ''))
    .pipe(z.string().regex(/^\d{6}$/, bilingual('Koden er seks sifre, for eksempel 123456.', 'Koden er seks siffer, til dømes 123456.'))),
})
