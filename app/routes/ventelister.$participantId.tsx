import { Alert, Heading, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data, redirect } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { z } from 'zod'
import { BackLink } from '~/components/back-link'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { DomainError } from '~/domain/errors'
import { texts } from '~/domain/language'
import { joinWaitingList, leaveWaitingList } from '~/services/waiting-lists.server'
import { readForm } from '~/utils/forms.server'
import { idParam, notFound } from '~/utils/http.server'
import { languageOf } from '~/utils/language.server'
import { requireUser, safeReturnPath } from '~/utils/session.server'

const text = texts({
  nb: {
    title: 'Venteliste – Klimasamling',
    back: 'Tilbake',
    heading: 'Ventelisten ble ikke endret',
    nothing: 'Ingenting ble endret.',
  },
  nn: {
    title: 'Venteliste – Klimasamling',
    back: 'Tilbake',
    heading: 'Ventelista vart ikkje endra',
    nothing: 'Ikkje noko vart endra.',
  },
})

/**
 * Joining and leaving a waiting list (decision 045), posted from the
 * waiting-list component on the participant's page and on the contact
 * person's page of the participant; back there on success. A refusal is
 * shown here with the way back, never a 500; someone else's participant or
 * entry is a 404.
 */
/** Back to one of the two pages the forms are on, or to "Min side". */
function backTo(value: string | undefined): string {
  const path = safeReturnPath(value)
  return (path && (path.startsWith('/deltaker/') || path.startsWith('/kommune/')) ? path.split('#')[0]?.split('?')[0] : undefined) ?? '/min-side'
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireUser(request, context)
  return redirect('/min-side')
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const participantId = idParam(params.participantId)
  // The schema lives in the action, so zod stays on the server (decision 37).
  const waitingListFormSchema = z.discriminatedUnion('intent', [
    z.object({ intent: z.literal('join'), kind: z.enum(['session', 'night']), id: z.uuid(), back: z.string().max(300) }),
    z.object({ intent: z.literal('leave'), entryId: z.uuid(), back: z.string().max(300) }),
  ])
  const parsed = waitingListFormSchema.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) notFound()
  const form = parsed.data
  const back = backTo(form.back)
  const asker = { id: user.id, email: user.email }
  try {
    const result =
      form.intent === 'join'
        ? await joinWaitingList(context.db, context.mail, asker, participantId, { kind: form.kind, id: form.id }, context.now())
        : await leaveWaitingList(context.db, context.mail, asker, form.entryId, context.now())
    if (!result) notFound()
    return redirect(`${back}?venteliste=${form.intent === 'join' ? 'pa' : 'av'}#venteliste`)
  } catch (error) {
    if (error instanceof DomainError) return data({ message: error.messageIn(await languageOf(request, context)), back }, { status: 409 })
    throw error
  }
}

export default function WaitingListAnswer() {
  const answer = useActionData<typeof action>()
  const t = useTexts(text)
  return (
    <div className="stack form-narrow">
      <BackLink to={answer?.back ?? '/min-side'}>{t.back}</BackLink>
      <Heading level={1} data-size="lg">
        {t.heading}
      </Heading>
      <Alert data-color="warning">
        <Paragraph>{answer?.message ?? t.nothing}</Paragraph>
      </Alert>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: text[languageFormOfMatches(matches)].title }]
