import type { Insertable, Kysely } from 'kysely'
import type { AuditLogTable, Database } from '../../db/schema'

export interface AuditEntry {
  actorUserId: string | null
  /** Who acted, in words that outlive personal data: "organiser", "contact person", "invitation link", "system". */
  actorLabel: string
  action: string
  entityType: string
  entityId?: string | null
  eventId?: string | null
  registrationId?: string | null
  before?: unknown
  after?: unknown
  at: Date
}

/** Writes one audit row; call it inside the transaction of the change it records. */
export async function writeAudit(db: Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db.insertInto('audit_log').values(auditRow(entry)).execute()
}

/** The audit row for an entry, for changes that write it together with other rows in one statement. */
export function auditRow(entry: AuditEntry): Insertable<AuditLogTable> {
  return {
    at: entry.at,
    actor_user_id: entry.actorUserId,
    actor_label: entry.actorLabel,
    action: entry.action,
    entity_type: entry.entityType,
    entity_id: entry.entityId ?? null,
    event_id: entry.eventId ?? null,
    registration_id: entry.registrationId ?? null,
    before: entry.before === undefined ? null : JSON.stringify(entry.before),
    after: entry.after === undefined ? null : JSON.stringify(entry.after),
  }
}
