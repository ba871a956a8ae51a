import { can, type EventAction, type EventRole } from './permissions'

/**
 * The organiser pages of an event: the team's roles by name, and the
 * navigation each role sees. Who may take which action is the one policy in
 * app/domain/permissions.ts (decisions 29 and 40, docs/decisions).
 *
 * An event's team has two roles. An organiser (the first organiser and every
 * co-organiser, medarrangør) is a full organiser of that event. A viewer
 * (lesetilgang: the hotel, a finance office) reads the overview, the hotel
 * nights and the exports, and changes nothing.
 */

export type { EventAction, EventRole } from './permissions'

/** Norwegian names of the roles, as the team page and the emails use them. */
export const EVENT_ROLE_LABELS: Record<EventRole, string> = {
  organiser: 'Medarrangør',
  viewer: 'Lesetilgang',
  desk: 'Vert i registreringen',
}

/** The sections of an event's organiser pages, in the order the navigation shows them, with what each needs. */
export const EVENT_SECTIONS: ReadonlyArray<{ path: string; label: string; action: EventAction }> = [
  { path: 'oversikt', label: 'Oversikt', action: 'overview.read' },
  { path: '', label: 'Innstillinger', action: 'event.manage' },
  { path: 'dager', label: 'Dager og netter', action: 'event.manage' },
  { path: 'program', label: 'Program', action: 'event.manage' },
  { path: 'kommuner', label: 'Inviterte kommuner', action: 'event.manage' },
  { path: 'netter', label: 'Hotellnetter', action: 'nights.read' },
  { path: 'sesjoner', label: 'Sesjoner', action: 'event.manage' },
  // Parallel sessions by wishes (decisions 43 and 44): the demand, and the allocation.
  { path: 'onsker', label: 'Ønsker', action: 'event.manage' },
  { path: 'fordeling', label: 'Fordeling', action: 'event.manage' },
  { path: 'kosthold', label: 'Kosthold', action: 'event.manage' },
  { path: 'endringer', label: 'Sene endringer', action: 'event.manage' },
  { path: 'dekning', label: 'Dekning', action: 'event.manage' },
  { path: 'e-post', label: 'E-post', action: 'event.manage' },
  { path: 'eksport', label: 'Eksport', action: 'exports.read' },
  // The gathering days (decisions 046–050): the desk, attendance and no-shows, badges, the survey, the world-café tables.
  { path: 'innsjekking', label: 'Innsjekking', action: 'checkin.read' },
  { path: 'oppmote', label: 'Oppmøte', action: 'event.manage' },
  { path: 'navneskilt', label: 'Navneskilt', action: 'event.manage' },
  { path: 'undersokelse', label: 'Undersøkelse', action: 'event.manage' },
  { path: 'bord', label: 'Bord', action: 'event.manage' },
  // Personal data (decision 053): requests to correct or delete.
  { path: 'personopplysninger', label: 'Personopplysninger', action: 'event.manage' },
  { path: 'team', label: 'Arrangørteam', action: 'event.manage' },
  { path: 'kopier', label: 'Kopier', action: 'event.manage' },
]

/** Whether `member` is the event's last organiser, whom nobody may remove (decision 29): the team page and the service ask this. */
export function isLastOrganiser(member: { role: EventRole }, team: ReadonlyArray<{ role: EventRole }>): boolean {
  return member.role === 'organiser' && team.filter((m) => m.role === 'organiser').length <= 1
}

/** The sections someone with `role` sees in the navigation. */
export function sectionsFor(role: EventRole | null) {
  return EVENT_SECTIONS.filter((s) => can(role, s.action))
}

/** Where someone with `role` starts on an event: the settings for organisers, the overview for viewers, the desk for desk helpers. */
export function eventStartPath(eventId: string, role: EventRole): string {
  if (role === 'organiser') return `/arrangor/${eventId}`
  return role === 'viewer' ? `/arrangor/${eventId}/oversikt` : `/arrangor/${eventId}/innsjekking`
}
