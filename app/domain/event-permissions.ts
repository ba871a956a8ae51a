import type { LanguageForm } from './language'
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

/**
 * The roles by name in both forms, as the team page offers them and its
 * messages name them: someone added as organiser is a co-organiser
 * (medarrangør).
 */
export const EVENT_ROLE_LABELS = {
  nb: { organiser: 'Medarrangør', viewer: 'Lesetilgang', desk: 'Vert i registreringen' },
  nn: { organiser: 'Medarrangør', viewer: 'Lesetilgang', desk: 'Vert i registreringa' },
} as const satisfies Record<LanguageForm, Record<EventRole, string>>

/**
 * Someone's role on an event's team, as the lists of members and of events
 * show it: every organiser, the first and the co-organisers, is an arrangør.
 */
export const EVENT_MEMBER_ROLE_LABELS = {
  nb: { ...EVENT_ROLE_LABELS.nb, organiser: 'Arrangør' },
  nn: { ...EVENT_ROLE_LABELS.nn, organiser: 'Arrangør' },
} as const satisfies Record<LanguageForm, Record<EventRole, string>>

/** The sections of an event's organiser pages (the path under /arrangor/:eventId), in the order the navigation shows them, with what each needs. */
export const EVENT_SECTIONS = [
  { path: 'oversikt', action: 'overview.read' },
  { path: '', action: 'event.manage' },
  { path: 'dager', action: 'event.manage' },
  { path: 'program', action: 'event.manage' },
  { path: 'kommuner', action: 'event.manage' },
  { path: 'netter', action: 'nights.read' },
  { path: 'sesjoner', action: 'event.manage' },
  // Parallel sessions by wishes (decisions 43 and 44): the demand, and the allocation.
  { path: 'onsker', action: 'event.manage' },
  { path: 'fordeling', action: 'event.manage' },
  { path: 'kosthold', action: 'event.manage' },
  { path: 'endringer', action: 'event.manage' },
  { path: 'dekning', action: 'event.manage' },
  { path: 'e-post', action: 'event.manage' },
  { path: 'eksport', action: 'exports.read' },
  // The gathering days (decisions 046–050): the desk, attendance and no-shows, badges, the survey, the world-café tables.
  { path: 'innsjekking', action: 'checkin.read' },
  { path: 'oppmote', action: 'event.manage' },
  { path: 'navneskilt', action: 'event.manage' },
  { path: 'undersokelse', action: 'event.manage' },
  { path: 'bord', action: 'event.manage' },
  // Personal data (decision 053): requests to correct or delete.
  { path: 'personopplysninger', action: 'event.manage' },
  { path: 'team', action: 'event.manage' },
  { path: 'kopier', action: 'event.manage' },
] as const satisfies ReadonlyArray<{ path: string; action: EventAction }>

export type EventSectionPath = (typeof EVENT_SECTIONS)[number]['path']

/** The sections' names in both forms, by path, as the navigation shows them. */
export const EVENT_SECTION_LABELS = {
  nb: {
    oversikt: 'Oversikt',
    '': 'Innstillinger',
    dager: 'Dager og netter',
    program: 'Program',
    kommuner: 'Inviterte kommuner',
    netter: 'Hotellnetter',
    sesjoner: 'Sesjoner',
    onsker: 'Ønsker',
    fordeling: 'Fordeling',
    kosthold: 'Kosthold',
    endringer: 'Sene endringer',
    dekning: 'Dekning',
    'e-post': 'E-post',
    eksport: 'Eksport',
    innsjekking: 'Innsjekking',
    oppmote: 'Oppmøte',
    navneskilt: 'Navneskilt',
    undersokelse: 'Undersøkelse',
    bord: 'Bord',
    personopplysninger: 'Personopplysninger',
    team: 'Arrangørteam',
    kopier: 'Kopier',
  },
  nn: {
    oversikt: 'Oversikt',
    '': 'Innstillingar',
    dager: 'Dagar og netter',
    program: 'Program',
    kommuner: 'Inviterte kommunar',
    netter: 'Hotellnetter',
    sesjoner: 'Sesjonar',
    onsker: 'Ønske',
    fordeling: 'Fordeling',
    kosthold: 'Kosthald',
    endringer: 'Seine endringar',
    dekning: 'Dekning',
    'e-post': 'E-post',
    eksport: 'Eksport',
    innsjekking: 'Innsjekking',
    oppmote: 'Oppmøte',
    navneskilt: 'Namneskilt',
    undersokelse: 'Undersøking',
    bord: 'Bord',
    personopplysninger: 'Personopplysningar',
    team: 'Arrangørteam',
    kopier: 'Kopier',
  },
} as const satisfies Record<LanguageForm, Record<EventSectionPath, string>>

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
