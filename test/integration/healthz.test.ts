import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createDb } from '../../db/create-db'
import { freePort } from '../../db/embedded-postgres'
import { loader } from '~/routes/healthz'
import { testContext, loaderArgs } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase } from '../helpers/database'

let t: TestDatabase

beforeAll(async () => {
  t = await createTestDatabase()
})

afterAll(async () => {
  await t.drop()
})

describe('GET /healthz', () => {
  it('answers 200 with db ok after a real query', async () => {
    const response = await loader(loaderArgs(testContext({ db: t.db }), '/healthz'))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/application\/json/)
    expect(await response.json()).toEqual({ status: 'ok', db: 'ok' })
  })

  it('answers 503 with db down when the database cannot be reached', async () => {
    const unreachable = createDb(`postgres://postgres@127.0.0.1:${await freePort()}/nothing`, {
      connectionTimeoutMillis: 1_000,
    })
    try {
      const response = await loader(loaderArgs(testContext({ db: unreachable }), '/healthz'))
      expect(response.status).toBe(503)
      expect(await response.json()).toMatchObject({ db: 'down' })
    } finally {
      await unreachable.destroy()
    }
  })
})
