import type { FieldMetadata, FormMetadata } from '@conform-to/react'
import { ErrorSummary, Textfield } from '@digdir/designsystemet-react'
import { type ComponentRef, useEffect, useRef } from 'react'

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

/** A labelled text input bound to a conform field, with its error under it (Designsystemet's Textfield). */
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
  type?: 'text' | 'email' | 'tel'
  autoComplete?: string
  inputMode?: 'text' | 'numeric' | 'email' | 'tel'
}) {
  return (
    <Textfield
      id={field.id}
      name={field.name}
      key={field.key}
      defaultValue={field.initialValue}
      type={type}
      label={label}
      description={description}
      error={field.errors?.join(' ')}
      autoComplete={autoComplete}
      inputMode={inputMode}
    />
  )
}
