import { describe, expect, it } from 'vitest'
import { EVENT_SECTIONS, eventStartPath, isLastOrganiser, sectionsFor } from '~/domain/event-permissions'
import { can } from '~/domain/permissions'

describe('who may do what on an event', () => {
  it('lets an organiser do everything', () => {
    for (const action of ['overview.read', 'nights.read', 'exports.read', 'event.manage'] as const) expect(can('organiser', action)).toBe(true)
  })

  it('lets a viewer read the overview, hotel nights and exports, and change nothing', () => {
    expect(can('viewer', 'overview.read')).toBe(true)
    expect(can('viewer', 'nights.read')).toBe(true)
    expect(can('viewer', 'exports.read')).toBe(true)
    expect(can('viewer', 'event.manage')).toBe(false)
  })

  it('lets nobody else do anything', () => {
    for (const action of ['overview.read', 'nights.read', 'exports.read', 'event.manage'] as const) expect(can(null, action)).toBe(false)
  })

  it('shows a viewer only Oversikt, Hotellnetter and Eksport, and an organiser every section with the team page', () => {
    expect(sectionsFor('viewer').map((s) => s.label)).toEqual(['Oversikt', 'Hotellnetter', 'Eksport'])
    expect(sectionsFor('organiser')).toEqual(EVENT_SECTIONS)
    expect(sectionsFor('organiser').map((s) => s.label)).toContain('Arrangørteam')
    expect(sectionsFor('organiser').map((s) => s.path)).toEqual(expect.arrayContaining(['onsker', 'fordeling']))
    expect(sectionsFor(null)).toEqual([])
  })

  it('keeps the last organiser: only an organiser alone among organisers, never a viewer', () => {
    const one = [{ role: 'organiser' as const }, { role: 'viewer' as const }]
    const two = [{ role: 'organiser' as const }, { role: 'organiser' as const }, { role: 'viewer' as const }]
    expect(isLastOrganiser({ role: 'organiser' }, one)).toBe(true)
    expect(isLastOrganiser({ role: 'viewer' }, one)).toBe(false)
    expect(isLastOrganiser({ role: 'organiser' }, two)).toBe(false)
    expect(isLastOrganiser({ role: 'viewer' }, [{ role: 'viewer' }])).toBe(false)
  })

  it('starts an organiser on the settings and a viewer on the overview', () => {
    expect(eventStartPath('e1', 'organiser')).toBe('/arrangor/e1')
    expect(eventStartPath('e1', 'viewer')).toBe('/arrangor/e1/oversikt')
  })
})
