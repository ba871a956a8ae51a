import type { Kysely } from 'kysely'
import type { Database, LanguageForm } from '../../db/schema'
import { DomainError } from '~/domain/errors'
import { LOGIN_CODE_MAX_ATTEMPTS, LOGIN_PER_CLIENT, LOGIN_PER_EMAIL, LOGIN_TOKEN_TTL_MS } from '~/domain/limits'
import { hashCode, hashToken, newCode, newToken, sameHash } from '~/utils/tokens.server'
import { writeAudit } from './audit.server'
import { enqueueEmail, type MailSettings } from './outbox.server'
import { hitRateLimit } from './rate-limit.server'
import { createSession } from './sessions.server'
import { findOrCreateLoginUser, isKnownEmail } from './users.server'

export interface LoginRequest {
  email: string
  clientAddress: string
  /** The page's language form, for someone who belongs to no municipality (an organiser). */
  languageForm: LanguageForm
  /** A local path to go to after login. */
  returnTo: string | null
}

/**
 * The language form to write to `email` in: that of the municipality they are
 * contact person or an enrolled participant for (the latest event's, when
 * there are several), else `fallback`.
 */
export async function languageFormForEmail(db: Kysely<Database>, email: string, fallback: LanguageForm): Promise<LanguageForm> {
  const row = await db
    .selectFrom('registration')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .innerJoin('event', 'event.id', 'registration.event_id')
    .select(['municipality.language_form'])
    .where((eb) =>
      eb.or([
        eb('registration.contact_user_id', 'in', eb.selectFrom('app_user').select('app_user.id').where('app_user.email', '=', email)),
        eb.exists(
          eb
            .selectFrom('participant')
            .select('participant.id')
            .whereRef('participant.registration_id', '=', 'registration.id')
            .where('participant.email', '=', email)
            .where('participant.status', '=', 'active'),
        ),
      ]),
    )
    .orderBy('event.starts_at', 'desc')
    .orderBy('registration.id')
    .limit(1)
    .executeTakeFirst()
  return row?.language_form ?? fallback
}

/**
 * Sends a one-time link and code to a known email. Does the same work and
 * answers the same for an unknown one, so the answer reveals nothing; throws
 * `rate_limited` past the limits per email and per client address.
 */
export async function requestLogin(db: Kysely<Database>, mail: MailSettings, request: LoginRequest, now: Date): Promise<void> {
  const email = request.email.toLowerCase()
  const [perEmail, perClient] = await Promise.all([
    hitRateLimit(db, `login:email:${email}`, LOGIN_PER_EMAIL, now),
    hitRateLimit(db, `login:client:${request.clientAddress}`, LOGIN_PER_CLIENT, now),
  ])
  if (!perEmail.allowed || !perClient.allowed) throw new DomainError('rate_limited')

  const token = newToken()
  const code = newCode()
  const tokenHash = hashToken(token)
  await db.transaction().execute(async (trx) => {
    // Asked for every address, known or not, so the answer takes as long either way.
    const languageForm = await languageFormForEmail(trx, email, request.languageForm)
    await trx
      .insertInto('login_token')
      .values({
        email,
        token_hash: tokenHash,
        code_hash: hashCode(tokenHash, code),
        language_form: languageForm,
        return_to: request.returnTo,
        created_at: now,
        expires_at: new Date(now.getTime() + LOGIN_TOKEN_TTL_MS),
      })
      .execute()
    // Only a known address gets mail; queuing it is a row like the token, so the answer takes as long either way.
    if (await isKnownEmail(trx, email)) {
      await enqueueEmail(
        trx,
        mail,
        {
          template: 'login-link',
          languageForm,
          to: email,
          params: { link: `${mail.appUrl}/logg-inn/lenke/${token}`, code, languageForm },
        },
        now,
      )
    }
  })
}

export interface LoginResult {
  sessionToken: string
  userId: string
  returnTo: string | null
}

async function startSession(db: Kysely<Database>, email: string, tokenId: string, method: string, now: Date) {
  const user = await findOrCreateLoginUser(db, email)
  if (!user) return null
  await db.updateTable('login_token').set({ used_at: now }).where('id', '=', tokenId).execute()
  const sessionToken = await createSession(db, user.id, now)
  await writeAudit(db, {
    actorUserId: user.id,
    actorLabel: 'user',
    action: 'login',
    entityType: 'app_user',
    entityId: user.id,
    after: { method },
    at: now,
  })
  return { sessionToken, userId: user.id }
}

/** Logs in with the link's token: once, within 15 minutes. */
export async function loginWithLink(db: Kysely<Database>, token: string, now: Date): Promise<LoginResult> {
  const result = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('login_token')
      .selectAll()
      .where('token_hash', '=', hashToken(token))
      .forUpdate()
      .executeTakeFirst()
    if (!row || row.used_at || row.expires_at.getTime() <= now.getTime()) return null
    const session = await startSession(trx, row.email, row.id, 'link', now)
    return session ? { ...session, returnTo: row.return_to } : null
  })
  if (!result) throw new DomainError('login_link_invalid')
  return result
}

/**
 * Logs in with the six-digit code sent to `email`, checked against that
 * email's unused tokens only. Wrong codes count; after five, a token is spent.
 */
export async function loginWithCode(db: Kysely<Database>, email: string, code: string, now: Date): Promise<LoginResult> {
  const normalised = email.toLowerCase()
  const result = await db.transaction().execute(async (trx) => {
    const tokens = await trx
      .selectFrom('login_token')
      .selectAll()
      .where('email', '=', normalised)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('created_at', 'desc')
      .forUpdate()
      .execute()
    const match = tokens.find((t) => sameHash(t.code_hash, hashCode(t.token_hash, code)))
    if (!match) {
      for (const t of tokens) {
        const attempts = t.failed_code_attempts + 1
        await trx
          .updateTable('login_token')
          .set({ failed_code_attempts: attempts, used_at: attempts >= LOGIN_CODE_MAX_ATTEMPTS ? now : null })
          .where('id', '=', t.id)
          .execute()
      }
      return null
    }
    const session = await startSession(trx, normalised, match.id, 'code', now)
    return session ? { ...session, returnTo: match.return_to } : null
  })
  if (!result) throw new DomainError('login_code_invalid', 'code')
  return result
}
