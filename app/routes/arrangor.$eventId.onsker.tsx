import { languageOf } from '~/utils/language.server'
import { Alert, Button, Heading, Link, Paragraph, Table } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { intentErrors } from '~/components/form'
import { OrganiserNav } from '~/components/organiser-nav'
import { formatClockRange, formatDateTime } from '~/domain/dates'
import { describeRoles } from '~/domain/roles'
import { wishRoundFormSchema } from '~/domain/session-wishes-form'
import { getSessionDemand } from '~/services/session-demand.server'
import { setWishRound } from '~/services/session-wishes.server'
import { handleIntent, intent, readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { ErrorAlert } from '~/components/error-alert'

/**
 * The demand for the parallel sessions of an event by wishes (decision 44):
 * per slot and session the 1st, 2nd and 3rd choices and how many
 * municipalities want each, against capacity, so the organiser can drop,
 * duplicate or move sessions and rooms on the program page before allocating;
 * and the form that closes (or reopens) the wish round. Organisers only.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const demand = await getSessionDemand(context.db, { userId: user.id }, idParam(params.eventId))
  if (!demand) notFound()
  const { event } = demand
  return {
    event: {
      id: event.id,
      title: event.title,
      byWishes: event.sessionAllocation === 'by_wishes',
      closedAt: event.wishRoundClosedAt ? formatDateTime(event.wishRoundClosedAt) : null,
      published: event.allocationPublishedAt !== null,
    },
    slots: demand.slots.map((s) => {
      const over = s.capacity !== null && Math.max(s.wishers, s.attendees) > s.capacity
      return {
        id: s.id,
        label: `${s.label}, ${s.dayLabel} ${formatClockRange(s.startsAt, s.endsAt)}`,
        wishers: s.wishers,
        attendees: s.attendees,
        capacity: s.capacity,
        over,
        sessions: s.sessions.map((x) => ({
          ...x,
          restricted: x.restrictedToRoles.length ? describeRoles(x.restrictedToRoles, 'nb').toLowerCase() : null,
          // More first choices than seats: the session fills from first choices alone.
          full: x.capacity !== null && x.first > x.capacity,
        })),
      }
    }),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const eventId = idParam(params.eventId)
  const round = (change: 'close' | 'reopen') => () => setWishRound(context.db, { userId: user.id }, eventId, change, context.now())
  const failed = await handleIntent(
    await readForm(request),
    {
      close: intent(wishRoundFormSchema, round('close')),
      reopen: intent(wishRoundFormSchema, round('reopen')),
    },
    await languageOf(request, context),
  )
  if (failed) return failed
  return redirect(`/arrangor/${eventId}/onsker?lagret=1`)
}

export default function SessionDemand() {
  const { event, slots } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const submitting = useNavigation().state === 'submitting'
  const error = intentErrors(answer?.result).join(' ') || null
  const program = `/arrangor/${event.id}/program`
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          Ønsker for parallelle sesjoner
        </Heading>
        <Paragraph>
          {event.title}. Hvor mange som har rangert hver sesjon som 1., 2. og 3. valg, og hvor mange kommuner som vil ha den. Juster programmet før du fordeler
          plassene: ta bort, dupliser eller flytt sesjoner og rom på{' '}
          <Link asChild>
            <RemixLink to={program}>programsiden</RemixLink>
          </Link>
          .
        </Paragraph>
      </div>
      {!event.byWishes ? (
        <Alert data-color="info">
          <Paragraph>
            Arrangementet gir plasser i parallelle sesjoner etter «Først til mølla». Velg «Etter ønsker» i{' '}
            <Link asChild>
              <RemixLink to={`/arrangor/${event.id}`}>innstillingene</RemixLink>
            </Link>{' '}
            for at deltakerne skal rangere sesjonene.
          </Paragraph>
        </Alert>
      ) : (
        <section aria-labelledby="runde" className="stack">
          <Heading level={2} data-size="md" id="runde">
            Ønskerunden
          </Heading>
          {searchParams.get('lagret') && !answer ? (
            <Alert data-color="success" role="status">
              <Paragraph>{event.closedAt ? 'Ønskerunden er avsluttet.' : 'Ønskerunden er åpen igjen.'}</Paragraph>
            </Alert>
          ) : null}
          <ErrorAlert messages={error} />
          {event.closedAt ? (
            <Paragraph>
              Avsluttet {event.closedAt}. Deltakerne og kontaktpersonene kan ikke lenger endre ønskene.{' '}
              {event.published ? 'Fordelingen er publisert, så runden kan ikke åpnes igjen.' : 'Du kan åpne den igjen til fordelingen er publisert.'}
            </Paragraph>
          ) : (
            <Paragraph>Åpen: deltakerne og kontaktpersonene kan rangere og endre ønskene. Avslutt runden før du fordeler plassene.</Paragraph>
          )}
          {event.published ? null : (
            <Form method="post">
              <input type="hidden" name="intent" value={event.closedAt ? 'reopen' : 'close'} />
              <Button type="submit" variant={event.closedAt ? 'secondary' : 'primary'} aria-disabled={submitting || undefined}>
                {event.closedAt ? 'Åpne ønskerunden igjen' : 'Avslutt ønskerunden'}
              </Button>
            </Form>
          )}
          <Paragraph>
            <Link asChild>
              <RemixLink to={`/arrangor/${event.id}/fordeling`}>Gå til fordelingen</RemixLink>
            </Link>
          </Paragraph>
        </section>
      )}
      {slots.length === 0 ? <Paragraph>Programmet har ingen parallelle sesjoner.</Paragraph> : null}
      {slots.map((slot) => (
        <section key={slot.id} aria-labelledby={`bolk-${slot.id}`} className="stack">
          <Heading level={2} data-size="sm" id={`bolk-${slot.id}`}>
            {slot.label}
          </Heading>
          <Paragraph>
            {slot.wishers} har ønsket sesjoner her, {slot.attendees} er med denne dagen;{' '}
            {slot.capacity === null ? 'plassene har ingen grense' : `${slot.capacity} plasser til sammen`}.
          </Paragraph>
          {slot.over ? (
            <Alert data-color="warning">
              <Paragraph>
                Etterspørselen er større enn plassene: {Math.max(slot.wishers, slot.attendees)} deltakere mot {slot.capacity} plasser. Øk kapasiteten, dupliser
                en sesjon eller flytt den til et større rom på{' '}
                <Link asChild>
                  <RemixLink to={program}>programsiden</RemixLink>
                </Link>
                .
              </Paragraph>
            </Alert>
          ) : null}
          <Table>
            <caption className="visually-hidden">Ønsker per sesjon i {slot.label}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>Sesjon</Table.HeaderCell>
                <Table.HeaderCell>1. valg</Table.HeaderCell>
                <Table.HeaderCell>2. valg</Table.HeaderCell>
                <Table.HeaderCell>3. valg</Table.HeaderCell>
                <Table.HeaderCell>Kommuner</Table.HeaderCell>
                <Table.HeaderCell>Kommuner med 1. valg</Table.HeaderCell>
                <Table.HeaderCell>Plasser</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {slot.sessions.map((s) => (
                <Table.Row key={s.id}>
                  <Table.Cell>
                    {s.title}
                    {s.room ? <span className="program-meta"> ({s.room})</span> : null}
                    {s.restricted ? <span className="program-meta"> (bare for {s.restricted})</span> : null}
                    {s.full ? <span className="program-meta"> Flere 1. valg enn plasser.</span> : null}
                  </Table.Cell>
                  <Table.Cell>{s.first}</Table.Cell>
                  <Table.Cell>{s.second}</Table.Cell>
                  <Table.Cell>{s.third}</Table.Cell>
                  <Table.Cell>{s.municipalities}</Table.Cell>
                  <Table.Cell>{s.firstMunicipalities}</Table.Cell>
                  <Table.Cell>{s.capacity ?? 'Ingen grense'}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </section>
      ))}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Ønsker – ${data.event.title} – Klimasamling` : 'Klimasamling' }]
