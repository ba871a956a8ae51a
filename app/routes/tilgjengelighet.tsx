import { Heading, Link, Paragraph } from '@digdir/designsystemet-react'
import type { MetaFunction } from '@remix-run/node'

export default function AccessibilityStatement() {
  return (
    <article className="stack">
      <Heading level={1} data-size="xl">
        Tilgjengelighetserklæring
      </Heading>
      <Paragraph>
        Klimasamling skal kunne brukes av alle. Løsningen er laget for å oppfylle kravene til universell utforming av IKT-løsninger, som i Norge følger WCAG 2.1
        på nivå AA.
      </Paragraph>
      <Heading level={2} data-size="md">
        Slik har vi gjort det
      </Heading>
      <ul>
        <li>Alle sider kan brukes med tastatur alene, og det er en lenke øverst for å hoppe rett til hovedinnholdet.</li>
        <li>Skjemaer virker uten JavaScript, og feil vises ved feltet og i en oppsummering øverst.</li>
        <li>Sidene bruker Designsystemet, det felles designsystemet for offentlig sektor.</li>
        <li>Hver side vi tester automatisk, sjekkes med axe for brudd på WCAG.</li>
      </ul>
      <Heading level={2} data-size="md">
        Kjente mangler
      </Heading>
      <Paragraph>Vi kjenner ikke til brudd på kravene nå. Finner du noe som ikke virker, vil vi gjerne høre om det.</Paragraph>
      <Heading level={2} data-size="md">
        Tilbakemelding
      </Heading>
      <Paragraph>
        Kontakt arrangøren av samlingen du skal delta på. Du kan også melde fra til tilsynet for universell utforming av IKT på{' '}
        <Link href="https://www.uutilsynet.no/" rel="external">
          uutilsynet.no
        </Link>
        .
      </Paragraph>
    </article>
  )
}

export const meta: MetaFunction = () => [{ title: 'Tilgjengelighetserklæring – Klimasamling' }]
