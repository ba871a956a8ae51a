import { z } from 'zod'
import { MEALS, PROGRAM_KINDS, type ProgramKind } from './program'
import { ROLE_CATEGORIES } from './roles'
import { DomainError } from './errors'
import { skippedTimes } from './event-rules'
import { COUNT_MAX, countField, dateField, isCalendarDate, optionalText, requiredText, timeField } from './forms'

/**
 * The organiser's forms for days, hotel nights, parallel slots and program
 * items. Rules that need the event (dates within it, a slot on the item's day)
 * are checked by the service; these check each form on its own.
 */

const date = dateField()
const time = timeField
const optionalTime = time.optional()
const label = (what: string, max = 200) => requiredText(what, max)
const checkbox = z.literal('on').optional()
const id = z.uuid().optional()

const endAfterStart = <T extends { startTime: string; endTime?: string }>(value: T, ctx: z.RefinementCtx) => {
  if (value.endTime && value.endTime.replace('.', ':') <= value.startTime.replace('.', ':')) {
    ctx.addIssue({ code: 'custom', path: ['endTime'], message: 'Slutt må være etter start.' })
  }
}

export const dayFormSchema = z
  .object({
    id,
    date,
    label: label('navn på dagen, for eksempel «Dag 1»', 60),
    startTime: time,
    endTime: time,
    meals: z.array(z.enum(Object.keys(MEALS) as [keyof typeof MEALS])).optional(),
  })
  .superRefine((day, ctx) => {
    endAfterStart(day, ctx)
    // Times the clock skips that day (summer time) would end a day before it starts.
    if (!isCalendarDate(day.date)) return
    for (const field of skippedTimes(day.date, { startTime: day.startTime, endTime: day.endTime })) {
      ctx.addIssue({ code: 'custom', path: [field], message: new DomainError('time_not_on_clock').messageIn('nb') })
    }
  })

export const nightFormSchema = z
  .object({
    id,
    date,
    rooms: countField(COUNT_MAX.rooms),
    releaseDate: date.optional(),
    covered: checkbox,
    requiresReason: checkbox,
  })
  .superRefine((night, ctx) => {
    // The hotel releases unbooked rooms on or before the night, never after it.
    if (night.releaseDate && night.releaseDate > night.date) {
      ctx.addIssue({ code: 'custom', path: ['releaseDate'], message: 'Frigivelsesdatoen kan ikke være etter natten.' })
    }
  })

export const slotFormSchema = z
  .object({
    id,
    dayId: z.uuid({ error: 'Velg dag.' }),
    label: label('navn på sesjonsbolken'),
    description: optionalText(),
    startTime: time,
    endTime: time,
  })
  .superRefine(endAfterStart)

export const itemFormSchema = z
  .object({
    id,
    kind: z.enum(Object.keys(PROGRAM_KINDS) as [ProgramKind], { error: 'Velg type.' }),
    dayId: z.uuid().optional(),
    digitalDate: date.optional(),
    slotId: z.uuid().optional(),
    startTime: time,
    endTime: optionalTime,
    title: label('tittel', 300),
    description: optionalText(),
    speakers: optionalText(3000),
    room: optionalText(200, { multiline: false }),
    capacity: countField(COUNT_MAX.capacity).optional(),
    requiresSignup: checkbox,
    restricted: checkbox,
    restrictedToRoles: z.array(z.enum(Object.keys(ROLE_CATEGORIES) as [keyof typeof ROLE_CATEGORIES])).optional(),
  })
  .superRefine((item, ctx) => {
    endAfterStart(item, ctx)
    if (item.kind === 'digital' && !item.digitalDate) {
      ctx.addIssue({ code: 'custom', path: ['digitalDate'], message: 'Velg dato for den digitale sesjonen.' })
    }
    if (item.kind !== 'digital' && !item.dayId) {
      ctx.addIssue({ code: 'custom', path: ['dayId'], message: 'Velg dag.' })
    }
    if (item.kind === 'parallel' && !item.slotId) {
      ctx.addIssue({ code: 'custom', path: ['slotId'], message: 'En parallellsesjon må høre til en sesjonsbolk.' })
    }
    if ((item.kind === 'parallel' || item.requiresSignup) && (item.capacity === undefined || item.capacity < 1)) {
      ctx.addIssue({ code: 'custom', path: ['capacity'], message: 'Fyll inn antall plasser, minst 1.' })
    } else if (item.capacity !== undefined && item.capacity < 1) {
      ctx.addIssue({ code: 'custom', path: ['capacity'], message: 'Antall plasser må være minst 1.' })
    }
    if (item.restricted && (item.restrictedToRoles ?? []).length === 0) {
      ctx.addIssue({ code: 'custom', path: ['restrictedToRoles'], message: 'Velg minst én rolle som sesjonen er åpen for.' })
    }
  })

export type DayForm = z.output<typeof dayFormSchema>
export type NightForm = z.output<typeof nightFormSchema>
export type SlotForm = z.output<typeof slotFormSchema>
export type ItemForm = z.output<typeof itemFormSchema>

/** Speakers as the form holds them: one per line. */
export function speakersFromText(text: string | undefined): string[] {
  return (text ?? '')
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
}

/** Publishing the link of a digital session. */
export const onlineLinkFormSchema = z.object({
  id: z.uuid(),
  onlineUrl: requiredText('lenken', 2000, { missing: 'Skriv inn lenken.' }),
})
