import { Card, Heading, Link, Paragraph } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link as RemixLink, useLoaderData } from '@remix-run/react'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { formatDateRange } from '~/domain/dates'
import { eventStartPath } from '~/domain/event-permissions'
import { texts } from '~/domain/language'
import { listTeamEvents } from '~/services/access.server'
import { listRolesOf } from '~/services/participants.server'
import { requireUser } from '~/utils/session.server'

const text = texts({
  nb: {
    heading: 'Min side',
    loggedInAs: (name: string) => `Du er logget inn som ${name}.`,
    myData: 'Mine data: se og last ned det som er lagret om deg',
    nothing: 'Du har ingen roller på noen samling ennå.',
    organised: 'Samlinger du arrangerer',
    allEvents: 'Alle arrangementer, nytt arrangement og kopiering',
    viewed: 'Samlinger du har lesetilgang til',
    viewedText: 'Du kan se oversikten, hotellnettene og eksportene, men ikke endre noe.',
    desk: 'Samlinger der du er vert i registreringen',
    deskText: 'Du sjekker inn deltakerne på samlingsdagene.',
    checkIn: (event: string, dates: string) => `Innsjekking: ${event} (${dates})`,
    contactFor: 'Kommuner du er kontaktperson for',
    participations: 'Dine påmeldinger',
    title: 'Min side – Klimasamling',
  },
  nn: {
    heading: 'Mi side',
    loggedInAs: (name: string) => `Du er logga inn som ${name}.`,
    myData: 'Mine data: sjå og last ned det som er lagra om deg',
    nothing: 'Du har ingen roller på nokon samling enno.',
    organised: 'Samlingar du arrangerer',
    allEvents: 'Alle arrangement, nytt arrangement og kopiering',
    viewed: 'Samlingar du har lesetilgang til',
    viewedText: 'Du kan sjå oversikta, hotellnettene og eksportane, men ikkje endre noko.',
    desk: 'Samlingar der du er vert i registreringa',
    deskText: 'Du sjekkar inn deltakarane på samlingsdagane.',
    checkIn: (event: string, dates: string) => `Innsjekking: ${event} (${dates})`,
    contactFor: 'Kommunar du er kontaktperson for',
    participations: 'Påmeldingane dine',
    title: 'Mi side – Klimasamling',
  },
})

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  // The events come from the team tables (decision 29): organisers and co-organisers see the events they
  // organise, viewers (lesetilgang) the events they may read, desk helpers the events whose desk they host; nobody sees any other event.
  const [roles, team] = await Promise.all([listRolesOf(context.db, user), listTeamEvents(context.db, { userId: user.id })])
  const dates = (e: { starts_at: Date; ends_at: Date }) => formatDateRange(e.starts_at, e.ends_at)
  return {
    name: user.name,
    organised: team.filter((e) => e.role === 'organiser').map((e) => ({ id: e.id, title: e.title, dates: dates(e) })),
    viewed: team.filter((e) => e.role === 'viewer').map((e) => ({ id: e.id, title: e.title, dates: dates(e) })),
    desk: team.filter((e) => e.role === 'desk').map((e) => ({ id: e.id, href: eventStartPath(e.id, e.role), title: e.title, dates: dates(e) })),
    contactFor: roles.contactFor.map((r) => ({ id: r.id, municipality: r.municipality_name, event: r.event_title, dates: dates(r) })),
    participations: roles.participations.map((p) => ({ id: p.id, event: p.event_title, dates: dates(p), status: p.status })),
  }
}

export default function MyPage() {
  const { name, organised, viewed, desk, contactFor, participations } = useLoaderData<typeof loader>()
  const t = useTexts(text)
  const nothing = organised.length + viewed.length + desk.length + contactFor.length + participations.length === 0
  return (
    <div className="stack-lg">
      <Heading level={1} data-size="lg">
        {t.heading}
      </Heading>
      <Paragraph>{t.loggedInAs(name)}</Paragraph>
      <Paragraph>
        <Link asChild>
          <RemixLink to="/min-side/mine-data">{t.myData}</RemixLink>
        </Link>
      </Paragraph>
      {nothing ? <Paragraph>{t.nothing}</Paragraph> : null}
      {organised.length > 0 ? (
        <section aria-labelledby="arrangor" className="stack">
          <Heading level={2} data-size="md" id="arrangor">
            {t.organised}
          </Heading>
          <Paragraph>
            <Link asChild>
              <RemixLink to="/arrangor">{t.allEvents}</RemixLink>
            </Link>
          </Paragraph>
          <ul className="event-list">
            {organised.map((e) => (
              <li key={e.id}>
                <Card data-color="neutral">
                  <Heading level={3} data-size="xs">
                    <RemixLink to={`/arrangor/${e.id}/kommuner`}>{e.title}</RemixLink>
                  </Heading>
                  <Paragraph data-size="sm">{e.dates}</Paragraph>
                </Card>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {viewed.length > 0 ? (
        <section aria-labelledby="lesetilgang" className="stack">
          <Heading level={2} data-size="md" id="lesetilgang">
            {t.viewed}
          </Heading>
          <Paragraph>{t.viewedText}</Paragraph>
          <ul>
            {viewed.map((e) => (
              <li key={e.id}>
                <Link asChild>
                  <RemixLink to={`/arrangor/${e.id}/oversikt`}>
                    {e.title} ({e.dates})
                  </RemixLink>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {desk.length > 0 ? (
        <section aria-labelledby="vert" className="stack">
          <Heading level={2} data-size="md" id="vert">
            {t.desk}
          </Heading>
          <Paragraph>{t.deskText}</Paragraph>
          <ul>
            {desk.map((e) => (
              <li key={e.id}>
                <Link asChild>
                  <RemixLink to={e.href}>{t.checkIn(e.title, e.dates)}</RemixLink>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {contactFor.length > 0 ? (
        <section aria-labelledby="kontaktperson" className="stack">
          <Heading level={2} data-size="md" id="kontaktperson">
            {t.contactFor}
          </Heading>
          <ul>
            {contactFor.map((r) => (
              <li key={r.id}>
                <Link asChild>
                  <RemixLink to={`/kommune/${r.id}`}>
                    {r.municipality} – {r.event} ({r.dates})
                  </RemixLink>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {participations.length > 0 ? (
        <section aria-labelledby="deltaker" className="stack">
          <Heading level={2} data-size="md" id="deltaker">
            {t.participations}
          </Heading>
          <ul>
            {participations.map((p) => (
              <li key={p.id}>
                <Link asChild>
                  <RemixLink to={`/deltaker/${p.id}`}>
                    {p.event} ({p.dates})
                  </RemixLink>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: text[languageFormOfMatches(matches)].title }]
