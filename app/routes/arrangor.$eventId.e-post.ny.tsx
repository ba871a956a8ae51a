import { useLanguageForm } from '~/components/language'
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
import { readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { BackLink } from '~/components/back-link'

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
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const queued = await sendOrganiserMessage(context.db, context.mail, { userId: user.id }, eventId, submission.value, context.now())
  if (queued === null) notFound()
  return redirect(`/arrangor/${eventId}/e-post?melding=${queued}`)
}

export default function WriteToParticipants() {
  const languageForm = useLanguageForm()
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
          Skriv til deltakerne
        </Heading>
        <Paragraph>
          Meldingen går til alle {recipients} påmeldte deltakere på {event.title}, hver med kontaktpersonen i sin kommune i kopi. Svar kommer til arrangementets
          svaradresse. Emnet starter med arrangementets navn.
        </Paragraph>
        <BackLink to={`/arrangor/${event.id}/e-post`}>Tilbake til e-post</BackLink>
      </div>
      <FormErrorSummary form={form} labels={organiserMessageLabels[languageForm]} />
      <Form method="post" {...getFormProps(form)} className="stack form-wide">
        <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
        <TextField field={fields.subject} label={organiserMessageLabels[languageForm].subject} />
        <TextAreaField
          field={fields.body}
          label={organiserMessageLabels[languageForm].body}
          rows={10}
          description="En tom linje skiller avsnitt. Hilsen med ditt navn legges til nederst."
        />
        <div>
          <Button type="submit" aria-disabled={submitting || recipients === 0 || undefined}>
            {submitting ? 'Legger i kø …' : `Send til ${recipients} deltakere`}
          </Button>
        </div>
      </Form>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Skriv til deltakerne – ${data.event.title} – Klimasamling` : 'Klimasamling' }]
