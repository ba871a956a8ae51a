import { Heading, Link, Paragraph, Table } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link as RemixLink, useLoaderData } from '@remix-run/react'
import { formatDateRange } from '~/domain/dates'
import { EVENT_ROLE_LABELS, eventStartPath } from '~/domain/event-permissions'
import { describePhase } from '~/domain/phase'
import { listTeamEvents } from '~/services/access.server'
import { isOrganiser } from '~/services/event-setup.server'
import { notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  // Everyone on an event's team (organiser, co-organiser, viewer, desk helper) sees the events they are on, and only those;
  // only an organiser made with `npm run organiser:add` (is_organiser) creates new events (decision 29).
  const [mayCreate, events] = await Promise.all([isOrganiser(context.db, user.id), listTeamEvents(context.db, { userId: user.id })])
  if (!mayCreate && events.length === 0) notFound()
  const now = context.now()
  return {
    mayCreate,
    events: events.map((e) => ({
      id: e.id,
      href: eventStartPath(e.id, e.role),
      role: e.role === 'organiser' ? 'Arrangør' : EVENT_ROLE_LABELS[e.role],
      title: e.title,
      dates: formatDateRange(e.starts_at, e.ends_at),
      status: e.status === 'draft' ? 'Utkast' : 'Publisert',
      phase: describePhase(e, now, 'nb'),
    })),
  }
}

export default function OrganiserEvents() {
  const { mayCreate, events } = useLoaderData<typeof loader>()
  return (
    <div className="stack-lg">
      <div className="stack">
        <Heading level={1} data-size="lg">
          Arrangementer
        </Heading>
        {mayCreate ? (
          <>
            <Paragraph>
              <Link asChild>
                <RemixLink to="/arrangor/nytt">Lag et nytt arrangement</RemixLink>
              </Link>{' '}
              eller kopier et tidligere for å starte med dets program, netter og dekning.
            </Paragraph>
            <Paragraph>
              <Link asChild>
                <RemixLink to="/arrangor/kommuneregister">Kommuneregisteret</RemixLink>
              </Link>
              : kommunenes offisielle e-postadresse og målform, felles for alle arrangementer.
            </Paragraph>
          </>
        ) : (
          <Paragraph>Her er samlingene du er med i arrangørteamet for.</Paragraph>
        )}
      </div>
      {events.length === 0 ? (
        <Paragraph>Du arrangerer ingen samlinger ennå.</Paragraph>
      ) : (
        <Table>
          <caption className="visually-hidden">Arrangementer du er med i arrangørteamet for</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>Arrangement</Table.HeaderCell>
              <Table.HeaderCell>Datoer</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
              <Table.HeaderCell>Påmelding</Table.HeaderCell>
              <Table.HeaderCell>Din rolle</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {events.map((e) => (
              <Table.Row key={e.id}>
                <Table.Cell>
                  <Link asChild>
                    <RemixLink to={e.href}>{e.title}</RemixLink>
                  </Link>
                </Table.Cell>
                <Table.Cell>{e.dates}</Table.Cell>
                <Table.Cell>{e.status}</Table.Cell>
                <Table.Cell>{e.phase}</Table.Cell>
                <Table.Cell>{e.role}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Arrangementer – Klimasamling' }]
