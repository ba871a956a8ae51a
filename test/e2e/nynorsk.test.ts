import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import type { Page } from 'playwright-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { participantCode } from '~/services/participant-codes.server'
import { hashToken, newToken } from '~/utils/tokens.server'
import { expectNoAxeViolations } from '../helpers/browser'
import { describeInChromium, e2eWorld } from '../helpers/e2e-world'
import { addParticipant, eventId, MR, makeContactPerson, makeOrganiser, registrationId } from '../helpers/fixtures'
import { plain } from '../helpers/pages'

/**
 * The whole interface in nynorsk (issue 18): a contact person of Volda, a
 * nynorsk municipality, enrols a participant and reads every page in
 * nynorsk without choosing it; every page of the app, visited in nynorsk,
 * has lang="nn", no axe violations, and none of a list of words that only
 * bokmål has in its own text (what people and organisers typed is left out
 * of the check: it is stored in the database, and the check removes every
 * stored text from the page before it looks).
 */

/** Words only bokmål has; a page in nynorsk showing one of them has a text left untranslated. */
const BOKMAL_ONLY = [
  'ikke',
  'jeg',
  'hva',
  'hvem',
  'hvor',
  'hvordan',
  'hvorfor',
  'hvis',
  'hver',
  'hvert',
  'hvilke',
  'hvilken',
  'fra',
  'noen',
  'noe',
  'mye',
  'mer',
  'bare',
  'også',
  'nå',
  'ennå',
  'allerede',
  'videre',
  'uten',
  'sammen',
  'siden',
  'gjør',
  'kommer',
  'trenger',
  'finnes',
  'velg',
  'åpne',
  'åpnet',
  'navn',
  'navnet',
  'deltaker',
  'deltakere',
  'deltakeren',
  'deltakerne',
  'kommuner',
  'kommunene',
  'påmeldte',
  'påmeldingen',
  'samlingen',
  'dager',
  'plasser',
  'ble',
  'blitt',
  'sesjoner',
  'arrangører',
  'lagret',
  'endret',
  'slettet',
  'undersøkelse',
  'undersøkelsen',
  'navneskilt',
  'kosthold',
  'tilgjengelighet',
  'personopplysninger',
  'innstillinger',
  'dere',
  'skjul',
  'mangler',
  'bekreftet',
  'eget',
  'egne',
  'egen',
  'hele',
  'selv',
  'slutter',
]

const BEFORE_DEADLINE = '2021-09-01T10:00:00.000Z'

/** Every page route (a route module with a component) and the path this test visits it by; `null` for one it cannot reach and says why. */
type Paths = Record<string, string | { skip: string }>

describeInChromium('the interface in nynorsk in Chromium', () => {
  // Pages answering 404 (the unknown address) log a console line in Chromium; their status is asserted.
  const world = e2eWorld({ now: BEFORE_DEADLINE, ignoreFailedLoads: true })
  let ids: {
    event: string
    volda: string
    contact: string
    organiser: string
    participant: string
    participantUser: string
    participantCode: string
    invitation: string
    municipality: number
    email: string
  }
  /** Every text stored in the database, longest first: what people and organisers typed, and the seeded events. */
  let stored: string[] = []

  beforeAll(async () => {
    const db = world.db
    const event = await eventId(db, MR)
    const volda = await registrationId(db, MR, 'Volda')
    const contact = await makeContactPerson(db, 'kari@volda.example.no', volda, { name: 'Kari Nordmann', at: new Date(BEFORE_DEADLINE) })
    const organiser = await makeOrganiser(db, 'arr@example.no', MR)
    const participant = await addParticipant(db, volda, 'ola@volda.example.no', 'Ola Åsheim')
    const participantUser = await db
      .insertInto('app_user')
      .values({ email: 'ola@volda.example.no', name: 'Ola Åsheim' })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db.updateTable('participant').set({ user_id: participantUser.id }).where('id', '=', participant.id).execute()
    // An invitation link not yet used, for Ørsta (which has no contact person).
    const invitation = newToken()
    await db
      .insertInto('invitation_token')
      .values({
        registration_id: await registrationId(db, MR, 'Ørsta'),
        token_hash: hashToken(invitation),
        sent_to: 'post@orsta.example.no',
        created_at: new Date(BEFORE_DEADLINE),
      })
      .execute()
    const municipality = await db.selectFrom('municipality').select('id').where('name', '=', 'Volda').orderBy('valid_from', 'desc').executeTakeFirstOrThrow()
    ids = {
      event,
      volda,
      contact: contact.id,
      organiser: organiser.id,
      participant: participant.id,
      participantUser: participantUser.id,
      participantCode: await participantCode(db, participant.id, 'personal-link'),
      invitation,
      municipality: municipality.id,
      email: '',
    }
  })

  /** Every text value in the database's own tables, at least 3 characters long, longest first. */
  async function storedTexts(): Promise<string[]> {
    const columns = await sql<{ table_name: string; column_name: string; data_type: string }>`
      select table_name, column_name, data_type from information_schema.columns
      where table_schema = 'public' and (data_type in ('text', 'character varying', 'jsonb') or udt_name in ('_text', '_varchar'))
        and column_name not like '%hash%' and column_name not like '%token%' and table_name not like 'kysely_%'`.execute(world.db)
    const values = new Set<string>()
    for (const { table_name, column_name, data_type } of columns.rows) {
      const column = sql.ref(column_name)
      // Every string in an array, and every string anywhere in a JSON document (the audit log's before and after).
      const value =
        data_type === 'ARRAY'
          ? sql`unnest(${column})`
          : data_type === 'jsonb'
            ? sql`jsonb_path_query(${column}, 'strict $.** ? (@.type() == "string")') #>> '{}'`
            : column
      const rows = await sql<{ v: string | null }>`select distinct ${value} as v from ${sql.table(table_name)} where ${column} is not null`.execute(world.db)
      for (const { v } of rows.rows) {
        for (const line of String(v ?? '').split(/\n+/)) {
          const text = plain(line)
          if (text.length >= 3) values.add(text)
        }
      }
    }
    return [...values].sort((a, b) => b.length - a.length)
  }

  /** The page's own words: its visible text with every stored text taken out. */
  async function ownText(page: Page): Promise<string> {
    // An email address is an address, not words (the accessibility statement's contact: tilgjengelighet@…).
    let text = plain(await page.locator('body').innerText()).replace(/\S+@\S+/g, ' | ')
    for (const value of stored) {
      if (!text.includes(value)) continue
      const escaped = value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      text = text.replace(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, 'gu'), ' | ')
    }
    return text
  }

  /** Checks a page in nynorsk: lang="nn", axe, and no bokmål-only word in its own text. */
  async function expectNynorsk(page: Page, what: string) {
    expect(await page.locator('html').getAttribute('lang'), `lang of ${what}`).toBe('nn')
    await expectNoAxeViolations(page)
    const text = await ownText(page)
    const found = BOKMAL_ONLY.filter((word) => new RegExp(`(^|[^\\p{L}])${word}($|[^\\p{L}])`, 'iu').test(text))
    const where = found.map((word) => {
      const at = text.toLowerCase().search(new RegExp(`(^|[^\\p{L}])${word}($|[^\\p{L}])`, 'iu'))
      return `«${word}»: …${text.slice(Math.max(0, at - 60), at + 60)}…`
    })
    expect(where, `bokmål words on ${what} (${page.url()})`).toEqual([])
  }

  it('a contact person of Volda (nynorsk) reads the pages in nynorsk and enrols a participant', async () => {
    stored = await storedTexts()
    const page = await world.page({ login: ids.contact })
    await page.goto(world.url(`/kommune/${ids.volda}`))
    await expectNynorsk(page, 'the municipality page')
    // The switch offers bokmål.
    expect(await page.getByRole('link', { name: 'Les på bokmål' }).count()).toBe(1)

    await page.goto(world.url(`/kommune/${ids.volda}/ny-deltaker`))
    await expectNynorsk(page, 'the new participant form')
    // Sent empty: the server's messages, in nynorsk.
    await page.locator('main form button[type="submit"]').last().click()
    await expect.poll(() => page.locator('main').innerText()).toContain('Rett opp dette for å gå vidare:')
    await expectNynorsk(page, 'the refused form')

    await page.getByLabel('Namn', { exact: true }).fill('Synnøve Vik')
    await page.getByLabel('E-post', { exact: true }).fill('synnove@volda.example.no')
    await page.getByLabel('Stilling').fill('Rådgjevar')
    await page.getByLabel('Rolle').selectOption('radgiver')
    await page.locator('main form button[type="submit"]').last().click()
    await page.waitForURL((u) => u.pathname === `/kommune/${ids.volda}`, { timeout: 8_000 })
    await expect.poll(() => page.locator('main').innerText()).toContain('Synnøve Vik')
    stored = await storedTexts()
    await expectNynorsk(page, 'the municipality page after enrolling')
  })

  it('the switch in the header turns a page to bokmål and back, without JavaScript', async () => {
    const page = await world.page({ login: ids.contact, javaScriptEnabled: false })
    await page.goto(world.url(`/kommune/${ids.volda}`))
    await page.getByRole('link', { name: 'Les på bokmål' }).click()
    await page.waitForLoadState('load')
    expect(new URL(page.url()).pathname).toBe(`/kommune/${ids.volda}`)
    expect(new URL(page.url()).search).toBe('')
    expect(await page.locator('html').getAttribute('lang')).toBe('nb')
    await page.getByRole('link', { name: 'Les på nynorsk' }).click()
    await page.waitForLoadState('load')
    expect(await page.locator('html').getAttribute('lang')).toBe('nn')
  })

  describe('every page in nynorsk', () => {
    const paths = (): Record<'public' | 'contact' | 'participant' | 'organiser', Paths> => {
      const e = `/arrangor/${ids.event}`
      const k = `/kommune/${ids.volda}`
      return {
        public: {
          '_index.tsx': '/',
          '$.tsx': '/finst-ikkje',
          'arrangementer.$slug.tsx': `/arrangementer/${MR}`,
          'personvern.tsx': '/personvern',
          'tilgjengelighet.tsx': '/tilgjengelighet',
          'logg-inn._index.tsx': '/logg-inn',
          'logg-inn.kode.tsx': '/logg-inn/kode',
          'logg-inn.lenke.$token.tsx': '/logg-inn/lenke/ugyldig-lenke',
          'invitasjon.$token.tsx': `/invitasjon/${ids.invitation}`,
          'undersokelse._index.tsx': '/undersokelse',
          'undersokelse.$token.tsx': `/undersokelse/${ids.participantCode}`,
          'bord.$token.tsx': `/bord/${ids.participantCode}`,
          'venteliste.$token.tsx': '/venteliste/ugyldig-lenke',
        },
        contact: {
          'kommune.$registrationId._index.tsx': k,
          'kommune.$registrationId.ny-deltaker.tsx': `${k}/ny-deltaker`,
          'kommune.$registrationId.deltaker.$participantId.tsx': `${k}/deltaker/${ids.participant}`,
          'kommune.$registrationId.erstatt.$participantId.tsx': `${k}/erstatt/${ids.participant}`,
          'kommune.$registrationId.kontaktperson.tsx': `${k}/kontaktperson`,
        },
        participant: {
          'min-side.tsx': '/min-side',
          'min-side_.mine-data.tsx': '/min-side/mine-data',
          'deltaker.$participantId.tsx': `/deltaker/${ids.participant}`,
          'ventelister.$participantId.tsx': `/ventelister/${ids.participant}`,
        },
        organiser: {
          'arrangor._index.tsx': '/arrangor',
          'arrangor.nytt.tsx': '/arrangor/nytt',
          'arrangor.kommuneregister._index.tsx': '/arrangor/kommuneregister',
          'arrangor.kommuneregister.$municipalityId.tsx': `/arrangor/kommuneregister/${ids.municipality}`,
          'arrangor.$eventId._index.tsx': e,
          'arrangor.$eventId.oversikt.tsx': `${e}/oversikt`,
          'arrangor.$eventId.kopier.tsx': `${e}/kopier`,
          'arrangor.$eventId.dager.tsx': `${e}/dager`,
          'arrangor.$eventId.netter.tsx': `${e}/netter`,
          'arrangor.$eventId.program.tsx': `${e}/program`,
          'arrangor.$eventId.sesjoner.tsx': `${e}/sesjoner`,
          'arrangor.$eventId.endringer.tsx': `${e}/endringer`,
          'arrangor.$eventId.kommuner.tsx': `${e}/kommuner`,
          'arrangor.$eventId.dekning.tsx': `${e}/dekning`,
          'arrangor.$eventId.dekning_.$registrationId.tsx': `${e}/dekning/${ids.volda}`,
          'arrangor.$eventId.kosthold.tsx': `${e}/kosthold`,
          'arrangor.$eventId.e-post._index.tsx': `${e}/e-post`,
          'arrangor.$eventId.e-post.ny.tsx': `${e}/e-post/ny`,
          'arrangor.$eventId.e-post.$emailId.tsx': ids.email
            ? `${e}/e-post/${ids.email}`
            : { skip: 'no email in the outbox yet (run with the enrolment test)' },
          'arrangor.$eventId.team.tsx': `${e}/team`,
          'arrangor.$eventId.personopplysninger.tsx': `${e}/personopplysninger`,
          'arrangor.$eventId.eksport.tsx': `${e}/eksport`,
          'arrangor.$eventId.innsjekking.tsx': `${e}/innsjekking`,
          'arrangor.$eventId.innsjekking_.erstatter.$participantId.tsx': `${e}/innsjekking/erstatter/${ids.participant}`,
          'arrangor.$eventId.oppmote.tsx': `${e}/oppmote`,
          'arrangor.$eventId.navneskilt.tsx': `${e}/navneskilt`,
          'arrangor.$eventId.onsker.tsx': `${e}/onsker`,
          'arrangor.$eventId.fordeling.tsx': `${e}/fordeling`,
          'arrangor.$eventId.undersokelse.tsx': `${e}/undersokelse`,
          'arrangor.$eventId.undersokelse_.resultater.tsx': `${e}/undersokelse/resultater`,
          'arrangor.$eventId.undersokelse_.visning.tsx': `${e}/undersokelse/visning`,
          'arrangor.$eventId.bord.tsx': `${e}/bord`,
          'arrangor.$eventId.bord_.utskrift.tsx': `${e}/bord/utskrift`,
        },
      }
    }

    it('covers every page route there is', () => {
      const routes = path.resolve(import.meta.dirname, '../../app/routes')
      const pages = readdirSync(routes).filter(
        (file) => file.endsWith('.tsx') && !file.startsWith('dev.') && readFileSync(path.join(routes, file), 'utf8').includes('export default function'),
      )
      const visited = Object.values(paths()).flatMap((group) => Object.keys(group))
      expect(pages.filter((file) => !visited.includes(file))).toEqual([])
    })

    async function visitAll(group: Paths, login: string | undefined) {
      stored = await storedTexts()
      const page = await world.page(login ? { login } : {})
      // The switch, once: the browser remembers it (and so does the account).
      await page.goto(world.url('/?maalform=nn'))
      for (const [route, target] of Object.entries(group)) {
        if (typeof target !== 'string') {
          console.info(`nynorsk.test.ts: ${route} not visited: ${target.skip}`)
          continue
        }
        const response = await page.goto(world.url(target), { waitUntil: 'load' })
        const status = response?.status() ?? 0
        expect(
          status === 200 || (route === '$.tsx' && status === 404) || (target.includes('ugyldig') && status < 500),
          `status ${status} of ${route} at ${target}`,
        ).toBe(true)
        // An email is shown as sent inside an empty sandbox, which axe cannot enter; the page around it is checked
        // (the email itself is the emails' tests' own, and test/e2e/event-mail.test.ts runs axe on it alone).
        if (route === 'arrangor.$eventId.e-post.$emailId.tsx')
          await page.locator('main iframe').evaluate((frame) => {
            frame.removeAttribute('sandbox')
            frame.removeAttribute('srcdoc')
          })
        await expectNynorsk(page, route)
      }
    }

    it('public pages and links by token', async () => {
      await visitAll(paths().public, undefined)
    }, 120_000)

    it("the contact person's pages", async () => {
      await visitAll(paths().contact, ids.contact)
    })

    it("the participant's pages", async () => {
      await visitAll(paths().participant, ids.participantUser)
    })

    it("the organiser's pages", async () => {
      // The enrolment above put its confirmation in the outbox.
      const email = await world.db.selectFrom('email').select('id').where('event_id', '=', ids.event).executeTakeFirst()
      ids.email = email?.id ?? ''
      await visitAll(paths().organiser, ids.organiser)
    }, 240_000)
  })
})
