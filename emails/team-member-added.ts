import type { LanguageForm } from '../db/schema'
import { type RenderedEmail, renderEmail } from './render'

export interface TeamMemberAddedInput {
  languageForm: LanguageForm
  name: string
  eventTitle: string
  eventDates: string
  /** 'organiser': a co-organiser (medarrangør); 'viewer': read-only (lesetilgang). */
  role: 'organiser' | 'viewer'
  addedByName: string
  /** The login page (/logg-inn): logging in is by a link or code sent to this email address. */
  loginLink: string
}

/** To a person who has just been added to an event's organiser team, as co-organiser or with read-only access. */
export function teamMemberAddedEmail(input: TeamMemberAddedInput): RenderedEmail {
  if (input.languageForm === 'nn') {
    const what =
      input.role === 'organiser'
        ? 'Som medarrangør kan du følgje og endre alt ved samlinga: program, dagar og netter, inviterte kommunar, påmeldingar, dekning og e-post.'
        : 'Du har lesetilgang: du kan sjå oversikta, hotellnettene og eksportane (til dømes romlista), men ikkje endre noko.'
    return renderEmail({
      lang: 'nn',
      subject: `${input.eventTitle}: du er lagd til i arrangørteamet`,
      heading: input.role === 'organiser' ? 'Du er medarrangør' : 'Du har fått lesetilgang',
      paragraphs: [
        `Hei, ${input.name}! ${input.addedByName} har lagt deg til i arrangørteamet for ${input.eventTitle} (${input.eventDates}).`,
        what,
        'Logg inn med denne e-postadressa. Du får ei lenke og ein kode på e-post; du treng ikkje passord.',
      ],
      link: { href: input.loginLink, text: 'Logg inn' },
    })
  }
  const what =
    input.role === 'organiser'
      ? 'Som medarrangør kan du følge og endre alt ved samlingen: program, dager og netter, inviterte kommuner, påmeldinger, dekning og e-post.'
      : 'Du har lesetilgang: du kan se oversikten, hotellnettene og eksportene (for eksempel romlisten), men ikke endre noe.'
  return renderEmail({
    lang: 'nb',
    subject: `${input.eventTitle}: du er lagt til i arrangørteamet`,
    heading: input.role === 'organiser' ? 'Du er medarrangør' : 'Du har fått lesetilgang',
    paragraphs: [
      `Hei, ${input.name}! ${input.addedByName} har lagt deg til i arrangørteamet for ${input.eventTitle} (${input.eventDates}).`,
      what,
      'Logg inn med denne e-postadressen. Du får en lenke og en kode på e-post; du trenger ikke passord.',
    ],
    link: { href: input.loginLink, text: 'Logg inn' },
  })
}
