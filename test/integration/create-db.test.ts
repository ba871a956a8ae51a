import { type Kysely, sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../../db/create-db'
import { createTestDatabase, type TestDatabase } from '../helpers/database'

/**
 * createDb's prepared statements (decision 18): a statement whose value pg
 * refuses to encode must not leave the connection unable to run it again, and
 * the app's own queries (JSON passed as strings) still go as named statements.
 */

let t: TestDatabase
/** One connection, so every query below runs on the same one. */
let single: Kysely<any>

beforeAll(async () => {
  t = await createTestDatabase({ migrated: false })
  single = createDb(t.url, { max: 1 })
})

afterAll(async () => {
  await single.destroy()
  await t.drop()
})

const circular: Record<string, unknown> = {}
circular.self = circular

const backend = async () => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(single)).rows[0]?.pid

describe('createDb', () => {
  it('runs a statement again on the same connection after refusing a value for it (run before)', async () => {
    const echo = (value: unknown) => sql<{ value: unknown }>`select ${value}::jsonb as value, 1 as before`.execute(single)
    const pid = await backend()
    expect((await echo({ a: 1 })).rows).toEqual([{ value: { a: 1 }, before: 1 }])
    await expect(echo(circular)).rejects.toThrow(TypeError)
    expect((await echo({ a: 2 })).rows).toEqual([{ value: { a: 2 }, before: 1 }])
    expect(await backend()).toBe(pid)
  })

  it('runs a statement again after refusing a value the first time it was sent', async () => {
    const echo = (value: unknown) => sql<{ value: unknown }>`select ${value}::jsonb as value, 2 as first`.execute(single)
    await expect(echo(circular)).rejects.toThrow(TypeError)
    // Once the server has answered the refused query (this one is answered after it), its ParseComplete has counted it again.
    await sql`select 1`.execute(single)
    expect((await echo({ b: 1 })).rows).toEqual([{ value: { b: 1 }, first: 2 }])
    expect((await echo({ b: 2 })).rows).toEqual([{ value: { b: 2 }, first: 2 }])
  })

  it('prepares queries whose values are scalars, dates, bytes or arrays of them, once per connection', async () => {
    const query = (value: unknown) => sql`select ${value}::text as value, 3 as prepared`.execute(single)
    await query('{"a":1}')
    await query([1, 2])
    await query(new Date(0))
    const prepared = await sql<{ statement: string }>`select statement from pg_prepared_statements where statement like '%3 as prepared%'`.execute(single)
    expect(prepared.rows).toHaveLength(1)
  })
})
