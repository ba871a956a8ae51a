import { parseWithZod } from '@conform-to/zod/v4'
import { Alert, Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { FormErrorSummary, getFormProps, type ServerField, useServerForm } from '~/components/form'
import { languageFormOfMatches, useLanguageForm } from '~/components/language'
import { PrivacyLink } from '~/components/privacy-link'
import { chosenSessions, SessionChoices } from '~/components/participant-form'
import { formatDateRange, formatNight, formatTimeRange, formatWeekday, osloDate } from '~/domain/dates'
import { presentEnrolmentOptions } from '~/domain/enrolment-options'
import { gatherSessionChoices, sessionChoiceFormSchema as sessionsSchema } from '~/domain/participant-form'
import { can } from '~/domain/permissions'
import { eventPhase } from '~/domain/phase'
import { ROLE_CATEGORY_LABELS, isRoleCategory } from '~/domain/roles'
import { texts } from '~/domain/language'
import { changeOwnSessions, findOwnParticipant, listDigitalSessionsForParticipant } from '~/services/participants.server'
import { getEnrolmentOptions, getParticipantForEdit } from '~/services/registration-view.server'
import { replyTo, replyWithDomainError, readForm } from '~/utils/forms.server'
import { languageOf } from '~/utils/language.server'
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

const text = texts({
  nb: {
    title: 'Din påmelding – Klimasamling',
    heading: (event: string) => `Din påmelding: ${event}`,
    programLink: 'Program og praktisk informasjon',
    name: 'Navn',
    email: 'E-post',
    municipality: 'Kommune',
    jobTitle: 'Stilling',
    role: 'Rolle',
    status: 'Status',
    enrolled: 'Påmeldt',
    notEnrolled: 'Ikke lenger påmeldt',
    surveyAsk: 'Arrangøren vil gjerne høre fra deg.',
    surveyLink: 'Svar på undersøkelsen',
    checkInHeading: 'Kode for innsjekking',
    checkInHelp: 'Vis QR-koden i registreringen når du kommer, på telefonen eller på papir. Den står også i bekreftelsen på e-post.',
    checkInAlt: 'QR-kode for innsjekking',
    checkInCode: 'Koden i tekst:',
    cafeHeading: 'Ditt bord på kafébordet',
    cafeTable: 'Bord',
    cafeTopic: 'Tema',
    cafeRoom: 'Rom',
    cafeNone: 'Du har ikke valgt bord ennå.',
    cafeSwap: 'Bytt bord',
    cafePick: 'Velg bord',
    choicesHeading: 'Dager og sesjoner',
    days: 'Dager',
    nights: 'Hotellnetter',
    noNights: 'Ingen',
    daysChangedBy: 'Dager og hotellnetter endres av kontaktpersonen i kommunen din.',
    allocatedHeading: 'Dine parallelle sesjoner',
    wishesHeading: 'Dine ønsker for parallelle sesjoner',
    wishesSaved: 'Ønskene dine er lagret.',
    noSeat: 'Du har ikke fått plass i noen parallell sesjon.',
    noSlots: 'Det er ingen parallelle sesjoner på dagene du er med.',
    wishesHelp: 'Arrangøren fordeler plassene etter ønskene når ønskerunden er over. Du får e-post når fordelingen er klar.',
    saving: 'Lagrer …',
    saveWishes: 'Lagre ønsker',
    sessionsSaved: 'Sesjonsvalgene dine er lagret.',
    sessions: 'Sesjoner',
    saveSessions: 'Lagre sesjonsvalg',
    sessionsLocked: 'Sesjonsvalgene kan ikke endres etter at samlingen har startet.',
    digitalHeading: 'Digital del',
    joinMeeting: 'Bli med i møtet',
    linkLater: 'Lenken kommer her når arrangøren publiserer den.',
  },
  nn: {
    title: 'Påmeldinga di – Klimasamling',
    heading: (event: string) => `Påmeldinga di: ${event}`,
    programLink: 'Program og praktisk informasjon',
    name: 'Namn',
    email: 'E-post',
    municipality: 'Kommune',
    jobTitle: 'Stilling',
    role: 'Rolle',
    status: 'Status',
    enrolled: 'Påmeld',
    notEnrolled: 'Ikkje lenger påmeld',
    surveyAsk: 'Arrangøren vil gjerne høyre frå deg.',
    surveyLink: 'Svar på undersøkinga',
    checkInHeading: 'Kode for innsjekking',
    checkInHelp: 'Vis QR-koden i registreringa når du kjem, på telefonen eller på papir. Koden står òg i stadfestinga på e-post.',
    checkInAlt: 'QR-kode for innsjekking',
    checkInCode: 'Koden i tekst:',
    cafeHeading: 'Bordet ditt på kafébordet',
    cafeTable: 'Bord',
    cafeTopic: 'Tema',
    cafeRoom: 'Rom',
    cafeNone: 'Du har ikkje valt bord enno.',
    cafeSwap: 'Byt bord',
    cafePick: 'Vel bord',
    choicesHeading: 'Dagar og sesjonar',
    days: 'Dagar',
    nights: 'Hotellnetter',
    noNights: 'Ingen',
    daysChangedBy: 'Dagar og hotellnetter blir endra av kontaktpersonen i kommunen din.',
    allocatedHeading: 'Dei parallelle sesjonane dine',
    wishesHeading: 'Ønska dine for parallelle sesjonar',
    wishesSaved: 'Ønska dine er lagra.',
    noSeat: 'Du har ikkje fått plass i nokon parallell sesjon.',
    noSlots: 'Det er ingen parallelle sesjonar på dagane du er med.',
    wishesHelp: 'Arrangøren fordeler plassane etter ønska når ønskerunden er over. Du får e-post når fordelinga er klar.',
    saving: 'Lagrar …',
    saveWishes: 'Lagre ønske',
    sessionsSaved: 'Sesjonsvala dine er lagra.',
    sessions: 'Sesjonar',
    saveSessions: 'Lagre sesjonsval',
    sessionsLocked: 'Sesjonsvala kan ikkje endrast etter at samlinga har starta.',
    digitalHeading: 'Digital del',
    joinMeeting: 'Bli med i møtet',
    linkLater: 'Lenka kjem her når arrangøren publiserer ho.',
  },
})

/** A participant's own registration, and their session choices; nobody else's. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const languageForm = await languageOf(request, context)
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
  const presented = options ? presentEnrolmentOptions(options, languageForm) : null
  // By wishes (decision 44): the participant ranks the parallel sessions of the days they attend; sign-ups stay checkboxes.
  const wishSlots = presented && current && wishForm ? presented.slots.filter((s) => current.dayIds.includes(s.dayId)) : []
  const wishes =
    wishForm && current
      ? {
          ...(wishFormState('participant', phase, wishForm, languageForm) ?? { held: [], closedReason: null }),
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
      when: `${formatWeekday(osloDate(s.starts_at), languageForm)}, ${formatTimeRange(s.starts_at, s.ends_at)}`,
      url: s.online_url,
    })),
    name: participant.name,
    email: participant.email,
    title: participant.title,
    role: isRoleCategory(participant.role_category) ? ROLE_CATEGORY_LABELS[languageForm][participant.role_category] : participant.role_category,
    municipality: participant.municipality_name,
    event: participant.event_title,
    eventSlug: participant.event_slug,
    dates: formatDateRange(participant.starts_at, participant.ends_at),
    active,
    waitingLists: active ? await waitingListView(context.db, participant.id, 'participant', context.now(), languageForm) : null,
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
  const languageForm = await languageOf(request, context)
  const formData = await readForm(request)
  if (formData.get('intent') === 'wishes') {
    // The ranked wishes' own form; the schema only gives the reply its shape, the service checks the wishes.
    const submission = parseWithZod(formData, { schema: sessionsSchema })
    if (submission.status !== 'success') return data({ wishReply: replyTo(submission, languageForm) }, { status: 400 })
    try {
      const result = await saveOwnWishes(context.db, user, participantId, gatherWishes(formData), context.now())
      if (!result) notFound()
      return redirect(`/deltaker/${participantId}?lagret=onsker`)
    } catch (error) {
      return data({ wishReply: replyWithDomainError(submission, error, languageForm) }, { status: 409 })
    }
  }
  const submission = parseWithZod(gatherSessionChoices(formData), { schema: sessionsSchema })
  if (submission.status !== 'success') return data(replyTo(submission, languageForm), { status: 400 })
  try {
    const result = await changeOwnSessions(context.db, context.mail, user, participantId, submission.value.sessionIds ?? [], context.now())
    if (!result) notFound()
    return redirect(`/deltaker/${participantId}?lagret=1`)
  } catch (error) {
    return data(replyWithDomainError(submission, error, languageForm), { status: 409 })
  }
}

export default function ParticipantPage() {
  const p = useLoaderData<typeof loader>()
  const languageForm = useLanguageForm()
  const t = text[languageForm]
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
        {t.heading(p.event)}
      </Heading>
      <Paragraph>
        {p.dates}.{' '}
        <Link asChild>
          <RemixLink to={`/arrangementer/${p.eventSlug}`}>{t.programLink}</RemixLink>
        </Link>
      </Paragraph>
      <dl className="facts">
        <dt>{t.name}</dt>
        <dd>{p.name}</dd>
        <dt>{t.email}</dt>
        <dd>{p.email}</dd>
        <dt>{t.municipality}</dt>
        <dd>{p.municipality}</dd>
        <dt>{t.jobTitle}</dt>
        <dd>{p.title || '–'}</dd>
        <dt>{t.role}</dt>
        <dd>{p.role}</dd>
        <dt>{t.status}</dt>
        <dd>{p.active ? t.enrolled : t.notEnrolled}</dd>
      </dl>
      {p.surveyLink ? (
        <Alert data-color="info">
          <Paragraph>
            {t.surveyAsk}{' '}
            <Link asChild>
              <RemixLink to={p.surveyLink}>{t.surveyLink}</RemixLink>
            </Link>
          </Paragraph>
        </Alert>
      ) : null}
      {p.checkIn ? (
        <section aria-labelledby="innsjekking" className="stack">
          <Heading level={2} data-size="md" id="innsjekking">
            {t.checkInHeading}
          </Heading>
          <Paragraph>{t.checkInHelp}</Paragraph>
          <img src={p.checkIn.svgDataUrl} alt={t.checkInAlt} width={180} height={180} data-testid="checkin-qr" />
          <Paragraph>
            {t.checkInCode} <code data-testid="checkin-code">{p.checkIn.code}</code>
          </Paragraph>
        </section>
      ) : null}
      {p.cafeTable ? (
        <section aria-labelledby="kafebord" className="stack">
          <Heading level={2} data-size="md" id="kafebord">
            {t.cafeHeading}
          </Heading>
          {p.cafeTable.seat ? (
            <dl className="facts">
              <dt>{t.cafeTable}</dt>
              <dd>{p.cafeTable.seat.label}</dd>
              <dt>{t.cafeTopic}</dt>
              <dd>{p.cafeTable.seat.topic}</dd>
              <dt>{t.cafeRoom}</dt>
              <dd>{p.cafeTable.seat.room || '–'}</dd>
            </dl>
          ) : (
            <Paragraph>{t.cafeNone}</Paragraph>
          )}
          {p.cafeTable.pickLink ? (
            <Paragraph>
              <Link asChild>
                <RemixLink to={p.cafeTable.pickLink}>{p.cafeTable.seat ? t.cafeSwap : t.cafePick}</RemixLink>
              </Link>
            </Paragraph>
          ) : null}
        </section>
      ) : null}
      {choices ? (
        <section aria-labelledby="valg" className="stack">
          <Heading level={2} data-size="md" id="valg">
            {t.choicesHeading}
          </Heading>
          <dl className="facts">
            <dt>{t.days}</dt>
            <dd>{choices.days.join(', ') || '–'}</dd>
            <dt>{t.nights}</dt>
            <dd>{choices.nights.join(', ') || t.noNights}</dd>
          </dl>
          <Paragraph data-size="sm">{t.daysChangedBy}</Paragraph>
          {p.wishes ? (
            <section aria-labelledby="onsker" className="stack">
              <Heading level={3} data-size="sm" id="onsker">
                {p.wishes.published ? t.allocatedHeading : t.wishesHeading}
              </Heading>
              {searchParams.get('lagret') === 'onsker' && !wishResult ? (
                <Alert data-color="success" role="status">
                  <Paragraph>{t.wishesSaved}</Paragraph>
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
                  <Paragraph>{t.noSeat}</Paragraph>
                )
              ) : p.wishes.slots.length === 0 ? (
                <Paragraph>{t.noSlots}</Paragraph>
              ) : p.wishes.closedReason ? (
                <>
                  <Paragraph>{p.wishes.closedReason}</Paragraph>
                  <WishList slots={p.wishes.slots} wishes={p.wishes.held} />
                </>
              ) : (
                <>
                  <Paragraph>{t.wishesHelp}</Paragraph>
                  <FormErrorSummary form={wishForm} labels={wishFieldLabels(p.wishes.slots, languageForm)} />
                  <Form method="post" {...getFormProps(wishForm)} className="stack">
                    <input type="hidden" name="intent" value="wishes" />
                    {p.wishes.slots.map((slot) => (
                      <WishRanking key={slot.id} slot={slot} field={wishField} roleCategory={choices?.roleCategory} />
                    ))}
                    <PrivacyLink />
                    <div>
                      <Button type="submit" aria-disabled={submitting || undefined}>
                        {submitting ? t.saving : t.saveWishes}
                      </Button>
                    </div>
                  </Form>
                </>
              )}
            </section>
          ) : null}
          {searchParams.get('lagret') === '1' && !lastResult ? (
            <Alert data-color="success" role="status">
              <Paragraph>{t.sessionsSaved}</Paragraph>
            </Alert>
          ) : null}
          {!choices.offered ? null : choices.canChange ? (
            <>
              <FormErrorSummary form={form} labels={{ sessionIds: t.sessions }} />
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
                    {submitting ? t.saving : t.saveSessions}
                  </Button>
                </div>
              </Form>
            </>
          ) : (
            <Paragraph>{t.sessionsLocked}</Paragraph>
          )}
        </section>
      ) : null}
      {p.waitingLists ? <WaitingLists view={p.waitingLists} own back={`/deltaker/${p.waitingLists.participantId}`} /> : null}
      {p.digital.length > 0 ? (
        <section aria-labelledby="digital" className="stack">
          <Heading level={2} data-size="md" id="digital">
            {t.digitalHeading}
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
                        {t.joinMeeting}
                        <span className="visually-hidden">: {s.title}</span>
                      </Link>
                    ) : (
                      t.linkLater
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

export const meta: MetaFunction = ({ matches }) => [{ title: text[languageFormOfMatches(matches)].title }]
