import type { LoaderFunctionArgs } from '@remix-run/node'
import { eventDaysCalendar } from '~/domain/calendar'
import { getPublicEvent } from '~/services/events.server'
import { notFound } from '~/utils/http.server'
import { languageOf } from '~/utils/language.server'

/** The physical days of an event as an iCalendar file. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const found = await getPublicEvent(context.db, params.slug ?? '')
  if (!found) notFound()
  const pageUrl = `${context.env.appUrl}/arrangementer/${found.event.slug}`
  return new Response(eventDaysCalendar(found.event, found.days, pageUrl, await languageOf(request, context)), {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': `attachment; filename="${found.event.slug}.ics"`,
    },
  })
}
