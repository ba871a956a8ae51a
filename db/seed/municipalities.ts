import { readFileSync } from 'node:fs'

/**
 * The municipality register (decision 28): the whole country's municipalities
 * as of 1 January 2024 (Statistics Norway's classification 131, in
 * municipalities-2024.csv beside this file), beside the historic versions the
 * reference events invited, with the time each version was valid (numbers and
 * borders changed in the 2018, 2020 and 2024 reforms) and the successors of
 * those that were split, merged, renamed or moved county. An event's default
 * invitation list is the municipalities of its county valid on its first day.
 *
 * Official addresses are placeholders under example.no: the seed holds no
 * real address.
 */

export interface CountySeed {
  number: string
  name: string
}

export interface MunicipalitySeed {
  number: string
  name: string
  countyNumber: string
  languageForm: 'nb' | 'nn'
  validFrom: string
  validTo: string | null
}

/** One row of municipalities-2024.csv. */
export interface RegisterRow {
  number: string
  /** As Statistics Norway writes it, e.g. "Herøy (Møre og Romsdal)". */
  label: string
  countyNumber: string
  countyName: string
  validFrom: string
}

export function parseRegisterCsv(text: string): RegisterRow[] {
  const [header, ...lines] = text.trim().split(/\r?\n/)
  if (header !== 'number;name;county_number;county_name;valid_from') throw new Error(`Unexpected register header: ${header}`)
  return lines.map((line) => {
    const [number, label, countyNumber, countyName, validFrom] = line.split(';')
    if (!number || !label || !countyNumber || !countyName || !validFrom) throw new Error(`Bad register line: ${line}`)
    return { number, label, countyNumber, countyName, validFrom }
  })
}

export const register2024 = parseRegisterCsv(readFileSync(new URL('./municipalities-2024.csv', import.meta.url), 'utf8'))

/**
 * The municipality's name without Statistics Norway's county qualifier:
 * "Herøy (Møre og Romsdal)" is Herøy; the register shows the county beside it.
 */
export function registerName(row: Pick<RegisterRow, 'label' | 'countyName'>): string {
  const qualifier = ` (${row.countyName})`
  return row.label.endsWith(qualifier) ? row.label.slice(0, -qualifier.length) : row.label
}

export const counties: CountySeed[] = [...new Map(register2024.map((r) => [r.countyNumber, r.countyName])).entries()]
  .map(([number, name]) => ({ number, name }))
  .sort((a, b) => a.number.localeCompare(b.number))

const moreOgRomsdal2020: Array<[string, string]> = [
  ['1505', 'Kristiansund'],
  ['1506', 'Molde'],
  ['1507', 'Ålesund'],
  ['1511', 'Vanylven'],
  ['1514', 'Sande'],
  ['1515', 'Herøy'],
  ['1516', 'Ulstein'],
  ['1517', 'Hareid'],
  ['1520', 'Ørsta'],
  ['1525', 'Stranda'],
  ['1528', 'Sykkylven'],
  ['1531', 'Sula'],
  ['1532', 'Giske'],
  ['1535', 'Vestnes'],
  ['1539', 'Rauma'],
  ['1547', 'Aukra'],
  ['1554', 'Averøy'],
  ['1557', 'Gjemnes'],
  ['1560', 'Tingvoll'],
  ['1563', 'Sunndal'],
  ['1566', 'Surnadal'],
  ['1573', 'Smøla'],
  ['1576', 'Aure'],
  ['1577', 'Volda'],
  ['1578', 'Fjord'],
  ['1579', 'Hustadvika'],
]

/**
 * Trøndelag as formed on 1 January 2018; the third column is the last day of
 * those merged away in 2020, and of Snåsa and Røyrvik, whose names were
 * written the other way round from 2024.
 */
const trondelag2018: Array<[string, string, string | null]> = [
  ['5001', 'Trondheim', '2019-12-31'],
  ['5004', 'Steinkjer', '2019-12-31'],
  ['5005', 'Namsos', '2019-12-31'],
  ['5011', 'Hemne', '2019-12-31'],
  ['5012', 'Snillfjord', '2019-12-31'],
  ['5013', 'Hitra', '2019-12-31'],
  ['5014', 'Frøya', null],
  ['5015', 'Ørland', '2019-12-31'],
  ['5016', 'Agdenes', '2019-12-31'],
  ['5017', 'Bjugn', '2019-12-31'],
  ['5018', 'Åfjord', '2019-12-31'],
  ['5019', 'Roan', '2019-12-31'],
  ['5020', 'Osen', null],
  ['5021', 'Oppdal', null],
  ['5022', 'Rennebu', null],
  ['5023', 'Meldal', '2019-12-31'],
  ['5024', 'Orkdal', '2019-12-31'],
  ['5025', 'Røros', null],
  ['5026', 'Holtålen', null],
  ['5027', 'Midtre Gauldal', null],
  ['5028', 'Melhus', null],
  ['5029', 'Skaun', null],
  ['5030', 'Klæbu', '2019-12-31'],
  ['5031', 'Malvik', null],
  ['5032', 'Selbu', null],
  ['5033', 'Tydal', null],
  ['5034', 'Meråker', null],
  ['5035', 'Stjørdal', null],
  ['5036', 'Frosta', null],
  ['5037', 'Levanger', null],
  ['5038', 'Verdal', null],
  ['5039', 'Verran', '2019-12-31'],
  ['5040', 'Namdalseid', '2019-12-31'],
  ['5041', 'Snåase – Snåsa', '2023-12-31'],
  ['5042', 'Lierne', null],
  ['5043', 'Raarvihke – Røyrvik', '2023-12-31'],
  ['5044', 'Namsskogan', null],
  ['5045', 'Grong', null],
  ['5046', 'Høylandet', null],
  ['5047', 'Overhalla', null],
  ['5048', 'Fosnes', '2019-12-31'],
  ['5049', 'Flatanger', null],
  ['5050', 'Vikna', '2019-12-31'],
  ['5051', 'Nærøy', '2019-12-31'],
  ['5052', 'Leka', null],
  ['5053', 'Inderøy', null],
  ['5054', 'Indre Fosen', null],
]

/** Trøndelag's municipalities formed on 1 January 2020 by merges and Rindal's move. */
const trondelag2020: Array<[string, string]> = [
  ['5001', 'Trondheim'],
  ['5006', 'Steinkjer'],
  ['5007', 'Namsos'],
  ['5055', 'Heim'],
  ['5056', 'Hitra'],
  ['5057', 'Ørland'],
  ['5058', 'Åfjord'],
  ['5059', 'Orkland'],
  ['5060', 'Nærøysund'],
  ['5061', 'Rindal'],
]

const NYNORSK = new Set(['1520', '1577'])

export const municipalities: MunicipalitySeed[] = [
  ...moreOgRomsdal2020.map(([number, name]) => ({
    number,
    name,
    countyNumber: '15',
    languageForm: NYNORSK.has(number) ? ('nn' as const) : ('nb' as const),
    validFrom: '2020-01-01',
    // Ålesund got a new number when Haram left it on 1 January 2024.
    validTo: number === '1507' ? '2023-12-31' : null,
  })),
  ...trondelag2018.map(([number, name, validTo]) => ({
    number,
    name,
    countyNumber: '50',
    languageForm: 'nb' as const,
    validFrom: '2018-01-01',
    validTo,
  })),
  // Møre og Romsdal municipalities invited to the Trøndelag event in 2018; Rindal moved to Trøndelag in 2020.
  { number: '1567', name: 'Rindal', countyNumber: '15', languageForm: 'nb', validFrom: '2018-01-01', validTo: '2019-12-31' },
  { number: '1571', name: 'Halsa', countyNumber: '15', languageForm: 'nb', validFrom: '2018-01-01', validTo: '2019-12-31' },
  // Trøndelag's municipalities formed on 1 January 2020, still valid.
  ...trondelag2020.map(([number, name]) => ({
    number,
    name,
    countyNumber: '50',
    languageForm: 'nb' as const,
    validFrom: '2020-01-01',
    validTo: null,
  })),
]

/** A version of a municipality: its number and first day. */
export type VersionKey = `${string}@${string}`

export interface SuccessorSeed {
  from: VersionKey
  to: VersionKey[]
}

/** Where a seeded municipality was split, merged, renamed or moved county, and which versions took over. */
export const successors: SuccessorSeed[] = [
  { from: '1507@2020-01-01', to: ['1508@2024-01-01', '1580@2024-01-01'] },
  { from: '5001@2018-01-01', to: ['5001@2020-01-01'] },
  { from: '5030@2018-01-01', to: ['5001@2020-01-01'] },
  { from: '5004@2018-01-01', to: ['5006@2020-01-01'] },
  { from: '5039@2018-01-01', to: ['5006@2020-01-01'] },
  { from: '5005@2018-01-01', to: ['5007@2020-01-01'] },
  { from: '5040@2018-01-01', to: ['5007@2020-01-01'] },
  { from: '5048@2018-01-01', to: ['5007@2020-01-01'] },
  { from: '5011@2018-01-01', to: ['5055@2020-01-01'] },
  { from: '1571@2018-01-01', to: ['5055@2020-01-01'] },
  { from: '5012@2018-01-01', to: ['5055@2020-01-01', '5056@2020-01-01', '5059@2020-01-01'] },
  { from: '5013@2018-01-01', to: ['5056@2020-01-01'] },
  { from: '5015@2018-01-01', to: ['5057@2020-01-01'] },
  { from: '5017@2018-01-01', to: ['5057@2020-01-01'] },
  { from: '5018@2018-01-01', to: ['5058@2020-01-01'] },
  { from: '5019@2018-01-01', to: ['5058@2020-01-01'] },
  { from: '5024@2018-01-01', to: ['5059@2020-01-01'] },
  { from: '5023@2018-01-01', to: ['5059@2020-01-01'] },
  { from: '5016@2018-01-01', to: ['5059@2020-01-01'] },
  { from: '5050@2018-01-01', to: ['5060@2020-01-01'] },
  { from: '5051@2018-01-01', to: ['5060@2020-01-01'] },
  { from: '1567@2018-01-01', to: ['5061@2020-01-01'] },
  { from: '5041@2018-01-01', to: ['5041@2024-01-01'] },
  { from: '5043@2018-01-01', to: ['5043@2024-01-01'] },
]

/**
 * Every version to load: the historic ones above, and each municipality of the
 * 2024 register that is not one of them continuing with the same number and
 * name (those get a new version from the register's date). Throws when a
 * version above is still open but missing from the register, so the two lists
 * cannot drift apart.
 */
export function allMunicipalities(): Array<MunicipalitySeed & { officialEmail: string }> {
  const open = new Map(municipalities.filter((m) => m.validTo === null).map((m) => [`${m.number} ${m.name}`, m]))
  const current = new Set<string>()
  const added: Array<MunicipalitySeed & { officialEmail: string }> = []
  for (const row of register2024) {
    const name = registerName(row)
    const key = `${row.number} ${name}`
    current.add(key)
    const continuing = open.get(key)
    if (continuing) {
      if (continuing.countyNumber !== row.countyNumber) throw new Error(`${key} is in county ${row.countyNumber} in the register`)
      continue
    }
    added.push({
      number: row.number,
      name,
      countyNumber: row.countyNumber,
      languageForm: 'nb',
      validFrom: row.validFrom,
      validTo: null,
      // The qualifier keeps the two Herøys' and Vålers' placeholder addresses apart.
      officialEmail: officialEmail(row.label),
    })
  }
  for (const key of open.keys()) if (!current.has(key)) throw new Error(`${key} is open in the seed but not in the 2024 register`)
  return [...municipalities.map((m) => ({ ...m, officialEmail: officialEmail(m.name) })), ...added]
}

/** "postmottak@snaasa-snasa.example.no": a stable, obviously fake official address. */
export function officialEmail(name: string): string {
  const local = name
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'o')
    .replaceAll('å', 'a')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
  return `postmottak@${local}.example.no`
}
