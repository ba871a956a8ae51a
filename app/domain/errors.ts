import type { LanguageForm } from '../../db/schema'
import { inLanguage } from './language'

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
  login_code_rate_limited: {
    nb: 'Du har prøvd for mange koder. Vent et kvarter og prøv igjen, eller bruk lenken i e-posten.',
    nn: 'Du har prøvd for mange kodar. Vent eit kvarter og prøv igjen, eller bruk lenka i e-posten.',
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
  day_outside_event: {
    nb: 'Dagen må være innenfor samlingens datoer.',
    nn: 'Dagen må vere innanfor datoane for samlinga.',
  },
  night_outside_event: {
    nb: 'Natten må være mellom natten før første dag og natten før siste dag.',
    nn: 'Natta må vere mellom natta før første dag og natta før siste dag.',
  },
  day_exists: {
    nb: 'Samlingen har allerede en dag med denne datoen.',
    nn: 'Samlinga har allereie ein dag med denne datoen.',
  },
  night_exists: {
    nb: 'Samlingen har allerede denne natten.',
    nn: 'Samlinga har allereie denne natta.',
  },
  day_in_use: {
    nb: 'Dagen har {count} programpunkter eller deltakere. Flytt eller slett dem først.',
    nn: 'Dagen har {count} programpunkt eller deltakarar. Flytt eller slett dei først.',
  },
  night_in_use: {
    nb: '{count} deltakere overnatter denne natten. Natten kan ikke slettes.',
    nn: '{count} deltakarar overnattar denne natta. Natta kan ikkje slettast.',
  },
  rooms_below_usage: {
    nb: '{count} rom er allerede tatt denne natten. Romkvoten kan ikke være lavere.',
    nn: '{count} rom er allereie tekne denne natta. Romkvoten kan ikkje vere lågare.',
  },
  slot_in_use: {
    nb: 'Sesjonsbolken har {count} sesjoner. Flytt eller slett dem først.',
    nn: 'Sesjonsbolken har {count} sesjonar. Flytt eller slett dei først.',
  },
  slot_wrong_day: {
    nb: 'Sesjonsbolken er på en annen dag enn den du valgte.',
    nn: 'Sesjonsbolken er på ein annan dag enn den du valde.',
  },
  capacity_below_usage: {
    nb: '{count} deltakere har allerede valgt denne. Antall plasser kan ikke være lavere.',
    nn: '{count} deltakarar har allereie valt denne. Talet på plassar kan ikkje vere lågare.',
  },
  item_in_use: {
    nb: '{count} deltakere har valgt dette programpunktet. Det kan ikke slettes.',
    nn: '{count} deltakarar har valt dette programpunktet. Det kan ikkje slettast.',
  },
  online_url_invalid: {
    nb: 'Skriv inn en fullstendig lenke som begynner med https://.',
    nn: 'Skriv inn ei fullstendig lenke som byrjar med https://.',
  },
  registration_not_open: {
    nb: 'Påmeldingen er ikke åpen.',
    nn: 'Påmeldinga er ikkje open.',
  },
  deadline_passed: {
    nb: 'Påmeldingsfristen er ute. Nye deltakere kan bare meldes på av arrangøren; en påmeldt deltaker kan erstattes.',
    nn: 'Påmeldingsfristen er ute. Nye deltakarar kan berre meldast på av arrangøren; ein påmeld deltakar kan bytast ut.',
  },
  night_full: {
    nb: 'Hotellet er fullt natten {night}. Velg dagpakke uten overnatting i stedet.',
    nn: 'Hotellet er fullt natta {night}. Vel dagpakke utan overnatting i staden.',
  },
  night_not_touching_days: {
    nb: 'Natten {night} passer ikke med dagene deltakeren er med. Velg bare netter rett før, mellom eller etter dem.',
    nn: 'Natta {night} passar ikkje med dagane deltakaren er med. Vel berre netter rett før, mellom eller etter dei.',
  },
  night_needs_reason: {
    nb: 'Natten {night} er for dem som har lang reisevei. Skriv en kort begrunnelse.',
    nn: 'Natta {night} er for dei som har lang reiseveg. Skriv ei kort grunngiving.',
  },
  session_full: {
    nb: '«{session}» er full. Velg en annen sesjon.',
    nn: '«{session}» er full. Vel ein annan sesjon.',
  },
  session_day_not_attended: {
    nb: '«{session}» er på en dag deltakeren ikke er med.',
    nn: '«{session}» er på ein dag deltakaren ikkje er med.',
  },
  session_role_restricted: {
    nb: '«{session}» er bare for {roles}.',
    nn: '«{session}» er berre for {roles}.',
  },
  two_sessions_in_slot: {
    nb: '«{session}» går samtidig med en annen sesjon deltakeren har valgt. Velg én av dem.',
    nn: '«{session}» går samtidig med ein annan sesjon deltakaren har valt. Vel éin av dei.',
  },
  email_already_enrolled: {
    nb: 'Denne e-postadressen er allerede påmeldt fra kommunen. Endre den påmeldte deltakeren i stedet.',
    nn: 'Denne e-postadressa er allereie påmeld frå kommunen. Endre den påmelde deltakaren i staden.',
  },
  unknown_choice: {
    nb: 'Et av valgene hører ikke til denne samlingen. Last inn siden på nytt og prøv igjen.',
    nn: 'Eitt av vala høyrer ikkje til denne samlinga. Last inn sida på nytt og prøv igjen.',
  },
  stay_change_after_deadline: {
    nb: 'Etter fristen kan bare arrangøren endre dager og hotellnetter. Skriv til {email}.',
    nn: 'Etter fristen kan berre arrangøren endre dagar og hotellnetter. Skriv til {email}.',
  },
  wish_round_closed: {
    nb: 'Arrangøren har avsluttet runden for ønsker om sesjoner. Ta kontakt med arrangøren for å endre.',
    nn: 'Arrangøren har avslutta runden for ønske om sesjonar. Ta kontakt med arrangøren for å endre.',
  },
  allocation_not_by_wishes: {
    nb: 'Samlingen deler ut plasser i parallelle sesjoner etter førstemann til mølla. Velg «etter ønsker» i innstillingene først.',
    nn: 'Samlinga deler ut plassar i parallelle sesjonar etter førstemann til mølla. Vel «etter ønske» i innstillingane først.',
  },
  wish_round_open: {
    nb: 'Runden for ønsker om sesjoner er ikke avsluttet. Avslutt den før plassene fordeles.',
    nn: 'Runden for ønske om sesjonar er ikkje avslutta. Avslutt han før plassane blir fordelte.',
  },
  allocation_not_run: {
    nb: 'Plassene er ikke fordelt ennå. Trykk «Fordel plasser» først.',
    nn: 'Plassane er ikkje fordelte enno. Trykk «Fordel plassar» først.',
  },
  allocation_changed: {
    nb: 'Fordelingen ble endret av noen andre mens den ble beregnet. Prøv igjen.',
    nn: 'Fordelinga vart endra av nokon andre medan ho vart rekna ut. Prøv igjen.',
  },
  wish_missing: {
    nb: 'Velg minst ett ønske for «{slot}».',
    nn: 'Vel minst eitt ønske for «{slot}».',
  },
  wish_rank_gap: {
    nb: 'Velg {rank}. valg i «{slot}», eller flytt de lavere valgene opp. Valgene må komme i rekkefølge.',
    nn: 'Vel {rank}. val i «{slot}», eller flytt dei lågare vala opp. Vala må kome i rekkjefølgje.',
  },
  wish_session_twice: {
    nb: '«{session}» er valgt to ganger. Velg en annen sesjon, eller «Ikke valgt».',
    nn: '«{session}» er valt to gonger. Vel ein annan sesjon, eller «Ikkje valt».',
  },
  wish_not_in_slot: {
    nb: 'Sesjonen hører ikke til «{slot}». Last inn siden på nytt og velg igjen.',
    nn: 'Sesjonen høyrer ikkje til «{slot}». Last inn sida på nytt og vel igjen.',
  },
  wish_day_not_attended: {
    nb: '«{slot}» er på en dag deltakeren ikke er med. Sett ønskene der til «Ikke valgt», eller velg dagen.',
    nn: '«{slot}» er på ein dag deltakaren ikkje er med. Set ønska der til «Ikkje valt», eller vel dagen.',
  },
  wish_seat_by_allocation: {
    nb: 'Plassene i parallelle sesjoner fordeles etter ønsker. Ranger sesjonene i stedet for å velge én.',
    nn: 'Plassane i parallelle sesjonar blir fordelte etter ønske. Ranger sesjonane i staden for å velje éin.',
  },
  wish_round_first_come: {
    nb: 'Arrangementet gir plasser etter «Først til mølla», så det har ingen ønskerunde.',
    nn: 'Arrangementet gir plassar etter «Først til mølla», så det har ingen ønskerunde.',
  },
  wish_round_published: {
    nb: 'Fordelingen er publisert. Ønskerunden kan ikke åpnes igjen; flytt deltakere for hånd på fordelingssiden.',
    nn: 'Fordelinga er publisert. Ønskerunden kan ikkje opnast igjen; flytt deltakarar for hand på fordelingssida.',
  },
  allocation_mode_seats_taken: {
    nb: '{count} plasser i parallelle sesjoner er allerede tatt etter «Først til mølla». Fordeling etter ønsker kan bare velges før noen har valgt sesjon.',
    nn: '{count} plassar i parallelle sesjonar er allereie tekne etter «Først til mølla». Fordeling etter ønske kan berre veljast før nokon har valt sesjon.',
  },
  allocation_mode_published: {
    nb: 'Fordelingen etter ønsker er publisert. Da kan ikke arrangementet gå tilbake til «Først til mølla».',
    nn: 'Fordelinga etter ønske er publisert. Då kan ikkje arrangementet gå tilbake til «Først til mølla».',
  },
  order_closed: {
    nb: 'Rekkefølgen for de dekkede plassene kan bare endres før fristen.',
    nn: 'Rekkjefølgja for dei dekte plassane kan berre endrast før fristen.',
  },
  coverage_before_deadline: {
    nb: 'Dekningen kan bekreftes først når påmeldingsfristen er ute.',
    nn: 'Dekninga kan stadfestast først når påmeldingsfristen er ute.',
  },
  municipality_has_participants: {
    nb: 'Kommunen har påmeldte deltakere og kan ikke fjernes.',
    nn: 'Kommunen har påmelde deltakarar og kan ikkje fjernast.',
  },
  event_started: {
    nb: 'Samlingen har startet. Listen over inviterte kommuner kan ikke lenger endres.',
    nn: 'Samlinga har starta. Lista over inviterte kommunar kan ikkje lenger endrast.',
  },
  municipality_not_invitable: {
    nb: 'Velg en kommune fra listen. Kommunen må finnes på samlingens første dag.',
    nn: 'Vel ein kommune frå lista. Kommunen må finnast på den første dagen av samlinga.',
  },
  withdraw_has_participants: {
    nb: 'Kommunen har påmeldte deltakere. Meld dem av først, så kan invitasjonen trekkes tilbake.',
    nn: 'Kommunen har påmelde deltakarar. Meld dei av først, så kan invitasjonen trekkjast tilbake.',
  },
  withdraw_has_binding_history: {
    nb: 'Kommunen har sene avmeldinger eller erstattede deltakere etter fristen. Invitasjonen kan ikke trekkes tilbake.',
    nn: 'Kommunen har seine avmeldingar eller erstatta deltakarar etter fristen. Invitasjonen kan ikkje trekkjast tilbake.',
  },
  withdrawal_reason_missing: {
    nb: 'Skriv hvorfor invitasjonen trekkes tilbake. Kommunen får begrunnelsen på e-post.',
    nn: 'Skriv kvifor invitasjonen blir trekt tilbake. Kommunen får grunngivinga på e-post.',
  },
  team_member_exists: {
    nb: 'Denne personen er allerede med i arrangørteamet ({role}). Fjern personen først for å gi en annen rolle.',
    nn: 'Denne personen er allereie med i arrangørteamet ({role}). Fjern personen først for å gi ei anna rolle.',
  },
  last_organiser: {
    nb: 'Arrangementet må ha minst én arrangør. Legg til en annen arrangør før du fjerner denne.',
    nn: 'Arrangementet må ha minst éin arrangør. Legg til ein annan arrangør før du fjernar denne.',
  },
  restore_not_possible: {
    nb: 'Avmeldingen kan ikke angres lenger. Samlingen har startet, eller deltakeren er erstattet.',
    nn: 'Avmeldinga kan ikkje angrast lenger. Samlinga har starta, eller deltakaren er erstatta.',
  },
  restore_after_deadline: {
    nb: 'Påmeldingsfristen er ute, så en avmelding fra før fristen kan bare angres av arrangøren. Skriv til {email}.',
    nn: 'Påmeldingsfristen er ute, så ei avmelding frå før fristen kan berre angrast av arrangøren. Skriv til {email}.',
  },
  restore_night_full: {
    nb: 'Avmeldingen kan ikke angres: hotellet er fullt natten {night}, og rommet er gitt til en annen. Meld deltakeren på uten overnatting i stedet.',
    nn: 'Avmeldinga kan ikkje angrast: hotellet er fullt natta {night}, og rommet er gitt til ein annan. Meld på deltakaren utan overnatting i staden.',
  },
  waiver_reason_missing: {
    nb: 'Skriv hvorfor kommunen ikke skal betale. Begrunnelsen vises i fakturagrunnlaget og i bekreftelsen til kommunen.',
    nn: 'Skriv kvifor kommunen ikkje skal betale. Grunngivinga blir vist i fakturagrunnlaget og i stadfestinga til kommunen.',
  },
  nothing_to_waive: {
    nb: 'Kommunen skal ikke betale noe for denne deltakeren, så det er ingenting å frafalle.',
    nn: 'Kommunen skal ikkje betale noko for denne deltakaren, så det er ingenting å fråfalle.',
  },
  time_not_on_clock: {
    nb: 'Klokkeslettet finnes ikke denne dagen: klokka stilles fram fra 02.00 til 03.00 når sommertiden begynner.',
    nn: 'Klokkeslettet finst ikkje denne dagen: klokka blir stilt fram frå 02.00 til 03.00 når sommartida byrjar.',
  },
  waitlist_not_full: {
    nb: 'Det er fortsatt ledig plass. Velg den i skjemaet i stedet for å stå på venteliste.',
    nn: 'Det er framleis ledig plass. Vel han i skjemaet i staden for å stå på venteliste.',
  },
  waitlist_already_has: {
    nb: 'Deltakeren har allerede denne plassen.',
    nn: 'Deltakaren har allereie denne plassen.',
  },
  waitlist_already_on: {
    nb: 'Deltakeren står allerede på denne ventelisten.',
    nn: 'Deltakaren står allereie på denne ventelista.',
  },
  waitlist_offer_gone: {
    nb: 'Tilbudet gjelder ikke lenger. Det kan være besvart, eller tiden for å svare er ute.',
    nn: 'Tilbodet gjeld ikkje lenger. Det kan vere svart på, eller tida for å svare er ute.',
  },
  checkin_not_open: {
    nb: 'Innsjekkingen er åpen fra påmeldingsfristen til samlingen er over.',
    nn: 'Innsjekkinga er open frå påmeldingsfristen til samlinga er over.',
  },
  not_attending_day: {
    nb: 'Deltakeren er ikke påmeldt denne dagen.',
    nn: 'Deltakaren er ikkje påmeld denne dagen.',
  },
  checkin_code_invalid: {
    nb: 'Koden hører ikke til en deltaker på denne samlingen. Søk etter navnet i stedet.',
    nn: 'Koden høyrer ikkje til ein deltakar på denne samlinga. Søk etter namnet i staden.',
  },
  survey_not_open: {
    nb: 'Undersøkelsen er ikke åpnet ennå.',
    nn: 'Undersøkinga er ikkje opna enno.',
  },
  survey_closed: {
    nb: 'Undersøkelsen er stengt. Svarene kan ikke endres lenger.',
    nn: 'Undersøkinga er stengd. Svara kan ikkje endrast lenger.',
  },
  survey_code_unknown: {
    nb: 'Vi fant ingen deltaker med denne koden og e-postadressen. Sjekk koden på lysbildet og e-postadressen du ble påmeldt med.',
    nn: 'Vi fann ingen deltakar med denne koden og e-postadressa. Sjekk koden på lysbiletet og e-postadressa du vart påmeld med.',
  },
  cafe_picking_closed: {
    nb: 'Valg av bord er ikke åpent nå.',
    nn: 'Val av bord er ikkje ope no.',
  },
  cafe_table_full: {
    nb: 'Bordet er fullt. Velg et annet bord.',
    nn: 'Bordet er fullt. Vel eit anna bord.',
  },
  cafe_seats_below_taken: {
    nb: '{count} har allerede plass ved bordet. Velg minst så mange plasser.',
    nn: '{count} har allereie plass ved bordet. Vel minst så mange plassar.',
  },
  survey_has_answers: {
    nb: 'Noen har allerede svart, så spørsmålene og svaralternativene kan ikke endres lenger.',
    nn: 'Nokon har allereie svart, så spørsmåla og svaralternativa kan ikkje endrast lenger.',
  },
  survey_without_questions: {
    nb: 'Legg til minst ett spørsmål med svaralternativer før du åpner undersøkelsen.',
    nn: 'Legg til minst eitt spørsmål med svaralternativ før du opnar undersøkinga.',
  },
  survey_closes_before_opening: {
    nb: 'Stengetidspunktet må være etter åpningstidspunktet.',
    nn: 'Stengjetidspunktet må vere etter opningstidspunktet.',
  },
  survey_code_taken: {
    nb: 'Koden er allerede i bruk i en annen undersøkelse. Velg en annen kode.',
    nn: 'Koden er allereie i bruk i ei anna undersøking. Vel ein annan kode.',
  },
  survey_rate_limited: {
    nb: 'Du har prøvd for mange ganger. Vent et kvarter og prøv igjen, eller bruk lenken i e-posten.',
    nn: 'Du har prøvd for mange gonger. Vent eit kvarter og prøv igjen, eller bruk lenka i e-posten.',
  },
  cafe_table_not_empty: {
    nb: '{count} sitter ved bordet. Flytt dem til et annet bord før du sletter det.',
    nn: '{count} sit ved bordet. Flytt dei til eit anna bord før du slettar det.',
  },
  cafe_no_answers: {
    nb: 'Ingen har svart på spørsmålet ennå, så det er ingen temaer å lage bord for.',
    nn: 'Ingen har svart på spørsmålet enno, så det er ingen tema å lage bord for.',
  },
  cafe_no_tables: {
    nb: 'Lag bordene før du fordeler deltakerne.',
    nn: 'Lag borda før du fordeler deltakarane.',
  },
  cafe_seats_out_of_range: {
    nb: 'Et bord må ha fra 1 til {max} plasser.',
    nn: 'Eit bord må ha frå 1 til {max} plassar.',
  },
  data_request_closed: {
    nb: 'Samlingen har startet. Ta kontakt med arrangøren direkte om opplysningene dine.',
    nn: 'Samlinga har starta. Ta kontakt med arrangøren direkte om opplysningane dine.',
  },
  survey_changed: {
    nb: 'Spørsmålet er endret mens du svarte. Last inn siden på nytt og svar igjen.',
    nn: 'Spørsmålet er endra medan du svarte. Last inn sida på nytt og svar igjen.',
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
    super(fill(messages[code].nb, params, 'nb'))
    this.name = 'DomainError'
  }

  messageIn(languageForm: LanguageForm): string {
    return fill(messages[this.code][languageForm], this.params, languageForm)
  }
}

function fill(template: string, params: Record<string, string | number>, languageForm: LanguageForm): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? inLanguage(String(params[name]), languageForm) : whole))
}
