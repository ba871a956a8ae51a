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

const KIND = { correction: 'Retting', deletion: 'Sletting' } as const
const OUTCOME = { done: 'Utført', refused: 'Avslått' } as const

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
  return {
    event: found.event,
    requests: found.requests.map((r) => ({
      id: r.id,
      who: `${r.askerName ?? 'Slettet bruker'}${r.askerEmail ? ` (${r.askerEmail})` : ''}${r.municipality ? `, ${r.municipality}` : ''}`,
      kind: KIND[r.kind],
      message: r.message,
      at: formatDateTime(r.createdAt),
      outcome: r.outcome ? `${OUTCOME[r.outcome]} ${r.handledAt ? formatDateTime(r.handledAt) : ''}${r.handledBy ? ` av ${r.handledBy}` : ''}` : null,
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
  return (
    <>
      <FormErrorSummary form={form} labels={{ outcome: 'Svar', note: 'Merknad' }} />
      <Form method="post" {...getFormProps(form)} className="stack" aria-label={`Behandle forespørselen fra ${who}`}>
        <input type="hidden" name="intent" value="handle" />
        <input type="hidden" name="requestId" value={requestId} />
        <RadioGroupField
          field={fields.outcome}
          legend="Svar"
          options={[
            { value: 'done', label: 'Utført' },
            { value: 'refused', label: 'Avslått' },
          ]}
        />
        <TextAreaField field={fields.note} label="Merknad" rows={2} />
        <Button type="submit" data-size="sm">
          Lagre svar
        </Button>
      </Form>
    </>
  )
}

export default function PersonalDataRequests() {
  const { event, requests } = useLoaderData<typeof loader>()
  const [searchParams] = useSearchParams()
  const answer = useActionData<typeof action>()
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          Personopplysninger
        </Heading>
        <Paragraph>
          {event.title}. Forespørsler fra deltakere og kontaktpersoner om å rette eller slette opplysninger om seg selv. Gjør endringen der opplysningene står,
          og marker forespørselen som utført eller avslått. Personen ser svaret og merknaden under «Mine data».
        </Paragraph>
      </div>
      {searchParams.get('lagret') && !answer ? (
        <Alert data-color="success" role="status">
          <Paragraph>Svaret er lagret.</Paragraph>
        </Alert>
      ) : null}
      {requests.length === 0 ? (
        <Paragraph>Ingen forespørsler.</Paragraph>
      ) : (
        <Table>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>Fra</Table.HeaderCell>
              <Table.HeaderCell>Gjelder</Table.HeaderCell>
              <Table.HeaderCell>Mottatt</Table.HeaderCell>
              <Table.HeaderCell>Status</Table.HeaderCell>
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

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Personopplysninger – ${data.event.title} – Klimasamling` : 'Klimasamling' }]
