import type { SubmissionResult } from '@conform-to/react'
import { ErrorSummary, Field, Fieldset, Input, Label, Select, Textarea, ValidationMessage } from '@digdir/designsystemet-react'
import { type ComponentRef, useEffect, useId, useRef, useState } from 'react'
import type { z } from 'zod'
import { texts } from '~/domain/language'
import { useTexts } from './language'

const summaryText = texts({
  nb: { fix: 'Rett opp dette for å gå videre:', failed: 'Det gikk ikke:' },
  nn: { fix: 'Rett opp dette for å gå vidare:', failed: 'Det gjekk ikkje:' },
})

/**
 * A form as every form here uses it: the server checks the form with the
 * route's zod schema (conform's parseWithZod) and its answer, conform's
 * `SubmissionResult` (`lastResult`), decides what shows: the values to fill
 * in and the errors. The browser does not validate, so neither zod nor
 * conform's client runs in the page (decision 37, docs/decisions): the ids,
 * values and errors below are what conform's useForm gives for a form that
 * validates on the server only, read straight from the answer, and the same
 * with JavaScript off. `Schema` is the route's schema type, for the field names.
 */
export function useServerForm<Schema extends z.ZodType<Record<string, any>, Record<string, any>>>(options: {
  id?: string
  lastResult: SubmissionResult<string[]> | null | undefined
  defaultValue?: { [K in keyof z.input<Schema>]?: DefaultValue }
}): [ServerForm, ServerFields<z.input<Schema>>] {
  const generatedId = useId()
  const id = options.id ?? generatedId
  const { lastResult } = options
  // A refused submit answers with what was sent; otherwise (and after conform's resetForm, null) the defaults.
  const initial: Record<string, unknown> = lastResult?.initialValue ?? options.defaultValue ?? {}
  const errors: Record<string, string[]> = {}
  // The actions answer in the reader's written form already (replyTo, app/utils/forms.server.ts).
  for (const [name, messages] of Object.entries(lastResult?.error ?? {})) if (messages && messages.length > 0) errors[name] = messages
  const live = useLiveValues(id)
  const field = (name: string): ServerField => {
    const initialValue = formValue(initial[name])
    return {
      id: `${id}-${name}`,
      name,
      key: id,
      initialValue,
      value: name in live ? live[name] : initialValue,
      errors: errors[name],
    }
  }
  const form: ServerForm = { id, errors: errors[''], allErrors: errors, noValidate: true }
  const fields = new Proxy({} as ServerFields<z.input<Schema>>, { get: (_, name) => (typeof name === 'string' ? field(name) : undefined) })
  return [form, fields]
}

/** What a default value may be; numbers and dates are sent as text, a ticked box as "on" (as conform does). */
type DefaultValue = string | number | boolean | Date | null | undefined | ReadonlyArray<string | number>

/** A field's value as the form holds it: one text, several (a group of checkboxes), or none. */
export type FormValue = string | string[] | undefined

function formValue(value: unknown): FormValue {
  if (Array.isArray(value)) return value.map((item) => formValue(item)).filter((item): item is string => typeof item === 'string')
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'bigint') return String(value)
  if (typeof value === 'boolean') return value ? 'on' : undefined
  if (value instanceof Date) return value.toISOString()
  return undefined
}

export interface ServerForm {
  id: string
  /** The form's own errors (conform's form errors, under the name ''). */
  errors: string[] | undefined
  /** Every error of the answer by field name, the form's own under ''. */
  allErrors: Record<string, string[]>
  /** The server validates; the browser's own checks would answer first, in other words. */
  noValidate: true
}

/**
 * One field: its id (the form's id and its name), its value and the server's
 * errors. `Value` narrows the value as the schema expects it (one text, or
 * several for an array), as conform's field metadata does.
 */
export interface ServerField<Value extends FormValue = FormValue> {
  id: string
  name: string
  /** The form's id: a form that changes id (another row to edit) renders its inputs anew with that row's values. */
  key: string
  /** What the field starts with: what was sent, after a refused submit, else the default. */
  initialValue: Value
  /** What it holds now: the initial value, then in the browser what the user chooses. */
  value: Value
  errors: string[] | undefined
}

export type ServerFields<Values> = {
  [K in keyof Values & string]-?: ServerField<NonNullable<Values[K]> extends ReadonlyArray<unknown> ? string[] | string | undefined : string | undefined>
}

/** The props of the <Form>: its id, which the fields' ids start with, and no browser validation. */
export function getFormProps(form: ServerForm): { id: string; noValidate: true } {
  return { id: form.id, noValidate: form.noValidate }
}

/**
 * The values the user has chosen in the form with this id, by name, as they
 * change (only fields that a page shows differently by value read them, such
 * as the sessions open to the chosen role); empty until the first change.
 */
function useLiveValues(formId: string): Record<string, FormValue> {
  const [state, setState] = useState<{ formId: string; values: Record<string, FormValue> }>({ formId, values: {} })
  useEffect(() => {
    const update = (event: Event) => {
      const target = event.target
      if (!(target instanceof HTMLInputElement || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement)) return
      const form = target.form
      if (!form || form.id !== formId || !target.name) return
      const all = new FormData(form).getAll(target.name).filter((value): value is string => typeof value === 'string')
      const value = all.length > 1 ? all : all[0]
      setState((previous) => ({ formId, values: { ...(previous.formId === formId ? previous.values : {}), [target.name]: value } }))
    }
    document.addEventListener('input', update)
    document.addEventListener('change', update)
    return () => {
      document.removeEventListener('input', update)
      document.removeEventListener('change', update)
    }
  }, [formId])
  return state.formId === formId ? state.values : {}
}

/**
 * The error summary at the top of a form (Designsystemet's ErrorSummary): the
 * form's own errors, then each field's error linked to its field. Focus moves
 * here after a failed submit, so screen reader and keyboard users start at the
 * list of what to fix.
 */
export function FormErrorSummary({ form, labels }: { form: ServerForm; labels: Partial<Record<string, string>> }) {
  const ref = useRef<ComponentRef<typeof ErrorSummary>>(null)
  const t = useTexts(summaryText)
  const formErrors = form.errors ?? []
  const fieldLabels: Record<string, string | undefined> = labels
  const fieldErrors = Object.entries(form.allErrors).filter(([name]) => fieldLabels[name] !== undefined)
  const count = formErrors.length + fieldErrors.length
  useEffect(() => {
    if (count > 0) ref.current?.focus()
  }, [count])
  if (count === 0) return null
  return (
    <ErrorSummary ref={ref} tabIndex={-1}>
      <ErrorSummary.Heading>{fieldErrors.length > 0 ? t.fix : t.failed}</ErrorSummary.Heading>
      <ErrorSummary.List>
        {formErrors.map((message) => (
          <ErrorSummary.Item key={message}>{message}</ErrorSummary.Item>
        ))}
        {fieldErrors.map(([name, messages]) => (
          <ErrorSummary.Item key={name}>
            <ErrorSummary.Link href={`#${form.id}-${name}`}>
              {fieldLabels[name]}: {messages.join(' ')}
            </ErrorSummary.Link>
          </ErrorSummary.Item>
        ))}
      </ErrorSummary.List>
    </ErrorSummary>
  )
}

/**
 * The id-linked parts of one field. Labels, descriptions and messages carry
 * explicit ids and `for`, so the server's HTML is accessible as it stands:
 * with JavaScript off too (Designsystemet links them only in the browser).
 * Our descriptions and messages carry an empty `data-field`, so that
 * Designsystemet's script, once it runs, does not link them a second time
 * (a screen reader would read each twice); `.field-description` styles them.
 */
function describedBy(id: string, description: unknown, errors: unknown): string | undefined {
  return [description ? `${id}-description` : null, errors ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
}

function FieldMessages({ id, errors }: { id: string; errors: string[] | undefined }) {
  return errors ? (
    <ValidationMessage id={`${id}-error`} data-field="">
      {errors.join(' ')}
    </ValidationMessage>
  ) : null
}

/** A labelled text input bound to a field, with its description and error. */
export function TextField({
  field,
  label,
  description,
  type = 'text',
  autoComplete,
  inputMode,
}: {
  field: ServerField
  label: string
  description?: string
  type?: 'text' | 'email' | 'tel' | 'date' | 'time'
  autoComplete?: string
  inputMode?: 'text' | 'numeric' | 'email' | 'tel'
}) {
  return (
    <Field>
      <Label htmlFor={field.id}>{label}</Label>
      {description ? (
        <Field.Description id={`${field.id}-description`} data-field="" className="field-description">
          {description}
        </Field.Description>
      ) : null}
      <Input
        id={field.id}
        name={field.name}
        key={field.key}
        defaultValue={field.initialValue}
        type={type}
        autoComplete={autoComplete}
        inputMode={inputMode}
        aria-invalid={field.errors ? true : undefined}
        aria-describedby={describedBy(field.id, description, field.errors)}
      />
      <FieldMessages id={field.id} errors={field.errors} />
    </Field>
  )
}

/** A labelled multi-line text field. */
export function TextAreaField({ field, label, description, rows = 4 }: { field: ServerField; label: string; description?: string; rows?: number }) {
  return (
    <Field>
      <Label htmlFor={field.id}>{label}</Label>
      {description ? (
        <Field.Description id={`${field.id}-description`} data-field="" className="field-description">
          {description}
        </Field.Description>
      ) : null}
      <Textarea
        id={field.id}
        name={field.name}
        key={field.key}
        rows={rows}
        defaultValue={field.initialValue}
        aria-invalid={field.errors ? true : undefined}
        aria-describedby={describedBy(field.id, description, field.errors)}
      />
      <FieldMessages id={field.id} errors={field.errors} />
    </Field>
  )
}

/** A labelled select. */
export function SelectField({
  field,
  label,
  options,
  placeholder,
}: {
  field: ServerField
  label: string
  options: Array<{ value: string; label: string }>
  placeholder?: string
}) {
  return (
    <Field>
      <Label htmlFor={field.id}>{label}</Label>
      <Select
        id={field.id}
        name={field.name}
        key={field.key}
        defaultValue={field.initialValue ?? ''}
        aria-invalid={field.errors ? true : undefined}
        aria-describedby={describedBy(field.id, null, field.errors)}
      >
        {placeholder ? (
          <Select.Option value="" disabled>
            {placeholder}
          </Select.Option>
        ) : null}
        {options.map((o) => (
          <Select.Option key={o.value} value={o.value}>
            {o.label}
          </Select.Option>
        ))}
      </Select>
      <FieldMessages id={field.id} errors={field.errors} />
    </Field>
  )
}

/** One checkbox or radio button with its label (and description) linked by id. */
export function Choice({
  type,
  id,
  name,
  value,
  label,
  description,
  defaultChecked,
}: {
  type: 'checkbox' | 'radio'
  id: string
  name: string
  value: string
  label: string
  description?: string
  defaultChecked?: boolean
}) {
  return (
    <Field position="start">
      <Input type={type} id={id} name={name} value={value} defaultChecked={defaultChecked} aria-describedby={description ? `${id}-description` : undefined} />
      <Label htmlFor={id} data-weight="regular">
        {label}
      </Label>
      {description ? (
        <Field.Description id={`${id}-description`} data-field="" className="field-description">
          {description}
        </Field.Description>
      ) : null}
    </Field>
  )
}

/** A checkbox that is "on" when ticked. */
export function CheckboxField({ field, label, description }: { field: ServerField; label: string; description?: string }) {
  return (
    <div>
      <Choice type="checkbox" id={field.id} name={field.name} value="on" label={label} description={description} defaultChecked={field.initialValue === 'on'} />
      <FieldMessages id={field.id} errors={field.errors} />
    </div>
  )
}

/** A group of radio buttons with a legend. */
export function RadioGroupField({
  field,
  legend,
  options,
}: {
  field: ServerField
  legend: string
  options: Array<{ value: string; label: string; description?: string }>
}) {
  return (
    <Fieldset id={field.id} aria-describedby={field.errors ? `${field.id}-error` : undefined}>
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {options.map((o) => (
        <Choice
          key={o.value}
          type="radio"
          id={`${field.id}-${o.value}`}
          name={field.name}
          value={o.value}
          label={o.label}
          description={o.description}
          defaultChecked={field.initialValue === o.value}
        />
      ))}
      <FieldMessages id={field.id} errors={field.errors} />
    </Fieldset>
  )
}

/** A group of checkboxes with a legend for a field of several values under one name. */
export function CheckboxGroupField({
  field,
  legend,
  description,
  options,
}: {
  field: ServerField
  legend: string
  description?: string
  options: Array<{ value: string; label: string }>
}) {
  const checked = new Set(Array.isArray(field.initialValue) ? field.initialValue : field.initialValue ? [field.initialValue] : [])
  return (
    <Fieldset id={field.id} aria-describedby={field.errors ? `${field.id}-error` : undefined}>
      <Fieldset.Legend>{legend}</Fieldset.Legend>
      {description ? <Fieldset.Description>{description}</Fieldset.Description> : null}
      {options.map((o) => (
        <Choice
          key={o.value}
          type="checkbox"
          id={`${field.id}-${o.value}`}
          name={field.name}
          value={o.value}
          label={o.label}
          defaultChecked={checked.has(o.value)}
        />
      ))}
      <FieldMessages id={field.id} errors={field.errors} />
    </Fieldset>
  )
}

/** What the action answered for one of a page's forms (see handleIntent): its result if it was one of `intents`. */
export function intentResult(
  actionData: { intent: string; result: SubmissionResult<string[]> | undefined } | undefined,
  intents: string[],
): SubmissionResult<string[]> | undefined {
  return actionData && intents.includes(actionData.intent) ? actionData.result : undefined
}

/** Every message of an answer to a form without fields of its own (delete buttons and the like). */
export function intentErrors(result: SubmissionResult<string[]> | undefined): string[] {
  return result?.error ? Object.values(result.error).flatMap((messages) => messages ?? []) : []
}
