import designsystemetCss from '@digdir/designsystemet-css/index.css'
import themeCss from '@digdir/designsystemet-css/theme.css'
import inter400 from '@fontsource/inter/latin-400.css'
import inter500 from '@fontsource/inter/latin-500.css'
import inter600 from '@fontsource/inter/latin-600.css'
// Sami and other Latin letters (č đ ŋ š ŧ ž): fetched only by a page that shows one (unicode-range).
import interExt400 from '@fontsource/inter/latin-ext-400.css'
import interExt500 from '@fontsource/inter/latin-ext-500.css'
import interExt600 from '@fontsource/inter/latin-ext-600.css'
import { Button, Heading, Link, Paragraph, SkipLink } from '@digdir/designsystemet-react'
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import {
  Form,
  isRouteErrorResponse,
  Link as RemixLink,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import type { ReactNode } from 'react'
import { LanguageSwitch, useLanguageForm, useTexts } from './components/language'
import { useNonce } from './components/nonce'
import { texts } from './domain/language'
import { languageOf, switchLanguageForm } from './utils/language.server'
import { getUser } from './utils/session.server'
import appCss from './styles/app.css'

export const links: LinksFunction = () => [
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  ...[inter400, inter500, inter600, interExt400, interExt500, interExt600, designsystemetCss, themeCss, appCss].map((href) => ({ rel: 'stylesheet', href })),
]

const text = texts({
  nb: {
    skip: 'Hopp til hovedinnhold',
    tagline: 'Påmelding til klimasamlinger for kommunene',
    account: 'Konto',
    myPage: (name: string) => `Min side (${name})`,
    logOut: 'Logg ut',
    logIn: 'Logg inn',
    about:
      'Klimasamling er påmeldingssystemet for klimasamlingene som Miljødirektoratet holder for kommunene sammen med statsforvalteren, fylkeskommunen og andre.',
    accessibility: 'Tilgjengelighetserklæring',
    privacy: 'Personvern',
    home: 'Gå til forsiden',
    errors: {
      404: { title: 'Fant ikke siden', text: 'Siden du ba om, finnes ikke. Kanskje lenken er feil, eller siden er flyttet.' },
      400: {
        title: 'Kunne ikke lese skjemaet',
        text: 'Skjemaet kom ikke fram slik det ble sendt. Gå tilbake til skjemaet, last siden på nytt og send det igjen.',
      },
      413: { title: 'Skjemaet er for stort', text: 'Innholdet i skjemaet er for stort til at vi kan ta imot det. Kort ned teksten og send det igjen.' },
      415: {
        title: 'Kunne ikke lese skjemaet',
        text: 'Innholdet som ble sendt, var ikke et skjema fra Klimasamlings sider. Gå tilbake til skjemaet, last siden på nytt og send det igjen.',
      },
      403: { title: 'Ingen tilgang', text: 'Du har ikke tilgang til dette. Er du logget inn med riktig e-postadresse?' },
      405: { title: 'Siden tar ikke imot skjemaer', text: 'Denne siden kan bare vises, ikke sendes skjema til. Gå tilbake og prøv igjen fra skjemaet.' },
      429: { title: 'For mange forsøk', text: 'Du har prøvd for mange ganger på kort tid. Vent litt og prøv igjen.' },
      client: { title: 'Kunne ikke vise siden', text: 'Forespørselen kunne ikke behandles. Gå tilbake og prøv igjen.' },
      server: { title: 'Noe gikk galt', text: 'Vi klarte ikke å vise siden. Prøv igjen om litt. Hvis feilen varer, kontakt arrangøren.' },
    },
  },
  nn: {
    skip: 'Hopp til hovudinnhaldet',
    tagline: 'Påmelding til klimasamlingar for kommunane',
    account: 'Konto',
    myPage: (name: string) => `Mi side (${name})`,
    logOut: 'Logg ut',
    logIn: 'Logg inn',
    about:
      'Klimasamling er påmeldingssystemet for klimasamlingane som Miljødirektoratet held for kommunane saman med statsforvaltaren, fylkeskommunen og andre.',
    accessibility: 'Tilgjengelegheitserklæring',
    privacy: 'Personvern',
    home: 'Gå til framsida',
    errors: {
      404: { title: 'Fann ikkje sida', text: 'Sida du bad om, finst ikkje. Kanskje lenka er feil, eller sida er flytta.' },
      400: {
        title: 'Kunne ikkje lese skjemaet',
        text: 'Skjemaet kom ikkje fram slik det vart sendt. Gå tilbake til skjemaet, last sida på nytt og send det igjen.',
      },
      413: { title: 'Skjemaet er for stort', text: 'Innhaldet i skjemaet er for stort til at vi kan ta imot det. Kort ned teksten og send det igjen.' },
      415: {
        title: 'Kunne ikkje lese skjemaet',
        text: 'Innhaldet som vart sendt, var ikkje eit skjema frå sidene til Klimasamling. Gå tilbake til skjemaet, last sida på nytt og send det igjen.',
      },
      403: { title: 'Ingen tilgang', text: 'Du har ikkje tilgang til dette. Er du logga inn med rett e-postadresse?' },
      405: { title: 'Sida tek ikkje imot skjema', text: 'Denne sida kan berre visast, ikkje få skjema. Gå tilbake og prøv igjen frå skjemaet.' },
      429: { title: 'For mange forsøk', text: 'Du har prøvd for mange gonger på kort tid. Vent litt og prøv igjen.' },
      client: { title: 'Kunne ikkje vise sida', text: 'Førespurnaden kunne ikkje handsamast. Gå tilbake og prøv igjen.' },
      server: { title: 'Noko gjekk gale', text: 'Vi klarte ikkje å vise sida. Prøv igjen om litt. Viss feilen held fram, kontakt arrangøren.' },
    },
  },
})

export const meta: MetaFunction = () => [{ title: 'Klimasamling' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const switched = await switchLanguageForm(request, context)
  if (switched) throw switched
  const [user, languageForm] = await Promise.all([getUser(request, context), languageOf(request, context)])
  return { user: user ? { name: user.name } : null, languageForm }
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce()
  // Absent while an error page renders without the root loader's data.
  const user = useRouteLoaderData<typeof loader>('root')?.user ?? null
  const languageForm = useLanguageForm()
  const t = text[languageForm]
  return (
    <html lang={languageForm} data-color-scheme="light">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {/* zod compiles schemas with new Function() unless told not to; our CSP forbids eval, so it is told before any schema exists. */}
        <script
          nonce={nonce}
          suppressHydrationWarning
          // biome-ignore lint/security/noDangerouslySetInnerHtml: a constant, not user content
          dangerouslySetInnerHTML={{ __html: 'globalThis.__zod_globalConfig={jitless:true}' }}
        />
      </head>
      <body>
        <SkipLink href="#hovedinnhold">{t.skip}</SkipLink>
        <header className="site-header">
          <div className="page-width">
            <RemixLink to="/" className="site-name">
              Klimasamling
            </RemixLink>
            <span className="site-tagline">{t.tagline}</span>
            <nav aria-label={t.account} className="site-account">
              <LanguageSwitch />
              {user ? (
                <>
                  <Link asChild>
                    <RemixLink to="/min-side">{t.myPage(user.name)}</RemixLink>
                  </Link>
                  <Form method="post" action="/logg-ut">
                    <Button type="submit" variant="tertiary" data-size="sm">
                      {t.logOut}
                    </Button>
                  </Form>
                </>
              ) : (
                <Link asChild>
                  <RemixLink to="/logg-inn">{t.logIn}</RemixLink>
                </Link>
              )}
            </nav>
          </div>
        </header>
        <main id="hovedinnhold" tabIndex={-1} className="page-width">
          {children}
        </main>
        <footer className="site-footer">
          <div className="page-width">
            <Paragraph data-size="sm">{t.about}</Paragraph>
            <Paragraph data-size="sm">
              <Link asChild>
                <RemixLink to="/tilgjengelighet">{t.accessibility}</RemixLink>
              </Link>
              {' · '}
              <Link asChild>
                <RemixLink to="/personvern">{t.privacy}</RemixLink>
              </Link>
            </Paragraph>
          </div>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  return <Outlet />
}

/** What the error page says for a status: a heading and what to do. */
function errorText(errors: (typeof text)['nb']['errors'], status: number | null): { title: string; text: string } {
  switch (status) {
    case 404:
    case 400:
    case 413:
    case 415:
    case 403:
    case 405:
    case 429:
      return errors[status]
    default:
      return status !== null && status < 500 ? errors.client : errors.server
  }
}

export function ErrorBoundary() {
  const error = useRouteError()
  const t = useTexts(text)
  const { title, text: what } = errorText(t.errors, isRouteErrorResponse(error) ? error.status : null)
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      <Paragraph>{what}</Paragraph>
      <Paragraph>
        <Link asChild>
          <RemixLink to="/">{t.home}</RemixLink>
        </Link>
      </Paragraph>
    </div>
  )
}
