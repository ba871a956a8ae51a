import { parseWithZod } from '@conform-to/zod/v4'
import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { CheckboxGroupField, FormErrorSummary, getFormProps, RadioGroupField, type ServerField, TextAreaField, useServerForm } from '~/components/form'
import { PrivacyLink } from '~/components/privacy-link'
import { formatDateTime } from '~/domain/dates'
import { answerField, FREE_TEXT_MAX, freeTextField } from '~/domain/survey'
import { answerFormSchema } from '~/domain/survey-form'
import { answerSurvey, getSurveyForParticipant } from '~/services/survey.server'
import { readForm, replyTo, replyWithDomainError } from '~/utils/forms.server'
import { notFound } from '~/utils/http.server'
import { useTexts } from '~/components/language'
import { texts } from '~/domain/language'
import { languageOf } from '~/utils/language.server'

const text = texts({
  nb: {
    answeringAs: (event: string, name: string) => `${event}. Du svarer som ${name}.`,
    saved: 'Takk! Svaret ditt er lagret.',
    changeUntilClosed: ' Du kan endre det til undersøkelsen stenger.',
    notOpen: (opens: string | null) => `Undersøkelsen er ikke åpnet ennå${opens ? `. Den åpner ${opens}` : ''}. Last siden på nytt når arrangøren sier fra.`,
    closed: 'Undersøkelsen er stengt. Svarene kan ikke endres lenger.',
    yourAnswer: 'Svaret ditt',
    notAnswered: 'Ikke besvart',
    answered: (closes: string | null) => `Du har svart. Du kan endre svaret til undersøkelsen stenger${closes ? ` ${closes}` : ''}.`,
    chooseSeveral: 'Velg ett eller flere.',
    freeText: 'Vil du si mer? (valgfritt)',
    freeTextMax: (max: number) => `Høyst ${max} tegn.`,
    sendChanged: 'Send endret svar',
    send: 'Send svar',
  },
  nn: {
    answeringAs: (event: string, name: string) => `${event}. Du svarar som ${name}.`,
    saved: 'Takk! Svaret ditt er lagra.',
    changeUntilClosed: ' Du kan endre det til undersøkinga stengjer.',
    notOpen: (opens: string | null) => `Undersøkinga er ikkje opna enno${opens ? `. Ho opnar ${opens}` : ''}. Last sida på nytt når arrangøren seier frå.`,
    closed: 'Undersøkinga er stengd. Svara kan ikkje endrast lenger.',
    yourAnswer: 'Svaret ditt',
    notAnswered: 'Ikkje svart',
    answered: (closes: string | null) => `Du har svart. Du kan endre svaret til undersøkinga stengjer${closes ? ` ${closes}` : ''}.`,
    chooseSeveral: 'Vel eitt eller fleire.',
    freeText: 'Vil du seie meir? (valfritt)',
    freeTextMax: (max: number) => `Høgst ${max} teikn.`,
    sendChanged: 'Send endra svar',
    send: 'Send svar',
  },
})

/**
 * A participant's own survey page (decision 049), from the link in their
 * email or after the code and their email: the questions as radio buttons or
 * checkboxes with an optional free text, "Send svar", the saved answer shown
 * and changeable until the survey closes; closed, the answer is read-only.
 * Made for a phone first. A link that names nobody here is a 404.
 */

export async function loader({ params, context }: LoaderFunctionArgs) {
  const page = await getSurveyForParticipant(context.db, params.token ?? '', context.now())
  if (!page) notFound()
  const saved = new Map(page.answers.map((a) => [a.question_id, a]))
  return {
    participant: page.participant,
    event: page.event,
    survey: {
      title: page.survey.title,
      state: page.survey.state,
      closes: page.survey.closesAt ? formatDateTime(page.survey.closesAt) : null,
      opens: page.survey.opensAt ? formatDateTime(page.survey.opensAt) : null,
    },
    questions: page.questions.map((q) => {
      const answer = saved.get(q.id)
      return {
        ...q,
        saved: answer ? { optionIds: answer.option_ids, freeText: answer.free_text ?? '' } : null,
      }
    }),
    answered: page.answers.length > 0,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const token = params.token ?? ''
  const now = context.now()
  const page = await getSurveyForParticipant(context.db, token, now)
  if (!page) notFound()
  const languageForm = await languageOf(request, context)
  const schema = answerFormSchema(page.questions.map((q) => ({ ...q, optionIds: q.options.map((o) => o.id) })))
  const submission = parseWithZod(await readForm(request), { schema })
  if (submission.status !== 'success') return data(replyTo(submission, languageForm), { status: 400 })
  try {
    const saved = await answerSurvey(context.db, token, submission.value, now)
    if (!saved) notFound()
    return redirect(`/undersokelse/${token}?lagret=1`)
  } catch (error) {
    return data(replyWithDomainError(submission, error, languageForm), { status: 409 })
  }
}

export default function SurveyAnswer() {
  const { participant, event, survey, questions, answered } = useLoaderData<typeof loader>()
  const t = useTexts(text)
  const lastResult = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const submitting = useNavigation().state === 'submitting'
  const defaults: Record<string, string | string[]> = {}
  for (const q of questions) {
    if (!q.saved) continue
    defaults[answerField(q.id)] = q.kind === 'single' ? (q.saved.optionIds[0] ?? '') : q.saved.optionIds
    defaults[freeTextField(q.id)] = q.saved.freeText
  }
  const [form, fieldsProxy] = useServerForm({ id: 'svar', lastResult, defaultValue: defaults })
  const fields = fieldsProxy as unknown as Record<string, ServerField>
  const labels = Object.fromEntries(questions.map((q) => [answerField(q.id), q.prompt]))
  const field = (name: string) => fields[name] as ServerField
  return (
    <div className="stack form-narrow">
      <Heading level={1} data-size="lg">
        {survey.title}
      </Heading>
      <Paragraph data-size="sm">{t.answeringAs(event.title, participant.name)}</Paragraph>
      {searchParams.get('lagret') && !lastResult ? (
        <Alert data-color="success" role="status">
          <Paragraph>
            {t.saved}
            {survey.state === 'open' ? t.changeUntilClosed : ''}
          </Paragraph>
        </Alert>
      ) : null}
      {survey.state === 'not_open' ? (
        <Alert data-color="info">
          <Paragraph>{t.notOpen(survey.opens)}</Paragraph>
        </Alert>
      ) : null}
      {survey.state === 'closed' ? (
        <>
          <Alert data-color="warning">
            <Paragraph>{t.closed}</Paragraph>
          </Alert>
          {answered ? (
            <section aria-labelledby="ditt-svar" className="stack">
              <Heading level={2} data-size="sm" id="ditt-svar">
                {t.yourAnswer}
              </Heading>
              <dl className="facts">
                {questions.map((q) => (
                  <div key={q.id}>
                    <dt>{q.prompt}</dt>
                    <dd>
                      {q.saved
                        ? q.options
                            .filter((o) => q.saved?.optionIds.includes(o.id))
                            .map((o) => o.label)
                            .join(', ') || t.notAnswered
                        : t.notAnswered}
                      {q.saved?.freeText ? ` («${q.saved.freeText}»)` : ''}
                    </dd>
                  </div>
                ))}
              </dl>
            </section>
          ) : null}
        </>
      ) : null}
      {survey.state === 'open' ? (
        <>
          {answered && !searchParams.get('lagret') ? <Paragraph>{t.answered(survey.closes)}</Paragraph> : null}
          <FormErrorSummary form={form} labels={labels} />
          <Form method="post" {...getFormProps(form)} className="stack">
            {questions.map((q) => (
              <div key={q.id} className="stack">
                {q.kind === 'single' ? (
                  <RadioGroupField field={field(answerField(q.id))} legend={q.prompt} options={q.options.map((o) => ({ value: o.id, label: o.label }))} />
                ) : (
                  <CheckboxGroupField
                    field={field(answerField(q.id))}
                    legend={q.prompt}
                    description={t.chooseSeveral}
                    options={q.options.map((o) => ({ value: o.id, label: o.label }))}
                  />
                )}
                {q.allows_free_text ? (
                  <TextAreaField field={field(freeTextField(q.id))} label={t.freeText} description={t.freeTextMax(FREE_TEXT_MAX)} rows={3} />
                ) : null}
              </div>
            ))}
            <PrivacyLink />
            <Button type="submit" aria-disabled={submitting || undefined}>
              {answered ? t.sendChanged : t.send}
            </Button>
          </Form>
        </>
      ) : null}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.survey.title} – Klimasamling` : 'Klimasamling' },
  { name: 'robots', content: 'noindex' },
]
