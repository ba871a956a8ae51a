import { Heading, Link, Paragraph, Table } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link as RemixLink, useLoaderData } from '@remix-run/react'
import { formatDateRange } from '~/domain/dates'
import { describePhase } from '~/domain/phase'
import { isOrganiser, listOrganisedEvents } from '~/services/event-setup.server'
import { notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  if (!(await isOrganiser(context.db, user.id))) notFound()
  const events = await listOrganisedEvents(context.db, user.id)
  const now = context.now()
  return {
    events: events.map((e) => ({
      id: e.id,
      title: e.title,
      dates: formatDateRange(e.starts_at, e.ends_at),
      status: e.status === 'draft' ? 'Utkast' : 'Publisert',
      phase: describePhase(e, now),
    })),
  }
}

export default function OrganiserEvents() {
  const { events } = useLoaderData<typeof loader>()
  return (
    <div className="stack-lg">
      <div className="stack">
        <Heading level={1} data-size="lg">
          Arrangementer
        </Heading>
        <Paragraph>
          <Link asChild>
            <RemixLink to="/arrangor/nytt">Lag et nytt arrangement</RemixLink>
          </Link>{' '}
          eller kopier et tidligere for å starte med dets program, netter og dekning.
        </Paragraph>
      </div>
      {events.length === 0 ? (
        <Paragraph>Du arrangerer ingen samlinger ennå.</Paragraph>
      ) : (
        <Table>
          <caption className="visually-hidden">Arrangementer du arrangerer</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>Arrangement</Table.HeaderCell>
              <Table.HeaderCell>Datoer</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell>Påmelding</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {events.map((e) => (
              <Table.Row key={e.id}>
                <Table.Cell>
                  <Link asChild>
                    <RemixLink to={`/arrangor/${e.id}`}>{e.title}</RemixLink>
                  </Link>
                </Table.Cell>
                <Table.Cell>{e.dates}</Table.Cell>
                <Table.Cell>{e.status}</Table.Cell>
                <Table.Cell>{e.phase}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Arrangementer – Klimasamling' }]
