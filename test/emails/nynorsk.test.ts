import { describe, expect, it } from 'vitest'
import { type EmailParams, type EmailTemplate, emailTemplates, renderTemplate } from '../../emails'
import type { ParticipantFacts } from '../../emails/participant-facts'

/**
 * Every template, rendered in nynorsk with every branch it has, must not
 * contain words that only exist in bokmål. The list is short on purpose:
 * words that are never nynorsk, as they slip in when a text is translated.
 */
const BOKMAL_ONLY = [
  'ikke',
  'ennå',
  'bare',
  'fra',
  'hva',
  'hvem',
  'hvis',
  'hvordan',
  'noen',
  'dem',
  'velg',
  'slutter',
  'virker',
  'kommer',
  'bruker',
  'lenken',
  'påmeldingen',
  'samlingen',
  'kommunens',
  'deltakere',
  'deltakerne',
  'deltakeren',
  'påmeldte',
  'endret',
  'dekket',
  'egenbetalt',
  'stedet',
  'dager',
  'sesjoner',
  'fortsatt',
  'gjennomføres',
]

const facts = (over: Partial<ParticipantFacts> = {}): ParticipantFacts => ({
  place: 'Ålesund',
  hotel: 'Scandic Parken',
  days: ['torsdag 11. november 2021', 'fredag 12. november 2021'],
  nights: ['11.–12. november 2021'],
  attendsDinner: true,
  sessions: ['Topplederforum'],
  coveredOvernight: false,
  coveredDays: ['11. november 2021'],
  selfPaidOre: 250_000,
  pricesApproximate: true,
  ...over,
})

const base = { languageForm: 'nn' as const, eventTitle: 'Klimasamling for kommunane i Møre og Romsdal', eventDates: '11.–12. november 2021' }
const calendarEvent = { id: 'e1', title: base.eventTitle, venue: 'Ålesund', address: 'Ålesund', updated_at: '2021-08-01T10:00:00.000Z' }

/** Each template's nynorsk variants, one per branch of its text. */
const samples: { [T in EmailTemplate]: Array<EmailParams<T>> } = {
  'test-message': [{ appUrl: 'http://app.example', languageForm: 'nn' }],
  'login-link': [{ link: 'http://app.example/logg-inn/lenke/x', code: '123456', languageForm: 'nn' }],
  invitation: [{ ...base, municipalityName: 'Volda', deadline: '20. september 2021 kl. 23.59', link: 'http://app.example/i/x', organiserContact: 'Knut' }],
  'invitation-late': [
    { ...base, municipalityName: 'Volda', deadline: '20. september 2021 kl. 23.59', link: 'http://app.example/i/x', organiserContact: 'Knut' },
  ],
  'invitation-withdrawn': [{ ...base, municipalityName: 'Volda', reason: 'Feil kommune', organiserContact: 'Knut' }],
  'deadline-reminder': (['contact_person', 'participants'] as const).map((missing) => ({
    ...base,
    municipalityName: 'Volda',
    deadline: '20. september 2021 kl. 23.59',
    missing,
    link: 'http://app.example',
    organiserContact: 'Knut',
  })),
  'contact-person-named': [{ ...base, municipalityName: 'Volda', contactName: 'Kari', loginLink: 'http://app.example' }],
  'contact-person-replaced': [{ ...base, municipalityName: 'Volda', contactName: 'Kari', loginLink: 'http://app.example', formerName: 'Per' }],
  'participant-enrolled': [true, false].flatMap((late) =>
    ['Kari', null].map((contactName) => ({
      ...base,
      participantName: 'Ola',
      municipalityName: 'Volda',
      contactName,
      facts: late ? facts() : facts({ hotel: null, nights: [], sessions: [], coveredDays: [], selfPaidOre: null }),
      deadline: '20. september 2021 kl. 23.59',
      late,
      organiserContact: 'Knut',
      pageLink: 'http://app.example',
      calendar: { event: calendarEvent, days: [], pageUrl: 'http://app.example' },
    })),
  ),
  'participant-changed': [
    { ...base, participantName: 'Ola', facts: facts({ coveredOvernight: true, selfPaidOre: 0 }), organiserContact: 'Knut', pageLink: 'http://app.example' },
  ],
  'participant-promoted': (['freed', 'reordered', 'granted', undefined] as const).map((reason) => ({
    ...base,
    participantName: 'Ola',
    facts: facts({ attendsDinner: false }),
    pageLink: 'http://app.example',
    reason,
  })),
  'participant-demoted': (['reordered', 'grant_reduced', 'changed', undefined] as const).flatMap((reason) =>
    ['Kari', null].map((takenBy) => ({
      ...base,
      participantName: 'Ola',
      facts: facts({ coveredDays: [] }),
      takenBy,
      organiserContact: 'Knut',
      pageLink: 'http://app.example',
      reason,
    })),
  ),
  'participant-substituted': [['Topplederforum'], []].map((droppedSessions) => ({
    ...base,
    newName: 'Siv',
    formerName: 'Ola',
    facts: facts(),
    droppedSessions,
    organiserContact: 'Knut',
    pageLink: 'http://app.example',
  })),
  'participant-replaced': [{ ...base, formerName: 'Ola', newName: 'Siv' }],
  'participant-cancelled': [true, false].map((late) => ({ ...base, participantName: 'Ola', municipalityName: 'Volda', late, organiserContact: 'Knut' })),
  'late-cancellation-notice': [['10.–11. november 2021'], []].map((hadNights) => ({
    ...base,
    participantName: 'Ola',
    municipalityName: 'Volda',
    hadNights,
    pageLink: 'http://app.example',
  })),
  'online-link-published': [
    {
      ...base,
      participantName: 'Ola',
      sessionTitle: 'Vær smart',
      when: 'tysdag 16. november 2021 kl. 12.00–13.30',
      url: 'https://teams.example.no/x',
      pageLink: 'http://app.example',
      calendar: {
        event: calendarEvent,
        session: { id: 's1', title: 'Vær smart', description: '', starts_at: '2021-11-16T11:00:00.000Z', ends_at: null },
        pageUrl: 'http://app.example',
      },
    },
  ],
  'organiser-message': [{ ...base, subject: 'Velkomen', body: 'Hugs å ta med kaffikopp.', signature: 'Knut' }],
  'coverage-confirmation': [0, 250_000, null].map((totalOre) => ({
    ...base,
    municipalityName: 'Volda',
    participants: [
      { name: 'Ola', coveredOvernight: true, coveredDays: [], selfPaidOre: 0 },
      { name: 'Kari', coveredOvernight: false, coveredDays: ['11. november 2021'], selfPaidOre: 65_000 },
      { name: 'Siv', coveredOvernight: false, coveredDays: [], selfPaidOre: null },
    ],
    totalOre,
    pricesApproximate: true,
    billedBy: totalOre === null ? ('hotel' as const) : ('organiser' as const),
    organiserContact: 'Knut',
  })),
  'sessions-allocated': [[{ slotLabel: 'Parallelle sesjonar', title: 'Topplederforum', time: '11. november 2021 kl. 14.30–16.00', room: 'Sal A' }], []].flatMap(
    (seats) =>
      ['Kari', null].map((contactName) => ({
        ...base,
        participantName: 'Ola',
        municipalityName: 'Volda',
        contactName,
        seats,
        organiserContact: 'Knut',
        pageLink: 'http://app.example',
        calendar: {
          event: calendarEvent,
          participantId: 'p1',
          seats: seats.map((s) => ({ slotId: 's1', title: s.title, room: s.room, starts_at: '2021-11-11T13:30:00.000Z', ends_at: null })),
          pageUrl: 'http://app.example',
        },
      })),
  ),
  'team-member-added': (['organiser', 'viewer'] as const).map((role) => ({
    ...base,
    name: 'Kari',
    role,
    addedByName: 'Knut',
    loginLink: 'http://app.example/logg-inn',
  })),
  'waiting-list': (['joined', 'left', 'placed', 'offered', 'accepted', 'declined', 'expired'] as const).flatMap((move) =>
    (['session', 'night'] as const).map((kind) => ({
      ...base,
      move,
      kind,
      participantName: 'Ola',
      place: kind === 'session' ? '«Topplederforum»' : 'natta 11.–12. november 2021',
      position: move === 'joined' ? 3 : null,
      offerExpires: move === 'offered' ? '13. september 2021 kl. 12.00' : null,
      answerLink: move === 'offered' ? 'http://app.example/venteliste/x' : null,
      facts: move === 'placed' || move === 'accepted' ? facts() : null,
      pageLink: 'http://app.example',
      organiserContact: 'Knut',
    })),
  ),
  'survey-invitation': ['13. november 2021 kl. 12.00', null].map((closes) => ({
    ...base,
    participantName: 'Ola',
    surveyTitle: 'Tema for gruppearbeidet',
    link: 'http://app.example/undersokelse/x',
    code: 'MR2021',
    codePage: 'http://app.example/undersokelse',
    closes,
    organiserContact: 'Knut',
  })),
  'cafe-table': [{ label: 'Energi – bord 1', topic: 'Energi', room: 'Sal A' }, { label: 'Energi – bord 2', topic: 'Energi', room: '' }, null].flatMap((seat) =>
    ['http://app.example/bord/x', null].map((pickLink) => ({ ...base, participantName: 'Ola', seat, pickLink, organiserContact: 'Knut' })),
  ),
  'data-request': (['correction', 'deletion'] as const).map((kind) => ({
    ...base,
    askerName: 'Kari Kontakt',
    kind,
    message: 'Allergiane mine er feil.',
    pageLink: 'http://app.example/arrangor/x/personopplysninger',
  })),
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}]+/gu) ?? []

describe('the nynorsk emails', () => {
  it('have a sample for every template', () => {
    expect(Object.keys(samples).sort()).toEqual(Object.keys(emailTemplates).sort())
  })

  for (const template of Object.keys(emailTemplates) as EmailTemplate[]) {
    it(`${template} uses no bokmål-only words`, () => {
      const variants = samples[template] as unknown[]
      expect(variants.length).toBeGreaterThan(0)
      for (const params of variants) {
        const { rendered } = renderTemplate(template, params)
        expect(rendered.html).toContain('<html lang="nn">')
        const found = words(`${rendered.subject}\n${rendered.text}`).filter((w) => BOKMAL_ONLY.includes(w))
        expect(found, `${template}: ${rendered.subject}`).toEqual([])
      }
    })
  }

  it('catches a bokmål word (the check itself works)', () => {
    expect(words('Lenka slutter å verke.').filter((w) => BOKMAL_ONLY.includes(w))).toEqual(['slutter'])
  })
})
