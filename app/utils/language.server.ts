import { type AppLoadContext, createCookie, redirect } from '@remix-run/node'
import { isLanguageForm, LANGUAGE_PARAM, type LanguageForm } from '~/domain/language'
import { preferredLanguageForm, saveLanguageForm } from '~/services/language-preference.server'
import { getUser } from './session.server'

/** This browser's chosen written form, for a year (decision 054). Not secret, so readable by nobody's script but ours either way. */
function cookie(context: AppLoadContext) {
  return createCookie('klimasamling_maalform', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure: context.env.appUrl.startsWith('https:'),
    maxAge: 365 * 24 * 60 * 60,
  })
}

async function cookieLanguageForm(request: Request, context: AppLoadContext): Promise<LanguageForm | null> {
  const value: unknown = await cookie(context)
    .parse(request.headers.get('Cookie'))
    .catch(() => null)
  return isLanguageForm(value) ? value : null
}

/**
 * The written form this request is answered in: the switch's `?maalform=`
 * on the URL, else the form this browser chose (the cookie), else the one the
 * logged-in person chose or their municipality writes in, else bokmål, the
 * public pages' default.
 */
export function languageOf(request: Request, context: AppLoadContext): Promise<LanguageForm> {
  // The loaders of one page share one answer (context.loaderShared, made per GET request by server.ts).
  const shared = context.loaderShared
  if (!shared) return resolveLanguageForm(request, context)
  shared.languageForm ??= resolveLanguageForm(request, context)
  return shared.languageForm
}

async function resolveLanguageForm(request: Request, context: AppLoadContext): Promise<LanguageForm> {
  const asked = new URL(request.url).searchParams.get(LANGUAGE_PARAM)
  if (isLanguageForm(asked)) return asked
  const chosen = await cookieLanguageForm(request, context)
  if (chosen) return chosen
  const user = await getUser(request, context)
  return (user && (await preferredLanguageForm(context.db, user))) || 'nb'
}

/**
 * The switch in the header links to the current page with `?maalform=nn` (or
 * `nb`), which works without JavaScript. The root loader answers such a
 * request here: it remembers the choice in the cookie and, for a logged-in
 * person, on their account, and sends the browser back to the page without
 * the parameter. Null when the URL asks nothing (or something unknown).
 */
export async function switchLanguageForm(request: Request, context: AppLoadContext): Promise<Response | null> {
  const url = new URL(request.url)
  if (!url.searchParams.has(LANGUAGE_PARAM)) return null
  const asked = url.searchParams.get(LANGUAGE_PARAM)
  url.searchParams.delete(LANGUAGE_PARAM)
  const back = url.pathname + url.search
  if (!isLanguageForm(asked)) return redirect(back)
  const user = await getUser(request, context)
  if (user && user.language_form !== asked) await saveLanguageForm(context.db, user.id, asked)
  return redirect(back, { headers: { 'Set-Cookie': await cookie(context).serialize(asked) } })
}
