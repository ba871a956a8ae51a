import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'

/** Whether the database answers a real query within `timeoutMs`. */
export async function checkDatabase(db: Kysely<Database>, timeoutMs = 2_000): Promise<'ok' | 'down'> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<'down'>((resolve) => {
    timer = setTimeout(() => resolve('down'), timeoutMs)
  })
  const query = sql<{ ok: number }>`select 1 as ok`
    .execute(db)
    .then((r) => (r.rows[0]?.ok === 1 ? ('ok' as const) : ('down' as const)))
    .catch(() => 'down' as const)
  try {
    return await Promise.race([query, timeout])
  } finally {
    clearTimeout(timer)
  }
}
