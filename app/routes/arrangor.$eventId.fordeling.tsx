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

const STATUS: Record<string, string> = {
  optimal: 'Optimal: ingen fordeling gir høyere tilfredshet',
  time_limit: 'Tidsgrensen nådd: god fordeling innenfor oppgitt avstand fra det beste mulige',
  infeasible: 'Ingen gyldig fordeling fantes (for eksempel flere fastlåste plasser enn kapasiteten)',
  error: 'Beregningen feilet; fordelingen er ikke endret',
}

const SOURCE: Record<string, string> = { solver: 'fordelt', kept: 'beholdt fra publisert fordeling', manual: 'flyttet for hånd' }

const percent = (share: unknown) => (typeof share === 'number' ? `${(share * 100).toLocaleString('nb-NO', { maximumFractionDigits: 1 })} %` : '–')

/** Parallel-session seats by wishes: allocate, explain, move by hand, publish (decision 043); the event's organisers only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const search = new URL(request.url).searchParams
  const query = allocationQuerySchema.parse({ navn: search.get('navn') ?? undefined })
  const view = await allocationView(context.db, { userId: user.id }, idParam(params.eventId), { page: pageParam(search.get('side')), name: query.navn })
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
          status: STATUS[view.run.status] ?? view.run.status,
          ok: view.run.status === 'optimal' || view.run.status === 'time_limit',
          mode: view.run.mode === 'minimal' ? 'behold publiserte plasser' : 'full ny fordeling',
          objective: view.run.objective,
          gap: percent(view.run.gap),
          seconds: (view.run.solve_ms / 1000).toLocaleString('nb-NO', { maximumFractionDigits: 2 }),
          at: formatDateTime(view.run.created_at),
        }
      : null,
    slots: view.slots.map((s) => ({ ...s, when: `${formatDate(s.startsAt)} kl. ${formatClockRange(s.startsAt, s.endsAt)}` })),
    shares: view.summary
      ? {
          first: percent(view.summary.firstChoiceShare),
          second: percent(view.summary.secondChoiceShare),
          third: percent(view.summary.thirdChoiceShare),
          none: percent(view.summary.unplacedShare),
          withoutTopTopic: view.summary.municipalitiesWithoutTopTopic,
        }
      : null,
    done:
      done === 'fordelt'
        ? 'Plassene er fordelt. Se gjennom resultatet og publiser når det er klart.'
        : done === 'flyttet'
          ? 'Deltakeren er flyttet.'
          : done === 'publisert'
            ? 'Fordelingen er publisert. Deltakere som fikk nye sesjoner, får e-post med kontaktpersonen i kopi.'
            : null,
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

  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          Fordeling av plasser i parallelle sesjoner
        </Heading>
        <Paragraph>
          {event.title}. Plassene fordeles etter deltakernes rangerte ønsker, slik at flest mulig får høyt rangerte valg innenfor kapasiteten, dagene de deltar
          og rollene sesjonene er åpne for, og slik at kommunene får en rettferdig del av plassene.
        </Paragraph>
        {data.done ? (
          <Alert data-color="success" role="status">
            <Paragraph>{data.done}</Paragraph>
          </Alert>
        ) : null}
      </div>

      {!data.byWishes ? (
        <Alert data-color="info">
          <Paragraph>
            Denne samlingen deler ut plasser i parallelle sesjoner etter førstemann til mølla: deltakerne får plass når skjemaet sendes. Vil du la dem rangere
            sesjonene og fordele plassene etterpå, endre innstillingen for parallelle sesjoner i{' '}
            <Link asChild>
              <RemixLink to={`/arrangor/${event.id}`}>innstillingene for samlingen</RemixLink>
            </Link>
            .
          </Paragraph>
        </Alert>
      ) : (
        <>
          <section aria-labelledby="fordel" className="stack">
            <Heading level={2} data-size="md" id="fordel">
              Fordel plasser
            </Heading>
            {data.wishRoundClosedAt ? (
              <Paragraph>Ønskerunden ble avsluttet {data.wishRoundClosedAt}.</Paragraph>
            ) : (
              <Alert data-color="warning">
                <Paragraph>
                  Ønskerunden er fortsatt åpen. Avslutt den på siden{' '}
                  <Link asChild>
                    <RemixLink to={`/arrangor/${event.id}/onsker`}>Ønsker</RemixLink>
                  </Link>{' '}
                  før du fordeler plassene.
                </Paragraph>
              </Alert>
            )}
            {data.publishedAt ? <Paragraph>Fordelingen ble sist publisert {data.publishedAt}.</Paragraph> : null}
            <ErrorAlert messages={runErrors} />
            <Form method="post" className="stack form-narrow">
              <input type="hidden" name="intent" value="run" />
              <fieldset className="stack">
                <legend>Hvordan skal plassene fordeles?</legend>
                <Choice
                  type="radio"
                  id="mode-minimal"
                  name="mode"
                  value="minimal"
                  label="Behold publiserte plasser for dem som ikke har endret seg"
                  description="Bare deltakere som har endret ønsker eller dager siden sist, og nye deltakere, kan få en annen sesjon."
                  defaultChecked={data.defaultMode === 'minimal'}
                />
                <Choice
                  type="radio"
                  id="mode-full"
                  name="mode"
                  value="full"
                  label="Full ny fordeling"
                  description="Alle plasser fordeles på nytt. Deltakere kan få en annen sesjon enn den som er publisert."
                  defaultChecked={data.defaultMode === 'full'}
                />
              </fieldset>
              <Choice
                type="checkbox"
                id="clear-manual"
                name="clearManual"
                value="on"
                label="Fordel også deltakere som er flyttet for hånd på nytt"
                description="Uten dette beholder alle du har flyttet for hånd, plassen sin."
              />
              <div>
                <Button type="submit" aria-disabled={pendingIntent === 'run' ? true : undefined}>
                  {pendingIntent === 'run' ? 'Fordeler plasser …' : 'Fordel plasser'}
                </Button>
              </div>
              <p aria-live="polite" className="program-meta">
                {pendingIntent === 'run' ? 'Beregner fordelingen. Det tar vanligvis et par sekunder.' : ''}
              </p>
            </Form>
          </section>

          <section aria-labelledby="resultat" className="stack">
            <Heading level={2} data-size="md" id="resultat">
              Resultat
            </Heading>
            {data.run ? (
              <dl className="facts">
                <dt>Siste fordeling</dt>
                <dd>
                  {data.run.at}, {data.run.mode}
                </dd>
                <dt>Status</dt>
                <dd>{data.run.status}</dd>
                <dt>Målverdi (tilfredshet og rettferdighet)</dt>
                <dd>{data.run.objective}</dd>
                <dt>Avstand fra beste mulige (bevist)</dt>
                <dd>{data.run.gap}</dd>
                <dt>Beregningstid</dt>
                <dd>{data.run.seconds} s</dd>
              </dl>
            ) : (
              <Paragraph>Plassene er ikke fordelt ennå.</Paragraph>
            )}
            {data.shares ? <Paragraph>Andelene under gjelder fordelingen slik den er nå, med flyttingene for hånd.</Paragraph> : null}
            {data.shares ? (
              <dl className="facts">
                <dt>Fikk 1. valg</dt>
                <dd>{data.shares.first}</dd>
                <dt>Fikk 2. valg</dt>
                <dd>{data.shares.second}</dd>
                <dt>Fikk 3. valg</dt>
                <dd>{data.shares.third}</dd>
                <dt>Fikk ingen av ønskene</dt>
                <dd>{data.shares.none}</dd>
                <dt>Kommuner uten plass i sitt mest ønskede tema</dt>
                <dd>{data.shares.withoutTopTopic}</dd>
              </dl>
            ) : null}
          </section>

          <section aria-labelledby="sesjoner" className="stack">
            <Heading level={2} data-size="md" id="sesjoner">
              Plasser per sesjon
            </Heading>
            {data.slots.map((slot) => (
              <Table key={slot.id}>
                <caption>
                  {slot.label}, {slot.when}
                </caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>Sesjon</Table.HeaderCell>
                    <Table.HeaderCell>I fordelingen</Table.HeaderCell>
                    <Table.HeaderCell>Kapasitet</Table.HeaderCell>
                    <Table.HeaderCell>Publisert</Table.HeaderCell>
                  </Table.Row>
                </Table.Head>
                <Table.Body>
                  {slot.sessions.map((s) => (
                    <Table.Row key={s.id}>
                      <Table.Cell>
                        {s.title}
                        {s.restricted ? <span className="program-meta"> (bare for {s.restricted.toLowerCase()})</span> : null}
                      </Table.Cell>
                      <Table.Cell>{s.allocated}</Table.Cell>
                      <Table.Cell>{s.capacity ?? 'ingen grense'}</Table.Cell>
                      <Table.Cell>{s.published}</Table.Cell>
                    </Table.Row>
                  ))}
                </Table.Body>
              </Table>
            ))}
          </section>

          <section aria-labelledby="deltakere" className="stack">
            <Heading level={2} data-size="md" id="deltakere">
              Deltakere
            </Heading>
            <Form method="get" className="row-actions" role="search" aria-label="Finn deltakere">
              <Field>
                <Label htmlFor="navn">Navn eller kommune</Label>
                <Input id="navn" name="navn" type="search" defaultValue={data.query.navn} maxLength={100} />
              </Field>
              <Button type="submit">Vis</Button>
            </Form>
            <Paragraph>
              {data.participants.total} {data.participants.total === 1 ? 'deltaker' : 'deltakere'}
              {data.query.navn ? ` som passer «${data.query.navn}»` : ''}.
            </Paragraph>
            {moveErrors.length > 0 && !moveFor ? (
              <Alert data-color="danger" role="alert">
                <Paragraph>{moveErrors.join(' ')}</Paragraph>
              </Alert>
            ) : null}
            {data.participants.rows.length > 0 ? (
              <Table>
                <caption className="visually-hidden">Deltakernes ønsker, plass og hvorfor de ikke fikk et høyere valg</caption>
                <Table.Head>
                  <Table.Row>
                    <Table.HeaderCell>Deltaker</Table.HeaderCell>
                    <Table.HeaderCell>Bolk</Table.HeaderCell>
                    <Table.HeaderCell>Ønsker</Table.HeaderCell>
                    <Table.HeaderCell>Plass</Table.HeaderCell>
                    <Table.HeaderCell>Flytt</Table.HeaderCell>
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
                                {slot.attends ? null : <span className="program-meta"> (deltar ikke den dagen)</span>}
                              </Table.Cell>
                              <Table.Cell>
                                {slot.wishes.length === 0 ? (
                                  'Ingen ønsker'
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
                                      ({slot.got.rank ? `${slot.got.rank}. valg, ` : 'ikke blant ønskene, '}
                                      {SOURCE[slot.got.source] ?? slot.got.source})
                                    </span>
                                  </>
                                ) : (
                                  'Ingen plass'
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
                                        Sesjon
                                        <span className="visually-hidden">
                                          {' '}
                                          for {p.name}, {slot.slotLabel.toLowerCase()}
                                        </span>
                                      </Label>
                                      <Select
                                        id={`flytt-${key.replace(':', '-')}`}
                                        name="sessionId"
                                        defaultValue={slot.got?.sessionId ?? 'none'}
                                        aria-invalid={rowErrors.length > 0 ? true : undefined}
                                        aria-describedby={rowErrors.length > 0 ? errorId : undefined}
                                      >
                                        <Select.Option value="none">Ingen plass</Select.Option>
                                        {slot.options.map((o) => (
                                          <Select.Option key={o.id} value={o.id}>
                                            {o.title}
                                            {o.full ? ' (full)' : ''}
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
                                      Flytt
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
                            <Table.Cell colSpan={4}>Deltar ikke på dager med parallelle sesjoner.</Table.Cell>
                          )}
                        </Table.Row>
                      )
                    }),
                  )}
                </Table.Body>
              </Table>
            ) : null}
            <ServerPagination page={data.participants.page} pages={data.participants.pages} label="Sider med deltakere" />
          </section>

          <section aria-labelledby="publiser" className="stack">
            <Heading level={2} data-size="md" id="publiser">
              Publiser
            </Heading>
            <Paragraph>
              Når du publiserer, blir fordelingen deltakernes plasser. Hver deltaker som får nye eller endrede sesjoner, får e-post med sesjonene og en
              kalenderfil, med kontaktpersonen i kommunen i kopi, og ser sesjonene på sin side.
            </Paragraph>
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
                    Ja, publiser fordelingen og send e-post til deltakerne
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
                  {pendingIntent === 'publish' ? 'Publiserer …' : 'Publiser fordelingen'}
                </Button>
              </div>
            </Form>
          </section>
        </>
      )}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Fordeling – ${data.event.title} – Klimasamling` : 'Klimasamling' }]
