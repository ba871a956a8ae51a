import { languageOf } from '~/utils/language.server'
import { languageFormOfMatches, useLanguageForm } from '~/components/language'
import { randomUUID } from 'node:crypto'
import { parseWithZod } from '@conform-to/zod/v4'
import { Button, Heading, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormErrorSummary, getFormProps, useServerForm } from '~/components/form'
import { chosenSessions, ParticipantFields } from '~/components/participant-form'
import { presentEnrolmentOptions } from '~/domain/enrolment-options'
import { explainWhatIsCovered } from '~/domain/coverage-text'
import { participantFieldLabels } from '~/domain/form-labels'
import { texts } from '~/domain/language'
import { gatherSessionChoices, participantFormSchema } from '~/domain/participant-form'
import { can } from '~/domain/permissions'
import { eventPhase } from '~/domain/phase'
import { findRegistrationForUser } from '~/services/contact-persons.server'
import { enrolParticipant } from '~/services/enrolment.server'
import { getEnrolmentOptions, getRegistrationOverview } from '~/services/registration-view.server'
import { replyTo, replyWithDomainError, readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { BackLink } from '~/components/back-link'
import { wishFieldLabels, wishOptions } from '~/components/wish-ranking'
import { gatherWishes, hasWishFields } from '~/domain/session-wishes'
import { getWishForm, wishFormState } from '~/services/session-wishes.server'

const text = texts({
  nb: {
    closedHeading: 'Påmeldingen er ikke åpen',
    closed: 'Nye deltakere kan ikke meldes på nå. Etter fristen kan en påmeldt deltaker erstattes av en annen fra kommunen; ta ellers kontakt med arrangøren.',
    back: (municipality: string) => `Tilbake til ${municipality} kommune`,
    heading: 'Meld på en deltaker',
    intro: (municipality: string, event: string) => `${municipality} kommune, ${event}. Påmeldingen er bindende etter fristen.`,
    covered: 'Hva som dekkes',
    submitting: 'Melder på …',
    submit: 'Meld på',
    title: 'Meld på en deltaker – Klimasamling',
  },
  nn: {
    closedHeading: 'Påmeldinga er ikkje open',
    closed:
      'Nye deltakarar kan ikkje meldast på no. Etter fristen kan ein påmeld deltakar erstattast av ein annan frå kommunen; ta elles kontakt med arrangøren.',
    back: (municipality: string) => `Tilbake til ${municipality} kommune`,
    heading: 'Meld på ein deltakar',
    intro: (municipality: string, event: string) => `${municipality} kommune, ${event}. Påmeldinga er bindande etter fristen.`,
    covered: 'Kva som blir dekt',
    submitting: 'Melder på …',
    submit: 'Meld på',
    title: 'Meld på ein deltakar – Klimasamling',
  },
})

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const registration = await findRegistrationForUser(context.db, user.id, idParam(params.registrationId))
  if (!registration) notFound()
  const languageForm = await languageOf(request, context)
  const { actor } = registration
  const phase = eventPhase(registration, context.now())
  const canEnrol = can(actor, 'participant.enrol', { phase })
  const [options, overview, wishForm] = await Promise.all([
    getEnrolmentOptions(context.db, registration),
    getRegistrationOverview(context.db, registration),
    getWishForm(context.db, registration.event_id, null),
  ])
  return {
    id: registration.id,
    municipality: registration.municipality_name,
    event: registration.event_title,
    canEnrol,
    idempotencyKey: randomUUID(),
    explanation: explainWhatIsCovered(overview.meters, overview.prices, undefined, languageForm),
    options: presentEnrolmentOptions(options, languageForm),
    wishes: wishFormState(actor, phase, wishForm, languageForm),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const registrationId = idParam(params.registrationId)
  const languageForm = await languageOf(request, context)
  const formData = await readForm(request)
  const submission = parseWithZod(gatherSessionChoices(formData), { schema: participantFormSchema })
  if (submission.status !== 'success') return data(replyTo(submission, languageForm), { status: 400 })
  // Ranked wishes (an event by wishes): the selects `wish:<slotId>:<rank>`, checked by the service.
  const wishes = hasWishFields(formData) ? gatherWishes(formData) : undefined
  try {
    const participant = await enrolParticipant(context.db, context.mail, { userId: user.id }, { ...submission.value, wishes, registrationId }, context.now())
    if (!participant) notFound()
    // The municipality's page says what happened, naming the participant and their coverage, and moves focus there.
    return redirect(`/kommune/${registrationId}?melding=pameldt&deltaker=${participant.id}#status`)
  } catch (error) {
    return data(replyWithDomainError(submission, error, languageForm), { status: 409 })
  }
}

export default function NewParticipant() {
  const languageForm = useLanguageForm()
  const t = text[languageForm]
  const r = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const submitting = useNavigation().state === 'submitting'
  const [form, fields] = useServerForm<typeof participantFormSchema>({
    lastResult,
    defaultValue: { idempotencyKey: r.idempotencyKey, attendsDinner: 'on', dayIds: r.options.days.map((d) => d.value) },
  })
  const chosen = chosenSessions(lastResult?.initialValue)
  if (!r.canEnrol) {
    return (
      <div className="stack">
        <Heading level={1} data-size="lg">
          {t.closedHeading}
        </Heading>
        <Paragraph>{t.closed}</Paragraph>
      </div>
    )
  }
  return (
    <div className="stack-lg">
      <div className="stack">
        <BackLink to={`/kommune/${r.id}`}>{t.back(r.municipality)}</BackLink>
        <Heading level={1} data-size="lg">
          {t.heading}
        </Heading>
        <Paragraph>{t.intro(r.municipality, r.event)}</Paragraph>
        <section className="stack" aria-label={t.covered}>
          {r.explanation.map((text) => (
            <Paragraph key={text}>{text}</Paragraph>
          ))}
        </section>
      </div>
      <FormErrorSummary form={form} labels={{ ...participantFieldLabels[languageForm], ...wishFieldLabels(r.options.slots, languageForm) }} />
      <Form method="post" {...getFormProps(form)} className="stack-lg form-wide">
        <input type="hidden" name="idempotencyKey" value={r.idempotencyKey} />
        <ParticipantFields fields={fields} options={r.options} chosen={chosen} wishes={wishOptions(fields, r.wishes)} />
        <Button type="submit" aria-disabled={submitting || undefined}>
          {submitting ? t.submitting : t.submit}
        </Button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: text[languageFormOfMatches(matches)].title }]
