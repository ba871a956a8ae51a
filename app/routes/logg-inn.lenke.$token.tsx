import { Alert, Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link as RemixLink, useActionData } from '@remix-run/react'
import { DomainError } from '~/domain/errors'
import { loginWithLink } from '~/services/login.server'
import { sessionCookieHeader } from '~/utils/session.server'

// The link only shows a button: opening it changes nothing, so mail scanners that follow links cannot spend it.

export async function action({ params, context }: ActionFunctionArgs) {
  try {
    const login = await loginWithLink(context.db, params.token ?? '', context.now())
    return redirect(login.returnTo ?? '/min-side', {
      headers: { 'Set-Cookie': await sessionCookieHeader(context, login.sessionToken) },
    })
  } catch (error) {
    if (error instanceof DomainError) return data({ error: error.messageIn('nb') }, { status: 400 })
    throw error
  }
}

export default function LoginLink() {
  const result = useActionData<typeof action>()
  return (
    <div className="stack form-narrow">
      <Heading level={1} data-size="lg">
        Logg inn på Klimasamling
      </Heading>
      {result?.error ? (
        <Alert data-color="danger" role="alert">
          <Paragraph>{result.error}</Paragraph>
          <Paragraph>
            <Link asChild>
              <RemixLink to="/logg-inn">Be om en ny lenke</RemixLink>
            </Link>
          </Paragraph>
        </Alert>
      ) : (
        <>
          <Paragraph>Trykk på knappen for å logge inn. Lenken virker bare én gang.</Paragraph>
          <Form method="post">
            <Button type="submit">Logg inn</Button>
          </Form>
        </>
      )}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Logg inn – Klimasamling' }]
