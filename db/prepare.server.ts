import { env } from '#app/utils/env.server.ts'
import { logger } from '#app/utils/logger.server.ts'
import type { Database } from './client.server.ts'
import { databaseDriver, db } from './client.server.ts'
import { migrateDatabase, migrateOn } from './migrate.server.ts'
import { districts } from './schema/index.ts'
import { seedDemoDistrict } from './seed/demo-district.ts'

/** The first start of an empty database gets the demo district; later starts leave data alone. */
async function seedIfEmpty(database: Database) {
  const [existing] = await database.select({ id: districts.id }).from(districts).limit(1)
  if (existing) return
  const started = performance.now()
  await seedDemoDistrict(database, { now: new Date() })
  logger.info({ ms: Math.round(performance.now() - started) }, 'seeded the demo district')
}

let prepared = false

/** Whether this process has brought the database up to date (readiness needs it). */
export function isDatabasePrepared() {
  return prepared
}

/**
 * Brings the database up to date at boot, before the server accepts requests. The
 * embedded database is one connection, so it migrates on the app's own handle.
 */
export async function prepareDatabase() {
  const started = performance.now()
  const afterMigrate = env.SEED_DEMO ? seedIfEmpty : undefined
  const { applied } =
    databaseDriver === 'pglite'
      ? await migrateOn(db, afterMigrate)
      : await migrateDatabase({ databaseUrl: env.DATABASE_URL, dataDir: env.DATA_DIR, afterMigrate })
  prepared = true
  logger.info({ driver: databaseDriver, applied, ms: Math.round(performance.now() - started) }, 'database ready')
}
