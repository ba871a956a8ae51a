import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { formatNight } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { takePlaces } from '~/services/places/counters.server'
import { PlacesFull } from '~/services/places/full.server'
import { placesTransaction } from '~/services/places/transactions.server'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { eventId, seeded, TR } from '../helpers/fixtures'

/**
 * Taking rooms and seats: the counters' checks refuse a place beyond its
 * limit, and `placesTransaction` names the full place after the rollback, or
 * tries the change again when the place was given back in the meantime.
 */

let t: TestDatabase
let night: { id: string; night_date: string }
let session: { id: string; title: string }

beforeAll(async () => {
  t = await createTestDatabase()
})

afterAll(async () => {
  await t.drop()
})

beforeEach(async () => {
  await truncateAll(t.db)
  await seeded(t.db)
  const event = await eventId(t.db, TR)
  night = await t.db.selectFrom('hotel_night').select(['id', 'night_date']).where('event_id', '=', event).orderBy('night_date').executeTakeFirstOrThrow()
  session = await t.db
    .selectFrom('program_item')
    .select(['id', 'title'])
    .where('event_id', '=', event)
    .where('kind', '=', 'parallel')
    .orderBy('id')
    .executeTakeFirstOrThrow()
})

const counters = async () => ({
  rooms: (await t.db.selectFrom('hotel_night').select('rooms_taken').where('id', '=', night.id).executeTakeFirstOrThrow()).rooms_taken,
  seats: (await t.db.selectFrom('program_item').select('seats_taken').where('id', '=', session.id).executeTakeFirstOrThrow()).seats_taken,
})

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(DomainError)
  return { code: (error as DomainError).code, field: (error as DomainError).field, params: (error as DomainError).params }
}

describe('taking rooms and seats', () => {
  it('takes one room and one seat and counts them', async () => {
    await placesTransaction(t.db, (trx) => takePlaces(trx, { nights: [night], sessions: [session] }))
    expect(await counters()).toEqual({ rooms: 1, seats: 1 })
  })

  it('a full night is refused naming it, and the seat taken in the same change is given back by the rollback', async () => {
    await t.db.updateTable('hotel_night').set({ rooms_in_block: 0 }).where('id', '=', night.id).execute()
    const refused = await refusal(placesTransaction(t.db, (trx) => takePlaces(trx, { nights: [night], sessions: [session] })))
    expect(refused).toEqual({ code: 'night_full', field: 'nightIds', params: { night: formatNight(night.night_date) } })
    expect(await counters()).toEqual({ rooms: 0, seats: 0 })
  })

  it('a full session is refused naming it, and the room taken in the same change is given back', async () => {
    await t.db.updateTable('program_item').set({ capacity: 1, seats_taken: 1 }).where('id', '=', session.id).execute()
    const refused = await refusal(placesTransaction(t.db, (trx) => takePlaces(trx, { nights: [night], sessions: [session] })))
    expect(refused).toEqual({ code: 'session_full', field: 'sessionIds', params: { session: session.title } })
    expect(await counters()).toEqual({ rooms: 0, seats: 1 })
  })

  it('a place found full but given back before the refusal is named: the change is tried again and succeeds', async () => {
    let attempts = 0
    await placesTransaction(t.db, async (trx) => {
      attempts += 1
      // The first attempt meets a full night that is free again by the time the refusal would be named.
      if (attempts === 1) throw new PlacesFull({ nights: [night], sessions: [] })
      await takePlaces(trx, { nights: [night], sessions: [] })
    })
    expect(attempts).toBe(2)
    expect(await counters()).toEqual({ rooms: 1, seats: 0 })
  })

  it('after three attempts that each met a full place, the first place is named even if it is free now', async () => {
    let attempts = 0
    const refused = await refusal(
      placesTransaction(t.db, async () => {
        attempts += 1
        throw new PlacesFull({ nights: [night], sessions: [session] })
      }),
    )
    expect(attempts).toBe(3)
    expect(refused.code).toBe('night_full')
  })

  it('an error that is not about a full place passes unchanged and is not retried', async () => {
    let attempts = 0
    const boom = new Error('boom')
    await expect(
      placesTransaction(t.db, async () => {
        attempts += 1
        throw boom
      }),
    ).rejects.toBe(boom)
    expect(attempts).toBe(1)
  })
})
