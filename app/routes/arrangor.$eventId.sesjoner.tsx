import { Heading, Paragraph, Table } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { OrganiserNav } from '~/components/organiser-nav'
import { formatClockRange, formatDate } from '~/domain/dates'
import { texts } from '~/domain/language'
import { describeRoles } from '~/domain/roles'
import { getSessionNumbers } from '~/services/event-overview.server'
import { waitingListLengths } from '~/services/waiting-lists.server'
import { idParam, notFound } from '~/utils/http.server'
import { languageOf } from '~/utils/language.server'
import { requireUser } from '~/utils/session.server'

const text = texts({
  nb: {
    title: (event: string) => `Sesjoner – ${event} – Klimasamling`,
    noLimit: 'ingen grense',
    session: 'Sesjon',
    participants: 'Påmeldte',
    seats: 'Plasser',
    free: 'Ledige',
    waiting: 'På venteliste',
    onlyFor: (roles: string) => ` (bare for ${roles})`,
    heading: 'Sesjoner',
    intro: (event: string) => `${event}. Påmeldte per sesjon mot kapasiteten, og hvilke temaer deltakerne helst vil jobbe med.`,
    noSlots: 'Programmet har ingen parallelle sesjoner.',
    optional: 'Valgfrie punkter med påmelding',
    topics: 'Ønskede temaer',
    noTopics: 'Arrangementet spør ikke om temaer.',
    topicsCaption: 'Temaer etter hvor mange som ønsker dem',
    topic: 'Tema',
    wishes: 'Ønsker',
  },
  nn: {
    title: (event: string) => `Sesjonar – ${event} – Klimasamling`,
    noLimit: 'ingen grense',
    session: 'Sesjon',
    participants: 'Påmelde',
    seats: 'Plassar',
    free: 'Ledige',
    waiting: 'På venteliste',
    onlyFor: (roles: string) => ` (berre for ${roles})`,
    heading: 'Sesjonar',
    intro: (event: string) => `${event}. Påmelde per sesjon mot kapasiteten, og kva tema deltakarane helst vil arbeide med.`,
    noSlots: 'Programmet har ingen parallelle sesjonar.',
    optional: 'Valfrie punkt med påmelding',
    topics: 'Ønskte tema',
    noTopics: 'Arrangementet spør ikkje om tema.',
    topicsCaption: 'Tema etter kor mange som ønskjer dei',
    topic: 'Tema',
    wishes: 'Ønske',
  },
})

/** Sign-ups per session against capacity, per parallel slot; optional items; the topics most wanted. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const result = await getSessionNumbers(context.db, { userId: user.id }, idParam(params.eventId))
  if (!result) notFound()
  const waiting = await waitingListLengths(context.db, result.event.id)
  const languageForm = await languageOf(request, context)
  const item = (i: (typeof result.optional)[number]) => ({
    id: i.id,
    title: i.title,
    taken: i.seats_taken,
    capacity: i.capacity,
    left: i.capacity === null ? text[languageForm].noLimit : String(Math.max(0, i.capacity - i.seats_taken)),
    restricted: i.restricted_to_roles.length ? describeRoles(i.restricted_to_roles, languageForm) : null,
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
  const t = useTexts(text)
  return (
    <Table>
      <caption>{caption}</caption>
      <Table.Head>
        <Table.Row>
          <Table.HeaderCell>{t.session}</Table.HeaderCell>
          <Table.HeaderCell>{t.participants}</Table.HeaderCell>
          <Table.HeaderCell>{t.seats}</Table.HeaderCell>
          <Table.HeaderCell>{t.free}</Table.HeaderCell>
          <Table.HeaderCell>{t.waiting}</Table.HeaderCell>
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {items.map((i) => (
          <Table.Row key={i.id}>
            <Table.Cell>
              {i.title}
              {i.restricted ? <span className="program-meta">{t.onlyFor(i.restricted.toLowerCase())}</span> : null}
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
  const t = useTexts(text)
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          {t.heading}
        </Heading>
        <Paragraph>{t.intro(event.title)}</Paragraph>
      </div>
      {slots.length === 0 ? <Paragraph>{t.noSlots}</Paragraph> : null}
      {slots.map((s) => (
        <ItemTable key={s.id} caption={s.label} items={s.items} />
      ))}
      {optional.length > 0 ? <ItemTable caption={t.optional} items={optional} /> : null}
      <section aria-labelledby="temaer" className="stack">
        <Heading level={2} data-size="md" id="temaer">
          {t.topics}
        </Heading>
        {topics.length === 0 ? (
          <Paragraph>{t.noTopics}</Paragraph>
        ) : (
          <Table>
            <caption className="visually-hidden">{t.topicsCaption}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t.topic}</Table.HeaderCell>
                <Table.HeaderCell>{t.wishes}</Table.HeaderCell>
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

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.event.title) : 'Klimasamling' },
]
