import type { LanguageForm } from '../db/schema'
import { type RenderedEmail, renderEmail } from './render'

export interface InvitationWithdrawnInput {
  languageForm: LanguageForm
  municipalityName: string
  eventTitle: string
  eventDates: string
  reason: string
  organiserContact: string
}

/** To the municipality's contact person (or its official address): the organiser withdrew its invitation, and why. */
export function invitationWithdrawnEmail(input: InvitationWithdrawnInput): RenderedEmail {
  if (input.languageForm === 'nn') {
    return renderEmail({
      lang: 'nn',
      subject: `${input.eventTitle}: invitasjonen til ${input.municipalityName} kommune er trekt tilbake`,
      heading: `Invitasjonen til ${input.municipalityName} kommune er trekt tilbake`,
      paragraphs: [
        `Arrangøren har trekt tilbake invitasjonen til ${input.municipalityName} kommune til ${input.eventTitle} (${input.eventDates}). Kommunen har ingen påmelde deltakarar, og lenker og sider for påmeldinga verkar ikkje lenger.`,
      ],
      facts: [{ label: 'Grunngiving', value: input.reason }],
      closing: [`Spørsmål kan rettast til ${input.organiserContact}.`],
    })
  }
  return renderEmail({
    lang: 'nb',
    subject: `${input.eventTitle}: invitasjonen til ${input.municipalityName} kommune er trukket tilbake`,
    heading: `Invitasjonen til ${input.municipalityName} kommune er trukket tilbake`,
    paragraphs: [
      `Arrangøren har trukket tilbake invitasjonen til ${input.municipalityName} kommune til ${input.eventTitle} (${input.eventDates}). Kommunen har ingen påmeldte deltakere, og lenker og sider for påmeldingen virker ikke lenger.`,
    ],
    facts: [{ label: 'Begrunnelse', value: input.reason }],
    closing: [`Spørsmål kan rettes til ${input.organiserContact}.`],
  })
}
