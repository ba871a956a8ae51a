import { languageOf } from '~/utils/language.server'
import { Alert, Button, Heading, Paragraph, Table } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { FormErrorSummary, getFormProps, intentErrors, intentResult, RadioGroupField, TextField, useServerForm } from '~/components/form'
import { OrganiserNav } from '~/components/organiser-nav'
import { EVENT_MEMBER_ROLE_LABELS, EVENT_ROLE_LABELS, isLastOrganiser } from '~/domain/event-permissions'
import { teamAddFormSchema as addSchema, teamRemoveFormSchema as removeSchema } from '~/domain/team-form'
import { addTeamMember, getTeam, removeTeamMember } from '~/services/organiser-team.server'
import { handleIntent, intent, readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { ErrorAlert } from '~/components/error-alert'
import { languageFormOfMatches, useLanguageForm, useTexts } from '~/components/language'
import { texts } from '~/domain/language'

const text = texts({
  nb: {
    title: (event: string) => `Arrangørteam – ${event} – Klimasamling`,
    labels: { name: 'Navn', email: 'E-post', role: 'Rolle', languageForm: 'Språkform i e-posten' },
    added: (name: string, role: string) => `${name} er lagt til med rollen ${role} og har fått e-post om det.`,
    removed: 'Personen er fjernet fra arrangørteamet.',
    heading: 'Arrangørteam',
    intro: (event: string) =>
      `${event}. Medarrangører (for eksempel statsforvalteren, fylkeskommunen eller KS) er fulle arrangører av denne samlingen og ser ingen andre. Lesetilgang er for dem som trenger listene, men ikke skal endre noe (for eksempel hotellet eller en økonomiavdeling): de ser bare oversikten, hotellnettene og eksportene. En vert i registreringen sjekker inn deltakerne på samlingsdagene og ser bare navn, kommune og oppmøte.`,
    who: 'Hvem er med',
    caption: 'Arrangørteamet',
    actions: 'Handlinger',
    you: ' (deg)',
    onlyOrganiser: 'Eneste arrangør',
    remove: 'Fjern',
    addHeading: 'Legg til en person',
    addIntro:
      'Personen får en e-post om at hen er lagt til, og logger inn på /logg-inn med e-postadressen sin (en lenke eller kode på e-post, uten passord). Tilgangen gjelder med en gang.',
    organiserDescription: 'Kan se og endre alt ved denne samlingen.',
    viewerDescription: 'Ser oversikten, hotellnettene og eksportene. Kan ikke endre noe.',
    deskDescription: 'Sjekker inn deltakere på samlingsdagene. Ser navn, kommune og oppmøte – ikke kosthold eller andre opplysninger.',
    add: 'Legg til og send e-post',
  },
  nn: {
    title: (event: string) => `Arrangørteam – ${event} – Klimasamling`,
    labels: { name: 'Namn', email: 'E-post', role: 'Rolle', languageForm: 'Målform i e-posten' },
    added: (name: string, role: string) => `${name} er lagd til med rolla ${role} og har fått e-post om det.`,
    removed: 'Personen er fjerna frå arrangørteamet.',
    heading: 'Arrangørteam',
    intro: (event: string) =>
      `${event}. Medarrangørar (til dømes statsforvaltaren, fylkeskommunen eller KS) er fullverdige arrangørar av denne samlinga og ser ingen andre. Lesetilgang er for dei som treng listene, men ikkje skal endre noko (til dømes hotellet eller ei økonomiavdeling): dei ser berre oversikta, hotellnettene og eksportane. Ein vert i registreringa sjekkar inn deltakarane på samlingsdagane og ser berre namn, kommune og oppmøte.`,
    who: 'Kven er med',
    caption: 'Arrangørteamet',
    actions: 'Handlingar',
    you: ' (deg)',
    onlyOrganiser: 'Einaste arrangør',
    remove: 'Fjern',
    addHeading: 'Legg til ein person',
    addIntro:
      'Personen får ein e-post om at hen er lagd til, og loggar inn på /logg-inn med e-postadressa si (ei lenke eller ein kode på e-post, utan passord). Tilgangen gjeld med ein gong.',
    organiserDescription: 'Kan sjå og endre alt ved denne samlinga.',
    viewerDescription: 'Ser oversikta, hotellnettene og eksportane. Kan ikkje endre noko.',
    deskDescription: 'Sjekkar inn deltakarar på samlingsdagane. Ser namn, kommune og oppmøte – ikkje kosthald eller andre opplysningar.',
    add: 'Legg til og send e-post',
  },
})

/** The event's organiser team: who organises, who has read-only access and who hosts the desk, for the event's organisers only. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const team = await getTeam(context.db, { userId: user.id }, idParam(params.eventId))
  if (!team) notFound()
  const search = new URL(request.url).searchParams
  const added = team.members.find((m) => m.userId === search.get('lagttil'))
  const languageForm = await languageOf(request, context)
  const t = text[languageForm]
  return {
    event: { id: team.event.id, title: team.event.title },
    userId: user.id,
    organisers: team.members.filter((m) => m.role === 'organiser'),
    viewers: team.members.filter((m) => m.role === 'viewer'),
    desk: team.members.filter((m) => m.role === 'desk'),
    added: added ? t.added(added.name, EVENT_ROLE_LABELS[languageForm][added.role].toLowerCase()) : null,
    removed: search.has('fjernet') ? t.removed : null,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const eventId = idParam(params.eventId)
  const actor = { userId: user.id }
  const now = context.now()
  const outcome: { added?: string; removedSelf?: boolean } = {}
  const failed = await handleIntent(
    await readForm(request),
    {
      add: intent(addSchema, async (input) => {
        const added = await addTeamMember(context.db, context.mail, actor, eventId, input, now)
        outcome.added = added?.userId
        return added
      }),
      remove: intent(removeSchema, async (member) => {
        const removed = await removeTeamMember(context.db, actor, eventId, member, now)
        outcome.removedSelf = removed?.userId === user.id && removed.role === 'organiser'
        return removed
      }),
    },
    await languageOf(request, context),
  )
  if (failed) return failed
  if (outcome.removedSelf) return redirect('/arrangor')
  return redirect(`/arrangor/${eventId}/team${outcome.added ? `?lagttil=${outcome.added}` : '?fjernet'}`)
}

export default function OrganiserTeam() {
  const { event, userId, organisers, viewers, desk, added, removed } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const languageForm = useLanguageForm()
  const [form, fields] = useServerForm<typeof addSchema>({
    id: 'team-form',
    lastResult: intentResult(actionData, ['add']),
    // The email's form starts as the one the organiser reads.
    defaultValue: { role: 'organiser', languageForm },
  })
  const removeErrors = intentErrors(intentResult(actionData, ['remove']))
  const t = useTexts(text)
  const { labels } = t
  const roles = EVENT_ROLE_LABELS[languageForm]
  const memberRoles = EVENT_MEMBER_ROLE_LABELS[languageForm]
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} />
        <Heading level={1} data-size="lg">
          {t.heading}
        </Heading>
        <Paragraph>{t.intro(event.title)}</Paragraph>
        {added || removed ? (
          <Alert data-color="success" role="status">
            <Paragraph>{added ?? removed}</Paragraph>
          </Alert>
        ) : null}
        <ErrorAlert messages={removeErrors} />
      </div>

      <section aria-labelledby="teamet" className="stack">
        <Heading level={2} data-size="md" id="teamet">
          {t.who}
        </Heading>
        <Table>
          <caption className="visually-hidden">{t.caption}</caption>
          <Table.Head>
            <Table.Row>
              <Table.HeaderCell>{labels.name}</Table.HeaderCell>
              <Table.HeaderCell>{labels.email}</Table.HeaderCell>
              <Table.HeaderCell>{labels.role}</Table.HeaderCell>
              <Table.HeaderCell>{t.actions}</Table.HeaderCell>
            </Table.Row>
          </Table.Head>
          <Table.Body>
            {[...organisers, ...viewers, ...desk].map((m) => (
              <Table.Row key={`${m.role}-${m.userId}`}>
                <Table.Cell>
                  {m.name}
                  {m.userId === userId ? t.you : ''}
                </Table.Cell>
                <Table.Cell>{m.email}</Table.Cell>
                <Table.Cell>{memberRoles[m.role]}</Table.Cell>
                <Table.Cell>
                  {isLastOrganiser(m, organisers) ? (
                    t.onlyOrganiser
                  ) : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="userId" value={m.userId} />
                      <input type="hidden" name="role" value={m.role} />
                      <Button type="submit" variant="tertiary" data-size="sm">
                        {t.remove}
                        <span className="visually-hidden"> {m.name}</span>
                      </Button>
                    </Form>
                  )}
                </Table.Cell>
              </Table.Row>
            ))}
          </Table.Body>
        </Table>
      </section>

      <section aria-labelledby="legg-til" className="stack">
        <Heading level={2} data-size="md" id="legg-til">
          {t.addHeading}
        </Heading>
        <Paragraph>{t.addIntro}</Paragraph>
        <FormErrorSummary form={form} labels={labels} />
        <Form method="post" {...getFormProps(form)} className="stack form-narrow">
          <input type="hidden" name="intent" value="add" />
          <TextField field={fields.name} label={labels.name} autoComplete="off" />
          <TextField field={fields.email} label={labels.email} type="email" autoComplete="off" inputMode="email" />
          <RadioGroupField
            field={fields.role}
            legend={labels.role}
            options={[
              { value: 'organiser', label: roles.organiser, description: t.organiserDescription },
              { value: 'viewer', label: roles.viewer, description: t.viewerDescription },
              { value: 'desk', label: roles.desk, description: t.deskDescription },
            ]}
          />
          <RadioGroupField
            field={fields.languageForm}
            legend={labels.languageForm}
            options={[
              { value: 'nb', label: 'Bokmål' },
              { value: 'nn', label: 'Nynorsk' },
            ]}
          />
          <Button type="submit">{t.add}</Button>
        </Form>
      </section>
    </div>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.event.title) : 'Klimasamling' },
]
