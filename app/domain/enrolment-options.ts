import { formatClockRange, formatDay, formatNight, type IsoDate } from './dates'
import type { OfferedSession } from './eligibility'
import { type LanguageForm, texts } from './language'
import { describeRoles } from './roles'

const text = texts({
  nb: {
    seatsLeft: (n: number) => `${n} plasser igjen`,
    nightFull: 'fullt – velg dagpakke i stedet',
    roomsLeft: (n: number) => `${n} rom igjen`,
    longTravelOnly: 'bare ved lang reisevei',
    night: (night: string, notes: string) => `Natten ${night} (${notes})`,
    onlyFor: (roles: string) => `bare for ${roles}`,
  },
  nn: {
    seatsLeft: (n: number) => (n === 1 ? '1 plass igjen' : `${n} plassar igjen`),
    nightFull: 'fullt – vel dagpakke i staden',
    roomsLeft: (n: number) => `${n} rom igjen`,
    longTravelOnly: 'berre ved lang reiseveg',
    night: (night: string, notes: string) => `Natta ${night} (${notes})`,
    onlyFor: (roles: string) => `berre for ${roles}`,
  },
})

/**
 * What the participant forms offer, in words: days, nights with rooms left,
 * one radio group per parallel slot with seats left and who may attend, the
 * optional items that need sign-up, and the topics. Pure; the counts come
 * from the service.
 */
export interface EnrolmentOptionsData {
  days: Array<{ id: string; date: IsoDate; label: string }>
  /** `rooms_held`: rooms held for a waiting list's open offer (decision 045), not free. */
  nights: Array<{ id: string; night_date: IsoDate; rooms_in_block: number; rooms_taken: number; rooms_held?: number; requires_reason: boolean }>
  slots: Array<{ id: string; label: string; event_day_id: string; starts_at: Date; ends_at: Date }>
  items: Array<{
    id: string
    title: string
    slot_id: string | null
    event_day_id: string | null
    capacity: number | null
    seats_taken: number
    restricted_to_roles: string[]
    requires_signup: boolean
  }>
  topics: Array<{ id: string; label: string }>
}

/** What `sessionAvailability` needs to tell the form whether a session can be chosen. */
const offered = (i: EnrolmentOptionsData['items'][number]): OfferedSession => ({
  capacity: i.capacity,
  seatsTaken: i.seats_taken,
  restrictedToRoles: i.restricted_to_roles,
})

export function presentEnrolmentOptions(options: EnrolmentOptionsData, languageForm: LanguageForm) {
  const t = text[languageForm]
  const dayName = new Map(options.days.map((d) => [d.id, d.label]))
  const seatsLeft = (i: { capacity: number | null; seats_taken: number }) => (i.capacity === null ? null : t.seatsLeft(Math.max(0, i.capacity - i.seats_taken)))
  return {
    days: options.days.map((d) => ({ value: d.id, label: `${d.label}, ${formatDay(d.date)}` })),
    nights: options.nights.map((n) => {
      const left = n.rooms_in_block - n.rooms_taken - (n.rooms_held ?? 0)
      const notes = [left <= 0 ? t.nightFull : t.roomsLeft(left), n.requires_reason ? t.longTravelOnly : null]
      return { value: n.id, label: t.night(formatNight(n.night_date), notes.filter(Boolean).join(', ')) }
    }),
    slots: options.slots.map((s) => ({
      id: s.id,
      dayId: s.event_day_id,
      label: `${s.label}, ${dayName.get(s.event_day_id) ?? ''} ${formatClockRange(s.starts_at, s.ends_at)}`,
      items: options.items
        .filter((i) => i.slot_id === s.id)
        .map((i) => ({
          id: i.id,
          title: i.title,
          note: [seatsLeft(i), i.restricted_to_roles.length ? t.onlyFor(describeRoles(i.restricted_to_roles, languageForm).toLowerCase()) : null]
            .filter(Boolean)
            .join(', '),
          ...offered(i),
        })),
    })),
    signups: options.items
      .filter((i) => !i.slot_id && i.requires_signup)
      .map((i) => ({ id: i.id, dayId: i.event_day_id, title: i.title, note: seatsLeft(i) ?? '', ...offered(i) })),
    topics: options.topics.map((t) => ({ value: t.id, label: t.label })),
  }
}

export type PresentedOptions = ReturnType<typeof presentEnrolmentOptions>
