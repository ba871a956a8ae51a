import { randomUUID } from 'node:crypto'
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from '../../db/schema'
import { choicesQuery, placesStatements } from '../../app/services/places.server'
const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool() }) })
const ids = () => [randomUUID()]
function once() {
  const r = randomUUID()
  choicesQuery(db, { registrationId: r, idempotencyKey: randomUUID() }, { nightIds: ids(), sessionIds: ids(), dayIds: [randomUUID(), randomUUID()], topicIds: [] }).compile()
  const places = { nights: [{ id: randomUUID(), night_date: '2026-01-01' }], sessions: [{ id: randomUUID(), title: 'x' }] } as any
  const writes = [db.insertInto('participant').values({ id: r, registration_id: r, name: 'x', email: 'x', title: 't', role_category: 'radgiver', coverage_rank: 1 } as any),
    db.insertInto('participant_day').values([{ participant_id: r, event_day_id: r, is_covered_day_package: false }, { participant_id: r, event_day_id: r, is_covered_day_package: false }]),
    db.insertInto('participant_night').values([{ participant_id: r, hotel_night_id: r, is_covered: true, reason: null }]),
    db.insertInto('session_choice').values([{ participant_id: r, program_item_id: r, slot_id: r, created_at: new Date() }]),
    db.insertInto('audit_log').values({ actor_user_id: r, action: 'x', entity_type: 'p', entity_id: r, after: JSON.stringify({ a: 1 }) } as any)]
  for (const s of placesStatements(db, places, writes)) s.compile()
}
for (let i = 0; i < 3000; i++) once()
const t = performance.now()
for (let i = 0; i < 10000; i++) once()
console.log('ms per enrolment (choices + writes + places compile):', ((performance.now() - t) / 10000).toFixed(3))
process.exit(0)
