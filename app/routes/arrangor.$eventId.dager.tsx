import { languageOf } from '~/utils/language.server'
import { Button, Heading, Paragraph, Table } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { CheckboxField, CheckboxGroupField, FormErrorSummary, getFormProps, intentErrors, intentResult, TextField, useServerForm } from '~/components/form'
import { OrganiserNav } from '~/components/organiser-nav'
import { RowActions } from '~/components/row-actions'
import { formatClockRange, formatDay, formatNight, osloTimeValue } from '~/domain/dates'
import { idFormSchema as idSchema } from '~/domain/forms'
import { MEALS } from '~/domain/program'
import { dayFormSchema, nightFormSchema } from '~/domain/program-form'
import { deleteDay, deleteNight, getProgramSetup, saveDay, saveNight } from '~/services/program-setup.server'
import { handleIntent, intent, readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'

const dayLabels = { date: 'Dato', label: 'Navn på dagen', startTime: 'Starter', endTime: 'Slutter', meals: 'Måltider' }
const nightLabels = { date: 'Natt (kvelden den starter)', rooms: 'Rom i kvoten', releaseDate: 'Hotellets frigivelsesdato' }

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const setup = await getProgramSetup(context.db, { userId: user.id }, idParam(params.eventId))
  if (!setup) notFound()
  const { event, days, nights } = setup
  const url = new URL(request.url)
  const editDay = days.find((d) => d.id === url.searchParams.get('dag'))
  const editNight = nights.find((n) => n.id === url.searchParams.get('natt'))
  return {
    event: { id: event.id, title: event.title },
    days: days.map((d) => ({
      id: d.id,
      date: formatDay(d.date),
      label: d.label,
      time: formatClockRange(d.starts_at, d.ends_at),
      meals: d.meals.map((m) => MEALS[m as keyof typeof MEALS] ?? m).join(', '),
    })),
    nights: nights.map((n) => ({
      id: n.id,
      night: formatNight(n.night_date),
      rooms: n.rooms_in_block,
      taken: n.rooms_in_use ?? 0,
      release: n.release_date ? formatDay(n.release_date) : '–',
      covered: n.is_covered,
      requiresReason: n.requires_reason,
    })),
    dayValues: editDay
      ? {
          id: editDay.id,
          date: editDay.date,
          label: editDay.label,
          startTime: osloTimeValue(editDay.starts_at),
          endTime: osloTimeValue(editDay.ends_at),
          meals: editDay.meals,
        }
      : { label: `Dag ${days.length + 1}`, startTime: '09:00', endTime: '16:00', meals: ['lunsj'] },
    nightValues: editNight
      ? {
          id: editNight.id,
          date: editNight.night_date,
          rooms: String(editNight.rooms_in_block),
          releaseDate: editNight.release_date ?? undefined,
          covered: editNight.is_covered ? 'on' : undefined,
          requiresReason: editNight.requires_reason ? 'on' : undefined,
        }
      : { covered: 'on' },
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const eventId = idParam(params.eventId)
  const actor = { userId: user.id }
  const now = context.now()
  const db = context.db
  const failed = await handleIntent(
    await readForm(request),
    {
      'save-day': intent(dayFormSchema, (day) => saveDay(db, actor, eventId, day, now)),
      'save-night': intent(nightFormSchema, (night) => saveNight(db, actor, eventId, night, now, context.mail)),
      'delete-day': intent(idSchema, ({ id }) => deleteDay(db, actor, eventId, id, now)),
      'delete-night': intent(idSchema, ({ id }) => deleteNight(db, actor, eventId, id, now)),
    },
    await languageOf(request, context),
  )
  return failed ?? redirect(`/arrangor/${eventId}/dager`)
}

export default function DaysAndNights() {
  const { event, days, nights, dayValues, nightValues } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  // One form id per row edited: conform keeps a form's values for as long as its id stays the same, so
  // "Endre" (a client-side navigation to ?dag= or ?natt=) must give the form a new id to load that row.
  const [dayForm, dayFields] = useServerForm<typeof dayFormSchema>({
    id: dayValues.id ? `day-form-${dayValues.id}` : 'day-form-new',
    lastResult: intentResult(actionData, ['save-day']),
    defaultValue: dayValues,
  })
  const [nightForm, nightFields] = useServerForm<typeof nightFormSchema>({
    id: nightValues.id ? `night-form-${nightValues.id}` : 'night-form-new',
    lastResult: intentResult(actionData, ['save-night']),
    defaultValue: nightValues,
  })
  const deleteErrors = intentErrors(intentResult(actionData, ['delete-day', 'delete-night']))
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          Dager og hotellnetter
        </Heading>
        <Paragraph>{event.title}</Paragraph>
        {deleteErrors.length > 0 ? (
          <Paragraph role="alert" className="error-text">
            {deleteErrors.join(' ')}
          </Paragraph>
        ) : null}
      </div>

      <section aria-labelledby="dager" className="stack">
        <Heading level={2} data-size="md" id="dager">
          Dager
        </Heading>
        {days.length === 0 ? (
          <Paragraph>Ingen dager ennå.</Paragraph>
        ) : (
          <Table>
            <caption className="visually-hidden">Samlingens dager</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>Dato</Table.HeaderCell>
                <Table.HeaderCell>Navn</Table.HeaderCell>
                <Table.HeaderCell>Tid</Table.HeaderCell>
                <Table.HeaderCell>Måltider</Table.HeaderCell>
                <Table.HeaderCell>Handlinger</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {days.map((d) => (
                <Table.Row key={d.id}>
                  <Table.Cell>{d.date}</Table.Cell>
                  <Table.Cell>{d.label}</Table.Cell>
                  <Table.Cell>{d.time}</Table.Cell>
                  <Table.Cell>{d.meals || '–'}</Table.Cell>
                  <Table.Cell>
                    <RowActions editTo={`?dag=${d.id}#day-form`} deleteIntent="delete-day" id={d.id} name={d.label} />
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
        <Heading level={3} data-size="sm">
          {dayValues.id ? 'Endre dag' : 'Legg til dag'}
        </Heading>
        <FormErrorSummary form={dayForm} labels={dayLabels} />
        <div id="day-form">
          <Form method="post" {...getFormProps(dayForm)} className="stack form-narrow">
            <input type="hidden" name="intent" value="save-day" />
            {dayValues.id ? <input type="hidden" name="id" value={dayValues.id} /> : null}
            <TextField field={dayFields.date} label={dayLabels.date} type="date" />
            <TextField field={dayFields.label} label={dayLabels.label} />
            <div className="field-pair field-pair-even">
              <TextField field={dayFields.startTime} label={dayLabels.startTime} type="time" />
              <TextField field={dayFields.endTime} label={dayLabels.endTime} type="time" />
            </div>
            <CheckboxGroupField field={dayFields.meals} legend={dayLabels.meals} options={Object.entries(MEALS).map(([value, label]) => ({ value, label }))} />
            <Button type="submit">{dayValues.id ? 'Lagre dagen' : 'Legg til dagen'}</Button>
          </Form>
        </div>
      </section>

      <section aria-labelledby="netter" className="stack">
        <Heading level={2} data-size="md" id="netter">
          Hotellnetter og romkvote
        </Heading>
        <Paragraph>Hver deltaker som overnatter, tar ett rom per natt. En natt merket «bare med begrunnelse» er for deltakere med lang reisevei.</Paragraph>
        {nights.length === 0 ? (
          <Paragraph>Ingen netter ennå.</Paragraph>
        ) : (
          <Table>
            <caption className="visually-hidden">Hotellnetter</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>Natt</Table.HeaderCell>
                <Table.HeaderCell>Rom i kvoten</Table.HeaderCell>
                <Table.HeaderCell>Tatt</Table.HeaderCell>
                <Table.HeaderCell>Frigis</Table.HeaderCell>
                <Table.HeaderCell>Dekket</Table.HeaderCell>
                <Table.HeaderCell>Handlinger</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {nights.map((n) => (
                <Table.Row key={n.id}>
                  <Table.Cell>{n.night}</Table.Cell>
                  <Table.Cell>{n.rooms}</Table.Cell>
                  <Table.Cell>{n.taken}</Table.Cell>
                  <Table.Cell>{n.release}</Table.Cell>
                  <Table.Cell>{n.covered ? (n.requiresReason ? 'Ja, bare med begrunnelse' : 'Ja') : 'Nei'}</Table.Cell>
                  <Table.Cell>
                    <RowActions editTo={`?natt=${n.id}#night-form`} deleteIntent="delete-night" id={n.id} name={`natten ${n.night}`} />
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
        <Heading level={3} data-size="sm">
          {nightValues.id ? 'Endre natt' : 'Legg til natt'}
        </Heading>
        <FormErrorSummary form={nightForm} labels={nightLabels} />
        <div id="night-form">
          <Form method="post" {...getFormProps(nightForm)} className="stack form-narrow">
            <input type="hidden" name="intent" value="save-night" />
            {nightValues.id ? <input type="hidden" name="id" value={nightValues.id} /> : null}
            <TextField field={nightFields.date} label={nightLabels.date} type="date" description="Natten 11.–12. november er 11. november." />
            <TextField field={nightFields.rooms} label={nightLabels.rooms} inputMode="numeric" />
            <TextField
              field={nightFields.releaseDate}
              label={nightLabels.releaseDate}
              type="date"
              description="Rom som ikke er tatt innen denne datoen, går tilbake til hotellet."
            />
            <CheckboxField field={nightFields.covered} label="Arrangøren dekker natten for dekkede deltakere" />
            <CheckboxField field={nightFields.requiresReason} label="Bare med begrunnelse (lang reisevei)" />
            <Button type="submit">{nightValues.id ? 'Lagre natten' : 'Legg til natten'}</Button>
          </Form>
        </div>
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Dager og netter – ${data.event.title} – Klimasamling` : 'Klimasamling' }]
