import { Alert, Heading, Link, Paragraph, Table, Tag } from '@digdir/designsystemet-react'
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link as RemixLink, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { OrganiserNav } from '~/components/organiser-nav'
import { pageParam, ServerPagination } from '~/components/pagination'
import { formatDateTime } from '~/domain/dates'
import { EMAIL_STATUSES, emailStatusName, emailTemplateName } from '~/domain/email'
import { listEventEmails } from '~/services/event-mail.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { texts } from '~/domain/language'
import { languageOf } from '~/utils/language.server'

const text = texts({
  nb: {
    title: (event: string) => `E-post – ${event} – Klimasamling`,
    all: 'Alle',
    afterAttempts: (n: number) => `etter ${n} forsøk`,
    retryAt: (at: string) => `nytt forsøk ${at}`,
    heading: 'E-post',
    intro: (event: string) =>
      `${event}. Her er all e-post som er sendt, eller skal sendes, om dette arrangementet: invitasjoner, beskjeder til kontaktpersoner og påmeldingsbekreftelser. E-post som har feilet, kan sendes på nytt fra siden for hver e-post.`,
    write: 'Skriv til alle deltakerne',
    noneQueued: 'Ingen ny e-post ble lagt i kø: ingen er påmeldt, eller meldingen var alt sendt.',
    queued: (n: number) => `Meldingen er lagt i kø til ${n} ${n === 1 ? 'deltaker' : 'deltakere'} og sendes om kort tid.`,
    filterLabel: 'Vis e-post med status',
    withStatus: (label: string) => `E-post med status «${label}»`,
    allEmail: 'All e-post',
    noneWithStatus: (label: string) => `Ingen e-post har status «${label}».`,
    none: 'Ingen e-post er sendt om dette arrangementet ennå. Når du sender invitasjoner, eller kommunene velger kontaktperson og melder på deltakere, kommer e-posten her.',
    pageOf: (page: number, pages: number, shown: number, matching: number) => `Side ${page} av ${pages}: ${shown} av ${matching}, nyeste først.`,
    caption: 'E-post om arrangementet, nyeste først',
    time: 'Tidspunkt',
    recipient: 'Mottaker',
    subject: 'Emne',
    template: 'Mal',
    status: 'Status',
    copy: 'kopi:',
    pagesLabel: 'Sider med e-post',
  },
  nn: {
    title: (event: string) => `E-post – ${event} – Klimasamling`,
    all: 'Alle',
    afterAttempts: (n: number) => `etter ${n} forsøk`,
    retryAt: (at: string) => `nytt forsøk ${at}`,
    heading: 'E-post',
    intro: (event: string) =>
      `${event}. Her er all e-post som er sendt, eller skal sendast, om dette arrangementet: invitasjonar, beskjedar til kontaktpersonar og stadfestingar av påmeldingar. E-post som har feila, kan sendast på nytt frå sida for kvar e-post.`,
    write: 'Skriv til alle deltakarane',
    noneQueued: 'Ingen ny e-post vart lagd i kø: ingen er påmelde, eller meldinga var alt sendt.',
    queued: (n: number) => `Meldinga er lagd i kø til ${n} ${n === 1 ? 'deltakar' : 'deltakarar'} og blir sendt om kort tid.`,
    filterLabel: 'Vis e-post med status',
    withStatus: (label: string) => `E-post med status «${label}»`,
    allEmail: 'All e-post',
    noneWithStatus: (label: string) => `Ingen e-post har status «${label}».`,
    none: 'Ingen e-post er sendt om dette arrangementet enno. Når du sender invitasjonar, eller kommunane vel kontaktperson og melder på deltakarar, kjem e-posten her.',
    pageOf: (page: number, pages: number, shown: number, matching: number) => `Side ${page} av ${pages}: ${shown} av ${matching}, nyaste først.`,
    caption: 'E-post om arrangementet, nyaste først',
    time: 'Tidspunkt',
    recipient: 'Mottakar',
    subject: 'Emne',
    template: 'Mal',
    status: 'Status',
    copy: 'kopi:',
    pagesLabel: 'Sider med e-post',
  },
})

/** Emails to a page, newest first (decision 41, docs/decisions); the counts cover them all. */
const PAGE_SIZE = 50

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  // The status filter; anything else shows every email.
  const status = z
    .enum(EMAIL_STATUSES)
    .optional()
    .catch(undefined)
    .parse(new URL(request.url).searchParams.get('status') ?? undefined)
  const list = await listEventEmails(context.db, { userId: user.id }, idParam(params.eventId), {
    status,
    limit: PAGE_SIZE,
    page: pageParam(new URL(request.url).searchParams.get('side')),
  })
  if (!list) notFound()
  const { event, emails, counts, page } = list
  const sent = new URL(request.url).searchParams.get('melding')
  const languageForm = await languageOf(request, context)
  const t = text[languageForm]
  return {
    event,
    messageQueued: sent !== null && /^\d+$/.test(sent) ? Number(sent) : null,
    status: status ?? null,
    filters: [
      { status: null, label: t.all, count: counts.all },
      ...EMAIL_STATUSES.map((s) => ({ status: s, label: emailStatusName(s, languageForm).label, count: counts[s] })),
    ],
    page,
    emails: emails.map((e) => ({
      id: e.id,
      time: formatDateTime(e.created_at),
      to: e.to_addresses.join(', '),
      cc: e.cc_addresses.join(', '),
      subject: e.subject,
      template: emailTemplateName(e.template, languageForm),
      status: emailStatusName(e.status, languageForm),
      note: e.status === 'failed' ? t.afterAttempts(e.attempts) : e.status === 'queued' && e.attempts > 0 ? t.retryAt(formatDateTime(e.next_attempt_at)) : null,
    })),
  }
}

export default function EventEmails() {
  const { event, status, filters, emails, page, messageQueued } = useLoaderData<typeof loader>()
  const current = filters.find((f) => f.status === status)
  const t = useTexts(text)
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          {t.heading}
        </Heading>
        <Paragraph>{t.intro(event.title)}</Paragraph>
        <Paragraph>
          <Link asChild>
            <RemixLink to={`/arrangor/${event.id}/e-post/ny`}>{t.write}</RemixLink>
          </Link>
        </Paragraph>
        {messageQueued !== null ? (
          <Alert data-color="success" role="status">
            <Paragraph>{messageQueued === 0 ? t.noneQueued : t.queued(messageQueued)}</Paragraph>
          </Alert>
        ) : null}
      </div>

      <nav aria-label={t.filterLabel}>
        <ul className="row-actions" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {filters.map((f) => (
            <li key={f.label}>
              <Link asChild>
                <RemixLink
                  to={f.status ? `/arrangor/${event.id}/e-post?status=${f.status}` : `/arrangor/${event.id}/e-post`}
                  aria-current={f.status === status ? 'true' : undefined}
                  style={f.status === status ? { fontWeight: 600, textDecoration: 'none' } : undefined}
                >
                  {f.label} ({f.count})
                </RemixLink>
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="liste" className="stack">
        <Heading level={2} data-size="md" id="liste">
          {status ? t.withStatus(current?.label ?? '') : t.allEmail}
        </Heading>
        {emails.length === 0 ? (
          <Paragraph>{status ? t.noneWithStatus(current?.label ?? '') : t.none}</Paragraph>
        ) : (
          <>
            {page.pages > 1 ? <Paragraph>{t.pageOf(page.page, page.pages, emails.length, page.matching)}</Paragraph> : null}
            <Table>
              <caption className="visually-hidden">{t.caption}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t.time}</Table.HeaderCell>
                  <Table.HeaderCell>{t.recipient}</Table.HeaderCell>
                  <Table.HeaderCell>{t.subject}</Table.HeaderCell>
                  <Table.HeaderCell>{t.template}</Table.HeaderCell>
                  <Table.HeaderCell>{t.status}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {emails.map((e) => (
                  <Table.Row key={e.id}>
                    <Table.Cell>{e.time}</Table.Cell>
                    <Table.Cell>
                      {e.to}
                      {e.cc ? (
                        <>
                          <br />
                          {t.copy} {e.cc}
                        </>
                      ) : null}
                    </Table.Cell>
                    <Table.Cell>
                      <Link asChild>
                        <RemixLink to={`/arrangor/${event.id}/e-post/${e.id}`}>{e.subject}</RemixLink>
                      </Link>
                    </Table.Cell>
                    <Table.Cell>{e.template}</Table.Cell>
                    <Table.Cell>
                      <Tag data-color={e.status.color} data-size="sm">
                        {e.status.label}
                      </Tag>
                      {e.note ? (
                        <>
                          <br />
                          {e.note}
                        </>
                      ) : null}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
            <ServerPagination page={page.page} pages={page.pages} label={t.pagesLabel} />
          </>
        )}
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.event.title) : 'Klimasamling' },
]
