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
import { languageFormOfMatches, useTexts } from '~/components/language'
import { texts } from '~/domain/language'

const text = texts({
  nb: {
    title: 'Oppmøte',
    metaTitle: (event: string) => `Oppmøte – ${event} – Klimasamling`,
    saved: (n: string, webinar: string) => `Lagret: ${n} deltok på «${webinar}».`,
    waived: (name: string) => `Betalingen for ${name} er frafalt.`,
    unwaived: (name: string) => `Frafallet for ${name} er trukket tilbake.`,
    covered: 'Dekket plass',
    selfPaid: 'Egenbetalt',
    nothing: 'Ingenting',
    nothingWaived: (amount: string, reason: string) => `Ingenting (frafalt ${amount}: ${reason})`,
    intro: (event: string) =>
      `${event}. Hvem som har kommet, fra innsjekkingen i registreringen. Når en dag er over, står de som ikke møtte her, per kommune. Påmeldingen er bindende: kommunen betaler for en egenbetalt deltaker som ikke møtte, med mindre du frafaller betalingen med en begrunnelse.`,
    listIntro: 'Oppmøtelisten (alle deltakere, dagene de møtte og ikke møtte, og webinarene de deltok på):',
    downloadExcel: 'Last ned Excel',
    downloadCsv: 'Last ned CSV',
    listHidden: ' – oppmøteliste',
    listOutro: '. Fakturagrunnlaget under Eksport viser også hvem som ikke møtte, per kommune.',
    noDays: 'Samlingen har ingen dager.',
    arrivedOf: (arrived: number, expected: number, rate: string) => `Møtt: ${arrived} av ${expected} (${rate}).`,
    noShows: (n: number) => `Ikke møtt: ${n}.`,
    waivedOf: (n: number) => ` Frafalt betaling for ${n} av dem.`,
    notOver: (endsAt: string) => `Dagen er ikke over ennå (slutter ${endsAt}); de som ikke har kommet, telles ikke som frafall før da.`,
    perMunicipality: (day: string) => `Oppmøte per kommune, ${day}`,
    municipality: 'Kommune',
    arrived: 'Møtt',
    expected: 'Forventet',
    notArrived: 'Ikke møtt',
    notArrivedDay: (day: string) => `Ikke møtt, ${day}`,
    notArrivedCount: (municipality: string, n: number) => `${municipality}: ${n} ikke møtt`,
    participant: 'Deltaker',
    jobTitle: 'Stilling',
    coverage: 'Dekning',
    pays: 'Kommunen betaler',
    waiver: 'Frafall',
    seeWaiver: 'Se frafallet',
    waive: 'Frafall betaling',
    forName: (name: string) => ` for ${name}`,
    nothingToWaive: 'Ingenting å frafalle',
    webinars: 'Webinarer',
    noWebinars: 'Samlingen har ingen digitale sesjoner.',
    webinarIntro: 'Kryss av dem som deltok, og lagre. Listen erstatter den som er lagret for webinaret.',
    chooseWebinar: 'Velg webinar',
    attendedCount: (n: number) => `(${n} deltok)`,
    attendedOf: (n: number, of: number) => `Deltok: ${n} av ${of}.`,
    noneYet: 'Ingen er påmeldt ennå.',
    attended: 'Deltok',
    save: 'Lagre hvem som deltok',
  },
  nn: {
    title: 'Oppmøte',
    metaTitle: (event: string) => `Oppmøte – ${event} – Klimasamling`,
    saved: (n: string, webinar: string) => `Lagra: ${n} deltok på «${webinar}».`,
    waived: (name: string) => `Betalinga for ${name} er fråfallen.`,
    unwaived: (name: string) => `Fråfallet for ${name} er trekt tilbake.`,
    covered: 'Dekt plass',
    selfPaid: 'Eigenbetalt',
    nothing: 'Ikkje noko',
    nothingWaived: (amount: string, reason: string) => `Ikkje noko (fråfallen ${amount}: ${reason})`,
    intro: (event: string) =>
      `${event}. Kven som har kome, frå innsjekkinga i registreringa. Når ein dag er over, står dei som ikkje møtte her, per kommune. Påmeldinga er bindande: kommunen betaler for ein eigenbetalt deltakar som ikkje møtte, med mindre du fråfell betalinga med ei grunngiving.`,
    listIntro: 'Oppmøtelista (alle deltakarane, dagane dei møtte og ikkje møtte, og webinara dei deltok på):',
    downloadExcel: 'Last ned Excel',
    downloadCsv: 'Last ned CSV',
    listHidden: ' – oppmøteliste',
    listOutro: '. Fakturagrunnlaget under Eksport viser òg kven som ikkje møtte, per kommune.',
    noDays: 'Samlinga har ingen dagar.',
    arrivedOf: (arrived: number, expected: number, rate: string) => `Møtt: ${arrived} av ${expected} (${rate}).`,
    noShows: (n: number) => `Ikkje møtt: ${n}.`,
    waivedOf: (n: number) => ` Fråfallen betaling for ${n} av dei.`,
    notOver: (endsAt: string) => `Dagen er ikkje over enno (sluttar ${endsAt}); dei som ikkje har kome, blir ikkje talde som fråfall før då.`,
    perMunicipality: (day: string) => `Oppmøte per kommune, ${day}`,
    municipality: 'Kommune',
    arrived: 'Møtt',
    expected: 'Venta',
    notArrived: 'Ikkje møtt',
    notArrivedDay: (day: string) => `Ikkje møtt, ${day}`,
    notArrivedCount: (municipality: string, n: number) => `${municipality}: ${n} ikkje møtt`,
    participant: 'Deltakar',
    jobTitle: 'Stilling',
    coverage: 'Dekning',
    pays: 'Kommunen betaler',
    waiver: 'Fråfall',
    seeWaiver: 'Sjå fråfallet',
    waive: 'Fråfall betaling',
    forName: (name: string) => ` for ${name}`,
    nothingToWaive: 'Ikkje noko å fråfalle',
    webinars: 'Webinar',
    noWebinars: 'Samlinga har ingen digitale sesjonar.',
    webinarIntro: 'Kryss av dei som deltok, og lagre. Lista erstattar den som er lagra for webinaret.',
    chooseWebinar: 'Vel webinar',
    attendedCount: (n: number) => `(${n} deltok)`,
    attendedOf: (n: number, of: number) => `Deltok: ${n} av ${of}.`,
    noneYet: 'Ingen er påmelde enno.',
    attended: 'Deltok',
    save: 'Lagre kven som deltok',
  },
})

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
  const languageForm = await languageOf(request, context)
  const t = text[languageForm]
  const { event, days, webinars, participants } = attendance
  const search = new URL(request.url).searchParams
  const money = (ore: number | null) => formatAmount(ore, event, languageForm)
  // One webinar at a time (a series may have many): the one asked for, else the first.
  const webinar = webinars.find((w) => w.id === search.get('webinar')) ?? webinars[0] ?? null
  const saved = search.get('lagret')
  const waived = search.get('frafalt')
  const waivedFor = days.flatMap((d) => d.noShows.flatMap((g) => g.participants)).find((p) => p.id === search.get('deltaker'))
  return {
    event: { id: event.id, title: event.title },
    saved: webinar && saved !== null && /^\d+$/.test(saved) ? t.saved(saved, webinar.title) : null,
    waiverSaved: waivedFor && (waived === '1' || waived === '0') ? (waived === '1' ? t.waived(waivedFor.name) : t.unwaived(waivedFor.name)) : null,
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
          coverage: p.covered ? t.covered : t.selfPaid,
          owes:
            p.charge.amountOre === 0
              ? t.nothing
              : p.charge.waived
                ? t.nothingWaived(money(p.charge.amountOre), p.charge.waiverReason ?? '')
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
  const t = useTexts(text)
  const attended = new Set(webinar?.attended ?? [])
  const byMunicipality = new Map<string, typeof participants>()
  for (const p of participants) byMunicipality.set(p.municipality, [...(byMunicipality.get(p.municipality) ?? []), p])
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          {t.title}
        </Heading>
        <Paragraph>{t.intro(event.title)}</Paragraph>
        <Paragraph>
          {t.listIntro}{' '}
          <Link href={`/arrangor/${event.id}/eksport/oppmote?format=xlsx`}>
            {t.downloadExcel}
            <span className="visually-hidden">{t.listHidden}</span>
          </Link>
          {' · '}
          <Link href={`/arrangor/${event.id}/eksport/oppmote?format=csv`}>
            {t.downloadCsv}
            <span className="visually-hidden">{t.listHidden}</span>
          </Link>
          {t.listOutro}
        </Paragraph>
        {waiverSaved ? (
          <Alert data-color="success" role="status">
            <Paragraph>{waiverSaved}</Paragraph>
          </Alert>
        ) : null}
      </div>

      {days.length === 0 ? <Paragraph>{t.noDays}</Paragraph> : null}
      {days.map((d) => (
        <section key={d.id} aria-labelledby={`dag-${d.id}`} className="stack">
          <Heading level={2} data-size="md" id={`dag-${d.id}`}>
            {d.label}
          </Heading>
          <Paragraph>
            {t.arrivedOf(d.arrived, d.expected, d.rate)}{' '}
            {d.ended ? `${t.noShows(d.noShowCount)}${d.waivedCount > 0 ? t.waivedOf(d.waivedCount) : ''}` : t.notOver(d.endsAt)}
          </Paragraph>
          {d.municipalities.length > 0 ? (
            <Table>
              <caption>{t.perMunicipality(d.label.toLowerCase())}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t.municipality}</Table.HeaderCell>
                  <Table.HeaderCell>{t.arrived}</Table.HeaderCell>
                  <Table.HeaderCell>{t.expected}</Table.HeaderCell>
                  <Table.HeaderCell>{t.notArrived}</Table.HeaderCell>
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
                {t.notArrivedDay(d.label.toLowerCase())}
              </Heading>
              {d.noShows.map((g) => (
                <Table key={g.registrationId}>
                  <caption>{t.notArrivedCount(g.municipality, g.participants.length)}</caption>
                  <Table.Head>
                    <Table.Row>
                      <Table.HeaderCell>{t.participant}</Table.HeaderCell>
                      <Table.HeaderCell>{t.jobTitle}</Table.HeaderCell>
                      <Table.HeaderCell>{t.coverage}</Table.HeaderCell>
                      <Table.HeaderCell>{t.pays}</Table.HeaderCell>
                      <Table.HeaderCell>{t.waiver}</Table.HeaderCell>
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
                                {p.waived ? t.seeWaiver : t.waive}
                                <span className="visually-hidden">{t.forName(p.name)}</span>
                              </RemixLink>
                            </Link>
                          ) : (
                            t.nothingToWaive
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
          {t.webinars}
        </Heading>
        {webinars.length === 0 || !webinar ? (
          <Paragraph>{t.noWebinars}</Paragraph>
        ) : (
          <>
            <Paragraph>{t.webinarIntro}</Paragraph>
            <nav aria-label={t.chooseWebinar}>
              <ul>
                {webinars.map((w) => (
                  <li key={w.id}>
                    <Link asChild>
                      <RemixLink to={`?webinar=${w.id}#webinarer`} aria-current={w.id === webinar.id ? 'page' : undefined}>
                        {w.title}, {w.when}
                      </RemixLink>
                    </Link>{' '}
                    {t.attendedCount(w.attended)}
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
            <Paragraph>{t.attendedOf(attended.size, participants.length)}</Paragraph>
            {participants.length === 0 ? (
              <Paragraph>{t.noneYet}</Paragraph>
            ) : (
              <Form method="post" className="stack" key={webinar.id}>
                <input type="hidden" name="intent" value="webinar" />
                <input type="hidden" name="itemId" value={webinar.id} />
                <Fieldset>
                  <Fieldset.Legend>{t.attended}</Fieldset.Legend>
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
                  <Button type="submit">{t.save}</Button>
                </div>
              </Form>
            )}
          </>
        )}
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].metaTitle(data.event.title) : 'Klimasamling' },
]
