import { parseWithZod } from '@conform-to/zod/v4'
import { Button, Heading, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormErrorSummary, getFormProps, TextField, useServerForm } from '~/components/form'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { PrivacyLink } from '~/components/privacy-link'
import { DomainError } from '~/domain/errors'
import { texts } from '~/domain/language'
import { loginFormSchema as schema } from '~/domain/login-form'
import { requestLogin } from '~/services/login.server'
import { readForm, replyTo } from '~/utils/forms.server'
import { languageOf } from '~/utils/language.server'
import { loginEmailCookieHeader } from '~/utils/login-email-cookie.server'
import { getUser, safeReturnPath } from '~/utils/session.server'

const text = texts({
  nb: {
    heading: 'Logg inn',
    intro:
      'Skriv inn e-postadressen din. Er du arrangør, kontaktperson for en kommune eller påmeldt deltaker, får du en lenke og en kode på e-post som du kan logge inn med. De virker i 15 minutter.',
    email: 'E-post',
    sending: 'Sender …',
    send: 'Send meg en innloggingslenke',
    title: 'Logg inn – Klimasamling',
  },
  nn: {
    heading: 'Logg inn',
    intro:
      'Skriv inn e-postadressa di. Er du arrangør, kontaktperson for ein kommune eller påmeld deltakar, får du ei lenke og ein kode på e-post som du kan logge inn med. Dei verkar i 15 minutt.',
    email: 'E-post',
    sending: 'Sender …',
    send: 'Send meg ei innloggingslenke',
    title: 'Logg inn – Klimasamling',
  },
})

export async function loader({ request, context }: LoaderFunctionArgs) {
  const returnTo = safeReturnPath(new URL(request.url).searchParams.get('til'))
  if (await getUser(request, context)) throw redirect(returnTo ?? '/min-side')
  return { returnTo }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const languageForm = await languageOf(request, context)
  const submission = parseWithZod(await readForm(request), { schema })
  if (submission.status !== 'success') return data(replyTo(submission, languageForm), { status: 400 })
  const { email, til } = submission.value
  try {
    await requestLogin(
      context.db,
      context.mail,
      {
        email,
        clientAddress: context.clientAddress,
        languageForm,
        returnTo: safeReturnPath(til),
      },
      context.now(),
    )
  } catch (error) {
    if (error instanceof DomainError && error.code === 'rate_limited') {
      return data(replyTo(submission, languageForm, { formErrors: [error.messageIn(languageForm)] }), { status: 429 })
    }
    throw error
  }
  // The same answer whether or not the email is known.
  return redirect('/logg-inn/kode', { headers: { 'Set-Cookie': await loginEmailCookieHeader(context, email) } })
}

export default function Login() {
  const { returnTo } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const submitting = useNavigation().state === 'submitting'
  const t = useTexts(text)
  const [form, fields] = useServerForm<typeof schema>({
    lastResult,
  })
  return (
    <div className="stack form-narrow">
      <Heading level={1} data-size="lg">
        {t.heading}
      </Heading>
      <Paragraph>{t.intro}</Paragraph>
      <FormErrorSummary form={form} labels={{ email: t.email }} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <TextField field={fields.email} label={t.email} type="email" autoComplete="email" />
        {returnTo ? <input type="hidden" name="til" value={returnTo} /> : null}
        <PrivacyLink />
        <Button type="submit" aria-disabled={submitting || undefined}>
          {submitting ? t.sending : t.send}
        </Button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: text[languageFormOfMatches(matches)].title }]
