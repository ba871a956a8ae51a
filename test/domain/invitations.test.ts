import { describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { invitationListOpen, invitesAtOnce, inviteFormSchema, withdrawalBlocker, withdrawFormSchema } from '~/domain/invitations'
import { inLanguage } from '~/domain/language'

const event = {
  status: 'published' as const,
  registration_opens_at: osloDateTime('2021-08-16', '09:00'),
  deadline_at: osloDateTime('2021-09-20', '23:59'),
  starts_at: osloDateTime('2021-11-11', '11:00'),
  ends_at: osloDateTime('2021-11-12', '13:00'),
  personal_data_deleted_at: null,
}

describe('the invited list', () => {
  it('stays editable until the event starts, not from its first minute', () => {
    expect(invitationListOpen(event, osloDateTime('2021-06-01', '12:00'))).toBe(true)
    expect(invitationListOpen(event, osloDateTime('2021-10-01', '12:00'))).toBe(true)
    expect(invitationListOpen(event, new Date(event.starts_at.getTime() - 1))).toBe(true)
    expect(invitationListOpen(event, event.starts_at)).toBe(false)
    expect(invitationListOpen(event, osloDateTime('2021-11-20', '12:00'))).toBe(false)
  })

  it('mails a further municipality at once when the others got theirs, or registration is open or closed', () => {
    const announced = osloDateTime('2021-06-01', '12:00')
    expect(invitesAtOnce(event, announced, false)).toBe(false)
    expect(invitesAtOnce(event, announced, true)).toBe(true)
    expect(invitesAtOnce({ ...event, status: 'draft' }, announced, false)).toBe(false)
    expect(invitesAtOnce(event, osloDateTime('2021-08-20', '12:00'), false)).toBe(true)
    expect(invitesAtOnce(event, osloDateTime('2021-10-01', '12:00'), false)).toBe(true)
  })
})

describe('withdrawing a municipality', () => {
  it('is blocked by active participants and by what the municipality bound itself to, not by cancellations in time', () => {
    expect(withdrawalBlocker([])).toBeNull()
    expect(withdrawalBlocker(['cancelled', 'cancelled'])).toBeNull()
    expect(withdrawalBlocker(['cancelled', 'active'])).toBe('withdraw_has_participants')
    expect(withdrawalBlocker(['late_cancelled'])).toBe('withdraw_has_binding_history')
    expect(withdrawalBlocker(['substituted', 'late_cancelled'])).toBe('withdraw_has_binding_history')
  })

  it('needs a reason, and a municipality chosen from the list', () => {
    const blank = withdrawFormSchema.safeParse({ registrationId: '00000000-0000-4000-8000-000000000000', reason: '  ' })
    expect(blank.success ? [] : blank.error.issues.map((i) => [i.path.join('.'), inLanguage(i.message, 'nb')])).toEqual([
      ['reason', 'Skriv hvorfor invitasjonen trekkes tilbake. Kommunen får begrunnelsen på e-post.'],
    ])
    expect(withdrawFormSchema.safeParse({ registrationId: 'x', reason: 'Feil' }).success).toBe(false)
    expect(inviteFormSchema.safeParse({ municipalityId: '' }).success).toBe(false)
    expect(inviteFormSchema.safeParse({ municipalityId: '12.5' }).success).toBe(false)
    expect(inviteFormSchema.safeParse({ municipalityId: '42' })).toEqual({ success: true, data: { municipalityId: 42 } })
    // Only the digits of an id from the list: not what JavaScript's Number would also read as a number.
    for (const bad of ['0x10', '1e2', '4.2e1', 'Infinity', '-3', '0', '2147483648', ' ']) {
      expect(inviteFormSchema.safeParse({ municipalityId: bad }).success, bad).toBe(false)
    }
  })

  it('refuses a withdrawal reason with control or bidi characters, and keeps its newlines', () => {
    const id = '00000000-0000-4000-8000-000000000000'
    expect(withdrawFormSchema.safeParse({ registrationId: id, reason: 'Feil\u0007' }).success).toBe(false)
    expect(withdrawFormSchema.safeParse({ registrationId: id, reason: '\u202eFeil' }).success).toBe(false)
    expect(withdrawFormSchema.parse({ registrationId: id, reason: ' Feil kommune.\r\nBeklager. ' }).reason).toBe('Feil kommune.\nBeklager.')
  })
})
