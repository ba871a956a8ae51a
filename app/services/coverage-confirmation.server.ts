import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database, Event } from '../../db/schema'
import { renderTemplate } from '../../emails'
import type { CoverageConfirmationInput } from '../../emails/coverage-confirmation'
import { promotedBetween } from '~/domain/coverage'
import { formatDateRange } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { chargeOf, extrasPricingOf, isBillable, sumOre } from '~/domain/money'
import { deadlinePassed } from '~/domain/phase'
import { quotaOf } from '~/domain/quota'
import { findEventFor, lockOrganisedEvent } from './access.server'
import { writeAudit } from './audit.server'
import { enqueueEmail, type MailSettings } from './outbox.server'
import { recordDemotions, recordPromotions } from './participant-changes.server'
import { recomputeCoverage } from './places/coverage.server'
import { lockRegistration } from './places/locks.server'
import { stay, withStays } from './participant-stays.server'
import type { Actor } from './users.server'

/**
 * The coverage confirmation: after the deadline, one message per
 * municipality to its contact person listing each participant and what is
 * covered, with what the municipality pays in all. The organiser previews
 * it, adjusts grants, and sends to all; sending again reaches only the
 * municipalities whose message would now say something else.
 *
 * Every municipality's message is worked out from two set-based queries (an
 * event may have 10 000 participants in 357 municipalities) and never
 * rendered for the page: the organiser opens one municipality's message at a
 * time (decision 41, docs/decisions).
 */

type EventRow = Event

/** The participants of the event (or of one municipality) with what their charge and the message need, in coverage order within each municipality. */
async function readHoldings(db: Kysely<Database>, eventId: string, registrationId?: string) {
  return withStays(
    db
      // Not materialized, so the planner sees participant.id as unique (why: participant-stays.server.ts).
      .with(
        (cte) => cte('p').notMaterialized(),
        (qb) =>
          qb
            .selectFrom('participant')
            .innerJoin('registration', 'registration.id', 'participant.registration_id')
            .select([
              'participant.id',
              'participant.registration_id',
              'participant.name',
              'participant.status',
              'participant.attends_dinner',
              'participant.charge_waived_reason',
              'participant.coverage_rank',
            ])
            .where('registration.event_id', '=', eventId)
            .$if(registrationId !== undefined, (qb) => qb.where('registration.id', '=', registrationId ?? '')),
      ),
  )
    .selectFrom('p')
    .leftJoin('n', 'n.participant_id', 'p.id')
    .leftJoin('d', 'd.participant_id', 'p.id')
    .select([
      'p.id',
      'p.registration_id',
      'p.name',
      'p.status',
      'p.attends_dinner',
      'p.charge_waived_reason',
      stay.nights.as('nights'),
      stay.coveredOvernight.as('covered_overnight'),
      stay.days.as('days'),
      stay.coveredDays.as('covered_days'),
      stay.coveredDayLabels.as('covered_day_labels'),
    ])
    .orderBy('p.registration_id')
    .orderBy('p.coverage_rank')
    .orderBy('p.id')
    .execute()
}

/** Each municipality of the event (or the one asked for) with its numbers and the message it would get now, not rendered. */
async function municipalities(db: Kysely<Database>, event: EventRow, registrationId?: string) {
  const [registrations, holdings] = await Promise.all([
    db
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
      .$if(registrationId !== undefined, (qb) => qb.where('registration.id', '=', registrationId ?? ''))
      .orderBy('municipality.name')
      .execute(),
    readHoldings(db, event.id, registrationId),
  ])
  const byRegistration = new Map<string, typeof holdings>()
  for (const h of holdings) {
    const list = byRegistration.get(h.registration_id)
    if (list) list.push(h)
    else byRegistration.set(h.registration_id, [h])
  }
  const eventDates = formatDateRange(event.starts_at, event.ends_at)
  const extrasPricing = extrasPricingOf(event)
  return registrations.map((r) => {
    // Late cancellations stay bound: listed with what they still cost or hold (decision 31).
    const active = (byRegistration.get(r.id) ?? [])
      .filter((p) => isBillable(p.status))
      .map((p) => {
        const charge = chargeOf(
          { status: p.status, nights: p.nights, days: p.days, attendsDinner: p.attends_dinner, waiverReason: p.charge_waived_reason },
          { coveredOvernight: p.covered_overnight, coveredDays: p.covered_days },
          event,
        )
        // Sorted as the contact person's page sorts them (registration-view.server.ts), so the message reads the same.
        const coveredDayLabels = [...p.covered_day_labels].sort()
        return {
          id: p.id,
          name: p.name,
          status: p.status,
          coveredOvernight: p.covered_overnight,
          coveredDayPackages: p.covered_days.length,
          coveredDayLabels,
          charge,
        }
      })
    const selfPaid = active.filter((p) => p.charge.amountOre !== 0)
    const owing = selfPaid.filter((p) => !p.charge.waived)
    const waived = selfPaid.filter((p) => p.charge.waived)
    const quota = quotaOf({ ...event, ...r })
    const meters = {
      overnightUsed: active.filter((p) => p.coveredOvernight).length,
      overnightQuota: quota.overnight,
      dayPackagesUsed: active.reduce((n, p) => n + p.coveredDayPackages, 0),
      dayPackagesQuota: quota.dayPackages,
      selfPaidCount: owing.length,
      selfPaidOre: sumOre(owing.map((p) => p.charge.amountOre)),
      waivedCount: waived.length,
      waivedOre: sumOre(waived.map((p) => p.charge.amountOre)),
    }
    const params: CoverageConfirmationInput = {
      languageForm: r.language_form,
      municipalityName: r.name,
      eventTitle: event.title,
      eventDates,
      participants: active.map((p) => ({
        name: p.name,
        coveredOvernight: p.coveredOvernight,
        coveredDays: p.coveredDayLabels,
        selfPaidOre: p.charge.amountOre,
        lateCancelled: p.status === 'late_cancelled',
        waivedReason: p.charge.waiverReason,
      })),
      totalOre: meters.selfPaidOre,
      waivedOre: meters.waivedOre,
      extrasPricing,
      extrasPricingNote: event.extras_pricing_note,
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
      meters,
      /** The late cancellations: bound, with what they hold and cost, and any waiver (decision 31). */
      lateCancellations: active
        .filter((p) => p.status === 'late_cancelled')
        .map((p) => ({ id: p.id, name: p.name, coveredOvernight: p.coveredOvernight, coveredDayPackages: p.coveredDayPackages, charge: p.charge })),
      grants: { overnight: r.extra_overnights_granted, dayPackages: r.extra_day_packages_granted },
      confirmedAt: r.coverage_confirmed_at,
      changed: active.length > 0 && hash !== r.coverage_confirmation_hash,
      hash,
      params,
    }
  })
}

/**
 * Every municipality of the event with its numbers and whether its
 * confirmation changed since the last one sent, no message rendered; null if
 * the actor may not manage the event.
 */
export async function previewCoverageConfirmations(db: Kysely<Database>, actor: Actor, eventId: string, now: Date) {
  const event = (await findEventFor(db, actor, eventId, 'event.manage'))?.event
  if (!event) return null
  return { event, deadlinePassed: deadlinePassed(event.deadline_at, now), municipalities: await municipalities(db, event) }
}

/**
 * One municipality's confirmation as it would be sent now, rendered (text and
 * HTML); null if the actor may not manage the event or the municipality is
 * not invited to it.
 */
export async function previewCoverageConfirmation(db: Kysely<Database>, actor: Actor, eventId: string, registrationId: string, now: Date) {
  const event = (await findEventFor(db, actor, eventId, 'event.manage'))?.event
  if (!event) return null
  const [municipality] = await municipalities(db, event, registrationId)
  if (!municipality) return null
  return {
    event,
    deadlinePassed: deadlinePassed(event.deadline_at, now),
    municipality,
    message: renderTemplate('coverage-confirmation', municipality.params).rendered,
  }
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
