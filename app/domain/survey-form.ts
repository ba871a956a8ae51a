import { z } from 'zod'
import { osloDateTime, wallClockExists } from './dates'
import { dateField, emailField, optionalText, requiredText, timeField } from './forms'
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
  .string()
  .optional()
  .transform((v) => (v ? normaliseSurveyCode(v) : ''))

/** Title and (optionally) the code; an empty code keeps the one there is, or draws one. */
export const surveyFormSchema = z.object({
  title: requiredText('tittel', 200),
  code: codeText.refine((v) => v === '' || SURVEY_CODE_PATTERN.test(v), 'Koden skal ha 4 til 12 tegn: bokstavene A–Z og sifre.'),
})

/** One question with its options, one per line. */
export const questionFormSchema = z.object({
  questionId: z.uuid().optional(),
  prompt: requiredText('spørsmålet', 300),
  kind: z.enum(['single', 'multiple'], { error: 'Velg om deltakerne velger ett eller flere svar.' }),
  allowsFreeText: z.literal('on').optional(),
  options: z
    .string({ error: 'Skriv svaralternativene, ett på hver linje.' })
    .transform((v) => optionLines(v))
    .superRefine((lines, ctx) => {
      const message =
        lines.length < 2
          ? 'Skriv minst to svaralternativer, ett på hver linje.'
          : lines.length > OPTIONS_MAX
            ? `Skriv høyst ${OPTIONS_MAX} svaralternativer.`
            : lines.some((l) => l.length > OPTION_LABEL_MAX)
              ? `Hvert svaralternativ kan ha høyst ${OPTION_LABEL_MAX} tegn.`
              : null
      if (message) ctx.addIssue({ code: 'custom', message })
    }),
})

export type QuestionInput = z.output<typeof questionFormSchema>

/** Opening and closing times; either may be left empty (a survey opened with "Åpne nå", or left open). */
export const surveyTimesFormSchema = z
  .object({
    opensDate: dateField('dato for åpning').optional().or(z.literal('')),
    opensTime: timeField.optional().or(z.literal('')),
    closesDate: dateField('dato for stenging').optional().or(z.literal('')),
    closesTime: timeField.optional().or(z.literal('')),
  })
  .transform((f, ctx) => {
    const at = (date: string | undefined, time: string | undefined, field: 'opensTime' | 'closesTime') => {
      if (!date && !time) return null
      if (!date || !time) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'Fyll inn både dato og klokkeslett, eller la begge stå tomme.' })
        return null
      }
      if (!wallClockExists(date, time)) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'Klokkeslettet finnes ikke den dagen (sommertid). Velg et annet.' })
        return null
      }
      return osloDateTime(date, time)
    }
    const opensAt = at(f.opensDate || undefined, f.opensTime || undefined, 'opensTime')
    const closesAt = at(f.closesDate || undefined, f.closesTime || undefined, 'closesTime')
    if (opensAt && closesAt && closesAt.getTime() <= opensAt.getTime()) {
      ctx.addIssue({ code: 'custom', path: ['closesTime'], message: 'Stengetidspunktet må være etter åpningstidspunktet.' })
    }
    return { opensAt, closesAt }
  })

/** "Åpne nå", optionally sending everyone their link at once. */
export const openSurveyFormSchema = z.object({ sendLinks: z.literal('on').optional() })
/** Forms that carry nothing but their intent ("Steng nå", "Send lenker"). */
export const emptyFormSchema = z.object({})
export const questionIdFormSchema = z.object({ id: z.uuid() })

/** The phone page without a link: the survey's code from the slide and the email one enrolled with. */
export const surveyCodeFormSchema = z.object({
  code: z
    .string({ error: 'Skriv inn koden fra lysbildet.' })
    .transform(normaliseSurveyCode)
    .refine((v) => v.length > 0, 'Skriv inn koden fra lysbildet.')
    .refine((v) => v.length === 0 || SURVEY_CODE_PATTERN.test(v), 'Koden har 4 til 12 bokstaver og sifre, slik den står på lysbildet.'),
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
      .union([z.string(), z.array(z.string())])
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
