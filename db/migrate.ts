import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely'
import { migrations } from './migrations'

const provider: MigrationProvider = {
  getMigrations: async (): Promise<Record<string, Migration>> => migrations,
}

/** Runs every pending migration in order; throws if one fails. Returns the names it ran. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider })
  const { error, results = [] } = await migrator.migrateToLatest()
  if (error) {
    const failed = results.find((r) => r.status === 'Error')
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(failed ? `Migration ${failed.migrationName} failed: ${reason}` : `Migrations failed: ${reason}`)
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName)
}
