import { Heading, Paragraph, Table } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { OrganiserNav } from '~/components/organiser-nav'
import { pageParam, ServerPagination } from '~/components/pagination'
import { formatDateTime } from '~/domain/dates'
import { describeAction, subjectOf } from '~/domain/history'
import { texts } from '~/domain/language'
import { listLateChanges } from '~/services/event-overview.server'
import { idParam, notFound } from '~/utils/http.server'
import { languageOf } from '~/utils/language.server'
import { requireUser } from '~/utils/session.server'

const text = texts({
  nb: {
    title: (event: string) => `Sene endringer – ${event} – Klimasamling`,
    system: 'Systemet',
    heading: 'Sene endringer',
    intro: (event: string, deadline: string) =>
      `${event}. Alt som er endret etter fristen (${deadline}): erstatninger, sene avmeldinger, sene påmeldinger og andre endringer, nyeste først, så hotellet kan få beskjed.`,
    none: 'Ingenting er endret etter fristen.',
    caption: 'Endringer etter fristen, nyeste først',
    at: 'Tidspunkt',
    what: 'Hva',
    who: 'Hvem',
    municipality: 'Kommune',
    by: 'Utført av',
    pageOf: (page: number, pages: number, shown: number, matching: number) => `Side ${page} av ${pages}: ${shown} av ${matching} endringer.`,
    pagesLabel: 'Sider med endringer',
  },
  nn: {
    title: (event: string) => `Seine endringar – ${event} – Klimasamling`,
    system: 'Systemet',
    heading: 'Seine endringar',
    intro: (event: string, deadline: string) =>
      `${event}. Alt som er endra etter fristen (${deadline}): erstatningar, seine avmeldingar, seine påmeldingar og andre endringar, nyaste først, så hotellet kan få beskjed.`,
    none: 'Ikkje noko er endra etter fristen.',
    caption: 'Endringar etter fristen, nyaste først',
    at: 'Tidspunkt',
    what: 'Kva',
    who: 'Kven',
    municipality: 'Kommune',
    by: 'Utført av',
    pageOf: (page: number, pages: number, shown: number, matching: number) => `Side ${page} av ${pages}: ${shown} av ${matching} endringar.`,
    pagesLabel: 'Sider med endringar',
  },
})

/** Everything changed after the deadline, newest first, a page at a time: what the organiser passes on to the hotel. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const result = await listLateChanges(context.db, { userId: user.id }, idParam(params.eventId), {
    page: pageParam(new URL(request.url).searchParams.get('side')),
  })
  if (!result) notFound()
  const languageForm = await languageOf(request, context)
  return {
    event: { id: result.event.id, title: result.event.title, deadline: formatDateTime(result.event.deadline_at) },
    page: result.page,
    changes: result.changes.map((c) => ({
      id: c.id,
      at: formatDateTime(c.at),
      what: describeAction(c.action, languageForm),
      who: subjectOf(c.before, c.after),
      municipality: c.municipality_name ?? '–',
      by: c.actor_name ?? text[languageForm].system,
    })),
  }
}

export default function LateChanges() {
  const { event, page, changes } = useLoaderData<typeof loader>()
  const t = useTexts(text)
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          {t.heading}
        </Heading>
        <Paragraph>{t.intro(event.title, event.deadline)}</Paragraph>
      </div>
      {changes.length === 0 ? (
        <Paragraph>{t.none}</Paragraph>
      ) : (
        <Table>
          <caption className="visually-hidden">{t.caption}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t.at}</Table.HeaderCell>
              <Table.HeaderCell>{t.what}</Table.HeaderCell>
              <Table.HeaderCell>{t.who}</Table.HeaderCell>
              <Table.HeaderCell>{t.municipality}</Table.HeaderCell>
              <Table.HeaderCell>{t.by}</Table.HeaderCell>
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
      {page.pages > 1 ? <Paragraph data-size="sm">{t.pageOf(page.page, page.pages, changes.length, page.matching)}</Paragraph> : null}
      <ServerPagination page={page.page} pages={page.pages} label={t.pagesLabel} />
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.event.title) : 'Klimasamling' },
]
