import { type AppLoadContext, createCookie } from '@remix-run/node'

/**
 * Remembers, for the code page, which email a login was asked for. Set the
 * same way whether or not the email is known.
 */
function cookie(context: AppLoadContext) {
  return createCookie('klimasamling_login_email', {
    httpOnly: true,
    sameSite: 'lax',
    path: '/logg-inn',
    // Always Secure when the app's address is https; server.ts also adds Secure to every cookie of a request that came over https (TRUST_PROXY honoured, decision 33).
    secure: context.env.appUrl.startsWith('https:'),
    maxAge: 15 * 60,
  })
}

export function loginEmailCookieHeader(context: AppLoadContext, email: string): Promise<string> {
  return cookie(context).serialize(email)
}

export async function readLoginEmail(request: Request, context: AppLoadContext): Promise<string | null> {
  const value: unknown = await cookie(context)
    .parse(request.headers.get('Cookie'))
    .catch(() => null)
  return typeof value === 'string' && value.length <= 254 ? value : null
}

export function clearLoginEmailCookieHeader(context: AppLoadContext): Promise<string> {
  return cookie(context).serialize('', { maxAge: 0 })
}
