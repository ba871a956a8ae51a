import { Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react'
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link as RemixLink, useLoaderData } from '@remix-run/react'
import { OrganiserNav } from '~/components/organiser-nav'
import { SurveyChart, useRefreshEvery } from '~/components/survey-chart'
import { answeringText, SURVEY_STATE_LABELS } from '~/domain/survey'
import { getSurveyResults } from '~/services/survey.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import surveyCss from '~/styles/survey.css'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { texts } from '~/domain/language'
import { languageOf } from '~/utils/language.server'

const text = texts({
  nb: {
    heading: 'Resultater',
    code: 'Kode:',
    refreshing: 'Siden oppdateres av seg selv hvert fjerde sekund.',
    refresh: 'Oppdater',
    projector: 'Vis på storskjerm',
    toSurvey: 'Til undersøkelsen',
    noSurvey: 'Samlingen har ingen undersøkelse ennå.',
    create: 'Lag undersøkelsen',
    freeTexts: (count: number) => `Fritekstsvar (${count})`,
    title: (event: string) => `Resultater – ${event} – Klimasamling`,
  },
  nn: {
    heading: 'Resultat',
    code: 'Kode:',
    refreshing: 'Sida oppdaterer seg sjølv kvart fjerde sekund.',
    refresh: 'Oppdater',
    projector: 'Vis på storskjerm',
    toSurvey: 'Til undersøkinga',
    noSurvey: 'Samlinga har inga undersøking enno.',
    create: 'Lag undersøkinga',
    freeTexts: (count: number) => `Fritekstsvar (${count})`,
    title: (event: string) => `Resultat – ${event} – Klimasamling`,
  },
})

/**
 * The survey's results while the answers come in (decision 049): a bar chart
 * per question with the same numbers as a table, the free-text answers, and
 * how many have answered, said politely to a screen reader when it changes.
 * With JavaScript the page reloads its data every few seconds; without, the
 * "Oppdater" link does. Organisers only.
 */

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: surveyCss }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const languageForm = await languageOf(request, context)
  const view = await getSurveyResults(context.db, { userId: user.id }, idParam(params.eventId), context.now())
  if (!view) notFound()
  return {
    event: view.event,
    survey: view.survey ? { ...view.survey, stateLabel: SURVEY_STATE_LABELS[languageForm][view.survey.state] } : null,
    results: view.results,
    answered: view.answered,
    answering: answeringText(view.answered, languageForm),
  }
}

export default function SurveyResults() {
  const { event, survey, results, answering } = useLoaderData<typeof loader>()
  const t = useTexts(text)
  useRefreshEvery(4000)
  const base = `/arrangor/${event.id}/undersokelse`
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          {t.heading}
          {survey ? `: ${survey.title}` : ''}
        </Heading>
        {survey ? (
          <>
            <Paragraph>
              <Tag data-color={survey.state === 'open' ? 'success' : 'neutral'}>{survey.stateLabel}</Tag> {t.code} <strong>{survey.code}</strong>
            </Paragraph>
            <p role="status" className="survey-count">
              {answering}
            </p>
            <Paragraph data-size="sm">
              {t.refreshing}{' '}
              <Link asChild>
                <RemixLink to={`${base}/resultater`} reloadDocument>
                  {t.refresh}
                </RemixLink>
              </Link>
              {' · '}
              <Link asChild>
                <RemixLink to={`${base}/visning`}>{t.projector}</RemixLink>
              </Link>
              {' · '}
              <Link asChild>
                <RemixLink to={base}>{t.toSurvey}</RemixLink>
              </Link>
            </Paragraph>
          </>
        ) : (
          <Paragraph>
            {t.noSurvey}{' '}
            <Link asChild>
              <RemixLink to={base}>{t.create}</RemixLink>
            </Link>
          </Paragraph>
        )}
      </div>
      {results.map((result, i) => (
        <section key={result.id} aria-labelledby={`sporsmal-${i}-navn`} className="stack">
          <SurveyChart result={result} id={`sporsmal-${i}`} />
          {result.freeTexts.length > 0 ? (
            <div className="stack">
              <Heading level={2} data-size="xs">
                {t.freeTexts(result.freeTexts.length)}
              </Heading>
              <ul>
                {result.freeTexts.map((text, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the same text may be written twice
                  <li key={j} className="pre-line">
                    {text}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>
      ))}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.event.title) : 'Klimasamling' },
]
