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
import { languageFormOfMatches, useTexts } from '~/components/language'
import { texts } from '~/domain/language'

const text = texts({
  nb: {
    title: (event: string) => `Inviterte kommuner – ${event} – Klimasamling`,
    inviteLabels: { municipalityId: 'Kommune' },
    withdrawLabels: { registrationId: 'Kommune', reason: 'Begrunnelse' },
    county: (number: string) => `Fylke ${number}`,
    heading: 'Inviterte kommuner',
    intro: (event: string, dates: string, invited: number, withContact: number) =>
      `${event}, ${dates}. ${invited} kommuner er invitert, og ${withContact} har valgt kontaktperson.`,
    noneSent: 'Alle inviterte kommuner har allerede kontaktperson. Ingen invitasjoner ble sendt.',
    sent: (n: number) => `Invitasjonen er sendt til ${n} kommuner uten kontaktperson.`,
    invitedSent: (name: string, to: string) => `${name} er invitert. Invitasjonen er sendt til ${to}.`,
    invitedLater: (name: string) => `${name} er lagt til i listen og får invitasjonen når du sender invitasjonene.`,
    withdrawn: (name: string) => `Invitasjonen til ${name} er trukket tilbake, og kommunen har fått e-post med begrunnelsen.`,
    sendHeading: 'Send invitasjoner',
    sendIntro:
      'Hver kommune uten kontaktperson får en e-post til den offisielle adressen sin, på bokmål eller nynorsk etter kommunens valg, med en lenke der kommunen velger kontaktperson. Lenken slutter å virke når kontaktpersonen er valgt.',
    sending: 'Sender …',
    send: (n: number) => `Send invitasjon til ${n} kommuner`,
    inviteHeading: 'Inviter en kommune til',
    inviteIntro: 'Du kan invitere en kommune til fram til samlingen starter, også fra et annet fylke.',
    invitesAtOnce: 'Kommunen får invitasjonen på e-post med en gang, som de andre kommunene har fått sin.',
    invitesLater: 'Kommunen får invitasjonen når du sender invitasjonene.',
    grouped: 'Kommunene er gruppert etter fylke. Samlingens eget fylke står først.',
    choose: 'Velg kommune',
    invite: 'Inviter',
    withdrawHeading: 'Trekk tilbake en invitasjon',
    withdrawIntro:
      'Bare kommuner uten påmeldte deltakere kan trekkes. Kommunen forsvinner fra alle lister, kontaktpersonen mister tilgangen og invitasjonslenken slutter å virke. Kontaktpersonen, eller kommunens offisielle adresse hvis ingen er valgt, får e-post med begrunnelsen.',
    allHaveParticipants: 'Alle inviterte kommuner har påmeldte deltakere.',
    reasonDescription: 'Kommunen får begrunnelsen på e-post.',
    withdraw: 'Trekk tilbake invitasjonen',
    started: 'Samlingen har startet, så listen over inviterte kommuner kan ikke lenger endres.',
    listHeading: 'Kommunene',
    caption: 'Inviterte kommuner med kontaktperson',
    number: 'Nr.',
    municipality: 'Kommune',
    officialEmail: 'Offisiell e-post',
    contact: 'Kontaktperson',
    invitationSent: 'Invitasjon sendt',
    actions: 'Handlinger',
    notChosen: 'Ikke valgt',
    no: 'Nei',
    changeContact: 'Endre kontaktperson',
    chooseContact: 'Velg kontaktperson',
    forName: (name: string) => ` for ${name}`,
    withdrawShort: 'Trekk tilbake',
    invitationTo: (name: string) => ` invitasjonen til ${name}`,
  },
  nn: {
    title: (event: string) => `Inviterte kommunar – ${event} – Klimasamling`,
    inviteLabels: { municipalityId: 'Kommune' },
    withdrawLabels: { registrationId: 'Kommune', reason: 'Grunngiving' },
    county: (number: string) => `Fylke ${number}`,
    heading: 'Inviterte kommunar',
    intro: (event: string, dates: string, invited: number, withContact: number) =>
      `${event}, ${dates}. ${invited} kommunar er inviterte, og ${withContact} har valt kontaktperson.`,
    noneSent: 'Alle inviterte kommunar har allereie kontaktperson. Ingen invitasjonar vart sende.',
    sent: (n: number) => `Invitasjonen er sendt til ${n} kommunar utan kontaktperson.`,
    invitedSent: (name: string, to: string) => `${name} er invitert. Invitasjonen er sendt til ${to}.`,
    invitedLater: (name: string) => `${name} er lagd til i lista og får invitasjonen når du sender invitasjonane.`,
    withdrawn: (name: string) => `Invitasjonen til ${name} er trekt tilbake, og kommunen har fått e-post med grunngivinga.`,
    sendHeading: 'Send invitasjonar',
    sendIntro:
      'Kvar kommune utan kontaktperson får ein e-post til den offisielle adressa si, på bokmål eller nynorsk etter kva kommunen har valt, med ei lenke der kommunen vel kontaktperson. Lenka sluttar å verke når kontaktpersonen er vald.',
    sending: 'Sender …',
    send: (n: number) => `Send invitasjon til ${n} kommunar`,
    inviteHeading: 'Inviter ein kommune til',
    inviteIntro: 'Du kan invitere ein kommune til fram til samlinga startar, òg frå eit anna fylke.',
    invitesAtOnce: 'Kommunen får invitasjonen på e-post med ein gong, slik dei andre kommunane har fått sin.',
    invitesLater: 'Kommunen får invitasjonen når du sender invitasjonane.',
    grouped: 'Kommunane er grupperte etter fylke. Fylket til samlinga står først.',
    choose: 'Vel kommune',
    invite: 'Inviter',
    withdrawHeading: 'Trekk tilbake ein invitasjon',
    withdrawIntro:
      'Berre kommunar utan påmelde deltakarar kan trekkjast. Kommunen forsvinn frå alle lister, kontaktpersonen mistar tilgangen og invitasjonslenka sluttar å verke. Kontaktpersonen, eller den offisielle adressa til kommunen viss ingen er valt, får e-post med grunngivinga.',
    allHaveParticipants: 'Alle inviterte kommunar har påmelde deltakarar.',
    reasonDescription: 'Kommunen får grunngivinga på e-post.',
    withdraw: 'Trekk tilbake invitasjonen',
    started: 'Samlinga har starta, så lista over inviterte kommunar kan ikkje endrast lenger.',
    listHeading: 'Kommunane',
    caption: 'Inviterte kommunar med kontaktperson',
    number: 'Nr.',
    municipality: 'Kommune',
    officialEmail: 'Offisiell e-post',
    contact: 'Kontaktperson',
    invitationSent: 'Invitasjon sendt',
    actions: 'Handlingar',
    notChosen: 'Ikkje valt',
    no: 'Nei',
    changeContact: 'Endre kontaktperson',
    chooseContact: 'Vel kontaktperson',
    forName: (name: string) => ` for ${name}`,
    withdrawShort: 'Trekk tilbake',
    invitationTo: (name: string) => ` invitasjonen til ${name}`,
  },
})

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const event = (await findEventFor(context.db, { userId: user.id }, idParam(params.eventId), 'event.manage'))?.event
  if (!event) notFound()
  const now = context.now()
  const languageForm = await languageOf(request, context)
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
    const label = m.county_name ? `${m.county_name} (${m.county_number})` : text[languageForm].county(m.county_number)
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
  const t = useTexts(text)
  const { inviteLabels, withdrawLabels } = t
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
          {t.heading}
        </Heading>
        <Paragraph>{t.intro(event.title, event.dates, invited.length, invited.length - withoutContact)}</Paragraph>
        <ErrorAlert messages={sendErrors} />
        {sentNow !== null ? (
          <Alert data-color="success" role="status">
            <Paragraph>{sentNow === 0 ? t.noneSent : t.sent(sentNow)}</Paragraph>
          </Alert>
        ) : null}
        {justInvited ? (
          <Alert data-color="success" role="status">
            <Paragraph>{justInvited.sentTo ? t.invitedSent(justInvited.name, justInvited.sentTo) : t.invitedLater(justInvited.name)}</Paragraph>
          </Alert>
        ) : null}
        {justWithdrawn ? (
          <Alert data-color="success" role="status">
            <Paragraph>{t.withdrawn(justWithdrawn)}</Paragraph>
          </Alert>
        ) : null}
      </div>

      <section aria-labelledby="send" className="stack">
        <Heading level={2} data-size="md" id="send">
          {t.sendHeading}
        </Heading>
        <Paragraph>{t.sendIntro}</Paragraph>
        <Form method="post">
          <input type="hidden" name="intent" value="send-invitations" />
          <Button type="submit" aria-disabled={sending || undefined} disabled={withoutContact === 0}>
            {sending ? t.sending : t.send(withoutContact)}
          </Button>
        </Form>
      </section>

      {open ? (
        <>
          <section aria-labelledby="legg-til" className="stack">
            <Heading level={2} data-size="md" id="legg-til">
              {t.inviteHeading}
            </Heading>
            <Paragraph>
              {t.inviteIntro} {invitesAtOnce ? t.invitesAtOnce : t.invitesLater}
            </Paragraph>
            <FormErrorSummary form={inviteForm} labels={inviteLabels} />
            {/* Remounted when the list changes, so a done form starts empty again (with JavaScript too). */}
            <Form method="post" {...getFormProps(inviteForm)} key={`invite-${invited.length}`} className="stack form-narrow">
              <input type="hidden" name="intent" value="invite" />
              <Field>
                <Label htmlFor={municipalityField.id}>{inviteLabels.municipalityId}</Label>
                <Field.Description id={`${municipalityField.id}-description`} data-field="" className="field-description">
                  {t.grouped}
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
                    {t.choose}
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
                {t.invite}
              </Button>
            </Form>
          </section>

          <section aria-labelledby="trekk" className="stack">
            <Heading level={2} data-size="md" id="trekk">
              {t.withdrawHeading}
            </Heading>
            <Paragraph>{t.withdrawIntro}</Paragraph>
            {withdrawable.length === 0 ? (
              <Paragraph>{t.allHaveParticipants}</Paragraph>
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
                        {t.choose}
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
                  <TextAreaField field={withdrawFields.reason} label={withdrawLabels.reason} description={t.reasonDescription} rows={3} />
                  <Button type="submit" variant="secondary" data-color="danger">
                    {t.withdraw}
                  </Button>
                </Form>
              </>
            )}
          </section>
        </>
      ) : (
        <Paragraph>{t.started}</Paragraph>
      )}

      <section aria-labelledby="liste" className="stack">
        <Heading level={2} data-size="md" id="liste">
          {t.listHeading}
        </Heading>
        <Table>
          <caption className="visually-hidden">{t.caption}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{t.number}</Table.HeaderCell>
              <Table.HeaderCell>{t.municipality}</Table.HeaderCell>
              <Table.HeaderCell>{t.officialEmail}</Table.HeaderCell>
              <Table.HeaderCell>{t.contact}</Table.HeaderCell>
              <Table.HeaderCell>{t.invitationSent}</Table.HeaderCell>
              <Table.HeaderCell>{t.actions}</Table.HeaderCell>
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
                <Table.Cell>{m.contact ?? t.notChosen}</Table.Cell>
                <Table.Cell>{m.invitationSent ?? t.no}</Table.Cell>
                <Table.Cell>
                  <div className="row-actions">
                    <Link asChild>
                      <RemixLink to={`/kommune/${m.id}/kontaktperson`}>
                        {m.contact ? t.changeContact : t.chooseContact}
                        <span className="visually-hidden">{t.forName(m.name)}</span>
                      </RemixLink>
                    </Link>
                    {open && m.participants === 0 ? (
                      <Link asChild>
                        <RemixLink to={`?trekk=${m.id}#withdraw-form`}>
                          {t.withdrawShort}
                          <span className="visually-hidden">{t.invitationTo(m.name)}</span>
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

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.event.title) : 'Klimasamling' },
]
