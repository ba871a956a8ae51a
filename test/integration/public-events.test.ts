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

  it('hides a draft event from the list and its page', async () => {
    await t.db.updateTable('event').set({ status: 'draft' }).where('slug', '=', 'klimasamling-trondelag-2018').execute()
    try {
      const context = testContext({ db: t.db })
      const { events } = await indexLoader(loaderArgs(context, '/'))
      expect(events.map((e) => e.slug)).toEqual(['klimasamling-more-og-romsdal-2021'])
      const response = await eventLoader(
        loaderArgs(context, '/arrangementer/klimasamling-trondelag-2018', { slug: 'klimasamling-trondelag-2018' }),
      ).catch((thrown: unknown) => thrown)
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
    expect(page.phaseText).toBe('Påmeldingsfristen er ute.')
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
    const thrown = await eventLoader(
      loaderArgs(testContext({ db: t.db }), '/arrangementer/finnes-ikke', { slug: 'finnes-ikke' }),
    ).catch((e: unknown) => e)
    expect(thrown).toBeInstanceOf(Response)
    expect((thrown as Response).status).toBe(404)
  })
})
