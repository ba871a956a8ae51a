import { Link as RemixLink, useLocation } from '@remix-run/react'
import { type EventRole, sectionsFor } from '~/domain/event-permissions'
import { texts } from '~/domain/language'
import { useTexts } from './language'

const text = texts({
  nb: {
    label: 'Arrangementet',
    allEvents: 'Alle arrangementer',
    // The sections by path (app/domain/event-permissions.ts), as the navigation names them.
    sections: {
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
  },
  nn: {
    label: 'Arrangementet',
    allEvents: 'Alle arrangement',
    sections: {
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
  },
})

/**
 * The sections of an event the organiser works in. A viewer (lesetilgang)
 * sees only the sections the policy lets them read (decision 29).
 */
export function OrganiserNav({ eventId, role = 'organiser' }: { eventId: string; role?: EventRole }) {
  const { pathname } = useLocation()
  const t = useTexts(text)
  const base = `/arrangor/${eventId}`
  const links = sectionsFor(role).map((s) => ({
    to: s.path ? `${base}/${s.path}` : base,
    label: (t.sections as Partial<Record<string, string>>)[s.path] ?? s.label,
  }))
  return (
    <nav aria-label={t.label} className="organiser-nav">
      <ul>
        <li>
          <RemixLink to="/arrangor">{t.allEvents}</RemixLink>
        </li>
        {links.map((l) => (
          <li key={l.to}>
            <RemixLink to={l.to} aria-current={pathname === l.to ? 'page' : pathname.startsWith(`${l.to}/`) && l.to !== base ? 'location' : undefined}>
              {l.label}
            </RemixLink>
          </li>
        ))}
      </ul>
    </nav>
  )
}
