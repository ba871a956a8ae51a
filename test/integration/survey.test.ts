import { randomUUID } from 'node:crypto'
import type { AppUser } from '../../db/schema'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import type { AnswerInput } from '~/domain/survey-form'
import { participantCode } from '~/services/participant-codes.server'
import {
  answerSurvey,
  deleteQuestion,
  findLinkByCode,
  getSurveyBuilder,
  getSurveyForParticipant,
  getSurveyResults,
  openSurveyLink,
  saveQuestion,
  saveSurvey,
  sendSurveyLinks,
  setSurveyTimes,
} from '~/services/survey.server'
import { upsertUser } from '~/services/users.server'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { addParticipant, eventId, MR, makeContactPerson, makeOrganiser, registrationId, seeded, TEST_MAIL, TR } from '../helpers/fixtures'

/**
 * The day-1 survey against real Postgres (decision 049): one answer per
 * participant and question, 50 answers at once on separate connections all
 * counted, closed means closed, the code-and-email way in, links of other
 * events and forged links refused, the results' counts, questions locked once
 * answered, and the organiser's pages closed to everyone else.
 */

let t: TestDatabase
let organiser: AppUser
const mr = { event: '', volda: '', orsta: '' }

// Møre og Romsdal 2021: 11–12 November; the survey opens on day 1 at 12.00.
const opensAt = osloDateTime('2021-11-11', '12:00')
const during = osloDateTime('2021-11-11', '12:30')
const closesAt = osloDateTime('2021-11-11', '16:00')
const after = osloDateTime('2021-11-11', '16:30')

beforeAll(async () => {
  t = await createTestDatabase()
})

afterAll(async () => {
  await t.drop()
})

beforeEach(async () => {
  await truncateAll(t.db)
  await seeded(t.db)
  mr.event = await eventId(t.db, MR)
  mr.volda = await registrationId(t.db, MR, 'Volda')
  mr.orsta = await registrationId(t.db, MR, 'Ørsta')
  organiser = await makeOrganiser(t.db, 'arrangor@example.no', MR)
})

const actor = () => ({ userId: organiser.id })

/** The seeded survey's one question and its options (the event's topics). */
async function seededQuestion() {
  const builder = await getSurveyBuilder(t.db, actor(), mr.event, during, 'nb')
  const question = builder?.questions[0]
  if (!question) throw new Error('the seed has a survey question')
  return question
}

async function openAt(from = opensAt, until: Date | null = closesAt) {
  await setSurveyTimes(t.db, TEST_MAIL, actor(), mr.event, { kind: 'schedule', opensAt: from, closesAt: until }, from)
}

async function tokenOf(participantId: string) {
  return participantCode(t.db, participantId, 'personal-link')
}

const answers = async (where: { participant?: string } = {}) => {
  let q = t.db.selectFrom('survey_answer').select(['question_id', 'participant_id', 'option_ids', 'free_text'])
  if (where.participant) q = q.where('participant_id', '=', where.participant)
  return q.execute()
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise
  } catch (error) {
    if (error instanceof DomainError) return error.code
    throw error
  }
  return 'not refused'
}

describe('answering', () => {
  it('keeps one answer per participant and question: the second replaces the first', async () => {
    await openAt()
    const q = await seededQuestion()
    const [first, second] = q.options
    const p = await addParticipant(t.db, mr.volda, 'ola@volda.example.no', 'Ola Nordmann')
    const token = await tokenOf(p.id)
    await answerSurvey(t.db, token, [{ questionId: q.id, optionIds: [first?.id ?? ''], freeText: 'Først' }], during)
    await answerSurvey(t.db, token, [{ questionId: q.id, optionIds: [second?.id ?? ''], freeText: 'Så dette' }], new Date(during.getTime() + 60_000))
    expect(await answers({ participant: p.id })).toEqual([{ question_id: q.id, participant_id: p.id, option_ids: [second?.id], free_text: 'Så dette' }])
    const page = await getSurveyForParticipant(t.db, token, during)
    expect(page?.answers.map((a) => a.option_ids)).toEqual([[second?.id]])
    expect(page?.survey.state).toBe('open')
    const audit = await t.db.selectFrom('audit_log').select(['action', 'entity_id', 'after']).where('action', '=', 'survey.answer').execute()
    expect(audit).toHaveLength(2)
    expect(audit[0]).toMatchObject({ entity_id: p.id, after: { questions: 1 } })
  })

  it('counts all of 50 answers sent at once on separate connections', async () => {
    await openAt()
    const q = await seededQuestion()
    const people = await Promise.all(
      Array.from({ length: 50 }, (_, i) => addParticipant(t.db, i % 2 ? mr.volda : mr.orsta, `deltaker${i}@example.no`, `Deltaker ${i}`)),
    )
    const tokens = await Promise.all(people.map((p) => tokenOf(p.id)))
    const results = await Promise.all(
      tokens.map((token, i) => answerSurvey(t.db, token, [{ questionId: q.id, optionIds: [q.options[i % 3]?.id ?? ''], freeText: null }], during)),
    )
    expect(results.every((r) => r?.saved === 1)).toBe(true)
    expect(await answers()).toHaveLength(50)
    const view = await getSurveyResults(t.db, actor(), mr.event, during)
    const result = view?.results[0]
    expect(result?.answering).toBe(50)
    expect(result?.options.slice(0, 3).map((o) => o.count)).toEqual([17, 17, 16])
    expect(result?.options.slice(3).every((o) => o.count === 0)).toBe(true)
    expect(view?.answered).toBe(50)
  })

  it('answers racing "Steng nå" on separate connections: the close goes through, each answer is saved or refused as closed, every saved one is kept', async () => {
    await openAt(opensAt, null)
    const q = await seededQuestion()
    const people = await Promise.all(Array.from({ length: 30 }, (_, i) => addParticipant(t.db, mr.volda, `kappløp${i}@example.no`, `Kappløp ${i}`)))
    const tokens = await Promise.all(people.map((p) => tokenOf(p.id)))
    const answer = (token: string) => answerSurvey(t.db, token, [{ questionId: q.id, optionIds: [q.options[0]?.id ?? ''], freeText: null }], during)
    const outcomes = await Promise.allSettled([
      ...tokens.slice(0, 15).map(answer),
      setSurveyTimes(t.db, TEST_MAIL, actor(), mr.event, { kind: 'close' }, during),
      ...tokens.slice(15).map(answer),
    ])
    const answered = outcomes.filter((o, i) => i !== 15 && o.status === 'fulfilled')
    const refused = outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.code)
    expect(outcomes[15]?.status).toBe('fulfilled')
    expect(refused).toEqual(Array(30 - answered.length).fill('survey_closed'))
    expect(await answers()).toHaveLength(answered.length)
  })

  it('refuses an answer before the survey opens and after it closes, and changes nothing', async () => {
    const q = await seededQuestion()
    const p = await addParticipant(t.db, mr.volda, 'kari@volda.example.no', 'Kari')
    const token = await tokenOf(p.id)
    const answer: AnswerInput[] = [{ questionId: q.id, optionIds: [q.options[0]?.id ?? ''], freeText: null }]
    // Never opened.
    expect(await refusal(answerSurvey(t.db, token, answer, during))).toBe('survey_not_open')
    await openAt()
    expect(await refusal(answerSurvey(t.db, token, answer, new Date(opensAt.getTime() - 1)))).toBe('survey_not_open')
    await answerSurvey(t.db, token, answer, during)
    const before = await answers()
    const changed: AnswerInput[] = [{ questionId: q.id, optionIds: [q.options[1]?.id ?? ''], freeText: null }]
    expect(await refusal(answerSurvey(t.db, token, changed, closesAt))).toBe('survey_closed')
    expect(await refusal(answerSurvey(t.db, token, changed, after))).toBe('survey_closed')
    expect(await answers()).toEqual(before)
    // "Steng nå" closes at once; "Åpne nå" reopens, keeping the first opening.
    await setSurveyTimes(t.db, TEST_MAIL, actor(), mr.event, { kind: 'open', sendLinks: false }, after)
    await answerSurvey(t.db, token, changed, new Date(after.getTime() + 1000))
    const closing = new Date(after.getTime() + 60_000)
    const closed = await setSurveyTimes(t.db, TEST_MAIL, actor(), mr.event, { kind: 'close' }, closing)
    expect(closed).toMatchObject({ opens_at: opensAt, closes_at: closing, state: 'closed' })
    expect(await refusal(answerSurvey(t.db, token, answer, closing))).toBe('survey_closed')
    expect((await answers())[0]?.option_ids).toEqual([q.options[1]?.id])
    expect((await getSurveyForParticipant(t.db, token, closing))?.survey.state).toBe('closed')
  })

  it('refuses forged links, links of other purposes, other events and cancelled participants: null (a 404)', async () => {
    await openAt()
    const q = await seededQuestion()
    const answer: AnswerInput[] = [{ questionId: q.id, optionIds: [q.options[0]?.id ?? ''], freeText: null }]
    const p = await addParticipant(t.db, mr.volda, 'per@volda.example.no', 'Per')
    const token = await tokenOf(p.id)
    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`
    expect(await getSurveyForParticipant(t.db, forged, during)).toBeNull()
    expect(await answerSurvey(t.db, forged, answer, during)).toBeNull()
    expect(await answerSurvey(t.db, 'not-a-token', answer, during)).toBeNull()
    // The desk's QR code names the same participant, but is not a survey link.
    expect(await answerSurvey(t.db, await participantCode(t.db, p.id, 'check-in'), answer, during)).toBeNull()
    // A participant of Trøndelag 2018 (an event with its own survey) cannot answer Møre og Romsdal's questions.
    const trEvent = await eventId(t.db, TR)
    const trOrganiser = await makeOrganiser(t.db, 'tr@example.no', TR)
    await saveSurvey(t.db, { userId: trOrganiser.id }, trEvent, { title: 'Trøndelag', code: 'TR2018' }, during)
    const trParticipant = await addParticipant(t.db, await registrationId(t.db, TR, 'Selbu'), 'siv@selbu.example.no', 'Siv')
    expect(await answerSurvey(t.db, await tokenOf(trParticipant.id), answer, during)).toBeNull()
    // Cancelled: the link no longer names anyone here.
    await t.db.updateTable('participant').set({ status: 'cancelled', cancelled_at: during }).where('id', '=', p.id).execute()
    expect(await getSurveyForParticipant(t.db, token, during)).toBeNull()
    expect(await answerSurvey(t.db, token, answer, during)).toBeNull()
    expect(await answers()).toEqual([])
  })

  it('finds the personal link by the code and the email; a wrong code or email, or another event, is refused at the code', async () => {
    const p = await addParticipant(t.db, mr.volda, 'Lise@Volda.example.no', 'Lise')
    await addParticipant(t.db, await registrationId(t.db, TR, 'Selbu'), 'trond@selbu.example.no', 'Trond')
    const found = await findLinkByCode(t.db, { code: ' mr-2021 ', email: 'lise@volda.example.no', clientAddress: '10.0.0.1' }, during)
    expect(found).toBe(await tokenOf(p.id))
    for (const [code, email] of [
      ['MR2022', 'lise@volda.example.no'],
      ['MR2021', 'lise@orsta.example.no'],
      ['MR2021', 'trond@selbu.example.no'],
    ] as const) {
      const error = await findLinkByCode(t.db, { code, email, clientAddress: '10.0.0.1' }, during).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(DomainError)
      expect(error).toMatchObject({ code: 'survey_code_unknown', field: 'code' })
    }
  })

  it('limits code-and-email tries per client address', async () => {
    let code = ''
    for (let i = 0; i < 301 && !code; i++) {
      code = await findLinkByCode(t.db, { code: 'MR2021', email: `gjett${i}@example.no`, clientAddress: '10.9.9.9' }, during).then(
        () => 'found',
        (e: DomainError) => (e.code === 'survey_rate_limited' ? `limited after ${i}` : ''),
      )
    }
    expect(code).toBe('limited after 300')
  })

  it('refuses answers to a question of another survey, even of the same event: null, nothing saved', async () => {
    await openAt()
    const p = await addParticipant(t.db, mr.volda, 'arne@volda.example.no', 'Arne')
    const token = await tokenOf(p.id)
    const other = await t.db.insertInto('survey').values({ event_id: mr.event, title: 'Annen', code: 'ANNEN1' }).returning('id').executeTakeFirstOrThrow()
    const foreignQ = await t.db
      .insertInto('survey_question')
      .values({ survey_id: other.id, prompt: 'x', kind: 'single' })
      .returning('id')
      .executeTakeFirstOrThrow()
    expect(await answerSurvey(t.db, token, [{ questionId: foreignQ.id, optionIds: [], freeText: null }], during)).toBeNull()
    expect(await answers()).toEqual([])
  })

  it('checks the answer rules again in the transaction: options not of the question (a form read before they changed), or two for a single choice, are refused at the question and nothing is saved', async () => {
    await openAt()
    const q = await seededQuestion()
    const [first, second] = q.options
    const p = await addParticipant(t.db, mr.volda, 'stale@volda.example.no', 'Stale Svar')
    const token = await tokenOf(p.id)
    for (const optionIds of [[randomUUID()], [first?.id ?? '', second?.id ?? '']]) {
      const refused = await answerSurvey(t.db, token, [{ questionId: q.id, optionIds, freeText: null }], during).catch((e: unknown) => e)
      expect(refused).toBeInstanceOf(DomainError)
      expect(refused).toMatchObject({ code: 'survey_changed', field: `svar-${q.id}` })
    }
    expect(await answers()).toEqual([])
  })
})

describe('the results', () => {
  it('counts each option, the number answering and the free texts, per question', async () => {
    const multi = await saveQuestion(
      t.db,
      actor(),
      mr.event,
      { prompt: 'Hva trenger kommunen?', kind: 'multiple', options: ['Kurs', 'Nettverk', 'Penger'], allowsFreeText: 'on' },
      during,
    )
    await openAt()
    const builder = await getSurveyBuilder(t.db, actor(), mr.event, during, 'nb')
    const [single, many] = builder?.questions ?? []
    if (!single || !many || !multi) throw new Error('two questions')
    const o = (q: typeof single, i: number) => q.options[i]?.id ?? ''
    const people = await Promise.all([1, 2, 3].map((i) => addParticipant(t.db, mr.volda, `p${i}@volda.example.no`, `P${i}`)))
    const plan: Array<[number, string[], string | null]> = [
      [0, [o(many, 0), o(many, 1)], 'Mer tid'],
      [0, [o(many, 1)], null],
      [1, [o(many, 1), o(many, 2)], '  '],
    ]
    for (const [i, person] of people.entries()) {
      const [choice, options, text] = plan[i] as (typeof plan)[number]
      await answerSurvey(
        t.db,
        await tokenOf(person.id),
        [
          { questionId: single.id, optionIds: [o(single, choice)], freeText: null },
          { questionId: many.id, optionIds: options, freeText: text },
        ],
        during,
      )
    }
    const view = await getSurveyResults(t.db, actor(), mr.event, during)
    const [r1, r2] = view?.results ?? []
    expect(r1?.answering).toBe(3)
    expect(r1?.options.slice(0, 2).map((x) => [x.count, Math.round(x.share * 100)])).toEqual([
      [2, 67],
      [1, 33],
    ])
    expect(r2?.answering).toBe(3)
    expect(r2?.options.map((x) => x.count)).toEqual([1, 3, 1])
    expect(r2?.freeTexts).toEqual(['Mer tid'])
    expect(view?.answered).toBe(3)
  })
})

describe('the organiser', () => {
  it('cannot change questions or options once someone has answered; before that, can', async () => {
    const q = await seededQuestion()
    const changed = await saveQuestion(
      t.db,
      actor(),
      mr.event,
      { questionId: q.id, prompt: q.prompt, kind: 'single', options: ['A', 'B'], allowsFreeText: 'on' },
      during,
    )
    expect(changed).toEqual({ id: q.id })
    await openAt()
    const fresh = await seededQuestion()
    expect(fresh.options.map((x) => x.label)).toEqual(['A', 'B'])
    const p = await addParticipant(t.db, mr.volda, 'nils@volda.example.no', 'Nils')
    await answerSurvey(t.db, await tokenOf(p.id), [{ questionId: fresh.id, optionIds: [fresh.options[0]?.id ?? ''], freeText: null }], during)
    const edit = { questionId: fresh.id, prompt: 'Nytt', kind: 'single' as const, options: ['C', 'D'], allowsFreeText: undefined }
    expect(await refusal(saveQuestion(t.db, actor(), mr.event, edit, during))).toBe('survey_has_answers')
    expect(await refusal(saveQuestion(t.db, actor(), mr.event, { ...edit, questionId: undefined }, during))).toBe('survey_has_answers')
    expect(await refusal(deleteQuestion(t.db, actor(), mr.event, fresh.id, during))).toBe('survey_has_answers')
    expect((await seededQuestion()).options.map((x) => x.label)).toEqual(['A', 'B'])
    // Renaming the survey is still fine.
    expect(await saveSurvey(t.db, actor(), mr.event, { title: 'Nytt navn', code: '' }, during)).toMatchObject({ code: 'MR2021' })
  })

  it('makes a survey with a drawn code for an event without one; a code another survey has is refused', async () => {
    const trEvent = await eventId(t.db, TR)
    const trOrganiser = await makeOrganiser(t.db, 'tr@example.no', TR)
    const made = await saveSurvey(t.db, { userId: trOrganiser.id }, trEvent, { title: 'Tema', code: '' }, during)
    expect(made?.code).toMatch(/^[A-Z0-9]{6}$/)
    expect(await refusal(saveSurvey(t.db, { userId: trOrganiser.id }, trEvent, { title: 'Tema', code: 'MR2021' }, during))).toBe('survey_code_taken')
    // Opening needs a question.
    expect(await refusal(setSurveyTimes(t.db, TEST_MAIL, { userId: trOrganiser.id }, trEvent, { kind: 'open', sendLinks: false }, during))).toBe(
      'survey_without_questions',
    )
    expect(await refusal(setSurveyTimes(t.db, TEST_MAIL, actor(), mr.event, { kind: 'schedule', opensAt: closesAt, closesAt: opensAt }, during))).toBe(
      'survey_closes_before_opening',
    )
  })

  it('sends each active participant their link once, the contact person in copy, in the municipality’s language form', async () => {
    const contact = await makeContactPerson(t.db, 'kontakt@volda.example.no', mr.volda)
    const p = await addParticipant(t.db, mr.volda, 'eva@volda.example.no', 'Eva')
    const gone = await addParticipant(t.db, mr.orsta, 'borte@orsta.example.no', 'Borte')
    await t.db.updateTable('participant').set({ status: 'cancelled', cancelled_at: during }).where('id', '=', gone.id).execute()
    const opened = await setSurveyTimes(t.db, TEST_MAIL, actor(), mr.event, { kind: 'open', sendLinks: true }, during)
    expect(opened?.sent).toBe(1)
    expect(await sendSurveyLinks(t.db, TEST_MAIL, actor(), mr.event, during)).toEqual({ sent: 0 })
    const mails = await t.db
      .selectFrom('email')
      .select(['to_addresses', 'cc_addresses', 'language_form', 'params'])
      .where('template', '=', 'survey-invitation')
      .execute()
    expect(mails).toHaveLength(1)
    const volda = await t.db
      .selectFrom('registration')
      .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
      .select('municipality.language_form')
      .where('registration.id', '=', mr.volda)
      .executeTakeFirstOrThrow()
    expect(mails[0]).toMatchObject({ to_addresses: ['eva@volda.example.no'], cc_addresses: [contact.email], language_form: volda.language_form })
    const params = (typeof mails[0]?.params === 'string' ? JSON.parse(mails[0].params) : mails[0]?.params) as { link: string; code: string }
    expect(params.link).toBe(`${TEST_MAIL.appUrl}/undersokelse/${await tokenOf(p.id)}`)
    expect(params.code).toBe('MR2021')
    expect(await openSurveyLink(t.db, { id: p.id, event_id: mr.event }, 'running', during)).toBe(`/undersokelse/${await tokenOf(p.id)}`)
    // The policy closes answering once the event's data is archived, whatever the survey's times say.
    expect(await openSurveyLink(t.db, { id: p.id, event_id: mr.event }, 'archived', during)).toBeNull()
    await setSurveyTimes(t.db, TEST_MAIL, actor(), mr.event, { kind: 'close' }, after)
    expect(await openSurveyLink(t.db, { id: p.id, event_id: mr.event }, 'running', after)).toBeNull()
  })

  it('is the only one who reads or changes the survey: a viewer, a desk helper, a contact person and a stranger get null', async () => {
    const viewer = await upsertUser(t.db, { email: 'hotell@example.no', name: 'Hotellet' })
    const desk = await upsertUser(t.db, { email: 'vert@example.no', name: 'Vert' })
    const stranger = await upsertUser(t.db, { email: 'fremmed@example.no', name: 'Fremmed' })
    const contact = await makeContactPerson(t.db, 'kontakt@volda.example.no', mr.volda)
    await t.db.insertInto('event_viewer').values({ event_id: mr.event, user_id: viewer.id }).execute()
    await t.db.insertInto('event_desk').values({ event_id: mr.event, user_id: desk.id }).execute()
    const q = await seededQuestion()
    for (const who of [viewer, desk, stranger, contact]) {
      const a = { userId: who.id }
      expect(await getSurveyBuilder(t.db, a, mr.event, during, 'nb')).toBeNull()
      expect(await getSurveyResults(t.db, a, mr.event, during)).toBeNull()
      expect(await saveSurvey(t.db, a, mr.event, { title: 'Kapret', code: '' }, during)).toBeNull()
      expect(await saveQuestion(t.db, a, mr.event, { prompt: 'x', kind: 'single', options: ['a', 'b'], allowsFreeText: undefined }, during)).toBeNull()
      expect(await deleteQuestion(t.db, a, mr.event, q.id, during)).toBeNull()
      expect(await setSurveyTimes(t.db, TEST_MAIL, a, mr.event, { kind: 'open', sendLinks: true }, during)).toBeNull()
      expect(await sendSurveyLinks(t.db, TEST_MAIL, a, mr.event, during)).toBeNull()
    }
    const survey = await t.db.selectFrom('survey').select(['title', 'opens_at']).where('event_id', '=', mr.event).executeTakeFirstOrThrow()
    expect(survey).toEqual({ title: 'Temaer for gruppearbeidet dag 2', opens_at: null })
    expect(await t.db.selectFrom('email').select('id').where('template', '=', 'survey-invitation').execute()).toEqual([])
    // Another event's organiser is a stranger here too.
    const trOrganiser = await makeOrganiser(t.db, 'tr@example.no', TR)
    expect(await getSurveyBuilder(t.db, { userId: trOrganiser.id }, mr.event, during, 'nb')).toBeNull()
  })
})
