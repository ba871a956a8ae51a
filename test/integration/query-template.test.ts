import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryTemplate } from '../../db/query-template'
import { choicesQuery } from '~/services/places/choices.server'
import { createTestDatabase, type TestDatabase } from '../helpers/database'
import { addParticipant, eventId, registrationId, seeded, TR } from '../helpers/fixtures'

/**
 * queryTemplate (decision 25): a query built and compiled once must run as
 * the same query built anew for each call's values, and a build that would
 * make the SQL depend on a value is refused.
 */

let t: TestDatabase

beforeAll(async () => {
  t = await createTestDatabase()
  await seeded(t.db)
})

afterAll(async () => {
  await t.drop()
})

const choices = queryTemplate((db, v: Parameters<typeof choicesQuery>[1] & Parameters<typeof choicesQuery>[2]) => choicesQuery(db, v, v))

describe('queryTemplate', () => {
  it('fills each call in where the query built anew has its values, and Postgres answers the same', async () => {
    const tr = await eventId(t.db, TR)
    const days = await t.db.selectFrom('event_day').select('id').where('event_id', '=', tr).orderBy('date').execute()
    const nights = await t.db.selectFrom('hotel_night').select('id').where('event_id', '=', tr).execute()
    const selbu = await registrationId(t.db, TR, 'Selbu')
    const tydal = await registrationId(t.db, TR, 'Tydal')
    const known = await addParticipant(t.db, tydal, 'kari@example.no', 'Kari Tydal')
    await t.db.updateTable('participant').set({ idempotency_key: 'key-1' }).where('id', '=', known.id).execute()

    const calls = [
      { registrationId: selbu, idempotencyKey: 'key-1', nightIds: nights.map((n) => n.id), sessionIds: [], dayIds: days.map((d) => d.id), topicIds: [] },
      { registrationId: tydal, idempotencyKey: 'key-1', nightIds: [], sessionIds: [], dayIds: [days[0]?.id ?? ''], topicIds: [] },
      { registrationId: tydal, idempotencyKey: 'key-2', nightIds: [], sessionIds: [], dayIds: [], topicIds: [] },
    ]
    const answers = []
    for (const call of calls) {
      const built = choicesQuery(t.db, call, call).compile()
      const filled = choices(t.db, call)
      expect(filled.sql).toBe(built.sql)
      expect(filled.parameters).toEqual(built.parameters)
      const [fromTemplate] = (await t.db.executeQuery(filled)).rows
      const [fromBuilder] = (await t.db.executeQuery(built)).rows
      expect(fromTemplate).toEqual(fromBuilder)
      answers.push(fromTemplate)
    }
    // The calls' own values, not the first call's: each answer is its own.
    expect(
      answers.map((a) => [(a as { nights: unknown[] }).nights.length, (a as { days: unknown[] }).days.length, (a as { existing: unknown }).existing !== null]),
    ).toEqual([
      [nights.length, days.length, false],
      [0, 1, true],
      [0, 0, false],
    ])
  })

  it("keeps the query's own constants and puts a value used twice in both places", () => {
    const template = queryTemplate((db, v: { email: string }) =>
      db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', v.email)
        .where('name', '=', 'Kari')
        .where('email', '<>', sql.lit('x'))
        .where('phone', '=', v.email),
    )
    expect(template(t.db, { email: 'a@example.no' }).parameters).toEqual(['a@example.no', 'Kari', 'a@example.no'])
    expect(template(t.db, { email: 'b@example.no' }).parameters).toEqual(['b@example.no', 'Kari', 'b@example.no'])
  })

  it('refuses a build that reads a value but leaves it out of the parameters', () => {
    const branching = queryTemplate((db, v: { email: string; name: string | null }) =>
      db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', v.email)
        .$if(v.name !== null, (qb) => qb.where('name', 'is not', null)),
    )
    expect(() => branching(t.db, { email: 'a@example.no', name: 'Kari' })).toThrow('name did not become a parameter')
  })

  it('refuses a build that changes a value before it becomes a parameter', () => {
    const changing = queryTemplate((db, v: { name: string }) => db.selectFrom('app_user').select('id').where('name', 'ilike', `%${v.name}%`))
    expect(() => changing(t.db, { name: 'Kari' })).toThrow('a value was changed before it became a parameter')
  })
})
