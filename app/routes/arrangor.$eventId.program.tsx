import { Button, Field, Heading, Input, Label, Link, Paragraph, Table, Tag } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import {
  CheckboxField,
  CheckboxGroupField,
  FormErrorSummary,
  getFormProps,
  intentErrors,
  intentResult,
  SelectField,
  TextAreaField,
  TextField,
  useServerForm,
} from '~/components/form'
import { languageFormOfMatches, useLanguageForm, useTexts } from '~/components/language'
import { OrganiserNav } from '~/components/organiser-nav'
import { RowActions } from '~/components/row-actions'
import { formatClockRange, formatDay, formatWeekday, osloDate, osloTimeValue } from '~/domain/dates'
import { idFormSchema as idSchema } from '~/domain/forms'
import { texts } from '~/domain/language'
import { PROGRAM_KIND_LABELS } from '~/domain/program'
import { itemFormSchema, onlineLinkFormSchema as linkSchema, slotFormSchema } from '~/domain/program-form'
import { describeRoles, ROLE_CATEGORY_LABELS } from '~/domain/roles'
import { deleteItem, deleteSlot, getProgramSetup, publishOnlineLink, saveItem, saveSlot } from '~/services/program-setup.server'
import { handleIntent, intent, readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { languageOf } from '~/utils/language.server'
import { requireUser } from '~/utils/session.server'

const text = texts({
  nb: {
    title: (event: string) => `Program – ${event} – Klimasamling`,
    slotLabels: { dayId: 'Dag', label: 'Navn', description: 'Beskrivelse', startTime: 'Starter', endTime: 'Slutter' },
    itemLabels: {
      kind: 'Type',
      dayId: 'Dag',
      digitalDate: 'Dato (digital sesjon)',
      slotId: 'Sesjonsbolk',
      startTime: 'Starter',
      endTime: 'Slutter',
      title: 'Tittel',
      description: 'Beskrivelse',
      speakers: 'Innledere',
      room: 'Rom',
      capacity: 'Antall plasser',
      restrictedToRoles: 'Åpen for',
    },
    newSlot: 'Parallelle sesjoner',
    onlyFor: (roles: string) => `Bare for ${roles}`,
    chosenOf: (chosen: number, capacity: number) => `${chosen} av ${capacity}`,
    heading: 'Program',
    intro: (event: string) => `${event}. Programmet vises på arrangementssiden, dag for dag, med parallelle sesjoner side om side.`,
    addItem: 'Legg til programpunkt',
    slotsLink: 'Sesjonsbolker for parallelle sesjoner',
    noItems: 'Ingen programpunkter denne dagen.',
    dayCaption: (day: string) => `Programmet for ${day}`,
    time: 'Tid',
    itemTitle: 'Tittel',
    kind: 'Type',
    slot: 'Sesjonsbolk',
    chosen: 'Valgt / plasser',
    actions: 'Handlinger',
    digital: 'Digital del',
    digitalIntro: 'Møtelenken er skjult til du publiserer den. Da ser bare påmeldte deltakere den.',
    noDigital: 'Ingen digitale sesjoner.',
    publishedLink: 'Publisert lenke: ',
    withdraw: 'Trekk tilbake lenken',
    to: (title: string) => ` til ${title}`,
    meetingLink: (title: string) => `Møtelenke til ${title}`,
    publish: 'Publiser lenken',
    editItem: 'Endre programpunkt',
    chooseDayNotDigital: 'Velg dag (ikke for digitale)',
    digitalOnly: 'Bare for digitale sesjoner.',
    notParallel: 'Ingen (ikke parallell)',
    optional: (label: string) => `${label} (valgfritt)`,
    speakersHelp: 'Én per linje, for eksempel «Kari Nordmann, Miljødirektoratet».',
    capacityHelp: 'Må fylles ut for parallellsesjoner og punkter med påmelding.',
    requiresSignup: 'Krever påmelding (for eksempel et besøk)',
    restricted: 'Bare for noen roller',
    restrictedHelp: 'Gjelder når «Bare for noen roller» er krysset av.',
    saveItem: 'Lagre programpunktet',
    addItemSubmit: 'Legg til programpunktet',
    slots: 'Sesjonsbolker',
    slotsIntro: 'En sesjonsbolk samler parallelle sesjoner som går samtidig. Hver deltaker velger én sesjon per bolk.',
    name: 'Navn',
    day: 'Dag',
    editSlot: 'Endre sesjonsbolk',
    addSlot: 'Legg til sesjonsbolk',
    chooseDay: 'Velg dag',
    saveSlot: 'Lagre sesjonsbolken',
    addSlotSubmit: 'Legg til sesjonsbolken',
  },
  nn: {
    title: (event: string) => `Program – ${event} – Klimasamling`,
    slotLabels: { dayId: 'Dag', label: 'Namn', description: 'Skildring', startTime: 'Startar', endTime: 'Sluttar' },
    itemLabels: {
      kind: 'Type',
      dayId: 'Dag',
      digitalDate: 'Dato (digital sesjon)',
      slotId: 'Sesjonsbolk',
      startTime: 'Startar',
      endTime: 'Sluttar',
      title: 'Tittel',
      description: 'Skildring',
      speakers: 'Innleiarar',
      room: 'Rom',
      capacity: 'Tal på plassar',
      restrictedToRoles: 'Open for',
    },
    newSlot: 'Parallelle sesjonar',
    onlyFor: (roles: string) => `Berre for ${roles}`,
    chosenOf: (chosen: number, capacity: number) => `${chosen} av ${capacity}`,
    heading: 'Program',
    intro: (event: string) => `${event}. Programmet blir vist på arrangementssida, dag for dag, med parallelle sesjonar side om side.`,
    addItem: 'Legg til programpunkt',
    slotsLink: 'Sesjonsbolkar for parallelle sesjonar',
    noItems: 'Ingen programpunkt denne dagen.',
    dayCaption: (day: string) => `Programmet for ${day}`,
    time: 'Tid',
    itemTitle: 'Tittel',
    kind: 'Type',
    slot: 'Sesjonsbolk',
    chosen: 'Valt / plassar',
    actions: 'Handlingar',
    digital: 'Digital del',
    digitalIntro: 'Møtelenka er gøymd til du publiserer ho. Då ser berre påmelde deltakarar ho.',
    noDigital: 'Ingen digitale sesjonar.',
    publishedLink: 'Publisert lenke: ',
    withdraw: 'Trekk tilbake lenka',
    to: (title: string) => ` til ${title}`,
    meetingLink: (title: string) => `Møtelenke til ${title}`,
    publish: 'Publiser lenka',
    editItem: 'Endre programpunkt',
    chooseDayNotDigital: 'Vel dag (ikkje for digitale)',
    digitalOnly: 'Berre for digitale sesjonar.',
    notParallel: 'Ingen (ikkje parallell)',
    optional: (label: string) => `${label} (valfritt)`,
    speakersHelp: 'Éin per linje, til dømes «Kari Nordmann, Miljødirektoratet».',
    capacityHelp: 'Må fyllast ut for parallellsesjonar og punkt med påmelding.',
    requiresSignup: 'Krev påmelding (til dømes eit besøk)',
    restricted: 'Berre for nokre roller',
    restrictedHelp: 'Gjeld når «Berre for nokre roller» er kryssa av.',
    saveItem: 'Lagre programpunktet',
    addItemSubmit: 'Legg til programpunktet',
    slots: 'Sesjonsbolkar',
    slotsIntro: 'Ein sesjonsbolk samlar parallelle sesjonar som går samtidig. Kvar deltakar vel éin sesjon per bolk.',
    name: 'Namn',
    day: 'Dag',
    editSlot: 'Endre sesjonsbolk',
    addSlot: 'Legg til sesjonsbolk',
    chooseDay: 'Vel dag',
    saveSlot: 'Lagre sesjonsbolken',
    addSlotSubmit: 'Legg til sesjonsbolken',
  },
})

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const setup = await getProgramSetup(context.db, { userId: user.id }, idParam(params.eventId))
  if (!setup) notFound()
  const { event, days, slots, items } = setup
  const url = new URL(request.url)
  const editSlot = slots.find((s) => s.id === url.searchParams.get('bolk'))
  const editItem = items.find((i) => i.id === url.searchParams.get('punkt'))
  const slotName = new Map(slots.map((s) => [s.id, s.label]))
  const languageForm = await languageOf(request, context)
  const t = text[languageForm]
  const view = (i: (typeof items)[number]) => ({
    id: i.id,
    time: formatClockRange(i.starts_at, i.ends_at),
    title: i.title,
    kind: PROGRAM_KIND_LABELS[languageForm][i.kind],
    slot: i.slot_id ? (slotName.get(i.slot_id) ?? '') : '',
    capacity: i.capacity,
    chosen: i.chosen ?? 0,
    restrictedTo: i.restricted_to_roles.length > 0 ? describeRoles(i.restricted_to_roles, languageForm) : null,
    date: osloDate(i.starts_at),
    onlineUrl: i.online_url,
    published: Boolean(i.online_url_published_at),
  })
  return {
    event: { id: event.id, title: event.title },
    days: days.map((d) => ({
      id: d.id,
      label: `${d.label} – ${formatWeekday(d.date, languageForm)}`,
      items: items.filter((i) => i.event_day_id === d.id).map(view),
    })),
    digital: items.filter((i) => i.kind === 'digital').map((i) => ({ ...view(i), day: formatWeekday(osloDate(i.starts_at), languageForm) })),
    slots: slots.map((s) => ({
      id: s.id,
      label: s.label,
      day: formatDay(osloDate(s.starts_at)),
      time: formatClockRange(s.starts_at, s.ends_at),
      dayId: s.event_day_id,
    })),
    dayOptions: days.map((d) => ({ value: d.id, label: `${d.label} (${formatDay(d.date)})` })),
    slotValues: editSlot
      ? {
          id: editSlot.id,
          dayId: editSlot.event_day_id,
          label: editSlot.label,
          description: editSlot.description,
          startTime: osloTimeValue(editSlot.starts_at),
          endTime: osloTimeValue(editSlot.ends_at),
        }
      : { label: t.newSlot },
    itemValues: editItem
      ? {
          id: editItem.id,
          kind: editItem.kind,
          dayId: editItem.event_day_id ?? undefined,
          digitalDate: editItem.kind === 'digital' ? osloDate(editItem.starts_at) : undefined,
          slotId: editItem.slot_id ?? undefined,
          startTime: osloTimeValue(editItem.starts_at),
          endTime: editItem.ends_at ? osloTimeValue(editItem.ends_at) : undefined,
          title: editItem.title,
          description: editItem.description,
          speakers: editItem.speakers.join('\n'),
          room: editItem.room ?? undefined,
          capacity: editItem.capacity === null ? undefined : String(editItem.capacity),
          requiresSignup: editItem.requires_signup ? 'on' : undefined,
          restricted: editItem.restricted_to_roles.length > 0 ? 'on' : undefined,
          restrictedToRoles: editItem.restricted_to_roles,
        }
      : { kind: 'plenary' },
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
      'save-slot': intent(slotFormSchema, (slot) => saveSlot(db, actor, eventId, slot, now)),
      'delete-slot': intent(idSchema, ({ id }) => deleteSlot(db, actor, eventId, id, now)),
      'save-item': intent(itemFormSchema, (item) => saveItem(db, actor, eventId, item, now, context.mail)),
      'delete-item': intent(idSchema, ({ id }) => deleteItem(db, actor, eventId, id, now)),
      'publish-link': intent(linkSchema, ({ id, onlineUrl }) => publishOnlineLink(db, context.mail, actor, eventId, id, onlineUrl, now)),
      'withdraw-link': intent(idSchema, ({ id }) => publishOnlineLink(db, context.mail, actor, eventId, id, null, now)),
    },
    await languageOf(request, context),
  )
  return failed ?? redirect(`/arrangor/${eventId}/program`)
}

function ItemRow({ item, showSlot }: { item: ReturnType<typeof useLoaderData<typeof loader>>['days'][number]['items'][number]; showSlot: boolean }) {
  const t = useTexts(text)
  return (
    <Table.Row>
      <Table.Cell>{item.time}</Table.Cell>
      <Table.Cell>
        {item.title}
        {item.restrictedTo ? (
          <>
            {' '}
            <Tag data-color="warning" data-size="sm">
              {t.onlyFor(item.restrictedTo.toLowerCase())}
            </Tag>
          </>
        ) : null}
      </Table.Cell>
      <Table.Cell>{item.kind}</Table.Cell>
      {showSlot ? <Table.Cell>{item.slot || '–'}</Table.Cell> : null}
      <Table.Cell>{item.capacity === null ? '–' : t.chosenOf(item.chosen, item.capacity)}</Table.Cell>
      <Table.Cell>
        <RowActions editTo={`?punkt=${item.id}#item-form`} deleteIntent="delete-item" id={item.id} name={item.title} />
      </Table.Cell>
    </Table.Row>
  )
}

export default function ProgramSetup() {
  const { event, days, digital, slots, dayOptions, slotValues, itemValues } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  // One form id per row edited: conform keeps a form's values for as long as its id stays the same, so
  // "Endre" (a client-side navigation to ?punkt= or ?bolk=) must give the form a new id to load that row.
  const [slotForm, slotFields] = useServerForm<typeof slotFormSchema>({
    id: slotValues.id ? `slot-form-${slotValues.id}` : 'slot-form-new',
    lastResult: intentResult(actionData, ['save-slot']),
    defaultValue: slotValues,
  })
  const [itemForm, itemFields] = useServerForm<typeof itemFormSchema>({
    id: itemValues.id ? `item-form-${itemValues.id}` : 'item-form-new',
    lastResult: intentResult(actionData, ['save-item']),
    defaultValue: itemValues,
  })
  const otherMessages = intentErrors(intentResult(actionData, ['delete-slot', 'delete-item', 'publish-link', 'withdraw-link']))
  const languageForm = useLanguageForm()
  const t = text[languageForm]
  const { slotLabels, itemLabels } = t
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          {t.heading}
        </Heading>
        <Paragraph>{t.intro(event.title)}</Paragraph>
        <Paragraph>
          <Link href="#punkt">{t.addItem}</Link> · <Link href="#bolker">{t.slotsLink}</Link>
        </Paragraph>
        {otherMessages.length > 0 ? (
          <Paragraph role="alert" className="error-text">
            {otherMessages.join(' ')}
          </Paragraph>
        ) : null}
      </div>

      {days.map((day) => (
        <section key={day.id} aria-labelledby={`dag-${day.id}`} className="stack">
          <Heading level={2} data-size="md" id={`dag-${day.id}`}>
            {day.label}
          </Heading>
          {day.items.length === 0 ? (
            <Paragraph>{t.noItems}</Paragraph>
          ) : (
            <Table>
              <caption className="visually-hidden">{t.dayCaption(day.label)}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t.time}</Table.HeaderCell>
                  <Table.HeaderCell>{t.itemTitle}</Table.HeaderCell>
                  <Table.HeaderCell>{t.kind}</Table.HeaderCell>
                  <Table.HeaderCell>{t.slot}</Table.HeaderCell>
                  <Table.HeaderCell>{t.chosen}</Table.HeaderCell>
                  <Table.HeaderCell>{t.actions}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {day.items.map((item) => (
                  <ItemRow key={item.id} item={item} showSlot />
                ))}
              </Table.Body>
            </Table>
          )}
        </section>
      ))}

      <section aria-labelledby="digital" className="stack">
        <Heading level={2} data-size="md" id="digital">
          {t.digital}
        </Heading>
        <Paragraph>{t.digitalIntro}</Paragraph>
        {digital.length === 0 ? (
          <Paragraph>{t.noDigital}</Paragraph>
        ) : (
          <ul className="program-list">
            {digital.map((item) => (
              <li key={item.id} className="program-entry" data-kind="digital">
                <span className="program-time">{item.day}</span>
                <div className="stack">
                  <p className="program-item-title">
                    {item.title} ({item.time})
                  </p>
                  <RowActions editTo={`?punkt=${item.id}#item-form`} deleteIntent="delete-item" id={item.id} name={item.title} />
                  {item.published && item.onlineUrl ? (
                    <Form method="post" className="row-actions">
                      <Paragraph data-size="sm">
                        {t.publishedLink}
                        {item.onlineUrl}
                      </Paragraph>
                      <input type="hidden" name="intent" value="withdraw-link" />
                      <input type="hidden" name="id" value={item.id} />
                      <Button type="submit" variant="secondary" data-size="sm">
                        {t.withdraw}
                        <span className="visually-hidden">{t.to(item.title)}</span>
                      </Button>
                    </Form>
                  ) : (
                    <Form method="post" className="link-form">
                      <input type="hidden" name="intent" value="publish-link" />
                      <input type="hidden" name="id" value={item.id} />
                      <Field data-size="sm">
                        <Label htmlFor={`link-${item.id}`}>{t.meetingLink(item.title)}</Label>
                        <Input id={`link-${item.id}`} name="onlineUrl" type="url" placeholder="https://" />
                      </Field>
                      <Button type="submit" variant="secondary" data-size="sm">
                        {t.publish}
                        <span className="visually-hidden">{t.to(item.title)}</span>
                      </Button>
                    </Form>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="punkt" className="stack">
        <Heading level={2} data-size="md" id="punkt">
          {itemValues.id ? t.editItem : t.addItem}
        </Heading>
        <FormErrorSummary form={itemForm} labels={itemLabels} />
        <div id="item-form">
          <Form method="post" {...getFormProps(itemForm)} className="stack form-narrow">
            <input type="hidden" name="intent" value="save-item" />
            {itemValues.id ? <input type="hidden" name="id" value={itemValues.id} /> : null}
            <SelectField
              field={itemFields.kind}
              label={itemLabels.kind}
              options={Object.entries(PROGRAM_KIND_LABELS[languageForm]).map(([value, label]) => ({ value, label }))}
            />
            <SelectField field={itemFields.dayId} label={itemLabels.dayId} placeholder={t.chooseDayNotDigital} options={dayOptions} />
            <TextField field={itemFields.digitalDate} label={itemLabels.digitalDate} type="date" description={t.digitalOnly} />
            <SelectField
              field={itemFields.slotId}
              label={itemLabels.slotId}
              placeholder={t.notParallel}
              options={slots.map((s) => ({ value: s.id, label: `${s.label}, ${s.day} ${s.time}` }))}
            />
            <div className="field-pair field-pair-even">
              <TextField field={itemFields.startTime} label={itemLabels.startTime} type="time" />
              <TextField field={itemFields.endTime} label={t.optional(itemLabels.endTime)} type="time" />
            </div>
            <TextField field={itemFields.title} label={itemLabels.title} />
            <TextAreaField field={itemFields.description} label={t.optional(itemLabels.description)} />
            <TextAreaField field={itemFields.speakers} label={t.optional(itemLabels.speakers)} description={t.speakersHelp} />
            <TextField field={itemFields.room} label={t.optional(itemLabels.room)} />
            <TextField field={itemFields.capacity} label={itemLabels.capacity} inputMode="numeric" description={t.capacityHelp} />
            <CheckboxField field={itemFields.requiresSignup} label={t.requiresSignup} />
            <CheckboxField field={itemFields.restricted} label={t.restricted} />
            <CheckboxGroupField
              field={itemFields.restrictedToRoles}
              legend={itemLabels.restrictedToRoles}
              description={t.restrictedHelp}
              options={Object.entries(ROLE_CATEGORY_LABELS[languageForm]).map(([value, label]) => ({ value, label }))}
            />
            <Button type="submit">{itemValues.id ? t.saveItem : t.addItemSubmit}</Button>
          </Form>
        </div>
      </section>

      <section aria-labelledby="bolker" className="stack">
        <Heading level={2} data-size="md" id="bolker">
          {t.slots}
        </Heading>
        <Paragraph>{t.slotsIntro}</Paragraph>
        {slots.length > 0 ? (
          <Table>
            <caption className="visually-hidden">{t.slots}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t.name}</Table.HeaderCell>
                <Table.HeaderCell>{t.day}</Table.HeaderCell>
                <Table.HeaderCell>{t.time}</Table.HeaderCell>
                <Table.HeaderCell>{t.actions}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {slots.map((s) => (
                <Table.Row key={s.id}>
                  <Table.Cell>{s.label}</Table.Cell>
                  <Table.Cell>{s.day}</Table.Cell>
                  <Table.Cell>{s.time}</Table.Cell>
                  <Table.Cell>
                    <RowActions editTo={`?bolk=${s.id}#slot-form`} deleteIntent="delete-slot" id={s.id} name={s.label} />
                  </Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        ) : null}
        <Heading level={3} data-size="sm">
          {slotValues.id ? t.editSlot : t.addSlot}
        </Heading>
        <FormErrorSummary form={slotForm} labels={slotLabels} />
        <div id="slot-form">
          <Form method="post" {...getFormProps(slotForm)} className="stack form-narrow">
            <input type="hidden" name="intent" value="save-slot" />
            {slotValues.id ? <input type="hidden" name="id" value={slotValues.id} /> : null}
            <SelectField field={slotFields.dayId} label={slotLabels.dayId} placeholder={t.chooseDay} options={dayOptions} />
            <TextField field={slotFields.label} label={slotLabels.label} />
            <TextAreaField field={slotFields.description} label={t.optional(slotLabels.description)} />
            <div className="field-pair field-pair-even">
              <TextField field={slotFields.startTime} label={slotLabels.startTime} type="time" />
              <TextField field={slotFields.endTime} label={slotLabels.endTime} type="time" />
            </div>
            <Button type="submit">{slotValues.id ? t.saveSlot : t.addSlotSubmit}</Button>
          </Form>
        </div>
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.event.title) : 'Klimasamling' },
]
