import type { LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { findEventFor } from '~/services/access.server'
import { EXPORT_FORMATS, EXPORT_LISTS, exportList } from '~/services/exports.server'
import { idParam, notFound } from '~/utils/http.server'
import { languageOf } from '~/utils/language.server'
import { requireUser } from '~/utils/session.server'

/** Which export, as what, and for the rooming list optionally one night; anything else names no export (404). */
const exportQuery = z.object({
  list: z.enum(EXPORT_LISTS),
  format: z.enum(EXPORT_FORMATS).default('xlsx'),
  natt: z.uuid().optional(),
})

/** One export as a file to download, for the event's organisers and viewers only; everyone else gets 404. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const eventId = idParam(params.eventId)
  // Organisers and viewers (lesetilgang) of the event; everyone else 404 (decision 29).
  if (!(await findEventFor(context.db, { userId: user.id }, eventId, 'exports.read'))) notFound()
  const search = new URL(request.url).searchParams
  const query = exportQuery.safeParse({
    list: params.list,
    format: search.get('format') ?? undefined,
    natt: search.get('natt') ?? undefined,
  })
  if (!query.success) notFound()
  const { list, format, natt } = query.data
  // Headers, sheet names and file name in the organiser's written form.
  const languageForm = await languageOf(request, context)
  const file = await exportList(
    context.db,
    { userId: user.id },
    eventId,
    { list, format, nightId: list === 'romliste' ? natt : null },
    context.now(),
    languageForm,
  )
  if (!file) notFound()
  return new Response(file.body, {
    headers: {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename}"`,
      'Content-Length': String(file.body.byteLength),
      // Personal data: kept by no cache on the way.
      'Cache-Control': 'private, no-store',
    },
  })
}
