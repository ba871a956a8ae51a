import { parseWithZod } from '@conform-to/zod/v4'
import { Alert, Button, Field, Heading, Label, Link, Paragraph, Select, Table } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { OrganiserNav } from '~/components/organiser-nav'
import { formatDateRange, formatDateTime } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { eventPhase } from '~/domain/phase'
import {
  findOrganisedEvent,
  inviteMunicipality,
  listInvitableMunicipalities,
  listInvitedMunicipalities,
  sendInvitations,
  uninviteMunicipality,
} from '~/services/invitations.server'
import { idParam, notFound } from '~/utils/http.server'
import { readForm } from '~/utils/forms.server'
import { requireUser } from '~/utils/session.server'

const schema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('invite'), municipalityId: z.coerce.number({ error: 'Velg en kommune.' }).int().positive('Velg en kommune.') }),
  z.object({ intent: z.literal('uninvite'), registrationId: z.uuid() }),
  z.object({ intent: z.literal('send-invitations') }),
])

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const event = await findOrganisedEvent(context.db, user.id, idParam(params.eventId))
  if (!event) notFound()
  const phase = eventPhase(event, context.now())
  const beforeOpening = phase === 'draft' || phase === 'announced'
  const [invited, invitable] = await Promise.all([
    listInvitedMunicipalities(context.db, event.id),
    beforeOpening ? listInvitableMunicipalities(context.db, event) : Promise.resolve([]),
  ])
  const sent = Number(new URL(request.url).searchParams.get('sendt'))
  return {
    event: { id: event.id, title: event.title, dates: formatDateRange(event.starts_at, event.ends_at) },
    beforeOpening,
    sentNow: Number.isInteger(sent) && sent >= 0 && new URL(request.url).searchParams.has('sendt') ? sent : null,
    invited: invited.map((m) => ({
      id: m.id,
      number: m.number,
      name: m.name,
      officialEmail: m.official_email,
      contact: m.contact_name ? `${m.contact_name} (${m.contact_email})` : null,
      invitationSent: m.invitation_sent_at ? formatDateTime(m.invitation_sent_at) : null,
      participants: Number(m.participant_count ?? 0),
    })),
    invitable,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const eventId = idParam(params.eventId)
  const submission = parseWithZod(await readForm(request), { schema })
  if (submission.status !== 'success') return data({ error: 'Velg en kommune.' }, { status: 400 })
  const actor = { userId: user.id }
  const now = context.now()
  try {
    switch (submission.value.intent) {
      case 'invite':
        if (!(await inviteMunicipality(context.db, actor, eventId, submission.value.municipalityId, now))) notFound()
        return redirect(`/arrangor/${eventId}/kommuner`)
      case 'uninvite':
        if (!(await uninviteMunicipality(context.db, actor, eventId, submission.value.registrationId, now))) notFound()
        return redirect(`/arrangor/${eventId}/kommuner`)
      case 'send-invitations': {
        const sent = await sendInvitations(context.db, context.mail, actor, eventId, now)
        if (sent === null) notFound()
        return redirect(`/arrangor/${eventId}/kommuner?sendt=${sent}`)
      }
    }
  } catch (error) {
    if (error instanceof DomainError) return data({ error: error.messageIn('nb') }, { status: 409 })
    throw error
  }
}

export default function InvitedMunicipalities() {
  const { event, beforeOpening, invited, invitable, sentNow } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const sending = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'send-invitations'
  const withoutContact = invited.filter((m) => !m.contact).length
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          Inviterte kommuner
        </Heading>
        <Paragraph>
          {event.title}, {event.dates}. {invited.length} kommuner er invitert, og {invited.length - withoutContact} har valgt
          kontaktperson.
        </Paragraph>
        {actionData?.error ? (
          <Alert data-color="danger" role="alert">
            <Paragraph>{actionData.error}</Paragraph>
          </Alert>
        ) : null}
        {sentNow !== null ? (
          <Alert data-color="success" role="status">
            <Paragraph>
              {sentNow === 0
                ? 'Alle inviterte kommuner har allerede kontaktperson. Ingen invitasjoner ble sendt.'
                : `Invitasjonen er sendt til ${sentNow} kommuner uten kontaktperson.`}
            </Paragraph>
          </Alert>
        ) : null}
      </div>

      <section aria-labelledby="send" className="stack">
        <Heading level={2} data-size="md" id="send">
          Send invitasjoner
        </Heading>
        <Paragraph>
          Hver kommune uten kontaktperson får en e-post til den offisielle adressen sin, på bokmål eller nynorsk etter
          kommunens valg, med en lenke der kommunen velger kontaktperson. Lenken slutter å virke når kontaktpersonen er
          valgt.
        </Paragraph>
        <Form method="post">
          <input type="hidden" name="intent" value="send-invitations" />
          <Button type="submit" aria-disabled={sending || undefined} disabled={withoutContact === 0}>
            {sending ? 'Sender …' : `Send invitasjon til ${withoutContact} kommuner`}
          </Button>
        </Form>
      </section>

      {beforeOpening ? (
        <section aria-labelledby="legg-til" className="stack">
          <Heading level={2} data-size="md" id="legg-til">
            Inviter en kommune til
          </Heading>
          <Form method="post" className="stack form-narrow">
            <input type="hidden" name="intent" value="invite" />
            <Field>
              <Label>Kommune</Label>
              <Select id="municipalityId" name="municipalityId" defaultValue="">
                <Select.Option value="" disabled>
                  Velg kommune
                </Select.Option>
                {invitable.map((m) => (
                  <Select.Option key={m.id} value={m.id}>
                    {m.name} ({m.number})
                  </Select.Option>
                ))}
              </Select>
            </Field>
            <Button type="submit" variant="secondary">
              Inviter
            </Button>
          </Form>
        </section>
      ) : (
        <Paragraph>Påmeldingen har åpnet, så listen over inviterte kommuner kan ikke lenger endres.</Paragraph>
      )}

      <section aria-labelledby="liste" className="stack">
        <Heading level={2} data-size="md" id="liste">
          Kommunene
        </Heading>
        <Table>
          <caption className="visually-hidden">Inviterte kommuner med kontaktperson</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>Nr.</Table.HeaderCell>
              <Table.HeaderCell>Kommune</Table.HeaderCell>
              <Table.HeaderCell>Offisiell e-post</Table.HeaderCell>
              <Table.HeaderCell>Kontaktperson</Table.HeaderCell>
              <Table.HeaderCell>Invitasjon sendt</Table.HeaderCell>
              <Table.HeaderCell>Handlinger</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {invited.map((m) => (
              <Table.Row key={m.id}>
                <Table.Cell>{m.number}</Table.Cell>
                <Table.Cell>
                  <Link asChild>
                    <RemixLink to={`/kommune/${m.id}`}>{m.name}</RemixLink>
                  </Link>
                </Table.Cell>
                <Table.Cell>{m.officialEmail}</Table.Cell>
                <Table.Cell>{m.contact ?? 'Ikke valgt'}</Table.Cell>
                <Table.Cell>{m.invitationSent ?? 'Nei'}</Table.Cell>
                <Table.Cell>
                  <div className="row-actions">
                    <Link asChild>
                      <RemixLink to={`/kommune/${m.id}/kontaktperson`}>
                        {m.contact ? 'Endre kontaktperson' : 'Velg kontaktperson'}
                        <span className="visually-hidden"> for {m.name}</span>
                      </RemixLink>
                    </Link>
                    {beforeOpening && m.participants === 0 ? (
                      <Form method="post">
                        <input type="hidden" name="intent" value="uninvite" />
                        <input type="hidden" name="registrationId" value={m.id} />
                        <Button type="submit" variant="tertiary" data-size="sm">
                          Fjern<span className="visually-hidden"> {m.name}</span>
                        </Button>
                      </Form>
                    ) : null}
                  </div>
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `Inviterte kommuner – ${data.event.title} – Klimasamling` : 'Klimasamling' },
]
