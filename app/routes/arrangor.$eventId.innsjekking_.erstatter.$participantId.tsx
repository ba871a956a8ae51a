import { languageOf } from '~/utils/language.server'
import { languageFormOfMatches, useLanguageForm } from '~/components/language'
import { parseWithZod } from '@conform-to/zod/v4'
import { Button, Heading, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { BackLink } from '~/components/back-link'
import { FormErrorSummary, getFormProps, useServerForm } from '~/components/form'
import { PrivacyLink } from '~/components/privacy-link'
import { ParticipantIdentityFields } from '~/components/participant-form'
import { participantFieldLabels } from '~/domain/form-labels'
import { uuidParam } from '~/domain/forms'
import { substituteFormSchema } from '~/domain/participant-form'
import { can } from '~/domain/permissions'
import { eventPhase } from '~/domain/phase'
import { findEventFor } from '~/services/access.server'
import { findDeskParticipant, substituteAtDesk } from '~/services/check-in.server'
import { readForm, replyTo, replyWithDomainError } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { texts } from '~/domain/language'

const text = texts({
  nb: {
    back: 'Tilbake til innsjekkingen',
    cannot: (name: string) => `${name} kan ikke erstattes her nå`,
    cannotWhy: 'I innsjekkingen kan en deltaker erstattes mens samlingen pågår. Før samlingen gjør kontaktpersonen det selv.',
    heading: (name: string) => `Kommer en annen i stedet for ${name}?`,
    intro: (name: string, municipality: string) =>
      `${name} fra ${municipality}. Den som kommer i stedet, overtar plassen, dagene, overnattingen og dekningen, og blir sjekket inn.`,
    submit: 'Erstatt og sjekk inn',
    title: 'Erstatter i innsjekkingen – Klimasamling',
  },
  nn: {
    back: 'Tilbake til innsjekkinga',
    cannot: (name: string) => `${name} kan ikkje erstattast her no`,
    cannotWhy: 'I innsjekkinga kan ein deltakar erstattast medan samlinga går føre seg. Før samlinga gjer kontaktpersonen det sjølv.',
    heading: (name: string) => `Kjem det ein annan i staden for ${name}?`,
    intro: (name: string, municipality: string) =>
      `${name} frå ${municipality}. Den som kjem i staden, tek over plassen, dagane, overnattinga og dekninga, og blir sjekka inn.`,
    submit: 'Erstatt og sjekk inn',
    title: 'Erstattar i innsjekkinga – Klimasamling',
  },
})

/**
 * Someone turns up at the check-in desk instead of a participant (decision
 * 046): the desk takes their name, email, title and role, the substitution
 * service makes them the participant (keeping the place, days, nights and
 * coverage), and they are checked in for the day. The desk sees no health
 * data here either.
 */

async function find(request: Request, params: LoaderFunctionArgs['params'], context: LoaderFunctionArgs['context']) {
  const user = await requireUser(request, context)
  const grant = await findEventFor(context.db, { userId: user.id }, idParam(params.eventId), 'checkin.read')
  if (!grant) notFound()
  const participant = await findDeskParticipant(context.db, grant, idParam(params.participantId))
  if (!participant) notFound()
  const day = uuidParam.safeParse(new URL(request.url).searchParams.get('dag'))
  return { user, grant, participant, dayId: day.success ? day.data : '' }
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const { grant, participant, dayId } = await find(request, params, context)
  return {
    eventId: grant.event.id,
    dayId,
    participant,
    canSubstitute: can(grant.role, 'participant.substitute', { phase: eventPhase(grant.event, context.now()) }),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const { user, grant, participant, dayId } = await find(request, params, context)
  const form = await readForm(request)
  const languageForm = await languageOf(request, context)
  const submission = parseWithZod(form, { schema: substituteFormSchema })
  if (submission.status !== 'success') return data(replyTo(submission, languageForm), { status: 400 })
  try {
    const done = await substituteAtDesk(
      context.db,
      context.mail,
      { userId: user.id },
      grant.event.id,
      participant.id,
      dayId,
      submission.value,
      // A second submit finds the participant replaced already (a 404), so a fresh id is enough.
      crypto.randomUUID(),
      context.now(),
    )
    if (!done) notFound()
    const search = new URLSearchParams(dayId ? { dag: dayId } : {})
    if (done.checkedIn) search.set('inn', done.substitute.id)
    return redirect(`/arrangor/${grant.event.id}/innsjekking?${search}`)
  } catch (error) {
    return data(replyWithDomainError(submission, error, languageForm), { status: 409 })
  }
}

export default function SubstituteAtDesk() {
  const languageForm = useLanguageForm()
  const t = text[languageForm]
  const d = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const submitting = useNavigation().state === 'submitting'
  const [form, fields] = useServerForm<typeof substituteFormSchema>({ lastResult })
  const back = <BackLink to={`/arrangor/${d.eventId}/innsjekking${d.dayId ? `?dag=${d.dayId}` : ''}`}>{t.back}</BackLink>
  if (!d.canSubstitute) {
    return (
      <div className="stack">
        {back}
        <Heading level={1} data-size="lg">
          {t.cannot(d.participant.name)}
        </Heading>
        <Paragraph>{t.cannotWhy}</Paragraph>
      </div>
    )
  }
  return (
    <div className="stack form-narrow">
      {back}
      <Heading level={1} data-size="lg">
        {t.heading(d.participant.name)}
      </Heading>
      <Paragraph>{t.intro(d.participant.name, d.participant.municipality)}</Paragraph>
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
