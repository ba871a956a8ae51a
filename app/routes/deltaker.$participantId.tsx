import { languageOf } from '~/utils/language.server'
import { parseWithZod } from '@conform-to/zod/v4'
import { Alert, Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { FormErrorSummary, getFormProps, type ServerField, useServerForm } from '~/components/form'
import { PrivacyLink } from '~/components/privacy-link'
import { chosenSessions, SessionChoices } from '~/components/participant-form'
import { formatDateRange, formatNight, formatTimeRange, formatWeekday, osloDate } from '~/domain/dates'
import { presentEnrolmentOptions } from '~/domain/enrolment-options'
import { gatherSessionChoices, sessionChoiceFormSchema as sessionsSchema } from '~/domain/participant-form'
import { can } from '~/domain/permissions'
import { eventPhase } from '~/domain/phase'
import { ROLE_CATEGORIES, isRoleCategory } from '~/domain/roles'
import { changeOwnSessions, findOwnParticipant, listDigitalSessionsForParticipant } from '~/services/participants.server'
import { getEnrolmentOptions, getParticipantForEdit } from '~/services/registration-view.server'
import { replyWithDomainError, readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { WaitingLists } from '~/components/waiting-list'
import { waitingListView } from '~/services/waiting-lists.server'
import { openSurveyLink } from '~/services/survey.server'
import { participantCheckInQr } from '~/services/participant-qr.server'
import { ownCafeTable } from '~/services/cafe-tables.server'
import { WishList, WishRanking, wishDefaults, wishFieldLabels } from '~/components/wish-ranking'
import { gatherWishes } from '~/domain/session-wishes'
import { getWishForm, saveOwnWishes, wishFormState } from '~/services/session-wishes.server'

/** A participant's own registration, and their session choices; nobody else's. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const participant = await findOwnParticipant(context.db, user, idParam(params.participantId))
  if (!participant) notFound()
  const active = participant.status === 'active'
  const [sessions, options, current, wishForm] = active
    ? await Promise.all([
        listDigitalSessionsForParticipant(context.db, participant.event_id),
        getEnrolmentOptions(context.db, participant),
        getParticipantForEdit(context.db, participant, participant.id),
        getWishForm(context.db, participant.event_id, participant.id),
      ])
    : [[], null, null, null]
  const phase = eventPhase({ ...participant, status: participant.event_status }, context.now())
  const presented = options ? presentEnrolmentOptions(options) : null
  // By wishes (decision 44): the participant ranks the parallel sessions of the days they attend; sign-ups stay checkboxes.
  const wishSlots = presented && current && wishForm ? presented.slots.filter((s) => current.dayIds.includes(s.dayId)) : []
  const wishes =
    wishForm && current
      ? {
          ...(wishFormState('participant', phase, wishForm) ?? { held: [], closedReason: null }),
          published: wishForm.published,
          slots: wishSlots,
          allocated: wishSlots.flatMap((s) => s.items.filter((i) => current.sessionIds.includes(i.id)).map((i) => ({ slot: s.label, title: i.title }))),
        }
      : null
  return {
    wishes,
    choices:
      presented && current
        ? {
            options: wishForm ? { ...presented, slots: [] } : presented,
            roleCategory: participant.role_category,
            dayIds: current.dayIds,
            sessionIds: current.sessionIds,
            days: presented.days.filter((d) => current.dayIds.includes(d.value)).map((d) => d.label),
            nights: options?.nights.filter((n) => current.nightIds.includes(n.id)).map((n) => formatNight(n.night_date)) ?? [],
            canChange: can('participant', 'participant.choose-sessions', { phase }),
            offered:
              (!wishForm && presented.slots.some((s) => current.dayIds.includes(s.dayId))) ||
              presented.signups.some((s) => s.dayId === null || current.dayIds.includes(s.dayId)),
          }
        : null,
    digital: sessions.map((s) => ({
      id: s.id,
      title: s.title,
      when: `${formatWeekday(osloDate(s.starts_at))}, ${formatTimeRange(s.starts_at, s.ends_at)}`,
      url: s.online_url,
    })),
    name: participant.name,
    email: participant.email,
    title: participant.title,
    role: isRoleCategory(participant.role_category) ? ROLE_CATEGORIES[participant.role_category] : participant.role_category,
    municipality: participant.municipality_name,
    event: participant.event_title,
    eventSlug: participant.event_slug,
    dates: formatDateRange(participant.starts_at, participant.ends_at),
    active,
    waitingLists: active ? await waitingListView(context.db, participant.id, 'participant', context.now()) : null,
    // The day-1 survey (decision 049): a link to the participant's own survey page while it is open.
    surveyLink: active ? await openSurveyLink(context.db, participant, phase, context.now()) : null,
    // The check-in desk's QR code (decision 046), with the code in text for typing.
    checkIn: active ? await participantCheckInQr(context.db, participant.id) : null,
    // The world-café table (decision 050): the participant's table, and the link to pick while picking is open.
    cafeTable: active ? await ownCafeTable(context.db, participant.id, context.now()) : null,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const participantId = idParam(params.participantId)
  const formData = await readForm(request)
  if (formData.get('intent') === 'wishes') {
    // The ranked wishes' own form; the schema only gives the reply its shape, the service checks the wishes.
    const submission = parseWithZod(formData, { schema: sessionsSchema })
    if (submission.status !== 'success') return data({ wishReply: submission.reply() }, { status: 400 })
    try {
      const result = await saveOwnWishes(context.db, user, participantId, gatherWishes(formData), context.now())
      if (!result) notFound()
      return redirect(`/deltaker/${participantId}?lagret=onsker`)
    } catch (error) {
      return data({ wishReply: replyWithDomainError(submission, error, await languageOf(request, context)) }, { status: 409 })
    }
  }
  const submission = parseWithZod(gatherSessionChoices(formData), { schema: sessionsSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    const result = await changeOwnSessions(context.db, context.mail, user, participantId, submission.value.sessionIds ?? [], context.now())
    if (!result) notFound()
    return redirect(`/deltaker/${participantId}?lagret=1`)
  } catch (error) {
    return data(replyWithDomainError(submission, error, await languageOf(request, context)), { status: 409 })
  }
}

export default function ParticipantPage() {
  const p = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const lastResult = answer && 'wishReply' in answer ? undefined : answer
  const wishResult = answer && 'wishReply' in answer ? answer.wishReply : undefined
  const [searchParams] = useSearchParams()
  const submitting = useNavigation().state === 'submitting'
  const [form, fields] = useServerForm<typeof sessionsSchema>({
    lastResult,
  })
  const [wishForm, wishFields] = useServerForm<typeof sessionsSchema>({
    id: 'onsker',
    lastResult: wishResult,
    defaultValue: wishDefaults(p.wishes?.held ?? []),
  })
  const wishField = (name: string) => (wishFields as unknown as Record<string, ServerField>)[name] as ServerField
  const choices = p.choices
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        Din påmelding: {p.event}
      </Heading>
      <Paragraph>
        {p.dates}.{' '}
        <Link asChild>
          <RemixLink to={`/arrangementer/${p.eventSlug}`}>Program og praktisk informasjon</RemixLink>
        </Link>
      </Paragraph>
      <dl className="facts">
        <dt>Navn</dt>
        <dd>{p.name}</dd>
        <dt>E-post</dt>
        <dd>{p.email}</dd>
        <dt>Kommune</dt>
        <dd>{p.municipality}</dd>
        <dt>Stilling</dt>
        <dd>{p.title || '–'}</dd>
        <dt>Rolle</dt>
        <dd>{p.role}</dd>
        <dt>Status</dt>
        <dd>{p.active ? 'Påmeldt' : 'Ikke lenger påmeldt'}</dd>
      </dl>
      {p.surveyLink ? (
        <Alert data-color="info">
          <Paragraph>
            Arrangøren vil gjerne høre fra deg.{' '}
            <Link asChild>
              <RemixLink to={p.surveyLink}>Svar på undersøkelsen</RemixLink>
            </Link>
          </Paragraph>
        </Alert>
      ) : null}
      {p.checkIn ? (
        <section aria-labelledby="innsjekking" className="stack">
          <Heading level={2} data-size="md" id="innsjekking">
            Kode for innsjekking
          </Heading>
          <Paragraph>Vis QR-koden i registreringen når du kommer, på telefonen eller på papir. Den står også i bekreftelsen på e-post.</Paragraph>
          <img src={p.checkIn.svgDataUrl} alt="QR-kode for innsjekking" width={180} height={180} data-testid="checkin-qr" />
          <Paragraph>
            Koden i tekst: <code data-testid="checkin-code">{p.checkIn.code}</code>
          </Paragraph>
        </section>
      ) : null}
      {p.cafeTable ? (
        <section aria-labelledby="kafebord" className="stack">
          <Heading level={2} data-size="md" id="kafebord">
            Ditt bord på kafébordet
          </Heading>
          {p.cafeTable.seat ? (
            <dl className="facts">
              <dt>Bord</dt>
              <dd>{p.cafeTable.seat.label}</dd>
              <dt>Tema</dt>
              <dd>{p.cafeTable.seat.topic}</dd>
              <dt>Rom</dt>
              <dd>{p.cafeTable.seat.room || '–'}</dd>
            </dl>
          ) : (
            <Paragraph>Du har ikke valgt bord ennå.</Paragraph>
          )}
          {p.cafeTable.pickLink ? (
            <Paragraph>
              <Link asChild>
                <RemixLink to={p.cafeTable.pickLink}>{p.cafeTable.seat ? 'Bytt bord' : 'Velg bord'}</RemixLink>
              </Link>
            </Paragraph>
          ) : null}
        </section>
      ) : null}
      {choices ? (
        <section aria-labelledby="valg" className="stack">
          <Heading level={2} data-size="md" id="valg">
            Dager og sesjoner
          </Heading>
          <dl className="facts">
            <dt>Dager</dt>
            <dd>{choices.days.join(', ') || '–'}</dd>
            <dt>Hotellnetter</dt>
            <dd>{choices.nights.join(', ') || 'Ingen'}</dd>
          </dl>
          <Paragraph data-size="sm">Dager og hotellnetter endres av kontaktpersonen i kommunen din.</Paragraph>
          {p.wishes ? (
            <section aria-labelledby="onsker" className="stack">
              <Heading level={3} data-size="sm" id="onsker">
                {p.wishes.published ? 'Dine parallelle sesjoner' : 'Dine ønsker for parallelle sesjoner'}
              </Heading>
              {searchParams.get('lagret') === 'onsker' && !wishResult ? (
                <Alert data-color="success" role="status">
                  <Paragraph>Ønskene dine er lagret.</Paragraph>
                </Alert>
              ) : null}
              {p.wishes.published ? (
                p.wishes.allocated.length > 0 ? (
                  <ul>
                    {p.wishes.allocated.map((a) => (
                      <li key={a.slot}>
                        {a.slot}: {a.title}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <Paragraph>Du har ikke fått plass i noen parallell sesjon.</Paragraph>
                )
              ) : p.wishes.slots.length === 0 ? (
                <Paragraph>Det er ingen parallelle sesjoner på dagene du er med.</Paragraph>
              ) : p.wishes.closedReason ? (
                <>
                  <Paragraph>{p.wishes.closedReason}</Paragraph>
                  <WishList slots={p.wishes.slots} wishes={p.wishes.held} />
                </>
              ) : (
                <>
                  <Paragraph>Arrangøren fordeler plassene etter ønskene når ønskerunden er over. Du får e-post når fordelingen er klar.</Paragraph>
                  <FormErrorSummary form={wishForm} labels={wishFieldLabels(p.wishes.slots)} />
                  <Form method="post" {...getFormProps(wishForm)} className="stack">
                    <input type="hidden" name="intent" value="wishes" />
                    {p.wishes.slots.map((slot) => (
                      <WishRanking key={slot.id} slot={slot} field={wishField} roleCategory={choices?.roleCategory} />
                    ))}
                    <PrivacyLink />
                    <div>
                      <Button type="submit" aria-disabled={submitting || undefined}>
                        {submitting ? 'Lagrer …' : 'Lagre ønsker'}
                      </Button>
                    </div>
                  </Form>
                </>
              )}
            </section>
          ) : null}
          {searchParams.get('lagret') === '1' && !lastResult ? (
            <Alert data-color="success" role="status">
              <Paragraph>Sesjonsvalgene dine er lagret.</Paragraph>
            </Alert>
          ) : null}
          {!choices.offered ? null : choices.canChange ? (
            <>
              <FormErrorSummary form={form} labels={{ sessionIds: 'Sesjoner' }} />
              <Form method="post" {...getFormProps(form)} className="stack">
                <SessionChoices
                  options={choices.options}
                  chosen={chosenSessions(lastResult?.initialValue, choices.sessionIds)}
                  field={fields.sessionIds}
                  dayIds={choices.dayIds}
                  roleCategory={choices.roleCategory}
                />
                <PrivacyLink />
                <div>
                  <Button type="submit" aria-disabled={submitting || undefined}>
                    {submitting ? 'Lagrer …' : 'Lagre sesjonsvalg'}
                  </Button>
                </div>
              </Form>
            </>
          ) : (
            <Paragraph>Sesjonsvalgene kan ikke endres etter at samlingen har startet.</Paragraph>
          )}
        </section>
      ) : null}
      {p.waitingLists ? <WaitingLists view={p.waitingLists} own back={`/deltaker/${p.waitingLists.participantId}`} /> : null}
      {p.digital.length > 0 ? (
        <section aria-labelledby="digital" className="stack">
          <Heading level={2} data-size="md" id="digital">
            Digital del
          </Heading>
          <ul className="program-list">
            {p.digital.map((s) => (
              <li key={s.id} className="program-entry" data-kind="digital">
                <span className="program-time">{s.when}</span>
                <div>
                  <p className="program-item-title">{s.title}</p>
                  <Paragraph data-size="sm">
                    {s.url ? (
                      <Link href={s.url}>
                        Bli med i møtet<span className="visually-hidden">: {s.title}</span>
                      </Link>
                    ) : (
                      'Lenken kommer her når arrangøren publiserer den.'
                    )}
                  </Paragraph>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Din påmelding – Klimasamling' }]
