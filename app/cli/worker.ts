/**
 * npm run worker
 * Runs the outbox's mail worker alone, for a deployment that starts the web
 * processes with MAIL_WORKER=false. Several workers may run at once: each
 * claims rows with FOR UPDATE SKIP LOCKED, so no email is sent twice. Stops
 * on SIGINT/SIGTERM after the round in flight.
 */
import { openDatabase } from '../../db/open-database'
import { startMailWorker } from '../services/outbox.server'
import { scheduledJobs } from '../services/scheduled-jobs.server'
import { parseEnv } from '../utils/env.server'
import { createMailer } from '../utils/mail.server'

const log = (line: string) => console.log(`[klimasamling worker] ${line}`)

try {
  const env = parseEnv(process.env)
  const database = await openDatabase({ databaseUrl: env.databaseUrl, poolSize: env.databasePoolSize, dataDir: env.dataDir, seed: false, log })
  const mailer = createMailer({ smtpUrl: env.smtpUrl, from: env.mailFrom, mailDir: env.mailDir })
  const jobs = scheduledJobs(database.db, { from: env.mailFrom, appUrl: env.appUrl })
  const worker = startMailWorker({ db: database.db, mailer, now: () => env.testNow ?? new Date(), intervalMs: env.mailPollMs, log, jobs })
  log(env.smtpUrl ? 'Delivering queued mail over SMTP' : `Writing queued mail to ${env.mailDir}`)
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    log(`${signal} received, stopping`)
    await worker.stop()
    mailer.close()
    await database.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop('SIGINT'))
  process.on('SIGTERM', () => void stop('SIGTERM'))
} catch (error) {
  console.error(`[klimasamling worker] ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
