import { languageOf } from '~/utils/language.server'
import { Alert, Button, Heading, Paragraph, Table } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useSearchParams } from '@remix-run/react'
import { FormErrorSummary, getFormProps, intentResult, RadioGroupField, TextAreaField, useServerForm } from '~/components/form'
import { OrganiserNav } from '~/components/organiser-nav'
import { formatDateTime } from '~/domain/dates'
import { handleDataRequestFormSchema as handleSchema } from '~/domain/data-request-form'
import { handleDataRequest, listDataRequests } from '~/services/data-requests.server'
import { handleIntent, intent, readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { texts } from '~/domain/language'

const text = texts({
  nb: {
    title: (event: string) => `Personopplysninger – ${event} – Klimasamling`,
    kind: { correction: 'Retting', deletion: 'Sletting' },
    outcomes: { done: 'Utført', refused: 'Avslått' },
    deletedUser: 'Slettet bruker',
    by: (name: string) => ` av ${name}`,
    answer: 'Svar',
    note: 'Merknad',
    handle: (who: string) => `Behandle forespørselen fra ${who}`,
    save: 'Lagre svar',
    heading: 'Personopplysninger',
    intro: (event: string) =>
      `${event}. Forespørsler fra deltakere og kontaktpersoner om å rette eller slette opplysninger om seg selv. Gjør endringen der opplysningene står, og marker forespørselen som utført eller avslått. Personen ser svaret og merknaden under «Mine data».`,
    saved: 'Svaret er lagret.',
    none: 'Ingen forespørsler.',
    from: 'Fra',
    concerns: 'Gjelder',
    received: 'Mottatt',
    status: 'Status',
  },
  nn: {
    title: (event: string) => `Personopplysningar – ${event} – Klimasamling`,
    kind: { correction: 'Retting', deletion: 'Sletting' },
    outcomes: { done: 'Utført', refused: 'Avslått' },
    deletedUser: 'Sletta brukar',
    by: (name: string) => ` av ${name}`,
    answer: 'Svar',
    note: 'Merknad',
    handle: (who: string) => `Handsam førespurnaden frå ${who}`,
    save: 'Lagre svar',
    heading: 'Personopplysningar',
    intro: (event: string) =>
      `${event}. Førespurnader frå deltakarar og kontaktpersonar om å rette eller slette opplysningar om seg sjølve. Gjer endringa der opplysningane står, og merk førespurnaden som utført eller avslått. Personen ser svaret og merknaden under «Mine data».`,
    saved: 'Svaret er lagra.',
    none: 'Ingen førespurnader.',
    from: 'Frå',
    concerns: 'Gjeld',
    received: 'Motteke',
    status: 'Status',
  },
})

/**
 * Requests about personal data for one event (decision 053): who asked, for
 * correction or deletion, what they wrote and when; an organiser marks each
 * done or refused, with a note the person sees on their "Mine data" page.
 * Organisers only: a viewer, a desk helper or anyone else gets 404.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const found = await listDataRequests(context.db, { userId: user.id }, idParam(params.eventId))
  if (!found) notFound()
  const t = text[await languageOf(request, context)]
  return {
    event: found.event,
    requests: found.requests.map((r) => ({
      id: r.id,
      who: `${r.askerName ?? t.deletedUser}${r.askerEmail ? ` (${r.askerEmail})` : ''}${r.municipality ? `, ${r.municipality}` : ''}`,
      kind: t.kind[r.kind],
      message: r.message,
      at: formatDateTime(r.createdAt),
      outcome: r.outcome ? `${t.outcomes[r.outcome]} ${r.handledAt ? formatDateTime(r.handledAt) : ''}${r.handledBy ? t.by(r.handledBy) : ''}` : null,
      note: r.outcomeNote,
    })),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const eventId = idParam(params.eventId)
  const failed = await handleIntent(
    await readForm(request),
    {
      handle: intent(handleSchema, (value) => handleDataRequest(context.db, { userId: user.id }, eventId, value, context.now())),
    },
    await languageOf(request, context),
  )
  if (failed) return failed
  return redirect(`/arrangor/${eventId}/personopplysninger?lagret=1`)
}

function HandleForm({ requestId, who }: { requestId: string; who: string }) {
  const answer = useActionData<typeof action>()
  const mine = answer && answer.intent === 'handle' && answer.result?.initialValue?.requestId === requestId ? answer : undefined
  const [form, fields] = useServerForm<typeof handleSchema>({ id: `behandle-${requestId}`, lastResult: intentResult(mine, ['handle']) })
  const t = useTexts(text)
  return (
    <>
      <FormErrorSummary form={form} labels={{ outcome: t.answer, note: t.note }} />
      <Form method="post" {...getFormProps(form)} className="stack" aria-label={t.handle(who)}>
        <input type="hidden" name="intent" value="handle" />
        <input type="hidden" name="requestId" value={requestId} />
        <RadioGroupField
          field={fields.outcome}
          legend={t.answer}
          options={[
            { value: 'done', label: t.outcomes.done },
            { value: 'refused', label: t.outcomes.refused },
          ]}
        />
        <TextAreaField field={fields.note} label={t.note} rows={2} />
        <Button type="submit" data-size="sm">
          {t.save}
        </Button>
      </Form>
    </>
  )
}

export default function PersonalDataRequests() {
  const { event, requests } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const answer = useActionData<typeof action>()
  const t = useTexts(text)
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          {t.heading}
        </Heading>
        <Paragraph>{t.intro(event.title)}</Paragraph>
      </div>
      {searchParams.get('lagret') && !answer ? (
        <Alert data-color="success" role="status">
          <Paragraph>{t.saved}</Paragraph>
        </Alert>
      ) : null}
      {requests.length === 0 ? (
        <Paragraph>{t.none}</Paragraph>
      ) : (
        <Table>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t.from}</Table.HeaderCell>
              <Table.HeaderCell>{t.concerns}</Table.HeaderCell>
              <Table.HeaderCell>{t.received}</Table.HeaderCell>
              <Table.HeaderCell>{t.status}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {requests.map((r) => (
              <Table.Row key={r.id}>
                <Table.Cell>{r.who}</Table.Cell>
                <Table.Cell>
                  {r.kind}: {r.message}
                </Table.Cell>
                <Table.Cell>{r.at}</Table.Cell>
                <Table.Cell>
                  {r.outcome ? (
                    <>
                      {r.outcome}
                      {r.note ? `: ${r.note}` : ''}
                    </>
                  ) : (
                    <HandleForm requestId={r.id} who={r.who} />
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      )}
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.event.title) : 'Klimasamling' },
]
