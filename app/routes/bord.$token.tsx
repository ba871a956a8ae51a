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
import { readForm, replyTo, replyWithDomainError } from '~/utils/forms.server'
import { notFound } from '~/utils/http.server'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { texts } from '~/domain/language'
import { languageOf } from '~/utils/language.server'

const text = texts({
  nb: {
    heading: 'Bord til kafédialogen',
    who: (name: string, event: string) => `${name}, ${event}.`,
    picked: 'Bordet er valgt.',
    yourTable: 'Ditt bord',
    topic: (topic: string) => `Tema: ${topic}`,
    room: (room: string) => `Rom: ${room}`,
    notPicked: 'Du har ikke valgt bord ennå.',
    notGiven: 'Du har ikke fått bord ennå. Arrangøren sier fra når bordene er klare.',
    labels: { tableId: 'Bord' },
    change: 'Bytt bord',
    pick: 'Velg bord',
    pickDescription: 'Temaet, rommet og hvor mange plasser som er ledige.',
    where: (topic: string, room: string) => `Tema: ${topic}${room ? `, rom: ${room}` : ''}.`,
    full: (label: string, where: string) => `${label}. ${where} Fullt`,
    free: (where: string, free: number) => `${where} ${free} ${free === 1 ? 'ledig plass' : 'ledige plasser'}`,
    title: 'Ditt bord – Klimasamling',
  },
  nn: {
    heading: 'Bord til kafédialogen',
    who: (name: string, event: string) => `${name}, ${event}.`,
    picked: 'Bordet er valt.',
    yourTable: 'Bordet ditt',
    topic: (topic: string) => `Tema: ${topic}`,
    room: (room: string) => `Rom: ${room}`,
    notPicked: 'Du har ikkje valt bord enno.',
    notGiven: 'Du har ikkje fått bord enno. Arrangøren seier frå når borda er klare.',
    labels: { tableId: 'Bord' },
    change: 'Byt bord',
    pick: 'Vel bord',
    pickDescription: 'Temaet, rommet og kor mange plassar som er ledige.',
    where: (topic: string, room: string) => `Tema: ${topic}${room ? `, rom: ${room}` : ''}.`,
    full: (label: string, where: string) => `${label}. ${where} Fullt`,
    free: (where: string, free: number) => `${where} ${free} ${free === 1 ? 'ledig plass' : 'ledige plassar'}`,
    title: 'Bordet ditt – Klimasamling',
  },
})

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
  const languageForm = await languageOf(request, context)
  const submission = parseWithZod(await readForm(request), { schema: pickFormSchema })
  if (submission.status !== 'success') return data(replyTo(submission, languageForm), { status: 400 })
  try {
    const picked = await pickCafeTable(context.db, participantId, submission.value.tableId, context.now())
    if (!picked) notFound()
    return redirect(`/bord/${params.token}?valgt=1`)
  } catch (error) {
    return data(replyWithDomainError(submission, error, languageForm), { status: 409 })
  }
}

export default function MyCafeTable() {
  const { participant, event, seat, mayPick, tables } = useLoaderData<typeof loader>()
  const txt = useTexts(text)
  const lastResult = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const submitting = useNavigation().state === 'submitting'
  const [form, fields] = useServerForm<typeof pickFormSchema>({ id: 'velg-bord', lastResult, defaultValue: { tableId: seat?.id } })
  const field = fields.tableId
  const chosen = field.initialValue
  return (
    <div className="stack form-narrow">
      <Heading level={1} data-size="lg">
        {txt.heading}
      </Heading>
      <Paragraph>{txt.who(participant.name, event.title)}</Paragraph>
      {searchParams.get('valgt') && !lastResult ? (
        <Alert data-color="success" role="status">
          <Paragraph>{txt.picked}</Paragraph>
        </Alert>
      ) : null}
      <section aria-labelledby="ditt-bord" className="stack">
        <Heading level={2} data-size="md" id="ditt-bord">
          {txt.yourTable}
        </Heading>
        {seat ? (
          <div className="cafe-seat-card">
            <Paragraph data-size="lg">
              <strong>{seat.label}</strong>
            </Paragraph>
            <Paragraph>{txt.topic(seat.topic)}</Paragraph>
            {seat.room ? <Paragraph>{txt.room(seat.room)}</Paragraph> : null}
          </div>
        ) : (
          <Paragraph>{mayPick ? txt.notPicked : txt.notGiven}</Paragraph>
        )}
      </section>
      {mayPick ? (
        <Form method="post" {...getFormProps(form)} className="stack">
          <FormErrorSummary form={form} labels={txt.labels} />
          <Fieldset id={field.id} aria-describedby={field.errors ? `${field.id}-error` : undefined}>
            <Fieldset.Legend>{seat ? txt.change : txt.pick}</Fieldset.Legend>
            <Fieldset.Description>{txt.pickDescription}</Fieldset.Description>
            {tables.map((t) => {
              const full = t.free === 0 && t.id !== seat?.id
              const id = `${field.id}-${t.id}`
              // A disabled field is dimmed: a full table says all in its label, which axe does not hold to the contrast of enabled text.
              const where = txt.where(t.topic, t.room)
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
                    {full ? txt.full(t.label, where) : t.label}
                  </Label>
                  {full ? null : (
                    <Field.Description id={`${id}-description`} data-field="" className="field-description">
                      {txt.free(where, t.free)}
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
              {txt.pick}
            </Button>
          </div>
        </Form>
      ) : null}
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: text[languageFormOfMatches(matches)].title }]
