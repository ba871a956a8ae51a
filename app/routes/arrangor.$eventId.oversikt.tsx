import { Button, Field, Heading, Input, Label, Link, Paragraph, Select, Table, Tag } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link as RemixLink, useLoaderData } from '@remix-run/react'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { OrganiserNav } from '~/components/organiser-nav'
import { pageParam, ServerPagination } from '~/components/pagination'
import { texts } from '~/domain/language'
import { describeParticipantStatus } from '~/domain/participant-status'
import { can } from '~/domain/permissions'
import { overviewQuerySchema as query } from '~/domain/list-queries'
import { describeAmount, extrasPricingOf } from '~/domain/money'
import { findEventFor } from '~/services/access.server'
import { getEventOverview } from '~/services/event-overview.server'
import { idParam, notFound } from '~/utils/http.server'
import { languageOf } from '~/utils/language.server'
import { requireUser } from '~/utils/session.server'

const text = texts({
  nb: {
    title: (event: string) => `Oversikt – ${event} – Klimasamling`,
    nothing: 'ingenting',
    waived: (count: number, amount: string) => ` (frafalt ${count}, ${amount})`,
    binding: (amount: string) => `, bindende: ${amount}`,
    bindingOnly: ', bindende',
    of: (used: number, quota: number) => `${used} av ${quota}`,
    heading: 'Oversikt',
    totals: 'Totalt',
    withContact: 'Kommuner med kontaktperson',
    participants: 'Påmeldte',
    coveredOvernight: 'Dekket overnatting',
    coveredDayPackages: 'Dekkede dagpakker',
    selfPaid: 'Egenbetalt',
    nobody: 'ingen',
    persons: (n: number, amount: string) => `${n} ${n === 1 ? 'person' : 'personer'}, ${amount}`,
    waivedByOrganiser: 'Frafalt av arrangøren',
    lateCancellationsBinding: 'Sene avmeldinger (bindende)',
    searchAndFilter: 'Søk og filtrer',
    searchParticipant: 'Søk etter deltaker (navn, e-post eller kommune)',
    municipality: 'Kommune',
    showMunicipalities: 'Vis kommuner',
    all: 'Alle',
    noContact: 'Uten kontaktperson',
    noParticipants: 'Uten påmeldte',
    withLateCancellations: 'Med sene avmeldinger',
    sortBy: 'Sorter etter',
    mostParticipants: 'Flest påmeldte',
    highestSelfPaid: 'Høyest egenbetaling',
    show: 'Vis',
    matching: (q: string) => `Deltakere som passer «${q}»`,
    noMatches: 'Ingen treff.',
    matchesCaption: 'Søketreff',
    name: 'Navn',
    email: 'E-post',
    statusHeader: 'Status',
    municipalitiesCaption: (matching: number, page: number, pages: number) => `Kommunene (${matching})${pages > 1 ? `, side ${page} av ${pages}` : ''}`,
    contact: 'Kontaktperson',
    dayPackages: 'Dagpakker',
    lateCancellations: 'Sene avmeldinger',
    missing: 'Mangler',
    noneFit: 'Ingen kommuner passer valgene.',
    pages: 'Sider med kommuner',
  },
  nn: {
    title: (event: string) => `Oversikt – ${event} – Klimasamling`,
    nothing: 'ikkje noko',
    waived: (count: number, amount: string) => ` (fråfalle ${count}, ${amount})`,
    binding: (amount: string) => `, bindande: ${amount}`,
    bindingOnly: ', bindande',
    of: (used: number, quota: number) => `${used} av ${quota}`,
    heading: 'Oversikt',
    totals: 'Totalt',
    withContact: 'Kommunar med kontaktperson',
    participants: 'Påmelde',
    coveredOvernight: 'Dekt overnatting',
    coveredDayPackages: 'Dekte dagpakkar',
    selfPaid: 'Eigenbetalt',
    nobody: 'ingen',
    persons: (n: number, amount: string) => `${n} ${n === 1 ? 'person' : 'personar'}, ${amount}`,
    waivedByOrganiser: 'Fråfalle av arrangøren',
    lateCancellationsBinding: 'Seine avmeldingar (bindande)',
    searchAndFilter: 'Søk og filtrer',
    searchParticipant: 'Søk etter deltakar (namn, e-post eller kommune)',
    municipality: 'Kommune',
    showMunicipalities: 'Vis kommunar',
    all: 'Alle',
    noContact: 'Utan kontaktperson',
    noParticipants: 'Utan påmelde',
    withLateCancellations: 'Med seine avmeldingar',
    sortBy: 'Sorter etter',
    mostParticipants: 'Flest påmelde',
    highestSelfPaid: 'Høgast eigenbetaling',
    show: 'Vis',
    matching: (q: string) => `Deltakarar som passar «${q}»`,
    noMatches: 'Ingen treff.',
    matchesCaption: 'Søketreff',
    name: 'Namn',
    email: 'E-post',
    statusHeader: 'Status',
    municipalitiesCaption: (matching: number, page: number, pages: number) => `Kommunane (${matching})${pages > 1 ? `, side ${page} av ${pages}` : ''}`,
    contact: 'Kontaktperson',
    dayPackages: 'Dagpakkar',
    lateCancellations: 'Seine avmeldingar',
    missing: 'Manglar',
    noneFit: 'Ingen kommunar passar vala.',
    pages: 'Sider med kommunar',
  },
})

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
  const languageForm = await languageOf(request, context)
  const t = text[languageForm]
  const rules = { approximate: event.prices_are_approximate, pricing: extrasPricingOf(event) }
  const money = (ore: number | null) => describeAmount(ore, rules, languageForm)
  return {
    event: { id: event.id, title: event.title, role: access.role },
    query: { ...q, kommune: municipality },
    page,
    totals: {
      ...totals,
      selfPaid: money(totals.selfPaidOre),
      waived: totals.waivedCount === 0 ? t.nothing : `${totals.waivedCount}, ${money(totals.waivedOre)}`,
    },
    rows: rows.map((r) => ({
      ...r,
      selfPaid: `${r.selfPaidCount === 0 ? '–' : `${r.selfPaidCount}, ${money(r.selfPaidOre)}`}${r.waivedCount > 0 ? t.waived(r.waivedCount, money(r.waivedOre)) : ''}`,
      late:
        r.lateCancellations === 0
          ? '–'
          : `${r.lateCancellations}${r.lateCancellationsOwedOre !== 0 ? t.binding(money(r.lateCancellationsOwedOre)) : t.bindingOnly}`,
      overnight: t.of(r.overnightUsed, r.overnightQuota),
      dayPackages: t.of(r.dayPackagesUsed, r.dayPackagesQuota),
    })),
    matches: matches?.map((m) => ({ ...m, status: describeParticipantStatus(m.status, languageForm) })) ?? null,
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
  const t = useTexts(text)
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} role={event.role} />
        <Heading level={1} data-size="lg">
          {t.heading}
        </Heading>
        <Paragraph>{event.title}.</Paragraph>
        <dl className="facts" aria-label={t.totals}>
          <dt>{t.withContact}</dt>
          <dd>{t.of(totals.withContact, totals.municipalities)}</dd>
          <dt>{t.participants}</dt>
          <dd>{totals.participants}</dd>
          <dt>{t.coveredOvernight}</dt>
          <dd>{totals.overnightUsed}</dd>
          <dt>{t.coveredDayPackages}</dt>
          <dd>{totals.dayPackagesUsed}</dd>
          <dt>{t.selfPaid}</dt>
          <dd>{totals.selfPaidCount === 0 ? t.nobody : t.persons(totals.selfPaidCount, totals.selfPaid)}</dd>
          <dt>{t.waivedByOrganiser}</dt>
          <dd>{totals.waived}</dd>
          <dt>{t.lateCancellationsBinding}</dt>
          <dd>{totals.lateCancellations}</dd>
        </dl>
      </div>

      <Form method="get" className="row-actions" role="search" aria-label={t.searchAndFilter}>
        <Field>
          <Label htmlFor="sok">{t.searchParticipant}</Label>
          <Input id="sok" name="sok" type="search" defaultValue={query.sok} />
        </Field>
        <Field>
          <Label htmlFor="kommune">{t.municipality}</Label>
          <Input id="kommune" name="kommune" type="search" defaultValue={query.kommune} maxLength={100} />
        </Field>
        <Field>
          <Label htmlFor="vis">{t.showMunicipalities}</Label>
          <Select id="vis" name="vis" defaultValue={query.vis}>
            <Select.Option value="all">{t.all}</Select.Option>
            <Select.Option value="noContact">{t.noContact}</Select.Option>
            <Select.Option value="noParticipants">{t.noParticipants}</Select.Option>
            <Select.Option value="lateCancellations">{t.withLateCancellations}</Select.Option>
          </Select>
        </Field>
        <Field>
          <Label htmlFor="sorter">{t.sortBy}</Label>
          <Select id="sorter" name="sorter" defaultValue={query.sorter}>
            <Select.Option value="name">{t.municipality}</Select.Option>
            <Select.Option value="participants">{t.mostParticipants}</Select.Option>
            <Select.Option value="selfPaid">{t.highestSelfPaid}</Select.Option>
          </Select>
        </Field>
        <Button type="submit">{t.show}</Button>
      </Form>

      {matches ? (
        <section aria-labelledby="treff" className="stack">
          <Heading level={2} data-size="md" id="treff">
            {t.matching(query.sok)}
          </Heading>
          {matches.length === 0 ? (
            <Paragraph>{t.noMatches}</Paragraph>
          ) : (
            <Table>
              <caption className="visually-hidden">{t.matchesCaption}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t.name}</Table.HeaderCell>
                  <Table.HeaderCell>{t.email}</Table.HeaderCell>
                  <Table.HeaderCell>{t.municipality}</Table.HeaderCell>
                  <Table.HeaderCell>{t.statusHeader}</Table.HeaderCell>
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
        <caption>{t.municipalitiesCaption(page.matching, page.page, page.pages)}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t.municipality}</Table.HeaderCell>
            <Table.HeaderCell>{t.contact}</Table.HeaderCell>
            <Table.HeaderCell>{t.participants}</Table.HeaderCell>
            <Table.HeaderCell>{t.coveredOvernight}</Table.HeaderCell>
            <Table.HeaderCell>{t.dayPackages}</Table.HeaderCell>
            <Table.HeaderCell>{t.selfPaid}</Table.HeaderCell>
            <Table.HeaderCell>{t.lateCancellations}</Table.HeaderCell>
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
                    {t.missing}
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
      {rows.length === 0 ? <Paragraph>{t.noneFit}</Paragraph> : null}
      <ServerPagination page={page.page} pages={page.pages} label={t.pages} />
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.event.title) : 'Klimasamling' },
]
