import { describe, expect, it } from 'vitest'
import { personalLink, renderEmail } from '../../emails/render'
import { surveyInvitationEmail } from '../../emails/survey-invitation'
import { lateCancellationNotice } from '../../emails/late-cancellation-notice'
import { testMessage } from '../../emails/test-message'

describe('renderEmail', () => {
  it('escapes what it puts into HTML and keeps the text part plain', () => {
    const email = renderEmail({
      lang: 'nb',
      subject: 'A & B',
      heading: '<Hei>',
      paragraphs: ['Første "avsnitt"', 'Andre'],
    })
    expect(email.html).toContain('<h1 style="font-size: 1.375rem;">&lt;Hei&gt;</h1>')
    expect(email.html).toContain('<p>Første &quot;avsnitt&quot;</p>')
    expect(email.html).toContain('<title>A &amp; B</title>')
    expect(email.text).toBe('<Hei>\n\nFørste "avsnitt"\n\nAndre\n')
  })

  it('writes the test message in the language form asked for', () => {
    const nn = testMessage({ appUrl: 'http://localhost:3000', languageForm: 'nn' })
    expect(nn.subject).toBe('Testmelding frå Klimasamling')
    expect(nn.html).toContain('<html lang="nn">')
    expect(nn.text).toContain('Opne Klimasamling: http://localhost:3000')
    expect(testMessage({ appUrl: 'http://x', languageForm: 'nb' }).subject).toBe('Testmelding fra Klimasamling')
  })
})

describe('the organisers’ notice of a late cancellation', () => {
  it('is written in bokmål by default and in nynorsk when asked', () => {
    const input = {
      participantName: 'Siv',
      municipalityName: 'Selbu',
      eventTitle: 'Klimasamling',
      hadNights: ['27.–28. november 2018'],
      pageLink: 'http://app.example/kommune/1',
    }
    expect(lateCancellationNotice(input).subject).toBe('Klimasamling: sen avmelding fra Selbu kommune')
    const nn = lateCancellationNotice({ ...input, languageForm: 'nn' })
    expect(nn.subject).toBe('Klimasamling: sein avmelding frå Selbu kommune')
    expect(nn.text).toContain('Deltakaren hadde hotellrom 27.–28. november 2018; rommet er gitt tilbake til romkvoten.')
    expect(nn.html).toContain('<html lang="nn">')
  })
})

describe('a personal link in a nynorsk email', () => {
  const input = {
    participantName: 'Synnøve',
    eventTitle: 'Klimasamling',
    surveyTitle: 'Kva tema vil du snakke om?',
    link: 'http://app.example/undersokelse/abc123',
    code: 'MR2021',
    codePage: 'http://app.example/undersokelse',
    closes: null,
    organiserContact: 'post@example.no',
  }

  it('opens its page in nynorsk (the pages default to bokmål for someone not logged in)', () => {
    const nn = surveyInvitationEmail({ ...input, languageForm: 'nn' })
    expect(nn.html).toContain('href="http://app.example/undersokelse/abc123?maalform=nn"')
    expect(nn.text).toContain('Lenka di: http://app.example/undersokelse/abc123?maalform=nn')
  })

  it('is left as it is in a bokmål email, so a person’s own choice stays', () => {
    const nb = surveyInvitationEmail({ ...input, languageForm: 'nb' })
    expect(nb.html).toContain('href="http://app.example/undersokelse/abc123"')
    expect(personalLink('http://app.example/venteliste/t?svar=ja', 'nn')).toBe('http://app.example/venteliste/t?svar=ja&maalform=nn')
  })
})
