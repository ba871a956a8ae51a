import { languageOf } from '~/utils/language.server'
import { languageFormOfMatches, useTexts } from '~/components/language'
import { texts } from '~/domain/language'
import { describeParticipantStatus } from '~/domain/participant-status'
import { Alert, Button, Heading, Link, Paragraph, Table, Tag } from '@digdir/designsystemet-react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Form, Link as RemixLink, useActionData, useLoaderData } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { z } from 'zod'
import { formatDateRange, formatDateTime, formatNight } from '~/domain/dates'
import { describeExtrasPricing, formatAmount } from '~/domain/money'
import { afterDeadline, can } from '~/domain/permissions'
import { eventPhase } from '~/domain/phase'
import { cancelParticipant, moveParticipant, restoreParticipant } from '~/services/participant-changes.server'
import { getRegistrationOverview, listRegistrationHistory } from '~/services/registration-view.server'
import { describeAction, subjectOf } from '~/domain/history'
import { handleIntent, intent, readForm } from '~/utils/forms.server'
import { intentErrors } from '~/components/form'
import { findRegistrationForUser } from '~/services/contact-persons.server'
import { idParam, notFound } from '~/utils/http.server'
import { requireUser } from '~/utils/session.server'
import { describeWishesOf } from '~/services/session-wishes.server'
import { ErrorAlert } from '~/components/error-alert'

const text = texts({
  nb: {
    coveredOvernightPlace: 'en dekket overnattingsplass',
    coveredDayPackage: (days: string) => `dekket dagpakke (${days})`,
    coveredDayPackageRestPaid: (days: string, amount: string) => `dekket dagpakke (${days}); resten betaler kommunen selv, ${amount}`,
    lateConsequences: {
      binding: (name: string) => `Påmeldingsfristen er ute, så påmeldingen er bindende. ${name} blir registrert som sen avmelding, og arrangøren får beskjed.`,
      coveredStays: (hotel: boolean) =>
        `Den dekkede plassen og ${hotel ? 'hotellrommet' : 'dagpakken'} teller fortsatt for kommunen og går ikke videre til en annen.`,
      stillPays: (amount: string) => `Kommunen betaler fortsatt for deltakeren: ${amount}. Bare arrangøren kan frafalle betalingen.`,
      substitute: 'Kan en annen fra kommunen komme i stedet, er det bedre å erstatte deltakeren: da beholder kommunen plassen.',
      undo: 'Du kan angre avmeldingen fram til samlingen starter.',
    },
    consequences: {
      losesPlace: (name: string, hotel: boolean) => `${name} mister plassen sin${hotel ? ', og hotellrommet gis tilbake' : ''}.`,
      coveredMovesOn: 'Den dekkede plassen går videre til den neste i rekkefølgen som passer, og hun eller han får e-post om det.',
      notPaying: 'Kommunen betaler ikke for deltakeren.',
      undo: 'Du kan angre avmeldingen fram til samlingen starter, men har noen andre fått rommet eller den dekkede plassen i mellomtiden, får deltakeren dem ikke tilbake.',
    },
    viaInvitation: 'Via invitasjonslenken',
    system: 'Systemet',
    noneCovered: 'ingen dekkes',
    usedOf: (used: number, quota: number) => `${used} av ${quota} brukt`,
    of: (used: number, quota: number) => `${used} av ${quota}`,
    selfPaid: (count: number, amount: string) => (count === 0 ? 'ingen' : `${count} ${count === 1 ? 'person' : 'personer'}, ${amount}`),
    lateIncluded: ' (sene avmeldinger er bindende og regnet med)',
    waivedTotal: (amount: string) => `; frafalt av arrangøren: ${amount}`,
    noNights: 'Ingen',
    yes: 'Ja',
    no: 'Nei',
    wishes: (wishes: string) => `Ønsker: ${wishes}`,
    lateCancelled: (what: string) => `Sen avmelding, bindende: ${what}`,
    coveredStillCounts: 'den dekkede plassen teller fortsatt',
    waivedBy: (reason: string) => `frafalt av arrangøren (${reason})`,
    municipalityPays: (amount: string) => `kommunen betaler ${amount}`,
    coveredOvernight: 'Dekket overnatting',
    coveredDayPackageRow: 'Dekket dagpakke',
    dayPackageRestSelfPaid: (amount: string) => `Dagpakke dekket, resten egenbetalt (${amount})`,
    selfPaidRow: (amount: string) => `Egenbetalt (${amount})`,
    message: {
      notPaying: 'Kommunen betaler ikke for deltakeren.',
      selfPaid: (amount: string) => `Deltakeren er egenbetalt: ${amount}.`,
      enrolledCovered: (name: string, coverage: string) => `${name} er meldt på og har fått ${coverage}.`,
      enrolledUncovered: (name: string, pays: string) => `${name} er meldt på, uten dekket plass. ${pays}`,
      confirmation: ' Deltakeren får bekreftelse på e-post, med kontaktpersonen i kopi.',
      changed: (name: string) => `Endringene for ${name} er lagret.`,
      has: (name: string, coverage: string) => ` ${name} har ${coverage}.`,
      cancelled: (name: string) => `${name} er meldt av. Du kan angre avmeldingen i listen under fram til samlingen starter.`,
      lateCancelled: (name: string, what: string) =>
        `${name} er registrert som sen avmelding. Påmeldingen er bindende: ${what}. Du kan angre avmeldingen fram til samlingen starter.`,
      coveredStillCountsForMunicipality: 'den dekkede plassen teller fortsatt for kommunen',
      didNotPay: 'kommunen betalte ikke for deltakeren',
      stillPays: (amount: string) => `kommunen betaler fortsatt ${amount}`,
      restored: (name: string) => `Avmeldingen av ${name} er angret, og deltakeren er påmeldt igjen`,
      withCoverage: (coverage: string) => ` med ${coverage}`,
      droppedSessions: ' Noen av sesjonene deltakeren hadde valgt, er blitt fulle og måtte tas bort; velg nye under Endre.',
    },
    programLink: 'Program og praktisk informasjon',
    deadline: (deadline: string) => `. Påmeldingsfristen er ${deadline}.`,
    contactPerson: 'Kontaktperson',
    name: 'Navn',
    email: 'E-post',
    phone: 'Telefon',
    title: 'Stilling',
    noContact: 'Kommunen har ikke valgt kontaktperson ennå.',
    handOver: 'Gi rollen som kontaktperson til en kollega',
    changeContact: 'Endre kontaktperson',
    participants: 'Deltakere',
    coverage: 'Dekning',
    dayPackages: 'Dagpakker',
    selfPaidLabel: 'Egenbetalt',
    enrol: 'Meld på en deltaker',
    notOpenYet: 'Påmeldingen har ikke åpnet ennå.',
    deadlinePassed: 'Påmeldingsfristen er ute. Nye deltakere meldes på av arrangøren.',
    noParticipants: 'Ingen deltakere er påmeldt ennå.',
    order: (canReorder: boolean) =>
      `De dekkede plassene går til deltakerne i rekkefølgen under${canReorder ? '; flytt en deltaker opp eller ned for å endre hvem som bruker dem' : ''}.`,
    caption: (municipality: string) => `Påmeldte fra ${municipality} kommune`,
    days: 'Dager',
    nights: 'Netter',
    dinner: 'Middag',
    sessions: 'Sesjoner',
    actions: 'Handlinger',
    lateEnrolment: 'Sen påmelding',
    edit: 'Endre',
    substitute: 'Erstatt',
    lateCancel: 'Sen avmelding',
    cancel: 'Meld av',
    undoCancellation: 'Angre avmeldingen',
    history: 'Historikk',
    noHistory: 'Ingenting er endret ennå.',
    historyCaption: 'Endringer i påmeldingen, nyeste først',
    when: 'Tidspunkt',
    what: 'Hva',
    who: 'Hvem',
    doneBy: 'Utført av',
    confirmLate: (name: string) => `Sen avmelding av ${name}?`,
    confirm: (name: string) => `Vil du melde av ${name}?`,
    yesLate: (name: string) => `Ja, registrer sen avmelding av ${name}`,
    yesCancel: (name: string) => `Ja, meld av ${name}`,
    keep: 'Nei, behold påmeldingen',
    moveUp: 'Flytt opp',
    moveDown: 'Flytt ned',
    pageTitle: (municipality: string, event: string) => `${municipality} kommune – ${event} – Klimasamling`,
  },
  nn: {
    coveredOvernightPlace: 'ein dekt overnattingsplass',
    coveredDayPackage: (days: string) => `dekt dagpakke (${days})`,
    coveredDayPackageRestPaid: (days: string, amount: string) => `dekt dagpakke (${days}); resten betaler kommunen sjølv, ${amount}`,
    lateConsequences: {
      binding: (name: string) => `Påmeldingsfristen er ute, så påmeldinga er bindande. ${name} blir registrert som sein avmelding, og arrangøren får beskjed.`,
      coveredStays: (hotel: boolean) =>
        `Den dekte plassen og ${hotel ? 'hotellrommet' : 'dagpakken'} tel framleis for kommunen og går ikkje vidare til ein annan.`,
      stillPays: (amount: string) => `Kommunen betaler framleis for deltakaren: ${amount}. Berre arrangøren kan fråfalle betalinga.`,
      substitute: 'Kan ein annan frå kommunen kome i staden, er det betre å erstatte deltakaren: då beheld kommunen plassen.',
      undo: 'Du kan angre avmeldinga fram til samlinga startar.',
    },
    consequences: {
      losesPlace: (name: string, hotel: boolean) => `${name} mistar plassen sin${hotel ? ', og hotellrommet blir gitt tilbake' : ''}.`,
      coveredMovesOn: 'Den dekte plassen går vidare til den neste i rekkjefølgja som passar, og ho eller han får e-post om det.',
      notPaying: 'Kommunen betaler ikkje for deltakaren.',
      undo: 'Du kan angre avmeldinga fram til samlinga startar, men har nokon andre fått rommet eller den dekte plassen i mellomtida, får deltakaren dei ikkje tilbake.',
    },
    viaInvitation: 'Via invitasjonslenka',
    system: 'Systemet',
    noneCovered: 'ingen blir dekte',
    usedOf: (used: number, quota: number) => `${used} av ${quota} brukt`,
    of: (used: number, quota: number) => `${used} av ${quota}`,
    selfPaid: (count: number, amount: string) => (count === 0 ? 'ingen' : `${count} ${count === 1 ? 'person' : 'personar'}, ${amount}`),
    lateIncluded: ' (seine avmeldingar er bindande og rekna med)',
    waivedTotal: (amount: string) => `; fråfalle av arrangøren: ${amount}`,
    noNights: 'Ingen',
    yes: 'Ja',
    no: 'Nei',
    wishes: (wishes: string) => `Ønske: ${wishes}`,
    lateCancelled: (what: string) => `Sein avmelding, bindande: ${what}`,
    coveredStillCounts: 'den dekte plassen tel framleis',
    waivedBy: (reason: string) => `fråfalle av arrangøren (${reason})`,
    municipalityPays: (amount: string) => `kommunen betaler ${amount}`,
    coveredOvernight: 'Dekt overnatting',
    coveredDayPackageRow: 'Dekt dagpakke',
    dayPackageRestSelfPaid: (amount: string) => `Dagpakke dekt, resten eigenbetalt (${amount})`,
    selfPaidRow: (amount: string) => `Eigenbetalt (${amount})`,
    message: {
      notPaying: 'Kommunen betaler ikkje for deltakaren.',
      selfPaid: (amount: string) => `Deltakaren er eigenbetalt: ${amount}.`,
      enrolledCovered: (name: string, coverage: string) => `${name} er meld på og har fått ${coverage}.`,
      enrolledUncovered: (name: string, pays: string) => `${name} er meld på, utan dekt plass. ${pays}`,
      confirmation: ' Deltakaren får stadfesting på e-post, med kontaktpersonen i kopi.',
      changed: (name: string) => `Endringane for ${name} er lagra.`,
      has: (name: string, coverage: string) => ` ${name} har ${coverage}.`,
      cancelled: (name: string) => `${name} er meld av. Du kan angre avmeldinga i lista under fram til samlinga startar.`,
      lateCancelled: (name: string, what: string) =>
        `${name} er registrert som sein avmelding. Påmeldinga er bindande: ${what}. Du kan angre avmeldinga fram til samlinga startar.`,
      coveredStillCountsForMunicipality: 'den dekte plassen tel framleis for kommunen',
      didNotPay: 'kommunen betalte ikkje for deltakaren',
      stillPays: (amount: string) => `kommunen betaler framleis ${amount}`,
      restored: (name: string) => `Avmeldinga av ${name} er angra, og deltakaren er påmeld igjen`,
      withCoverage: (coverage: string) => ` med ${coverage}`,
      droppedSessions: ' Nokre av sesjonane deltakaren hadde valt, har vorte fulle og måtte takast bort; vel nye under Endre.',
    },
    programLink: 'Program og praktisk informasjon',
    deadline: (deadline: string) => `. Påmeldingsfristen er ${deadline}.`,
    contactPerson: 'Kontaktperson',
    name: 'Namn',
    email: 'E-post',
    phone: 'Telefon',
    title: 'Stilling',
    noContact: 'Kommunen har ikkje valt kontaktperson enno.',
    handOver: 'Gi rolla som kontaktperson til ein kollega',
    changeContact: 'Endre kontaktperson',
    participants: 'Deltakarar',
    coverage: 'Dekning',
    dayPackages: 'Dagpakkar',
    selfPaidLabel: 'Eigenbetalt',
    enrol: 'Meld på ein deltakar',
    notOpenYet: 'Påmeldinga har ikkje opna enno.',
    deadlinePassed: 'Påmeldingsfristen er ute. Nye deltakarar blir melde på av arrangøren.',
    noParticipants: 'Ingen deltakarar er melde på enno.',
    order: (canReorder: boolean) =>
      `Dei dekte plassane går til deltakarane i rekkjefølgja under${canReorder ? '; flytt ein deltakar opp eller ned for å endre kven som brukar dei' : ''}.`,
    caption: (municipality: string) => `Påmelde frå ${municipality} kommune`,
    days: 'Dagar',
    nights: 'Netter',
    dinner: 'Middag',
    sessions: 'Sesjonar',
    actions: 'Handlingar',
    lateEnrolment: 'Sein påmelding',
    edit: 'Endre',
    substitute: 'Erstatt',
    lateCancel: 'Sein avmelding',
    cancel: 'Meld av',
    undoCancellation: 'Angre avmeldinga',
    history: 'Historikk',
    noHistory: 'Ikkje noko er endra enno.',
    historyCaption: 'Endringar i påmeldinga, nyaste først',
    when: 'Tidspunkt',
    what: 'Kva',
    who: 'Kven',
    doneBy: 'Utført av',
    confirmLate: (name: string) => `Sein avmelding av ${name}?`,
    confirm: (name: string) => `Vil du melde av ${name}?`,
    yesLate: (name: string) => `Ja, registrer sein avmelding av ${name}`,
    yesCancel: (name: string) => `Ja, meld av ${name}`,
    keep: 'Nei, behald påmeldinga',
    moveUp: 'Flytt opp',
    moveDown: 'Flytt ned',
    pageTitle: (municipality: string, event: string) => `${municipality} kommune – ${event} – Klimasamling`,
  },
})

type Text = (typeof text)['nb']

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context)
  const registration = await findRegistrationForUser(context.db, user.id, idParam(params.registrationId))
  if (!registration) notFound()
  const languageForm = await languageOf(request, context)
  const t = text[languageForm]
  const [overview, history] = await Promise.all([getRegistrationOverview(context.db, registration), listRegistrationHistory(context.db, registration)])
  const phase = eventPhase(registration, context.now())
  // By wishes, until the allocation is published: the ranked wishes beside the sessions (decision 44).
  const wishes = await describeWishesOf(
    context.db,
    registration.event_id,
    overview.participants.map((p) => p.id),
    languageForm,
  )
  const { actor } = registration
  const money = (ore: number | null) => formatAmount(ore, overview.prices, languageForm)
  const search = new URL(request.url).searchParams
  const coverageOf = (p: (typeof overview.participants)[number]) =>
    p.coveredOvernight
      ? t.coveredOvernightPlace
      : p.coveredDayPackages > 0
        ? p.amount === 0
          ? t.coveredDayPackage(p.coveredDayLabels.join(', '))
          : t.coveredDayPackageRestPaid(p.coveredDayLabels.join(', '), money(p.amount))
        : null
  const canRestore = (p: (typeof overview.participants)[number]) =>
    can(actor, 'participant.restore', { phase, participant: { status: p.status, keptHoldings: p.cancelled_holdings !== null } })
  const confirming = overview.participants.find((p) => p.id === search.get('avmeld') && p.status === 'active')
  const canCancel = can(actor, 'participant.cancel', { phase })
  const late = afterDeadline(phase)
  return {
    status: statusMessage(
      search.get('melding'),
      overview.participants.find((p) => p.id === search.get('deltaker')),
      coverageOf,
      money,
      t,
    ),
    confirm:
      confirming && canCancel
        ? {
            id: confirming.id,
            name: confirming.name,
            late,
            consequences: late
              ? [
                  t.lateConsequences.binding(confirming.name),
                  confirming.coveredOvernight || confirming.coveredDayPackages > 0
                    ? t.lateConsequences.coveredStays(confirming.nights.length > 0)
                    : t.lateConsequences.stillPays(money(confirming.amount)),
                  t.lateConsequences.substitute,
                  t.lateConsequences.undo,
                ]
              : [
                  t.consequences.losesPlace(confirming.name, confirming.nights.length > 0),
                  confirming.coveredOvernight || confirming.coveredDayPackages > 0 ? t.consequences.coveredMovesOn : t.consequences.notPaying,
                  t.consequences.undo,
                ],
          }
        : null,
    history: history.map((h) => ({
      id: h.id,
      at: formatDateTime(h.at),
      what: describeAction(h.action, languageForm),
      who: h.actor_name ?? (h.actor_label === 'invitation link' ? t.viaInvitation : t.system),
      subject: subjectOf(h.before, h.after),
    })),
    canEnrol: can(actor, 'participant.enrol', { phase }),
    canCancel,
    lateCancellation: late,
    canSubstitute: can(actor, 'participant.substitute', { phase }),
    canEdit: can(actor, 'participant.edit', { phase }),
    canReorder: can(actor, 'registration.reorder', { phase }),
    phase,
    meters: {
      overnight: overview.meters.overnightQuota === 0 ? t.noneCovered : t.usedOf(overview.meters.overnightUsed, overview.meters.overnightQuota),
      dayPackages: overview.meters.dayPackagesQuota === 0 ? t.noneCovered : t.of(overview.meters.dayPackagesUsed, overview.meters.dayPackagesQuota),
      selfPaid: `${t.selfPaid(overview.meters.selfPaidCount, money(overview.meters.selfPaidOre))}${
        overview.meters.lateCancelledBillable > 0 ? t.lateIncluded : ''
      }${overview.meters.waivedCount > 0 ? t.waivedTotal(money(overview.meters.waivedOre)) : ''}`,
    },
    rows: overview.participants.map((p, _, all) => ({
      id: p.id,
      first: p.status === 'active' && all.find((x) => x.status === 'active')?.id === p.id,
      last: p.status === 'active' && all.findLast((x) => x.status === 'active')?.id === p.id,
      name: p.name,
      title: p.title,
      active: p.status === 'active',
      canRestore: canRestore(p),
      late: p.is_late_addition,
      days: p.days.join(', '),
      nights: p.nights.map(formatNight).join(', ') || t.noNights,
      dinner: p.attends_dinner ? t.yes : t.no,
      sessions: [p.sessions.join(', '), wishes?.get(p.id) ? t.wishes(wishes.get(p.id) ?? '') : ''].filter(Boolean).join('. '),
      coverage:
        p.status === 'late_cancelled'
          ? t.lateCancelled(
              p.coveredOvernight || p.coveredDayPackages > 0
                ? t.coveredStillCounts
                : p.charge.waived
                  ? t.waivedBy(String(p.charge.waiverReason))
                  : t.municipalityPays(money(p.amount)),
            )
          : p.status !== 'active'
            ? describeParticipantStatus(p.status, languageForm)
            : p.coveredOvernight
              ? t.coveredOvernight
              : p.coveredDayPackages > 0
                ? p.amount === 0
                  ? t.coveredDayPackageRow
                  : t.dayPackageRestSelfPaid(money(p.amount))
                : t.selfPaidRow(money(p.amount)),
    })),
    // What extras cost, when the event is free or the price is to be agreed: said once above the list.
    coverageNote: describeExtrasPricing(overview.prices, languageForm),
    id: registration.id,
    role: registration.role,
    municipality: registration.municipality_name,
    event: registration.event_title,
    eventSlug: registration.event_slug,
    dates: formatDateRange(registration.starts_at, registration.ends_at),
    deadline: formatDateTime(registration.deadline_at),
    contact: registration.contact_name
      ? {
          name: registration.contact_name,
          email: registration.contact_email,
          phone: registration.contact_phone,
          title: registration.contact_title,
        }
      : null,
  }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context)
  const registrationId = idParam(params.registrationId)
  const statusOf = async (participantId: string) =>
    (await findRegistrationForUser(context.db, user.id, registrationId))?.participants.find((p) => p.id === participantId)?.status ?? null
  const belongsHere = async (participantId: string) => (await statusOf(participantId)) !== null
  // What happened, for the status message after the redirect (POST/redirect/GET).
  let done: { message: string; participantId: string } | null = null
  const failed = await handleIntent(
    await readForm(request),
    {
      // Asked first: the confirmation step (?avmeld=) posts `confirmed`; a cancel without it is sent to that step.
      cancel: intent(z.object({ participantId: z.uuid(), confirmed: z.literal('ja').optional() }), async ({ participantId, confirmed }) => {
        if (!(await belongsHere(participantId))) return null
        if (!confirmed) throw redirect(`/kommune/${registrationId}?avmeld=${participantId}#bekreft-avmelding`)
        const result = await cancelParticipant(context.db, context.mail, { userId: user.id }, participantId, context.now())
        if (result) done = { message: result.late ? 'sen-avmeldt' : 'avmeldt', participantId }
        // A second press of the same button (a double click, or back and again): already done, not a 404.
        const now = result ? null : await statusOf(participantId)
        if (now === 'cancelled' || now === 'late_cancelled') done = { message: now === 'late_cancelled' ? 'sen-avmeldt' : 'avmeldt', participantId }
        return result ?? (done ? {} : null)
      }),
      restore: intent(z.object({ participantId: z.uuid() }), async ({ participantId }) => {
        if (!(await belongsHere(participantId))) return null
        const result = await restoreParticipant(context.db, context.mail, { userId: user.id }, participantId, context.now())
        if (result) done = { message: result.droppedSessions.length > 0 ? 'angret-uten-sesjoner' : 'angret', participantId }
        if (!result && (await statusOf(participantId)) === 'active') done = { message: 'angret', participantId }
        return result ?? (done ? {} : null)
      }),
      move: intent(z.object({ participantId: z.uuid(), direction: z.enum(['up', 'down']) }), async ({ participantId, direction }) => {
        if (!(await belongsHere(participantId))) return null
        return moveParticipant(context.db, context.mail, { userId: user.id }, participantId, direction, context.now())
      }),
    },
    await languageOf(request, context),
  )
  if (failed) return failed
  const outcome = done as { message: string; participantId: string } | null
  return redirect(outcome ? `/kommune/${registrationId}?melding=${outcome.message}&deltaker=${outcome.participantId}#status` : `/kommune/${registrationId}`)
}

/** What the page says after a change, naming the participant; null for an unknown message or participant. */
function statusMessage(
  kind: string | null,
  p: { name: string; status: string; amount: number | null; charge: { waived: boolean } } | undefined,
  coverageOf: (p: never) => string | null,
  money: (ore: number | null) => string,
  t: Text,
): { text: string; kind: string } | null {
  if (!kind || !p) return null
  const coverage = coverageOf(p as never)
  const m = t.message
  const pays = p.amount === 0 ? m.notPaying : m.selfPaid(money(p.amount))
  switch (kind) {
    case 'pameldt':
      if (p.status !== 'active') return null
      return { kind, text: `${coverage ? m.enrolledCovered(p.name, coverage) : m.enrolledUncovered(p.name, pays)}${m.confirmation}` }
    case 'endret':
      if (p.status !== 'active') return null
      return { kind, text: `${m.changed(p.name)}${coverage ? m.has(p.name, coverage) : ` ${pays}`}` }
    case 'avmeldt':
      return { kind, text: m.cancelled(p.name) }
    case 'sen-avmeldt':
      return {
        kind,
        text: m.lateCancelled(p.name, coverage ? m.coveredStillCountsForMunicipality : p.amount === 0 ? m.didNotPay : m.stillPays(money(p.amount))),
      }
    case 'angret':
    case 'angret-uten-sesjoner':
      if (p.status !== 'active') return null
      return {
        kind,
        text: `${m.restored(p.name)}${coverage ? m.withCoverage(coverage) : ''}.${coverage ? '' : ` ${pays}`}${
          kind === 'angret-uten-sesjoner' ? m.droppedSessions : ''
        }`,
      }
    default:
      return null
  }
}

export default function MunicipalityRegistration() {
  const r = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const t = useTexts(text)
  const rowError = intentErrors(actionData?.result).join(' ') || null
  return (
    <div className="stack-lg">
      {r.status ? <StatusMessage key={`${r.status.kind}-${r.status.text}`} text={r.status.text} /> : null}
      {r.confirm ? <ConfirmCancellation registrationId={r.id} confirm={r.confirm} /> : null}
      <div className="stack">
        <Heading level={1} data-size="lg">
          {r.municipality} kommune: {r.event}
        </Heading>
        <Paragraph>
          {r.dates}.{' '}
          <Link asChild>
            <RemixLink to={`/arrangementer/${r.eventSlug}`}>{t.programLink}</RemixLink>
          </Link>
          {t.deadline(r.deadline)}
        </Paragraph>
      </div>
      <section aria-labelledby="kontaktperson" className="stack">
        <Heading level={2} data-size="md" id="kontaktperson">
          {t.contactPerson}
        </Heading>
        {r.contact ? (
          <dl className="facts">
            <dt>{t.name}</dt>
            <dd>{r.contact.name}</dd>
            <dt>{t.email}</dt>
            <dd>{r.contact.email}</dd>
            {r.contact.phone ? (
              <>
                <dt>{t.phone}</dt>
                <dd>{r.contact.phone}</dd>
              </>
            ) : null}
            {r.contact.title ? (
              <>
                <dt>{t.title}</dt>
                <dd>{r.contact.title}</dd>
              </>
            ) : null}
          </dl>
        ) : (
          <Paragraph>{t.noContact}</Paragraph>
        )}
        <Paragraph>
          <Link asChild>
            <RemixLink to={`/kommune/${r.id}/kontaktperson`}>{r.role === 'contact_person' ? t.handOver : t.changeContact}</RemixLink>
          </Link>
        </Paragraph>
      </section>
      <section aria-labelledby="deltakere" className="stack">
        <Heading level={2} data-size="md" id="deltakere">
          {t.participants}
        </Heading>
        <dl className="facts" aria-label={t.coverage}>
          <dt>{t.coveredOvernight}</dt>
          <dd>{r.meters.overnight}</dd>
          <dt>{t.dayPackages}</dt>
          <dd>{r.meters.dayPackages}</dd>
          <dt>{t.selfPaidLabel}</dt>
          <dd>{r.meters.selfPaid}</dd>
        </dl>
        {r.coverageNote ? <Paragraph>{r.coverageNote}</Paragraph> : null}
        <ErrorAlert messages={rowError} />
        {r.canEnrol ? (
          <Paragraph>
            <Link asChild>
              <RemixLink to={`/kommune/${r.id}/ny-deltaker`}>{t.enrol}</RemixLink>
            </Link>
          </Paragraph>
        ) : (
          <Paragraph>{r.phase === 'announced' || r.phase === 'draft' ? t.notOpenYet : t.deadlinePassed}</Paragraph>
        )}
        {r.rows.length === 0 ? (
          <Paragraph>{t.noParticipants}</Paragraph>
        ) : (
          <>
            <Paragraph>{t.order(r.canReorder)}</Paragraph>
            <Table>
              <caption>{t.caption(r.municipality)}</caption>
              <Table.Head>
                <Table.Row>
                  <Table.HeaderCell>{t.name}</Table.HeaderCell>
                  <Table.HeaderCell>{t.days}</Table.HeaderCell>
                  <Table.HeaderCell>{t.nights}</Table.HeaderCell>
                  <Table.HeaderCell>{t.dinner}</Table.HeaderCell>
                  <Table.HeaderCell>{t.sessions}</Table.HeaderCell>
                  <Table.HeaderCell>{t.coverage}</Table.HeaderCell>
                  <Table.HeaderCell>{t.actions}</Table.HeaderCell>
                </Table.Row>
              </Table.Head>
              <Table.Body>
                {r.rows.map((p) => (
                  <Table.Row key={p.id}>
                    <Table.Cell>
                      {p.name}
                      {p.title ? <span className="program-meta">, {p.title}</span> : null}
                      {p.late ? (
                        <>
                          {' '}
                          <Tag data-size="sm" data-color="warning">
                            {t.lateEnrolment}
                          </Tag>
                        </>
                      ) : null}
                    </Table.Cell>
                    <Table.Cell>{p.days}</Table.Cell>
                    <Table.Cell>{p.nights}</Table.Cell>
                    <Table.Cell>{p.dinner}</Table.Cell>
                    <Table.Cell>{p.sessions || '–'}</Table.Cell>
                    <Table.Cell>{p.coverage}</Table.Cell>
                    <Table.Cell>
                      {p.active ? (
                        <div className="row-actions">
                          {r.canEdit ? (
                            <Link asChild>
                              <RemixLink to={`/kommune/${r.id}/deltaker/${p.id}`}>
                                {t.edit}
                                <span className="visually-hidden"> {p.name}</span>
                              </RemixLink>
                            </Link>
                          ) : null}
                          {r.canSubstitute ? (
                            <Link asChild>
                              <RemixLink to={`/kommune/${r.id}/erstatt/${p.id}`}>
                                {t.substitute}
                                <span className="visually-hidden"> {p.name}</span>
                              </RemixLink>
                            </Link>
                          ) : null}
                          {r.canReorder ? <MoveButton participant={p} direction="up" unavailable={p.first} /> : null}
                          {r.canReorder ? <MoveButton participant={p} direction="down" unavailable={p.last} /> : null}
                          {r.canCancel ? (
                            // Asks first: a link to the confirmation step, which works without JavaScript.
                            <Link asChild>
                              <RemixLink to={`/kommune/${r.id}?avmeld=${p.id}#bekreft-avmelding`}>
                                {r.lateCancellation ? t.lateCancel : t.cancel}
                                <span className="visually-hidden"> {p.name}</span>
                              </RemixLink>
                            </Link>
                          ) : null}
                        </div>
                      ) : p.canRestore ? (
                        <Form method="post">
                          <input type="hidden" name="intent" value="restore" />
                          <input type="hidden" name="participantId" value={p.id} />
                          <Button type="submit" variant="tertiary" data-size="sm">
                            {t.undoCancellation}
                            <span className="visually-hidden"> av {p.name}</span>
                          </Button>
                        </Form>
                      ) : null}
                    </Table.Cell>
                  </Table.Row>
                ))}
              </Table.Body>
            </Table>
          </>
        )}
      </section>
      <section aria-labelledby="historikk" className="stack">
        <Heading level={2} data-size="md" id="historikk">
          {t.history}
        </Heading>
        {r.history.length === 0 ? (
          <Paragraph>{t.noHistory}</Paragraph>
        ) : (
          <Table data-size="sm">
            <caption className="visually-hidden">{t.historyCaption}</caption>
            <Table.Head>
              <Table.Row>
                <Table.HeaderCell>{t.when}</Table.HeaderCell>
                <Table.HeaderCell>{t.what}</Table.HeaderCell>
                <Table.HeaderCell>{t.who}</Table.HeaderCell>
                <Table.HeaderCell>{t.doneBy}</Table.HeaderCell>
              </Table.Row>
            </Table.Head>
            <Table.Body>
              {r.history.map((h) => (
                <Table.Row key={h.id}>
                  <Table.Cell>{h.at}</Table.Cell>
                  <Table.Cell>{h.what}</Table.Cell>
                  <Table.Cell>{h.subject}</Table.Cell>
                  <Table.Cell>{h.who}</Table.Cell>
                </Table.Row>
              ))}
            </Table.Body>
          </Table>
        )}
      </section>
    </div>
  )
}

/** What just happened, as a status message that takes focus, so a screen reader and a keyboard user start there. */
function StatusMessage({ text }: { text: string }) {
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    ref.current?.focus()
  }, [])
  return (
    <Alert data-color="success" role="status" id="status" ref={ref} tabIndex={-1}>
      <Paragraph>{text}</Paragraph>
    </Alert>
  )
}

/**
 * The step before a cancellation: names the person and what it means (a late
 * cancellation stays binding), with the button that cancels and a way back.
 * Takes focus when it opens.
 */
function ConfirmCancellation({
  registrationId,
  confirm,
}: {
  registrationId: string
  confirm: { id: string; name: string; late: boolean; consequences: string[] }
}) {
  const t = useTexts(text)
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    ref.current?.focus()
  }, [])
  return (
    <Alert data-color="warning" id="bekreft-avmelding">
      <div className="stack">
        <Heading level={2} data-size="sm" ref={ref} tabIndex={-1}>
          {confirm.late ? t.confirmLate(confirm.name) : t.confirm(confirm.name)}
        </Heading>
        {confirm.consequences.map((c) => (
          <Paragraph key={c}>{c}</Paragraph>
        ))}
        <Form method="post" className="row-actions">
          <input type="hidden" name="intent" value="cancel" />
          <input type="hidden" name="participantId" value={confirm.id} />
          <input type="hidden" name="confirmed" value="ja" />
          <Button type="submit" data-color="danger">
            {confirm.late ? t.yesLate(confirm.name) : t.yesCancel(confirm.name)}
          </Button>
          <Link asChild>
            <RemixLink to={`/kommune/${registrationId}`}>{t.keep}</RemixLink>
          </Link>
        </Form>
      </div>
    </Alert>
  )
}

/**
 * Moves a participant one step in the order of the covered places. At the
 * top (or bottom) the button stays, marked unavailable, so keyboard focus is
 * not lost when a move takes the participant there; posting it changes nothing.
 */
function MoveButton({ participant, direction, unavailable }: { participant: { id: string; name: string }; direction: 'up' | 'down'; unavailable: boolean }) {
  const t = useTexts(text)
  return (
    <Form method="post">
      <input type="hidden" name="intent" value="move" />
      <input type="hidden" name="participantId" value={participant.id} />
      <input type="hidden" name="direction" value={direction} />
      <Button
        type="submit"
        variant="tertiary"
        data-size="sm"
        aria-disabled={unavailable || undefined}
        onClick={(event) => {
          if (unavailable) event.preventDefault()
        }}
      >
        {direction === 'up' ? t.moveUp : t.moveDown}
        <span className="visually-hidden"> {participant.name}</span>
      </Button>
    </Form>
  )
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: data ? text[languageFormOfMatches(matches)].pageTitle(data.municipality, data.event) : 'Klimasamling' },
]
