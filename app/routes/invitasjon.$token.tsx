import { useLanguageForm } from '~/components/language'
import { parseWithZod } from '@conform-to/zod/v4'
import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormErrorSummary, getFormProps, useServerForm } from '~/components/form'
import { PrivacyLink } from '~/components/privacy-link'
import { PersonFields } from '~/components/person-fields'
import { formatDateRange, formatDateTime } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { personFieldLabels } from '~/domain/form-labels'
import { personSchema } from '~/domain/forms'
import { acceptInvitation, findInvitation } from '~/services/invitations.server'
import { readForm } from '~/utils/forms.server'

export async function loader({ params, context }: LoaderFunctionArgs) {
  const invitation = await findInvitation(context.db, params.token ?? '')
  if (!invitation) return { invitation: null }
  return {
    invitation: {
      municipality: invitation.municipality_name,
      event: invitation.event_title,
      dates: formatDateRange(invitation.starts_at, invitation.ends_at),
      deadline: formatDateTime(invitation.deadline_at),
    },
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: personSchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), named: null }, { status: 400 })
  try {
    const { contact } = await acceptInvitation(context.db, context.mail, params.token ?? '', submission.value, context.now())
    return { result: submission.reply({ resetForm: true }), named: { name: contact.name, email: contact.email } }
  } catch (error) {
    if (error instanceof DomainError) {
      return data({ result: submission.reply({ formErrors: [error.messageIn('nb')] }), named: null }, { status: 409 })
    }
    throw error
  }
}

export default function Invitation() {
  const languageForm = useLanguageForm()
  const { invitation } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const submitting = useNavigation().state === 'submitting'
  const [form, fields] = useServerForm<typeof personSchema>({
    lastResult: actionData?.result,
  })
  if (actionData?.named) {
    return (
      <div className="stack form-narrow">
        <Heading level={1} data-size="lg">
          Kontaktpersonen er registrert
        </Heading>
        <Alert data-color="success">
          <Paragraph>
            {actionData.named.name} er nå kontaktperson og har fått en e-post om det. Hun eller han logger inn med {actionData.named.email} for å melde på
            kommunens deltakere.
          </Paragraph>
        </Alert>
      </div>
    )
  }
  if (!invitation) {
    return (
      <div className="stack form-narrow">
        <Heading level={1} data-size="lg">
          Invitasjonslenken virker ikke
        </Heading>
        <Paragraph>
          Lenken kan være feil, eller kommunen har allerede valgt en kontaktperson. Kontaktpersonen kan logge inn og melde på deltakere. Er det noe som ikke
          stemmer, ta kontakt med arrangøren.
        </Paragraph>
      </div>
    )
  }
  return (
    <div className="stack form-narrow">
      <Heading level={1} data-size="lg">
        Velg kontaktperson for {invitation.municipality} kommune
      </Heading>
      <Paragraph>
        {invitation.municipality} kommune er invitert til {invitation.event}, {invitation.dates}. Kontaktpersonen melder på kommunens deltakere før fristen{' '}
        {invitation.deadline} og får kopi av all korrespondanse om dem.
      </Paragraph>
      <FormErrorSummary form={form} labels={personFieldLabels[languageForm]} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <PersonFields fields={fields} />
        <PrivacyLink />
        <Button type="submit" aria-disabled={submitting || undefined}>
          Registrer kontaktperson
        </Button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Velg kontaktperson – Klimasamling' }]
