import { Alert, Heading, Link, Paragraph } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { DigitalProgram, ProgramDaySection } from '~/components/program'
import { describeCoverage } from '~/domain/coverage-text'
import { formatDateRange, formatDateTime } from '~/domain/dates'
import { eventPhase, registrationNotice } from '~/domain/phase'
import { arrangeProgram } from '~/domain/program'
import { getPublicEvent } from '~/services/events.server'
import { getUser } from '~/utils/session.server'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const viewer = await getUser(request, context)
  const found = await getPublicEvent(context.db, params.slug ?? '', viewer?.id ?? null)
  if (!found) throw new Response('Fant ikke arrangementet', { status: 404 })
  const { event, days, nights, slots, items, invitedMunicipalities } = found
  const now = context.now()
  return {
    event,
    invitedMunicipalities,
    dates: formatDateRange(event.starts_at, event.ends_at),
    startsAt: formatDateTime(event.starts_at),
    endsAt: formatDateTime(event.ends_at),
    deadline: formatDateTime(event.deadline_at),
    phase: eventPhase(event, now),
    notice: registrationNotice(event, now, 'nb'),
    coverage: describeCoverage(event, nights, days.length),
    program: arrangeProgram(days, slots, items),
  }
}

export default function EventPage() {
  const { event, dates, startsAt, endsAt, deadline, phase, notice, coverage, program, invitedMunicipalities } = useLoaderData<typeof loader>()
  return (
    <article className="stack-lg">
      <header className="stack">
        <Heading level={1} data-size="xl">
          {event.title}
        </Heading>
        <Paragraph data-size="lg">
          {dates}, {event.venue}
        </Paragraph>
        {event.status === 'draft' ? (
          <Alert data-color="warning">
            <Paragraph>Dette er et utkast. Bare arrangørene ser siden til den er publisert.</Paragraph>
          </Alert>
        ) : null}
        <Alert data-color={phase === 'open' ? 'success' : 'info'}>
          <Paragraph>
            <strong>{notice}</strong>
          </Paragraph>
        </Alert>
      </header>

      <section aria-labelledby="om" className="stack">
        <Heading level={2} data-size="md" id="om">
          Om samlingen
        </Heading>
        {event.description.split(/\n{2,}/).map((p) => (
          <Paragraph key={p}>{p}</Paragraph>
        ))}
        <dl className="facts">
          <dt>Tid</dt>
          <dd>
            Fra {startsAt} til {endsAt}
          </dd>
          <dt>Sted</dt>
          <dd>{event.address && event.address !== event.venue ? `${event.venue} (${event.address})` : event.venue}</dd>
          <dt>Hotell</dt>
          <dd>{event.hotel_name ? `${event.hotel_name}${event.hotel_address ? `, ${event.hotel_address}` : ''}` : 'Hotellet blir kunngjort av arrangøren.'}</dd>
          <dt>Kalender</dt>
          <dd>
            <Link href={`/arrangementer/${event.slug}/kalender.ics`} download>
              Legg samlingsdagene i kalenderen (.ics)
            </Link>
          </dd>
          <dt>Påmeldingsfrist</dt>
          <dd>{deadline}</dd>
          <dt>Inviterte</dt>
          <dd>
            {invitedMunicipalities} kommuner{event.county_name ? `, først og fremst i ${event.county_name}` : ''}
          </dd>
          <dt>Arrangør</dt>
          <dd>{event.organising_bodies.join(', ')}</dd>
          <dt>Kontakt</dt>
          <dd>
            {event.organiser_contact_name}, <Link href={`mailto:${event.organiser_contact_email}`}>{event.organiser_contact_email}</Link>
          </dd>
        </dl>
      </section>

      {event.audience_text ? (
        <section aria-labelledby="hvem" className="stack">
          <Heading level={2} data-size="md" id="hvem">
            Hvem bør delta?
          </Heading>
          <Paragraph>{event.audience_text}</Paragraph>
        </section>
      ) : null}

      <section aria-labelledby="dekning" className="stack">
        <Heading level={2} data-size="md" id="dekning">
          Hva dekkes, og hva koster det?
        </Heading>
        {coverage.map((p) => (
          <Paragraph key={p}>{p}</Paragraph>
        ))}
      </section>

      <section aria-labelledby="pamelding" className="stack">
        <Heading level={2} data-size="md" id="pamelding">
          Påmelding
        </Heading>
        <Paragraph>
          Hver kommune har én kontaktperson som melder på kommunens deltakere før påmeldingsfristen.
          {event.is_binding
            ? ' Påmeldingen er bindende. Blir en deltaker forhindret, bør kommunen finne en erstatter fra samme kommune og ellers kontakte arrangøren så snart som mulig.'
            : ''}
        </Paragraph>
        <Paragraph>{retentionText(event.personal_data_retention_days)}</Paragraph>
      </section>

      <section aria-labelledby="program" className="stack-lg">
        <Heading level={2} data-size="md" id="program">
          Program
        </Heading>
        {program.days.map((day) => (
          <ProgramDaySection key={day.day.id} day={day} />
        ))}
        {program.digital.length > 0 ? (
          <section aria-labelledby="digital" className="stack">
            <Heading level={3} data-size="sm" id="digital">
              Digital del
            </Heading>
            <DigitalProgram items={program.digital} calendarHref={(id) => `/arrangementer/${event.slug}/kalender/${id}`} />
          </section>
        ) : null}
      </section>
    </article>
  )
}

/** When the participants' personal data is anonymised (decision 051, app/services/personal-data.server.ts). */
function retentionText(days: number): string {
  if (days === 0) return 'Personopplysningene slettes når samlingen er slutt.'
  return `Personopplysningene slettes ${days} ${days === 1 ? 'dag' : 'dager'} etter samlingen.`
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.event.title} – Klimasamling` : 'Fant ikke arrangementet – Klimasamling' },
]
