/**
 * npm run db:migrate   migrate the database to the latest schema
 * npm run db:seed      migrate, then seed it if it is empty
 * Uses DATABASE_URL, or the embedded PostgreSQL under DATA_DIR as `npm start` does.
 */
import { parseEnv } from '../app/utils/env.server'
import { openDatabase } from './open-database'

const command = process.argv[2]
if (command !== 'migrate' && command !== 'seed') {
  console.error('Usage: tsx db/cli.ts migrate|seed')
  process.exit(2)
}

try {
  const env = parseEnv(process.env)
  const log = (line: string) => console.log(`[klimasamling] ${line}`)
  const database = await openDatabase({ databaseUrl: env.databaseUrl, dataDir: env.dataDir, seed: command === 'seed', log })
  log(`Database ${database.description} is up to date`)
  await database.close()
} catch (error) {
  console.error(`[klimasamling] ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
}
