import path from 'node:path'
import { sql } from 'drizzle-orm'
import { readMigrationFiles } from 'drizzle-orm/migrator'
import { connectDatabase, DEFAULT_TIMEOUTS, type Database } from './connect.server.ts'

export const migrationsFolder = path.resolve(process.cwd(), 'db/migrations')

// Any constant shared by every Linli process; it names the lock held while migrating.
const MIGRATION_LOCK_ID = 7_345_001

/**
 * Applies pending migrations, then runs `afterMigrate` (the demo seed), while holding a
 * Postgres advisory lock: two processes starting at once take turns, and the second
 * finds nothing left to do.
 */
export async function migrateDatabase({
  databaseUrl,
  dataDir,
  afterMigrate,
}: {
  databaseUrl?: string
  dataDir: string
  afterMigrate?: (db: Database) => Promise<void>
}): Promise<{ applied: number }> {
  // One connection, so the lock, the migrations and the seed share a session. No statement
  // or lock timeout: a second process waits as long as the first takes to migrate and
  // seed, and a long migration (an index on a big table) is not cut off.
  const connection = connectDatabase({
    databaseUrl,
    dataDir,
    maxConnections: 1,
    timeouts: { ...DEFAULT_TIMEOUTS, statementMs: 0, lockMs: 0 },
  })
  try {
    return await migrateOn(connection.db, afterMigrate)
  } finally {
    await connection.close()
  }
}

/** The same, on a handle already open (the embedded database has only one). */
export async function migrateOn(db: Database, afterMigrate?: (db: Database) => Promise<void>) {
  await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_ID})`)
  try {
    const applied = await applyMigrations(db)
    await afterMigrate?.(db)
    return { applied }
  } finally {
    await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`)
  }
}

/** Drizzle's own bookkeeping table, so `drizzle-kit` tooling agrees with what ran. */
async function applyMigrations(db: Database) {
  const migrations = readMigrationFiles({ migrationsFolder })
  await db.execute(sql`create schema if not exists drizzle`)
  await db.execute(sql`create table if not exists drizzle.__drizzle_migrations (
    id serial primary key, hash text not null, created_at bigint)`)
  const result = await db.execute(
    sql`select created_at from drizzle.__drizzle_migrations order by created_at desc limit 1`,
  )
  const lastApplied = Number(rowsOf<{ created_at: string }>(result)[0]?.created_at ?? 0)
  const pending = migrations.filter((migration) => migration.folderMillis > lastApplied)
  if (pending.length === 0) return 0
  await db.transaction(async (tx) => {
    for (const migration of pending) {
      for (const statement of migration.sql) {
        if (statement.trim()) await tx.execute(sql.raw(statement))
      }
      await tx.execute(
        sql`insert into drizzle.__drizzle_migrations (hash, created_at) values (${migration.hash}, ${migration.folderMillis})`,
      )
    }
  })
  return pending.length
}

/** postgres.js returns rows as the result; PGlite wraps them in `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[]
  return ((result as { rows?: T[] }).rows ?? []) as T[]
}
