import { Button, Field, Heading, Input, Label, Link, Paragraph, Select, Table } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link as RemixLink, useLoaderData } from '@remix-run/react'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { osloDate } from '~/domain/dates'
import { texts } from '~/domain/language'
import { registerQuerySchema as query } from '~/domain/list-queries'
import { languageChoiceLabels } from '~/domain/municipality-register'
import { listCounties } from '~/services/event-setup.server'
import { listRegister } from '~/services/municipalities.server'
import { notFound } from '~/utils/http.server'
import { languageOf } from '~/utils/language.server'
import { requireUser } from '~/utils/session.server'

const text = texts({
  nb: {
    title: 'Kommuneregisteret – Klimasamling',
    yourEvents: 'Dine arrangementer',
    heading: 'Kommuneregisteret',
    intro:
      'Kommunene slik de er i dag, med offisiell e-postadresse og målformen kommunen har valgt. Invitasjoner og all senere e-post går til denne adressen, på denne målformen. Registeret er felles for alle arrangementer.',
    searchLabel: 'Søk i kommuneregisteret',
    search: 'Søk etter kommune (navn eller nummer)',
    county: 'Fylke',
    allCounties: 'Alle fylker',
    show: 'Vis',
    count: (n: number, filtered: boolean) => `${n} ${n === 1 ? 'kommune' : 'kommuner'}${filtered ? ' som passer' : ''}`,
    none: 'Ingen kommuner passer søket.',
    caption: 'Kommuner i registeret',
    number: 'Nummer',
    municipality: 'Kommune',
    email: 'Offisiell e-post',
    language: 'Målform',
  },
  nn: {
    title: 'Kommuneregisteret – Klimasamling',
    yourEvents: 'Arrangementa dine',
    heading: 'Kommuneregisteret',
    intro:
      'Kommunane slik dei er i dag, med offisiell e-postadresse og målforma kommunen har valt. Invitasjonar og all seinare e-post går til denne adressa, på denne målforma. Registeret er felles for alle arrangement.',
    searchLabel: 'Søk i kommuneregisteret',
    search: 'Søk etter kommune (namn eller nummer)',
    county: 'Fylke',
    allCounties: 'Alle fylke',
    show: 'Vis',
    count: (n: number, filtered: boolean) => `${n} ${n === 1 ? 'kommune' : 'kommunar'}${filtered ? ' som passar' : ''}`,
    none: 'Ingen kommunar passar søket.',
    caption: 'Kommunar i registeret',
    number: 'Nummer',
    municipality: 'Kommune',
    email: 'Offisiell e-post',
    language: 'Målform',
  },
})

/** The municipality register as of today, for organisers: filtered by county and searched by name or number on the server. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const search = new URL(request.url).searchParams
  const q = query.parse({ fylke: search.get('fylke') ?? undefined, sok: search.get('sok') ?? undefined })
  const today = osloDate(context.now())
  const rows = await listRegister(context.db, { userId: user.id }, { countyNumber: q.fylke, query: q.sok }, today)
  if (!rows) notFound()
  const choices = languageChoiceLabels[await languageOf(request, context)]
  return {
    query: q,
    counties: await listCounties(context.db),
    rows: rows.map((r) => ({
      id: r.id,
      number: r.number,
      name: r.name,
      county: r.county_name,
      email: r.official_email,
      language: choices[r.language_choice],
    })),
  }
}

export default function MunicipalityRegister() {
  const { query, counties, rows } = useLoaderData<typeof loader>()
  const filtered = query.fylke !== '' || query.sok !== ''
  const t = useTexts(text)
  return (
    <div className="stack-lg">
      <div className="stack">
        <Paragraph>
          <Link asChild>
            <RemixLink to="/arrangor">{t.yourEvents}</RemixLink>
          </Link>
        </Paragraph>
        <Heading level={1} data-size="lg">
          {t.heading}
        </Heading>
        <Paragraph>{t.intro}</Paragraph>
      </div>

      <Form method="get" className="row-actions" role="search" aria-label={t.searchLabel}>
        <Field>
          <Label htmlFor="sok">{t.search}</Label>
          <Input id="sok" name="sok" type="search" defaultValue={query.sok} />
        </Field>
        <Field>
          <Label htmlFor="fylke">{t.county}</Label>
          <Select id="fylke" name="fylke" defaultValue={query.fylke}>
            <Select.Option value="">{t.allCounties}</Select.Option>
            {counties.map((c) => (
              <Select.Option key={c.number} value={c.number}>
                {c.name}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Button type="submit">{t.show}</Button>
      </Form>

      <section aria-labelledby="kommuner" className="stack">
        <Heading level={2} data-size="md" id="kommuner">
          {t.count(rows.length, filtered)}
        </Heading>
        {rows.length === 0 ? (
          <Paragraph>{t.none}</Paragraph>
        ) : (
          <Table>
            <caption className="visually-hidden">{t.caption}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t.number}</Table.HeaderCell>
                <Table.HeaderCell>{t.municipality}</Table.HeaderCell>
                <Table.HeaderCell>{t.county}</Table.HeaderCell>
                <Table.HeaderCell>{t.email}</Table.HeaderCell>
                <Table.HeaderCell>{t.language}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {rows.map((r) => (
                <Table.Row key={r.id}>
                  <Table.Cell>{r.number}</Table.Cell>
                  <Table.Cell>
                    <Link asChild>
                      <RemixLink to={`/arrangor/kommuneregister/${r.id}`}>{r.name}</RemixLink>
                    </Link>
                  </Table.Cell>
                  <Table.Cell>{r.county}</Table.Cell>
                  <Table.Cell>{r.email}</Table.Cell>
                  <Table.Cell>{r.language}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </section>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: text[languageFormOfMatches(matches)].title }]
