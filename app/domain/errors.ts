import type { LanguageForm } from '../../db/schema'

/**
 * Errors a person can act on, with what to tell them. Services throw them;
 * routes show the message at the field named by `field`, or above the form.
 */
const messages = {
  login_link_invalid: {
    nb: 'Lenken virker ikke lenger. Den kan være brukt eller eldre enn 15 minutter. Be om en ny lenke.',
    nn: 'Lenka verkar ikkje lenger. Ho kan vere brukt eller eldre enn 15 minutt. Be om ei ny lenke.',
  },
  login_code_invalid: {
    nb: 'Koden stemmer ikke, eller den er for gammel. Sjekk koden i e-posten, eller be om en ny.',
    nn: 'Koden stemmer ikkje, eller han er for gammal. Sjekk koden i e-posten, eller be om ein ny.',
  },
  rate_limited: {
    nb: 'Du har bedt om innlogging for mange ganger. Vent litt og prøv igjen.',
    nn: 'Du har bede om innlogging for mange gonger. Vent litt og prøv igjen.',
  },
  invitation_invalid: {
    nb: 'Invitasjonslenken virker ikke. Den kan være feil, eller kommunen har allerede en kontaktperson.',
    nn: 'Invitasjonslenka verkar ikkje. Ho kan vere feil, eller kommunen har allereie ein kontaktperson.',
  },
  contact_already_named: {
    nb: 'Kommunen har allerede fått en kontaktperson for denne samlingen. Ta kontakt med henne eller ham, eller med arrangøren.',
    nn: 'Kommunen har allereie fått ein kontaktperson for denne samlinga. Ta kontakt med henne eller han, eller med arrangøren.',
  },
  contact_unchanged: {
    nb: 'Denne personen er allerede kontaktperson for kommunen.',
    nn: 'Denne personen er allereie kontaktperson for kommunen.',
  },
  registration_already_open: {
    nb: 'Påmeldingen har åpnet. Da kan ikke listen over inviterte kommuner endres.',
    nn: 'Påmeldinga har opna. Då kan ikkje lista over inviterte kommunar endrast.',
  },
  municipality_already_invited: {
    nb: 'Kommunen er allerede invitert.',
    nn: 'Kommunen er allereie invitert.',
  },
  slug_taken: {
    nb: 'Adressenavnet er allerede i bruk av et annet arrangement. Velg et annet.',
    nn: 'Adressenamnet er allereie i bruk av eit anna arrangement. Vel eit anna.',
  },
  unknown_county: {
    nb: 'Velg et fylke fra listen.',
    nn: 'Vel eit fylke frå lista.',
  },
  quota_below_usage: {
    nb: '{count} kommuner har allerede flere dekkede plasser enn dette. Velg et høyere tall, eller flytt deltakere først.',
    nn: '{count} kommunar har allereie fleire dekte plassar enn dette. Vel eit høgare tal, eller flytt deltakarar først.',
  },
  days_outside_window: {
    nb: '{count} dager eller netter ligger utenfor de nye datoene. Flytt eller slett dem først.',
    nn: '{count} dagar eller netter ligg utanfor dei nye datoane. Flytt eller slett dei først.',
  },
  municipality_has_participants: {
    nb: 'Kommunen har påmeldte deltakere og kan ikke fjernes.',
    nn: 'Kommunen har påmelde deltakarar og kan ikkje fjernast.',
  },
} as const satisfies Record<string, Record<LanguageForm, string>>

export type DomainErrorCode = keyof typeof messages

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    /** The form field the message belongs to, if any. */
    readonly field?: string,
    /** Values for the message's {placeholders}, such as how many are affected. */
    readonly params: Record<string, string | number> = {},
  ) {
    super(fill(messages[code].nb, params))
    this.name = 'DomainError'
  }

  messageIn(languageForm: LanguageForm): string {
    return fill(messages[this.code][languageForm], this.params)
  }
}

function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
}
