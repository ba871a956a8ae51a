import { Heading, Link, Paragraph } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { OrganiserNav } from '~/components/organiser-nav'
import { formatNight } from '~/domain/dates'
import { texts } from '~/domain/language'
import { findEventFor } from '~/services/access.server'
import type { ExportList } from '~/services/exports.server'
import { getExportChoices } from '~/services/exports.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'

type ListText = { title: string; text: string }

const text = texts({
  nb: {
    title: (event: string) => `Eksport – ${event} – Klimasamling`,
    heading: 'Eksport',
    intro: (event: string) =>
      `Listene gjelder ${event} og tar med alle som er påmeldt nå, uten avmeldte og erstattede. Excel-filene har datoer som datoer og beløp som tall i kroner. CSV-filene er semikolonseparert tekst i UTF-8, som norsk Excel åpner riktig.`,
    health:
      'Kosthold, allergier og behov for tilrettelegging kan være helseopplysninger. De står bare i romlisten og kostholdslisten: del dem bare med hotellet og kjøkkenet, og slett filene når samlingen er over. Hver nedlasting blir logget.',
    approximate: 'Prisene for arrangementet er omtrentlige (ca.).',
    containsHealth: ' Inneholder helseopplysninger.',
    allNights: 'Alle netter: ',
    night: (night: string) => `Natten ${night}:`,
    titleOfNight: (title: string, night: string) => `${title}, natten ${night}`,
    downloadExcel: 'Last ned Excel',
    downloadCsv: 'Last ned CSV',
    lists: {
      romliste: {
        title: 'Romliste til hotellet',
        text: 'Alle påmeldte som overnatter, med kommune, ankomst, avreise, antall netter, hvem som betaler (arrangøren for dekkede netter, ellers kommunen), kosthold, allergier og behov for tilrettelegging. Rom som er meldt av etter fristen, står med en merknad, siden de er bestilt og betales likevel. For hele oppholdet eller for én natt.',
      },
      deltakere: {
        title: 'Deltakerliste',
        text: 'Alle påmeldte med e-post, telefon, kommune, stilling, rolle, dager, middag, sesjoner, dekning og hva kommunen betaler. Uten kosthold, allergier og tilrettelegging.',
      },
      sesjoner: {
        title: 'Sesjonslister',
        text: 'Hvem som har valgt hver parallellsesjon, med bolk, navn, kommune og rolle. I Excel-filen har hver sesjon sitt eget ark; CSV-filen har én rad per deltaker og sesjon.',
      },
      kosthold: {
        title: 'Kostholdsliste til kjøkkenet',
        text: 'Påmeldte med spesielt kosthold, allergier eller behov for tilrettelegging, hvilke dager de er til stede og om de spiser middag.',
      },
      faktura: {
        title: 'Fakturagrunnlag',
        text: 'Per kommune det kommunen betaler selv: overnattingspakker, dagpakker og middager, hver med antall, pris og sum, og summen for kommunen, i kroner, og hvem som ikke møtte (de betales likevel, med mindre arrangøren har frafalt betalingen). Kommuner som ikke betaler noe og der alle møtte, er ikke med.',
      },
      oppmote: {
        title: 'Oppmøteliste',
        text: 'Alle påmeldte med kommune, dagene de er påmeldt, dagene de ble sjekket inn, dagene de ikke møtte (når dagen er over) og webinarene de deltok på.',
      },
    } satisfies Record<ExportList, ListText>,
  },
  nn: {
    title: (event: string) => `Eksport – ${event} – Klimasamling`,
    heading: 'Eksport',
    intro: (event: string) =>
      `Listene gjeld ${event} og tek med alle som er påmelde no, utan avmelde og erstatta. Excel-filene har datoar som datoar og beløp som tal i kroner. CSV-filene er semikolonseparert tekst i UTF-8, som norsk Excel opnar rett.`,
    health:
      'Kosthald, allergiar og behov for tilrettelegging kan vere helseopplysningar. Dei står berre i romlista og kosthaldslista: del dei berre med hotellet og kjøkkenet, og slett filene når samlinga er over. Kvar nedlasting blir logga.',
    approximate: 'Prisane for arrangementet er omtrentlege (ca.).',
    containsHealth: ' Inneheld helseopplysningar.',
    allNights: 'Alle netter: ',
    night: (night: string) => `Natta ${night}:`,
    titleOfNight: (title: string, night: string) => `${title}, natta ${night}`,
    downloadExcel: 'Last ned Excel',
    downloadCsv: 'Last ned CSV',
    lists: {
      romliste: {
        title: 'Romliste til hotellet',
        text: 'Alle påmelde som overnattar, med kommune, ankomst, avreise, talet på netter, kven som betaler (arrangøren for dekte netter, elles kommunen), kosthald, allergiar og behov for tilrettelegging. Rom som er melde av etter fristen, står med ein merknad, sidan dei er bestilte og blir betalte likevel. For heile opphaldet eller for éi natt.',
      },
      deltakere: {
        title: 'Deltakarliste',
        text: 'Alle påmelde med e-post, telefon, kommune, stilling, rolle, dagar, middag, sesjonar, dekning og kva kommunen betaler. Utan kosthald, allergiar og tilrettelegging.',
      },
      sesjoner: {
        title: 'Sesjonslister',
        text: 'Kven som har valt kvar parallellsesjon, med bolk, namn, kommune og rolle. I Excel-fila har kvar sesjon sitt eige ark; CSV-fila har éi rad per deltakar og sesjon.',
      },
      kosthold: {
        title: 'Kosthaldsliste til kjøkkenet',
        text: 'Påmelde med spesielt kosthald, allergiar eller behov for tilrettelegging, kva dagar dei er til stades, og om dei et middag.',
      },
      faktura: {
        title: 'Fakturagrunnlag',
        text: 'Per kommune det kommunen betaler sjølv: overnattingspakkar, dagpakkar og middagar, kvar med tal, pris og sum, og summen for kommunen, i kroner, og kven som ikkje møtte (dei blir betalte likevel, med mindre arrangøren har fråfalle betalinga). Kommunar som ikkje betaler noko, og der alle møtte, er ikkje med.',
      },
      oppmote: {
        title: 'Oppmøteliste',
        text: 'Alle påmelde med kommune, dagane dei er påmelde, dagane dei vart sjekka inn, dagane dei ikkje møtte (når dagen er over), og webinara dei var med på.',
      },
    } satisfies Record<ExportList, ListText>,
  },
})

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

/** The lists in the order the page shows them; the rooming list and the diet list hold health data. */
const LISTS: { list: ExportList; health?: true }[] = [
  { list: 'romliste', health: true },
  { list: 'deltakere' },
  { list: 'sesjoner' },
  { list: 'kosthold', health: true },
  { list: 'faktura' },
  { list: 'oppmote' },
]

/** Nothing on this page is changed by a POST: it answers 404 to everyone, viewers included (decision 29). */
export async function action(_args: ActionFunctionArgs): Promise<never> {
  notFound()
}

export default function Exports() {
  const { event, nights } = useLoaderData<typeof loader>()
  const t = useTexts(text)
  const href = (list: ExportList, format: 'xlsx' | 'csv', nightId?: string) =>
    `/arrangor/${event.id}/eksport/${list}?format=${format}${nightId ? `&natt=${nightId}` : ''}`
  return (
    <div className="stack-lg">
      <div className="stack">
        <OrganiserNav eventId={event.id} role={event.role} />
        <Heading level={1} data-size="lg">
          {t.heading}
        </Heading>
        <Paragraph>{t.intro(event.title)}</Paragraph>
        <Paragraph>{t.health}</Paragraph>
        {event.pricesAreApproximate ? <Paragraph>{t.approximate}</Paragraph> : null}
      </div>
      {LISTS.map((l) => (
        <section key={l.list} aria-labelledby={`liste-${l.list}`} className="stack">
          <Heading level={2} data-size="md" id={`liste-${l.list}`}>
            {t.lists[l.list].title}
          </Heading>
          <Paragraph>
            {t.lists[l.list].text}
            {l.health ? t.containsHealth : ''}
          </Paragraph>
          <ul className="stack">
            <li>
              {l.list === 'romliste' && nights.length > 1 ? t.allNights : null}
              <DownloadLinks title={t.lists[l.list].title} xlsx={href(l.list, 'xlsx')} csv={href(l.list, 'csv')} />
            </li>
            {l.list === 'romliste' && nights.length > 1
              ? nights.map((n) => (
                  <li key={n.id}>
                    {t.night(n.label)}{' '}
                    <DownloadLinks title={t.titleOfNight(t.lists[l.list].title, n.label)} xlsx={href(l.list, 'xlsx', n.id)} csv={href(l.list, 'csv', n.id)} />
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
  const t = useTexts(text)
  return (
    <>
      <Link href={xlsx}>
        {t.downloadExcel}
        <span className="visually-hidden"> – {title}</span>
      </Link>
      {' · '}
      <Link href={csv}>
        {t.downloadCsv}
        <span className="visually-hidden"> – {title}</span>
      </Link>
    </>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].title(data.event.title) : 'Klimasamling' },
]
