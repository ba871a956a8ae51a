import { Link as RemixLink, useLocation } from '@remix-run/react'

/** The sections of an event the organiser works in. */
export function OrganiserNav({ eventId }: { eventId: string }) {
  const { pathname } = useLocation()
  const links = [
    { to: `/arrangor/${eventId}/oversikt`, label: 'Oversikt' },
    { to: `/arrangor/${eventId}`, label: 'Innstillinger' },
    { to: `/arrangor/${eventId}/dager`, label: 'Dager og netter' },
    { to: `/arrangor/${eventId}/program`, label: 'Program' },
    { to: `/arrangor/${eventId}/kommuner`, label: 'Inviterte kommuner' },
    { to: `/arrangor/${eventId}/netter`, label: 'Hotellnetter' },
    { to: `/arrangor/${eventId}/sesjoner`, label: 'Sesjoner' },
    { to: `/arrangor/${eventId}/kosthold`, label: 'Kosthold' },
    { to: `/arrangor/${eventId}/endringer`, label: 'Sene endringer' },
    { to: `/arrangor/${eventId}/dekning`, label: 'Dekning' },
    { to: `/arrangor/${eventId}/e-post`, label: 'E-post' },
    { to: `/arrangor/${eventId}/eksport`, label: 'Eksport' },
    { to: `/arrangor/${eventId}/kopier`, label: 'Kopier' },
  ]
  return (
    <nav aria-label="Arrangementet" className="organiser-nav">
      <ul>
        <li>
          <RemixLink to="/arrangor">Alle arrangementer</RemixLink>
        </li>
        {links.map((l) => (
          <li key={l.to}>
            <RemixLink to={l.to} aria-current={pathname === l.to ? 'page' : pathname.startsWith(`${l.to}/`) && l.to !== `/arrangor/${eventId}` ? 'location' : undefined}>
              {l.label}
            </RemixLink>
          </li>
        ))}
      </ul>
    </nav>
  )
}
