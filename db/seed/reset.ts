/**
 * `npm run db:seed`: empties the database and seeds the demo district afresh.
 * Migrations run first, so this also works on a database that was never started.
 * The embedded database serves one process: connectDatabase refuses while the app runs.
 */
import { connectDatabase } from '#db/connect.server.ts'
import { migrateOn } from '#db/migrate.server.ts'
import { seedDemoDistrict } from '#db/seed/demo-district.ts'
import { summary, truncateApplicationTables } from '#db/seed/tables.ts'

const connection = connectDatabase({
  databaseUrl: process.env.DATABASE_URL || undefined,
  dataDir: process.env.DATA_DIR ?? './.data',
})
try {
  const startedAt = performance.now()
  await migrateOn(connection.db, async (db) => {
    // One transaction: if seeding fails, the old data is still there.
    await db.transaction(async (tx) => {
      await truncateApplicationTables(tx)
      await seedDemoDistrict(tx, { now: new Date() })
    })
  })
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(1)
  console.log(`Seeded the demo district in ${seconds} s: ${await summary(connection.db)}`)
} finally {
  await connection.close()
}
