import { Link as RemixLink, useLocation } from '@remix-run/react'
import { EVENT_SECTION_LABELS, type EventRole, sectionsFor } from '~/domain/event-permissions'
import { texts } from '~/domain/language'
import { useLanguageForm, useTexts } from './language'

const text = texts({
  nb: {
    label: 'Arrangementet',
    allEvents: 'Alle arrangementer',
  },
  nn: {
    label: 'Arrangementet',
    allEvents: 'Alle arrangement',
  },
})

/**
 * The sections of an event the organiser works in. A viewer (lesetilgang)
 * sees only the sections the policy lets them read (decision 29).
 */
export function OrganiserNav({ eventId, role = 'organiser' }: { eventId: string; role?: EventRole }) {
  const { pathname } = useLocation()
  const t = useTexts(text)
  const labels = EVENT_SECTION_LABELS[useLanguageForm()]
  const base = `/arrangor/${eventId}`
  const links = sectionsFor(role).map((s) => ({
    to: s.path ? `${base}/${s.path}` : base,
    label: labels[s.path],
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
