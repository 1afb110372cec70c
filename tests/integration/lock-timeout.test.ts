import { readFileSync } from 'node:fs'
import postgres from 'postgres'
import { afterAll, beforeAll, expect, test } from 'vitest'
import type { DatabaseConnection } from '#db/connect.server.ts'
import { loggedInResidents, startApp, type AppProcess } from '#tests/fixtures/app-process.ts'
import { migratedPostgres } from '#tests/setup/database.ts'

/**
 * No request hangs on a lock: the app's sessions have a lock timeout (DB_LOCK_TIMEOUT_MS,
 * 5 s by default; 1 s here), a statement timeout and an idle-in-transaction timeout. A
 * request whose row another session holds gets the translated 503 page ("try again in a
 * moment") within the timeout, instead of waiting or a 500 — and succeeds once the lock
 * is gone.
 */
const LOCK_TIMEOUT_MS = 1_000

let database: DatabaseConnection & { url: string }
let app: AppProcess
let residentId: number
let cookie: string

beforeAll(async () => {
  database = await migratedPostgres()
  const { ids, cookies } = await loggedInResidents(database.db, 1, '135')
  residentId = ids[0]!
  cookie = cookies[0]!
  app = await startApp({
    env: { DATABASE_URL: database.url, JOBS: 'off', DB_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS) },
  })
}, 120_000)

afterAll(async () => {
  await app?.stop()
  await database?.close()
})

const unavailableTitle = (language: string) =>
  (
    JSON.parse(readFileSync(`public/locales/${language}/common.json`, 'utf8')) as {
      error: { unavailable: { title: string } }
    }
  ).error.unavailable.title

/** Saves the resident's profile (an update of their users row), as the page does. */
function saveProfile(path: string) {
  return fetch(`${app.origin}${path}`, {
    method: 'POST',
    headers: { Origin: app.origin, Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ intent: 'profile', name: '等锁的人', birthYear: '1970', preferredLocale: 'zh-CN' }),
    redirect: 'manual',
  })
}

test('a request blocked on a row another session holds gets the translated 503 within the lock timeout', async () => {
  const holder = postgres(database.url, { max: 1, onnotice: () => {} })
  try {
    await holder.begin(async (tx) => {
      await tx`select id from users where id = ${residentId} for update`
      for (const path of ['/account?index', '/account.data?index']) {
        const started = performance.now()
        const response = await saveProfile(path)
        const waited = performance.now() - started
        expect(response.status, path).toBe(503)
        expect(response.headers.get('retry-after'), path).toBe('10')
        const page = await response.text()
        for (const language of ['zh-CN', 'en'])
          expect(page, `${path} in ${language}`).toContain(unavailableTitle(language))
        expect(page).not.toMatch(/lock|timeout|canceling statement|at .*\.js/i)
        // Refused once the lock wait gave up, not after a statement timeout or never.
        expect(waited, path).toBeGreaterThan(LOCK_TIMEOUT_MS * 0.9)
        expect(waited, path).toBeLessThan(LOCK_TIMEOUT_MS + 4_000)
      }
    })
  } finally {
    await holder.end()
  }
  // The lock is gone: the same form saves.
  const saved = await saveProfile('/account?index')
  expect(saved.status).toBe(302)
})
