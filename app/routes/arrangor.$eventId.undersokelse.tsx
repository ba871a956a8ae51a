import { Alert, Button, Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import {
  CheckboxField,
  FormErrorSummary,
  getFormProps,
  intentErrors,
  intentResult,
  RadioGroupField,
  TextAreaField,
  TextField,
  useServerForm,
} from '~/components/form'
import { OrganiserNav } from '~/components/organiser-nav'
import { formatDateTime, osloDate, osloTimeValue } from '~/domain/dates'
import { SURVEY_STATE_LABELS } from '~/domain/survey'
import { emptyFormSchema, openSurveyFormSchema, questionFormSchema, questionIdFormSchema, surveyFormSchema, surveyTimesFormSchema } from '~/domain/survey-form'
import { deleteQuestion, getSurveyBuilder, saveQuestion, saveSurvey, sendSurveyLinks, setSurveyTimes } from '~/services/survey.server'
import { handleIntent, intent, readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { ErrorAlert } from '~/components/error-alert'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { texts } from '~/domain/language'
import { languageOf } from '~/utils/language.server'

const text = texts({
  nb: {
    saved: {
      survey: 'Undersøkelsen er lagret.',
      question: 'Spørsmålet er lagret.',
      'delete-question': 'Spørsmålet er slettet.',
      times: 'Tidspunktene er lagret.',
      open: 'Undersøkelsen er åpen.',
      close: 'Undersøkelsen er stengt.',
      'send-links': 'Lenkene er sendt til deltakerne som ikke hadde fått dem.',
    },
    surveyLabels: { title: 'Tittel', code: 'Kode' },
    questionLabels: { prompt: 'Spørsmål', kind: 'Svartype', allowsFreeText: 'Fritekst', options: 'Svaralternativer' },
    timeLabels: { opensDate: 'Åpner (dato)', opensTime: 'Åpner (klokkeslett)', closesDate: 'Stenger (dato)', closesTime: 'Stenger (klokkeslett)' },
    defaultTitle: 'Hvilket tema skal du jobbe mest med framover?',
    heading: 'Undersøkelse',
    intro: (event: string) =>
      `${event}. Deltakerne svarer på mobilen, med sin egen lenke fra e-posten eller med koden og e-postadressen sin. Du ser resultatene mens svarene kommer inn, og kan vise dem på storskjerm.`,
    status: 'Status',
    opens: 'Åpner',
    closes: 'Stenger',
    notSet: 'Ikke satt',
    code: 'Kode',
    answers: 'Svar',
    answered: (answered: number, participants: number) => `${answered} av ${participants} deltakere har svart`,
    closeNow: 'Steng nå',
    sendLinksToo: 'Send lenker til deltakerne samtidig',
    reopenNow: 'Åpne igjen nå',
    openNow: 'Åpne nå',
    sendLinks: 'Send lenker til deltakerne',
    seeResults: 'Se resultatene',
    projector: 'Vis på storskjerm',
    titleAndCode: 'Tittel og kode',
    create: 'Lag undersøkelsen',
    optional: (label: string) => `${label} (valgfritt)`,
    codeDescription: '4 til 12 bokstaver og sifre. Deltakerne skriver den sammen med e-postadressen sin. La feltet stå tomt, så lager vi en.',
    saveTitleAndCode: 'Lagre tittel og kode',
    questions: 'Spørsmål',
    locked: 'Noen har svart, så spørsmålene og svaralternativene kan ikke endres lenger.',
    noQuestions: 'Undersøkelsen har ingen spørsmål ennå.',
    single: 'Ett svar',
    multiple: 'Ett eller flere svar',
    withFreeText: ', med fritekst',
    edit: 'Endre',
    delete: 'Slett',
    editQuestion: 'Endre spørsmålet',
    addQuestion: 'Legg til spørsmål',
    fillFrom: 'Fyll svaralternativene fra:',
    topics: 'temaene til samlingen',
    or: ' eller ',
    fieldsOfWork: 'fagområdene',
    optionsDescription: 'Ett svaralternativ på hver linje, minst to.',
    freeTextAllowed: 'Deltakerne kan også skrive et fritekstsvar',
    saveQuestion: 'Lagre spørsmålet',
    addTheQuestion: 'Legg til spørsmålet',
    cancel: 'Avbryt',
    timesHeading: 'Åpne og stenge på faste tidspunkter',
    timesHelp: 'La feltene stå tomme for å åpne og stenge med knappene over.',
    saveTimes: 'Lagre tidspunktene',
    title: (event: string) => `Undersøkelse – ${event} – Klimasamling`,
  },
  nn: {
    saved: {
      survey: 'Undersøkinga er lagra.',
      question: 'Spørsmålet er lagra.',
      'delete-question': 'Spørsmålet er sletta.',
      times: 'Tidspunkta er lagra.',
      open: 'Undersøkinga er open.',
      close: 'Undersøkinga er stengd.',
      'send-links': 'Lenkene er sende til deltakarane som ikkje hadde fått dei.',
    },
    surveyLabels: { title: 'Tittel', code: 'Kode' },
    questionLabels: { prompt: 'Spørsmål', kind: 'Svartype', allowsFreeText: 'Fritekst', options: 'Svaralternativ' },
    timeLabels: { opensDate: 'Opnar (dato)', opensTime: 'Opnar (klokkeslett)', closesDate: 'Stengjer (dato)', closesTime: 'Stengjer (klokkeslett)' },
    defaultTitle: 'Kva tema skal du jobbe mest med framover?',
    heading: 'Undersøking',
    intro: (event: string) =>
      `${event}. Deltakarane svarar på mobilen, med si eiga lenke frå e-posten eller med koden og e-postadressa si. Du ser resultata medan svara kjem inn, og kan vise dei på storskjerm.`,
    status: 'Status',
    opens: 'Opnar',
    closes: 'Stengjer',
    notSet: 'Ikkje sett',
    code: 'Kode',
    answers: 'Svar',
    answered: (answered: number, participants: number) => `${answered} av ${participants} deltakarar har svart`,
    closeNow: 'Steng no',
    sendLinksToo: 'Send lenker til deltakarane samtidig',
    reopenNow: 'Opne igjen no',
    openNow: 'Opne no',
    sendLinks: 'Send lenker til deltakarane',
    seeResults: 'Sjå resultata',
    projector: 'Vis på storskjerm',
    titleAndCode: 'Tittel og kode',
    create: 'Lag undersøkinga',
    optional: (label: string) => `${label} (valfritt)`,
    codeDescription: '4 til 12 bokstavar og siffer. Deltakarane skriv han saman med e-postadressa si. La feltet stå tomt, så lagar vi ein.',
    saveTitleAndCode: 'Lagre tittel og kode',
    questions: 'Spørsmål',
    locked: 'Nokon har svart, så spørsmåla og svaralternativa kan ikkje endrast lenger.',
    noQuestions: 'Undersøkinga har ingen spørsmål enno.',
    single: 'Eitt svar',
    multiple: 'Eitt eller fleire svar',
    withFreeText: ', med fritekst',
    edit: 'Endre',
    delete: 'Slett',
    editQuestion: 'Endre spørsmålet',
    addQuestion: 'Legg til spørsmål',
    fillFrom: 'Fyll svaralternativa frå:',
    topics: 'temaa til samlinga',
    or: ' eller ',
    fieldsOfWork: 'fagområda',
    optionsDescription: 'Eitt svaralternativ på kvar linje, minst to.',
    freeTextAllowed: 'Deltakarane kan òg skrive eit fritekstsvar',
    saveQuestion: 'Lagre spørsmålet',
    addTheQuestion: 'Legg til spørsmålet',
    cancel: 'Avbryt',
    timesHeading: 'Opne og stengje på faste tidspunkt',
    timesHelp: 'La felta stå tomme for å opne og stengje med knappane over.',
    saveTimes: 'Lagre tidspunkta',
    title: (event: string) => `Undersøking – ${event} – Klimasamling`,
  },
})

/**
 * The organiser's survey of the gathering (decision 049): its title and code,
 * its questions (options one per line; filled from the event's topics or the
 * fields of work if wanted), when it opens and closes ("Åpne nå", "Steng
 * nå"), the links sent to the participants, and the way to the live results
 * and the projector view. Questions can be changed until someone answers.
 * Every form works without JavaScript. Organisers only.
 */

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const languageForm = await languageOf(request, context)
  const builder = await getSurveyBuilder(context.db, { userId: user.id }, idParam(params.eventId), context.now(), languageForm)
  if (!builder) notFound()
  const url = new URL(request.url)
  const editing = builder.questions.find((q) => q.id === url.searchParams.get('sporsmal')) ?? null
  const fill = url.searchParams.get('fyll')
  const filled = fill === 'temaer' ? builder.topics : fill === 'fagomrader' ? builder.fieldsOfWork : null
  const { survey } = builder
  return {
    event: builder.event,
    survey: survey
      ? {
          title: survey.title,
          code: survey.code,
          state: survey.state,
          stateLabel: SURVEY_STATE_LABELS[languageForm][survey.state],
          opens: survey.opens_at ? formatDateTime(survey.opens_at) : null,
          closes: survey.closes_at ? formatDateTime(survey.closes_at) : null,
          times: {
            opensDate: survey.opens_at ? osloDate(survey.opens_at) : '',
            opensTime: survey.opens_at ? osloTimeValue(survey.opens_at) : '',
            closesDate: survey.closes_at ? osloDate(survey.closes_at) : '',
            closesTime: survey.closes_at ? osloTimeValue(survey.closes_at) : '',
          },
        }
      : null,
    questions: builder.questions,
    answered: builder.answered,
    participants: builder.participants,
    hasTopics: builder.topics.length > 0,
    questionValues: editing
      ? {
          questionId: editing.id,
          prompt: editing.prompt,
          kind: editing.kind,
          allowsFreeText: editing.allows_free_text ? 'on' : undefined,
          options: editing.options.map((o) => o.label).join('\n'),
        }
      : { kind: 'single', options: filled ? filled.join('\n') : '' },
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const eventId = idParam(params.eventId)
  const actor = { userId: user.id }
  const now = context.now()
  const form = await readForm(request)
  const failed = await handleIntent(
    form,
    {
      survey: intent(surveyFormSchema, (v) => saveSurvey(context.db, actor, eventId, { title: v.title, code: v.code }, now)),
      question: intent(questionFormSchema, (v) => saveQuestion(context.db, actor, eventId, v, now)),
      'delete-question': intent(questionIdFormSchema, (v) => deleteQuestion(context.db, actor, eventId, v.id, now)),
      times: intent(surveyTimesFormSchema, (v) => setSurveyTimes(context.db, context.mail, actor, eventId, { kind: 'schedule', ...v }, now)),
      open: intent(openSurveyFormSchema, (v) =>
        setSurveyTimes(context.db, context.mail, actor, eventId, { kind: 'open', sendLinks: v.sendLinks === 'on' }, now),
      ),
      close: intent(emptyFormSchema, () => setSurveyTimes(context.db, context.mail, actor, eventId, { kind: 'close' }, now)),
      'send-links': intent(emptyFormSchema, () => sendSurveyLinks(context.db, context.mail, actor, eventId, now)),
    },
    await languageOf(request, context),
  )
  if (failed) return failed
  return redirect(`/arrangor/${eventId}/undersokelse?lagret=${encodeURIComponent(String(form.get('intent')))}`)
}

export default function SurveyBuilder() {
  const { event, survey, questions, answered, participants, hasTopics, questionValues } = useLoaderData<typeof loader>()
  const t = useTexts(text)
  const { surveyLabels, questionLabels, timeLabels } = t
  const savedTexts: Record<string, string> = t.saved
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const submitting = useNavigation().state === 'submitting'
  const saved = searchParams.get('lagret')
  const [surveyForm, surveyFields] = useServerForm<typeof surveyFormSchema>({
    id: 'undersokelse',
    lastResult: intentResult(actionData, ['survey']),
    defaultValue: { title: survey?.title ?? t.defaultTitle, code: survey?.code ?? '' },
  })
  const [questionForm, questionFields] = useServerForm<typeof questionFormSchema>({
    id: questionValues.questionId ? `sporsmal-${questionValues.questionId}` : `sporsmal-ny-${searchParams.get('fyll') ?? ''}`,
    lastResult: intentResult(actionData, ['question']),
    defaultValue: questionValues,
  })
  const [timesForm, timeFields] = useServerForm<typeof surveyTimesFormSchema>({
    id: 'tidspunkter',
    lastResult: intentResult(actionData, ['times']),
    defaultValue: survey?.times,
  })
  const otherErrors = intentErrors(intentResult(actionData, ['delete-question', 'open', 'close', 'send-links']))
  const base = `/arrangor/${event.id}/undersokelse`
  const locked = answered > 0
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          {t.heading}
        </Heading>
        <Paragraph>{t.intro(event.title)}</Paragraph>
        {saved && Object.hasOwn(savedTexts, saved) && !actionData ? (
          <Alert data-color="success" role="status">
            <Paragraph>{savedTexts[saved]}</Paragraph>
          </Alert>
        ) : null}
        <ErrorAlert messages={otherErrors} />
      </div>

      {survey ? (
        <section aria-labelledby="status" className="stack">
          <Heading level={2} data-size="md" id="status">
            {t.status}
          </Heading>
          <dl className="facts">
            <dt>{t.status}</dt>
            <dd>
              <Tag data-color={survey.state === 'open' ? 'success' : 'neutral'}>{survey.stateLabel}</Tag>
            </dd>
            <dt>{t.opens}</dt>
            <dd>{survey.opens ?? t.notSet}</dd>
            <dt>{t.closes}</dt>
            <dd>{survey.closes ?? t.notSet}</dd>
            <dt>{t.code}</dt>
            <dd>
              <strong>{survey.code}</strong>
            </dd>
            <dt>{t.answers}</dt>
            <dd>{t.answered(answered, participants)}</dd>
          </dl>
          <div className="row-actions">
            {survey.state === 'open' ? (
              <Form method="post">
                <input type="hidden" name="intent" value="close" />
                <Button type="submit" aria-disabled={submitting || undefined}>
                  {t.closeNow}
                </Button>
              </Form>
            ) : (
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="open" />
                <CheckboxField
                  field={{ id: 'open-sendLinks', name: 'sendLinks', key: 'open', initialValue: 'on', value: 'on', errors: undefined }}
                  label={t.sendLinksToo}
                />
                <Button type="submit" aria-disabled={submitting || undefined}>
                  {survey.state === 'closed' ? t.reopenNow : t.openNow}
                </Button>
              </Form>
            )}
            <Form method="post">
              <input type="hidden" name="intent" value="send-links" />
              <Button type="submit" variant="secondary" aria-disabled={submitting || undefined}>
                {t.sendLinks}
              </Button>
            </Form>
          </div>
          <ul>
            <li>
              <Link asChild>
                <RemixLink to={`${base}/resultater`}>{t.seeResults}</RemixLink>
              </Link>
            </li>
            <li>
              <Link asChild>
                <RemixLink to={`${base}/visning`}>{t.projector}</RemixLink>
              </Link>
            </li>
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="om" className="stack">
        <Heading level={2} data-size="md" id="om">
          {survey ? t.titleAndCode : t.create}
        </Heading>
        <FormErrorSummary form={surveyForm} labels={surveyLabels} />
        <Form method="post" {...getFormProps(surveyForm)} className="stack form-narrow">
          <input type="hidden" name="intent" value="survey" />
          <TextField field={surveyFields.title} label={surveyLabels.title} />
          <TextField field={surveyFields.code} label={t.optional(surveyLabels.code)} description={t.codeDescription} />
          <Button type="submit" aria-disabled={submitting || undefined}>
            {survey ? t.saveTitleAndCode : t.create}
          </Button>
        </Form>
      </section>

      {survey ? (
        <>
          <section aria-labelledby="sporsmal" className="stack">
            <Heading level={2} data-size="md" id="sporsmal">
              {t.questions}
            </Heading>
            {locked ? (
              <Alert data-color="info">
                <Paragraph>{t.locked}</Paragraph>
              </Alert>
            ) : null}
            {questions.length === 0 ? <Paragraph>{t.noQuestions}</Paragraph> : null}
            <ol className="stack">
              {questions.map((q) => (
                <li key={q.id} className="stack">
                  <p className="program-item-title">{q.prompt}</p>
                  <Paragraph data-size="sm">
                    {q.kind === 'single' ? t.single : t.multiple}
                    {q.allows_free_text ? t.withFreeText : ''}: {q.options.map((o) => o.label).join(' · ')}
                  </Paragraph>
                  {locked ? null : (
                    <div className="row-actions">
                      <Link asChild>
                        <RemixLink to={`?sporsmal=${q.id}#sporsmal-skjema`}>
                          {t.edit}
                          <span className="visually-hidden"> «{q.prompt}»</span>
                        </RemixLink>
                      </Link>
                      <Form method="post">
                        <input type="hidden" name="intent" value="delete-question" />
                        <input type="hidden" name="id" value={q.id} />
                        <Button type="submit" variant="tertiary" data-size="sm">
                          {t.delete}
                          <span className="visually-hidden"> «{q.prompt}»</span>
                        </Button>
                      </Form>
                    </div>
                  )}
                </li>
              ))}
            </ol>
          </section>

          {locked ? null : (
            <section aria-labelledby="sporsmal-skjema-tittel" className="stack" id="sporsmal-skjema">
              <Heading level={2} data-size="md" id="sporsmal-skjema-tittel">
                {questionValues.questionId ? t.editQuestion : t.addQuestion}
              </Heading>
              {questionValues.questionId ? null : (
                <Paragraph data-size="sm">
                  {t.fillFrom}{' '}
                  {hasTopics ? (
                    <>
                      <Link asChild>
                        <RemixLink to="?fyll=temaer#sporsmal-skjema">{t.topics}</RemixLink>
                      </Link>
                      {t.or}
                    </>
                  ) : null}
                  <Link asChild>
                    <RemixLink to="?fyll=fagomrader#sporsmal-skjema">{t.fieldsOfWork}</RemixLink>
                  </Link>
                  .
                </Paragraph>
              )}
              <FormErrorSummary form={questionForm} labels={questionLabels} />
              <Form method="post" {...getFormProps(questionForm)} className="stack form-narrow" key={questionForm.id}>
                <input type="hidden" name="intent" value="question" />
                {questionValues.questionId ? <input type="hidden" name="questionId" value={questionValues.questionId} /> : null}
                <TextField field={questionFields.prompt} label={questionLabels.prompt} />
                <RadioGroupField
                  field={questionFields.kind}
                  legend={questionLabels.kind}
                  options={[
                    { value: 'single', label: t.single },
                    { value: 'multiple', label: t.multiple },
                  ]}
                />
                <TextAreaField field={questionFields.options} label={questionLabels.options} description={t.optionsDescription} rows={7} />
                <CheckboxField field={questionFields.allowsFreeText} label={t.freeTextAllowed} />
                <div className="row-actions">
                  <Button type="submit" aria-disabled={submitting || undefined}>
                    {questionValues.questionId ? t.saveQuestion : t.addTheQuestion}
                  </Button>
                  {questionValues.questionId ? (
                    <Link asChild>
                      <RemixLink to={base}>{t.cancel}</RemixLink>
                    </Link>
                  ) : null}
                </div>
              </Form>
            </section>
          )}

          <section aria-labelledby="tider" className="stack">
            <Heading level={2} data-size="md" id="tider">
              {t.timesHeading}
            </Heading>
            <Paragraph data-size="sm">{t.timesHelp}</Paragraph>
            <FormErrorSummary form={timesForm} labels={timeLabels} />
            <Form method="post" {...getFormProps(timesForm)} className="stack form-narrow">
              <input type="hidden" name="intent" value="times" />
              <div className="field-pair">
                <TextField field={timeFields.opensDate} label={timeLabels.opensDate} type="date" />
                <TextField field={timeFields.opensTime} label={timeLabels.opensTime} type="time" />
              </div>
              <div className="field-pair">
                <TextField field={timeFields.closesDate} label={timeLabels.closesDate} type="date" />
                <TextField field={timeFields.closesTime} label={timeLabels.closesTime} type="time" />
              </div>
              <Button type="submit" variant="secondary" aria-disabled={submitting || undefined}>
                {t.saveTimes}
              </Button>
            </Form>
          </section>
        </>
      ) : null}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.event.title) : 'Klimasamling' },
]
