import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedIfEmpty } from '../../db/seed'
import { osloDateTime } from '~/domain/dates'
import { createTestDatabase, type TestDatabase } from '../helpers/database'

let t: TestDatabase

beforeAll(async () => {
  t = await createTestDatabase()
})

afterAll(async () => {
  await t.drop()
})

async function invitedNumbers(slug: string) {
  const rows = await t.db
    .selectFrom('registration')
    .innerJoin('event', 'event.id', 'registration.event_id')
    .innerJoin('municipality', 'municipality.id', 'registration.municipality_id')
    .select('municipality.number')
    .where('event.slug', '=', slug)
    .orderBy('municipality.number')
    .execute()
  return rows.map((r) => r.number)
}

async function programOf(slug: string) {
  return t.db
    .selectFrom('program_item')
    .innerJoin('event', 'event.id', 'program_item.event_id')
    .leftJoin('program_slot', 'program_slot.id', 'program_item.slot_id')
    .select([
      'program_item.kind',
      'program_item.title',
      'program_item.starts_at',
      'program_item.ends_at',
      'program_item.event_day_id',
      'program_item.restricted_to_roles',
      'program_item.capacity',
      'program_slot.label as slot',
    ])
    .where('event.slug', '=', slug)
    .orderBy('program_item.starts_at')
    .orderBy('program_item.sort_order')
    .execute()
}

describe('seedIfEmpty', () => {
  it('seeds an empty database once; a second call changes nothing', async () => {
    expect(await seedIfEmpty(t.db)).toBe(true)
    const count = async () =>
      Promise.all(
        (['county', 'municipality', 'event', 'program_item', 'registration'] as const).map(async (table) =>
          Number(
            (
              await t.db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll<string>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ),
      )
    const first = await count()
    // 15 counties; the 357 municipalities of 2024 beside the versions that ended: 1507 Ålesund,
    // the 19 of Trøndelag merged away in 2020, Snåsa and Røyrvik as named until 2023, Rindal and Halsa of 2018.
    expect(first.slice(0, 3)).toEqual([15, 357 + 1 + 19 + 2 + 2, 2])
    expect(await seedIfEmpty(t.db)).toBe(false)
    expect(await count()).toEqual(first)
  })

  it('has the municipalities by number, county and language form', async () => {
    const all = await t.db.selectFrom('municipality').selectAll().execute()
    const byNumber = new Map(all.map((m) => [m.number, m]))
    expect(byNumber.get('1505')?.name).toBe('Kristiansund')
    expect(byNumber.get('1579')?.name).toBe('Hustadvika')
    expect(byNumber.get('5054')?.name).toBe('Indre Fosen')
    expect(byNumber.get('1567')).toMatchObject({ name: 'Rindal', county_number: '15', valid_to: '2019-12-31' })
    expect(byNumber.get('1571')).toMatchObject({ name: 'Halsa', county_number: '15' })
    expect(
      all
        .filter((m) => m.language_form === 'nn')
        .map((m) => m.name)
        .sort(),
    ).toEqual(['Volda', 'Ørsta'])
    expect(all.filter((m) => m.county_number === '50' && m.valid_from === '2018-01-01')).toHaveLength(47)
    expect(all.every((m) => m.official_email.endsWith('.example.no'))).toBe(true)
  })

  it('holds the whole country as of 2024: 357 municipalities in 15 counties, each number once', async () => {
    const current = await t.db
      .selectFrom('municipality')
      .selectAll()
      .where('valid_from', '<=', '2024-01-01')
      .where((eb) => eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', '2024-01-01')]))
      .execute()
    expect(current).toHaveLength(357)
    expect(new Set(current.map((m) => m.number)).size).toBe(357)
    expect(new Set(current.map((m) => m.county_number)).size).toBe(15)
    const byNumber = new Map(current.map((m) => [m.number, m]))
    expect(byNumber.get('0301')).toMatchObject({ name: 'Oslo', county_number: '03' })
    expect(byNumber.get('1508')).toMatchObject({ name: 'Ålesund', valid_from: '2024-01-01' })
    expect(byNumber.get('1580')).toMatchObject({ name: 'Haram', valid_from: '2024-01-01' })
    expect(byNumber.get('5001')).toMatchObject({ name: 'Trondheim', valid_from: '2020-01-01' })
    expect(byNumber.get('5061')).toMatchObject({ name: 'Rindal', county_number: '50', valid_from: '2020-01-01' })
    expect(byNumber.get('5041')?.name).toBe('Snåsa - Snåase')
    // Statistics Norway's county qualifier is not part of the name.
    expect(byNumber.get('1515')).toMatchObject({ name: 'Herøy', valid_from: '2020-01-01' })
    expect(byNumber.get('1818')).toMatchObject({ name: 'Herøy', county_number: '18' })
    expect(current.filter((m) => m.county_number === '15')).toHaveLength(27)
    expect(current.filter((m) => m.county_number === '50')).toHaveLength(38)
  })

  it('records who took over from the municipalities that were split, merged, renamed or moved', async () => {
    const rows = await t.db
      .selectFrom('municipality_successor')
      .innerJoin('municipality as p', 'p.id', 'municipality_successor.predecessor_id')
      .innerJoin('municipality as s', 's.id', 'municipality_successor.successor_id')
      .select(['p.number as from', 's.number as to', 's.name', 'municipality_successor.effective_date'])
      .execute()
    const to = (from: string) =>
      rows
        .filter((r) => r.from === from)
        .map((r) => `${r.to} ${r.name}`)
        .sort()
    expect(to('1507')).toEqual(['1508 Ålesund', '1580 Haram'])
    expect(to('1571')).toEqual(['5055 Heim'])
    expect(to('1567')).toEqual(['5061 Rindal'])
    expect(to('5012')).toEqual(['5055 Heim', '5056 Hitra', '5059 Orkland'])
    expect(to('5030')).toEqual(['5001 Trondheim'])
    expect(to('5051')).toEqual(['5060 Nærøysund'])
    expect(rows.find((r) => r.from === '1507')?.effective_date).toBe('2024-01-01')
    expect(rows.find((r) => r.from === '1567')?.effective_date).toBe('2020-01-01')
  })

  it('invites all 26 of Møre og Romsdal to 2021, and all 47 of Trøndelag plus Rindal and Halsa to 2018', async () => {
    const mr = await invitedNumbers('klimasamling-more-og-romsdal-2021')
    expect(mr).toHaveLength(26)
    expect(mr).not.toContain('1567')
    expect(mr).not.toContain('1571')
    const tr = await invitedNumbers('klimasamling-trondelag-2018')
    expect(tr).toHaveLength(49)
    expect(tr).toEqual(expect.arrayContaining(['1567', '1571', '5001', '5054']))
  })

  it('stores Møre og Romsdal 2021 with its dates, nights, coverage and full program', async () => {
    const event = await t.db.selectFrom('event').selectAll().where('slug', '=', 'klimasamling-more-og-romsdal-2021').executeTakeFirstOrThrow()
    expect(event.starts_at).toEqual(osloDateTime('2021-11-11', '11:00'))
    expect(event.ends_at).toEqual(osloDateTime('2021-11-12', '13:00'))
    expect(event.deadline_at).toEqual(osloDateTime('2021-09-20', '23:59'))
    expect(event.covered_overnight_per_municipality).toBe(4)
    expect(event.covered_day_packages_per_municipality).toBe(0)
    // "Gratis for kommunene", with no prices: the organisers say what extras cost, so the settings form saves as it is.
    expect(event.extras_pricing).toBe('agreed')
    expect(event.extras_pricing_note).toMatch(/^Samlingen er gratis for kommunene\./)
    expect(event.organiser_contact_email).toMatch(/@example\.no$/)

    const nights = await t.db.selectFrom('hotel_night').selectAll().where('event_id', '=', event.id).orderBy('night_date').execute()
    expect(nights.map((n) => [n.night_date, n.is_covered, n.requires_reason])).toEqual([
      ['2021-11-10', true, true],
      ['2021-11-11', true, false],
    ])

    const program = await programOf(event.slug)
    const physical = program.filter((p) => p.kind !== 'digital')
    const digital = program.filter((p) => p.kind === 'digital')
    expect(physical).toHaveLength(21)
    expect(digital).toHaveLength(12)
    expect(digital.every((d) => d.event_day_id === null)).toBe(true)
    expect(digital[0]).toMatchObject({ title: 'Klimatilpasning – Vær smart-kurset, del 1', starts_at: osloDateTime('2021-11-16', '12:00') })
    expect(digital[1]?.starts_at).toEqual(osloDateTime('2021-11-18', '09:30'))
    expect(digital.at(-1)).toMatchObject({ title: 'Grønn næringsutvikling', starts_at: osloDateTime('2022-01-13', '09:30') })

    const parallel = physical.filter((p) => p.kind === 'parallel')
    expect(parallel).toHaveLength(2)
    expect(parallel.every((p) => p.starts_at.getTime() === osloDateTime('2021-11-11', '14:30').getTime())).toBe(true)
    const toppleder = parallel.find((p) => p.title.includes('Topplederforum'))
    expect(toppleder?.restricted_to_roles.sort()).toEqual(['kommunedirektor', 'ordforer'])
    expect(physical.find((p) => p.title.includes('Framtidslabben'))).toMatchObject({
      kind: 'optional',
      starts_at: osloDateTime('2021-11-11', '18:00'),
    })
    expect(physical.find((p) => p.title === 'Middag')?.starts_at).toEqual(osloDateTime('2021-11-11', '19:30'))

    // Day 1's survey that decides the world-café tables, not yet opened, with the topics as its options and a free-text answer.
    const survey = await t.db.selectFrom('survey').selectAll().where('event_id', '=', event.id).executeTakeFirstOrThrow()
    expect(survey).toMatchObject({ code: 'MR2021', opens_at: null, closes_at: null })
    const questions = await t.db.selectFrom('survey_question').selectAll().where('survey_id', '=', survey.id).execute()
    expect(questions).toEqual([expect.objectContaining({ prompt: 'Hvilket tema skal du jobbe mest med framover?', kind: 'single', allows_free_text: true })])
    const options = await t.db
      .selectFrom('survey_option')
      .select('label')
      .where('question_id', '=', questions[0]?.id ?? '')
      .orderBy('sort_order')
      .execute()
    const topics = await t.db.selectFrom('event_topic').select('label').where('event_id', '=', event.id).orderBy('sort_order').execute()
    expect(options.map((o) => o.label)).toEqual(topics.map((o) => o.label))
    expect(options).toHaveLength(6)
  })

  it('stores Trøndelag 2018 with prices in øre and two parallel slots of four on day 2', async () => {
    const event = await t.db.selectFrom('event').selectAll().where('slug', '=', 'klimasamling-trondelag-2018').executeTakeFirstOrThrow()
    expect(event.deadline_at).toEqual(osloDateTime('2018-10-20', '23:59'))
    expect(event.covered_overnight_per_municipality).toBe(2)
    expect(event.covered_day_packages_per_municipality).toBe(1)
    expect(event.price_overnight_package_ore).toBe(250_000)
    expect(event.price_day_package_ore).toBe(65_000)
    expect(event.extras_pricing).toBe('listed')
    expect(event.hotel_name).toBe('Scandic Hell')

    const program = await programOf(event.slug)
    expect(program).toHaveLength(24)
    const before = program.filter((p) => p.slot === 'Parallelle sesjoner før lunsj')
    const after = program.filter((p) => p.slot === 'Parallelle sesjoner etter lunsj')
    expect(before).toHaveLength(4)
    expect(after).toHaveLength(4)
    expect(before.every((p) => p.starts_at.getTime() === osloDateTime('2018-11-28', '09:30').getTime())).toBe(true)
    expect(after.every((p) => p.starts_at.getTime() === osloDateTime('2018-11-28', '12:30').getTime())).toBe(true)
    expect(program[0]).toMatchObject({ title: 'Velkommen', starts_at: osloDateTime('2018-11-27', '10:00') })
    expect(program.at(-1)).toMatchObject({ title: 'Slutt', starts_at: osloDateTime('2018-11-28', '15:00') })
  })

  it('brings a database seeded before the 2024 register up to date, keeping ids, registrations and corrections', async () => {
    const count = async (table: 'municipality' | 'municipality_successor') =>
      Number(
        (
          await t.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const before = { municipalities: await count('municipality'), successors: await count('municipality_successor') }
    const volda = await t.db.selectFrom('municipality').select(['id']).where('number', '=', '1577').executeTakeFirstOrThrow()
    await t.db.updateTable('municipality').set({ official_email: 'post@volda.example.no', language_choice: 'neutral' }).where('id', '=', volda.id).execute()
    // As the earlier seed left it: no successors, no versions from 2020 or 2024 beyond Møre og Romsdal's, Snåsa and Røyrvik still open.
    await t.db.deleteFrom('municipality_successor').execute()
    await t.db.deleteFrom('municipality').where('valid_from', '=', '2024-01-01').execute()
    await t.db.deleteFrom('municipality').where('valid_from', '=', '2020-01-01').where('county_number', '!=', '15').execute()
    await t.db.updateTable('municipality').set({ valid_to: null }).where('number', 'in', ['5041', '5043']).execute()
    expect(await count('municipality')).toBe(26 + 47 + 2)

    expect(await seedIfEmpty(t.db)).toBe(false)
    expect({ municipalities: await count('municipality'), successors: await count('municipality_successor') }).toEqual(before)
    expect(await t.db.selectFrom('municipality').select(['official_email', 'language_form']).where('id', '=', volda.id).executeTakeFirstOrThrow()).toEqual({
      official_email: 'post@volda.example.no',
      language_form: 'nb',
    })
    const snasa = await t.db.selectFrom('municipality').select(['valid_from', 'valid_to']).where('number', '=', '5041').orderBy('valid_from').execute()
    expect(snasa).toEqual([
      { valid_from: '2018-01-01', valid_to: '2023-12-31' },
      { valid_from: '2024-01-01', valid_to: null },
    ])
    expect(await invitedNumbers('klimasamling-trondelag-2018')).toHaveLength(49)
    expect(await invitedNumbers('klimasamling-more-og-romsdal-2021')).toHaveLength(26)
  })
})
