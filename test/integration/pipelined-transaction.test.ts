import { Kysely, PostgresDialect, sql } from 'kysely'
import pg from 'pg'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createDb } from '../../db/create-db'
import { pipelinedTransaction } from '../../db/pipelined-transaction'
import { createTestDatabase, type TestDatabase } from '../helpers/database'

/**
 * The mechanism behind the enrolment's two round trips, on a throw-away table
 * in an empty database: batches, commit and rollback, errors, and the locks.
 */

interface Probe {
  pipeline_probe: { id: number; n: number }
}

let t: TestDatabase
/** The test database's own pool (twenty connections). */
let db: Kysely<Probe>
/** A pool of one connection, to follow what a transaction leaves on it. */
let single: Kysely<Probe>
/** A pool of its own, so it sees only what is committed. */
let observer: Kysely<Probe>

const probeDb = (url: string) => createDb(url, { max: 1 }) as unknown as Kysely<Probe>

beforeAll(async () => {
  t = await createTestDatabase({ migrated: false })
  db = t.db as unknown as Kysely<Probe>
  single = probeDb(t.url)
  observer = probeDb(t.url)
  await sql`create table pipeline_probe (id int primary key, n int not null check (n < 10))`.execute(db)
})

afterAll(async () => {
  await sql`drop table if exists pipeline_probe`.execute(db)
  await single.destroy()
  await observer.destroy()
  await t.drop()
})

beforeEach(async () => {
  await sql`truncate pipeline_probe`.execute(db)
})

const insert = (id: number, n: number) => db.insertInto('pipeline_probe').values({ id, n }).returning('id').compile()
const allRows = () => db.selectFrom('pipeline_probe').select(['id', 'n']).orderBy('id').compile()
const countRows = () => db.selectFrom('pipeline_probe').select(sql<number>`count(*)::int`.as('count')).compile()
const committedRows = () => observer.selectFrom('pipeline_probe').select(['id', 'n']).orderBy('id').execute()

/** The rejection of a promise that must reject. */
async function rejectionOf(promise: Promise<unknown>): Promise<Error & { code?: string; constraint?: string }> {
  return promise.then(
    () => {
      throw new Error('expected a rejection')
    },
    (error) => error,
  )
}

/** On which backend the next statement on this pool runs, and whether it runs outside any transaction. */
async function nextStatementOn(database: Kysely<Probe>) {
  const { rows } = await sql<{ pid: number; outside: boolean }>`
    select pg_backend_pid() as pid, now() = statement_timestamp() and txid_current_if_assigned() is null as outside
  `.execute(database)
  return rows[0]
}

describe('pipelinedTransaction', () => {
  it('runs two batches in one transaction, gives each statement its rows in order, and commits', async () => {
    const [first, second] = await pipelinedTransaction(db, async (tx) => {
      const first = await tx.run(insert(1, 1), insert(2, 2), countRows())
      const second = await tx.commit(allRows(), insert(3, 3), countRows())
      return [first, second]
    })

    expect(first).toEqual([[{ id: 1 }], [{ id: 2 }], [{ count: 2 }]])
    expect(second).toEqual([
      [
        { id: 1, n: 1 },
        { id: 2, n: 2 },
      ],
      [{ id: 3 }],
      [{ count: 3 }],
    ])
    expect(await committedRows()).toEqual([
      { id: 1, n: 1 },
      { id: 2, n: 2 },
      { id: 3, n: 3 },
    ])
  })

  it('commits work that returns without calling commit, and gives back what it returned', async () => {
    const result = await pipelinedTransaction(db, async (tx) => {
      await tx.run(insert(1, 1))
      return 'done'
    })

    expect(result).toBe('done')
    expect(await committedRows()).toEqual([{ id: 1, n: 1 }])
  })

  it('rejects with the failing statement’s own error, persists nothing, and gives the connection back outside any transaction', async () => {
    const before = await nextStatementOn(single)

    const error = await rejectionOf(pipelinedTransaction(single, (tx) => tx.run(insert(1, 1), insert(2, 10), insert(3, 3), countRows())))

    expect(error).toMatchObject({ code: '23514', constraint: 'pipeline_probe_n_check' })
    expect(await committedRows()).toEqual([])
    expect(await nextStatementOn(single)).toEqual({ pid: before?.pid, outside: true })
  })

  it('rejects when a statement in the commit batch fails, and the commit behind it persists nothing', async () => {
    const error = await rejectionOf(
      pipelinedTransaction(db, async (tx) => {
        await tx.run(insert(1, 1))
        await tx.commit(insert(2, 2), insert(3, 30))
      }),
    )

    expect(error).toMatchObject({ code: '23514', constraint: 'pipeline_probe_n_check' })
    expect(await committedRows()).toEqual([])
  })

  it('rolls back work that throws after a successful run, and rethrows the very same error', async () => {
    const thrown = new Error('changed my mind')
    const before = await nextStatementOn(single)

    const error = await rejectionOf(
      pipelinedTransaction(single, async (tx) => {
        await tx.run(insert(1, 1))
        throw thrown
      }),
    )

    expect(error).toBe(thrown)
    expect(await committedRows()).toEqual([])
    expect(await nextStatementOn(single)).toEqual({ pid: before?.pid, outside: true })
  })

  it('rejects a value pg cannot encode in the commit batch, and commits nothing written before it', async () => {
    const circular: Record<string, unknown> = {}
    circular.self = circular

    const error = await rejectionOf(
      pipelinedTransaction(single, async (tx) => {
        await tx.run(insert(1, 1))
        await tx.commit(insert(2, 2), sql`select ${circular}::jsonb as refused`.compile(single))
      }),
    )

    expect(error).toBeInstanceOf(TypeError)
    expect(error.message).toMatch(/circular/i)
    expect(await committedRows()).toEqual([])
    expect(await nextStatementOn(single)).toMatchObject({ outside: true })
  })

  it('runs a statement again with a good value after refusing one it could not encode', async () => {
    const circular: Record<string, unknown> = {}
    circular.self = circular
    const echo = (value: unknown) => sql<{ value: unknown }>`select ${value}::jsonb as value`.compile(single)

    expect(await pipelinedTransaction(single, (tx) => tx.commit(echo({ a: 1 })))).toEqual([[{ value: { a: 1 } }]])
    await expect(pipelinedTransaction(single, (tx) => tx.commit(echo(circular)))).rejects.toThrow(TypeError)

    expect(await pipelinedTransaction(single, (tx) => tx.commit(echo({ a: 2 })))).toEqual([[{ value: { a: 2 } }]])
  })

  it('refuses a run after the commit, leaving the committed work as it was', async () => {
    const error = await rejectionOf(
      pipelinedTransaction(db, async (tx) => {
        await tx.commit(insert(1, 1))
        await tx.run(insert(2, 2))
      }),
    )

    expect(error.message).toBe('The transaction has already ended')
    expect(await committedRows()).toEqual([{ id: 1, n: 1 }])
  })

  it('makes a batch wait for a row lock, and lets the statement after the lock see what the holder committed', async () => {
    await db.insertInto('pipeline_probe').values({ id: 1, n: 0 }).execute()
    let lockTaken = () => {}
    const locked = new Promise<void>((resolve) => {
      lockTaken = resolve
    })
    let finish = () => {}
    const finished = new Promise<void>((resolve) => {
      finish = resolve
    })

    const holder = db.transaction().execute(async (trx) => {
      await trx.selectFrom('pipeline_probe').select('id').where('id', '=', 1).forUpdate().execute()
      await trx.insertInto('pipeline_probe').values({ id: 2, n: 2 }).execute()
      lockTaken()
      await finished
    })
    await locked

    let settled = false
    const waiter = pipelinedTransaction(db, (tx) =>
      tx.run(db.selectFrom('pipeline_probe').select('id').where('id', '=', 1).forUpdate().compile(), countRows()),
    ).finally(() => {
      settled = true
    })

    expect(await someoneWaitsForALock()).toBe(true)
    expect(settled).toBe(false)

    finish()
    await holder
    expect(await waiter).toEqual([[{ id: 1 }], [{ count: 2 }]])
  })

  it('refuses a Kysely instance that createDb did not make, with a clear error, and nothing of the work reaches the database', async () => {
    const plain = new Kysely<Probe>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: t.url, max: 1 }) }) })
    try {
      const work = pipelinedTransaction(plain, (tx) => tx.commit(plain.insertInto('pipeline_probe').values({ id: 1, n: 1 }).compile()))
      await expect(work).rejects.toThrow('pipelinedTransaction needs a database made by createDb')
      expect(await committedRows()).toEqual([])
    } finally {
      await plain.destroy()
    }
  })
})

/** Whether, within five seconds, a backend of the test database is found waiting for a lock. */
async function someoneWaitsForALock(): Promise<boolean> {
  for (let attempt = 0; attempt < 250; attempt++) {
    const { rows } = await sql<{ waiting: number }>`
      select count(*)::int as waiting from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'
    `.execute(observer)
    if ((rows[0]?.waiting ?? 0) > 0) return true
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  return false
}
