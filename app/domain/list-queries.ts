import { z } from 'zod'

/**
 * The search and sort parameters of the organisers' list pages. A value that
 * is not one of the choices falls back to the default instead of failing, so
 * an edited or outdated link still shows the list.
 */

/** The organiser's overview of an event's municipalities (Oversikt). */
export const overviewQuerySchema = z.object({
  sorter: z.enum(['name', 'participants', 'selfPaid']).catch('name'),
  vis: z.enum(['all', 'noContact', 'noParticipants', 'lateCancellations']).catch('all'),
  sok: z.string().trim().max(100).catch(''),
})

/** The municipality register: a county number and a search text. */
export const registerQuerySchema = z.object({
  fylke: z
    .string()
    .regex(/^[0-9]{2}$/)
    .catch(''),
  sok: z.string().trim().max(100).catch(''),
})

/** A search text as an SQL LIKE pattern that finds it anywhere, its own `%`, `_` and `\` taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}
