import { bilingual, type LanguageForm, texts } from './language'
import type { RateLimit } from './limits'

/**
 * The day-1 survey (decision 049), pure: where a survey stands by its times,
 * what a valid answer is, its short code, and the results as the chart and
 * the table show them. No I/O and no zod here, so pages may import it
 * (decision 37); the form schemas are in app/domain/survey-form.ts.
 */

/** Where a survey stands: the one input of the policy's `survey.answer` (app/domain/permissions.ts). */
export type SurveyState = 'not_open' | 'open' | 'closed'

export interface SurveyTimes {
  opens_at: Date | null
  closes_at: Date | null
}

/**
 * The survey's state at `now`: closed from its closing time, open from its
 * opening time until then, otherwise not open (no opening time, or one to come).
 */
export function surveyState(survey: SurveyTimes, now: Date): SurveyState {
  const t = now.getTime()
  if (survey.closes_at && survey.closes_at.getTime() <= t) return 'closed'
  if (survey.opens_at && survey.opens_at.getTime() <= t) return 'open'
  return 'not_open'
}

/** The words for a state, for the organiser's pages, in both written forms. */
export const SURVEY_STATE_LABELS = texts<Record<SurveyState, string>>({
  nb: { not_open: 'Ikke åpnet', open: 'Åpen', closed: 'Stengt' },
  nn: { not_open: 'Ikkje opna', open: 'Open', closed: 'Stengd' },
})

/**
 * The times after "Åpne nå": open from now (an earlier opening is kept, so a
 * reopened survey still shows when it first opened), with no closing time,
 * or with one still to come.
 */
export function openNow(survey: SurveyTimes, now: Date): SurveyTimes {
  const opensAt = survey.opens_at && survey.opens_at.getTime() <= now.getTime() ? survey.opens_at : now
  const closesAt = survey.closes_at && survey.closes_at.getTime() > now.getTime() ? survey.closes_at : null
  return { opens_at: opensAt, closes_at: closesAt }
}

/**
 * The times after "Steng nå": closed from now. An opening still to come (or
 * at this very instant) is dropped, since the database wants a closing after
 * the opening and the survey never opened.
 */
export function closeNow(survey: SurveyTimes, now: Date): SurveyTimes {
  const opened = survey.opens_at && survey.opens_at.getTime() < now.getTime() ? survey.opens_at : null
  return { opens_at: opened, closes_at: now }
}

/** What the survey's code is made of: capitals and digits without the easily confused 0/O and 1/I/L. */
export const SURVEY_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789'
export const SURVEY_CODE_LENGTH = 6
/** The pattern the database checks (migration 2026-12-02-16-gathering-days). */
export const SURVEY_CODE_PATTERN = /^[A-Z0-9]{4,12}$/

/** A code from random bytes (the service draws them): one character per byte. */
export function surveyCodeFrom(randomBytes: Uint8Array, length = SURVEY_CODE_LENGTH): string {
  if (randomBytes.length < length) throw new RangeError(`Need ${length} random bytes`)
  let code = ''
  for (let i = 0; i < length; i++) code += SURVEY_CODE_ALPHABET[(randomBytes[i] as number) % SURVEY_CODE_ALPHABET.length]
  return code
}

/** A code as people type it from a slide: any case, with spaces or dashes. */
export function normaliseSurveyCode(input: string): string {
  return input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s-]+/g, '')
}

/** Code-and-email tries from one client address per 15 minutes (a guesser tries many emails; a hall of phones shares few addresses). */
export const SURVEY_CODE_TRIES_PER_CLIENT: RateLimit = { limit: 300, windowMs: 15 * 60 * 1000 }

/** The longest free-text answer. */
export const FREE_TEXT_MAX = 500
/** At most this many options per question, each at most this long. */
export const OPTIONS_MAX = 30
export const OPTION_LABEL_MAX = 200

/** The options of a question from a textarea, one per line: trimmed, empty lines and repeats left out. */
export function optionLines(text: string): string[] {
  const seen = new Set<string>()
  const lines: string[] = []
  for (const raw of text.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.normalize('NFC').trim()
    const key = line.toLocaleLowerCase('nb')
    if (!line || seen.has(key)) continue
    seen.add(key)
    lines.push(line)
  }
  return lines
}

export type QuestionKind = 'single' | 'multiple'

export interface QuestionRule {
  id: string
  kind: QuestionKind
  allows_free_text: boolean
  optionIds: readonly string[]
}

/**
 * Why an answer to a question cannot be stored, or null: one
 * option for a single choice, one or more for a multiple choice, every one
 * an option of this question; free text only where the question asks for it.
 * The reason is `bilingual` (bokmål and nynorsk in one string): it becomes a
 * zod issue message, cut to the reader's form where it is shown (decision 054).
 */
export function answerProblem(question: QuestionRule, optionIds: readonly string[], freeText: string | null): string | null {
  const own = new Set(question.optionIds)
  if (optionIds.some((id) => !own.has(id))) return bilingual('Velg blant svaralternativene til spørsmålet.', 'Vel mellom svaralternativa til spørsmålet.')
  if (new Set(optionIds).size !== optionIds.length) return bilingual('Velg hvert svaralternativ bare én gang.', 'Vel kvart svaralternativ berre éin gong.')
  if (question.kind === 'single' && optionIds.length !== 1) return bilingual('Velg ett svaralternativ.', 'Vel eitt svaralternativ.')
  if (question.kind === 'multiple' && optionIds.length === 0) return bilingual('Velg minst ett svaralternativ.', 'Vel minst eitt svaralternativ.')
  if (freeText !== null && freeText.length > 0 && !question.allows_free_text)
    return bilingual('Spørsmålet har ikke fritekstsvar.', 'Spørsmålet har ikkje fritekstsvar.')
  if (freeText !== null && freeText.length > FREE_TEXT_MAX)
    return bilingual(`Teksten er for lang (høyst ${FREE_TEXT_MAX} tegn).`, `Teksten er for lang (høgst ${FREE_TEXT_MAX} teikn).`)
  return null
}

/** The name of the answer field for a question in the answer form, and of its free text. */
export const answerField = (questionId: string) => `svar-${questionId}`
export const freeTextField = (questionId: string) => `fritekst-${questionId}`

export interface ResultQuestionInput {
  id: string
  prompt: string
  kind: QuestionKind
  allows_free_text: boolean
  options: Array<{ id: string; label: string }>
}

/** One row of the results' grouped query: a count per option, or (option null) the number answering the question. */
export interface ResultCount {
  question_id: string
  option_id: string | null
  count: number
}

export interface QuestionResult {
  id: string
  prompt: string
  kind: QuestionKind
  /** How many answered the question. */
  answering: number
  /** Per option, in the question's order: how many chose it and their share of those answering (0 when nobody has). */
  options: Array<{ id: string; label: string; count: number; share: number }>
  /** The free-text answers, as written. */
  freeTexts: string[]
}

/** The results per question, from the grouped counts and the free texts. */
export function shapeResults(
  questions: readonly ResultQuestionInput[],
  counts: readonly ResultCount[],
  freeTexts: ReadonlyArray<{ question_id: string; free_text: string }>,
): QuestionResult[] {
  const byOption = new Map<string, number>()
  const answering = new Map<string, number>()
  for (const c of counts) {
    if (c.option_id === null) answering.set(c.question_id, Number(c.count))
    else byOption.set(`${c.question_id} ${c.option_id}`, Number(c.count))
  }
  return questions.map((q) => {
    const n = answering.get(q.id) ?? 0
    return {
      id: q.id,
      prompt: q.prompt,
      kind: q.kind,
      answering: n,
      options: q.options.map((o) => {
        const count = byOption.get(`${q.id} ${o.id}`) ?? 0
        return { id: o.id, label: o.label, count, share: n === 0 ? 0 : count / n }
      }),
      freeTexts: freeTexts.filter((f) => f.question_id === q.id && f.free_text.trim() !== '').map((f) => f.free_text),
    }
  })
}

/** "40 %" (a share of those answering, whole per cent, Norwegian spacing). */
export function formatShare(share: number): string {
  return `${Math.round(share * 100)}\u00a0%`
}

const answeringTexts = texts({
  nb: { none: 'Ingen har svart ennå.', some: (count: number) => `${count} har svart.` },
  nn: { none: 'Ingen har svart enno.', some: (count: number) => `${count} har svart.` },
})

/** "1 har svart.", "12 har svart."; "Ingen har svart ennå." as the sentence for none. */
export function answeringText(count: number, languageForm: LanguageForm): string {
  const t = answeringTexts[languageForm]
  return count === 0 ? t.none : t.some(count)
}
