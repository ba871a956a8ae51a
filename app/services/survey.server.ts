import { randomBytes } from 'node:crypto'
import { type Kysely, sql, type Transaction } from 'kysely'
import QRCode from 'qrcode'
import type { Database } from '../../db/schema'
import { formatDateTime } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { permit, refusal } from '~/domain/permissions'
import type { EventPhase } from '~/domain/phase'
import type { LanguageForm } from '~/domain/language'
import { FIELD_OF_WORK_LABELS } from '~/domain/roles'
import {
  answerField,
  answerProblem,
  closeNow,
  normaliseSurveyCode,
  openNow,
  type QuestionKind,
  type QuestionRule,
  type ResultCount,
  type SurveyState,
  SURVEY_CODE_TRIES_PER_CLIENT,
  shapeResults,
  surveyCodeFrom,
  surveyState,
} from '~/domain/survey'
import type { AnswerInput, QuestionInput } from '~/domain/survey-form'
import { findEventFor } from './access.server'
import { writeAudit } from './audit.server'
import { emailRow, type MailSettings } from './outbox.server'
import { participantCode, participantIdFromCode } from './participant-codes.server'
import { readParticipantInEvent } from './participant-in-event.server'
import { selectParticipantRecipients } from './participant-mail.server'
import { hitRateLimits } from './rate-limit.server'
import type { Actor } from './users.server'

/**
 * The day-1 survey (decision 049). The organiser (an organiser of the event:
 * `findEventFor(…, 'event.manage')`) writes it, sets when it opens and
 * closes, sends the participants their links and reads the results; a
 * participant answers from their own signed link (`participantCode(…,
 * 'personal-link')`), or finds that link with the survey's code and the
 * email they were enrolled with. One answer per participant and question,
 * changed until the survey closes; the policy's `survey.answer` decides, from
 * the survey's state by the clock (app/domain/survey.ts).
 *
 * An event has one survey: the builder makes it on the first save.
 */

type Db = Kysely<Database> | Transaction<Database>

/** The event's survey, if it has one. */
function selectSurvey(db: Db, eventId: string) {
  return db
    .selectFrom('survey')
    .select(['id', 'event_id', 'title', 'code', 'opens_at', 'closes_at'])
    .where('event_id', '=', eventId)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
}

/** The survey's questions with their options, in order. */
async function readQuestions(db: Db, surveyId: string) {
  const [questions, options] = await Promise.all([
    db
      .selectFrom('survey_question')
      .select(['id', 'prompt', 'kind', 'allows_free_text', 'sort_order'])
      .where('survey_id', '=', surveyId)
      .orderBy('sort_order')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('survey_option')
      .innerJoin('survey_question', 'survey_question.id', 'survey_option.question_id')
      .select(['survey_option.id', 'survey_option.question_id', 'survey_option.label'])
      .where('survey_question.survey_id', '=', surveyId)
      .orderBy('survey_option.sort_order')
      .orderBy('survey_option.id')
      .execute(),
  ])
  return questions.map((q) => ({
    id: q.id,
    prompt: q.prompt,
    kind: q.kind as QuestionKind,
    allows_free_text: q.allows_free_text,
    options: options.filter((o) => o.question_id === q.id).map((o) => ({ id: o.id, label: o.label })),
  }))
}

export type SurveyQuestion = Awaited<ReturnType<typeof readQuestions>>[number]

async function answerCount(db: Db, surveyId: string): Promise<number> {
  const row = await db
    .selectFrom('survey_answer')
    .innerJoin('survey_question', 'survey_question.id', 'survey_answer.question_id')
    .select((eb) => eb.fn.count<string>(sql`distinct survey_answer.participant_id`).as('n'))
    .where('survey_question.survey_id', '=', surveyId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** The builder page: the event, its survey (or null), the questions, how many have answered, and the lists a question can be filled from (the fields of work in the reader's form). */
export async function getSurveyBuilder(db: Kysely<Database>, actor: Actor, eventId: string, now: Date, languageForm: LanguageForm) {
  const grant = await findEventFor(db, actor, eventId, 'event.manage')
  if (!grant) return null
  const { event } = grant
  const [survey, topics, participants] = await Promise.all([
    selectSurvey(db, event.id).executeTakeFirst(),
    db.selectFrom('event_topic').select('label').where('event_id', '=', event.id).orderBy('sort_order').orderBy('label').execute(),
    activeParticipants(db, event.id),
  ])
  const [questions, answered] = survey ? await Promise.all([readQuestions(db, survey.id), answerCount(db, survey.id)]) : [[], 0]
  return {
    event: { id: event.id, title: event.title },
    survey: survey ? { ...survey, state: surveyState(survey, now) } : null,
    questions,
    answered,
    participants,
    topics: topics.map((t) => t.label),
    fieldsOfWork: Object.values(FIELD_OF_WORK_LABELS[languageForm]) as string[],
  }
}

async function activeParticipants(db: Db, eventId: string): Promise<number> {
  const row = await db
    .selectFrom('participant')
    .innerJoin('registration', 'registration.id', 'participant.registration_id')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('registration.event_id', '=', eventId)
    .where('participant.status', '=', 'active')
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * The event (locked for the rest of the transaction, so an organiser's
 * changes to the survey take turns) and its survey row, also locked; the
 * event null when the asker does not organise it.
 */
async function lockSurvey(trx: Transaction<Database>, actor: Actor, eventId: string) {
  const grant = await findEventFor(trx, actor, eventId, 'event.manage')
  if (!grant) return null
  await trx.selectFrom('event').select('id').where('id', '=', eventId).forNoKeyUpdate().execute()
  const survey = await selectSurvey(trx, eventId).forNoKeyUpdate().executeTakeFirst()
  return { event: grant.event, survey: survey ?? null }
}

const CODE_UNIQUE = 'survey_code_key'

function isCodeTaken(error: unknown): boolean {
  const e = error as { code?: string; constraint?: string }
  return e.code === '23505' && e.constraint === CODE_UNIQUE
}

/**
 * Creates the event's survey or renames it; a code given is used (refused when
 * another survey has it), otherwise a new survey draws one. Null when the
 * event is not the asker's.
 */
export async function saveSurvey(db: Kysely<Database>, actor: Actor, eventId: string, input: { title: string; code: string }, now: Date) {
  const wanted = normaliseSurveyCode(input.code)
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction().execute(async (trx) => {
        const found = await lockSurvey(trx, actor, eventId)
        if (!found) return null
        const code = wanted || found.survey?.code || surveyCodeFrom(randomBytes(8))
        const row = found.survey
          ? await trx
              .updateTable('survey')
              .set({ title: input.title, code })
              .where('id', '=', found.survey.id)
              .returning(['id', 'code'])
              .executeTakeFirstOrThrow()
          : await trx
              .insertInto('survey')
              .values({ event_id: eventId, title: input.title, code, created_at: now })
              .returning(['id', 'code'])
              .executeTakeFirstOrThrow()
        await writeAudit(trx, {
          actorUserId: actor.userId,
          actorLabel: 'organiser',
          action: found.survey ? 'survey.update' : 'survey.create',
          entityType: 'survey',
          entityId: row.id,
          eventId,
          before: found.survey ? { title: found.survey.title, code: found.survey.code } : undefined,
          after: { title: input.title, code: row.code },
          at: now,
        })
        return row
      })
    } catch (error) {
      if (!isCodeTaken(error)) throw error
      // A code drawn at random that another survey has: draw again. One the organiser chose: tell them.
      if (wanted || attempt >= 5) throw new DomainError('survey_code_taken', 'code')
    }
  }
}

async function requireNoAnswers(trx: Transaction<Database>, surveyId: string) {
  if ((await answerCount(trx, surveyId)) > 0) throw new DomainError('survey_has_answers')
}

/**
 * Adds a question, or changes one (its prompt, kind, free text and options,
 * the options written anew); only while nobody has answered. Null when the
 * event, its survey or the question is not the asker's.
 */
export async function saveQuestion(db: Kysely<Database>, actor: Actor, eventId: string, input: QuestionInput, now: Date) {
  return db.transaction().execute(async (trx) => {
    const found = await lockSurvey(trx, actor, eventId)
    if (!found?.survey) return null
    const survey = found.survey
    await requireNoAnswers(trx, survey.id)
    let questionId = input.questionId
    const values = { prompt: input.prompt, kind: input.kind, allows_free_text: input.allowsFreeText === 'on' }
    if (questionId) {
      const updated = await trx
        .updateTable('survey_question')
        .set(values)
        .where('id', '=', questionId)
        .where('survey_id', '=', survey.id)
        .returning('id')
        .executeTakeFirst()
      if (!updated) return null
      await trx.deleteFrom('survey_option').where('question_id', '=', questionId).execute()
    } else {
      const last = await trx
        .selectFrom('survey_question')
        .select((eb) => eb.fn.max('sort_order').as('max'))
        .where('survey_id', '=', survey.id)
        .executeTakeFirst()
      const inserted = await trx
        .insertInto('survey_question')
        .values({ ...values, survey_id: survey.id, sort_order: (last?.max ?? -1) + 1 })
        .returning('id')
        .executeTakeFirstOrThrow()
      questionId = inserted.id
    }
    await trx
      .insertInto('survey_option')
      .values(input.options.map((label, i) => ({ question_id: questionId as string, label, sort_order: i })))
      .execute()
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: 'organiser',
      action: input.questionId ? 'survey.question.update' : 'survey.question.create',
      entityType: 'survey_question',
      entityId: questionId,
      eventId,
      after: { ...values, options: input.options },
      at: now,
    })
    return { id: questionId }
  })
}

/** Removes a question; only while nobody has answered. Null when it is not the asker's. */
export async function deleteQuestion(db: Kysely<Database>, actor: Actor, eventId: string, questionId: string, now: Date) {
  return db.transaction().execute(async (trx) => {
    const found = await lockSurvey(trx, actor, eventId)
    if (!found?.survey) return null
    await requireNoAnswers(trx, found.survey.id)
    const deleted = await trx
      .deleteFrom('survey_question')
      .where('id', '=', questionId)
      .where('survey_id', '=', found.survey.id)
      .returning(['id', 'prompt'])
      .executeTakeFirst()
    if (!deleted) return null
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: 'organiser',
      action: 'survey.question.delete',
      entityType: 'survey_question',
      entityId: questionId,
      eventId,
      before: { prompt: deleted.prompt },
      at: now,
    })
    return deleted
  })
}

export type SurveyTimesChange = { kind: 'schedule'; opensAt: Date | null; closesAt: Date | null } | { kind: 'open'; sendLinks: boolean } | { kind: 'close' }

/**
 * Sets when the survey opens and closes: at set times, or "Åpne nå" (which
 * reopens a closed survey, and may send everyone their link in the same
 * transaction) and "Steng nå". Opening needs a question with options. Null
 * when the event or its survey is not the asker's.
 */
export async function setSurveyTimes(db: Kysely<Database>, mail: MailSettings, actor: Actor, eventId: string, change: SurveyTimesChange, now: Date) {
  return db.transaction().execute(async (trx) => {
    const found = await lockSurvey(trx, actor, eventId)
    if (!found?.survey) return null
    const survey = found.survey
    const times =
      change.kind === 'schedule'
        ? { opens_at: change.opensAt, closes_at: change.closesAt }
        : change.kind === 'open'
          ? openNow(survey, now)
          : closeNow(survey, now)
    if (times.opens_at && times.closes_at && times.closes_at.getTime() <= times.opens_at.getTime()) {
      throw new DomainError('survey_closes_before_opening', 'closesTime')
    }
    if (times.opens_at) {
      const questions = await readQuestions(trx, survey.id)
      if (!questions.some((q) => q.options.length > 0)) throw new DomainError('survey_without_questions')
    }
    await trx.updateTable('survey').set(times).where('id', '=', survey.id).execute()
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: 'organiser',
      action: `survey.${change.kind}`,
      entityType: 'survey',
      entityId: survey.id,
      eventId,
      before: { opens_at: survey.opens_at, closes_at: survey.closes_at },
      after: times,
      at: now,
    })
    const sent = change.kind === 'open' && change.sendLinks ? await enqueueLinks(trx, mail, eventId, { ...survey, ...times }, now) : 0
    return { ...times, state: surveyState(times, now), sent }
  })
}

/**
 * "Send lenker til deltakerne": one email per active participant with their
 * own link, the contact person in copy, in the municipality's language form.
 * Each participant gets it once per survey (the outbox's dedupe key), so a
 * second press reaches only those enrolled since. Returns how many were queued.
 */
export async function sendSurveyLinks(db: Kysely<Database>, mail: MailSettings, actor: Actor, eventId: string, now: Date) {
  return db.transaction().execute(async (trx) => {
    const found = await lockSurvey(trx, actor, eventId)
    if (!found?.survey) return null
    const sent = await enqueueLinks(trx, mail, eventId, found.survey, now)
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: 'organiser',
      action: 'survey.send_links',
      entityType: 'survey',
      entityId: found.survey.id,
      eventId,
      after: { sent },
      at: now,
    })
    return { sent }
  })
}

async function enqueueLinks(
  trx: Transaction<Database>,
  mail: MailSettings,
  eventId: string,
  survey: { id: string; title: string; code: string; closes_at: Date | null },
  now: Date,
): Promise<number> {
  const [event, people] = await Promise.all([
    trx
      .selectFrom('event')
      .select(['title', 'reply_to_email', 'organiser_contact_name', 'organiser_contact_email'])
      .where('id', '=', eventId)
      .executeTakeFirstOrThrow(),
    selectParticipantRecipients(trx)
      .where('registration.event_id', '=', eventId)
      .where('participant.status', '=', 'active')
      .orderBy('participant.id')
      .execute(),
  ])
  if (people.length === 0) return 0
  const rows = await Promise.all(
    people.map(async (p) =>
      emailRow(
        mail,
        {
          template: 'survey-invitation',
          languageForm: p.language_form,
          to: p.email,
          cc: p.contact_email ? [p.contact_email] : [],
          replyTo: event.reply_to_email,
          eventId,
          registrationId: p.registration_id,
          dedupeKey: `survey-invitation:${survey.id}:${p.id}`,
          params: {
            languageForm: p.language_form,
            participantName: p.name,
            eventTitle: event.title,
            surveyTitle: survey.title,
            link: `${mail.appUrl}/undersokelse/${await participantCode(trx, p.id, 'personal-link')}`,
            code: survey.code,
            codePage: `${mail.appUrl}/undersokelse`,
            closes: survey.closes_at ? formatDateTime(survey.closes_at) : null,
            organiserContact: `${event.organiser_contact_name} (${event.organiser_contact_email})`,
          },
        },
        now,
      ),
    ),
  )
  let queued = 0
  for (let i = 0; i < rows.length; i += 500) {
    const inserted = await trx
      .insertInto('email')
      .values(rows.slice(i, i + 500))
      .onConflict((oc) => oc.column('dedupe_key').doNothing())
      .returning('id')
      .execute()
    queued += inserted.length
  }
  return queued
}

/** The results: per question the count of each option, the share of those answering, and the free texts. One grouped query (unnest of the chosen options). */
export async function getSurveyResults(db: Kysely<Database>, actor: Actor, eventId: string, now: Date) {
  const grant = await findEventFor(db, actor, eventId, 'event.manage')
  if (!grant) return null
  const survey = await selectSurvey(db, grant.event.id).executeTakeFirst()
  if (!survey) return { event: { id: grant.event.id, title: grant.event.title }, survey: null, results: [], answered: 0 }
  const questions = await readQuestions(db, survey.id)
  const ids = questions.map((q) => q.id)
  const [counts, freeTexts, answered] =
    ids.length === 0
      ? [[], [], 0]
      : await Promise.all([
          sql<ResultCount>`
            select a.question_id, o.option_id, count(distinct a.participant_id)::int as count
            from survey_answer a cross join lateral unnest(a.option_ids) as o(option_id)
            where a.question_id = any(${ids}::uuid[])
            group by grouping sets ((a.question_id, o.option_id), (a.question_id))`
            .execute(db)
            .then((r) => r.rows),
          db
            .selectFrom('survey_answer')
            .select(['question_id', 'free_text'])
            .where('question_id', 'in', ids)
            .where('free_text', 'is not', null)
            .where('free_text', '<>', '')
            .orderBy('answered_at')
            .execute() as Promise<Array<{ question_id: string; free_text: string }>>,
          answerCount(db, survey.id),
        ])
  return {
    event: { id: grant.event.id, title: grant.event.title },
    survey: { id: survey.id, title: survey.title, code: survey.code, state: surveyState(survey, now) },
    results: shapeResults(questions, counts, freeTexts),
    answered,
  }
}

/**
 * The participant a personal link names, with their event and its survey:
 * null for a forged or altered link, someone no longer enrolled, or an event
 * without a survey (the route answers 404).
 */
async function participantByLink(db: Db, token: string, now: Date) {
  const participantId = await participantIdFromCode(db as Kysely<Database>, token, 'personal-link')
  if (!participantId) return null
  const row = await readParticipantInEvent(db, participantId, now)
  return row?.status === 'active' ? row : null
}

/** The phone page of a personal link: the survey, its questions and the participant's saved answers; null for a link that names nobody here. */
export async function getSurveyForParticipant(db: Kysely<Database>, token: string, now: Date) {
  const who = await participantByLink(db, token, now)
  if (!who) return null
  const survey = await selectSurvey(db, who.event_id).executeTakeFirst()
  if (!survey) return null
  const questions = await readQuestions(db, survey.id)
  const saved =
    questions.length === 0
      ? []
      : await db
          .selectFrom('survey_answer')
          .select(['question_id', 'option_ids', 'free_text', 'answered_at'])
          .where('participant_id', '=', who.id)
          .where(
            'question_id',
            'in',
            questions.map((q) => q.id),
          )
          .execute()
  const state = answerState(who.phase, survey, now)
  return {
    participant: { name: who.name },
    event: { title: who.event_title },
    survey: { title: survey.title, state, closesAt: survey.closes_at, opensAt: survey.opens_at },
    questions,
    answers: saved,
  }
}

/**
 * Saves a participant's answers from their personal link, one row per
 * question (a second answer replaces the first), in one transaction. The
 * survey's row is read FOR SHARE, so "Steng nå" waits for answers being
 * saved and every answer after it sees the survey closed. Throws
 * `survey_not_open` / `survey_closed` (nothing saved); null for a link that
 * names nobody here, or answers to another survey's questions.
 */
export async function answerSurvey(db: Kysely<Database>, token: string, answers: readonly AnswerInput[], now: Date) {
  return db.transaction().execute(async (trx) => {
    const who = await participantByLink(trx, token, now)
    if (!who) return null
    const survey = await selectSurvey(trx, who.event_id).forShare().executeTakeFirst()
    if (!survey) return null
    if (answers.length === 0) return { saved: 0 }
    const questions = new Map((await readQuestions(trx, survey.id)).map((q) => [q.id, { ...q, optionIds: q.options.map((o) => o.id) }]))
    if (answers.some((a) => !questions.has(a.questionId))) return null
    if (!permit('participant', 'survey.answer', { phase: who.phase, survey: surveyState(survey, now) })) return null
    // The answer rules again, under the survey's lock: the form may have been read before the organiser changed the options.
    for (const a of answers) {
      if (answerProblem(questions.get(a.questionId) as QuestionRule, a.optionIds, a.freeText))
        throw new DomainError('survey_changed', answerField(a.questionId))
    }
    await trx
      .insertInto('survey_answer')
      .values(answers.map((a) => ({ question_id: a.questionId, participant_id: who.id, option_ids: a.optionIds, free_text: a.freeText, answered_at: now })))
      .onConflict((oc) =>
        oc.columns(['question_id', 'participant_id']).doUpdateSet((eb) => ({
          option_ids: eb.ref('excluded.option_ids'),
          free_text: eb.ref('excluded.free_text'),
          answered_at: eb.ref('excluded.answered_at'),
        })),
      )
      .execute()
    // Who answered and how many questions, not what: the answers are in survey_answer.
    await writeAudit(trx, {
      actorUserId: null,
      actorLabel: 'participant',
      action: 'survey.answer',
      entityType: 'participant',
      entityId: who.id,
      eventId: who.event_id,
      registrationId: who.registration_id,
      after: { survey: survey.id, questions: answers.length },
      at: now,
    })
    return { saved: answers.length }
  })
}

/**
 * The phone page without a link: the active participant of the survey's
 * event with this email, given the survey's code; their personal link (the
 * token) for the route to redirect to. Limited per client address, as a
 * guesser would try many emails. Throws `survey_code_unknown` at the code
 * field for a wrong code or email (the same message for both).
 */
export async function findLinkByCode(db: Kysely<Database>, input: { code: string; email: string; clientAddress: string }, now: Date): Promise<string> {
  const [perClient] = await hitRateLimits(db, [{ key: `survey-code:client:${input.clientAddress}`, rule: SURVEY_CODE_TRIES_PER_CLIENT }], now)
  if (!perClient?.allowed) throw new DomainError('survey_rate_limited', 'code')
  const row = await db
    .selectFrom('survey')
    .innerJoin('registration', 'registration.event_id', 'survey.event_id')
    .innerJoin('participant', 'participant.registration_id', 'registration.id')
    .select('participant.id')
    .where('survey.code', '=', normaliseSurveyCode(input.code))
    .where(sql`lower(participant.email)`, '=', input.email.toLowerCase())
    .where('participant.status', '=', 'active')
    .orderBy('participant.created_at')
    .limit(1)
    .executeTakeFirst()
  if (!row) throw new DomainError('survey_code_unknown', 'code')
  return participantCode(db, row.id, 'personal-link')
}

/** For the participant's own page: their survey link while the event's survey is open, else null. */
export async function openSurveyLink(
  db: Kysely<Database>,
  participant: { id: string; event_id: string },
  phase: EventPhase,
  now: Date,
): Promise<string | null> {
  const survey = await selectSurvey(db, participant.event_id).executeTakeFirst()
  if (!survey || answerState(phase, survey, now) !== 'open') return null
  return `/undersokelse/${await participantCode(db, participant.id, 'personal-link')}`
}

/** Where answering stands for a participant, as the policy's `survey.answer` answers it: open, not yet open, or closed (also once the event is archived). */
function answerState(phase: EventPhase, survey: { opens_at: Date | null; closes_at: Date | null }, now: Date): SurveyState {
  const why = refusal('participant', 'survey.answer', { phase, survey: surveyState(survey, now) })
  return why === null ? 'open' : why === 'survey_not_open' ? 'not_open' : 'closed'
}

/** The answer page's address with the code filled in, as an SVG QR code for the projector (a phone camera opens it). */
export function surveyQrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: 'svg', margin: 1, errorCorrectionLevel: 'M', color: { dark: '#000000', light: '#ffffff' } })
}
