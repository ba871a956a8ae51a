import { languageOf } from '~/utils/language.server'
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

/**
 * The organiser's survey of the gathering (decision 049): its title and code,
 * its questions (options one per line; filled from the event's topics or the
 * fields of work if wanted), when it opens and closes ("Åpne nå", "Steng
 * nå"), the links sent to the participants, and the way to the live results
 * and the projector view. Questions can be changed until someone answers.
 * Every form works without JavaScript. Organisers only.
 */

const SAVED: Record<string, string> = {
  survey: 'Undersøkelsen er lagret.',
  question: 'Spørsmålet er lagret.',
  'delete-question': 'Spørsmålet er slettet.',
  times: 'Tidspunktene er lagret.',
  open: 'Undersøkelsen er åpen.',
  close: 'Undersøkelsen er stengt.',
  'send-links': 'Lenkene er sendt til deltakerne som ikke hadde fått dem.',
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const builder = await getSurveyBuilder(context.db, { userId: user.id }, idParam(params.eventId), context.now())
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
          stateLabel: SURVEY_STATE_LABELS[survey.state],
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

const surveyLabels = { title: 'Tittel', code: 'Kode' }
const questionLabels = { prompt: 'Spørsmål', kind: 'Svartype', allowsFreeText: 'Fritekst', options: 'Svaralternativer' }
const timeLabels = { opensDate: 'Åpner (dato)', opensTime: 'Åpner (klokkeslett)', closesDate: 'Stenger (dato)', closesTime: 'Stenger (klokkeslett)' }

export default function SurveyBuilder() {
  const { event, survey, questions, answered, participants, hasTopics, questionValues } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const submitting = useNavigation().state === 'submitting'
  const saved = searchParams.get('lagret')
  const [surveyForm, surveyFields] = useServerForm<typeof surveyFormSchema>({
    id: 'undersokelse',
    lastResult: intentResult(actionData, ['survey']),
    defaultValue: { title: survey?.title ?? 'Hvilket tema skal du jobbe mest med framover?', code: survey?.code ?? '' },
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
          Undersøkelse
        </Heading>
        <Paragraph>
          {event.title}. Deltakerne svarer på mobilen, med sin egen lenke fra e-posten eller med koden og e-postadressen sin. Du ser resultatene mens svarene
          kommer inn, og kan vise dem på storskjerm.
        </Paragraph>
        {saved && SAVED[saved] && !actionData ? (
          <Alert data-color="success" role="status">
            <Paragraph>{SAVED[saved]}</Paragraph>
          </Alert>
        ) : null}
        <ErrorAlert messages={otherErrors} />
      </div>

      {survey ? (
        <section aria-labelledby="status" className="stack">
          <Heading level={2} data-size="md" id="status">
            Status
          </Heading>
          <dl className="facts">
            <dt>Status</dt>
            <dd>
              <Tag data-color={survey.state === 'open' ? 'success' : 'neutral'}>{survey.stateLabel}</Tag>
            </dd>
            <dt>Åpner</dt>
            <dd>{survey.opens ?? 'Ikke satt'}</dd>
            <dt>Stenger</dt>
            <dd>{survey.closes ?? 'Ikke satt'}</dd>
            <dt>Kode</dt>
            <dd>
              <strong>{survey.code}</strong>
            </dd>
            <dt>Svar</dt>
            <dd>
              {answered} av {participants} deltakere har svart
            </dd>
          </dl>
          <div className="row-actions">
            {survey.state === 'open' ? (
              <Form method="post">
                <input type="hidden" name="intent" value="close" />
                <Button type="submit" aria-disabled={submitting || undefined}>
                  Steng nå
                </Button>
              </Form>
            ) : (
              <Form method="post" className="stack">
                <input type="hidden" name="intent" value="open" />
                <CheckboxField
                  field={{ id: 'open-sendLinks', name: 'sendLinks', key: 'open', initialValue: 'on', value: 'on', errors: undefined }}
                  label="Send lenker til deltakerne samtidig"
                />
                <Button type="submit" aria-disabled={submitting || undefined}>
                  {survey.state === 'closed' ? 'Åpne igjen nå' : 'Åpne nå'}
                </Button>
              </Form>
            )}
            <Form method="post">
              <input type="hidden" name="intent" value="send-links" />
              <Button type="submit" variant="secondary" aria-disabled={submitting || undefined}>
                Send lenker til deltakerne
              </Button>
            </Form>
          </div>
          <ul>
            <li>
              <Link asChild>
                <RemixLink to={`${base}/resultater`}>Se resultatene</RemixLink>
              </Link>
            </li>
            <li>
              <Link asChild>
                <RemixLink to={`${base}/visning`}>Vis på storskjerm</RemixLink>
              </Link>
            </li>
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="om" className="stack">
        <Heading level={2} data-size="md" id="om">
          {survey ? 'Tittel og kode' : 'Lag undersøkelsen'}
        </Heading>
        <FormErrorSummary form={surveyForm} labels={surveyLabels} />
        <Form method="post" {...getFormProps(surveyForm)} className="stack form-narrow">
          <input type="hidden" name="intent" value="survey" />
          <TextField field={surveyFields.title} label={surveyLabels.title} />
          <TextField
            field={surveyFields.code}
            label={`${surveyLabels.code} (valgfritt)`}
            description="4 til 12 bokstaver og sifre. Deltakerne skriver den sammen med e-postadressen sin. La feltet stå tomt, så lager vi en."
          />
          <Button type="submit" aria-disabled={submitting || undefined}>
            {survey ? 'Lagre tittel og kode' : 'Lag undersøkelsen'}
          </Button>
        </Form>
      </section>

      {survey ? (
        <>
          <section aria-labelledby="sporsmal" className="stack">
            <Heading level={2} data-size="md" id="sporsmal">
              Spørsmål
            </Heading>
            {locked ? (
              <Alert data-color="info">
                <Paragraph>Noen har svart, så spørsmålene og svaralternativene kan ikke endres lenger.</Paragraph>
              </Alert>
            ) : null}
            {questions.length === 0 ? <Paragraph>Undersøkelsen har ingen spørsmål ennå.</Paragraph> : null}
            <ol className="stack">
              {questions.map((q) => (
                <li key={q.id} className="stack">
                  <p className="program-item-title">{q.prompt}</p>
                  <Paragraph data-size="sm">
                    {q.kind === 'single' ? 'Ett svar' : 'Ett eller flere svar'}
                    {q.allows_free_text ? ', med fritekst' : ''}: {q.options.map((o) => o.label).join(' · ')}
                  </Paragraph>
                  {locked ? null : (
                    <div className="row-actions">
                      <Link asChild>
                        <RemixLink to={`?sporsmal=${q.id}#sporsmal-skjema`}>
                          Endre<span className="visually-hidden"> «{q.prompt}»</span>
                        </RemixLink>
                      </Link>
                      <Form method="post">
                        <input type="hidden" name="intent" value="delete-question" />
                        <input type="hidden" name="id" value={q.id} />
                        <Button type="submit" variant="tertiary" data-size="sm">
                          Slett<span className="visually-hidden"> «{q.prompt}»</span>
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
                {questionValues.questionId ? 'Endre spørsmålet' : 'Legg til spørsmål'}
              </Heading>
              {questionValues.questionId ? null : (
                <Paragraph data-size="sm">
                  Fyll svaralternativene fra:{' '}
                  {hasTopics ? (
                    <>
                      <Link asChild>
                        <RemixLink to="?fyll=temaer#sporsmal-skjema">temaene til samlingen</RemixLink>
                      </Link>
                      {' eller '}
                    </>
                  ) : null}
                  <Link asChild>
                    <RemixLink to="?fyll=fagomrader#sporsmal-skjema">fagområdene</RemixLink>
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
                    { value: 'single', label: 'Ett svar' },
                    { value: 'multiple', label: 'Ett eller flere svar' },
                  ]}
                />
                <TextAreaField
                  field={questionFields.options}
                  label={questionLabels.options}
                  description="Ett svaralternativ på hver linje, minst to."
                  rows={7}
                />
                <CheckboxField field={questionFields.allowsFreeText} label="Deltakerne kan også skrive et fritekstsvar" />
                <div className="row-actions">
                  <Button type="submit" aria-disabled={submitting || undefined}>
                    {questionValues.questionId ? 'Lagre spørsmålet' : 'Legg til spørsmålet'}
                  </Button>
                  {questionValues.questionId ? (
                    <Link asChild>
                      <RemixLink to={base}>Avbryt</RemixLink>
                    </Link>
                  ) : null}
                </div>
              </Form>
            </section>
          )}

          <section aria-labelledby="tider" className="stack">
            <Heading level={2} data-size="md" id="tider">
              Åpne og stenge på faste tidspunkter
            </Heading>
            <Paragraph data-size="sm">La feltene stå tomme for å åpne og stenge med knappene over.</Paragraph>
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
                Lagre tidspunktene
              </Button>
            </Form>
          </section>
        </>
      ) : null}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Undersøkelse – ${data.event.title} – Klimasamling` : 'Klimasamling' }]
