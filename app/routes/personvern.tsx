import { RETENTION_DAYS_DEFAULT } from '~/domain/limits'
import { Heading, Link, Paragraph, Table } from '@digdir/designsystemet-react'
import type { MetaFunction } from '@remix-run/node'
import { Link as RemixLink } from '@remix-run/react'
import type { ReactNode } from 'react'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { texts } from '~/domain/language'

/** The notice's sections, in order: the table of contents is built from them. */
const SECTION_IDS = ['ansvarlig', 'opplysninger', 'formal', 'lagringstid', 'mottakere', 'rettigheter', 'kontakt'] as const

type SectionId = (typeof SECTION_IDS)[number]

const text = texts({
  nb: {
    heading: 'Personvernerklæring',
    intro:
      'Klimasamling er påmeldingsløsningen for klimasamlingene som Miljødirektoratet holder for kommunene. Her forteller vi hvilke personopplysninger vi lagrer når du blir meldt på en samling, er kontaktperson for en kommune eller logger inn, hvorfor vi gjør det, hvem som ser opplysningene, og hvilke rettigheter du har.',
    contents: 'Innhold',
    sections: {
      ansvarlig: 'Hvem som er ansvarlig',
      opplysninger: 'Hvilke opplysninger vi lagrer',
      formal: 'Hvorfor vi behandler opplysningene',
      lagringstid: 'Hvor lenge vi lagrer opplysningene',
      mottakere: 'Hvem som får se opplysningene',
      rettigheter: 'Dine rettigheter',
      kontakt: 'Kontakt',
    },
    controller: [
      'Miljødirektoratet er behandlingsansvarlig for personopplysningene i Klimasamling. Hver samling holdes sammen med statsforvalteren i fylket, og ofte også med fylkeskommunen, KS, DFØ og andre. De som er medarrangører av en samling, behandler opplysningene om den samlingen på vegne av og sammen med Miljødirektoratet.',
      'Hvem som er arrangør og kontaktperson for en samling, og hvordan du når dem, står på siden for samlingen.',
    ],
    aboutParticipants: 'Vi lagrer bare det som trengs for å holde samlingen. Om deg som deltaker lagrer vi:',
    participantData: [
      'navn, e-postadresse, telefonnummer (hvis du oppgir det), stillingstittel, rolle i kommunen og fagområder',
      'hvilke dager du er med, hvilke hotellnetter du skal ha, om du spiser middag, og hvorfor du trenger en ekstra natt hvis du reiser langt',
      'kosthold, allergier og behov for tilrettelegging, hvis du oppgir dem',
      'ønsker om tema og sesjoner, hvilke sesjoner du er med på, og om du står på venteliste',
      'om plassen din dekkes av arrangøren eller betales av kommunen',
      'oppmøte: når du ble registrert ved ankomst, og om du var med på webinarene',
      'svarene dine på spørreundersøkelser på samlingen, og hvilket bord du har valgt i verdenskafeen',
    ],
    healthData:
      'Kosthold, allergier og behov for tilrettelegging kan være helseopplysninger. Det er frivillig å oppgi dem. Bare arrangørene av samlingen og kontaktpersonen i din kommune ser dem, og de tas bare med i romlista til hotellet og kostholdslista til kjøkkenet.',
    aboutContacts:
      'Om deg som er kontaktperson for en kommune, lagrer vi navn, e-postadresse, telefonnummer og stillingstittel, og hvilken kommune du er kontaktperson for.',
    aboutEveryone: 'For alle som bruker løsningen, lagrer vi i tillegg:',
    everyoneData: [
      'innloggingen: e-postadressen du logger inn med, engangslenker og koder (de virker i 15 minutter), og økten din (den slutter etter 8 timer uten bruk og senest etter 7 dager)',
      'adressen maskinen din bruker på nettet (IP-adressen), i noen timer, for å stoppe misbruk av innloggingen',
      'en endringslogg over hvem som har gjort hva og når, for eksempel hvem som meldte på eller avmeldte en deltaker',
      'e-postene løsningen har sendt: hvem de gikk til, innholdet og om de kom fram',
    ],
    purposes: [
      'Vi bruker opplysningene for å planlegge og holde samlingen: for å melde på deltakere, bestille hotellrom og mat, fordele plasser i sesjonene, sende informasjon til deltakerne og kommunene, registrere oppmøte og beregne hva kommunene skal betale.',
      'Det rettslige grunnlaget er at samlingene er en del av Miljødirektoratets og statsforvalterens offentlige oppgave med å veilede kommunene i klimaarbeidet, jf. personvernforordningen artikkel 6 nr. 1 bokstav e.',
      'Kosthold, allergier og behov for tilrettelegging oppgir du bare hvis du selv vil, for at hotellet og kjøkkenet skal kunne ta hensyn til deg. Grunnlaget for disse opplysningene er ditt samtykke, jf. personvernforordningen artikkel 6 nr. 1 bokstav a og artikkel 9 nr. 2 bokstav a. Du kan når som helst trekke samtykket ved å be kontaktpersonen i kommunen din eller arrangøren om å slette opplysningene.',
    ],
    storageCaption: 'Hvor lenge opplysningene lagres',
    storageData: 'Opplysninger',
    storageUntil: 'Lagres til',
    storage: {
      healthData: {
        what: 'Kosthold, allergier og behov for tilrettelegging',
        until: 'Samlingen er slutt. Da slettes de, også fra endringsloggen.',
      },
      otherData: {
        what: 'Øvrige opplysninger om deltakerne og samlingen',
        until: `Et fast antall dager etter samlingen. Da anonymiseres de. Antallet settes for hver samling og står på siden for samlingen. Vanligvis er det ${RETENTION_DAYS_DEFAULT} dager.`,
      },
      loginLinks: {
        what: 'Engangslenker og koder for innlogging',
        until: 'Et døgn etter at de sluttet å virke.',
      },
      sessions: {
        what: 'Innloggingsøkter',
        until: 'Til du logger ut, etter 8 timer uten bruk, og senest etter 7 dager.',
      },
    },
    kept: 'Antall deltakere og hva kommunene skal betale, beholdes uten navn etter anonymiseringen, slik at vi kan føre regnskap og lage statistikk.',
    recipients: [
      'Arrangørene av samlingen ser alt om deltakerne på samlingen, også kosthold, allergier og behov for tilrettelegging.',
      'Medarrangører og andre som har lesetilgang til samlingen, ser oversikten og kan laste ned de samme listene som arrangørene, også romlista og kostholdslista.',
      'Verter som tar imot deltakerne ved ankomst, ser bare navn, kommune, dager og oppmøte, ikke kosthold, allergier eller tilrettelegging.',
      'Kontaktpersonen i kommunen din ser og kan endre påmeldingen din, og får kopi av e-post om den.',
      'Hotellet får romlista: navn, kommune, ankomst, avreise, og kosthold, allergier og behov for tilrettelegging.',
      'Kjøkkenet får kostholdslista: navn, kommune, dager, middag, kosthold, allergier og behov for tilrettelegging.',
    ],
    transfers:
      'E-post sendes gjennom den e-posttjenesten arrangøren har satt opp. Vi overfører ikke personopplysninger til land utenfor EU/EØS. Vi selger aldri opplysninger og bruker dem ikke til markedsføring.',
    rightsIntro: 'Etter personvernforordningen har du rett til',
    rights: [
      'innsyn i hvilke opplysninger vi har om deg',
      'å få rettet opplysninger som er feil',
      'å få slettet opplysninger, når vi ikke lenger trenger dem eller du trekker et samtykke',
      'å be om at behandlingen begrenses, for eksempel mens vi undersøker om opplysninger er riktige',
      'å protestere mot behandlingen, ut fra din særlige situasjon',
    ],
    myDataBefore: 'Når du er logget inn, kan du se og laste ned det vi har lagret om deg under ',
    myData: 'Mine data',
    myDataAfter: '. Der kan du også be arrangøren om å rette eller slette opplysninger. Påmeldingen din kan også endres av kontaktpersonen i kommunen din.',
    complainBefore: 'Vi svarer så snart vi kan, og senest innen en måned. Mener du at vi behandler personopplysninger i strid med reglene, kan du klage til ',
    contact: [
      'Spørsmål om en samling og om opplysningene om deg sender du til arrangøren av samlingen. Kontaktopplysningene står på siden for samlingen og i e-postene du får fra Klimasamling: svarer du på en av dem, kommer svaret til arrangøren.',
      'Miljødirektoratet har et personvernombud. Du kan kontakte personvernombudet gjennom direktoratets postmottak.',
    ],
    title: 'Personvernerklæring – Klimasamling',
  },
  nn: {
    heading: 'Personvernerklæring',
    intro:
      'Klimasamling er påmeldingsløysinga for klimasamlingane som Miljødirektoratet held for kommunane. Her fortel vi kva personopplysningar vi lagrar når du blir meld på ei samling, er kontaktperson for ein kommune eller loggar inn, kvifor vi gjer det, kven som ser opplysningane, og kva rettar du har.',
    contents: 'Innhald',
    sections: {
      ansvarlig: 'Kven som er ansvarleg',
      opplysninger: 'Kva opplysningar vi lagrar',
      formal: 'Kvifor vi behandlar opplysningane',
      lagringstid: 'Kor lenge vi lagrar opplysningane',
      mottakere: 'Kven som får sjå opplysningane',
      rettigheter: 'Rettane dine',
      kontakt: 'Kontakt',
    },
    controller: [
      'Miljødirektoratet er behandlingsansvarleg for personopplysningane i Klimasamling. Kvar samling blir halden saman med statsforvaltaren i fylket, og ofte òg med fylkeskommunen, KS, DFØ og andre. Dei som er medarrangørar av ei samling, behandlar opplysningane om den samlinga på vegner av og saman med Miljødirektoratet.',
      'Kven som er arrangør og kontaktperson for ei samling, og korleis du når dei, står på sida for samlinga.',
    ],
    aboutParticipants: 'Vi lagrar berre det som trengst for å halde samlinga. Om deg som deltakar lagrar vi:',
    participantData: [
      'namn, e-postadresse, telefonnummer (viss du oppgir det), stillingstittel, rolle i kommunen og fagområde',
      'kva dagar du er med, kva hotellnetter du skal ha, om du et middag, og kvifor du treng ei ekstra natt viss du reiser langt',
      'kosthald, allergiar og behov for tilrettelegging, viss du oppgir dei',
      'ønske om tema og sesjonar, kva sesjonar du er med på, og om du står på venteliste',
      'om plassen din blir dekt av arrangøren eller betalt av kommunen',
      'oppmøte: når du vart registrert ved ankomst, og om du var med på webinara',
      'svara dine på spørjeundersøkingar på samlinga, og kva bord du har valt i verdskafeen',
    ],
    healthData:
      'Kosthald, allergiar og behov for tilrettelegging kan vere helseopplysningar. Det er frivillig å oppgi dei. Berre arrangørane av samlinga og kontaktpersonen i kommunen din ser dei, og dei blir berre tekne med i romlista til hotellet og kosthaldslista til kjøkenet.',
    aboutContacts:
      'Om deg som er kontaktperson for ein kommune, lagrar vi namn, e-postadresse, telefonnummer og stillingstittel, og kva kommune du er kontaktperson for.',
    aboutEveryone: 'For alle som bruker løysinga, lagrar vi i tillegg:',
    everyoneData: [
      'innlogginga: e-postadressa du loggar inn med, eingongslenker og kodar (dei verkar i 15 minutt), og økta di (ho sluttar etter 8 timar utan bruk og seinast etter 7 dagar)',
      'adressa maskina di bruker på nettet (IP-adressa), i nokre timar, for å stoppe misbruk av innlogginga',
      'ein endringslogg over kven som har gjort kva og når, til dømes kven som melde på eller melde av ein deltakar',
      'e-postane løysinga har sendt: kven dei gjekk til, innhaldet og om dei kom fram',
    ],
    purposes: [
      'Vi bruker opplysningane for å planleggje og halde samlinga: for å melde på deltakarar, bestille hotellrom og mat, fordele plassar i sesjonane, sende informasjon til deltakarane og kommunane, registrere oppmøte og rekne ut kva kommunane skal betale.',
      'Det rettslege grunnlaget er at samlingane er ein del av den offentlege oppgåva Miljødirektoratet og statsforvaltaren har med å rettleie kommunane i klimaarbeidet, jf. personvernforordninga artikkel 6 nr. 1 bokstav e.',
      'Kosthald, allergiar og behov for tilrettelegging oppgir du berre viss du sjølv vil, for at hotellet og kjøkenet skal kunne ta omsyn til deg. Grunnlaget for desse opplysningane er samtykket ditt, jf. personvernforordninga artikkel 6 nr. 1 bokstav a og artikkel 9 nr. 2 bokstav a. Du kan når som helst trekkje samtykket ved å be kontaktpersonen i kommunen din eller arrangøren om å slette opplysningane.',
    ],
    storageCaption: 'Kor lenge opplysningane blir lagra',
    storageData: 'Opplysningar',
    storageUntil: 'Blir lagra til',
    storage: {
      healthData: {
        what: 'Kosthald, allergiar og behov for tilrettelegging',
        until: 'Samlinga er slutt. Då blir dei sletta, òg frå endringsloggen.',
      },
      otherData: {
        what: 'Andre opplysningar om deltakarane og samlinga',
        until: `Eit fast tal dagar etter samlinga. Då blir dei anonymiserte. Talet blir sett for kvar samling og står på sida for samlinga. Vanlegvis er det ${RETENTION_DAYS_DEFAULT} dagar.`,
      },
      loginLinks: {
        what: 'Eingongslenker og kodar for innlogging',
        until: 'Eit døgn etter at dei slutta å verke.',
      },
      sessions: {
        what: 'Innloggingsøkter',
        until: 'Til du loggar ut, etter 8 timar utan bruk, og seinast etter 7 dagar.',
      },
    },
    kept: 'Talet på deltakarar og kva kommunane skal betale, blir teke vare på utan namn etter anonymiseringa, slik at vi kan føre rekneskap og lage statistikk.',
    recipients: [
      'Arrangørane av samlinga ser alt om deltakarane på samlinga, òg kosthald, allergiar og behov for tilrettelegging.',
      'Medarrangørar og andre som har lesetilgang til samlinga, ser oversikta og kan laste ned dei same listene som arrangørane, òg romlista og kosthaldslista.',
      'Vertar som tek imot deltakarane ved ankomst, ser berre namn, kommune, dagar og oppmøte, ikkje kosthald, allergiar eller tilrettelegging.',
      'Kontaktpersonen i kommunen din ser og kan endre påmeldinga di, og får kopi av e-post om ho.',
      'Hotellet får romlista: namn, kommune, ankomst, avreise, og kosthald, allergiar og behov for tilrettelegging.',
      'Kjøkenet får kosthaldslista: namn, kommune, dagar, middag, kosthald, allergiar og behov for tilrettelegging.',
    ],
    transfers:
      'E-post blir send gjennom den e-posttenesta arrangøren har sett opp. Vi overfører ikkje personopplysningar til land utanfor EU/EØS. Vi sel aldri opplysningar og bruker dei ikkje til marknadsføring.',
    rightsIntro: 'Etter personvernforordninga har du rett til',
    rights: [
      'innsyn i kva opplysningar vi har om deg',
      'å få retta opplysningar som er feil',
      'å få sletta opplysningar når vi ikkje lenger treng dei, eller når du trekkjer eit samtykke',
      'å be om at behandlinga blir avgrensa, til dømes medan vi undersøkjer om opplysningar er rette',
      'å protestere mot behandlinga, ut frå den særlege situasjonen din',
    ],
    myDataBefore: 'Når du er logga inn, kan du sjå og laste ned det vi har lagra om deg under ',
    myData: 'Mine data',
    myDataAfter: '. Der kan du òg be arrangøren om å rette eller slette opplysningar. Påmeldinga di kan òg endrast av kontaktpersonen i kommunen din.',
    complainBefore:
      'Vi svarar så snart vi kan, og seinast innan ein månad. Meiner du at vi behandlar personopplysningar i strid med reglane, kan du klage til ',
    contact: [
      'Spørsmål om ei samling og om opplysningane om deg sender du til arrangøren av samlinga. Kontaktopplysningane står på sida for samlinga og i e-postane du får frå Klimasamling: svarar du på ein av dei, kjem svaret til arrangøren.',
      'Miljødirektoratet har eit personvernombod. Du kan kontakte personvernombodet gjennom postmottaket til direktoratet.',
    ],
    title: 'Personvernerklæring – Klimasamling',
  },
})

function Section({ id, title, children }: { id: SectionId; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-tittel`} className="stack">
      <Heading level={2} data-size="md" id={`${id}-tittel`}>
        {title}
      </Heading>
      {children}
    </section>
  )
}

/** The items of a list of texts (keyed by the text, which is unique within each list). */
const items = (list: readonly string[]) => list.map((item) => <li key={item}>{item}</li>)
const paragraphs = (list: readonly string[]) => list.map((p) => <Paragraph key={p}>{p}</Paragraph>)

/**
 * The privacy notice (personvernerklæring). What it says about storage,
 * access and deletion follows the code: health data is deleted by
 * app/services/health-data.server.ts when the event has ended, the exports
 * that carry it are in app/services/exports.server.ts, the desk's view is the
 * 'checkin.read' action in app/domain/permissions.ts, login sessions and
 * links follow app/domain/limits.ts.
 */
export default function PrivacyNotice() {
  const t = useTexts(text)
  return (
    <article className="stack-lg">
      <div className="stack">
        <Heading level={1} data-size="xl">
          {t.heading}
        </Heading>
        <Paragraph>{t.intro}</Paragraph>
      </div>

      <nav aria-labelledby="innhold-tittel" className="stack">
        <Heading level={2} data-size="sm" id="innhold-tittel">
          {t.contents}
        </Heading>
        <ol>
          {SECTION_IDS.map((id) => (
            <li key={id}>
              <Link href={`#${id}-tittel`}>{t.sections[id]}</Link>
            </li>
          ))}
        </ol>
      </nav>

      <Section id="ansvarlig" title={t.sections.ansvarlig}>
        {paragraphs(t.controller)}
      </Section>

      <Section id="opplysninger" title={t.sections.opplysninger}>
        <Paragraph>{t.aboutParticipants}</Paragraph>
        <ul>{items(t.participantData)}</ul>
        <Paragraph>{t.healthData}</Paragraph>
        <Paragraph>{t.aboutContacts}</Paragraph>
        <Paragraph>{t.aboutEveryone}</Paragraph>
        <ul>{items(t.everyoneData)}</ul>
      </Section>

      <Section id="formal" title={t.sections.formal}>
        {paragraphs(t.purposes)}
      </Section>

      <Section id="lagringstid" title={t.sections.lagringstid}>
        <Table>
          <caption>{t.storageCaption}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t.storageData}</Table.HeaderCell>
              <Table.HeaderCell>{t.storageUntil}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {Object.values(t.storage).map(({ what, until }) => (
              <Table.Row key={what}>
                <Table.Cell>{what}</Table.Cell>
                <Table.Cell>{until}</Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
        <Paragraph>{t.kept}</Paragraph>
      </Section>

      <Section id="mottakere" title={t.sections.mottakere}>
        <ul>{items(t.recipients)}</ul>
        <Paragraph>{t.transfers}</Paragraph>
      </Section>

      <Section id="rettigheter" title={t.sections.rettigheter}>
        <Paragraph>{t.rightsIntro}</Paragraph>
        <ul>{items(t.rights)}</ul>
        <Paragraph>
          {t.myDataBefore}
          <Link asChild>
            <RemixLink to="/min-side/mine-data">{t.myData}</RemixLink>
          </Link>
          {t.myDataAfter}
        </Paragraph>
        <Paragraph>
          {t.complainBefore}
          <Link href="https://www.datatilsynet.no/" rel="external">
            Datatilsynet
          </Link>
          .
        </Paragraph>
      </Section>

      <Section id="kontakt" title={t.sections.kontakt}>
        {paragraphs(t.contact)}
      </Section>
    </article>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: text[languageFormOfMatches(matches)].title }]
