/** How long a login link and its code work. */
export const LOGIN_TOKEN_TTL_MS = 15 * 60 * 1000

/** Wrong codes before a login token is spent. */
export const LOGIN_CODE_MAX_ATTEMPTS = 5

/** Sessions end after 8 idle hours, and after 7 days in any case. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000

export interface RateLimit {
  limit: number
  windowMs: number
}

/** Login requests per client address, whatever the email (decision 35). */
export const LOGIN_PER_CLIENT: RateLimit = { limit: 20, windowMs: 15 * 60 * 1000 }
/** Login requests for one email from one client address per 15 minutes; past it, that address gets 429 (decision 35). */
export const LOGIN_PER_EMAIL_AND_CLIENT: RateLimit = { limit: 5, windowMs: 15 * 60 * 1000 }
/** Login mails to one email per hour from all client addresses together; past it, a request is answered the same but mails nothing … */
export const LOGIN_MAILS_PER_EMAIL: RateLimit = { limit: 10, windowMs: 60 * 60 * 1000 }
/** … unless it is one of the first two for that email from its client address in 15 minutes: the owner always gets a fresh link. */
export const LOGIN_MAILS_FLOOR_PER_CLIENT = 2
/** Codes tried from one client address per 15 minutes, whatever the email; past it, 429. */
export const LOGIN_CODES_PER_CLIENT: RateLimit = { limit: 10, windowMs: 15 * 60 * 1000 }

/** Days after an event its personal data is kept before the retention job anonymises it (decision 051): the default, and the most an organiser may set. */
export const RETENTION_DAYS_DEFAULT = 90
export const RETENTION_DAYS_MAX = 3650
