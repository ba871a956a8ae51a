import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { queueDeadlineReminders } from './deadline-reminders.server'
import type { MailSettings } from './outbox.server'

/** The jobs the mail worker runs on a schedule, not on a page view: each queues mail in its own transaction. */
export function scheduledJobs(db: Kysely<Database>, mail: MailSettings) {
  return [{ name: 'Deadline reminders', everyMs: 60_000, run: (now: Date) => queueDeadlineReminders(db, mail, now) }]
}
