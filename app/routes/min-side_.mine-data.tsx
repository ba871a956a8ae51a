import { languageOf } from '~/utils/language.server'
import { randomUUID } from 'node:crypto'
import { Alert, Button, Heading, Link, Paragraph, Table } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link as RemixLink, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { FormErrorSummary, getFormProps, intentResult, RadioGroupField, SelectField, TextAreaField, useServerForm } from '~/components/form'
import { formatDate, formatDateTime } from '~/domain/dates'
import { dataRequestFormSchema as requestSchema } from '~/domain/data-request-form'
import { requestableEvents, requestDataChange } from '~/services/data-requests.server'
import { collectMyData } from '~/services/my-data.server'
import { handleIntent, intent, readForm } from '~/utils/forms.server'
import { requireUser } from '~/utils/session.server'

const labels = { eventId: 'Samling', kind: 'Hva vil du?', message: 'Hva gjelder det?' }
const KIND = { correction: 'Retting', deletion: 'Sletting' } as const
const OUTCOME = { done: 'Utført', refused: 'Avslått' } as const
const ROLE = { organiser: 'Arrangør', viewer: 'Lesetilgang', desk: 'Vert i registreringen' } as Record<string, string>

const when = (d: Date | string | null | undefined) => (d ? formatDateTime(new Date(d)) : null)
const day = (d: Date | string) => formatDate(new Date(d))

/**
 * "Mine data" (decision 053): everything stored about the signed-in person,
 * readable and as a JSON file, and the form to ask an event's organisers to
 * correct or delete it before the event starts.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const asker = { id: user.id, email: user.email }
  const [data, events] = await Promise.all([collectMyData(context.db, asker), requestableEvents(context.db, asker, context.now())])
  return {
    idempotencyKey: randomUUID(),
    account: { ...data.account, createdAt: when(data.account.createdAt) },
    sessions: { count: data.sessions.count, lastSeenAt: when(data.sessions.lastSeenAt) },
    participations: data.participations.map((p) => ({
      id: p.id,
      event: p.event.title,
      municipality: p.municipality,
      facts: [
        ['Navn', p.name],
        ['E-post', p.email],
        ['Telefon', p.phone],
        ['Stilling', p.title],
        ['Rolle', p.roleCategory],
        ['Fagområder', p.fieldsOfWork.join(', ')],
        ['Middag', p.attendsDinner ? 'Ja' : 'Nei'],
        ['Kosthold', p.diet],
        ['Allergier', p.allergies],
        ['Tilrettelegging', p.accessibilityNeeds],
        ['Status', p.status],
        ['Påmeldt', when(p.createdAt)],
        ['Sist endret', when(p.updatedAt)],
        ['Avmeldt', when(p.cancelledAt)],
      ].filter((f): f is [string, string] => Boolean(f[1])),
      lists: [
        ['Dager', p.days.map((d) => `${d.label} (${day(d.date)})`)],
        ['Hotellnetter', p.nights.map((n) => `${day(n.night_date)}${n.reason ? `: ${n.reason}` : ''}`)],
        ['Sesjoner', p.sessionChoices.map((c) => c.title)],
        ['Ønsker for sesjoner', p.sessionWishes.map((w) => `${w.rank}. ${w.title}`)],
        ['Temaønsker', p.topicWishes],
        ['Ventelister', p.waitingLists.map((w) => `${w.session ?? (w.night ? `Hotellnatt ${day(w.night)}` : '')}: ${w.status}`)],
        ['Innsjekking', p.checkIns.map((c) => `${day(c.date)}: ${c.arrived ? 'møtt' : 'ikke møtt'}`)],
        ['Oppmøte på webinar', p.webinarAttendance.map((w) => w.title)],
        ['Svar på undersøkelser', p.surveyAnswers.map((a) => `${a.question}: ${[...(a.options ?? []), a.free_text].filter(Boolean).join(', ')}`)],
        ['Bord i kaféen', p.cafeSeats.map((s) => `${s.label}: ${s.topic}`)],
      ].filter((l): l is [string, string[]] => (l[1] as string[]).length > 0) as Array<[string, string[]]>,
    })),
    contactFor: data.contactFor.map((r) => ({ id: r.id, text: `${r.municipality} – ${r.event}`, namedAt: when(r.namedAt) })),
    team: data.team.map((m) => ({ key: `${m.role}-${m.eventId}`, text: `${m.event}: ${ROLE[m.role] ?? m.role}` })),
    emails: data.emails.map((e) => ({
      id: e.id,
      subject: e.subject ?? e.template,
      at: when(e.sentAt ?? e.createdAt),
      status: e.status,
      toYou: e.toYou,
    })),
    audit: data.audit.map((a, i) => ({ key: i, at: when(a.at), action: a.action, byYou: a.byYou })),
    dataRequests: data.dataRequests.map((r) => ({
      id: r.id,
      event: r.event,
      kind: KIND[r.kind],
      message: r.message,
      at: when(r.createdAt),
      outcome: r.outcome ? `${OUTCOME[r.outcome]} ${when(r.handledAt)}${r.outcomeNote ? `: ${r.outcomeNote}` : ''}` : 'Ikke behandlet ennå',
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
  return (
    <div className="stack-lg">
      <div className="stack">
        <Heading level={1} data-size="lg">
          Mine data
        </Heading>
        <Paragraph>Dette er alt Klimasamling har lagret om deg. Du kan laste det ned og be arrangøren rette eller slette det.</Paragraph>
        <Paragraph>
          <Link href="/min-side/mine-data.json" download="mine-data.json">
            Last ned som JSON
          </Link>
        </Paragraph>
      </div>

      <section aria-labelledby="konto" className="stack">
        <Heading level={2} data-size="md" id="konto">
          Kontoen din
        </Heading>
        <dl className="facts">
          <dt>Navn</dt>
          <dd>{data.account.name}</dd>
          <dt>E-post</dt>
          <dd>{data.account.email}</dd>
          {data.account.phone ? (
            <>
              <dt>Telefon</dt>
              <dd>{data.account.phone}</dd>
            </>
          ) : null}
          {data.account.title ? (
            <>
              <dt>Stilling</dt>
              <dd>{data.account.title}</dd>
            </>
          ) : null}
          <dt>Opprettet</dt>
          <dd>{data.account.createdAt}</dd>
          <dt>Innlogginger</dt>
          <dd>
            {data.sessions.count}
            {data.sessions.lastSeenAt ? `, sist brukt ${data.sessions.lastSeenAt}` : ''}
          </dd>
        </dl>
      </section>

      <section aria-labelledby="pameldinger" className="stack">
        <Heading level={2} data-size="md" id="pameldinger">
          Påmeldinger
        </Heading>
        {data.participations.length === 0 ? <Paragraph>Du er ikke påmeldt noen samling.</Paragraph> : null}
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
          Kontaktperson og team
        </Heading>
        {data.contactFor.length + data.team.length === 0 ? <Paragraph>Du er ikke kontaktperson eller med i noe arrangørteam.</Paragraph> : null}
        <ul>
          {data.contactFor.map((r) => (
            <li key={r.id}>
              Kontaktperson for {r.text}
              {r.namedAt ? ` (fra ${r.namedAt})` : ''}
            </li>
          ))}
          {data.team.map((m) => (
            <li key={m.key}>{m.text}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="e-post" className="stack">
        <Heading level={2} data-size="md" id="e-post">
          E-post til deg
        </Heading>
        {data.emails.length === 0 ? (
          <Paragraph>Ingen e-post.</Paragraph>
        ) : (
          <Table>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>Emne</Table.HeaderCell>
                <Table.HeaderCell>Tidspunkt</Table.HeaderCell>
                <Table.HeaderCell>Status</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {data.emails.map((e) => (
                <Table.Row key={e.id}>
                  <Table.Cell>
                    {e.subject}
                    {e.toYou ? '' : ' (kopi)'}
                  </Table.Cell>
                  <Table.Cell>{e.at}</Table.Cell>
                  <Table.Cell>{e.status}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </section>

      <section aria-labelledby="logg" className="stack">
        <Heading level={2} data-size="md" id="logg">
          Endringslogg
        </Heading>
        {data.audit.length === 0 ? (
          <Paragraph>Ingen endringer er logget.</Paragraph>
        ) : (
          <Table>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>Tidspunkt</Table.HeaderCell>
                <Table.HeaderCell>Handling</Table.HeaderCell>
                <Table.HeaderCell>Utført av</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {data.audit.map((a) => (
                <Table.Row key={a.key}>
                  <Table.Cell>{a.at}</Table.Cell>
                  <Table.Cell>{a.action}</Table.Cell>
                  <Table.Cell>{a.byYou ? 'Deg' : 'Andre'}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </section>

      <section aria-labelledby="foresporsler" className="stack">
        <Heading level={2} data-size="md" id="foresporsler">
          Be om retting eller sletting
        </Heading>
        {searchParams.get('sendt') && !answer ? (
          <Alert data-color="success" role="status">
            <Paragraph>Forespørselen er sendt til arrangøren.</Paragraph>
          </Alert>
        ) : null}
        {data.dataRequests.length > 0 ? (
          <Table>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>Samling</Table.HeaderCell>
                <Table.HeaderCell>Gjelder</Table.HeaderCell>
                <Table.HeaderCell>Sendt</Table.HeaderCell>
                <Table.HeaderCell>Svar</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {data.dataRequests.map((r) => (
                <Table.Row key={r.id}>
                  <Table.Cell>{r.event}</Table.Cell>
                  <Table.Cell>
                    {r.kind}: {r.message}
                  </Table.Cell>
                  <Table.Cell>{r.at}</Table.Cell>
                  <Table.Cell>{r.outcome}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        ) : null}
        {data.closedEvents.length > 0 ? (
          <Paragraph>Disse samlingene har startet, så du må ta kontakt med arrangøren direkte: {data.closedEvents.join(', ')}.</Paragraph>
        ) : null}
        {data.events.length === 0 ? (
          <Paragraph>Du kan be om retting eller sletting for samlinger du er påmeldt eller kontaktperson for, fram til samlingen starter.</Paragraph>
        ) : (
          <>
            <FormErrorSummary form={form} labels={labels} />
            <Form method="post" {...getFormProps(form)} className="stack form-narrow">
              <input type="hidden" name="intent" value="request" />
              <input type="hidden" name="idempotencyKey" value={data.idempotencyKey} />
              <SelectField field={fields.eventId} label={labels.eventId} options={data.events} placeholder="Velg samling" />
              <RadioGroupField
                field={fields.kind}
                legend={labels.kind}
                options={[
                  { value: 'correction', label: 'Rette opplysninger' },
                  { value: 'deletion', label: 'Slette opplysninger' },
                ]}
              />
              <TextAreaField field={fields.message} label={labels.message} description="Arrangøren ser meldingen og svarer deg." />
              <Button type="submit">Send til arrangøren</Button>
            </Form>
          </>
        )}
      </section>
      <Paragraph>
        <Link asChild>
          <RemixLink to="/min-side">Tilbake til Min side</RemixLink>
        </Link>
      </Paragraph>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Mine data – Klimasamling' }]
