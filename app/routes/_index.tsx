import { Card, Heading, Paragraph } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { formatDateRange } from '~/domain/dates'
import { describePhase } from '~/domain/phase'
import { listPublishedEvents } from '~/services/events.server'

export async function loader({ context }: LoaderFunctionArgs) {
  const now = context.now()
  const events = await listPublishedEvents(context.db, now)
  return {
    events: events.map((e) => ({
      slug: e.slug,
      title: e.title,
      venue: e.venue,
      dates: formatDateRange(e.starts_at, e.ends_at),
      phase: describePhase(e, now, 'nb'),
    })),
  }
}

export default function Index() {
  const { events } = useLoaderData<typeof loader>()
  return (
    <div className="stack-lg">
      <div className="stack">
        <Heading level={1} data-size="xl">
          Klimasamlinger for kommunene
        </Heading>
        <Paragraph data-size="lg">
          Her melder kommunene på ansatte og folkevalgte til klimasamlingene. Hver kommune har én kontaktperson som står for påmeldingen, og som får kopi av all
          korrespondanse om kommunens deltakere.
        </Paragraph>
      </div>
      <section aria-labelledby="arrangementer" className="stack">
        <Heading level={2} data-size="md" id="arrangementer">
          Arrangementer
        </Heading>
        {events.length === 0 ? (
          <Paragraph>Det er ingen publiserte arrangementer ennå.</Paragraph>
        ) : (
          <ul className="event-list">
            {events.map((event) => (
              <li key={event.slug}>
                <Card data-color="neutral">
                  <Heading level={3} data-size="sm">
                    <Link to={`/arrangementer/${event.slug}`}>{event.title}</Link>
                  </Heading>
                  <Paragraph>
                    {event.dates}, {event.venue}
                  </Paragraph>
                  <Paragraph data-size="sm">{event.phase}</Paragraph>
                </Card>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}

export const meta: MetaFunction = () => [
  { title: 'Klimasamling – påmelding til klimasamlinger for kommunene' },
  { name: 'description', content: 'Påmelding og overnatting for klimasamlingene for kommunene.' },
]
