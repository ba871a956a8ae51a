import { randomUUID } from 'node:crypto'
import type { ParsedMail } from 'mailparser'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { action as municipalitiesAction, loader as municipalitiesLoader } from '~/routes/arrangor.$eventId.kommuner'
import { loader as invitationLoader } from '~/routes/invitasjon.$token'
import { loader as registrationLoader } from '~/routes/kommune.$registrationId._index'
import { setContactPerson } from '~/services/contact-persons.server'
import {
  acceptInvitation,
  findInvitation,
  inviteMunicipality,
  listInvitedMunicipalities,
  listInvitableMunicipalities,
  sendInvitations,
  withdrawMunicipality,
} from '~/services/invitations.server'
import { respond, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase, truncateAll } from '../helpers/database'
import { addParticipant, eventId, MR, makeContactPerson, makeOrganiser, registrationId, seeded, sessionCookieFor } from '../helpers/fixtures'
import { deliverTo, type SmtpSink, startSmtpSink } from '../helpers/smtp-sink'

let t: TestDatabase
let sink: SmtpSink
let organiser: { id: string }
let mrEvent: string
const APP = 'http://app.example'
// Before registration for the 2021 event opened on 16 August 2021.
const beforeOpening = osloDateTime('2021-06-01', '12:00')
const afterOpening = osloDateTime('2021-08-20', '12:00')
const afterDeadline = osloDateTime('2021-10-01', '12:00')
// The event starts on 11 November 2021 at 11.00.
const afterStart = osloDateTime('2021-11-11', '11:30')

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
    await acceptInvitation(
      t.db,
      MAIL,
      tokenIn(mailTo('postmottak@volda.example.no')[0]),
      { name: 'Kari Nordmann', email: 'kari@volda.example.no' },
      beforeOpening,
    )
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

    await acceptInvitation(
      t.db,
      MAIL,
      token,
      { name: 'Kari Nordmann', email: 'Kari@Volda.example.no', phone: '912 34 567', title: 'Klimarådgiver' },
      beforeOpening,
    )
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
    await expect(acceptInvitation(t.db, MAIL, token, { name: 'Per Annen', email: 'per@volda.example.no' }, beforeOpening)).rejects.toMatchObject({
      code: 'invitation_invalid',
    })
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
    await expect(acceptInvitation(t.db, MAIL, 'not-a-token', { name: 'Kari Nordmann', email: 'kari@volda.example.no' }, beforeOpening)).rejects.toMatchObject({
      code: 'invitation_invalid',
    })
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

/** A municipality of a neighbouring county (Trøndelag) valid on the event's first day, not invited. */
async function neighbour() {
  const event = await t.db.selectFrom('event').select(['id', 'starts_at']).where('id', '=', mrEvent).executeTakeFirstOrThrow()
  const invitable = await listInvitableMunicipalities(t.db, { userId: organiser.id }, event.id)
  const m = invitable?.find((x) => x.county_number === '50')
  if (!m) throw new Error('the register has no Trøndelag municipality valid in November 2021')
  return await t.db.selectFrom('municipality').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow()
}

/** What an invitation change could touch: the event's registrations, audit rows, emails and invitation links. */
async function snapshot() {
  const count = async (table: 'registration' | 'audit_log' | 'email') =>
    Number(
      (
        await t.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('event_id', '=', mrEvent)
          .executeTakeFirstOrThrow()
      ).n,
    )
  const tokens = Number(
    (
      await t.db
        .selectFrom('invitation_token')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
  return { registrations: await count('registration'), audit: await count('audit_log'), emails: await count('email'), tokens }
}

describe('inviting a further municipality', () => {
  it('after registration opened: a neighbouring county’s municipality is invited and gets its invitation at once', async () => {
    const other = await neighbour()
    const invited = await inviteMunicipality(t.db, MAIL, { userId: organiser.id }, mrEvent, other.id, afterOpening)
    expect(invited).toMatchObject({ municipality: other.name, invitationSentTo: other.official_email })
    expect((await listInvitedMunicipalities(t.db, { userId: organiser.id }, mrEvent))?.map((m) => m.number)).toContain(other.number)

    const [mail] = await delivered(1)
    expect(to(mail)).toBe(other.official_email)
    expect(mail?.subject).toContain(`kontaktperson for ${other.name} kommune`)
    expect(mail?.replyTo?.text).toBe('klimasamling-mr@example.no')
    expect(mail?.text).not.toContain('etter påmeldingsfristen')
    const invitation = await findInvitation(t.db, tokenIn(mail))
    expect(invitation?.municipality_name).toBe(other.name)
    const registration = await t.db
      .selectFrom('registration')
      .select('invitation_sent_at')
      .where('id', '=', invited?.id ?? '')
      .executeTakeFirstOrThrow()
    expect(registration.invitation_sent_at).toEqual(afterOpening)
    const audit = await t.db
      .selectFrom('audit_log')
      .select('action')
      .where('registration_id', '=', invited?.id ?? '')
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['municipality.invited', 'invitation.sent'])
    // Nobody else is mailed again.
    expect(sink.received).toHaveLength(1)
  })

  it('before opening: mailed at once only when the others already got their invitations', async () => {
    const other = await neighbour()
    const quiet = await inviteMunicipality(t.db, MAIL, { userId: organiser.id }, mrEvent, other.id, beforeOpening)
    expect(quiet?.invitationSentTo).toBeNull()
    expect(await t.db.selectFrom('email').select('id').execute()).toEqual([])

    await inviteAll()
    const rindal = (await listInvitableMunicipalities(t.db, { userId: organiser.id }, mrEvent))?.find((m) => m.county_number === '50')
    const late = await inviteMunicipality(t.db, MAIL, { userId: organiser.id }, mrEvent, rindal?.id ?? 0, beforeOpening)
    expect(late?.invitationSentTo).not.toBeNull()
    await delivered(27 + 1)
    expect(mailTo(late?.invitationSentTo ?? '')).toHaveLength(1)
  })

  it('after the deadline too, until the event starts; after it started the server refuses and changes nothing', async () => {
    const other = await neighbour()
    const before = await snapshot()
    await expect(inviteMunicipality(t.db, MAIL, { userId: organiser.id }, mrEvent, other.id, afterStart)).rejects.toMatchObject({
      code: 'event_started',
      message: 'Samlingen har startet. Listen over inviterte kommuner kan ikke lenger endres.',
    })
    expect(await snapshot()).toEqual(before)
    expect(await inviteMunicipality(t.db, MAIL, { userId: organiser.id }, mrEvent, other.id, afterDeadline)).toMatchObject({
      invitationSentTo: other.official_email,
    })
    // Invited after the deadline: it says so, and that the organiser enrols its participants now.
    const [mail] = await delivered(1)
    expect(to(mail)).toBe(other.official_email)
    expect(mail?.text).toContain('Kommunen er invitert etter påmeldingsfristen (20. september 2021 kl. 23.59).')
    expect((await findInvitation(t.db, tokenIn(mail)))?.municipality_name).toBe(other.name)
  })

  it('answers an unknown, outdated or already invited municipality at the field and changes nothing', async () => {
    const context = testContext({ db: t.db, now: afterOpening })
    const cookie = await sessionCookieFor(context, organiser.id)
    const post = (body: Record<string, string>) =>
      respond(() =>
        municipalitiesAction({
          request: new Request(`${APP}/arrangor/${mrEvent}/kommuner`, { method: 'POST', headers: { Cookie: cookie }, body: new URLSearchParams(body) }),
          params: { eventId: mrEvent },
          context,
        }),
      )
    const volda = await t.db.selectFrom('municipality').select('id').where('number', '=', '1577').executeTakeFirstOrThrow()
    const gone = await t.db
      .insertInto('municipality')
      .values({
        number: '1599',
        name: 'Nedlagt',
        county_number: '15',
        official_email: 'post@nedlagt.example.no',
        valid_from: '1838-01-01',
        valid_to: '2019-12-31',
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const before = await snapshot()
    const cases: Array<[Record<string, string>, number, string]> = [
      [{ intent: 'invite', municipalityId: '' }, 400, 'Velg en kommune.'],
      [{ intent: 'invite', municipalityId: 'abc' }, 400, 'Velg en kommune.'],
      [{ intent: 'invite', municipalityId: '999999' }, 409, 'Velg en kommune fra listen. Kommunen må finnes på samlingens første dag.'],
      [{ intent: 'invite', municipalityId: String(gone.id) }, 409, 'Velg en kommune fra listen. Kommunen må finnes på samlingens første dag.'],
      [{ intent: 'invite', municipalityId: String(volda.id) }, 409, 'Kommunen er allerede invitert.'],
    ]
    for (const [body, status, message] of cases) {
      const response = await post(body)
      expect(response.status, JSON.stringify(body)).toBe(status)
      const answer = (await response.json()) as { intent: string; result: { error: Record<string, string[]> } }
      expect(answer.result.error.municipalityId).toEqual([message])
    }
    expect(await snapshot()).toEqual(before)
  })

  it('offers every municipality of the register valid on the first day and not invited, grouped by county with the event’s own first', async () => {
    const context = testContext({ db: t.db, now: afterOpening })
    const cookie = await sessionCookieFor(context, organiser.id)
    const response = await respond(() =>
      municipalitiesLoader({
        request: new Request(`${APP}/arrangor/${mrEvent}/kommuner`, { headers: { Cookie: cookie } }),
        params: { eventId: mrEvent },
        context,
      }),
    )
    const page = (await response.json()) as { open: boolean; invitableGroups: Array<{ label: string; options: Array<{ label: string }> }> }
    expect(page.open).toBe(true)
    const offered = page.invitableGroups.flatMap((g) => g.options).length
    const event = await t.db.selectFrom('event').select(['id', 'starts_at']).where('id', '=', mrEvent).executeTakeFirstOrThrow()
    expect(offered).toBe((await listInvitableMunicipalities(t.db, { userId: organiser.id }, event.id))?.length)
    expect(page.invitableGroups.some((g) => g.label.startsWith('Trøndelag'))).toBe(true)
    expect(page.invitableGroups.flatMap((g) => g.options).map((o) => o.label)).not.toContain('Volda (1577)')
  })

  it('invites once when the same municipality is sent twice at the same moment', async () => {
    const other = await neighbour()
    const results = await Promise.allSettled([1, 2].map(() => inviteMunicipality(t.db, MAIL, { userId: organiser.id }, mrEvent, other.id, afterOpening)))
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1)
    expect(results.find((r): r is PromiseRejectedResult => r.status === 'rejected')?.reason).toMatchObject({
      code: 'municipality_already_invited',
      field: 'municipalityId',
    })
    expect(await t.db.selectFrom('email').select('id').where('template', '=', 'invitation').execute()).toHaveLength(1)
  })

  it('is not anyone else’s to change', async () => {
    const stranger = await makeOrganiser(t.db, 'annen@example.no', 'klimasamling-trondelag-2018')
    const other = await neighbour()
    expect(await inviteMunicipality(t.db, MAIL, { userId: stranger.id }, mrEvent, other.id, afterOpening)).toBeNull()
    expect(await sendInvitations(t.db, MAIL, { userId: stranger.id }, mrEvent, beforeOpening)).toBeNull()
    const volda = await registrationId(t.db, MR, 'Volda')
    expect(await withdrawMunicipality(t.db, MAIL, { userId: stranger.id }, mrEvent, { registrationId: volda, reason: 'Feil' }, afterOpening)).toBeNull()
    expect((await listInvitedMunicipalities(t.db, { userId: organiser.id }, mrEvent))?.length).toBe(26)
    // Only for the event's organisers: anyone else gets nothing.
    expect(await listInvitedMunicipalities(t.db, { userId: randomUUID() }, mrEvent)).toBeNull()
    expect(await listInvitableMunicipalities(t.db, { userId: randomUUID() }, mrEvent)).toBeNull()
    expect(sink.received).toEqual([])
  })
})

describe('withdrawing a municipality', () => {
  const REASON = 'Kommunen er invitert ved en feil; den hører til samlingen i Vestland.'

  it('tells the contact person why, in the municipality’s language form; the contact person loses access and the link stops working', async () => {
    await inviteAll()
    const volda = await registrationId(t.db, MR, 'Volda')
    const token = tokenIn(mailTo('postmottak@volda.example.no')[0])
    const contact = await makeContactPerson(t.db, 'kari@volda.example.no', volda)
    await addParticipant(t.db, volda, 'tidligere@volda.example.no')
    await t.db.updateTable('participant').set({ status: 'cancelled', cancelled_at: beforeOpening }).where('registration_id', '=', volda).execute()
    const context = testContext({ db: t.db, now: afterOpening })
    const cookie = await sessionCookieFor(context, contact.id)
    const page = () =>
      respond(() =>
        registrationLoader({ request: new Request(`${APP}/kommune/${volda}`, { headers: { Cookie: cookie } }), params: { registrationId: volda }, context }),
      )
    expect((await page()).status).toBe(200)
    const sentBefore = await t.db.selectFrom('email').select('id').where('registration_id', '=', volda).execute()
    expect(sentBefore).toHaveLength(1)

    const withdrawn = await withdrawMunicipality(t.db, MAIL, { userId: organiser.id }, mrEvent, { registrationId: volda, reason: `  ${REASON} ` }, afterOpening)
    expect(withdrawn).toMatchObject({ municipality: 'Volda', toldAt: 'kari@volda.example.no' })

    const [mail] = await delivered(27).then(() => mailTo('kari@volda.example.no'))
    expect(mail?.subject).toBe('Klimasamling for kommunene i Møre og Romsdal: invitasjonen til Volda kommune er trekt tilbake')
    expect(mail?.html).toContain('lang="nn"')
    expect(mail?.text).toContain(`Grunngiving: ${REASON}`)
    expect(mail?.cc && !Array.isArray(mail.cc) ? mail.cc.text : '').toBe('postmottak@volda.example.no')

    expect((await listInvitedMunicipalities(t.db, { userId: organiser.id }, mrEvent))?.map((m) => m.name)).not.toContain('Volda')
    expect((await page()).status).toBe(404)
    expect(await findInvitation(t.db, token)).toBeNull()
    const link = await invitationLoader({ request: new Request(`${APP}/invitasjon/${token}`), params: { token }, context })
    expect(link.invitation).toBeNull()

    // The history stays with the event: the audit row with the reason, and the invitation that was sent.
    const audit = await t.db.selectFrom('audit_log').selectAll().where('action', '=', 'municipality.withdrawn').execute()
    expect(audit).toHaveLength(1)
    expect(audit[0]).toMatchObject({ event_id: mrEvent, entity_id: volda, actor_user_id: organiser.id, after: { reason: REASON } })
    expect(audit[0]?.before).toMatchObject({ municipality: 'Volda', contact: { email: 'kari@volda.example.no' } })
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'invitation.sent').where('entity_id', '=', volda).execute()).toHaveLength(1)
    expect(
      await t.db
        .selectFrom('email')
        .select('id')
        .where('id', '=', sentBefore[0]?.id ?? '')
        .execute(),
    ).toHaveLength(1)

    // Invited again later: a new registration and a new invitation that works.
    const municipality = await t.db.selectFrom('municipality').select('id').where('number', '=', '1577').executeTakeFirstOrThrow()
    const again = await inviteMunicipality(t.db, MAIL, { userId: organiser.id }, mrEvent, municipality.id, afterOpening)
    expect(again?.invitationSentTo).toBe('postmottak@volda.example.no')
    await delivered(28)
    const newToken = tokenIn(mailTo('postmottak@volda.example.no').at(-1))
    expect((await findInvitation(t.db, newToken))?.municipality_name).toBe('Volda')
  })

  it('tells the official address when no contact person is named yet', async () => {
    const molde = await registrationId(t.db, MR, 'Molde')
    await withdrawMunicipality(t.db, MAIL, { userId: organiser.id }, mrEvent, { registrationId: molde, reason: REASON }, afterDeadline)
    const [mail] = await delivered(1)
    expect(to(mail)).toBe('postmottak@molde.example.no')
    expect(mail?.subject).toBe('Klimasamling for kommunene i Møre og Romsdal: invitasjonen til Molde kommune er trukket tilbake')
    expect(mail?.text).toContain(`Begrunnelse: ${REASON}`)
  })

  it('is refused while the municipality has participants, or once the event started, and changes nothing', async () => {
    const volda = await registrationId(t.db, MR, 'Volda')
    const aure = await registrationId(t.db, MR, 'Aure')
    const participant = await addParticipant(t.db, volda, 'p@volda.example.no')
    const before = await snapshot()
    await expect(
      withdrawMunicipality(t.db, MAIL, { userId: organiser.id }, mrEvent, { registrationId: volda, reason: REASON }, afterOpening),
    ).rejects.toMatchObject({ code: 'withdraw_has_participants', field: 'registrationId', message: expect.stringContaining('Meld dem av først') })
    await expect(
      withdrawMunicipality(t.db, MAIL, { userId: organiser.id }, mrEvent, { registrationId: aure, reason: REASON }, afterStart),
    ).rejects.toMatchObject({ code: 'event_started' })
    // A late cancellation is what the municipality bound itself to: it stays.
    await t.db.updateTable('participant').set({ status: 'late_cancelled', cancelled_at: afterDeadline }).where('id', '=', participant.id).execute()
    await expect(
      withdrawMunicipality(t.db, MAIL, { userId: organiser.id }, mrEvent, { registrationId: volda, reason: REASON }, afterDeadline),
    ).rejects.toMatchObject({ code: 'withdraw_has_binding_history' })
    expect(await snapshot()).toEqual(before)
    expect((await listInvitedMunicipalities(t.db, { userId: organiser.id }, mrEvent))?.length).toBe(26)
  })

  it('answers a missing reason, an unknown or foreign registration through the page, and changes nothing', async () => {
    const context = testContext({ db: t.db, now: afterOpening })
    const cookie = await sessionCookieFor(context, organiser.id)
    const post = (body: Record<string, string>) =>
      respond(() =>
        municipalitiesAction({
          request: new Request(`${APP}/arrangor/${mrEvent}/kommuner`, { method: 'POST', headers: { Cookie: cookie }, body: new URLSearchParams(body) }),
          params: { eventId: mrEvent },
          context,
        }),
      )
    const aure = await registrationId(t.db, MR, 'Aure')
    const selbu = await registrationId(t.db, 'klimasamling-trondelag-2018', 'Selbu')
    const before = await snapshot()
    const blank = await post({ intent: 'withdraw', registrationId: aure, reason: '   ' })
    expect(blank.status).toBe(400)
    expect(((await blank.json()) as { result: { error: Record<string, string[]> } }).result.error.reason).toEqual([
      'Skriv hvorfor invitasjonen trekkes tilbake. Kommunen får begrunnelsen på e-post.',
    ])
    await expect(
      withdrawMunicipality(t.db, MAIL, { userId: organiser.id }, mrEvent, { registrationId: aure, reason: ' ' }, afterOpening),
    ).rejects.toMatchObject({ code: 'withdrawal_reason_missing', field: 'reason' })
    expect((await post({ intent: 'withdraw', registrationId: 'not-an-id', reason: REASON })).status).toBe(400)
    expect((await post({ intent: 'withdraw', registrationId: '00000000-0000-4000-8000-000000000000', reason: REASON })).status).toBe(404)
    expect((await post({ intent: 'withdraw', registrationId: selbu, reason: REASON })).status).toBe(404)
    expect(await snapshot()).toEqual(before)

    const done = await post({ intent: 'withdraw', registrationId: aure, reason: REASON })
    expect(done.status).toBe(302)
    expect(done.headers.get('Location')).toBe(`/arrangor/${mrEvent}/kommuner?trukket=1576`)
  })
})
