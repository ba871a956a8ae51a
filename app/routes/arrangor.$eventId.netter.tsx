import { Alert, Heading, Paragraph, Table, Tag } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { OrganiserNav } from '~/components/organiser-nav'
import { pageParam, ServerPagination } from '~/components/pagination'
import { daysBetween, formatDay, formatNight, osloDate } from '~/domain/dates'
import { texts } from '~/domain/language'
import { findEventFor } from '~/services/access.server'
import { getHotelNights, RELEASE_WARNING_DAYS } from '~/services/event-overview.server'
import { waitingListLengths } from '~/services/waiting-lists.server'
import { idParam, notFound } from '~/utils/http.server'
import { languageOf } from '~/utils/language.server'
import { requireUser } from '~/utils/session.server'

const text = texts({
  nb: {
    title: (event: string) => `Hotellnetter – ${event} – Klimasamling`,
    warning: (free: number, daysLeft: number) =>
      `${free} rom er ubrukt, og hotellet frigir dem ${daysLeft === 0 ? 'i dag' : `om ${daysLeft} ${daysLeft === 1 ? 'dag' : 'dager'}`}.`,
    bar: (n: { night: string; covered: number; selfPaid: number; free: number; block: number }) =>
      `Natten ${n.night}: ${n.covered} dekket, ${n.selfPaid} egenbetalt, ${n.free} ledige av ${n.block} rom.`,
    heading: 'Hotellnetter',
    intro: (event: string) =>
      `${event}. Hvert rom er ett enkeltrom for én deltaker én natt. Blått er rom dekket av arrangøren, brunt er rom kommunene betaler selv, grått er ledige rom i kvoten.`,
    theNight: (night: string) => `Natten ${night}: `,
    noNights: 'Arrangementet har ingen hotellnetter.',
    roomsCaption: 'Rom per natt',
    night: 'Natt',
    block: 'Romkvote',
    covered: 'Dekket',
    selfPaid: 'Egenbetalt',
    free: 'Ledige',
    held: 'Holdt av fra venteliste',
    waiting: 'På venteliste',
    release: 'Frigis',
    longTravel: 'lang reisevei',
    reasonsHeading: 'Netter på grunn av lang reisevei',
    noReasons: 'Ingen har natt på grunn av lang reisevei.',
    reasonsCaption: (page: number, pages: number, matching: number) =>
      `Deltakere med natt på grunn av lang reisevei, og begrunnelsen${pages > 1 ? ` (side ${page} av ${pages}, ${matching} i alt)` : ''}`,
    municipality: 'Kommune',
    name: 'Navn',
    reason: 'Begrunnelse',
    pageOf: (page: number, pages: number, shown: number, matching: number) => `Side ${page} av ${pages}: ${shown} av ${matching}.`,
    pagesLabel: 'Sider med netter på grunn av lang reisevei',
  },
  nn: {
    title: (event: string) => `Hotellnetter – ${event} – Klimasamling`,
    warning: (free: number, daysLeft: number) =>
      `${free} rom er ubrukte, og hotellet frigjer dei ${daysLeft === 0 ? 'i dag' : `om ${daysLeft} ${daysLeft === 1 ? 'dag' : 'dagar'}`}.`,
    bar: (n: { night: string; covered: number; selfPaid: number; free: number; block: number }) =>
      `Natta ${n.night}: ${n.covered} dekte, ${n.selfPaid} eigenbetalte, ${n.free} ledige av ${n.block} rom.`,
    heading: 'Hotellnetter',
    intro: (event: string) =>
      `${event}. Kvart rom er eitt einerom for éin deltakar éi natt. Blått er rom dekte av arrangøren, brunt er rom kommunane betaler sjølve, grått er ledige rom i kvoten.`,
    theNight: (night: string) => `Natta ${night}: `,
    noNights: 'Arrangementet har ingen hotellnetter.',
    roomsCaption: 'Rom per natt',
    night: 'Natt',
    block: 'Romkvote',
    covered: 'Dekt',
    selfPaid: 'Eigenbetalt',
    free: 'Ledige',
    held: 'Halde av frå venteliste',
    waiting: 'På venteliste',
    release: 'Blir frigjort',
    longTravel: 'lang reiseveg',
    reasonsHeading: 'Netter på grunn av lang reiseveg',
    noReasons: 'Ingen har natt på grunn av lang reiseveg.',
    reasonsCaption: (page: number, pages: number, matching: number) =>
      `Deltakarar med natt på grunn av lang reiseveg, og grunngivinga${pages > 1 ? ` (side ${page} av ${pages}, ${matching} i alt)` : ''}`,
    municipality: 'Kommune',
    name: 'Namn',
    reason: 'Grunngiving',
    pageOf: (page: number, pages: number, shown: number, matching: number) => `Side ${page} av ${pages}: ${shown} av ${matching}.`,
    pagesLabel: 'Sider med netter på grunn av lang reiseveg',
  },
})

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
  const t = text[await languageOf(request, context)]
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
        warning: daysLeft !== null && daysLeft >= 0 && daysLeft <= RELEASE_WARNING_DAYS && n.free > 0 ? t.warning(n.free, daysLeft) : null,
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
  const t = useTexts(text)
  return (
    <svg
      role="img"
      aria-labelledby="bars-title"
      viewBox={`0 0 ${width} ${nights.length * row + 10}`}
      style={{ width: '100%', maxWidth: `${width}px`, height: 'auto' }}
    >
      <title id="bars-title">{nights.map((n) => t.bar(n)).join(' ')}</title>
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
  const t = useTexts(text)
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} role={event.role} />
        <Heading level={1} data-size="lg">
          {t.heading}
        </Heading>
        <Paragraph>{t.intro(event.title)}</Paragraph>
      </div>
      {nights
        .filter((n) => n.warning)
        .map((n) => (
          <Alert key={n.id} data-color="warning">
            <Paragraph>
              {t.theNight(n.night)}
              {n.warning}
            </Paragraph>
          </Alert>
        ))}
      {nights.length === 0 ? <Paragraph>{t.noNights}</Paragraph> : <NightBars nights={nights} />}
      <Table>
        <caption>{t.roomsCaption}</caption>
        <Table.Head>
          <Table.Row>
            <Table.HeaderCell>{t.night}</Table.HeaderCell>
            <Table.HeaderCell>{t.block}</Table.HeaderCell>
            <Table.HeaderCell>{t.covered}</Table.HeaderCell>
            <Table.HeaderCell>{t.selfPaid}</Table.HeaderCell>
            <Table.HeaderCell>{t.free}</Table.HeaderCell>
            <Table.HeaderCell>{t.held}</Table.HeaderCell>
            <Table.HeaderCell>{t.waiting}</Table.HeaderCell>
            <Table.HeaderCell>{t.release}</Table.HeaderCell>
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
                    <Tag data-size="sm">{t.longTravel}</Tag>
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
          {t.reasonsHeading}
        </Heading>
        {reasons.length === 0 ? (
          <Paragraph>{t.noReasons}</Paragraph>
        ) : (
          <Table>
            <caption className="visually-hidden">{t.reasonsCaption(reasonsPage.page, reasonsPage.pages, reasonsPage.matching)}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t.night}</Table.HeaderCell>
                <Table.HeaderCell>{t.municipality}</Table.HeaderCell>
                <Table.HeaderCell>{t.name}</Table.HeaderCell>
                <Table.HeaderCell>{t.reason}</Table.HeaderCell>
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
          <Paragraph data-size="sm">{t.pageOf(reasonsPage.page, reasonsPage.pages, reasons.length, reasonsPage.matching)}</Paragraph>
        ) : null}
        <ServerPagination page={reasonsPage.page} pages={reasonsPage.pages} label={t.pagesLabel} />
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.event.title) : 'Klimasamling' },
]
