import type { FieldMetadata } from '@conform-to/react'
import { TextField } from './form'

type PersonFieldset = {
  name: FieldMetadata<string | undefined, any, string[]>
  email: FieldMetadata<string | undefined, any, string[]>
  phone: FieldMetadata<string | undefined, any, string[]>
  title: FieldMetadata<string | undefined, any, string[]>
}

/** Name, email, phone and title of a person: the contact person forms share these. */
export function PersonFields({ fields }: { fields: PersonFieldset }) {
  return (
    <>
      <TextField field={fields.name} label="Navn" autoComplete="name" />
      <TextField field={fields.email} label="E-post" type="email" autoComplete="email" description="Jobbadressen, for eksempel navn@kommune.no." />
      <TextField field={fields.phone} label="Telefon (valgfritt)" type="tel" autoComplete="tel" inputMode="tel" />
      <TextField field={fields.title} label="Stilling (valgfritt)" autoComplete="organization-title" />
    </>
  )
}
