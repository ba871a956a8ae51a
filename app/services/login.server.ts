import type { Kysely } from 'kysely'
import type { Database, LanguageForm } from '../../db/schema'
import { DomainError } from '~/domain/errors'
import {
  LOGIN_CODE_MAX_ATTEMPTS,
  LOGIN_CODES_PER_CLIENT,
  LOGIN_MAILS_FLOOR_PER_CLIENT,
  LOGIN_MAILS_PER_EMAIL,
  LOGIN_PER_CLIENT,
  LOGIN_PER_EMAIL_AND_CLIENT,
  LOGIN_TOKEN_TTL_MS,
} from '~/domain/limits'
import { hashCode, hashToken, newCode, newToken, sameHash } from '~/utils/tokens.server'
import { writeAudit } from './audit.server'
import { emailRow, type MailSettings } from './outbox.server'
import { hitRateLimits } from './rate-limit.server'
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

/** A code is checked against the email's newest live codes only, so many requested tokens do not make a guess likelier to hit. */
const LOGIN_CODES_CHECKED = 3

/**
 * Sends a one-time link and code to a known email. Does the same work for an
 * unknown one (the same queries; a token row born spent and an outbox row the
 * worker does not send), so neither the answer nor its timing tells them
 * apart. Throws `rate_limited` past the limits per client address and per
 * email and client address; past the limit of mails per email it answers the
 * same and mails nothing, except for the first requests from each address.
 */
export async function requestLogin(db: Kysely<Database>, mail: MailSettings, request: LoginRequest, now: Date): Promise<void> {
  const email = request.email.toLowerCase()
  const [perClient, perEmailAndClient] = await hitRateLimits(
    db,
    [
      { key: `login:client:${request.clientAddress}`, rule: LOGIN_PER_CLIENT },
      { key: `login:email-client:${email} ${request.clientAddress}`, rule: LOGIN_PER_EMAIL_AND_CLIENT },
    ],
    now,
  )
  if (!perClient?.allowed || !perEmailAndClient?.allowed) throw new DomainError('rate_limited')

  const token = newToken()
  const code = newCode()
  const tokenHash = hashToken(token)
  await db.transaction().execute(async (trx) => {
    const [mails] = await hitRateLimits(trx, [{ key: `login:mails:${email}`, rule: LOGIN_MAILS_PER_EMAIL }], now)
    const languageForm = await languageFormForEmail(trx, email, request.languageForm)
    const known = await isKnownEmail(trx, email)
    const withinLimits = Boolean(mails?.allowed) || perEmailAndClient.count <= LOGIN_MAILS_FLOOR_PER_CLIENT
    const send = known && withinLimits
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
        // A token nobody is sent is spent from the start.
        used_at: send ? null : now,
      })
      .execute()
    const row = emailRow(
      mail,
      {
        template: 'login-link',
        languageForm,
        to: email,
        params: { link: `${mail.appUrl}/logg-inn/lenke/${token}`, code, languageForm },
      },
      now,
    )
    // The same row either way; one not to be sent is written as given up, which the worker never claims.
    await trx
      .insertInto('email')
      .values({
        ...row,
        status: send ? 'queued' : 'failed',
        last_error: send
          ? null
          : known
            ? 'Ikke sendt: grensen for innloggings-e-post til adressen er nådd.'
            : 'Ikke sendt: adressen hører ikke til noen konto.',
      })
      .execute()
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
    const row = await trx.selectFrom('login_token').selectAll().where('token_hash', '=', hashToken(token)).forUpdate().executeTakeFirst()
    if (!row || row.used_at || row.expires_at.getTime() <= now.getTime()) return null
    const session = await startSession(trx, row.email, row.id, 'link', now)
    return session ? { ...session, returnTo: row.return_to } : null
  })
  if (!result) throw new DomainError('login_link_invalid')
  return result
}

/**
 * Logs in with the six-digit code sent to `email`, checked against that
 * email's newest live codes. Throws `login_code_rate_limited` past the limit
 * of codes tried from the client address. Wrong codes count on the tokens;
 * after five a token's code is spent, but not its link, which cannot be
 * guessed, so guessing codes never locks the owner out.
 */
export async function loginWithCode(db: Kysely<Database>, attempt: { email: string; code: string; clientAddress: string }, now: Date): Promise<LoginResult> {
  const [perClient] = await hitRateLimits(db, [{ key: `login-code:client:${attempt.clientAddress}`, rule: LOGIN_CODES_PER_CLIENT }], now)
  if (!perClient?.allowed) throw new DomainError('login_code_rate_limited')
  const normalised = attempt.email.toLowerCase()
  const result = await db.transaction().execute(async (trx) => {
    const tokens = await trx
      .selectFrom('login_token')
      .selectAll()
      .where('email', '=', normalised)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .where('failed_code_attempts', '<', LOGIN_CODE_MAX_ATTEMPTS)
      .orderBy('created_at', 'desc')
      .orderBy('id')
      .limit(LOGIN_CODES_CHECKED)
      .forUpdate()
      .execute()
    const match = tokens.find((t) => sameHash(t.code_hash, hashCode(t.token_hash, attempt.code)))
    if (!match) {
      if (tokens.length > 0) {
        await trx
          .updateTable('login_token')
          .set((eb) => ({ failed_code_attempts: eb('failed_code_attempts', '+', 1) }))
          .where(
            'id',
            'in',
            tokens.map((t) => t.id),
          )
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

/** How long spent login tokens and login mails are kept after the token expired: long enough to see what happened yesterday. */
const LOGIN_RECORDS_KEPT_MS = 24 * 60 * 60 * 1000

/**
 * Deletes login tokens that expired more than a day ago, and the login mails
 * from before then that are no longer waiting to be sent (sent, or never to be
 * sent: those written for unknown emails or past the mail limit). Their links
 * and codes are dead, and the addresses in them serve no further purpose.
 * Run hourly by the worker's scheduled jobs. Returns how many rows it deleted.
 */
export async function pruneLoginRecords(db: Kysely<Database>, now: Date): Promise<number> {
  const before = new Date(now.getTime() - LOGIN_RECORDS_KEPT_MS)
  return db.transaction().execute(async (trx) => {
    const tokens = await trx.deleteFrom('login_token').where('expires_at', '<', before).executeTakeFirst()
    const mails = await trx
      .deleteFrom('email')
      .where('template', '=', 'login-link')
      .where('event_id', 'is', null)
      .where('status', 'in', ['sent', 'failed'])
      .where('created_at', '<', new Date(before.getTime() - LOGIN_TOKEN_TTL_MS))
      .executeTakeFirst()
    return Number(tokens.numDeletedRows) + Number(mails.numDeletedRows)
  })
}
