import { describe, expect, it } from 'vitest'
import {
  describeChange,
  findOutdatedNames,
  isValidOn,
  planCopiedInvitations,
  type RegisterVersion,
  type SuccessorEdge,
  successorsOn,
} from '~/domain/municipality-register'

let nextId = 1
const v = (number: string, name: string, countyNumber: string, validFrom: string, validTo: string | null = null): RegisterVersion => ({
  id: nextId++,
  number,
  name,
  countyNumber,
  validFrom,
  validTo,
})

// A small register in the shape of the real one: Trøndelag's 2020 merges, Rindal's move, Ålesund's split in 2024.
const trondheim2018 = v('5001', 'Trondheim', '50', '2018-01-01', '2019-12-31')
const klaebu = v('5030', 'Klæbu', '50', '2018-01-01', '2019-12-31')
const hemne = v('5011', 'Hemne', '50', '2018-01-01', '2019-12-31')
const hitra2018 = v('5013', 'Hitra', '50', '2018-01-01', '2019-12-31')
const froya = v('5014', 'Frøya', '50', '2018-01-01')
const snasa2018 = v('5041', 'Snåase – Snåsa', '50', '2018-01-01', '2023-12-31')
const rindal1567 = v('1567', 'Rindal', '15', '2018-01-01', '2019-12-31')
const halsa = v('1571', 'Halsa', '15', '2018-01-01', '2019-12-31')
const trondheim = v('5001', 'Trondheim', '50', '2020-01-01')
const heim = v('5055', 'Heim', '50', '2020-01-01')
const hitra = v('5056', 'Hitra', '50', '2020-01-01')
const rindal = v('5061', 'Rindal', '50', '2020-01-01')
const snasa = v('5041', 'Snåsa - Snåase', '50', '2024-01-01')
const alesund1507 = v('1507', 'Ålesund', '15', '2020-01-01', '2023-12-31')
const molde = v('1506', 'Molde', '15', '2020-01-01')
const fjord = v('1578', 'Fjord', '15', '2020-01-01')
const alesund = v('1508', 'Ålesund', '15', '2024-01-01')
const haram = v('1580', 'Haram', '15', '2024-01-01')
const sund = v('1245', 'Sund', '46', '2018-01-01', '2019-12-31')
const oygarden = v('4626', 'Øygarden', '46', '2020-01-01')

const versions = [
  trondheim2018,
  klaebu,
  hemne,
  hitra2018,
  froya,
  snasa2018,
  rindal1567,
  halsa,
  trondheim,
  heim,
  hitra,
  rindal,
  snasa,
  alesund1507,
  molde,
  fjord,
  alesund,
  haram,
  sund,
  oygarden,
]
const edge = (from: RegisterVersion, ...to: RegisterVersion[]): SuccessorEdge[] => to.map((t) => ({ predecessorId: from.id, successorId: t.id }))
const edges = [
  ...edge(trondheim2018, trondheim),
  ...edge(klaebu, trondheim),
  ...edge(hemne, heim),
  ...edge(halsa, heim),
  ...edge(hitra2018, hitra),
  ...edge(rindal1567, rindal),
  ...edge(snasa2018, snasa),
  ...edge(alesund1507, alesund, haram),
  ...edge(sund, oygarden),
]
const byId = new Map(versions.map((x) => [x.id, x]))
const counties: Record<string, string> = { '15': 'Møre og Romsdal', '50': 'Trøndelag', '46': 'Vestland' }
const countyName = (n: string) => counties[n] ?? n

describe('isValidOn', () => {
  it('includes the first and the last day', () => {
    expect(isValidOn(alesund1507, '2020-01-01')).toBe(true)
    expect(isValidOn(alesund1507, '2023-12-31')).toBe(true)
    expect(isValidOn(alesund1507, '2024-01-01')).toBe(false)
    expect(isValidOn(alesund1507, '2019-12-31')).toBe(false)
    expect(isValidOn(molde, '2099-01-01')).toBe(true)
  })
})

describe('successorsOn', () => {
  it('is the version itself while it is valid, and who took over after', () => {
    expect(successorsOn(alesund1507.id, byId, edges, '2021-11-11')).toEqual([alesund1507.id])
    expect(successorsOn(alesund1507.id, byId, edges, '2027-02-01')).toEqual([alesund.id, haram.id])
    expect(successorsOn(halsa.id, byId, edges, '2027-02-01')).toEqual([heim.id])
    expect(successorsOn(rindal1567.id, byId, edges, '2027-02-01')).toEqual([rindal.id])
  })

  it('follows several reforms, and finds nothing when nothing took over yet', () => {
    const oldest = v('1504', 'Ålesund', '15', '2010-01-01', '2019-12-31')
    const chain = [...edges, { predecessorId: oldest.id, successorId: alesund1507.id }]
    const all = new Map([...byId, [oldest.id, oldest]])
    expect(successorsOn(oldest.id, all, chain, '2027-02-01')).toEqual([alesund.id, haram.id])
    // Between the old version's end and any successor's start: nobody.
    const gap = new Map([...byId, [oldest.id, { ...oldest, validTo: '2018-12-31' }]])
    expect(successorsOn(oldest.id, gap, chain, '2019-06-01')).toEqual([])
  })
})

describe('planCopiedInvitations', () => {
  it('invites the county’s current municipalities and the successors of extra invitees, and names the changes', () => {
    const plan = planCopiedInvitations({
      sourceInvitedIds: [trondheim2018.id, klaebu.id, hemne.id, froya.id, snasa2018.id, rindal1567.id, halsa.id],
      countyNumber: '50',
      date: '2027-11-23',
      versions,
      edges,
    })
    expect(plan.inviteIds.map((id) => byId.get(id)?.number).sort()).toEqual(['5001', '5014', '5041', '5055', '5056', '5061'])
    const changes = plan.changes.map((c) =>
      describeChange(
        byId.get(c.predecessorId) as RegisterVersion,
        c.successorIds.map((id) => byId.get(id) as RegisterVersion),
      ),
    )
    expect(changes).toEqual([
      '1567 Rindal → 5061 Rindal',
      '1571 Halsa → 5055 Heim',
      '5001 Trondheim → 5001 Trondheim',
      '5011 Hemne → 5055 Heim',
      '5030 Klæbu → 5001 Trondheim',
      '5041 Snåase – Snåsa → 5041 Snåsa - Snåase',
    ])
  })

  it('keeps an extra invitee from outside the county as its successor, and changes nothing for the same date', () => {
    const mr = planCopiedInvitations({ sourceInvitedIds: [alesund1507.id, molde.id, sund.id], countyNumber: '15', date: '2027-02-04', versions, edges })
    expect(mr.inviteIds.map((id) => byId.get(id)?.name).sort()).toEqual(['Fjord', 'Haram', 'Molde', 'Ålesund', 'Øygarden'])
    // By number: 1245 Sund before 1507 Ålesund.
    expect(mr.changes).toEqual([
      { predecessorId: sund.id, successorIds: [oygarden.id] },
      { predecessorId: alesund1507.id, successorIds: [alesund.id, haram.id] },
    ])
    const same = planCopiedInvitations({ sourceInvitedIds: [alesund1507.id, molde.id], countyNumber: '15', date: '2022-02-04', versions, edges })
    expect(same.changes).toEqual([])
    expect(same.inviteIds).toEqual([alesund1507.id, molde.id, fjord.id].sort((a, b) => a - b))
  })
})

describe('describeChange', () => {
  it('says when nothing took over', () => {
    expect(describeChange(halsa, [])).toBe('1571 Halsa → ingen')
  })
})

describe('findOutdatedNames', () => {
  const input = { date: '2027-11-23', versions, edges, replacedIds: [rindal1567.id, halsa.id, hemne.id], countyName }

  it('flags an ended name and a replaced municipality that moved county, with the field', () => {
    const flags = findOutdatedNames(
      [
        { label: 'Tittel', text: 'Klimasamling for kommunene i Trøndelag' },
        { label: 'Målgruppe', text: 'Alle kommuner i Trøndelag, samt Rindal og Halsa kommune i Møre og Romsdal, er invitert.' },
      ],
      input,
    )
    expect(flags).toEqual([
      { label: 'Målgruppe', word: 'Rindal', reason: 'moved', was: '1567 Rindal', now: 'Trøndelag' },
      { label: 'Målgruppe', word: 'Halsa', reason: 'ended', was: '1571 Halsa', now: '5055 Heim' },
    ])
  })

  it('never flags a current name, even one an ended municipality also had', () => {
    const text = 'Trondheim, Hitra, Frøya, Ålesund, Haram, Snåsa, Snåase og Heim deltar.'
    expect(findOutdatedNames([{ label: 'Beskrivelse', text }], input)).toEqual([])
  })

  it('flags a moved municipality only where the copy replaced it, so another event mentioning it is no alarm', () => {
    const text = 'Rindal deltar.'
    expect(findOutdatedNames([{ label: 'Beskrivelse', text }], { ...input, replacedIds: [] })).toEqual([])
    // Before the move, nothing is outdated.
    expect(findOutdatedNames([{ label: 'Beskrivelse', text: 'Rindal og Halsa' }], { ...input, date: '2018-11-27' })).toEqual([])
  })

  it('matches whole words as names, with a genitive s, and not inside other words or in lower case', () => {
    const flag = (text: string) => findOutdatedNames([{ label: 'Beskrivelse', text }], input).map((f) => f.word)
    expect(flag('Klæbus klimaplan')).toEqual(['Klæbus'])
    expect(flag('Hemnefjorden og klæbu')).toEqual([])
    expect(flag('(Hemne)')).toEqual(['Hemne'])
  })

  it('treats a name that is also a word as a name only where it cannot be a sentence’s first word', () => {
    const flag = (text: string) => findOutdatedNames([{ label: 'Beskrivelse', text }], input).map((f) => f.word)
    expect(flag('Sund kosthold er viktig. Sund mat også.')).toEqual([])
    expect(flag('Kommunene Øygarden og Sund er med.')).toEqual(['Sund'])
  })
})
