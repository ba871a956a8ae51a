import type { Kysely } from 'kysely'
import type { Database, LanguageChoice } from '../../db/schema'
import { osloDate } from '~/domain/dates'
import { type LanguageForm, texts } from '~/domain/language'
import { containsPattern } from '~/domain/list-queries'
import {
  describeChange,
  findOutdatedNames,
  type OutdatedName,
  planCopiedInvitations,
  type RegisterVersion,
  type SuccessorEdge,
  type TextField,
} from '~/domain/municipality-register'
import type { EventGrant } from './access.server'
import { writeAudit } from './audit.server'
import type { Actor } from './users.server'

/**
 * The municipality register (decision 28): shared by every event, read and
 * corrected by organisers; what a copied event invites instead of the
 * municipalities that have ended, and what its text still says about them.
 */

async function isOrganiser(db: Kysely<Database>, userId: string): Promise<boolean> {
  const row = await db.selectFrom('app_user').select('is_organiser').where('id', '=', userId).executeTakeFirst()
  return row?.is_organiser === true
}

/** Every version in the register and every successor link, for the pure rules. */
async function loadRegister(db: Kysely<Database>): Promise<{ versions: RegisterVersion[]; edges: SuccessorEdge[] }> {
  const [versions, edges] = await Promise.all([
    db.selectFrom('municipality').select(['id', 'number', 'name', 'county_number as countyNumber', 'valid_from as validFrom', 'valid_to as validTo']).execute(),
    db.selectFrom('municipality_successor').select(['predecessor_id as predecessorId', 'successor_id as successorId']).execute(),
  ])
  return { versions, edges }
}

export interface RegisterFilter {
  countyNumber?: string | undefined
  /** Part of the name or the number. */
  query?: string | undefined
}

/**
 * The municipalities valid on `date` for an organiser, filtered by county and
 * by name or number; null for anyone who is not an organiser.
 */
export async function listRegister(db: Kysely<Database>, actor: Actor, filter: RegisterFilter, date: string) {
  if (!(await isOrganiser(db, actor.userId))) return null
  let query = db
    .selectFrom('municipality')
    .innerJoin('county', 'county.number', 'municipality.county_number')
    .select([
      'municipality.id',
      'municipality.number',
      'municipality.name',
      'municipality.official_email',
      'municipality.language_choice',
      'municipality.valid_from',
      'county.name as county_name',
    ])
    .where('municipality.valid_from', '<=', date)
    .where((eb) => eb.or([eb('municipality.valid_to', 'is', null), eb('municipality.valid_to', '>=', date)]))
  if (filter.countyNumber) query = query.where('municipality.county_number', '=', filter.countyNumber)
  const text = filter.query?.trim()
  if (text) {
    const pattern = containsPattern(text)
    query = query.where((eb) => eb.or([eb('municipality.name', 'ilike', pattern), eb('municipality.number', 'like', pattern)]))
  }
  return query.orderBy('municipality.number').execute()
}

/** One version of a municipality, with its county, what it came from and what took over; null if unknown or the actor is no organiser. */
export async function findMunicipality(db: Kysely<Database>, actor: Actor, id: number) {
  if (!(await isOrganiser(db, actor.userId))) return null
  const municipality = await db
    .selectFrom('municipality')
    .innerJoin('county', 'county.number', 'municipality.county_number')
    .selectAll('municipality')
    .select('county.name as county_name')
    .where('municipality.id', '=', id)
    .executeTakeFirst()
  if (!municipality) return null
  const linked = (from: 'predecessor_id' | 'successor_id', to: 'predecessor_id' | 'successor_id') =>
    db
      .selectFrom('municipality_successor')
      .innerJoin('municipality', 'municipality.id', `municipality_successor.${to}`)
      .select(['municipality.id', 'municipality.number', 'municipality.name', 'municipality_successor.effective_date'])
      .where(`municipality_successor.${from}`, '=', id)
      .orderBy('municipality.number')
      .execute()
  const [predecessors, successors] = await Promise.all([linked('successor_id', 'predecessor_id'), linked('predecessor_id', 'successor_id')])
  return { municipality, predecessors, successors }
}

export interface MunicipalityCorrection {
  officialEmail: string
  languageChoice: LanguageChoice
}

/**
 * Corrects a municipality's official address and chosen language form, with
 * an audit row. Every later email reads them when it is queued. Null if the
 * municipality is unknown or the actor is no organiser.
 */
export async function updateMunicipality(db: Kysely<Database>, actor: Actor, id: number, input: MunicipalityCorrection, now: Date) {
  return db.transaction().execute(async (trx) => {
    if (!(await isOrganiser(trx, actor.userId))) return null
    const before = await trx
      .selectFrom('municipality')
      .select(['id', 'number', 'name', 'official_email', 'language_choice'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst()
    if (!before) return null
    const after = await trx
      .updateTable('municipality')
      .set({ official_email: input.officialEmail, language_choice: input.languageChoice })
      .where('id', '=', id)
      .returning(['id', 'number', 'name', 'official_email', 'language_choice', 'language_form'])
      .executeTakeFirstOrThrow()
    await writeAudit(trx, {
      actorUserId: actor.userId,
      actorLabel: 'organiser',
      action: 'municipality.updated',
      entityType: 'municipality',
      entityId: String(id),
      before: { officialEmail: before.official_email, languageChoice: before.language_choice },
      after: { officialEmail: after.official_email, languageChoice: after.language_choice },
      at: now,
    })
    return after
  })
}

/**
 * Invites, for a copy of `sourceId`, the municipalities of its county valid on
 * its first day and whoever took over from each municipality the source
 * invited, and records which of the source's municipalities were replaced.
 * Runs inside the copy's transaction.
 */
export async function inviteForCopy(
  db: Kysely<Database>,
  sourceId: string,
  copy: { id: string; county_number: string; starts_at: Date },
): Promise<{ invited: number; changes: string[] }> {
  const date = osloDate(copy.starts_at)
  const [{ versions, edges }, source] = await Promise.all([
    loadRegister(db),
    db.selectFrom('registration').select('municipality_id').where('event_id', '=', sourceId).execute(),
  ])
  const plan = planCopiedInvitations({
    sourceInvitedIds: source.map((r) => r.municipality_id),
    countyNumber: copy.county_number,
    date,
    versions,
    edges,
  })
  if (plan.inviteIds.length > 0) {
    await db
      .insertInto('registration')
      .values(plan.inviteIds.map((id) => ({ event_id: copy.id, municipality_id: id })))
      .onConflict((oc) => oc.columns(['event_id', 'municipality_id']).doNothing())
      .execute()
  }
  const rows = plan.changes.flatMap((c) =>
    c.successorIds.length > 0
      ? c.successorIds.map((s) => ({ event_id: copy.id, predecessor_id: c.predecessorId, successor_id: s as number | null }))
      : [{ event_id: copy.id, predecessor_id: c.predecessorId, successor_id: null }],
  )
  if (rows.length > 0) await db.insertInto('event_municipality_change').values(rows).execute()
  const byId = new Map(versions.map((v) => [v.id, v]))
  const changes = plan.changes.map((c) =>
    describeChange(
      byId.get(c.predecessorId) as RegisterVersion,
      c.successorIds.flatMap((s) => byId.get(s) ?? []),
    ),
  )
  return { invited: plan.inviteIds.length, changes }
}

/** The names of an event's text fields, as the organiser knows them from the event form and the programme page. */
const fieldNames = texts({
  nb: {
    title: 'Tittel',
    description: 'Beskrivelse',
    audience: 'Målgruppe',
    venue: 'Sted',
    address: 'Adresse',
    hotel: 'Hotell',
    organisers: 'Arrangører',
    slot: (label: string) => `Sesjonsbolken «${label}»`,
    item: (title: string) => `Programpunktet «${title}»`,
    topic: 'Tema',
  },
  nn: {
    title: 'Tittel',
    description: 'Skildring',
    audience: 'Målgruppe',
    venue: 'Stad',
    address: 'Adresse',
    hotel: 'Hotell',
    organisers: 'Arrangørar',
    slot: (label: string) => `Sesjonsbolken «${label}»`,
    item: (title: string) => `Programpunktet «${title}»`,
    topic: 'Tema',
  },
})

/** An event's free text, field by field, as the organiser knows the fields. */
async function eventTextFields(db: Kysely<Database>, eventId: string, languageForm: LanguageForm): Promise<TextField[]> {
  const name = fieldNames[languageForm]
  const [event, slots, items, topics] = await Promise.all([
    db
      .selectFrom('event')
      .select(['title', 'description', 'audience_text', 'venue', 'address', 'hotel_name', 'hotel_address', 'organising_bodies'])
      .where('id', '=', eventId)
      .executeTakeFirstOrThrow(),
    db.selectFrom('program_slot').select(['label', 'description']).where('event_id', '=', eventId).orderBy('starts_at').execute(),
    db
      .selectFrom('program_item')
      .select(['title', 'description', 'speakers'])
      .where('event_id', '=', eventId)
      .orderBy('starts_at')
      .orderBy('sort_order')
      .execute(),
    db.selectFrom('event_topic').select('label').where('event_id', '=', eventId).orderBy('sort_order').execute(),
  ])
  return [
    { label: name.title, text: event.title },
    { label: name.description, text: event.description },
    { label: name.audience, text: event.audience_text },
    { label: name.venue, text: event.venue },
    { label: name.address, text: event.address },
    { label: name.hotel, text: [event.hotel_name, event.hotel_address].filter(Boolean).join(', ') },
    { label: name.organisers, text: event.organising_bodies.join(', ') },
    ...slots.map((s) => ({ label: name.slot(s.label), text: `${s.label}\n${s.description}` })),
    ...items.map((i) => ({ label: name.item(i.title), text: `${i.title}\n${i.description}\n${i.speakers.join(', ')}` })),
    ...topics.map((t) => ({ label: name.topic, text: t.label })),
  ]
}

export interface MunicipalityReview {
  /** "1507 Ålesund → 1508 Ålesund, 1580 Haram": what a copy invited instead. */
  changes: string[]
  /** Names in the event's text that no longer fit its date. */
  outdatedNames: OutdatedName[]
}

/** What changed in the invited list when the event was copied, and which names in its text are outdated on its first day. */
export async function reviewEventMunicipalities(db: Kysely<Database>, access: EventGrant, languageForm: LanguageForm): Promise<MunicipalityReview> {
  // The event `findEventFor` found for the asker (app/services/access.server.ts): nobody else's (decision 41).
  const { event } = access
  const date = osloDate(event.starts_at)
  const [{ versions, edges }, changeRows, counties, fields] = await Promise.all([
    loadRegister(db),
    db.selectFrom('event_municipality_change').select(['predecessor_id', 'successor_id']).where('event_id', '=', event.id).execute(),
    db.selectFrom('county').select(['number', 'name']).execute(),
    eventTextFields(db, event.id, languageForm),
  ])
  const byId = new Map(versions.map((v) => [v.id, v]))
  const grouped = new Map<number, RegisterVersion[]>()
  for (const row of changeRows) {
    const list = grouped.get(row.predecessor_id) ?? []
    const successor = row.successor_id === null ? undefined : byId.get(row.successor_id)
    if (successor) list.push(successor)
    grouped.set(row.predecessor_id, list)
  }
  const ordered = [...grouped.entries()]
    .flatMap(([id, successors]) => {
      const predecessor = byId.get(id)
      return predecessor ? [{ predecessor, successors: successors.sort((a, b) => a.number.localeCompare(b.number)) }] : []
    })
    .sort((a, b) => a.predecessor.number.localeCompare(b.predecessor.number))
  const countyNames = new Map(counties.map((c) => [c.number, c.name]))
  return {
    changes: ordered.map((c) => describeChange(c.predecessor, c.successors)),
    outdatedNames: findOutdatedNames(fields, {
      date,
      versions,
      edges,
      replacedIds: [...grouped.keys()],
      countyName: (n) => countyNames.get(n) ?? n,
    }),
  }
}
