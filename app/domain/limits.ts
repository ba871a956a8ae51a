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

/** Login requests per email address and per client address. */
export const LOGIN_PER_EMAIL: RateLimit = { limit: 5, windowMs: 15 * 60 * 1000 }
export const LOGIN_PER_CLIENT: RateLimit = { limit: 20, windowMs: 15 * 60 * 1000 }
