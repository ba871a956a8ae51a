import { Link as RemixLink, useLocation } from '@remix-run/react'
import { type EventRole, sectionsFor } from '~/domain/event-permissions'

/**
 * The sections of an event the organiser works in. A viewer (lesetilgang)
 * sees only the sections the policy lets them read (decision 29).
 */
export function OrganiserNav({ eventId, role = 'organiser' }: { eventId: string; role?: EventRole }) {
  const { pathname } = useLocation()
  const base = `/arrangor/${eventId}`
  const links = sectionsFor(role).map((s) => ({ to: s.path ? `${base}/${s.path}` : base, label: s.label }))
  return (
    <nav aria-label="Arrangementet" className="organiser-nav">
      <ul>
        <li>
          <RemixLink to="/arrangor">Alle arrangementer</RemixLink>
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
