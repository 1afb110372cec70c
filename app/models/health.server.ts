import { sql } from 'drizzle-orm'
import { db } from '#db/client.server.ts'
import { isDatabasePrepared } from '#db/prepare.server.ts'

export async function checkDatabase(): Promise<boolean> {
  try {
    await db.execute(sql`select 1`)
    return true
  } catch {
    return false
  }
}

/** Ready for traffic: this process has migrated the database, and it answers. */
export async function isReady(): Promise<boolean> {
  return isDatabasePrepared() && (await checkDatabase())
}
