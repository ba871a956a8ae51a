import { describe, expect, it } from 'vitest'
import { bilingual, inLanguage, isLanguageForm, otherLanguageForm, texts } from '~/domain/language'

describe('texts', () => {
  it('gives each form its own half, functions included', () => {
    const text = texts({
      nb: { heading: 'Deltakere', count: (n: number) => (n === 1 ? '1 deltaker' : `${n} deltakere`) },
      nn: { heading: 'Deltakarar', count: (n: number) => (n === 1 ? '1 deltakar' : `${n} deltakarar`) },
    })
    expect(text.nb.heading).toBe('Deltakere')
    expect(text.nn.count(2)).toBe('2 deltakarar')
  })

  it('refuses, at the typecheck, a nynorsk half that differs from the bokmål half', () => {
    texts({
      nb: { a: 'ikke', b: 'fra' },
      // @ts-expect-error a key missing in nynorsk
      nn: { a: 'ikkje' },
    })
    texts({
      nb: { a: 'ikke' },
      // @ts-expect-error a key that bokmål has not
      nn: { a: 'ikkje', extra: 'frå' },
    })
    texts({
      nb: { count: (n: number) => `${n}` },
      // @ts-expect-error a text function with other arguments
      nn: { count: (n: number, m: string) => `${n}${m}` },
    })
    expect(true).toBe(true)
  })
})

describe('bilingual messages', () => {
  it('carry both forms in one string and give each reader theirs', () => {
    const message = bilingual('Velg minst én dag.', 'Vel minst éin dag.')
    expect(inLanguage(message, 'nb')).toBe('Velg minst én dag.')
    expect(inLanguage(message, 'nn')).toBe('Vel minst éin dag.')
  })

  it('leave any other text as it is', () => {
    expect(inLanguage('Kari Nordmann', 'nn')).toBe('Kari Nordmann')
  })
})

describe('language forms', () => {
  it('are nb and nn, and nothing else', () => {
    expect(['nb', 'nn', 'no', 'NN', '', null].map(isLanguageForm)).toEqual([true, true, false, false, false, false])
    expect(otherLanguageForm('nb')).toBe('nn')
    expect(otherLanguageForm('nn')).toBe('nb')
  })
})
