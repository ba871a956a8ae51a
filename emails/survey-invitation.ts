import type { LanguageForm } from '../db/schema'
import { type RenderedEmail, personalLink, renderEmail } from './render'

export interface SurveyInvitationInput {
  languageForm: LanguageForm
  participantName: string
  eventTitle: string
  surveyTitle: string
  /** The participant's own link to the survey (app/routes/undersokelse.$token.tsx). */
  link: string
  /** The survey's code, for answering with the code and one's email instead (app/routes/undersokelse._index.tsx). */
  code: string
  codePage: string
  /** When it closes, formatted, if a time is set. */
  closes: string | null
  organiserContact: string
}

/**
 * To each active participant (their contact person in copy), in the
 * municipality's language form: their own link to the survey of the
 * gathering (decision 049). The link is personal; the code is the way in
 * for someone who forwards nothing and has their email at hand.
 */
export function surveyInvitationEmail(input: SurveyInvitationInput): RenderedEmail {
  const nn = input.languageForm === 'nn'
  return renderEmail({
    lang: input.languageForm,
    subject: `${input.eventTitle}: ${input.surveyTitle}`,
    heading: input.surveyTitle,
    paragraphs: [
      nn
        ? `Hei, ${input.participantName}! Arrangøren av ${input.eventTitle} vil gjerne høyre frå deg. Svar på undersøkinga med lenka under, på mobilen eller datamaskina. Lenka er personleg: ho er berre for deg.`
        : `Hei, ${input.participantName}! Arrangøren av ${input.eventTitle} vil gjerne høre fra deg. Svar på undersøkelsen med lenken under, på mobilen eller datamaskinen. Lenken er personlig: den er bare for deg.`,
      input.closes
        ? nn
          ? `Du kan endre svaret ditt til undersøkinga stengjer ${input.closes}.`
          : `Du kan endre svaret ditt til undersøkelsen stenger ${input.closes}.`
        : nn
          ? 'Du kan endre svaret ditt til undersøkinga stengjer.'
          : 'Du kan endre svaret ditt til undersøkelsen stenger.',
      nn
        ? `Utan lenka: gå til ${input.codePage}, skriv koden ${input.code} og e-postadressa du er påmeld med.`
        : `Uten lenken: gå til ${input.codePage}, skriv koden ${input.code} og e-postadressen du er påmeldt med.`,
    ],
    facts: [
      { label: nn ? 'Lenka di' : 'Lenken din', value: personalLink(input.link, input.languageForm) },
      { label: 'Kode', value: input.code },
    ],
    closing: [`Spørsmål? Kontakt ${input.organiserContact}.`],
    link: { href: personalLink(input.link, input.languageForm), text: nn ? 'Svar på undersøkinga' : 'Svar på undersøkelsen' },
  })
}
