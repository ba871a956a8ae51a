import type { IsoDate } from './dates'
import type { LanguageForm } from './language'

/** The meals a programme day can serve, with their names in both written forms. */
export const MEAL_LABELS = {
  nb: { frokost: 'Frokost', lunsj: 'Lunsj', middag: 'Middag' },
  nn: { frokost: 'Frukost', lunsj: 'Lunsj', middag: 'Middag' },
} as const satisfies Record<LanguageForm, Record<string, string>>

/** The meals by key, with their bokmål names (for the keys; show `MEAL_LABELS[form]`). */
export const MEALS = MEAL_LABELS.nb

/** The kinds of programme item, with their names in both written forms. */
export const PROGRAM_KIND_LABELS = {
  nb: {
    plenary: 'Plenum',
    parallel: 'Parallellsesjon',
    break: 'Pause',
    meal: 'Måltid',
    social: 'Sosialt',
    optional: 'Valgfritt',
    digital: 'Digital sesjon',
  },
  nn: {
    plenary: 'Plenum',
    parallel: 'Parallellsesjon',
    break: 'Pause',
    meal: 'Måltid',
    social: 'Sosialt',
    optional: 'Valfritt',
    digital: 'Digital sesjon',
  },
} as const satisfies Record<LanguageForm, Record<string, string>>

/** The kinds by key, with their bokmål names (for the keys; show `PROGRAM_KIND_LABELS[form]`). */
export const PROGRAM_KINDS = PROGRAM_KIND_LABELS.nb

export type ProgramKind = keyof typeof PROGRAM_KINDS

export interface ProgramDayInput {
  id: string
  date: IsoDate
  label: string
}

export interface ProgramSlotInput {
  id: string
  event_day_id: string
  label: string
  starts_at: Date
  ends_at: Date
}

export interface ProgramItemInput {
  id: string
  event_day_id: string | null
  slot_id: string | null
  kind: string
  starts_at: Date
  sort_order: number
  title: string
}

export type ProgramEntry<I, S> = { type: 'item'; item: I } | { type: 'slot'; slot: S; items: I[] }

export interface ProgramDay<D, I, S> {
  day: D
  entries: ProgramEntry<I, S>[]
}

/**
 * The one program order: time, then the organiser's order, then title and id,
 * so items at the same time never swap places between two loads (the SQL
 * reading them orders the same way).
 */
export function byProgramOrder(
  a: { id: string; starts_at: Date; sort_order: number; title: string },
  b: { id: string; starts_at: Date; sort_order: number; title: string },
) {
  return (
    a.starts_at.getTime() - b.starts_at.getTime() ||
    a.sort_order - b.sort_order ||
    a.title.localeCompare(b.title, 'nb') ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  )
}

/**
 * The program as it is read: day by day in time order, with the items of a
 * parallel slot gathered into one entry (shown side by side), and the digital
 * part as its own list in date order.
 */
export function arrangeProgram<D extends ProgramDayInput, S extends ProgramSlotInput, I extends ProgramItemInput>(
  days: D[],
  slots: S[],
  items: I[],
): { days: ProgramDay<D, I, S>[]; digital: I[] } {
  const sorted = [...items].sort(byProgramOrder)
  const program = [...days]
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((day) => {
      const entries: ProgramEntry<I, S>[] = []
      const slotEntries = new Map<string, { type: 'slot'; slot: S; items: I[] }>()
      for (const item of sorted) {
        if (item.event_day_id !== day.id) continue
        const slot = item.slot_id ? slots.find((s) => s.id === item.slot_id) : undefined
        if (!slot) {
          entries.push({ type: 'item', item })
          continue
        }
        let entry = slotEntries.get(slot.id)
        if (!entry) {
          entry = { type: 'slot', slot, items: [] }
          slotEntries.set(slot.id, entry)
          entries.push(entry)
        }
        entry.items.push(item)
      }
      return { day, entries }
    })
  const digital = sorted.filter((item) => item.event_day_id === null)
  return { days: program, digital }
}
