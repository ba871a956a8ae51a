import { type ServerField, TextField } from './form'

type PersonFieldset = {
  name: ServerField
  email: ServerField
  phone: ServerField
  title: ServerField
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
