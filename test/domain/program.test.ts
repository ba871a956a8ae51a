import { describe, expect, it } from 'vitest'
import { arrangeProgram } from '~/domain/program'

const at = (hhmm: string, date = '2018-11-28') => new Date(`${date}T${hhmm}:00+01:00`)
const days = [
  { id: 'd2', date: '2018-11-28', label: 'Dag 2' },
  { id: 'd1', date: '2018-11-27', label: 'Dag 1' },
]
const slots = [{ id: 's1', event_day_id: 'd2', label: 'Parallelle sesjoner', starts_at: at('09:30'), ends_at: at('11:30') }]
const item = (id: string, day: string | null, start: Date, slot: string | null = null, sort_order = 0) => ({
  id,
  event_day_id: day,
  slot_id: slot,
  kind: slot ? 'parallel' : day ? 'plenary' : 'digital',
  starts_at: start,
  sort_order,
  title: `Sesjon ${id}`,
})

describe('arrangeProgram', () => {
  it('orders days by date and items by time, gathering a slot into one entry in its place', () => {
    const items = [
      item('lunch', 'd2', at('11:30')),
      item('b', 'd2', at('09:30'), 's1', 2),
      item('plenum', 'd2', at('09:00')),
      item('a', 'd2', at('09:30'), 's1', 1),
      item('welcome', 'd1', at('10:00', '2018-11-27')),
      item('web', null, at('12:00', '2018-12-04')),
    ]
    const { days: program, digital } = arrangeProgram(days, slots, items)
    expect(program.map((d) => d.day.label)).toEqual(['Dag 1', 'Dag 2'])
    expect(program[0]?.entries.map((e) => (e.type === 'item' ? e.item.id : e.slot.id))).toEqual(['welcome'])
    const day2 = program[1]?.entries ?? []
    expect(day2.map((e) => (e.type === 'item' ? e.item.id : `slot:${e.items.map((i) => i.id).join(',')}`))).toEqual(['plenum', 'slot:a,b', 'lunch'])
    expect(digital.map((i) => i.id)).toEqual(['web'])
  })

  it('gives items at the same time and order the same place however the database returns them', () => {
    // Sessions made in the program page all have sort_order 0 and start together.
    const same = [
      { ...item('u2', 'd2', at('09:30'), 's1'), title: 'Klimatilpasning' },
      { ...item('u1', 'd2', at('09:30'), 's1'), title: 'Anskaffelser' },
      { ...item('u3', 'd2', at('09:30'), 's1'), title: 'Anskaffelser' },
    ]
    const orders = [same, [...same].reverse(), [same[1], same[0], same[2]], [same[2], same[0], same[1]]].map((input) => {
      const entry = arrangeProgram(days, slots, input as typeof same).days[1]?.entries[0]
      return entry?.type === 'slot' ? entry.items.map((i) => i.id) : []
    })
    for (const order of orders) expect(order).toEqual(['u1', 'u3', 'u2'])
  })
})
