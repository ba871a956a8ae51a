import type { SubmissionResult } from '@conform-to/react'
import { Button, Fieldset } from '@digdir/designsystemet-react'
import { Form, useNavigation } from '@remix-run/react'
import type { eventFormSchema } from '~/domain/event-form'
import { type EventFormValues, eventFieldLabels } from '~/domain/event-form-values'
import { CheckboxField, FormErrorSummary, getFormProps, RadioGroupField, SelectField, TextAreaField, TextField, useServerForm } from './form'

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
  const [form, fields] = useServerForm<typeof eventFormSchema>({
    lastResult,
    defaultValue,
  })
  return (
    <>
      <FormErrorSummary form={form} labels={eventFieldLabels} />
      <Form method="post" {...getFormProps(form)} className="stack-lg form-wide">
        <Fieldset>
          <Fieldset.Legend>Om samlingen</Fieldset.Legend>
          <TextField field={fields.title} label={eventFieldLabels.title} />
          <TextField field={fields.slug} label={eventFieldLabels.slug} description="Brukes i adressen til arrangementssiden: /arrangementer/adressenavn." />
          <TextAreaField field={fields.description} label={eventFieldLabels.description} rows={6} description="Tomme linjer skiller avsnitt." />
          <TextAreaField field={fields.audienceText} label={eventFieldLabels.audienceText} />
          <SelectField
            field={fields.countyNumber}
            label={eventFieldLabels.countyNumber}
            placeholder="Velg fylke"
            options={counties.map((c) => ({ value: c.number, label: c.name }))}
          />
        </Fieldset>

        <Fieldset>
          <Fieldset.Legend>Tid og påmelding</Fieldset.Legend>
          <Fieldset.Description>Alle tider er norsk tid.</Fieldset.Description>
          <div className="field-pair">
            <TextField field={fields.startDate} label={eventFieldLabels.startDate} type="date" />
            <TextField field={fields.startTime} label={eventFieldLabels.startTime} type="time" />
          </div>
          <div className="field-pair">
            <TextField field={fields.endDate} label={eventFieldLabels.endDate} type="date" />
            <TextField field={fields.endTime} label={eventFieldLabels.endTime} type="time" />
          </div>
          <div className="field-pair">
            <TextField field={fields.opensDate} label={eventFieldLabels.opensDate} type="date" />
            <TextField field={fields.opensTime} label={eventFieldLabels.opensTime} type="time" />
          </div>
          <div className="field-pair">
            <TextField field={fields.deadlineDate} label={eventFieldLabels.deadlineDate} type="date" />
            <TextField field={fields.deadlineTime} label={eventFieldLabels.deadlineTime} type="time" />
          </div>
          <TextField
            field={fields.reminderDays}
            label={eventFieldLabels.reminderDays}
            inputMode="numeric"
            description="Kommuner uten kontaktperson eller uten påmeldte får én påminnelse så mange dager før fristen."
          />
          <TextField
            field={fields.retentionDays}
            label={eventFieldLabels.retentionDays}
            inputMode="numeric"
            description="Navn, e-post, telefon og svar fra deltakerne og kontaktpersonene anonymiseres så mange dager etter at samlingen er slutt (0 til 3650). Antall og beløp per kommune blir stående."
          />
          <CheckboxField
            field={fields.isBinding}
            label="Påmeldingen er bindende etter fristen"
            description="Etter fristen kan kommunen bare erstatte deltakere, og avmeldinger blir registrert som sene."
          />
        </Fieldset>

        <Fieldset>
          <Fieldset.Legend>Sted og hotell</Fieldset.Legend>
          <TextField field={fields.venue} label={eventFieldLabels.venue} />
          <TextField field={fields.address} label={eventFieldLabels.address} />
          <TextField field={fields.hotelName} label={eventFieldLabels.hotelName} />
          <TextField field={fields.hotelAddress} label={eventFieldLabels.hotelAddress} />
        </Fieldset>

        <Fieldset>
          <Fieldset.Legend>Arrangør</Fieldset.Legend>
          <TextAreaField field={fields.organisingBodies} label={eventFieldLabels.organisingBodies} description="Én per linje." />
          <TextField field={fields.organiserContactName} label={eventFieldLabels.organiserContactName} />
          <TextField field={fields.organiserContactEmail} label={eventFieldLabels.organiserContactEmail} type="email" />
          <TextField field={fields.replyToEmail} label={eventFieldLabels.replyToEmail} type="email" description="Svar på e-post fra Klimasamling går hit." />
        </Fieldset>

        <Fieldset>
          <Fieldset.Legend>Dekning og priser</Fieldset.Legend>
          <Fieldset.Description>
            Arrangementssiden forklarer dekningen ut fra disse tallene. Overnatting gjelder nettene som er merket som dekket.
          </Fieldset.Description>
          <TextField
            field={fields.coveredOvernight}
            label={eventFieldLabels.coveredOvernight}
            inputMode="numeric"
            description="Personer med dekket overnatting, mat og møtelokaler."
          />
          <TextField
            field={fields.coveredDayPackages}
            label={eventFieldLabels.coveredDayPackages}
            inputMode="numeric"
            description="Én dagpakke er én deltaker én dag uten overnatting."
          />
          <TextField field={fields.priceOvernightKr} label={`${eventFieldLabels.priceOvernightKr} (kr, valgfritt)`} inputMode="text" />
          <TextField field={fields.priceDayPackageKr} label={`${eventFieldLabels.priceDayPackageKr} (kr, valgfritt)`} inputMode="text" />
          <TextField field={fields.priceDinnerKr} label={`${eventFieldLabels.priceDinnerKr} (kr, valgfritt)`} inputMode="text" />
          <CheckboxField field={fields.pricesApproximate} label="Prisene er omtrentlige (vises som «ca.»)" />
          <RadioGroupField
            field={fields.selfPaidBilledBy}
            legend={eventFieldLabels.selfPaidBilledBy}
            options={[
              { value: 'organiser', label: 'Arrangøren fakturerer kommunen' },
              { value: 'hotel', label: 'Hotellet fakturerer kommunen' },
            ]}
          />
          <RadioGroupField
            field={fields.extrasPricing}
            legend={eventFieldLabels.extrasPricing}
            options={[
              { value: 'listed', label: 'Betaler prisene over', description: 'Kommunen betaler for deltakere som ikke får dekket plass.' },
              { value: 'free', label: 'Er gratis for kommunen', description: 'Også deltakere utover de dekkede plassene koster kommunen ingenting.' },
              {
                value: 'agreed',
                label: 'Pris etter avtale',
                description:
                  'For eksempel når samlingen er gratis for kommunene, men arrangøren avgjør etter fristen hva som dekkes utover kvoten. Forklar det under.',
              },
            ]}
          />
          <TextAreaField
            field={fields.extrasPricingNote}
            label={`${eventFieldLabels.extrasPricingNote} (påkrevd ved pris etter avtale)`}
            description="Vises for kontaktpersonene der prisen står, og i bekreftelsen av dekning."
          />
        </Fieldset>

        <RadioGroupField
          field={fields.sessionAllocation}
          legend={eventFieldLabels.sessionAllocation}
          options={[
            { value: 'first_come', label: 'Først til mølla', description: 'Deltakerne får plass i den sesjonen de velger, så lenge det er ledig.' },
            {
              value: 'by_wishes',
              label: 'Etter ønsker',
              description:
                'Deltakerne rangerer sesjonene per bolk. Du ser etterspørselen, avslutter ønskerunden og fordeler plassene. Kan bare velges før noen har tatt plass i en parallell sesjon.',
            },
          ]}
        />
        <RadioGroupField
          field={fields.status}
          legend={eventFieldLabels.status}
          options={[
            { value: 'draft', label: 'Utkast', description: 'Bare arrangørene ser arrangementet.' },
            { value: 'published', label: 'Publisert', description: 'Arrangementet vises på forsiden for alle.' },
          ]}
        />
        <Button type="submit" aria-disabled={submitting || undefined}>
          {submitting ? 'Lagrer …' : submitLabel}
        </Button>
      </Form>
    </>
  )
}
