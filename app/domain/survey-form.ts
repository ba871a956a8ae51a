import { z } from 'zod'
import { osloDateTime, wallClockExists } from './dates'
import { checkboxField, dateField, emailField, idField, optionalText, requiredText, timeField } from './forms'
import { bilingual } from './language'
import {
  answerField,
  answerProblem,
  FREE_TEXT_MAX,
  freeTextField,
  normaliseSurveyCode,
  OPTION_LABEL_MAX,
  OPTIONS_MAX,
  optionLines,
  type QuestionRule,
  SURVEY_CODE_PATTERN,
} from './survey'

/**
 * The survey's forms (decision 049): the organiser's builder and times, the
 * code-and-email form, and the answer form, whose fields follow the survey's
 * questions. Apart from survey.ts, so the pages that import the survey's
 * rules do not carry zod (decision 37).
 */

const codeText = z
  .string({ error: bilingual('Skriv inn koden.', 'Skriv inn koden.') })
  .optional()
  .transform((v) => (v ? normaliseSurveyCode(v) : ''))

/** Title and (optionally) the code; an empty code keeps the one there is, or draws one. */
export const surveyFormSchema = z.object({
  title: requiredText({ nb: 'Fyll inn tittel.', nn: 'Fyll inn tittel.' }, 200),
  code: codeText.refine(
    (v) => v === '' || SURVEY_CODE_PATTERN.test(v),
    bilingual('Koden skal ha 4 til 12 tegn: bokstavene A–Z og sifre.', 'Koden skal ha 4 til 12 teikn: bokstavane A–Z og siffer.'),
  ),
})

/** One question with its options, one per line. */
export const questionFormSchema = z.object({
  questionId: idField().optional(),
  prompt: requiredText({ nb: 'Fyll inn spørsmålet.', nn: 'Fyll inn spørsmålet.' }, 300),
  kind: z.enum(['single', 'multiple'], {
    error: bilingual('Velg om deltakerne velger ett eller flere svar.', 'Vel om deltakarane vel eitt eller fleire svar.'),
  }),
  allowsFreeText: checkboxField(),
  options: z
    .string({ error: bilingual('Skriv svaralternativene, ett på hver linje.', 'Skriv svaralternativa, eitt på kvar linje.') })
    .transform((v) => optionLines(v))
    .superRefine((lines, ctx) => {
      const message =
        lines.length < 2
          ? bilingual('Skriv minst to svaralternativer, ett på hver linje.', 'Skriv minst to svaralternativ, eitt på kvar linje.')
          : lines.length > OPTIONS_MAX
            ? bilingual(`Skriv høyst ${OPTIONS_MAX} svaralternativer.`, `Skriv høgst ${OPTIONS_MAX} svaralternativ.`)
            : lines.some((l) => l.length > OPTION_LABEL_MAX)
              ? bilingual(`Hvert svaralternativ kan ha høyst ${OPTION_LABEL_MAX} tegn.`, `Kvart svaralternativ kan ha høgst ${OPTION_LABEL_MAX} teikn.`)
              : null
      if (message) ctx.addIssue({ code: 'custom', message })
    }),
})

export type QuestionInput = z.output<typeof questionFormSchema>

/** A field that may be left empty, or holds what `schema` accepts. */
const emptyOr = <T extends z.ZodType>(schema: T, error: string) => z.union([schema.optional(), z.literal('')], { error })
const TIMES_UNREADABLE = bilingual('Skriv dato og klokkeslett på nytt.', 'Skriv dato og klokkeslett på nytt.')

/** Opening and closing times; either may be left empty (a survey opened with "Åpne nå", or left open). */
export const surveyTimesFormSchema = z
  .object({
    opensDate: emptyOr(dateField({ nb: 'dato for åpning', nn: 'dato for opning' }), TIMES_UNREADABLE),
    opensTime: emptyOr(timeField, TIMES_UNREADABLE),
    closesDate: emptyOr(dateField({ nb: 'dato for stenging', nn: 'dato for stenging' }), TIMES_UNREADABLE),
    closesTime: emptyOr(timeField, TIMES_UNREADABLE),
  })
  .transform((f, ctx) => {
    const at = (date: string | undefined, time: string | undefined, field: 'opensTime' | 'closesTime') => {
      if (!date && !time) return null
      if (!date || !time) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: bilingual('Fyll inn både dato og klokkeslett, eller la begge stå tomme.', 'Fyll inn både dato og klokkeslett, eller la begge stå tomme.'),
        })
        return null
      }
      if (!wallClockExists(date, time)) {
        ctx.addIssue({
          code: 'custom',
          path: [field],
          message: bilingual(
            'Klokkeslettet finnes ikke den dagen (sommertid). Velg et annet.',
            'Klokkeslettet finst ikkje den dagen (sommartid). Vel eit anna.',
          ),
        })
        return null
      }
      return osloDateTime(date, time)
    }
    const opensAt = at(f.opensDate || undefined, f.opensTime || undefined, 'opensTime')
    const closesAt = at(f.closesDate || undefined, f.closesTime || undefined, 'closesTime')
    if (opensAt && closesAt && closesAt.getTime() <= opensAt.getTime()) {
      ctx.addIssue({
        code: 'custom',
        path: ['closesTime'],
        message: bilingual('Stengetidspunktet må være etter åpningstidspunktet.', 'Stengjetidspunktet må vere etter opningstidspunktet.'),
      })
    }
    return { opensAt, closesAt }
  })

/** "Åpne nå", optionally sending everyone their link at once. */
export const openSurveyFormSchema = z.object({ sendLinks: checkboxField() })
/** Forms that carry nothing but their intent ("Steng nå", "Send lenker"). */
export const emptyFormSchema = z.object({})
export const questionIdFormSchema = z.object({ id: idField() })

const CODE_MISSING = bilingual('Skriv inn koden fra lysbildet.', 'Skriv inn koden frå lysbiletet.')

/** The phone page without a link: the survey's code from the slide and the email one enrolled with. */
export const surveyCodeFormSchema = z.object({
  code: z
    .string({ error: CODE_MISSING })
    .transform(normaliseSurveyCode)
    .refine((v) => v.length > 0, CODE_MISSING)
    .refine(
      (v) => v.length === 0 || SURVEY_CODE_PATTERN.test(v),
      bilingual('Koden har 4 til 12 bokstaver og sifre, slik den står på lysbildet.', 'Koden har 4 til 12 bokstavar og siffer, slik han står på lysbiletet.'),
    ),
  email: emailField,
})

/** One answer as the service stores it. */
export interface AnswerInput {
  questionId: string
  optionIds: string[]
  freeText: string | null
}

/**
 * The answer form of a survey with these questions: per question its option
 * field (one value for a single choice, several for a multiple choice) and its
 * free text; checked with the pure rule (answerProblem), so a field names the
 * option of another question only to be refused.
 */
export function answerFormSchema(questions: readonly QuestionRule[]) {
  const shape: Record<string, z.ZodType> = {}
  for (const q of questions) {
    shape[answerField(q.id)] = z
      .union([z.string(), z.array(z.string())], { error: bilingual('Velg ett svaralternativ.', 'Vel eitt svaralternativ.') })
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    shape[freeTextField(q.id)] = optionalText(FREE_TEXT_MAX)
  }
  return z
    .object(shape)
    .superRefine((values, ctx) => {
      for (const q of questions) {
        const problem = answerProblem(q, values[answerField(q.id)] as string[], (values[freeTextField(q.id)] as string | undefined) || null)
        if (problem) ctx.addIssue({ code: 'custom', path: [answerField(q.id)], message: problem })
      }
    })
    .transform((values): AnswerInput[] =>
      questions.map((q) => ({
        questionId: q.id,
        optionIds: values[answerField(q.id)] as string[],
        freeText: q.allows_free_text ? (values[freeTextField(q.id)] as string | undefined) || null : null,
      })),
    )
}
