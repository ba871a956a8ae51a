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
import { useNonce } from './components/nonce'
import { getUser } from './utils/session.server'
import appCss from './styles/app.css'

export const links: LinksFunction = () => [
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
  ...[inter400, inter500, inter600, interExt400, interExt500, interExt600, designsystemetCss, themeCss, appCss].map((href) => ({ rel: 'stylesheet', href })),
]

export const meta: MetaFunction = () => [{ title: 'Klimasamling' }]

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getUser(request, context)
  return { user: user ? { name: user.name } : null }
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce()
  // Absent while an error page renders without the root loader's data.
  const user = useRouteLoaderData<typeof loader>('root')?.user ?? null
  return (
    <html lang="nb" data-color-scheme="light">
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
        <SkipLink href="#hovedinnhold">Hopp til hovedinnhold</SkipLink>
        <header className="site-header">
          <div className="page-width">
            <RemixLink to="/" className="site-name">
              Klimasamling
            </RemixLink>
            <span className="site-tagline">Påmelding til klimasamlinger for kommunene</span>
            <nav aria-label="Konto" className="site-account">
              {user ? (
                <>
                  <Link asChild>
                    <RemixLink to="/min-side">Min side ({user.name})</RemixLink>
                  </Link>
                  <Form method="post" action="/logg-ut">
                    <Button type="submit" variant="tertiary" data-size="sm">
                      Logg ut
                    </Button>
                  </Form>
                </>
              ) : (
                <Link asChild>
                  <RemixLink to="/logg-inn">Logg inn</RemixLink>
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
            <Paragraph data-size="sm">
              Klimasamling er påmeldingssystemet for klimasamlingene som Miljødirektoratet holder for kommunene sammen med statsforvalteren, fylkeskommunen og
              andre.
            </Paragraph>
            <Paragraph data-size="sm">
              <Link asChild>
                <RemixLink to="/tilgjengelighet">Tilgjengelighetserklæring</RemixLink>
              </Link>
              {' · '}
              <Link asChild>
                <RemixLink to="/personvern">Personvern</RemixLink>
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
function errorText(status: number | null): { title: string; text: string } {
  switch (status) {
    case 404:
      return { title: 'Fant ikke siden', text: 'Siden du ba om, finnes ikke. Kanskje lenken er feil, eller siden er flyttet.' }
    case 400:
      return {
        title: 'Kunne ikke lese skjemaet',
        text: 'Skjemaet kom ikke fram slik det ble sendt. Gå tilbake til skjemaet, last siden på nytt og send det igjen.',
      }
    case 413:
      return { title: 'Skjemaet er for stort', text: 'Innholdet i skjemaet er for stort til at vi kan ta imot det. Kort ned teksten og send det igjen.' }
    case 415:
      return {
        title: 'Kunne ikke lese skjemaet',
        text: 'Innholdet som ble sendt, var ikke et skjema fra Klimasamlings sider. Gå tilbake til skjemaet, last siden på nytt og send det igjen.',
      }
    case 403:
      return { title: 'Ingen tilgang', text: 'Du har ikke tilgang til dette. Er du logget inn med riktig e-postadresse?' }
    case 405:
      return { title: 'Siden tar ikke imot skjemaer', text: 'Denne siden kan bare vises, ikke sendes skjema til. Gå tilbake og prøv igjen fra skjemaet.' }
    case 429:
      return { title: 'For mange forsøk', text: 'Du har prøvd for mange ganger på kort tid. Vent litt og prøv igjen.' }
    default:
      return status !== null && status < 500
        ? { title: 'Kunne ikke vise siden', text: 'Forespørselen kunne ikke behandles. Gå tilbake og prøv igjen.' }
        : { title: 'Noe gikk galt', text: 'Vi klarte ikke å vise siden. Prøv igjen om litt. Hvis feilen varer, kontakt arrangøren.' }
  }
}

export function ErrorBoundary() {
  const error = useRouteError()
  const { title, text } = errorText(isRouteErrorResponse(error) ? error.status : null)
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {title}
      </Heading>
      <Paragraph>{text}</Paragraph>
      <Paragraph>
        <Link asChild>
          <RemixLink to="/">Gå til forsiden</RemixLink>
        </Link>
      </Paragraph>
    </div>
  )
}
