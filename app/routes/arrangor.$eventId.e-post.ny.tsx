import { languageFormOfMatches, useLanguageForm } from '~/components/language'
import { randomUUID } from 'node:crypto'
import { parseWithZod } from '@conform-to/zod/v4'
import { Button, Heading, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormErrorSummary, getFormProps, TextAreaField, TextField, useServerForm } from '~/components/form'
import { OrganiserNav } from '~/components/organiser-nav'
import { organiserMessageLabels } from '~/domain/form-labels'
import { organiserMessageSchema } from '~/domain/message-form'
import { getMessageRecipients, sendOrganiserMessage } from '~/services/event-mail.server'
import { readForm, replyTo } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { BackLink } from '~/components/back-link'
import { texts } from '~/domain/language'
import { languageOf } from '~/utils/language.server'

const text = texts({
  nb: {
    title: (event: string) => `Skriv til deltakerne – ${event} – Klimasamling`,
    heading: 'Skriv til deltakerne',
    intro: (recipients: number, event: string) =>
      `Meldingen går til alle ${recipients} påmeldte deltakere på ${event}, hver med kontaktpersonen i sin kommune i kopi. Svar kommer til arrangementets svaradresse. Emnet starter med arrangementets navn.`,
    back: 'Tilbake til e-post',
    bodyDescription: 'En tom linje skiller avsnitt. Hilsen med ditt navn legges til nederst.',
    queueing: 'Legger i kø …',
    send: (recipients: number) => `Send til ${recipients} deltakere`,
  },
  nn: {
    title: (event: string) => `Skriv til deltakarane – ${event} – Klimasamling`,
    heading: 'Skriv til deltakarane',
    intro: (recipients: number, event: string) =>
      `Meldinga går til alle dei ${recipients} påmelde deltakarane på ${event}, kvar med kontaktpersonen i kommunen sin i kopi. Svar kjem til svaradressa til arrangementet. Emnet byrjar med namnet på arrangementet.`,
    back: 'Tilbake til e-post',
    bodyDescription: 'Ei tom linje skil avsnitt. Helsing med namnet ditt blir lagd til nedst.',
    queueing: 'Legg i kø …',
    send: (recipients: number) => `Send til ${recipients} deltakarar`,
  },
})

/** The organiser writes to every registered participant of the event, their contact persons in copy. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const found = await getMessageRecipients(context.db, { userId: user.id }, idParam(params.eventId))
  if (!found) notFound()
  const { event, recipients } = found
  return {
    event: { id: event.id, title: event.title },
    recipients,
    idempotencyKey: randomUUID(),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const eventId = idParam(params.eventId)
  const submission = parseWithZod(await readForm(request), { schema: organiserMessageSchema })
  if (submission.status !== 'success') return data(replyTo(submission, await languageOf(request, context)), { status: 400 })
  const queued = await sendOrganiserMessage(context.db, context.mail, { userId: user.id }, eventId, submission.value, context.now())
  if (queued === null) notFound()
  return redirect(`/arrangor/${eventId}/e-post?melding=${queued}`)
}

export default function WriteToParticipants() {
  const languageForm = useLanguageForm()
  const t = text[languageForm]
  const { event, recipients, idempotencyKey } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const submitting = useNavigation().state === 'submitting'
  const [form, fields] = useServerForm<typeof organiserMessageSchema>({
    lastResult,
    defaultValue: { idempotencyKey },
  })
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          {t.heading}
        </Heading>
        <Paragraph>{t.intro(recipients, event.title)}</Paragraph>
        <BackLink to={`/arrangor/${event.id}/e-post`}>{t.back}</BackLink>
      </div>
      <FormErrorSummary form={form} labels={organiserMessageLabels[languageForm]} />
      <Form method="post" {...getFormProps(form)} className="stack form-wide">
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <TextField field={fields.subject} label={organiserMessageLabels[languageForm].subject} />
        <TextAreaField field={fields.body} label={organiserMessageLabels[languageForm].body} rows={10} description={t.bodyDescription} />
        <div>
          <Button type="submit" aria-disabled={submitting || recipients === 0 || undefined}>
            {submitting ? t.queueing : t.send(recipients)}
          </Button>
        </div>
      </Form>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.event.title) : 'Klimasamling' },
]
