import { languageOf } from '~/utils/language.server'
import { Alert, Button, Heading, Link, Paragraph, Table, Tag } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link as RemixLink, useActionData, useLoaderData } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { z } from 'zod'
import { formatDateRange, formatDateTime, formatNight } from '~/domain/dates'
import { describeExtrasPricing, formatAmount } from '~/domain/money'
import { afterDeadline, can } from '~/domain/permissions'
import { eventPhase } from '~/domain/phase'
import { cancelParticipant, moveParticipant, restoreParticipant } from '~/services/participant-changes.server'
import { getRegistrationOverview, listRegistrationHistory } from '~/services/registration-view.server'
import { describeAction, subjectOf } from '~/domain/history'
import { handleIntent, intent, readForm } from '~/utils/forms.server'
import { intentErrors } from '~/components/form'
import { findRegistrationForUser } from '~/services/contact-persons.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { describeWishesOf } from '~/services/session-wishes.server'
import { ErrorAlert } from '~/components/error-alert'

const STATUS = { active: 'Påmeldt', cancelled: 'Avmeldt', late_cancelled: 'Sen avmelding', substituted: 'Erstattet' }

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const registration = await findRegistrationForUser(context.db, user.id, idParam(params.registrationId))
  if (!registration) notFound()
  const [overview, history] = await Promise.all([getRegistrationOverview(context.db, registration), listRegistrationHistory(context.db, registration)])
  const phase = eventPhase(registration, context.now())
  // By wishes, until the allocation is published: the ranked wishes beside the sessions (decision 44).
  const wishes = await describeWishesOf(
    context.db,
    registration.event_id,
    overview.participants.map((p) => p.id),
  )
  const { actor } = registration
  const money = (ore: number | null) => formatAmount(ore, overview.prices)
  const search = new URL(request.url).searchParams
  const coverageOf = (p: (typeof overview.participants)[number]) =>
    p.coveredOvernight
      ? 'en dekket overnattingsplass'
      : p.coveredDayPackages > 0
        ? p.amount === 0
          ? `dekket dagpakke (${p.coveredDayLabels.join(', ')})`
          : `dekket dagpakke (${p.coveredDayLabels.join(', ')}); resten betaler kommunen selv, ${money(p.amount)}`
        : null
  const canRestore = (p: (typeof overview.participants)[number]) =>
    can(actor, 'participant.restore', { phase, participant: { status: p.status, keptHoldings: p.cancelled_holdings !== null } })
  const confirming = overview.participants.find((p) => p.id === search.get('avmeld') && p.status === 'active')
  const canCancel = can(actor, 'participant.cancel', { phase })
  const late = afterDeadline(phase)
  return {
    status: statusMessage(
      search.get('melding'),
      overview.participants.find((p) => p.id === search.get('deltaker')),
      coverageOf,
      money,
    ),
    confirm:
      confirming && canCancel
        ? {
            id: confirming.id,
            name: confirming.name,
            late,
            consequences: late
              ? [
                  `Påmeldingsfristen er ute, så påmeldingen er bindende. ${confirming.name} blir registrert som sen avmelding, og arrangøren får beskjed.`,
                  confirming.coveredOvernight || confirming.coveredDayPackages > 0
                    ? `Den dekkede plassen og ${confirming.nights.length > 0 ? 'hotellrommet' : 'dagpakken'} teller fortsatt for kommunen og går ikke videre til en annen.`
                    : `Kommunen betaler fortsatt for deltakeren: ${money(confirming.amount)}. Bare arrangøren kan frafalle betalingen.`,
                  'Kan en annen fra kommunen komme i stedet, er det bedre å erstatte deltakeren: da beholder kommunen plassen.',
                  'Du kan angre avmeldingen fram til samlingen starter.',
                ]
              : [
                  `${confirming.name} mister plassen sin${confirming.nights.length > 0 ? ', og hotellrommet gis tilbake' : ''}.`,
                  confirming.coveredOvernight || confirming.coveredDayPackages > 0
                    ? 'Den dekkede plassen går videre til den neste i rekkefølgen som passer, og hun eller han får e-post om det.'
                    : 'Kommunen betaler ikke for deltakeren.',
                  'Du kan angre avmeldingen fram til samlingen starter, men har noen andre fått rommet eller den dekkede plassen i mellomtiden, får deltakeren dem ikke tilbake.',
                ],
          }
        : null,
    history: history.map((h) => ({
      id: h.id,
      at: formatDateTime(h.at),
      what: describeAction(h.action),
      who: h.actor_name ?? (h.actor_label === 'invitation link' ? 'Via invitasjonslenken' : 'Systemet'),
      subject: subjectOf(h.before, h.after),
    })),
    canEnrol: can(actor, 'participant.enrol', { phase }),
    canCancel,
    lateCancellation: late,
    canSubstitute: can(actor, 'participant.substitute', { phase }),
    canEdit: can(actor, 'participant.edit', { phase }),
    canReorder: can(actor, 'registration.reorder', { phase }),
    phase,
    meters: {
      overnight: overview.meters.overnightQuota === 0 ? 'ingen dekkes' : `${overview.meters.overnightUsed} av ${overview.meters.overnightQuota} brukt`,
      dayPackages: overview.meters.dayPackagesQuota === 0 ? 'ingen dekkes' : `${overview.meters.dayPackagesUsed} av ${overview.meters.dayPackagesQuota}`,
      selfPaid: `${
        overview.meters.selfPaidCount === 0
          ? 'ingen'
          : `${overview.meters.selfPaidCount} ${overview.meters.selfPaidCount === 1 ? 'person' : 'personer'}, ${money(overview.meters.selfPaidOre)}`
      }${overview.meters.lateCancelledBillable > 0 ? ` (sene avmeldinger er bindende og regnet med)` : ''}${
        overview.meters.waivedCount > 0 ? `; frafalt av arrangøren: ${money(overview.meters.waivedOre)}` : ''
      }`,
    },
    rows: overview.participants.map((p, _, all) => ({
      id: p.id,
      first: p.status === 'active' && all.find((x) => x.status === 'active')?.id === p.id,
      last: p.status === 'active' && all.findLast((x) => x.status === 'active')?.id === p.id,
      name: p.name,
      title: p.title,
      active: p.status === 'active',
      canRestore: canRestore(p),
      late: p.is_late_addition,
      days: p.days.join(', '),
      nights: p.nights.map(formatNight).join(', ') || 'Ingen',
      dinner: p.attends_dinner ? 'Ja' : 'Nei',
      sessions: [p.sessions.join(', '), wishes?.get(p.id) ? `Ønsker: ${wishes.get(p.id)}` : ''].filter(Boolean).join('. '),
      coverage:
        p.status === 'late_cancelled'
          ? `Sen avmelding, bindende: ${
              p.coveredOvernight || p.coveredDayPackages > 0
                ? 'den dekkede plassen teller fortsatt'
                : p.charge.waived
                  ? `frafalt av arrangøren (${p.charge.waiverReason})`
                  : `kommunen betaler ${money(p.amount)}`
            }`
          : p.status !== 'active'
            ? STATUS[p.status]
            : p.coveredOvernight
              ? 'Dekket overnatting'
              : p.coveredDayPackages > 0
                ? p.amount === 0
                  ? 'Dekket dagpakke'
                  : `Dagpakke dekket, resten egenbetalt (${money(p.amount)})`
                : `Egenbetalt (${money(p.amount)})`,
    })),
    coverageNote: coverageNote(overview.prices),
    id: registration.id,
    role: registration.role,
    municipality: registration.municipality_name,
    event: registration.event_title,
    eventSlug: registration.event_slug,
    dates: formatDateRange(registration.starts_at, registration.ends_at),
    deadline: formatDateTime(registration.deadline_at),
    contact: registration.contact_name
      ? {
          name: registration.contact_name,
          email: registration.contact_email,
          phone: registration.contact_phone,
          title: registration.contact_title,
        }
      : null,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const registrationId = idParam(params.registrationId)
  const statusOf = async (participantId: string) =>
    (await findRegistrationForUser(context.db, user.id, registrationId))?.participants.find((p) => p.id === participantId)?.status ?? null
  const belongsHere = async (participantId: string) => (await statusOf(participantId)) !== null
  // What happened, for the status message after the redirect (POST/redirect/GET).
  let done: { message: string; participantId: string } | null = null
  const failed = await handleIntent(
    await readForm(request),
    {
      // Asked first: the confirmation step (?avmeld=) posts `confirmed`; a cancel without it is sent to that step.
      cancel: intent(z.object({ participantId: z.uuid(), confirmed: z.literal('ja').optional() }), async ({ participantId, confirmed }) => {
        if (!(await belongsHere(participantId))) return null
        if (!confirmed) throw redirect(`/kommune/${registrationId}?avmeld=${participantId}#bekreft-avmelding`)
        const result = await cancelParticipant(context.db, context.mail, { userId: user.id }, participantId, context.now())
        if (result) done = { message: result.late ? 'sen-avmeldt' : 'avmeldt', participantId }
        // A second press of the same button (a double click, or back and again): already done, not a 404.
        const now = result ? null : await statusOf(participantId)
        if (now === 'cancelled' || now === 'late_cancelled') done = { message: now === 'late_cancelled' ? 'sen-avmeldt' : 'avmeldt', participantId }
        return result ?? (done ? {} : null)
      }),
      restore: intent(z.object({ participantId: z.uuid() }), async ({ participantId }) => {
        if (!(await belongsHere(participantId))) return null
        const result = await restoreParticipant(context.db, context.mail, { userId: user.id }, participantId, context.now())
        if (result) done = { message: result.droppedSessions.length > 0 ? 'angret-uten-sesjoner' : 'angret', participantId }
        if (!result && (await statusOf(participantId)) === 'active') done = { message: 'angret', participantId }
        return result ?? (done ? {} : null)
      }),
      move: intent(z.object({ participantId: z.uuid(), direction: z.enum(['up', 'down']) }), async ({ participantId, direction }) => {
        if (!(await belongsHere(participantId))) return null
        return moveParticipant(context.db, context.mail, { userId: user.id }, participantId, direction, context.now())
      }),
    },
    await languageOf(request, context),
  )
  if (failed) return failed
  const outcome = done as { message: string; participantId: string } | null
  return redirect(outcome ? `/kommune/${registrationId}?melding=${outcome.message}&deltaker=${outcome.participantId}#status` : `/kommune/${registrationId}`)
}

/** What the page says after a change, naming the participant; null for an unknown message or participant. */
function statusMessage(
  kind: string | null,
  p: { name: string; status: string; amount: number | null; charge: { waived: boolean } } | undefined,
  coverageOf: (p: never) => string | null,
  money: (ore: number | null) => string,
): { text: string; kind: string } | null {
  if (!kind || !p) return null
  const coverage = coverageOf(p as never)
  const pays = p.amount === 0 ? 'Kommunen betaler ikke for deltakeren.' : `Deltakeren er egenbetalt: ${money(p.amount)}.`
  switch (kind) {
    case 'pameldt':
      if (p.status !== 'active') return null
      return {
        kind,
        text: `${coverage ? `${p.name} er meldt på og har fått ${coverage}.` : `${p.name} er meldt på, uten dekket plass. ${pays}`} Deltakeren får bekreftelse på e-post, med kontaktpersonen i kopi.`,
      }
    case 'endret':
      if (p.status !== 'active') return null
      return { kind, text: `Endringene for ${p.name} er lagret.${coverage ? ` ${p.name} har ${coverage}.` : ` ${pays}`}` }
    case 'avmeldt':
      return { kind, text: `${p.name} er meldt av. Du kan angre avmeldingen i listen under fram til samlingen starter.` }
    case 'sen-avmeldt':
      return {
        kind,
        text: `${p.name} er registrert som sen avmelding. Påmeldingen er bindende: ${
          coverage
            ? 'den dekkede plassen teller fortsatt for kommunen'
            : p.amount === 0
              ? 'kommunen betalte ikke for deltakeren'
              : `kommunen betaler fortsatt ${money(p.amount)}`
        }. Du kan angre avmeldingen fram til samlingen starter.`,
      }
    case 'angret':
    case 'angret-uten-sesjoner':
      if (p.status !== 'active') return null
      return {
        kind,
        text: `Avmeldingen av ${p.name} er angret, og deltakeren er påmeldt igjen${coverage ? ` med ${coverage}` : ''}.${coverage ? '' : ` ${pays}`}${
          kind === 'angret-uten-sesjoner' ? ' Noen av sesjonene deltakeren hadde valgt, er blitt fulle og måtte tas bort; velg nye under Endre.' : ''
        }`,
      }
    default:
      return null
  }
}

/** What extras cost, when the event is free or the price is to be agreed: said once above the list. */
function coverageNote(rules: Parameters<typeof describeExtrasPricing>[0]): string | null {
  return describeExtrasPricing(rules)
}

export default function MunicipalityRegistration() {
  const r = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const rowError = intentErrors(actionData?.result).join(' ') || null
  return (
    <div className="stack-lg">
      {r.status ? <StatusMessage key={`${r.status.kind}-${r.status.text}`} text={r.status.text} /> : null}
      {r.confirm ? <ConfirmCancellation registrationId={r.id} confirm={r.confirm} /> : null}
      <div className="stack">
        <Heading level={1} data-size="lg">
          {r.municipality} kommune: {r.event}
        </Heading>
        <Paragraph>
          {r.dates}.{' '}
          <Link asChild>
            <RemixLink to={`/arrangementer/${r.eventSlug}`}>Program og praktisk informasjon</RemixLink>
          </Link>
          . Påmeldingsfristen er {r.deadline}.
        </Paragraph>
      </div>
      <section aria-labelledby="kontaktperson" className="stack">
        <Heading level={2} data-size="md" id="kontaktperson">
          Kontaktperson
        </Heading>
        {r.contact ? (
          <dl className="facts">
            <dt>Navn</dt>
            <dd>{r.contact.name}</dd>
            <dt>E-post</dt>
            <dd>{r.contact.email}</dd>
            {r.contact.phone ? (
              <>
                <dt>Telefon</dt>
                <dd>{r.contact.phone}</dd>
              </>
            ) : null}
            {r.contact.title ? (
              <>
                <dt>Stilling</dt>
                <dd>{r.contact.title}</dd>
              </>
            ) : null}
          </dl>
        ) : (
          <Paragraph>Kommunen har ikke valgt kontaktperson ennå.</Paragraph>
        )}
        <Paragraph>
          <Link asChild>
            <RemixLink to={`/kommune/${r.id}/kontaktperson`}>
              {r.role === 'contact_person' ? 'Gi rollen som kontaktperson til en kollega' : 'Endre kontaktperson'}
            </RemixLink>
          </Link>
        </Paragraph>
      </section>
      <section aria-labelledby="deltakere" className="stack">
        <Heading level={2} data-size="md" id="deltakere">
          Deltakere
        </Heading>
        <dl className="facts" aria-label="Dekning">
          <dt>Dekket overnatting</dt>
          <dd>{r.meters.overnight}</dd>
          <dt>Dagpakker</dt>
          <dd>{r.meters.dayPackages}</dd>
          <dt>Egenbetalt</dt>
          <dd>{r.meters.selfPaid}</dd>
        </dl>
        {r.coverageNote ? <Paragraph>{r.coverageNote}</Paragraph> : null}
        <ErrorAlert messages={rowError} />
        {r.canEnrol ? (
          <Paragraph>
            <Link asChild>
              <RemixLink to={`/kommune/${r.id}/ny-deltaker`}>Meld på en deltaker</RemixLink>
            </Link>
          </Paragraph>
        ) : (
          <Paragraph>
            {r.phase === 'announced' || r.phase === 'draft'
              ? 'Påmeldingen har ikke åpnet ennå.'
              : 'Påmeldingsfristen er ute. Nye deltakere meldes på av arrangøren.'}
          </Paragraph>
        )}
        {r.rows.length === 0 ? (
          <Paragraph>Ingen deltakere er påmeldt ennå.</Paragraph>
        ) : (
          <>
            <Paragraph>
              De dekkede plassene går til deltakerne i rekkefølgen under
              {r.canReorder ? '; flytt en deltaker opp eller ned for å endre hvem som bruker dem' : ''}.
            </Paragraph>
            <Table>
              <caption>Påmeldte fra {r.municipality} kommune</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>Navn</Table.HeaderCell>
                  <Table.HeaderCell>Dager</Table.HeaderCell>
                  <Table.HeaderCell>Netter</Table.HeaderCell>
                  <Table.HeaderCell>Middag</Table.HeaderCell>
                  <Table.HeaderCell>Sesjoner</Table.HeaderCell>
                  <Table.HeaderCell>Dekning</Table.HeaderCell>
                  <Table.HeaderCell>Handlinger</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {r.rows.map((p) => (
                  <Table.Row key={p.id}>
                    <Table.Cell>
                      {p.name}
                      {p.title ? <span className="program-meta">, {p.title}</span> : null}
                      {p.late ? (
                        <>
                          {' '}
                          <Tag data-size="sm" data-color="warning">
                            Sen påmelding
                          </Tag>
                        </>
                      ) : null}
                    </Table.Cell>
                    <Table.Cell>{p.days}</Table.Cell>
                    <Table.Cell>{p.nights}</Table.Cell>
                    <Table.Cell>{p.dinner}</Table.Cell>
                    <Table.Cell>{p.sessions || '–'}</Table.Cell>
                    <Table.Cell>{p.coverage}</Table.Cell>
                    <Table.Cell>
                      {p.active ? (
                        <div className="row-actions">
                          {r.canEdit ? (
                            <Link asChild>
                              <RemixLink to={`/kommune/${r.id}/deltaker/${p.id}`}>
                                Endre<span className="visually-hidden"> {p.name}</span>
                              </RemixLink>
                            </Link>
                          ) : null}
                          {r.canSubstitute ? (
                            <Link asChild>
                              <RemixLink to={`/kommune/${r.id}/erstatt/${p.id}`}>
                                Erstatt<span className="visually-hidden"> {p.name}</span>
                              </RemixLink>
                            </Link>
                          ) : null}
                          {r.canReorder ? <MoveButton participant={p} direction="up" unavailable={p.first} /> : null}
                          {r.canReorder ? <MoveButton participant={p} direction="down" unavailable={p.last} /> : null}
                          {r.canCancel ? (
                            // Asks first: a link to the confirmation step, which works without JavaScript.
                            <Link asChild>
                              <RemixLink to={`/kommune/${r.id}?avmeld=${p.id}#bekreft-avmelding`}>
                                {r.lateCancellation ? 'Sen avmelding' : 'Meld av'}
                                <span className="visually-hidden"> {p.name}</span>
                              </RemixLink>
                            </Link>
                          ) : null}
                        </div>
                      ) : p.canRestore ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="restore" />
                          <input type="hidden" name="participantId" value={p.id} />
                          <Button type="submit" variant="tertiary" data-size="sm">
                            Angre avmeldingen<span className="visually-hidden"> av {p.name}</span>
                          </Button>
                        </Form>
                      ) : null}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </>
        )}
      </section>
      <section aria-labelledby="historikk" className="stack">
        <Heading level={2} data-size="md" id="historikk">
          Historikk
        </Heading>
        {r.history.length === 0 ? (
          <Paragraph>Ingenting er endret ennå.</Paragraph>
        ) : (
          <Table data-size="sm">
            <caption className="visually-hidden">Endringer i påmeldingen, nyeste først</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>Tidspunkt</Table.HeaderCell>
                <Table.HeaderCell>Hva</Table.HeaderCell>
                <Table.HeaderCell>Hvem</Table.HeaderCell>
                <Table.HeaderCell>Utført av</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {r.history.map((h) => (
                <Table.Row key={h.id}>
                  <Table.Cell>{h.at}</Table.Cell>
                  <Table.Cell>{h.what}</Table.Cell>
                  <Table.Cell>{h.subject}</Table.Cell>
                  <Table.Cell>{h.who}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </section>
    </div>
  )
}

/** What just happened, as a status message that takes focus, so a screen reader and a keyboard user start there. */
function StatusMessage({ text }: { text: string }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    ref.current?.focus()
  }, [])
  return (
    <Alert data-color="success" role="status" id="status" ref={ref} tabIndex={-1}>
      <Paragraph>{text}</Paragraph>
    </Alert>
  )
}

/**
 * The step before a cancellation: names the person and what it means (a late
 * cancellation stays binding), with the button that cancels and a way back.
 * Takes focus when it opens.
 */
function ConfirmCancellation({
  registrationId,
  confirm,
}: {
  registrationId: string
  confirm: { id: string; name: string; late: boolean; consequences: string[] }
}) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    ref.current?.focus()
  }, [])
  return (
    <Alert data-color="warning" id="bekreft-avmelding">
      <div className="stack">
        <Heading level={2} data-size="sm" ref={ref} tabIndex={-1}>
          {confirm.late ? `Sen avmelding av ${confirm.name}?` : `Vil du melde av ${confirm.name}?`}
        </Heading>
        {confirm.consequences.map((c) => (
          <Paragraph key={c}>{c}</Paragraph>
        ))}
        <Form method="post" className="row-actions">
          <input type="hidden" name="intent" value="cancel" />
          <input type="hidden" name="participantId" value={confirm.id} />
          <input type="hidden" name="confirmed" value="ja" />
          <Button type="submit" data-color="danger">
            {confirm.late ? `Ja, registrer sen avmelding av ${confirm.name}` : `Ja, meld av ${confirm.name}`}
          </Button>
          <Link asChild>
            <RemixLink to={`/kommune/${registrationId}`}>Nei, behold påmeldingen</RemixLink>
          </Link>
        </Form>
      </div>
    </Alert>
  )
}

/**
 * Moves a participant one step in the order of the covered places. At the
 * top (or bottom) the button stays, marked unavailable, so keyboard focus is
 * not lost when a move takes the participant there; posting it changes nothing.
 */
function MoveButton({ participant, direction, unavailable }: { participant: { id: string; name: string }; direction: 'up' | 'down'; unavailable: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="participantId" value={participant.id} />
      <input type="hidden" name="direction" value={direction} />
      <Button
        type="submit"
        variant="tertiary"
        data-size="sm"
        aria-disabled={unavailable || undefined}
        onClick={(event) => {
          if (unavailable) event.preventDefault()
        }}
      >
        {direction === 'up' ? 'Flytt opp' : 'Flytt ned'}
        <span className="visually-hidden"> {participant.name}</span>
      </Button>
    </Form>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.municipality} kommune – ${data.event} – Klimasamling` : 'Klimasamling' },
]
