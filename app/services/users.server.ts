import type { Kysely } from 'kysely'
import type { AppUser, Database } from '../../db/schema'

/** Who is acting, as services need to know it. */
export interface Actor {
  userId: string
}

export interface PersonInput {
  email: string
  name: string
  phone?: string | null
  title?: string | null
}

/** The user with this email, created or brought up to date with what was given. */
export async function upsertUser(db: Kysely<Database>, person: PersonInput): Promise<AppUser> {
  return db
    .insertInto('app_user')
    .values({
      email: person.email.toLowerCase(),
      name: person.name,
      phone: person.phone ?? null,
      title: person.title ?? null,
    })
    .onConflict((oc) =>
      oc.column('email').doUpdateSet((eb) => ({
        name: eb.ref('excluded.name'),
        phone: eb.fn.coalesce('excluded.phone', 'app_user.phone'),
        title: eb.fn.coalesce('excluded.title', 'app_user.title'),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow()
}

/**
 * Whether someone with this email may log in: a user (organiser or contact
 * person) or a participant who has not been cancelled.
 */
export async function isKnownEmail(db: Kysely<Database>, email: string): Promise<boolean> {
  // One query, whichever way the answer goes, so its timing tells nothing.
  const row = await db
    .selectNoFrom((eb) =>
      eb
        .or([
          eb.exists(eb.selectFrom('app_user').select('app_user.id').where('app_user.email', '=', email)),
          eb.exists(eb.selectFrom('participant').select('participant.id').where('participant.email', '=', email).where('participant.status', '=', 'active')),
        ])
        .as('known'),
    )
    .executeTakeFirstOrThrow()
  return Boolean(row.known)
}

/**
 * The user for a login: the existing one, or one made from the participant
 * records with this email (who then see their own registrations). Null for an
 * email nobody knows.
 */
export async function findOrCreateLoginUser(db: Kysely<Database>, email: string): Promise<AppUser | null> {
  const existing = await db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst()
  const participant = await db
    .selectFrom('participant')
    .select(['name', 'phone', 'title'])
    .where('email', '=', email)
    .where('status', '=', 'active')
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst()
  if (!existing && !participant) return null
  const user = existing ?? (await upsertUser(db, { email, name: participant?.name ?? email, phone: participant?.phone, title: participant?.title }))
  await db.updateTable('participant').set({ user_id: user.id }).where('email', '=', email).where('user_id', 'is', null).execute()
  return user
}

/** Makes `email` an organiser of every event there is; for the first organiser of a new installation. */
export async function addOrganiser(db: Kysely<Database>, person: { email: string; name: string }) {
  return db.transaction().execute(async (trx) => {
    const user = await upsertUser(trx, person)
    await trx.updateTable('app_user').set({ is_organiser: true }).where('id', '=', user.id).execute()
    const events = await trx.selectFrom('event').select(['id', 'title']).orderBy('starts_at').execute()
    if (events.length > 0) {
      await trx
        .insertInto('event_organiser')
        .values(events.map((e) => ({ event_id: e.id, user_id: user.id })))
        .onConflict((oc) => oc.doNothing())
        .execute()
    }
    return { user, events }
  })
}
