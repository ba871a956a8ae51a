import { randomUUID } from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { seedIfEmpty } from '../../db/seed'
import type { EnrolInput } from '~/services/enrolment.server'
import { createSession } from '~/services/sessions.server'
import { upsertUser } from '~/services/users.server'
import { sessionCookieHeader } from '~/utils/session.server'

/** Mail settings for services that queue email in tests. */
export const TEST_MAIL = { from: 'Klimasamling <klimasamling@example.no>', appUrl: 'http://app.example' }

export const MR = 'klimasamling-more-og-romsdal-2021'
export const TR = 'klimasamling-trondelag-2018'

export async function seeded(db: Kysely<Database>) {
  await seedIfEmpty(db)
}

export async function eventId(db: Kysely<Database>, slug: string): Promise<string> {
  return (await db.selectFrom('event').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id
}

/** The registration of the municipality named `name` for the event `slug`. */
export async function registrationId(db: Kysely<Database>, slug: string, name: string): Promise<string> {
  const row = await db
    .selectFrom('registration')
    .innerJoin('event', 'event.id', 'registration.event_id')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .select('registration.id')
    .where('event.slug', '=', slug)
    .where('municipality.name', '=', name)
    .executeTakeFirstOrThrow()
  return row.id
}

/** The event's days, first day first. */
export async function eventDayIds(db: Kysely<Database>, event: string): Promise<string[]> {
  return (await db.selectFrom('event_day').select('id').where('event_id', '=', event).orderBy('date').execute()).map((d) => d.id)
}

/** The event's parallel sessions in program order: the first four (before lunch) and the next four (after). */
export async function parallelSessions(db: Kysely<Database>, event: string): Promise<{ before: string[]; after: string[] }> {
  const parallel = await db
    .selectFrom('program_item')
    .select('id')
    .where('event_id', '=', event)
    .where('kind', '=', 'parallel')
    .orderBy('starts_at')
    .orderBy('sort_order')
    .execute()
  return { before: parallel.slice(0, 4).map((p) => p.id), after: parallel.slice(4, 8).map((p) => p.id) }
}

export async function makeOrganiser(db: Kysely<Database>, email: string, slug: string) {
  const user = await upsertUser(db, { email, name: `Arrangør ${email}` })
  await db.updateTable('app_user').set({ is_organiser: true }).where('id', '=', user.id).execute()
  await db
    .insertInto('event_organiser')
    .values({ event_id: await eventId(db, slug), user_id: user.id })
    .execute()
  return user
}

/** Names `email` (called `name`, named at `at`) the contact person of `registration`. */
export async function makeContactPerson(db: Kysely<Database>, email: string, registration: string, options: { name?: string; at?: Date } = {}) {
  const user = await upsertUser(db, { email, name: options.name ?? `Kontakt ${email}` })
  await db
    .updateTable('registration')
    .set({ contact_user_id: user.id, contact_named_at: options.at ?? new Date() })
    .where('id', '=', registration)
    .execute()
  return user
}

let rank = 1
export async function addParticipant(db: Kysely<Database>, registration: string, email: string, name = 'Ola Deltaker') {
  return db
    .insertInto('participant')
    .values({ registration_id: registration, name, email, role_category: 'radgiver', coverage_rank: rank++ })
    .returning('id')
    .executeTakeFirstOrThrow()
}

/** A valid enrolment for `registrationId`: a unique adviser with a fresh idempotency key, dinner and no days or nights unless `overrides` says otherwise. */
export function enrolInput(registrationId: string, overrides: Partial<EnrolInput> = {}): EnrolInput {
  const id = randomUUID().slice(0, 8)
  return {
    registrationId,
    idempotencyKey: randomUUID(),
    name: `Deltaker ${id}`,
    email: `${id}@example.no`,
    phone: null,
    title: 'Rådgiver',
    roleCategory: 'radgiver',
    fieldsOfWork: [],
    dayIds: [],
    nightIds: [],
    longTravelReason: null,
    attendsDinner: true,
    diet: null,
    allergies: null,
    accessibilityNeeds: null,
    topicIds: [],
    sessionIds: [],
    ...overrides,
  }
}

/** A Cookie header for a fresh session of `userId`, as the browser would send it back. */
export async function sessionCookieFor(context: AppLoadContext, userId: string): Promise<string> {
  const token = await createSession(context.db, userId, context.now())
  return cookiePair(await sessionCookieHeader(context, token))
}

/** The name=value part of a Set-Cookie header. */
export function cookiePair(setCookie: string): string {
  return setCookie.split(';')[0] ?? ''
}
