import type { LanguageForm } from '../db/schema'
import { type RenderedEmail, personalLink, renderEmail } from './render'

export interface CafeTableInput {
  languageForm: LanguageForm
  participantName: string
  eventTitle: string
  /** The participant's table, if they have one. */
  seat: { label: string; topic: string; room: string } | null
  /** Their own page to pick or change a table (app/routes/bord.$token.tsx), while picking is open. */
  pickLink: string | null
  organiserContact: string
}

/**
 * To a participant (their contact person in copy), in the municipality's
 * language form: their world-café table, and while picking is open their own
 * link to pick or change it (decision 050).
 */
export function cafeTableEmail(input: CafeTableInput): RenderedEmail {
  const nn = input.languageForm === 'nn'
  const { seat } = input
  const paragraphs: string[] = []
  if (seat) {
    const where = seat.room ? ` i ${seat.room}` : ''
    paragraphs.push(
      nn
        ? `Hei, ${input.participantName}! I kafédialogen på ${input.eventTitle} sit du ved ${seat.label}${where}, med temaet «${seat.topic}».`
        : `Hei, ${input.participantName}! I kafédialogen på ${input.eventTitle} sitter du ved ${seat.label}${where}, med temaet «${seat.topic}».`,
    )
  } else {
    paragraphs.push(
      nn
        ? `Hei, ${input.participantName}! No kan du velje bord i kafédialogen på ${input.eventTitle}: eit bord med eit tema du vil arbeide med.`
        : `Hei, ${input.participantName}! Nå kan du velge bord i kafédialogen på ${input.eventTitle}: et bord med et tema du vil jobbe med.`,
    )
  }
  if (input.pickLink)
    paragraphs.push(
      nn
        ? 'Med lenka under kan du velje eller byte bord så lenge valet er ope. Lenka er personleg: ho er berre for deg.'
        : 'Med lenken under kan du velge eller bytte bord så lenge valget er åpent. Lenken er personlig: den er bare for deg.',
    )
  return renderEmail({
    lang: input.languageForm,
    subject: nn ? `${input.eventTitle}: bordet ditt i kafédialogen` : `${input.eventTitle}: ditt bord i kafédialogen`,
    heading: nn ? 'Bordet ditt i kafédialogen' : 'Ditt bord i kafédialogen',
    paragraphs,
    facts: seat ? [{ label: 'Bord', value: seat.label }, { label: 'Tema', value: seat.topic }, ...(seat.room ? [{ label: 'Rom', value: seat.room }] : [])] : [],
    closing: [`Spørsmål? Kontakt ${input.organiserContact}.`],
    link: input.pickLink
      ? { href: personalLink(input.pickLink, input.languageForm), text: nn ? (seat ? 'Byt bord' : 'Vel bord') : seat ? 'Bytt bord' : 'Velg bord' }
      : undefined,
  })
}
