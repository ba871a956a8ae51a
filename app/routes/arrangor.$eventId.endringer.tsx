import { Heading, Paragraph, Table } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { OrganiserNav } from '~/components/organiser-nav'
import { pageParam, ServerPagination } from '~/components/pagination'
import { formatDateTime } from '~/domain/dates'
import { describeAction, subjectOf } from '~/domain/history'
import { listLateChanges } from '~/services/event-overview.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'

/** Everything changed after the deadline, newest first, a page at a time: what the organiser passes on to the hotel. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const result = await listLateChanges(context.db, { userId: user.id }, idParam(params.eventId), {
    page: pageParam(new URL(request.url).searchParams.get('side')),
  })
  if (!result) notFound()
  return {
    event: { id: result.event.id, title: result.event.title, deadline: formatDateTime(result.event.deadline_at) },
    page: result.page,
    changes: result.changes.map((c) => ({
      id: c.id,
      at: formatDateTime(c.at),
      what: describeAction(c.action),
      who: subjectOf(c.before, c.after),
      municipality: c.municipality_name ?? '–',
      by: c.actor_name ?? 'Systemet',
    })),
  }
}

export default function LateChanges() {
  const { event, page, changes } = useLoaderData<typeof loader>()
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          Sene endringer
        </Heading>
        <Paragraph>
          {event.title}. Alt som er endret etter fristen ({event.deadline}): erstatninger, sene avmeldinger, sene påmeldinger og andre endringer, nyeste først,
          så hotellet kan få beskjed.
        </Paragraph>
      </div>
      {changes.length === 0 ? (
        <Paragraph>Ingenting er endret etter fristen.</Paragraph>
      ) : (
        <Table>
          <caption className="visually-hidden">Endringer etter fristen, nyeste først</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>Tidspunkt</Table.HeaderCell>
              <Table.HeaderCell>Hva</Table.HeaderCell>
              <Table.HeaderCell>Hvem</Table.HeaderCell>
              <Table.HeaderCell>Kommune</Table.HeaderCell>
              <Table.HeaderCell>Utført av</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {changes.map((c) => (
              <Table.Row key={c.id}>
                <Table.Cell>{c.at}</Table.Cell>
                <Table.Cell>{c.what}</Table.Cell>
                <Table.Cell>{c.who}</Table.Cell>
                <Table.Cell>{c.municipality}</Table.Cell>
                <Table.Cell>{c.by}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {page.pages > 1 ? (
        <Paragraph data-size="sm">
          Side {page.page} av {page.pages}: {changes.length} av {page.matching} endringer.
        </Paragraph>
      ) : null}
      <ServerPagination page={page.page} pages={page.pages} label="Sider med endringer" />
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Sene endringer – ${data.event.title} – Klimasamling` : 'Klimasamling' }]
