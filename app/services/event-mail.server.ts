import { type Kysely, sql } from 'kysely'
import type { Database, EmailAttachment, EmailStatus } from '../../db/schema'
import { contentOf, emailRow, type MailSettings, subjectOf } from './outbox.server'
import { findEventFor, lockOrganisedEvent } from './access.server'
import { pageAt } from './event-overview.server'
import { selectParticipantRecipients } from './participant-mail.server'
import { writeAudit } from './audit.server'
import type { Actor } from './users.server'

/**
 * The organiser's view of an event's mail: every row of the outbox
 * that belongs to the event, exactly as it was sent, and a failed one sent
 * again. Only the event's organisers see it; for anyone else, and for an
 * email of another event, every function answers null (a 404).
 */

export type EmailCounts = Record<EmailStatus, number> & { all: number }

/**
 * The event's emails, newest first, `limit` to a page (page 1 unless asked;
 * a page past the end shows the last), with how many there are of each
 * status; null if the actor does not organise the event.
 */
export async function listEventEmails(db: Kysely<Database>, actor: Actor, eventId: string, options: { status?: EmailStatus; limit: number; page?: number }) {
  const event = (await findEventFor(db, actor, eventId, 'event.manage'))?.event
  if (!event) return null
  const byStatus = await db
    .selectFrom('email')
    .select((eb) => ['status', eb.fn.countAll<string>().as('n')])
    .where('event_id', '=', event.id)
    .groupBy('status')
    .execute()
  const counts: EmailCounts = { all: 0, queued: 0, sending: 0, sent: 0, failed: 0 }
  for (const row of byStatus) {
    counts[row.status] = Number(row.n)
    counts.all += Number(row.n)
  }
  const at = pageAt(options.status ? counts[options.status] : counts.all, options.page, options.limit)
  let query = db
    .selectFrom('email')
    .select([
      'id',
      'created_at',
      'sent_at',
      'status',
      'template',
      'to_addresses',
      'cc_addresses',
      'subject',
      'params',
      'attempts',
      'last_error',
      'next_attempt_at',
    ])
    .where('event_id', '=', event.id)
  if (options.status) query = query.where('status', '=', options.status)
  const emails = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(at.limit).offset(at.offset).execute()
  // A queued email is rendered when it is sent; until then the list shows the subject it will have.
  const listed = emails.map(({ params, ...e }) => ({ ...e, subject: subjectOf({ ...e, params }) }))
  return { event: { id: event.id, title: event.title }, emails: listed, counts, page: { page: at.page, pages: at.pages, matching: at.matching } }
}

/**
 * The HTML as a mail reader shows it: each inline image (`cid:`) from the
 * email's own attachment, as a data: URL (which the page's Content Security
 * Policy allows, where `cid:` is neither loadable nor allowed).
 */
function withInlineImages(html: string, attachments: readonly EmailAttachment[]): string {
  let shown = html
  for (const a of attachments) {
    if (!a.cid || a.encoding !== 'base64' || !a.contentType.startsWith('image/')) continue
    shown = shown.replaceAll(`cid:${a.cid}`, `data:${a.contentType};base64,${a.content}`)
  }
  return shown
}

/** One of the event's emails as it was sent (inline images shown), attachments by name, type and size (not content); null if not the actor's or not the event's. */
export async function getEventEmail(db: Kysely<Database>, actor: Actor, eventId: string, emailId: string) {
  const event = (await findEventFor(db, actor, eventId, 'event.manage'))?.event
  if (!event) return null
  const found = await db.selectFrom('email').selectAll().where('id', '=', emailId).where('event_id', '=', event.id).executeTakeFirst()
  if (!found) return null
  const row = { ...found, event_title: event.title }
  // As sent; or, while still queued and not yet rendered, as it will be sent.
  const { attachments, subject, html, text } = contentOf(row)
  return {
    ...row,
    subject,
    html: withInlineImages(html, attachments),
    text,
    rendered: row.subject !== null,
    attachments: attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, size: Buffer.byteLength(a.content, a.encoding) })),
  }
}

/** The event and how many participants a message to all would reach now (the registered ones); null if the actor may not manage the event. */
export async function getMessageRecipients(db: Kysely<Database>, actor: Actor, eventId: string) {
  const event = (await findEventFor(db, actor, eventId, 'event.manage'))?.event
  if (!event) return null
  const row = await db
    .selectFrom('participant')
    .innerJoin('registration', 'registration.id', 'participant.registration_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('registration.event_id', '=', event.id)
    .where('participant.status', '=', 'active')
    .executeTakeFirstOrThrow()
  return { event, recipients: row.n }
}

export type RetryOutcome = { retried: true } | { retried: false; status: EmailStatus }

/**
 * Puts a failed email back in the queue, due at once, with a fresh round of
 * attempts; its last error stays until the next try. Any other status is left
 * alone (`retried: false`): a sent email is never sent twice this way, and a
 * queued one is already on its way. Null if not the actor's or not the event's.
 */
export async function retryEmail(db: Kysely<Database>, actor: Actor, eventId: string, emailId: string, now: Date): Promise<RetryOutcome | null> {
  return db.transaction().execute(async (trx) => {
    const event = await lockOrganisedEvent(trx, actor, eventId)
    if (!event) return null
    const email = await trx
      .selectFrom('email')
      .select(['id', 'status', 'attempts', 'last_error', 'registration_id'])
      .where('id', '=', emailId)
      .where('event_id', '=', event.id)
      .forUpdate()
      .executeTakeFirst()
    if (!email) return null
    if (email.status !== 'failed') return { retried: false, status: email.status }
    await trx.updateTable('email').set({ status: 'queued', attempts: 0, next_attempt_at: now, locked_until: null }).where('id', '=', email.id).execute()
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: 'organiser',
      action: 'email.retried',
      entityType: 'email',
      entityId: email.id,
      eventId: event.id,
      registrationId: email.registration_id,
      before: { status: email.status, attempts: email.attempts, lastError: email.last_error },
      after: { status: 'queued', attempts: 0 },
      at: now,
    })
    return { retried: true }
  })
}

/**
 * The organiser's own message to every registered participant of the event,
 * each with their municipality's contact person in copy, queued in one
 * transaction. The form's key makes a repeated post send nothing more.
 * Returns how many were queued, or null if the actor does not organise the event.
 */
export async function sendOrganiserMessage(
  db: Kysely<Database>,
  mail: MailSettings,
  actor: Actor,
  eventId: string,
  message: { idempotencyKey: string; subject: string; body: string },
  now: Date,
): Promise<number | null> {
  return db.transaction().execute(async (trx) => {
    const event = await lockOrganisedEvent(trx, actor, eventId)
    if (!event) return null
    const participants = await selectParticipantRecipients(trx)
      .where('registration.event_id', '=', eventId)
      .where('participant.status', '=', 'active')
      .execute()
    const signature = (nn: boolean) => `${nn ? 'Helsing' : 'Hilsen'} ${event.organiser_contact_name}, ${event.title}`
    const rows = participants.map((p) =>
      emailRow(
        mail,
        {
          template: 'organiser-message',
          languageForm: p.language_form,
          to: p.email,
          cc: p.contact_email ? [p.contact_email] : [],
          replyTo: event.reply_to_email,
          eventId,
          registrationId: p.registration_id,
          dedupeKey: `organiser-message:${message.idempotencyKey}:${p.id}`,
          params: {
            languageForm: p.language_form,
            eventTitle: event.title,
            subject: message.subject,
            body: message.body,
            signature: signature(p.language_form === 'nn'),
          },
        },
        now,
      ),
    )
    const queued = rows.length
      ? await trx
          .insertInto('email')
          .values(rows)
          .onConflict((oc) => oc.column('dedupe_key').doNothing())
          .returning('id')
          .execute()
      : []
    if (queued.length > 0) {
      await writeAudit(trx, {
        actorUserId: actor.userId,
        actorLabel: 'organiser',
        action: 'message.sent',
        entityType: 'event',
        entityId: eventId,
        eventId,
        after: { subject: message.subject, recipients: queued.length },
        at: now,
      })
    }
    return queued.length
  })
}
