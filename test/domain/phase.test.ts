import { describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { closesAt, deadlinePassed, describePhase, earliestOpenDeadline, eventPhase, type PhaseInput } from '~/domain/phase'

const event: PhaseInput = {
  status: 'published',
  registration_opens_at: osloDateTime('2021-08-16', '09:00'),
  deadline_at: osloDateTime('2021-09-20', '23:59'),
  starts_at: osloDateTime('2021-11-11', '11:00'),
  ends_at: osloDateTime('2021-11-12', '13:00'),
  personal_data_deleted_at: null,
}

describe('eventPhase', () => {
  it('follows the clock through the phases', () => {
    expect(eventPhase(event, osloDateTime('2021-08-16', '08:59'))).toBe('announced')
    expect(eventPhase(event, osloDateTime('2021-08-16', '09:00'))).toBe('open')
    expect(eventPhase(event, osloDateTime('2021-09-20', '23:59'))).toBe('open')
    expect(eventPhase(event, osloDateTime('2021-09-21', '00:00'))).toBe('closed')
    expect(eventPhase(event, osloDateTime('2021-11-11', '11:00'))).toBe('running')
    expect(eventPhase(event, osloDateTime('2021-11-12', '13:00'))).toBe('finished')
  })

  it('keeps a draft a draft and an anonymised event archived', () => {
    expect(eventPhase({ ...event, status: 'draft' }, osloDateTime('2021-09-01', '12:00'))).toBe('draft')
    expect(eventPhase({ ...event, personal_data_deleted_at: new Date('2022-03-01') }, new Date('2022-03-02'))).toBe('archived')
  })
})

describe('the deadline rule', () => {
  const deadline = osloDateTime('2021-09-20', '23:59')
  const at2359_30 = new Date(deadline.getTime() + 30_000)
  const at0000 = osloDateTime('2021-09-21', '00:00')

  it('keeps registration open through the whole minute shown ("kl. 23.59")', () => {
    expect(closesAt(deadline)).toEqual(at0000)
    expect(deadlinePassed(deadline, at2359_30)).toBe(false)
    expect(deadlinePassed(deadline, new Date(at0000.getTime() - 1))).toBe(false)
    expect(eventPhase(event, at2359_30)).toBe('open')
    expect(describePhase(event, at2359_30, 'nb')).toBe('Påmeldingen er åpen til 20. september 2021 kl. 23.59.')
  })

  it('closes exactly at 00.00.00', () => {
    expect(deadlinePassed(deadline, at0000)).toBe(true)
    expect(eventPhase(event, at0000)).toBe('closed')
    expect(describePhase(event, at0000, 'nb')).toBe('Påmeldingsfristen er ute.')
  })

  it('gives SQL the same rule: deadline_at >= earliestOpenDeadline(now)', () => {
    for (const now of [at2359_30, at0000, new Date(at0000.getTime() - 1), new Date(at0000.getTime() + 1)]) {
      expect(deadline.getTime() >= earliestOpenDeadline(now).getTime()).toBe(!deadlinePassed(deadline, now))
    }
  })
})

describe('describePhase', () => {
  it('says until when registration is open, and when it is over', () => {
    expect(describePhase(event, osloDateTime('2021-09-01', '12:00'), 'nb')).toBe('Påmeldingen er åpen til 20. september 2021 kl. 23.59.')
    expect(describePhase(event, osloDateTime('2021-08-01', '12:00'), 'nb')).toBe('Påmeldingen åpner 16. august 2021 kl. 09.00.')
    expect(describePhase(event, osloDateTime('2021-10-01', '12:00'), 'nb')).toBe('Påmeldingsfristen er ute.')
    expect(describePhase(event, osloDateTime('2021-11-12', '09:00'), 'nb')).toBe('Samlingen pågår nå.')
    expect(describePhase(event, osloDateTime('2026-11-22', '09:00'), 'nb')).toBe('Samlingen er avsluttet.')
  })
})
