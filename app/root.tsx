import designsystemetCss from '@digdir/designsystemet-css/index.css'
import themeCss from '@digdir/designsystemet-css/theme.css'
import inter400 from '@fontsource/inter/latin-400.css'
import inter500 from '@fontsource/inter/latin-500.css'
import inter600 from '@fontsource/inter/latin-600.css'
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
  ...[inter400, inter500, inter600, designsystemetCss, themeCss, appCss].map((href) => ({ rel: 'stylesheet', href })),
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
              Klimasamling er påmeldingssystemet for klimasamlingene som Miljødirektoratet holder for kommunene sammen med
              statsforvalteren, fylkeskommunen og andre.
            </Paragraph>
            <Paragraph data-size="sm">
              <Link asChild>
                <RemixLink to="/tilgjengelighet">Tilgjengelighetserklæring</RemixLink>
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

export function ErrorBoundary() {
  const error = useRouteError()
  const notFound = isRouteErrorResponse(error) && error.status === 404
  return (
    <div className="stack">
      <Heading level={1} data-size="lg">
        {notFound ? 'Fant ikke siden' : 'Noe gikk galt'}
      </Heading>
      <Paragraph>
        {notFound
          ? 'Siden du ba om, finnes ikke. Kanskje lenken er feil, eller siden er flyttet.'
          : 'Vi klarte ikke å vise siden. Prøv igjen om litt. Hvis feilen varer, kontakt arrangøren.'}
      </Paragraph>
      <Paragraph>
        <Link asChild>
          <RemixLink to="/">Gå til forsiden</RemixLink>
        </Link>
      </Paragraph>
    </div>
  )
}
