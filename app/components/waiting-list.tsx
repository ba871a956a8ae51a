import { Button, Heading, Paragraph } from '@digdir/designsystemet-react'
import { Form, useSearchParams } from '@remix-run/react'
import type { WaitingListView } from '~/services/waiting-lists.server'

/**
 * The waiting lists on a participant's page and on the contact person's page
 * of a participant (decision 045): where the participant stands on each list
 * ("Du er nr. 3 på ventelisten"), a room held for them, "Gå av ventelisten",
 * and "Sett på venteliste" for each full session or night they could use.
 * Plain forms to /ventelister/:participantId, which answers with a redirect
 * back here; no JavaScript needed.
 */
export function WaitingLists({ view, own, back }: { view: WaitingListView; own: boolean; back: string }) {
  const [searchParams] = useSearchParams()
  if (view.entries.length === 0 && (view.joinable.length === 0 || !view.canChange)) return null
  const action = `/ventelister/${view.participantId}`
  const changed = searchParams.get('venteliste')
  return (
    <section aria-labelledby="ventelister" className="stack" id="venteliste">
      <Heading level={2} data-size="md" id="ventelister">
        Ventelister
      </Heading>
      {changed ? <Paragraph role="status">{changed === 'pa' ? 'Satt på ventelisten.' : 'Tatt av ventelisten.'}</Paragraph> : null}
      {view.entries.length > 0 ? (
        <ul className="stack">
          {view.entries.map((e) => (
            <li key={e.id}>
              <Paragraph>
                {e.status === 'offered'
                  ? `Et rom ${e.place} er holdt av${own ? ' for deg' : ''} til ${e.offerExpires ?? ''}. Kontaktpersonen svarer på tilbudet fra lenken i e-posten.`
                  : `${own ? 'Du er' : 'Står som'} nr. ${e.position ?? ''} på ventelisten for ${e.place}.`}
              </Paragraph>
              {view.canChange ? (
                <Form method="post" action={action}>
                  <input type="hidden" name="intent" value="leave" />
                  <input type="hidden" name="entryId" value={e.id} />
                  <input type="hidden" name="back" value={back} />
                  <Button type="submit" variant="secondary" data-size="sm">
                    Gå av ventelisten<span className="visually-hidden"> for {e.place}</span>
                  </Button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {view.canChange && view.joinable.length > 0 ? (
        <ul className="stack">
          {view.joinable.map((j) => (
            <li key={j.id}>
              <Paragraph>{j.kind === 'night' ? `Hotellet er fullt ${j.place}.` : `${j.place} er full.`}</Paragraph>
              <Form method="post" action={action}>
                <input type="hidden" name="intent" value="join" />
                <input type="hidden" name="kind" value={j.kind} />
                <input type="hidden" name="id" value={j.id} />
                <input type="hidden" name="back" value={back} />
                <Button type="submit" variant="secondary" data-size="sm">
                  Sett på venteliste<span className="visually-hidden"> for {j.place}</span>
                </Button>
              </Form>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
