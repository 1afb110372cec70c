import { env } from '#app/utils/env.server.ts'
import { connectDatabase, type Database, type DatabaseConnection } from './connect.server.ts'

export type { Database, DatabaseConnection, Queryable, Schema, Transaction } from './connect.server.ts'

declare global {
  // Kept across the dev server's rebuilds so they don't open a new pool each time.
  var __linliDatabase: DatabaseConnection | undefined
}

function appConnection() {
  globalThis.__linliDatabase ??= connectDatabase({
    databaseUrl: env.DATABASE_URL,
    dataDir: env.DATA_DIR,
    maxConnections: env.DB_POOL_SIZE,
    timeouts: {
      statementMs: env.DB_STATEMENT_TIMEOUT_MS,
      lockMs: env.DB_LOCK_TIMEOUT_MS,
      idleInTransactionMs: env.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
  })
  return globalThis.__linliDatabase
}

/**
 * The app's database handle, opened when the server first imports it. Only
 * app/models/*.server.ts and db/ use it.
 */
export const db: Database = appConnection().db
export const databaseDriver = appConnection().driver

export async function closeDatabase() {
  const connection = globalThis.__linliDatabase
  globalThis.__linliDatabase = undefined
  await connection?.close()
}
