import { RETENTION_DAYS_MAX } from '~/domain/limits'
import type { SubmissionResult } from '@conform-to/react'
import { Button, Fieldset } from '@digdir/designsystemet-react'
import { Form, useNavigation } from '@remix-run/react'
import type { eventFormSchema } from '~/domain/event-form'
import { EVENT_FIELD_LABELS, type EventFormValues } from '~/domain/event-form-values'
import { texts } from '~/domain/language'
import { CheckboxField, FormErrorSummary, getFormProps, RadioGroupField, SelectField, TextAreaField, TextField, useServerForm } from './form'
import { useTexts } from './language'

const text = texts({
  nb: {
    about: 'Om samlingen',
    slugHelp: 'Brukes i adressen til arrangementssiden: /arrangementer/adressenavn.',
    descriptionHelp: 'Tomme linjer skiller avsnitt.',
    chooseCounty: 'Velg fylke',
    timeAndRegistration: 'Tid og påmelding',
    timesHelp: 'Alle tider er norsk tid.',
    reminderHelp: 'Kommuner uten kontaktperson eller uten påmeldte får én påminnelse så mange dager før fristen.',
    retentionHelp: `Navn, e-post, telefon og svar fra deltakerne og kontaktpersonene anonymiseres så mange dager etter at samlingen er slutt (0 til ${RETENTION_DAYS_MAX}). Antall og beløp per kommune blir stående.`,
    binding: 'Påmeldingen er bindende etter fristen',
    bindingHelp: 'Etter fristen kan kommunen bare erstatte deltakere, og avmeldinger blir registrert som sene.',
    venueAndHotel: 'Sted og hotell',
    organiser: 'Arrangør',
    onePerLine: 'Én per linje.',
    replyToHelp: 'Svar på e-post fra Klimasamling går hit.',
    coverageAndPrices: 'Dekning og priser',
    coverageHelp: 'Arrangementssiden forklarer dekningen ut fra disse tallene. Overnatting gjelder nettene som er merket som dekket.',
    coveredOvernightHelp: 'Personer med dekket overnatting, mat og møtelokaler.',
    coveredDayPackagesHelp: 'Én dagpakke er én deltaker én dag uten overnatting.',
    optionalKr: (label: string) => `${label} (kr, valgfritt)`,
    approximate: 'Prisene er omtrentlige (vises som «ca.»)',
    billedByOrganiser: 'Arrangøren fakturerer kommunen',
    billedByHotel: 'Hotellet fakturerer kommunen',
    listed: 'Betaler prisene over',
    listedHelp: 'Kommunen betaler for deltakere som ikke får dekket plass.',
    free: 'Er gratis for kommunen',
    freeHelp: 'Også deltakere utover de dekkede plassene koster kommunen ingenting.',
    agreed: 'Pris etter avtale',
    agreedHelp: 'For eksempel når samlingen er gratis for kommunene, men arrangøren avgjør etter fristen hva som dekkes utover kvoten. Forklar det under.',
    noteRequired: (label: string) => `${label} (påkrevd ved pris etter avtale)`,
    noteHelp: 'Vises for kontaktpersonene der prisen står, og i bekreftelsen av dekning.',
    firstCome: 'Først til mølla',
    firstComeHelp: 'Deltakerne får plass i den sesjonen de velger, så lenge det er ledig.',
    byWishes: 'Etter ønsker',
    byWishesHelp:
      'Deltakerne rangerer sesjonene per bolk. Du ser etterspørselen, avslutter ønskerunden og fordeler plassene. Kan bare velges før noen har tatt plass i en parallell sesjon.',
    draft: 'Utkast',
    draftHelp: 'Bare arrangørene ser arrangementet.',
    published: 'Publisert',
    publishedHelp: 'Arrangementet vises på forsiden for alle.',
    saving: 'Lagrer …',
  },
  nn: {
    about: 'Om samlinga',
    slugHelp: 'Blir brukt i adressa til arrangementssida: /arrangementer/adressenamn.',
    descriptionHelp: 'Tomme linjer skil avsnitt.',
    chooseCounty: 'Vel fylke',
    timeAndRegistration: 'Tid og påmelding',
    timesHelp: 'Alle tider er norsk tid.',
    reminderHelp: 'Kommunar utan kontaktperson eller utan påmelde får éi påminning så mange dagar før fristen.',
    retentionHelp: `Namn, e-post, telefon og svar frå deltakarane og kontaktpersonane blir anonymiserte så mange dagar etter at samlinga er slutt (0 til ${RETENTION_DAYS_MAX}). Tal og beløp per kommune blir ståande.`,
    binding: 'Påmeldinga er bindande etter fristen',
    bindingHelp: 'Etter fristen kan kommunen berre erstatte deltakarar, og avmeldingar blir registrerte som seine.',
    venueAndHotel: 'Stad og hotell',
    organiser: 'Arrangør',
    onePerLine: 'Éin per linje.',
    replyToHelp: 'Svar på e-post frå Klimasamling går hit.',
    coverageAndPrices: 'Dekning og prisar',
    coverageHelp: 'Arrangementssida forklarer dekninga ut frå desse tala. Overnatting gjeld nettene som er merkte som dekte.',
    coveredOvernightHelp: 'Personar med dekt overnatting, mat og møtelokale.',
    coveredDayPackagesHelp: 'Éin dagpakke er éin deltakar éin dag utan overnatting.',
    optionalKr: (label: string) => `${label} (kr, valfritt)`,
    approximate: 'Prisane er omtrentlege (blir viste som «ca.»)',
    billedByOrganiser: 'Arrangøren fakturerer kommunen',
    billedByHotel: 'Hotellet fakturerer kommunen',
    listed: 'Betaler prisane over',
    listedHelp: 'Kommunen betaler for deltakarar som ikkje får dekt plass.',
    free: 'Er gratis for kommunen',
    freeHelp: 'Òg deltakarar utover dei dekte plassane kostar ikkje kommunen noko.',
    agreed: 'Pris etter avtale',
    agreedHelp: 'Til dømes når samlinga er gratis for kommunane, men arrangøren avgjer etter fristen kva som blir dekt utover kvoten. Forklar det under.',
    noteRequired: (label: string) => `${label} (påkravd ved pris etter avtale)`,
    noteHelp: 'Blir vist for kontaktpersonane der prisen står, og i stadfestinga av dekninga.',
    firstCome: 'Først til mølla',
    firstComeHelp: 'Deltakarane får plass i den sesjonen dei vel, så lenge det er ledig.',
    byWishes: 'Etter ønske',
    byWishesHelp:
      'Deltakarane rangerer sesjonane per bolk. Du ser etterspurnaden, avsluttar ønskerunden og fordeler plassane. Kan berre veljast før nokon har teke plass i ein parallell sesjon.',
    draft: 'Utkast',
    draftHelp: 'Berre arrangørane ser arrangementet.',
    published: 'Publisert',
    publishedHelp: 'Arrangementet blir vist på framsida for alle.',
    saving: 'Lagrar …',
  },
})

/** The organiser's form for an event's settings, coverage and prices; for a new event and for changes. */
export function EventForm({
  lastResult,
  defaultValue,
  counties,
  submitLabel,
}: {
  lastResult: SubmissionResult<string[]> | undefined
  defaultValue: EventFormValues
  counties: Array<{ number: string; name: string }>
  submitLabel: string
}) {
  const submitting = useNavigation().state === 'submitting'
  const t = useTexts(text)
  const labels = useTexts(EVENT_FIELD_LABELS)
  const [form, fields] = useServerForm<typeof eventFormSchema>({
    lastResult,
    defaultValue,
  })
  return (
    <>
      <FormErrorSummary form={form} labels={labels} />
      <Form method="post" {...getFormProps(form)} className="stack-lg form-wide">
        <Fieldset>
          <Fieldset.Legend>{t.about}</Fieldset.Legend>
          <TextField field={fields.title} label={labels.title} />
          <TextField field={fields.slug} label={labels.slug} description={t.slugHelp} />
          <TextAreaField field={fields.description} label={labels.description} rows={6} description={t.descriptionHelp} />
          <TextAreaField field={fields.audienceText} label={labels.audienceText} />
          <SelectField
            field={fields.countyNumber}
            label={labels.countyNumber}
            placeholder={t.chooseCounty}
            options={counties.map((c) => ({ value: c.number, label: c.name }))}
          />
        </Fieldset>

        <Fieldset>
          <Fieldset.Legend>{t.timeAndRegistration}</Fieldset.Legend>
          <Fieldset.Description>{t.timesHelp}</Fieldset.Description>
          <div className="field-pair">
            <TextField field={fields.startDate} label={labels.startDate} type="date" />
            <TextField field={fields.startTime} label={labels.startTime} type="time" />
          </div>
          <div className="field-pair">
            <TextField field={fields.endDate} label={labels.endDate} type="date" />
            <TextField field={fields.endTime} label={labels.endTime} type="time" />
          </div>
          <div className="field-pair">
            <TextField field={fields.opensDate} label={labels.opensDate} type="date" />
            <TextField field={fields.opensTime} label={labels.opensTime} type="time" />
          </div>
          <div className="field-pair">
            <TextField field={fields.deadlineDate} label={labels.deadlineDate} type="date" />
            <TextField field={fields.deadlineTime} label={labels.deadlineTime} type="time" />
          </div>
          <TextField field={fields.reminderDays} label={labels.reminderDays} inputMode="numeric" description={t.reminderHelp} />
          <TextField field={fields.retentionDays} label={labels.retentionDays} inputMode="numeric" description={t.retentionHelp} />
          <CheckboxField field={fields.isBinding} label={t.binding} description={t.bindingHelp} />
        </Fieldset>

        <Fieldset>
          <Fieldset.Legend>{t.venueAndHotel}</Fieldset.Legend>
          <TextField field={fields.venue} label={labels.venue} />
          <TextField field={fields.address} label={labels.address} />
          <TextField field={fields.hotelName} label={labels.hotelName} />
          <TextField field={fields.hotelAddress} label={labels.hotelAddress} />
        </Fieldset>

        <Fieldset>
          <Fieldset.Legend>{t.organiser}</Fieldset.Legend>
          <TextAreaField field={fields.organisingBodies} label={labels.organisingBodies} description={t.onePerLine} />
          <TextField field={fields.organiserContactName} label={labels.organiserContactName} />
          <TextField field={fields.organiserContactEmail} label={labels.organiserContactEmail} type="email" />
          <TextField field={fields.replyToEmail} label={labels.replyToEmail} type="email" description={t.replyToHelp} />
        </Fieldset>

        <Fieldset>
          <Fieldset.Legend>{t.coverageAndPrices}</Fieldset.Legend>
          <Fieldset.Description>{t.coverageHelp}</Fieldset.Description>
          <TextField field={fields.coveredOvernight} label={labels.coveredOvernight} inputMode="numeric" description={t.coveredOvernightHelp} />
          <TextField field={fields.coveredDayPackages} label={labels.coveredDayPackages} inputMode="numeric" description={t.coveredDayPackagesHelp} />
          <TextField field={fields.priceOvernightKr} label={t.optionalKr(labels.priceOvernightKr)} inputMode="text" />
          <TextField field={fields.priceDayPackageKr} label={t.optionalKr(labels.priceDayPackageKr)} inputMode="text" />
          <TextField field={fields.priceDinnerKr} label={t.optionalKr(labels.priceDinnerKr)} inputMode="text" />
          <CheckboxField field={fields.pricesApproximate} label={t.approximate} />
          <RadioGroupField
            field={fields.selfPaidBilledBy}
            legend={labels.selfPaidBilledBy}
            options={[
              { value: 'organiser', label: t.billedByOrganiser },
              { value: 'hotel', label: t.billedByHotel },
            ]}
          />
          <RadioGroupField
            field={fields.extrasPricing}
            legend={labels.extrasPricing}
            options={[
              { value: 'listed', label: t.listed, description: t.listedHelp },
              { value: 'free', label: t.free, description: t.freeHelp },
              {
                value: 'agreed',
                label: t.agreed,
                description: t.agreedHelp,
              },
            ]}
          />
          <TextAreaField field={fields.extrasPricingNote} label={t.noteRequired(labels.extrasPricingNote)} description={t.noteHelp} />
        </Fieldset>

        <RadioGroupField
          field={fields.sessionAllocation}
          legend={labels.sessionAllocation}
          options={[
            { value: 'first_come', label: t.firstCome, description: t.firstComeHelp },
            {
              value: 'by_wishes',
              label: t.byWishes,
              description: t.byWishesHelp,
            },
          ]}
        />
        <RadioGroupField
          field={fields.status}
          legend={labels.status}
          options={[
            { value: 'draft', label: t.draft, description: t.draftHelp },
            { value: 'published', label: t.published, description: t.publishedHelp },
          ]}
        />
        <Button type="submit" aria-disabled={submitting || undefined}>
          {submitting ? t.saving : submitLabel}
        </Button>
      </Form>
    </>
  )
}
