import type { ActionFunctionArgs } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { deleteSession } from '~/services/sessions.server'
import { clearSessionCookieHeader, readSessionToken } from '~/utils/session.server'

export async function loader() {
  // Logging out changes state, so it is a POST; a GET just goes home.
  return redirect('/')
}

export async function action({ request, context }: ActionFunctionArgs) {
  const token = await readSessionToken(request, context)
  if (token) await deleteSession(context.db, token)
  return redirect('/', { headers: { 'Set-Cookie': await clearSessionCookieHeader(context) } })
}
