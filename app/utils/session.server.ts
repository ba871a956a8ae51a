import { type AppLoadContext, createCookie, redirect } from '@remix-run/node'
import type { AppUser } from '../../db/schema'
import { SESSION_ABSOLUTE_MS } from '~/domain/limits'
import { findSessionUser } from '~/services/sessions.server'

function sessionCookie(context: AppLoadContext) {
  return createCookie('klimasamling_session', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    // Always Secure when the app's address is https; server.ts also adds Secure to every cookie of a request that came over https (TRUST_PROXY honoured, decision 33).
    secure: context.env.appUrl.startsWith('https:'),
    maxAge: SESSION_ABSOLUTE_MS / 1000,
  })
}

/** The raw session token from the request's cookie; anything malformed counts as none. */
export async function readSessionToken(request: Request, context: AppLoadContext): Promise<string | null> {
  const value: unknown = await sessionCookie(context)
    .parse(request.headers.get('Cookie'))
    .catch(() => null)
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null
}

export function sessionCookieHeader(context: AppLoadContext, token: string): Promise<string> {
  return sessionCookie(context).serialize(token)
}

export function clearSessionCookieHeader(context: AppLoadContext): Promise<string> {
  return sessionCookie(context).serialize('', { maxAge: 0 })
}

/** The logged-in user, or null (no cookie, a tampered one, or an expired session). */
export async function getUser(request: Request, context: AppLoadContext): Promise<AppUser | null> {
  const token = await readSessionToken(request, context)
  if (!token) return null
  // The loaders of one page share one lookup (context.loaderShared, made per GET request by server.ts).
  const shared = context.loaderShared
  if (!shared || (request.method !== 'GET' && request.method !== 'HEAD')) return findSessionUser(context.db, token, context.now())
  if (shared.user?.token !== token) shared.user = { token, user: findSessionUser(context.db, token, context.now()) }
  return shared.user.user
}

/** The logged-in user, or a redirect to login that comes back here afterwards. */
export async function requireUser(request: Request, context: AppLoadContext): Promise<AppUser> {
  const user = await getUser(request, context)
  if (user) return user
  const url = new URL(request.url)
  throw redirect(`/logg-inn?til=${encodeURIComponent(url.pathname + url.search)}`)
}

/** A local path to return to after login, or null for anything that could lead elsewhere. */
export function safeReturnPath(value: string | null | undefined): string | null {
  if (!value?.startsWith('/') || value.startsWith('//') || value.includes('\\')) return null
  return value
}
