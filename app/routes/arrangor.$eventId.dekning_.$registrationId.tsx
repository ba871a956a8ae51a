import { Heading, Paragraph, Tag } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { OrganiserNav } from '~/components/organiser-nav'
import { formatDateTime } from '~/domain/dates'
import { previewCoverageConfirmation } from '~/services/coverage-confirmation.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { BackLink } from '~/components/back-link'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { texts } from '~/domain/language'
import { languageOf } from '~/utils/language.server'

const text = texts({
  nb: {
    title: (municipality: string, event: string) => `Bekreftelse til ${municipality} – ${event} – Klimasamling`,
    changed: 'Endret siden sist',
    notSent: 'Ikke sendt',
    sentAt: (at: string) => `Sendt ${at}`,
    back: 'Tilbake til dekning og bekreftelse',
    heading: (municipality: string) => `Bekreftelse til ${municipality}`,
    noParticipants: 'Kommunen har ingen påmeldte og får ingen bekreftelse.',
    messageHeading: 'Meldingen slik den sendes nå',
    to: 'Til',
    subject: 'Emne',
  },
  nn: {
    title: (municipality: string, event: string) => `Stadfesting til ${municipality} – ${event} – Klimasamling`,
    changed: 'Endra sidan sist',
    notSent: 'Ikkje sendt',
    sentAt: (at: string) => `Sendt ${at}`,
    back: 'Tilbake til dekning og stadfesting',
    heading: (municipality: string) => `Stadfesting til ${municipality}`,
    noParticipants: 'Kommunen har ingen påmelde og får inga stadfesting.',
    messageHeading: 'Meldinga slik ho blir sendt no',
    to: 'Til',
    subject: 'Emne',
  },
})

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
  const t = text[await languageOf(request, context)]
  return {
    event: { id: event.id, title: event.title },
    municipality: {
      name: m.name,
      to: m.to,
      participants: m.participants,
      status: m.participants === 0 ? null : m.changed ? (m.confirmedAt ? t.changed : t.notSent) : t.sentAt(formatDateTime(m.confirmedAt ?? new Date())),
      changed: m.changed,
    },
    message: { subject: message.subject, text: message.text },
  }
}

export default function CoveragePreview() {
  const { event, municipality, message } = useLoaderData<typeof loader>()
  const t = useTexts(text)
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <BackLink to={`/arrangor/${event.id}/dekning`}>{t.back}</BackLink>
        <Heading level={1} data-size="lg">
          {t.heading(municipality.name)}
        </Heading>
        {municipality.status ? (
          <div>
            <Tag data-size="sm" data-color={municipality.changed ? 'warning' : 'neutral'}>
              {municipality.status}
            </Tag>
          </div>
        ) : (
          <Paragraph>{t.noParticipants}</Paragraph>
        )}
      </div>
      <section aria-labelledby="meldingen" className="stack">
        <Heading level={2} data-size="md" id="meldingen">
          {t.messageHeading}
        </Heading>
        <dl className="facts">
          <dt>{t.to}</dt>
          <dd>{municipality.to}</dd>
          <dt>{t.subject}</dt>
          <dd>{message.subject}</dd>
        </dl>
        <pre style={{ whiteSpace: 'pre-wrap' }}>{message.text}</pre>
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.municipality.name, data.event.title) : 'Klimasamling' },
]
