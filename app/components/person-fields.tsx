import { texts } from '~/domain/language'
import { type ServerField, TextField } from './form'
import { useTexts } from './language'

const text = texts({
  nb: {
    name: 'Navn',
    email: 'E-post',
    emailHint: 'Jobbadressen, for eksempel navn@kommune.no.',
    phone: 'Telefon (valgfritt)',
    title: 'Stilling (valgfritt)',
  },
  nn: {
    name: 'Namn',
    email: 'E-post',
    emailHint: 'Jobbadressa, til dømes namn@kommune.no.',
    phone: 'Telefon (valfritt)',
    title: 'Stilling (valfritt)',
  },
})

type PersonFieldset = {
  name: ServerField
  email: ServerField
  phone: ServerField
  title: ServerField
}

/** Name, email, phone and title of a person: the contact person forms share these. */
export function PersonFields({ fields }: { fields: PersonFieldset }) {
  const t = useTexts(text)
  return (
    <>
      <TextField field={fields.name} label={t.name} autoComplete="name" />
      <TextField field={fields.email} label={t.email} type="email" autoComplete="email" description={t.emailHint} />
      <TextField field={fields.phone} label={t.phone} type="tel" autoComplete="tel" inputMode="tel" />
      <TextField field={fields.title} label={t.title} autoComplete="organization-title" />
    </>
  )
}
