import { useLanguageForm } from '~/components/language'
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
import { findRegistrationForUser, setContactPerson } from '~/services/contact-persons.server'
import { idParam, notFound } from '~/utils/http.server'
import { readForm } from '~/utils/forms.server'
import { requireUser } from '~/utils/session.server'

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
  const submission = parseWithZod(await readForm(request), { schema: personSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    const changed = await setContactPerson(context.db, context.mail, { userId: user.id }, registrationId, submission.value, context.now())
    if (!changed) notFound()
    // A contact person who handed over no longer has access to the registration.
    return redirect(changed.former?.id === user.id ? '/min-side?overlevert=1' : `/kommune/${registrationId}`)
  } catch (error) {
    if (error instanceof DomainError) {
      return data(submission.reply({ fieldErrors: { [error.field ?? 'email']: [error.messageIn('nb')] } }), { status: 409 })
    }
    throw error
  }
}

export default function ContactPerson() {
  const languageForm = useLanguageForm()
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
        {handover ? 'Gi rollen som kontaktperson videre' : `Kontaktperson for ${r.municipality} kommune`}
      </Heading>
      <Paragraph>
        {handover
          ? `Kollegaen du oppgir, blir kontaktperson for ${r.municipality} kommune på ${r.event} med en gang. Dere får begge en e-post, og du mister tilgangen til kommunens påmelding.`
          : r.current
            ? `Nå er ${r.current.name} (${r.current.email}) kontaktperson. Begge får en e-post når du endrer.`
            : `${r.municipality} kommune har ikke valgt kontaktperson. Den du oppgir, får en e-post.`}
      </Paragraph>
      <FormErrorSummary form={form} labels={personFieldLabels[languageForm]} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <PersonFields fields={fields} />
        <PrivacyLink />
        <Button type="submit" aria-disabled={submitting || undefined}>
          {handover ? 'Gi rollen videre' : 'Lagre kontaktperson'}
        </Button>
      </Form>
      <Paragraph>
        <Link asChild>
          <RemixLink to={handover ? `/kommune/${r.id}` : `/arrangor/${r.eventId}/kommuner`}>Avbryt</RemixLink>
        </Link>
      </Paragraph>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Kontaktperson – Klimasamling' }]
