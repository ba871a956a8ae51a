import { parseWithZod } from '@conform-to/zod/v4'
import { Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormErrorSummary, getFormProps, TextField, useServerForm } from '~/components/form'
import { DomainError } from '~/domain/errors'
import { loginCodeFormSchema as schema } from '~/domain/login-form'
import { loginWithCode } from '~/services/login.server'
import { clearLoginEmailCookieHeader, readLoginEmail } from '~/utils/login-email-cookie.server'
import { sessionCookieHeader } from '~/utils/session.server'
import { readForm } from '~/utils/forms.server'

export async function loader({ request, context }: LoaderFunctionArgs) {
  return { email: await readLoginEmail(request, context) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    const { email, code } = submission.value
    const login = await loginWithCode(context.db, { email, code, clientAddress: context.clientAddress }, context.now())
    const headers = new Headers()
    headers.append('Set-Cookie', await sessionCookieHeader(context, login.sessionToken))
    headers.append('Set-Cookie', await clearLoginEmailCookieHeader(context))
    return redirect(login.returnTo ?? '/min-side', { headers })
  } catch (error) {
    if (error instanceof DomainError && error.code === 'login_code_rate_limited') {
      return data(submission.reply({ formErrors: [error.messageIn('nb')] }), { status: 429 })
    }
    if (error instanceof DomainError) {
      return data(submission.reply({ fieldErrors: { code: [error.messageIn('nb')] } }), { status: 400 })
    }
    throw error
  }
}

export default function LoginCode() {
  const { email } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const submitting = useNavigation().state === 'submitting'
  const [form, fields] = useServerForm<typeof schema>({
    lastResult,
    defaultValue: { email: email ?? '' },
  })
  return (
    <div className="stack form-narrow">
      <Heading level={1} data-size="lg">
        Sjekk e-posten din
      </Heading>
      <Paragraph>
        Hvis {email ? <strong>{email}</strong> : 'adressen'} hører til en arrangør, en kontaktperson eller en påmeldt deltaker, har vi sendt en innloggingslenke
        og en kode dit. Klikk på lenken, eller skriv inn koden her.
      </Paragraph>
      <FormErrorSummary form={form} labels={{ email: 'E-post', code: 'Kode' }} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <TextField field={fields.email} label="E-post" type="email" autoComplete="email" />
        <TextField field={fields.code} label="Kode" description="Seks sifre fra e-posten." inputMode="numeric" autoComplete="one-time-code" />
        <Button type="submit" aria-disabled={submitting || undefined}>
          Logg inn
        </Button>
      </Form>
      <Paragraph>
        Fikk du ingen e-post?{' '}
        <Link asChild>
          <RemixLink to="/logg-inn">Be om en ny lenke</RemixLink>
        </Link>
        .
      </Paragraph>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Skriv inn koden – Klimasamling' }]
