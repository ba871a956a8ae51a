import { languageOf } from '~/utils/language.server'
import { Alert, Button, Field, Heading, Label, Link, Paragraph, Select, Table } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import {
  CheckboxField,
  FormErrorSummary,
  getFormProps,
  intentErrors,
  intentResult,
  RadioGroupField,
  SelectField,
  TextField,
  useServerForm,
} from '~/components/form'
import { OrganiserNav } from '~/components/organiser-nav'
import {
  assignFormSchema,
  deleteTableFormSchema,
  fromSurveyFormSchema,
  modeFormSchema,
  moveFormSchema,
  pickingFormSchema,
  sendFormSchema,
  tableFormSchema,
} from '~/domain/cafe-table-form'
import {
  createTablesFromSurvey,
  deleteCafeTable,
  getCafeTables,
  moveCafeParticipant,
  runCafeAssignment,
  saveCafeTable,
  sendCafeTableEmails,
  setCafeMode,
} from '~/services/cafe-tables.server'
import cafeCss from '~/styles/cafe-tables.css'
import { handleIntent, intent, readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { ErrorAlert } from '~/components/error-alert'

/**
 * The world-café tables of an event (decision 050), for its organisers: the
 * tables with topic, room and seats taken; tables made from the survey's
 * results or by hand, changed and deleted; whether participants pick their
 * table or are assigned, and picking opened or closed; the assignment with
 * its report; and who sits where, with a move by hand. Plain forms, no
 * JavaScript needed.
 */

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: cafeCss }]

const tableLabels = { topic: 'Tema', label: 'Navn på bordet', room: 'Rom', seats: 'Plasser' }
const surveyLabels = { questionId: 'Spørsmål', seatsPerTable: 'Plasser per bord', room: 'Rom' }

const SOURCE_LABELS = { picked: 'valgte selv', assigned: 'fordelt', manual: 'flyttet av arrangør' } as const

const DONE: Record<string, string> = {
  'from-survey': 'Bordene er laget fra undersøkelsen.',
  save: 'Bordet er lagret.',
  delete: 'Bordet er slettet.',
  mode: 'Valget er lagret.',
  open: 'Deltakerne kan nå velge bord.',
  close: 'Valg av bord er stengt.',
  move: 'Deltakeren er flyttet.',
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const page = await getCafeTables(context.db, { userId: user.id }, idParam(params.eventId))
  if (!page) notFound()
  return {
    event: page.event,
    participants: page.participants,
    withoutTable: page.withoutTable,
    questions: page.questions.map((q) => ({ value: q.id, label: q.prompt })),
    tables: page.tables.map((t) => ({
      id: t.id,
      topic: t.topic,
      room: t.room,
      label: t.label,
      seats: t.seats,
      taken: t.seats_taken,
      fromSurvey: t.survey_option_id !== null,
      members: t.members.map((m) => ({
        id: m.participant_id,
        name: m.name,
        municipality: m.municipality,
        // A cancelled participant keeps the seat until the next assignment or a move by hand.
        source: m.status === 'active' ? SOURCE_LABELS[m.source] : 'ikke lenger påmeldt',
      })),
    })),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const eventId = idParam(params.eventId)
  const actor = { userId: user.id }
  const now = context.now()
  const form = await readForm(request)
  let report: { placed: number; unplaced: number; chosenTopic: number; maxSameMunicipality: number } | null = null
  let done = String(form.get('intent'))
  let sent: number | null = null
  const failed = await handleIntent(
    form,
    {
      'from-survey': intent(fromSurveyFormSchema, (input) => createTablesFromSurvey(context.db, actor, eventId, input, now)),
      save: intent(tableFormSchema, ({ tableId, ...input }) => saveCafeTable(context.db, actor, eventId, tableId ?? null, input, now)),
      delete: intent(deleteTableFormSchema, ({ tableId }) => deleteCafeTable(context.db, actor, eventId, tableId, now)),
      mode: intent(modeFormSchema, ({ mode }) => setCafeMode(context.db, actor, eventId, { mode }, now)),
      picking: intent(pickingFormSchema, ({ picking }) => {
        done = picking
        return setCafeMode(context.db, actor, eventId, { mode: 'pick', pickingOpen: picking === 'open' }, now)
      }),
      assign: intent(assignFormSchema, async ({ full }) => {
        const result = await runCafeAssignment(context.db, actor, eventId, { full: full === 'on' }, now)
        if (result) report = { ...result, unplaced: result.unplaced.length }
        return result
      }),
      move: intent(moveFormSchema, ({ participantId, tableId }) => moveCafeParticipant(context.db, actor, eventId, participantId, tableId, now)),
      send: intent(sendFormSchema, async () => {
        const result = await sendCafeTableEmails(context.db, context.mail, actor, eventId, now)
        sent = result?.sent ?? 0
        return result
      }),
    },
    await languageOf(request, context),
  )
  if (failed) return failed
  const search = new URLSearchParams()
  const r = report as { placed: number; unplaced: number; chosenTopic: number; maxSameMunicipality: number } | null
  if (r) {
    search.set('plassert', String(r.placed))
    search.set('uten', String(r.unplaced))
    search.set('tema', String(r.chosenTopic))
    search.set('maks', String(r.maxSameMunicipality))
  } else if (sent !== null) search.set('sendt', String(sent))
  else search.set('lagret', done)
  return redirect(`/arrangor/${eventId}/bord?${search}`)
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
type CafeTable = LoaderData['tables'][number]

function TableForm({ table, result }: { table: CafeTable | null; result: ReturnType<typeof intentResult> }) {
  const mine = result && (result.initialValue?.tableId ?? '') === (table?.id ?? '') ? result : undefined
  const [form, fields] = useServerForm<typeof tableFormSchema>({
    id: table ? `bord-${table.id}` : 'nytt-bord',
    lastResult: mine,
    defaultValue: table ? { topic: table.topic, label: table.label, room: table.room, seats: table.seats } : { seats: 6 },
  })
  return (
    <Form method="post" {...getFormProps(form)} className="stack form-narrow">
      <FormErrorSummary form={form} labels={tableLabels} />
      <input type="hidden" name="intent" value="save" />
      {table ? <input type="hidden" name="tableId" value={table.id} /> : null}
      <TextField field={fields.topic} label={tableLabels.topic} />
      <TextField field={fields.label} label={tableLabels.label} description="For eksempel «Energi – bord 1»." />
      <TextField field={fields.room} label={tableLabels.room} />
      <TextField field={fields.seats} label={tableLabels.seats} inputMode="numeric" />
      <div>
        <Button type="submit">{table ? 'Lagre bordet' : 'Legg til bordet'}</Button>
      </div>
    </Form>
  )
}

function Report() {
  const [searchParams] = useSearchParams()
  const placed = searchParams.get('plassert')
  if (placed === null) return null
  const unplaced = Number(searchParams.get('uten') ?? 0)
  return (
    <Alert data-color={unplaced > 0 ? 'warning' : 'success'} role="status">
      <Heading level={3} data-size="xs">
        Deltakerne er fordelt
      </Heading>
      <ul>
        <li>{placed} fikk plass ved et bord.</li>
        <li>{searchParams.get('tema')} av dem fikk et tema de valgte i undersøkelsen.</li>
        <li>{unplaced > 0 ? `${unplaced} fikk ikke plass: det er ikke flere ledige plasser. Legg til bord eller plasser.` : 'Alle fikk plass.'}</li>
        <li>Flest fra samme kommune ved ett bord: {searchParams.get('maks')}.</li>
      </ul>
    </Alert>
  )
}

export default function CafeTables() {
  const { event, participants, withoutTable, questions, tables } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const submitting = useNavigation().state === 'submitting'
  const saved = searchParams.get('lagret')
  const [surveyForm, surveyFields] = useServerForm<typeof fromSurveyFormSchema>({
    id: 'fra-undersokelsen',
    lastResult: intentResult(actionData, ['from-survey']),
    defaultValue: { seatsPerTable: 6, questionId: questions[0]?.value },
  })
  const [modeForm, modeFields] = useServerForm<typeof modeFormSchema>({
    id: 'modus',
    lastResult: intentResult(actionData, ['mode']),
    defaultValue: { mode: event.mode },
  })
  const [assignForm, assignFields] = useServerForm<typeof assignFormSchema>({ id: 'fordel', lastResult: intentResult(actionData, ['assign']) })
  const saveResult = intentResult(actionData, ['save'])
  const editing = saveResult?.initialValue?.tableId
  const otherErrors = intentErrors(intentResult(actionData, ['delete', 'picking', 'move', 'send']))
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          Bord til kafédialogen
        </Heading>
        <Paragraph>
          {event.title}. Lag bordene ut fra svarene i undersøkelsen, og la deltakerne velge bord på mobilen eller fordel dem: hver til et tema de valgte, med
          kommunene blandet.{' '}
          <Link asChild>
            <RemixLink to={`/arrangor/${event.id}/bord/utskrift`}>Bordlister for utskrift</RemixLink>
          </Link>
        </Paragraph>
        {saved && DONE[saved] && !actionData ? (
          <Alert data-color="success" role="status">
            <Paragraph>{DONE[saved]}</Paragraph>
          </Alert>
        ) : null}
        <Report />
        {searchParams.get('sendt') !== null && !actionData ? (
          <Alert data-color="success" role="status">
            <Paragraph>
              {searchParams.get('sendt') === '0'
                ? 'Ingen nye e-poster: alle har allerede fått beskjed om bordet sitt.'
                : `E-post er sendt til ${searchParams.get('sendt')} deltakere.`}
            </Paragraph>
          </Alert>
        ) : null}
        <ErrorAlert messages={otherErrors} />
      </div>

      <section aria-labelledby="slik" className="stack">
        <Heading level={2} data-size="md" id="slik">
          Slik får deltakerne bord
        </Heading>
        <Form method="post" {...getFormProps(modeForm)} className="stack form-narrow">
          <FormErrorSummary form={modeForm} labels={{ mode: 'Hvordan deltakerne får bord' }} />
          <input type="hidden" name="intent" value="mode" />
          <RadioGroupField
            field={modeFields.mode}
            legend="Hvordan deltakerne får bord"
            options={[
              {
                value: 'pick',
                label: 'Deltakerne velger bord selv',
                description: 'På mobilen, fra lenken sin, når du åpner for det. Fulle bord kan ikke velges.',
              },
              { value: 'assign', label: 'Arrangøren fordeler', description: 'Hver til et tema de valgte i undersøkelsen, kommunene blandet.' },
            ]}
          />
          <div>
            <Button type="submit" variant="secondary">
              Lagre valget
            </Button>
          </div>
        </Form>
        {event.mode === 'pick' ? (
          <div className="stack">
            <Paragraph>
              {event.pickingOpen ? 'Valg av bord er åpent: deltakerne kan velge og bytte bord fra lenken sin og fra sin egen side.' : 'Valg av bord er stengt.'}
            </Paragraph>
            <Form method="post">
              <input type="hidden" name="intent" value="picking" />
              <input type="hidden" name="picking" value={event.pickingOpen ? 'close' : 'open'} />
              <Button type="submit" variant={event.pickingOpen ? 'secondary' : 'primary'} aria-disabled={submitting || undefined}>
                {event.pickingOpen ? 'Steng valg av bord' : 'Åpne valg av bord'}
              </Button>
            </Form>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="fra-undersokelsen-tittel" className="stack">
        <Heading level={2} data-size="md" id="fra-undersokelsen-tittel">
          Lag bord fra undersøkelsen
        </Heading>
        {questions.length === 0 ? (
          <Paragraph>
            Undersøkelsen har ingen spørsmål med svaralternativer ennå.{' '}
            <Link asChild>
              <RemixLink to={`/arrangor/${event.id}/undersokelse`}>Gå til undersøkelsen</RemixLink>
            </Link>
          </Paragraph>
        ) : (
          <Form method="post" {...getFormProps(surveyForm)} className="stack form-narrow">
            <Paragraph>Ett eller flere bord for hvert tema noen har valgt, nok til alle som valgte det. Bordene legges til dem som finnes.</Paragraph>
            <FormErrorSummary form={surveyForm} labels={surveyLabels} />
            <input type="hidden" name="intent" value="from-survey" />
            <SelectField field={surveyFields.questionId} label={surveyLabels.questionId} options={questions} />
            <TextField field={surveyFields.seatsPerTable} label={surveyLabels.seatsPerTable} inputMode="numeric" />
            <TextField field={surveyFields.room} label={surveyLabels.room} description="Kan stå tomt og fylles inn per bord." />
            <div>
              <Button type="submit">Lag bord fra undersøkelsen</Button>
            </div>
          </Form>
        )}
      </section>

      <section aria-labelledby="bordene" className="stack">
        <Heading level={2} data-size="md" id="bordene">
          Bordene
        </Heading>
        {tables.length === 0 ? (
          <Paragraph>Ingen bord ennå.</Paragraph>
        ) : (
          <Table>
            <caption className="visually-hidden">Bordene med tema, rom og plasser</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>Bord</Table.HeaderCell>
                <Table.HeaderCell>Tema</Table.HeaderCell>
                <Table.HeaderCell>Rom</Table.HeaderCell>
                <Table.HeaderCell>Plasser tatt</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {tables.map((t) => (
                <Table.Row key={t.id}>
                  <Table.Cell>
                    <a href={`#t-${t.id}`}>{t.label}</a>
                  </Table.Cell>
                  <Table.Cell>{t.topic}</Table.Cell>
                  <Table.Cell>{t.room || '–'}</Table.Cell>
                  <Table.Cell>
                    {t.taken} av {t.seats}
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </section>

      <section aria-labelledby="fordel-tittel" className="stack">
        <Heading level={2} data-size="md" id="fordel-tittel">
          Fordel deltakerne
        </Heading>
        <Paragraph>
          {withoutTable} av {participants} deltakere har ikke bord. Fordelingen gir hver av dem et bord med et tema de valgte i undersøkelsen når det er plass,
          og sprer deltakerne fra samme kommune på bordene. De som har valgt bord selv eller er flyttet av deg, beholder plassen sin.
        </Paragraph>
        <Form method="post" {...getFormProps(assignForm)} className="stack form-narrow">
          <FormErrorSummary form={assignForm} labels={{}} />
          <input type="hidden" name="intent" value="assign" />
          <CheckboxField field={assignFields.full} label="Fordel alle på nytt, også dem som har valgt selv eller er flyttet" />
          <div>
            <Button type="submit" aria-disabled={submitting || undefined}>
              Fordel deltakerne
            </Button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="send-tittel" className="stack">
        <Heading level={2} data-size="md" id="send-tittel">
          Gi beskjed på e-post
        </Heading>
        <Paragraph>
          Hver deltaker får bordet sitt, og lenken for å velge eller bytte bord mens valget er åpent, med kontaktpersonen i kommunen i kopi. De som allerede har
          fått beskjed om det samme bordet, får ingen ny e-post.
        </Paragraph>
        <Form method="post">
          <input type="hidden" name="intent" value="send" />
          <Button type="submit" variant="secondary" aria-disabled={submitting || undefined}>
            Send bordene på e-post
          </Button>
        </Form>
      </section>

      {tables.map((t) => (
        <section key={t.id} id={`t-${t.id}`} aria-labelledby={`h-${t.id}`} className="stack cafe-table-section">
          <Heading level={2} data-size="sm" id={`h-${t.id}`}>
            {t.label}
          </Heading>
          <Paragraph>
            Tema: {t.topic}. {t.room ? `Rom: ${t.room}. ` : ''}
            {t.taken} av {t.seats} plasser tatt.
          </Paragraph>
          {t.members.length === 0 ? (
            <Paragraph>Ingen ved bordet ennå.</Paragraph>
          ) : (
            <Table>
              <caption className="visually-hidden">Ved {t.label}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>Navn</Table.HeaderCell>
                  <Table.HeaderCell>Kommune</Table.HeaderCell>
                  <Table.HeaderCell>Plassen</Table.HeaderCell>
                  <Table.HeaderCell>Flytt</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {t.members.map((m) => (
                  <Table.Row key={m.id}>
                    <Table.Cell>{m.name}</Table.Cell>
                    <Table.Cell>{m.municipality}</Table.Cell>
                    <Table.Cell>{m.source}</Table.Cell>
                    <Table.Cell>
                      <Form method="post" className="row-actions">
                        <input type="hidden" name="intent" value="move" />
                        <input type="hidden" name="participantId" value={m.id} />
                        <Field>
                          <Label htmlFor={`flytt-${m.id}`} className="visually-hidden">
                            Flytt {m.name} til
                          </Label>
                          <Select id={`flytt-${m.id}`} name="tableId" defaultValue={t.id} data-size="sm">
                            {tables.map((o) => (
                              <Select.Option key={o.id} value={o.id}>
                                {o.label}
                                {o.id !== t.id && o.taken >= o.seats ? ' (fullt)' : ''}
                              </Select.Option>
                            ))}
                            <Select.Option value="">Uten bord</Select.Option>
                          </Select>
                        </Field>
                        <Button type="submit" variant="secondary" data-size="sm">
                          Flytt<span className="visually-hidden"> {m.name}</span>
                        </Button>
                      </Form>
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
          <details open={editing === t.id || undefined}>
            <summary>Endre {t.label}</summary>
            <TableForm table={t} result={saveResult} />
          </details>
          <Form method="post">
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="tableId" value={t.id} />
            <Button type="submit" variant="tertiary" data-color="danger" data-size="sm">
              Slett<span className="visually-hidden"> {t.label}</span>
            </Button>
          </Form>
        </section>
      ))}

      <section aria-labelledby="nytt-bord-tittel" className="stack">
        <Heading level={2} data-size="md" id="nytt-bord-tittel">
          Legg til et bord
        </Heading>
        <TableForm table={null} result={saveResult} />
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Bord – ${data.event.title} – Klimasamling` : 'Klimasamling' }]
