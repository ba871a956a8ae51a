import { z } from 'zod'
import { checkboxField, idField } from './forms'
import { bilingual } from './language'

/**
 * The forms of the organiser's allocation page (arrangor.$eventId.fordeling):
 * a press of "Fordel plasser", a move by hand and the publication. Imported
 * only by the route's loader and action, so zod stays out of the page (decision 37).
 */

/** "Fordel plasser": keep the published seats of those who did not change (minimal) or start over (full). */
export const allocationRunFormSchema = z.object({
  mode: z.enum(['minimal', 'full'], { error: bilingual('Velg hvordan plassene skal fordeles.', 'Vel korleis plassane skal fordelast.') }),
  clearManual: checkboxField(),
})

const CHOOSE_SESSION = bilingual('Velg en sesjon.', 'Vel ein sesjon.')

/** "Flytt": a participant to another session of a slot, or out of the slot (the empty choice). */
export const allocationMoveFormSchema = z.object({
  participantId: idField(),
  slotId: idField(),
  sessionId: z.union([idField(CHOOSE_SESSION), z.literal('none')], { error: CHOOSE_SESSION }),
})

/** "Publiser": the organiser confirms that participants and contact persons get an email. */
export const allocationPublishFormSchema = z.object({
  confirm: z.literal('on', { error: bilingual('Kryss av for at du vil publisere og sende e-post.', 'Kryss av for at du vil publisere og sende e-post.') }),
})

/** The list's query: the name filter. */
export const allocationQuerySchema = z.object({ navn: z.string().trim().max(100).catch('') })
