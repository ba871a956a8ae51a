import { languageOf } from '~/utils/language.server'
import { languageFormOfMatches, useLanguageForm } from '~/components/language'
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
import { texts } from '~/domain/language'
import { gatherSessionChoices, participantEditSchema } from '~/domain/participant-form'
import { can } from '~/domain/permissions'
import { eventPhase } from '~/domain/phase'
import { findRegistrationForUser } from '~/services/contact-persons.server'
import { updateParticipant } from '~/services/participant-changes.server'
import { getEnrolmentOptions, getParticipantForEdit, getRegistrationOverview } from '~/services/registration-view.server'
import { replyTo, replyWithDomainError, readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { BackLink } from '~/components/back-link'
import { WaitingLists } from '~/components/waiting-list'
import { waitingListView } from '~/services/waiting-lists.server'
import { wishDefaults, wishFieldLabels, wishOptions } from '~/components/wish-ranking'
import { gatherWishes, hasWishFields } from '~/domain/session-wishes'
import { getWishForm, wishFormState } from '~/services/session-wishes.server'

const text = texts({
  nb: {
    back: (municipality: string) => `Tilbake til ${municipality} kommune`,
    lockedHeading: 'Påmeldingen kan ikke endres nå',
    locked: (organiserEmail: string) => `Samlingen er i gang eller over. Ta kontakt med arrangøren på ${organiserEmail} om noe må rettes.`,
    heading: (name: string) => `Endre påmeldingen til ${name}`,
    intro: (municipality: string, event: string) => `${municipality} kommune, ${event}.`,
    covered: 'Hva som dekkes',
    stayLocked: (organiserEmail: string) => `Påmeldingsfristen er ute: dager og hotellnetter kan bare endres av arrangøren. Skriv til ${organiserEmail}.`,
    saving: 'Lagrer …',
    save: 'Lagre endringene',
    title: (name: string, municipality: string) => `Endre ${name} – ${municipality} kommune – Klimasamling`,
  },
  nn: {
    back: (municipality: string) => `Tilbake til ${municipality} kommune`,
    lockedHeading: 'Påmeldinga kan ikkje endrast no',
    locked: (organiserEmail: string) => `Samlinga er i gang eller over. Ta kontakt med arrangøren på ${organiserEmail} viss noko må rettast.`,
    heading: (name: string) => `Endre påmeldinga til ${name}`,
    intro: (municipality: string, event: string) => `${municipality} kommune, ${event}.`,
    covered: 'Kva som blir dekt',
    stayLocked: (organiserEmail: string) => `Påmeldingsfristen er ute: dagar og hotellnetter kan berre endrast av arrangøren. Skriv til ${organiserEmail}.`,
    saving: 'Lagrar …',
    save: 'Lagre endringane',
    title: (name: string, municipality: string) => `Endre ${name} – ${municipality} kommune – Klimasamling`,
  },
})

/** Change an enrolled participant: the contact person of their municipality, or an organiser. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const registration = await findRegistrationForUser(context.db, user.id, idParam(params.registrationId))
  if (!registration) notFound()
  const current = await getParticipantForEdit(context.db, registration, idParam(params.participantId))
  if (!current) notFound()
  const languageForm = await languageOf(request, context)
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
    explanation: explainWhatIsCovered(overview.meters, overview.prices, current.holds, languageForm),
    options: presentEnrolmentOptions(options, languageForm),
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
    wishes: wishFormState(actor, phase, wishForm, languageForm),
    waitingLists: await waitingListView(context.db, p.id, actor, context.now(), languageForm),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const registration = await findRegistrationForUser(context.db, user.id, idParam(params.registrationId))
  const participantId = idParam(params.participantId)
  if (!registration?.participants.some((p) => p.id === participantId)) notFound()
  const languageForm = await languageOf(request, context)
  const formData = await readForm(request)
  const submission = parseWithZod(gatherSessionChoices(formData), { schema: participantEditSchema })
  if (submission.status !== 'success') return data(replyTo(submission, languageForm), { status: 400 })
  // Ranked wishes (an event by wishes); a form without them (the round closed) keeps the wishes held.
  const wishes = hasWishFields(formData) ? gatherWishes(formData) : undefined
  try {
    const result = await updateParticipant(context.db, context.mail, { userId: user.id }, participantId, { ...submission.value, wishes }, context.now())
    if (!result) notFound()
    return redirect(`/kommune/${registration.id}?melding=endret&deltaker=${participantId}#status`)
  } catch (error) {
    return data(replyWithDomainError(submission, error, languageForm), { status: 409 })
  }
}

export default function EditParticipant() {
  const languageForm = useLanguageForm()
  const t = text[languageForm]
  const r = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const submitting = useNavigation().state === 'submitting'
  const [form, fields] = useServerForm<typeof participantEditSchema>({
    lastResult,
    defaultValue: r.values,
  })
  const back = <BackLink to={`/kommune/${r.registrationId}`}>{t.back(r.municipality)}</BackLink>
  if (!r.canChange) {
    return (
      <div className="stack">
        {back}
        <Heading level={1} data-size="lg">
          {t.lockedHeading}
        </Heading>
        <Paragraph>{t.locked(r.organiserEmail)}</Paragraph>
      </div>
    )
  }
  return (
    <div className="stack-lg">
      <div className="stack">
        {back}
        <Heading level={1} data-size="lg">
          {t.heading(r.values.name)}
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
        <ParticipantFields
          fields={fields}
          options={r.options}
          chosen={chosenSessions(lastResult?.initialValue, r.sessionIds)}
          stay={r.stayLocked ? { ...r.stay, note: t.stayLocked(r.organiserEmail) } : undefined}
          wishes={wishOptions(fields, r.wishes)}
        />
        <Button type="submit" aria-disabled={submitting || undefined}>
          {submitting ? t.saving : t.save}
        </Button>
      </Form>
      <WaitingLists view={r.waitingLists} own={false} back={`/kommune/${r.registrationId}/deltaker/${r.participantId}`} />
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.values.name, data.municipality) : 'Klimasamling' },
]
