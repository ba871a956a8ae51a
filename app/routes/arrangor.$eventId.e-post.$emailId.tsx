import { parseWithZod } from '@conform-to/zod/v4'
import { Alert, Button, Heading, Paragraph, Table, Tag } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { OrganiserNav } from '~/components/organiser-nav'
import { formatDateTime } from '~/domain/dates'
import { EMAIL_STATUS_NAMES, emailTemplateName } from '~/domain/email'
import { emailRetryFormSchema as schema } from '~/domain/message-form'
import { getEventEmail, retryEmail } from '~/services/event-mail.server'
import { readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { BackLink } from '~/components/back-link'

/** The query string the page is shown with after "Send på nytt". */
const RETRIED = 'sendt-paa-nytt'

const number = new Intl.NumberFormat('nb-NO', { maximumFractionDigits: 1 })

/** "512 byte", "1,2 kB", "3,4 MB" */
function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} byte`
  if (bytes < 1_000_000) return `${number.format(bytes / 1000)} kB`
  return `${number.format(bytes / 1_000_000)} MB`
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const eventId = idParam(params.eventId)
  const email = await getEventEmail(context.db, { userId: user.id }, eventId, idParam(params.emailId))
  if (!email) notFound()
  return {
    event: { id: eventId, title: email.event_title },
    retried: new URL(request.url).searchParams.has(RETRIED),
    email: {
      id: email.id,
      from: email.from_address,
      to: email.to_addresses.join(', '),
      cc: email.cc_addresses.join(', '),
      replyTo: email.reply_to,
      subject: email.subject,
      template: emailTemplateName(email.template),
      languageForm: email.language_form === 'nn' ? 'Nynorsk' : 'Bokmål',
      status: { value: email.status, ...EMAIL_STATUS_NAMES[email.status] },
      attempts: email.attempts,
      lastError: email.last_error,
      createdAt: formatDateTime(email.created_at),
      nextAttemptAt: email.status === 'queued' ? formatDateTime(email.next_attempt_at) : null,
      sentAt: email.sent_at ? formatDateTime(email.sent_at) : null,
      smtpMessageId: email.smtp_message_id,
      attachments: email.attachments.map((a) => ({ ...a, size: formatSize(a.size) })),
      text: email.text,
      html: email.html,
    },
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const eventId = idParam(params.eventId)
  const emailId = idParam(params.emailId)
  const submission = parseWithZod(await readForm(request), { schema })
  if (submission.status !== 'success') return data({ error: 'Ukjent handling.' }, { status: 400 })
  const outcome = await retryEmail(context.db, { userId: user.id }, eventId, emailId, context.now())
  if (!outcome) notFound()
  if (!outcome.retried) {
    const status = EMAIL_STATUS_NAMES[outcome.status].label
    return data(
      { error: `E-posten ble ikke sendt på nytt, fordi den har status «${status}». Bare e-post som har feilet, kan sendes på nytt.` },
      { status: 409 },
    )
  }
  return redirect(`/arrangor/${eventId}/e-post/${emailId}?${RETRIED}`)
}

export default function EventEmail() {
  const { event, email, retried } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const retrying = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'retry'
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <BackLink to={`/arrangor/${event.id}/e-post`}>Tilbake til all e-post</BackLink>
        <Heading level={1} data-size="lg">
          {email.subject}
        </Heading>
        <Paragraph>
          E-post om {event.title}, slik den ble sendt. <Tag data-color={email.status.color}>{email.status.label}</Tag>
        </Paragraph>
        {retried ? (
          <Alert data-color="success" role="status">
            <Paragraph>E-posten er lagt i kø igjen og sendes om kort tid. Den siste feilen står her til neste forsøk er gjort.</Paragraph>
          </Alert>
        ) : null}
        {actionData?.error ? (
          <Alert data-color="danger" role="alert">
            <Paragraph>{actionData.error}</Paragraph>
          </Alert>
        ) : null}
      </div>

      <section aria-labelledby="detaljer" className="stack">
        <Heading level={2} data-size="md" id="detaljer">
          Avsender, mottakere og status
        </Heading>
        <dl className="facts">
          <dt>Fra</dt>
          <dd>{email.from}</dd>
          <dt>Til</dt>
          <dd>{email.to}</dd>
          <dt>Kopi</dt>
          <dd>{email.cc || 'Ingen'}</dd>
          <dt>Svar til</dt>
          <dd>{email.replyTo ?? 'Avsenderen'}</dd>
          <dt>Emne</dt>
          <dd>{email.subject}</dd>
          <dt>Mal</dt>
          <dd>
            {email.template} ({email.languageForm.toLowerCase()})
          </dd>
          <dt>Lagt i kø</dt>
          <dd>{email.createdAt}</dd>
          <dt>Status</dt>
          <dd>{email.status.label}</dd>
          <dt>Forsøk</dt>
          <dd>{email.attempts}</dd>
          {email.nextAttemptAt ? (
            <>
              <dt>Neste forsøk</dt>
              <dd>{email.nextAttemptAt}</dd>
            </>
          ) : null}
          <dt>Siste feil</dt>
          <dd>{email.lastError ?? 'Ingen'}</dd>
          <dt>Sendt</dt>
          <dd>{email.sentAt ?? 'Ikke sendt'}</dd>
          <dt>SMTP-meldings-ID</dt>
          <dd>{email.smtpMessageId ?? 'Ingen'}</dd>
        </dl>
        {email.status.value === 'failed' ? (
          <Form method="post">
            <input type="hidden" name="intent" value="retry" />
            <Button type="submit" aria-disabled={retrying || undefined}>
              {retrying ? 'Sender …' : 'Send på nytt'}
            </Button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="vedlegg" className="stack">
        <Heading level={2} data-size="md" id="vedlegg">
          Vedlegg
        </Heading>
        {email.attachments.length === 0 ? (
          <Paragraph>Ingen vedlegg.</Paragraph>
        ) : (
          <Table>
            <caption className="visually-hidden">Vedlegg til e-posten</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>Navn</Table.HeaderCell>
                <Table.HeaderCell>Type</Table.HeaderCell>
                <Table.HeaderCell>Størrelse</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {email.attachments.map((a, i) => (
                // Two attachments may share a name.
                // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed once sent
                <Table.Row key={i}>
                  <Table.Cell>{a.filename}</Table.Cell>
                  <Table.Cell>{a.contentType}</Table.Cell>
                  <Table.Cell>{a.size}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </section>

      <section aria-labelledby="tekst" className="stack">
        <Heading level={2} data-size="md" id="tekst">
          Ren tekst
        </Heading>
        <pre style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 }}>{email.text}</pre>
      </section>

      <section aria-labelledby="html" className="stack">
        <Heading level={2} data-size="md" id="html">
          HTML
        </Heading>
        <Paragraph>Slik e-posten ser ut i et e-postprogram som viser HTML. Lenkene i den virker ikke her.</Paragraph>
        {/* An empty sandbox: no scripts, no forms, no navigation, and a unique origin, so what the email holds cannot touch the page. */}
        <iframe
          title={`E-posten «${email.subject}» som HTML`}
          sandbox=""
          srcDoc={email.html}
          style={{ width: '100%', minHeight: '30rem', border: '1px solid var(--ds-color-neutral-border-default)' }}
        />
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.email.subject} – E-post – ${data.event.title} – Klimasamling` : 'Klimasamling' },
]
