import { Heading, Link, Paragraph } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link as RemixLink, useLoaderData } from '@remix-run/react'
import { formatDateRange, formatTimeRange, formatWeekday, osloDate } from '~/domain/dates'
import { ROLE_CATEGORIES, isRoleCategory } from '~/domain/roles'
import { findOwnParticipant, listDigitalSessionsForParticipant } from '~/services/participants.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'

/** A participant's own registration; nobody else's. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const participant = await findOwnParticipant(context.db, user, idParam(params.participantId))
  if (!participant) notFound()
  const active = participant.status === 'active'
  const sessions = active ? await listDigitalSessionsForParticipant(context.db, participant.event_id) : []
  return {
    digital: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      when: `${formatWeekday(osloDate(s.starts_at))}, ${formatTimeRange(s.starts_at, s.ends_at)}`,
      url: s.online_url,
    })),
    name: participant.name,
    email: participant.email,
    title: participant.title,
    role: isRoleCategory(participant.role_category) ? ROLE_CATEGORIES[participant.role_category] : participant.role_category,
    municipality: participant.municipality_name,
    event: participant.event_title,
    eventSlug: participant.event_slug,
    dates: formatDateRange(participant.starts_at, participant.ends_at),
    active,
  }
}

export default function ParticipantPage() {
  const p = useLoaderData<typeof loader>()
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        Din påmelding: {p.event}
      </Heading>
      <Paragraph>
        {p.dates}.{' '}
        <Link asChild>
          <RemixLink to={`/arrangementer/${p.eventSlug}`}>Program og praktisk informasjon</RemixLink>
        </Link>
      </Paragraph>
      <dl className="facts">
        <dt>Navn</dt>
        <dd>{p.name}</dd>
        <dt>E-post</dt>
        <dd>{p.email}</dd>
        <dt>Kommune</dt>
        <dd>{p.municipality}</dd>
        <dt>Stilling</dt>
        <dd>{p.title || '–'}</dd>
        <dt>Rolle</dt>
        <dd>{p.role}</dd>
        <dt>Status</dt>
        <dd>{p.active ? 'Påmeldt' : 'Ikke lenger påmeldt'}</dd>
      </dl>
      {p.digital.length > 0 ? (
        <section aria-labelledby="digital" className="stack">
          <Heading level={2} data-size="md" id="digital">
            Digital del
          </Heading>
          <ul className="program-list">
            {p.digital.map((s) => (
              <li key={s.id} className="program-entry" data-kind="digital">
                <span className="program-time">{s.when}</span>
                <div>
                  <p className="program-item-title">{s.title}</p>
                  <Paragraph data-size="sm">
                    {s.url ? <Link href={s.url}>Bli med i møtet<span className="visually-hidden">: {s.title}</span></Link> : 'Lenken kommer her når arrangøren publiserer den.'}
                  </Paragraph>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Din påmelding – Klimasamling' }]
