import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'kysely'
import { afterAll, describe, expect, it } from 'vitest'
import { openDatabase } from '../../db/open-database'

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'klimasamling-open-'))
chmodSync(dataDir, 0o755)

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true })
})

describe('openDatabase without DATABASE_URL', () => {
  it('lets a command run beside the app use the app’s embedded server, and leaves it running', async () => {
    const appLog: string[] = []
    const app = await openDatabase({ databaseUrl: undefined, dataDir, seed: false, log: (l) => appLog.push(l) })
    expect(appLog[0]).toMatch(/^Embedded PostgreSQL started/)
    expect(existsSync(path.join(dataDir, 'embedded-database-url'))).toBe(true)

    const cliLog: string[] = []
    const cli = await openDatabase({ databaseUrl: undefined, dataDir, seed: false, log: (l) => cliLog.push(l) })
    expect(cliLog[0]).toBe('Using the embedded PostgreSQL of the running app')
    await cli.close()

    const still = await sql<{ ok: number }>`select 1 as ok`.execute(app.db)
    expect(still.rows[0]?.ok).toBe(1)
    await app.close()
    expect(existsSync(path.join(dataDir, 'embedded-database-url'))).toBe(false)
  })
})
