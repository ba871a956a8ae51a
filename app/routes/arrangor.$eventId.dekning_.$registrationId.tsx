import { Heading, Paragraph, Tag } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { OrganiserNav } from '~/components/organiser-nav'
import { formatDateTime } from '~/domain/dates'
import { previewCoverageConfirmation } from '~/services/coverage-confirmation.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { BackLink } from '~/components/back-link'

/**
 * One municipality's coverage confirmation as it would be sent now: opened
 * from Dekning, one at a time, so that page renders no message (decision 41,
 * docs/decisions).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const preview = await previewCoverageConfirmation(context.db, { userId: user.id }, idParam(params.eventId), idParam(params.registrationId), context.now())
  if (!preview) notFound()
  const { event, municipality: m, message } = preview
  return {
    event: { id: event.id, title: event.title },
    municipality: {
      name: m.name,
      to: m.to,
      participants: m.participants,
      status:
        m.participants === 0 ? null : m.changed ? (m.confirmedAt ? 'Endret siden sist' : 'Ikke sendt') : `Sendt ${formatDateTime(m.confirmedAt ?? new Date())}`,
      changed: m.changed,
    },
    message: { subject: message.subject, text: message.text },
  }
}

export default function CoveragePreview() {
  const { event, municipality, message } = useLoaderData<typeof loader>()
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <BackLink to={`/arrangor/${event.id}/dekning`}>Tilbake til dekning og bekreftelse</BackLink>
        <Heading level={1} data-size="lg">
          Bekreftelse til {municipality.name}
        </Heading>
        {municipality.status ? (
          <div>
            <Tag data-size="sm" data-color={municipality.changed ? 'warning' : 'neutral'}>
              {municipality.status}
            </Tag>
          </div>
        ) : (
          <Paragraph>Kommunen har ingen påmeldte og får ingen bekreftelse.</Paragraph>
        )}
      </div>
      <section aria-labelledby="meldingen" className="stack">
        <Heading level={2} data-size="md" id="meldingen">
          Meldingen slik den sendes nå
        </Heading>
        <dl className="facts">
          <dt>Til</dt>
          <dd>{municipality.to}</dd>
          <dt>Emne</dt>
          <dd>{message.subject}</dd>
        </dl>
        <pre style={{ whiteSpace: 'pre-wrap' }}>{message.text}</pre>
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Bekreftelse til ${data.municipality.name} – ${data.event.title} – Klimasamling` : 'Klimasamling' },
]
