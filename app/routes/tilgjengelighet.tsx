import { Heading, Link, Paragraph } from '@digdir/designsystemet-react'
import type { MetaFunction } from '@remix-run/node'

/**
 * Where feedback on accessibility goes. A placeholder: the app has no
 * organiser-wide address in its configuration (app/utils/env.server.ts), and
 * no real address belongs in the code (docs/decisions/052-privacy-notice-and-accessibility-statement.md).
 */
const ACCESSIBILITY_FEEDBACK_EMAIL = 'tilgjengelighet@example.no'

/**
 * The accessibility statement, in the parts the supervisory authority for
 * universal design of ICT (uutilsynet.no) asks for: what it covers, the
 * standard, the status, the known deviations, how it is tested, when it was
 * made and last checked, where to give feedback and where to complain. The
 * deviations follow the code: the camera scanner in
 * app/components/check-in-desk.tsx, the live results' refresh in
 * app/components/survey-chart.tsx, the badges' PDF in
 * app/services/badges.server.ts.
 */
export default function AccessibilityStatement() {
  return (
    <article className="stack-lg">
      <div className="stack">
        <Heading level={1} data-size="xl">
          Tilgjengelighetserklæring
        </Heading>
        <Paragraph>
          Klimasamling skal kunne brukes av alle. Offentlige virksomheter skal følge forskrift om universell utforming av informasjons- og
          kommunikasjonsteknologiske (IKT) løsninger, som i Norge krever at nettløsninger følger WCAG 2.1 på nivå AA.
        </Paragraph>
      </div>

      <section aria-labelledby="omfang-tittel" className="stack">
        <Heading level={2} data-size="md" id="omfang-tittel">
          Hva erklæringen gjelder
        </Heading>
        <Paragraph>
          Erklæringen gjelder hele nettløsningen Klimasamling: de offentlige sidene om samlingene, påmeldingen for kommunene, sidene for deltakerne,
          spørreundersøkelsene og verdenskafeen, innloggingen og sidene for arrangørene, også innsjekkingen ved ankomst.
        </Paragraph>
      </section>

      <section aria-labelledby="status-tittel" className="stack">
        <Heading level={2} data-size="md" id="status-tittel">
          Status
        </Heading>
        <Paragraph>
          Løsningen oppfyller delvis kravene i WCAG 2.1 på nivå AA. Vi kjenner til avvikene som står nedenfor. For hvert av dem finnes det en annen måte å gjøre
          det samme på.
        </Paragraph>
      </section>

      <section aria-labelledby="avvik-tittel" className="stack">
        <Heading level={2} data-size="md" id="avvik-tittel">
          Kjente avvik
        </Heading>
        <ul>
          <li>
            <strong>Navneskilt som PDF.</strong> Navneskiltene er en PDF-fil laget for utskrift. Filen har tittel og språk, men er ikke en tagget PDF, så en
            skjermleser kan ikke lese strukturen i den (WCAG 1.3.1). Opplysningene på navneskiltene finnes også på sidene for arrangørene.
          </li>
          <li>
            <strong>Resultatene av spørreundersøkelser oppdateres av seg selv.</strong> Siden med resultater og visningen for prosjektor henter nye svar hvert
            fjerde sekund, og det finnes ingen knapp for å stoppe oppdateringen (WCAG 2.2.2). Uten JavaScript oppdateres sidene bare når du ber om det.
            Diagrammene har en tekstbeskrivelse, og tallene står også i en tabell.
          </li>
          <li>
            <strong>QR-skanning ved innsjekking.</strong> Skanning av QR-koden på navneskiltet krever kamera. Verten kan i stedet skrive inn koden eller søke
            etter deltakeren på navn.
          </li>
        </ul>
      </section>

      <section aria-labelledby="slik-tittel" className="stack">
        <Heading level={2} data-size="md" id="slik-tittel">
          Slik har vi gjort det, og slik tester vi
        </Heading>
        <ul>
          <li>Sidene bruker Designsystemet, det felles designsystemet for offentlig sektor.</li>
          <li>Alle sider kan brukes med tastatur alene, og det er en lenke øverst for å hoppe rett til hovedinnholdet.</li>
          <li>Skjemaer virker uten JavaScript, og feil vises ved feltet og i en oppsummering øverst.</li>
          <li>
            De automatiske testene åpner sidene i en nettleser og sjekker hver side de besøker, med axe for brudd på WCAG. De prøver også sidene med tastatur og
            uten JavaScript.
          </li>
          <li>Vi går gjennom sidene for hånd når vi lager nye deler av løsningen.</li>
        </ul>
      </section>

      <section aria-labelledby="dato-tittel" className="stack">
        <Heading level={2} data-size="md" id="dato-tittel">
          Når erklæringen ble laget
        </Heading>
        <Paragraph>Erklæringen ble laget 23. november 2026.</Paragraph>
        <Paragraph>Sist kontrollert: 2. desember 2026.</Paragraph>
      </section>

      <section aria-labelledby="tilbakemelding-tittel" className="stack">
        <Heading level={2} data-size="md" id="tilbakemelding-tittel">
          Tilbakemelding og kontakt
        </Heading>
        <Paragraph>
          Finner du noe som ikke virker for deg, eller trenger du innholdet i en annen form, vil vi gjerne høre om det. Skriv til{' '}
          <Link href={`mailto:${ACCESSIBILITY_FEEDBACK_EMAIL}`}>{ACCESSIBILITY_FEEDBACK_EMAIL}</Link>, eller kontakt arrangøren av samlingen du skal delta på.
          Kontaktopplysningene står på siden for samlingen.
        </Paragraph>
      </section>

      <section aria-labelledby="klage-tittel" className="stack">
        <Heading level={2} data-size="md" id="klage-tittel">
          Klage
        </Heading>
        <Paragraph>
          Får du ikke svar, eller er du ikke fornøyd med svaret, kan du melde fra til Tilsynet for universell utforming av ikt på{' '}
          <Link href="https://www.uutilsynet.no/" rel="external">
            uutilsynet.no
          </Link>
          .
        </Paragraph>
      </section>
    </article>
  )
}

export const meta: MetaFunction = () => [{ title: 'Tilgjengelighetserklæring – Klimasamling' }]
