import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  countField,
  dateField,
  emailField,
  isCalendarDate,
  nameField,
  optionalText,
  PRICE_MAX_ORE,
  priceField,
  requiredMultilineText,
  requiredText,
  timeField,
} from '~/domain/forms'
import { inLanguage } from '~/domain/language'
import { nightFormSchema } from '~/domain/program-form'

/** The first message a schema gives for a value in bokmål, or null when it accepts it. */
function message(schema: { safeParse: (v: unknown) => { success: boolean; error?: { issues: Array<{ message: string }> } } }, value: unknown) {
  const result = schema.safeParse(value)
  return result.success ? null : inLanguage(result.error?.issues[0]?.message ?? '', 'nb')
}

describe('dateField', () => {
  const date = dateField({ nb: 'startdato', nn: 'startdato' })

  it('refuses days that are not in the calendar: 2027-02-30, 2027-13-45, 0000-00-00', () => {
    for (const bad of ['2027-02-30', '2027-13-45', '0000-00-00', '2027-04-31', '2027-00-10', '2027-01-00', '2026-02-29']) {
      expect(message(date, bad), bad).toBe('Datoen finnes ikke. Velg en dag som står i kalenderen.')
    }
  })

  it('refuses dates outside 2000–2100, such as 1900-01-01', () => {
    for (const bad of ['1900-01-01', '1999-12-31', '2101-01-01', '9999-12-31']) expect(message(date, bad), bad).toBe('Velg en dato mellom 2000 og 2100.')
  })

  it('refuses what is not a date, and accepts real ones, leap days included', () => {
    for (const bad of ['', '27-02-2027', '2027-2-3', '20270203', 'i morgen']) expect(message(date, bad)).toMatch(/dd\.mm\.åååå|Velg startdato/)
    for (const good of ['2027-02-28', '2028-02-29', '2000-02-29', '2000-01-01', '2100-12-31']) expect(message(date, good), good).toBeNull()
  })

  it('agrees with the calendar on every day (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }), (y, m, d) => {
        const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`
        const utc = new Date(0)
        utc.setUTCFullYear(y, m - 1, d)
        const real = m >= 1 && m <= 12 && d >= 1 && utc.getUTCFullYear() === y && utc.getUTCMonth() === m - 1 && utc.getUTCDate() === d
        expect(isCalendarDate(text)).toBe(real)
      }),
      { numRuns: 2_000 },
    )
  })
})

describe('timeField', () => {
  it('refuses 24:00 and 25:61, accepts 00:00 to 23:59 with : or .', () => {
    for (const bad of ['24:00', '25:61', '23:60', '9:30', '12:5', ''])
      expect(message(timeField, bad), bad).toBe('Skriv klokkeslettet som tt:mm, for eksempel 09:30.')
    for (const good of ['00:00', '09:30', '23:59', '11.00']) expect(message(timeField, good)).toBeNull()
  })
})

describe('countField and priceField', () => {
  it('caps counts well inside an integer column', () => {
    const rooms = countField(10_000)
    expect(rooms.parse('10000')).toBe(10_000)
    expect(rooms.parse(' 0 ')).toBe(0)
    for (const bad of ['10001', '2147483648', '9'.repeat(400)]) expect(message(rooms, bad), bad).toBe('Tallet kan være høyst 10\u00a0000.')
    for (const bad of ['-1', '1.5', '1e3', 'Infinity', 'NaN', '']) expect(message(rooms, bad), bad).toBe('Fyll inn et helt tall, 0 eller mer.')
  })

  it('caps prices at 1 000 000 kr: 21 474 837 kr and 400 nines are refused', () => {
    expect(priceField.parse('1000000')).toBe(PRICE_MAX_ORE)
    expect(priceField.parse('2 500')).toBe(250_000)
    expect(priceField.parse('')).toBeNull()
    for (const bad of ['21474837', '21 474 837', '9'.repeat(400), '1000000,01'])
      expect(message(priceField, bad), bad).toBe('Beløpet kan være høyst 1 000 000 kr.')
    expect(message(priceField, '-5')).toBe('Skriv beløpet i kroner, for eksempel 2500 eller 649,50.')
  })

  it('every accepted price fits the column (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.stringMatching(/^[0-9 ]{1,40}([,.][0-9]{1,3})?$/)), (text) => {
        const result = priceField.safeParse(text)
        if (result.success && result.data !== null) {
          expect(Number.isSafeInteger(result.data)).toBe(true)
          expect(result.data).toBeGreaterThanOrEqual(0)
          expect(result.data).toBeLessThanOrEqual(PRICE_MAX_ORE)
        }
      }),
      { numRuns: 2_000 },
    )
  })
})

const TITLE = { nb: 'Fyll inn tittel.', nn: 'Fyll inn tittel.' }

describe('text fields', () => {
  it('normalise to NFC and trim', () => {
    expect(nameField.parse('  Kari Nordmann\u0301 ')).toBe('Kari Nordmann\u0301'.normalize('NFC'))
    expect(requiredText(TITLE).parse('\tVelkommen ')).toBe('Velkommen')
    expect(optionalText(100).parse('Vegetar\r\nIngen nøtter\r')).toBe('Vegetar\nIngen nøtter')
  })

  it('refuse names without a visible letter: zero-width spaces, punctuation only', () => {
    for (const bad of ['\u200b\u200b\u200b', '...', '!!!', '-- --', '12'])
      expect(message(nameField, bad), JSON.stringify(bad)).toBe('Navnet må inneholde bokstaver.')
    expect(message(requiredText(TITLE), '\u200b\u200b')).toBe('Skriv inn tekst med bokstaver eller tall.')
    expect(message(requiredText(TITLE), 'Dag 1')).toBeNull()
  })

  it('refuse C0 and C1 control characters, BEL and ESC among them', () => {
    for (const bad of ['Kari\u0007', 'Kari\u001b[31m', 'Kari\u0085', 'Kari\u007f', 'Kari\u0000N', 'Kari\tNordmann', 'Kari\nNordmann']) {
      expect(message(nameField, bad), JSON.stringify(bad)).toBe('Teksten inneholder kontrolltegn som ikke kan brukes. Skriv den inn på nytt.')
    }
    // A textarea keeps its newlines and tabs, and nothing else of the kind.
    expect(message(requiredMultilineText('Skriv meldingen.', 100), 'Hei\n\talle')).toBeNull()
    expect(message(requiredMultilineText('Skriv meldingen.', 100), 'Hei\u0007alle')).toMatch(/kontrolltegn/)
  })

  it('refuse bidirectional overrides and isolates, U+202A–U+202E and U+2066–U+2069', () => {
    for (const code of [0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069]) {
      const bad = `Kari ${String.fromCharCode(code)}Nordmann`
      expect(message(nameField, bad)).toBe('Teksten inneholder usynlige retningstegn som ikke kan brukes. Skriv den inn på nytt.')
      expect(message(optionalText(100), bad)).toMatch(/retningstegn/)
    }
  })

  it('refuse U+FFFD, what invalid UTF-8 arrives as, in names and emails', () => {
    const decoded = new TextDecoder().decode(new Uint8Array([0x4b, 0x61, 0xff, 0x72, 0x69]))
    expect(decoded).toContain('\ufffd')
    expect(message(nameField, decoded)).toBe('Teksten inneholder et ugyldig tegn (�). Skriv den inn på nytt.')
    expect(message(nameField, 'Kari \ud800')).toMatch(/ugyldig tegn/)
    expect(message(emailField, `k${decoded}@kommune.no`)).toMatch(/gyldig e-postadresse/)
  })

  it('accept real names in Norwegian, Sami and other scripts', () => {
    for (const good of ['Åse Ødegård', 'Máret Ánde Sárá', "O'Neill", 'Jean-Luc', 'Zoë', 'Ali ٱلعربية', 'Li 李'])
      expect(message(nameField, good), good).toBeNull()
  })

  it('whatever a name accepts is NFC, trimmed, with a letter and without control or bidi characters (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }), (text) => {
        const result = nameField.safeParse(text)
        if (!result.success) return
        const name = result.data
        expect(name).toBe(name.normalize('NFC').trim())
        expect(name).toMatch(/\p{L}/u)
        // biome-ignore lint/suspicious/noControlCharactersInRegex: the property is that none get through
        expect(name).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\ufffd]/)
      }),
      { numRuns: 1_000 },
    )
  })
})

describe('emailField', () => {
  it('trims, lower-cases and checks', () => {
    expect(emailField.parse('  Kari.Nordmann@Kommune.NO ')).toBe('kari.nordmann@kommune.no')
    for (const bad of ['kari', 'kari@', '@kommune.no', 'kari@kommune', 'ka ri@kommune.no', 'kari\u0007@kommune.no', 'kari\u202e@kommune.no']) {
      expect(message(emailField, bad), bad).not.toBeNull()
    }
  })
})

describe('the hotel night form', () => {
  it('refuses a release date after the night, and accepts one on or before it', () => {
    const night = { date: '2027-11-10', rooms: '20' }
    const result = nightFormSchema.safeParse({ ...night, releaseDate: '2027-11-11' })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]?.path).toEqual(['releaseDate'])
    expect(inLanguage(result.error?.issues[0]?.message ?? '', 'nb')).toBe('Frigivelsesdatoen kan ikke være etter natten.')
    expect(inLanguage(result.error?.issues[0]?.message ?? '', 'nn')).toBe('Frigjevingsdatoen kan ikkje vere etter natta.')
    expect(nightFormSchema.safeParse({ ...night, releaseDate: '2027-11-10' }).success).toBe(true)
    expect(nightFormSchema.safeParse({ ...night, releaseDate: '2027-09-10' }).success).toBe(true)
  })
})

describe('messages in both written forms', () => {
  it("gives the reader's form of a message: bokmål as before, nynorsk beside it", () => {
    const result = dateField({ nb: 'startdato', nn: 'startdato' }).safeParse('2027-02-30')
    const whole = result.error?.issues[0]?.message ?? ''
    expect(inLanguage(whole, 'nb')).toBe('Datoen finnes ikke. Velg en dag som står i kalenderen.')
    expect(inLanguage(whole, 'nn')).toBe('Datoen finst ikkje. Vel ein dag som står i kalenderen.')
    expect(inLanguage(message(requiredText(TITLE), '') ?? '', 'nb')).toBe('Fyll inn tittel.')
  })
})
