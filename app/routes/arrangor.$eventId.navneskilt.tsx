import { Button, Field, Heading, Input, Label, Link, Paragraph, Table } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { Choice } from '~/components/form'
import { OrganiserNav } from '~/components/organiser-nav'
import { findEventFor } from '~/services/access.server'
import { badgeChoices } from '~/services/badges.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { texts } from '~/domain/language'

const text = texts({
  nb: {
    title: 'Navneskilt',
    metaTitle: (event: string) => `Navneskilt – ${event} – Klimasamling`,
    sorts: {
      kommune: { label: 'Etter kommune', description: 'Kommunene i alfabetisk rekkefølge, og etter etternavn innenfor hver kommune.' },
      etternavn: { label: 'Etter etternavn', description: 'Alle deltakerne i én rekke etter etternavn (det siste ordet i navnet).' },
    },
    intro: (event: string) =>
      `Navneskilt for ${event} som PDF til utskrift: åtte skilt på hvert A4-ark, 90 × 55 mm, med skjæremerker i hjørnene. Skriv ut i 100 % størrelse (ikke «tilpass til siden»), så passer skiltene i vanlige navneskiltholdere.`,
    each: 'Hvert skilt har',
    parts: [
      'navnet med store bokstaver (lange navn blir mindre eller går over to linjer)',
      'kommunen og stillingen',
      'de parallelle sesjonene deltakeren skal være med på, med dag og klokkeslett',
      'en QR-kode som registreringen kan skanne ved innsjekking',
    ],
    only: 'Bare påmeldte deltakere er med, ikke avmeldte eller erstattede. Hver nedlasting blir logget.',
    all: 'Alle navneskilt',
    none: 'Ingen deltakere er påmeldt ennå.',
    count: (n: number, sheets: number) => `${n} ${n === 1 ? 'deltaker er påmeldt' : 'deltakere er påmeldt'}: ${sheets} A4-ark.`,
    order: 'Rekkefølge',
    downloadAll: 'Last ned PDF med alle navneskilt',
    one: 'Ett navneskilt',
    oneIntro: 'For en deltaker som kommer til senere, eller et skilt som må skrives ut på nytt. Søk etter navn eller kommune.',
    findOne: 'Finn én deltaker',
    searchLabel: 'Søk etter deltaker',
    search: 'Søk',
    noMatch: (q: string) => `Ingen påmeldte deltakere passer søket «${q}».`,
    more: (n: number, q: string) => `Viser de første ${n} som passer søket «${q}». Skriv mer av navnet for å finne færre.`,
    matches: (n: number, q: string) => `${n} ${n === 1 ? 'deltaker passer' : 'deltakere passer'} søket «${q}».`,
    caption: 'Deltakere som passer søket',
    name: 'Navn',
    municipality: 'Kommune',
    jobTitle: 'Stilling',
    badge: 'Navneskilt',
    download: 'Last ned PDF',
    badgeFor: (name: string) => ` – navneskilt for ${name}`,
  },
  nn: {
    title: 'Namneskilt',
    metaTitle: (event: string) => `Namneskilt – ${event} – Klimasamling`,
    sorts: {
      kommune: { label: 'Etter kommune', description: 'Kommunane i alfabetisk rekkjefølgje, og etter etternamn innanfor kvar kommune.' },
      etternavn: { label: 'Etter etternamn', description: 'Alle deltakarane i éi rekkje etter etternamn (det siste ordet i namnet).' },
    },
    intro: (event: string) =>
      `Namneskilt for ${event} som PDF til utskrift: åtte skilt på kvart A4-ark, 90 × 55 mm, med skjeremerke i hjørna. Skriv ut i 100 % storleik (ikkje «tilpass til sida»), så passar skilta i vanlege namneskilthaldarar.`,
    each: 'Kvart skilt har',
    parts: [
      'namnet med store bokstavar (lange namn blir mindre eller går over to linjer)',
      'kommunen og stillinga',
      'dei parallelle sesjonane deltakaren skal vere med på, med dag og klokkeslett',
      'ein QR-kode som registreringa kan skanne ved innsjekking',
    ],
    only: 'Berre påmelde deltakarar er med, ikkje avmelde eller erstatta. Kvar nedlasting blir logga.',
    all: 'Alle namneskilt',
    none: 'Ingen deltakarar er påmelde enno.',
    count: (n: number, sheets: number) => `${n} ${n === 1 ? 'deltakar er påmeld' : 'deltakarar er påmelde'}: ${sheets} A4-ark.`,
    order: 'Rekkjefølgje',
    downloadAll: 'Last ned PDF med alle namneskilta',
    one: 'Eitt namneskilt',
    oneIntro: 'For ein deltakar som kjem til seinare, eller eit skilt som må skrivast ut på nytt. Søk etter namn eller kommune.',
    findOne: 'Finn éin deltakar',
    searchLabel: 'Søk etter deltakar',
    search: 'Søk',
    noMatch: (q: string) => `Ingen påmelde deltakarar passar søket «${q}».`,
    more: (n: number, q: string) => `Viser dei første ${n} som passar søket «${q}». Skriv meir av namnet for å finne færre.`,
    matches: (n: number, q: string) => `${n} ${n === 1 ? 'deltakar passar' : 'deltakarar passar'} søket «${q}».`,
    caption: 'Deltakarar som passar søket',
    name: 'Namn',
    municipality: 'Kommune',
    jobTitle: 'Stilling',
    badge: 'Namneskilt',
    download: 'Last ned PDF',
    badgeFor: (name: string) => ` – namneskilt for ${name}`,
  },
})

/** Control characters, which are no part of a name (and a NUL PostgreSQL refuses in text). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g

/** The sort orders as the download's query names them (arrangor.$eventId.navneskilt[.]pdf.ts reads the same words). */
const SORTS = [{ value: 'kommune' }, { value: 'etternavn' }] as const

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
  const t = useTexts(text)
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          {t.title}
        </Heading>
        <Paragraph>{t.intro(event.title)}</Paragraph>
        <Paragraph>{t.each}</Paragraph>
        <ul>
          {t.parts.map((part) => (
            <li key={part}>{part}</li>
          ))}
        </ul>
        <Paragraph>{t.only}</Paragraph>
      </div>

      <section aria-labelledby="alle" className="stack">
        <Heading level={2} data-size="md" id="alle">
          {t.all}
        </Heading>
        <Paragraph>{count === 0 ? t.none : t.count(count, Math.ceil(count / 8))}</Paragraph>
        {/* A plain form: the PDF is a document to download, not a page for the app's own navigation. */}
        <form method="get" action={pdf} className="stack form-narrow">
          <fieldset className="stack">
            <legend>{t.order}</legend>
            {SORTS.map((s) => (
              <Choice
                key={s.value}
                type="radio"
                id={`sortering-${s.value}`}
                name="sortering"
                value={s.value}
                label={t.sorts[s.value].label}
                description={t.sorts[s.value].description}
                defaultChecked={sortering === s.value}
              />
            ))}
          </fieldset>
          <div>
            <Button type="submit">{t.downloadAll}</Button>
          </div>
        </form>
      </section>

      <section aria-labelledby="ett" className="stack">
        <Heading level={2} data-size="md" id="ett">
          {t.one}
        </Heading>
        <Paragraph>{t.oneIntro}</Paragraph>
        <Form method="get" className="row-actions" role="search" aria-label={t.findOne}>
          <input type="hidden" name="sortering" value={sortering} />
          <Field>
            <Label htmlFor="sok">{t.searchLabel}</Label>
            <Input id="sok" name="sok" type="search" defaultValue={sok} />
          </Field>
          <Button type="submit" variant="secondary">
            {t.search}
          </Button>
        </Form>
        {sok === '' ? null : matches.length === 0 ? (
          <Paragraph role="status">{t.noMatch(sok)}</Paragraph>
        ) : (
          <>
            <Paragraph role="status">{more ? t.more(matches.length, sok) : t.matches(matches.length, sok)}</Paragraph>
            <Table>
              <caption className="visually-hidden">{t.caption}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t.name}</Table.HeaderCell>
                  <Table.HeaderCell>{t.municipality}</Table.HeaderCell>
                  <Table.HeaderCell>{t.jobTitle}</Table.HeaderCell>
                  <Table.HeaderCell>{t.badge}</Table.HeaderCell>
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
                        {t.download}
                        <span className="visually-hidden">{t.badgeFor(m.name)}</span>
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

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].metaTitle(data.event.title) : 'Klimasamling' },
]
