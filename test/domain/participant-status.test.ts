import { describe, expect, it } from 'vitest'
import { describeParticipantStatus } from '~/domain/participant-status'

describe('participant status', () => {
  it('is named in both written forms and falls back to the code', () => {
    expect(describeParticipantStatus('active', 'nb')).toBe('Påmeldt')
    expect(describeParticipantStatus('active', 'nn')).toBe('Påmeld')
    expect(describeParticipantStatus('late_cancelled', 'nn')).toBe('Sein avmelding')
    expect(describeParticipantStatus('something_new', 'nb')).toBe('something_new')
    expect(describeParticipantStatus('toString', 'nb')).toBe('toString')
  })
})
