import { randomUUID } from 'node:crypto'
import type { AppLoadContext } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { osloDateTime } from '~/domain/dates'
import { action as municipalityAction, loader as municipalityLoader } from '~/routes/kommune.$registrationId._index'
import { action as substituteAction } from '~/routes/kommune.$registrationId.erstatt.$participantId'
import { action as enrolAction, loader as enrolLoader } from '~/routes/kommune.$registrationId.ny-deltaker'
import { respond, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase } from '../helpers/database'
import { MR, makeContactPerson, registrationId, seeded, sessionCookieFor, TR } from '../helpers/fixtures'

let t: TestDatabase
let context: AppLoadContext
let selbu: string
let tydal: string
const cookies = { selbu: '', tydal: '' }
const ids = { day1: '', day2: '', night: '', session: '', slot: '' }

beforeAll(async () => {
  t = await createTestDatabase()
  await seeded(t.db)
  context = testContext({ db: t.db, now: osloDateTime('2018-10-01', '12:00') })
  selbu = await registrationId(t.db, TR, 'Selbu')
  tydal = await registrationId(t.db, TR, 'Tydal')
  cookies.selbu = await sessionCookieFor(context, (await makeContactPerson(t.db, 'k@selbu.example.no', selbu)).id)
  cookies.tydal = await sessionCookieFor(context, (await makeContactPerson(t.db, 'k@tydal.example.no', tydal)).id)
  const event = await t.db.selectFrom('event').select('id').where('slug', '=', TR).executeTakeFirstOrThrow()
  const days = await t.db.selectFrom('event_day').select('id').where('event_id', '=', event.id).orderBy('date').execute()
  ids.day1 = days[0]?.id ?? ''
  ids.day2 = days[1]?.id ?? ''
  ids.night = (await t.db.selectFrom('hotel_night').select('id').where('event_id', '=', event.id).executeTakeFirstOrThrow()).id
  const session = await t.db
    .selectFrom('program_item')
    .select(['id', 'slot_id'])
    .where('event_id', '=', event.id)
    .where('kind', '=', 'parallel')
    .executeTakeFirstOrThrow()
  ids.session = session.id
  ids.slot = session.slot_id ?? ''
})

afterAll(async () => {
  await t.drop()
})

function form(fields: Record<string, string | string[]>) {
  const body = new URLSearchParams()
  for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) body.append(key, v)
  return body
}

const post = (registration: string, cookie: string, fields: Record<string, string | string[]>) =>
  respond(() =>
    enrolAction({
      request: new Request(`http://localhost/kommune/${registration}/ny-deltaker`, { method: 'POST', headers: { Cookie: cookie }, body: form(fields) }),
      params: { registrationId: registration },
      context,
    }),
  )

const valid = () => ({
  idempotencyKey: randomUUID(),
  name: 'Kari Selbu',
  email: 'kari@selbu.example.no',
  title: 'Klimarådgiver',
  roleCategory: 'radgiver',
  dayIds: [ids.day1, ids.day2],
  nightIds: [ids.night],
  attendsDinner: 'on',
  [`slot:${ids.slot}`]: ids.session,
})

describe('the participant form', () => {
  it('shows what is covered before saving', async () => {
    const page = await respond(() =>
      enrolLoader({ request: new Request('http://localhost/x', { headers: { Cookie: cookies.selbu } }), params: { registrationId: selbu }, context }),
    )
    const body = (await page.json()) as { explanation: string[]; options: { nights: Array<{ label: string }> } }
    expect(body.explanation[0]).toBe('Med overnatting: dekket av arrangøren. Kommunen har 2 av 2 dekkede overnattingsplasser igjen.')
    expect(body.options.nights[0]?.label).toBe('Natten 27.–28. november 2018 (110 rom igjen)')
  })

  it('enrols through the form, with the session picked in its slot, and a repeated submit makes no second participant', async () => {
    const fields = valid()
    expect((await post(selbu, cookies.selbu, fields)).status).toBe(302)
    expect((await post(selbu, cookies.selbu, fields)).status).toBe(302)
    const rows = await t.db.selectFrom('participant').select('id').where('registration_id', '=', selbu).execute()
    expect(rows).toHaveLength(1)
    const choice = await t.db
      .selectFrom('session_choice')
      .select('program_item_id')
      .where('participant_id', '=', rows[0]?.id ?? '')
      .execute()
    expect(choice).toEqual([{ program_item_id: ids.session }])
    const page = await respond(() =>
      municipalityLoader({ request: new Request('http://localhost/x', { headers: { Cookie: cookies.selbu } }), params: { registrationId: selbu }, context }),
    )
    const text = await page.text()
    expect(text).toContain('1 av 2 brukt')
    expect(text).toContain('Dekket overnatting')
    expect(text).toContain('Deltaker påmeldt')
    // The status message after the redirect, in the form the reader asked for.
    const status = async (maalform: string) => {
      const answer = await respond(() =>
        municipalityLoader({
          request: new Request(`http://localhost/x?melding=pameldt&deltaker=${rows[0]?.id}&maalform=${maalform}`, { headers: { Cookie: cookies.selbu } }),
          params: { registrationId: selbu },
          context,
        }),
      )
      return ((await answer.json()) as { status: { text: string } | null }).status?.text
    }
    expect(await status('nb')).toBe(
      'Kari Selbu er meldt på og har fått en dekket overnattingsplass. Deltakeren får bekreftelse på e-post, med kontaktpersonen i kopi.',
    )
    expect(await status('nn')).toBe(
      'Kari Selbu er meld på og har fått ein dekt overnattingsplass. Deltakaren får stadfesting på e-post, med kontaktpersonen i kopi.',
    )
  })

  it('answers bad input at the field and saves nothing', async () => {
    const bad = await post(selbu, cookies.selbu, { ...valid(), email: 'ikke-epost', dayIds: [], roleCategory: 'keiser' })
    expect(bad.status).toBe(400)
    const text = await bad.text()
    expect(text).toContain('Skriv inn en gyldig e-postadresse')
    expect(text).toContain('Velg minst én dag.')
    // A NUL byte, which PostgreSQL refuses in text, is dropped rather than crashing the request.
    const nul = await post(selbu, cookies.selbu, { ...valid(), name: 'Nils Nul', email: 'nul@selbu.example.no', diet: 'vegetar\u0000' })
    expect(nul.status).toBe(302)
    const diet = await t.db.selectFrom('participant').select('diet').where('email', '=', 'nul@selbu.example.no').executeTakeFirstOrThrow()
    expect(diet.diet).toBe('vegetar')
    const foreign = await post(selbu, cookies.selbu, { ...valid(), [`slot:${ids.slot}`]: randomUUID() })
    expect(foreign.status).toBe(409)
    expect(await foreign.text()).toContain('Et av valgene hører ikke til denne samlingen.')
    expect(await t.db.selectFrom('participant').select('id').where('email', '=', 'ikke-epost').execute()).toEqual([])
  })

  it('says at the sessions which session does not fit and why, and saves nothing', async () => {
    const session = await t.db.selectFrom('program_item').select(['title', 'event_day_id']).where('id', '=', ids.session).executeTakeFirstOrThrow()
    const otherDay = session.event_day_id === ids.day1 ? ids.day2 : ids.day1
    const notThere = await post(selbu, cookies.selbu, { ...valid(), email: 'dag@selbu.example.no', dayIds: [otherDay], nightIds: [] })
    expect(notThere.status).toBe(409)
    expect(await notThere.text()).toContain(`«${session.title}» er på en dag deltakeren ikke er med.`)

    await t.db
      .updateTable('program_item')
      .set({ restricted_to_roles: ['ordforer', 'kommunedirektor'] })
      .where('id', '=', ids.session)
      .execute()
    try {
      const restricted = await post(selbu, cookies.selbu, { ...valid(), email: 'rolle@selbu.example.no' })
      expect(restricted.status).toBe(409)
      expect(await restricted.text()).toContain(`«${session.title}» er bare for ordfører og kommunedirektør/rådmann.`)
    } finally {
      await t.db.updateTable('program_item').set({ restricted_to_roles: [] }).where('id', '=', ids.session).execute()
    }
    expect(await t.db.selectFrom('participant').select('email').where('email', 'in', ['dag@selbu.example.no', 'rolle@selbu.example.no']).execute()).toEqual([])
  })

  it('says at the email field that the person is already enrolled, from a second form for the same person', async () => {
    // Kari Selbu is enrolled by the test above; this is a fresh form (a new key) for her.
    const again = await post(selbu, cookies.selbu, { ...valid(), name: 'Kari Selbu (igjen)', email: 'Kari@Selbu.example.no' })
    expect(again.status).toBe(409)
    expect(await again.text()).toContain('Denne e-postadressen er allerede påmeldt fra kommunen.')
    expect(await t.db.selectFrom('participant').select('id').where('name', '=', 'Kari Selbu (igjen)').execute()).toEqual([])
  })

  it("says 'ingen dekkes' for a quota the event does not have (Møre og Romsdal covers no day packages), in Volda's nynorsk unless asked for bokmål", async () => {
    const volda = await registrationId(t.db, MR, 'Volda')
    const cookie = await sessionCookieFor(context, (await makeContactPerson(t.db, 'k@volda.example.no', volda)).id)
    const meters = async (url: string) => {
      const page = await respond(() =>
        municipalityLoader({ request: new Request(url, { headers: { Cookie: cookie } }), params: { registrationId: volda }, context }),
      )
      return ((await page.json()) as { meters: unknown }).meters
    }
    // Volda writes nynorsk, so its contact person reads the page in nynorsk (decision 54).
    expect(await meters('http://localhost/x')).toEqual({ overnight: '0 av 4 brukt', dayPackages: 'ingen blir dekte', selfPaid: 'ingen' })
    expect(await meters('http://localhost/x?maalform=nb')).toEqual({ overnight: '0 av 4 brukt', dayPackages: 'ingen dekkes', selfPaid: 'ingen' })
  })

  it('is 404 for another municipality, and another municipality cannot remove our participants', async () => {
    expect((await post(selbu, cookies.tydal, valid())).status).toBe(404)
    const participant = await t.db.selectFrom('participant').select('id').where('registration_id', '=', selbu).executeTakeFirstOrThrow()
    const cancel = await respond(() =>
      municipalityAction({
        request: new Request(`http://localhost/kommune/${tydal}`, {
          method: 'POST',
          headers: { Cookie: cookies.tydal },
          body: form({ intent: 'cancel', participantId: participant.id }),
        }),
        params: { registrationId: tydal },
        context,
      }),
    )
    expect(cancel.status).toBe(404)
    const still = await t.db.selectFrom('participant').select('status').where('id', '=', participant.id).executeTakeFirstOrThrow()
    expect(still.status).toBe('active')
  })

  it('substitutes after the deadline through the form, and not for another municipality', async () => {
    const participant = await t.db
      .selectFrom('participant')
      .select('id')
      .where('registration_id', '=', selbu)
      .where('name', '=', 'Kari Selbu')
      .executeTakeFirstOrThrow()
    const late = testContext({ db: t.db, now: osloDateTime('2018-10-25', '12:00') })
    const contactOf = async (registration: string) =>
      sessionCookieFor(
        late,
        (await t.db.selectFrom('registration').select('contact_user_id').where('id', '=', registration).executeTakeFirstOrThrow()).contact_user_id ?? '',
      )
    const lateCookies = { selbu: await contactOf(selbu), tydal: await contactOf(tydal) }
    const substitute = (registration: string, cookie: string, fields: Record<string, string>) =>
      respond(() =>
        substituteAction({
          request: new Request('http://localhost/x', { method: 'POST', headers: { Cookie: cookie }, body: form(fields) }),
          params: { registrationId: registration, participantId: participant.id },
          context: late,
        }),
      )
    const person = { name: 'Erik Erstatter', email: 'erik@selbu.example.no', title: 'Planlegger', roleCategory: 'radgiver' }
    expect((await substitute(tydal, lateCookies.tydal, person)).status).toBe(404)
    expect((await substitute(selbu, lateCookies.selbu, { ...person, email: 'feil' })).status).toBe(400)
    const done = await substitute(selbu, lateCookies.selbu, person)
    expect(done.status).toBe(302)
    expect(done.headers.get('location')).toBe(`/kommune/${selbu}`)
    const rows = await t.db
      .selectFrom('participant')
      .select(['name', 'status'])
      .where('registration_id', '=', selbu)
      .where('name', '!=', 'Nils Nul')
      .orderBy('created_at')
      .execute()
    expect(rows).toEqual([
      { name: 'Kari Selbu', status: 'substituted' },
      { name: 'Erik Erstatter', status: 'active' },
    ])
  })
})
