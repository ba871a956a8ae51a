import { parseWithZod } from '@conform-to/zod/v4'
import { Heading, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { EventForm } from '~/components/event-form'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { DomainError } from '~/domain/errors'
import { eventFormSchema } from '~/domain/event-form'
import { newEventFormValues } from '~/domain/event-form-values'
import { texts } from '~/domain/language'
import { createEvent, isOrganiser, listCounties } from '~/services/event-setup.server'
import { notFound } from '~/utils/http.server'
import { readForm, replyTo } from '~/utils/forms.server'
import { languageOf } from '~/utils/language.server'
import { requireUser } from '~/utils/session.server'

const text = texts({
  nb: {
    title: 'Nytt arrangement – Klimasamling',
    heading: 'Nytt arrangement',
    intro: 'Når arrangementet er lagret, inviteres alle kommunene i fylket. Dager, netter og program legger du inn etterpå.',
    submit: 'Lag arrangementet',
  },
  nn: {
    title: 'Nytt arrangement – Klimasamling',
    heading: 'Nytt arrangement',
    intro: 'Når arrangementet er lagra, blir alle kommunane i fylket inviterte. Dagar, netter og program legg du inn etterpå.',
    submit: 'Lag arrangementet',
  },
})

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  if (!(await isOrganiser(context.db, user.id))) notFound()
  return { counties: await listCounties(context.db) }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const languageForm = await languageOf(request, context)
  const submission = parseWithZod(await readForm(request), { schema: eventFormSchema })
  if (submission.status !== 'success') return data(replyTo(submission, languageForm), { status: 400 })
  try {
    const created = await createEvent(context.db, { userId: user.id }, submission.value, context.now())
    if (!created) notFound()
    return redirect(`/arrangor/${created.id}?lagret=1`)
  } catch (error) {
    if (error instanceof DomainError) {
      return data(replyTo(submission, languageForm, { fieldErrors: { [error.field ?? 'title']: [error.messageIn(languageForm)] } }), { status: 409 })
    }
    throw error
  }
}

export default function NewEvent() {
  const { counties } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const t = useTexts(text)
  return (
    <div className="stack-lg">
      <div className="stack">
        <Heading level={1} data-size="lg">
          {t.heading}
        </Heading>
        <Paragraph>{t.intro}</Paragraph>
      </div>
      <EventForm lastResult={lastResult} defaultValue={newEventFormValues} counties={counties} submitLabel={t.submit} />
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: text[languageFormOfMatches(matches)].title }]
