import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { CheckInDesk } from '~/components/check-in-desk'
import { OrganiserNav } from '~/components/organiser-nav'
import { osloDate } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { can, refusal } from '~/domain/permissions'
import { findEventFor } from '~/services/access.server'
import { applyCheckInOperations, checkInByCode, checkInRejection, formOperationId, getDesk } from '~/services/check-in.server'
import { readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import checkInCss from '~/styles/check-in.css'
import { ErrorAlert } from '~/components/error-alert'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { texts } from '~/domain/language'
import { languageOf } from '~/utils/language.server'

const text = texts({
  nb: {
    title: 'Innsjekking',
    metaTitle: (event: string) => `Innsjekking – ${event} – Klimasamling`,
    intro: (event: string) =>
      `${event}. Søk etter navnet, eller skann QR-koden deltakeren har i bekreftelsen eller på navneskiltet. Listen viser navn, stilling og kommune.`,
    noDays: 'Arrangementet har ingen dager ennå.',
    checkedIn: (name: string, municipality: string) => `${name} (${municipality}) er sjekket inn.`,
    undone: (name: string) => `Innsjekkingen av ${name} er angret.`,
    unreadable: 'Skjemaet kunne ikke leses. Last siden på nytt.',
    codeMissing: 'Skriv eller skann koden fra deltakerens QR-kode.',
  },
  nn: {
    title: 'Innsjekking',
    metaTitle: (event: string) => `Innsjekking – ${event} – Klimasamling`,
    intro: (event: string) =>
      `${event}. Søk etter namnet, eller skann QR-koden deltakaren har i stadfestinga eller på namneskiltet. Lista viser namn, stilling og kommune.`,
    noDays: 'Arrangementet har ingen dagar enno.',
    checkedIn: (name: string, municipality: string) => `${name} (${municipality}) er sjekka inn.`,
    undone: (name: string) => `Innsjekkinga av ${name} er angra.`,
    unreadable: 'Skjemaet kunne ikkje lesast. Last sida på nytt.',
    codeMissing: 'Skriv eller skann koden frå QR-koden til deltakaren.',
  },
})

/**
 * The check-in desk of an event (decision 046), for its organisers and desk
 * helpers (vert i registreringen), on a phone or a laptop: per day, who is
 * expected and who has arrived, in all and per municipality; check-in by
 * name or by the code of the participant's QR code; a substitute who turns
 * up instead. Works without JavaScript; app/components/check-in-desk.tsx
 * makes it quicker and lets it work offline.
 */

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: checkInCss }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const grant = await findEventFor(context.db, { userId: user.id }, idParam(params.eventId), 'checkin.read')
  if (!grant) notFound()
  const now = context.now()
  const languageForm = await languageOf(request, context)
  const t = text[languageForm]
  const desk = await getDesk(context.db, grant, now)
  const url = new URL(request.url)
  const asked = url.searchParams.get('dag')
  const today = osloDate(now)
  const dayId = desk.days.find((d) => d.id === asked)?.id ?? desk.days.find((d) => d.date === today)?.id ?? desk.days[0]?.id ?? ''
  const why = refusal(desk.role, 'checkin.mark', { phase: desk.phase })
  const closedReason = why && why !== 'not_found' ? new DomainError(why).messageIn(languageForm) : null
  const inn = url.searchParams.get('inn')
  const ut = url.searchParams.get('ut')
  const named = desk.participants.find((p) => p.id === (inn ?? ut))
  const notice = named ? (inn ? t.checkedIn(named.name, named.municipality) : t.undone(named.name)) : null
  return {
    event: desk.event,
    role: desk.role,
    days: desk.days.map((d) => ({ id: d.id, label: d.label })),
    dayId,
    query: url.searchParams.get('q') ?? '',
    participants: desk.participants,
    canMark: can(desk.role, 'checkin.mark', { phase: desk.phase }),
    closedReason,
    token: crypto.randomUUID(),
    notice,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  // The forms' schemas live in the action, so zod stays out of the page's JavaScript (test/e2e/page-weight.test.ts).
  const markSchema = z.object({
    intent: z.literal('mark'),
    participantId: z.uuid(),
    dayId: z.uuid(),
    arrived: z.enum(['true', 'false']),
    token: z.uuid(),
    q: z.string().max(200).default(''),
  })

  const codeSchema = z.object({
    intent: z.literal('code'),
    dayId: z.uuid(),
    token: z.uuid(),
    code: z.string().trim().max(200).default(''),
  })
  const user = await requireUser(request, context)
  const eventId = idParam(params.eventId)
  const form = Object.fromEntries(await readForm(request))
  const actor = { userId: user.id }
  const now = context.now()
  const languageForm = await languageOf(request, context)
  const t = text[languageForm]
  const base = `/arrangor/${eventId}/innsjekking`
  try {
    if (form.intent === 'code') {
      const parsed = codeSchema.safeParse(form)
      if (!parsed.success) return data({ codeError: t.unreadable }, { status: 400 })
      const { dayId, token, code } = parsed.data
      if (!code) return data({ codeError: t.codeMissing }, { status: 400 })
      const found = await checkInByCode(context.db, actor, eventId, dayId, code, formOperationId(token, dayId, code), now)
      if (!found) notFound()
      return redirect(`${base}?dag=${dayId}&inn=${found.participant.id}`)
    }
    const parsed = markSchema.safeParse(form)
    if (!parsed.success) return data({ codeError: null, error: t.unreadable }, { status: 400 })
    const { participantId, dayId, token, q } = parsed.data
    const arrived = parsed.data.arrived === 'true'
    const answer = await applyCheckInOperations(
      context.db,
      actor,
      eventId,
      [{ id: formOperationId(token, participantId, dayId, String(arrived)), participantId, dayId, arrived, madeAt: now }],
      now,
    )
    const result = answer?.results[0]
    if (!answer || !result || (result.status === 'rejected' && result.reason === 'not_found')) notFound()
    if (result.status === 'rejected') return data({ codeError: null, error: checkInRejection(result.reason, languageForm) }, { status: 409 })
    const search = new URLSearchParams({ dag: dayId, [arrived ? 'inn' : 'ut']: participantId })
    if (q) search.set('q', q)
    return redirect(`${base}?${search}`)
  } catch (error) {
    if (!(error instanceof DomainError)) throw error
    const message = error.messageIn(languageForm)
    return data(error.field === 'code' ? { codeError: message } : { codeError: null, error: message }, { status: 409 })
  }
}

export default function CheckIn() {
  const d = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const t = useTexts(text)
  const error = answer && 'error' in answer ? answer.error : null
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={d.event.id} role={d.role} />
        <Heading level={1} data-size="lg">
          {t.title}
        </Heading>
        <Paragraph>{t.intro(d.event.title)}</Paragraph>
      </div>
      {d.closedReason ? (
        <Alert data-color="info">
          <Paragraph>{d.closedReason}</Paragraph>
        </Alert>
      ) : null}
      <ErrorAlert messages={error} />
      {d.days.length === 0 ? (
        <Paragraph>{t.noDays}</Paragraph>
      ) : (
        <CheckInDesk
          key={`${d.dayId}/${d.token}`}
          eventId={d.event.id}
          days={d.days}
          dayId={d.dayId}
          query={d.query}
          participants={d.participants}
          canMark={d.canMark}
          closedReason={d.closedReason}
          token={d.token}
          codeError={answer?.codeError ?? null}
          notice={d.notice}
        />
      )}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].metaTitle(data.event.title) : 'Klimasamling' },
]
