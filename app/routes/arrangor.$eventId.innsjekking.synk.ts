import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import type { SyncAnswer, SyncCodeResult } from '~/domain/check-in'
import { DomainError } from '~/domain/errors'
import { findEventFor } from '~/services/access.server'
import { texts } from '~/domain/language'
import { applyCheckInOperations, checkInByCode, checkInRejection, deskChangesSince } from '~/services/check-in.server'
import { readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { languageOf } from '~/utils/language.server'
import { requireUser } from '~/utils/session.server'

const text = texts({
  nb: {
    badSince: '«siden» må være et tidspunkt (ISO 8601).',
    postOnly: 'Bare POST.',
    noData: 'Feltet «data» mangler.',
    badJson: '«data» er ikke gyldig JSON.',
    unreadable: (why: string) => `Innsjekkingene kunne ikke leses: ${why}.`,
    invalid: 'ugyldig innhold',
  },
  nn: {
    badSince: '«siden» må vere eit tidspunkt (ISO 8601).',
    postOnly: 'Berre POST.',
    noData: 'Feltet «data» manglar.',
    badJson: '«data» er ikkje gyldig JSON.',
    unreadable: (why: string) => `Innsjekkingane kunne ikkje lesast: ${why}.`,
    invalid: 'ugyldig innhald',
  },
})

/**
 * The desk's sync for app/components/check-in-desk.tsx (decision 046).
 * POST: the queued operations and codes, as JSON in the form field `data`
 * (server.ts lets form bodies only through, and checks that a POST comes from
 * our own pages); each operation is applied once by its id. GET `?siden=`:
 * the states changed since that cursor, for following the other desks.
 * Bad input answers 400 with a message, never a 500.
 */

const MAX_OPS = 500

// Made when asked, so zod stays out of the browser's build of this module (test/e2e/page-weight.test.ts).
const syncSchema = () =>
  z.object({
    ops: z
      .array(
        z.object({
          id: z.uuid(),
          participantId: z.uuid(),
          dayId: z.uuid(),
          arrived: z.boolean(),
          madeAt: z.iso.datetime({ offset: true }).transform((s) => new Date(s)),
        }),
      )
      .max(MAX_OPS)
      .default([]),
    codes: z
      .array(z.object({ id: z.uuid(), dayId: z.uuid(), code: z.string().trim().min(1).max(200) }))
      .max(50)
      .default([]),
  })

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { 'Cache-Control': 'private, no-store' } })
const bad = (message: string) => json({ message }, 400)

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const grant = await findEventFor(context.db, { userId: user.id }, idParam(params.eventId), 'checkin.read')
  if (!grant) notFound()
  const since = new URL(request.url).searchParams.get('siden')
  const sinceDate = since ? new Date(since) : new Date(0)
  if (Number.isNaN(sinceDate.getTime())) return bad(text[await languageOf(request, context)].badSince)
  const { states, cursor } = await deskChangesSince(context.db, grant, sinceDate, context.now())
  return json({ states: states.map((s) => ({ ...s, changedAt: s.changedAt.toISOString() })), cursor: cursor.toISOString() })
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const eventId = idParam(params.eventId)
  const languageForm = await languageOf(request, context)
  const t = text[languageForm]
  if (request.method !== 'POST') return json({ message: t.postOnly }, 405)
  const raw = (await readForm(request)).get('data')
  if (typeof raw !== 'string') return bad(t.noData)
  let body: unknown
  try {
    body = JSON.parse(raw)
  } catch {
    return bad(t.badJson)
  }
  const parsed = syncSchema().safeParse(body)
  if (!parsed.success) return bad(t.unreadable(parsed.error.issues[0]?.message ?? t.invalid))
  const actor = { userId: user.id }
  const now = context.now()
  try {
    const applied = await applyCheckInOperations(context.db, actor, eventId, parsed.data.ops, now)
    if (!applied) notFound()
    const codes: SyncCodeResult[] = []
    for (const c of parsed.data.codes) {
      try {
        const found = await checkInByCode(context.db, actor, eventId, c.dayId, c.code, c.id, now)
        if (!found) notFound()
        codes.push({ id: c.id, status: found.duplicate ? 'duplicate' : 'applied', participant: found.participant })
        if (found.state) applied.states.push(found.state)
      } catch (error) {
        if (!(error instanceof DomainError) || error.code === 'checkin_not_open') throw error
        codes.push({ id: c.id, status: 'rejected', message: error.messageIn(languageForm) })
      }
    }
    const answer: SyncAnswer = {
      results: applied.results.map((r) => (r.status === 'rejected' ? { id: r.id, status: r.status, message: checkInRejection(r.reason, languageForm) } : r)),
      codes,
      states: applied.states.map((s) => ({ ...s, changedAt: s.changedAt.toISOString() })),
    }
    return json(answer)
  } catch (error) {
    if (error instanceof DomainError) return json({ message: error.messageIn(languageForm) }, 409)
    throw error
  }
}
