import { Button, Field, Heading, Input, Label, Link, Paragraph, Select, Table, Tag } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link as RemixLink, useLoaderData } from '@remix-run/react'
import { OrganiserNav } from '~/components/organiser-nav'
import { pageParam, ServerPagination } from '~/components/pagination'
import { can } from '~/domain/permissions'
import { overviewQuerySchema as query } from '~/domain/list-queries'
import { formatAmount } from '~/domain/money'
import { findEventFor } from '~/services/access.server'
import { getEventOverview } from '~/services/event-overview.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'

const STATUS: Record<string, string> = { active: 'Påmeldt', cancelled: 'Avmeldt', late_cancelled: 'Sen avmelding', substituted: 'Erstattet' }

/**
 * The organiser's overview of the event: the totals, the invited
 * municipalities' numbers a page at a time (filtered and sorted by the
 * server), and a search for participants (decision 41, docs/decisions).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const access = await findEventFor(context.db, { userId: user.id }, idParam(params.eventId), 'overview.read')
  if (!access) notFound()
  const search = new URL(request.url).searchParams
  const q = query.parse({ sorter: search.get('sorter') ?? undefined, vis: search.get('vis') ?? undefined, sok: search.get('sok') ?? undefined })
  const municipality = (search.get('kommune') ?? '').trim().slice(0, 100)
  const overview = await getEventOverview(context.db, { userId: user.id }, idParam(params.eventId), {
    sort: q.sorter,
    filter: q.vis,
    search: q.sok,
    municipality,
    page: pageParam(search.get('side')),
  })
  if (!overview) notFound()
  const { event, rows, page, totals, matches } = overview
  const money = (ore: number | null) => formatAmount(ore, event)
  return {
    event: { id: event.id, title: event.title, role: access.role },
    query: { ...q, kommune: municipality },
    page,
    totals: {
      ...totals,
      selfPaid: money(totals.selfPaidOre),
      waived: totals.waivedCount === 0 ? 'ingenting' : `${totals.waivedCount}, ${money(totals.waivedOre)}`,
    },
    rows: rows.map((r) => ({
      ...r,
      selfPaid: `${r.selfPaidCount === 0 ? '–' : `${r.selfPaidCount}, ${money(r.selfPaidOre)}`}${r.waivedCount > 0 ? ` (frafalt ${r.waivedCount}, ${money(r.waivedOre)})` : ''}`,
      late:
        r.lateCancellations === 0
          ? '–'
          : `${r.lateCancellations}${r.lateCancellationsOwedOre !== 0 ? `, bindende: ${money(r.lateCancellationsOwedOre)}` : ', bindende'}`,
      overnight: `${r.overnightUsed} av ${r.overnightQuota}`,
      dayPackages: `${r.dayPackagesUsed} av ${r.dayPackagesQuota}`,
    })),
    matches: matches?.map((m) => ({ ...m, status: STATUS[m.status] ?? m.status })) ?? null,
  }
}

/** Nothing on this page is changed by a POST: it answers 404 to everyone, viewers included (decision 29). */
export async function action(_args: ActionFunctionArgs): Promise<never> {
  notFound()
}

export default function EventOverview() {
  const { event, query, page, totals, rows, matches } = useLoaderData<typeof loader>()
  // A viewer (lesetilgang) cannot open a municipality's page, so its name is not a link for them.
  const manages = can(event.role, 'event.manage')
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} role={event.role} />
        <Heading level={1} data-size="lg">
          Oversikt
        </Heading>
        <Paragraph>{event.title}.</Paragraph>
        <dl className="facts" aria-label="Totalt">
          <dt>Kommuner med kontaktperson</dt>
          <dd>
            {totals.withContact} av {totals.municipalities}
          </dd>
          <dt>Påmeldte</dt>
          <dd>{totals.participants}</dd>
          <dt>Dekket overnatting</dt>
          <dd>{totals.overnightUsed}</dd>
          <dt>Dekkede dagpakker</dt>
          <dd>{totals.dayPackagesUsed}</dd>
          <dt>Egenbetalt</dt>
          <dd>{totals.selfPaidCount === 0 ? 'ingen' : `${totals.selfPaidCount} ${totals.selfPaidCount === 1 ? 'person' : 'personer'}, ${totals.selfPaid}`}</dd>
          <dt>Frafalt av arrangøren</dt>
          <dd>{totals.waived}</dd>
          <dt>Sene avmeldinger (bindende)</dt>
          <dd>{totals.lateCancellations}</dd>
        </dl>
      </div>

      <Form method="get" className="row-actions" role="search" aria-label="Søk og filtrer">
        <Field>
          <Label htmlFor="sok">Søk etter deltaker (navn, e-post eller kommune)</Label>
          <Input id="sok" name="sok" type="search" defaultValue={query.sok} />
        </Field>
        <Field>
          <Label htmlFor="kommune">Kommune</Label>
          <Input id="kommune" name="kommune" type="search" defaultValue={query.kommune} maxLength={100} />
        </Field>
        <Field>
          <Label htmlFor="vis">Vis kommuner</Label>
          <Select id="vis" name="vis" defaultValue={query.vis}>
            <Select.Option value="all">Alle</Select.Option>
            <Select.Option value="noContact">Uten kontaktperson</Select.Option>
            <Select.Option value="noParticipants">Uten påmeldte</Select.Option>
            <Select.Option value="lateCancellations">Med sene avmeldinger</Select.Option>
          </Select>
        </Field>
        <Field>
          <Label htmlFor="sorter">Sorter etter</Label>
          <Select id="sorter" name="sorter" defaultValue={query.sorter}>
            <Select.Option value="name">Kommune</Select.Option>
            <Select.Option value="participants">Flest påmeldte</Select.Option>
            <Select.Option value="selfPaid">Høyest egenbetaling</Select.Option>
          </Select>
        </Field>
        <Button type="submit">Vis</Button>
      </Form>

      {matches ? (
        <section aria-labelledby="treff" className="stack">
          <Heading level={2} data-size="md" id="treff">
            Deltakere som passer «{query.sok}»
          </Heading>
          {matches.length === 0 ? (
            <Paragraph>Ingen treff.</Paragraph>
          ) : (
            <Table>
              <caption className="visually-hidden">Søketreff</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>Navn</Table.HeaderCell>
                  <Table.HeaderCell>E-post</Table.HeaderCell>
                  <Table.HeaderCell>Kommune</Table.HeaderCell>
                  <Table.HeaderCell>Status</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {matches.map((m) => (
                  <Table.Row key={m.id}>
                    <Table.Cell>{m.name}</Table.Cell>
                    <Table.Cell>{m.email}</Table.Cell>
                    <Table.Cell>
                      {manages ? (
                        <Link asChild>
                          <RemixLink to={`/kommune/${m.registration_id}`}>{m.municipality_name}</RemixLink>
                        </Link>
                      ) : (
                        m.municipality_name
                      )}
                    </Table.Cell>
                    <Table.Cell>{m.status}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
        </section>
      ) : null}

      <Table>
        <caption>
          Kommunene ({page.matching}){page.pages > 1 ? `, side ${page.page} av ${page.pages}` : ''}
        </caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>Kommune</Table.HeaderCell>
            <Table.HeaderCell>Kontaktperson</Table.HeaderCell>
            <Table.HeaderCell>Påmeldte</Table.HeaderCell>
            <Table.HeaderCell>Dekket overnatting</Table.HeaderCell>
            <Table.HeaderCell>Dagpakker</Table.HeaderCell>
            <Table.HeaderCell>Egenbetalt</Table.HeaderCell>
            <Table.HeaderCell>Sene avmeldinger</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {rows.map((r) => (
            <Table.Row key={r.id}>
              <Table.Cell>
                {manages ? (
                  <Link asChild>
                    <RemixLink to={`/kommune/${r.id}`}>{r.name}</RemixLink>
                  </Link>
                ) : (
                  r.name
                )}
              </Table.Cell>
              <Table.Cell>
                {r.contact ? (
                  r.contact.name
                ) : (
                  <Tag data-size="sm" data-color="warning">
                    Mangler
                  </Tag>
                )}
              </Table.Cell>
              <Table.Cell>{r.participants}</Table.Cell>
              <Table.Cell>{r.overnight}</Table.Cell>
              <Table.Cell>{r.dayPackages}</Table.Cell>
              <Table.Cell>{r.selfPaid}</Table.Cell>
              <Table.Cell>{r.late}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      {rows.length === 0 ? <Paragraph>Ingen kommuner passer valgene.</Paragraph> : null}
      <ServerPagination page={page.page} pages={page.pages} label="Sider med kommuner" />
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Oversikt – ${data.event.title} – Klimasamling` : 'Klimasamling' }]
