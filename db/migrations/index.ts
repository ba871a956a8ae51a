import type { Migration } from 'kysely'
import * as initialSchema from './2026-11-22-01-initial-schema'
import * as accountsAndSessions from './2026-11-22-02-accounts-and-sessions'
import * as takenCounters from './2026-11-22-03-taken-counters'
import * as emailOutbox from './2026-11-23-04-email-outbox'
import * as deadlineReminders from './2026-11-23-05-deadline-reminders'
import * as coverageConfirmation from './2026-11-23-06-coverage-confirmation'
import * as oneEnrolmentPerEmail from './2026-11-30-07-one-enrolment-per-email'
import * as healthDataDeleted from './2026-11-30-08-health-data-deleted'
import * as municipalityRegister from './2026-12-01-09-municipality-register'
import * as invitationChanges from './2026-12-01-10-invitation-changes'
import * as organiserTeams from './2026-12-01-11-organiser-teams'
import * as bindingMoney from './2026-12-01-12-binding-money'
import * as loginLimits from './2026-12-01-13-login-limits'
import * as sessionWishes from './2026-12-02-14-session-wishes'
import * as waitingLists from './2026-12-02-15-waiting-lists'
import * as gatheringDays from './2026-12-02-16-gathering-days'
import * as personalDataRequests from './2026-12-02-17-personal-data-requests'
import * as languagePreference from './2026-12-02-18-language-preference'

/**
 * Every migration, by name, in the order they run. A new migration is a new
 * file here plus one line below; names sort by their date prefix.
 * (Listed statically rather than read from the folder, so the migrations run
 * the same under tsx, vitest and any bundler.)
 */
export const migrations: Record<string, Migration> = {
  '2026-11-22-01-initial-schema': initialSchema,
  '2026-11-22-02-accounts-and-sessions': accountsAndSessions,
  '2026-11-22-03-taken-counters': takenCounters,
  '2026-11-23-04-email-outbox': emailOutbox,
  '2026-11-23-05-deadline-reminders': deadlineReminders,
  '2026-11-23-06-coverage-confirmation': coverageConfirmation,
  '2026-11-30-07-one-enrolment-per-email': oneEnrolmentPerEmail,
  '2026-11-30-08-health-data-deleted': healthDataDeleted,
  '2026-12-01-09-municipality-register': municipalityRegister,
  '2026-12-01-10-invitation-changes': invitationChanges,
  '2026-12-01-11-organiser-teams': organiserTeams,
  '2026-12-01-12-binding-money': bindingMoney,
  '2026-12-01-13-login-limits': loginLimits,
  '2026-12-02-14-session-wishes': sessionWishes,
  '2026-12-02-15-waiting-lists': waitingLists,
  '2026-12-02-16-gathering-days': gatheringDays,
  '2026-12-02-17-personal-data-requests': personalDataRequests,
  '2026-12-02-18-language-preference': languagePreference,
}
