import { Heading, Link, Paragraph } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link as RemixLink, useLoaderData } from '@remix-run/react'
import { formatDateRange } from '~/domain/dates'
import { ROLE_CATEGORIES, isRoleCategory } from '~/domain/roles'
import { findOwnParticipant } from '~/services/participants.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'

/** A participant's own registration; nobody else's. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const participant = await findOwnParticipant(context.db, user, idParam(params.participantId))
  if (!participant) notFound()
  return {
    name: participant.name,
    email: participant.email,
    title: participant.title,
    role: isRoleCategory(participant.role_category) ? ROLE_CATEGORIES[participant.role_category] : participant.role_category,
    municipality: participant.municipality_name,
    event: participant.event_title,
    eventSlug: participant.event_slug,
    dates: formatDateRange(participant.starts_at, participant.ends_at),
    active: participant.status === 'active',
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
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Din påmelding – Klimasamling' }]
