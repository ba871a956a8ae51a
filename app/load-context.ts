import type { Kysely } from 'kysely'
import type { Database } from '../db/schema'
import type { Env } from './utils/env.server'
import type { Mailer } from './utils/mail.server'

/**
 * What server.ts hands every loader and action (decision 3 in the README):
 * the database, the mailer, the parsed environment and the clock. Tests build
 * the same object around a test database and a fixed clock.
 */
export interface AppContext {
  db: Kysely<Database>
  mailer: Mailer
  env: Env
  now: () => Date
}

declare module '@remix-run/server-runtime' {
  interface AppLoadContext extends AppContext {}
  interface Future {
    v3_singleFetch: true
  }
}
