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
import { languageFormOfMatches, useTexts } from '~/components/language'
import { texts } from '~/domain/language'
import { languageOf } from '~/utils/language.server'

const text = texts({
  nb: {
    tableLabels: { topic: 'Tema', label: 'Navn på bordet', room: 'Rom', seats: 'Plasser' },
    surveyLabels: { questionId: 'Spørsmål', seatsPerTable: 'Plasser per bord', room: 'Rom' },
    sources: { picked: 'valgte selv', assigned: 'fordelt', manual: 'flyttet av arrangør', cancelled: 'ikke lenger påmeldt' },
    done: {
      'from-survey': 'Bordene er laget fra undersøkelsen.',
      save: 'Bordet er lagret.',
      delete: 'Bordet er slettet.',
      mode: 'Valget er lagret.',
      open: 'Deltakerne kan nå velge bord.',
      close: 'Valg av bord er stengt.',
      move: 'Deltakeren er flyttet.',
    },
    labelExample: 'For eksempel «Energi – bord 1».',
    saveTable: 'Lagre bordet',
    addTable: 'Legg til bordet',
    assigned: 'Deltakerne er fordelt',
    placed: (placed: string) => `${placed} fikk plass ved et bord.`,
    chosenTopic: (count: string | null) => `${count} av dem fikk et tema de valgte i undersøkelsen.`,
    unplaced: (unplaced: number) => `${unplaced} fikk ikke plass: det er ikke flere ledige plasser. Legg til bord eller plasser.`,
    allPlaced: 'Alle fikk plass.',
    maxSame: (max: string | null) => `Flest fra samme kommune ved ett bord: ${max}.`,
    heading: 'Bord til kafédialogen',
    intro: (event: string) =>
      `${event}. Lag bordene ut fra svarene i undersøkelsen, og la deltakerne velge bord på mobilen eller fordel dem: hver til et tema de valgte, med kommunene blandet.`,
    printLists: 'Bordlister for utskrift',
    noneSent: 'Ingen nye e-poster: alle har allerede fått beskjed om bordet sitt.',
    sent: (count: string | null) => `E-post er sendt til ${count} deltakere.`,
    howHeading: 'Slik får deltakerne bord',
    how: 'Hvordan deltakerne får bord',
    pick: 'Deltakerne velger bord selv',
    pickDescription: 'På mobilen, fra lenken sin, når du åpner for det. Fulle bord kan ikke velges.',
    assign: 'Arrangøren fordeler',
    assignDescription: 'Hver til et tema de valgte i undersøkelsen, kommunene blandet.',
    saveMode: 'Lagre valget',
    pickingOpen: 'Valg av bord er åpent: deltakerne kan velge og bytte bord fra lenken sin og fra sin egen side.',
    pickingClosed: 'Valg av bord er stengt.',
    closePicking: 'Steng valg av bord',
    openPicking: 'Åpne valg av bord',
    fromSurvey: 'Lag bord fra undersøkelsen',
    noQuestions: 'Undersøkelsen har ingen spørsmål med svaralternativer ennå.',
    toSurvey: 'Gå til undersøkelsen',
    fromSurveyHelp: 'Ett eller flere bord for hvert tema noen har valgt, nok til alle som valgte det. Bordene legges til dem som finnes.',
    roomDescription: 'Kan stå tomt og fylles inn per bord.',
    tables: 'Bordene',
    noTables: 'Ingen bord ennå.',
    tablesCaption: 'Bordene med tema, rom og plasser',
    table: 'Bord',
    topic: 'Tema',
    room: 'Rom',
    seatsTaken: 'Plasser tatt',
    takenOf: (taken: number, seats: number) => `${taken} av ${seats}`,
    assignHeading: 'Fordel deltakerne',
    assignHelp: (without: number, participants: number) =>
      `${without} av ${participants} deltakere har ikke bord. Fordelingen gir hver av dem et bord med et tema de valgte i undersøkelsen når det er plass, og sprer deltakerne fra samme kommune på bordene. De som har valgt bord selv eller er flyttet av deg, beholder plassen sin.`,
    assignAll: 'Fordel alle på nytt, også dem som har valgt selv eller er flyttet',
    mailHeading: 'Gi beskjed på e-post',
    mailHelp:
      'Hver deltaker får bordet sitt, og lenken for å velge eller bytte bord mens valget er åpent, med kontaktpersonen i kommunen i kopi. De som allerede har fått beskjed om det samme bordet, får ingen ny e-post.',
    sendTables: 'Send bordene på e-post',
    tableFacts: (topic: string, room: string, taken: number, seats: number) =>
      `Tema: ${topic}. ${room ? `Rom: ${room}. ` : ''}${taken} av ${seats} plasser tatt.`,
    nobodyYet: 'Ingen ved bordet ennå.',
    at: (table: string) => `Ved ${table}`,
    name: 'Navn',
    municipality: 'Kommune',
    seat: 'Plassen',
    move: 'Flytt',
    moveTo: (name: string) => `Flytt ${name} til`,
    full: ' (fullt)',
    noTable: 'Uten bord',
    edit: (table: string) => `Endre ${table}`,
    delete: 'Slett',
    addHeading: 'Legg til et bord',
    title: (event: string) => `Bord – ${event} – Klimasamling`,
  },
  nn: {
    tableLabels: { topic: 'Tema', label: 'Namn på bordet', room: 'Rom', seats: 'Plassar' },
    surveyLabels: { questionId: 'Spørsmål', seatsPerTable: 'Plassar per bord', room: 'Rom' },
    sources: { picked: 'valde sjølv', assigned: 'fordelt', manual: 'flytta av arrangør', cancelled: 'ikkje lenger påmeld' },
    done: {
      'from-survey': 'Borda er laga frå undersøkinga.',
      save: 'Bordet er lagra.',
      delete: 'Bordet er sletta.',
      mode: 'Valet er lagra.',
      open: 'Deltakarane kan no velje bord.',
      close: 'Val av bord er stengt.',
      move: 'Deltakaren er flytta.',
    },
    labelExample: 'Til dømes «Energi – bord 1».',
    saveTable: 'Lagre bordet',
    addTable: 'Legg til bordet',
    assigned: 'Deltakarane er fordelte',
    placed: (placed: string) => `${placed} fekk plass ved eit bord.`,
    chosenTopic: (count: string | null) => `${count} av dei fekk eit tema dei valde i undersøkinga.`,
    unplaced: (unplaced: number) => `${unplaced} fekk ikkje plass: det er ikkje fleire ledige plassar. Legg til bord eller plassar.`,
    allPlaced: 'Alle fekk plass.',
    maxSame: (max: string | null) => `Flest frå same kommune ved eitt bord: ${max}.`,
    heading: 'Bord til kafédialogen',
    intro: (event: string) =>
      `${event}. Lag borda ut frå svara i undersøkinga, og la deltakarane velje bord på mobilen eller fordel dei: kvar til eit tema dei valde, med kommunane blanda.`,
    printLists: 'Bordlister for utskrift',
    noneSent: 'Ingen nye e-postar: alle har allereie fått beskjed om bordet sitt.',
    sent: (count: string | null) => `E-post er sendt til ${count} deltakarar.`,
    howHeading: 'Slik får deltakarane bord',
    how: 'Korleis deltakarane får bord',
    pick: 'Deltakarane vel bord sjølv',
    pickDescription: 'På mobilen, frå lenka si, når du opnar for det. Fulle bord kan ikkje veljast.',
    assign: 'Arrangøren fordeler',
    assignDescription: 'Kvar til eit tema dei valde i undersøkinga, kommunane blanda.',
    saveMode: 'Lagre valet',
    pickingOpen: 'Val av bord er ope: deltakarane kan velje og byte bord frå lenka si og frå si eiga side.',
    pickingClosed: 'Val av bord er stengt.',
    closePicking: 'Steng val av bord',
    openPicking: 'Opne val av bord',
    fromSurvey: 'Lag bord frå undersøkinga',
    noQuestions: 'Undersøkinga har ingen spørsmål med svaralternativ enno.',
    toSurvey: 'Gå til undersøkinga',
    fromSurveyHelp: 'Eitt eller fleire bord for kvart tema nokon har valt, nok til alle som valde det. Borda blir lagde til dei som finst.',
    roomDescription: 'Kan stå tomt og fyllast inn per bord.',
    tables: 'Borda',
    noTables: 'Ingen bord enno.',
    tablesCaption: 'Borda med tema, rom og plassar',
    table: 'Bord',
    topic: 'Tema',
    room: 'Rom',
    seatsTaken: 'Plassar tekne',
    takenOf: (taken: number, seats: number) => `${taken} av ${seats}`,
    assignHeading: 'Fordel deltakarane',
    assignHelp: (without: number, participants: number) =>
      `${without} av ${participants} deltakarar har ikkje bord. Fordelinga gir kvar av dei eit bord med eit tema dei valde i undersøkinga når det er plass, og spreier deltakarane frå same kommune på borda. Dei som har valt bord sjølv eller er flytta av deg, held på plassen sin.`,
    assignAll: 'Fordel alle på nytt, òg dei som har valt sjølv eller er flytta',
    mailHeading: 'Gi beskjed på e-post',
    mailHelp:
      'Kvar deltakar får bordet sitt, og lenka for å velje eller byte bord medan valet er ope, med kontaktpersonen i kommunen i kopi. Dei som allereie har fått beskjed om det same bordet, får ingen ny e-post.',
    sendTables: 'Send borda på e-post',
    tableFacts: (topic: string, room: string, taken: number, seats: number) =>
      `Tema: ${topic}. ${room ? `Rom: ${room}. ` : ''}${taken} av ${seats} plassar tekne.`,
    nobodyYet: 'Ingen ved bordet enno.',
    at: (table: string) => `Ved ${table}`,
    name: 'Namn',
    municipality: 'Kommune',
    seat: 'Plassen',
    move: 'Flytt',
    moveTo: (name: string) => `Flytt ${name} til`,
    full: ' (fullt)',
    noTable: 'Utan bord',
    edit: (table: string) => `Endre ${table}`,
    delete: 'Slett',
    addHeading: 'Legg til eit bord',
    title: (event: string) => `Bord – ${event} – Klimasamling`,
  },
})

/**
 * The world-café tables of an event (decision 050), for its organisers: the
 * tables with topic, room and seats taken; tables made from the survey's
 * results or by hand, changed and deleted; whether participants pick their
 * table or are assigned, and picking opened or closed; the assignment with
 * its report; and who sits where, with a move by hand. Plain forms, no
 * JavaScript needed.
 */

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: cafeCss }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const page = await getCafeTables(context.db, { userId: user.id }, idParam(params.eventId))
  if (!page) notFound()
  const sources = text[await languageOf(request, context)].sources
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
        source: m.status === 'active' ? sources[m.source] : sources.cancelled,
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
  const txt = useTexts(text)
  const { tableLabels } = txt
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
      <TextField field={fields.label} label={tableLabels.label} description={txt.labelExample} />
      <TextField field={fields.room} label={tableLabels.room} />
      <TextField field={fields.seats} label={tableLabels.seats} inputMode="numeric" />
      <div>
        <Button type="submit">{table ? txt.saveTable : txt.addTable}</Button>
      </div>
    </Form>
  )
}

function Report() {
  const txt = useTexts(text)
  const [searchParams] = useSearchParams()
  const placed = searchParams.get('plassert')
  if (placed === null) return null
  const unplaced = Number(searchParams.get('uten') ?? 0)
  return (
    <Alert data-color={unplaced > 0 ? 'warning' : 'success'} role="status">
      <Heading level={3} data-size="xs">
        {txt.assigned}
      </Heading>
      <ul>
        <li>{txt.placed(placed)}</li>
        <li>{txt.chosenTopic(searchParams.get('tema'))}</li>
        <li>{unplaced > 0 ? txt.unplaced(unplaced) : txt.allPlaced}</li>
        <li>{txt.maxSame(searchParams.get('maks'))}</li>
      </ul>
    </Alert>
  )
}

export default function CafeTables() {
  const { event, participants, withoutTable, questions, tables } = useLoaderData<typeof loader>()
  const txt = useTexts(text)
  const { surveyLabels } = txt
  const done: Record<string, string> = txt.done
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
          {txt.heading}
        </Heading>
        <Paragraph>
          {txt.intro(event.title)}{' '}
          <Link asChild>
            <RemixLink to={`/arrangor/${event.id}/bord/utskrift`}>{txt.printLists}</RemixLink>
          </Link>
        </Paragraph>
        {saved && Object.hasOwn(done, saved) && !actionData ? (
          <Alert data-color="success" role="status">
            <Paragraph>{done[saved]}</Paragraph>
          </Alert>
        ) : null}
        <Report />
        {searchParams.get('sendt') !== null && !actionData ? (
          <Alert data-color="success" role="status">
            <Paragraph>{searchParams.get('sendt') === '0' ? txt.noneSent : txt.sent(searchParams.get('sendt'))}</Paragraph>
          </Alert>
        ) : null}
        <ErrorAlert messages={otherErrors} />
      </div>

      <section aria-labelledby="slik" className="stack">
        <Heading level={2} data-size="md" id="slik">
          {txt.howHeading}
        </Heading>
        <Form method="post" {...getFormProps(modeForm)} className="stack form-narrow">
          <FormErrorSummary form={modeForm} labels={{ mode: txt.how }} />
          <input type="hidden" name="intent" value="mode" />
          <RadioGroupField
            field={modeFields.mode}
            legend={txt.how}
            options={[
              {
                value: 'pick',
                label: txt.pick,
                description: txt.pickDescription,
              },
              { value: 'assign', label: txt.assign, description: txt.assignDescription },
            ]}
          />
          <div>
            <Button type="submit" variant="secondary">
              {txt.saveMode}
            </Button>
          </div>
        </Form>
        {event.mode === 'pick' ? (
          <div className="stack">
            <Paragraph>{event.pickingOpen ? txt.pickingOpen : txt.pickingClosed}</Paragraph>
            <Form method="post">
              <input type="hidden" name="intent" value="picking" />
              <input type="hidden" name="picking" value={event.pickingOpen ? 'close' : 'open'} />
              <Button type="submit" variant={event.pickingOpen ? 'secondary' : 'primary'} aria-disabled={submitting || undefined}>
                {event.pickingOpen ? txt.closePicking : txt.openPicking}
              </Button>
            </Form>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="fra-undersokelsen-tittel" className="stack">
        <Heading level={2} data-size="md" id="fra-undersokelsen-tittel">
          {txt.fromSurvey}
        </Heading>
        {questions.length === 0 ? (
          <Paragraph>
            {txt.noQuestions}{' '}
            <Link asChild>
              <RemixLink to={`/arrangor/${event.id}/undersokelse`}>{txt.toSurvey}</RemixLink>
            </Link>
          </Paragraph>
        ) : (
          <Form method="post" {...getFormProps(surveyForm)} className="stack form-narrow">
            <Paragraph>{txt.fromSurveyHelp}</Paragraph>
            <FormErrorSummary form={surveyForm} labels={surveyLabels} />
            <input type="hidden" name="intent" value="from-survey" />
            <SelectField field={surveyFields.questionId} label={surveyLabels.questionId} options={questions} />
            <TextField field={surveyFields.seatsPerTable} label={surveyLabels.seatsPerTable} inputMode="numeric" />
            <TextField field={surveyFields.room} label={surveyLabels.room} description={txt.roomDescription} />
            <div>
              <Button type="submit">{txt.fromSurvey}</Button>
            </div>
          </Form>
        )}
      </section>

      <section aria-labelledby="bordene" className="stack">
        <Heading level={2} data-size="md" id="bordene">
          {txt.tables}
        </Heading>
        {tables.length === 0 ? (
          <Paragraph>{txt.noTables}</Paragraph>
        ) : (
          <Table>
            <caption className="visually-hidden">{txt.tablesCaption}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{txt.table}</Table.HeaderCell>
                <Table.HeaderCell>{txt.topic}</Table.HeaderCell>
                <Table.HeaderCell>{txt.room}</Table.HeaderCell>
                <Table.HeaderCell>{txt.seatsTaken}</Table.HeaderCell>
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
                  <Table.Cell>{txt.takenOf(t.taken, t.seats)}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </section>

      <section aria-labelledby="fordel-tittel" className="stack">
        <Heading level={2} data-size="md" id="fordel-tittel">
          {txt.assignHeading}
        </Heading>
        <Paragraph>{txt.assignHelp(withoutTable, participants)}</Paragraph>
        <Form method="post" {...getFormProps(assignForm)} className="stack form-narrow">
          <FormErrorSummary form={assignForm} labels={{}} />
          <input type="hidden" name="intent" value="assign" />
          <CheckboxField field={assignFields.full} label={txt.assignAll} />
          <div>
            <Button type="submit" aria-disabled={submitting || undefined}>
              {txt.assignHeading}
            </Button>
          </div>
        </Form>
      </section>

      <section aria-labelledby="send-tittel" className="stack">
        <Heading level={2} data-size="md" id="send-tittel">
          {txt.mailHeading}
        </Heading>
        <Paragraph>{txt.mailHelp}</Paragraph>
        <Form method="post">
          <input type="hidden" name="intent" value="send" />
          <Button type="submit" variant="secondary" aria-disabled={submitting || undefined}>
            {txt.sendTables}
          </Button>
        </Form>
      </section>

      {tables.map((t) => (
        <section key={t.id} id={`t-${t.id}`} aria-labelledby={`h-${t.id}`} className="stack cafe-table-section">
          <Heading level={2} data-size="sm" id={`h-${t.id}`}>
            {t.label}
          </Heading>
          <Paragraph>{txt.tableFacts(t.topic, t.room, t.taken, t.seats)}</Paragraph>
          {t.members.length === 0 ? (
            <Paragraph>{txt.nobodyYet}</Paragraph>
          ) : (
            <Table>
              <caption className="visually-hidden">{txt.at(t.label)}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{txt.name}</Table.HeaderCell>
                  <Table.HeaderCell>{txt.municipality}</Table.HeaderCell>
                  <Table.HeaderCell>{txt.seat}</Table.HeaderCell>
                  <Table.HeaderCell>{txt.move}</Table.HeaderCell>
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
                            {txt.moveTo(m.name)}
                          </Label>
                          <Select id={`flytt-${m.id}`} name="tableId" defaultValue={t.id} data-size="sm">
                            {tables.map((o) => (
                              <Select.Option key={o.id} value={o.id}>
                                {o.label}
                                {o.id !== t.id && o.taken >= o.seats ? txt.full : ''}
                              </Select.Option>
                            ))}
                            <Select.Option value="">{txt.noTable}</Select.Option>
                          </Select>
                        </Field>
                        <Button type="submit" variant="secondary" data-size="sm">
                          {txt.move}
                          <span className="visually-hidden"> {m.name}</span>
                        </Button>
                      </Form>
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          )}
          <details open={editing === t.id || undefined}>
            <summary>{txt.edit(t.label)}</summary>
            <TableForm table={t} result={saveResult} />
          </details>
          <Form method="post">
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="tableId" value={t.id} />
            <Button type="submit" variant="tertiary" data-color="danger" data-size="sm">
              {txt.delete}
              <span className="visually-hidden"> {t.label}</span>
            </Button>
          </Form>
        </section>
      ))}

      <section aria-labelledby="nytt-bord-tittel" className="stack">
        <Heading level={2} data-size="md" id="nytt-bord-tittel">
          {txt.addHeading}
        </Heading>
        <TableForm table={null} result={saveResult} />
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.event.title) : 'Klimasamling' },
]
