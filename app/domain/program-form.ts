import { z } from 'zod'
import { MEALS, PROGRAM_KINDS, type ProgramKind } from './program'
import { ROLE_CATEGORIES } from './roles'
import { DomainError } from './errors'
import { skippedTimes } from './event-rules'
import {
  type BothForms,
  checkboxField,
  COUNT_MAX,
  countField,
  dateField,
  idField,
  INVALID_CHOICE,
  isCalendarDate,
  optionalText,
  requiredText,
  timeField,
} from './forms'
import { bilingual } from './language'

/**
 * The organiser's forms for days, hotel nights, parallel slots and program
 * items. Rules that need the event (dates within it, a slot on the item's day)
 * are checked by the service; these check each form on its own.
 */

const date = dateField()
const time = timeField
const optionalTime = time.optional()
const label = (missing: BothForms, max = 200) => requiredText(missing, max)
const checkbox = checkboxField()
const id = idField().optional()
const TIME_NOT_ON_CLOCK = new DomainError('time_not_on_clock')
const chooseDay = bilingual('Velg dag.', 'Vel dag.')

const endAfterStart = <T extends { startTime: string; endTime?: string }>(value: T, ctx: z.RefinementCtx) => {
  if (value.endTime && value.endTime.replace('.', ':') <= value.startTime.replace('.', ':')) {
    ctx.addIssue({ code: 'custom', path: ['endTime'], message: bilingual('Slutt må være etter start.', 'Slutt må vere etter start.') })
  }
}

export const dayFormSchema = z
  .object({
    id,
    date,
    label: label({ nb: 'Fyll inn navn på dagen, for eksempel «Dag 1».', nn: 'Fyll inn namn på dagen, til dømes «Dag 1».' }, 60),
    startTime: time,
    endTime: time,
    meals: z.array(z.enum(Object.keys(MEALS) as [keyof typeof MEALS], { error: INVALID_CHOICE }), { error: INVALID_CHOICE }).optional(),
  })
  .superRefine((day, ctx) => {
    endAfterStart(day, ctx)
    // Times the clock skips that day (summer time) would end a day before it starts.
    if (!isCalendarDate(day.date)) return
    for (const field of skippedTimes(day.date, { startTime: day.startTime, endTime: day.endTime })) {
      ctx.addIssue({ code: 'custom', path: [field], message: bilingual(TIME_NOT_ON_CLOCK.messageIn('nb'), TIME_NOT_ON_CLOCK.messageIn('nn')) })
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
      ctx.addIssue({
        code: 'custom',
        path: ['releaseDate'],
        message: bilingual('Frigivelsesdatoen kan ikke være etter natten.', 'Frigjevingsdatoen kan ikkje vere etter natta.'),
      })
    }
  })

export const slotFormSchema = z
  .object({
    id,
    dayId: idField(chooseDay),
    label: label({ nb: 'Fyll inn navn på sesjonsbolken.', nn: 'Fyll inn namn på sesjonsbolken.' }),
    description: optionalText(),
    startTime: time,
    endTime: time,
  })
  .superRefine(endAfterStart)

export const itemFormSchema = z
  .object({
    id,
    kind: z.enum(Object.keys(PROGRAM_KINDS) as [ProgramKind], { error: bilingual('Velg type.', 'Vel type.') }),
    dayId: idField(chooseDay).optional(),
    digitalDate: date.optional(),
    slotId: idField(bilingual('Velg sesjonsbolk.', 'Vel sesjonsbolk.')).optional(),
    startTime: time,
    endTime: optionalTime,
    title: label({ nb: 'Fyll inn tittel.', nn: 'Fyll inn tittel.' }, 300),
    description: optionalText(),
    speakers: optionalText(3000),
    room: optionalText(200, { multiline: false }),
    capacity: countField(COUNT_MAX.capacity).optional(),
    requiresSignup: checkbox,
    restricted: checkbox,
    restrictedToRoles: z
      .array(z.enum(Object.keys(ROLE_CATEGORIES) as [keyof typeof ROLE_CATEGORIES], { error: INVALID_CHOICE }), { error: INVALID_CHOICE })
      .optional(),
  })
  .superRefine((item, ctx) => {
    endAfterStart(item, ctx)
    if (item.kind === 'digital' && !item.digitalDate) {
      ctx.addIssue({ code: 'custom', path: ['digitalDate'], message: bilingual('Velg dato for den digitale sesjonen.', 'Vel dato for den digitale sesjonen.') })
    }
    if (item.kind !== 'digital' && !item.dayId) {
      ctx.addIssue({ code: 'custom', path: ['dayId'], message: chooseDay })
    }
    if (item.kind === 'parallel' && !item.slotId) {
      ctx.addIssue({
        code: 'custom',
        path: ['slotId'],
        message: bilingual('En parallellsesjon må høre til en sesjonsbolk.', 'Ein parallellsesjon må høyre til ein sesjonsbolk.'),
      })
    }
    if ((item.kind === 'parallel' || item.requiresSignup) && (item.capacity === undefined || item.capacity < 1)) {
      ctx.addIssue({ code: 'custom', path: ['capacity'], message: bilingual('Fyll inn antall plasser, minst 1.', 'Fyll inn talet på plassar, minst 1.') })
    } else if (item.capacity !== undefined && item.capacity < 1) {
      ctx.addIssue({ code: 'custom', path: ['capacity'], message: bilingual('Antall plasser må være minst 1.', 'Talet på plassar må vere minst 1.') })
    }
    if (item.restricted && (item.restrictedToRoles ?? []).length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['restrictedToRoles'],
        message: bilingual('Velg minst én rolle som sesjonen er åpen for.', 'Vel minst éi rolle som sesjonen er open for.'),
      })
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
  id: idField(),
  onlineUrl: requiredText({ nb: 'Skriv inn lenken.', nn: 'Skriv inn lenka.' }, 2000),
})
