import { type DefaultValue, type FieldMetadata, type FormMetadata, type SubmissionResult, useForm } from '@conform-to/react'
import { ErrorSummary, Field, Fieldset, Input, Label, Select, Textarea, ValidationMessage } from '@digdir/designsystemet-react'
import { type ComponentRef, useEffect, useRef } from 'react'
import type { z } from 'zod'

/**
 * conform's form as every form here uses it: the server checks the form with
 * the route's zod schema and its answer (`lastResult`) decides what shows.
 * The browser does not validate: that keeps zod out of the pages' JavaScript
 * (docs/performance.md), and the answer comes back in one round trip with
 * the same messages whether JavaScript runs or not. `Schema` is the route's
 * schema type, for typed fields and default values.
 */
export function useServerForm<Schema extends z.ZodType<Record<string, any>, Record<string, any>>>(options: {
  id?: string
  lastResult: SubmissionResult<string[]> | null | undefined
  defaultValue?: DefaultValue<z.input<Schema>>
}) {
  return useForm<z.input<Schema>, z.output<Schema>>({ ...options, shouldValidate: 'onSubmit' })
}

/**
 * The error summary at the top of a form (Designsystemet's ErrorSummary): the
 * form's own errors, then each field's error linked to its field. Focus moves
 * here after a failed submit, so screen reader and keyboard users start at the
 * list of what to fix.
 */
export function FormErrorSummary<Schema extends Record<string, any>>({
  form,
  labels,
}: {
  form: FormMetadata<Schema, string[]>
  labels: Partial<Record<keyof Schema & string, string>>
}) {
  const ref = useRef<ComponentRef<typeof ErrorSummary>>(null)
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
      <ErrorSummary.Heading>{fieldErrors.length > 0 ? 'Rett opp dette for å gå videre:' : 'Det gikk ikke:'}</ErrorSummary.Heading>
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

/** A labelled text input bound to a conform field, with its description and error. */
export function TextField<Schema extends Record<string, any>>({
  field,
  label,
  description,
  type = 'text',
  autoComplete,
  inputMode,
}: {
  field: FieldMetadata<string | undefined, Schema, string[]>
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

/** A labelled multi-line text field bound to a conform field. */
export function TextAreaField<Schema extends Record<string, any>>({
  field,
  label,
  description,
  rows = 4,
}: {
  field: FieldMetadata<string | undefined, Schema, string[]>
  label: string
  description?: string
  rows?: number
}) {
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

/** A labelled select bound to a conform field. */
export function SelectField<Schema extends Record<string, any>>({
  field,
  label,
  options,
  placeholder,
}: {
  field: FieldMetadata<string | undefined, Schema, string[]>
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

/** A checkbox bound to a conform field that is "on" when ticked. */
export function CheckboxField<Schema extends Record<string, any>>({
  field,
  label,
  description,
}: {
  field: FieldMetadata<string | undefined, Schema, string[]>
  label: string
  description?: string
}) {
  return (
    <div>
      <Choice type="checkbox" id={field.id} name={field.name} value="on" label={label} description={description} defaultChecked={field.initialValue === 'on'} />
      <FieldMessages id={field.id} errors={field.errors} />
    </div>
  )
}

/** A group of radio buttons with a legend, bound to a conform field. */
export function RadioGroupField<Schema extends Record<string, any>>({
  field,
  legend,
  options,
}: {
  field: FieldMetadata<string | undefined, Schema, string[]>
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

/** A group of checkboxes with a legend for a conform array field (several values under one name). */
export function CheckboxGroupField<Schema extends Record<string, any>>({
  field,
  legend,
  description,
  options,
}: {
  field: FieldMetadata<string[] | undefined, Schema, string[]>
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
