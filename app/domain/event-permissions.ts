/**
 * Who may do what on an event's organiser pages (decision 29):
 * one pure policy that loaders ask and services refuse with.
 *
 * An event's team has two roles. An organiser (the first organiser and every
 * co-organiser, medarrangør) is a full organiser of that event. A viewer
 * (lesetilgang: the hotel, a finance office) reads the overview, the hotel
 * nights and the exports, and changes nothing.
 */

export type EventRole = 'organiser' | 'viewer'

/** Norwegian names of the roles, as the team page and the emails use them. */
export const EVENT_ROLE_LABELS: Record<EventRole, string> = {
  organiser: 'Medarrangør',
  viewer: 'Lesetilgang',
}

/** What someone may want to do on an event's organiser pages. */
export type EventAction =
  /** Read the overview (Oversikt). */
  | 'overview.read'
  /** Read the hotel nights (Hotellnetter). */
  | 'nights.read'
  /** Read the export page and download its lists (Eksport). */
  | 'exports.read'
  /** Everything else: every other organiser page, and every change (POST) anywhere. */
  | 'event.manage'

/** The actions a viewer may take. Everything not listed is an organiser's alone. */
const VIEWER_ACTIONS: ReadonlySet<EventAction> = new Set(['overview.read', 'nights.read', 'exports.read'])

/**
 * Whether someone with `role` on an event (null: no role there) may take
 * `action`. Routes answer 404 when not, so nobody learns an event exists.
 */
export function can(role: EventRole | null, action: EventAction): boolean {
  if (role === 'organiser') return true
  if (role === 'viewer') return VIEWER_ACTIONS.has(action)
  return false
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
  { path: 'kosthold', label: 'Kosthold', action: 'event.manage' },
  { path: 'endringer', label: 'Sene endringer', action: 'event.manage' },
  { path: 'dekning', label: 'Dekning', action: 'event.manage' },
  { path: 'e-post', label: 'E-post', action: 'event.manage' },
  { path: 'eksport', label: 'Eksport', action: 'exports.read' },
  { path: 'team', label: 'Arrangørteam', action: 'event.manage' },
  { path: 'kopier', label: 'Kopier', action: 'event.manage' },
]

/** The sections someone with `role` sees in the navigation. */
export function sectionsFor(role: EventRole | null) {
  return EVENT_SECTIONS.filter((s) => can(role, s.action))
}

/** Where someone with `role` starts on an event: the settings for organisers, the overview for viewers. */
export function eventStartPath(eventId: string, role: EventRole): string {
  return role === 'organiser' ? `/arrangor/${eventId}` : `/arrangor/${eventId}/oversikt`
}
