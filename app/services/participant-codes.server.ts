import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { signId, verifySignedId } from '~/utils/tokens.server'

/**
 * Codes that name a participant without being their id (decision 046): the
 * QR code on their page, in their confirmation email and on their badge,
 * which the desk scans ('check-in'), and their own link to the phone pages
 * of the gathering (the survey, the world-café table: 'personal-link').
 * Signed with a key kept in `app_secret`, made once per database, so every
 * app process signs alike and nothing is stored per participant.
 */
export type CodePurpose = 'check-in' | 'personal-link'

const keys = new WeakMap<Kysely<Database>, Promise<string>>()

function signingKey(db: Kysely<Database>): Promise<string> {
  let key = keys.get(db)
  if (!key) {
    key = readKey(db)
    key.catch(() => keys.delete(db))
    keys.set(db, key)
  }
  return key
}

async function readKey(db: Kysely<Database>): Promise<string> {
  // The migration made the key; a database emptied by hand gets a new one.
  await db
    .insertInto('app_secret')
    .values({ name: 'participant_codes' })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute()
  const row = await db.selectFrom('app_secret').select('value').where('name', '=', 'participant_codes').executeTakeFirstOrThrow()
  return row.value
}

/** The participant's code for `purpose`. */
export async function participantCode(db: Kysely<Database>, participantId: string, purpose: CodePurpose): Promise<string> {
  return signId(await signingKey(db), purpose, participantId)
}

/** The participant a code names, or null when it is not a code of ours for `purpose`. Whether they exist and belong to the event is the caller's question. */
export async function participantIdFromCode(db: Kysely<Database>, code: string, purpose: CodePurpose): Promise<string | null> {
  return verifySignedId(await signingKey(db), purpose, code.trim())
}
