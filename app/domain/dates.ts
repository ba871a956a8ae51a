import { TZDate } from '@date-fns/tz'
import { addDays, differenceInCalendarDays, format, parseISO } from 'date-fns'
import { nb, nn } from 'date-fns/locale'

/**
 * The one place where instants meet the Norwegian wall clock. Every date and
 * time the product shows goes through these functions, in Europe/Oslo,
 * whatever the server's own time zone is.
 */
export const TIME_ZONE = 'Europe/Oslo'

/** A calendar day, 'YYYY-MM-DD'. */
export type IsoDate = string

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/
const WALL_TIME = /^(\d{2})[:.](\d{2})$/

/** Wall-clock readings already converted (see formatInOslo for why). */
const wallClock = new Map<string, number>()

/** The instant at which the Oslo wall clock shows `date` `time` ('HH:MM' or 'HH.MM'). */
export function osloDateTime(date: IsoDate, time: string): Date {
  const known = wallClock.get(`${date} ${time}`)
  if (known !== undefined) return new Date(known)
  const d = ISO_DATE.exec(date)
  const t = WALL_TIME.exec(time)
  if (!d || !t) throw new RangeError(`Not a date and time: ${date} ${time}`)
  const zoned = TZDate.tz(TIME_ZONE, Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]))
  if (wallClock.size >= 10_000) wallClock.clear()
  wallClock.set(`${date} ${time}`, zoned.getTime())
  return new Date(zoned.getTime())
}

function inOslo(instant: Date): TZDate {
  return new TZDate(instant.getTime(), TIME_ZONE)
}

/**
 * `format` on the Oslo wall clock. Time-zone arithmetic is the dear part of
 * every page and email, and the same few instants (an event's dates, its
 * deadline, its nights) come back all the time, so results are remembered.
 */
const formatted = new Map<string, string>()
function formatInOslo(instant: Date, pattern: string, languageForm: 'nb' | 'nn' = 'nb'): string {
  const key = `${languageForm}|${pattern}|${instant.getTime()}`
  let text = formatted.get(key)
  if (text === undefined) {
    text = format(inOslo(instant), pattern, { locale: languageForm === 'nn' ? nn : nb })
    if (formatted.size >= 10_000) formatted.clear()
    formatted.set(key, text)
  }
  return text
}

/** The Oslo calendar day of an instant. */
export function osloDate(instant: Date): IsoDate {
  return formatInOslo(instant, 'yyyy-MM-dd')
}

/** "11:00", the value of a time input. */
export function osloTimeValue(instant: Date): string {
  return formatInOslo(instant, 'HH:mm')
}

/** "11.00" */
export function formatTime(instant: Date): string {
  return formatInOslo(instant, 'HH.mm')
}

/** "11. november 2021" */
export function formatDate(instant: Date): string {
  return formatInOslo(instant, 'd. MMMM yyyy')
}

/** "11. november 2021 kl. 11.00" */
export function formatDateTime(instant: Date): string {
  return `${formatDate(instant)} kl. ${formatTime(instant)}`
}

/** "13.00–15.00", or "13.00" without an end. */
export function formatClockRange(start: Date, end?: Date | null): string {
  return end ? `${formatTime(start)}–${formatTime(end)}` : formatTime(start)
}

/** "kl. 13.00–15.00", or "kl. 13.00" without an end. */
export function formatTimeRange(start: Date, end?: Date | null): string {
  return `kl. ${formatClockRange(start, end)}`
}

/** "11. november 2021" for an IsoDate. */
export function formatDay(date: IsoDate): string {
  return formatInOslo(osloDateTime(date, '12:00'), 'd. MMMM yyyy')
}

/** "torsdag 11. november 2021" for an IsoDate ("torsdag" in nynorsk too, but "tysdag" for tirsdag). */
export function formatWeekday(date: IsoDate, languageForm: 'nb' | 'nn'): string {
  return formatInOslo(osloDateTime(date, '12:00'), 'EEEE d. MMMM yyyy', languageForm)
}

/**
 * The days an event spans, as Norwegians write them: "11.–12. november 2021",
 * "30. november–1. desember 2021", "30. desember 2021–2. januar 2022", or one
 * day alone.
 */
export function formatDateRange(start: Date, end: Date): string {
  const [a, b] = [osloDate(start), osloDate(end)]
  if (a === b) return formatDate(start)
  if (a.slice(0, 4) !== b.slice(0, 4)) return `${formatDate(start)}–${formatDate(end)}`
  if (a.slice(0, 7) !== b.slice(0, 7)) return `${formatInOslo(start, 'd. MMMM')}–${formatDate(end)}`
  return `${formatInOslo(start, 'd.')}–${formatDate(end)}`
}

/** The night that starts on `date`: "11.–12. november 2021". */
export function formatNight(date: IsoDate): string {
  const start = osloDateTime(date, '12:00')
  const next = new Date(start.getTime() + 24 * 60 * 60 * 1000)
  return formatDateRange(start, next)
}

/** Moves a calendar day by `days`. */
export function shiftDate(date: IsoDate, days: number): IsoDate {
  return format(addDays(parseISO(date), days), 'yyyy-MM-dd')
}

/** Whole calendar days from one day to another. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from))
}

/** The same Oslo wall-clock time `days` calendar days later (so 09.00 stays 09.00 across a DST change). */
export function shiftInstant(instant: Date, days: number): Date {
  return osloDateTime(shiftDate(osloDate(instant), days), formatTime(instant))
}

/**
 * Whether the Oslo wall clock shows `time` ('HH:MM' or 'HH.MM') on `date`: not
 * in the hour skipped when summer time begins (02.00–02.59 on the last Sunday
 * of March), which would otherwise become a later instant than a later time.
 */
export function wallClockExists(date: IsoDate, time: string): boolean {
  // Not a date and a time at all: their own fields say so, this rule has nothing to add.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^([01]\d|2[0-3])[:.][0-5]\d$/.test(time)) return true
  if (osloDate(osloDateTime(date, '12:00')) !== date) return true
  const instant = osloDateTime(date, time)
  return osloDate(instant) === date && osloTimeValue(instant) === time.replace('.', ':')
}
