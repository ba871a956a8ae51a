import type { Kysely } from 'kysely'
import type { Database } from '../../../db/schema'
import { roleMayAttend, sessionIsFull } from '~/domain/eligibility'
import { type LanguageForm, texts } from '~/domain/language'
import { describeRoles } from '~/domain/roles'
import { type AllocationInput, type Explanation, explain, type Placement, summarise, type WishRank } from '~/domain/session-allocation'
import { findEventFor } from '../access.server'
import { pageOf } from '../event-overview.server'
import { allocationInput, defaultMode, parallelSessions, seatKey } from './allocation-input.server'

/**
 * What the "Fordeling" page shows (decision 043): the latest run, the shares
 * of first, second and third choices, per session the seats in the allocation
 * against its capacity, and per participant (a page of them, filtered by
 * name) their wishes, what they got and why not a better choice, in
 * Norwegian. The explanations need the whole input, which is read once.
 */

const reasons = texts({
  nb: {
    choice: (rank: number) => `${rank}. valg`,
    full: (what: string) => `${what} var fullt`,
    role: (what: string, roles: string) => `${what} er bare for ${roles}`,
    slot: (what: string) => `${what}: deltar ikke den dagen`,
    fairness: (what: string) => `${what}: plassen gikk til en annen kommune for å gi flere kommuner plass`,
  },
  nn: {
    choice: (rank: number) => `${rank}. val`,
    full: (what: string) => `${what} var fullt`,
    role: (what: string, roles: string) => `${what} er berre for ${roles}`,
    slot: (what: string) => `${what}: deltek ikkje den dagen`,
    fairness: (what: string) => `${what}: plassen gjekk til ein annan kommune for å gi fleire kommunar plass`,
  },
})

/** Why a higher choice was passed over, as the page says it. */
function reasonText(
  passed: Explanation['passedOver'][number],
  session: { title: string; restrictedToRoles: string[] } | undefined,
  languageForm: LanguageForm,
): string {
  const t = reasons[languageForm]
  const what = `${t.choice(passed.rank)}${session ? ` («${session.title}»)` : ''}`
  switch (passed.reason) {
    case 'full':
      return t.full(what)
    case 'role':
      return t.role(what, describeRoles(session?.restrictedToRoles ?? [], languageForm).toLowerCase())
    case 'slot':
      return t.slot(what)
    case 'fairness':
      return t.fairness(what)
  }
}

export async function allocationView(
  db: Kysely<Database>,
  actor: { userId: string },
  eventId: string,
  options: { page?: number; name?: string; languageForm: LanguageForm },
) {
  const grant = await findEventFor(db, actor, eventId, 'event.manage')
  if (!grant) return null
  const event = grant.event
  const base = {
    event: { id: event.id, title: event.title },
    byWishes: event.session_allocation === 'by_wishes',
    wishRoundClosedAt: event.wish_round_closed_at,
    publishedAt: event.allocation_published_at,
    defaultMode: defaultMode(event),
  }
  if (!base.byWishes) return { ...base, run: null, summary: null, slots: [], participants: { rows: [], page: 1, pages: 1, total: 0 } }

  const [run, slots, sessions, rows, people] = await Promise.all([
    db
      .selectFrom('allocation_run')
      .select(['id', 'mode', 'status', 'objective', 'gap', 'solve_ms', 'summary', 'created_at'])
      .where('event_id', '=', eventId)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
    db
      .selectFrom('program_slot')
      .select(['id', 'label', 'starts_at', 'ends_at'])
      .where('event_id', '=', eventId)
      .orderBy('starts_at')
      .orderBy('label')
      .orderBy('id')
      .execute(),
    parallelSessions(db, eventId),
    db
      .selectFrom('session_allocation')
      .innerJoin('participant', 'participant.id', 'session_allocation.participant_id')
      .select([
        'session_allocation.participant_id',
        'session_allocation.slot_id',
        'session_allocation.program_item_id',
        'session_allocation.rank',
        'session_allocation.source',
      ])
      .where('session_allocation.event_id', '=', eventId)
      .where('participant.status', '=', 'active')
      .execute(),
    db
      .selectFrom('participant')
      .innerJoin('registration', 'registration.id', 'participant.registration_id')
      .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
      .select(['participant.id', 'participant.name', 'participant.role_category', 'municipality.name as municipality_name'])
      .where('registration.event_id', '=', eventId)
      .where('participant.status', '=', 'active')
      .execute(),
  ])

  // The input the allocation under review answers: kept seats are its manual and kept rows.
  const { input } = await allocationInput(db, eventId, { mode: 'full', clearManual: true, publishedAt: null })
  const keptRows = new Set(rows.filter((r) => r.source !== 'solver').map((r) => seatKey(r.participant_id, r.slot_id)))
  const byId = new Map(input.participants.map((p) => [p.id, p]))
  for (const r of rows) {
    const p = byId.get(r.participant_id)
    if (p && keptRows.has(seatKey(r.participant_id, r.slot_id))) p.kept = [...(p.kept ?? []), { slotId: r.slot_id, sessionId: r.program_item_id }]
  }
  const placements: Placement[] = rows.map((r) => ({
    participantId: r.participant_id,
    slotId: r.slot_id,
    sessionId: r.program_item_id,
    rank: (r.rank as WishRank | null) ?? null,
  }))
  const summary = rows.length > 0 ? summarise(input, placements) : null

  const used = new Map<string, number>()
  for (const r of rows) used.set(r.program_item_id, (used.get(r.program_item_id) ?? 0) + 1)
  const sessionInfo = new Map(input.sessions.map((s) => [s.id, { title: s.title ?? '', restrictedToRoles: s.restrictedToRoles }]))
  const slotViews = slots.map((slot) => ({
    id: slot.id,
    label: slot.label,
    startsAt: slot.starts_at,
    endsAt: slot.ends_at,
    sessions: sessions
      .filter((s) => s.slot_id === slot.id)
      .map((s) => ({
        id: s.id,
        title: s.title,
        capacity: s.capacity,
        allocated: used.get(s.id) ?? 0,
        published: s.seats_taken,
        restricted: s.restricted_to_roles.length > 0 ? describeRoles(s.restricted_to_roles, options.languageForm) : null,
        restrictedToRoles: s.restricted_to_roles,
      })),
  }))

  // The page of participants: by municipality and name, filtered by name; explanations only for them.
  const needle = (options.name ?? '').trim().toLocaleLowerCase('nb')
  const listed = people
    .filter((p) => !needle || p.name.toLocaleLowerCase('nb').includes(needle) || p.municipality_name.toLocaleLowerCase('nb').includes(needle))
    .sort((a, b) => a.municipality_name.localeCompare(b.municipality_name, 'nb') || a.name.localeCompare(b.name, 'nb') || (a.id < b.id ? -1 : 1))
  const page = pageOf(listed, options.page ?? 1)
  const shown = new Set(page.rows.map((p) => p.id))
  const explanations = explainFor(input, placements, shown)
  const got = new Map(rows.map((r) => [seatKey(r.participant_id, r.slot_id), r]))

  return {
    ...base,
    run: run ? { ...run, summary: run.summary as Record<string, unknown> } : null,
    summary,
    slots: slotViews,
    participants: {
      page: page.page,
      pages: page.pages,
      total: page.total,
      rows: page.rows.map((p) => {
        const ap = byId.get(p.id)
        const attends = new Set(ap?.slotIds ?? [])
        return {
          id: p.id,
          name: p.name,
          municipality: p.municipality_name,
          slots: slotViews
            .filter((slot) => attends.has(slot.id) || got.has(seatKey(p.id, slot.id)) || (ap?.wishes ?? []).some((w) => w.slotId === slot.id))
            .map((slot) => {
              const row = got.get(seatKey(p.id, slot.id))
              const why = explanations.get(seatKey(p.id, slot.id))
              return {
                slotId: slot.id,
                slotLabel: slot.label,
                attends: attends.has(slot.id),
                wishes: (ap?.wishes ?? [])
                  .filter((w) => w.slotId === slot.id)
                  .sort((a, b) => a.rank - b.rank)
                  .map((w) => ({ rank: w.rank, title: sessionInfo.get(w.sessionId)?.title ?? '' })),
                got: row
                  ? { sessionId: row.program_item_id, title: sessionInfo.get(row.program_item_id)?.title ?? '', rank: row.rank, source: row.source }
                  : null,
                reasons: (why?.passedOver ?? []).map((o) => reasonText(o, sessionInfo.get(o.sessionId), options.languageForm)),
                options: slot.sessions
                  .filter((s) => roleMayAttend(s.restrictedToRoles, ap?.roleCategory ?? ''))
                  .map((s) => ({
                    id: s.id,
                    title: s.title,
                    full: sessionIsFull({ capacity: s.capacity, seatsTaken: s.allocated }) && row?.program_item_id !== s.id,
                  })),
              }
            }),
        }
      }),
    },
  }
}

/** The explanations of the participants shown, from `explain` over the whole input (capacity is the whole event's). */
function explainFor(input: AllocationInput, placements: Placement[], shown: Set<string>) {
  const subset: AllocationInput = { sessions: input.sessions, participants: input.participants.filter((p) => shown.has(p.id)) }
  // `explain` looks at the seats used per session over every placement, and at its participants' wishes only for those given.
  const map = new Map<string, Explanation>()
  for (const e of explain(subset, placements)) map.set(seatKey(e.participantId, e.slotId), e)
  return map
}
