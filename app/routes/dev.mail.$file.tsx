import { Heading } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { formatDateTime } from '~/domain/dates'
import { readWrittenMail } from '~/utils/mail.server'
import { BackLink } from '~/components/back-link'

/** Development only: one message written to MAIL_DIR. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  if (context.env.nodeEnv === 'production') throw new Response('Fant ikke siden', { status: 404 })
  const message = await readWrittenMail(context.env.mailDir, params.file ?? '')
  if (!message) throw new Response('Fant ikke e-posten', { status: 404 })
  return { ...message, date: message.date ? formatDateTime(message.date) : '' }
}

export default function DevMailMessage() {
  const m = useLoaderData<typeof loader>()
  return (
    <article className="stack">
      <BackLink to="/dev/mail">Tilbake til listen</BackLink>
      <Heading level={1} data-size="lg">
        {m.subject}
      </Heading>
      <dl className="facts">
        <dt>Fra</dt>
        <dd>{m.from}</dd>
        <dt>Til</dt>
        <dd>{m.to}</dd>
        {m.cc ? (
          <>
            <dt>Kopi</dt>
            <dd>{m.cc}</dd>
          </>
        ) : null}
        <dt>Tidspunkt</dt>
        <dd>{m.date}</dd>
      </dl>
      <Heading level={2} data-size="sm">
        Ren tekst
      </Heading>
      <pre className="pre-line">{m.text}</pre>
      {m.html ? (
        <>
          <Heading level={2} data-size="sm">
            HTML
          </Heading>
          <iframe title="E-posten som HTML" sandbox="" srcDoc={m.html} style={{ width: '100%', minHeight: '30rem' }} />
        </>
      ) : null}
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.subject ?? 'E-post'} – Klimasamling` }]
