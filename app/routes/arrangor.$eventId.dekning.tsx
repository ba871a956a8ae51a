import { languageOf } from '~/utils/language.server'
import { Alert, Button, Field, Heading, Input, Label, Link, Paragraph, Select, Table, Tag, ValidationMessage } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link as RemixLink, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { intentErrors } from '~/components/form'
import { OrganiserNav } from '~/components/organiser-nav'
import { pageParam, ServerPagination } from '~/components/pagination'
import { formatDateTime } from '~/domain/dates'
import { wholeNumber } from '~/domain/event-form'
import { requiredMultilineText } from '~/domain/forms'
import { formatAmount } from '~/domain/money'
import { grantCoverage, previewCoverageConfirmation, previewCoverageConfirmations, sendCoverageConfirmations } from '~/services/coverage-confirmation.server'
import { containsText, pageOf } from '~/services/event-overview.server'
import { listNoShows } from '~/services/attendance.server'
import { waiveCharge } from '~/services/participant-changes.server'
import { handleIntent, intent, readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { ErrorAlert } from '~/components/error-alert'

/**
 * Grants and the coverage confirmation to every municipality (the overview
 * builds on it). The municipalities with participants are listed a page at a
 * time, filtered by name or by whether their confirmation is due; no message
 * is rendered here: each opens on its own page (decision 41, docs/decisions).
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const eventId = idParam(params.eventId)
  const [preview, attendance] = await Promise.all([
    previewCoverageConfirmations(context.db, { userId: user.id }, eventId, context.now()),
    // The no-shows (decision 047): nothing until a gathering day has ended.
    listNoShows(context.db, { userId: user.id }, eventId, context.now()),
  ])
  if (!preview || !attendance) notFound()
  const { event, deadlinePassed, municipalities } = preview
  const search = new URL(request.url).searchParams
  const sent = search.get('sendt')
  const grantedTo = municipalities.find((m) => m.registrationId === search.get('tildelt'))
  const promoted = Number(search.get('fikk') ?? 0)
  const money = (ore: number | null) => formatAmount(ore, event)
  const waived = search.get('frafalt')
  const waivedFor = [...municipalities.flatMap((m) => m.lateCancellations), ...attendance.noShows].find((p) => p.id === search.get('deltaker'))
  // The late cancellations grow with the event too: a page of them at a time (?sene-side=).
  const late = pageOf(
    municipalities.flatMap((m) => m.lateCancellations.map((p) => ({ p, m }))),
    pageParam(search.get('sene-side')),
  )
  const filter = { kommune: (search.get('kommune') ?? '').trim().slice(0, 100), vis: search.get('vis') === 'due' ? 'due' : 'all' }
  // Municipalities without participants have nothing to confirm or grant; they are counted, not listed.
  const listed = municipalities.filter((m) => m.participants > 0)
  const shown = pageOf(
    listed.filter((m) => (filter.vis === 'due' ? m.changed : true) && (filter.kommune ? containsText(m.name, filter.kommune) : true)),
    pageParam(search.get('side')),
  )
  return {
    waiverSaved:
      waivedFor && (waived === '1' || waived === '0')
        ? waived === '1'
          ? `Betalingen for ${waivedFor.name} er frafalt. Begrunnelsen står i fakturagrunnlaget og i bekreftelsen til kommunen.`
          : `Frafallet for ${waivedFor.name} er trukket tilbake. Kommunen betaler igjen for deltakeren.`
        : null,
    lateCancellations: late.rows.map(({ p, m }) => ({
      id: p.id,
      name: p.name,
      municipality: m.name,
      holds: p.coveredOvernight
        ? 'Dekket overnatting (rommet og plassen teller fortsatt)'
        : p.coveredDayPackages > 0
          ? 'Dekket dagpakke (teller fortsatt i kvoten)'
          : 'Egenbetalt',
      amount: p.charge.amountOre === 0 ? 'Ingenting' : money(p.charge.amountOre),
      waivable: p.charge.amountOre !== 0,
      waiverReason: p.charge.waiverReason,
    })),
    latePage: { page: late.page, pages: late.pages, matching: late.total },
    // Who did not come, once a day is over; a waiver made from the Oppmøte page (?fra=oppmote) leads back there.
    noShowsShown: attendance.anyDayEnded,
    from: search.get('fra') === 'oppmote' ? 'oppmote' : null,
    noShows: attendance.noShows.map((p) => ({
      id: p.id,
      name: p.name,
      municipality: p.municipality,
      days: p.days.join(', '),
      holds: p.covered ? 'Dekket plass (teller i kvoten)' : 'Egenbetalt',
      amount: p.charge.amountOre === 0 ? 'Ingenting' : money(p.charge.amountOre),
      waivable: p.charge.amountOre !== 0,
      waiverReason: p.charge.waiverReason,
    })),
    event: { id: event.id, title: event.title, deadline: formatDateTime(event.deadline_at) },
    deadlinePassed,
    sentNow: sent !== null && /^\d+$/.test(sent) ? Number(sent) : null,
    grantSaved: grantedTo
      ? `Ekstra dekning for ${grantedTo.name} er lagret: ${grantedTo.grants.overnight} overnatting og ${grantedTo.grants.dayPackages} dagpakker.${
          Number.isInteger(promoted) && promoted > 0 ? ` ${promoted} ${promoted === 1 ? 'deltaker' : 'deltakere'} fikk dekket plass og får e-post om det.` : ''
        }`
      : null,
    toSend: municipalities.filter((m) => m.changed).length,
    without: municipalities.length - listed.length,
    filter,
    listed: listed.length,
    page: { page: shown.page, pages: shown.pages, matching: shown.total },
    municipalities: shown.rows.map((m) => ({
      id: m.registrationId,
      name: m.name,
      participants: m.participants,
      overnight: `${m.meters.overnightUsed} av ${m.meters.overnightQuota}`,
      dayPackages: `${m.meters.dayPackagesUsed} av ${m.meters.dayPackagesQuota}`,
      selfPaid: `${m.meters.selfPaidCount === 0 ? 'ingen' : `${m.meters.selfPaidCount}, ${money(m.meters.selfPaidOre)}`}${
        m.meters.waivedCount > 0 ? ` (frafalt: ${m.meters.waivedCount}, ${money(m.meters.waivedOre)})` : ''
      }`,
      grants: m.grants,
      status: m.changed ? (m.confirmedAt ? 'Endret siden sist' : 'Ikke sendt') : `Sendt ${formatDateTime(m.confirmedAt ?? new Date())}`,
      changed: m.changed,
      noShows: attendance.countByRegistration.get(m.registrationId) ?? 0,
    })),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const eventId = idParam(params.eventId)
  const actor = { userId: user.id }
  // What the handler did, for the page after the redirect.
  const outcome: { sent: number; granted?: { registrationId: string; promoted: number }; waived?: { participantId: string; waived: boolean } } = { sent: 0 }
  const formData = await readForm(request)
  // A waiver made from the Oppmøte page returns there (one fixed page, never a path from the form).
  const back = formData.get('fra') === 'oppmote'
  const failed = await handleIntent(
    formData,
    {
      grant: intent(z.object({ registrationId: z.uuid(), overnight: wholeNumber, dayPackages: wholeNumber }), async (g) => {
        // Only a municipality invited to this event (grantCoverage checks only that the actor organises the municipality's event).
        if (!(await previewCoverageConfirmation(context.db, actor, eventId, g.registrationId, context.now()))) return null
        const result = await grantCoverage(
          context.db,
          context.mail,
          actor,
          g.registrationId,
          { overnight: g.overnight, dayPackages: g.dayPackages },
          context.now(),
        )
        if (result) outcome.granted = { registrationId: g.registrationId, promoted: result.promoted.length }
        return result
      }),
      waive: intent(
        z.object({
          participantId: z.uuid(),
          reason: requiredMultilineText('Skriv hvorfor kommunen ikke skal betale.', 500, { tooLong: 'Skriv kortere, høyst 500 tegn.' }),
        }),
        async ({ participantId, reason }) => {
          const result = await waiveCharge(context.db, actor, participantId, reason, context.now())
          if (result) outcome.waived = { participantId, waived: true }
          return result
        },
      ),
      unwaive: intent(z.object({ participantId: z.uuid() }), async ({ participantId }) => {
        const result = await waiveCharge(context.db, actor, participantId, null, context.now())
        if (result) outcome.waived = { participantId, waived: false }
        return result
      }),
      send: intent(z.object({}), async () => {
        const queued = await sendCoverageConfirmations(context.db, context.mail, actor, eventId, context.now())
        outcome.sent = queued ?? 0
        return queued
      }),
    },
    await languageOf(request, context),
  )
  if (failed) return failed
  if (outcome.waived && back) return redirect(`/arrangor/${eventId}/oppmote?deltaker=${outcome.waived.participantId}&frafalt=${outcome.waived.waived ? 1 : 0}`)
  if (outcome.waived)
    return redirect(`/arrangor/${eventId}/dekning?deltaker=${outcome.waived.participantId}&frafalt=${outcome.waived.waived ? 1 : 0}#sene-avmeldinger`)
  if (outcome.granted) return redirect(`/arrangor/${eventId}/dekning?tildelt=${outcome.granted.registrationId}&fikk=${outcome.granted.promoted}`)
  return redirect(`/arrangor/${eventId}/dekning${outcome.sent > 0 ? `?sendt=${outcome.sent}` : ''}`)
}

export default function Coverage() {
  const {
    event,
    deadlinePassed,
    sentNow,
    grantSaved,
    toSend,
    without,
    filter,
    listed,
    page,
    municipalities,
    lateCancellations,
    latePage,
    waiverSaved,
    noShowsShown,
    noShows,
    from,
  } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const waiveFailed = actionData?.intent === 'waive' || actionData?.intent === 'unwaive'
  const error = waiveFailed ? null : intentErrors(actionData?.result).join(' ') || null
  const waiveError = waiveFailed ? intentErrors(actionData?.result).join(' ') || null : null
  const waiveFor = waiveFailed ? String((actionData?.result?.initialValue as Record<string, unknown> | undefined)?.participantId ?? '') : ''
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          Dekning og bekreftelse
        </Heading>
        <Paragraph>
          Etter fristen ({event.deadline}) kan du gi en kommune ekstra dekkede plasser og se virkningen med en gang. Deretter sender du hver kontaktperson en
          bekreftelse på hva som dekkes og hva kommunen betaler. Sender du igjen, får bare kommunene der noe er endret en ny bekreftelse.
        </Paragraph>
        {sentNow !== null ? (
          <Alert data-color="success" role="status">
            <Paragraph>
              Bekreftelsen er lagt i kø til {sentNow} {sentNow === 1 ? 'kommune' : 'kommuner'}.
            </Paragraph>
          </Alert>
        ) : null}
        {grantSaved ? (
          <Alert data-color="success" role="status">
            <Paragraph>{grantSaved}</Paragraph>
          </Alert>
        ) : null}
        <ErrorAlert messages={error} />
        {deadlinePassed ? (
          <Form method="post">
            <input type="hidden" name="intent" value="send" />
            <Button type="submit" aria-disabled={toSend === 0 || undefined}>
              {toSend === 0 ? 'Alle bekreftelser er sendt' : `Send bekreftelse til ${toSend} ${toSend === 1 ? 'kommune' : 'kommuner'}`}
            </Button>
          </Form>
        ) : (
          <Paragraph>Bekreftelsen kan sendes når fristen er ute.</Paragraph>
        )}
      </div>
      {without > 0 ? (
        <Paragraph>
          {without} inviterte {without === 1 ? 'kommune' : 'kommuner'} har ingen påmeldte og får ingen bekreftelse.
        </Paragraph>
      ) : null}
      {listed === 0 ? (
        <Paragraph>Ingen kommuner har påmeldte ennå.</Paragraph>
      ) : (
        <Form method="get" className="row-actions" role="search" aria-label="Finn kommuner">
          <Field>
            <Label htmlFor="kommune">Kommune</Label>
            <Input id="kommune" name="kommune" type="search" defaultValue={filter.kommune} maxLength={100} />
          </Field>
          <Field>
            <Label htmlFor="vis">Vis</Label>
            <Select id="vis" name="vis" defaultValue={filter.vis}>
              <Select.Option value="all">Alle med påmeldte</Select.Option>
              <Select.Option value="due">Ikke sendt eller endret</Select.Option>
            </Select>
          </Field>
          <Button type="submit">Vis</Button>
        </Form>
      )}
      {listed > 0 && municipalities.length === 0 ? <Paragraph>Ingen kommuner passer søket.</Paragraph> : null}
      {municipalities.length === 0 ? null : (
        <Table>
          <caption>Dekning per kommune med påmeldte</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>Kommune</Table.HeaderCell>
              <Table.HeaderCell>Deltakere</Table.HeaderCell>
              <Table.HeaderCell>Dekket overnatting</Table.HeaderCell>
              <Table.HeaderCell>Dagpakker</Table.HeaderCell>
              <Table.HeaderCell>Egenbetalt</Table.HeaderCell>
              {noShowsShown ? <Table.HeaderCell>Ikke møtt</Table.HeaderCell> : null}
              <Table.HeaderCell>Ekstra dekket</Table.HeaderCell>
              <Table.HeaderCell>Bekreftelse</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {municipalities.map((m) => (
              <Table.Row key={m.id}>
                <Table.Cell>{m.name}</Table.Cell>
                <Table.Cell>{m.participants}</Table.Cell>
                <Table.Cell>{m.overnight}</Table.Cell>
                <Table.Cell>{m.dayPackages}</Table.Cell>
                <Table.Cell>{m.selfPaid}</Table.Cell>
                {noShowsShown ? <Table.Cell>{m.noShows}</Table.Cell> : null}
                <Table.Cell>
                  <Form method="post" className="row-actions">
                    <input type="hidden" name="intent" value="grant" />
                    <input type="hidden" name="registrationId" value={m.id} />
                    <GrantField id={`grant-${m.id}-overnight`} name="overnight" label="Overnatting" municipality={m.name} value={m.grants.overnight} />
                    <GrantField id={`grant-${m.id}-day`} name="dayPackages" label="Dagpakker" municipality={m.name} value={m.grants.dayPackages} />
                    <Button type="submit" variant="secondary" data-size="sm">
                      Lagre<span className="visually-hidden"> ekstra dekning for {m.name}</span>
                    </Button>
                  </Form>
                </Table.Cell>
                <Table.Cell>
                  <Tag data-size="sm" data-color={m.changed ? 'warning' : 'neutral'}>
                    {m.status}
                  </Tag>
                  <div>
                    <Link asChild>
                      <RemixLink to={`/arrangor/${event.id}/dekning/${m.id}`}>
                        Se meldingen<span className="visually-hidden"> til {m.name}</span>
                      </RemixLink>
                    </Link>
                  </div>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {page.pages > 1 ? (
        <Paragraph data-size="sm">
          Side {page.page} av {page.pages}: {municipalities.length} av {page.matching} kommuner.
        </Paragraph>
      ) : null}
      <ServerPagination page={page.page} pages={page.pages} label="Sider med kommuner" />
      <section aria-labelledby="sene-avmeldinger" className="stack">
        <Heading level={2} data-size="md" id="sene-avmeldinger">
          Sene avmeldinger
        </Heading>
        <Paragraph>
          Påmeldingen er bindende etter fristen. En deltaker som meldes av etter fristen, beholder rommet og den dekkede plassen sin, og kommunen betaler
          fortsatt for en egenbetalt deltaker. Bare du som arrangør kan frafalle betalingen, med en begrunnelse som står i fakturagrunnlaget og i bekreftelsen
          til kommunen.
        </Paragraph>
        {waiverSaved ? (
          <Alert data-color="success" role="status">
            <Paragraph>{waiverSaved}</Paragraph>
          </Alert>
        ) : null}
        {lateCancellations.length === 0 ? (
          <Paragraph>Ingen er meldt av etter fristen.</Paragraph>
        ) : (
          <Table>
            <caption>Sene avmeldinger og hva kommunen betaler for dem</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>Deltaker</Table.HeaderCell>
                <Table.HeaderCell>Kommune</Table.HeaderCell>
                <Table.HeaderCell>Hadde</Table.HeaderCell>
                <Table.HeaderCell>Kommunen betaler</Table.HeaderCell>
                <Table.HeaderCell>Frafall</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {lateCancellations.map((p) => (
                <Table.Row key={p.id}>
                  <Table.Cell>{p.name}</Table.Cell>
                  <Table.Cell>{p.municipality}</Table.Cell>
                  <Table.Cell>{p.holds}</Table.Cell>
                  <Table.Cell>{p.waiverReason ? `Ingenting (frafalt: ${p.amount})` : p.amount}</Table.Cell>
                  <Table.Cell>
                    <WaiverForm participant={p} idPrefix="waive" from={null} error={waiveFor === p.id ? waiveError : null} />
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
        {latePage.pages > 1 ? (
          <Paragraph data-size="sm">
            Side {latePage.page} av {latePage.pages}: {lateCancellations.length} av {latePage.matching} sene avmeldinger.
          </Paragraph>
        ) : null}
        <ServerPagination page={latePage.page} pages={latePage.pages} label="Sider med sene avmeldinger" param="sene-side" />
      </section>
      {noShowsShown ? (
        <section aria-labelledby="ikke-mott" className="stack">
          <Heading level={2} data-size="md" id="ikke-mott">
            Ikke møtt
          </Heading>
          <Paragraph>
            Deltakere som var påmeldt en dag som er over, og som ikke ble sjekket inn den dagen. Påmeldingen er bindende: kommunen betaler fortsatt for en
            egenbetalt deltaker som ikke møtte. Bare du som arrangør kan frafalle betalingen, med en begrunnelse.
          </Paragraph>
          {noShows.length === 0 ? (
            <Paragraph>Alle som var ventet, har møtt.</Paragraph>
          ) : (
            <Table>
              <caption>Ikke møtt og hva kommunen betaler for dem</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>Deltaker</Table.HeaderCell>
                  <Table.HeaderCell>Kommune</Table.HeaderCell>
                  <Table.HeaderCell>Møtte ikke</Table.HeaderCell>
                  <Table.HeaderCell>Hadde</Table.HeaderCell>
                  <Table.HeaderCell>Kommunen betaler</Table.HeaderCell>
                  <Table.HeaderCell>Frafall</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {noShows.map((p) => (
                  <Table.Row key={p.id} id={`frafall-${p.id}`}>
                    <Table.Cell>{p.name}</Table.Cell>
                    <Table.Cell>{p.municipality}</Table.Cell>
                    <Table.Cell>{p.days}</Table.Cell>
                    <Table.Cell>{p.holds}</Table.Cell>
                    <Table.Cell>{p.waiverReason ? `Ingenting (frafalt: ${p.amount})` : p.amount}</Table.Cell>
                    <Table.Cell>
                      <WaiverForm participant={p} idPrefix="waive-noshow" from={from} error={waiveFor === p.id ? waiveError : null} />
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
        </section>
      ) : null}
    </div>
  )
}

/** The waiver of one participant's charge, or its undoing, in the late cancellations' and the no-shows' lists; `from` brings the organiser back to Oppmøte. */
function WaiverForm({
  participant: p,
  idPrefix,
  from,
  error,
}: {
  participant: { id: string; name: string; waivable: boolean; waiverReason: string | null }
  idPrefix: string
  from: string | null
  error: string | null
}) {
  if (p.waiverReason) {
    return (
      <Form method="post" className="stack">
        <Paragraph data-size="sm">Frafalt: {p.waiverReason}</Paragraph>
        <input type="hidden" name="intent" value="unwaive" />
        <input type="hidden" name="participantId" value={p.id} />
        {from ? <input type="hidden" name="fra" value={from} /> : null}
        <div>
          <Button type="submit" variant="tertiary" data-size="sm">
            Angre frafall<span className="visually-hidden"> for {p.name}</span>
          </Button>
        </div>
      </Form>
    )
  }
  if (!p.waivable) return 'Ingenting å frafalle'
  const id = `${idPrefix}-${p.id}`
  return (
    <Form method="post" className="row-actions">
      <input type="hidden" name="intent" value="waive" />
      <input type="hidden" name="participantId" value={p.id} />
      {from ? <input type="hidden" name="fra" value={from} /> : null}
      <Field data-size="sm">
        <Label htmlFor={id}>
          Begrunnelse for frafall<span className="visually-hidden"> for {p.name}</span>
        </Label>
        {error ? <ValidationMessage id={`${id}-error`}>{error}</ValidationMessage> : null}
        <Input id={id} name="reason" maxLength={500} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      </Field>
      <Button type="submit" variant="secondary" data-size="sm">
        Frafall betaling<span className="visually-hidden"> for {p.name}</span>
      </Button>
    </Form>
  )
}

/** A small number field whose label names the municipality for screen readers; linked by id in the server's HTML. */
function GrantField({ id, name, label, municipality, value }: { id: string; name: string; label: string; municipality: string; value: number }) {
  return (
    <Field data-size="sm">
      {/* No whitespace between the two: the accessible name reads "Overnatting for Rindal", not "Overnatting , Rindal". */}
      <Label htmlFor={id}>
        {label}
        <span className="visually-hidden">{` for ${municipality}`}</span>
      </Label>
      <Input id={id} name={name} defaultValue={String(value)} inputMode="numeric" style={{ maxWidth: '6rem' }} />
    </Field>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Dekning – ${data.event.title} – Klimasamling` : 'Klimasamling' }]
