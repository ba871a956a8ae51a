import { parseWithZod } from '@conform-to/zod/v4'
import { Alert, Heading, Link, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Link as RemixLink, useActionData, useLoaderData } from '@remix-run/react'
import { EventForm } from '~/components/event-form'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { OrganiserNav } from '~/components/organiser-nav'
import { formatDateRange } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { eventFormSchema } from '~/domain/event-form'
import { eventToFormValues } from '~/domain/event-form-values'
import { texts } from '~/domain/language'
import { listCounties, updateEvent } from '~/services/event-setup.server'
import { findEventFor } from '~/services/access.server'
import { reviewEventMunicipalities } from '~/services/municipalities.server'
import { idParam, notFound } from '~/utils/http.server'
import { readForm, replyTo } from '~/utils/forms.server'
import { languageOf } from '~/utils/language.server'
import { requireUser } from '~/utils/session.server'

const text = texts({
  nb: {
    title: (event: string) => `${event} – Klimasamling`,
    published: 'Publisert: ',
    draft: 'Utkast: ',
    seePage: 'se arrangementssiden',
    previewPage: 'forhåndsvis arrangementssiden',
    copied: 'Kopien er laget som utkast. Se over datoene, dager og netter, programmet og de inviterte kommunene før du publiserer den.',
    saved: 'Endringene er lagret.',
    submit: 'Lagre endringene',
    ended: (now: string) => (now === 'ingen' ? 'finnes ikke lenger' : `finnes ikke lenger (nå ${now})`),
    moved: (now: string) => `hører nå til ${now}`,
    changesHeading: 'Endringer i kommunene',
    changesIntro: 'Noen av kommunene originalen inviterte, finnes ikke lenger på denne datoen. Kopien inviterer kommunene som tok over:',
    changesList: 'Kommuner som er endret',
    seeInvited: 'Se de inviterte kommunene',
    outdatedHeading: 'Teksten nevner kommuner som er endret',
    outdatedHelp: 'Rett teksten i skjemaet under, så den stemmer med kommunene som er invitert.',
  },
  nn: {
    title: (event: string) => `${event} – Klimasamling`,
    published: 'Publisert: ',
    draft: 'Utkast: ',
    seePage: 'sjå arrangementssida',
    previewPage: 'førehandsvis arrangementssida',
    copied: 'Kopien er laga som utkast. Sjå over datoane, dagar og netter, programmet og dei inviterte kommunane før du publiserer han.',
    saved: 'Endringane er lagra.',
    submit: 'Lagre endringane',
    ended: (now: string) => (now === 'ingen' ? 'finst ikkje lenger' : `finst ikkje lenger (no ${now})`),
    moved: (now: string) => `høyrer no til ${now}`,
    changesHeading: 'Endringar i kommunane',
    changesIntro: 'Nokre av kommunane originalen inviterte, finst ikkje lenger på denne datoen. Kopien inviterer kommunane som tok over:',
    changesList: 'Kommunar som er endra',
    seeInvited: 'Sjå dei inviterte kommunane',
    outdatedHeading: 'Teksten nemner kommunar som er endra',
    outdatedHelp: 'Rett teksten i skjemaet under, så han stemmer med kommunane som er inviterte.',
  },
})

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const found = await findEventFor(context.db, { userId: user.id }, idParam(params.eventId), 'event.manage')
  if (!found) notFound()
  const { event } = found
  const languageForm = await languageOf(request, context)
  return {
    event: { id: event.id, title: event.title, slug: event.slug, status: event.status, dates: formatDateRange(event.starts_at, event.ends_at) },
    values: eventToFormValues(event),
    counties: await listCounties(context.db),
    // Which municipalities a copy invited instead, and names in its text that no longer fit its date (decision 28).
    municipalities: await reviewEventMunicipalities(context.db, found, languageForm),
    saved: new URL(request.url).searchParams.has('lagret'),
    copied: new URL(request.url).searchParams.has('kopiert'),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const eventId = idParam(params.eventId)
  const languageForm = await languageOf(request, context)
  const submission = parseWithZod(await readForm(request), { schema: eventFormSchema })
  if (submission.status !== 'success') return data(replyTo(submission, languageForm), { status: 400 })
  try {
    const updated = await updateEvent(context.db, { userId: user.id }, eventId, submission.value, context.now())
    if (!updated) notFound()
    return redirect(`/arrangor/${eventId}?lagret=1`)
  } catch (error) {
    if (error instanceof DomainError) {
      return data(replyTo(submission, languageForm, { fieldErrors: { [error.field ?? 'title']: [error.messageIn(languageForm)] } }), { status: 409 })
    }
    throw error
  }
}

export default function EventSettings() {
  const { event, values, counties, municipalities, saved, copied } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const t = useTexts(text)
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          {event.title}
        </Heading>
        <Paragraph>
          {event.dates}. {event.status === 'published' ? t.published : t.draft}
          <Link asChild>
            <RemixLink to={`/arrangementer/${event.slug}`}>{event.status === 'published' ? t.seePage : t.previewPage}</RemixLink>
          </Link>
          .
        </Paragraph>
        {saved || copied ? (
          <Alert data-color="success" role="status">
            <Paragraph>{copied ? t.copied : t.saved}</Paragraph>
          </Alert>
        ) : null}
      </div>
      <MunicipalityReview {...municipalities} eventId={event.id} />
      <EventForm lastResult={lastResult} defaultValue={values} counties={counties} submitLabel={t.submit} />
    </div>
  )
}

/** What a copy changed in the invited list, and the municipality names in the text the organiser should look at. */
function MunicipalityReview({
  changes,
  outdatedNames,
  eventId,
}: {
  changes: string[]
  outdatedNames: Array<{ label: string; word: string; reason: 'ended' | 'moved'; was: string; now: string }>
  eventId: string
}) {
  const t = useTexts(text)
  if (changes.length === 0 && outdatedNames.length === 0) return null
  return (
    <section aria-labelledby="kommuneendringer" className="stack">
      <Heading level={2} data-size="md" id="kommuneendringer">
        {t.changesHeading}
      </Heading>
      {changes.length > 0 ? (
        <div className="stack">
          <Paragraph>{t.changesIntro}</Paragraph>
          <ul aria-label={t.changesList}>
            {changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
          <Paragraph>
            <Link asChild>
              <RemixLink to={`/arrangor/${eventId}/kommuner`}>{t.seeInvited}</RemixLink>
            </Link>
          </Paragraph>
        </div>
      ) : null}
      {outdatedNames.length > 0 ? (
        <Alert data-color="warning">
          <Heading level={3} data-size="xs">
            {t.outdatedHeading}
          </Heading>
          <ul>
            {outdatedNames.map((n) => (
              <li key={`${n.label}-${n.word}`}>
                {n.label}: «{n.word}» ({n.was}) {t[n.reason](n.now)}.
              </li>
            ))}
          </ul>
          <Paragraph>{t.outdatedHelp}</Paragraph>
        </Alert>
      ) : null}
    </section>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.event.title) : 'Klimasamling' },
]
