import { Alert, Heading, Paragraph, Table, Tag } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { OrganiserNav } from '~/components/organiser-nav'
import { pageParam, ServerPagination } from '~/components/pagination'
import { daysBetween, formatDay, formatNight, osloDate } from '~/domain/dates'
import { findEventFor } from '~/services/access.server'
import { getHotelNights, RELEASE_WARNING_DAYS } from '~/services/event-overview.server'
import { waitingListLengths } from '~/services/waiting-lists.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'

/** The hotel room block night by night, with the release dates, and the long-travel nights a page at a time. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const access = await findEventFor(context.db, { userId: user.id }, idParam(params.eventId), 'nights.read')
  if (!access) notFound()
  const result = await getHotelNights(context.db, { userId: user.id }, idParam(params.eventId), {
    page: pageParam(new URL(request.url).searchParams.get('side')),
  })
  if (!result) notFound()
  const today = osloDate(context.now())
  const waiting = await waitingListLengths(context.db, result.event.id)
  return {
    event: { id: result.event.id, title: result.event.title, role: access.role },
    nights: result.nights.map((n) => {
      const daysLeft = n.release_date ? daysBetween(today, n.release_date) : null
      // Rooms held for a waiting list's open offer are not free (decision 045).
      const list = waiting.get(n.id) ?? { waiting: 0, offered: 0 }
      return {
        id: n.id,
        night: formatNight(n.night_date),
        block: n.rooms_in_block,
        covered: n.covered,
        selfPaid: n.selfPaid,
        free: n.free - list.offered,
        held: list.offered,
        waiting: list.waiting,
        release: n.release_date ? formatDay(n.release_date) : null,
        warning:
          daysLeft !== null && daysLeft >= 0 && daysLeft <= RELEASE_WARNING_DAYS && n.free > 0
            ? `${n.free} rom er ubrukt, og hotellet frigir dem ${daysLeft === 0 ? 'i dag' : `om ${daysLeft} ${daysLeft === 1 ? 'dag' : 'dager'}`}.`
            : null,
        longTravel: n.requires_reason,
      }
    }),
    reasons: result.reasons.map((r) => ({
      id: r.id,
      name: r.name,
      municipality: r.municipality_name,
      night: formatNight(r.night_date),
      reason: r.reason ?? '',
    })),
    reasonsPage: result.reasonsPage,
  }
}

/** One bar per night: covered, self-paid and free rooms against the block, drawn on the server; the table beside it says the same in text. */
function NightBars({ nights }: { nights: Array<{ id: string; night: string; block: number; covered: number; selfPaid: number; free: number }> }) {
  const width = 600
  const row = 34
  const largest = Math.max(1, ...nights.map((n) => Math.max(n.block, n.covered + n.selfPaid)))
  const scale = (rooms: number) => (rooms / largest) * (width - 220)
  return (
    <svg
      role="img"
      aria-labelledby="bars-title"
      viewBox={`0 0 ${width} ${nights.length * row + 10}`}
      style={{ width: '100%', maxWidth: `${width}px`, height: 'auto' }}
    >
      <title id="bars-title">
        {nights.map((n) => `Natten ${n.night}: ${n.covered} dekket, ${n.selfPaid} egenbetalt, ${n.free} ledige av ${n.block} rom.`).join(' ')}
      </title>
      {nights.map((n, i) => {
        const y = i * row + 5
        return (
          <g key={n.id}>
            <text x={0} y={y + 17} fontSize="13" fill="currentColor">
              {n.night}
            </text>
            <rect x={200} y={y} width={scale(n.block)} height={24} fill="#e6eaef" stroke="#68707c" />
            <rect x={200} y={y} width={scale(n.covered)} height={24} fill="#0062ba" />
            <rect x={200 + scale(n.covered)} y={y} width={scale(n.selfPaid)} height={24} fill="#a06800" />
          </g>
        )
      })}
    </svg>
  )
}

/** Nothing on this page is changed by a POST: it answers 404 to everyone, viewers included (decision 29). */
export async function action(_args: ActionFunctionArgs): Promise<never> {
  notFound()
}

export default function HotelNights() {
  const { event, nights, reasons, reasonsPage } = useLoaderData<typeof loader>()
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} role={event.role} />
        <Heading level={1} data-size="lg">
          Hotellnetter
        </Heading>
        <Paragraph>
          {event.title}. Hvert rom er ett enkeltrom for én deltaker én natt. Blått er rom dekket av arrangøren, brunt er rom kommunene betaler selv, grått er
          ledige rom i kvoten.
        </Paragraph>
      </div>
      {nights
        .filter((n) => n.warning)
        .map((n) => (
          <Alert key={n.id} data-color="warning">
            <Paragraph>
              Natten {n.night}: {n.warning}
            </Paragraph>
          </Alert>
        ))}
      {nights.length === 0 ? <Paragraph>Arrangementet har ingen hotellnetter.</Paragraph> : <NightBars nights={nights} />}
      <Table>
        <caption>Rom per natt</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>Natt</Table.HeaderCell>
            <Table.HeaderCell>Romkvote</Table.HeaderCell>
            <Table.HeaderCell>Dekket</Table.HeaderCell>
            <Table.HeaderCell>Egenbetalt</Table.HeaderCell>
            <Table.HeaderCell>Ledige</Table.HeaderCell>
            <Table.HeaderCell>Holdt av fra venteliste</Table.HeaderCell>
            <Table.HeaderCell>På venteliste</Table.HeaderCell>
            <Table.HeaderCell>Frigis</Table.HeaderCell>
          </Table.Row>
        </Table.Head>
        <Table.Body>
          {nights.map((n) => (
            <Table.Row key={n.id}>
              <Table.Cell>
                {n.night}
                {n.longTravel ? (
                  <>
                    {' '}
                    <Tag data-size="sm">lang reisevei</Tag>
                  </>
                ) : null}
              </Table.Cell>
              <Table.Cell>{n.block}</Table.Cell>
              <Table.Cell>{n.covered}</Table.Cell>
              <Table.Cell>{n.selfPaid}</Table.Cell>
              <Table.Cell>{n.free}</Table.Cell>
              <Table.Cell>{n.held}</Table.Cell>
              <Table.Cell>{n.waiting}</Table.Cell>
              <Table.Cell>{n.release ?? '–'}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
      <section aria-labelledby="lang-reisevei" className="stack">
        <Heading level={2} data-size="md" id="lang-reisevei">
          Netter på grunn av lang reisevei
        </Heading>
        {reasons.length === 0 ? (
          <Paragraph>Ingen har natt på grunn av lang reisevei.</Paragraph>
        ) : (
          <Table>
            <caption className="visually-hidden">
              Deltakere med natt på grunn av lang reisevei, og begrunnelsen
              {reasonsPage.pages > 1 ? ` (side ${reasonsPage.page} av ${reasonsPage.pages}, ${reasonsPage.matching} i alt)` : ''}
            </caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>Natt</Table.HeaderCell>
                <Table.HeaderCell>Kommune</Table.HeaderCell>
                <Table.HeaderCell>Navn</Table.HeaderCell>
                <Table.HeaderCell>Begrunnelse</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {reasons.map((r) => (
                <Table.Row key={`${r.night}-${r.id}`}>
                  <Table.Cell>{r.night}</Table.Cell>
                  <Table.Cell>{r.municipality}</Table.Cell>
                  <Table.Cell>{r.name}</Table.Cell>
                  <Table.Cell>{r.reason}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
        {reasonsPage.pages > 1 ? (
          <Paragraph data-size="sm">
            Side {reasonsPage.page} av {reasonsPage.pages}: {reasons.length} av {reasonsPage.matching}.
          </Paragraph>
        ) : null}
        <ServerPagination page={reasonsPage.page} pages={reasonsPage.pages} label="Sider med netter på grunn av lang reisevei" />
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Hotellnetter – ${data.event.title} – Klimasamling` : 'Klimasamling' }]
