import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, expect, test } from 'vitest'
import { connectDatabase } from '#db/connect.server.ts'

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'linli-lock-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

test('the embedded database refuses a second opener instead of being damaged by it', { timeout: 60_000 }, async () => {
  const first = connectDatabase({ dataDir })
  await first.db.execute(sql`select 1`)
  expect(() => connectDatabase({ dataDir })).toThrow(/is open in process \d+.*stop the running Linli/)
  await first.close()

  const again = connectDatabase({ dataDir })
  await again.db.execute(sql`select 1`)
  await again.close()
})
