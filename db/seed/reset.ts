/**
 * `npm run db:seed`: empties the database and seeds the demo district afresh.
 * Migrations run first, so this also works on a database that was never started.
 * The embedded database serves one process: connectDatabase refuses while the app runs.
 */
import { sql } from 'drizzle-orm'
import { connectDatabase, type Queryable } from '#db/connect.server.ts'
import { migrateOn, rowsOf } from '#db/migrate.server.ts'
import { seedDemoDistrict } from '#db/seed/demo-district.ts'

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

/** Every table of the app (drizzle's own bookkeeping lives in another schema). */
async function truncateApplicationTables(db: Queryable): Promise<void> {
  const tables = rowsOf<{ tablename: string }>(
    await db.execute(sql`select tablename from pg_tables where schemaname = 'public' order by tablename`),
  )
  if (tables.length === 0) return
  const names = sql.join(
    tables.map((table) => sql`${sql.identifier('public')}.${sql.identifier(table.tablename)}`),
    sql`, `,
  )
  await db.execute(sql`truncate table ${names} restart identity cascade`)
}

async function summary(db: Queryable): Promise<string> {
  const [counts] = rowsOf<Record<'centres' | 'services' | 'slots' | 'bookings', number | string>>(
    await db.execute(sql`select
      (select count(*) from centres) as centres,
      (select count(*) from services) as services,
      (select count(*) from slots) as slots,
      (select count(*) from bookings) as bookings`),
  )
  const count = (value: number | string | undefined) => Number(value ?? 0).toLocaleString('en')
  return `${count(counts?.centres)} centres, ${count(counts?.services)} services, ${count(counts?.slots)} slots, ${count(counts?.bookings)} bookings`
}
