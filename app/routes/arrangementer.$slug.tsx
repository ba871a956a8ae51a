import { Alert, Heading, Link, Paragraph } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { DigitalProgram, ProgramDaySection } from '~/components/program'
import { describeCoverage } from '~/domain/coverage-text'
import { formatDateRange, formatDateTime } from '~/domain/dates'
import { texts } from '~/domain/language'
import { eventPhase, registrationNotice } from '~/domain/phase'
import { arrangeProgram } from '~/domain/program'
import { getPublicEvent } from '~/services/events.server'
import { languageOf } from '~/utils/language.server'
import { getUser } from '~/utils/session.server'

const text = texts({
  nb: {
    draft: 'Dette er et utkast. Bare arrangørene ser siden til den er publisert.',
    about: 'Om samlingen',
    time: 'Tid',
    fromTo: (from: string, to: string) => `Fra ${from} til ${to}`,
    place: 'Sted',
    hotel: 'Hotell',
    hotelLater: 'Hotellet blir kunngjort av arrangøren.',
    calendar: 'Kalender',
    addToCalendar: 'Legg samlingsdagene i kalenderen (.ics)',
    deadline: 'Påmeldingsfrist',
    invited: 'Inviterte',
    invitedMunicipalities: (n: number, county: string | null) => `${n} ${n === 1 ? 'kommune' : 'kommuner'}${county ? `, først og fremst i ${county}` : ''}`,
    organiser: 'Arrangør',
    contact: 'Kontakt',
    audience: 'Hvem bør delta?',
    coverage: 'Hva dekkes, og hva koster det?',
    registration: 'Påmelding',
    howToRegister: 'Hver kommune har én kontaktperson som melder på kommunens deltakere før påmeldingsfristen.',
    binding:
      ' Påmeldingen er bindende. Blir en deltaker forhindret, bør kommunen finne en erstatter fra samme kommune og ellers kontakte arrangøren så snart som mulig.',
    program: 'Program',
    digital: 'Digital del',
    // When the participants' personal data is anonymised (decision 051, app/services/personal-data.server.ts).
    deletedAtEnd: 'Personopplysningene slettes når samlingen er slutt.',
    deletedAfter: (days: number) => `Personopplysningene slettes ${days} ${days === 1 ? 'dag' : 'dager'} etter samlingen.`,
    title: (event: string) => `${event} – Klimasamling`,
    notFound: 'Fant ikke arrangementet – Klimasamling',
  },
  nn: {
    draft: 'Dette er eit utkast. Berre arrangørane ser sida til ho er publisert.',
    about: 'Om samlinga',
    time: 'Tid',
    fromTo: (from: string, to: string) => `Frå ${from} til ${to}`,
    place: 'Stad',
    hotel: 'Hotell',
    hotelLater: 'Hotellet blir kunngjort av arrangøren.',
    calendar: 'Kalender',
    addToCalendar: 'Legg samlingsdagane i kalenderen (.ics)',
    deadline: 'Påmeldingsfrist',
    invited: 'Inviterte',
    invitedMunicipalities: (n: number, county: string | null) => `${n} ${n === 1 ? 'kommune' : 'kommunar'}${county ? `, først og fremst i ${county}` : ''}`,
    organiser: 'Arrangør',
    contact: 'Kontakt',
    audience: 'Kven bør delta?',
    coverage: 'Kva blir dekt, og kva kostar det?',
    registration: 'Påmelding',
    howToRegister: 'Kvar kommune har éin kontaktperson som melder på deltakarane frå kommunen før påmeldingsfristen.',
    binding:
      ' Påmeldinga er bindande. Blir ein deltakar forhindra, bør kommunen finne ein erstattar frå same kommune og elles kontakte arrangøren så snart som mogleg.',
    program: 'Program',
    digital: 'Digital del',
    deletedAtEnd: 'Personopplysningane blir sletta når samlinga er slutt.',
    deletedAfter: (days: number) => `Personopplysningane blir sletta ${days} ${days === 1 ? 'dag' : 'dagar'} etter samlinga.`,
    title: (event: string) => `${event} – Klimasamling`,
    notFound: 'Fann ikkje arrangementet – Klimasamling',
  },
})

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const [viewer, languageForm] = await Promise.all([getUser(request, context), languageOf(request, context)])
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
    notice: registrationNotice(event, now, languageForm),
    coverage: describeCoverage(event, nights, days.length, languageForm),
    program: arrangeProgram(days, slots, items),
  }
}

export default function EventPage() {
  const { event, dates, startsAt, endsAt, deadline, phase, notice, coverage, program, invitedMunicipalities } = useLoaderData<typeof loader>()
  const t = useTexts(text)
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
            <Paragraph>{t.draft}</Paragraph>
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
          {t.about}
        </Heading>
        {event.description.split(/\n{2,}/).map((p) => (
          <Paragraph key={p}>{p}</Paragraph>
        ))}
        <dl className="facts">
          <dt>{t.time}</dt>
          <dd>{t.fromTo(startsAt, endsAt)}</dd>
          <dt>{t.place}</dt>
          <dd>{event.address && event.address !== event.venue ? `${event.venue} (${event.address})` : event.venue}</dd>
          <dt>{t.hotel}</dt>
          <dd>{event.hotel_name ? `${event.hotel_name}${event.hotel_address ? `, ${event.hotel_address}` : ''}` : t.hotelLater}</dd>
          <dt>{t.calendar}</dt>
          <dd>
            <Link href={`/arrangementer/${event.slug}/kalender.ics`} download>
              {t.addToCalendar}
            </Link>
          </dd>
          <dt>{t.deadline}</dt>
          <dd>{deadline}</dd>
          <dt>{t.invited}</dt>
          <dd>{t.invitedMunicipalities(invitedMunicipalities, event.county_name)}</dd>
          <dt>{t.organiser}</dt>
          <dd>{event.organising_bodies.join(', ')}</dd>
          <dt>{t.contact}</dt>
          <dd>
            {event.organiser_contact_name}, <Link href={`mailto:${event.organiser_contact_email}`}>{event.organiser_contact_email}</Link>
          </dd>
        </dl>
      </section>

      {event.audience_text ? (
        <section aria-labelledby="hvem" className="stack">
          <Heading level={2} data-size="md" id="hvem">
            {t.audience}
          </Heading>
          <Paragraph>{event.audience_text}</Paragraph>
        </section>
      ) : null}

      <section aria-labelledby="dekning" className="stack">
        <Heading level={2} data-size="md" id="dekning">
          {t.coverage}
        </Heading>
        {coverage.map((p) => (
          <Paragraph key={p}>{p}</Paragraph>
        ))}
      </section>

      <section aria-labelledby="pamelding" className="stack">
        <Heading level={2} data-size="md" id="pamelding">
          {t.registration}
        </Heading>
        <Paragraph>
          {t.howToRegister}
          {event.is_binding ? t.binding : ''}
        </Paragraph>
        <Paragraph>{event.personal_data_retention_days === 0 ? t.deletedAtEnd : t.deletedAfter(event.personal_data_retention_days)}</Paragraph>
      </section>

      <section aria-labelledby="program" className="stack-lg">
        <Heading level={2} data-size="md" id="program">
          {t.program}
        </Heading>
        {program.days.map((day) => (
          <ProgramDaySection key={day.day.id} day={day} />
        ))}
        {program.digital.length > 0 ? (
          <section aria-labelledby="digital" className="stack">
            <Heading level={3} data-size="sm" id="digital">
              {t.digital}
            </Heading>
            <DigitalProgram items={program.digital} calendarHref={(id) => `/arrangementer/${event.slug}/kalender/${id}`} />
          </section>
        ) : null}
      </section>
    </article>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = text[languageFormOfMatches(matches)]
  return [{ title: data ? t.title(data.event.title) : t.notFound }]
}
