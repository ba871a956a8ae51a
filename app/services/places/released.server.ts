/**
 * The rooms and seats a transaction gave back, noted by `releasePlaces` so
 * the waiting lists can fill them before the same transaction commits
 * (`placesTransaction`, decision 045). Keyed by the transaction object, so
 * nothing outlives it.
 */

export interface Released {
  nightIds: string[]
  sessionIds: string[]
}

const notes = new WeakMap<object, { nightIds: Set<string>; sessionIds: Set<string> }>()

/** Notes that `trx` gave back a room of each night and a seat of each session. */
export function noteReleased(trx: object, nightIds: readonly string[], sessionIds: readonly string[]) {
  if (nightIds.length === 0 && sessionIds.length === 0) return
  let note = notes.get(trx)
  if (!note) {
    note = { nightIds: new Set(), sessionIds: new Set() }
    notes.set(trx, note)
  }
  for (const id of nightIds) note.nightIds.add(id)
  for (const id of sessionIds) note.sessionIds.add(id)
}

/** What `trx` gave back since it was last asked, in id order; null when nothing. */
export function takeReleased(trx: object): Released | null {
  const note = notes.get(trx)
  if (!note) return null
  notes.delete(trx)
  return { nightIds: [...note.nightIds].sort(), sessionIds: [...note.sessionIds].sort() }
}
