import { Button, Field, Heading, Input, Label, Link, Paragraph, Select, Table } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link as RemixLink, useLoaderData } from '@remix-run/react'
import { osloDate } from '~/domain/dates'
import { registerQuerySchema as query } from '~/domain/list-queries'
import { languageChoiceLabels } from '~/domain/municipality-register'
import { listCounties } from '~/services/event-setup.server'
import { listRegister } from '~/services/municipalities.server'
import { notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'

/** The municipality register as of today, for organisers: filtered by county and searched by name or number on the server. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const search = new URL(request.url).searchParams
  const q = query.parse({ fylke: search.get('fylke') ?? undefined, sok: search.get('sok') ?? undefined })
  const today = osloDate(context.now())
  const rows = await listRegister(context.db, { userId: user.id }, { countyNumber: q.fylke, query: q.sok }, today)
  if (!rows) notFound()
  return {
    query: q,
    counties: await listCounties(context.db),
    rows: rows.map((r) => ({
      id: r.id,
      number: r.number,
      name: r.name,
      county: r.county_name,
      email: r.official_email,
      language: languageChoiceLabels[r.language_choice],
    })),
  }
}

export default function MunicipalityRegister() {
  const { query, counties, rows } = useLoaderData<typeof loader>()
  const filtered = query.fylke !== '' || query.sok !== ''
  return (
    <div className="stack-lg">
      <div className="stack">
        <Paragraph>
          <Link asChild>
            <RemixLink to="/arrangor">Dine arrangementer</RemixLink>
          </Link>
        </Paragraph>
        <Heading level={1} data-size="lg">
          Kommuneregisteret
        </Heading>
        <Paragraph>
          Kommunene slik de er i dag, med offisiell e-postadresse og målformen kommunen har valgt. Invitasjoner og all senere e-post går til denne adressen, på
          denne målformen. Registeret er felles for alle arrangementer.
        </Paragraph>
      </div>

      <Form method="get" className="row-actions" role="search" aria-label="Søk i kommuneregisteret">
        <Field>
          <Label htmlFor="sok">Søk etter kommune (navn eller nummer)</Label>
          <Input id="sok" name="sok" type="search" defaultValue={query.sok} />
        </Field>
        <Field>
          <Label htmlFor="fylke">Fylke</Label>
          <Select id="fylke" name="fylke" defaultValue={query.fylke}>
            <Select.Option value="">Alle fylker</Select.Option>
            {counties.map((c) => (
              <Select.Option key={c.number} value={c.number}>
                {c.name}
              </Select.Option>
            ))}
          </Select>
        </Field>
        <Button type="submit">Vis</Button>
      </Form>

      <section aria-labelledby="kommuner" className="stack">
        <Heading level={2} data-size="md" id="kommuner">
          {rows.length} {rows.length === 1 ? 'kommune' : 'kommuner'}
          {filtered ? ' som passer' : ''}
        </Heading>
        {rows.length === 0 ? (
          <Paragraph>Ingen kommuner passer søket.</Paragraph>
        ) : (
          <Table>
            <caption className="visually-hidden">Kommuner i registeret</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>Nummer</Table.HeaderCell>
                <Table.HeaderCell>Kommune</Table.HeaderCell>
                <Table.HeaderCell>Fylke</Table.HeaderCell>
                <Table.HeaderCell>Offisiell e-post</Table.HeaderCell>
                <Table.HeaderCell>Målform</Table.HeaderCell>
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

export const meta: MetaFunction = () => [{ title: 'Kommuneregisteret – Klimasamling' }]
