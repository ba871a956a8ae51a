import { Heading, Paragraph, Table } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { OrganiserNav } from '~/components/organiser-nav'
import { formatClockRange, formatDate } from '~/domain/dates'
import { describeRoles } from '~/domain/roles'
import { getSessionNumbers } from '~/services/event-overview.server'
import { waitingListLengths } from '~/services/waiting-lists.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'

/** Sign-ups per session against capacity, per parallel slot; optional items; the topics most wanted. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const result = await getSessionNumbers(context.db, { userId: user.id }, idParam(params.eventId))
  if (!result) notFound()
  const waiting = await waitingListLengths(context.db, result.event.id)
  const item = (i: (typeof result.optional)[number]) => ({
    id: i.id,
    title: i.title,
    taken: i.seats_taken,
    capacity: i.capacity,
    left: i.capacity === null ? 'ingen grense' : String(Math.max(0, i.capacity - i.seats_taken)),
    restricted: i.restricted_to_roles.length ? describeRoles(i.restricted_to_roles, 'nb') : null,
    waiting: waiting.get(i.id)?.waiting ?? 0,
  })
  return {
    event: { id: result.event.id, title: result.event.title },
    slots: result.slots.map((s) => ({
      id: s.id,
      label: `${s.label}, ${formatDate(s.starts_at)} kl. ${formatClockRange(s.starts_at, s.ends_at)}`,
      items: s.items.map(item),
    })),
    optional: result.optional.map(item),
    topics: result.topics,
  }
}

function ItemTable({
  caption,
  items,
}: {
  caption: string
  items: Array<{ id: string; title: string; taken: number; capacity: number | null; left: string; restricted: string | null; waiting: number }>
}) {
  return (
    <Table>
      <caption>{caption}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>Sesjon</Table.HeaderCell>
          <Table.HeaderCell>Påmeldte</Table.HeaderCell>
          <Table.HeaderCell>Plasser</Table.HeaderCell>
          <Table.HeaderCell>Ledige</Table.HeaderCell>
          <Table.HeaderCell>På venteliste</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {items.map((i) => (
          <Table.Row key={i.id}>
            <Table.Cell>
              {i.title}
              {i.restricted ? <span className="program-meta"> (bare for {i.restricted.toLowerCase()})</span> : null}
            </Table.Cell>
            <Table.Cell>{i.taken}</Table.Cell>
            <Table.Cell>{i.capacity ?? '–'}</Table.Cell>
            <Table.Cell>{i.left}</Table.Cell>
            <Table.Cell>{i.waiting}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}

export default function SessionNumbers() {
  const { event, slots, optional, topics } = useLoaderData<typeof loader>()
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          Sesjoner
        </Heading>
        <Paragraph>{event.title}. Påmeldte per sesjon mot kapasiteten, og hvilke temaer deltakerne helst vil jobbe med.</Paragraph>
      </div>
      {slots.length === 0 ? <Paragraph>Programmet har ingen parallelle sesjoner.</Paragraph> : null}
      {slots.map((s) => (
        <ItemTable key={s.id} caption={s.label} items={s.items} />
      ))}
      {optional.length > 0 ? <ItemTable caption="Valgfrie punkter med påmelding" items={optional} /> : null}
      <section aria-labelledby="temaer" className="stack">
        <Heading level={2} data-size="md" id="temaer">
          Ønskede temaer
        </Heading>
        {topics.length === 0 ? (
          <Paragraph>Arrangementet spør ikke om temaer.</Paragraph>
        ) : (
          <Table>
            <caption className="visually-hidden">Temaer etter hvor mange som ønsker dem</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>Tema</Table.HeaderCell>
                <Table.HeaderCell>Ønsker</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {topics.map((t) => (
                <Table.Row key={t.id}>
                  <Table.Cell>{t.label}</Table.Cell>
                  <Table.Cell>{t.wishes}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Sesjoner – ${data.event.title} – Klimasamling` : 'Klimasamling' }]
