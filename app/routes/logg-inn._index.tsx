import { parseWithZod } from '@conform-to/zod/v4'
import { Button, Heading, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormErrorSummary, getFormProps, TextField, useServerForm } from '~/components/form'
import { PrivacyLink } from '~/components/privacy-link'
import { DomainError } from '~/domain/errors'
import { loginFormSchema as schema } from '~/domain/login-form'
import { requestLogin } from '~/services/login.server'
import { loginEmailCookieHeader } from '~/utils/login-email-cookie.server'
import { getUser, safeReturnPath } from '~/utils/session.server'
import { readForm } from '~/utils/forms.server'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const returnTo = safeReturnPath(new URL(request.url).searchParams.get('til'))
  if (await getUser(request, context)) throw redirect(returnTo ?? '/min-side')
  return { returnTo }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const { email, til } = submission.value
  try {
    await requestLogin(
      context.db,
      context.mail,
      {
        email,
        clientAddress: context.clientAddress,
        languageForm: 'nb',
        returnTo: safeReturnPath(til),
      },
      context.now(),
    )
  } catch (error) {
    if (error instanceof DomainError && error.code === 'rate_limited') {
      return data(submission.reply({ formErrors: [error.messageIn('nb')] }), { status: 429 })
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
  const [form, fields] = useServerForm<typeof schema>({
    lastResult,
  })
  return (
    <div className="stack form-narrow">
      <Heading level={1} data-size="lg">
        Logg inn
      </Heading>
      <Paragraph>
        Skriv inn e-postadressen din. Er du arrangør, kontaktperson for en kommune eller påmeldt deltaker, får du en lenke og en kode på e-post som du kan logge
        inn med. De virker i 15 minutter.
      </Paragraph>
      <FormErrorSummary form={form} labels={{ email: 'E-post' }} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <TextField field={fields.email} label="E-post" type="email" autoComplete="email" />
        {returnTo ? <input type="hidden" name="til" value={returnTo} /> : null}
        <PrivacyLink />
        <Button type="submit" aria-disabled={submitting || undefined}>
          {submitting ? 'Sender …' : 'Send meg en innloggingslenke'}
        </Button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Logg inn – Klimasamling' }]
