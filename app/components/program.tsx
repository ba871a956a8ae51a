import { Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react'
import { formatClockRange, formatTimeRange, formatWeekday, osloDate } from '~/domain/dates'
import { texts } from '~/domain/language'
import type { ProgramDay } from '~/domain/program'
import { describeRoles } from '~/domain/roles'
import { useLanguageForm } from './language'

const text = texts({
  nb: {
    speakers: 'Innledere',
    onlyFor: (roles: string) => `Bare for ${roles}`,
    signupRequired: 'Krever påmelding',
    seats: (n: number) => `${n} plasser`,
    parallel: (n: number) => `${n} sesjoner samtidig. Hver deltaker velger én.`,
    linkLater: 'Lenken publiseres for påmeldte deltakere.',
    addToCalendar: 'Legg i kalenderen',
  },
  nn: {
    speakers: 'Innleiarar',
    onlyFor: (roles: string) => `Berre for ${roles}`,
    signupRequired: 'Krev påmelding',
    seats: (n: number) => (n === 1 ? '1 plass' : `${n} plassar`),
    parallel: (n: number) => `${n} sesjonar samtidig. Kvar deltakar vel éin.`,
    linkLater: 'Lenka blir publisert for påmelde deltakarar.',
    addToCalendar: 'Legg i kalenderen',
  },
})

export interface ProgramItemView {
  id: string
  event_day_id: string | null
  slot_id: string | null
  kind: string
  starts_at: Date
  ends_at: Date | null
  title: string
  description: string
  speakers: string[]
  room: string | null
  capacity: number | null
  requires_signup: boolean
  restricted_to_roles: string[]
  sort_order: number
}

export interface ProgramSlotView {
  id: string
  event_day_id: string
  label: string
  description: string
  starts_at: Date
  ends_at: Date
}

export interface ProgramDayView {
  id: string
  date: string
  label: string
}

function ItemDetails({ item, showCapacity }: { item: ProgramItemView; showCapacity: boolean }) {
  const languageForm = useLanguageForm()
  const t = text[languageForm]
  return (
    <>
      {item.description ? <Paragraph className="pre-line">{item.description}</Paragraph> : null}
      {item.speakers.length > 0 ? (
        <ul className="program-speakers" aria-label={t.speakers}>
          {item.speakers.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      ) : null}
      {item.restricted_to_roles.length > 0 ? (
        <Tag data-color="warning">{t.onlyFor(describeRoles(item.restricted_to_roles, languageForm).toLowerCase())}</Tag>
      ) : null}
      {item.requires_signup ? <Tag data-color="info">{t.signupRequired}</Tag> : null}
      {showCapacity && item.capacity !== null ? (
        <Paragraph data-size="sm" className="program-meta">
          {t.seats(item.capacity)}
          {item.room ? `, ${item.room}` : ''}
        </Paragraph>
      ) : null}
    </>
  )
}

/** One day of the program, with the items of a parallel slot side by side. */
export function ProgramDaySection({ day }: { day: ProgramDay<ProgramDayView, ProgramItemView, ProgramSlotView> }) {
  const headingId = `program-${day.day.date}`
  const languageForm = useLanguageForm()
  return (
    <section aria-labelledby={headingId} className="stack">
      <Heading level={3} data-size="sm" id={headingId}>
        {day.day.label} – {formatWeekday(day.day.date, languageForm)}
      </Heading>
      <ol className="program-list">
        {day.entries.map((entry) =>
          entry.type === 'item' ? (
            <li key={entry.item.id} className="program-entry" data-kind={entry.item.kind}>
              <span className="program-time">{formatClockRange(entry.item.starts_at, entry.item.ends_at)}</span>
              <div>
                <p className="program-item-title">{entry.item.title}</p>
                <ItemDetails item={entry.item} showCapacity={entry.item.requires_signup} />
              </div>
            </li>
          ) : (
            <li key={entry.slot.id} className="program-entry" data-kind="parallel">
              <span className="program-time">{formatClockRange(entry.slot.starts_at, entry.slot.ends_at)}</span>
              <div>
                <p className="program-item-title">{entry.slot.label}</p>
                {entry.slot.description ? <Paragraph>{entry.slot.description}</Paragraph> : null}
                <Paragraph data-size="sm" className="program-meta">
                  {text[languageForm].parallel(entry.items.length)}
                </Paragraph>
                <ul className="program-slot">
                  {entry.items.map((item) => (
                    <li key={item.id}>
                      <p className="program-item-title">{item.title}</p>
                      <ItemDetails item={item} showCapacity />
                    </li>
                  ))}
                </ul>
              </div>
            </li>
          ),
        )}
      </ol>
    </section>
  )
}

/** The digital part: webinars on their own dates, in date order, each with its calendar file. */
export function DigitalProgram({ items, calendarHref }: { items: ProgramItemView[]; calendarHref: (itemId: string) => string }) {
  const languageForm = useLanguageForm()
  const t = text[languageForm]
  return (
    <ol className="program-list">
      {items.map((item) => (
        <li key={item.id} className="program-entry" data-kind="digital">
          <span className="program-time">{formatWeekday(osloDate(item.starts_at), languageForm)}</span>
          <div>
            <p className="program-item-title">{item.title}</p>
            <Paragraph data-size="sm" className="program-meta">
              {formatTimeRange(item.starts_at, item.ends_at)}. {item.description} {t.linkLater}
            </Paragraph>
            <Paragraph data-size="sm">
              <Link href={calendarHref(item.id)} download>
                {t.addToCalendar}
                <span className="visually-hidden">: {item.title}</span>
              </Link>
            </Paragraph>
          </div>
        </li>
      ))}
    </ol>
  )
}
