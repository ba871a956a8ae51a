import { Link } from '@digdir/designsystemet-react'
import { Link as RemixLink, type UIMatch, useLocation, useRouteLoaderData } from '@remix-run/react'
import { LANGUAGE_FORM_NAMES, LANGUAGE_PARAM, type LanguageForm, otherLanguageForm } from '~/domain/language'

/** What the root loader (app/root.tsx) tells every page about its language. */
interface RootLanguage {
  languageForm: LanguageForm
}

/** The written form of the page being shown (bokmål while an error page renders without the root's data). */
export function useLanguageForm(): LanguageForm {
  return useRouteLoaderData<RootLanguage>('root')?.languageForm ?? 'nb'
}

/** The reader's half of a `texts({ nb, nn })` set (app/domain/language.ts). */
export function useTexts<T>(both: Record<LanguageForm, T>): T {
  return both[useLanguageForm()]
}

/** The same for a route's `meta`, which reads the root's data from its matches. */
export function languageFormOfMatches(matches: ReadonlyArray<Pick<UIMatch, 'id' | 'data'>>): LanguageForm {
  const root = matches.find((match) => match.id === 'root')?.data as RootLanguage | undefined
  return root?.languageForm ?? 'nb'
}

/**
 * The switch in the header: a plain link to this page with `?maalform=nn`
 * (or `nb`), so it works without JavaScript; the root loader remembers the
 * choice and comes back here without the parameter.
 */
export function LanguageSwitch() {
  const current = useLanguageForm()
  const other = otherLanguageForm(current)
  const location = useLocation()
  const search = new URLSearchParams(location.search)
  search.set(LANGUAGE_PARAM, other)
  return (
    <Link asChild>
      <RemixLink to={`${location.pathname}?${search}`} lang={other} hrefLang={other} reloadDocument>
        {current === 'nb' ? `Les på ${LANGUAGE_FORM_NAMES.nn.toLowerCase()}` : `Les på ${LANGUAGE_FORM_NAMES.nb.toLowerCase()}`}
      </RemixLink>
    </Link>
  )
}
