import { Heading, Link, Paragraph, Table } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link as RemixLink, useLoaderData } from '@remix-run/react'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { formatDateRange } from '~/domain/dates'
import { EVENT_MEMBER_ROLE_LABELS, eventStartPath } from '~/domain/event-permissions'
import { texts } from '~/domain/language'
import { describePhase } from '~/domain/phase'
import { listTeamEvents } from '~/services/access.server'
import { isOrganiser } from '~/services/event-setup.server'
import { notFound } from '~/utils/http.server'
import { languageOf } from '~/utils/language.server'
import { requireUser } from '~/utils/session.server'

const text = texts({
  nb: {
    title: 'Arrangementer – Klimasamling',
    heading: 'Arrangementer',
    newEvent: 'Lag et nytt arrangement',
    orCopy: ' eller kopier et tidligere for å starte med dets program, netter og dekning.',
    register: 'Kommuneregisteret',
    registerHelp: ': kommunenes offisielle e-postadresse og målform, felles for alle arrangementer.',
    onTeam: 'Her er samlingene du er med i arrangørteamet for.',
    none: 'Du arrangerer ingen samlinger ennå.',
    caption: 'Arrangementer du er med i arrangørteamet for',
    event: 'Arrangement',
    dates: 'Datoer',
    status: 'Status',
    registration: 'Påmelding',
    yourRole: 'Din rolle',
    draft: 'Utkast',
    published: 'Publisert',
  },
  nn: {
    title: 'Arrangement – Klimasamling',
    heading: 'Arrangement',
    newEvent: 'Lag eit nytt arrangement',
    orCopy: ' eller kopier eit tidlegare for å starte med programmet, nettene og dekninga til det.',
    register: 'Kommuneregisteret',
    registerHelp: ': den offisielle e-postadressa og målforma til kommunane, felles for alle arrangement.',
    onTeam: 'Her er samlingane du er med i arrangørteamet for.',
    none: 'Du arrangerer ingen samlingar enno.',
    caption: 'Arrangement du er med i arrangørteamet for',
    event: 'Arrangement',
    dates: 'Datoar',
    status: 'Status',
    registration: 'Påmelding',
    yourRole: 'Rolla di',
    draft: 'Utkast',
    published: 'Publisert',
  },
})

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  // Everyone on an event's team (organiser, co-organiser, viewer, desk helper) sees the events they are on, and only those;
  // only an organiser made with `npm run organiser:add` (is_organiser) creates new events (decision 29).
  const [mayCreate, events, languageForm] = await Promise.all([
    isOrganiser(context.db, user.id),
    listTeamEvents(context.db, { userId: user.id }),
    languageOf(request, context),
  ])
  if (!mayCreate && events.length === 0) notFound()
  const now = context.now()
  const t = text[languageForm]
  return {
    mayCreate,
    events: events.map((e) => ({
      id: e.id,
      href: eventStartPath(e.id, e.role),
      role: EVENT_MEMBER_ROLE_LABELS[languageForm][e.role],
      title: e.title,
      dates: formatDateRange(e.starts_at, e.ends_at),
      status: e.status === 'draft' ? t.draft : t.published,
      phase: describePhase(e, now, languageForm),
    })),
  }
}

export default function OrganiserEvents() {
  const { mayCreate, events } = useLoaderData<typeof loader>()
  const t = useTexts(text)
  return (
    <div className="stack-lg">
      <div className="stack">
        <Heading level={1} data-size="lg">
          {t.heading}
        </Heading>
        {mayCreate ? (
          <>
            <Paragraph>
              <Link asChild>
                <RemixLink to="/arrangor/nytt">{t.newEvent}</RemixLink>
              </Link>
              {t.orCopy}
            </Paragraph>
            <Paragraph>
              <Link asChild>
                <RemixLink to="/arrangor/kommuneregister">{t.register}</RemixLink>
              </Link>
              {t.registerHelp}
            </Paragraph>
          </>
        ) : (
          <Paragraph>{t.onTeam}</Paragraph>
        )}
      </div>
      {events.length === 0 ? (
        <Paragraph>{t.none}</Paragraph>
      ) : (
        <Table>
          <caption className="visually-hidden">{t.caption}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t.event}</Table.HeaderCell>
              <Table.HeaderCell>{t.dates}</Table.HeaderCell>
              <Table.HeaderCell>{t.status}</Table.HeaderCell>
              <Table.HeaderCell>{t.registration}</Table.HeaderCell>
              <Table.HeaderCell>{t.yourRole}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {events.map((e) => (
              <Table.Row key={e.id}>
                <Table.Cell>
                  <Link asChild>
                    <RemixLink to={e.href}>{e.title}</RemixLink>
                  </Link>
                </Table.Cell>
                <Table.Cell>{e.dates}</Table.Cell>
                <Table.Cell>{e.status}</Table.Cell>
                <Table.Cell>{e.phase}</Table.Cell>
                <Table.Cell>{e.role}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: text[languageFormOfMatches(matches)].title }]
