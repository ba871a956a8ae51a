import { parseWithZod } from '@conform-to/zod/v4'
import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormErrorSummary, getFormProps, useServerForm } from '~/components/form'
import { languageFormOfMatches, useLanguageForm } from '~/components/language'
import { PrivacyLink } from '~/components/privacy-link'
import { PersonFields } from '~/components/person-fields'
import { formatDateRange, formatDateTime } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { personFieldLabels } from '~/domain/form-labels'
import { personSchema } from '~/domain/forms'
import { texts } from '~/domain/language'
import { acceptInvitation, findInvitation } from '~/services/invitations.server'
import { readForm, replyTo } from '~/utils/forms.server'
import { languageOf } from '~/utils/language.server'

const text = texts({
  nb: {
    registered: 'Kontaktpersonen er registrert',
    named: (name: string, email: string) =>
      `${name} er nå kontaktperson og har fått en e-post om det. Hun eller han logger inn med ${email} for å melde på kommunens deltakere.`,
    invalid: 'Invitasjonslenken virker ikke',
    invalidText:
      'Lenken kan være feil, eller kommunen har allerede valgt en kontaktperson. Kontaktpersonen kan logge inn og melde på deltakere. Er det noe som ikke stemmer, ta kontakt med arrangøren.',
    heading: (municipality: string) => `Velg kontaktperson for ${municipality} kommune`,
    intro: (municipality: string, event: string, dates: string, deadline: string) =>
      `${municipality} kommune er invitert til ${event}, ${dates}. Kontaktpersonen melder på kommunens deltakere før fristen ${deadline} og får kopi av all korrespondanse om dem.`,
    submit: 'Registrer kontaktperson',
    title: 'Velg kontaktperson – Klimasamling',
  },
  nn: {
    registered: 'Kontaktpersonen er registrert',
    named: (name: string, email: string) =>
      `${name} er no kontaktperson og har fått ein e-post om det. Ho eller han loggar inn med ${email} for å melde på deltakarane frå kommunen.`,
    invalid: 'Invitasjonslenka verkar ikkje',
    invalidText:
      'Lenka kan vere feil, eller kommunen har allereie valt ein kontaktperson. Kontaktpersonen kan logge inn og melde på deltakarar. Er det noko som ikkje stemmer, ta kontakt med arrangøren.',
    heading: (municipality: string) => `Vel kontaktperson for ${municipality} kommune`,
    intro: (municipality: string, event: string, dates: string, deadline: string) =>
      `${municipality} kommune er invitert til ${event}, ${dates}. Kontaktpersonen melder på deltakarane frå kommunen før fristen ${deadline} og får kopi av all korrespondanse om dei.`,
    submit: 'Registrer kontaktperson',
    title: 'Vel kontaktperson – Klimasamling',
  },
})

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
  const languageForm = await languageOf(request, context)
  const submission = parseWithZod(await readForm(request), { schema: personSchema })
  if (submission.status !== 'success') return data({ result: replyTo(submission, languageForm), named: null }, { status: 400 })
  try {
    const { contact } = await acceptInvitation(context.db, context.mail, params.token ?? '', submission.value, context.now())
    return { result: replyTo(submission, languageForm, { resetForm: true }), named: { name: contact.name, email: contact.email } }
  } catch (error) {
    if (error instanceof DomainError) {
      return data({ result: replyTo(submission, languageForm, { formErrors: [error.messageIn(languageForm)] }), named: null }, { status: 409 })
    }
    throw error
  }
}

export default function Invitation() {
  const languageForm = useLanguageForm()
  const t = text[languageForm]
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
          {t.registered}
        </Heading>
        <Alert data-color="success">
          <Paragraph>{t.named(actionData.named.name, actionData.named.email)}</Paragraph>
        </Alert>
      </div>
    )
  }
  if (!invitation) {
    return (
      <div className="stack form-narrow">
        <Heading level={1} data-size="lg">
          {t.invalid}
        </Heading>
        <Paragraph>{t.invalidText}</Paragraph>
      </div>
    )
  }
  return (
    <div className="stack form-narrow">
      <Heading level={1} data-size="lg">
        {t.heading(invitation.municipality)}
      </Heading>
      <Paragraph>{t.intro(invitation.municipality, invitation.event, invitation.dates, invitation.deadline)}</Paragraph>
      <FormErrorSummary form={form} labels={personFieldLabels[languageForm]} />
      <Form method="post" {...getFormProps(form)} className="stack">
        <PersonFields fields={fields} />
        <PrivacyLink />
        <Button type="submit" aria-disabled={submitting || undefined}>
          {t.submit}
        </Button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: text[languageFormOfMatches(matches)].title }]
