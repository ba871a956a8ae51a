import { Button, Field, Heading, Input, Label, Link, Paragraph, Table } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { Choice } from '~/components/form'
import { OrganiserNav } from '~/components/organiser-nav'
import { findEventFor } from '~/services/access.server'
import { badgeChoices } from '~/services/badges.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'

/** Control characters, which are no part of a name (and a NUL PostgreSQL refuses in text). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g

/** The sort orders as the download's query names them (arrangor.$eventId.navneskilt[.]pdf.ts reads the same words). */
const SORTS = [
  { value: 'kommune', label: 'Etter kommune', description: 'Kommunene i alfabetisk rekkefølge, og etter etternavn innenfor hver kommune.' },
  { value: 'etternavn', label: 'Etter etternavn', description: 'Alle deltakerne i én rekke etter etternavn (det siste ordet i navnet).' },
] as const

/**
 * Name badges (decision 48): what a badge holds, the download of all badges
 * sorted as chosen, and a search for one participant's badge. The PDF itself
 * comes from the resource route beside this one. Organisers only.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const grant = await findEventFor(context.db, { userId: user.id }, idParam(params.eventId), 'event.manage')
  if (!grant) notFound()
  const search = new URL(request.url).searchParams
  const sok = (search.get('sok') ?? '').replace(CONTROL, ' ').trim().slice(0, 100)
  const sortering = SORTS.some((s) => s.value === search.get('sortering')) ? (search.get('sortering') as string) : 'kommune'
  const choices = await badgeChoices(context.db, grant, sok)
  if (!choices) notFound()
  return {
    event: { id: grant.event.id, title: grant.event.title },
    count: choices.count,
    sok,
    sortering,
    matches: choices.matches.map((m) => ({ id: m.participantId, name: m.name, title: m.title, municipality: m.municipality })),
    more: choices.more,
  }
}

/** Nothing on this page is changed by a POST. */
export async function action(_args: ActionFunctionArgs): Promise<never> {
  notFound()
}

export default function Badges() {
  const { event, count, sok, sortering, matches, more } = useLoaderData<typeof loader>()
  const pdf = `/arrangor/${event.id}/navneskilt.pdf`
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          Navneskilt
        </Heading>
        <Paragraph>
          Navneskilt for {event.title} som PDF til utskrift: åtte skilt på hvert A4-ark, 90 × 55 mm, med skjæremerker i hjørnene. Skriv ut i 100 % størrelse
          (ikke «tilpass til siden»), så passer skiltene i vanlige navneskiltholdere.
        </Paragraph>
        <Paragraph>Hvert skilt har</Paragraph>
        <ul>
          <li>navnet med store bokstaver (lange navn blir mindre eller går over to linjer)</li>
          <li>kommunen og stillingen</li>
          <li>de parallelle sesjonene deltakeren skal være med på, med dag og klokkeslett</li>
          <li>en QR-kode som registreringen kan skanne ved innsjekking</li>
        </ul>
        <Paragraph>Bare påmeldte deltakere er med, ikke avmeldte eller erstattede. Hver nedlasting blir logget.</Paragraph>
      </div>

      <section aria-labelledby="alle" className="stack">
        <Heading level={2} data-size="md" id="alle">
          Alle navneskilt
        </Heading>
        <Paragraph>
          {count === 0
            ? 'Ingen deltakere er påmeldt ennå.'
            : `${count} ${count === 1 ? 'deltaker er påmeldt' : 'deltakere er påmeldt'}: ${Math.ceil(count / 8)} A4-ark.`}
        </Paragraph>
        {/* A plain form: the PDF is a document to download, not a page for the app's own navigation. */}
        <form method="get" action={pdf} className="stack form-narrow">
          <fieldset className="stack">
            <legend>Rekkefølge</legend>
            {SORTS.map((s) => (
              <Choice
                key={s.value}
                type="radio"
                id={`sortering-${s.value}`}
                name="sortering"
                value={s.value}
                label={s.label}
                description={s.description}
                defaultChecked={sortering === s.value}
              />
            ))}
          </fieldset>
          <div>
            <Button type="submit">Last ned PDF med alle navneskilt</Button>
          </div>
        </form>
      </section>

      <section aria-labelledby="ett" className="stack">
        <Heading level={2} data-size="md" id="ett">
          Ett navneskilt
        </Heading>
        <Paragraph>For en deltaker som kommer til senere, eller et skilt som må skrives ut på nytt. Søk etter navn eller kommune.</Paragraph>
        <Form method="get" className="row-actions" role="search" aria-label="Finn én deltaker">
          <input type="hidden" name="sortering" value={sortering} />
          <Field>
            <Label htmlFor="sok">Søk etter deltaker</Label>
            <Input id="sok" name="sok" type="search" defaultValue={sok} />
          </Field>
          <Button type="submit" variant="secondary">
            Søk
          </Button>
        </Form>
        {sok === '' ? null : matches.length === 0 ? (
          <Paragraph role="status">Ingen påmeldte deltakere passer søket «{sok}».</Paragraph>
        ) : (
          <>
            <Paragraph role="status">
              {more
                ? `Viser de første ${matches.length} som passer søket «${sok}». Skriv mer av navnet for å finne færre.`
                : `${matches.length} ${matches.length === 1 ? 'deltaker passer' : 'deltakere passer'} søket «${sok}».`}
            </Paragraph>
            <Table>
              <caption className="visually-hidden">Deltakere som passer søket</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>Navn</Table.HeaderCell>
                  <Table.HeaderCell>Kommune</Table.HeaderCell>
                  <Table.HeaderCell>Stilling</Table.HeaderCell>
                  <Table.HeaderCell>Navneskilt</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {matches.map((m) => (
                  <Table.Row key={m.id}>
                    <Table.Cell>{m.name}</Table.Cell>
                    <Table.Cell>{m.municipality}</Table.Cell>
                    <Table.Cell>{m.title}</Table.Cell>
                    <Table.Cell>
                      <Link href={`${pdf}?deltaker=${m.id}`}>
                        Last ned PDF<span className="visually-hidden"> – navneskilt for {m.name}</span>
                      </Link>
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </>
        )}
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Navneskilt – ${data.event.title} – Klimasamling` : 'Klimasamling' }]
