import type { Kysely } from 'kysely'

/** Placeholder: filled in by the change it is named for (issue 14). */
export async function up(_db: Kysely<any>): Promise<void> {}
