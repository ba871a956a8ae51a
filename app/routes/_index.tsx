import { Card, Heading, Paragraph } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { formatDateRange } from '~/domain/dates'
import { texts } from '~/domain/language'
import { describePhase } from '~/domain/phase'
import { listPublishedEvents } from '~/services/events.server'
import { languageOf } from '~/utils/language.server'

const text = texts({
  nb: {
    heading: 'Klimasamlinger for kommunene',
    intro:
      'Her melder kommunene på ansatte og folkevalgte til klimasamlingene. Hver kommune har én kontaktperson som står for påmeldingen, og som får kopi av all korrespondanse om kommunens deltakere.',
    events: 'Arrangementer',
    noEvents: 'Det er ingen publiserte arrangementer ennå.',
    title: 'Klimasamling – påmelding til klimasamlinger for kommunene',
    description: 'Påmelding og overnatting for klimasamlingene for kommunene.',
  },
  nn: {
    heading: 'Klimasamlingar for kommunane',
    intro:
      'Her melder kommunane på tilsette og folkevalde til klimasamlingane. Kvar kommune har éin kontaktperson som står for påmeldinga, og som får kopi av all korrespondanse om deltakarane frå kommunen.',
    events: 'Arrangement',
    noEvents: 'Det er ingen publiserte arrangement enno.',
    title: 'Klimasamling – påmelding til klimasamlingar for kommunane',
    description: 'Påmelding og overnatting for klimasamlingane for kommunane.',
  },
})

export async function loader({ request, context }: LoaderFunctionArgs) {
  const now = context.now()
  const [events, languageForm] = await Promise.all([listPublishedEvents(context.db, now), languageOf(request, context)])
  return {
    events: events.map((e) => ({
      slug: e.slug,
      title: e.title,
      venue: e.venue,
      dates: formatDateRange(e.starts_at, e.ends_at),
      phase: describePhase(e, now, languageForm),
    })),
  }
}

export default function Index() {
  const { events } = useLoaderData<typeof loader>()
  const t = useTexts(text)
  return (
    <div className="stack-lg">
      <div className="stack">
        <Heading level={1} data-size="xl">
          {t.heading}
        </Heading>
        <Paragraph data-size="lg">{t.intro}</Paragraph>
      </div>
      <section aria-labelledby="arrangementer" className="stack">
        <Heading level={2} data-size="md" id="arrangementer">
          {t.events}
        </Heading>
        {events.length === 0 ? (
          <Paragraph>{t.noEvents}</Paragraph>
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

export const meta: MetaFunction = ({ matches }) => {
  const t = text[languageFormOfMatches(matches)]
  return [{ title: t.title }, { name: 'description', content: t.description }]
}
