import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { type EnrolInput, enrolParticipant } from '~/services/enrolment.server'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { enrolInput, eventId, MR, makeOrganiser, seeded, TEST_MAIL } from '../helpers/fixtures'
import { enrolWithoutLocks } from '../helpers/naive-enrolment'

/**
 * Real parallel requests (separate pooled connections, twenty in the test
 * database's pool) at the last place of each quota. The control run sends
 * the same parallel requests through a naive count-then-insert without locks
 * (test/helpers/naive-enrolment.ts), which oversells: so the race is real.
 */

let t: TestDatabase
let organiser: { userId: string }
let mr: string
let registrations: Array<{ id: string; name: string }>
let day1: string
let night: string
const open = osloDateTime('2021-09-01', '12:00')

beforeAll(async () => {
  t = await createTestDatabase()
})

afterAll(async () => {
  await t.drop()
})

beforeEach(async () => {
  await truncateAll(t.db)
  await seeded(t.db)
  organiser = { userId: (await makeOrganiser(t.db, 'arrangor@example.no', MR)).id }
  mr = await eventId(t.db, MR)
  registrations = await t.db
    .selectFrom('registration')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .select(['registration.id', 'municipality.name'])
    .where('registration.event_id', '=', mr)
    .orderBy('municipality.number')
    .execute()
  day1 = (await t.db.selectFrom('event_day').select('id').where('event_id', '=', mr).where('date', '=', '2021-11-11').executeTakeFirstOrThrow()).id
  night = (await t.db.selectFrom('hotel_night').select('id').where('event_id', '=', mr).where('night_date', '=', '2021-11-11').executeTakeFirstOrThrow()).id
})

function input(registrationId: string, overrides: Partial<EnrolInput> = {}): EnrolInput {
  return enrolInput(registrationId, { dayIds: [day1], nightIds: [night], ...overrides })
}

async function race(inputs: EnrolInput[]) {
  const results = await Promise.allSettled(inputs.map((i) => enrolParticipant(t.db, TEST_MAIL, organiser, i, open)))
  const unexpected = results.filter((r) => r.status === 'rejected' && !(r.reason instanceof DomainError))
  expect(unexpected, 'only refusals with a reason, no crashes').toEqual([])
  return {
    ok: results.filter((r) => r.status === 'fulfilled'),
    refused: results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => (r.reason as DomainError).code),
  }
}

async function coveredOvernight(registrationId: string) {
  const rows = await t.db
    .selectFrom('participant')
    .innerJoin('participant_night', 'participant_night.participant_id', 'participant.id')
    .select('participant.id')
    .where('participant.registration_id', '=', registrationId)
    .where('participant_night.is_covered', '=', true)
    .execute()
  return rows.length
}

describe('enrolment under concurrency', () => {
  it('50 enrolments of one municipality race for its last covered place: exactly the quota is covered, the rest self-paid', async () => {
    const volda = registrations.find((r) => r.name === 'Volda')?.id ?? ''
    for (let i = 0; i < 3; i++) await enrolParticipant(t.db, TEST_MAIL, organiser, input(volda), open)
    const { ok, refused } = await race(Array.from({ length: 50 }, () => input(volda)))
    expect(refused).toEqual([])
    expect(ok).toHaveLength(50)
    expect(await coveredOvernight(volda)).toBe(4)
    const all = await t.db.selectFrom('participant').select('coverage_rank').where('registration_id', '=', volda).execute()
    expect(new Set(all.map((p) => p.coverage_rank)).size).toBe(53)
  })

  it('50 enrolments from different municipalities race for the last room: exactly the block, the rest refused for that night', async () => {
    await t.db.updateTable('hotel_night').set({ rooms_in_block: 1 }).where('id', '=', night).execute()
    const inputs = Array.from({ length: 50 }, (_, i) => input(registrations[i % registrations.length]?.id ?? ''))
    const { ok, refused } = await race(inputs)
    expect(ok).toHaveLength(1)
    expect(refused).toEqual(Array(49).fill('night_full'))
    const taken = await t.db.selectFrom('participant_night').select('participant_id').where('hotel_night_id', '=', night).execute()
    expect(taken).toHaveLength(1)
  })

  it('50 participants race for the last seat of a session: exactly its capacity', async () => {
    const session = await t.db
      .selectFrom('program_item')
      .select('id')
      .where('event_id', '=', mr)
      .where('title', 'like', 'Parallell 2%')
      .executeTakeFirstOrThrow()
    await t.db.updateTable('program_item').set({ capacity: 3 }).where('id', '=', session.id).execute()
    const inputs = Array.from({ length: 50 }, (_, i) => input(registrations[i % registrations.length]?.id ?? '', { nightIds: [], sessionIds: [session.id] }))
    const { ok, refused } = await race(inputs)
    expect(ok).toHaveLength(3)
    expect(refused).toEqual(Array(47).fill('session_full'))
    expect(await t.db.selectFrom('session_choice').select('participant_id').where('program_item_id', '=', session.id).execute()).toHaveLength(3)
  })

  it('50 double submits with one key make one participant, and every answer is that participant', async () => {
    const volda = registrations.find((r) => r.name === 'Volda')?.id ?? ''
    const one = input(volda)
    const { ok } = await race(Array.from({ length: 50 }, () => one))
    const ids = new Set(ok.map((r) => (r.status === 'fulfilled' ? r.value?.id : undefined)))
    expect(ids.size).toBe(1)
    expect(await t.db.selectFrom('participant').select('id').where('registration_id', '=', volda).execute()).toHaveLength(1)
  })

  it('50 enrolments of one person with different keys (two open forms) make one participant; the rest are told the address is enrolled', async () => {
    const volda = registrations.find((r) => r.name === 'Volda')?.id ?? ''
    const { ok, refused } = await race(Array.from({ length: 50 }, (_, i) => input(volda, { email: i % 2 ? 'kari@volda.example.no' : 'Kari@Volda.example.no' })))
    expect(ok).toHaveLength(1)
    expect(refused).toEqual(Array(49).fill('email_already_enrolled'))
    expect(await t.db.selectFrom('participant').select('id').where('registration_id', '=', volda).execute()).toHaveLength(1)
    const room = await t.db.selectFrom('hotel_night').select('rooms_taken').where('id', '=', night).executeTakeFirstOrThrow()
    expect(room.rooms_taken).toBe(1)
  })

  it('control: a naive count-then-insert without locks, in the same parallel requests, oversells the room and the covered places (so the race is real)', async () => {
    const naive = (inputs: EnrolInput[]) => Promise.all(inputs.map((i) => enrolWithoutLocks(t.db, i, { now: open, pauseMs: 15 })))
    await t.db.updateTable('hotel_night').set({ rooms_in_block: 1 }).where('id', '=', night).execute()
    const enrolled = await naive(Array.from({ length: 20 }, (_, i) => input(registrations[i % registrations.length]?.id ?? '')))
    const taken = await t.db.selectFrom('participant_night').select('participant_id').where('hotel_night_id', '=', night).execute()
    expect(enrolled.filter((r) => r === 'enrolled').length).toBeGreaterThan(1)
    expect(taken.length).toBeGreaterThan(1)

    await t.db.updateTable('hotel_night').set({ rooms_in_block: 110 }).where('id', '=', night).execute()
    const volda = registrations.find((r) => r.name === 'Volda')?.id ?? ''
    await naive(Array.from({ length: 20 }, () => input(volda)))
    expect(await coveredOvernight(volda)).toBeGreaterThan(4)
  })
})
