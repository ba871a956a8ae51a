import { randomUUID } from 'node:crypto'
import { getFormProps, useForm } from '@conform-to/react'
import { parseWithZod } from '@conform-to/zod/v4'
import { Button, Fieldset, Heading, Link, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { CheckboxField, CheckboxGroupField, Choice, FormErrorSummary, SelectField, TextAreaField, TextField } from '~/components/form'
import { formatClockRange, formatDay, formatNight } from '~/domain/dates'
import { formatKroner } from '~/domain/money'
import { gatherSessionChoices, participantFieldLabels, participantFormSchema } from '~/domain/participant-form'
import { eventPhase } from '~/domain/phase'
import { describeRoles, FIELDS_OF_WORK, ROLE_CATEGORIES } from '~/domain/roles'
import { findRegistrationForUser } from '~/services/contact-persons.server'
import { enrolParticipant } from '~/services/enrolment.server'
import { getEnrolmentOptions, getRegistrationOverview } from '~/services/registration-view.server'
import { replyWithDomainError, readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const registration = await findRegistrationForUser(context.db, user.id, idParam(params.registrationId))
  if (!registration) notFound()
  const phase = eventPhase(registration, context.now())
  const canEnrol = phase === 'open' || (registration.role === 'organiser' && phase === 'closed')
  const [options, overview] = await Promise.all([
    getEnrolmentOptions(context.db, registration.event_id),
    getRegistrationOverview(context.db, registration.id),
  ])
  const { meters, prices } = overview
  const about = meters.approximate ? 'ca. ' : ''
  const money = (ore: number | null) => (ore === null ? 'pris ikke fastsatt' : `${about}${formatKroner(ore)}`)
  const overnightLeft = Math.max(0, meters.overnightQuota - meters.overnightUsed)
  const dayLeft = Math.max(0, meters.dayPackagesQuota - meters.dayPackagesUsed)
  const dayName = new Map(options.days.map((d) => [d.id, d.label]))
  return {
    id: registration.id,
    municipality: registration.municipality_name,
    event: registration.event_title,
    canEnrol,
    idempotencyKey: randomUUID(),
    explanation: [
      overnightLeft > 0
        ? `Med overnatting: dekket av arrangøren. Kommunen har ${overnightLeft} av ${meters.overnightQuota} dekkede overnattingsplasser igjen.`
        : `Med overnatting: egenbetalt, ${money(prices.price_overnight_package_ore)}. Kommunens ${meters.overnightQuota} dekkede plasser er brukt.`,
      dayLeft > 0
        ? `Uten overnatting: ${dayLeft} dekket dagpakke igjen; dager utover det koster ${money(prices.price_day_package_ore)} per dag.`
        : `Uten overnatting: egenbetalt, ${money(prices.price_day_package_ore)} per dag${prices.price_dinner_ore !== null ? `, middag ${money(prices.price_dinner_ore)}` : ''}.`,
    ],
    days: options.days.map((d) => ({ value: d.id, label: `${d.label}, ${formatDay(d.date)}` })),
    nights: options.nights.map((n) => {
      const left = n.rooms_in_block - (n.taken ?? 0)
      const notes = [left <= 0 ? 'fullt – velg dagpakke i stedet' : `${left} rom igjen`, n.requires_reason ? 'bare ved lang reisevei' : null]
      return { value: n.id, label: `Natten ${formatNight(n.night_date)} (${notes.filter(Boolean).join(', ')})` }
    }),
    slots: options.slots.map((s) => ({
      id: s.id,
      label: `${s.label}, ${dayName.get(s.event_day_id) ?? ''} ${formatClockRange(s.starts_at, s.ends_at)}`,
      items: options.items
        .filter((i) => i.slot_id === s.id)
        .map((i) => ({
          id: i.id,
          title: i.title,
          note: [
            i.capacity === null ? null : `${Math.max(0, i.capacity - (i.chosen ?? 0))} plasser igjen`,
            i.restricted_to_roles.length ? `bare for ${describeRoles(i.restricted_to_roles).toLowerCase()}` : null,
          ]
            .filter(Boolean)
            .join(', '),
        })),
    })),
    signups: options.items
      .filter((i) => !i.slot_id && i.requires_signup)
      .map((i) => ({ id: i.id, title: i.title, note: i.capacity === null ? '' : `${Math.max(0, i.capacity - (i.chosen ?? 0))} plasser igjen` })),
    topics: options.topics.map((t) => ({ value: t.id, label: t.label })),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const registrationId = idParam(params.registrationId)
  const submission = parseWithZod(gatherSessionChoices(await readForm(request)), { schema: participantFormSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    const participant = await enrolParticipant(context.db, { userId: user.id }, { ...submission.value, registrationId }, context.now())
    if (!participant) notFound()
    return redirect(`/kommune/${registrationId}`)
  } catch (error) {
    return data(replyWithDomainError(submission, error), { status: 409 })
  }
}

export default function NewParticipant() {
  const r = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const submitting = useNavigation().state === 'submitting'
  const [form, fields] = useForm({
    lastResult,
    defaultValue: { idempotencyKey: r.idempotencyKey, attendsDinner: 'on', dayIds: r.days.map((d) => d.value) },
    shouldValidate: 'onSubmit',
    onValidate: ({ formData }) => parseWithZod(gatherSessionChoices(formData), { schema: participantFormSchema }),
  })
  const chosen = new Set((lastResult?.initialValue?.sessionIds as string[] | string | undefined) ?? [])
  if (!r.canEnrol) {
    return (
      <div className="stack">
        <Heading level={1} data-size="lg">
          Påmeldingen er ikke åpen
        </Heading>
        <Paragraph>
          Nye deltakere kan ikke meldes på nå. Etter fristen kan en påmeldt deltaker erstattes av en annen fra kommunen;
          ta ellers kontakt med arrangøren.
        </Paragraph>
      </div>
    )
  }
  return (
    <div className="stack-lg">
      <div className="stack">
        <Paragraph>
          <Link asChild>
            <RemixLink to={`/kommune/${r.id}`}>Tilbake til {r.municipality} kommune</RemixLink>
          </Link>
        </Paragraph>
        <Heading level={1} data-size="lg">
          Meld på en deltaker
        </Heading>
        <Paragraph>
          {r.municipality} kommune, {r.event}. Påmeldingen er bindende etter fristen.
        </Paragraph>
        <section className="stack" aria-label="Hva som dekkes">
          {r.explanation.map((text) => (
            <Paragraph key={text}>{text}</Paragraph>
          ))}
        </section>
      </div>
      <FormErrorSummary form={form} labels={participantFieldLabels} />
      <Form method="post" {...getFormProps(form)} className="stack-lg form-wide">
        <input type="hidden" name="idempotencyKey" value={r.idempotencyKey} />
        <Fieldset>
          <Fieldset.Legend>Deltakeren</Fieldset.Legend>
          <TextField field={fields.name} label="Navn" autoComplete="off" />
          <TextField field={fields.email} label="E-post" type="email" autoComplete="off" />
          <TextField field={fields.phone} label="Telefon (valgfritt)" type="tel" />
          <TextField field={fields.title} label="Stilling" />
          <SelectField
            field={fields.roleCategory}
            label="Rolle"
            placeholder="Velg rolle"
            options={Object.entries(ROLE_CATEGORIES).map(([value, label]) => ({ value, label }))}
          />
          <CheckboxGroupField
            field={fields.fieldsOfWork}
            legend="Fagområder (valgfritt)"
            options={Object.entries(FIELDS_OF_WORK).map(([value, label]) => ({ value, label }))}
          />
        </Fieldset>
        <Fieldset>
          <Fieldset.Legend>Dager, overnatting og mat</Fieldset.Legend>
          <CheckboxGroupField field={fields.dayIds} legend="Dager deltakeren er med" options={r.days} />
          <CheckboxGroupField
            field={fields.nightIds}
            legend="Hotellnetter (valgfritt)"
            description="Bare netter rett før, mellom eller etter dagene deltakeren er med. Uten natt blir det dagpakke."
            options={r.nights}
          />
          <TextAreaField field={fields.longTravelReason} label="Begrunnelse for natten før (lang reisevei)" rows={2} />
          <CheckboxField field={fields.attendsDinner} label="Deltar på middagen" />
          <TextField field={fields.diet} label="Kosthold (valgfritt)" />
          <TextField field={fields.allergies} label="Allergier (valgfritt)" />
          <TextField field={fields.accessibilityNeeds} label="Behov for tilrettelegging (valgfritt)" />
        </Fieldset>
        {r.slots.length > 0 || r.signups.length > 0 ? (
          <Fieldset>
            <Fieldset.Legend>Sesjoner</Fieldset.Legend>
            <Fieldset.Description>Én sesjon per bolk, bare på dager deltakeren er med.</Fieldset.Description>
            {r.slots.map((slot) => (
              <Fieldset key={slot.id}>
                <Fieldset.Legend>{slot.label}</Fieldset.Legend>
                <Choice
                  type="radio"
                  id={`slot-${slot.id}-none`}
                  name={`slot:${slot.id}`}
                  value=""
                  label="Ingen valgt"
                  defaultChecked={!slot.items.some((i) => chosen.has(i.id))}
                />
                {slot.items.map((item) => (
                  <Choice
                    key={item.id}
                    type="radio"
                    id={`slot-${slot.id}-${item.id}`}
                    name={`slot:${slot.id}`}
                    value={item.id}
                    label={item.title}
                    description={item.note || undefined}
                    defaultChecked={chosen.has(item.id)}
                  />
                ))}
              </Fieldset>
            ))}
            {r.signups.map((item) => (
              <Choice
                key={item.id}
                type="checkbox"
                id={`signup-${item.id}`}
                name="sessionIds"
                value={item.id}
                label={item.title}
                description={item.note || undefined}
                defaultChecked={chosen.has(item.id)}
              />
            ))}
            {fields.sessionIds.errors ? <Paragraph className="error-text">{fields.sessionIds.errors.join(' ')}</Paragraph> : null}
          </Fieldset>
        ) : null}
        {r.topics.length > 0 ? <CheckboxGroupField field={fields.topicIds} legend="Ønskede temaer (valgfritt)" options={r.topics} /> : null}
        <Button type="submit" aria-disabled={submitting || undefined}>
          {submitting ? 'Melder på …' : 'Meld på'}
        </Button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Meld på en deltaker – Klimasamling' }]
