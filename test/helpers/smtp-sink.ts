import { type ParsedMail, simpleParser } from 'mailparser'
import type { Kysely } from 'kysely'
import { SMTPServer } from 'smtp-server'
import type { Database } from '../../db/schema'
import { deliverDueEmails } from '../../app/services/outbox.server'
import { createMailer } from '../../app/utils/mail.server'

export interface SmtpSink {
  url: string
  received: ParsedMail[]
  /** Resolves once `count` messages have arrived. */
  waitFor(count: number, timeoutMs?: number): Promise<ParsedMail[]>
  /** While true, every message is refused with 451 (a server that is temporarily down). */
  refusing: boolean
  close(): Promise<void>
}

/** A real SMTP server on a free local port that keeps and parses what it receives. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: ParsedMail[] = []
  const waiters: Array<() => void> = []
  const state = { refusing: false }
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      if (!state.refusing) return callback()
      callback(Object.assign(new Error('Mailbox temporarily unavailable, try again later'), { responseCode: 451 }))
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail)
          for (const w of waiters.splice(0)) w()
          callback()
        })
        .catch(callback)
    },
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    get refusing() {
      return state.refusing
    },
    set refusing(value: boolean) {
      state.refusing = value
    },
    async waitFor(count, timeoutMs = 5_000) {
      const deadline = Date.now() + timeoutMs
      while (received.length < count) {
        if (Date.now() > deadline) throw new Error(`Expected ${count} messages, got ${received.length}`)
        await new Promise<void>((resolve) => {
          waiters.push(resolve)
          setTimeout(resolve, 100)
        })
      }
      return received
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/**
 * Runs the mail worker's rounds against `db` until nothing is due, sending to
 * the sink over SMTP, as the worker in `npm start` would.
 */
export async function deliverTo(sink: SmtpSink, db: Kysely<Database>, now = new Date()) {
  const mailer = createMailer({ smtpUrl: sink.url, from: 'Klimasamling <klimasamling@example.no>', mailDir: '/nonexistent' })
  try {
    for (;;) {
      const round = await deliverDueEmails(db, mailer, now)
      if (round.claimed === 0) return
    }
  } finally {
    mailer.close()
  }
}
