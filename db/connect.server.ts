import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js'
import postgres from 'postgres'
import * as schema from './schema/index.ts'

export type Schema = typeof schema
/** One typed handle, whichever driver is underneath. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0]
/** Anything queries can run on: the handle or an open transaction. */
export type Queryable = Database | Transaction

/** Session timeouts in milliseconds; 0 turns one off. */
export interface DatabaseTimeouts {
  statementMs: number
  lockMs: number
  idleInTransactionMs: number
}

/** No request may hang on a lock: a statement gives up after 10 s, a lock wait after 5 s. */
export const DEFAULT_TIMEOUTS: DatabaseTimeouts = { statementMs: 10_000, lockMs: 5_000, idleInTransactionMs: 30_000 }

export interface DatabaseConnection {
  db: Database
  driver: 'postgres' | 'pglite'
  close: () => Promise<void>
}

/**
 * Opens a connection: postgres.js against `databaseUrl` when given, otherwise an
 * embedded PGlite database in `dataDir` (or in memory for `memory://`). Opening has no
 * other side effects, so scripts and tests can open exactly the connections they need.
 */
export function connectDatabase({
  databaseUrl,
  dataDir,
  maxConnections = 10,
  timeouts = DEFAULT_TIMEOUTS,
}: {
  databaseUrl?: string
  dataDir: string
  maxConnections?: number
  timeouts?: DatabaseTimeouts
}): DatabaseConnection {
  if (databaseUrl) {
    const client = postgres(databaseUrl, {
      max: maxConnections,
      onnotice: () => {},
      connection: {
        statement_timeout: timeouts.statementMs,
        lock_timeout: timeouts.lockMs,
        idle_in_transaction_session_timeout: timeouts.idleInTransactionMs,
        TimeZone: 'UTC',
      },
    })
    return {
      db: drizzlePostgres(client, { schema, casing: 'snake_case' }) as unknown as Database,
      driver: 'postgres',
      close: () => client.end({ timeout: 5 }),
    }
  }
  if (dataDir === 'memory://') {
    const client = new PGlite()
    return {
      db: drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Database,
      driver: 'pglite',
      close: () => client.close(),
    }
  }
  const location = path.resolve(dataDir)
  mkdirSync(location, { recursive: true })
  const unlock = lockDataDir(location)
  const client = new PGlite(location)
  return {
    db: drizzlePglite(client, { schema, casing: 'snake_case' }) as unknown as Database,
    driver: 'pglite',
    close: async () => {
      await client.close()
      unlock()
    },
  }
}

/**
 * PGlite serves one process and has no lock of its own: a second process opening the
 * same directory (say `npm run db:seed` while the app runs) silently damages it. A pid
 * file refuses the second opener with a message that says what to do.
 */
function lockDataDir(location: string): () => void {
  const lockFile = path.join(location, 'linli.pid')
  try {
    writeFileSync(lockFile, String(process.pid), { flag: 'wx' })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    const holder = Number(readFileSync(lockFile, 'utf8'))
    if (holder && isRunning(holder)) {
      throw new Error(
        `The embedded database in ${location} is open in process ${holder}. ` +
          'It serves one process at a time: stop the running Linli (or script) first.',
      )
    }
    // Left behind by a process that has ended.
    writeFileSync(lockFile, String(process.pid))
  }
  return () => rmSync(lockFile, { force: true })
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
