import { languageOf } from '~/utils/language.server'
import { languageFormOfMatches, useLanguageForm } from '~/components/language'
import { parseWithZod } from '@conform-to/zod/v4'
import { Button, Heading, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormErrorSummary, getFormProps, useServerForm } from '~/components/form'
import { PrivacyLink } from '~/components/privacy-link'
import { ParticipantIdentityFields } from '~/components/participant-form'
import { participantFieldLabels } from '~/domain/form-labels'
import { texts } from '~/domain/language'
import { substituteFormSchema } from '~/domain/participant-form'
import { can } from '~/domain/permissions'
import { eventPhase } from '~/domain/phase'
import { findRegistrationForUser } from '~/services/contact-persons.server'
import { substituteParticipant } from '~/services/participant-changes.server'
import { replyTo, replyWithDomainError, readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { BackLink } from '~/components/back-link'

const text = texts({
  nb: {
    back: (municipality: string) => `Tilbake til ${municipality} kommune`,
    cannotHeading: (name: string) => `${name} kan ikke erstattes nå`,
    cannot: (organiserEmail: string) =>
      `En deltaker kan erstattes fram til samlingen starter. Ta kontakt med arrangøren på ${organiserEmail} om noe må rettes.`,
    heading: (name: string) => `Erstatt ${name}`,
    intro: 'Erstatteren overtar plassen, dagene, overnattingen og dekningen. Sesjoner som bare er for roller erstatteren ikke har, faller bort.',
    submit: 'Erstatt deltakeren',
    title: 'Erstatt en deltaker – Klimasamling',
  },
  nn: {
    back: (municipality: string) => `Tilbake til ${municipality} kommune`,
    cannotHeading: (name: string) => `${name} kan ikkje erstattast no`,
    cannot: (organiserEmail: string) =>
      `Ein deltakar kan erstattast fram til samlinga startar. Ta kontakt med arrangøren på ${organiserEmail} viss noko må rettast.`,
    heading: (name: string) => `Erstatt ${name}`,
    intro: 'Erstattaren tek over plassen, dagane, overnattinga og dekninga. Sesjonar som berre er for roller erstattaren ikkje har, fell bort.',
    submit: 'Erstatt deltakaren',
    title: 'Erstatt ein deltakar – Klimasamling',
  },
})

/** The participant, if active and of a municipality the user may act for. */
async function findParticipant(request: Request, params: LoaderFunctionArgs['params'], context: LoaderFunctionArgs['context']) {
  const user = await requireUser(request, context)
  const registration = await findRegistrationForUser(context.db, user.id, idParam(params.registrationId))
  const participantId = idParam(params.participantId)
  const participant = registration?.participants.find((p) => p.id === participantId && p.status === 'active')
  if (!registration || !participant) notFound()
  return { user, registration, participant }
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { registration, participant } = await findParticipant(request, params, context)
  return {
    registrationId: registration.id,
    municipality: registration.municipality_name,
    name: participant.name,
    canSubstitute: can(registration.actor, 'participant.substitute', { phase: eventPhase(registration, context.now()) }),
    organiserEmail: registration.organiser_contact_email,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, registration, participant } = await findParticipant(request, params, context)
  const languageForm = await languageOf(request, context)
  const submission = parseWithZod(await readForm(request), { schema: substituteFormSchema })
  if (submission.status !== 'success') return data(replyTo(submission, languageForm), { status: 400 })
  try {
    const result = await substituteParticipant(context.db, context.mail, { userId: user.id }, participant.id, submission.value, context.now())
    if (!result) notFound()
    return redirect(`/kommune/${registration.id}`)
  } catch (error) {
    return data(replyWithDomainError(submission, error, languageForm), { status: 409 })
  }
}

export default function Substitute() {
  const languageForm = useLanguageForm()
  const t = text[languageForm]
  const r = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const submitting = useNavigation().state === 'submitting'
  const [form, fields] = useServerForm<typeof substituteFormSchema>({
    lastResult,
  })
  const back = <BackLink to={`/kommune/${r.registrationId}`}>{t.back(r.municipality)}</BackLink>
  if (!r.canSubstitute) {
    return (
      <div className="stack">
        {back}
        <Heading level={1} data-size="lg">
          {t.cannotHeading(r.name)}
        </Heading>
        <Paragraph>{t.cannot(r.organiserEmail)}</Paragraph>
      </div>
    )
  }
  return (
    <div className="stack form-narrow">
      {back}
      <Heading level={1} data-size="lg">
        {t.heading(r.name)}
      </Heading>
      <Paragraph>{t.intro}</Paragraph>
      <FormErrorSummary form={form} labels={participantFieldLabels[languageForm]} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <ParticipantIdentityFields fields={fields} />
        <PrivacyLink />
        <Button type="submit" aria-disabled={submitting || undefined}>
          {t.submit}
        </Button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: text[languageFormOfMatches(matches)].title }]
