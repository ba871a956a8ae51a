import { Heading, Paragraph, Table } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { OrganiserNav } from '~/components/organiser-nav'
import { pageParam, ServerPagination } from '~/components/pagination'
import { formatDateTime } from '~/domain/dates'
import { getDietsAndNeeds } from '~/services/event-overview.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'

/** Diets for the kitchen and accessibility needs, each list a page at a time: health data, shown to the event's organisers only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const search = new URL(request.url).searchParams
  const result = await getDietsAndNeeds(context.db, { userId: user.id }, idParam(params.eventId), {
    kitchenPage: pageParam(search.get('side')),
    needsPage: pageParam(search.get('behov-side')),
  })
  if (!result) notFound()
  return {
    event: { id: result.event.id, title: result.event.title },
    deletedAt: result.event.health_data_deleted_at ? formatDateTime(result.event.health_data_deleted_at) : null,
    dietCounts: result.dietCounts,
    kitchen: result.kitchen.map((p) => ({
      id: p.id,
      name: p.name,
      municipality: p.municipality_name,
      dinner: p.attends_dinner ? 'Ja' : 'Nei',
      diet: p.diet ?? '–',
      allergies: p.allergies ?? '–',
    })),
    kitchenPage: result.kitchenPage,
    needs: result.needs.map((p) => ({ id: p.id, name: p.name, municipality: p.municipality_name, needs: p.accessibility_needs ?? '' })),
    needsPage: result.needsPage,
  }
}

export default function DietsAndNeeds() {
  const { event, deletedAt, dietCounts, kitchen, kitchenPage, needs, needsPage } = useLoaderData<typeof loader>()
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          Kosthold og tilrettelegging
        </Heading>
        <Paragraph>
          {event.title}.{' '}
          {deletedAt
            ? `Opplysningene om kosthold, allergier og tilrettelegging ble slettet ${deletedAt}, da samlingen var over.`
            : 'Opplysningene kan være helseopplysninger: de vises bare for arrangørene og slettes når samlingen er over.'}
        </Paragraph>
      </div>
      <section aria-labelledby="kosthold" className="stack">
        <Heading level={2} data-size="md" id="kosthold">
          Kosthold
        </Heading>
        {dietCounts.length === 0 ? (
          <Paragraph>Ingen har oppgitt kosthold.</Paragraph>
        ) : (
          <dl className="facts" aria-label="Antall per kosthold">
            {dietCounts.map((d) => (
              <div key={d.label} style={{ display: 'contents' }}>
                <dt>{d.label}</dt>
                <dd>{d.count}</dd>
              </div>
            ))}
          </dl>
        )}
        {kitchen.length > 0 ? (
          <Table>
            <caption>Til kjøkkenet: kosthold og allergier</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>Navn</Table.HeaderCell>
                <Table.HeaderCell>Kommune</Table.HeaderCell>
                <Table.HeaderCell>Middag</Table.HeaderCell>
                <Table.HeaderCell>Kosthold</Table.HeaderCell>
                <Table.HeaderCell>Allergier</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {kitchen.map((p) => (
                <Table.Row key={p.id}>
                  <Table.Cell>{p.name}</Table.Cell>
                  <Table.Cell>{p.municipality}</Table.Cell>
                  <Table.Cell>{p.dinner}</Table.Cell>
                  <Table.Cell>{p.diet}</Table.Cell>
                  <Table.Cell>{p.allergies}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        ) : null}
        {kitchenPage.pages > 1 ? (
          <Paragraph data-size="sm">
            Side {kitchenPage.page} av {kitchenPage.pages}: {kitchen.length} av {kitchenPage.matching} til kjøkkenet. Hele listen finnes under Eksport.
          </Paragraph>
        ) : null}
        <ServerPagination page={kitchenPage.page} pages={kitchenPage.pages} label="Sider med kosthold og allergier" />
      </section>
      <section aria-labelledby="tilrettelegging" className="stack">
        <Heading level={2} data-size="md" id="tilrettelegging">
          Behov for tilrettelegging
        </Heading>
        {needs.length === 0 ? (
          <Paragraph>Ingen har oppgitt behov for tilrettelegging.</Paragraph>
        ) : (
          <Table>
            <caption className="visually-hidden">Deltakere med behov for tilrettelegging</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>Navn</Table.HeaderCell>
                <Table.HeaderCell>Kommune</Table.HeaderCell>
                <Table.HeaderCell>Behov</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {needs.map((p) => (
                <Table.Row key={p.id}>
                  <Table.Cell>{p.name}</Table.Cell>
                  <Table.Cell>{p.municipality}</Table.Cell>
                  <Table.Cell>{p.needs}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
        {needsPage.pages > 1 ? (
          <Paragraph data-size="sm">
            Side {needsPage.page} av {needsPage.pages}: {needs.length} av {needsPage.matching} med behov for tilrettelegging.
          </Paragraph>
        ) : null}
        <ServerPagination page={needsPage.page} pages={needsPage.pages} label="Sider med behov for tilrettelegging" param="behov-side" />
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Kosthold – ${data.event.title} – Klimasamling` : 'Klimasamling' }]
