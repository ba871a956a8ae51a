import { Button, Heading, Paragraph } from '@digdir/designsystemet-react'
import { Form, useSearchParams } from '@remix-run/react'
import { texts } from '~/domain/language'
import type { WaitingListView } from '~/services/waiting-lists.server'
import { useTexts } from './language'

const text = texts({
  nb: {
    heading: 'Ventelister',
    joined: 'Satt på ventelisten.',
    left: 'Tatt av ventelisten.',
    offered: (place: string, own: boolean, expires: string) =>
      `Et rom ${place} er holdt av${own ? ' for deg' : ''} til ${expires}. Kontaktpersonen svarer på tilbudet fra lenken i e-posten.`,
    position: (own: boolean, position: string, place: string) => `${own ? 'Du er' : 'Står som'} nr. ${position} på ventelisten for ${place}.`,
    leave: 'Gå av ventelisten',
    forPlace: (place: string) => ` for ${place}`,
    nightFull: (place: string) => `Hotellet er fullt ${place}.`,
    sessionFull: (place: string) => `${place} er full.`,
    join: 'Sett på venteliste',
  },
  nn: {
    heading: 'Ventelister',
    joined: 'Sett på ventelista.',
    left: 'Teke av ventelista.',
    offered: (place: string, own: boolean, expires: string) =>
      `Eit rom ${place} er halde av${own ? ' for deg' : ''} til ${expires}. Kontaktpersonen svarar på tilbodet frå lenka i e-posten.`,
    position: (own: boolean, position: string, place: string) => `${own ? 'Du er' : 'Står som'} nr. ${position} på ventelista for ${place}.`,
    leave: 'Gå av ventelista',
    forPlace: (place: string) => ` for ${place}`,
    nightFull: (place: string) => `Hotellet er fullt ${place}.`,
    sessionFull: (place: string) => `${place} er full.`,
    join: 'Set på venteliste',
  },
})

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
  const t = useTexts(text)
  if (view.entries.length === 0 && (view.joinable.length === 0 || !view.canChange)) return null
  const action = `/ventelister/${view.participantId}`
  const changed = searchParams.get('venteliste')
  return (
    <section aria-labelledby="ventelister" className="stack" id="venteliste">
      <Heading level={2} data-size="md" id="ventelister">
        {t.heading}
      </Heading>
      {changed ? <Paragraph role="status">{changed === 'pa' ? t.joined : t.left}</Paragraph> : null}
      {view.entries.length > 0 ? (
        <ul className="stack">
          {view.entries.map((e) => (
            <li key={e.id}>
              <Paragraph>
                {e.status === 'offered' ? t.offered(e.place, own, e.offerExpires ?? '') : t.position(own, String(e.position ?? ''), e.place)}
              </Paragraph>
              {view.canChange ? (
                <Form method="post" action={action}>
                  <input type="hidden" name="intent" value="leave" />
                  <input type="hidden" name="entryId" value={e.id} />
                  <input type="hidden" name="back" value={back} />
                  <Button type="submit" variant="secondary" data-size="sm">
                    {t.leave}
                    <span className="visually-hidden">{t.forPlace(e.place)}</span>
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
              <Paragraph>{j.kind === 'night' ? t.nightFull(j.place) : t.sessionFull(j.place)}</Paragraph>
              <Form method="post" action={action}>
                <input type="hidden" name="intent" value="join" />
                <input type="hidden" name="kind" value={j.kind} />
                <input type="hidden" name="id" value={j.id} />
                <input type="hidden" name="back" value={back} />
                <Button type="submit" variant="secondary" data-size="sm">
                  {t.join}
                  <span className="visually-hidden">{t.forPlace(j.place)}</span>
                </Button>
              </Form>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  )
}
