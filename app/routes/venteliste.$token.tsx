import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { DomainError } from '~/domain/errors'
import { answerOffer, readOffer } from '~/services/waiting-lists.server'
import { readForm } from '~/utils/forms.server'
import { requireUser } from '~/utils/session.server'

/**
 * The link in the mail that offers a freed hotel room to the first on a
 * night's waiting list (decision 045): the contact person (or an organiser)
 * signs in, sees the offer and accepts or declines it with one of two
 * buttons. GET never answers, so a mail scanner following the link changes
 * nothing. A link that is wrong, someone else's, answered or run out gets a
 * clear message, not a 500.
 */

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const offer = await readOffer(context.db, { id: user.id, email: user.email }, params.token ?? '', context.now())
  return { offer }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  // The schema lives in the action, so zod stays on the server (decision 37).
  const answerSchema = z.object({ answer: z.enum(['accept', 'decline']) })
  const parsed = answerSchema.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return data({ done: null, message: 'Velg om kommunen tar imot rommet eller ikke.' }, { status: 400 })
  try {
    const result = await answerOffer(context.db, context.mail, { id: user.id, email: user.email }, params.token ?? '', parsed.data.answer, context.now())
    if (!result) return data({ done: null, message: 'Lenken virker ikke. Den kan være feil, eller tilbudet gjelder en annen kommune.' }, { status: 404 })
    return { done: result.accepted ? ('accepted' as const) : ('declined' as const), message: null }
  } catch (error) {
    if (error instanceof DomainError) return data({ done: null, message: error.messageIn('nb') }, { status: 409 })
    throw error
  }
}

export default function WaitingListOffer() {
  const { offer } = useLoaderData<typeof loader>()
  const answer = useActionData<typeof action>()
  const submitting = useNavigation().state === 'submitting'
  const [searchParams] = useSearchParams()
  const suggested = searchParams.get('svar')
  if (answer?.done) {
    return (
      <div className="stack form-narrow">
        <Heading level={1} data-size="lg">
          {answer.done === 'accepted' ? 'Rommet er tatt imot' : 'Rommet er gitt videre'}
        </Heading>
        <Alert data-color="success" role="status">
          <Paragraph>
            {answer.done === 'accepted'
              ? `${offer?.participantName ?? 'Deltakeren'} har fått natten ${offer?.night ?? ''}. Deltakeren og du får en bekreftelse på e-post.`
              : 'Rommet går videre til neste på ventelisten.'}
          </Paragraph>
        </Alert>
      </div>
    )
  }
  if (!offer) {
    return (
      <div className="stack form-narrow">
        <Heading level={1} data-size="lg">
          Lenken virker ikke
        </Heading>
        <Paragraph>
          Lenken kan være feil, eller tilbudet gjelder en annen kommune. Logg inn som kontaktperson for kommunen, eller ta kontakt med arrangøren.
        </Paragraph>
      </div>
    )
  }
  if (!offer.open) {
    return (
      <div className="stack form-narrow">
        <Heading level={1} data-size="lg">
          Tilbudet gjelder ikke lenger
        </Heading>
        <Paragraph>
          Tilbudet om rom natten {offer.night} til {offer.participantName} er allerede besvart, eller tiden for å svare er ute. Rommet går da videre til neste
          på ventelisten.
        </Paragraph>
      </div>
    )
  }
  return (
    <div className="stack form-narrow">
      <Heading level={1} data-size="lg">
        Ledig hotellrom natten {offer.night}
      </Heading>
      <Paragraph>
        Et rom er ledig, og {offer.participantName} står først på ventelisten. Rommet holdes av til {offer.expires}. Tar kommunen imot det, får deltakeren
        natten som ved en vanlig endring av netter; det som dekkes og betales, regnes ut på nytt.
      </Paragraph>
      {answer?.message ? (
        <Alert data-color="danger" role="alert">
          <Paragraph>{answer.message}</Paragraph>
        </Alert>
      ) : null}
      <Form method="post" className="stack">
        <div className="row-actions">
          <Button type="submit" name="answer" value="accept" variant={suggested === 'nei' ? 'secondary' : 'primary'} aria-disabled={submitting || undefined}>
            Ta imot rommet
          </Button>
          <Button type="submit" name="answer" value="decline" variant={suggested === 'nei' ? 'primary' : 'secondary'} aria-disabled={submitting || undefined}>
            Nei takk, gi rommet videre
          </Button>
        </div>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = () => [{ title: 'Ledig hotellrom – Klimasamling' }]
