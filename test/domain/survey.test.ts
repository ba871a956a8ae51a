import { describe, expect, it } from 'vitest'
import { inLanguage } from '~/domain/language'
import { can, refusal } from '~/domain/permissions'
import {
  answerField,
  answerProblem,
  answeringText,
  closeNow,
  formatShare,
  freeTextField,
  normaliseSurveyCode,
  openNow,
  optionLines,
  SURVEY_CODE_ALPHABET,
  SURVEY_CODE_PATTERN,
  shapeResults,
  surveyCodeFrom,
  surveyState,
} from '~/domain/survey'
import { answerFormSchema, questionFormSchema, surveyCodeFormSchema, surveyFormSchema, surveyTimesFormSchema } from '~/domain/survey-form'

const at = (iso: string) => new Date(iso)
const opens = at('2021-11-11T11:00:00Z')
const closes = at('2021-11-11T15:00:00Z')

describe('surveyState', () => {
  it('is not open without an opening time, or before it', () => {
    expect(surveyState({ opens_at: null, closes_at: null }, opens)).toBe('not_open')
    expect(surveyState({ opens_at: opens, closes_at: closes }, at('2021-11-11T10:59:59.999Z'))).toBe('not_open')
  })
  it('is open from the opening time until the closing time, which belongs to closed', () => {
    expect(surveyState({ opens_at: opens, closes_at: closes }, opens)).toBe('open')
    expect(surveyState({ opens_at: opens, closes_at: null }, at('2030-01-01T00:00:00Z'))).toBe('open')
    expect(surveyState({ opens_at: opens, closes_at: closes }, at('2021-11-11T14:59:59.999Z'))).toBe('open')
    expect(surveyState({ opens_at: opens, closes_at: closes }, closes)).toBe('closed')
    expect(surveyState({ opens_at: null, closes_at: closes }, closes)).toBe('closed')
  })
  it('feeds the policy: only an open survey may be answered, and only by a participant', () => {
    const context = (survey: 'not_open' | 'open' | 'closed') => ({ phase: 'running' as const, survey })
    expect(can('participant', 'survey.answer', context('open'))).toBe(true)
    expect(refusal('participant', 'survey.answer', context('not_open'))).toBe('survey_not_open')
    expect(refusal('participant', 'survey.answer', context('closed'))).toBe('survey_closed')
    expect(refusal('participant', 'survey.answer', { phase: 'archived', survey: 'open' })).toBe('survey_closed')
    expect(refusal('organiser', 'survey.answer', context('open'))).toBe('not_found')
  })
})

describe('opening and closing now', () => {
  const now = at('2021-11-11T12:00:00Z')
  it('opens now, keeping an earlier opening and dropping a past closing', () => {
    expect(openNow({ opens_at: null, closes_at: null }, now)).toEqual({ opens_at: now, closes_at: null })
    expect(openNow({ opens_at: opens, closes_at: at('2021-11-11T11:30:00Z') }, now)).toEqual({ opens_at: opens, closes_at: null })
    expect(openNow({ opens_at: at('2021-11-11T13:00:00Z'), closes_at: closes }, now)).toEqual({ opens_at: now, closes_at: closes })
  })
  it('closes now, dropping an opening still to come or at this very instant', () => {
    expect(closeNow({ opens_at: opens, closes_at: null }, now)).toEqual({ opens_at: opens, closes_at: now })
    expect(closeNow({ opens_at: now, closes_at: null }, now)).toEqual({ opens_at: null, closes_at: now })
    expect(closeNow({ opens_at: at('2021-11-11T13:00:00Z'), closes_at: closes }, now)).toEqual({ opens_at: null, closes_at: now })
  })
})

describe('the code', () => {
  it('is drawn from unambiguous capitals and digits, and fits the database’s pattern', () => {
    const code = surveyCodeFrom(Uint8Array.from([0, 1, 2, 30, 31, 255, 7, 8]))
    expect(code).toHaveLength(6)
    expect(code).toMatch(SURVEY_CODE_PATTERN)
    expect(SURVEY_CODE_ALPHABET).not.toMatch(/[01OIL]/)
    expect(() => surveyCodeFrom(new Uint8Array(3))).toThrow(RangeError)
  })
  it('is read as people type it', () => {
    expect(normaliseSurveyCode(' mr-2021 ')).toBe('MR2021')
    expect(normaliseSurveyCode('ｍｒ２０２１')).toBe('MR2021')
  })
})

describe('the builder forms', () => {
  it('take options one per line, trimmed, without empty lines or repeats', () => {
    expect(optionLines(' Kurs \r\n\nNettverk\nkurs\n  \nPenger')).toEqual(['Kurs', 'Nettverk', 'Penger'])
    const ok = questionFormSchema.safeParse({ prompt: ' Hva trenger du? ', kind: 'multiple', options: 'A\nB' })
    expect(ok.success && ok.data).toEqual({ prompt: 'Hva trenger du?', kind: 'multiple', options: ['A', 'B'] })
  })
  it('refuse fewer than two options, a missing prompt, and an unknown kind, in Norwegian', () => {
    const result = questionFormSchema.safeParse({ prompt: '', kind: 'ranked', options: 'Bare én' })
    expect(result.success).toBe(false)
    const messages = result.error?.issues.map((i) => inLanguage(i.message, 'nb')) ?? []
    expect(messages).toContain('Skriv minst to svaralternativer, ett på hver linje.')
    expect(messages).toContain('Fyll inn spørsmålet.')
    expect(messages).toContain('Velg om deltakerne velger ett eller flere svar.')
  })
  it('take a code of 4 to 12 letters and digits, or none', () => {
    expect(surveyFormSchema.safeParse({ title: 'Tema', code: 'mr 2021' }).data).toEqual({ title: 'Tema', code: 'MR2021' })
    expect(surveyFormSchema.safeParse({ title: 'Tema' }).data).toEqual({ title: 'Tema', code: '' })
    expect(surveyFormSchema.safeParse({ title: 'Tema', code: 'ÆØÅ!' }).success).toBe(false)
    expect(surveyCodeFormSchema.safeParse({ code: 'abc', email: 'a@b.no' }).success).toBe(false)
  })
  it('take times in Oslo, both parts or neither, the closing after the opening', () => {
    expect(surveyTimesFormSchema.safeParse({ opensDate: '2021-11-11', opensTime: '12:00' }).data).toEqual({ opensAt: opens, closesAt: null })
    expect(surveyTimesFormSchema.safeParse({}).data).toEqual({ opensAt: null, closesAt: null })
    expect(surveyTimesFormSchema.safeParse({ opensDate: '2021-11-11' }).success).toBe(false)
    const backwards = surveyTimesFormSchema.safeParse({ opensDate: '2021-11-11', opensTime: '16:00', closesDate: '2021-11-11', closesTime: '12:00' })
    expect(backwards.error?.issues.map((i) => [i.path.join('.'), inLanguage(i.message, 'nb')])).toEqual([
      ['closesTime', 'Stengetidspunktet må være etter åpningstidspunktet.'],
    ])
  })
})

describe('answers', () => {
  const single = { id: 'q1', kind: 'single' as const, allows_free_text: true, optionIds: ['a', 'b'] }
  const multiple = { id: 'q2', kind: 'multiple' as const, allows_free_text: false, optionIds: ['c', 'd', 'e'] }

  // Each reason is one string with both forms (it becomes a zod message, cut to the reader's form where shown).
  const nb = (reason: string | null) => (reason === null ? null : inLanguage(reason, 'nb'))
  const nn = (reason: string | null) => (reason === null ? null : inLanguage(reason, 'nn'))

  it('a single choice is exactly one of its own options; a multiple choice one or more', () => {
    expect(answerProblem(single, ['a'], null)).toBeNull()
    expect(nb(answerProblem(single, [], null))).toBe('Velg ett svaralternativ.')
    expect(nn(answerProblem(single, [], null))).toBe('Vel eitt svaralternativ.')
    expect(nb(answerProblem(single, ['a', 'b'], null))).toBe('Velg ett svaralternativ.')
    expect(nb(answerProblem(single, ['c'], null))).toBe('Velg blant svaralternativene til spørsmålet.')
    expect(nn(answerProblem(single, ['c'], null))).toBe('Vel mellom svaralternativa til spørsmålet.')
    expect(answerProblem(multiple, ['c', 'e'], null)).toBeNull()
    expect(nb(answerProblem(multiple, [], null))).toBe('Velg minst ett svaralternativ.')
    expect(nn(answerProblem(multiple, [], null))).toBe('Vel minst eitt svaralternativ.')
    expect(nb(answerProblem(multiple, ['c', 'c'], null))).toBe('Velg hvert svaralternativ bare én gang.')
    expect(nn(answerProblem(multiple, ['c', 'c'], null))).toBe('Vel kvart svaralternativ berre éin gong.')
  })
  it('free text only where asked for, at most 500 characters', () => {
    expect(answerProblem(single, ['a'], 'x'.repeat(500))).toBeNull()
    expect(nb(answerProblem(single, ['a'], 'x'.repeat(501)))).toBe('Teksten er for lang (høyst 500 tegn).')
    expect(nn(answerProblem(single, ['a'], 'x'.repeat(501)))).toBe('Teksten er for lang (høgst 500 teikn).')
    expect(nb(answerProblem(multiple, ['c'], 'hei'))).toBe('Spørsmålet har ikke fritekstsvar.')
    expect(nn(answerProblem(multiple, ['c'], 'hei'))).toBe('Spørsmålet har ikkje fritekstsvar.')
  })
  it('the answer form gives one answer per question, trimmed, and puts each problem at its question', () => {
    const schema = answerFormSchema([single, multiple])
    const ok = schema.safeParse({ [answerField('q1')]: 'b', [freeTextField('q1')]: '  Mer tid  ', [answerField('q2')]: ['c', 'd'] })
    expect(ok.data).toEqual([
      { questionId: 'q1', optionIds: ['b'], freeText: 'Mer tid' },
      { questionId: 'q2', optionIds: ['c', 'd'], freeText: null },
    ])
    const bad = schema.safeParse({ [answerField('q1')]: ['a', 'b'], [freeTextField('q1')]: 'x'.repeat(501), [answerField('q2')]: 'a' })
    expect(bad.success).toBe(false)
    const paths = bad.error?.issues.map((i) => i.path.join('.'))
    expect(paths).toContain(freeTextField('q1'))
    expect(paths).toContain(answerField('q2'))
  })
})

describe('results', () => {
  it('counts per option with its share of those answering, in the question’s order, with the free texts', () => {
    const [result] = shapeResults(
      [{ id: 'q', prompt: 'Tema?', kind: 'single', allows_free_text: true, options: ['a', 'b', 'c'].map((id) => ({ id, label: id.toUpperCase() })) }],
      [
        { question_id: 'q', option_id: 'b', count: 3 },
        { question_id: 'q', option_id: 'a', count: 1 },
        { question_id: 'q', option_id: null, count: 4 },
      ],
      [
        { question_id: 'q', free_text: 'Mer tid' },
        { question_id: 'q', free_text: ' ' },
        { question_id: 'other', free_text: 'Ikke her' },
      ],
    )
    expect(result).toEqual({
      id: 'q',
      prompt: 'Tema?',
      kind: 'single',
      answering: 4,
      options: [
        { id: 'a', label: 'A', count: 1, share: 0.25 },
        { id: 'b', label: 'B', count: 3, share: 0.75 },
        { id: 'c', label: 'C', count: 0, share: 0 },
      ],
      freeTexts: ['Mer tid'],
    })
  })
  it('has no share when nobody answered, and says so', () => {
    const [result] = shapeResults([{ id: 'q', prompt: 'x', kind: 'multiple', allows_free_text: false, options: [{ id: 'a', label: 'A' }] }], [], [])
    expect(result?.options[0]?.share).toBe(0)
    expect(answeringText(0, 'nb')).toBe('Ingen har svart ennå.')
    expect(answeringText(1, 'nb')).toBe('1 har svart.')
    expect(answeringText(12, 'nb')).toBe('12 har svart.')
    expect(answeringText(0, 'nn')).toBe('Ingen har svart enno.')
    expect(answeringText(12, 'nn')).toBe('12 har svart.')
    expect(formatShare(2 / 3)).toBe('67\u00a0%')
  })
})
