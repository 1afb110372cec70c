import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { sql } from 'drizzle-orm'
import { readMigrationFiles } from 'drizzle-orm/migrator'
import { expect, test } from 'vitest'
import { connectDatabase } from '#db/connect.server.ts'
import { migrateDatabase, migrateOn, migrationsFolder, rowsOf } from '#db/migrate.server.ts'
import { seedDemoDistrict } from '#db/seed/demo-district.ts'
import { startApp } from '#tests/fixtures/app-process.ts'
import { miscountedSlots } from '#tests/fixtures/slot-counters.ts'
import { changedTables, tableChecksums } from '#tests/fixtures/table-checksums.ts'
import { createDatabase, migratedPostgres } from '#tests/setup/database.ts'

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

/** The schema as pg_dump prints it: tables, columns, indexes, constraints, triggers, functions. */
function schemaDump(url: string) {
  const root = '/usr/lib/postgresql'
  const version = readdirSync(root)
    .filter((name) => existsSync(`${root}/${name}/bin/pg_dump`))
    .sort((a, b) => Number(b) - Number(a))[0]
  const dump = execFileSync(`${root}/${version}/bin/pg_dump`, ['--schema-only', '--no-owner', url], {
    encoding: 'utf8',
  })
  // Newer pg_dump releases wrap the dump in \restrict <random key> … \unrestrict <key>.
  return dump.replace(/^\\(un)?restrict .*$/gm, '')
}

test(
  'two app processes starting together on an empty database both serve; the migrations and the demo seed run once; a third start changes nothing',
  { timeout: 240_000 },
  async () => {
    const url = await createDatabase('boot')
    // A lock timeout far shorter than migrating and seeding the demo (seconds): the second
    // process must wait for the first's advisory lock, not give up and exit. (It did: the
    // app's 5 s lock timeout applied to the migration session too.)
    const env = { DATABASE_URL: url, SEED_DEMO: 'true', JOBS: 'off', DB_LOCK_TIMEOUT_MS: '300' }
    const both = await Promise.all([startApp({ env, timeoutMs: 180_000 }), startApp({ env, timeoutMs: 180_000 })])
    const connection = connectDatabase({ databaseUrl: url, dataDir: 'unused' })
    try {
      const counts = rowsOf<{ districts: number; migrations: number }>(
        await connection.db.execute(sql`select (select count(*) from districts)::int as districts,
          (select count(*) from drizzle.__drizzle_migrations)::int as migrations`),
      )[0]
      expect(counts).toEqual({ districts: 1, migrations: readMigrationFiles({ migrationsFolder }).length })
      const before = { schema: schemaDump(url), data: await tableChecksums(connection) }
      expect(await Promise.all(both.map((app) => app.stop()))).toEqual([0, 0])

      // A third process, and a plain migration run: nothing left to do, nothing changed.
      const third = await startApp({ env })
      expect(await third.stop()).toBe(0)
      expect(await migrateDatabase({ databaseUrl: url, dataDir: 'unused' })).toEqual({ applied: 0 })
      expect(schemaDump(url)).toBe(before.schema)
      expect(changedTables(before.data, await tableChecksums(connection))).toEqual([])
    } finally {
      await connection.close()
    }
  },
)

test('slot_figures counts the bookings and ratings a database already holds when it is applied', async () => {
  const connection = await migratedPostgres()
  try {
    await migrateOn(connection.db, (db) => seedDemoDistrict(db, { now: new Date() }))
    // The migration's own statements that fill the new counters, run on the demo's slots
    // with those counters put back to zero as they were before it.
    const fillsCounters = (statement: string) => /^UPDATE slots s/m.test(statement)
    const figures = readMigrationFiles({ migrationsFolder })
      .find((migration) => migration.sql.some(fillsCounters))!
      .sql.filter(fillsCounters)
    expect(figures).toHaveLength(2)
    // The guard the migration extends last refuses these updates once it has run.
    await connection.db.execute(sql`alter table slots disable trigger slots_counts_guard`)
    await connection.db.execute(sql`update slots set attended_count = 0, no_show_count = 0, waitlist_demand = 0,
      cancelled_seats = 0, rating_sum = 0, rating_count = 0`)
    expect((await miscountedSlots(connection.db)).length).toBeGreaterThan(0)
    for (const statement of figures) await connection.db.execute(sql.raw(statement))
    await connection.db.execute(sql`alter table slots enable trigger slots_counts_guard`)
    expect(await miscountedSlots(connection.db)).toEqual([])
  } finally {
    await connection.close()
  }
})
