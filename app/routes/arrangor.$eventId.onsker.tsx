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
import { languageFormOfMatches, useTexts } from '~/components/language'
import { texts } from '~/domain/language'

const text = texts({
  nb: {
    title: 'Ønsker for parallelle sesjoner',
    metaTitle: (event: string) => `Ønsker – ${event} – Klimasamling`,
    intro: (event: string) =>
      `${event}. Hvor mange som har rangert hver sesjon som 1., 2. og 3. valg, og hvor mange kommuner som vil ha den. Juster programmet før du fordeler plassene: ta bort, dupliser eller flytt sesjoner og rom på`,
    programPage: 'programsiden',
    firstComeBefore: 'Arrangementet gir plasser i parallelle sesjoner etter «Først til mølla». Velg «Etter ønsker» i',
    settings: 'innstillingene',
    firstComeAfter: 'for at deltakerne skal rangere sesjonene.',
    round: 'Ønskerunden',
    closedSaved: 'Ønskerunden er avsluttet.',
    reopenedSaved: 'Ønskerunden er åpen igjen.',
    closedAt: (at: string) => `Avsluttet ${at}. Deltakerne og kontaktpersonene kan ikke lenger endre ønskene.`,
    publishedLocked: 'Fordelingen er publisert, så runden kan ikke åpnes igjen.',
    canReopen: 'Du kan åpne den igjen til fordelingen er publisert.',
    open: 'Åpen: deltakerne og kontaktpersonene kan rangere og endre ønskene. Avslutt runden før du fordeler plassene.',
    reopen: 'Åpne ønskerunden igjen',
    close: 'Avslutt ønskerunden',
    toAllocation: 'Gå til fordelingen',
    noSlots: 'Programmet har ingen parallelle sesjoner.',
    slotSummary: (wishers: number, attendees: number) => `${wishers} har ønsket sesjoner her, ${attendees} er med denne dagen;`,
    noLimit: 'plassene har ingen grense',
    places: (n: number) => `${n} plasser til sammen`,
    over: (people: number, places: number | null) =>
      `Etterspørselen er større enn plassene: ${people} deltakere mot ${places} plasser. Øk kapasiteten, dupliser en sesjon eller flytt den til et større rom på`,
    caption: (slot: string) => `Ønsker per sesjon i ${slot}`,
    session: 'Sesjon',
    first: '1. valg',
    second: '2. valg',
    third: '3. valg',
    municipalities: 'Kommuner',
    firstMunicipalities: 'Kommuner med 1. valg',
    capacity: 'Plasser',
    only: (roles: string) => ` (bare for ${roles})`,
    full: ' Flere 1. valg enn plasser.',
    noLimitCell: 'Ingen grense',
  },
  nn: {
    title: 'Ønske for parallelle sesjonar',
    metaTitle: (event: string) => `Ønske – ${event} – Klimasamling`,
    intro: (event: string) =>
      `${event}. Kor mange som har rangert kvar sesjon som 1., 2. og 3. val, og kor mange kommunar som vil ha han. Juster programmet før du fordeler plassane: ta bort, dupliser eller flytt sesjonar og rom på`,
    programPage: 'programsida',
    firstComeBefore: 'Arrangementet gir plassar i parallelle sesjonar etter «Først til mølla». Vel «Etter ønske» i',
    settings: 'innstillingane',
    firstComeAfter: 'for at deltakarane skal rangere sesjonane.',
    round: 'Ønskerunden',
    closedSaved: 'Ønskerunden er avslutta.',
    reopenedSaved: 'Ønskerunden er open igjen.',
    closedAt: (at: string) => `Avslutta ${at}. Deltakarane og kontaktpersonane kan ikkje lenger endre ønska.`,
    publishedLocked: 'Fordelinga er publisert, så runden kan ikkje opnast igjen.',
    canReopen: 'Du kan opne han igjen til fordelinga er publisert.',
    open: 'Open: deltakarane og kontaktpersonane kan rangere og endre ønska. Avslutt runden før du fordeler plassane.',
    reopen: 'Opne ønskerunden igjen',
    close: 'Avslutt ønskerunden',
    toAllocation: 'Gå til fordelinga',
    noSlots: 'Programmet har ingen parallelle sesjonar.',
    slotSummary: (wishers: number, attendees: number) => `${wishers} har ønskt seg sesjonar her, ${attendees} er med denne dagen;`,
    noLimit: 'plassane har inga grense',
    places: (n: number) => `${n} plassar til saman`,
    over: (people: number, places: number | null) =>
      `Etterspurnaden er større enn plassane: ${people} deltakarar mot ${places} plassar. Auk kapasiteten, dupliser ein sesjon eller flytt han til eit større rom på`,
    caption: (slot: string) => `Ønske per sesjon i ${slot}`,
    session: 'Sesjon',
    first: '1. val',
    second: '2. val',
    third: '3. val',
    municipalities: 'Kommunar',
    firstMunicipalities: 'Kommunar med 1. val',
    capacity: 'Plassar',
    only: (roles: string) => ` (berre for ${roles})`,
    full: ' Fleire 1. val enn plassar.',
    noLimitCell: 'Inga grense',
  },
})

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
  const languageForm = await languageOf(request, context)
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
          restricted: x.restrictedToRoles.length ? describeRoles(x.restrictedToRoles, languageForm).toLowerCase() : null,
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
  const t = useTexts(text)
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          {t.title}
        </Heading>
        <Paragraph>
          {t.intro(event.title)}{' '}
          <Link asChild>
            <RemixLink to={program}>{t.programPage}</RemixLink>
          </Link>
          .
        </Paragraph>
      </div>
      {!event.byWishes ? (
        <Alert data-color="info">
          <Paragraph>
            {t.firstComeBefore}{' '}
            <Link asChild>
              <RemixLink to={`/arrangor/${event.id}`}>{t.settings}</RemixLink>
            </Link>{' '}
            {t.firstComeAfter}
          </Paragraph>
        </Alert>
      ) : (
        <section aria-labelledby="runde" className="stack">
          <Heading level={2} data-size="md" id="runde">
            {t.round}
          </Heading>
          {searchParams.get('lagret') && !answer ? (
            <Alert data-color="success" role="status">
              <Paragraph>{event.closedAt ? t.closedSaved : t.reopenedSaved}</Paragraph>
            </Alert>
          ) : null}
          <ErrorAlert messages={error} />
          {event.closedAt ? (
            <Paragraph>
              {t.closedAt(event.closedAt)} {event.published ? t.publishedLocked : t.canReopen}
            </Paragraph>
          ) : (
            <Paragraph>{t.open}</Paragraph>
          )}
          {event.published ? null : (
            <Form method="post">
              <input type="hidden" name="intent" value={event.closedAt ? 'reopen' : 'close'} />
              <Button type="submit" variant={event.closedAt ? 'secondary' : 'primary'} aria-disabled={submitting || undefined}>
                {event.closedAt ? t.reopen : t.close}
              </Button>
            </Form>
          )}
          <Paragraph>
            <Link asChild>
              <RemixLink to={`/arrangor/${event.id}/fordeling`}>{t.toAllocation}</RemixLink>
            </Link>
          </Paragraph>
        </section>
      )}
      {slots.length === 0 ? <Paragraph>{t.noSlots}</Paragraph> : null}
      {slots.map((slot) => (
        <section key={slot.id} aria-labelledby={`bolk-${slot.id}`} className="stack">
          <Heading level={2} data-size="sm" id={`bolk-${slot.id}`}>
            {slot.label}
          </Heading>
          <Paragraph>
            {t.slotSummary(slot.wishers, slot.attendees)} {slot.capacity === null ? t.noLimit : t.places(slot.capacity)}.
          </Paragraph>
          {slot.over ? (
            <Alert data-color="warning">
              <Paragraph>
                {t.over(Math.max(slot.wishers, slot.attendees), slot.capacity)}{' '}
                <Link asChild>
                  <RemixLink to={program}>{t.programPage}</RemixLink>
                </Link>
                .
              </Paragraph>
            </Alert>
          ) : null}
          <Table>
            <caption className="visually-hidden">{t.caption(slot.label)}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t.session}</Table.HeaderCell>
                <Table.HeaderCell>{t.first}</Table.HeaderCell>
                <Table.HeaderCell>{t.second}</Table.HeaderCell>
                <Table.HeaderCell>{t.third}</Table.HeaderCell>
                <Table.HeaderCell>{t.municipalities}</Table.HeaderCell>
                <Table.HeaderCell>{t.firstMunicipalities}</Table.HeaderCell>
                <Table.HeaderCell>{t.capacity}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {slot.sessions.map((s) => (
                <Table.Row key={s.id}>
                  <Table.Cell>
                    {s.title}
                    {s.room ? <span className="program-meta"> ({s.room})</span> : null}
                    {s.restricted ? <span className="program-meta">{t.only(s.restricted)}</span> : null}
                    {s.full ? <span className="program-meta">{t.full}</span> : null}
                  </Table.Cell>
                  <Table.Cell>{s.first}</Table.Cell>
                  <Table.Cell>{s.second}</Table.Cell>
                  <Table.Cell>{s.third}</Table.Cell>
                  <Table.Cell>{s.municipalities}</Table.Cell>
                  <Table.Cell>{s.firstMunicipalities}</Table.Cell>
                  <Table.Cell>{s.capacity ?? t.noLimitCell}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        </section>
      ))}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].metaTitle(data.event.title) : 'Klimasamling' },
]
