import { Heading, Link, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { OrganiserNav } from '~/components/organiser-nav'
import { formatNight } from '~/domain/dates'
import { findEventFor } from '~/services/access.server'
import type { ExportList } from '~/services/exports.server'
import { getExportChoices } from '~/services/exports.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'

/** The organiser's exports: what each list holds, and links to download it as Excel or CSV. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const access = await findEventFor(context.db, { userId: user.id }, idParam(params.eventId), 'exports.read')
  if (!access) notFound()
  const choices = await getExportChoices(context.db, { userId: user.id }, idParam(params.eventId))
  if (!choices) notFound()
  const { event, nights } = choices
  return {
    event: { id: event.id, title: event.title, pricesAreApproximate: event.prices_are_approximate, role: access.role },
    nights: nights.map((n) => ({ id: n.id, label: formatNight(n.night_date) })),
  }
}

const LISTS: { list: ExportList; title: string; text: string; health?: true }[] = [
  {
    list: 'romliste',
    title: 'Romliste til hotellet',
    text: 'Alle påmeldte som overnatter, med kommune, ankomst, avreise, antall netter, hvem som betaler (arrangøren for dekkede netter, ellers kommunen), kosthold, allergier og behov for tilrettelegging. Rom som er meldt av etter fristen, står med en merknad, siden de er bestilt og betales likevel. For hele oppholdet eller for én natt.',
    health: true,
  },
  {
    list: 'deltakere',
    title: 'Deltakerliste',
    text: 'Alle påmeldte med e-post, telefon, kommune, stilling, rolle, dager, middag, sesjoner, dekning og hva kommunen betaler. Uten kosthold, allergier og tilrettelegging.',
  },
  {
    list: 'sesjoner',
    title: 'Sesjonslister',
    text: 'Hvem som har valgt hver parallellsesjon, med bolk, navn, kommune og rolle. I Excel-filen har hver sesjon sitt eget ark; CSV-filen har én rad per deltaker og sesjon.',
  },
  {
    list: 'kosthold',
    title: 'Kostholdsliste til kjøkkenet',
    text: 'Påmeldte med spesielt kosthold, allergier eller behov for tilrettelegging, hvilke dager de er til stede og om de spiser middag.',
    health: true,
  },
  {
    list: 'faktura',
    title: 'Fakturagrunnlag',
    text: 'Per kommune det kommunen betaler selv: overnattingspakker, dagpakker og middager, hver med antall, pris og sum, og summen for kommunen, i kroner, og hvem som ikke møtte (de betales likevel, med mindre arrangøren har frafalt betalingen). Kommuner som ikke betaler noe og der alle møtte, er ikke med.',
  },
  {
    list: 'oppmote',
    title: 'Oppmøteliste',
    text: 'Alle påmeldte med kommune, dagene de er påmeldt, dagene de ble sjekket inn, dagene de ikke møtte (når dagen er over) og webinarene de deltok på.',
  },
]

/** Nothing on this page is changed by a POST: it answers 404 to everyone, viewers included (decision 29). */
export async function action(_args: ActionFunctionArgs): Promise<never> {
  notFound()
}

export default function Exports() {
  const { event, nights } = useLoaderData<typeof loader>()
  const href = (list: ExportList, format: 'xlsx' | 'csv', nightId?: string) =>
    `/arrangor/${event.id}/eksport/${list}?format=${format}${nightId ? `&natt=${nightId}` : ''}`
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} role={event.role} />
        <Heading level={1} data-size="lg">
          Eksport
        </Heading>
        <Paragraph>
          Listene gjelder {event.title} og tar med alle som er påmeldt nå, uten avmeldte og erstattede. Excel-filene har datoer som datoer og beløp som tall i
          kroner. CSV-filene er semikolonseparert tekst i UTF-8, som norsk Excel åpner riktig.
        </Paragraph>
        <Paragraph>
          Kosthold, allergier og behov for tilrettelegging kan være helseopplysninger. De står bare i romlisten og kostholdslisten: del dem bare med hotellet og
          kjøkkenet, og slett filene når samlingen er over. Hver nedlasting blir logget.
        </Paragraph>
        {event.pricesAreApproximate ? <Paragraph>Prisene for arrangementet er omtrentlige (ca.).</Paragraph> : null}
      </div>
      {LISTS.map((l) => (
        <section key={l.list} aria-labelledby={`liste-${l.list}`} className="stack">
          <Heading level={2} data-size="md" id={`liste-${l.list}`}>
            {l.title}
          </Heading>
          <Paragraph>
            {l.text}
            {l.health ? ' Inneholder helseopplysninger.' : ''}
          </Paragraph>
          <ul className="stack">
            <li>
              {l.list === 'romliste' && nights.length > 1 ? 'Alle netter: ' : null}
              <DownloadLinks title={l.title} xlsx={href(l.list, 'xlsx')} csv={href(l.list, 'csv')} />
            </li>
            {l.list === 'romliste' && nights.length > 1
              ? nights.map((n) => (
                  <li key={n.id}>
                    Natten {n.label}:{' '}
                    <DownloadLinks title={`${l.title}, natten ${n.label}`} xlsx={href(l.list, 'xlsx', n.id)} csv={href(l.list, 'csv', n.id)} />
                  </li>
                ))
              : null}
          </ul>
        </section>
      ))}
    </div>
  )
}

/** Two plain links (a download is a document request, not a client-side navigation), named for screen readers. */
function DownloadLinks({ title, xlsx, csv }: { title: string; xlsx: string; csv: string }) {
  return (
    <>
      <Link href={xlsx}>
        Last ned Excel<span className="visually-hidden"> – {title}</span>
      </Link>
      {' · '}
      <Link href={csv}>
        Last ned CSV<span className="visually-hidden"> – {title}</span>
      </Link>
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Eksport – ${data.event.title} – Klimasamling` : 'Klimasamling' }]
