import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import type { CoverageConfirmationInput } from '../../emails/coverage-confirmation'
import { promotedBetween } from '~/domain/coverage'
import { formatDateRange } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { extrasPricingOf, isBillable } from '~/domain/money'
import { deadlinePassed } from '~/domain/phase'
import { quotaOf } from '~/domain/quota'
import { lockOrganisedEvent } from './access.server'
import { writeAudit } from './audit.server'
import { findOrganisedEvent } from './invitations.server'
import { enqueueEmail, type MailSettings } from './outbox.server'
import { recordDemotions, recordPromotions } from './participant-changes.server'
import { recomputeCoverage } from './places/coverage.server'
import { lockRegistration } from './places/locks.server'
import { getRegistrationOverview } from './registration-view.server'
import type { Actor } from './users.server'

/**
 * The coverage confirmation: after the deadline, one message per
 * municipality to its contact person listing each participant and what is
 * covered, with what the municipality pays in all. The organiser previews
 * it, adjusts grants, and sends to all; sending again reaches only the
 * municipalities whose message would now say something else.
 */

type EventRow = NonNullable<Awaited<ReturnType<typeof findOrganisedEvent>>>

async function municipalities(db: Kysely<Database>, event: EventRow) {
  const registrations = await db
    .selectFrom('registration')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .leftJoin('app_user as contact', 'contact.id', 'registration.contact_user_id')
    .select([
      'registration.id',
      'registration.extra_overnights_granted',
      'registration.extra_day_packages_granted',
      'registration.coverage_confirmation_hash',
      'registration.coverage_confirmed_at',
      'municipality.name',
      'municipality.official_email',
      'municipality.language_form',
      'contact.name as contact_name',
      'contact.email as contact_email',
    ])
    .where('registration.event_id', '=', event.id)
    .orderBy('municipality.name')
    .execute()
  return Promise.all(
    registrations.map(async (r) => {
      const overview = await getRegistrationOverview(db, r.id)
      // Late cancellations stay bound: listed with what they still cost or hold (decision 31).
      const active = overview.participants.filter((p) => isBillable(p.status))
      const params: CoverageConfirmationInput = {
        languageForm: r.language_form,
        municipalityName: r.name,
        eventTitle: event.title,
        eventDates: formatDateRange(event.starts_at, event.ends_at),
        participants: active.map((p) => ({
          name: p.name,
          coveredOvernight: p.coveredOvernight,
          coveredDays: p.coveredDayLabels,
          selfPaidOre: p.amount,
          lateCancelled: p.status === 'late_cancelled',
          waivedReason: p.charge.waiverReason,
        })),
        totalOre: overview.meters.selfPaidOre,
        waivedOre: overview.meters.waivedOre,
        extrasPricing: extrasPricingOf(overview.prices),
        extrasPricingNote: overview.prices.extras_pricing_note,
        pricesApproximate: event.prices_are_approximate,
        billedBy: event.self_paid_billed_by,
        organiserContact: `${event.organiser_contact_name} (${event.organiser_contact_email})`,
      }
      const hash = createHash('sha256').update(JSON.stringify(params)).digest('hex')
      return {
        registrationId: r.id,
        name: r.name,
        to: r.contact_email ?? r.official_email,
        contactName: r.contact_name,
        participants: active.length,
        meters: overview.meters,
        /** The late cancellations: bound, with what they hold and cost, and any waiver (decision 31). */
        lateCancellations: overview.participants
          .filter((p) => p.status === 'late_cancelled')
          .map((p) => ({ id: p.id, name: p.name, coveredOvernight: p.coveredOvernight, coveredDayPackages: p.coveredDayPackages, charge: p.charge })),
        grants: { overnight: r.extra_overnights_granted, dayPackages: r.extra_day_packages_granted },
        confirmedAt: r.coverage_confirmed_at,
        changed: active.length > 0 && hash !== r.coverage_confirmation_hash,
        hash,
        params,
      }
    }),
  )
}

/** Every municipality of the event with its numbers and the confirmation it would get now; null if the actor does not organise the event. */
export async function previewCoverageConfirmations(db: Kysely<Database>, actor: Actor, eventId: string, now: Date) {
  const event = await findOrganisedEvent(db, actor.userId, eventId)
  if (!event) return null
  return { event, deadlinePassed: deadlinePassed(event.deadline_at, now), municipalities: await municipalities(db, event) }
}

/**
 * Queues the confirmation for every municipality with participants whose
 * message changed since the last one sent (all of them the first time).
 * Returns how many were queued; null if the actor does not organise the event.
 */
export async function sendCoverageConfirmations(db: Kysely<Database>, mail: MailSettings, actor: Actor, eventId: string, now: Date) {
  return db.transaction().execute(async (trx) => {
    const event = await lockOrganisedEvent(trx, actor, eventId)
    if (!event) return null
    if (!deadlinePassed(event.deadline_at, now)) throw new DomainError('coverage_before_deadline')
    const due = (await municipalities(trx, event)).filter((m) => m.changed)
    for (const m of due) {
      await enqueueEmail(
        trx,
        mail,
        {
          template: 'coverage-confirmation',
          languageForm: m.params.languageForm,
          to: m.to,
          replyTo: event.reply_to_email,
          eventId: event.id,
          registrationId: m.registrationId,
          dedupeKey: `coverage-confirmation:${m.registrationId}:${m.hash}`,
          params: m.params,
        },
        now,
      )
      await trx.updateTable('registration').set({ coverage_confirmation_hash: m.hash, coverage_confirmed_at: now }).where('id', '=', m.registrationId).execute()
    }
    if (due.length > 0) {
      await writeAudit(trx, {
        actorUserId: actor.userId,
        actorLabel: 'organiser',
        action: 'coverage.confirmed',
        entityType: 'event',
        entityId: event.id,
        eventId: event.id,
        after: { municipalities: due.map((m) => m.name) },
        at: now,
      })
    }
    return due.length
  })
}

/**
 * The organiser grants a municipality extra covered overnight places or day
 * packages (or takes them back). Coverage is recomputed at once under the
 * municipality's lock; whoever gets a covered place by it is told. Null if
 * the actor does not organise the registration's event.
 */
export async function grantCoverage(
  db: Kysely<Database>,
  mail: MailSettings,
  actor: Actor,
  registrationId: string,
  grants: { overnight: number; dayPackages: number },
  now: Date,
) {
  return db.transaction().execute(async (trx) => {
    const found = await trx
      .selectFrom('registration')
      .innerJoin('event', 'event.id', 'registration.event_id')
      .innerJoin('event_organiser', 'event_organiser.event_id', 'event.id')
      .select([
        'registration.id',
        'registration.event_id',
        'registration.extra_overnights_granted',
        'registration.extra_day_packages_granted',
        'event.covered_overnight_per_municipality',
        'event.covered_day_packages_per_municipality',
      ])
      .where('registration.id', '=', registrationId)
      .where('event_organiser.user_id', '=', actor.userId)
      .executeTakeFirst()
    if (!found) return null
    await lockRegistration(trx, registrationId)
    const before = await recomputeCoverage(trx, registrationId, quotaOf(found))
    await trx
      .updateTable('registration')
      .set({ extra_overnights_granted: grants.overnight, extra_day_packages_granted: grants.dayPackages })
      .where('id', '=', registrationId)
      .execute()
    const quota = quotaOf({ ...found, extra_overnights_granted: grants.overnight, extra_day_packages_granted: grants.dayPackages })
    const after = await recomputeCoverage(trx, registrationId, quota)
    const common = { actorUserId: actor.userId, actorLabel: 'organiser', eventId: found.event_id, registrationId, at: now }
    await writeAudit(trx, {
      ...common,
      action: 'coverage.granted',
      entityType: 'registration',
      entityId: registrationId,
      before: { overnight: found.extra_overnights_granted, dayPackages: found.extra_day_packages_granted },
      after: grants,
    })
    const promoted = promotedBetween(before, after)
    await recordPromotions(trx, mail, common, promoted, after, 'granted')
    // Grants taken back: whoever loses a covered place by it is told too.
    await recordDemotions(trx, mail, common, promotedBetween(after, before), after, [], 'grant_reduced')
    return { promoted }
  })
}
