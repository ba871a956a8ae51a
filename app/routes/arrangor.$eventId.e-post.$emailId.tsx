import { parseWithZod } from '@conform-to/zod/v4'
import { Alert, Button, Heading, Paragraph, Table, Tag } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { OrganiserNav } from '~/components/organiser-nav'
import { formatDateTime } from '~/domain/dates'
import { emailStatusName, emailTemplateName } from '~/domain/email'
import { emailRetryFormSchema as schema } from '~/domain/message-form'
import { getEventEmail, retryEmail } from '~/services/event-mail.server'
import { readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { BackLink } from '~/components/back-link'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { LANGUAGE_FORM_NAMES, texts } from '~/domain/language'
import { languageOf } from '~/utils/language.server'

const text = texts({
  nb: {
    title: (subject: string, event: string) => `${subject} – E-post – ${event} – Klimasamling`,
    unknownIntent: 'Ukjent handling.',
    notRetried: (status: string) => `E-posten ble ikke sendt på nytt, fordi den har status «${status}». Bare e-post som har feilet, kan sendes på nytt.`,
    back: 'Tilbake til all e-post',
    about: (event: string) => `E-post om ${event}, slik den ble sendt.`,
    retried: 'E-posten er lagt i kø igjen og sendes om kort tid. Den siste feilen står her til neste forsøk er gjort.',
    details: 'Avsender, mottakere og status',
    from: 'Fra',
    to: 'Til',
    cc: 'Kopi',
    none: 'Ingen',
    replyTo: 'Svar til',
    sender: 'Avsenderen',
    subject: 'Emne',
    template: 'Mal',
    queuedAt: 'Lagt i kø',
    status: 'Status',
    attempts: 'Forsøk',
    nextAttempt: 'Neste forsøk',
    lastError: 'Siste feil',
    sent: 'Sendt',
    notSent: 'Ikke sendt',
    messageId: 'SMTP-meldings-ID',
    sending: 'Sender …',
    retry: 'Send på nytt',
    attachments: 'Vedlegg',
    noAttachments: 'Ingen vedlegg.',
    attachmentsCaption: 'Vedlegg til e-posten',
    name: 'Navn',
    type: 'Type',
    size: 'Størrelse',
    plainText: 'Ren tekst',
    html: 'HTML',
    htmlIntro: 'Slik e-posten ser ut i et e-postprogram som viser HTML. Lenkene i den virker ikke her.',
    htmlTitle: (subject: string) => `E-posten «${subject}» som HTML`,
  },
  nn: {
    title: (subject: string, event: string) => `${subject} – E-post – ${event} – Klimasamling`,
    unknownIntent: 'Ukjend handling.',
    notRetried: (status: string) => `E-posten vart ikkje sendt på nytt, fordi han har status «${status}». Berre e-post som har feila, kan sendast på nytt.`,
    back: 'Tilbake til all e-post',
    about: (event: string) => `E-post om ${event}, slik han vart sendt.`,
    retried: 'E-posten er lagd i kø igjen og blir sendt om kort tid. Den siste feilen står her til neste forsøk er gjort.',
    details: 'Avsendar, mottakarar og status',
    from: 'Frå',
    to: 'Til',
    cc: 'Kopi',
    none: 'Ingen',
    replyTo: 'Svar til',
    sender: 'Avsendaren',
    subject: 'Emne',
    template: 'Mal',
    queuedAt: 'Lagd i kø',
    status: 'Status',
    attempts: 'Forsøk',
    nextAttempt: 'Neste forsøk',
    lastError: 'Siste feil',
    sent: 'Sendt',
    notSent: 'Ikkje sendt',
    messageId: 'SMTP-meldings-ID',
    sending: 'Sender …',
    retry: 'Send på nytt',
    attachments: 'Vedlegg',
    noAttachments: 'Ingen vedlegg.',
    attachmentsCaption: 'Vedlegg til e-posten',
    name: 'Namn',
    type: 'Type',
    size: 'Storleik',
    plainText: 'Rein tekst',
    html: 'HTML',
    htmlIntro: 'Slik e-posten ser ut i eit e-postprogram som viser HTML. Lenkene i han verkar ikkje her.',
    htmlTitle: (subject: string) => `E-posten «${subject}» som HTML`,
  },
})

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
  const languageForm = await languageOf(request, context)
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
      template: emailTemplateName(email.template, languageForm),
      languageForm: LANGUAGE_FORM_NAMES[email.language_form === 'nn' ? 'nn' : 'nb'],
      status: { value: email.status, ...emailStatusName(email.status, languageForm) },
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
  const languageForm = await languageOf(request, context)
  const t = text[languageForm]
  const submission = parseWithZod(await readForm(request), { schema })
  if (submission.status !== 'success') return data({ error: t.unknownIntent }, { status: 400 })
  const outcome = await retryEmail(context.db, { userId: user.id }, eventId, emailId, context.now())
  if (!outcome) notFound()
  if (!outcome.retried) {
    return data({ error: t.notRetried(emailStatusName(outcome.status, languageForm).label) }, { status: 409 })
  }
  return redirect(`/arrangor/${eventId}/e-post/${emailId}?${RETRIED}`)
}

export default function EventEmail() {
  const { event, email, retried } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const retrying = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'retry'
  const t = useTexts(text)
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <BackLink to={`/arrangor/${event.id}/e-post`}>{t.back}</BackLink>
        <Heading level={1} data-size="lg">
          {email.subject}
        </Heading>
        <Paragraph>
          {t.about(event.title)} <Tag data-color={email.status.color}>{email.status.label}</Tag>
        </Paragraph>
        {retried ? (
          <Alert data-color="success" role="status">
            <Paragraph>{t.retried}</Paragraph>
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
          {t.details}
        </Heading>
        <dl className="facts">
          <dt>{t.from}</dt>
          <dd>{email.from}</dd>
          <dt>{t.to}</dt>
          <dd>{email.to}</dd>
          <dt>{t.cc}</dt>
          <dd>{email.cc || t.none}</dd>
          <dt>{t.replyTo}</dt>
          <dd>{email.replyTo ?? t.sender}</dd>
          <dt>{t.subject}</dt>
          <dd>{email.subject}</dd>
          <dt>{t.template}</dt>
          <dd>
            {email.template} ({email.languageForm.toLowerCase()})
          </dd>
          <dt>{t.queuedAt}</dt>
          <dd>{email.createdAt}</dd>
          <dt>{t.status}</dt>
          <dd>{email.status.label}</dd>
          <dt>{t.attempts}</dt>
          <dd>{email.attempts}</dd>
          {email.nextAttemptAt ? (
            <>
              <dt>{t.nextAttempt}</dt>
              <dd>{email.nextAttemptAt}</dd>
            </>
          ) : null}
          <dt>{t.lastError}</dt>
          <dd>{email.lastError ?? t.none}</dd>
          <dt>{t.sent}</dt>
          <dd>{email.sentAt ?? t.notSent}</dd>
          <dt>{t.messageId}</dt>
          <dd>{email.smtpMessageId ?? t.none}</dd>
        </dl>
        {email.status.value === 'failed' ? (
          <Form method="post">
            <input type="hidden" name="intent" value="retry" />
            <Button type="submit" aria-disabled={retrying || undefined}>
              {retrying ? t.sending : t.retry}
            </Button>
          </Form>
        ) : null}
      </section>

      <section aria-labelledby="vedlegg" className="stack">
        <Heading level={2} data-size="md" id="vedlegg">
          {t.attachments}
        </Heading>
        {email.attachments.length === 0 ? (
          <Paragraph>{t.noAttachments}</Paragraph>
        ) : (
          <Table>
            <caption className="visually-hidden">{t.attachmentsCaption}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t.name}</Table.HeaderCell>
                <Table.HeaderCell>{t.type}</Table.HeaderCell>
                <Table.HeaderCell>{t.size}</Table.HeaderCell>
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
          {t.plainText}
        </Heading>
        <pre style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0 }}>{email.text}</pre>
      </section>

      <section aria-labelledby="html" className="stack">
        <Heading level={2} data-size="md" id="html">
          {t.html}
        </Heading>
        <Paragraph>{t.htmlIntro}</Paragraph>
        {/* An empty sandbox: no scripts, no forms, no navigation, and a unique origin, so what the email holds cannot touch the page. */}
        <iframe
          title={t.htmlTitle(email.subject)}
          sandbox=""
          srcDoc={email.html}
          style={{ width: '100%', minHeight: '30rem', border: '1px solid var(--ds-color-neutral-border-default)' }}
        />
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.email.subject, data.event.title) : 'Klimasamling' },
]
