import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { action as devMailAction, loader as devMailLoader } from '~/routes/dev.mail._index'
import { loader as devMailMessageLoader } from '~/routes/dev.mail.$file'
import { createMailer, listWrittenMail } from '~/utils/mail.server'
import { loaderArgs, testContext } from '../helpers/app-context'
import { createTestDatabase, type TestDatabase } from '../helpers/database'
import { deliverTo, type SmtpSink, startSmtpSink } from '../helpers/smtp-sink'

const message = {
  to: 'kari.nordmann@example.no',
  cc: 'kontakt@volda.example.no',
  replyTo: 'klimasamling-mr@example.no',
  subject: 'Påmelding til Klimasamling for kommunene i Møre og Romsdal',
  text: 'Hei Kari!\n\nDu er påmeldt. Fristen er 20. september 2021 kl. 23.59.',
  html: '<p>Hei Kari!</p><p>Du er påmeldt.</p>',
  attachments: [{ filename: 'klimasamling.ics', content: 'BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n', contentType: 'text/calendar' }],
}

describe('mail over SMTP', () => {
  let sink: SmtpSink
  beforeAll(async () => {
    sink = await startSmtpSink()
  })
  afterAll(async () => {
    await sink.close()
  })

  it('delivers to, cc, reply-to, subject, text, html and attachments to a real SMTP server', async () => {
    const mailer = createMailer({ smtpUrl: sink.url, from: 'Klimasamling <klimasamling@example.no>', mailDir: '/nonexistent' })
    try {
      const sent = await mailer.send(message)
      expect(sent.file).toBeUndefined()
      const [mail] = await sink.waitFor(1)
      expect(mail?.messageId).toBe(sent.messageId)
      expect(mail?.from?.value).toEqual([{ name: 'Klimasamling', address: 'klimasamling@example.no' }])
      expect(mail?.to && !Array.isArray(mail.to) ? mail.to.text : '').toBe('kari.nordmann@example.no')
      expect(mail?.cc && !Array.isArray(mail.cc) ? mail.cc.text : '').toBe('kontakt@volda.example.no')
      expect(mail?.replyTo?.text).toBe('klimasamling-mr@example.no')
      expect(mail?.subject).toBe(message.subject)
      expect(mail?.text?.trim()).toBe(message.text)
      expect(mail?.html).toContain('<p>Du er påmeldt.</p>')
      expect(mail?.attachments.map((a) => [a.filename, a.contentType])).toEqual([['klimasamling.ics', 'text/calendar']])
    } finally {
      mailer.close()
    }
  })
})

describe('mail without SMTP_URL', () => {
  let mailDir: string
  let t: TestDatabase
  beforeAll(async () => {
    mailDir = mkdtempSync(path.join(os.tmpdir(), 'klimasamling-mail-'))
    t = await createTestDatabase()
  })
  afterAll(async () => {
    rmSync(mailDir, { recursive: true, force: true })
    await t.drop()
  })

  it('writes each message as an .eml file, listed newest first on /dev/mail', async () => {
    const mailer = createMailer({ from: 'Klimasamling <klimasamling@example.no>', mailDir })
    const first = await mailer.send({ ...message, subject: 'Første' })
    await new Promise((r) => setTimeout(r, 5))
    const second = await mailer.send({ ...message, subject: 'Andre' })
    expect(readdirSync(mailDir).sort()).toEqual([first.file, second.file].sort())

    const listed = await listWrittenMail(mailDir)
    expect(listed.map((m) => m.subject)).toEqual(['Andre', 'Første'])
    expect(listed[0]).toMatchObject({ to: 'kari.nordmann@example.no', cc: 'kontakt@volda.example.no' })

    const context = testContext({ db: t.db, mailDir })
    const page = await devMailLoader(loaderArgs(context, '/dev/mail'))
    expect(page.messages.map((m) => m.subject)).toEqual(['Andre', 'Første'])
    const one = await devMailMessageLoader(loaderArgs(context, `/dev/mail/${second.file}`, { file: second.file ?? '' }))
    expect(one.text).toContain('Du er påmeldt.')
  })

  it('refuses a file name that is not one of its messages', async () => {
    const context = testContext({ db: t.db, mailDir })
    const thrown = await devMailMessageLoader(loaderArgs(context, '/dev/mail/..%2Fpackage.json', { file: '../package.json' })).catch((e: unknown) => e)
    expect((thrown as Response).status).toBe(404)
  })

  it('is absent when NODE_ENV=production', async () => {
    const context = testContext({ db: t.db, mailDir, env: { NODE_ENV: 'production' } })
    const thrown = await devMailLoader(loaderArgs(context, '/dev/mail')).catch((e: unknown) => e)
    expect(thrown).toBeInstanceOf(Response)
    expect((thrown as Response).status).toBe(404)
  })
})

describe('the test message on /dev/mail', () => {
  let sink: SmtpSink
  let t: TestDatabase
  beforeAll(async () => {
    sink = await startSmtpSink()
    t = await createTestDatabase()
  })
  afterAll(async () => {
    await sink.close()
    await t.drop()
  })

  it('is queued in the outbox, goes out over SMTP in bokmål with the worker, as HTML and text from one source, and redirects back', async () => {
    const context = testContext({ db: t.db, env: { SMTP_URL: sink.url, APP_URL: 'https://klimasamling.example.no' } })
    const response = await devMailAction({
      request: new Request('http://localhost/dev/mail', { method: 'POST' }),
      params: {},
      context,
    })
    expect(response.status).toBe(302)
    expect(response.headers.get('location')).toBe('/dev/mail')
    expect(await t.db.selectFrom('email').select(['template', 'status']).execute()).toEqual([{ template: 'test-message', status: 'queued' }])
    await deliverTo(sink, t.db)
    const [mail] = await sink.waitFor(1)
    expect(await t.db.selectFrom('email').select(['status', 'smtp_message_id']).execute()).toEqual([{ status: 'sent', smtp_message_id: mail?.messageId }])
    expect(mail?.subject).toBe('Testmelding fra Klimasamling')
    expect(mail?.text).toContain('Åpne Klimasamling: https://klimasamling.example.no')
    expect(mail?.html).toContain('<html lang="nb">')
    expect(mail?.html).toContain('<a href="https://klimasamling.example.no">Åpne Klimasamling</a>')
  })
})
