import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../../db/schema'
import { writeAudit } from './audit.server'

/** What an anonymised participant is called: the lists and the invoice basis still have a row for them. */
export const ANONYMISED_NAME = 'Anonymisert deltaker'

/** What a text that named someone becomes, in audit rows and in a night's long-travel reason. */
export const ANONYMISED_TEXT = 'Anonymisert'

/** A waiver's reason is free text; the waiver itself (when, by whom, the amount it leaves out) stays for the invoice. */
export const ANONYMISED_WAIVER_REASON = 'Frafalt'

/** The domain of a participant's email after anonymisation: `anonym-<id>@…`, unique per row (the active-email index); `.invalid` never delivers. */
const ANONYMISED_EMAIL_DOMAIN = 'anonymisert.invalid'

/**
 * Keys of an audit row's before and after that hold personal data, wherever
 * they are in it (see what the services write with `writeAudit`: names,
 * emails and phones of participants, contact persons and team members; the
 * health fields; the names of others a participant passed or was passed by;
 * a mail's recipients; free-text messages and notes).
 */
const PERSONAL_KEYS = new Set([
  'name',
  'email',
  'phone',
  'diet',
  'allergies',
  'accessibility_needs',
  'accessibilityNeeds',
  'passed',
  'takenBy',
  'to',
  'cc',
  'longTravelReason',
  'message',
  'note',
  'outcomeNote',
  'outcome_note',
  'freeText',
  'free_text',
])

/** Keys that hold a person's data only in an object about a person (one with a name, email or phone); elsewhere `title` is a session's or survey's. */
const PERSON_ONLY_KEYS = new Set(['title'])

/** A `reason` that is a code ('freed', 'grant_reduced') tells what happened; any other is someone's free text. */
const REASON_CODE = /^[a-z_]+$/

/** Words of a text as the personal-data net compares them: lower case, split at spaces and punctuation that never sits inside a name, email or phone. */
const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[\s,;:()"'<>[\]«»]+/)
    .map((w) => w.replace(/[.!?]+$/, ''))
    .filter(Boolean)

/** The longest name, email or phone the net looks for, in words ("+47 912 34 567" is four). */
const MAX_WORDS = 6

/**
 * Makes an audit row's before or after into one without personal data: the keys above
 * removed at any depth, a free-text reason removed, and any other text that
 * contains one of `personal` (the event's names, emails and phones, compared
 * word by word without case) replaced by "Anonymisert". Ids, counts, dates
 * and codes stay, so the row still says who (by actor id) did what to which
 * record. Pure; a lookup per run of words, so an event of 10 000 people and
 * its tens of thousands of audit rows take no longer than reading them.
 */
export function auditAnonymiser(personal: readonly string[]): (value: unknown) => unknown {
  const needles = new Set(
    personal
      .map((p) => words(p).join(' '))
      .filter((p) => p.length >= 3)
      .filter((p) => p.split(' ').length <= MAX_WORDS),
  )
  const namesSomeone = (text: string) => {
    const w = words(text)
    for (let i = 0; i < w.length; i++) {
      let run = ''
      for (let j = i; j < Math.min(w.length, i + MAX_WORDS); j++) {
        run = j === i ? (w[j] ?? '') : `${run} ${w[j]}`
        if (needles.has(run)) return true
      }
    }
    return false
  }
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return namesSomeone(v) ? ANONYMISED_TEXT : v
    if (Array.isArray(v)) return v.map(walk)
    if (v === null || typeof v !== 'object') return v
    const entries = Object.entries(v as Record<string, unknown>)
    const aboutPerson = entries.some(([k]) => k === 'name' || k === 'email' || k === 'phone')
    const kept: Record<string, unknown> = {}
    for (const [key, inner] of entries) {
      if (PERSONAL_KEYS.has(key)) continue
      if (aboutPerson && PERSON_ONLY_KEYS.has(key)) continue
      if (key === 'reason' && typeof inner === 'string' && !REASON_CODE.test(inner)) continue
      kept[key] = walk(inner)
    }
    return kept
  }
  return walk
}

export interface AnonymisedCounts {
  participants: number
  contactPersons: number
  auditRows: number
  emails: number
  surveyAnswers: number
  dataRequests: number
}

/**
 * Anonymises the personal data of every event whose retention has run out
 * (`ends_at` plus `personal_data_retention_days` at or before `now`) and
 * marks it (`personal_data_deleted_at`, which makes its phase 'archived').
 * Decision 051 says what goes and what stays: participants keep their rows,
 * roles, days, nights, coverage, status and waivers (the invoice basis and
 * the statistics count them per municipality) but lose their name, email,
 * phone, title, health answers, account link and free texts; the event's
 * audit rows lose personal fields; its mails and data requests are deleted;
 * its registrations forget their contact person (the account itself, which
 * may serve other events, stays). Run by the scheduled job; several workers
 * may run it at once, since each takes its events with `FOR UPDATE SKIP
 * LOCKED` and marks them in the same transaction. Returns how many events it
 * anonymised.
 */
export async function anonymiseEventsPastRetention(db: Kysely<Database>, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('event')
      .select('id')
      .where(sql<boolean>`ends_at + make_interval(days => personal_data_retention_days) <= ${now}`)
      .where('personal_data_deleted_at', 'is', null)
      .orderBy('id')
      .limit(20)
      .forUpdate()
      .skipLocked()
      .execute()
    for (const event of due) {
      const counts = await anonymiseEvent(trx, event.id, now)
      await trx
        .updateTable('event')
        .set({ personal_data_deleted_at: now, health_data_deleted_at: sql`coalesce(health_data_deleted_at, ${now})` })
        .where('id', '=', event.id)
        .execute()
      await writeAudit(trx, {
        actorUserId: null,
        actorLabel: 'system',
        action: 'event.personal_data_anonymised',
        entityType: 'event',
        entityId: event.id,
        eventId: event.id,
        after: counts,
        at: now,
      })
    }
    return due.length
  })
}

async function anonymiseEvent(trx: Transaction<Database>, eventId: string, now: Date): Promise<AnonymisedCounts> {
  const registrations = trx.selectFrom('registration').select('registration.id').where('registration.event_id', '=', eventId)
  const participantIds = trx.selectFrom('participant').select('participant.id').where('participant.registration_id', 'in', registrations)

  // Every name, email and phone the event holds about a person, to find them in audit texts too.
  const [people, accounts] = await Promise.all([
    trx.selectFrom('participant').select(['name', 'email', 'phone']).where('registration_id', 'in', registrations).execute(),
    trx
      .selectFrom('app_user')
      .select(['name', 'email', 'phone'])
      .where((eb) =>
        eb.or([
          eb('id', 'in', trx.selectFrom('registration').select('contact_user_id').where('event_id', '=', eventId).where('contact_user_id', 'is not', null)),
          eb('id', 'in', trx.selectFrom('participant').select('user_id').where('registration_id', 'in', registrations).where('user_id', 'is not', null)),
        ]),
      )
      .execute(),
  ])
  const personal = [...new Set([...people, ...accounts].flatMap((p) => [p.name, p.email, p.phone ?? '']).filter(Boolean))]

  const participants = await trx
    .updateTable('participant')
    .set({
      name: ANONYMISED_NAME,
      email: sql<string>`'anonym-' || id || ${`@${ANONYMISED_EMAIL_DOMAIN}`}`,
      phone: null,
      title: '',
      diet: null,
      allergies: null,
      accessibility_needs: null,
      user_id: null,
      charge_waived_reason: sql<string | null>`case when charge_waived_reason is null then null else ${ANONYMISED_WAIVER_REASON} end`,
      cancelled_holdings: sql<string | null>`case when cancelled_holdings ? 'longTravelReason' and cancelled_holdings->>'longTravelReason' is not null
        then jsonb_set(cancelled_holdings, '{longTravelReason}', to_jsonb(${ANONYMISED_TEXT}::text)) else cancelled_holdings end`,
      updated_at: now,
    })
    .where('registration_id', 'in', registrations)
    .executeTakeFirst()
  await trx
    .updateTable('participant_night')
    .set({ reason: ANONYMISED_TEXT })
    .where('participant_id', 'in', participantIds)
    .where('reason', 'is not', null)
    .execute()

  const contactPersons = await trx
    .updateTable('registration')
    .set({ contact_user_id: null, contact_named_at: null })
    .where('event_id', '=', eventId)
    .where('contact_user_id', 'is not', null)
    .executeTakeFirst()

  const surveyAnswers = await trx
    .updateTable('survey_answer')
    .set({ free_text: null })
    .where('participant_id', 'in', participantIds)
    .where('free_text', 'is not', null)
    .executeTakeFirst()

  const emails = await trx
    .deleteFrom('email')
    .where((eb) => eb.or([eb('event_id', '=', eventId), eb('registration_id', 'in', registrations)]))
    .executeTakeFirst()
  const dataRequests = await trx.deleteFrom('data_request').where('event_id', '=', eventId).executeTakeFirst()

  const auditRows = await anonymiseAuditRows(trx, eventId, personal)

  return {
    participants: Number(participants.numUpdatedRows),
    contactPersons: Number(contactPersons.numUpdatedRows),
    auditRows,
    emails: Number(emails.numDeletedRows),
    surveyAnswers: Number(surveyAnswers.numUpdatedRows),
    dataRequests: Number(dataRequests.numDeletedRows),
  }
}

/** The event's audit rows (by event or by one of its registrations) without personal data; only rows that change are written, in chunks. */
async function anonymiseAuditRows(trx: Transaction<Database>, eventId: string, personal: readonly string[]): Promise<number> {
  const rows = await trx
    .selectFrom('audit_log')
    .select(['id', 'before', 'after'])
    .where((eb) =>
      eb.or([eb('event_id', '=', eventId), eb('registration_id', 'in', trx.selectFrom('registration').select('id').where('event_id', '=', eventId))]),
    )
    .orderBy('id')
    .execute()
  const anonymise = auditAnonymiser(personal)
  const changed: Array<{ id: string; before: string | null; after: string | null }> = []
  for (const row of rows) {
    const before = row.before === null ? null : JSON.stringify(anonymise(row.before))
    const after = row.after === null ? null : JSON.stringify(anonymise(row.after))
    if (before !== (row.before === null ? null : JSON.stringify(row.before)) || after !== (row.after === null ? null : JSON.stringify(row.after))) {
      changed.push({ id: String(row.id), before, after })
    }
  }
  for (let i = 0; i < changed.length; i += 1000) {
    const chunk = changed.slice(i, i + 1000)
    await sql`
      update audit_log set before = u.before, after = u.after
      from unnest(${chunk.map((c) => c.id)}::bigint[], ${chunk.map((c) => c.before)}::jsonb[], ${chunk.map((c) => c.after)}::jsonb[]) as u(id, before, after)
      where audit_log.id = u.id`.execute(trx)
  }
  return changed.length
}
