import { z } from 'zod'
import type { ParticipantStatus } from '../../db/schema'
import type { DomainErrorCode } from './errors'
import { requiredMultilineText } from './forms'
import { bilingual } from './language'
import { type EventPhase, eventPhase, type PhaseInput } from './phase'

/**
 * The invitation list stays editable until the event starts
 * (decision 30): an organiser may invite a further municipality or withdraw
 * one without participants at any time before the first day begins.
 */
export function invitationListOpen(event: Pick<PhaseInput, 'starts_at'>, now: Date): boolean {
  return now.getTime() < event.starts_at.getTime()
}

/**
 * Whether a municipality invited now gets its invitation email at once: when
 * the others already got theirs, or when registration has opened (it must not
 * wait for the organiser to remember the button).
 */
export function invitesAtOnce(event: PhaseInput, now: Date, invitationsSent: boolean): boolean {
  const phase: EventPhase = eventPhase(event, now)
  return invitationsSent || phase === 'open' || phase === 'closed'
}

/**
 * Why a municipality cannot be withdrawn, from its participants' statuses, or
 * null when it can. Active participants must be cancelled first; a late
 * cancellation or a substitution is part of what the municipality bound
 * itself to (and may owe), so that history is never deleted. Participants
 * cancelled in time leave nothing behind and do not block.
 */
export function withdrawalBlocker(statuses: ParticipantStatus[]): DomainErrorCode | null {
  if (statuses.includes('active')) return 'withdraw_has_participants'
  if (statuses.some((s) => s !== 'cancelled')) return 'withdraw_has_binding_history'
  return null
}

export const WITHDRAWAL_REASON_MAX = 1000

export const inviteFormSchema = z.object({
  // The id of a municipality in the list: digits only (not '0x10' or '1e2', which Number would also read), within integer.
  municipalityId: z
    .string({ error: bilingual('Velg en kommune.', 'Vel ein kommune.') })
    .trim()
    .regex(/^[1-9]\d{0,8}$/, bilingual('Velg en kommune.', 'Vel ein kommune.'))
    .transform(Number),
})

export const withdrawFormSchema = z.object({
  registrationId: z.uuid({ error: bilingual('Velg kommunen som skal trekkes.', 'Vel kommunen som invitasjonen skal trekkjast tilbake frå.') }),
  reason: requiredMultilineText(
    bilingual(
      'Skriv hvorfor invitasjonen trekkes tilbake. Kommunen får begrunnelsen på e-post.',
      'Skriv kvifor invitasjonen blir trekt tilbake. Kommunen får grunngivinga på e-post.',
    ),
    WITHDRAWAL_REASON_MAX,
    {
      tooLong: bilingual(`Begrunnelsen kan være høyst ${WITHDRAWAL_REASON_MAX} tegn.`, `Grunngivinga kan vere høgst ${WITHDRAWAL_REASON_MAX} teikn.`),
    },
  ),
})
