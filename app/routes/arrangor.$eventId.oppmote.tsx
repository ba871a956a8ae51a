import { languageOf } from '~/utils/language.server'
import { Alert, Button, Fieldset, Heading, Link, Paragraph, Table } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link as RemixLink, useActionData, useLoaderData } from '@remix-run/react'
import { Choice, intentErrors } from '~/components/form'
import { OrganiserNav } from '~/components/organiser-nav'
import { attendanceRate } from '~/domain/attendance'
import { webinarAttendanceFormSchema } from '~/domain/attendance-form'
import { formatDateTime, formatTimeRange } from '~/domain/dates'
import { formatAmount } from '~/domain/money'
import { getAttendance, recordWebinarAttendance } from '~/services/attendance.server'
import { handleIntent, intent, readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { ErrorAlert } from '~/components/error-alert'

/**
 * Oppmøte (decision 047): per gathering day who came, out of those expected,
 * in all and per municipality, from the desk's check-ins; once a day has
 * ended its no-shows per municipality, with what each costs and a link to
 * the waiver on the coverage page (Dekning), which brings the organiser back
 * here; and per webinar who joined, ticked in one form. Organisers only.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const eventId = idParam(params.eventId)
  const attendance = await getAttendance(context.db, { userId: user.id }, eventId, context.now())
  if (!attendance) notFound()
  const { event, days, webinars, participants } = attendance
  const search = new URL(request.url).searchParams
  const money = (ore: number | null) => formatAmount(ore, event)
  // One webinar at a time (a series may have many): the one asked for, else the first.
  const webinar = webinars.find((w) => w.id === search.get('webinar')) ?? webinars[0] ?? null
  const saved = search.get('lagret')
  const waived = search.get('frafalt')
  const waivedFor = days.flatMap((d) => d.noShows.flatMap((g) => g.participants)).find((p) => p.id === search.get('deltaker'))
  return {
    event: { id: event.id, title: event.title },
    saved: webinar && saved !== null && /^\d+$/.test(saved) ? `Lagret: ${saved} deltok på «${webinar.title}».` : null,
    waiverSaved:
      waivedFor && (waived === '1' || waived === '0')
        ? waived === '1'
          ? `Betalingen for ${waivedFor.name} er frafalt.`
          : `Frafallet for ${waivedFor.name} er trukket tilbake.`
        : null,
    days: days.map((d) => ({
      id: d.id,
      label: d.label,
      ended: d.ended,
      endsAt: formatDateTime(d.endsAt),
      arrived: d.counts.arrived,
      expected: d.counts.expected,
      rate: attendanceRate(d.counts),
      noShowCount: d.noShows.reduce((n, g) => n + g.participants.length, 0),
      // Frafall: the no-shows whose charge an organiser has waived.
      waivedCount: d.noShows.reduce((n, g) => n + g.participants.filter((p) => p.charge.waived).length, 0),
      municipalities: d.counts.municipalities.map((m) => ({
        ...m,
        noShows: d.noShows.find((g) => g.municipality === m.name)?.participants.length ?? 0,
      })),
      noShows: d.noShows.map((g) => ({
        municipality: g.municipality,
        registrationId: g.registrationId,
        participants: g.participants.map((p) => ({
          id: p.id,
          name: p.name,
          title: p.title,
          coverage: p.covered ? 'Dekket plass' : 'Egenbetalt',
          owes:
            p.charge.amountOre === 0
              ? 'Ingenting'
              : p.charge.waived
                ? `Ingenting (frafalt ${money(p.charge.amountOre)}: ${p.charge.waiverReason})`
                : money(p.charge.amountOre),
          waivable: p.charge.amountOre !== 0 && !p.charge.waived,
          waived: p.charge.waived,
        })),
      })),
    })),
    webinars: webinars.map((w) => ({ id: w.id, title: w.title, when: formatTimeRange(w.starts_at, w.ends_at), attended: w.attended.length })),
    webinar: webinar
      ? {
          id: webinar.id,
          title: webinar.title,
          when: formatTimeRange(webinar.starts_at, webinar.ends_at),
          attended: webinar.attended,
        }
      : null,
    participants,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const eventId = idParam(params.eventId)
  const outcome: { itemId?: string; attended?: number } = {}
  const failed = await handleIntent(
    await readForm(request),
    {
      webinar: intent(webinarAttendanceFormSchema, async ({ itemId, participantIds }) => {
        const result = await recordWebinarAttendance(context.db, { userId: user.id }, eventId, itemId, participantIds ?? [], context.now())
        if (result) Object.assign(outcome, { itemId, attended: result.attended })
        return result
      }),
    },
    await languageOf(request, context),
  )
  if (failed) return failed
  return redirect(`/arrangor/${eventId}/oppmote?webinar=${outcome.itemId}&lagret=${outcome.attended}#webinarer`)
}

export default function Attendance() {
  const { event, saved, waiverSaved, days, webinars, webinar, participants } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const error = intentErrors(actionData?.result).join(' ') || null
  const attended = new Set(webinar?.attended ?? [])
  const byMunicipality = new Map<string, typeof participants>()
  for (const p of participants) byMunicipality.set(p.municipality, [...(byMunicipality.get(p.municipality) ?? []), p])
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          Oppmøte
        </Heading>
        <Paragraph>
          {event.title}. Hvem som har kommet, fra innsjekkingen i registreringen. Når en dag er over, står de som ikke møtte her, per kommune. Påmeldingen er
          bindende: kommunen betaler for en egenbetalt deltaker som ikke møtte, med mindre du frafaller betalingen med en begrunnelse.
        </Paragraph>
        <Paragraph>
          Oppmøtelisten (alle deltakere, dagene de møtte og ikke møtte, og webinarene de deltok på):{' '}
          <Link href={`/arrangor/${event.id}/eksport/oppmote?format=xlsx`}>
            Last ned Excel<span className="visually-hidden"> – oppmøteliste</span>
          </Link>
          {' · '}
          <Link href={`/arrangor/${event.id}/eksport/oppmote?format=csv`}>
            Last ned CSV<span className="visually-hidden"> – oppmøteliste</span>
          </Link>
          . Fakturagrunnlaget under Eksport viser også hvem som ikke møtte, per kommune.
        </Paragraph>
        {waiverSaved ? (
          <Alert data-color="success" role="status">
            <Paragraph>{waiverSaved}</Paragraph>
          </Alert>
        ) : null}
      </div>

      {days.length === 0 ? <Paragraph>Samlingen har ingen dager.</Paragraph> : null}
      {days.map((d) => (
        <section key={d.id} aria-labelledby={`dag-${d.id}`} className="stack">
          <Heading level={2} data-size="md" id={`dag-${d.id}`}>
            {d.label}
          </Heading>
          <Paragraph>
            Møtt: {d.arrived} av {d.expected} ({d.rate}).{' '}
            {d.ended
              ? `Ikke møtt: ${d.noShowCount}.${d.waivedCount > 0 ? ` Frafalt betaling for ${d.waivedCount} av dem.` : ''}`
              : `Dagen er ikke over ennå (slutter ${d.endsAt}); de som ikke har kommet, telles ikke som frafall før da.`}
          </Paragraph>
          {d.municipalities.length > 0 ? (
            <Table>
              <caption>Oppmøte per kommune, {d.label.toLowerCase()}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>Kommune</Table.HeaderCell>
                  <Table.HeaderCell>Møtt</Table.HeaderCell>
                  <Table.HeaderCell>Forventet</Table.HeaderCell>
                  <Table.HeaderCell>Ikke møtt</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {d.municipalities.map((m) => (
                  <Table.Row key={m.name}>
                    <Table.Cell>{m.name}</Table.Cell>
                    <Table.Cell>{m.arrived}</Table.Cell>
                    <Table.Cell>{m.expected}</Table.Cell>
                    <Table.Cell>{d.ended ? m.noShows : '–'}</Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          ) : null}
          {d.ended && d.noShows.length > 0 ? (
            <div className="stack" id={`ikke-mott-${d.id}`}>
              <Heading level={3} data-size="sm">
                Ikke møtt, {d.label.toLowerCase()}
              </Heading>
              {d.noShows.map((g) => (
                <Table key={g.registrationId}>
                  <caption>
                    {g.municipality}: {g.participants.length} ikke møtt
                  </caption>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell>Deltaker</Table.HeaderCell>
                      <Table.HeaderCell>Stilling</Table.HeaderCell>
                      <Table.HeaderCell>Dekning</Table.HeaderCell>
                      <Table.HeaderCell>Kommunen betaler</Table.HeaderCell>
                      <Table.HeaderCell>Frafall</Table.HeaderCell>
                    </Table.Row>
                  </Table.Head>
                  <Table.Body>
                    {g.participants.map((p) => (
                      <Table.Row key={p.id}>
                        <Table.Cell>{p.name}</Table.Cell>
                        <Table.Cell>{p.title}</Table.Cell>
                        <Table.Cell>{p.coverage}</Table.Cell>
                        <Table.Cell>{p.owes}</Table.Cell>
                        <Table.Cell>
                          {p.waivable || p.waived ? (
                            <Link asChild>
                              <RemixLink to={`/arrangor/${event.id}/dekning?fra=oppmote#frafall-${p.id}`}>
                                {p.waived ? 'Se frafallet' : 'Frafall betaling'}
                                <span className="visually-hidden"> for {p.name}</span>
                              </RemixLink>
                            </Link>
                          ) : (
                            'Ingenting å frafalle'
                          )}
                        </Table.Cell>
                      </Table.Row>
                    ))}
                  </Table.Body>
                </Table>
              ))}
            </div>
          ) : null}
        </section>
      ))}

      <section aria-labelledby="webinarer" className="stack">
        <Heading level={2} data-size="md" id="webinarer">
          Webinarer
        </Heading>
        {webinars.length === 0 || !webinar ? (
          <Paragraph>Samlingen har ingen digitale sesjoner.</Paragraph>
        ) : (
          <>
            <Paragraph>Kryss av dem som deltok, og lagre. Listen erstatter den som er lagret for webinaret.</Paragraph>
            <nav aria-label="Velg webinar">
              <ul>
                {webinars.map((w) => (
                  <li key={w.id}>
                    <Link asChild>
                      <RemixLink to={`?webinar=${w.id}#webinarer`} aria-current={w.id === webinar.id ? 'page' : undefined}>
                        {w.title}, {w.when}
                      </RemixLink>
                    </Link>{' '}
                    ({w.attended} deltok)
                  </li>
                ))}
              </ul>
            </nav>
            {saved ? (
              <Alert data-color="success" role="status">
                <Paragraph>{saved}</Paragraph>
              </Alert>
            ) : null}
            <ErrorAlert messages={error} />
            <Heading level={3} data-size="sm">
              {webinar.title}, {webinar.when}
            </Heading>
            <Paragraph>
              Deltok: {attended.size} av {participants.length}.
            </Paragraph>
            {participants.length === 0 ? (
              <Paragraph>Ingen er påmeldt ennå.</Paragraph>
            ) : (
              <Form method="post" className="stack" key={webinar.id}>
                <input type="hidden" name="intent" value="webinar" />
                <input type="hidden" name="itemId" value={webinar.id} />
                <Fieldset>
                  <Fieldset.Legend>Deltok</Fieldset.Legend>
                  {[...byMunicipality].map(([municipality, people]) => (
                    <Fieldset key={municipality}>
                      <Fieldset.Legend>{municipality}</Fieldset.Legend>
                      {people.map((p) => (
                        <Choice
                          key={p.id}
                          type="checkbox"
                          id={`deltok-${p.id}`}
                          name="participantIds"
                          value={p.id}
                          label={p.name}
                          defaultChecked={attended.has(p.id)}
                        />
                      ))}
                    </Fieldset>
                  ))}
                </Fieldset>
                <div>
                  <Button type="submit">Lagre hvem som deltok</Button>
                </div>
              </Form>
            )}
          </>
        )}
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Oppmøte – ${data.event.title} – Klimasamling` : 'Klimasamling' }]
