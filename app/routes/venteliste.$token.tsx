import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { data } from '@remix-run/node'
import { Form, useActionData, useLoaderData, useNavigation, useSearchParams } from '@remix-run/react'
import { z } from 'zod'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { DomainError } from '~/domain/errors'
import { texts } from '~/domain/language'
import { answerOffer, readOffer } from '~/services/waiting-lists.server'
import { readForm } from '~/utils/forms.server'
import { languageOf } from '~/utils/language.server'
import { requireUser } from '~/utils/session.server'

const text = texts({
  nb: {
    title: 'Ledig hotellrom – Klimasamling',
    chooseAnswer: 'Velg om kommunen tar imot rommet eller ikke.',
    linkBroken: 'Lenken virker ikke. Den kan være feil, eller tilbudet gjelder en annen kommune.',
    accepted: 'Rommet er tatt imot',
    declined: 'Rommet er gitt videre',
    acceptedText: (name: string | null, night: string) => `${name ?? 'Deltakeren'} har fått natten ${night}. Deltakeren og du får en bekreftelse på e-post.`,
    declinedText: 'Rommet går videre til neste på ventelisten.',
    brokenHeading: 'Lenken virker ikke',
    brokenText: 'Lenken kan være feil, eller tilbudet gjelder en annen kommune. Logg inn som kontaktperson for kommunen, eller ta kontakt med arrangøren.',
    goneHeading: 'Tilbudet gjelder ikke lenger',
    goneText: (night: string, name: string) =>
      `Tilbudet om rom natten ${night} til ${name} er allerede besvart, eller tiden for å svare er ute. Rommet går da videre til neste på ventelisten.`,
    offerHeading: (night: string) => `Ledig hotellrom natten ${night}`,
    offerText: (name: string, expires: string) =>
      `Et rom er ledig, og ${name} står først på ventelisten. Rommet holdes av til ${expires}. Tar kommunen imot det, får deltakeren natten som ved en vanlig endring av netter; det som dekkes og betales, regnes ut på nytt.`,
    accept: 'Ta imot rommet',
    decline: 'Nei takk, gi rommet videre',
  },
  nn: {
    title: 'Ledig hotellrom – Klimasamling',
    chooseAnswer: 'Vel om kommunen tek imot rommet eller ikkje.',
    linkBroken: 'Lenka verkar ikkje. Ho kan vere feil, eller tilbodet gjeld ein annan kommune.',
    accepted: 'Rommet er teke imot',
    declined: 'Rommet er gitt vidare',
    acceptedText: (name: string | null, night: string) => `${name ?? 'Deltakaren'} har fått natta ${night}. Deltakaren og du får ei stadfesting på e-post.`,
    declinedText: 'Rommet går vidare til neste på ventelista.',
    brokenHeading: 'Lenka verkar ikkje',
    brokenText: 'Lenka kan vere feil, eller tilbodet gjeld ein annan kommune. Logg inn som kontaktperson for kommunen, eller ta kontakt med arrangøren.',
    goneHeading: 'Tilbodet gjeld ikkje lenger',
    goneText: (night: string, name: string) =>
      `Tilbodet om rom natta ${night} til ${name} er allereie svara på, eller tida for å svare er ute. Rommet går då vidare til neste på ventelista.`,
    offerHeading: (night: string) => `Ledig hotellrom natta ${night}`,
    offerText: (name: string, expires: string) =>
      `Eit rom er ledig, og ${name} står først på ventelista. Rommet blir halde av til ${expires}. Tek kommunen imot det, får deltakaren natta som ved ei vanleg endring av netter; det som blir dekt og betalt, blir rekna ut på nytt.`,
    accept: 'Ta imot rommet',
    decline: 'Nei takk, gi rommet vidare',
  },
})

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
  const t = text[await languageOf(request, context)]
  // The schema lives in the action, so zod stays on the server (decision 37).
  const answerSchema = z.object({ answer: z.enum(['accept', 'decline']) })
  const parsed = answerSchema.safeParse(Object.fromEntries(await readForm(request)))
  if (!parsed.success) return data({ done: null, message: t.chooseAnswer }, { status: 400 })
  try {
    const result = await answerOffer(context.db, context.mail, { id: user.id, email: user.email }, params.token ?? '', parsed.data.answer, context.now())
    if (!result) return data({ done: null, message: t.linkBroken }, { status: 404 })
    return { done: result.accepted ? ('accepted' as const) : ('declined' as const), message: null }
  } catch (error) {
    if (error instanceof DomainError) return data({ done: null, message: error.messageIn(await languageOf(request, context)) }, { status: 409 })
    throw error
  }
}

export default function WaitingListOffer() {
  const { offer } = useLoaderData<typeof loader>()
  const t = useTexts(text)
  const answer = useActionData<typeof action>()
  const submitting = useNavigation().state === 'submitting'
  const [searchParams] = useSearchParams()
  const suggested = searchParams.get('svar')
  if (answer?.done) {
    return (
      <div className="stack form-narrow">
        <Heading level={1} data-size="lg">
          {answer.done === 'accepted' ? t.accepted : t.declined}
        </Heading>
        <Alert data-color="success" role="status">
          <Paragraph>{answer.done === 'accepted' ? t.acceptedText(offer?.participantName ?? null, offer?.night ?? '') : t.declinedText}</Paragraph>
        </Alert>
      </div>
    )
  }
  if (!offer) {
    return (
      <div className="stack form-narrow">
        <Heading level={1} data-size="lg">
          {t.brokenHeading}
        </Heading>
        <Paragraph>{t.brokenText}</Paragraph>
      </div>
    )
  }
  if (!offer.open) {
    return (
      <div className="stack form-narrow">
        <Heading level={1} data-size="lg">
          {t.goneHeading}
        </Heading>
        <Paragraph>{t.goneText(offer.night, offer.participantName)}</Paragraph>
      </div>
    )
  }
  return (
    <div className="stack form-narrow">
      <Heading level={1} data-size="lg">
        {t.offerHeading(offer.night)}
      </Heading>
      <Paragraph>{t.offerText(offer.participantName, offer.expires ?? '')}</Paragraph>
      {answer?.message ? (
        <Alert data-color="danger" role="alert">
          <Paragraph>{answer.message}</Paragraph>
        </Alert>
      ) : null}
      <Form method="post" className="stack">
        <div className="row-actions">
          <Button type="submit" name="answer" value="accept" variant={suggested === 'nei' ? 'secondary' : 'primary'} aria-disabled={submitting || undefined}>
            {t.accept}
          </Button>
          <Button type="submit" name="answer" value="decline" variant={suggested === 'nei' ? 'primary' : 'secondary'} aria-disabled={submitting || undefined}>
            {t.decline}
          </Button>
        </div>
      </Form>
    </div>
  )
}

export const meta: MetaFunction = ({ matches }) => [{ title: text[languageFormOfMatches(matches)].title }]
