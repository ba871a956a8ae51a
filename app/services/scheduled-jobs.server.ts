import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { queueDeadlineReminders } from './deadline-reminders.server'
import { deleteHealthDataOfEndedEvents } from './health-data.server'
import { pruneLoginRecords } from './login.server'
import type { MailSettings } from './outbox.server'
import { anonymiseEventsPastRetention } from './personal-data.server'
import { pruneRateLimits } from './rate-limit.server'
import { expireWaitingOffers } from './waiting-lists.server'

/** The jobs the mail worker runs on a schedule, not on a page view, each in its own transaction: mail to queue, data to delete. */
export function scheduledJobs(db: Kysely<Database>, mail: MailSettings) {
  return [
    { name: 'Deadline reminders queued', everyMs: 60_000, run: (now: Date) => queueDeadlineReminders(db, mail, now) },
    { name: 'Waiting-list offers that ran out, passed on', everyMs: 60_000, run: (now: Date) => expireWaitingOffers(db, mail, now) },
    { name: 'Ended events whose health data was deleted', everyMs: 60_000, run: (now: Date) => deleteHealthDataOfEndedEvents(db, now) },
    { name: 'Events past their retention whose personal data was anonymised', everyMs: 60 * 60_000, run: (now: Date) => anonymiseEventsPastRetention(db, now) },
    { name: 'Past rate-limit windows pruned', everyMs: 60 * 60_000, run: (now: Date) => pruneRateLimits(db, now) },
    { name: 'Expired login tokens and their mails pruned', everyMs: 60 * 60_000, run: (now: Date) => pruneLoginRecords(db, now) },
  ]
}
