import { languageFormOfMatches, useLanguageForm } from '~/components/language'
import { parseWithZod } from '@conform-to/zod/v4'
import { Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormErrorSummary, getFormProps, useServerForm } from '~/components/form'
import { PrivacyLink } from '~/components/privacy-link'
import { PersonFields } from '~/components/person-fields'
import { DomainError } from '~/domain/errors'
import { personFieldLabels } from '~/domain/form-labels'
import { personSchema } from '~/domain/forms'
import { texts } from '~/domain/language'
import { findRegistrationForUser, setContactPerson } from '~/services/contact-persons.server'
import { idParam, notFound } from '~/utils/http.server'
import { readForm, replyTo } from '~/utils/forms.server'
import { languageOf } from '~/utils/language.server'
import { requireUser } from '~/utils/session.server'

const text = texts({
  nb: {
    handoverHeading: 'Gi rollen som kontaktperson videre',
    heading: (municipality: string) => `Kontaktperson for ${municipality} kommune`,
    handover: (municipality: string, event: string) =>
      `Kollegaen du oppgir, blir kontaktperson for ${municipality} kommune på ${event} med en gang. Dere får begge en e-post, og du mister tilgangen til kommunens påmelding.`,
    current: (name: string, email: string | null) => `Nå er ${name} (${email}) kontaktperson. Begge får en e-post når du endrer.`,
    none: (municipality: string) => `${municipality} kommune har ikke valgt kontaktperson. Den du oppgir, får en e-post.`,
    handoverSubmit: 'Gi rollen videre',
    submit: 'Lagre kontaktperson',
    cancel: 'Avbryt',
    title: 'Kontaktperson – Klimasamling',
  },
  nn: {
    handoverHeading: 'Gi rolla som kontaktperson vidare',
    heading: (municipality: string) => `Kontaktperson for ${municipality} kommune`,
    handover: (municipality: string, event: string) =>
      `Kollegaen du oppgir, blir kontaktperson for ${municipality} kommune på ${event} med ein gong. De får begge ein e-post, og du mistar tilgangen til påmeldinga til kommunen.`,
    current: (name: string, email: string | null) => `No er ${name} (${email}) kontaktperson. Begge får ein e-post når du endrar.`,
    none: (municipality: string) => `${municipality} kommune har ikkje valt kontaktperson. Den du oppgir, får ein e-post.`,
    handoverSubmit: 'Gi rolla vidare',
    submit: 'Lagre kontaktperson',
    cancel: 'Avbryt',
    title: 'Kontaktperson – Klimasamling',
  },
})

/** The organiser names or changes a municipality's contact person; the contact person hands over to a colleague. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const registration = await findRegistrationForUser(context.db, user.id, idParam(params.registrationId))
  if (!registration) notFound()
  return {
    id: registration.id,
    role: registration.role,
    municipality: registration.municipality_name,
    event: registration.event_title,
    eventId: registration.event_id,
    current: registration.contact_name ? { name: registration.contact_name, email: registration.contact_email } : null,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const registrationId = idParam(params.registrationId)
  const languageForm = await languageOf(request, context)
  const submission = parseWithZod(await readForm(request), { schema: personSchema })
  if (submission.status !== 'success') return data(replyTo(submission, languageForm), { status: 400 })
  try {
    const changed = await setContactPerson(context.db, context.mail, { userId: user.id }, registrationId, submission.value, context.now())
    if (!changed) notFound()
    // A contact person who handed over no longer has access to the registration.
    return redirect(changed.former?.id === user.id ? '/min-side?overlevert=1' : `/kommune/${registrationId}`)
  } catch (error) {
    if (error instanceof DomainError) {
      return data(replyTo(submission, languageForm, { fieldErrors: { [error.field ?? 'email']: [error.messageIn(languageForm)] } }), { status: 409 })
    }
    throw error
  }
}

export default function ContactPerson() {
  const languageForm = useLanguageForm()
  const t = text[languageForm]
  const r = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const submitting = useNavigation().state === 'submitting'
  const [form, fields] = useServerForm<typeof personSchema>({
    lastResult,
  })
  const handover = r.role === 'contact_person'
  return (
    <div className="stack form-narrow">
      <Heading level={1} data-size="lg">
        {handover ? t.handoverHeading : t.heading(r.municipality)}
      </Heading>
      <Paragraph>{handover ? t.handover(r.municipality, r.event) : r.current ? t.current(r.current.name, r.current.email) : t.none(r.municipality)}</Paragraph>
      <FormErrorSummary form={form} labels={personFieldLabels[languageForm]} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <PersonFields fields={fields} />
        <PrivacyLink />
        <Button type="submit" aria-disabled={submitting || undefined}>
          {handover ? t.handoverSubmit : t.submit}
        </Button>
      </Form>
      <Paragraph>
        <Link asChild>
          <RemixLink to={handover ? `/kommune/${r.id}` : `/arrangor/${r.eventId}/kommuner`}>{t.cancel}</RemixLink>
        </Link>
      </Paragraph>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: text[languageFormOfMatches(matches)].title }]
