import { Heading, Paragraph, Table } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { OrganiserNav } from '~/components/organiser-nav'
import { pageParam, ServerPagination } from '~/components/pagination'
import { formatDateTime } from '~/domain/dates'
import { getDietsAndNeeds } from '~/services/event-overview.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { texts } from '~/domain/language'
import { languageOf } from '~/utils/language.server'

const text = texts({
  nb: {
    title: (event: string) => `Kosthold – ${event} – Klimasamling`,
    yes: 'Ja',
    no: 'Nei',
    heading: 'Kosthold og tilrettelegging',
    deleted: (at: string) => `Opplysningene om kosthold, allergier og tilrettelegging ble slettet ${at}, da samlingen var over.`,
    health: 'Opplysningene kan være helseopplysninger: de vises bare for arrangørene og slettes når samlingen er over.',
    dietHeading: 'Kosthold',
    noDiets: 'Ingen har oppgitt kosthold.',
    countsLabel: 'Antall per kosthold',
    kitchenCaption: 'Til kjøkkenet: kosthold og allergier',
    name: 'Navn',
    municipality: 'Kommune',
    dinner: 'Middag',
    diet: 'Kosthold',
    allergies: 'Allergier',
    kitchenPageOf: (page: number, pages: number, shown: number, matching: number) =>
      `Side ${page} av ${pages}: ${shown} av ${matching} til kjøkkenet. Hele listen finnes under Eksport.`,
    kitchenPages: 'Sider med kosthold og allergier',
    needsHeading: 'Behov for tilrettelegging',
    noNeeds: 'Ingen har oppgitt behov for tilrettelegging.',
    needsCaption: 'Deltakere med behov for tilrettelegging',
    needs: 'Behov',
    needsPageOf: (page: number, pages: number, shown: number, matching: number) =>
      `Side ${page} av ${pages}: ${shown} av ${matching} med behov for tilrettelegging.`,
    needsPages: 'Sider med behov for tilrettelegging',
  },
  nn: {
    title: (event: string) => `Kosthald – ${event} – Klimasamling`,
    yes: 'Ja',
    no: 'Nei',
    heading: 'Kosthald og tilrettelegging',
    deleted: (at: string) => `Opplysningane om kosthald, allergiar og tilrettelegging vart sletta ${at}, då samlinga var over.`,
    health: 'Opplysningane kan vere helseopplysningar: dei blir berre viste for arrangørane og blir sletta når samlinga er over.',
    dietHeading: 'Kosthald',
    noDiets: 'Ingen har oppgitt kosthald.',
    countsLabel: 'Talet per kosthald',
    kitchenCaption: 'Til kjøkkenet: kosthald og allergiar',
    name: 'Namn',
    municipality: 'Kommune',
    dinner: 'Middag',
    diet: 'Kosthald',
    allergies: 'Allergiar',
    kitchenPageOf: (page: number, pages: number, shown: number, matching: number) =>
      `Side ${page} av ${pages}: ${shown} av ${matching} til kjøkkenet. Heile lista finst under Eksport.`,
    kitchenPages: 'Sider med kosthald og allergiar',
    needsHeading: 'Behov for tilrettelegging',
    noNeeds: 'Ingen har oppgitt behov for tilrettelegging.',
    needsCaption: 'Deltakarar med behov for tilrettelegging',
    needs: 'Behov',
    needsPageOf: (page: number, pages: number, shown: number, matching: number) =>
      `Side ${page} av ${pages}: ${shown} av ${matching} med behov for tilrettelegging.`,
    needsPages: 'Sider med behov for tilrettelegging',
  },
})

/** Diets for the kitchen and accessibility needs, each list a page at a time: health data, shown to the event's organisers only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const search = new URL(request.url).searchParams
  const result = await getDietsAndNeeds(context.db, { userId: user.id }, idParam(params.eventId), {
    kitchenPage: pageParam(search.get('side')),
    needsPage: pageParam(search.get('behov-side')),
  })
  if (!result) notFound()
  const t = text[await languageOf(request, context)]
  return {
    event: { id: result.event.id, title: result.event.title },
    deletedAt: result.event.health_data_deleted_at ? formatDateTime(result.event.health_data_deleted_at) : null,
    dietCounts: result.dietCounts,
    kitchen: result.kitchen.map((p) => ({
      id: p.id,
      name: p.name,
      municipality: p.municipality_name,
      dinner: p.attends_dinner ? t.yes : t.no,
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
  const t = useTexts(text)
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          {t.heading}
        </Heading>
        <Paragraph>
          {event.title}. {deletedAt ? t.deleted(deletedAt) : t.health}
        </Paragraph>
      </div>
      <section aria-labelledby="kosthold" className="stack">
        <Heading level={2} data-size="md" id="kosthold">
          {t.dietHeading}
        </Heading>
        {dietCounts.length === 0 ? (
          <Paragraph>{t.noDiets}</Paragraph>
        ) : (
          <dl className="facts" aria-label={t.countsLabel}>
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
            <caption>{t.kitchenCaption}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t.name}</Table.HeaderCell>
                <Table.HeaderCell>{t.municipality}</Table.HeaderCell>
                <Table.HeaderCell>{t.dinner}</Table.HeaderCell>
                <Table.HeaderCell>{t.diet}</Table.HeaderCell>
                <Table.HeaderCell>{t.allergies}</Table.HeaderCell>
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
          <Paragraph data-size="sm">{t.kitchenPageOf(kitchenPage.page, kitchenPage.pages, kitchen.length, kitchenPage.matching)}</Paragraph>
        ) : null}
        <ServerPagination page={kitchenPage.page} pages={kitchenPage.pages} label={t.kitchenPages} />
      </section>
      <section aria-labelledby="tilrettelegging" className="stack">
        <Heading level={2} data-size="md" id="tilrettelegging">
          {t.needsHeading}
        </Heading>
        {needs.length === 0 ? (
          <Paragraph>{t.noNeeds}</Paragraph>
        ) : (
          <Table>
            <caption className="visually-hidden">{t.needsCaption}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t.name}</Table.HeaderCell>
                <Table.HeaderCell>{t.municipality}</Table.HeaderCell>
                <Table.HeaderCell>{t.needs}</Table.HeaderCell>
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
        {needsPage.pages > 1 ? <Paragraph data-size="sm">{t.needsPageOf(needsPage.page, needsPage.pages, needs.length, needsPage.matching)}</Paragraph> : null}
        <ServerPagination page={needsPage.page} pages={needsPage.pages} label={t.needsPages} param="behov-side" />
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.event.title) : 'Klimasamling' },
]
