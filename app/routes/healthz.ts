import type { LoaderFunctionArgs } from '@remix-run/node'
import { checkDatabase } from '~/services/health.server'

/** For load balancers and monitoring: 200 when the database answers a query, 503 when it does not. */
export async function loader({ context }: LoaderFunctionArgs) {
  const db = await checkDatabase(context.db)
  return Response.json({ status: db === 'ok' ? 'ok' : 'degraded', db }, { status: db === 'ok' ? 200 : 503, headers: { 'Cache-Control': 'no-store' } })
}
