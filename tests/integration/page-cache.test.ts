import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { connectDatabase, type DatabaseConnection } from '#db/connect.server.ts'
import { migrateDatabase } from '#db/migrate.server.ts'
import { centres, services, slots } from '#db/schema/index.ts'
import { loggedInResidents, startApp, type AppProcess } from '#tests/fixtures/app-process.ts'
import { createCentre, createService, createSlot } from '#tests/fixtures/factories.ts'
import { createDatabase } from '#tests/setup/database.ts'

/**
 * The page cache (app/utils/page-cache.server.ts) against a real app process: anonymous
 * pages are kept for PAGE_CACHE_MS, every response keeps its own CSP nonce, a change made
 * through the app shows at once, and nothing personal is ever kept.
 */
const TTL_MS = 1500

let connection: DatabaseConnection
let app: AppProcess
let servicePage: string
let slotId: number
let residentCookie: string

beforeAll(async () => {
  const url = await createDatabase('cache')
  await migrateDatabase({ databaseUrl: url, dataDir: 'unused' })
  connection = connectDatabase({ databaseUrl: url, dataDir: 'unused' })
  const { db } = connection
  const centre = await createCentre(db)
  const service = await createService(db, { centreId: centre.id })
  slotId = (await createSlot(db, { serviceId: service.id, capacity: 5 })).id
  const [names] = await db
    .select({ centre: centres.slug, service: services.slug })
    .from(services)
    .innerJoin(centres, eq(centres.id, services.centreId))
    .where(eq(services.id, service.id))
  servicePage = `/centres/${names!.centre}/services/${names!.service}`
  residentCookie = (await loggedInResidents(db, 1, '137')).cookies[0]!
  app = await startApp({ env: { DATABASE_URL: url, PAGE_CACHE_MS: String(TTL_MS) } })
}, 120_000)

afterAll(async () => {
  await app?.stop()
  await connection?.close()
})

async function get(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${app.origin}${path}`, { headers: { 'Accept-Language': 'en', ...headers } })
  const body = await response.text()
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1] ?? ''
  return {
    status: response.status,
    cache: response.headers.get('x-linli-cache'),
    cacheControl: response.headers.get('cache-control'),
    nonce,
    body,
    /** The page with this response's nonce taken out, to compare two responses' content. */
    content: body.replaceAll(nonce, 'NONCE'),
  }
}

const placesLeft = (html: string) => /(\d+) places? left \(of 5\)/.exec(html)?.[1]

test('an anonymous page is rendered once and then served again, each time with its own nonce', async () => {
  await new Promise((resolve) => setTimeout(resolve, TTL_MS))
  const first = await get(servicePage)
  const second = await get(servicePage)
  expect([first.status, first.cache, second.status, second.cache]).toEqual([200, 'miss', 200, 'hit'])
  expect(placesLeft(second.body)).toBe('5')
  expect(second.nonce).not.toBe(first.nonce)
  // Every script of the kept page carries this response's nonce, none the first one's.
  expect(second.body).toContain(`nonce="${second.nonce}"`)
  expect(second.body).not.toContain(first.nonce)
  expect(second.content).toBe(first.content)
})

test('each language is kept apart', async () => {
  const english = await get(servicePage)
  const chinese = await get(servicePage, { 'Accept-Language': 'zh-CN' })
  expect(english.body).toContain('<html lang="en"')
  expect(chinese.body).toContain('<html lang="zh-CN"')
})

test('a booking made through the app shows on the next anonymous view, not a second later', async () => {
  const before = await get(servicePage)
  expect(placesLeft(before.body)).toBe('5')
  const booked = await fetch(`${app.origin}/book/${slotId}`, {
    method: 'POST',
    headers: { Cookie: residentCookie, Origin: app.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ attendee: 'self', idempotencyKey: randomUUID() }),
    redirect: 'manual',
  })
  expect(booked.status).toBe(303)
  const after = await get(servicePage)
  expect(after.cache).toBe('miss')
  expect(placesLeft(after.body)).toBe('4')
})

test('a change made elsewhere (another process, a job) shows once the kept page expires', async () => {
  await get(servicePage)
  await connection.db.update(slots).set({ capacity: 6 }).where(eq(slots.id, slotId))
  const kept = await get(servicePage)
  expect(kept.cache).toBe('hit')
  await new Promise((resolve) => setTimeout(resolve, TTL_MS + 100))
  const fresh = await get(servicePage)
  expect(fresh.cache).toBe('miss')
  expect(fresh.body).toMatch(/5 places left \(of 6\)/)
})

test('a logged-in resident is never served a kept page, and their pages are not stored', async () => {
  for (let round = 0; round < 2; round++) {
    const page = await get(servicePage, { Cookie: residentCookie })
    expect(page.status).toBe(200)
    expect(page.cache).toBeNull()
    expect(page.cacheControl).toBe('no-store')
  }
  const bookings = await get('/bookings', { Cookie: residentCookie })
  expect(bookings.cache).toBeNull()
  // Not found is not kept either.
  const missing = await get('/centres/no-such-centre')
  const again = await get('/centres/no-such-centre')
  expect([missing.status, again.status, again.cache]).toEqual([404, 404, 'miss'])
})

test('many visitors arriving as the page expires share one render, each with its own nonce', async () => {
  await new Promise((resolve) => setTimeout(resolve, TTL_MS + 100))
  const pages = await Promise.all(Array.from({ length: 20 }, () => get(servicePage)))
  expect(pages.map((page) => page.status)).toEqual(Array(20).fill(200))
  expect(pages.filter((page) => page.cache === 'miss')).toHaveLength(1)
  expect(pages.filter((page) => page.cache === 'hit')).toHaveLength(19)
  expect(new Set(pages.map((page) => page.content)).size).toBe(1)
  expect(new Set(pages.map((page) => page.nonce)).size).toBe(20)
  pages.forEach((page) => expect(page.body).toContain(`nonce="${page.nonce}"`))
})

test('visitors waiting on a page that cannot be kept render their own', async () => {
  const pages = await Promise.all(Array.from({ length: 5 }, () => get('/centres/no-such-centre')))
  expect(pages.map((page) => [page.status, page.cache])).toEqual(Array(5).fill([404, 'miss']))
})
