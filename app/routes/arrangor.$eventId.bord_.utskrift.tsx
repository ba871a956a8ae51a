import { Heading, Link, Paragraph, Table } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link as RemixLink, useLoaderData } from '@remix-run/react'
import { getCafePrintLists } from '~/services/cafe-tables.server'
import cafeCss from '~/styles/cafe-tables.css'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { texts } from '~/domain/language'

const text = texts({
  nb: {
    back: 'Tilbake til bordene',
    heading: 'Bordlister for utskrift',
    intro: (event: string) => `${event}. Skriv ut med nettleserens utskrift (Ctrl+P, på Mac Cmd+P): hvert bord kommer på sin egen side, uten menyene.`,
    noTables: 'Ingen bord ennå.',
    facts: (topic: string, room: string, count: number, seats: number) => `Tema: ${topic}${room ? `. Rom: ${room}` : ''}. ${count} av ${seats} plasser.`,
    nobody: 'Ingen ved bordet.',
    at: (table: string) => `Ved ${table}`,
    name: 'Navn',
    municipality: 'Kommune',
    title: (event: string) => `Bordlister – ${event} – Klimasamling`,
  },
  nn: {
    back: 'Tilbake til borda',
    heading: 'Bordlister for utskrift',
    intro: (event: string) => `${event}. Skriv ut med utskrifta i nettlesaren (Ctrl+P, på Mac Cmd+P): kvart bord kjem på si eiga side, utan menyane.`,
    noTables: 'Ingen bord enno.',
    facts: (topic: string, room: string, count: number, seats: number) => `Tema: ${topic}${room ? `. Rom: ${room}` : ''}. ${count} av ${seats} plassar.`,
    nobody: 'Ingen ved bordet.',
    at: (table: string) => `Ved ${table}`,
    name: 'Namn',
    municipality: 'Kommune',
    title: (event: string) => `Bordlister – ${event} – Klimasamling`,
  },
})

/**
 * The world-café tables' lists for printing (decision 050): one table a
 * printed page (CSS `break-after: page`), its topic and room, and everyone
 * at it with their municipality, by name. The print style hides the site's
 * header, footer and this page's own links.
 */

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: cafeCss }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const lists = await getCafePrintLists(context.db, { userId: user.id }, idParam(params.eventId))
  if (!lists) notFound()
  const collator = new Intl.Collator('nb')
  return {
    event: { id: lists.event.id, title: lists.event.title },
    tables: lists.tables.map((t) => ({
      id: t.id,
      label: t.label,
      topic: t.topic,
      room: t.room,
      seats: t.seats,
      members: [...t.members]
        .sort((a, b) => collator.compare(a.name, b.name) || collator.compare(a.municipality, b.municipality))
        .map((m) => ({ id: m.participant_id, name: m.name, municipality: m.municipality })),
    })),
  }
}

/** Nothing is changed here. */
export async function action(_args: ActionFunctionArgs): Promise<never> {
  notFound()
}

export default function CafePrintLists() {
  const { event, tables } = useLoaderData<typeof loader>()
  const txt = useTexts(text)
  return (
    <div className="stack-lg">
      <div className="stack no-print">
        <Paragraph>
          <Link asChild>
            <RemixLink to={`/arrangor/${event.id}/bord`}>{txt.back}</RemixLink>
          </Link>
        </Paragraph>
        <Heading level={1} data-size="lg">
          {txt.heading}
        </Heading>
        <Paragraph>{txt.intro(event.title)}</Paragraph>
      </div>
      {tables.length === 0 ? <Paragraph>{txt.noTables}</Paragraph> : null}
      {tables.map((t) => (
        <section key={t.id} className="cafe-print-table stack" aria-labelledby={`p-${t.id}`}>
          <Heading level={2} data-size="lg" id={`p-${t.id}`}>
            {t.label}
          </Heading>
          <Paragraph data-size="lg">{txt.facts(t.topic, t.room, t.members.length, t.seats)}</Paragraph>
          {t.members.length === 0 ? (
            <Paragraph>{txt.nobody}</Paragraph>
          ) : (
            <Table className="cafe-print-list">
              <caption className="visually-hidden">{txt.at(t.label)}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{txt.name}</Table.HeaderCell>
                  <Table.HeaderCell>{txt.municipality}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {t.members.map((m) => (
                  <Table.Row key={m.id}>
                    <Table.Cell>{m.name}</Table.Cell>
                    <Table.Cell>{m.municipality}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
        </section>
      ))}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.event.title) : 'Klimasamling' },
]
