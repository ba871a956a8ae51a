import type { LoaderFunctionArgs } from '@remix-run/node'
import { digitalSessionCalendar } from '~/domain/calendar'
import { getPublicEvent } from '~/services/events.server'
import { idParam, notFound } from '~/utils/http.server'
import { languageOf } from '~/utils/language.server'

/** One digital session of an event as an iCalendar file. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const itemId = idParam(params.itemId)
  const found = await getPublicEvent(context.db, params.slug ?? '')
  const session = found?.items.find((item) => item.id === itemId && item.kind === 'digital')
  if (!found || !session) notFound()
  const pageUrl = `${context.env.appUrl}/arrangementer/${found.event.slug}`
  return new Response(digitalSessionCalendar(found.event, session, pageUrl, await languageOf(request, context)), {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${found.event.slug}-${session.starts_at.toISOString().slice(0, 10)}.ics"`,
    },
  })
}
