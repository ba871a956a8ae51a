import type { Kysely } from 'kysely'
import type { AppUser, Database, LanguageForm } from '../db/schema'
import type { Env } from './utils/env.server'
import type { MailSettings } from './services/outbox.server'

/**
 * What server.ts hands every loader and action (decision 3, docs/decisions):
 * the database, the mail settings (From, the app's address), the parsed
 * environment, the clock, and per request
 * the client's address and the CSP nonce. Tests build
 * the same object around a test database and a fixed clock.
 */
export interface AppContext {
  db: Kysely<Database>
  mail: MailSettings
  env: Env
  now: () => Date
  /** The client's address (behind a proxy: as TRUST_PROXY allows), for rate limits. */
  clientAddress: string
  /** This response's Content-Security-Policy nonce for inline scripts. */
  cspNonce: string
  /**
   * Set by server.ts for one GET or HEAD request, which runs loaders only: what they share, so the root's and
   * the route's loader look the session up once (app/utils/session.server.ts). Absent, nothing is shared.
   */
  loaderShared?: { user?: { token: string; user: Promise<AppUser | null> }; languageForm?: Promise<LanguageForm> }
}

declare module '@remix-run/server-runtime' {
  interface AppLoadContext extends AppContext {}
  interface Future {
    v3_singleFetch: true
  }
}
