import { type Insertable, type Kysely, sql, type Transaction } from 'kysely'
import type { Database, EmailAttachment, EmailTable, LanguageForm } from '../../db/schema'
import { type EmailParams, type EmailTemplate, renderTemplate } from '../../emails'
import type { Mailer } from '~/utils/mail.server'

/**
 * The outbox (decision 20, docs/decisions). A service writes each
 * email as a row in the transaction of the change that causes it (its
 * recipients, template and the template's parameters), so a rolled-back change
 * sends nothing and a committed one always sends. The mail worker claims due
 * rows with `FOR UPDATE SKIP LOCKED`, so several app processes never send the
 * same row twice, renders each before its first attempt and keeps exactly
 * what it sends, and retries with a growing pause.
 */

/** What a service needs to write mail: the product's From address and the app's address for links. */
export interface MailSettings {
  from: string
  appUrl: string
}

interface Envelope {
  languageForm: LanguageForm
  to: string | string[]
  cc?: string[]
  replyTo?: string | null
  eventId?: string | null
  registrationId?: string | null
  /** The same key enqueued twice makes one email. */
  dedupeKey?: string
}

/** One email to queue: who gets it, and which template says what with which parameters. */
export type OutgoingEmail = { [T in EmailTemplate]: Envelope & { template: T; params: EmailParams<T> } }[EmailTemplate]

/** Pauses after the 1st to 5th failed attempt; the 6th failure is final. */
export const RETRY_PAUSES_MS = [30_000, 2 * 60_000, 10 * 60_000, 60 * 60_000, 6 * 60 * 60_000]
/** How long a claimed row is a worker's before another may take it (a worker that died). */
const CLAIM_MS = 5 * 60_000

/** Writes one email to the outbox; call it inside the change's transaction. Returns its id, or null when its dedupe key was used before. */
export async function enqueueEmail(db: Kysely<Database> | Transaction<Database>, mail: MailSettings, email: OutgoingEmail, now: Date) {
  const row = await db
    .insertInto('email')
    .values(emailRow(mail, email, now))
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst()
  return row?.id ?? null
}

/** The outbox row for an email, for a change that writes it together with other rows in one statement. */
export function emailRow(mail: MailSettings, email: OutgoingEmail, now: Date): Insertable<EmailTable> {
  const to = (Array.isArray(email.to) ? email.to : [email.to]).filter(Boolean)
  return {
    event_id: email.eventId ?? null,
    registration_id: email.registrationId ?? null,
    template: email.template,
    language_form: email.languageForm,
    from_address: mail.from,
    to_addresses: to,
    // Nobody gets the same message twice because they are both recipient and in copy.
    cc_addresses: [...new Set(email.cc ?? [])].filter((a) => a && !to.includes(a)),
    reply_to: email.replyTo ?? null,
    params: JSON.stringify(email.params),
    dedupe_key: email.dedupeKey ?? null,
    next_attempt_at: now,
    created_at: now,
  }
}

/** A message to check the mail settings (the development page /dev/mail). */
export async function enqueueTestMessage(db: Kysely<Database>, mail: MailSettings, to: string, now: Date) {
  return enqueueEmail(db, mail, { template: 'test-message', languageForm: 'nb', to, params: { appUrl: mail.appUrl, languageForm: 'nb' } }, now)
}

/** What a stored email says: as sent once the worker has rendered it, otherwise as it will be rendered. */
export function contentOf(email: {
  template: string
  params: unknown
  subject: string | null
  html: string | null
  text: string | null
  attachments: EmailAttachment[]
}) {
  if (email.subject !== null && email.html !== null && email.text !== null) {
    return { subject: email.subject, html: email.html, text: email.text, attachments: email.attachments }
  }
  const { rendered, attachments } = renderTemplate(email.template, email.params)
  return { ...rendered, attachments: attachments().map(storedAttachment) }
}

/** Just the subject, without making the attachments. */
export function subjectOf(email: { template: string; params: unknown; subject: string | null }): string {
  return email.subject ?? renderTemplate(email.template, email.params).rendered.subject
}

function storedAttachment(a: { filename?: string | false; contentType?: string; content?: unknown; cid?: string }): EmailAttachment {
  return {
    filename: a.filename || 'vedlegg',
    contentType: a.contentType ?? 'application/octet-stream',
    ...(a.cid ? { cid: a.cid } : {}),
    ...(Buffer.isBuffer(a.content)
      ? { encoding: 'base64' as const, content: a.content.toString('base64') }
      : { encoding: 'utf8' as const, content: String(a.content ?? '') }),
  }
}

export interface DeliveryRound {
  claimed: number
  sent: number
  retrying: number
  failed: number
}

/**
 * One round of the mail worker: claims up to `batch` due emails (queued and
 * due, or claimed by a worker that has not finished in time), sends them,
 * and records the outcome. Rows other workers hold are skipped, not waited for.
 */
export async function deliverDueEmails(db: Kysely<Database>, mailer: Mailer, now: Date, batch = 20): Promise<DeliveryRound> {
  const claimed = await db
    .updateTable('email')
    .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), locked_until: new Date(now.getTime() + CLAIM_MS) }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('email')
        .select('id')
        .where((w) =>
          w.or([w.and([w('status', '=', 'queued'), w('next_attempt_at', '<=', now)]), w.and([w('status', '=', 'sending'), w('locked_until', '<=', now)])]),
        )
        .orderBy('next_attempt_at')
        .limit(batch)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute()
  const round: DeliveryRound = { claimed: claimed.length, sent: 0, retrying: 0, failed: 0 }
  const outcomes = await Promise.all(
    claimed.map(async (email): Promise<Outcome> => {
      // Rendered once, before the first attempt: the row keeps exactly what is sent, every time.
      let content: ReturnType<typeof contentOf> | undefined
      try {
        content = contentOf(email)
        const sent = await mailer.send({
          from: email.from_address,
          to: email.to_addresses,
          cc: email.cc_addresses.length ? email.cc_addresses : undefined,
          replyTo: email.reply_to ?? undefined,
          subject: content.subject,
          text: content.text,
          html: content.html,
          attachments: content.attachments.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: Buffer.from(a.content, a.encoding),
            ...(a.cid ? { cid: a.cid } : {}),
          })),
        })
        round.sent += 1
        return { id: email.id, status: 'sent', message_id: sent.messageId, last_error: null, next_attempt_at: null, ...rendered(email, content) }
      } catch (error) {
        const pause = RETRY_PAUSES_MS[email.attempts - 1]
        if (pause === undefined) round.failed += 1
        else round.retrying += 1
        return {
          id: email.id,
          status: pause === undefined ? 'failed' : 'queued',
          message_id: null,
          last_error: error instanceof Error ? error.message : String(error),
          next_attempt_at: pause === undefined ? null : new Date(now.getTime() + pause).toISOString(),
          ...rendered(email, content),
        }
      }
    }),
  )
  await recordOutcomes(db, now, outcomes)
  return round
}

/** What one attempt came to, and what was sent when the row did not keep it yet. */
interface Outcome {
  id: string
  status: 'sent' | 'queued' | 'failed'
  message_id: string | null
  last_error: string | null
  next_attempt_at: string | null
  subject: string | null
  html: string | null
  text: string | null
  attachments: EmailAttachment[] | null
}

function rendered(email: { subject: string | null }, content: ReturnType<typeof contentOf> | undefined) {
  return email.subject === null && content
    ? { subject: content.subject, html: content.html, text: content.text, attachments: content.attachments }
    : { subject: null, html: null, text: null, attachments: null }
}

/**
 * Records a round's outcomes in one statement (the rendered message too, the first time), instead of two
 * statements per email: the worker sends every enrolment's confirmation, so they were most of its queries.
 * A row another worker has taken over since (no longer 'sending') is left alone.
 */
async function recordOutcomes(db: Kysely<Database>, now: Date, outcomes: Outcome[]) {
  if (outcomes.length === 0) return
  await sql`
    update email as e set
      status = o.status,
      sent_at = case when o.status = 'sent' then ${now}::timestamptz else null end,
      smtp_message_id = case when o.status = 'sent' then o.message_id else e.smtp_message_id end,
      last_error = o.last_error,
      locked_until = null,
      next_attempt_at = coalesce(o.next_attempt_at, e.next_attempt_at),
      subject = coalesce(e.subject, o.subject),
      html = case when e.subject is null and o.subject is not null then o.html else e.html end,
      text = case when e.subject is null and o.subject is not null then o.text else e.text end,
      attachments = case when e.subject is null and o.subject is not null then o.attachments else e.attachments end
    from jsonb_to_recordset(${JSON.stringify(outcomes)}::jsonb) as o(
      id uuid, status text, message_id text, last_error text, next_attempt_at timestamptz,
      subject text, html text, text text, attachments jsonb
    )
    where e.id = o.id and e.status = 'sending'`.execute(db)
}

export interface MailWorker {
  stop(): Promise<void>
}

/**
 * Runs delivery rounds every `intervalMs` (and at once again while rounds
 * find work) until stopped, with the scheduled jobs before them; `stop` waits
 * for the round in flight, so no email is left half-recorded.
 */
export function startMailWorker(options: {
  db: Kysely<Database>
  mailer: Mailer
  now: () => Date
  intervalMs?: number
  log: (line: string) => void
  /** Scheduled jobs (the deadline reminder, deleting health data), run before each round at most every `everyMs`; `run` says how many things it did, and `name` what they were. */
  jobs?: Array<{ name: string; everyMs: number; run: (now: Date) => Promise<number> }>
}): MailWorker {
  let stopped = false
  let running: Promise<void> | null = null
  const lastRun = new Map<string, number>()
  const work = async () => {
    for (const job of options.jobs ?? []) {
      if (Date.now() - (lastRun.get(job.name) ?? Number.NEGATIVE_INFINITY) < job.everyMs) continue
      lastRun.set(job.name, Date.now())
      const done = await job.run(options.now())
      if (done > 0) options.log(`${job.name}: ${done}`)
    }
    while (!stopped) {
      const round = await deliverDueEmails(options.db, options.mailer, options.now())
      if (round.retrying + round.failed > 0) options.log(`Mail: ${round.sent} sent, ${round.retrying} to retry, ${round.failed} failed`)
      if (round.claimed === 0) return
    }
  }
  const tick = () => {
    if (running || stopped) return
    running = work()
      .catch((error: unknown) => options.log(`Mail worker round failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = null
      })
  }
  const timer = setInterval(tick, options.intervalMs ?? 1_000)
  tick()
  return {
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}
