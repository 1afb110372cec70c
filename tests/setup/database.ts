import { randomBytes } from 'node:crypto'
import postgres from 'postgres'
import { inject } from 'vitest'
import { connectDatabase, type DatabaseConnection } from '#db/connect.server.ts'
import { migrateDatabase, migrateOn } from '#db/migrate.server.ts'

/** The throwaway cluster the tests run against (see vitest-global-setup.ts). */
export function adminUrl(): string {
  return inject('adminUrl')
}

/** A new, empty database on the test cluster; returns its URL. */
export async function createDatabase(prefix = 'linli'): Promise<string> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`
  const admin = postgres(adminUrl(), { max: 1, onnotice: () => {} })
  try {
    await admin.unsafe(`create database "${name}"`)
  } finally {
    await admin.end()
  }
  const url = new URL(adminUrl())
  url.pathname = `/${name}`
  return url.toString()
}

/** A migrated database on real Postgres, with an open connection. */
export async function migratedPostgres(): Promise<DatabaseConnection & { url: string }> {
  const url = await createDatabase()
  await migrateDatabase({ databaseUrl: url, dataDir: 'unused' })
  return { ...connectDatabase({ databaseUrl: url, dataDir: 'unused' }), url }
}

/** A migrated in-memory PGlite database: the embedded default. */
export async function migratedPglite(): Promise<DatabaseConnection> {
  const connection = connectDatabase({ dataDir: 'memory://' })
  await migrateOn(connection.db)
  return connection
}
