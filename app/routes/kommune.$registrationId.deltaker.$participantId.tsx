import { languageOf } from '~/utils/language.server'
import { useLanguageForm } from '~/components/language'
import { parseWithZod } from '@conform-to/zod/v4'
import { Button, Heading, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormErrorSummary, getFormProps, useServerForm } from '~/components/form'
import { chosenSessions, ParticipantFields } from '~/components/participant-form'
import { explainWhatIsCovered } from '~/domain/coverage-text'
import { presentEnrolmentOptions } from '~/domain/enrolment-options'
import { participantFieldLabels } from '~/domain/form-labels'
import { gatherSessionChoices, participantEditSchema } from '~/domain/participant-form'
import { can } from '~/domain/permissions'
import { eventPhase } from '~/domain/phase'
import { findRegistrationForUser } from '~/services/contact-persons.server'
import { updateParticipant } from '~/services/participant-changes.server'
import { getEnrolmentOptions, getParticipantForEdit, getRegistrationOverview } from '~/services/registration-view.server'
import { replyWithDomainError, readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { BackLink } from '~/components/back-link'
import { WaitingLists } from '~/components/waiting-list'
import { waitingListView } from '~/services/waiting-lists.server'
import { wishDefaults, wishFieldLabels, wishOptions } from '~/components/wish-ranking'
import { gatherWishes, hasWishFields } from '~/domain/session-wishes'
import { getWishForm, wishFormState } from '~/services/session-wishes.server'

/** Change an enrolled participant: the contact person of their municipality, or an organiser. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const registration = await findRegistrationForUser(context.db, user.id, idParam(params.registrationId))
  if (!registration) notFound()
  const current = await getParticipantForEdit(context.db, registration, idParam(params.participantId))
  if (!current) notFound()
  const phase = eventPhase(registration, context.now())
  const { actor } = registration
  const [options, overview, wishForm] = await Promise.all([
    getEnrolmentOptions(context.db, registration),
    getRegistrationOverview(context.db, registration),
    getWishForm(context.db, registration.event_id, current.participant.id),
  ])
  const p = current.participant
  return {
    registrationId: registration.id,
    participantId: p.id,
    municipality: registration.municipality_name,
    event: registration.event_title,
    canChange: can(actor, 'participant.edit', { phase }),
    // After the deadline, days and nights go through the organiser.
    stayLocked: !can(actor, 'participant.edit-stay', { phase }),
    organiserEmail: registration.organiser_contact_email,
    explanation: explainWhatIsCovered(overview.meters, overview.prices, current.holds),
    options: presentEnrolmentOptions(options),
    sessionIds: current.sessionIds,
    stay: { dayIds: current.dayIds, nightIds: current.nightIds, longTravelReason: current.longTravelReason },
    values: {
      name: p.name,
      email: p.email,
      phone: p.phone ?? '',
      title: p.title,
      roleCategory: p.role_category,
      fieldsOfWork: p.fields_of_work,
      dayIds: current.dayIds,
      nightIds: current.nightIds,
      longTravelReason: current.longTravelReason ?? '',
      attendsDinner: p.attends_dinner ? 'on' : '',
      diet: p.diet ?? '',
      allergies: p.allergies ?? '',
      accessibilityNeeds: p.accessibility_needs ?? '',
      topicIds: current.topicIds,
      sessionIds: current.sessionIds,
      ...wishDefaults(wishForm?.held ?? []),
    },
    wishes: wishFormState(actor, phase, wishForm),
    waitingLists: await waitingListView(context.db, p.id, actor, context.now()),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const registration = await findRegistrationForUser(context.db, user.id, idParam(params.registrationId))
  const participantId = idParam(params.participantId)
  if (!registration?.participants.some((p) => p.id === participantId)) notFound()
  const formData = await readForm(request)
  const submission = parseWithZod(gatherSessionChoices(formData), { schema: participantEditSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  // Ranked wishes (an event by wishes); a form without them (the round closed) keeps the wishes held.
  const wishes = hasWishFields(formData) ? gatherWishes(formData) : undefined
  try {
    const result = await updateParticipant(context.db, context.mail, { userId: user.id }, participantId, { ...submission.value, wishes }, context.now())
    if (!result) notFound()
    return redirect(`/kommune/${registration.id}?melding=endret&deltaker=${participantId}#status`)
  } catch (error) {
    return data(replyWithDomainError(submission, error, await languageOf(request, context)), { status: 409 })
  }
}

export default function EditParticipant() {
  const languageForm = useLanguageForm()
  const r = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const submitting = useNavigation().state === 'submitting'
  const [form, fields] = useServerForm<typeof participantEditSchema>({
    lastResult,
    defaultValue: r.values,
  })
  const back = <BackLink to={`/kommune/${r.registrationId}`}>Tilbake til {r.municipality} kommune</BackLink>
  if (!r.canChange) {
    return (
      <div className="stack">
        {back}
        <Heading level={1} data-size="lg">
          Påmeldingen kan ikke endres nå
        </Heading>
        <Paragraph>Samlingen er i gang eller over. Ta kontakt med arrangøren på {r.organiserEmail} om noe må rettes.</Paragraph>
      </div>
    )
  }
  return (
    <div className="stack-lg">
      <div className="stack">
        {back}
        <Heading level={1} data-size="lg">
          Endre påmeldingen til {r.values.name}
        </Heading>
        <Paragraph>
          {r.municipality} kommune, {r.event}.
        </Paragraph>
        <section className="stack" aria-label="Hva som dekkes">
          {r.explanation.map((text) => (
            <Paragraph key={text}>{text}</Paragraph>
          ))}
        </section>
      </div>
      <FormErrorSummary form={form} labels={{ ...participantFieldLabels[languageForm], ...wishFieldLabels(r.options.slots) }} />
      <Form method="post" {...getFormProps(form)} className="stack-lg form-wide">
        <ParticipantFields
          fields={fields}
          options={r.options}
          chosen={chosenSessions(lastResult?.initialValue, r.sessionIds)}
          stay={
            r.stayLocked
              ? { ...r.stay, note: `Påmeldingsfristen er ute: dager og hotellnetter kan bare endres av arrangøren. Skriv til ${r.organiserEmail}.` }
              : undefined
          }
          wishes={wishOptions(fields, r.wishes)}
        />
        <Button type="submit" aria-disabled={submitting || undefined}>
          {submitting ? 'Lagrer …' : 'Lagre endringene'}
        </Button>
      </Form>
      <WaitingLists view={r.waitingLists} own={false} back={`/kommune/${r.registrationId}/deltaker/${r.participantId}`} />
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Endre ${data.values.name} – ${data.municipality} kommune – Klimasamling` : 'Klimasamling' },
]
