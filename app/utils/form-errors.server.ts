import type { Submission } from '@conform-to/react'
import { DomainError } from '~/domain/errors'

/**
 * A conform reply carrying a DomainError's message: at its field when it names
 * one, otherwise at the top of the form. Anything that is not a DomainError is
 * thrown on, to the error boundary.
 */
export function replyWithDomainError(submission: Submission<unknown>, error: unknown) {
  if (!(error instanceof DomainError)) throw error
  const message = error.messageIn('nb')
  return error.field ? submission.reply({ fieldErrors: { [error.field]: [message] } }) : submission.reply({ formErrors: [message] })
}
