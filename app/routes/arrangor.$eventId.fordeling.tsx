import { languageOf } from '~/utils/language.server'
import { Alert, Button, Field, Heading, Input, Label, Link, Paragraph, Select, Table, ValidationMessage } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { Choice, intentErrors, intentResult } from '~/components/form'
import { OrganiserNav } from '~/components/organiser-nav'
import { pageParam, ServerPagination } from '~/components/pagination'
import { allocationMoveFormSchema, allocationPublishFormSchema, allocationQuerySchema, allocationRunFormSchema } from '~/domain/allocation-form'
import { formatClockRange, formatDate, formatDateTime } from '~/domain/dates'
import { moveParticipant, runAllocation } from '~/services/session-allocation/allocation.server'
import { allocationView } from '~/services/session-allocation/allocation-view.server'
import { publishAllocation } from '~/services/session-allocation/publish.server'
import { warmUpSolver } from '~/services/session-allocation/solve.server'
import { handleIntent, intent, readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { ErrorAlert } from '~/components/error-alert'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { texts } from '~/domain/language'

const text = texts({
  nb: {
    status: {
      optimal: 'Optimal: ingen fordeling gir høyere tilfredshet',
      time_limit: 'Tidsgrensen nådd: god fordeling innenfor oppgitt avstand fra det beste mulige',
      infeasible: 'Ingen gyldig fordeling fantes (for eksempel flere fastlåste plasser enn kapasiteten)',
      error: 'Beregningen feilet; fordelingen er ikke endret',
    },
    source: { solver: 'fordelt', kept: 'beholdt fra publisert fordeling', manual: 'flyttet for hånd' },
    modeMinimal: 'behold publiserte plasser',
    modeFull: 'full ny fordeling',
    when: (date: string, range: string) => `${date} kl. ${range}`,
    doneRun: 'Plassene er fordelt. Se gjennom resultatet og publiser når det er klart.',
    doneMove: 'Deltakeren er flyttet.',
    donePublish: 'Fordelingen er publisert. Deltakere som fikk nye sesjoner, får e-post med kontaktpersonen i kopi.',
    title: 'Fordeling av plasser i parallelle sesjoner',
    metaTitle: (event: string) => `Fordeling – ${event} – Klimasamling`,
    intro: (event: string) =>
      `${event}. Plassene fordeles etter deltakernes rangerte ønsker, slik at flest mulig får høyt rangerte valg innenfor kapasiteten, dagene de deltar og rollene sesjonene er åpne for, og slik at kommunene får en rettferdig del av plassene.`,
    firstComeBefore:
      'Denne samlingen deler ut plasser i parallelle sesjoner etter førstemann til mølla: deltakerne får plass når skjemaet sendes. Vil du la dem rangere sesjonene og fordele plassene etterpå, endre innstillingen for parallelle sesjoner i',
    settings: 'innstillingene for samlingen',
    allocate: 'Fordel plasser',
    roundClosed: (at: string) => `Ønskerunden ble avsluttet ${at}.`,
    roundOpenBefore: 'Ønskerunden er fortsatt åpen. Avslutt den på siden',
    wishesPage: 'Ønsker',
    roundOpenAfter: 'før du fordeler plassene.',
    lastPublished: (at: string) => `Fordelingen ble sist publisert ${at}.`,
    how: 'Hvordan skal plassene fordeles?',
    minimalLabel: 'Behold publiserte plasser for dem som ikke har endret seg',
    minimalDescription: 'Bare deltakere som har endret ønsker eller dager siden sist, og nye deltakere, kan få en annen sesjon.',
    fullLabel: 'Full ny fordeling',
    fullDescription: 'Alle plasser fordeles på nytt. Deltakere kan få en annen sesjon enn den som er publisert.',
    clearLabel: 'Fordel også deltakere som er flyttet for hånd på nytt',
    clearDescription: 'Uten dette beholder alle du har flyttet for hånd, plassen sin.',
    allocating: 'Fordeler plasser …',
    computing: 'Beregner fordelingen. Det tar vanligvis et par sekunder.',
    result: 'Resultat',
    lastRun: 'Siste fordeling',
    status_: 'Status',
    objective: 'Målverdi (tilfredshet og rettferdighet)',
    gap: 'Avstand fra beste mulige (bevist)',
    time: 'Beregningstid',
    notYet: 'Plassene er ikke fordelt ennå.',
    sharesNote: 'Andelene under gjelder fordelingen slik den er nå, med flyttingene for hånd.',
    gotFirst: 'Fikk 1. valg',
    gotSecond: 'Fikk 2. valg',
    gotThird: 'Fikk 3. valg',
    gotNone: 'Fikk ingen av ønskene',
    withoutTopTopic: 'Kommuner uten plass i sitt mest ønskede tema',
    perSession: 'Plasser per sesjon',
    session: 'Sesjon',
    inAllocation: 'I fordelingen',
    capacity: 'Kapasitet',
    published: 'Publisert',
    only: (roles: string) => ` (bare for ${roles})`,
    noLimit: 'ingen grense',
    participants: 'Deltakere',
    findParticipants: 'Finn deltakere',
    nameOrMunicipality: 'Navn eller kommune',
    show: 'Vis',
    count: (n: number) => `${n} ${n === 1 ? 'deltaker' : 'deltakere'}`,
    matching: (q: string) => ` som passer «${q}»`,
    caption: 'Deltakernes ønsker, plass og hvorfor de ikke fikk et høyere valg',
    participant: 'Deltaker',
    slot: 'Bolk',
    wishes: 'Ønsker',
    seat: 'Plass',
    move: 'Flytt',
    notThatDay: ' (deltar ikke den dagen)',
    noWishes: 'Ingen ønsker',
    rank: (rank: number) => `${rank}. valg, `,
    notAmongWishes: 'ikke blant ønskene, ',
    noSeat: 'Ingen plass',
    sessionFor: (name: string, slot: string) => ` for ${name}, ${slot}`,
    full: ' (full)',
    noParallelDays: 'Deltar ikke på dager med parallelle sesjoner.',
    pages: 'Sider med deltakere',
    publish: 'Publiser',
    publishIntro:
      'Når du publiserer, blir fordelingen deltakernes plasser. Hver deltaker som får nye eller endrede sesjoner, får e-post med sesjonene og en kalenderfil, med kontaktpersonen i kommunen i kopi, og ser sesjonene på sin side.',
    confirm: 'Ja, publiser fordelingen og send e-post til deltakerne',
    publishing: 'Publiserer …',
    publishButton: 'Publiser fordelingen',
  },
  nn: {
    status: {
      optimal: 'Optimal: inga fordeling gir høgare tilfredsheit',
      time_limit: 'Tidsgrensa er nådd: god fordeling innanfor oppgitt avstand frå det beste moglege',
      infeasible: 'Det fanst inga gyldig fordeling (til dømes fleire fastlåste plassar enn kapasiteten)',
      error: 'Utrekninga feila; fordelinga er ikkje endra',
    },
    source: { solver: 'fordelt', kept: 'halde på frå publisert fordeling', manual: 'flytta for hand' },
    modeMinimal: 'behald publiserte plassar',
    modeFull: 'full ny fordeling',
    when: (date: string, range: string) => `${date} kl. ${range}`,
    doneRun: 'Plassane er fordelte. Sjå gjennom resultatet og publiser når det er klart.',
    doneMove: 'Deltakaren er flytta.',
    donePublish: 'Fordelinga er publisert. Deltakarar som fekk nye sesjonar, får e-post med kontaktpersonen i kopi.',
    title: 'Fordeling av plassar i parallelle sesjonar',
    metaTitle: (event: string) => `Fordeling – ${event} – Klimasamling`,
    intro: (event: string) =>
      `${event}. Plassane blir fordelte etter dei rangerte ønska til deltakarane, slik at flest mogleg får høgt rangerte val innanfor kapasiteten, dagane dei deltek og rollene sesjonane er opne for, og slik at kommunane får ein rettferdig del av plassane.`,
    firstComeBefore:
      'Denne samlinga deler ut plassar i parallelle sesjonar etter førstemann til mølla: deltakarane får plass når skjemaet blir sendt. Vil du la dei rangere sesjonane og fordele plassane etterpå, endre innstillinga for parallelle sesjonar i',
    settings: 'innstillingane for samlinga',
    allocate: 'Fordel plassar',
    roundClosed: (at: string) => `Ønskerunden vart avslutta ${at}.`,
    roundOpenBefore: 'Ønskerunden er framleis open. Avslutt han på sida',
    wishesPage: 'Ønske',
    roundOpenAfter: 'før du fordeler plassane.',
    lastPublished: (at: string) => `Fordelinga vart sist publisert ${at}.`,
    how: 'Korleis skal plassane fordelast?',
    minimalLabel: 'Behald publiserte plassar for dei som ikkje har endra seg',
    minimalDescription: 'Berre deltakarar som har endra ønske eller dagar sidan sist, og nye deltakarar, kan få ein annan sesjon.',
    fullLabel: 'Full ny fordeling',
    fullDescription: 'Alle plassar blir fordelte på nytt. Deltakarar kan få ein annan sesjon enn den som er publisert.',
    clearLabel: 'Fordel òg deltakarar som er flytta for hand, på nytt',
    clearDescription: 'Utan dette held alle du har flytta for hand, på plassen sin.',
    allocating: 'Fordeler plassar …',
    computing: 'Reknar ut fordelinga. Det tek vanlegvis eit par sekund.',
    result: 'Resultat',
    lastRun: 'Siste fordeling',
    status_: 'Status',
    objective: 'Målverdi (tilfredsheit og rettferd)',
    gap: 'Avstand frå det beste moglege (prova)',
    time: 'Utrekningstid',
    notYet: 'Plassane er ikkje fordelte enno.',
    sharesNote: 'Delane under gjeld fordelinga slik ho er no, med flyttingane for hand.',
    gotFirst: 'Fekk 1. val',
    gotSecond: 'Fekk 2. val',
    gotThird: 'Fekk 3. val',
    gotNone: 'Fekk ingen av ønska',
    withoutTopTopic: 'Kommunar utan plass i det temaet dei ønskte seg mest',
    perSession: 'Plassar per sesjon',
    session: 'Sesjon',
    inAllocation: 'I fordelinga',
    capacity: 'Kapasitet',
    published: 'Publisert',
    only: (roles: string) => ` (berre for ${roles})`,
    noLimit: 'inga grense',
    participants: 'Deltakarar',
    findParticipants: 'Finn deltakarar',
    nameOrMunicipality: 'Namn eller kommune',
    show: 'Vis',
    count: (n: number) => `${n} ${n === 1 ? 'deltakar' : 'deltakarar'}`,
    matching: (q: string) => ` som passar «${q}»`,
    caption: 'Ønska og plassen til deltakarane, og kvifor dei ikkje fekk eit høgare val',
    participant: 'Deltakar',
    slot: 'Bolk',
    wishes: 'Ønske',
    seat: 'Plass',
    move: 'Flytt',
    notThatDay: ' (deltek ikkje den dagen)',
    noWishes: 'Ingen ønske',
    rank: (rank: number) => `${rank}. val, `,
    notAmongWishes: 'ikkje blant ønska, ',
    noSeat: 'Ingen plass',
    sessionFor: (name: string, slot: string) => ` for ${name}, ${slot}`,
    full: ' (full)',
    noParallelDays: 'Deltek ikkje på dagar med parallelle sesjonar.',
    pages: 'Sider med deltakarar',
    publish: 'Publiser',
    publishIntro:
      'Når du publiserer, blir fordelinga plassane til deltakarane. Kvar deltakar som får nye eller endra sesjonar, får e-post med sesjonane og ei kalenderfil, med kontaktpersonen i kommunen i kopi, og ser sesjonane på si eiga side.',
    confirm: 'Ja, publiser fordelinga og send e-post til deltakarane',
    publishing: 'Publiserer …',
    publishButton: 'Publiser fordelinga',
  },
})

const percent = (share: unknown) => (typeof share === 'number' ? `${(share * 100).toLocaleString('nb-NO', { maximumFractionDigits: 1 })} %` : '–')

/** Parallel-session seats by wishes: allocate, explain, move by hand, publish (decision 043); the event's organisers only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const search = new URL(request.url).searchParams
  const query = allocationQuerySchema.parse({ navn: search.get('navn') ?? undefined })
  const languageForm = await languageOf(request, context)
  const t = text[languageForm]
  const view = await allocationView(context.db, { userId: user.id }, idParam(params.eventId), {
    page: pageParam(search.get('side')),
    name: query.navn,
    languageForm,
  })
  if (!view) notFound()
  // The solver's first run in a process is slow; warm it while the organiser reads the page.
  if (view.byWishes && view.wishRoundClosedAt) void warmUpSolver()
  const done = search.get('ferdig')
  return {
    ...view,
    query,
    wishRoundClosedAt: view.wishRoundClosedAt ? formatDateTime(view.wishRoundClosedAt) : null,
    publishedAt: view.publishedAt ? formatDateTime(view.publishedAt) : null,
    run: view.run
      ? {
          status: (t.status as Record<string, string>)[view.run.status] ?? view.run.status,
          ok: view.run.status === 'optimal' || view.run.status === 'time_limit',
          mode: view.run.mode === 'minimal' ? t.modeMinimal : t.modeFull,
          objective: view.run.objective,
          gap: percent(view.run.gap),
          seconds: (view.run.solve_ms / 1000).toLocaleString('nb-NO', { maximumFractionDigits: 2 }),
          at: formatDateTime(view.run.created_at),
        }
      : null,
    slots: view.slots.map((s) => ({ ...s, when: t.when(formatDate(s.startsAt), formatClockRange(s.startsAt, s.endsAt)) })),
    shares: view.summary
      ? {
          first: percent(view.summary.firstChoiceShare),
          second: percent(view.summary.secondChoiceShare),
          third: percent(view.summary.thirdChoiceShare),
          none: percent(view.summary.unplacedShare),
          withoutTopTopic: view.summary.municipalitiesWithoutTopTopic,
        }
      : null,
    done: done === 'fordelt' ? t.doneRun : done === 'flyttet' ? t.doneMove : done === 'publisert' ? t.donePublish : null,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const eventId = idParam(params.eventId)
  const actor = { userId: user.id }
  const now = context.now()
  const form = await readForm(request)
  let done = ''
  const failed = await handleIntent(
    form,
    {
      run: intent(allocationRunFormSchema, async (input) => {
        done = 'fordelt'
        return runAllocation(context.db, actor, eventId, { mode: input.mode, clearManual: input.clearManual === 'on' }, now)
      }),
      move: intent(allocationMoveFormSchema, async (input) => {
        done = 'flyttet'
        return moveParticipant(
          context.db,
          actor,
          eventId,
          { participantId: input.participantId, slotId: input.slotId, sessionId: input.sessionId === 'none' ? null : input.sessionId },
          now,
        )
      }),
      publish: intent(allocationPublishFormSchema, async () => {
        done = 'publisert'
        return publishAllocation(context.db, context.mail, actor, eventId, now)
      }),
    },
    await languageOf(request, context),
  )
  if (failed) return failed
  // Back to the same page of the list after a move, so the organiser keeps their place.
  const back = new URL(request.url).searchParams
  back.set('ferdig', done)
  return redirect(`/arrangor/${eventId}/fordeling?${back.toString()}`)
}

export default function Allocation() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const pendingIntent = navigation.state === 'submitting' ? String(navigation.formData?.get('intent') ?? '') : null
  const runErrors = intentErrors(intentResult(actionData, ['run']))
  const publishResult = intentResult(actionData, ['publish'])
  const publishErrors = publishResult?.error?.confirm ?? []
  const publishRefusals = publishResult?.error?.[''] ?? []
  const moveResult = intentResult(actionData, ['move'])
  const moveErrors = intentErrors(moveResult)
  const moveFor = moveResult?.initialValue ? `${moveResult.initialValue.participantId}:${moveResult.initialValue.slotId}` : null
  const { event } = data
  const t = useTexts(text)

  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          {t.title}
        </Heading>
        <Paragraph>{t.intro(event.title)}</Paragraph>
        {data.done ? (
          <Alert data-color="success" role="status">
            <Paragraph>{data.done}</Paragraph>
          </Alert>
        ) : null}
      </div>

      {!data.byWishes ? (
        <Alert data-color="info">
          <Paragraph>
            {t.firstComeBefore}{' '}
            <Link asChild>
              <RemixLink to={`/arrangor/${event.id}`}>{t.settings}</RemixLink>
            </Link>
            .
          </Paragraph>
        </Alert>
      ) : (
        <>
          <section aria-labelledby="fordel" className="stack">
            <Heading level={2} data-size="md" id="fordel">
              {t.allocate}
            </Heading>
            {data.wishRoundClosedAt ? (
              <Paragraph>{t.roundClosed(data.wishRoundClosedAt)}</Paragraph>
            ) : (
              <Alert data-color="warning">
                <Paragraph>
                  {t.roundOpenBefore}{' '}
                  <Link asChild>
                    <RemixLink to={`/arrangor/${event.id}/onsker`}>{t.wishesPage}</RemixLink>
                  </Link>{' '}
                  {t.roundOpenAfter}
                </Paragraph>
              </Alert>
            )}
            {data.publishedAt ? <Paragraph>{t.lastPublished(data.publishedAt)}</Paragraph> : null}
            <ErrorAlert messages={runErrors} />
            <Form method="post" className="stack form-narrow">
              <input type="hidden" name="intent" value="run" />
              <fieldset className="stack">
                <legend>{t.how}</legend>
                <Choice
                  type="radio"
                  id="mode-minimal"
                  name="mode"
                  value="minimal"
                  label={t.minimalLabel}
                  description={t.minimalDescription}
                  defaultChecked={data.defaultMode === 'minimal'}
                />
                <Choice
                  type="radio"
                  id="mode-full"
                  name="mode"
                  value="full"
                  label={t.fullLabel}
                  description={t.fullDescription}
                  defaultChecked={data.defaultMode === 'full'}
                />
              </fieldset>
              <Choice type="checkbox" id="clear-manual" name="clearManual" value="on" label={t.clearLabel} description={t.clearDescription} />
              <div>
                <Button type="submit" aria-disabled={pendingIntent === 'run' ? true : undefined}>
                  {pendingIntent === 'run' ? t.allocating : t.allocate}
                </Button>
              </div>
              <p aria-live="polite" className="program-meta">
                {pendingIntent === 'run' ? t.computing : ''}
              </p>
            </Form>
          </section>

          <section aria-labelledby="resultat" className="stack">
            <Heading level={2} data-size="md" id="resultat">
              {t.result}
            </Heading>
            {data.run ? (
              <dl className="facts">
                <dt>{t.lastRun}</dt>
                <dd>
                  {data.run.at}, {data.run.mode}
                </dd>
                <dt>{t.status_}</dt>
                <dd>{data.run.status}</dd>
                <dt>{t.objective}</dt>
                <dd>{data.run.objective}</dd>
                <dt>{t.gap}</dt>
                <dd>{data.run.gap}</dd>
                <dt>{t.time}</dt>
                <dd>{data.run.seconds} s</dd>
              </dl>
            ) : (
              <Paragraph>{t.notYet}</Paragraph>
            )}
            {data.shares ? <Paragraph>{t.sharesNote}</Paragraph> : null}
            {data.shares ? (
              <dl className="facts">
                <dt>{t.gotFirst}</dt>
                <dd>{data.shares.first}</dd>
                <dt>{t.gotSecond}</dt>
                <dd>{data.shares.second}</dd>
                <dt>{t.gotThird}</dt>
                <dd>{data.shares.third}</dd>
                <dt>{t.gotNone}</dt>
                <dd>{data.shares.none}</dd>
                <dt>{t.withoutTopTopic}</dt>
                <dd>{data.shares.withoutTopTopic}</dd>
              </dl>
            ) : null}
          </section>

          <section aria-labelledby="sesjoner" className="stack">
            <Heading level={2} data-size="md" id="sesjoner">
              {t.perSession}
            </Heading>
            {data.slots.map((slot) => (
              <Table key={slot.id}>
                <caption>
                  {slot.label}, {slot.when}
                </caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t.session}</Table.HeaderCell>
                    <Table.HeaderCell>{t.inAllocation}</Table.HeaderCell>
                    <Table.HeaderCell>{t.capacity}</Table.HeaderCell>
                    <Table.HeaderCell>{t.published}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {slot.sessions.map((s) => (
                    <Table.Row key={s.id}>
                      <Table.Cell>
                        {s.title}
                        {s.restricted ? <span className="program-meta">{t.only(s.restricted.toLowerCase())}</span> : null}
                      </Table.Cell>
                      <Table.Cell>{s.allocated}</Table.Cell>
                      <Table.Cell>{s.capacity ?? t.noLimit}</Table.Cell>
                      <Table.Cell>{s.published}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            ))}
          </section>

          <section aria-labelledby="deltakere" className="stack">
            <Heading level={2} data-size="md" id="deltakere">
              {t.participants}
            </Heading>
            <Form method="get" className="row-actions" role="search" aria-label={t.findParticipants}>
              <Field>
                <Label htmlFor="navn">{t.nameOrMunicipality}</Label>
                <Input id="navn" name="navn" type="search" defaultValue={data.query.navn} maxLength={100} />
              </Field>
              <Button type="submit">{t.show}</Button>
            </Form>
            <Paragraph>
              {t.count(data.participants.total)}
              {data.query.navn ? t.matching(data.query.navn) : ''}.
            </Paragraph>
            {moveErrors.length > 0 && !moveFor ? (
              <Alert data-color="danger" role="alert">
                <Paragraph>{moveErrors.join(' ')}</Paragraph>
              </Alert>
            ) : null}
            {data.participants.rows.length > 0 ? (
              <Table>
                <caption className="visually-hidden">{t.caption}</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>{t.participant}</Table.HeaderCell>
                    <Table.HeaderCell>{t.slot}</Table.HeaderCell>
                    <Table.HeaderCell>{t.wishes}</Table.HeaderCell>
                    <Table.HeaderCell>{t.seat}</Table.HeaderCell>
                    <Table.HeaderCell>{t.move}</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {data.participants.rows.flatMap((p) =>
                    (p.slots.length > 0 ? p.slots : [null]).map((slot, i) => {
                      const key = slot ? `${p.id}:${slot.slotId}` : p.id
                      const errorId = `flytt-${key.replace(':', '-')}-error`
                      const rowErrors = moveFor === key ? moveErrors : []
                      return (
                        <Table.Row key={key}>
                          {i === 0 ? (
                            <Table.HeaderCell scope="row" rowSpan={Math.max(1, p.slots.length)}>
                              {p.name}
                              <br />
                              <span className="program-meta">{p.municipality}</span>
                            </Table.HeaderCell>
                          ) : null}
                          {slot ? (
                            <>
                              <Table.Cell>
                                {slot.slotLabel}
                                {slot.attends ? null : <span className="program-meta">{t.notThatDay}</span>}
                              </Table.Cell>
                              <Table.Cell>
                                {slot.wishes.length === 0 ? (
                                  t.noWishes
                                ) : (
                                  <ol className="program-list">
                                    {slot.wishes.map((w) => (
                                      <li key={w.rank}>
                                        {w.rank}. {w.title}
                                      </li>
                                    ))}
                                  </ol>
                                )}
                              </Table.Cell>
                              <Table.Cell>
                                {slot.got ? (
                                  <>
                                    {slot.got.title}
                                    <span className="program-meta">
                                      {' '}
                                      ({slot.got.rank ? t.rank(slot.got.rank) : t.notAmongWishes}
                                      {(t.source as Record<string, string>)[slot.got.source] ?? slot.got.source})
                                    </span>
                                  </>
                                ) : (
                                  t.noSeat
                                )}
                                {slot.reasons.length > 0 ? (
                                  <ul className="program-list program-meta">
                                    {slot.reasons.map((r) => (
                                      <li key={r}>{r}</li>
                                    ))}
                                  </ul>
                                ) : null}
                              </Table.Cell>
                              <Table.Cell>
                                {slot.attends ? (
                                  <Form method="post" className="row-actions">
                                    <input type="hidden" name="intent" value="move" />
                                    <input type="hidden" name="participantId" value={p.id} />
                                    <input type="hidden" name="slotId" value={slot.slotId} />
                                    <Field>
                                      <Label htmlFor={`flytt-${key.replace(':', '-')}`}>
                                        {t.session}
                                        <span className="visually-hidden">{t.sessionFor(p.name, slot.slotLabel.toLowerCase())}</span>
                                      </Label>
                                      <Select
                                        id={`flytt-${key.replace(':', '-')}`}
                                        name="sessionId"
                                        defaultValue={slot.got?.sessionId ?? 'none'}
                                        aria-invalid={rowErrors.length > 0 ? true : undefined}
                                        aria-describedby={rowErrors.length > 0 ? errorId : undefined}
                                      >
                                        <Select.Option value="none">{t.noSeat}</Select.Option>
                                        {slot.options.map((o) => (
                                          <Select.Option key={o.id} value={o.id}>
                                            {o.title}
                                            {o.full ? t.full : ''}
                                          </Select.Option>
                                        ))}
                                      </Select>
                                      {rowErrors.length > 0 ? (
                                        <ValidationMessage id={errorId} role="alert">
                                          {rowErrors.join(' ')}
                                        </ValidationMessage>
                                      ) : null}
                                    </Field>
                                    <Button type="submit" variant="secondary" data-size="sm">
                                      {t.move}
                                      <span className="visually-hidden">
                                        {' '}
                                        {p.name}, {slot.slotLabel.toLowerCase()}
                                      </span>
                                    </Button>
                                  </Form>
                                ) : (
                                  '–'
                                )}
                              </Table.Cell>
                            </>
                          ) : (
                            <Table.Cell colSpan={4}>{t.noParallelDays}</Table.Cell>
                          )}
                        </Table.Row>
                      )
                    }),
                  )}
                </Table.Body>
              </Table>
            ) : null}
            <ServerPagination page={data.participants.page} pages={data.participants.pages} label={t.pages} />
          </section>

          <section aria-labelledby="publiser" className="stack">
            <Heading level={2} data-size="md" id="publiser">
              {t.publish}
            </Heading>
            <Paragraph>{t.publishIntro}</Paragraph>
            <ErrorAlert messages={publishRefusals} />
            <Form method="post" className="stack form-narrow">
              <input type="hidden" name="intent" value="publish" />
              <div>
                <Field position="start">
                  <Input
                    type="checkbox"
                    id="confirm-publish"
                    name="confirm"
                    value="on"
                    aria-invalid={publishErrors.length > 0 ? true : undefined}
                    aria-describedby={publishErrors.length > 0 ? 'confirm-publish-error' : undefined}
                  />
                  <Label htmlFor="confirm-publish" data-weight="regular">
                    {t.confirm}
                  </Label>
                </Field>
                {publishErrors.length > 0 ? (
                  <ValidationMessage id="confirm-publish-error" role="alert">
                    {publishErrors.join(' ')}
                  </ValidationMessage>
                ) : null}
              </div>
              <div>
                <Button type="submit" aria-disabled={pendingIntent === 'publish' ? true : undefined}>
                  {pendingIntent === 'publish' ? t.publishing : t.publishButton}
                </Button>
              </div>
            </Form>
          </section>
        </>
      )}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].metaTitle(data.event.title) : 'Klimasamling' },
]
