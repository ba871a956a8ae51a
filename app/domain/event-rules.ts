import { type IsoDate, osloDate, shiftDate, wallClockExists } from './dates'

/**
 * The rules an event's dates and numbers must keep, as pure functions the
 * form schemas and services share. Each returns the problems it finds, keyed
 * by the form field they belong to, in Norwegian.
 */

export interface EventWindow {
  startsAt: Date
  endsAt: Date
  opensAt: Date
  deadlineAt: Date
}

export type FieldProblems = Partial<Record<string, string>>

export function checkEventWindow(w: EventWindow): FieldProblems {
  const problems: FieldProblems = {}
  if (w.endsAt.getTime() <= w.startsAt.getTime()) problems.endDate = 'Slutt må være etter start.'
  if (w.deadlineAt.getTime() >= w.startsAt.getTime()) problems.deadlineDate = 'Påmeldingsfristen må være før samlingen starter.'
  else if (w.deadlineAt.getTime() <= w.opensAt.getTime()) problems.deadlineDate = 'Påmeldingsfristen må være etter at påmeldingen åpner.'
  return problems
}

/**
 * A hotel night (named by the evening it starts) must be a night of the event:
 * from the night before the first day (long travel) to the night before the
 * last day.
 */
export function checkNightDate(night: IsoDate, event: { startsAt: Date; endsAt: Date }): string | null {
  const first = shiftDate(osloDate(event.startsAt), -1)
  const last = shiftDate(osloDate(event.endsAt), -1)
  if (night < first || night > last) {
    return 'Natten må være mellom natten før første dag og natten før siste dag.'
  }
  return null
}

/** A day of the event must lie within its start and end dates. */
export function checkDayDate(day: IsoDate, event: { startsAt: Date; endsAt: Date }): string | null {
  if (day < osloDate(event.startsAt) || day > osloDate(event.endsAt)) return 'Dagen må være innenfor samlingens datoer.'
  return null
}

/**
 * Kroner as typed by a Norwegian ("2500", "2 500", "649,50", "649.5") to øre;
 * null for anything that is not a non-negative amount with at most two decimals.
 */
export function kronerToOre(text: string): number | null {
  const cleaned = text
    .replace(/[\s\u00a0]/g, '')
    .replace(/kr$/i, '')
    .replace(',', '.')
  if (!/^\d+(\.\d{1,2})?$/.test(cleaned)) return null
  const [whole = '0', fraction = ''] = cleaned.split('.')
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'))
}

/** Øre as kroner for a form field: 250000 → "2500", 64950 → "649,50". */
export function oreToKronerText(ore: number): string {
  const whole = Math.floor(ore / 100)
  const rest = ore % 100
  return rest === 0 ? String(whole) : `${whole},${String(rest).padStart(2, '0')}`
}

/** The time fields of a date whose times the clock skips, for a form's messages. */
export function skippedTimes<K extends string>(date: IsoDate, times: Partial<Record<K, string | undefined>>): K[] {
  return (Object.entries(times) as Array<[K, string | undefined]>)
    .filter(([, time]) => time !== undefined && !wallClockExists(date, time))
    .map(([field]) => field)
}
