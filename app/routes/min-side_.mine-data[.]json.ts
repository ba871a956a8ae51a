import type { LoaderFunctionArgs } from '@remix-run/node'
import { collectMyData } from '~/services/my-data.server'
import { requireUser } from '~/utils/session.server'

/** Everything stored about the signed-in person, as a JSON file to keep (decision 053). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const data = await collectMyData(context.db, { id: user.id, email: user.email })
  return new Response(JSON.stringify({ exportedAt: context.now(), ...data }, null, 2), {
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Disposition': 'attachment; filename="mine-data.json"',
      'Cache-Control': 'private, no-store',
    },
  })
}
