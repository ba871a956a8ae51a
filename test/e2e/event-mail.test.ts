import { sql } from 'kysely'
import type { ParsedMail } from 'mailparser'
import type { Page } from 'playwright-core'
import { beforeAll, expect, it } from 'vitest'
import { expectNoAxeViolations } from '../helpers/browser'
import { describeInChromium, e2eWorld, recipient } from '../helpers/e2e-world'
import { eventId, MR, makeOrganiser } from '../helpers/fixtures'
import { heading, mainText, plain } from '../helpers/pages'

const VOLDA = 'postmottak@volda.example.no'
const MOLDE = 'postmottak@molde.example.no'
const VOLDA_SUBJECT = 'Klimasamling for kommunene i Møre og Romsdal: vel kontaktperson for Volda kommune'
const MOLDE_SUBJECT = 'Klimasamling for kommunene i Møre og Romsdal: velg kontaktperson for Molde kommune'
const REFUSED = '550 5.1.1 Mailbox unavailable'

/**
 * The organiser's view of the event's mail, in Chromium against the real
 * server with real SMTP: the organiser sends the invitations, finds them all
 * sent on the E-post page, reads one as it was sent, and sends one that
 * failed again (with and without JavaScript).
 */
describeInChromium('the organiser’s mail pages in Chromium', () => {
  const world = e2eWorld({ smtp: true })
  let mr = ''
  let organiserId = ''

  beforeAll(async () => {
    mr = await eventId(world.db, MR)
    organiserId = (await makeOrganiser(world.db, 'arrangor@example.no', MR)).id
  })

  /** A page logged in as the organiser, watched for JavaScript errors. */
  const organiser = (options: { javaScriptEnabled?: boolean } = {}) => world.page({ ...options, login: organiserId })

  /** Waits until the worker has recorded every email of the event as sent (the sink hears of it a moment before). */
  async function allRecordedSent() {
    await expect
      .poll(async () => (await world.db.selectFrom('email').select('id').where('event_id', '=', mr).where('status', '!=', 'sent').execute()).length)
      .toBe(0)
  }

  /** Marks the invitation to `address` as given up on after six attempts, as the worker would. */
  async function failInvitationTo(address: string) {
    const row = await world.db
      .updateTable('email')
      .set({ status: 'failed', attempts: 6, last_error: REFUSED, sent_at: null, smtp_message_id: null })
      .where('event_id', '=', mr)
      .where(sql<boolean>`${address} = any(to_addresses)`)
      .returning('id')
      .executeTakeFirstOrThrow()
    return row.id
  }

  /**
   * axe cannot run inside a frame whose sandbox forbids scripts (the point of
   * the sandbox); it waits a minute for an answer from it. So the page is
   * checked with the email's frame emptied (its title stays), and the email's
   * HTML on a page of its own.
   */
  async function expectNoAxeViolationsAroundEmail(page: Page, html: string) {
    await page.locator('main iframe').evaluate((frame) => {
      frame.removeAttribute('sandbox')
      frame.removeAttribute('srcdoc')
    })
    await expectNoAxeViolations(page)
    const alone = await page.context().newPage()
    await alone.setContent(html)
    await expectNoAxeViolations(alone)
    await alone.close()
  }

  /** The list's rows as a reader sees them: time, recipient, subject, template, status. */
  async function rows(page: Page) {
    return Promise.all((await page.locator('main table tbody tr').all()).map(async (row) => (await row.locator('td').allInnerTexts()).map(plain)))
  }

  it('lists the sent invitations, filters them, and shows one exactly as sent; a failed one is sent again', async () => {
    const page = await organiser()
    await page.goto(world.url(`/arrangor/${mr}/kommuner`))
    await page.getByRole('button', { name: 'Send invitasjon til 26 kommuner', exact: true }).click()
    await page.waitForURL(world.url(`/arrangor/${mr}/kommuner?sendt=26`))
    await world.mail.waitFor(26)
    await allRecordedSent()

    await page.getByRole('navigation', { name: 'Arrangementet' }).getByRole('link', { name: 'E-post', exact: true }).click()
    await page.waitForURL(world.url(`/arrangor/${mr}/e-post`))
    await expect.poll(() => heading(page)).toBe('E-post')
    const filters = page.getByRole('navigation', { name: 'Vis e-post med status' }).getByRole('link')
    expect((await filters.allInnerTexts()).map(plain)).toEqual(['Alle (26)', 'I kø (0)', 'Sendes (0)', 'Sendt (26)', 'Feilet (0)'])
    const all = await rows(page)
    expect(all).toHaveLength(26)
    const volda = all.find((r) => r[1] === VOLDA)
    expect(volda?.slice(2)).toEqual([VOLDA_SUBJECT, 'Invitasjon', 'Sendt'])
    expect(volda?.[0]).toMatch(/^\d+\. \p{L}+ \d{4} kl\. \d\d\.\d\d$/u)
    await expectNoAxeViolations(page)

    const voldaId = await failInvitationTo(VOLDA)
    await page.getByRole('link', { name: 'Sendt (26)', exact: true }).click()
    await page.waitForURL(world.url(`/arrangor/${mr}/e-post?status=sent`))
    expect(await page.getByRole('link', { name: 'Sendt (25)', exact: true }).getAttribute('aria-current')).toBe('true')
    expect(await rows(page)).toHaveLength(25)
    await page.getByRole('link', { name: 'Feilet (1)', exact: true }).click()
    await page.waitForURL(world.url(`/arrangor/${mr}/e-post?status=failed`))
    expect((await rows(page)).map((r) => r.slice(1))).toEqual([[VOLDA, VOLDA_SUBJECT, 'Invitasjon', 'Feilet etter 6 forsøk']])
    await expectNoAxeViolations(page)

    await page.getByRole('link', { name: VOLDA_SUBJECT, exact: true }).click()
    await page.waitForURL(world.url(`/arrangor/${mr}/e-post/${voldaId}`))
    await expect.poll(() => heading(page)).toBe(VOLDA_SUBJECT)
    const facts = plain(await page.locator('main dl').innerText())
    expect(facts).toContain(`Til ${VOLDA}`)
    expect(facts).toContain('Svar til klimasamling-mr@example.no')
    expect(facts).toContain('Mal Invitasjon (nynorsk)')
    expect(facts).toContain(`Siste feil ${REFUSED}`)
    expect(facts).toContain('Sendt Ikke sendt')
    const stored = await world.db.selectFrom('email').select(['html', 'text']).where('id', '=', voldaId).executeTakeFirstOrThrow()
    expect((await page.locator('main pre').innerText()).trimEnd()).toBe((stored.text ?? '').trimEnd())
    // The HTML is shown inside an empty sandbox, not in the page: the page has one h1, the frame its own.
    const frame = page.locator('main iframe')
    expect(await frame.getAttribute('sandbox')).toBe('')
    expect(await frame.getAttribute('srcdoc')).toBe(stored.html)
    expect(await frame.getAttribute('title')).toBe(`E-posten «${VOLDA_SUBJECT}» som HTML`)
    expect(await page.locator('main h1').count()).toBe(1)
    expect(await page.frameLocator('main iframe').locator('h1').innerText()).toBe('Volda kommune er invitert til Klimasamling for kommunene i Møre og Romsdal')
    await expectNoAxeViolationsAroundEmail(page, stored.html ?? '')

    await page.getByRole('button', { name: 'Send på nytt', exact: true }).click()
    await page.waitForURL(world.url(`/arrangor/${mr}/e-post/${voldaId}?sendt-paa-nytt`))
    expect(plain(await page.locator('main').getByRole('status').innerText())).toContain('E-posten er lagt i kø igjen og sendes om kort tid.')
    expect(await page.getByRole('button', { name: 'Send på nytt' }).count()).toBe(0)
    const received = await world.mail.waitFor(27)
    expect(recipient(received[26] as ParsedMail)).toBe(VOLDA)
    expect(received[26]?.subject).toBe(VOLDA_SUBJECT)
    await expectNoAxeViolationsAroundEmail(page, stored.html ?? '')
    await allRecordedSent()
    await page.reload()
    expect(plain(await page.locator('main dl').innerText())).toContain('Status Sendt Forsøk 1')
  })

  it('works without JavaScript: filter, open and send again', async () => {
    const moldeId = await failInvitationTo(MOLDE)
    const page = await organiser({ javaScriptEnabled: false })
    await page.goto(world.url(`/arrangor/${mr}/e-post`))
    await page.getByRole('link', { name: 'Feilet (1)', exact: true }).click()
    await page.waitForURL(world.url(`/arrangor/${mr}/e-post?status=failed`))
    await page.getByRole('link', { name: MOLDE_SUBJECT, exact: true }).click()
    await page.waitForURL(world.url(`/arrangor/${mr}/e-post/${moldeId}`))
    await page.getByRole('button', { name: 'Send på nytt', exact: true }).click()
    await page.waitForURL(world.url(`/arrangor/${mr}/e-post/${moldeId}?sendt-paa-nytt`))
    expect(await mainText(page)).toContain('E-posten er lagt i kø igjen og sendes om kort tid.')
    const received = await world.mail.waitFor(28)
    expect(recipient(received[27] as ParsedMail)).toBe(MOLDE)
    // (axe needs JavaScript in the page, so it checks these pages in the test above.)
  })
})
