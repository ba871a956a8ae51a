import { randomUUID } from 'node:crypto'
import type { Compilable, CompiledQuery, Kysely } from 'kysely'
import type { Database } from './schema.js'

/**
 * A query that Kysely builds and compiles once, for a hot path (decision 25):
 * each call only puts its values into the compiled parameters. `build` runs
 * once, with a stand-in for each value it reads, and must hand every value it
 * reads to Kysely unchanged and without branching on it, so that the SQL text
 * is the same for all values (a list goes as one array parameter, `= any($1)`).
 * That first call checks that each value read came out as a parameter as it
 * was, and throws otherwise. Its `db` builds the SQL, which is the same for
 * every database here.
 */
export function queryTemplate<Values extends object, R>(build: (db: Kysely<Database>, values: Values) => Compilable<R>) {
  let template: { query: CompiledQuery<R>; slots: Array<keyof Values | undefined> } | undefined
  return (db: Kysely<Database>, values: Values): CompiledQuery<R> => {
    template ??= compileTemplate((standIns: Values) => build(db, standIns))
    const { query, slots } = template
    return { ...query, parameters: query.parameters.map((parameter, i) => (slots[i] === undefined ? parameter : values[slots[i] as keyof Values])) }
  }
}

function compileTemplate<Values extends object, R>(build: (standIns: Values) => Compilable<R>) {
  const marker = `\u0000${randomUUID()}:`
  const read = new Set<string>()
  const standIns = new Proxy({} as Values, {
    get: (_, name) => {
      if (typeof name !== 'string') return undefined
      read.add(name)
      return `${marker}${name}`
    },
  })
  const query = build(standIns).compile()
  const slots = query.parameters.map((parameter) => {
    if (typeof parameter !== 'string' || !parameter.includes(marker)) return undefined
    const name = parameter.slice(marker.length)
    if (!parameter.startsWith(marker) || !read.has(name))
      throw new Error(`queryTemplate: a value was changed before it became a parameter (${parameter.replace(marker, '')})`)
    return name as keyof Values
  })
  const missing = [...read].filter((name) => !slots.includes(name as keyof Values))
  if (missing.length > 0) throw new Error(`queryTemplate: ${missing.join(', ')} did not become a parameter`)
  return { query, slots }
}
