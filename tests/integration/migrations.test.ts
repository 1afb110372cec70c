import { sql } from 'drizzle-orm'
import { expect, test } from 'vitest'
import { connectDatabase } from '#db/connect.server.ts'
import { migrateDatabase, rowsOf } from '#db/migrate.server.ts'
import { createDatabase } from '#tests/setup/database.ts'

async function schemaFingerprint(url: string) {
  const connection = connectDatabase({ databaseUrl: url, dataDir: 'unused' })
  try {
    const result = await connection.db.execute(sql`
      select (select count(*) from information_schema.tables where table_schema = 'public')::int as tables,
             (select count(*) from pg_indexes where schemaname = 'public')::int as indexes,
             (select count(*) from drizzle.__drizzle_migrations)::int as migrations`)
    return rowsOf<{ tables: number; indexes: number; migrations: number }>(result)[0]
  } finally {
    await connection.close()
  }
}

test('two processes migrating at once take turns, and a later run changes nothing', async () => {
  const url = await createDatabase()
  // Separate connections, as two app processes starting together would have.
  const results = await Promise.all([
    migrateDatabase({ databaseUrl: url, dataDir: 'unused' }),
    migrateDatabase({ databaseUrl: url, dataDir: 'unused' }),
  ])
  const applied = results.map((result) => result.applied).sort()
  expect(applied[0]).toBe(0)
  expect(applied[1]).toBeGreaterThan(0)
  const before = await schemaFingerprint(url)
  expect(before?.tables).toBeGreaterThan(15)
  expect(before?.migrations).toBe(applied[1])

  expect(await migrateDatabase({ databaseUrl: url, dataDir: 'unused' })).toEqual({ applied: 0 })
  expect(await schemaFingerprint(url)).toEqual(before)
})
