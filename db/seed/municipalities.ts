/**
 * Counties and municipalities the reference events need, with the time each
 * version of a municipality was valid (numbers and borders changed in the 2018
 * and 2020 reforms). An event's default invitation list is the municipalities
 * of its county valid on its first day.
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

export const counties: CountySeed[] = [
  { number: '15', name: 'Møre og Romsdal' },
  { number: '50', name: 'Trøndelag' },
]

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

/** Trøndelag as formed on 1 January 2018; the third column is the last day of those merged away in 2020. */
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
  ['5041', 'Snåase – Snåsa', null],
  ['5042', 'Lierne', null],
  ['5043', 'Raarvihke – Røyrvik', null],
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
  // Møre og Romsdal municipalities invited to the Trøndelag event in 2018.
  { number: '1567', name: 'Rindal', countyNumber: '15', languageForm: 'nb', validFrom: '2018-01-01', validTo: '2018-12-31' },
  { number: '1571', name: 'Halsa', countyNumber: '15', languageForm: 'nb', validFrom: '2018-01-01', validTo: '2019-12-31' },
]

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
