import { Heading, Link, Paragraph, Table } from '@digdir/designsystemet-react'
import type { MetaFunction } from '@remix-run/node'
import { Link as RemixLink } from '@remix-run/react'
import type { ReactNode } from 'react'

/** The notice's sections, in order: the table of contents is built from them. */
const SECTIONS = [
  { id: 'ansvarlig', title: 'Hvem som er ansvarlig' },
  { id: 'opplysninger', title: 'Hvilke opplysninger vi lagrer' },
  { id: 'formal', title: 'Hvorfor vi behandler opplysningene' },
  { id: 'lagringstid', title: 'Hvor lenge vi lagrer opplysningene' },
  { id: 'mottakere', title: 'Hvem som får se opplysningene' },
  { id: 'rettigheter', title: 'Dine rettigheter' },
  { id: 'kontakt', title: 'Kontakt' },
] as const

type SectionId = (typeof SECTIONS)[number]['id']

function Section({ id, children }: { id: SectionId; children: ReactNode }) {
  const title = SECTIONS.find((s) => s.id === id)?.title
  return (
    <section aria-labelledby={`${id}-tittel`} className="stack">
      <Heading level={2} data-size="md" id={`${id}-tittel`}>
        {title}
      </Heading>
      {children}
    </section>
  )
}

/**
 * The privacy notice (personvernerklæring). What it says about storage,
 * access and deletion follows the code: health data is deleted by
 * app/services/health-data.server.ts when the event has ended, the exports
 * that carry it are in app/services/exports.server.ts, the desk's view is the
 * 'checkin.read' action in app/domain/permissions.ts, login sessions and
 * links follow app/domain/limits.ts.
 */
export default function PrivacyNotice() {
  return (
    <article className="stack-lg">
      <div className="stack">
        <Heading level={1} data-size="xl">
          Personvernerklæring
        </Heading>
        <Paragraph>
          Klimasamling er påmeldingsløsningen for klimasamlingene som Miljødirektoratet holder for kommunene. Her forteller vi hvilke personopplysninger vi
          lagrer når du blir meldt på en samling, er kontaktperson for en kommune eller logger inn, hvorfor vi gjør det, hvem som ser opplysningene, og hvilke
          rettigheter du har.
        </Paragraph>
      </div>

      <nav aria-labelledby="innhold-tittel" className="stack">
        <Heading level={2} data-size="sm" id="innhold-tittel">
          Innhold
        </Heading>
        <ol>
          {SECTIONS.map((s) => (
            <li key={s.id}>
              <Link href={`#${s.id}-tittel`}>{s.title}</Link>
            </li>
          ))}
        </ol>
      </nav>

      <Section id="ansvarlig">
        <Paragraph>
          Miljødirektoratet er behandlingsansvarlig for personopplysningene i Klimasamling. Hver samling holdes sammen med statsforvalteren i fylket, og ofte
          også med fylkeskommunen, KS, DFØ og andre. De som er medarrangører av en samling, behandler opplysningene om den samlingen på vegne av og sammen med
          Miljødirektoratet.
        </Paragraph>
        <Paragraph>Hvem som er arrangør og kontaktperson for en samling, og hvordan du når dem, står på siden for samlingen.</Paragraph>
      </Section>

      <Section id="opplysninger">
        <Paragraph>Vi lagrer bare det som trengs for å holde samlingen. Om deg som deltaker lagrer vi:</Paragraph>
        <ul>
          <li>navn, e-postadresse, telefonnummer (hvis du oppgir det), stillingstittel, rolle i kommunen og fagområder</li>
          <li>hvilke dager du er med, hvilke hotellnetter du skal ha, om du spiser middag, og hvorfor du trenger en ekstra natt hvis du reiser langt</li>
          <li>kosthold, allergier og behov for tilrettelegging, hvis du oppgir dem</li>
          <li>ønsker om tema og sesjoner, hvilke sesjoner du er med på, og om du står på venteliste</li>
          <li>om plassen din dekkes av arrangøren eller betales av kommunen</li>
          <li>oppmøte: når du ble registrert ved ankomst, og om du var med på webinarene</li>
          <li>svarene dine på spørreundersøkelser på samlingen, og hvilket bord du har valgt i verdenskafeen</li>
        </ul>
        <Paragraph>
          Kosthold, allergier og behov for tilrettelegging kan være helseopplysninger. Det er frivillig å oppgi dem. Bare arrangørene av samlingen og
          kontaktpersonen i din kommune ser dem, og de tas bare med i romlista til hotellet og kostholdslista til kjøkkenet.
        </Paragraph>
        <Paragraph>
          Om deg som er kontaktperson for en kommune, lagrer vi navn, e-postadresse, telefonnummer og stillingstittel, og hvilken kommune du er kontaktperson
          for.
        </Paragraph>
        <Paragraph>For alle som bruker løsningen, lagrer vi i tillegg:</Paragraph>
        <ul>
          <li>
            innloggingen: e-postadressen du logger inn med, engangslenker og koder (de virker i 15 minutter), og økten din (den slutter etter 8 timer uten bruk
            og senest etter 7 dager)
          </li>
          <li>adressen maskinen din bruker på nettet (IP-adressen), i noen timer, for å stoppe misbruk av innloggingen</li>
          <li>en endringslogg over hvem som har gjort hva og når, for eksempel hvem som meldte på eller avmeldte en deltaker</li>
          <li>e-postene løsningen har sendt: hvem de gikk til, innholdet og om de kom fram</li>
        </ul>
      </Section>

      <Section id="formal">
        <Paragraph>
          Vi bruker opplysningene for å planlegge og holde samlingen: for å melde på deltakere, bestille hotellrom og mat, fordele plasser i sesjonene, sende
          informasjon til deltakerne og kommunene, registrere oppmøte og beregne hva kommunene skal betale.
        </Paragraph>
        <Paragraph>
          Det rettslige grunnlaget er at samlingene er en del av Miljødirektoratets og statsforvalterens offentlige oppgave med å veilede kommunene i
          klimaarbeidet, jf. personvernforordningen artikkel 6 nr. 1 bokstav e.
        </Paragraph>
        <Paragraph>
          Kosthold, allergier og behov for tilrettelegging oppgir du bare hvis du selv vil, for at hotellet og kjøkkenet skal kunne ta hensyn til deg.
          Grunnlaget for disse opplysningene er ditt samtykke, jf. personvernforordningen artikkel 6 nr. 1 bokstav a og artikkel 9 nr. 2 bokstav a. Du kan når
          som helst trekke samtykket ved å be kontaktpersonen i kommunen din eller arrangøren om å slette opplysningene.
        </Paragraph>
      </Section>

      <Section id="lagringstid">
        <Table>
          <caption>Hvor lenge opplysningene lagres</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>Opplysninger</Table.HeaderCell>
              <Table.HeaderCell>Lagres til</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            <Table.Row>
              <Table.Cell>Kosthold, allergier og behov for tilrettelegging</Table.Cell>
              <Table.Cell>Samlingen er slutt. Da slettes de, også fra endringsloggen.</Table.Cell>
            </Table.Row>
            <Table.Row>
              <Table.Cell>Øvrige opplysninger om deltakerne og samlingen</Table.Cell>
              <Table.Cell>
                Et fast antall dager etter samlingen. Da anonymiseres de. Antallet settes for hver samling og står på siden for samlingen. Vanligvis er det 90
                dager.
              </Table.Cell>
            </Table.Row>
            <Table.Row>
              <Table.Cell>Engangslenker og koder for innlogging</Table.Cell>
              <Table.Cell>Et døgn etter at de sluttet å virke.</Table.Cell>
            </Table.Row>
            <Table.Row>
              <Table.Cell>Innloggingsøkter</Table.Cell>
              <Table.Cell>Til du logger ut, etter 8 timer uten bruk, og senest etter 7 dager.</Table.Cell>
            </Table.Row>
          </Table.Body>
        </Table>
        <Paragraph>
          Antall deltakere og hva kommunene skal betale, beholdes uten navn etter anonymiseringen, slik at vi kan føre regnskap og lage statistikk.
        </Paragraph>
      </Section>

      <Section id="mottakere">
        <ul>
          <li>Arrangørene av samlingen ser alt om deltakerne på samlingen, også kosthold, allergier og behov for tilrettelegging.</li>
          <li>
            Medarrangører og andre som har lesetilgang til samlingen, ser oversikten og kan laste ned de samme listene som arrangørene, også romlista og
            kostholdslista.
          </li>
          <li>Verter som tar imot deltakerne ved ankomst, ser bare navn, kommune, dager og oppmøte, ikke kosthold, allergier eller tilrettelegging.</li>
          <li>Kontaktpersonen i kommunen din ser og kan endre påmeldingen din, og får kopi av e-post om den.</li>
          <li>Hotellet får romlista: navn, kommune, ankomst, avreise, og kosthold, allergier og behov for tilrettelegging.</li>
          <li>Kjøkkenet får kostholdslista: navn, kommune, dager, middag, kosthold, allergier og behov for tilrettelegging.</li>
        </ul>
        <Paragraph>
          E-post sendes gjennom den e-posttjenesten arrangøren har satt opp. Vi overfører ikke personopplysninger til land utenfor EU/EØS. Vi selger aldri
          opplysninger og bruker dem ikke til markedsføring.
        </Paragraph>
      </Section>

      <Section id="rettigheter">
        <Paragraph>Etter personvernforordningen har du rett til</Paragraph>
        <ul>
          <li>innsyn i hvilke opplysninger vi har om deg</li>
          <li>å få rettet opplysninger som er feil</li>
          <li>å få slettet opplysninger, når vi ikke lenger trenger dem eller du trekker et samtykke</li>
          <li>å be om at behandlingen begrenses, for eksempel mens vi undersøker om opplysninger er riktige</li>
          <li>å protestere mot behandlingen, ut fra din særlige situasjon</li>
        </ul>
        <Paragraph>
          Når du er logget inn, kan du se og laste ned det vi har lagret om deg under{' '}
          <Link asChild>
            <RemixLink to="/min-side/mine-data">Mine data</RemixLink>
          </Link>
          . Der kan du også be arrangøren om å rette eller slette opplysninger. Påmeldingen din kan også endres av kontaktpersonen i kommunen din.
        </Paragraph>
        <Paragraph>
          Vi svarer så snart vi kan, og senest innen en måned. Mener du at vi behandler personopplysninger i strid med reglene, kan du klage til{' '}
          <Link href="https://www.datatilsynet.no/" rel="external">
            Datatilsynet
          </Link>
          .
        </Paragraph>
      </Section>

      <Section id="kontakt">
        <Paragraph>
          Spørsmål om en samling og om opplysningene om deg sender du til arrangøren av samlingen. Kontaktopplysningene står på siden for samlingen og i
          e-postene du får fra Klimasamling: svarer du på en av dem, kommer svaret til arrangøren.
        </Paragraph>
        <Paragraph>Miljødirektoratet har et personvernombud. Du kan kontakte personvernombudet gjennom direktoratets postmottak.</Paragraph>
      </Section>
    </article>
  )
}

export const meta: MetaFunction = () => [{ title: 'Personvernerklæring – Klimasamling' }]
