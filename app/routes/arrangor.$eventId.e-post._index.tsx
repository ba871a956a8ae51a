import { Alert, Heading, Link, Paragraph, Table, Tag } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link as RemixLink, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { OrganiserNav } from '~/components/organiser-nav'
import { pageParam, ServerPagination } from '~/components/pagination'
import { formatDateTime } from '~/domain/dates'
import { EMAIL_STATUS_NAMES, EMAIL_STATUSES, emailTemplateName } from '~/domain/email'
import { listEventEmails } from '~/services/event-mail.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'

/** Emails to a page, newest first (decision 41, docs/decisions); the counts cover them all. */
const PAGE_SIZE = 50

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  // The status filter; anything else shows every email.
  const status = z
    .enum(EMAIL_STATUSES)
    .optional()
    .catch(undefined)
    .parse(new URL(request.url).searchParams.get('status') ?? undefined)
  const list = await listEventEmails(context.db, { userId: user.id }, idParam(params.eventId), {
    status,
    limit: PAGE_SIZE,
    page: pageParam(new URL(request.url).searchParams.get('side')),
  })
  if (!list) notFound()
  const { event, emails, counts, page } = list
  const sent = new URL(request.url).searchParams.get('melding')
  return {
    event,
    messageQueued: sent !== null && /^\d+$/.test(sent) ? Number(sent) : null,
    status: status ?? null,
    filters: [
      { status: null, label: 'Alle', count: counts.all },
      ...EMAIL_STATUSES.map((s) => ({ status: s, label: EMAIL_STATUS_NAMES[s].label, count: counts[s] })),
    ],
    page,
    emails: emails.map((e) => ({
      id: e.id,
      time: formatDateTime(e.created_at),
      to: e.to_addresses.join(', '),
      cc: e.cc_addresses.join(', '),
      subject: e.subject,
      template: emailTemplateName(e.template),
      status: EMAIL_STATUS_NAMES[e.status],
      note:
        e.status === 'failed'
          ? `etter ${e.attempts} forsøk`
          : e.status === 'queued' && e.attempts > 0
            ? `nytt forsøk ${formatDateTime(e.next_attempt_at)}`
            : null,
    })),
  }
}

export default function EventEmails() {
  const { event, status, filters, emails, page, messageQueued } = useLoaderData<typeof loader>()
  const current = filters.find((f) => f.status === status)
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          E-post
        </Heading>
        <Paragraph>
          {event.title}. Her er all e-post som er sendt, eller skal sendes, om dette arrangementet: invitasjoner, beskjeder til kontaktpersoner og
          påmeldingsbekreftelser. E-post som har feilet, kan sendes på nytt fra siden for hver e-post.
        </Paragraph>
        <Paragraph>
          <Link asChild>
            <RemixLink to={`/arrangor/${event.id}/e-post/ny`}>Skriv til alle deltakerne</RemixLink>
          </Link>
        </Paragraph>
        {messageQueued !== null ? (
          <Alert data-color="success" role="status">
            <Paragraph>
              {messageQueued === 0
                ? 'Ingen ny e-post ble lagt i kø: ingen er påmeldt, eller meldingen var alt sendt.'
                : `Meldingen er lagt i kø til ${messageQueued} ${messageQueued === 1 ? 'deltaker' : 'deltakere'} og sendes om kort tid.`}
            </Paragraph>
          </Alert>
        ) : null}
      </div>

      <nav aria-label="Vis e-post med status">
        <ul className="row-actions" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {filters.map((f) => (
            <li key={f.label}>
              <Link asChild>
                <RemixLink
                  to={f.status ? `/arrangor/${event.id}/e-post?status=${f.status}` : `/arrangor/${event.id}/e-post`}
                  aria-current={f.status === status ? 'true' : undefined}
                  style={f.status === status ? { fontWeight: 600, textDecoration: 'none' } : undefined}
                >
                  {f.label} ({f.count})
                </RemixLink>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="liste" className="stack">
        <Heading level={2} data-size="md" id="liste">
          {status ? `E-post med status «${current?.label}»` : 'All e-post'}
        </Heading>
        {emails.length === 0 ? (
          <Paragraph>
            {status
              ? `Ingen e-post har status «${current?.label}».`
              : 'Ingen e-post er sendt om dette arrangementet ennå. Når du sender invitasjoner, eller kommunene velger kontaktperson og melder på deltakere, kommer e-posten her.'}
          </Paragraph>
        ) : (
          <>
            {page.pages > 1 ? (
              <Paragraph>
                Side {page.page} av {page.pages}: {emails.length} av {page.matching}, nyeste først.
              </Paragraph>
            ) : null}
            <Table>
              <caption className="visually-hidden">E-post om arrangementet, nyeste først</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>Tidspunkt</Table.HeaderCell>
                  <Table.HeaderCell>Mottaker</Table.HeaderCell>
                  <Table.HeaderCell>Emne</Table.HeaderCell>
                  <Table.HeaderCell>Mal</Table.HeaderCell>
                  <Table.HeaderCell>Status</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {emails.map((e) => (
                  <Table.Row key={e.id}>
                    <Table.Cell>{e.time}</Table.Cell>
                    <Table.Cell>
                      {e.to}
                      {e.cc ? (
                        <>
                          <br />
                          kopi: {e.cc}
                        </>
                      ) : null}
                    </Table.Cell>
                    <Table.Cell>
                      <Link asChild>
                        <RemixLink to={`/arrangor/${event.id}/e-post/${e.id}`}>{e.subject}</RemixLink>
                      </Link>
                    </Table.Cell>
                    <Table.Cell>{e.template}</Table.Cell>
                    <Table.Cell>
                      <Tag data-color={e.status.color} data-size="sm">
                        {e.status.label}
                      </Tag>
                      {e.note ? (
                        <>
                          <br />
                          {e.note}
                        </>
                      ) : null}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
            <ServerPagination page={page.page} pages={page.pages} label="Sider med e-post" />
          </>
        )}
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `E-post – ${data.event.title} – Klimasamling` : 'Klimasamling' }]
