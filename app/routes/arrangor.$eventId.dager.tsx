import { Button, Heading, Paragraph, Table } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { CheckboxField, CheckboxGroupField, FormErrorSummary, getFormProps, intentErrors, intentResult, TextField, useServerForm } from '~/components/form'
import { languageFormOfMatches, useLanguageForm, useTexts } from '~/components/language'
import { OrganiserNav } from '~/components/organiser-nav'
import { RowActions } from '~/components/row-actions'
import { formatClockRange, formatDay, formatNight, osloTimeValue } from '~/domain/dates'
import { idFormSchema as idSchema } from '~/domain/forms'
import { texts } from '~/domain/language'
import { MEAL_LABELS } from '~/domain/program'
import { dayFormSchema, nightFormSchema } from '~/domain/program-form'
import { deleteDay, deleteNight, getProgramSetup, saveDay, saveNight } from '~/services/program-setup.server'
import { handleIntent, intent, readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { languageOf } from '~/utils/language.server'
import { requireUser } from '~/utils/session.server'

const text = texts({
  nb: {
    title: (event: string) => `Dager og netter – ${event} – Klimasamling`,
    dayLabels: { date: 'Dato', label: 'Navn på dagen', startTime: 'Starter', endTime: 'Slutter', meals: 'Måltider' },
    nightLabels: { date: 'Natt (kvelden den starter)', rooms: 'Rom i kvoten', releaseDate: 'Hotellets frigivelsesdato' },
    heading: 'Dager og hotellnetter',
    days: 'Dager',
    noDays: 'Ingen dager ennå.',
    daysCaption: 'Samlingens dager',
    date: 'Dato',
    name: 'Navn',
    time: 'Tid',
    mealsHeader: 'Måltider',
    actions: 'Handlinger',
    editDay: 'Endre dag',
    addDay: 'Legg til dag',
    saveDay: 'Lagre dagen',
    addDaySubmit: 'Legg til dagen',
    nightsHeading: 'Hotellnetter og romkvote',
    nightsIntro: 'Hver deltaker som overnatter, tar ett rom per natt. En natt merket «bare med begrunnelse» er for deltakere med lang reisevei.',
    noNights: 'Ingen netter ennå.',
    nightsCaption: 'Hotellnetter',
    night: 'Natt',
    rooms: 'Rom i kvoten',
    taken: 'Tatt',
    release: 'Frigis',
    covered: 'Dekket',
    coveredWithReason: 'Ja, bare med begrunnelse',
    yes: 'Ja',
    no: 'Nei',
    theNight: (night: string) => `natten ${night}`,
    editNight: 'Endre natt',
    addNight: 'Legg til natt',
    nightHelp: 'Natten 11.–12. november er 11. november.',
    releaseHelp: 'Rom som ikke er tatt innen denne datoen, går tilbake til hotellet.',
    coveredLabel: 'Arrangøren dekker natten for dekkede deltakere',
    requiresReason: 'Bare med begrunnelse (lang reisevei)',
    saveNight: 'Lagre natten',
    addNightSubmit: 'Legg til natten',
  },
  nn: {
    title: (event: string) => `Dagar og netter – ${event} – Klimasamling`,
    dayLabels: { date: 'Dato', label: 'Namn på dagen', startTime: 'Startar', endTime: 'Sluttar', meals: 'Måltid' },
    nightLabels: { date: 'Natt (kvelden ho startar)', rooms: 'Rom i kvoten', releaseDate: 'Frigjevingsdatoen til hotellet' },
    heading: 'Dagar og hotellnetter',
    days: 'Dagar',
    noDays: 'Ingen dagar enno.',
    daysCaption: 'Dagane på samlinga',
    date: 'Dato',
    name: 'Namn',
    time: 'Tid',
    mealsHeader: 'Måltid',
    actions: 'Handlingar',
    editDay: 'Endre dag',
    addDay: 'Legg til dag',
    saveDay: 'Lagre dagen',
    addDaySubmit: 'Legg til dagen',
    nightsHeading: 'Hotellnetter og romkvote',
    nightsIntro: 'Kvar deltakar som overnattar, tek eitt rom per natt. Ei natt merkt «berre med grunngiving» er for deltakarar med lang reiseveg.',
    noNights: 'Ingen netter enno.',
    nightsCaption: 'Hotellnetter',
    night: 'Natt',
    rooms: 'Rom i kvoten',
    taken: 'Teke',
    release: 'Blir frigjort',
    covered: 'Dekt',
    coveredWithReason: 'Ja, berre med grunngiving',
    yes: 'Ja',
    no: 'Nei',
    theNight: (night: string) => `natta ${night}`,
    editNight: 'Endre natt',
    addNight: 'Legg til natt',
    nightHelp: 'Natta 11.–12. november er 11. november.',
    releaseHelp: 'Rom som ikkje er tekne innan denne datoen, går tilbake til hotellet.',
    coveredLabel: 'Arrangøren dekkjer natta for dekte deltakarar',
    requiresReason: 'Berre med grunngiving (lang reiseveg)',
    saveNight: 'Lagre natta',
    addNightSubmit: 'Legg til natta',
  },
})

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const setup = await getProgramSetup(context.db, { userId: user.id }, idParam(params.eventId))
  if (!setup) notFound()
  const { event, days, nights } = setup
  const url = new URL(request.url)
  const editDay = days.find((d) => d.id === url.searchParams.get('dag'))
  const editNight = nights.find((n) => n.id === url.searchParams.get('natt'))
  const meals = MEAL_LABELS[await languageOf(request, context)]
  return {
    event: { id: event.id, title: event.title },
    days: days.map((d) => ({
      id: d.id,
      date: formatDay(d.date),
      label: d.label,
      time: formatClockRange(d.starts_at, d.ends_at),
      meals: d.meals.map((m) => meals[m as keyof typeof meals] ?? m).join(', '),
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
  const t = useTexts(text)
  const languageForm = useLanguageForm()
  const { dayLabels, nightLabels } = t
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          {t.heading}
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
          {t.days}
        </Heading>
        {days.length === 0 ? (
          <Paragraph>{t.noDays}</Paragraph>
        ) : (
          <Table>
            <caption className="visually-hidden">{t.daysCaption}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t.date}</Table.HeaderCell>
                <Table.HeaderCell>{t.name}</Table.HeaderCell>
                <Table.HeaderCell>{t.time}</Table.HeaderCell>
                <Table.HeaderCell>{t.mealsHeader}</Table.HeaderCell>
                <Table.HeaderCell>{t.actions}</Table.HeaderCell>
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
          {dayValues.id ? t.editDay : t.addDay}
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
            <CheckboxGroupField
              field={dayFields.meals}
              legend={dayLabels.meals}
              options={Object.entries(MEAL_LABELS[languageForm]).map(([value, label]) => ({ value, label }))}
            />
            <Button type="submit">{dayValues.id ? t.saveDay : t.addDaySubmit}</Button>
          </Form>
        </div>
      </section>

      <section aria-labelledby="netter" className="stack">
        <Heading level={2} data-size="md" id="netter">
          {t.nightsHeading}
        </Heading>
        <Paragraph>{t.nightsIntro}</Paragraph>
        {nights.length === 0 ? (
          <Paragraph>{t.noNights}</Paragraph>
        ) : (
          <Table>
            <caption className="visually-hidden">{t.nightsCaption}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t.night}</Table.HeaderCell>
                <Table.HeaderCell>{t.rooms}</Table.HeaderCell>
                <Table.HeaderCell>{t.taken}</Table.HeaderCell>
                <Table.HeaderCell>{t.release}</Table.HeaderCell>
                <Table.HeaderCell>{t.covered}</Table.HeaderCell>
                <Table.HeaderCell>{t.actions}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {nights.map((n) => (
                <Table.Row key={n.id}>
                  <Table.Cell>{n.night}</Table.Cell>
                  <Table.Cell>{n.rooms}</Table.Cell>
                  <Table.Cell>{n.taken}</Table.Cell>
                  <Table.Cell>{n.release}</Table.Cell>
                  <Table.Cell>{n.covered ? (n.requiresReason ? t.coveredWithReason : t.yes) : t.no}</Table.Cell>
                  <Table.Cell>
                    <RowActions editTo={`?natt=${n.id}#night-form`} deleteIntent="delete-night" id={n.id} name={t.theNight(n.night)} />
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
        <Heading level={3} data-size="sm">
          {nightValues.id ? t.editNight : t.addNight}
        </Heading>
        <FormErrorSummary form={nightForm} labels={nightLabels} />
        <div id="night-form">
          <Form method="post" {...getFormProps(nightForm)} className="stack form-narrow">
            <input type="hidden" name="intent" value="save-night" />
            {nightValues.id ? <input type="hidden" name="id" value={nightValues.id} /> : null}
            <TextField field={nightFields.date} label={nightLabels.date} type="date" description={t.nightHelp} />
            <TextField field={nightFields.rooms} label={nightLabels.rooms} inputMode="numeric" />
            <TextField field={nightFields.releaseDate} label={nightLabels.releaseDate} type="date" description={t.releaseHelp} />
            <CheckboxField field={nightFields.covered} label={t.coveredLabel} />
            <CheckboxField field={nightFields.requiresReason} label={t.requiresReason} />
            <Button type="submit">{nightValues.id ? t.saveNight : t.addNightSubmit}</Button>
          </Form>
        </div>
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.event.title) : 'Klimasamling' },
]
