import type { AppLoadContext } from '@remix-run/node'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { parseEnv } from '~/utils/env.server'

/** The load context server.ts builds, around a test database, a fixed clock and a mail folder. */
export function testContext(options: {
  db: Kysely<Database>
  now?: Date
  mailDir?: string
  env?: Record<string, string>
  clientAddress?: string
}): AppLoadContext {
  const env = parseEnv({ NODE_ENV: 'test', MAIL_DIR: options.mailDir ?? '.data/test-mail', ...options.env })
  const now = options.now ?? new Date()
  return {
    db: options.db,
    env,
    mail: { from: env.mailFrom, appUrl: env.appUrl },
    now: () => now,
    clientAddress: options.clientAddress ?? '127.0.0.1',
    cspNonce: '',
  }
}

/** The arguments Remix passes a loader, for calling a route module's loader directly. */
export function loaderArgs(context: AppLoadContext, url: string, params: Record<string, string> = {}) {
  return { request: new Request(new URL(url, 'http://localhost')), params, context }
}

/**
 * What a loader or action returned, as the Response Remix would send: a
 * thrown or returned Response as it is, `data(value, { status })` as JSON with
 * its status, a plain value as JSON with 200.
 */
export function asResponse(result: unknown): Response {
  if (result instanceof Response) return result
  if (result && typeof result === 'object' && (result as { type?: unknown }).type === 'DataWithResponseInit') {
    const { data, init } = result as { data: unknown; init: ResponseInit | null }
    return new Response(JSON.stringify(data), init ?? undefined)
  }
  return new Response(JSON.stringify(result))
}

/** Runs a loader or action and gives back what the client would get, thrown responses included. */
export async function respond(run: () => Promise<unknown>): Promise<Response> {
  try {
    return asResponse(await run())
  } catch (thrown) {
    if (thrown instanceof Response) return thrown
    throw thrown
  }
}
