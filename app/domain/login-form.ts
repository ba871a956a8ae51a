import { z } from 'zod'
import { emailField } from './forms'

/** The login form: the email address, and where to go after logging in. */
export const loginFormSchema = z.object({ email: emailField, til: z.string().optional() })

/** The login code form: the address the code went to, and the six digits (spaces allowed). */
export const loginCodeFormSchema = z.object({
  email: emailField,
  code: z
    .string({ error: 'Skriv inn koden fra e-posten.' })
    .trim()
    .transform((code) => code.replaceAll(' ', ''))
    .pipe(z.string().regex(/^\d{6}$/, 'Koden er seks sifre, for eksempel 123456.')),
})
