import { languageOf } from '~/utils/language.server'
import { Alert, Button, Field, Heading, Label, Link, Paragraph, Select, Table, ValidationMessage } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { FormErrorSummary, getFormProps, intentErrors, intentResult, TextAreaField, useServerForm } from '~/components/form'
import { OrganiserNav } from '~/components/organiser-nav'
import { formatDateRange, formatDateTime } from '~/domain/dates'
import { invitationListOpen, invitesAtOnce, inviteFormSchema, withdrawFormSchema } from '~/domain/invitations'
import {
  inviteMunicipality,
  listInvitableMunicipalities,
  listInvitedMunicipalities,
  sendInvitations,
  withdrawMunicipality,
} from '~/services/invitations.server'
import { findEventFor } from '~/services/access.server'
import { handleIntent, intent, readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { ErrorAlert } from '~/components/error-alert'

const inviteLabels = { municipalityId: 'Kommune' }
const withdrawLabels = { registrationId: 'Kommune', reason: 'Begrunnelse' }

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const event = (await findEventFor(context.db, { userId: user.id }, idParam(params.eventId), 'event.manage'))?.event
  if (!event) notFound()
  const now = context.now()
  const open = invitationListOpen(event, now)
  const [invited, invitable] = await Promise.all([
    listInvitedMunicipalities(context.db, { userId: user.id }, event.id),
    open ? listInvitableMunicipalities(context.db, { userId: user.id }, event.id) : Promise.resolve([]),
  ])
  if (!invited || !invitable) notFound()
  const url = new URL(request.url)
  const sent = Number(url.searchParams.get('sendt'))
  const justInvited = invited.find((m) => m.id === url.searchParams.get('invitert'))
  const justWithdrawn = invitable.find((m) => m.number === url.searchParams.get('trukket'))
  // The event's own county first, then the others by county number.
  const groups = new Map<string, { label: string; options: Array<{ value: string; label: string }> }>()
  for (const m of [...invitable].sort((a, b) => Number(b.county_number === event.county_number) - Number(a.county_number === event.county_number))) {
    const label = m.county_name ? `${m.county_name} (${m.county_number})` : `Fylke ${m.county_number}`
    const group = groups.get(m.county_number) ?? { label, options: [] }
    group.options.push({ value: String(m.id), label: `${m.name} (${m.number})` })
    groups.set(m.county_number, group)
  }
  return {
    event: { id: event.id, title: event.title, dates: formatDateRange(event.starts_at, event.ends_at) },
    open,
    invitesAtOnce: invitesAtOnce(
      event,
      now,
      invited.some((m) => m.invitation_sent_at),
    ),
    sentNow: Number.isInteger(sent) && sent >= 0 && url.searchParams.has('sendt') ? sent : null,
    justInvited: justInvited ? { name: justInvited.name, sentTo: justInvited.invitation_sent_at ? justInvited.official_email : null } : null,
    justWithdrawn: justWithdrawn ? justWithdrawn.name : null,
    withdrawSelected: url.searchParams.get('trekk') ?? undefined,
    invited: invited.map((m) => ({
      id: m.id,
      number: m.number,
      name: m.name,
      officialEmail: m.official_email,
      contact: m.contact_name ? `${m.contact_name} (${m.contact_email})` : null,
      invitationSent: m.invitation_sent_at ? formatDateTime(m.invitation_sent_at) : null,
      participants: Number(m.participant_count ?? 0),
    })),
    invitableGroups: [...groups.values()],
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const eventId = idParam(params.eventId)
  const actor = { userId: user.id }
  const now = context.now()
  const { db, mail } = context
  let next = `/arrangor/${eventId}/kommuner`
  const failed = await handleIntent(
    await readForm(request),
    {
      invite: intent(inviteFormSchema, async ({ municipalityId }) => {
        const invited = await inviteMunicipality(db, mail, actor, eventId, municipalityId, now)
        if (invited) next += `?invitert=${invited.id}`
        return invited
      }),
      withdraw: intent(withdrawFormSchema, async (input) => {
        const withdrawn = await withdrawMunicipality(db, mail, actor, eventId, input, now)
        if (withdrawn) next += `?trukket=${encodeURIComponent(withdrawn.number)}`
        return withdrawn
      }),
      'send-invitations': intent(z.object({}), async () => {
        const sent = await sendInvitations(db, mail, actor, eventId, now)
        if (sent !== null) next += `?sendt=${sent}`
        return sent
      }),
    },
    await languageOf(request, context),
  )
  return failed ?? redirect(next)
}

export default function InvitedMunicipalities() {
  const { event, open, invitesAtOnce, invited, invitableGroups, sentNow, justInvited, justWithdrawn, withdrawSelected } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const sending = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'send-invitations'
  const withoutContact = invited.filter((m) => !m.contact).length
  const withdrawable = invited.filter((m) => m.participants === 0)
  const [inviteForm, inviteFields] = useServerForm<typeof inviteFormSchema>({ id: 'invite-form', lastResult: intentResult(actionData, ['invite']) })
  const withdrawResult = intentResult(actionData, ['withdraw'])
  const [withdrawForm, withdrawFields] = useServerForm<typeof withdrawFormSchema>({ id: 'withdraw-form', lastResult: withdrawResult })
  const sendErrors = intentErrors(intentResult(actionData, ['send-invitations']))
  const municipalityField = inviteFields.municipalityId
  const registrationField = withdrawFields.registrationId
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          Inviterte kommuner
        </Heading>
        <Paragraph>
          {event.title}, {event.dates}. {invited.length} kommuner er invitert, og {invited.length - withoutContact} har valgt kontaktperson.
        </Paragraph>
        <ErrorAlert messages={sendErrors} />
        {sentNow !== null ? (
          <Alert data-color="success" role="status">
            <Paragraph>
              {sentNow === 0
                ? 'Alle inviterte kommuner har allerede kontaktperson. Ingen invitasjoner ble sendt.'
                : `Invitasjonen er sendt til ${sentNow} kommuner uten kontaktperson.`}
            </Paragraph>
          </Alert>
        ) : null}
        {justInvited ? (
          <Alert data-color="success" role="status">
            <Paragraph>
              {justInvited.sentTo
                ? `${justInvited.name} er invitert. Invitasjonen er sendt til ${justInvited.sentTo}.`
                : `${justInvited.name} er lagt til i listen og får invitasjonen når du sender invitasjonene.`}
            </Paragraph>
          </Alert>
        ) : null}
        {justWithdrawn ? (
          <Alert data-color="success" role="status">
            <Paragraph>Invitasjonen til {justWithdrawn} er trukket tilbake, og kommunen har fått e-post med begrunnelsen.</Paragraph>
          </Alert>
        ) : null}
      </div>

      <section aria-labelledby="send" className="stack">
        <Heading level={2} data-size="md" id="send">
          Send invitasjoner
        </Heading>
        <Paragraph>
          Hver kommune uten kontaktperson får en e-post til den offisielle adressen sin, på bokmål eller nynorsk etter kommunens valg, med en lenke der kommunen
          velger kontaktperson. Lenken slutter å virke når kontaktpersonen er valgt.
        </Paragraph>
        <Form method="post">
          <input type="hidden" name="intent" value="send-invitations" />
          <Button type="submit" aria-disabled={sending || undefined} disabled={withoutContact === 0}>
            {sending ? 'Sender …' : `Send invitasjon til ${withoutContact} kommuner`}
          </Button>
        </Form>
      </section>

      {open ? (
        <>
          <section aria-labelledby="legg-til" className="stack">
            <Heading level={2} data-size="md" id="legg-til">
              Inviter en kommune til
            </Heading>
            <Paragraph>
              Du kan invitere en kommune til fram til samlingen starter, også fra et annet fylke.{' '}
              {invitesAtOnce
                ? 'Kommunen får invitasjonen på e-post med en gang, som de andre kommunene har fått sin.'
                : 'Kommunen får invitasjonen når du sender invitasjonene.'}
            </Paragraph>
            <FormErrorSummary form={inviteForm} labels={inviteLabels} />
            {/* Remounted when the list changes, so a done form starts empty again (with JavaScript too). */}
            <Form method="post" {...getFormProps(inviteForm)} key={`invite-${invited.length}`} className="stack form-narrow">
              <input type="hidden" name="intent" value="invite" />
              <Field>
                <Label htmlFor={municipalityField.id}>{inviteLabels.municipalityId}</Label>
                <Field.Description id={`${municipalityField.id}-description`} data-field="" className="field-description">
                  Kommunene er gruppert etter fylke. Samlingens eget fylke står først.
                </Field.Description>
                <Select
                  id={municipalityField.id}
                  name={municipalityField.name}
                  key={municipalityField.key}
                  defaultValue={typeof municipalityField.initialValue === 'string' ? municipalityField.initialValue : ''}
                  aria-invalid={municipalityField.errors ? true : undefined}
                  aria-describedby={[`${municipalityField.id}-description`, municipalityField.errors ? `${municipalityField.id}-error` : null]
                    .filter(Boolean)
                    .join(' ')}
                >
                  <Select.Option value="" disabled>
                    Velg kommune
                  </Select.Option>
                  {invitableGroups.map((group) => (
                    <Select.Optgroup key={group.label} label={group.label}>
                      {group.options.map((o) => (
                        <Select.Option key={o.value} value={o.value}>
                          {o.label}
                        </Select.Option>
                      ))}
                    </Select.Optgroup>
                  ))}
                </Select>
                {municipalityField.errors ? (
                  <ValidationMessage id={`${municipalityField.id}-error`} data-field="">
                    {municipalityField.errors.join(' ')}
                  </ValidationMessage>
                ) : null}
              </Field>
              <Button type="submit" variant="secondary">
                Inviter
              </Button>
            </Form>
          </section>

          <section aria-labelledby="trekk" className="stack">
            <Heading level={2} data-size="md" id="trekk">
              Trekk tilbake en invitasjon
            </Heading>
            <Paragraph>
              Bare kommuner uten påmeldte deltakere kan trekkes. Kommunen forsvinner fra alle lister, kontaktpersonen mister tilgangen og invitasjonslenken
              slutter å virke. Kontaktpersonen, eller kommunens offisielle adresse hvis ingen er valgt, får e-post med begrunnelsen.
            </Paragraph>
            {withdrawable.length === 0 ? (
              <Paragraph>Alle inviterte kommuner har påmeldte deltakere.</Paragraph>
            ) : (
              <>
                <FormErrorSummary form={withdrawForm} labels={withdrawLabels} />
                <Form method="post" {...getFormProps(withdrawForm)} key={`withdraw-${invited.length}`} className="stack form-narrow">
                  <input type="hidden" name="intent" value="withdraw" />
                  <Field>
                    <Label htmlFor={registrationField.id}>{withdrawLabels.registrationId}</Label>
                    <Select
                      id={registrationField.id}
                      name={registrationField.name}
                      // A row's "Trekk tilbake" link chooses the municipality (?trekk=); after a refused submit, what was sent.
                      key={`${registrationField.key}-${withdrawSelected ?? ''}`}
                      defaultValue={(withdrawResult ? registrationField.initialValue : withdrawSelected) ?? ''}
                      aria-invalid={registrationField.errors ? true : undefined}
                      aria-describedby={registrationField.errors ? `${registrationField.id}-error` : undefined}
                    >
                      <Select.Option value="" disabled>
                        Velg kommune
                      </Select.Option>
                      {withdrawable.map((m) => (
                        <Select.Option key={m.id} value={m.id}>
                          {m.name} ({m.number})
                        </Select.Option>
                      ))}
                    </Select>
                    {registrationField.errors ? (
                      <ValidationMessage id={`${registrationField.id}-error`} data-field="">
                        {registrationField.errors.join(' ')}
                      </ValidationMessage>
                    ) : null}
                  </Field>
                  <TextAreaField field={withdrawFields.reason} label={withdrawLabels.reason} description="Kommunen får begrunnelsen på e-post." rows={3} />
                  <Button type="submit" variant="secondary" data-color="danger">
                    Trekk tilbake invitasjonen
                  </Button>
                </Form>
              </>
            )}
          </section>
        </>
      ) : (
        <Paragraph>Samlingen har startet, så listen over inviterte kommuner kan ikke lenger endres.</Paragraph>
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
                    {open && m.participants === 0 ? (
                      <Link asChild>
                        <RemixLink to={`?trekk=${m.id}#withdraw-form`}>
                          Trekk tilbake<span className="visually-hidden"> invitasjonen til {m.name}</span>
                        </RemixLink>
                      </Link>
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

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Inviterte kommuner – ${data.event.title} – Klimasamling` : 'Klimasamling' }]
