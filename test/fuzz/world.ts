import http from 'node:http'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema'
import { enrolParticipant } from '../../app/services/enrolment.server'
import { createSession } from '../../app/services/sessions.server'
import { upsertUser } from '../../app/services/users.server'
import { parseEnv } from '../../app/utils/env.server'
import { sessionCookieHeader } from '../../app/utils/session.server'
import { hashCode, hashToken, newToken } from '../../app/utils/tokens.server'
import { fillPattern, matchPattern, type RouteTarget } from './routes'

/**
 * The people and records a fuzz run acts on: an organiser of Trøndelag 2018,
 * Selbu's contact person, a participant of Selbu who logs in with her own
 * address, and anonymous visitors; the ids they own and ids they do not.
 */

export const ROLES = ['anonymous', 'contact', 'participant', 'organiser'] as const
export type Role = (typeof ROLES)[number]

/** Before Trøndelag 2018's deadline, so enrolment and changes are open. */
export const FUZZ_NOW = '2018-10-01T10:00:00.000Z'
const TR = 'klimasamling-trondelag-2018'
const MR = 'klimasamling-more-og-romsdal-2021'

/** One form as a page rendered it: where it posts and the fields with the values it showed. */
export interface FormTemplate {
  targetId: string
  fields: [string, string][]
  /** Who was shown the form, and the path (with `?index`) it posts to. */
  role: Role
  action: string
  /** Checkboxes and radio buttons the page showed unchecked, and other options of its selects: name and value. */
  options: [string, string][]
}

export interface World {
  /** Selbu's registration and the event, whose contact person and organiser the run keeps in place. */
  home: { registrationId: string; eventId: string }
  baseUrl: string
  db: Kysely<Database>
  now: Date
  userIds: Record<Exclude<Role, 'anonymous'>, string>
  cookies: Record<Role, string | null>
  /** Real values for each URL parameter, the asker's own first, then foreign and unknown ones. */
  params: Record<string, string[]>
  /** Every id of the fuzzed event and a foreign one, for id-valued fields. */
  ids: string[]
  forms: FormTemplate[]
  /** Values the pages offered for each field name (inputs, options, buttons). */
  fieldValues: Map<string, string[]>
}

const decode = (text: string) =>
  text.replaceAll('&quot;', '"').replaceAll('&#x27;', "'").replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')

const attr = (tag: string, name: string) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag)
  return m ? decode(m[1] ?? '') : null
}

/** The forms of a page: their action (or the page itself) and fields with the values shown. */
export function formsIn(html: string, pagePath: string): { action: string; fields: [string, string][] }[] {
  const forms: { action: string; fields: [string, string][] }[] = []
  for (const form of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const open = form[1] ?? ''
    const inner = form[2] ?? ''
    if ((attr(open, 'method') ?? 'get').toLowerCase() !== 'post') continue
    const action = new URL(attr(open, 'action') ?? pagePath, 'http://x').pathname + (attr(open, 'action')?.includes('?index') ? '?index' : '')
    const fields: [string, string][] = []
    for (const tag of inner.matchAll(/<(input|button|textarea|select)\b([^>]*)>(?:([\s\S]*?)<\/\1>)?/g)) {
      const kind = tag[1]
      const attrs = tag[2] ?? ''
      const name = attr(attrs, 'name')
      if (!name) continue
      if (kind === 'select') {
        const options = [...(tag[3] ?? '').matchAll(/<option\b([^>]*)>/g)].map((o) => attr(o[1] ?? '', 'value') ?? '')
        fields.push([name, options.find((o) => o !== '') ?? ''])
        for (const o of options) fields.push([`\u0000option:${name}`, o])
      } else if (kind === 'textarea') fields.push([name, decode(tag[3] ?? '')])
      else {
        const type = (attr(attrs, 'type') ?? 'text').toLowerCase()
        if ((type === 'checkbox' || type === 'radio') && !/\schecked/.test(attrs)) {
          fields.push([`\u0000option:${name}`, attr(attrs, 'value') ?? 'on'])
          continue
        }
        fields.push([name, attr(attrs, 'value') ?? (type === 'checkbox' ? 'on' : '')])
      }
    }
    forms.push({ action, fields })
  }
  return forms
}

async function get(baseUrl: string, path: string, cookie: string | null): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(new URL(path, baseUrl), { method: 'GET', headers: cookie ? { cookie } : {} }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        body += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
    })
    req.on('error', reject)
    req.end()
  })
}

export async function sessionCookie(db: Kysely<Database>, userId: string, now: Date): Promise<string> {
  const env = parseEnv({ NODE_ENV: 'test', MAIL_DIR: '.data/test-mail' })
  const token = await createSession(db, userId, now)
  const header = await sessionCookieHeader(
    { db, env, mail: { from: env.mailFrom, appUrl: env.appUrl }, now: () => now, clientAddress: '127.0.0.1', cspNonce: '' },
    token,
  )
  return header.split(';')[0] ?? ''
}

async function registrationOf(db: Kysely<Database>, slug: string, name: string) {
  return await db
    .selectFrom('registration')
    .innerJoin('event', 'event.id', 'registration.event_id')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .select(['registration.id', 'registration.event_id', 'municipality.id as municipality_id'])
    .where('event.slug', '=', slug)
    .where('municipality.name', '=', name)
    .executeTakeFirstOrThrow()
}

/** Makes the people, enrols two participants through the real service, logs everyone in, and reads every page's forms. */
export async function prepareWorld(db: Kysely<Database>, baseUrl: string, targets: RouteTarget[]): Promise<World> {
  const now = new Date(FUZZ_NOW)
  const selbu = await registrationOf(db, TR, 'Selbu')
  const other = await registrationOf(db, TR, 'Trondheim')
  const foreign = await registrationOf(db, MR, 'Volda')
  const organiser = await upsertUser(db, { email: 'arrangor@fuzz.example.no', name: 'Fuzz Arrangør' })
  await db.updateTable('app_user').set({ is_organiser: true }).where('id', '=', organiser.id).execute()
  await db.insertInto('event_organiser').values({ event_id: selbu.event_id, user_id: organiser.id }).execute()
  const contact = await upsertUser(db, { email: 'kontakt@selbu.fuzz.example.no', name: 'Kari Kontakt' })
  await db.updateTable('registration').set({ contact_user_id: contact.id, contact_named_at: now }).where('id', '=', selbu.id).execute()
  const otherContact = await upsertUser(db, { email: 'kontakt@trondheim.fuzz.example.no', name: 'Tor Kontakt' })
  await db.updateTable('registration').set({ contact_user_id: otherContact.id, contact_named_at: now }).where('id', '=', other.id).execute()
  const participantUser = await upsertUser(db, { email: 'deltaker@selbu.fuzz.example.no', name: 'Dina Deltaker' })

  const days = await db.selectFrom('event_day').select(['id']).where('event_id', '=', selbu.event_id).orderBy('date').execute()
  const nights = await db.selectFrom('hotel_night').select(['id']).where('event_id', '=', selbu.event_id).orderBy('night_date').execute()
  const mail = { from: 'Klimasamling <klimasamling@example.no>', appUrl: baseUrl }
  const enrol = async (actor: string, registrationId: string, email: string, name: string) => {
    const enrolled = await enrolParticipant(
      db,
      mail,
      { userId: actor },
      {
        registrationId,
        idempotencyKey: crypto.randomUUID(),
        name,
        email,
        phone: null,
        title: 'Rådgiver',
        roleCategory: 'radgiver',
        fieldsOfWork: [],
        dayIds: days.map((d) => d.id),
        nightIds: nights.slice(0, 1).map((n) => n.id),
        longTravelReason: null,
        attendsDinner: true,
        diet: null,
        allergies: null,
        accessibilityNeeds: null,
        topicIds: [],
        sessionIds: [],
      },
      now,
    )
    if (!enrolled) throw new Error(`could not enrol ${email}`)
    return enrolled.id
  }
  const ownParticipant = await enrol(contact.id, selbu.id, participantUser.email, participantUser.name)
  const otherParticipant = await enrol(otherContact.id, other.id, 'per@trondheim.fuzz.example.no', 'Per Trondheim')

  const cookies: Record<Role, string | null> = {
    anonymous: null,
    contact: await sessionCookie(db, contact.id, now),
    participant: await sessionCookie(db, participantUser.id, now),
    organiser: await sessionCookie(db, organiser.id, now),
  }
  // Real invitation links (municipalities without a contact person) and login links, so their forms are reached too.
  const invitationTokens: string[] = []
  const uninvited = await db
    .selectFrom('registration')
    .select('id')
    .where('event_id', '=', selbu.event_id)
    .where('contact_user_id', 'is', null)
    .orderBy('id')
    .limit(3)
    .execute()
  for (const r of uninvited) {
    const token = newToken()
    await db
      .insertInto('invitation_token')
      .values({ registration_id: r.id, token_hash: hashToken(token), sent_to: 'postmottak@fuzz.example.no', created_at: now })
      .execute()
    invitationTokens.push(token)
  }
  const loginTokens: string[] = []
  for (const email of [participantUser.email, contact.email]) {
    const token = newToken()
    const tokenHash = hashToken(token)
    await db
      .insertInto('login_token')
      .values({ email, token_hash: tokenHash, code_hash: hashCode(tokenHash, '123456'), created_at: now, expires_at: new Date(now.getTime() + 3_600_000) })
      .execute()
    loginTokens.push(token)
  }
  const [item] = await db.selectFrom('program_item').select('id').where('event_id', '=', selbu.event_id).orderBy('starts_at').limit(1).execute()
  const [email] = await db.selectFrom('email').select('id').where('event_id', '=', selbu.event_id).limit(1).execute()
  const unknown = '6f1c1a52-0d7e-4f4e-9c55-0b8a4c3b2a10'
  const params: Record<string, string[]> = {
    eventId: [selbu.event_id, foreign.event_id, unknown],
    registrationId: [selbu.id, other.id, foreign.id, unknown],
    participantId: [ownParticipant, otherParticipant, unknown],
    emailId: [email?.id ?? unknown, unknown],
    itemId: [item?.id ?? unknown, unknown],
    slug: [TR, MR, 'finnes-ikke'],
    municipalityId: [String(selbu.municipality_id), String(foreign.municipality_id), '999999'],
    token: [...invitationTokens, ...loginTokens, 'ukjent-token', 'a'.repeat(43)],
    list: [],
    file: ['finnes-ikke.eml'],
    '*': ['finnes/ikke'],
  }

  // Read every page with parameters as each role, for its forms and the links it offers.
  const forms: FormTemplate[] = []
  const seen = new Set<string>()
  const fieldValues = new Map<string, string[]>()
  const addValue = (name: string, value: string) => {
    const values = fieldValues.get(name) ?? []
    if (!values.includes(value)) values.push(value)
    fieldValues.set(name, values)
  }
  const visit = async (path: string, role: Role) => {
    const page = await get(baseUrl, path, cookies[role])
    if (page.status !== 200) return
    for (const href of page.body.matchAll(/href="(\/[^"#?]*)/g)) {
      const link = decode(href[1] ?? '')
      for (const target of targets) {
        const found = matchPattern(target.pattern, link)
        if (!found) continue
        for (const [name, value] of Object.entries(found)) {
          let plain = value
          try {
            plain = decodeURIComponent(value)
          } catch {}
          const pool = params[name] ?? []
          params[name] = pool
          if (!pool.includes(plain) && pool.length < 12) pool.push(plain)
        }
      }
    }
    for (const form of formsIn(page.body, path)) {
      // The most specific route that takes the post: a static segment wins over a parameter (`e-post/ny` over `e-post/:emailId`).
      const target = targets
        .filter((t) => t.hasAction && matchPattern(t.pattern, form.action.replace('?index', '')) && t.index === form.action.endsWith('?index'))
        .sort((a, b) => a.params.length - b.params.length)[0]
      if (!target) continue
      for (const [name, value] of form.fields) addValue(name.replace('\u0000option:', ''), value)
      const fields = form.fields.filter(([name]) => !name.startsWith('\u0000'))
      const key = `${target.id} ${fields.map(([n, v]) => (n === 'intent' ? `${n}=${v}` : n)).join('&')}`
      if (seen.has(key)) continue
      seen.add(key)
      const options = form.fields
        .filter(([name]) => name.startsWith('\u0000'))
        .map(([name, value]) => [name.replace('\u0000option:', ''), value] as [string, string])
      forms.push({ targetId: target.id, fields, role, action: form.action, options })
    }
  }
  const first = (name: string) => params[name]?.[0] ?? 'x'
  for (const role of ROLES) {
    for (const target of targets) {
      if (!target.hasLoader || target.id === 'logg-ut' || target.id.endsWith('.ics') || target.id.includes('kalender')) continue
      const values = Object.fromEntries(target.params.map((p) => [p, first(p)]))
      await visit(fillPattern(target.pattern, values), role)
    }
  }
  // Links found on the pages (the export lists, the mail files) may name parameters only they show.
  for (const target of targets) {
    if (!target.hasLoader || target.params.length === 0 || target.id.endsWith('.ics')) continue
    if (!target.params.some((p) => p === 'list' || p === 'file' || p === 'emailId')) continue
    const values = Object.fromEntries(target.params.map((p) => [p, first(p)]))
    await visit(fillPattern(target.pattern, values), 'organiser')
  }

  const ids = [
    ...new Set([
      ...Object.values(params)
        .flat()
        .filter((v) => /^[0-9a-f-]{36}$/.test(v)),
      ...(await db.selectFrom('event_day').select('id').limit(20).execute()).map((r) => r.id),
      ...(await db.selectFrom('hotel_night').select('id').limit(20).execute()).map((r) => r.id),
      ...(await db.selectFrom('program_item').select('id').limit(40).execute()).map((r) => r.id),
    ]),
  ]
  return {
    home: { registrationId: selbu.id, eventId: selbu.event_id },
    baseUrl,
    db,
    now,
    userIds: { contact: contact.id, participant: participantUser.id, organiser: organiser.id },
    cookies,
    params,
    ids,
    forms,
    fieldValues,
  }
}

/**
 * Puts the roles back between batches: a fuzzed post may rightly hand Selbu over to another contact
 * person or take the organiser off the team, after which every later request of that role is a 404.
 */
export async function restoreRoles(world: World): Promise<void> {
  await world.db
    .updateTable('registration')
    .set({ contact_user_id: world.userIds.contact })
    .where('id', '=', world.home.registrationId)
    .where('contact_user_id', 'is distinct from', world.userIds.contact)
    .execute()
  await world.db
    .insertInto('event_organiser')
    .values({ event_id: world.home.eventId, user_id: world.userIds.organiser })
    .onConflict((oc) => oc.doNothing())
    .execute()
}
