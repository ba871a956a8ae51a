import { parseWithZod } from '@conform-to/zod/v4'
import { Button, Heading, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormErrorSummary, getFormProps, TextField, useServerForm } from '~/components/form'
import { PrivacyLink } from '~/components/privacy-link'
import { normaliseSurveyCode } from '~/domain/survey'
import { surveyCodeFormSchema } from '~/domain/survey-form'
import { findLinkByCode } from '~/services/survey.server'
import { readForm, replyTo, replyWithDomainError } from '~/utils/forms.server'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { texts } from '~/domain/language'
import { languageOf } from '~/utils/language.server'

const text = texts({
  nb: {
    labels: { code: 'Kode', email: 'E-postadressen du er påmeldt med' },
    heading: 'Svar på undersøkelsen',
    intro: 'Skriv koden som står på lysbildet, og e-postadressen du ble påmeldt samlingen med. Har du lenken fra e-posten, kan du bruke den i stedet.',
    codeExample: 'For eksempel MR2021.',
    submit: 'Gå til undersøkelsen',
    title: 'Svar på undersøkelsen – Klimasamling',
  },
  nn: {
    labels: { code: 'Kode', email: 'E-postadressa du er påmeld med' },
    heading: 'Svar på undersøkinga',
    intro: 'Skriv koden som står på lysbiletet, og e-postadressa du vart påmeld samlinga med. Har du lenka frå e-posten, kan du bruke lenka i staden.',
    codeExample: 'Til dømes MR2021.',
    submit: 'Gå til undersøkinga',
    title: 'Svar på undersøkinga – Klimasamling',
  },
})

/**
 * The survey without one's own link (decision 049): the code from the slide
 * (the projector's QR code fills it in with ?kode=) and the email one was
 * enrolled with lead to one's own survey page. A wrong code or email gets the
 * same message at the code; tries are limited per client address.
 */

export async function loader({ request }: LoaderFunctionArgs) {
  const code = new URL(request.url).searchParams.get('kode')
  return { code: code ? normaliseSurveyCode(code).slice(0, 12) : '' }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const languageForm = await languageOf(request, context)
  const submission = parseWithZod(await readForm(request), { schema: surveyCodeFormSchema })
  if (submission.status !== 'success') return data(replyTo(submission, languageForm), { status: 400 })
  try {
    const token = await findLinkByCode(context.db, { ...submission.value, clientAddress: context.clientAddress }, context.now())
    return redirect(`/undersokelse/${token}`)
  } catch (error) {
    return data(replyWithDomainError(submission, error, languageForm), { status: 409 })
  }
}

export default function SurveyByCode() {
  const { code } = useLoaderData<typeof loader>()
  const t = useTexts(text)
  const { labels } = t
  const lastResult = useActionData<typeof action>()
  const submitting = useNavigation().state === 'submitting'
  const [form, fields] = useServerForm<typeof surveyCodeFormSchema>({ id: 'kode', lastResult, defaultValue: { code } })
  return (
    <div className="stack form-narrow">
      <Heading level={1} data-size="lg">
        {t.heading}
      </Heading>
      <Paragraph>{t.intro}</Paragraph>
      <FormErrorSummary form={form} labels={labels} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <TextField field={fields.code} label={labels.code} autoComplete="off" description={t.codeExample} />
        <TextField field={fields.email} label={labels.email} type="email" autoComplete="email" inputMode="email" />
        <PrivacyLink />
        <Button type="submit" aria-disabled={submitting || undefined}>
          {t.submit}
        </Button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: text[languageFormOfMatches(matches)].title }]
