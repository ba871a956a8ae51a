import { Button, Heading, Paragraph, Table } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { enqueueTestMessage } from '~/services/outbox.server'
import { formatDateTime } from '~/domain/dates'
import { listWrittenMail } from '~/utils/mail.server'

const TEST_RECIPIENT = 'utvikler@example.no'

/** Development only: the messages written to MAIL_DIR when no SMTP_URL is set, newest first. */
export async function loader({ context }: LoaderFunctionArgs) {
  if (context.env.nodeEnv === 'production') throw new Response('Fant ikke siden', { status: 404 })
  const messages = await listWrittenMail(context.env.mailDir)
  return {
    smtp: Boolean(context.env.smtpUrl),
    mailDir: context.env.mailDir,
    messages: messages.map((m) => ({
      file: m.file,
      subject: m.subject,
      to: m.to,
      cc: m.cc,
      date: m.date ? formatDateTime(m.date) : '',
    })),
  }
}

/** Queues a test message, which the mail worker sends through the configured transport: a check of the mail settings. */
export async function action({ context }: ActionFunctionArgs) {
  if (context.env.nodeEnv === 'production') throw new Response('Fant ikke siden', { status: 404 })
  await enqueueTestMessage(context.db, context.mail, TEST_RECIPIENT, context.now())
  return redirect('/dev/mail')
}

export default function DevMail() {
  const { messages, smtp, mailDir } = useLoaderData<typeof loader>()
  const sending = useNavigation().state === 'submitting'
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        Utgående e-post (utvikling)
      </Heading>
      <Paragraph>
        {smtp
          ? 'SMTP_URL er satt, så e-post sendes over SMTP. Her vises bare det som ble skrevet til fil før det.'
          : `SMTP_URL er ikke satt, så e-post skrives som .eml-filer i ${mailDir}.`}
      </Paragraph>
      <Form method="post">
        <Button type="submit" variant="secondary" aria-disabled={sending || undefined}>
          {sending ? 'Sender …' : `Send en testmelding til ${TEST_RECIPIENT}`}
        </Button>
      </Form>
      {messages.length === 0 ? (
        <Paragraph>Ingen e-post er skrevet ennå.</Paragraph>
      ) : (
        <Table>
          <caption>E-post, nyeste først</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>Tidspunkt</Table.HeaderCell>
              <Table.HeaderCell>Emne</Table.HeaderCell>
              <Table.HeaderCell>Til</Table.HeaderCell>
              <Table.HeaderCell>Kopi</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {messages.map((m) => (
              <Table.Row key={m.file}>
                <Table.Cell>{m.date}</Table.Cell>
                <Table.Cell>
                  <Link to={m.file}>{m.subject}</Link>
                </Table.Cell>
                <Table.Cell>{m.to}</Table.Cell>
                <Table.Cell>{m.cc}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Utgående e-post – Klimasamling' }]
