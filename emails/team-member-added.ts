import type { LanguageForm } from '../db/schema'
import { type RenderedEmail, renderEmail } from './render'

export interface TeamMemberAddedInput {
  languageForm: LanguageForm
  name: string
  eventTitle: string
  eventDates: string
  /** 'organiser': a co-organiser (medarrangør); 'viewer': read-only (lesetilgang); 'desk': a desk helper (vert i registreringen). */
  role: 'organiser' | 'viewer' | 'desk'
  addedByName: string
  /** The login page (/logg-inn): logging in is by a link or code sent to this email address. */
  loginLink: string
}

/** To a person who has just been added to an event's organiser team, as co-organiser or with read-only access. */
export function teamMemberAddedEmail(input: TeamMemberAddedInput): RenderedEmail {
  if (input.languageForm === 'nn') {
    const what = {
      organiser: 'Som medarrangør kan du følgje og endre alt ved samlinga: program, dagar og netter, inviterte kommunar, påmeldingar, dekning og e-post.',
      viewer: 'Du har lesetilgang: du kan sjå oversikta, hotellnettene og eksportane (til dømes romlista), men ikkje endre noko.',
      desk: 'Som vert i registreringa sjekkar du inn deltakarane på samlingsdagane: du ser namn, kommune og oppmøte, ikkje anna.',
    }[input.role]
    return renderEmail({
      lang: 'nn',
      subject: `${input.eventTitle}: du er lagd til i arrangørteamet`,
      heading: { organiser: 'Du er medarrangør', viewer: 'Du har fått lesetilgang', desk: 'Du er vert i registreringa' }[input.role],
      paragraphs: [
        `Hei, ${input.name}! ${input.addedByName} har lagt deg til i arrangørteamet for ${input.eventTitle} (${input.eventDates}).`,
        what,
        'Logg inn med denne e-postadressa. Du får ei lenke og ein kode på e-post; du treng ikkje passord.',
      ],
      link: { href: input.loginLink, text: 'Logg inn' },
    })
  }
  const what = {
    organiser: 'Som medarrangør kan du følge og endre alt ved samlingen: program, dager og netter, inviterte kommuner, påmeldinger, dekning og e-post.',
    viewer: 'Du har lesetilgang: du kan se oversikten, hotellnettene og eksportene (for eksempel romlisten), men ikke endre noe.',
    desk: 'Som vert i registreringen sjekker du inn deltakerne på samlingsdagene: du ser navn, kommune og oppmøte, ikke annet.',
  }[input.role]
  return renderEmail({
    lang: 'nb',
    subject: `${input.eventTitle}: du er lagt til i arrangørteamet`,
    heading: { organiser: 'Du er medarrangør', viewer: 'Du har fått lesetilgang', desk: 'Du er vert i registreringen' }[input.role],
    paragraphs: [
      `Hei, ${input.name}! ${input.addedByName} har lagt deg til i arrangørteamet for ${input.eventTitle} (${input.eventDates}).`,
      what,
      'Logg inn med denne e-postadressen. Du får en lenke og en kode på e-post; du trenger ikke passord.',
    ],
    link: { href: input.loginLink, text: 'Logg inn' },
  })
}
