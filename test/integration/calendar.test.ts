import ICAL from 'ical.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { formatDateTime } from '~/domain/dates'
import { loader as digitalLoader } from '~/routes/arrangementer.$slug.kalender.$itemId'
import { loader as daysLoader } from '~/routes/arrangementer.$slug.kalender[.]ics'
import { respond, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase } from '../helpers/database'
import { MR, seeded, TR } from '../helpers/fixtures'

let t: TestDatabase

beforeAll(async () => {
  t = await createTestDatabase()
  await seeded(t.db)
})

afterAll(async () => {
  await t.drop()
})

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text))
  return calendar.getAllSubcomponents('vevent').map((v) => {
    const event = new ICAL.Event(v)
    return {
      uid: event.uid,
      summary: event.summary,
      location: event.location,
      description: event.description,
      start: event.startDate.toJSDate(),
      end: event.endDate.toJSDate(),
    }
  })
}

const context = () => testContext({ db: t.db, env: { APP_URL: 'https://klimasamling.example.no' } })

describe('calendar files', () => {
  it('give the physical days of an event, in Oslo time, with UIDs that stay the same', async () => {
    const get = () => respond(() => daysLoader({ request: new Request('http://localhost/x'), params: { slug: TR }, context: context() }))
    const response = await get()
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${TR}.ics"`)
    const text = await response.text()
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/)
    const days = parse(text)
    expect(days.map((d) => d.summary)).toEqual(['Klimasamling for kommunene i Trøndelag – Dag 1', 'Klimasamling for kommunene i Trøndelag – Dag 2'])
    expect(days.map((d) => [formatDateTime(d.start), formatDateTime(d.end)])).toEqual([
      ['27. november 2018 kl. 10.00', '27. november 2018 kl. 21.00'],
      ['28. november 2018 kl. 09.00', '28. november 2018 kl. 15.00'],
    ])
    expect(days[0]?.location).toBe('Scandic Hell, Stjørdal, Hell, 7517 Stjørdal')
    expect(days[0]?.description).toContain(`https://klimasamling.example.no/arrangementer/${TR}`)
    const again = parse(await (await get()).text())
    expect(again.map((d) => d.uid)).toEqual(days.map((d) => d.uid))
    expect(new Set(days.map((d) => d.uid)).size).toBe(2)
  })

  it('give each digital session on its own, across summer and winter time, without its meeting link', async () => {
    const items = await t.db
      .selectFrom('program_item')
      .innerJoin('event', 'event.id', 'program_item.event_id')
      .select(['program_item.id', 'program_item.title'])
      .where('event.slug', '=', MR)
      .where('program_item.kind', '=', 'digital')
      .orderBy('program_item.starts_at')
      .execute()
    await t.db.updateTable('program_item').set({ online_url: 'https://teams.example.no/hemmelig' }).where('kind', '=', 'digital').execute()
    const first = items[0]
    const last = items.at(-1)
    if (!first || !last) throw new Error('The seed has no digital sessions')
    const get = (itemId: string) =>
      respond(() => digitalLoader({ request: new Request('http://localhost/x'), params: { slug: MR, itemId }, context: context() }))
    const [session] = parse(await (await get(first.id)).text())
    expect(session?.summary).toBe(`${first.title} (Klimasamling for kommunene i Møre og Romsdal, digital del)`)
    expect(formatDateTime(session?.start ?? new Date(0))).toBe('16. november 2021 kl. 12.00')
    expect(formatDateTime(session?.end ?? new Date(0))).toBe('16. november 2021 kl. 14.00')
    const [january] = parse(await (await get(last.id)).text())
    expect(formatDateTime(january?.start ?? new Date(0))).toBe('13. januar 2022 kl. 09.30')
    expect(await (await get(first.id)).text()).not.toContain('teams.example.no')
    // In the reader's form: our own words in nynorsk, the organisers' titles as written.
    const nynorsk = await respond(() =>
      digitalLoader({ request: new Request('http://localhost/x?maalform=nn'), params: { slug: MR, itemId: first.id }, context: context() }),
    )
    const [inNynorsk] = parse(await nynorsk.text())
    expect(inNynorsk?.summary).toBe(session?.summary)
    expect(inNynorsk?.description).toContain('Lenka blir publisert for påmelde deltakarar. Meir på https://klimasamling.example.no/arrangementer/')
    expect(session?.description).toContain('Lenken publiseres for påmeldte deltakere.')
  })

  it('answer 404 for an unknown event, an item that is not a digital session, and a malformed id', async () => {
    const plenary = await t.db.selectFrom('program_item').select('id').where('kind', '=', 'plenary').executeTakeFirstOrThrow()
    const attempts = [
      () => daysLoader({ request: new Request('http://localhost/x'), params: { slug: 'finnes-ikke' }, context: context() }),
      () => digitalLoader({ request: new Request('http://localhost/x'), params: { slug: MR, itemId: plenary.id }, context: context() }),
      () => digitalLoader({ request: new Request('http://localhost/x'), params: { slug: MR, itemId: 'abc' }, context: context() }),
    ]
    for (const attempt of attempts) expect((await respond(attempt)).status).toBe(404)
  })
})
