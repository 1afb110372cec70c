import { sql } from 'drizzle-orm'
import type { Queryable } from '#db/connect.server.ts'
import { rowsOf } from '#db/migrate.server.ts'

/** Every table of the app (drizzle's own bookkeeping lives in another schema). */
export async function truncateApplicationTables(db: Queryable): Promise<void> {
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

export async function summary(db: Queryable): Promise<string> {
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
