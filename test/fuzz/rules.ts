import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema'

/**
 * The rules every row must keep whatever was posted, checked over the whole
 * database after a fuzz run. Each query returns the rows that break its rule.
 */
const RULES: Record<string, string> = {
  'rooms_taken is the nights of active and late-cancelled participants, within the block': `
    select h.id, h.rooms_taken, h.rooms_in_block, coalesce(c.n, 0) as counted
    from hotel_night h
    left join (select pn.hotel_night_id, count(*)::int as n from participant_night pn
               join participant p on p.id = pn.participant_id
               where p.status in ('active', 'late_cancelled') group by 1) c on c.hotel_night_id = h.id
    where h.rooms_taken <> coalesce(c.n, 0) or h.rooms_taken > h.rooms_in_block or h.rooms_taken < 0`,
  'no night rows of a participant who gave the room back': `
    select pn.participant_id, pn.hotel_night_id from participant_night pn join participant p on p.id = pn.participant_id
    where p.status not in ('active', 'late_cancelled')`,
  'seats_taken is the session choices, within capacity': `
    select i.id, i.seats_taken, i.capacity, coalesce(c.n, 0) as counted
    from program_item i
    left join (select program_item_id, count(*)::int as n from session_choice group by 1) c on c.program_item_id = i.id
    where i.seats_taken <> coalesce(c.n, 0) or (i.capacity is not null and i.seats_taken > i.capacity) or i.seats_taken < 0`,
  'session choices only of active participants': `
    select sc.participant_id, sc.program_item_id from session_choice sc join participant p on p.id = sc.participant_id
    where p.status <> 'active'`,
  'no two active participants with the same email in a registration': `
    select registration_id, lower(email) as email, count(*)::int as n from participant where status = 'active'
    group by 1, 2 having count(*) > 1`,
  'no participant of an unknown registration, of a municipality or event that does not exist': `
    select p.id from participant p left join registration r on r.id = p.registration_id
    left join event e on e.id = r.event_id left join municipality m on m.id = r.municipality_id
    where r.id is null or e.id is null or m.id is null`,
  'covered overnight places within quota and grants': `
    select r.id, count(distinct p.id)::int as covered, e.covered_overnight_per_municipality + r.extra_overnights_granted as allowed
    from registration r join event e on e.id = r.event_id
    join participant p on p.registration_id = r.id and p.status in ('active', 'late_cancelled')
    join participant_night pn on pn.participant_id = p.id and pn.is_covered
    group by r.id, e.covered_overnight_per_municipality, r.extra_overnights_granted
    having count(distinct p.id) > e.covered_overnight_per_municipality + r.extra_overnights_granted`,
  'covered day packages within quota and grants': `
    select r.id, count(distinct p.id)::int as covered, e.covered_day_packages_per_municipality + r.extra_day_packages_granted as allowed
    from registration r join event e on e.id = r.event_id
    join participant p on p.registration_id = r.id and p.status in ('active', 'late_cancelled')
    join participant_day pd on pd.participant_id = p.id and pd.is_covered_day_package
    group by r.id, e.covered_day_packages_per_municipality, r.extra_day_packages_granted
    having count(distinct p.id) > e.covered_day_packages_per_municipality + r.extra_day_packages_granted`,
  'quotas and grants are not negative': `
    select id from event where covered_overnight_per_municipality < 0 or covered_day_packages_per_municipality < 0
    union all select id from registration where extra_overnights_granted < 0 or extra_day_packages_granted < 0`,
  'every active or late-cancelled participant has at least one day': `
    select p.id from participant p where p.status in ('active', 'late_cancelled')
    and not exists (select 1 from participant_day pd where pd.participant_id = p.id)`,
  "a participant's days and nights belong to the participant's event": `
    select p.id from participant p join registration r on r.id = p.registration_id
    join participant_day pd on pd.participant_id = p.id join event_day d on d.id = pd.event_day_id
    where d.event_id <> r.event_id
    union all
    select p.id from participant p join registration r on r.id = p.registration_id
    join participant_night pn on pn.participant_id = p.id join hotel_night h on h.id = pn.hotel_night_id
    where h.event_id <> r.event_id`,
  'days and nights lie within their event (a night at most one before the first day)': `
    select d.id from event_day d join event e on e.id = d.event_id
    where d.date < (e.starts_at at time zone 'Europe/Oslo')::date or d.date > (e.ends_at at time zone 'Europe/Oslo')::date
    union all
    select h.id from hotel_night h join event e on e.id = h.event_id
    where h.night_date < (e.starts_at at time zone 'Europe/Oslo')::date - 1 or h.night_date >= (e.ends_at at time zone 'Europe/Oslo')::date
       or (h.release_date is not null and h.release_date > h.night_date)`,
  'an event opens before its deadline, which is before it starts, which is before it ends': `
    select id from event where not (registration_opens_at <= deadline_at and deadline_at <= starts_at and starts_at < ends_at)`,
  'prices are not negative': `
    select id from event where price_overnight_package_ore < 0 or price_day_package_ore < 0 or price_dinner_ore < 0`,
}

/** Text columns that may hold line breaks and tabs (free text); elsewhere those are control characters too. */
const CONTROL = `[\\x01-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]`

/** Every rule broken, with up to five of its rows; empty when the database keeps them all. */
export async function brokenRows(db: Kysely<Database>): Promise<{ rule: string; count: number; rows: unknown[] }[]> {
  const broken: { rule: string; count: number; rows: unknown[] }[] = []
  for (const [rule, query] of Object.entries(RULES)) {
    const { rows } = await sql.raw(query).execute(db)
    if (rows.length) broken.push({ rule, count: rows.length, rows: rows.slice(0, 5) })
  }
  // No stored text with control characters (other than line breaks and tabs), in any text column of any table.
  // The outbox's rendered mail and the audit log's copies are left out: they hold what the other columns held.
  const { rows: columns } = await sql<{ table_name: string; column_name: string; data_type: string }>`
    select table_name, column_name, data_type from information_schema.columns
    where table_schema = 'public' and data_type in ('text', 'character varying', 'ARRAY')
      and table_name not like 'kysely_%' and table_name not in ('audit_log')
      and not (table_name = 'email' and column_name in ('html', 'text', 'attachments', 'last_error'))`.execute(db)
  for (const c of columns) {
    const column = sql.ref(`${c.table_name}.${c.column_name}`)
    const text = c.data_type === 'ARRAY' ? sql`array_to_string(${column}, ' ')` : column
    const { rows } = await sql<{ value: string }>`select ${text} as value from ${sql.table(c.table_name)} where ${text} ~ ${CONTROL} limit 5`.execute(db)
    if (rows.length)
      broken.push({
        rule: `no control characters in ${c.table_name}.${c.column_name}`,
        count: rows.length,
        rows: rows.map((r) => JSON.stringify(r.value).slice(0, 120)),
      })
  }
  return broken
}
