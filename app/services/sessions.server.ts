import type { Kysely } from 'kysely'
import { queryTemplate } from '../../db/query-template'
import type { AppUser, Database } from '../../db/schema'
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '~/domain/limits'
import { hashToken, newToken } from '~/utils/tokens.server'

/** Starts a session for the user; returns the raw token for the cookie (only its hash is stored). */
export async function createSession(db: Kysely<Database>, userId: string, now: Date): Promise<string> {
  const token = newToken()
  await db
    .insertInto('user_session')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
      expires_at: new Date(now.getTime() + SESSION_ABSOLUTE_MS),
    })
    .execute()
  return token
}

/**
 * The user of a live session, or null. A session idle for 8 hours or older
 * than 7 days is deleted. Activity is recorded at most once a minute.
 */
export async function findSessionUser(db: Kysely<Database>, token: string, now: Date): Promise<AppUser | null> {
  const row = (await db.executeQuery(sessionUserQuery(db, { tokenHash: hashToken(token) }))).rows[0]
  if (!row) return null
  const t = now.getTime()
  if (t >= row.expires_at.getTime() || t - row.last_seen_at.getTime() >= SESSION_IDLE_MS) {
    await db.deleteFrom('user_session').where('id', '=', row.session_id).execute()
    return null
  }
  if (t - row.last_seen_at.getTime() > 60_000) {
    await db.updateTable('user_session').set({ last_seen_at: now }).where('id', '=', row.session_id).execute()
  }
  const { session_id: _id, last_seen_at: _seen, expires_at: _expires, ...user } = row
  return user
}

// Every page and form asks this, so it is built and compiled once (db/query-template.ts, decision 25).
const sessionUserQuery = queryTemplate((db, v: { tokenHash: string }) =>
  db
    .selectFrom('user_session')
    .innerJoin('app_user', 'app_user.id', 'user_session.user_id')
    .select(['user_session.id as session_id', 'user_session.last_seen_at', 'user_session.expires_at'])
    .selectAll('app_user')
    .where('user_session.token_hash', '=', v.tokenHash),
)

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('user_session').where('token_hash', '=', hashToken(token)).execute()
}
