import { randomUUID } from 'node:crypto'
import { Alert, Button, Heading, Link, Paragraph, Table } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link as RemixLink, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { FormErrorSummary, getFormProps, intentResult, RadioGroupField, SelectField, TextAreaField, useServerForm } from '~/components/form'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { formatDate, formatDateTime } from '~/domain/dates'
import { emailStatusName, emailTemplateName } from '~/domain/email'
import { describeAction } from '~/domain/history'
import { dataRequestFormSchema as requestSchema } from '~/domain/data-request-form'
import { texts } from '~/domain/language'
import { describeParticipantStatus } from '~/domain/participant-status'
import { FIELD_OF_WORK_LABELS, ROLE_CATEGORY_LABELS } from '~/domain/roles'
import { describeWaitingStatus } from '~/domain/waiting-list'
import { requestableEvents, requestDataChange } from '~/services/data-requests.server'
import { collectMyData } from '~/services/my-data.server'
import { handleIntent, intent, readForm } from '~/utils/forms.server'
import { languageOf } from '~/utils/language.server'
import { requireUser } from '~/utils/session.server'
import { EVENT_MEMBER_ROLE_LABELS } from '~/domain/event-permissions'

const text = texts({
  nb: {
    labels: { eventId: 'Samling', kind: 'Hva vil du?', message: 'Hva gjelder det?' },
    kind: { correction: 'Retting', deletion: 'Sletting' },
    outcome: { done: 'Utført', refused: 'Avslått' },
    facts: {
      name: 'Navn',
      email: 'E-post',
      phone: 'Telefon',
      title: 'Stilling',
      role: 'Rolle',
      fieldsOfWork: 'Fagområder',
      dinner: 'Middag',
      yes: 'Ja',
      no: 'Nei',
      diet: 'Kosthold',
      allergies: 'Allergier',
      accessibility: 'Tilrettelegging',
      status: 'Status',
      created: 'Påmeldt',
      updated: 'Sist endret',
      cancelled: 'Avmeldt',
      days: 'Dager',
      nights: 'Hotellnetter',
      sessions: 'Sesjoner',
      sessionWishes: 'Ønsker for sesjoner',
      topicWishes: 'Temaønsker',
      waitingLists: 'Ventelister',
      night: (date: string) => `Hotellnatt ${date}`,
      checkIns: 'Innsjekking',
      arrived: (arrived: boolean): string => (arrived ? 'møtt' : 'ikke møtt'),
      webinars: 'Oppmøte på webinar',
      surveys: 'Svar på undersøkelser',
      cafe: 'Bord i kaféen',
    },
    notHandled: 'Ikke behandlet ennå',
    heading: 'Mine data',
    intro: 'Dette er alt Klimasamling har lagret om deg. Du kan laste det ned og be arrangøren rette eller slette det.',
    download: 'Last ned som JSON',
    account: 'Kontoen din',
    created: 'Opprettet',
    logins: 'Innlogginger',
    lastSeen: (at: string) => `, sist brukt ${at}`,
    participations: 'Påmeldinger',
    noParticipations: 'Du er ikke påmeldt noen samling.',
    roles: 'Kontaktperson og team',
    noRoles: 'Du er ikke kontaktperson eller med i noe arrangørteam.',
    contactFor: (what: string) => `Kontaktperson for ${what}`,
    since: (at: string) => ` (fra ${at})`,
    emails: 'E-post til deg',
    noEmails: 'Ingen e-post.',
    subject: 'Emne',
    time: 'Tidspunkt',
    status: 'Status',
    copy: ' (kopi)',
    audit: 'Endringslogg',
    noAudit: 'Ingen endringer er logget.',
    action: 'Handling',
    by: 'Utført av',
    you: 'Deg',
    others: 'Andre',
    requests: 'Be om retting eller sletting',
    sent: 'Forespørselen er sendt til arrangøren.',
    event: 'Samling',
    concerns: 'Gjelder',
    sentAt: 'Sendt',
    answer: 'Svar',
    started: (events: string) => `Disse samlingene har startet, så du må ta kontakt med arrangøren direkte: ${events}.`,
    whenPossible: 'Du kan be om retting eller sletting for samlinger du er påmeldt eller kontaktperson for, fram til samlingen starter.',
    chooseEvent: 'Velg samling',
    correct: 'Rette opplysninger',
    delete: 'Slette opplysninger',
    messageHint: 'Arrangøren ser meldingen og svarer deg.',
    send: 'Send til arrangøren',
    back: 'Tilbake til Min side',
    title: 'Mine data – Klimasamling',
  },
  nn: {
    labels: { eventId: 'Samling', kind: 'Kva vil du?', message: 'Kva gjeld det?' },
    kind: { correction: 'Retting', deletion: 'Sletting' },
    outcome: { done: 'Utført', refused: 'Avslått' },
    facts: {
      name: 'Namn',
      email: 'E-post',
      phone: 'Telefon',
      title: 'Stilling',
      role: 'Rolle',
      fieldsOfWork: 'Fagområde',
      dinner: 'Middag',
      yes: 'Ja',
      no: 'Nei',
      diet: 'Kosthald',
      allergies: 'Allergiar',
      accessibility: 'Tilrettelegging',
      status: 'Status',
      created: 'Påmeld',
      updated: 'Sist endra',
      cancelled: 'Avmeld',
      days: 'Dagar',
      nights: 'Hotellnetter',
      sessions: 'Sesjonar',
      sessionWishes: 'Ønske for sesjonar',
      topicWishes: 'Temaønske',
      waitingLists: 'Ventelister',
      night: (date: string) => `Hotellnatt ${date}`,
      checkIns: 'Innsjekking',
      arrived: (arrived: boolean): string => (arrived ? 'møtt' : 'ikkje møtt'),
      webinars: 'Oppmøte på webinar',
      surveys: 'Svar på undersøkingar',
      cafe: 'Bord i kaféen',
    },
    notHandled: 'Ikkje behandla enno',
    heading: 'Mine data',
    intro: 'Dette er alt Klimasamling har lagra om deg. Du kan laste det ned og be arrangøren rette eller slette det.',
    download: 'Last ned som JSON',
    account: 'Kontoen din',
    created: 'Oppretta',
    logins: 'Innloggingar',
    lastSeen: (at: string) => `, sist brukt ${at}`,
    participations: 'Påmeldingar',
    noParticipations: 'Du er ikkje påmeld nokon samling.',
    roles: 'Kontaktperson og team',
    noRoles: 'Du er ikkje kontaktperson eller med i noko arrangørteam.',
    contactFor: (what: string) => `Kontaktperson for ${what}`,
    since: (at: string) => ` (frå ${at})`,
    emails: 'E-post til deg',
    noEmails: 'Ingen e-post.',
    subject: 'Emne',
    time: 'Tidspunkt',
    status: 'Status',
    copy: ' (kopi)',
    audit: 'Endringslogg',
    noAudit: 'Ingen endringar er logga.',
    action: 'Handling',
    by: 'Utført av',
    you: 'Deg',
    others: 'Andre',
    requests: 'Be om retting eller sletting',
    sent: 'Førespurnaden er sendt til arrangøren.',
    event: 'Samling',
    concerns: 'Gjeld',
    sentAt: 'Sendt',
    answer: 'Svar',
    started: (events: string) => `Desse samlingane har starta, så du må ta kontakt med arrangøren direkte: ${events}.`,
    whenPossible: 'Du kan be om retting eller sletting for samlingar du er påmeld eller kontaktperson for, fram til samlinga startar.',
    chooseEvent: 'Vel samling',
    correct: 'Rette opplysningar',
    delete: 'Slette opplysningar',
    messageHint: 'Arrangøren ser meldinga og svarar deg.',
    send: 'Send til arrangøren',
    back: 'Tilbake til Mi side',
    title: 'Mine data – Klimasamling',
  },
})

const when = (d: Date | string | null | undefined) => (d ? formatDateTime(new Date(d)) : null)
const day = (d: Date | string) => formatDate(new Date(d))

/** A stored key's label in the reader's form; a key the labels do not know, as it is stored. */
const label = (labels: Readonly<Record<string, string>>, key: string) => (Object.hasOwn(labels, key) ? (labels[key] ?? key) : key)

/**
 * "Mine data" (decision 053): everything stored about the signed-in person,
 * readable and as a JSON file, and the form to ask an event's organisers to
 * correct or delete it before the event starts.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const asker = { id: user.id, email: user.email }
  const [data, events, languageForm] = await Promise.all([
    collectMyData(context.db, asker),
    requestableEvents(context.db, asker, context.now()),
    languageOf(request, context),
  ])
  const t = text[languageForm]
  const f = t.facts
  const role: Record<string, string> = EVENT_MEMBER_ROLE_LABELS[languageForm]
  return {
    idempotencyKey: randomUUID(),
    account: { ...data.account, createdAt: when(data.account.createdAt) },
    sessions: { count: data.sessions.count, lastSeenAt: when(data.sessions.lastSeenAt) },
    participations: data.participations.map((p) => ({
      id: p.id,
      event: p.event.title,
      municipality: p.municipality,
      facts: [
        [f.name, p.name],
        [f.email, p.email],
        [f.phone, p.phone],
        [f.title, p.title],
        [f.role, label(ROLE_CATEGORY_LABELS[languageForm], p.roleCategory)],
        [f.fieldsOfWork, p.fieldsOfWork.map((w) => label(FIELD_OF_WORK_LABELS[languageForm], w)).join(', ')],
        [f.dinner, p.attendsDinner ? f.yes : f.no],
        [f.diet, p.diet],
        [f.allergies, p.allergies],
        [f.accessibility, p.accessibilityNeeds],
        [f.status, describeParticipantStatus(p.status, languageForm)],
        [f.created, when(p.createdAt)],
        [f.updated, when(p.updatedAt)],
        [f.cancelled, when(p.cancelledAt)],
      ].filter((fact): fact is [string, string] => Boolean(fact[1])),
      lists: [
        [f.days, p.days.map((d) => `${d.label} (${day(d.date)})`)],
        [f.nights, p.nights.map((n) => `${day(n.night_date)}${n.reason ? `: ${n.reason}` : ''}`)],
        [f.sessions, p.sessionChoices.map((c) => c.title)],
        [f.sessionWishes, p.sessionWishes.map((w) => `${w.rank}. ${w.title}`)],
        [f.topicWishes, p.topicWishes],
        [f.waitingLists, p.waitingLists.map((w) => `${w.session ?? (w.night ? f.night(day(w.night)) : '')}: ${describeWaitingStatus(w.status, languageForm)}`)],
        [f.checkIns, p.checkIns.map((c) => `${day(c.date)}: ${f.arrived(c.arrived)}`)],
        [f.webinars, p.webinarAttendance.map((w) => w.title)],
        [f.surveys, p.surveyAnswers.map((a) => `${a.question}: ${[...(a.options ?? []), a.free_text].filter(Boolean).join(', ')}`)],
        [f.cafe, p.cafeSeats.map((s) => `${s.label}: ${s.topic}`)],
      ].filter((l): l is [string, string[]] => (l[1] as string[]).length > 0) as Array<[string, string[]]>,
    })),
    contactFor: data.contactFor.map((r) => ({ id: r.id, text: `${r.municipality} – ${r.event}`, namedAt: when(r.namedAt) })),
    team: data.team.map((m) => ({ key: `${m.role}-${m.eventId}`, text: `${m.event}: ${role[m.role] ?? m.role}` })),
    emails: data.emails.map((e) => ({
      id: e.id,
      subject: e.subject ?? emailTemplateName(e.template, languageForm),
      at: when(e.sentAt ?? e.createdAt),
      status: emailStatusName(e.status, languageForm).label,
      toYou: e.toYou,
    })),
    audit: data.audit.map((a, i) => ({ key: i, at: when(a.at), action: describeAction(a.action, languageForm), byYou: a.byYou })),
    dataRequests: data.dataRequests.map((r) => ({
      id: r.id,
      event: r.event,
      kind: t.kind[r.kind],
      message: r.message,
      at: when(r.createdAt),
      outcome: r.outcome ? `${t.outcome[r.outcome]} ${when(r.handledAt)}${r.outcomeNote ? `: ${r.outcomeNote}` : ''}` : t.notHandled,
    })),
    events: events.filter((e) => e.open).map((e) => ({ value: e.id, label: e.title })),
    closedEvents: events.filter((e) => !e.open).map((e) => e.title),
  }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const failed = await handleIntent(
    await readForm(request),
    {
      request: intent(requestSchema, (value) => requestDataChange(context.db, context.mail, { id: user.id, email: user.email }, value, context.now())),
    },
    await languageOf(request, context),
  )
  if (failed) return failed
  return redirect('/min-side/mine-data?sendt=1#foresporsler')
}

export default function MyData() {
  const data = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const [form, fields] = useServerForm<typeof requestSchema>({ lastResult: intentResult(answer, ['request']) })
  const t = useTexts(text)
  return (
    <div className="stack-lg">
      <div className="stack">
        <Heading level={1} data-size="lg">
          {t.heading}
        </Heading>
        <Paragraph>{t.intro}</Paragraph>
        <Paragraph>
          <Link href="/min-side/mine-data.json" download="mine-data.json">
            {t.download}
          </Link>
        </Paragraph>
      </div>

      <section aria-labelledby="konto" className="stack">
        <Heading level={2} data-size="md" id="konto">
          {t.account}
        </Heading>
        <dl className="facts">
          <dt>{t.facts.name}</dt>
          <dd>{data.account.name}</dd>
          <dt>{t.facts.email}</dt>
          <dd>{data.account.email}</dd>
          {data.account.phone ? (
            <>
              <dt>{t.facts.phone}</dt>
              <dd>{data.account.phone}</dd>
            </>
          ) : null}
          {data.account.title ? (
            <>
              <dt>{t.facts.title}</dt>
              <dd>{data.account.title}</dd>
            </>
          ) : null}
          <dt>{t.created}</dt>
          <dd>{data.account.createdAt}</dd>
          <dt>{t.logins}</dt>
          <dd>
            {data.sessions.count}
            {data.sessions.lastSeenAt ? t.lastSeen(data.sessions.lastSeenAt) : ''}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="pameldinger" className="stack">
        <Heading level={2} data-size="md" id="pameldinger">
          {t.participations}
        </Heading>
        {data.participations.length === 0 ? <Paragraph>{t.noParticipations}</Paragraph> : null}
        {data.participations.map((p) => (
          <div key={p.id} className="stack">
            <Heading level={3} data-size="sm">
              {p.event} ({p.municipality})
            </Heading>
            <dl className="facts">
              {p.facts.map(([term, value]) => (
                <div key={term}>
                  <dt>{term}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
              {p.lists.map(([term, values]) => (
                <div key={term}>
                  <dt>{term}</dt>
                  <dd>
                    <ul>
                      {values.map((v) => (
                        <li key={v}>{v}</li>
                      ))}
                    </ul>
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </section>

      <section aria-labelledby="roller" className="stack">
        <Heading level={2} data-size="md" id="roller">
          {t.roles}
        </Heading>
        {data.contactFor.length + data.team.length === 0 ? <Paragraph>{t.noRoles}</Paragraph> : null}
        <ul>
          {data.contactFor.map((r) => (
            <li key={r.id}>
              {t.contactFor(r.text)}
              {r.namedAt ? t.since(r.namedAt) : ''}
            </li>
          ))}
          {data.team.map((m) => (
            <li key={m.key}>{m.text}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="e-post" className="stack">
        <Heading level={2} data-size="md" id="e-post">
          {t.emails}
        </Heading>
        {data.emails.length === 0 ? (
          <Paragraph>{t.noEmails}</Paragraph>
        ) : (
          <RowsTable
            headers={[t.subject, t.time, t.status]}
            rows={data.emails.map((e) => ({ key: e.id, cells: [`${e.subject ?? ''}${e.toYou ? '' : t.copy}`, e.at, e.status] }))}
          />
        )}
      </section>

      <section aria-labelledby="logg" className="stack">
        <Heading level={2} data-size="md" id="logg">
          {t.audit}
        </Heading>
        {data.audit.length === 0 ? (
          <Paragraph>{t.noAudit}</Paragraph>
        ) : (
          <RowsTable headers={[t.time, t.action, t.by]} rows={data.audit.map((a) => ({ key: a.key, cells: [a.at, a.action, a.byYou ? t.you : t.others] }))} />
        )}
      </section>

      <section aria-labelledby="foresporsler" className="stack">
        <Heading level={2} data-size="md" id="foresporsler">
          {t.requests}
        </Heading>
        {searchParams.get('sendt') && !answer ? (
          <Alert data-color="success" role="status">
            <Paragraph>{t.sent}</Paragraph>
          </Alert>
        ) : null}
        {data.dataRequests.length > 0 ? (
          <RowsTable
            headers={[t.event, t.concerns, t.sentAt, t.answer]}
            rows={data.dataRequests.map((r) => ({ key: r.id, cells: [r.event, `${r.kind}: ${r.message}`, r.at, r.outcome] }))}
          />
        ) : null}
        {data.closedEvents.length > 0 ? <Paragraph>{t.started(data.closedEvents.join(', '))}</Paragraph> : null}
        {data.events.length === 0 ? (
          <Paragraph>{t.whenPossible}</Paragraph>
        ) : (
          <>
            <FormErrorSummary form={form} labels={t.labels} />
            <Form method="post" {...getFormProps(form)} className="stack form-narrow">
              <input type="hidden" name="intent" value="request" />
              <input type="hidden" name="idempotencyKey" value={data.idempotencyKey} />
              <SelectField field={fields.eventId} label={t.labels.eventId} options={data.events} placeholder={t.chooseEvent} />
              <RadioGroupField
                field={fields.kind}
                legend={t.labels.kind}
                options={[
                  { value: 'correction', label: t.correct },
                  { value: 'deletion', label: t.delete },
                ]}
              />
              <TextAreaField field={fields.message} label={t.labels.message} description={t.messageHint} />
              <Button type="submit">{t.send}</Button>
            </Form>
          </>
        )}
      </section>
      <Paragraph>
        <Link asChild>
          <RemixLink to="/min-side">{t.back}</RemixLink>
        </Link>
      </Paragraph>
    </div>
  )
}

/** A table of plain text cells under its headers: the page's emails, log and requests. */
function RowsTable({ headers, rows }: { headers: string[]; rows: Array<{ key: string | number; cells: Array<string | null> }> }) {
  return (
    <Table>
      <Table.Head>
        <Table.Row>
          {headers.map((header) => (
            <Table.HeaderCell key={header}>{header}</Table.HeaderCell>
          ))}
        </Table.Row>
      </Table.Head>
      <Table.Body>
        {rows.map((row) => (
          <Table.Row key={row.key}>
            {row.cells.map((cell, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a row's cells are fixed columns
              <Table.Cell key={i}>{cell}</Table.Cell>
            ))}
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: text[languageFormOfMatches(matches)].title }]
