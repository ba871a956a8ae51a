import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'
import { formatDateRange, formatDateTime } from '~/domain/dates'
import { earliestOpenDeadline } from '~/domain/phase'
import { hashToken, newToken } from '~/utils/tokens.server'
import { writeAudit } from './audit.server'
import { enqueueEmail, type MailSettings } from './outbox.server'

/**
 * The deadline reminder: once the event's reminder day has come
 * (`reminder_days_before_deadline` before the deadline), each invited
 * municipality without a contact person or without participants is reminded,
 * once. Run by the scheduled job, never by a page view; several workers may
 * run it at once, since each takes the registrations it reminds with
 * `FOR UPDATE SKIP LOCKED` and marks them in the same transaction.
 */
export async function queueDeadlineReminders(db: Kysely<Database>, mail: MailSettings, now: Date): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('registration')
      .innerJoin('event', 'event.id', 'registration.event_id')
      .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
      .leftJoin('app_user as contact', 'contact.id', 'registration.contact_user_id')
      .select([
        'registration.id',
        'registration.event_id',
        'municipality.name',
        'municipality.official_email',
        'municipality.language_form',
        'contact.email as contact_email',
        'event.title',
        'event.starts_at',
        'event.ends_at',
        'event.deadline_at',
        'event.reply_to_email',
        'event.organiser_contact_name',
        'event.organiser_contact_email',
      ])
      .where('event.status', '=', 'published')
      .where('registration.reminder_sent_at', 'is', null)
      .where('event.deadline_at', '>=', earliestOpenDeadline(now))
      .where(sql<boolean>`event.deadline_at - make_interval(days => event.reminder_days_before_deadline) <= ${now}`)
      .where('event.registration_opens_at', '<=', now)
      .where((eb) =>
        eb.or([
          eb('registration.contact_user_id', 'is', null),
          eb.not(
            eb.exists(
              eb
                .selectFrom('participant')
                .select('participant.id')
                .whereRef('participant.registration_id', '=', 'registration.id')
                .where('participant.status', '=', 'active'),
            ),
          ),
        ]),
      )
      .orderBy('registration.id')
      .limit(500)
      .forUpdate('registration')
      .skipLocked()
      .execute()
    for (const r of due) {
      const missing = r.contact_email ? 'participants' : 'contact_person'
      let link = `${mail.appUrl}/logg-inn`
      if (missing === 'contact_person') {
        // A fresh single-purpose link, like the invitation's (only its hash is kept).
        const token = newToken()
        await trx
          .insertInto('invitation_token')
          .values({ registration_id: r.id, token_hash: hashToken(token), sent_to: r.official_email, created_at: now })
          .execute()
        link = `${mail.appUrl}/invitasjon/${token}`
      }
      const to = r.contact_email ?? r.official_email
      await enqueueEmail(
        trx,
        mail,
        {
          template: 'deadline-reminder',
          languageForm: r.language_form,
          to,
          replyTo: r.reply_to_email,
          eventId: r.event_id,
          registrationId: r.id,
          dedupeKey: `deadline-reminder:${r.id}`,
          params: {
            languageForm: r.language_form,
            municipalityName: r.name,
            eventTitle: r.title,
            eventDates: formatDateRange(r.starts_at, r.ends_at),
            deadline: formatDateTime(r.deadline_at),
            missing,
            link,
            organiserContact: `${r.organiser_contact_name} (${r.organiser_contact_email})`,
          },
        },
        now,
      )
      await trx.updateTable('registration').set({ reminder_sent_at: now }).where('id', '=', r.id).execute()
      await writeAudit(trx, {
        actorUserId: null,
        actorLabel: 'system',
        action: 'deadline.reminded',
        entityType: 'registration',
        entityId: r.id,
        eventId: r.event_id,
        registrationId: r.id,
        after: { to, missing },
        at: now,
      })
    }
    return due.length
  })
}
