import type { ParsedMail } from 'mailparser'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { loader as invitationLoader } from '~/routes/invitasjon.$token'
import { setContactPerson } from '~/services/contact-persons.server'
import {
  acceptInvitation,
  findInvitation,
  inviteMunicipality,
  listInvitedMunicipalities,
  sendInvitations,
  uninviteMunicipality,
} from '~/services/invitations.server'
import { testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { addParticipant, eventId, MR, makeOrganiser, registrationId, seeded } from '../helpers/fixtures'
import { deliverTo, type SmtpSink, startSmtpSink } from '../helpers/smtp-sink'

let t: TestDatabase
let sink: SmtpSink
let organiser: { id: string }
let mrEvent: string
const APP = 'http://app.example'
// Before registration for the 2021 event opened on 16 August 2021.
const beforeOpening = osloDateTime('2021-06-01', '12:00')
const afterOpening = osloDateTime('2021-08-20', '12:00')

const MAIL = { from: 'Klimasamling <klimasamling@example.no>', appUrl: 'http://app.example' }
/** The mail worker's rounds, then the sink's count. */
const delivered = async (count: number) => {
  await deliverTo(sink, t.db)
  return sink.waitFor(count)
}
const to = (m: ParsedMail | undefined) => (m?.to && !Array.isArray(m.to) ? m.to.text : '')
const tokenIn = (m: ParsedMail | undefined) => /\/invitasjon\/([A-Za-z0-9_-]+)/.exec(m?.text ?? '')?.[1] ?? ''

beforeAll(async () => {
  t = await createTestDatabase()
  sink = await startSmtpSink()
})

afterAll(async () => {
  await sink.close()
  await t.drop()
})

beforeEach(async () => {
  await truncateAll(t.db)
  await seeded(t.db)
  sink.received.length = 0
  organiser = await makeOrganiser(t.db, 'arrangor@example.no', MR)
  mrEvent = await eventId(t.db, MR)
})

async function inviteAll(now = beforeOpening) {
  const sent = await sendInvitations(t.db, MAIL, { userId: organiser.id }, mrEvent, now)
  const mails = await delivered(sink.received.length)
  return { sent, mails }
}

function mailTo(address: string) {
  return sink.received.filter((m) => to(m) === address)
}

describe('sending invitations', () => {
  it('mails each invited municipality at its official address, in its language form, with a link for it alone', async () => {
    const { sent } = await inviteAll()
    expect(sent).toBe(26)
    await delivered(26)
    const volda = mailTo('postmottak@volda.example.no')
    const molde = mailTo('postmottak@molde.example.no')
    expect(volda).toHaveLength(1)
    expect(volda[0]?.subject).toBe('Klimasamling for kommunene i Møre og Romsdal: vel kontaktperson for Volda kommune')
    expect(volda[0]?.html).toContain('lang="nn"')
    expect(molde[0]?.subject).toBe('Klimasamling for kommunene i Møre og Romsdal: velg kontaktperson for Molde kommune')
    expect(molde[0]?.replyTo?.text).toBe('klimasamling-mr@example.no')

    const invitation = await findInvitation(t.db, tokenIn(volda[0]))
    expect(invitation?.municipality_name).toBe('Volda')
    const audit = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'invitation.sent').execute()
    expect(audit).toHaveLength(26)
  })

  it('skips municipalities that already have a contact person when sent again', async () => {
    await inviteAll()
    await delivered(26)
    await acceptInvitation(t.db, MAIL, tokenIn(mailTo('postmottak@volda.example.no')[0]), { name: 'Kari Nordmann', email: 'kari@volda.example.no' }, beforeOpening)
    const again = await sendInvitations(t.db, MAIL, { userId: organiser.id }, mrEvent, beforeOpening)
    expect(again).toBe(25)
  })
})

describe('naming the contact person through the link', () => {
  it('names the person, emails them, and the link stops working', async () => {
    await inviteAll()
    await delivered(26)
    const token = tokenIn(mailTo('postmottak@volda.example.no')[0])
    const context = testContext({ db: t.db })
    const page = await invitationLoader({ request: new Request(`${APP}/invitasjon/${token}`), params: { token }, context })
    expect(page.invitation?.municipality).toBe('Volda')

    await acceptInvitation(t.db, MAIL, token, { name: 'Kari Nordmann', email: 'Kari@Volda.example.no', phone: '912 34 567', title: 'Klimarådgiver' }, beforeOpening)
    const [welcome] = await delivered(27).then(() => mailTo('kari@volda.example.no'))
    expect(welcome?.subject).toBe('Klimasamling for kommunene i Møre og Romsdal: du er kontaktperson for Volda kommune')
    expect(welcome?.html).toContain('lang="nn"')

    const registration = await t.db
      .selectFrom('registration')
      .innerJoin('app_user', 'app_user.id', 'registration.contact_user_id')
      .select(['app_user.email', 'app_user.phone', 'app_user.title'])
      .where('registration.id', '=', await registrationId(t.db, MR, 'Volda'))
      .executeTakeFirstOrThrow()
    expect(registration).toEqual({ email: 'kari@volda.example.no', phone: '912 34 567', title: 'Klimarådgiver' })

    const after = await invitationLoader({ request: new Request(`${APP}/invitasjon/${token}`), params: { token }, context })
    expect(after.invitation).toBeNull()
    await expect(
      acceptInvitation(t.db, MAIL, token, { name: 'Per Annen', email: 'per@volda.example.no' }, beforeOpening),
    ).rejects.toMatchObject({ code: 'invitation_invalid' })
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'contact_person.named').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]?.after).toMatchObject({ email: 'kari@volda.example.no' })
  })

  it('lets exactly one of two links used at the same moment win; the other is told clearly', async () => {
    await inviteAll()
    await inviteAll()
    await delivered(52)
    const [first, second] = mailTo('postmottak@volda.example.no').map(tokenIn)
    expect(first).not.toBe(second)
    const results = await Promise.allSettled([
      acceptInvitation(t.db, MAIL, first ?? '', { name: 'Kari Nordmann', email: 'kari@volda.example.no' }, beforeOpening),
      acceptInvitation(t.db, MAIL, second ?? '', { name: 'Per Hansen', email: 'per@volda.example.no' }, beforeOpening),
    ])
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')
    expect(rejected).toHaveLength(1)
    expect(rejected[0]?.reason).toMatchObject({ code: 'contact_already_named' })
    expect(rejected[0]?.reason.message).toContain('allerede fått en kontaktperson')
  })

  it('refuses an unknown token and changes nothing', async () => {
    await expect(
      acceptInvitation(t.db, MAIL, 'not-a-token', { name: 'Kari Nordmann', email: 'kari@volda.example.no' }, beforeOpening),
    ).rejects.toMatchObject({ code: 'invitation_invalid' })
    expect(await t.db.selectFrom('app_user').select('email').where('email', '=', 'kari@volda.example.no').execute()).toEqual([])
  })
})

describe('changing the contact person', () => {
  it('hands over from the contact person to a colleague; both get an email; the old one loses access', async () => {
    await inviteAll()
    await delivered(26)
    const token = tokenIn(mailTo('postmottak@molde.example.no')[0])
    const { contact } = await acceptInvitation(t.db, MAIL, token, { name: 'Anne Molde', email: 'anne@molde.example.no' }, beforeOpening)
    await delivered(27)
    const molde = await registrationId(t.db, MR, 'Molde')

    const changed = await setContactPerson(t.db, MAIL, { userId: contact.id }, molde, { name: 'Bjørn Molde', email: 'bjorn@molde.example.no' }, beforeOpening)
    expect(changed?.former?.email).toBe('anne@molde.example.no')
    await delivered(29)
    expect(mailTo('bjorn@molde.example.no')[0]?.subject).toContain('du er kontaktperson for Molde kommune')
    expect(mailTo('anne@molde.example.no').at(-1)?.subject).toContain('ny kontaktperson for Molde kommune')
    expect(mailTo('anne@molde.example.no').at(-1)?.text).toContain('Bjørn Molde har tatt over')

    // Anne is no longer the contact person, so she cannot change it back.
    const again = await setContactPerson(t.db, MAIL, { userId: contact.id }, molde, { name: 'Anne Molde', email: 'anne@molde.example.no' }, beforeOpening)
    expect(again).toBeNull()
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'contact_person.handed_over').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ actor_user_id: contact.id, before: { email: 'anne@molde.example.no' } })
  })

  it('lets the organiser name one directly, and refuses naming the same person again', async () => {
    const aure = await registrationId(t.db, MR, 'Aure')
    await setContactPerson(t.db, MAIL, { userId: organiser.id }, aure, { name: 'Siri Aure', email: 'siri@aure.example.no' }, afterOpening)
    await expect(
      setContactPerson(t.db, MAIL, { userId: organiser.id }, aure, { name: 'Siri Aure', email: 'SIRI@aure.example.no' }, afterOpening),
    ).rejects.toMatchObject({ code: 'contact_unchanged', field: 'email' })
    await delivered(1)
    expect(mailTo('siri@aure.example.no')).toHaveLength(1)
  })
})

describe('the invited list', () => {
  it('can change before registration opens, not after, and never drops a municipality with participants', async () => {
    const actor = { userId: organiser.id }
    const rindal = await t.db.selectFrom('municipality').select('id').where('name', '=', 'Rindal').executeTakeFirstOrThrow()
    await inviteMunicipality(t.db, actor, mrEvent, rindal.id, beforeOpening)
    expect((await listInvitedMunicipalities(t.db, mrEvent)).map((m) => m.name)).toContain('Rindal')
    await expect(inviteMunicipality(t.db, actor, mrEvent, rindal.id, beforeOpening)).rejects.toMatchObject({
      code: 'municipality_already_invited',
    })

    const rindalRegistration = await registrationId(t.db, MR, 'Rindal')
    await uninviteMunicipality(t.db, actor, mrEvent, rindalRegistration, beforeOpening)
    expect((await listInvitedMunicipalities(t.db, mrEvent)).map((m) => m.name)).not.toContain('Rindal')

    await expect(inviteMunicipality(t.db, actor, mrEvent, rindal.id, afterOpening)).rejects.toMatchObject({
      code: 'registration_already_open',
    })
    const volda = await registrationId(t.db, MR, 'Volda')
    await expect(uninviteMunicipality(t.db, actor, mrEvent, volda, afterOpening)).rejects.toMatchObject({
      code: 'registration_already_open',
    })
    await addParticipant(t.db, volda, 'p@volda.example.no')
    await expect(uninviteMunicipality(t.db, actor, mrEvent, volda, beforeOpening)).rejects.toMatchObject({
      code: 'municipality_has_participants',
    })
    expect((await listInvitedMunicipalities(t.db, mrEvent)).length).toBe(26)
  })

  it('is not anyone else’s to change', async () => {
    const stranger = await makeOrganiser(t.db, 'annen@example.no', 'klimasamling-trondelag-2018')
    const rindal = await t.db.selectFrom('municipality').select('id').where('name', '=', 'Rindal').executeTakeFirstOrThrow()
    expect(await inviteMunicipality(t.db, { userId: stranger.id }, mrEvent, rindal.id, beforeOpening)).toBeNull()
    expect(await sendInvitations(t.db, MAIL, { userId: stranger.id }, mrEvent, beforeOpening)).toBeNull()
    expect(sink.received).toEqual([])
  })
})
