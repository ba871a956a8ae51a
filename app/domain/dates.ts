import { TZDate } from '@date-fns/tz'
import { format } from 'date-fns'
import { nb } from 'date-fns/locale'

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

/** The instant at which the Oslo wall clock shows `date` `time` ('HH:MM' or 'HH.MM'). */
export function osloDateTime(date: IsoDate, time: string): Date {
  const d = ISO_DATE.exec(date)
  const t = WALL_TIME.exec(time)
  if (!d || !t) throw new RangeError(`Not a date and time: ${date} ${time}`)
  const zoned = TZDate.tz(TIME_ZONE, Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]))
  return new Date(zoned.getTime())
}

function inOslo(instant: Date): TZDate {
  return new TZDate(instant.getTime(), TIME_ZONE)
}

/** A calendar day as a date at noon in Oslo, safe to format without slipping a day. */
function dayInOslo(date: IsoDate): TZDate {
  return inOslo(osloDateTime(date, '12:00'))
}

/** The Oslo calendar day of an instant. */
export function osloDate(instant: Date): IsoDate {
  return format(inOslo(instant), 'yyyy-MM-dd')
}

/** "11:00", the value of a time input. */
export function osloTimeValue(instant: Date): string {
  return format(inOslo(instant), 'HH:mm')
}

/** "11.00" */
export function formatTime(instant: Date): string {
  return format(inOslo(instant), 'HH.mm')
}

/** "11. november 2021" */
export function formatDate(instant: Date): string {
  return format(inOslo(instant), 'd. MMMM yyyy', { locale: nb })
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
  return format(dayInOslo(date), 'd. MMMM yyyy', { locale: nb })
}

/** "torsdag 11. november 2021" for an IsoDate. */
export function formatWeekday(date: IsoDate): string {
  return format(dayInOslo(date), 'EEEE d. MMMM yyyy', { locale: nb })
}

/**
 * The days an event spans, as Norwegians write them: "11.–12. november 2021",
 * "30. november–1. desember 2021", "30. desember 2021–2. januar 2022", or one
 * day alone.
 */
export function formatDateRange(start: Date, end: Date): string {
  const a = inOslo(start)
  const b = inOslo(end)
  if (osloDate(start) === osloDate(end)) return formatDate(start)
  if (a.getFullYear() !== b.getFullYear()) return `${formatDate(start)}–${formatDate(end)}`
  if (a.getMonth() !== b.getMonth()) {
    return `${format(a, 'd. MMMM', { locale: nb })}–${formatDate(end)}`
  }
  return `${format(a, 'd.')}–${formatDate(end)}`
}

/** The night that starts on `date`: "11.–12. november 2021". */
export function formatNight(date: IsoDate): string {
  const start = osloDateTime(date, '12:00')
  const next = new Date(start.getTime() + 24 * 60 * 60 * 1000)
  return formatDateRange(start, next)
}
