import { uuidParam } from '~/domain/forms'

/** A 404 for anything missing or not the asker's: ids of others reveal nothing. */
export function notFound(): never {
  throw new Response('Fant ikke siden', { status: 404 })
}

/** A UUID from the URL, or a 404 for anything else. */
export function idParam(value: string | undefined): string {
  const parsed = uuidParam.safeParse(value)
  if (!parsed.success) notFound()
  return parsed.data
}
