import { randomBytes } from 'node:crypto'
import { promises as fs } from 'node:fs'
import path from 'node:path'
import { simpleParser } from 'mailparser'
import nodemailer from 'nodemailer'
import type { Attachment } from 'nodemailer/lib/mailer'

export interface MailMessage {
  /** Overrides the transport's From. */
  from?: string
  to: string | string[]
  cc?: string | string[]
  replyTo?: string
  subject: string
  text: string
  html?: string
  attachments?: Attachment[]
}

export interface SentMail {
  messageId: string
  /** The .eml file the message was written to, when there is no SMTP server. */
  file?: string
}

export interface Mailer {
  send(message: MailMessage): Promise<SentMail>
  close(): void
}

/**
 * Sends over SMTP when `smtpUrl` is set; otherwise writes every message as an
 * .eml file in `mailDir`, for the development page /dev/mail.
 */
export function createMailer(options: { smtpUrl?: string; from: string; mailDir: string }): Mailer {
  if (options.smtpUrl) {
    // A few kept-open connections: the worker sends a batch at a time.
    const transport = nodemailer.createTransport({ url: options.smtpUrl, pool: true, maxConnections: 5 })
    return {
      async send(message) {
        const info = await transport.sendMail({ from: options.from, ...message })
        return { messageId: info.messageId }
      },
      close: () => transport.close(),
    }
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' })
  // The folder is made before the first message and again if it has gone since, not before every message.
  let folderMade = false
  return {
    async send(message) {
      const info = await transport.sendMail({ from: options.from, ...message })
      // Sortable by time, unique within the same millisecond.
      const file = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`
      const write = () => fs.writeFile(path.join(options.mailDir, file), info.message as Buffer)
      if (!folderMade) await fs.mkdir(options.mailDir, { recursive: true })
      folderMade = true
      await write().catch(async (error: unknown) => {
        if ((error as { code?: unknown }).code !== 'ENOENT') throw error
        await fs.mkdir(options.mailDir, { recursive: true })
        await write()
      })
      return { messageId: info.messageId, file }
    },
    close: () => transport.close(),
  }
}

export interface WrittenMail {
  file: string
  subject: string
  from: string
  to: string
  cc: string
  date: Date | null
  text: string
  html: string | null
}

const EML_FILE = /^[0-9TZ-]+-[0-9a-f]{8}\.eml$/

async function parseWritten(mailDir: string, file: string): Promise<WrittenMail> {
  const parsed = await simpleParser(await fs.readFile(path.join(mailDir, file)))
  const addresses = (a: typeof parsed.to) => (a ? (Array.isArray(a) ? a.map((x) => x.text).join(', ') : a.text) : '')
  return {
    file,
    subject: parsed.subject ?? '(uten emne)',
    from: addresses(parsed.from),
    to: addresses(parsed.to),
    cc: addresses(parsed.cc),
    date: parsed.date ?? null,
    text: parsed.text ?? '',
    html: parsed.html || null,
  }
}

/** The messages written to `mailDir`, newest first. */
export async function listWrittenMail(mailDir: string, limit = 200): Promise<WrittenMail[]> {
  const files = await fs.readdir(mailDir).catch(() => [] as string[])
  const newest = files
    .filter((f) => EML_FILE.test(f))
    .sort()
    .reverse()
    .slice(0, limit)
  return Promise.all(newest.map((f) => parseWritten(mailDir, f)))
}

/** One written message, or null for a name that is not one of ours. */
export async function readWrittenMail(mailDir: string, file: string): Promise<WrittenMail | null> {
  if (!EML_FILE.test(file)) return null
  return parseWritten(mailDir, file).catch(() => null)
}
