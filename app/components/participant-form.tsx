import { Field, Fieldset, Input, Label, Paragraph } from '@digdir/designsystemet-react'
import { type OfferedSession, sessionAvailability } from '~/domain/eligibility'
import type { PresentedOptions } from '~/domain/enrolment-options'
import { texts } from '~/domain/language'
import { FIELD_OF_WORK_LABELS, ROLE_CATEGORY_LABELS } from '~/domain/roles'
import { CheckboxField, CheckboxGroupField, Choice, SelectField, type ServerField, TextAreaField, TextField } from './form'
import { PrivacyLink } from './privacy-link'
import { useLanguageForm, useTexts } from './language'
import { WishList, WishRanking } from './wish-ranking'

const text = texts({
  nb: {
    participant: 'Deltakeren',
    fieldsOfWork: 'Fagområder (valgfritt)',
    stayLegend: 'Dager, overnatting og mat',
    days: 'Dager deltakeren er med',
    nights: 'Hotellnetter (valgfritt)',
    nightsDescription: 'Bare netter rett før, mellom eller etter dagene deltakeren er med. Uten natt blir det dagpakke.',
    longTravelReason: 'Begrunnelse for natten før (lang reisevei)',
    dinner: 'Deltar på middagen',
    diet: 'Kosthold (valgfritt)',
    allergies: 'Allergier (valgfritt)',
    accessibilityNeeds: 'Behov for tilrettelegging (valgfritt)',
    topics: 'Ønskede temaer (valgfritt)',
    stayDays: 'Dager',
    stayNights: 'Hotellnetter',
    noNights: 'Ingen (dagpakke)',
    sessions: 'Sesjoner',
    rankSessions: 'Ranger sesjonene i hver bolk på dager deltakeren er med. Arrangøren fordeler plassene etter ønskene.',
    chooseSessions: 'Én sesjon per bolk, bare på dager deltakeren er med.',
    noneChosen: 'Ingen valgt',
    unavailable: (reason: string) => `Kan ikke velges: ${reason}`,
    name: 'Navn',
    email: 'E-post',
    phone: 'Telefon (valgfritt)',
    title: 'Stilling',
    role: 'Rolle',
    chooseRole: 'Velg rolle',
  },
  nn: {
    participant: 'Deltakaren',
    fieldsOfWork: 'Fagområde (valfritt)',
    stayLegend: 'Dagar, overnatting og mat',
    days: 'Dagar deltakaren er med',
    nights: 'Hotellnetter (valfritt)',
    nightsDescription: 'Berre netter rett før, mellom eller etter dagane deltakaren er med. Utan natt blir det dagpakke.',
    longTravelReason: 'Grunngiving for natta før (lang reiseveg)',
    dinner: 'Deltek på middagen',
    diet: 'Kosthald (valfritt)',
    allergies: 'Allergiar (valfritt)',
    accessibilityNeeds: 'Behov for tilrettelegging (valfritt)',
    topics: 'Ønskte tema (valfritt)',
    stayDays: 'Dagar',
    stayNights: 'Hotellnetter',
    noNights: 'Ingen (dagpakke)',
    sessions: 'Sesjonar',
    rankSessions: 'Ranger sesjonane i kvar bolk på dagar deltakaren er med. Arrangøren fordeler plassane etter ønska.',
    chooseSessions: 'Éin sesjon per bolk, berre på dagar deltakaren er med.',
    noneChosen: 'Ingen valt',
    unavailable: (reason: string) => `Kan ikkje veljast: ${reason}`,
    name: 'Namn',
    email: 'E-post',
    phone: 'Telefon (valfritt)',
    title: 'Stilling',
    role: 'Rolle',
    chooseRole: 'Vel rolle',
  },
})

type Text = ServerField<string | undefined>
type List = ServerField<string[] | string | undefined>

/** The fields of the participant form (enrolment and editing share them). */
export interface ParticipantFieldset {
  name: Text
  email: Text
  phone: Text
  title: Text
  roleCategory: Text
  fieldsOfWork: List
  dayIds: List
  nightIds: List
  longTravelReason: Text
  attendsDinner: Text
  diet: Text
  allergies: Text
  accessibilityNeeds: Text
  topicIds: List
  sessionIds: List
}

/**
 * For an event by wishes (decision 44): the form ranks parallel sessions per
 * slot instead of choosing one. `field` gives the wish selects' fields; with
 * `closed`, the wish round is over and the wishes are shown as they are, with why.
 */
export interface WishOptions {
  field: (name: string) => ServerField
  closed: { reason: string; held: ReadonlyArray<{ slotId: string; sessionId: string; rank: number }> } | null
}

/**
 * The participant form's fields, shared by enrolment and editing: the person,
 * days, nights and meals, sessions and topic wishes. With `stay`, days and
 * nights are shown as they are and sent unchanged (after the deadline only
 * the organiser changes them; the server holds that rule).
 */
export function ParticipantFields({
  fields,
  options,
  chosen,
  stay,
  wishes,
}: {
  fields: ParticipantFieldset
  options: PresentedOptions
  chosen: Set<string>
  stay?: { dayIds: string[]; nightIds: string[]; longTravelReason: string | null; note: string }
  wishes?: WishOptions
}) {
  const languageForm = useLanguageForm()
  const t = text[languageForm]
  return (
    <>
      <Fieldset>
        <Fieldset.Legend>{t.participant}</Fieldset.Legend>
        <ParticipantIdentityFields fields={fields} />
        <CheckboxGroupField
          field={fields.fieldsOfWork}
          legend={t.fieldsOfWork}
          options={Object.entries(FIELD_OF_WORK_LABELS[languageForm]).map(([value, label]) => ({ value, label }))}
        />
      </Fieldset>
      <Fieldset>
        <Fieldset.Legend>{t.stayLegend}</Fieldset.Legend>
        {stay ? (
          <StayAsItIs options={options} stay={stay} />
        ) : (
          <>
            <CheckboxGroupField field={fields.dayIds} legend={t.days} options={options.days} />
            <CheckboxGroupField field={fields.nightIds} legend={t.nights} description={t.nightsDescription} options={options.nights} />
            <TextAreaField field={fields.longTravelReason} label={t.longTravelReason} rows={2} />
          </>
        )}
        <CheckboxField field={fields.attendsDinner} label={t.dinner} />
        <TextField field={fields.diet} label={t.diet} />
        <TextField field={fields.allergies} label={t.allergies} />
        <TextField field={fields.accessibilityNeeds} label={t.accessibilityNeeds} />
      </Fieldset>
      <SessionChoices options={options} chosen={chosen} field={fields.sessionIds} roleCategory={fields.roleCategory.value} wishes={wishes} />
      {options.topics.length > 0 ? <CheckboxGroupField field={fields.topicIds} legend={t.topics} options={options.topics} /> : null}
      <PrivacyLink />
    </>
  )
}

function StayAsItIs({ options, stay }: { options: PresentedOptions; stay: NonNullable<Parameters<typeof ParticipantFields>[0]['stay']> }) {
  const days = options.days.filter((d) => stay.dayIds.includes(d.value)).map((d) => d.label)
  const nights = options.nights.filter((n) => stay.nightIds.includes(n.value)).map((n) => n.label.replace(/ \(.*\)$/, ''))
  const t = useTexts(text)
  return (
    <div className="stack">
      <Paragraph>{stay.note}</Paragraph>
      <dl className="facts">
        <dt>{t.stayDays}</dt>
        <dd>{days.join(', ') || '–'}</dd>
        <dt>{t.stayNights}</dt>
        <dd>{nights.join(', ') || t.noNights}</dd>
      </dl>
      {stay.dayIds.map((id) => (
        <input key={id} type="hidden" name="dayIds" value={id} />
      ))}
      {stay.nightIds.map((id) => (
        <input key={id} type="hidden" name="nightIds" value={id} />
      ))}
      {stay.longTravelReason ? <input type="hidden" name="longTravelReason" value={stay.longTravelReason} /> : null}
    </div>
  )
}

/**
 * One radio group per parallel slot (`slot:<id>`, gathered into `sessionIds`
 * on the server) and a checkbox per item that needs sign-up. With `dayIds`,
 * only the sessions on those days are offered. A full session, or one closed
 * to `roleCategory` (the role chosen so far), is shown disabled with the
 * reason beside it; the server still decides.
 */
export function SessionChoices({
  options,
  chosen,
  field,
  dayIds,
  roleCategory,
  wishes,
}: {
  options: Pick<PresentedOptions, 'slots' | 'signups'>
  chosen: Set<string>
  field: List
  dayIds?: string[]
  roleCategory?: string | null
  /** Rank the parallel sessions instead of choosing one per slot (an event by wishes). */
  wishes?: WishOptions
}) {
  const languageForm = useLanguageForm()
  const t = text[languageForm]
  const why = (item: OfferedSession & { id: string }) => {
    const availability = sessionAvailability(item, { roleCategory, hasIt: chosen.has(item.id) }, languageForm)
    return availability.available ? null : availability.reason
  }
  const onDays = (dayId: string | null) => !dayIds || dayId === null || dayIds.includes(dayId)
  const slots = options.slots.filter((s) => onDays(s.dayId))
  const signups = options.signups.filter((s) => onDays(s.dayId))
  if (slots.length === 0 && signups.length === 0) return null
  return (
    <Fieldset id={field.id}>
      <Fieldset.Legend>{t.sessions}</Fieldset.Legend>
      <Fieldset.Description>{wishes ? t.rankSessions : t.chooseSessions}</Fieldset.Description>
      {wishes?.closed ? (
        <div className="stack">
          <Paragraph>{wishes.closed.reason}</Paragraph>
          <WishList slots={slots} wishes={wishes.closed.held} />
        </div>
      ) : null}
      {wishes && !wishes.closed ? slots.map((slot) => <WishRanking key={slot.id} slot={slot} field={wishes.field} roleCategory={roleCategory} />) : null}
      {(wishes ? [] : slots).map((slot) => (
        <Fieldset key={slot.id}>
          <Fieldset.Legend>{slot.label}</Fieldset.Legend>
          <Choice
            type="radio"
            id={`slot-${slot.id}-none`}
            name={`slot:${slot.id}`}
            value=""
            label={t.noneChosen}
            defaultChecked={!slot.items.some((i) => chosen.has(i.id) && why(i) === null)}
          />
          {slot.items.map((item) => (
            <SessionChoice
              key={item.id}
              type="radio"
              id={`slot-${slot.id}-${item.id}`}
              name={`slot:${slot.id}`}
              item={item}
              unavailable={why(item)}
              chosen={chosen.has(item.id)}
            />
          ))}
        </Fieldset>
      ))}
      {signups.map((item) => (
        <SessionChoice
          key={item.id}
          type="checkbox"
          id={`signup-${item.id}`}
          name="sessionIds"
          item={item}
          unavailable={why(item)}
          chosen={chosen.has(item.id)}
        />
      ))}
      {field.errors ? (
        <Paragraph className="error-text" id={`${field.id}-error`}>
          {field.errors.join(' ')}
        </Paragraph>
      ) : null}
    </Fieldset>
  )
}

/**
 * One session to choose: a radio in its slot or a sign-up checkbox. When it
 * cannot be chosen it is disabled (not sent) and says why instead of its
 * seats left: "Fullt", "Bare for ordfører og kommunedirektør/rådmann".
 */
function SessionChoice({
  type,
  id,
  name,
  item,
  unavailable,
  chosen,
}: {
  type: 'radio' | 'checkbox'
  id: string
  name: string
  item: { id: string; title: string; note: string }
  unavailable: string | null
  chosen: boolean
}) {
  const t = useTexts(text)
  const description = unavailable ? t.unavailable(unavailable) : item.note
  const field = (
    <Field position="start">
      <Input
        type={type}
        id={id}
        name={name}
        value={item.id}
        disabled={unavailable !== null}
        defaultChecked={chosen && unavailable === null}
        aria-describedby={description ? `${id}-description` : undefined}
      />
      <Label htmlFor={id} data-weight="regular">
        {item.title}
      </Label>
      {description && !unavailable ? (
        <Field.Description id={`${id}-description`} data-field="" className="field-description">
          {description}
        </Field.Description>
      ) : null}
    </Field>
  )
  if (!unavailable) return field
  // Designsystemet dims everything inside a disabled field; the reason stays outside it, readable at full contrast.
  return (
    <div>
      {field}
      <Paragraph data-size="sm" id={`${id}-description`}>
        {description}
      </Paragraph>
    </div>
  )
}

/** The sessions a failed submit had chosen, so the form shows them again. */
export function chosenSessions(initialValue: Record<string, unknown> | null | undefined, fallback: string[] = []): Set<string> {
  const value = initialValue?.sessionIds
  if (value === undefined) return new Set(fallback)
  return new Set(Array.isArray(value) ? value.map(String) : [String(value)])
}

/** Who a participant is: name, email, phone, title and role; the participant form and both substitution forms (the contact person's, the desk's) ask these. */
export function ParticipantIdentityFields({ fields }: { fields: Record<'name' | 'email' | 'phone' | 'title' | 'roleCategory', ServerField> }) {
  const languageForm = useLanguageForm()
  const t = text[languageForm]
  return (
    <>
      <TextField field={fields.name} label={t.name} autoComplete="off" />
      <TextField field={fields.email} label={t.email} type="email" autoComplete="off" />
      <TextField field={fields.phone} label={t.phone} type="tel" />
      <TextField field={fields.title} label={t.title} />
      <SelectField
        field={fields.roleCategory}
        label={t.role}
        placeholder={t.chooseRole}
        options={Object.entries(ROLE_CATEGORY_LABELS[languageForm]).map(([value, label]) => ({ value, label }))}
      />
    </>
  )
}
