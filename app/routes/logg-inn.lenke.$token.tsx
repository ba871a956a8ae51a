import { Alert, Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link as RemixLink, useActionData } from '@remix-run/react'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { DomainError } from '~/domain/errors'
import { texts } from '~/domain/language'
import { loginWithLink } from '~/services/login.server'
import { languageOf } from '~/utils/language.server'
import { sessionCookieHeader } from '~/utils/session.server'

const text = texts({
  nb: {
    heading: 'Logg inn på Klimasamling',
    newLink: 'Be om en ny lenke',
    press: 'Trykk på knappen for å logge inn. Lenken virker bare én gang.',
    logIn: 'Logg inn',
    title: 'Logg inn – Klimasamling',
  },
  nn: {
    heading: 'Logg inn på Klimasamling',
    newLink: 'Be om ei ny lenke',
    press: 'Trykk på knappen for å logge inn. Lenka verkar berre éin gong.',
    logIn: 'Logg inn',
    title: 'Logg inn – Klimasamling',
  },
})

// The link only shows a button: opening it changes nothing, so mail scanners that follow links cannot spend it.

export async function action({ request, params, context }: ActionFunctionArgs) {
  try {
    const login = await loginWithLink(context.db, params.token ?? '', context.now())
    return redirect(login.returnTo ?? '/min-side', {
      headers: { 'Set-Cookie': await sessionCookieHeader(context, login.sessionToken) },
    })
  } catch (error) {
    if (error instanceof DomainError) return data({ error: error.messageIn(await languageOf(request, context)) }, { status: 400 })
    throw error
  }
}

export default function LoginLink() {
  const result = useActionData<typeof action>()
  const t = useTexts(text)
  return (
    <div className="stack form-narrow">
      <Heading level={1} data-size="lg">
        {t.heading}
      </Heading>
      {result?.error ? (
        <Alert data-color="danger" role="alert">
          <Paragraph>{result.error}</Paragraph>
          <Paragraph>
            <Link asChild>
              <RemixLink to="/logg-inn">{t.newLink}</RemixLink>
            </Link>
          </Paragraph>
        </Alert>
      ) : (
        <>
          <Paragraph>{t.press}</Paragraph>
          <Form method="post">
            <Button type="submit">{t.logIn}</Button>
          </Form>
        </>
      )}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: text[languageFormOfMatches(matches)].title }]
