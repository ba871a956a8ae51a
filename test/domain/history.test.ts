import { describe, expect, it } from 'vitest'
import { describeAction, subjectOf } from '~/domain/history'

describe('history rows', () => {
  it('name actions in Norwegian and fall back to the code', () => {
    expect(describeAction('participant.late_cancelled', 'nb')).toBe('Sen avmelding')
    expect(describeAction('participant.late_cancelled', 'nn')).toBe('Sein avmelding')
    expect(describeAction('participant.enrolled', 'nn')).toBe('Deltakar påmeld')
    expect(describeAction('something.new', 'nn')).toBe('something.new')
    // One list for every page: the actions Mine data shows are named here too.
    expect(describeAction('login', 'nb')).toBe('Logget inn')
    expect(describeAction('waiting_list.offered', 'nn')).toBe('Tilbode plass frå ventelista')
    // Object.prototype's names are not actions.
    expect(describeAction('toString', 'nb')).toBe('toString')
  })

  it('say who a row is about, and who replaced whom', () => {
    expect(subjectOf(null, { name: 'Kari' })).toBe('Kari')
    expect(subjectOf({ name: 'Kari' }, { status: 'cancelled' })).toBe('Kari')
    expect(subjectOf({ name: 'Kari' }, { name: 'Erik' })).toBe('Kari → Erik')
    expect(subjectOf('x', 3)).toBe('')
  })
})
