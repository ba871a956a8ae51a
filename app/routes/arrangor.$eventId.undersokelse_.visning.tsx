import { Button, Heading, Link } from '@digdir/designsystemet-react'
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link as RemixLink, useLoaderData } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { SurveyChart, useRefreshEvery } from '~/components/survey-chart'
import { answeringText } from '~/domain/survey'
import { getSurveyResults, surveyQrSvg } from '~/services/survey.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import surveyCss from '~/styles/survey.css'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { texts } from '~/domain/language'
import { languageOf } from '~/utils/language.server'

const text = texts({
  nb: {
    join: 'Svar på mobilen: gå til',
    typeCode: 'og skriv koden',
    closed: ' (undersøkelsen er stengt)',
    noSurvey: 'Samlingen har ingen undersøkelse ennå.',
    qr: (code: string) => `QR-kode til svarsiden med koden ${code}`,
    fullscreen: 'Fullskjerm',
    back: 'Tilbake til resultatene',
    title: (event: string) => `Storskjerm – ${event} – Klimasamling`,
  },
  nn: {
    join: 'Svar på mobilen: gå til',
    typeCode: 'og skriv koden',
    closed: ' (undersøkinga er stengd)',
    noSurvey: 'Samlinga har inga undersøking enno.',
    qr: (code: string) => `QR-kode til svarsida med koden ${code}`,
    fullscreen: 'Fullskjerm',
    back: 'Tilbake til resultata',
    title: (event: string) => `Storskjerm – ${event} – Klimasamling`,
  },
})

/**
 * The survey on the projector (decision 049): large text in black on white,
 * the address and code to answer with and a QR code of the address with the
 * code filled in, the live chart of each question, and nothing else (the
 * site's header and footer are hidden on this page). "Fullskjerm" (with
 * JavaScript) puts the view in full screen. Organisers only.
 */

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: surveyCss }]

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const languageForm = await languageOf(request, context)
  const view = await getSurveyResults(context.db, { userId: user.id }, idParam(params.eventId), context.now())
  if (!view) notFound()
  const answerPage = `${context.mail.appUrl}/undersokelse`
  const answerUrl = view.survey ? `${answerPage}?kode=${encodeURIComponent(view.survey.code)}` : answerPage
  return {
    event: view.event,
    survey: view.survey,
    results: view.results,
    answering: answeringText(view.answered, languageForm),
    answerPage: answerPage.replace(/^https?:\/\//, ''),
    answerUrl,
    qr: view.survey ? await surveyQrSvg(answerUrl) : null,
  }
}

export default function SurveyProjector() {
  const { event, survey, results, answering, answerPage, qr } = useLoaderData<typeof loader>()
  const t = useTexts(text)
  useRefreshEvery(4000)
  const [canFullscreen, setCanFullscreen] = useState(false)
  useEffect(() => setCanFullscreen(Boolean(document.fullscreenEnabled)), [])
  const fullscreen = () => {
    const view = document.getElementById('storskjerm')
    if (document.fullscreenElement) void document.exitFullscreen()
    else void view?.requestFullscreen()
  }
  return (
    <div id="storskjerm" className="survey-projector stack-lg">
      <div className="survey-projector-top">
        <div className="stack">
          <Heading level={1} data-size="xl">
            {survey?.title ?? event.title}
          </Heading>
          {survey ? (
            <p className="survey-projector-join">
              {t.join} <strong>{answerPage}</strong> {t.typeCode} <strong>{survey.code}</strong>
              {survey.state === 'closed' ? t.closed : ''}
            </p>
          ) : (
            <p className="survey-projector-join">{t.noSurvey}</p>
          )}
          <p role="status" className="survey-projector-count">
            {answering}
          </p>
        </div>
        {qr ? (
          <div
            className="survey-qr"
            role="img"
            aria-label={t.qr(survey?.code ?? '')}
            // biome-ignore lint/security/noDangerouslySetInnerHtml: the qrcode package's SVG of our own address, made on the server
            dangerouslySetInnerHTML={{ __html: qr }}
          />
        ) : null}
      </div>
      {results.map((result, i) => (
        <SurveyChart key={result.id} result={result} id={`visning-${i}`} tableFolded large />
      ))}
      <div className="row-actions">
        {canFullscreen ? (
          <Button type="button" variant="secondary" onClick={fullscreen}>
            {t.fullscreen}
          </Button>
        ) : null}
        <Link asChild>
          <RemixLink to={`/arrangor/${event.id}/undersokelse/resultater`}>{t.back}</RemixLink>
        </Link>
      </div>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.event.title) : 'Klimasamling' },
]
