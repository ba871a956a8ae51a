import { Heading, Link, Paragraph } from '@digdir/designsystemet-react'
import type { MetaFunction } from '@remix-run/node'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { texts } from '~/domain/language'

/**
 * Where feedback on accessibility goes. A placeholder: the app has no
 * organiser-wide address in its configuration (app/utils/env.server.ts), and
 * no real address belongs in the code (docs/decisions/052-privacy-notice-and-accessibility-statement.md).
 */
const ACCESSIBILITY_FEEDBACK_EMAIL = 'tilgjengelighet@example.no'

const text = texts({
  nb: {
    heading: 'Tilgjengelighetserklæring',
    intro:
      'Klimasamling skal kunne brukes av alle. Offentlige virksomheter skal følge forskrift om universell utforming av informasjons- og kommunikasjonsteknologiske (IKT) løsninger, som i Norge krever at nettløsninger følger WCAG 2.1 på nivå AA.',
    scope: 'Hva erklæringen gjelder',
    scopeText:
      'Erklæringen gjelder hele nettløsningen Klimasamling: de offentlige sidene om samlingene, påmeldingen for kommunene, sidene for deltakerne, spørreundersøkelsene og verdenskafeen, innloggingen og sidene for arrangørene, også innsjekkingen ved ankomst.',
    status: 'Status',
    statusText:
      'Løsningen oppfyller delvis kravene i WCAG 2.1 på nivå AA. Vi kjenner til avvikene som står nedenfor. For hvert av dem finnes det en annen måte å gjøre det samme på.',
    deviations: 'Kjente avvik',
    deviationList: {
      badges: {
        title: 'Navneskilt som PDF.',
        text: 'Navneskiltene er en PDF-fil laget for utskrift. Filen har tittel og språk, men er ikke en tagget PDF, så en skjermleser kan ikke lese strukturen i den (WCAG 1.3.1). Opplysningene på navneskiltene finnes også på sidene for arrangørene.',
      },
      results: {
        title: 'Resultatene av spørreundersøkelser oppdateres av seg selv.',
        text: 'Siden med resultater og visningen for prosjektor henter nye svar hvert fjerde sekund, og det finnes ingen knapp for å stoppe oppdateringen (WCAG 2.2.2). Uten JavaScript oppdateres sidene bare når du ber om det. Diagrammene har en tekstbeskrivelse, og tallene står også i en tabell.',
      },
      scanner: {
        title: 'QR-skanning ved innsjekking.',
        text: 'Skanning av QR-koden på navneskiltet krever kamera. Verten kan i stedet skrive inn koden eller søke etter deltakeren på navn.',
      },
    },
    method: 'Slik har vi gjort det, og slik tester vi',
    methodList: [
      'Sidene bruker Designsystemet, det felles designsystemet for offentlig sektor.',
      'Alle sider kan brukes med tastatur alene, og det er en lenke øverst for å hoppe rett til hovedinnholdet.',
      'Skjemaer virker uten JavaScript, og feil vises ved feltet og i en oppsummering øverst.',
      'De automatiske testene åpner sidene i en nettleser og sjekker hver side de besøker, med axe for brudd på WCAG. De prøver også sidene med tastatur og uten JavaScript.',
      'Vi går gjennom sidene for hånd når vi lager nye deler av løsningen.',
    ],
    date: 'Når erklæringen ble laget',
    made: 'Erklæringen ble laget 23. november 2026.',
    checked: 'Sist kontrollert: 2. desember 2026.',
    feedback: 'Tilbakemelding og kontakt',
    feedbackBefore: 'Finner du noe som ikke virker for deg, eller trenger du innholdet i en annen form, vil vi gjerne høre om det. Skriv til ',
    feedbackAfter: ', eller kontakt arrangøren av samlingen du skal delta på. Kontaktopplysningene står på siden for samlingen.',
    complaint: 'Klage',
    complaintBefore: 'Får du ikke svar, eller er du ikke fornøyd med svaret, kan du melde fra til Tilsynet for universell utforming av ikt på ',
    title: 'Tilgjengelighetserklæring – Klimasamling',
  },
  nn: {
    heading: 'Tilgjengelegheitserklæring',
    intro:
      'Klimasamling skal kunne brukast av alle. Offentlege verksemder skal følgje forskrift om universell utforming av informasjons- og kommunikasjonsteknologiske (IKT) løysingar, som i Noreg krev at nettløysingar følgjer WCAG 2.1 på nivå AA.',
    scope: 'Kva erklæringa gjeld',
    scopeText:
      'Erklæringa gjeld heile nettløysinga Klimasamling: dei offentlege sidene om samlingane, påmeldinga for kommunane, sidene for deltakarane, spørjeundersøkingane og verdskafeen, innlogginga og sidene for arrangørane, òg innsjekkinga ved ankomst.',
    status: 'Status',
    statusText:
      'Løysinga oppfyller delvis krava i WCAG 2.1 på nivå AA. Vi kjenner til avvika som står nedanfor. For kvart av dei finst det ein annan måte å gjere det same på.',
    deviations: 'Kjende avvik',
    deviationList: {
      badges: {
        title: 'Namneskilt som PDF.',
        text: 'Namneskilta er ei PDF-fil laga for utskrift. Fila har tittel og språk, men er ikkje ei tagga PDF, så ein skjermlesar kan ikkje lese strukturen i fila (WCAG 1.3.1). Opplysningane på namneskilta finst òg på sidene for arrangørane.',
      },
      results: {
        title: 'Resultata av spørjeundersøkingar blir oppdaterte av seg sjølv.',
        text: 'Sida med resultat og visinga for prosjektor hentar nye svar kvart fjerde sekund, og det finst ingen knapp for å stoppe oppdateringa (WCAG 2.2.2). Utan JavaScript blir sidene berre oppdaterte når du ber om det. Diagramma har ei tekstskildring, og tala står òg i ein tabell.',
      },
      scanner: {
        title: 'QR-skanning ved innsjekking.',
        text: 'Skanning av QR-koden på namneskiltet krev kamera. Verten kan i staden skrive inn koden eller søkje etter deltakaren på namn.',
      },
    },
    method: 'Slik har vi gjort det, og slik testar vi',
    methodList: [
      'Sidene bruker Designsystemet, det felles designsystemet for offentleg sektor.',
      'Alle sidene kan brukast med berre tastatur, og det er ei lenke øvst for å hoppe rett til hovudinnhaldet.',
      'Skjema verkar utan JavaScript, og feil blir viste ved feltet og i ei oppsummering øvst.',
      'Dei automatiske testane opnar sidene i ein nettlesar og sjekkar kvar side dei besøkjer, med axe for brot på WCAG. Dei prøver òg sidene med tastatur og utan JavaScript.',
      'Vi går gjennom sidene for hand når vi lagar nye delar av løysinga.',
    ],
    date: 'Når erklæringa vart laga',
    made: 'Erklæringa vart laga 23. november 2026.',
    checked: 'Sist kontrollert: 2. desember 2026.',
    feedback: 'Tilbakemelding og kontakt',
    feedbackBefore: 'Finn du noko som ikkje verkar for deg, eller treng du innhaldet i ei anna form, vil vi gjerne høyre om det. Skriv til ',
    feedbackAfter: ', eller kontakt arrangøren av samlinga du skal delta på. Kontaktopplysningane står på sida for samlinga.',
    complaint: 'Klage',
    complaintBefore: 'Får du ikkje svar, eller er du ikkje nøgd med svaret, kan du melde frå til Tilsynet for universell utforming av ikt på ',
    title: 'Tilgjengelegheitserklæring – Klimasamling',
  },
})

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
  const t = useTexts(text)
  return (
    <article className="stack-lg">
      <div className="stack">
        <Heading level={1} data-size="xl">
          {t.heading}
        </Heading>
        <Paragraph>{t.intro}</Paragraph>
      </div>

      <section aria-labelledby="omfang-tittel" className="stack">
        <Heading level={2} data-size="md" id="omfang-tittel">
          {t.scope}
        </Heading>
        <Paragraph>{t.scopeText}</Paragraph>
      </section>

      <section aria-labelledby="status-tittel" className="stack">
        <Heading level={2} data-size="md" id="status-tittel">
          {t.status}
        </Heading>
        <Paragraph>{t.statusText}</Paragraph>
      </section>

      <section aria-labelledby="avvik-tittel" className="stack">
        <Heading level={2} data-size="md" id="avvik-tittel">
          {t.deviations}
        </Heading>
        <ul>
          {Object.values(t.deviationList).map((deviation) => (
            <li key={deviation.title}>
              <strong>{deviation.title}</strong> {deviation.text}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="slik-tittel" className="stack">
        <Heading level={2} data-size="md" id="slik-tittel">
          {t.method}
        </Heading>
        <ul>
          {t.methodList.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="dato-tittel" className="stack">
        <Heading level={2} data-size="md" id="dato-tittel">
          {t.date}
        </Heading>
        <Paragraph>{t.made}</Paragraph>
        <Paragraph>{t.checked}</Paragraph>
      </section>

      <section aria-labelledby="tilbakemelding-tittel" className="stack">
        <Heading level={2} data-size="md" id="tilbakemelding-tittel">
          {t.feedback}
        </Heading>
        <Paragraph>
          {t.feedbackBefore}
          <Link href={`mailto:${ACCESSIBILITY_FEEDBACK_EMAIL}`}>{ACCESSIBILITY_FEEDBACK_EMAIL}</Link>
          {t.feedbackAfter}
        </Paragraph>
      </section>

      <section aria-labelledby="klage-tittel" className="stack">
        <Heading level={2} data-size="md" id="klage-tittel">
          {t.complaint}
        </Heading>
        <Paragraph>
          {t.complaintBefore}
          <Link href="https://www.uutilsynet.no/" rel="external">
            uutilsynet.no
          </Link>
          .
        </Paragraph>
      </section>
    </article>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: text[languageFormOfMatches(matches)].title }]
