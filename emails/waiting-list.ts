import type { LanguageForm } from '../db/schema'
import { type ParticipantFacts, participantFacts } from './participant-facts'
import { type RenderedEmail, personalLink, renderEmail } from './render'

/**
 * The messages of the waiting lists (decision 045), one template with the
 * move it tells of:
 * - joined / left: the participant stands on, or left, a list;
 * - placed: a seat in a session came free and is now the participant's;
 * - offered: a hotel room came free and is held for the participant until
 *   a set time; the contact person accepts or declines by the link;
 * - accepted: the offered room is now the participant's;
 * - declined / expired: the offer was declined, or ran out, and went on.
 * Sent to the participant with the contact person in copy, except the
 * offer, which goes to the contact person (who answers it) with the
 * participant in copy.
 */
export type WaitingListMove = 'joined' | 'left' | 'placed' | 'offered' | 'accepted' | 'declined' | 'expired'

export interface WaitingListEmailInput {
  languageForm: LanguageForm
  move: WaitingListMove
  participantName: string
  eventTitle: string
  /** "«Klimatilpasning i praksis»" or "natten 11.–12. november 2021". */
  place: string
  kind: 'session' | 'night'
  /** For 'joined': where they stand. */
  position?: number | null
  /** For 'offered': until when, formatted. */
  offerExpires?: string | null
  /** For 'offered': the page that answers the offer. */
  answerLink?: string | null
  /** After 'placed' and 'accepted': how the registration stands now. */
  facts?: ParticipantFacts | null
  pageLink: string
  organiserContact: string
}

type Words = Record<WaitingListMove, { subject: string; heading: string; text: string }>

const words = (i: WaitingListEmailInput): { nb: Words; nn: Words } => {
  const p = i.place
  const n = i.participantName
  return {
    nb: {
      joined: {
        subject: `${i.eventTitle}: ${n} står på venteliste`,
        heading: 'Du står på ventelisten',
        text: `Hei, ${n}! Du står nå på ventelisten for ${p}${i.position ? ` som nr. ${i.position}` : ''}. ${
          i.kind === 'session'
            ? 'Blir en plass ledig, får du den automatisk, og du får beskjed på e-post.'
            : 'Blir et rom ledig, holdes det av for deg en tid, og kontaktpersonen i kommunen får en lenke for å takke ja eller nei.'
        }`,
      },
      left: {
        subject: `${i.eventTitle}: ${n} står ikke lenger på venteliste`,
        heading: 'Du er tatt av ventelisten',
        text: `Hei, ${n}! Du står ikke lenger på ventelisten for ${p}.`,
      },
      placed: {
        subject: `${i.eventTitle}: ${n} har fått plass på ${p}`,
        heading: 'Du har fått plass',
        text: `Hei, ${n}! Det ble ledig plass på ${p}, og du sto først på ventelisten. Plassen er nå din. Påmeldingen ser slik ut nå:`,
      },
      offered: {
        subject: `${i.eventTitle}: ledig rom til ${n} – svar innen ${i.offerExpires ?? ''}`,
        heading: 'Et hotellrom er ledig',
        text: `Det ble ledig et rom ${p}, og ${n} sto først på ventelisten. Rommet holdes av til ${i.offerExpires ?? ''}. Svar ja eller nei på siden lenken under viser. Svarer ingen innen fristen, går rommet videre til neste på listen.`,
      },
      accepted: {
        subject: `${i.eventTitle}: ${n} har fått rom ${p}`,
        heading: 'Rommet er ditt',
        text: `Hei, ${n}! Kommunen har takket ja til rommet ${p}. Påmeldingen ser slik ut nå:`,
      },
      declined: {
        subject: `${i.eventTitle}: rommet ${p} gikk videre`,
        heading: 'Rommet gikk videre',
        text: `Hei, ${n}! Kommunen takket nei til rommet ${p}, så det går videre til neste på ventelisten.`,
      },
      expired: {
        subject: `${i.eventTitle}: tilbudet om rom ${p} gikk ut`,
        heading: 'Tilbudet gikk ut',
        text: `Hei, ${n}! Ingen svarte på tilbudet om rom ${p} innen fristen, så rommet går videre til neste på ventelisten.`,
      },
    },
    nn: {
      joined: {
        subject: `${i.eventTitle}: ${n} står på venteliste`,
        heading: 'Du står på ventelista',
        text: `Hei, ${n}! Du står no på ventelista for ${p}${i.position ? ` som nr. ${i.position}` : ''}. ${
          i.kind === 'session'
            ? 'Blir ein plass ledig, får du han automatisk, og du får melding på e-post.'
            : 'Blir eit rom ledig, blir det halde av for deg ei tid, og kontaktpersonen i kommunen får ei lenke for å takke ja eller nei.'
        }`,
      },
      left: {
        subject: `${i.eventTitle}: ${n} står ikkje lenger på venteliste`,
        heading: 'Du er teken av ventelista',
        text: `Hei, ${n}! Du står ikkje lenger på ventelista for ${p}.`,
      },
      placed: {
        subject: `${i.eventTitle}: ${n} har fått plass på ${p}`,
        heading: 'Du har fått plass',
        text: `Hei, ${n}! Det vart ledig plass på ${p}, og du stod først på ventelista. Plassen er no din. Påmeldinga ser slik ut no:`,
      },
      offered: {
        subject: `${i.eventTitle}: ledig rom til ${n} – svar innan ${i.offerExpires ?? ''}`,
        heading: 'Eit hotellrom er ledig',
        text: `Det vart ledig eit rom ${p}, og ${n} stod først på ventelista. Rommet blir halde av til ${i.offerExpires ?? ''}. Svar ja eller nei på sida lenka under viser. Svarer ingen innan fristen, går rommet vidare til nestemann på lista.`,
      },
      accepted: {
        subject: `${i.eventTitle}: ${n} har fått rom ${p}`,
        heading: 'Rommet er ditt',
        text: `Hei, ${n}! Kommunen har takka ja til rommet ${p}. Påmeldinga ser slik ut no:`,
      },
      declined: {
        subject: `${i.eventTitle}: rommet ${p} gjekk vidare`,
        heading: 'Rommet gjekk vidare',
        text: `Hei, ${n}! Kommunen takka nei til rommet ${p}, så det går vidare til nestemann på ventelista.`,
      },
      expired: {
        subject: `${i.eventTitle}: tilbodet om rom ${p} gjekk ut`,
        heading: 'Tilbodet gjekk ut',
        text: `Hei, ${n}! Ingen svarte på tilbodet om rom ${p} innan fristen, så rommet går vidare til nestemann på ventelista.`,
      },
    },
  }
}

export function waitingListEmail(input: WaitingListEmailInput): RenderedEmail {
  const nn = input.languageForm === 'nn'
  const w = words(input)[nn ? 'nn' : 'nb'][input.move]
  const offer = input.move === 'offered' && input.answerLink
  return renderEmail({
    lang: input.languageForm,
    subject: w.subject,
    heading: w.heading,
    paragraphs: [w.text],
    facts: input.facts ? participantFacts(input.languageForm, input.facts) : undefined,
    closing: [
      ...(offer ? [`Takk ja: ${input.answerLink}?svar=ja`, `Takk nei: ${input.answerLink}?svar=nei`] : []),
      `Spørsmål? Kontakt ${input.organiserContact}.`,
    ],
    link: offer
      ? { href: personalLink(input.answerLink as string, input.languageForm), text: nn ? 'Svar på tilbodet' : 'Svar på tilbudet' }
      : { href: input.pageLink, text: nn ? 'Sjå påmeldinga' : 'Se påmeldingen' },
  })
}
