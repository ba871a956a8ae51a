import { parseWithZod } from '@conform-to/zod/v4'
import { Alert, Button, Heading, Link, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { Form, Link as RemixLink, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { FormErrorSummary, getFormProps, RadioGroupField, TextField, useServerForm } from '~/components/form'
import { languageFormOfMatches, useLanguageForm } from '~/components/language'
import { formatDay } from '~/domain/dates'
import { texts } from '~/domain/language'
import { municipalityFormSchema, municipalityIdParam } from '~/domain/municipality-form'
import { LANGUAGE_CHOICES, languageChoiceLabels } from '~/domain/municipality-register'
import { findMunicipality, updateMunicipality } from '~/services/municipalities.server'
import { notFound } from '~/utils/http.server'
import { readForm, replyTo, replyWithDomainError } from '~/utils/forms.server'
import { languageOf } from '~/utils/language.server'
import { requireUser } from '~/utils/session.server'

const text = texts({
  nb: {
    title: (municipality: string) => `${municipality} – Kommuneregisteret – Klimasamling`,
    labels: { officialEmail: 'Offisiell e-postadresse', languageChoice: 'Målform' },
    today: 'i dag',
    from: (date: string) => ` (fra ${date})`,
    register: 'Kommuneregisteret',
    validity: (county: string, validity: string) => `${county}. Gyldig ${validity}.`,
    saved: 'Endringene er lagret. Invitasjoner og e-post som sendes fra nå av, følger dem.',
    predecessors: 'Tok over etter',
    successors: 'Ble erstattet av',
    emailHelp: 'Kommunens postmottak. Invitasjonen til å velge kontaktperson sendes hit.',
    saving: 'Lagrer …',
    save: 'Lagre endringene',
  },
  nn: {
    title: (municipality: string) => `${municipality} – Kommuneregisteret – Klimasamling`,
    labels: { officialEmail: 'Offisiell e-postadresse', languageChoice: 'Målform' },
    today: 'i dag',
    from: (date: string) => ` (frå ${date})`,
    register: 'Kommuneregisteret',
    validity: (county: string, validity: string) => `${county}. Gyldig ${validity}.`,
    saved: 'Endringane er lagra. Invitasjonar og e-post vi sender frå no av, følgjer dei.',
    predecessors: 'Tok over etter',
    successors: 'Vart erstatta av',
    emailHelp: 'Postmottaket til kommunen. Invitasjonen til å velje kontaktperson blir sendt hit.',
    saving: 'Lagrar …',
    save: 'Lagre endringane',
  },
})

function municipalityId(value: string | undefined): number {
  const parsed = municipalityIdParam.safeParse(value)
  if (!parsed.success) notFound()
  return parsed.data
}

/** One municipality in the register: its version, history and the organiser's correction of address and language form. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const found = await findMunicipality(context.db, { userId: user.id }, municipalityId(params.municipalityId))
  if (!found) notFound()
  const { municipality: m, predecessors, successors } = found
  const t = text[await languageOf(request, context)]
  return {
    municipality: {
      id: m.id,
      title: `${m.number} ${m.name}`,
      county: m.county_name,
      validity: `${formatDay(m.valid_from)} – ${m.valid_to ? formatDay(m.valid_to) : t.today}`,
    },
    predecessors: predecessors.map((p) => ({ id: p.id, title: `${p.number} ${p.name}`, from: formatDay(p.effective_date) })),
    successors: successors.map((s) => ({ id: s.id, title: `${s.number} ${s.name}`, from: formatDay(s.effective_date) })),
    values: { officialEmail: m.official_email, languageChoice: m.language_choice },
    saved: new URL(request.url).searchParams.has('lagret'),
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const id = municipalityId(params.municipalityId)
  const languageForm = await languageOf(request, context)
  const submission = parseWithZod(await readForm(request), { schema: municipalityFormSchema })
  if (submission.status !== 'success') return data(replyTo(submission, languageForm), { status: 400 })
  try {
    const updated = await updateMunicipality(context.db, { userId: user.id }, id, submission.value, context.now())
    if (!updated) notFound()
    return redirect(`/arrangor/kommuneregister/${id}?lagret=1`)
  } catch (error) {
    return data(replyWithDomainError(submission, error, languageForm), { status: 409 })
  }
}

function Versions({ heading, list }: { heading: string; list: Array<{ id: number; title: string; from: string }> }) {
  const t = text[useLanguageForm()]
  if (list.length === 0) return null
  return (
    <div className="stack">
      <Heading level={2} data-size="sm">
        {heading}
      </Heading>
      <ul>
        {list.map((v) => (
          <li key={v.id}>
            <Link asChild>
              <RemixLink to={`/arrangor/kommuneregister/${v.id}`}>{v.title}</RemixLink>
            </Link>
            {t.from(v.from)}
          </li>
        ))}
      </ul>
    </div>
  )
}

export default function EditMunicipality() {
  const { municipality, predecessors, successors, values, saved } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const submitting = useNavigation().state === 'submitting'
  const [form, fields] = useServerForm<typeof municipalityFormSchema>({ lastResult, defaultValue: values })
  const languageForm = useLanguageForm()
  const t = text[languageForm]
  const { labels } = t
  return (
    <div className="stack-lg">
      <div className="stack">
        <Paragraph>
          <Link asChild>
            <RemixLink to="/arrangor/kommuneregister">{t.register}</RemixLink>
          </Link>
        </Paragraph>
        <Heading level={1} data-size="lg">
          {municipality.title}
        </Heading>
        <Paragraph>{t.validity(municipality.county, municipality.validity)}</Paragraph>
        {saved ? (
          <Alert data-color="success" role="status">
            <Paragraph>{t.saved}</Paragraph>
          </Alert>
        ) : null}
      </div>
      <Versions heading={t.predecessors} list={predecessors} />
      <Versions heading={t.successors} list={successors} />
      <FormErrorSummary form={form} labels={labels} />
      <Form method="post" {...getFormProps(form)} className="stack form-narrow">
        <TextField field={fields.officialEmail} label={labels.officialEmail} description={t.emailHelp} type="email" autoComplete="off" />
        <RadioGroupField
          field={fields.languageChoice}
          legend={labels.languageChoice}
          options={LANGUAGE_CHOICES.map((value) => ({ value, label: languageChoiceLabels[languageForm][value] }))}
        />
        <Button type="submit" aria-disabled={submitting || undefined}>
          {submitting ? t.saving : t.save}
        </Button>
      </Form>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.municipality.title) : 'Klimasamling' },
]
