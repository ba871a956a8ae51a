import { languageOf } from '~/utils/language.server'
import { parseWithZod } from '@conform-to/zod/v4'
import { Alert, Button, Field, Fieldset, Heading, Input, Label, Paragraph, ValidationMessage } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { FormErrorSummary, getFormProps, useServerForm } from '~/components/form'
import { pickFormSchema } from '~/domain/cafe-table-form'
import { getCafeTableForParticipant, pickCafeTable } from '~/services/cafe-tables.server'
import { participantIdFromCode } from '~/services/participant-codes.server'
import cafeCss from '~/styles/cafe-tables.css'
import { readForm, replyWithDomainError } from '~/utils/forms.server'
import { notFound } from '~/utils/http.server'

/**
 * A participant's world-café table on their phone (decision 050), from their
 * personal link (`participantCode(…, 'personal-link')`): "Ditt bord" when
 * they have one; while picking is open, the tables with topic, room and free
 * seats as radio buttons (a full table is shown as "Fullt" and cannot be
 * chosen; the server refuses it all the same) and "Velg bord". A link that
 * names nobody here is a 404.
 */

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: cafeCss }]

async function participantOf(db: Parameters<typeof participantIdFromCode>[0], token: string | undefined) {
  const id = await participantIdFromCode(db, token ?? '', 'personal-link')
  if (!id) notFound()
  return id
}

export async function loader({ params, context }: LoaderFunctionArgs) {
  const participantId = await participantOf(context.db, params.token)
  const page = await getCafeTableForParticipant(context.db, participantId, context.now())
  if (!page) notFound()
  return page
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const participantId = await participantOf(context.db, params.token)
  const submission = parseWithZod(await readForm(request), { schema: pickFormSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  try {
    const picked = await pickCafeTable(context.db, participantId, submission.value.tableId, context.now())
    if (!picked) notFound()
    return redirect(`/bord/${params.token}?valgt=1`)
  } catch (error) {
    return data(replyWithDomainError(submission, error, await languageOf(request, context)), { status: 409 })
  }
}

export default function MyCafeTable() {
  const { participant, event, seat, mayPick, tables } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const submitting = useNavigation().state === 'submitting'
  const [form, fields] = useServerForm<typeof pickFormSchema>({ id: 'velg-bord', lastResult, defaultValue: { tableId: seat?.id } })
  const field = fields.tableId
  const chosen = field.initialValue
  return (
    <div className="stack form-narrow">
      <Heading level={1} data-size="lg">
        Bord til kafédialogen
      </Heading>
      <Paragraph>
        {participant.name}, {event.title}.
      </Paragraph>
      {searchParams.get('valgt') && !lastResult ? (
        <Alert data-color="success" role="status">
          <Paragraph>Bordet er valgt.</Paragraph>
        </Alert>
      ) : null}
      <section aria-labelledby="ditt-bord" className="stack">
        <Heading level={2} data-size="md" id="ditt-bord">
          Ditt bord
        </Heading>
        {seat ? (
          <div className="cafe-seat-card">
            <Paragraph data-size="lg">
              <strong>{seat.label}</strong>
            </Paragraph>
            <Paragraph>Tema: {seat.topic}</Paragraph>
            {seat.room ? <Paragraph>Rom: {seat.room}</Paragraph> : null}
          </div>
        ) : (
          <Paragraph>{mayPick ? 'Du har ikke valgt bord ennå.' : 'Du har ikke fått bord ennå. Arrangøren sier fra når bordene er klare.'}</Paragraph>
        )}
      </section>
      {mayPick ? (
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrorSummary form={form} labels={{ tableId: 'Bord' }} />
          <Fieldset id={field.id} aria-describedby={field.errors ? `${field.id}-error` : undefined}>
            <Fieldset.Legend>{seat ? 'Bytt bord' : 'Velg bord'}</Fieldset.Legend>
            <Fieldset.Description>Temaet, rommet og hvor mange plasser som er ledige.</Fieldset.Description>
            {tables.map((t) => {
              const full = t.free === 0 && t.id !== seat?.id
              const id = `${field.id}-${t.id}`
              // A disabled field is dimmed: a full table says all in its label, which axe does not hold to the contrast of enabled text.
              const where = `Tema: ${t.topic}${t.room ? `, rom: ${t.room}` : ''}.`
              return (
                <Field key={t.id} position="start">
                  <Input
                    type="radio"
                    id={id}
                    name={field.name}
                    value={t.id}
                    defaultChecked={chosen === t.id}
                    disabled={full}
                    aria-describedby={full ? undefined : `${id}-description`}
                  />
                  <Label htmlFor={id} data-weight="regular">
                    {full ? `${t.label}. ${where} Fullt` : t.label}
                  </Label>
                  {full ? null : (
                    <Field.Description id={`${id}-description`} data-field="" className="field-description">
                      {where} {t.free} {t.free === 1 ? 'ledig plass' : 'ledige plasser'}
                    </Field.Description>
                  )}
                </Field>
              )
            })}
            {field.errors ? (
              <ValidationMessage id={`${field.id}-error`} data-field="">
                {field.errors.join(' ')}
              </ValidationMessage>
            ) : null}
          </Fieldset>
          <div>
            <Button type="submit" aria-disabled={submitting || undefined}>
              Velg bord
            </Button>
          </div>
        </Form>
      ) : null}
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Ditt bord – Klimasamling' }]
