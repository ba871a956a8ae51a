/**
 * npm run organiser:add -- <email> "<name>"
 * Makes the person an organiser of every event in the database (creating the
 * user if needed) and prints what it did. Uses DATABASE_URL, or the embedded
 * PostgreSQL under DATA_DIR as `npm start` does.
 */
import { openDatabase } from '../../db/open-database'
import { emailField } from '../domain/forms'
import { addOrganiser } from '../services/users.server'
import { parseEnv } from '../utils/env.server'

const [rawEmail, name] = process.argv.slice(2)
const email = emailField.safeParse(rawEmail)
if (!email.success || !name?.trim()) {
  console.error('Usage: npm run organiser:add -- <email> "<name>"')
  process.exit(2)
}

try {
  const env = parseEnv(process.env)
  const database = await openDatabase({
    databaseUrl: env.databaseUrl,
    dataDir: env.dataDir,
    seed: env.seed,
    log: (line) => console.log(`[klimasamling] ${line}`),
  })
  try {
    const { user, events } = await addOrganiser(database.db, { email: email.data, name: name.trim() })
    console.log(`${user.name} <${user.email}> is an organiser.`)
    if (events.length === 0) console.log('There are no events yet.')
    for (const event of events) console.log(`  organiser of: ${event.title}`)
  } finally {
    await database.close()
  }
} catch (error) {
  console.error(`[klimasamling] ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
