import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedIfEmpty } from '../../db/seed'
import { osloDateTime } from '~/domain/dates'
import { loader as eventLoader } from '~/routes/arrangementer.$slug'
import { loader as indexLoader } from '~/routes/_index'
import { loaderArgs, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase } from '../helpers/database'

let t: TestDatabase

beforeAll(async () => {
  t = await createTestDatabase()
  await seedIfEmpty(t.db)
})

afterAll(async () => {
  await t.drop()
})

const plain = (s: string) => s.replaceAll('\u00a0', ' ')

describe('public event pages', () => {
  it('lists the published events, newest first, with their dates and phase', async () => {
    const context = testContext({ db: t.db, now: osloDateTime('2021-09-01', '12:00') })
    const { events } = await indexLoader(loaderArgs(context, '/'))
    expect(events.map((e) => [e.title, e.dates])).toEqual([
      ['Klimasamling for kommunene i Møre og Romsdal', '11.–12. november 2021'],
      ['Klimasamling for kommunene i Trøndelag', '27.–28. november 2018'],
    ])
    expect(events[0]?.phase).toBe('Påmeldingen er åpen til 20. september 2021 kl. 23.59.')
    expect(events[1]?.phase).toBe('Samlingen er avsluttet.')
  })

  it('says the phase in nynorsk when the reader has chosen nynorsk (?maalform=nn)', async () => {
    const context = testContext({ db: t.db, now: osloDateTime('2021-09-01', '12:00') })
    const { events } = await indexLoader(loaderArgs(context, '/?maalform=nn'))
    expect(events.map((e) => e.phase)).toEqual(['Påmeldinga er open til 20. september 2021 kl. 23.59.', 'Samlinga er avslutta.'])
    const slug = 'klimasamling-trondelag-2018'
    const page = await eventLoader(
      loaderArgs(testContext({ db: t.db, now: osloDateTime('2018-10-21', '08:00') }), `/arrangementer/${slug}?maalform=nn`, { slug }),
    )
    expect(page.notice).toBe('Påmeldingsfristen er ute. Påmeldinga er bindande.')
    expect(page.coverage.map(plain).join(' ')).toContain('inntil 2 personar per kommune')
  })

  it('hides a draft event from the list and its page', async () => {
    await t.db.updateTable('event').set({ status: 'draft' }).where('slug', '=', 'klimasamling-trondelag-2018').execute()
    try {
      const context = testContext({ db: t.db })
      const { events } = await indexLoader(loaderArgs(context, '/'))
      expect(events.map((e) => e.slug)).toEqual(['klimasamling-more-og-romsdal-2021'])
      const response = await eventLoader(loaderArgs(context, '/arrangementer/klimasamling-trondelag-2018', { slug: 'klimasamling-trondelag-2018' })).catch(
        (thrown: unknown) => thrown,
      )
      expect(response).toBeInstanceOf(Response)
      expect((response as Response).status).toBe(404)
    } finally {
      await t.db.updateTable('event').set({ status: 'published' }).where('slug', '=', 'klimasamling-trondelag-2018').execute()
    }
  })

  it('gives the Trøndelag page its facts, coverage text and program', async () => {
    const context = testContext({ db: t.db, now: osloDateTime('2018-10-21', '08:00') })
    const slug = 'klimasamling-trondelag-2018'
    const page = await eventLoader(loaderArgs(context, `/arrangementer/${slug}`, { slug }))
    expect(page.dates).toBe('27.–28. november 2018')
    expect(page.deadline).toBe('20. oktober 2018 kl. 23.59')
    expect(page.phase).toBe('closed')
    expect(page.notice).toBe('Påmeldingsfristen er ute. Påmeldingen er bindende.')
    expect(page.invitedMunicipalities).toBe(49)
    expect(page.event.hotel_name).toBe('Scandic Hell')
    expect(page.coverage.map(plain).join(' ')).toContain('inntil 2 personer per kommune')
    expect(page.coverage.map(plain).join(' ')).toContain('I tillegg dekkes 1 dagpakke per kommune')
    expect(page.coverage.map(plain).join(' ')).toContain('ca. 2 500 kr for begge dagene med overnatting og ca. 650 kr')
    const [day1, day2] = page.program.days
    expect(day1?.day.label).toBe('Dag 1')
    const slots = day2?.entries.filter((e) => e.type === 'slot') ?? []
    expect(slots.map((s) => (s.type === 'slot' ? s.items.length : 0))).toEqual([4, 4])
    expect(page.program.digital).toEqual([])
  })

  it('never hands the public a digital session link, published or not', async () => {
    await t.db
      .updateTable('program_item')
      .set({ online_url: 'https://teams.example.no/secret', online_url_published_at: new Date() })
      .where('kind', '=', 'digital')
      .execute()
    const slug = 'klimasamling-more-og-romsdal-2021'
    const page = await eventLoader(loaderArgs(testContext({ db: t.db }), `/arrangementer/${slug}`, { slug }))
    expect(page.program.digital).toHaveLength(12)
    expect(JSON.stringify(page)).not.toContain('teams.example.no')
  })

  it('answers 404 for an unknown slug', async () => {
    const thrown = await eventLoader(loaderArgs(testContext({ db: t.db }), '/arrangementer/finnes-ikke', { slug: 'finnes-ikke' })).catch((e: unknown) => e)
    expect(thrown).toBeInstanceOf(Response)
    expect((thrown as Response).status).toBe(404)
  })

  it('names the deadline once in the notice while registration is open, and keeps the 23.59 minute open', async () => {
    const slug = 'klimasamling-more-og-romsdal-2021'
    const at = (now: Date) => eventLoader(loaderArgs(testContext({ db: t.db, now }), `/arrangementer/${slug}`, { slug }))
    const open = await at(new Date(osloDateTime('2021-09-20', '23:59').getTime() + 30_000))
    expect(open.phase).toBe('open')
    expect(open.notice).toBe('Påmeldingen er åpen til 20. september 2021 kl. 23.59. Påmeldingen er bindende.')
    expect(open.notice.split('20. september 2021').length - 1).toBe(1)
    const closed = await at(osloDateTime('2021-09-21', '00:00'))
    expect(closed.phase).toBe('closed')
  })

  it('lists coming events soonest first and past events latest first', async () => {
    const trondelag = 'klimasamling-trondelag-2018'
    const original = await t.db.selectFrom('event').select(['starts_at', 'ends_at']).where('slug', '=', trondelag).executeTakeFirstOrThrow()
    try {
      // Both coming: Møre og Romsdal (November 2021) before Trøndelag moved to December 2021.
      await t.db
        .updateTable('event')
        .set({ starts_at: osloDateTime('2021-12-01', '10:00'), ends_at: osloDateTime('2021-12-02', '15:00') })
        .where('slug', '=', trondelag)
        .execute()
      const coming = await indexLoader(loaderArgs(testContext({ db: t.db, now: osloDateTime('2021-09-01', '12:00') }), '/'))
      expect(coming.events.map((e) => e.slug)).toEqual(['klimasamling-more-og-romsdal-2021', trondelag])
      // Both past: the latest (Trøndelag, December) first.
      const past = await indexLoader(loaderArgs(testContext({ db: t.db, now: osloDateTime('2022-06-01', '12:00') }), '/'))
      expect(past.events.map((e) => e.slug)).toEqual([trondelag, 'klimasamling-more-og-romsdal-2021'])
      // One coming, one past: the coming one first.
      const between = await indexLoader(loaderArgs(testContext({ db: t.db, now: osloDateTime('2021-11-20', '12:00') }), '/'))
      expect(between.events.map((e) => e.slug)).toEqual([trondelag, 'klimasamling-more-og-romsdal-2021'])
    } finally {
      await t.db.updateTable('event').set(original).where('slug', '=', trondelag).execute()
    }
  })

  it('shows sessions at the same time in the same order on every load', async () => {
    const slug = 'klimasamling-trondelag-2018'
    const slot = await t.db
      .selectFrom('program_slot')
      .innerJoin('event', 'event.id', 'program_slot.event_id')
      .select(['program_slot.id', 'program_slot.event_id', 'program_slot.event_day_id', 'program_slot.starts_at'])
      .where('event.slug', '=', slug)
      .orderBy('program_slot.starts_at')
      .executeTakeFirstOrThrow()
    // As made on the program page: one sort_order, one start; inserted in reverse order of title.
    const added = await t.db
      .insertInto('program_item')
      .values(
        ['Zeta-sesjon', 'Beta-sesjon', 'Alfa-sesjon'].map((title) => ({
          event_id: slot.event_id,
          event_day_id: slot.event_day_id,
          slot_id: slot.id,
          kind: 'parallel',
          starts_at: slot.starts_at,
          title,
          sort_order: -1,
        })),
      )
      .returning('id')
      .execute()
    try {
      const titlesOf = async () => {
        const page = await eventLoader(loaderArgs(testContext({ db: t.db }), `/arrangementer/${slug}`, { slug }))
        const entry = page.program.days[1]?.entries.find((e) => e.type === 'slot' && e.slot.id === slot.id)
        return entry?.type === 'slot' ? entry.items.map((i) => i.title).filter((title) => title.endsWith('-sesjon')) : []
      }
      for (let i = 0; i < 3; i++) expect(await titlesOf()).toEqual(['Alfa-sesjon', 'Beta-sesjon', 'Zeta-sesjon'])
    } finally {
      await t.db
        .deleteFrom('program_item')
        .where(
          'id',
          'in',
          added.map((r) => r.id),
        )
        .execute()
    }
  })
})
