import type { LanguageForm } from '../db/schema'
import { type RenderedEmail, renderEmail } from './render'

export interface OrganiserMessageInput {
  languageForm: LanguageForm
  eventTitle: string
  subject: string
  /** The organiser's text; blank lines separate paragraphs. */
  body: string
  signature: string
}

/** A message the organiser writes to the participants of an event (their contact persons in copy). */
export function organiserMessageEmail(input: OrganiserMessageInput): RenderedEmail {
  const paragraphs = input.body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
  return renderEmail({
    lang: input.languageForm,
    subject: `${input.eventTitle}: ${input.subject}`,
    heading: input.subject,
    paragraphs: [...paragraphs, input.signature],
  })
}
