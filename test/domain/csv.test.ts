import { describe, expect, it } from 'vitest'
import { csvField, csvLine, toCsv } from '~/domain/csv'

describe('csvField', () => {
  it('leaves plain text, empty values and numbers bare, with a decimal comma', () => {
    expect(csvField('Selbu')).toBe('Selbu')
    expect(csvField('Dag 1, Dag 2')).toBe('Dag 1, Dag 2')
    expect(csvField('')).toBe('')
    expect(csvField(null)).toBe('')
    expect(csvField(undefined)).toBe('')
    expect(csvField(2500)).toBe('2500')
    expect(csvField(649.5)).toBe('649,5')
    expect(csvField(-3)).toBe('-3')
  })

  it('quotes a field with a semicolon, a double quote or a line break, doubling the quotes', () => {
    expect(csvField('Nøtter; skalldyr')).toBe('"Nøtter; skalldyr"')
    expect(csvField('Vegetar ("lakto-ovo")')).toBe('"Vegetar (""lakto-ovo"")"')
    expect(csvField('"')).toBe('""""')
    expect(csvField('linje 1\nlinje 2')).toBe('"linje 1\nlinje 2"')
    expect(csvField('linje 1\r\nlinje 2')).toBe('"linje 1\r\nlinje 2"')
    expect(csvField('bare\rCR')).toBe('"bare\rCR"')
  })

  it('keeps text from becoming a formula, but not phone numbers', () => {
    expect(csvField('=HYPERLINK("http://x.example";"klikk")')).toBe(`"'=HYPERLINK(""http://x.example"";""klikk"")"`)
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)")
    expect(csvField('+cmd|calc')).toBe("'+cmd|calc")
    expect(csvField('-2+3+cmd')).toBe("'-2+3+cmd")
    expect(csvField('+47 912 34 567')).toBe('+47 912 34 567')
    expect(csvField('- 5')).toBe('- 5')
  })
})

describe('toCsv', () => {
  it('starts with the UTF-8 byte order mark, separates with semicolons and ends every line with CRLF', () => {
    const text = toCsv([
      ['Navn', 'Kommune', 'Allergier'],
      ['Anne Ås', 'Selbu', 'Nøtter; skalldyr'],
      ['Bjørn', 'Meråker', null],
    ])
    expect(text).toBe('\uFEFFNavn;Kommune;Allergier\r\nAnne Ås;Selbu;"Nøtter; skalldyr"\r\nBjørn;Meråker;\r\n')
    const bytes = Buffer.from(text, 'utf8')
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
  })

  it('keeps a line break inside a quoted field apart from the line ends', () => {
    expect(toCsv([['a\r\nb', 'c']])).toBe('\uFEFF"a\r\nb";c\r\n')
  })

  it('writes just the mark for no rows, and a line per row otherwise', () => {
    expect(toCsv([])).toBe('\uFEFF')
    expect(csvLine(['x', 1, null, 'y'])).toBe('x;1;;y')
  })
})
