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
import { languageFormOfMatches, useTexts } from '~/components/language'
import { bilingual, texts } from '~/domain/language'

const text = texts({
  nb: {
    title: (event: string) => `Dekning – ${event} – Klimasamling`,
    waived: (name: string) => `Betalingen for ${name} er frafalt. Begrunnelsen står i fakturagrunnlaget og i bekreftelsen til kommunen.`,
    unwaived: (name: string) => `Frafallet for ${name} er trukket tilbake. Kommunen betaler igjen for deltakeren.`,
    heldOvernight: 'Dekket overnatting (rommet og plassen teller fortsatt)',
    heldDayPackage: 'Dekket dagpakke (teller fortsatt i kvoten)',
    selfPaid: 'Egenbetalt',
    nothing: 'Ingenting',
    heldCovered: 'Dekket plass (teller i kvoten)',
    granted: (name: string, overnight: number, dayPackages: number, promoted: number) =>
      `Ekstra dekning for ${name} er lagret: ${overnight} overnatting og ${dayPackages} dagpakker.${
        promoted > 0 ? ` ${promoted} ${promoted === 1 ? 'deltaker' : 'deltakere'} fikk dekket plass og får e-post om det.` : ''
      }`,
    of: (used: number, quota: number) => `${used} av ${quota}`,
    none: 'ingen',
    waivedSum: (count: number, amount: string) => ` (frafalt: ${count}, ${amount})`,
    changed: 'Endret siden sist',
    notSent: 'Ikke sendt',
    sentAt: (at: string) => `Sendt ${at}`,
    heading: 'Dekning og bekreftelse',
    intro: (deadline: string) =>
      `Etter fristen (${deadline}) kan du gi en kommune ekstra dekkede plasser og se virkningen med en gang. Deretter sender du hver kontaktperson en bekreftelse på hva som dekkes og hva kommunen betaler. Sender du igjen, får bare kommunene der noe er endret en ny bekreftelse.`,
    queued: (n: number) => `Bekreftelsen er lagt i kø til ${n} ${n === 1 ? 'kommune' : 'kommuner'}.`,
    allSent: 'Alle bekreftelser er sendt',
    send: (n: number) => `Send bekreftelse til ${n} ${n === 1 ? 'kommune' : 'kommuner'}`,
    afterDeadline: 'Bekreftelsen kan sendes når fristen er ute.',
    without: (n: number) => `${n} inviterte ${n === 1 ? 'kommune' : 'kommuner'} har ingen påmeldte og får ingen bekreftelse.`,
    noneEnrolled: 'Ingen kommuner har påmeldte ennå.',
    find: 'Finn kommuner',
    municipality: 'Kommune',
    show: 'Vis',
    showAll: 'Alle med påmeldte',
    showDue: 'Ikke sendt eller endret',
    noMatch: 'Ingen kommuner passer søket.',
    caption: 'Dekning per kommune med påmeldte',
    participants: 'Deltakere',
    coveredOvernight: 'Dekket overnatting',
    dayPackages: 'Dagpakker',
    noShows: 'Ikke møtt',
    extra: 'Ekstra dekket',
    confirmation: 'Bekreftelse',
    overnight: 'Overnatting',
    save: 'Lagre',
    extraFor: (name: string) => ` ekstra dekning for ${name}`,
    seeMessage: 'Se meldingen',
    to: (name: string) => ` til ${name}`,
    pageOf: (page: number, pages: number, shown: number, matching: number) => `Side ${page} av ${pages}: ${shown} av ${matching} kommuner.`,
    pagesLabel: 'Sider med kommuner',
    lateHeading: 'Sene avmeldinger',
    lateIntro:
      'Påmeldingen er bindende etter fristen. En deltaker som meldes av etter fristen, beholder rommet og den dekkede plassen sin, og kommunen betaler fortsatt for en egenbetalt deltaker. Bare du som arrangør kan frafalle betalingen, med en begrunnelse som står i fakturagrunnlaget og i bekreftelsen til kommunen.',
    noLate: 'Ingen er meldt av etter fristen.',
    lateCaption: 'Sene avmeldinger og hva kommunen betaler for dem',
    participant: 'Deltaker',
    held: 'Hadde',
    pays: 'Kommunen betaler',
    waiver: 'Frafall',
    nothingWaived: (amount: string) => `Ingenting (frafalt: ${amount})`,
    latePageOf: (page: number, pages: number, shown: number, matching: number) => `Side ${page} av ${pages}: ${shown} av ${matching} sene avmeldinger.`,
    latePagesLabel: 'Sider med sene avmeldinger',
    noShowIntro:
      'Deltakere som var påmeldt en dag som er over, og som ikke ble sjekket inn den dagen. Påmeldingen er bindende: kommunen betaler fortsatt for en egenbetalt deltaker som ikke møtte. Bare du som arrangør kan frafalle betalingen, med en begrunnelse.',
    allCame: 'Alle som var ventet, har møtt.',
    noShowCaption: 'Ikke møtt og hva kommunen betaler for dem',
    didNotCome: 'Møtte ikke',
    waivedNote: (reason: string) => `Frafalt: ${reason}`,
    undo: 'Angre frafall',
    forName: (name: string) => ` for ${name}`,
    nothingToWaive: 'Ingenting å frafalle',
    reason: 'Begrunnelse for frafall',
    waive: 'Frafall betaling',
  },
  nn: {
    title: (event: string) => `Dekning – ${event} – Klimasamling`,
    waived: (name: string) => `Betalinga for ${name} er fråfallen. Grunngivinga står i fakturagrunnlaget og i stadfestinga til kommunen.`,
    unwaived: (name: string) => `Fråfallet for ${name} er trekt tilbake. Kommunen betaler igjen for deltakaren.`,
    heldOvernight: 'Dekt overnatting (rommet og plassen tel framleis)',
    heldDayPackage: 'Dekt dagpakke (tel framleis i kvoten)',
    selfPaid: 'Eigenbetalt',
    nothing: 'Ikkje noko',
    heldCovered: 'Dekt plass (tel i kvoten)',
    granted: (name: string, overnight: number, dayPackages: number, promoted: number) =>
      `Ekstra dekning for ${name} er lagra: ${overnight} overnatting og ${dayPackages} dagpakkar.${
        promoted > 0 ? ` ${promoted} ${promoted === 1 ? 'deltakar' : 'deltakarar'} fekk dekt plass og får e-post om det.` : ''
      }`,
    of: (used: number, quota: number) => `${used} av ${quota}`,
    none: 'ingen',
    waivedSum: (count: number, amount: string) => ` (fråfalle: ${count}, ${amount})`,
    changed: 'Endra sidan sist',
    notSent: 'Ikkje sendt',
    sentAt: (at: string) => `Sendt ${at}`,
    heading: 'Dekning og stadfesting',
    intro: (deadline: string) =>
      `Etter fristen (${deadline}) kan du gi ein kommune ekstra dekte plassar og sjå verknaden med ein gong. Deretter sender du kvar kontaktperson ei stadfesting av kva som blir dekt og kva kommunen betaler. Sender du igjen, får berre kommunane der noko er endra, ei ny stadfesting.`,
    queued: (n: number) => `Stadfestinga er lagd i kø til ${n} ${n === 1 ? 'kommune' : 'kommunar'}.`,
    allSent: 'Alle stadfestingar er sende',
    send: (n: number) => `Send stadfesting til ${n} ${n === 1 ? 'kommune' : 'kommunar'}`,
    afterDeadline: 'Stadfestinga kan sendast når fristen er ute.',
    without: (n: number) => `${n} inviterte ${n === 1 ? 'kommune' : 'kommunar'} har ingen påmelde og får inga stadfesting.`,
    noneEnrolled: 'Ingen kommunar har påmelde enno.',
    find: 'Finn kommunar',
    municipality: 'Kommune',
    show: 'Vis',
    showAll: 'Alle med påmelde',
    showDue: 'Ikkje sendt eller endra',
    noMatch: 'Ingen kommunar passar til søket.',
    caption: 'Dekning per kommune med påmelde',
    participants: 'Deltakarar',
    coveredOvernight: 'Dekt overnatting',
    dayPackages: 'Dagpakkar',
    noShows: 'Ikkje møtt',
    extra: 'Ekstra dekt',
    confirmation: 'Stadfesting',
    overnight: 'Overnatting',
    save: 'Lagre',
    extraFor: (name: string) => ` ekstra dekning for ${name}`,
    seeMessage: 'Sjå meldinga',
    to: (name: string) => ` til ${name}`,
    pageOf: (page: number, pages: number, shown: number, matching: number) => `Side ${page} av ${pages}: ${shown} av ${matching} kommunar.`,
    pagesLabel: 'Sider med kommunar',
    lateHeading: 'Seine avmeldingar',
    lateIntro:
      'Påmeldinga er bindande etter fristen. Ein deltakar som blir meldt av etter fristen, held på rommet og den dekte plassen sin, og kommunen betaler framleis for ein eigenbetalt deltakar. Berre du som arrangør kan fråfalle betalinga, med ei grunngiving som står i fakturagrunnlaget og i stadfestinga til kommunen.',
    noLate: 'Ingen er meldt av etter fristen.',
    lateCaption: 'Seine avmeldingar og kva kommunen betaler for dei',
    participant: 'Deltakar',
    held: 'Hadde',
    pays: 'Kommunen betaler',
    waiver: 'Fråfall',
    nothingWaived: (amount: string) => `Ikkje noko (fråfalle: ${amount})`,
    latePageOf: (page: number, pages: number, shown: number, matching: number) => `Side ${page} av ${pages}: ${shown} av ${matching} seine avmeldingar.`,
    latePagesLabel: 'Sider med seine avmeldingar',
    noShowIntro:
      'Deltakarar som var påmelde ein dag som er over, og som ikkje vart sjekka inn den dagen. Påmeldinga er bindande: kommunen betaler framleis for ein eigenbetalt deltakar som ikkje møtte. Berre du som arrangør kan fråfalle betalinga, med ei grunngiving.',
    allCame: 'Alle som var venta, har møtt.',
    noShowCaption: 'Ikkje møtt og kva kommunen betaler for dei',
    didNotCome: 'Møtte ikkje',
    waivedNote: (reason: string) => `Fråfalle: ${reason}`,
    undo: 'Angre fråfall',
    forName: (name: string) => ` for ${name}`,
    nothingToWaive: 'Ikkje noko å fråfalle',
    reason: 'Grunngiving for fråfall',
    waive: 'Fråfall betaling',
  },
})

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
  const languageForm = await languageOf(request, context)
  const t = text[languageForm]
  const search = new URL(request.url).searchParams
  const sent = search.get('sendt')
  const grantedTo = municipalities.find((m) => m.registrationId === search.get('tildelt'))
  const promoted = Number(search.get('fikk') ?? 0)
  const money = (ore: number | null) => formatAmount(ore, event, languageForm)
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
    waiverSaved: waivedFor && (waived === '1' || waived === '0') ? (waived === '1' ? t.waived(waivedFor.name) : t.unwaived(waivedFor.name)) : null,
    lateCancellations: late.rows.map(({ p, m }) => ({
      id: p.id,
      name: p.name,
      municipality: m.name,
      holds: p.coveredOvernight ? t.heldOvernight : p.coveredDayPackages > 0 ? t.heldDayPackage : t.selfPaid,
      amount: p.charge.amountOre === 0 ? t.nothing : money(p.charge.amountOre),
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
      holds: p.covered ? t.heldCovered : t.selfPaid,
      amount: p.charge.amountOre === 0 ? t.nothing : money(p.charge.amountOre),
      waivable: p.charge.amountOre !== 0,
      waiverReason: p.charge.waiverReason,
    })),
    event: { id: event.id, title: event.title, deadline: formatDateTime(event.deadline_at) },
    deadlinePassed,
    sentNow: sent !== null && /^\d+$/.test(sent) ? Number(sent) : null,
    grantSaved: grantedTo
      ? t.granted(grantedTo.name, grantedTo.grants.overnight, grantedTo.grants.dayPackages, Number.isInteger(promoted) ? promoted : 0)
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
      overnight: t.of(m.meters.overnightUsed, m.meters.overnightQuota),
      dayPackages: t.of(m.meters.dayPackagesUsed, m.meters.dayPackagesQuota),
      selfPaid: `${m.meters.selfPaidCount === 0 ? t.none : `${m.meters.selfPaidCount}, ${money(m.meters.selfPaidOre)}`}${
        m.meters.waivedCount > 0 ? t.waivedSum(m.meters.waivedCount, money(m.meters.waivedOre)) : ''
      }`,
      grants: m.grants,
      status: m.changed ? (m.confirmedAt ? t.changed : t.notSent) : t.sentAt(formatDateTime(m.confirmedAt ?? new Date())),
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
          reason: requiredMultilineText(bilingual('Skriv hvorfor kommunen ikke skal betale.', 'Skriv kvifor kommunen ikkje skal betale.'), 500, {
            tooLong: bilingual('Skriv kortere, høyst 500 tegn.', 'Skriv kortare, høgst 500 teikn.'),
          }),
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
  const t = useTexts(text)
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
          {t.heading}
        </Heading>
        <Paragraph>{t.intro(event.deadline)}</Paragraph>
        {sentNow !== null ? (
          <Alert data-color="success" role="status">
            <Paragraph>{t.queued(sentNow)}</Paragraph>
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
              {toSend === 0 ? t.allSent : t.send(toSend)}
            </Button>
          </Form>
        ) : (
          <Paragraph>{t.afterDeadline}</Paragraph>
        )}
      </div>
      {without > 0 ? <Paragraph>{t.without(without)}</Paragraph> : null}
      {listed === 0 ? (
        <Paragraph>{t.noneEnrolled}</Paragraph>
      ) : (
        <Form method="get" className="row-actions" role="search" aria-label={t.find}>
          <Field>
            <Label htmlFor="kommune">{t.municipality}</Label>
            <Input id="kommune" name="kommune" type="search" defaultValue={filter.kommune} maxLength={100} />
          </Field>
          <Field>
            <Label htmlFor="vis">{t.show}</Label>
            <Select id="vis" name="vis" defaultValue={filter.vis}>
              <Select.Option value="all">{t.showAll}</Select.Option>
              <Select.Option value="due">{t.showDue}</Select.Option>
            </Select>
          </Field>
          <Button type="submit">{t.show}</Button>
        </Form>
      )}
      {listed > 0 && municipalities.length === 0 ? <Paragraph>{t.noMatch}</Paragraph> : null}
      {municipalities.length === 0 ? null : (
        <Table>
          <caption>{t.caption}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t.municipality}</Table.HeaderCell>
              <Table.HeaderCell>{t.participants}</Table.HeaderCell>
              <Table.HeaderCell>{t.coveredOvernight}</Table.HeaderCell>
              <Table.HeaderCell>{t.dayPackages}</Table.HeaderCell>
              <Table.HeaderCell>{t.selfPaid}</Table.HeaderCell>
              {noShowsShown ? <Table.HeaderCell>{t.noShows}</Table.HeaderCell> : null}
              <Table.HeaderCell>{t.extra}</Table.HeaderCell>
              <Table.HeaderCell>{t.confirmation}</Table.HeaderCell>
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
                    <GrantField id={`grant-${m.id}-overnight`} name="overnight" label={t.overnight} municipality={m.name} value={m.grants.overnight} />
                    <GrantField id={`grant-${m.id}-day`} name="dayPackages" label={t.dayPackages} municipality={m.name} value={m.grants.dayPackages} />
                    <Button type="submit" variant="secondary" data-size="sm">
                      {t.save}
                      <span className="visually-hidden">{t.extraFor(m.name)}</span>
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
                        {t.seeMessage}
                        <span className="visually-hidden">{t.to(m.name)}</span>
                      </RemixLink>
                    </Link>
                  </div>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
      {page.pages > 1 ? <Paragraph data-size="sm">{t.pageOf(page.page, page.pages, municipalities.length, page.matching)}</Paragraph> : null}
      <ServerPagination page={page.page} pages={page.pages} label={t.pagesLabel} />
      <section aria-labelledby="sene-avmeldinger" className="stack">
        <Heading level={2} data-size="md" id="sene-avmeldinger">
          {t.lateHeading}
        </Heading>
        <Paragraph>{t.lateIntro}</Paragraph>
        {waiverSaved ? (
          <Alert data-color="success" role="status">
            <Paragraph>{waiverSaved}</Paragraph>
          </Alert>
        ) : null}
        {lateCancellations.length === 0 ? (
          <Paragraph>{t.noLate}</Paragraph>
        ) : (
          <Table>
            <caption>{t.lateCaption}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t.participant}</Table.HeaderCell>
                <Table.HeaderCell>{t.municipality}</Table.HeaderCell>
                <Table.HeaderCell>{t.held}</Table.HeaderCell>
                <Table.HeaderCell>{t.pays}</Table.HeaderCell>
                <Table.HeaderCell>{t.waiver}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {lateCancellations.map((p) => (
                <Table.Row key={p.id}>
                  <Table.Cell>{p.name}</Table.Cell>
                  <Table.Cell>{p.municipality}</Table.Cell>
                  <Table.Cell>{p.holds}</Table.Cell>
                  <Table.Cell>{p.waiverReason ? t.nothingWaived(p.amount) : p.amount}</Table.Cell>
                  <Table.Cell>
                    <WaiverForm participant={p} idPrefix="waive" from={null} error={waiveFor === p.id ? waiveError : null} />
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
        {latePage.pages > 1 ? (
          <Paragraph data-size="sm">{t.latePageOf(latePage.page, latePage.pages, lateCancellations.length, latePage.matching)}</Paragraph>
        ) : null}
        <ServerPagination page={latePage.page} pages={latePage.pages} label={t.latePagesLabel} param="sene-side" />
      </section>
      {noShowsShown ? (
        <section aria-labelledby="ikke-mott" className="stack">
          <Heading level={2} data-size="md" id="ikke-mott">
            {t.noShows}
          </Heading>
          <Paragraph>{t.noShowIntro}</Paragraph>
          {noShows.length === 0 ? (
            <Paragraph>{t.allCame}</Paragraph>
          ) : (
            <Table>
              <caption>{t.noShowCaption}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t.participant}</Table.HeaderCell>
                  <Table.HeaderCell>{t.municipality}</Table.HeaderCell>
                  <Table.HeaderCell>{t.didNotCome}</Table.HeaderCell>
                  <Table.HeaderCell>{t.held}</Table.HeaderCell>
                  <Table.HeaderCell>{t.pays}</Table.HeaderCell>
                  <Table.HeaderCell>{t.waiver}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {noShows.map((p) => (
                  <Table.Row key={p.id} id={`frafall-${p.id}`}>
                    <Table.Cell>{p.name}</Table.Cell>
                    <Table.Cell>{p.municipality}</Table.Cell>
                    <Table.Cell>{p.days}</Table.Cell>
                    <Table.Cell>{p.holds}</Table.Cell>
                    <Table.Cell>{p.waiverReason ? t.nothingWaived(p.amount) : p.amount}</Table.Cell>
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
  const t = useTexts(text)
  if (p.waiverReason) {
    return (
      <Form method="post" className="stack">
        <Paragraph data-size="sm">{t.waivedNote(p.waiverReason)}</Paragraph>
        <input type="hidden" name="intent" value="unwaive" />
        <input type="hidden" name="participantId" value={p.id} />
        {from ? <input type="hidden" name="fra" value={from} /> : null}
        <div>
          <Button type="submit" variant="tertiary" data-size="sm">
            {t.undo}
            <span className="visually-hidden">{t.forName(p.name)}</span>
          </Button>
        </div>
      </Form>
    )
  }
  if (!p.waivable) return t.nothingToWaive
  const id = `${idPrefix}-${p.id}`
  return (
    <Form method="post" className="row-actions">
      <input type="hidden" name="intent" value="waive" />
      <input type="hidden" name="participantId" value={p.id} />
      {from ? <input type="hidden" name="fra" value={from} /> : null}
      <Field data-size="sm">
        <Label htmlFor={id}>
          {t.reason}
          <span className="visually-hidden">{t.forName(p.name)}</span>
        </Label>
        {error ? <ValidationMessage id={`${id}-error`}>{error}</ValidationMessage> : null}
        <Input id={id} name="reason" maxLength={500} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      </Field>
      <Button type="submit" variant="secondary" data-size="sm">
        {t.waive}
        <span className="visually-hidden">{t.forName(p.name)}</span>
      </Button>
    </Form>
  )
}

/** A small number field whose label names the municipality for screen readers; linked by id in the server's HTML. */
function GrantField({ id, name, label, municipality, value }: { id: string; name: string; label: string; municipality: string; value: number }) {
  const t = useTexts(text)
  return (
    <Field data-size="sm">
      {/* No whitespace between the two: the accessible name reads "Overnatting for Rindal", not "Overnatting , Rindal". */}
      <Label htmlFor={id}>
        {label}
        <span className="visually-hidden">{t.forName(municipality)}</span>
      </Label>
      <Input id={id} name={name} defaultValue={String(value)} inputMode="numeric" style={{ maxWidth: '6rem' }} />
    </Field>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.event.title) : 'Klimasamling' },
]
