import net from 'node:net'
import { type Kysely, sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../../db/create-db'
import { batchOf } from '../../db/pg-dialect'
import { pipelinedTransaction } from '../../db/pipelined-transaction'
import { createTestDatabase, type TestDatabase } from '../helpers/database'

/**
 * What the database layer relies on in pg (pinned exactly in package.json)
 * and Kysely, through their public APIs only (decision 39): named statements
 * are prepared on the connection, a batch costs one round trip, a failed
 * statement makes the COMMIT behind it roll back, and a value that cannot be
 * encoded is refused with nothing sent. Round trips are counted by a proxy
 * between pg and PostgreSQL: one round trip is the client speaking after it
 * has heard the server (or for the first time). The proxy holds every answer
 * for DELAY ms, so statements sent one after another's answer cannot pass for
 * one batch however busy the machine is.
 */

const DELAY = 80

let t: TestDatabase
let proxy: net.Server
/** Round trips through the proxy since the last `roundTrips` began. */
let turns = 0
/** One connection through the slow proxy. */
let slow: Kysely<any>
/** One connection, directly. */
let single: Kysely<any>

beforeAll(async () => {
  t = await createTestDatabase({ migrated: false })
  await sql`create table pipeline_probe (id int primary key, n int not null check (n < 10))`.execute(t.db)
  const url = new URL(t.url)
  const socketDir = url.searchParams.get('host')
  const target = socketDir ? { path: `${socketDir}/.s.PGSQL.${url.port}` } : { host: url.hostname, port: Number(url.port) }
  proxy = net.createServer((client) => {
    const server = net.connect(target)
    let clientSpoke = false
    client.on('data', (chunk) => {
      if (!clientSpoke) turns += 1
      clientSpoke = true
      server.write(chunk)
    })
    server.on('data', (chunk) =>
      setTimeout(() => {
        clientSpoke = false
        client.write(chunk)
      }, DELAY),
    )
    client.on('error', () => server.destroy())
    server.on('error', () => client.destroy())
    client.on('close', () => server.end())
    server.on('close', () => setTimeout(() => client.end(), DELAY))
  })
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve))
  const slowUrl = new URL(t.url)
  slowUrl.searchParams.delete('host')
  slowUrl.hostname = '127.0.0.1'
  slowUrl.port = String((proxy.address() as net.AddressInfo).port)
  slow = createDb(slowUrl.toString(), { max: 1 })
  single = createDb(t.url, { max: 1 })
  // Connected (several round trips) before anything is timed.
  await sql`select 1`.execute(slow)
})

afterAll(async () => {
  await slow?.destroy()
  await single?.destroy()
  await new Promise((resolve) => proxy?.close(resolve))
  await t.drop()
})

async function roundTrips(work: () => Promise<unknown>): Promise<number> {
  turns = 0
  await work()
  return turns
}

const select = (n: number) => sql<{ n: number }>`select ${n}::int as n`.compile(slow)
const committed = async () => (await sql<{ id: number }>`select id from pipeline_probe order by id`.execute(t.db)).rows.map((r) => r.id)

describe('pg and Kysely as the database layer uses them', () => {
  it('sends a query with parameters as a named statement, prepared once on the connection', async () => {
    for (const n of [1, 2, 3]) await sql`select ${n}::int as prepared_probe`.execute(single)
    await sql`select 4 as unprepared_probe`.execute(single)
    const { rows } = await sql<{ statement: string }>`
      select statement from pg_prepared_statements where statement like '%prepared_probe%' and statement not like '%pg_prepared_statements%'
    `.execute(single)
    expect(rows.map((r) => r.statement)).toEqual(['select $1::int as prepared_probe'])
  })

  it('sends a batch of five statements in one round trip, where Kysely’s own queries on one connection take one each', async () => {
    const batch = await slow.connection().execute((c) => roundTrips(() => c.executeQuery(batchOf([1, 2, 3, 4, 5].map(select)))))
    // Kysely runs one connection's queries one at a time, even when they are not awaited one by one.
    const kysely = await slow.connection().execute((c) => roundTrips(() => Promise.all([1, 2, 3, 4, 5].map((n) => c.executeQuery(select(n))))))
    expect(kysely).toBe(5)
    expect(batch).toBe(1)
  })

  it('runs a two-batch transaction in two round trips', async () => {
    const trips = await roundTrips(() =>
      pipelinedTransaction(slow, async (tx) => {
        await tx.run(select(1), select(2))
        await tx.commit(select(3), select(4))
      }),
    )
    // BEGIN with the first batch, COMMIT with the second: no round trip besides the two.
    expect(trips).toBe(2)
  })

  it('answers each statement of a batch in order, and a COMMIT behind a failed statement rolls the transaction back', async () => {
    const client = new pg.Client({ connectionString: t.url, pipeline: true })
    await client.connect()
    try {
      const sent = [
        client.query('begin'),
        client.query('insert into pipeline_probe values (1, 1)'),
        client.query('insert into pipeline_probe values (2, 20)'),
        client.query('insert into pipeline_probe values (3, 3)'),
        client.query('commit'),
      ]
      const settled = await Promise.allSettled(sent)
      expect(settled.map((s) => (s.status === 'fulfilled' ? s.value.command : (s.reason as { code: string }).code))).toEqual([
        'BEGIN',
        'INSERT',
        '23514',
        '25P02',
        'ROLLBACK',
      ])
      expect(await committed()).toEqual([])
    } finally {
      await client.end()
    }
  })

  it('refuses a batch with a value it cannot encode before sending any of it, and the connection stays usable', async () => {
    const circular: Record<string, unknown> = {}
    circular.self = circular
    const pid = async () => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(single)).rows[0]?.pid
    const before = await pid()

    const refused = pipelinedTransaction(single, async (tx) => {
      await tx.run(sql`insert into pipeline_probe values (5, 5)`.compile(single))
      await tx.commit(sql`insert into pipeline_probe values (6, 6)`.compile(single), sql`select ${circular}::jsonb`.compile(single))
    })

    await expect(refused).rejects.toThrow(/circular/i)
    expect(await committed()).toEqual([])
    expect(await pid()).toBe(before)
    const { rows } = await sql<{ outside: boolean }>`select txid_current_if_assigned() is null as outside`.execute(single)
    expect(rows).toEqual([{ outside: true }])
    expect(await pipelinedTransaction(single, (tx) => tx.commit(sql<{ v: unknown }>`select ${JSON.stringify({ a: 1 })}::jsonb as v`.compile(single)))).toEqual([
      [{ v: { a: 1 } }],
    ])
  })
})
