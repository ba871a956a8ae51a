import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import type { BadgeSort } from '~/domain/badges'
import { downloadBadges } from '~/services/badges.server'
import { idParam, notFound } from '~/utils/http.server'
import { refusalPage } from '~/utils/security.server'
import { requireUser } from '~/utils/session.server'
import { languageOf } from '~/utils/language.server'
import { texts } from '~/domain/language'

const text = texts({
  nb: {
    title: 'Kunne ikke lage navneskiltene',
    text: 'Adressen har en sortering eller en deltaker vi ikke kjenner. Sorter etter kommune eller etternavn, og velg deltakeren på siden Navneskilt.',
  },
  nn: {
    title: 'Kunne ikkje lage namneskilta',
    text: 'Adressa har ei sortering eller ein deltakar vi ikkje kjenner. Sorter etter kommune eller etternamn, og vel deltakaren på sida Namneskilt.',
  },
})

const SORTS: Record<string, BadgeSort> = { kommune: 'municipality', etternavn: 'surname' }

/** The query the badge page's form and links send: the order (by default by municipality) and optionally one participant. */
const badgeQuery = z.object({
  sortering: z.enum(['kommune', 'etternavn']).default('kommune'),
  deltaker: z.union([z.literal('').transform(() => undefined), z.uuid()]).optional(),
})

/**
 * The badges as a PDF to download (decision 48), for the event's organisers;
 * everyone else, and a participant who is not an active participant of this
 * event, gets 404. A query the page never sends is a 400 page that says so.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const eventId = idParam(params.eventId)
  const search = new URL(request.url).searchParams
  const languageForm = await languageOf(request, context)
  const query = badgeQuery.safeParse({ sortering: search.get('sortering') ?? undefined, deltaker: search.get('deltaker') ?? undefined })
  if (!query.success) {
    const body = refusalPage({ status: 400, ...text }, languageForm)
    return new Response(body, { status: 400, headers: { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' } })
  }
  const { sortering, deltaker } = query.data
  const file = await downloadBadges(
    context.db,
    { userId: user.id },
    eventId,
    { sort: SORTS[sortering] ?? 'municipality', participantId: deltaker, languageForm },
    context.now(),
  )
  if (!file) notFound()
  return new Response(file.body, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Content-Length': String(file.body.byteLength),
      // Personal data: kept by no cache on the way.
      'Cache-Control': 'private, no-store',
    },
  })
}
