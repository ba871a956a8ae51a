import { parseWithZod } from '@conform-to/zod/v4'
import { Button, Heading, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormErrorSummary, getFormProps, TextField, useServerForm } from '~/components/form'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { OrganiserNav } from '~/components/organiser-nav'
import { formatDateRange, osloDate, shiftDate } from '~/domain/dates'
import { DomainError } from '~/domain/errors'
import { eventCopyFormSchema as schema } from '~/domain/event-form'
import { texts } from '~/domain/language'
import { copyEvent } from '~/services/event-setup.server'
import { findEventFor } from '~/services/access.server'
import { idParam, notFound } from '~/utils/http.server'
import { readForm, replyTo } from '~/utils/forms.server'
import { languageOf } from '~/utils/language.server'
import { requireUser } from '~/utils/session.server'

const text = texts({
  nb: {
    title: (event: string) => `Kopier ${event} – Klimasamling`,
    labels: { title: 'Tittel på kopien', slug: 'Adressenavn', startDate: 'Ny startdato' },
    heading: (event: string) => `Kopier ${event}`,
    intro: (dates: string) =>
      `Kopien blir et utkast med de samme dagene, nettene, dekningsreglene, prisene og programmet, flyttet til den nye startdatoen med de samme klokkeslettene. Påmeldinger og møtelenker blir ikke med. Kommunene i fylket inviteres slik de er på den nye datoen, og en kommune originalen inviterte som siden er slått sammen, delt eller flyttet til et annet fylke, erstattes av kommunene som tok over. Kopien viser hva som er endret. Originalen: ${dates}.`,
    copying: 'Kopierer …',
    submit: 'Lag kopien',
  },
  nn: {
    title: (event: string) => `Kopier ${event} – Klimasamling`,
    labels: { title: 'Tittel på kopien', slug: 'Adressenamn', startDate: 'Ny startdato' },
    heading: (event: string) => `Kopier ${event}`,
    intro: (dates: string) =>
      `Kopien blir eit utkast med dei same dagane, nettene, dekningsreglane, prisane og programmet, flytta til den nye startdatoen med dei same klokkesletta. Påmeldingar og møtelenker blir ikkje med. Kommunane i fylket blir inviterte slik dei er på den nye datoen, og ein kommune originalen inviterte som seinare er slått saman, delt eller flytta til eit anna fylke, blir erstatta av kommunane som tok over. Kopien viser kva som er endra. Originalen: ${dates}.`,
    copying: 'Kopierer …',
    submit: 'Lag kopien',
  },
})

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const event = (await findEventFor(context.db, { userId: user.id }, idParam(params.eventId), 'event.manage'))?.event
  if (!event) notFound()
  const nextYear = shiftDate(osloDate(event.starts_at), 364)
  return {
    event: { id: event.id, title: event.title, dates: formatDateRange(event.starts_at, event.ends_at) },
    defaults: { title: event.title, slug: `${event.slug.replace(/-\d{4}$/, '')}-${nextYear.slice(0, 4)}`, startDate: nextYear },
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const languageForm = await languageOf(request, context)
  const submission = parseWithZod(await readForm(request), { schema })
  if (submission.status !== 'success') return data(replyTo(submission, languageForm), { status: 400 })
  try {
    const copy = await copyEvent(context.db, { userId: user.id }, idParam(params.eventId), submission.value, context.now())
    if (!copy) notFound()
    return redirect(`/arrangor/${copy.id}?kopiert=1`)
  } catch (error) {
    if (error instanceof DomainError) {
      return data(replyTo(submission, languageForm, { fieldErrors: { [error.field ?? 'slug']: [error.messageIn(languageForm)] } }), { status: 409 })
    }
    throw error
  }
}

export default function CopyEvent() {
  const { event, defaults } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const submitting = useNavigation().state === 'submitting'
  const t = useTexts(text)
  const labels = t.labels
  const [form, fields] = useServerForm<typeof schema>({
    lastResult,
    defaultValue: defaults,
  })
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          {t.heading(event.title)}
        </Heading>
        <Paragraph>{t.intro(event.dates)}</Paragraph>
      </div>
      <FormErrorSummary form={form} labels={labels} />
      <Form method="post" {...getFormProps(form)} className="stack form-narrow">
        <TextField field={fields.title} label={labels.title} />
        <TextField field={fields.slug} label={labels.slug} />
        <TextField field={fields.startDate} label={labels.startDate} type="date" />
        <Button type="submit" aria-disabled={submitting || undefined}>
          {submitting ? t.copying : t.submit}
        </Button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.event.title) : 'Klimasamling' },
]
