import { describe, expect, it } from 'vitest'
import {
  EVENT_MEMBER_ROLE_LABELS,
  EVENT_ROLE_LABELS,
  EVENT_SECTION_LABELS,
  EVENT_SECTIONS,
  eventStartPath,
  isLastOrganiser,
  sectionsFor,
} from '~/domain/event-permissions'
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
    expect(sectionsFor('viewer').map((s) => EVENT_SECTION_LABELS.nb[s.path])).toEqual(['Oversikt', 'Hotellnetter', 'Eksport'])
    expect(sectionsFor('organiser')).toEqual(EVENT_SECTIONS)
    expect(sectionsFor('organiser').map((s) => EVENT_SECTION_LABELS.nb[s.path])).toContain('Arrangørteam')
    expect(sectionsFor('organiser').map((s) => s.path)).toEqual(expect.arrayContaining(['onsker', 'fordeling']))
    expect(sectionsFor(null)).toEqual([])
    expect(sectionsFor('viewer').map((s) => EVENT_SECTION_LABELS.nn[s.path])).toEqual(['Oversikt', 'Hotellnetter', 'Eksport'])
    expect(EVENT_SECTION_LABELS.nn['']).toBe('Innstillingar')
  })

  it('names the roles in both forms: a co-organiser when added, an arrangør on the lists', () => {
    expect(EVENT_ROLE_LABELS.nb).toEqual({ organiser: 'Medarrangør', viewer: 'Lesetilgang', desk: 'Vert i registreringen' })
    expect(EVENT_ROLE_LABELS.nn.desk).toBe('Vert i registreringa')
    expect(EVENT_MEMBER_ROLE_LABELS.nb).toEqual({ organiser: 'Arrangør', viewer: 'Lesetilgang', desk: 'Vert i registreringen' })
    expect(EVENT_MEMBER_ROLE_LABELS.nn).toEqual({ organiser: 'Arrangør', viewer: 'Lesetilgang', desk: 'Vert i registreringa' })
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
