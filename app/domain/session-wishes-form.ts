import { z } from 'zod'

/**
 * The organiser's wish-round form on the demand page (app/routes/arrangor.$eventId.onsker.tsx):
 * closing or reopening carries nothing but its intent. Apart from
 * session-wishes.ts, so the pages that import the wish rules do not carry
 * zod (decision 37).
 */
export const wishRoundFormSchema = z.object({})
