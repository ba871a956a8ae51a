/**
 * npm run bench:mail
 *
 * Enqueues 1 000 enrolment confirmations (with their calendar files) in the
 * outbox of real PostgreSQL (TEST_DATABASE_URL, or an embedded one), then
 * runs the mail worker against a local SMTP server until every one has
 * arrived. Prints one JSON line: how long it took, and how many were lost or
 * arrived twice (both must be 0).
 */
import { SMTPServer } from 'smtp-server'
import { emailRow, startMailWorker } from '../../app/services/outbox.server'
import { createMailer } from '../../app/utils/mail.server'
import { withBenchDatabase } from './bench-database'

const EMAILS = 1_000
const MAIL = { from: 'Klimasamling <klimasamling@example.no>', appUrl: 'http://localhost:3000' }

async function main() {
  await withBenchDatabase('mail', {}, async (db) => {
    // The SMTP server counts each message by its recipient (one per participant).
    const seen = new Map<string, number>()
    let resolveAll: () => void = () => {}
    const all = new Promise<void>((resolve) => {
      resolveAll = resolve
    })
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        seen.set(address.address, (seen.get(address.address) ?? 0) + 1)
        callback()
      },
      onData(stream, _session, callback) {
        stream.on('data', () => {})
        stream.on('end', () => {
          callback()
          if ([...seen.keys()].filter((k) => k.startsWith('deltaker')).length >= EMAILS) resolveAll()
        })
      },
    })
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve))
    const address = smtp.server.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: MAIL.from, mailDir: '/nonexistent' })

    try {
      const now = new Date()
      const rows = Array.from({ length: EMAILS }, (_, i) =>
        emailRow(
          MAIL,
          {
            template: 'participant-enrolled',
            languageForm: i % 5 === 0 ? 'nn' : 'nb',
            to: `deltaker${i}@example.no`,
            cc: [`kontakt${i % 357}@example.no`],
            replyTo: 'klimasamling@example.no',
            dedupeKey: `bench:${i}`,
            params: {
              languageForm: i % 5 === 0 ? 'nn' : 'nb',
              participantName: `Deltaker ${i}`,
              municipalityName: `Kommune ${i % 357}`,
              contactName: `Kontakt ${i % 357}`,
              eventTitle: 'Klimasamling for kommunene i Benchfylke',
              eventDates: '1.–2. februar 2027',
              facts: {
                place: 'Scandic Hell, Stjørdal',
                hotel: 'Scandic Hell',
                days: ['Dag 1', 'Dag 2'],
                nights: ['1.–2. februar 2027'],
                attendsDinner: true,
                sessions: ['Sesjon 1'],
                coveredOvernight: i % 3 !== 0,
                coveredDays: [],
                selfPaidOre: i % 3 === 0 ? 250_000 : 0,
                pricesApproximate: true,
              },
              deadline: '20. desember 2026 kl. 23.59',
              late: false,
              organiserContact: 'Arrangør (arrangor@example.no)',
              pageLink: `${MAIL.appUrl}/min-side`,
              calendar: {
                event: { id: 'bench', title: 'Klimasamling', venue: 'Scandic Hell', address: 'Stjørdal', updated_at: now.toISOString() },
                days: [
                  { id: 'd1', label: 'Dag 1', starts_at: '2027-02-01T09:00:00.000Z', ends_at: '2027-02-01T16:00:00.000Z' },
                  { id: 'd2', label: 'Dag 2', starts_at: '2027-02-02T08:00:00.000Z', ends_at: '2027-02-02T12:00:00.000Z' },
                ],
                pageUrl: `${MAIL.appUrl}/arrangementer/bench`,
              },
            },
          },
          now,
        ),
      )
      for (let i = 0; i < rows.length; i += 250)
        await db
          .insertInto('email')
          .values(rows.slice(i, i + 250))
          .execute()

      const started = performance.now()
      const worker = startMailWorker({ db, mailer, now: () => new Date(), intervalMs: 100, log: () => {} })
      const timeout = setTimeout(resolveAll, 300_000)
      await all
      clearTimeout(timeout)
      const seconds = (performance.now() - started) / 1000
      await worker.stop()
      const recipients = [...seen.entries()].filter(([k]) => k.startsWith('deltaker'))
      const sent = await db
        .selectFrom('email')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('status', '=', 'sent')
        .executeTakeFirstOrThrow()
      console.log(
        JSON.stringify({
          emails: EMAILS,
          seconds: Math.round(seconds * 10) / 10,
          per_s: Math.round(EMAILS / seconds),
          lost: EMAILS - recipients.length,
          duplicates: recipients.filter(([, n]) => n > 1).length,
          marked_sent: Number(sent.n),
        }),
      )
    } finally {
      mailer.close()
      await new Promise<void>((resolve) => smtp.close(() => resolve()))
    }
  })
}

await main()
