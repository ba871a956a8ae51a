import { Button, Field, Fieldset, Label, Paragraph, Select, ValidationMessage } from '@digdir/designsystemet-react'
import { useEffect, useRef, useState } from 'react'
import { roleMayAttend } from '~/domain/eligibility'
import { type LanguageForm, texts } from '~/domain/language'
import { describeRoles } from '~/domain/roles'
import { rankLabel, WISH_RANKS, wishField } from '~/domain/session-wishes'
import type { ServerField } from './form'
import { useLanguageForm } from './language'

const text = texts({
  nb: {
    notChosen: 'Ikke valgt',
    moved: (there: string, thereRank: string, here: string, hereRank: string) => `«${there}» er nå ${thereRank}, og «${here}» ${hereRank}.`,
    description: 'Ranger sesjonene du helst vil være med på. Minst ett valg; 2. og 3. valg brukes hvis det første er fullt.',
    onlyFor: (roles: string) => ` (bare for ${roles})`,
    moveUp: 'Flytt opp',
    moveDown: 'Flytt ned',
    noWishes: 'Ingen ønsker er registrert.',
    wishes: 'Ønsker',
  },
  nn: {
    notChosen: 'Ikkje valt',
    moved: (there: string, thereRank: string, here: string, hereRank: string) => `«${there}» er no ${thereRank}, og «${here}» ${hereRank}.`,
    description: 'Ranger sesjonane du helst vil vere med på. Minst eitt val; 2. og 3. val blir brukte viss det første er fullt.',
    onlyFor: (roles: string) => ` (berre for ${roles})`,
    moveUp: 'Flytt opp',
    moveDown: 'Flytt ned',
    noWishes: 'Ingen ønske er registrerte.',
    wishes: 'Ønske',
  },
})

/**
 * Ranked wishes for one parallel slot (decision 44): a <select> per rank
 * (`wish:<slotId>:<rank>`, "Ikke valgt" empty), which work without
 * JavaScript. With JavaScript, "Flytt opp" and "Flytt ned" beside each rank
 * swap its choice with the one above or below, and a live region says what
 * moved, so the order can be changed by keyboard without re-choosing. (The
 * buttons name their rank and slot in visually hidden text, not aria-label, so
 * a label lookup such as "1. valg" still finds the select alone.) A
 * session closed to the chosen role is offered disabled, with why; the
 * server decides.
 */
export interface WishSlotOption {
  id: string
  label: string
  items: ReadonlyArray<{ id: string; title: string; restrictedToRoles: readonly string[] }>
}

export function WishRanking({
  slot,
  field,
  roleCategory,
}: {
  slot: WishSlotOption
  /** The form's field by name (useServerForm's fields), for ids, values and errors. */
  field: (name: string) => ServerField
  roleCategory?: string | null
}) {
  const languageForm = useLanguageForm()
  const t = text[languageForm]
  const rank = (r: number) => rankLabel(r, languageForm)
  const selects = useRef<Array<HTMLSelectElement | null>>([])
  const [enhanced, setEnhanced] = useState(false)
  const [said, setSaid] = useState('')
  useEffect(() => setEnhanced(true), [])
  const slotField = field(wishField(slot.id))
  const titleOf = (id: string) => slot.items.find((i) => i.id === id)?.title ?? t.notChosen

  function move(index: number, by: -1 | 1) {
    const here = selects.current[index]
    const there = selects.current[index + by]
    if (!here || !there) return
    const value = here.value
    here.value = there.value
    there.value = value
    setSaid(t.moved(titleOf(there.value), rank(index + by + 1), titleOf(here.value), rank(index + 1)))
  }

  return (
    <Fieldset id={slotField.id}>
      <Fieldset.Legend>{slot.label}</Fieldset.Legend>
      <Fieldset.Description>{t.description}</Fieldset.Description>
      {slotField.errors ? <ValidationMessage data-field="">{slotField.errors.join(' ')}</ValidationMessage> : null}
      {WISH_RANKS.map((wishRank, index) => {
        const f = field(wishField(slot.id, wishRank))
        const value = typeof f.initialValue === 'string' ? f.initialValue : ''
        return (
          <div key={wishRank} className="wish-rank">
            <Field>
              <Label htmlFor={f.id}>
                {rank(wishRank)}
                <span className="visually-hidden">, {slot.label}</span>
              </Label>
              <Select
                id={f.id}
                name={f.name}
                key={f.key}
                defaultValue={value}
                ref={(element) => {
                  selects.current[index] = element
                }}
                aria-invalid={f.errors ? true : undefined}
                aria-describedby={f.errors ? `${f.id}-error` : undefined}
              >
                <Select.Option value="">{t.notChosen}</Select.Option>
                {slot.items.map((item) => {
                  const closed = Boolean(roleCategory) && !roleMayAttend(item.restrictedToRoles, roleCategory ?? '')
                  const only = item.restrictedToRoles.length > 0 ? t.onlyFor(describeRoles(item.restrictedToRoles, languageForm).toLowerCase()) : ''
                  return (
                    <Select.Option key={item.id} value={item.id} disabled={closed && item.id !== value}>
                      {item.title}
                      {only}
                    </Select.Option>
                  )
                })}
              </Select>
              {f.errors ? (
                <ValidationMessage id={`${f.id}-error`} data-field="">
                  {f.errors.join(' ')}
                </ValidationMessage>
              ) : null}
            </Field>
            {enhanced ? (
              <div className="wish-moves">
                {index > 0 ? (
                  <Button type="button" variant="tertiary" data-size="sm" onClick={() => move(index, -1)}>
                    {t.moveUp}
                    <span className="visually-hidden">
                      : {rank(wishRank)}, {slot.label}
                    </span>
                  </Button>
                ) : null}
                {index < WISH_RANKS.length - 1 ? (
                  <Button type="button" variant="tertiary" data-size="sm" onClick={() => move(index, 1)}>
                    {t.moveDown}
                    <span className="visually-hidden">
                      : {rank(wishRank)}, {slot.label}
                    </span>
                  </Button>
                ) : null}
              </div>
            ) : null}
          </div>
        )
      })}
      <p aria-live="polite" className="visually-hidden">
        {said}
      </p>
    </Fieldset>
  )
}

/** A participant's wishes in words, for a page that shows them without the form: "1. valg: Energi". */
export function WishList({ slots, wishes }: { slots: readonly WishSlotOption[]; wishes: ReadonlyArray<{ slotId: string; sessionId: string; rank: number }> }) {
  const languageForm = useLanguageForm()
  const shown = slots.filter((s) => wishes.some((w) => w.slotId === s.id))
  if (shown.length === 0) return <Paragraph>{text[languageForm].noWishes}</Paragraph>
  return (
    <dl className="facts">
      {shown.map((slot) => (
        <div key={slot.id}>
          <dt>{slot.label}</dt>
          <dd>
            {wishes
              .filter((w) => w.slotId === slot.id)
              .sort((a, b) => a.rank - b.rank)
              .map((w) => `${rankLabel(w.rank, languageForm)}: ${slot.items.find((i) => i.id === w.sessionId)?.title ?? '–'}`)
              .join(', ')}
          </dd>
        </div>
      ))}
    </dl>
  )
}

/** The error summary's names for the wish fields of `slots`. */
export function wishFieldLabels(slots: readonly WishSlotOption[], languageForm: LanguageForm): Record<string, string> {
  const labels: Record<string, string> = { wishes: text[languageForm].wishes }
  for (const slot of slots) {
    labels[wishField(slot.id)] = slot.label
    for (const rank of WISH_RANKS) labels[wishField(slot.id, rank)] = `${slot.label}, ${rankLabel(rank, languageForm)}`
  }
  return labels
}

/** The form's starting values for the wish selects, from the wishes held. */
export function wishDefaults(wishes: ReadonlyArray<{ slotId: string; sessionId: string; rank: number }>): Record<string, string> {
  return Object.fromEntries(wishes.map((w) => [wishField(w.slotId, w.rank), w.sessionId]))
}

/** What a participant form's loader says of wishes (getWishForm, with the policy's reason when the participant may not change them). */
export interface WishFormState {
  held: ReadonlyArray<{ slotId: string; sessionId: string; rank: number }>
  /** Why the wishes cannot be changed now (the round is closed); null while they can. */
  closedReason: string | null
}

/** The participant form's `wishes`, from the loader's state and useServerForm's fields (any name gives a field). */
export function wishOptions(fields: object, state: WishFormState | null | undefined) {
  if (!state) return undefined
  const byName = fields as Record<string, ServerField>
  return {
    field: (name: string) => byName[name] as ServerField,
    closed: state.closedReason ? { reason: state.closedReason, held: state.held } : null,
  }
}
