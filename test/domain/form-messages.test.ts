import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import * as allocation from '~/domain/allocation-form'
import * as attendance from '~/domain/attendance-form'
import * as cafeTable from '~/domain/cafe-table-form'
import * as dataRequest from '~/domain/data-request-form'
import * as event from '~/domain/event-form'
import * as forms from '~/domain/forms'
import { inLanguage } from '~/domain/language'
import * as login from '~/domain/login-form'
import * as message from '~/domain/message-form'
import * as municipality from '~/domain/municipality-form'
import * as participant from '~/domain/participant-form'
import * as program from '~/domain/program-form'
import * as sessionWishes from '~/domain/session-wishes-form'
import * as survey from '~/domain/survey-form'
import * as team from '~/domain/team-form'

/**
 * Every message a form schema gives is `bilingual` (decision 54): a page in
 * nynorsk must never show a bokmål message, nor zod's English one. Each
 * exported schema is given a set of bad inputs, and every message it answers
 * with must carry both halves.
 */

const modules = {
  allocation,
  attendance,
  cafeTable,
  dataRequest,
  event,
  forms,
  login,
  message,
  municipality,
  participant,
  program,
  sessionWishes,
  survey,
  team,
}

/** Ids in URLs: a bad one is a 404, never a message on a page. */
const URL_PARAMS = new Set(['forms.uuidParam', 'municipality.municipalityIdParam'])

const BAD_VALUES: unknown[] = [
  undefined,
  '',
  ' ',
  'x',
  '-1',
  '1.5',
  '\u0007',
  'Kari \u202eNordmann',
  'Kari \ufffd',
  '\u200b\u200b',
  'x'.repeat(20_001),
  '2027-02-30',
  '1900-01-01',
  '25:61',
  '99999999999',
  'ikke-en-uuid',
  ['a', 'b'],
  [''],
  { nested: true },
]

/** The field names of an object schema, through transforms and pipes. */
function keysOf(schema: z.ZodType): string[] | null {
  if (schema instanceof z.ZodObject) return Object.keys(schema.shape)
  const def = schema.def as { in?: z.ZodType; innerType?: z.ZodType }
  if (def.in) return keysOf(def.in)
  if (def.innerType) return keysOf(def.innerType)
  return null
}

function messagesOf(schema: z.ZodType): string[] {
  const keys = keysOf(schema)
  // A form posts an object (conform's parser makes one of any body); a field schema gets the bad values themselves.
  const inputs = keys ? [...BAD_VALUES.map((bad) => Object.fromEntries(keys.map((k) => [k, bad]))), {}] : BAD_VALUES
  const found: string[] = []
  for (const input of inputs) {
    const result = schema.safeParse(input)
    if (!result.success) found.push(...result.error.issues.map((i) => i.message))
  }
  return found
}

const schemas: Array<[string, z.ZodType]> = []
for (const [moduleName, exports] of Object.entries(modules)) {
  for (const [name, value] of Object.entries(exports)) {
    const id = `${moduleName}.${name}`
    if (URL_PARAMS.has(id)) continue
    if (value instanceof z.ZodType) schemas.push([id, value])
  }
}
// Schemas made by a function: the answer form of a survey, a date and a count field.
const question = {
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'single' as const,
  allows_free_text: false,
  optionIds: ['00000000-0000-4000-8000-000000000002'],
}
schemas.push(['survey.answerFormSchema()', survey.answerFormSchema([question])])
schemas.push(['forms.dateField()', forms.dateField()])
schemas.push(['forms.countField()', forms.countField(10)])
schemas.push(['forms.requiredText()', forms.requiredText({ nb: 'Fyll inn tittel.', nn: 'Fyll inn tittel.' }, 10)])
schemas.push(['forms.requiredMultilineText()', forms.requiredMultilineText({ nb: 'Skriv meldingen.', nn: 'Skriv meldinga.' }, 10, { min: 3 })])
schemas.push(['forms.optionalText()', forms.optionalText(10) as z.ZodType])

describe('form messages in bokmål and nynorsk', () => {
  it('finds the schemas', () => {
    expect(schemas.length).toBeGreaterThan(40)
    // The bad inputs do reach the messages: a few hundred of them across the forms.
    expect(schemas.flatMap(([, schema]) => messagesOf(schema)).length).toBeGreaterThan(300)
  })

  it.each(schemas)('%s answers bad input in both forms', (_name, schema) => {
    const messages = messagesOf(schema)
    for (const m of new Set(messages)) {
      expect(inLanguage(m, 'nn'), m).not.toBe(m)
      expect(inLanguage(m, 'nb'), m).not.toBe(m)
      expect(inLanguage(m, 'nn').trim(), m).not.toBe('')
      // No English from zod, and no bokmål-only words in the nynorsk half.
      expect(inLanguage(m, 'nb'), m).not.toMatch(/\b(Invalid|expected|received|Required)\b/)
      expect(inLanguage(m, 'nn'), m).not.toMatch(/\b(ikke|hva|hvem|hvor|hvordan|hvis|hver|fra|noen|noe|bare|også|velg|navn|deltakere|finnes|høyst|tegn)\b/i)
    }
  })
})
