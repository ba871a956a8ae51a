import type { Submission, SubmissionResult } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { data } from '@remix-run/node'
import type { z } from 'zod'
import { DomainError } from '~/domain/errors'
import { inLanguage, type LanguageForm } from '~/domain/language'
import { notFound } from './http.server'

/**
 * conform's reply to a submission, with every message in the reader's written
 * form: the form schemas' messages are `bilingual` (app/domain/language.ts),
 * and this is where each is cut to one form. Every action answers a form
 * through here (or through the two functions below, which do).
 */
export function replyTo(
  submission: Submission<unknown>,
  languageForm: LanguageForm,
  options?: Parameters<Submission<unknown>['reply']>[0],
): SubmissionResult<string[]> {
  const result = submission.reply(options)
  if (!result.error) return result
  const error: Record<string, string[] | null> = {}
  for (const [name, messages] of Object.entries(result.error)) error[name] = messages ? messages.map((m) => inLanguage(m, languageForm)) : messages
  return { ...result, error }
}

/**
 * A conform reply carrying a DomainError's message: at its field when it names
 * one, otherwise at the top of the form. Anything that is not a DomainError is
 * thrown on, to the error boundary.
 */
export function replyWithDomainError(submission: Submission<unknown>, error: unknown, languageForm: LanguageForm) {
  if (!(error instanceof DomainError)) throw error
  const message = error.messageIn(languageForm)
  return replyTo(submission, languageForm, error.field ? { fieldErrors: { [error.field]: [message] } } : { formErrors: [message] })
}

export interface IntentHandler<Schema extends z.ZodType> {
  schema: Schema
  /** Runs the use case; null means the record is not the asker's (a 404). */
  run: (value: z.output<Schema>) => Promise<unknown>
}

/** One form on a page with several: its schema and what to do with what it parsed to. */
export function intent<Schema extends z.ZodType>(schema: Schema, run: (value: z.output<Schema>) => Promise<unknown>): IntentHandler<Schema> {
  return { schema, run }
}

/**
 * Handles a POST from a page with several forms, told apart by their `intent`
 * field: parses with that form's schema, runs it, and answers 400 with the
 * field errors, 409 with a DomainError's message, or 404. Returns null when it
 * succeeded, for the route to redirect.
 */
export async function handleIntent(formData: FormData, handlers: Record<string, IntentHandler<z.ZodType>>, languageForm: LanguageForm) {
  const name = String(formData.get('intent'))
  // Own keys only: `intent=valueOf` must not find Object.prototype's function.
  const handler = Object.hasOwn(handlers, name) ? handlers[name] : undefined
  if (!handler) return data({ intent: name, result: undefined }, { status: 400 })
  const submission = parseWithZod(formData, { schema: handler.schema })
  if (submission.status !== 'success') return data({ intent: name, result: replyTo(submission, languageForm) }, { status: 400 })
  try {
    if ((await handler.run(submission.value)) === null) notFound()
    return null
  } catch (error) {
    return data({ intent: name, result: replyWithDomainError(submission, error, languageForm) }, { status: 409 })
  }
}

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data']

/**
 * The request's form, with NUL characters removed from every value: they
 * cannot mean anything in a text field, and PostgreSQL refuses them in text.
 *
 * A request that is not a form answers 415, and one whose body cannot be read
 * as the form it says it is answers 400, as a thrown Response the error
 * boundary shows in Norwegian; never a 500. (server.ts refuses most of these
 * before Remix, with the size limit; this is where every action reads its form.)
 */
export async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get('Content-Type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (!FORM_TYPES.includes(type)) throw new Response('Innholdet som ble sendt, var ikke et skjema.', { status: 415, statusText: 'not a form body' })
  let form: FormData
  try {
    form = await request.formData()
  } catch {
    throw new Response('Skjemaet kunne ikke leses.', { status: 400, statusText: 'unreadable form body' })
  }
  const clean = new FormData()
  for (const [key, value] of form) clean.append(key.replaceAll('\u0000', ''), typeof value === 'string' ? value.replaceAll('\u0000', '') : value)
  return clean
}
