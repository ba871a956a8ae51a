import { parseWithZod } from '@conform-to/zod/v4'
import { Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormErrorSummary, getFormProps, TextField, useServerForm } from '~/components/form'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { DomainError } from '~/domain/errors'
import { texts } from '~/domain/language'
import { loginCodeFormSchema as schema } from '~/domain/login-form'
import { loginWithCode } from '~/services/login.server'
import { readForm, replyTo } from '~/utils/forms.server'
import { languageOf } from '~/utils/language.server'
import { clearLoginEmailCookieHeader, readLoginEmail } from '~/utils/login-email-cookie.server'
import { sessionCookieHeader } from '~/utils/session.server'

const text = texts({
  nb: {
    heading: 'Sjekk e-posten din',
    ifBefore: 'Hvis ',
    theAddress: 'adressen',
    ifAfter:
      ' hører til en arrangør, en kontaktperson eller en påmeldt deltaker, har vi sendt en innloggingslenke og en kode dit. Klikk på lenken, eller skriv inn koden her.',
    email: 'E-post',
    code: 'Kode',
    codeHint: 'Seks sifre fra e-posten.',
    logIn: 'Logg inn',
    noEmail: 'Fikk du ingen e-post?',
    newLink: 'Be om en ny lenke',
    title: 'Skriv inn koden – Klimasamling',
  },
  nn: {
    heading: 'Sjekk e-posten din',
    ifBefore: 'Viss ',
    theAddress: 'adressa',
    ifAfter:
      ' høyrer til ein arrangør, ein kontaktperson eller ein påmeld deltakar, har vi sendt ei innloggingslenke og ein kode dit. Klikk på lenka, eller skriv inn koden her.',
    email: 'E-post',
    code: 'Kode',
    codeHint: 'Seks siffer frå e-posten.',
    logIn: 'Logg inn',
    noEmail: 'Fekk du ingen e-post?',
    newLink: 'Be om ei ny lenke',
    title: 'Skriv inn koden – Klimasamling',
  },
})

export async function loader({ request, context }: LoaderFunctionArgs) {
  return { email: await readLoginEmail(request, context) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const languageForm = await languageOf(request, context)
  const submission = parseWithZod(await readForm(request), { schema })
  if (submission.status !== 'success') return data(replyTo(submission, languageForm), { status: 400 })
  try {
    const { email, code } = submission.value
    const login = await loginWithCode(context.db, { email, code, clientAddress: context.clientAddress }, context.now())
    const headers = new Headers()
    headers.append('Set-Cookie', await sessionCookieHeader(context, login.sessionToken))
    headers.append('Set-Cookie', await clearLoginEmailCookieHeader(context))
    return redirect(login.returnTo ?? '/min-side', { headers })
  } catch (error) {
    if (error instanceof DomainError && error.code === 'login_code_rate_limited') {
      return data(replyTo(submission, languageForm, { formErrors: [error.messageIn(languageForm)] }), { status: 429 })
    }
    if (error instanceof DomainError) {
      return data(replyTo(submission, languageForm, { fieldErrors: { code: [error.messageIn(languageForm)] } }), { status: 400 })
    }
    throw error
  }
}

export default function LoginCode() {
  const { email } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const submitting = useNavigation().state === 'submitting'
  const t = useTexts(text)
  const [form, fields] = useServerForm<typeof schema>({
    lastResult,
    defaultValue: { email: email ?? '' },
  })
  return (
    <div className="stack form-narrow">
      <Heading level={1} data-size="lg">
        {t.heading}
      </Heading>
      <Paragraph>
        {t.ifBefore}
        {email ? <strong>{email}</strong> : t.theAddress}
        {t.ifAfter}
      </Paragraph>
      <FormErrorSummary form={form} labels={{ email: t.email, code: t.code }} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <TextField field={fields.email} label={t.email} type="email" autoComplete="email" />
        <TextField field={fields.code} label={t.code} description={t.codeHint} inputMode="numeric" autoComplete="one-time-code" />
        <Button type="submit" aria-disabled={submitting || undefined}>
          {t.logIn}
        </Button>
      </Form>
      <Paragraph>
        {t.noEmail}{' '}
        <Link asChild>
          <RemixLink to="/logg-inn">{t.newLink}</RemixLink>
        </Link>
        .
      </Paragraph>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: text[languageFormOfMatches(matches)].title }]
